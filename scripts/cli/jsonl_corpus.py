"""Writes crates/cli/tests/testsuite/jsonl/corpus.jsonl: the input lines of the `--jsonl`
golden test (crates/cli/tests/testsuite/jsonl.rs).

The lines mix values every parameter accepts, values with problems the service would refuse,
values the AWS CLI refuses, and lines that are not arrays of strings. Part is written by hand,
part drawn at random from a fixed seed, so the file is the same on every run:

    python3 scripts/cli/jsonl_corpus.py

The golden outputs are the records of the build that wrote them; `IDPOOL_BLESS=1 cargo test -p
idpool-cli --test testsuite jsonl` rewrites them.
"""
import json
import os
import random

SEED = ('ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",'
        'ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false')

HAND = [
    [SEED],
    [SEED, 'ProviderName=b,ClientId=c,ServerSideTokenCheck=TRUE'],
    ['ProviderName=a,ClientId=b'],
    ['ProviderName=a,ClientId=b,ServerSideTokenCheck=yes', 'ProviderNmae=a,ClientId=b'],
    ['ServerSideTokenCheck=[a]'],
    ['ClientId=a,ClientId=b'],
    [],
    [''],
    ['', ''],
    [' '],
    ['a'],
    ['a=b,c'],
    ['a=='],
    ['a=[b,{c=d}]'],
    ['x=1', 'y=2'],
    ['a=1', 'b=2', 'c=3'],
    ['a=1', '--foo', 'c'],
    ['a=1', '-1'],
    ['a=1', '--s', 'x'],
    ['a=1', '--identity-pool-name', 'x'],
    ['-p'],
    ['-p', 'q'],
    ['graph.facebook.com=1'],
    ['graph.facebook.com=1,accounts.google.com=2'],
    ['graph.facebook.com=1', 'accounts.google.com=2'],
    ['graph.facebook.com=[a]'],
    ['k=' + 'v' * 300],
    ['k' * 130 + '=v'],
    ['=v'],
    ['aws:k=v'],
    [','.join(f'k{i}=v{i}' for i in range(12))],
    [','.join(f'k{i}=v{i}' for i in range(60))],
    ['{"team": "a", "env": "b"}'],
    [' {"team": "a", "env": null}'],
    ['{"team": 1}'],
    ['{"team": "a", "team": "b"}'],
    ['{bad json'],
    ['[1]'],
    ['["a", "b"]'],
    ['[{"ProviderName": "a", "ClientId": "b", "ServerSideTokenCheck": "false"}]'],
    ['[{"ProviderName": null}]'],
    ['[null, 1, true, "x", [], {}]'],
    ['[{"ProviderName": "a\\u0000b", "ClientId": "\\ud83d\\ude00"}]'],
    ['[' * 126 + ']' * 126],
    ['[' * 127 + ']' * 127],
    ['[' * 128 + ']' * 128],
    ['[' * 129 + ']' * 129],
    ['{"k": ' + '[' * 126 + ']' * 126 + '}'],
    ['{"k": ' + '[' * 127 + ']' * 127 + '}'],
    ['file://missing-file.txt'],
    ['fileb://missing-file.bin'],
    ['https://example.com/x'],
    ['k@=file://missing-file.txt'],
    ['us-east-1:11111111-1111-1111-1111-111111111111'],
    ['us-east-1_AbC'],
    ['café'],
    ['a b'],
    [' p '],
    ['p\n'],
    ['true'],
    ['false'],
    ['FALSE'],
    ['arn:aws:iam::123456789012:oidc-provider/example.com'],
    ['arn:aws:iam::123456789012:oidc-provider/example.com', 'arn:short'],
    ['arn:a,b', 'arn:c'],
    ['ProviderName="a b",ClientId=\'c d\''],
    ['ProviderName=a\\,b'],
    ['ProviderName=  a  ,ClientId= b'],
    ['ProviderName="\\"quoted\\""'],
    ['ProviderName=é,ClientId=ü'],
    ['ProviderName=\u2028,ClientId=\x7f'],
    ['ProviderName=\x01'],
    ['Value=x'],
    ['a={b={c={d=e}}}'],
    ['a=[[[[b]]]]'],
    ['a=[' * 20 + ']' * 20],
    ['ClientId=-'] * 3,
    ['ClientId=-,ProviderName=' + 'p' * 200],
]

KEYS = ['ProviderName', 'ClientId', 'ServerSideTokenCheck', 'Unknown', 'clientid', 'graph.facebook.com',
        'k', 'aws:x', '']
VALUES = ['a', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc', 'abc_123', 'false', 'True', 'no',
          '', '"quoted value"', "'single'", '"a,b"', 'x' * 129, 'é', 'a b', ' a', '[a,b]', '[]',
          '{x=y}', '{}', '-', 'a:b', 'arn:aws:iam::123456789012:saml-provider/x', '"\\"', '\\"',
          'a=b', '"unclosed', '[a', 'p@=x']


def random_value(rng):
    """A shorthand value of one to four entries, or a scalar, or JSON."""
    roll = rng.random()
    if roll < 0.1:
        return rng.choice(VALUES)
    if roll < 0.2:
        items = [{rng.choice(KEYS): rng.choice(VALUES)} for _ in range(rng.randrange(3))]
        return json.dumps(items if rng.random() < 0.5 else items[0] if items else {})
    entries = []
    for _ in range(rng.randrange(1, 5)):
        entries.append(f'{rng.choice(KEYS)}={rng.choice(VALUES)}')
    return ','.join(entries)


def main():
    rng = random.Random(11)
    lines = [json.dumps(values, ensure_ascii=rng.random() < 0.5) for values in HAND]
    for _ in range(400):
        values = [random_value(rng) for _ in range(rng.choice([0, 1, 1, 1, 1, 2, 2, 3]))]
        lines.append(json.dumps(values, ensure_ascii=rng.random() < 0.5))
    # Lines that are not arrays of strings.
    lines += ['', 'not json', '{"a": 1}', '[1, 2]', '["a"', '["a"] x', '  ["a=b"]  ', '[null]',
              '["\\ud800"]']
    # Many problems: more than the diagnostics limit.
    lines.append(json.dumps(['ClientId=-'] * 1005))
    lines.append(json.dumps(['[' + ','.join(['{"ClientId": 1}'] * 1200) + ']']))
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, '../../crates/cli/tests/testsuite/jsonl/corpus.jsonl')
    with open(out, 'wb') as f:
        for line in lines:
            f.write(line.encode() + b'\n')
        # A line that is not UTF-8, and a last line without its newline.
        f.write(b'["a=\xff"]\n')
        f.write(b'["ProviderName=last"]')


if __name__ == '__main__':
    main()
