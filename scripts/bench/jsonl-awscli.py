"""Times awscli's own in-process shorthand parse + typing of every value of a `--jsonl` file, for
scripts/bench/jsonl.sh.

Each line is a JSON array of strings, the values of `--cognito-identity-providers`; each value
goes through `ShorthandParser().parse` and `BackCompatVisitor().visit` with the shape of one
provider, as in scripts/shorthand/bench-awscli.py. Reading and decoding the lines is not timed.
Prints the best time of REPEAT runs over the whole file, in seconds.

    .venv/bin/python scripts/bench/jsonl-awscli.py FILE [REPEAT]
"""
import json
import sys
import time

from awscli.botocore.session import Session
from awscli.shorthand import BackCompatVisitor, ShorthandParser


def main():
    path = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, encoding='utf-8') as f:
        values = [value for line in f for value in json.loads(line)]
    provider = (Session().get_service_model('cognito-identity')
                .operation_model('UpdateIdentityPool').input_shape
                .members['CognitoIdentityProviders'].member)
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        for text in values:
            value = ShorthandParser().parse(text)
            BackCompatVisitor().visit(value, provider)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f'{best:.4f}')


if __name__ == '__main__':
    main()
