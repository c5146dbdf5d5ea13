"""Times awscli's own in-process shorthand parse + typing on the inputs of
crates/shorthand/benches/parse.rs, for docs/benchmarks.md.

Run with the awscli 1.46.2 virtualenv: `.venv/bin/python scripts/shorthand/bench-awscli.py`
(`bash scripts/shorthand/venv.sh` creates it); `--seed-only` skips the sized inputs, which take
about two minutes.
"""
import sys
import timeit

from awscli.botocore.session import Session
from awscli.shorthand import BackCompatVisitor, ShorthandParser

SEED = ('ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",'
        'ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false')


def map_input(size):
    """The same map input as the Rust benchmark's `map_input`."""
    parts, length, i = [], 0, 0
    while length < size:
        if i % 10 == 0:
            part = f'key-{i:06}="quoted, value {i:06}"'
        else:
            part = f'key-{i:06}=value-{i:06}'
        length += len(part) + (1 if parts else 0)
        parts.append(part)
        i += 1
    return ','.join(parts)


def best_of(fn, repeat, number):
    """The fastest mean time per call over `repeat` runs of `number` calls, in seconds."""
    return min(timeit.repeat(fn, repeat=repeat, number=number)) / number


def main():
    members = (Session().get_service_model('cognito-identity')
               .operation_model('UpdateIdentityPool').input_shape.members)
    provider = members['CognitoIdentityProviders'].member
    tags = members['IdentityPoolTags']

    def run(text, shape):
        value = ShorthandParser().parse(text)
        BackCompatVisitor().visit(value, shape)
        return value

    seed = best_of(lambda: run(SEED, provider), repeat=5, number=20000)
    print(f'seed ({len(SEED)} bytes): {seed * 1e6:.2f} us')
    if '--seed-only' in sys.argv:
        return
    # awscli slices the rest of its input at every token, so its time grows with the square of
    # the input size: the larger inputs run once.
    for size, repeat, number in [(1_000, 3, 2000), (100_000, 1, 2), (1_000_000, 1, 1)]:
        text = map_input(size)
        t = best_of(lambda: run(text, tags), repeat=repeat, number=number)
        print(f'map {size} ({len(text)} bytes): {t * 1e3:.3f} ms, {len(text) / t / 1e6:.2f} MB/s')


if __name__ == '__main__':
    main()
