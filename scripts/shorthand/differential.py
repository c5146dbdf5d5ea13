"""Differential test: random shorthand inputs through awscli and through `idpool shorthand`.

Run through differential.sh. Generates --count random inputs (reproducible with --seed) biased
towards the characters and structures where the grammar is subtle, runs each through awscli
in-process and all of them through one `idpool shorthand --jsonl` process, and compares:

* untyped mode (default): `ShorthandParser().parse(s)` against `idpool shorthand --jsonl`;
* typed mode (--param MEMBER): the CLI's processing of the argv tokens of that
  update-identity-pool argument against `idpool shorthand --param MEMBER --jsonl`.

A different value, or a value on one side and an error on the other, is a value difference;
two errors whose `aws_error` is not awscli's message are an error-wording difference. Every
difference goes to target/differential/differences.jsonl. Exit status 1 when there is any
value difference.
"""

import argparse
import contextlib
import json
import random
import subprocess
import sys
from pathlib import Path

import aws_reference
from aws_reference import FILES_DIR, REPO_ROOT

OUTPUT = REPO_ROOT / "target" / "differential" / "differences.jsonl"
DEFAULT_BINARY = REPO_ROOT / "target" / "debug" / "idpool"
TYPED_PARAMS = (
    "CognitoIdentityProviders",
    "SupportedLoginProviders",
    "IdentityPoolTags",
    "OpenIdConnectProviderARNs",
    "SamlProviderARNs",
)

KEY_CHARS = "abcXYZ019-_.#/:"
PLAIN_CHARS = "abcxyzABC0189-_./:;~!#$%&()*+<>?^|`"
SYNTAX_CHARS = "=,[]{}'\"@\\"
ASCII_WHITESPACE = " \t\n\r\x0b\x0c"
UNICODE_WHITESPACE = "\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000"
CONTROL_CHARS = "\x00\x01\x08\x0e\x1b\x7f"
OTHER_CHARS = "é✓\ufeff\ufffd\uffff\u200b\U0001f600\U0001d11e"
FILE_VALUES = (
    "file://hello.txt",
    "fileb://bin.dat",
    "file://crlf.txt",
    "file://unicode.txt",
    "file://missing.txt",
    "file://",
)
BOOLEAN_TEXTS = (
    "true",
    "false",
    "TRUE",
    "False",
    "maybe",
    "",
    "1",
    " true",
    "'true'",
    '"false"',
    "true ",
)
COGNITO_KEYS = ("ProviderName", "ClientId", "ServerSideTokenCheck")
MAX_DEPTH = 20


class ShorthandGenerator:
    """Random shorthand text, mostly well-formed, with the grammar's corner cases mixed in."""

    def __init__(self, rng, allow_nul=True):
        self.rng = rng
        self.allow_nul = allow_nul
        self.noise = 0.2

    def chance(self, probability):
        """True with the given probability."""
        return self.rng.random() < probability

    def char(self):
        """One character: plain, or with probability `noise` one that matters to the grammar."""
        if not self.chance(self.noise):
            return self.rng.choice(PLAIN_CHARS)
        pools = [
            (SYNTAX_CHARS, 6),
            (ASCII_WHITESPACE, 5),
            (UNICODE_WHITESPACE, 5),
            (OTHER_CHARS, 5),
            (CONTROL_CHARS, 2),
        ]
        pool = self.rng.choices([p for p, _ in pools], weights=[w for _, w in pools])[0]
        char = self.rng.choice(pool)
        return char if char != "\x00" or self.allow_nul else "\x01"

    def text(self, max_length=8):
        """A short run of `char()`s."""
        return "".join(self.char() for _ in range(self.rng.randint(0, max_length)))

    def whitespace(self):
        """Usually nothing, sometimes whitespace (Unicode whitespace with probability `noise`)."""
        if self.chance(0.75):
            return ""
        pool = ASCII_WHITESPACE + UNICODE_WHITESPACE if self.chance(self.noise) else " \t\n"
        return "".join(self.rng.choice(pool) for _ in range(self.rng.randint(1, 2)))

    def key(self, keys=None):
        """A key: usually valid, sometimes empty, sometimes with a character keys cannot hold."""
        if keys and self.chance(0.7):
            return self.rng.choice(keys)
        key = "".join(self.rng.choice(KEY_CHARS) for _ in range(self.rng.randint(0, 5)))
        return key + self.char() if self.chance(0.04) else key

    def scalar(self):
        """An unquoted, quoted or escaped scalar, or a file reference."""
        roll = self.rng.random()
        if roll < 0.45:
            return self.text()
        if roll < 0.65:
            return self.quoted()
        if roll < 0.8:
            return self.text(3) + "\\," + self.text(3)
        if roll < 0.9:
            return self.rng.choice(FILE_VALUES)
        return self.rng.choice(("", "\\", "]", "}", "=", "a=b"))

    def quoted(self):
        """A quoted value with escapes; sometimes unterminated or followed by text."""
        quote = self.rng.choice("'\"")
        body = "".join(
            self.rng.choice((self.char(), "\\" + quote, "\\\\", self.char()))
            for _ in range(self.rng.randint(0, 5))
        )
        end = "" if self.chance(0.1) else quote
        return quote + body + end + (self.text(2) if self.chance(0.1) else "")

    def value(self, depth, keys=None):
        """A value at nesting `depth`: csv list, explicit list, hash, or scalar."""
        roll = self.rng.random()
        if depth < MAX_DEPTH and roll < 0.15:
            return self.explicit_list(depth + 1, keys)
        if depth < MAX_DEPTH and roll < 0.3:
            return self.hash_literal(depth + 1, keys)
        if depth == 0 and roll < 0.45:
            separator = self.rng.choice((",", ", ", " ,", ",,", ",\n"))
            items = [self.scalar() for _ in range(self.rng.randint(2, 4))]
            return separator.join(items) + ("," if self.chance(0.1) else "")
        return self.scalar()

    def explicit_list(self, depth, keys):
        """`[...]`, sometimes with trailing commas, empty elements or no closing bracket."""
        if self.chance(0.1):
            return "[" * (MAX_DEPTH - depth) + "a" + "]" * (MAX_DEPTH - depth)
        items = [self.value(depth, keys) for _ in range(self.rng.randint(0, 3))]
        body = ("," + self.whitespace()).join(items) + ("," if self.chance(0.15) else "")
        return (
            "[" + self.whitespace() + body + self.whitespace() + ("" if self.chance(0.05) else "]")
        )

    def hash_literal(self, depth, keys):
        """`{...}` of key-values, sometimes with duplicate keys or trailing commas."""
        pairs = [self.keyval(depth, keys) for _ in range(self.rng.randint(0, 3))]
        body = ("," + self.whitespace()).join(pairs) + ("," if self.chance(0.15) else "")
        return (
            "{" + self.whitespace() + body + self.whitespace() + ("" if self.chance(0.05) else "}")
        )

    def keyval(self, depth, keys=None):
        """`key=value` or `key@=value`, with optional whitespace around the marker."""
        marker = self.rng.choice(("=", "=", "=", "=", " = ", "@=", " @ = "))
        if "@" in marker and self.chance(0.3):
            return self.key(keys) + marker + self.rng.choice(FILE_VALUES)
        return self.key(keys) + marker + self.whitespace() + self.value(depth, keys)

    def document(self, keys=None):
        """A whole shorthand string: key-values separated by commas, sometimes mutated.

        Each document draws its own noise level, so that clean and messy inputs both occur.
        """
        self.noise = self.rng.choice((0.0, 0.03, 0.1, 0.25))
        pairs = [self.keyval(0, keys) for _ in range(self.rng.randint(1, 4))]
        separators = [self.rng.choice((",", ", ", " , ", ",\n", ",,", " ")) for _ in pairs[1:]]
        text = pairs[0] + "".join(
            sep + pair for sep, pair in zip(separators, pairs[1:], strict=True)
        )
        return self.mutate(text) if self.chance(0.2) else text

    def mutate(self, text):
        """Insert, delete or replace one to three characters."""
        chars = list(text)
        for _ in range(self.rng.randint(1, 3)):
            position = self.rng.randint(0, len(chars))
            operation = self.rng.choice(("insert", "delete", "replace"))
            if operation == "insert" or position == len(chars):
                chars.insert(position, self.char())
            elif operation == "delete":
                del chars[position]
            else:
                chars[position] = self.char()
        return "".join(chars)


class TokenGenerator:
    """Random argv tokens for one update-identity-pool argument."""

    def __init__(self, rng, param):
        self.rng = rng
        self.param = param
        self.shorthand = ShorthandGenerator(rng, allow_nul=False)

    def tokens(self):
        """The argv tokens of one command line, made safe for argparse and the network."""
        if self.param in ("SupportedLoginProviders", "IdentityPoolTags"):
            tokens = [self.map_token()]
        else:
            tokens = [self.list_token() for _ in range(self.rng.choice((0, 1, 1, 1, 2, 2, 3)))]
        return [make_safe(token) for token in tokens]

    def map_token(self):
        """A map value: shorthand, JSON, or a file."""
        roll = self.rng.random()
        if roll < 0.2:
            return self.json_text({"graph.facebook.com": "123", "k": self.shorthand.text(3)})
        if roll < 0.25:
            return self.rng.choice(
                ("file://logins.txt", "file://logins.json", "file://hello.txt", "fileb://bin.dat")
            )
        return self.shorthand.document()

    def list_token(self):
        """One element token of a list argument."""
        if self.param == "CognitoIdentityProviders":
            return self.provider_token()
        roll = self.rng.random()
        if roll < 0.35:
            return self.json_text(
                ["arn:aws:iam::123456789012:oidc-provider/a", self.shorthand.text(3)]
            )
        if roll < 0.4:
            return self.rng.choice(("file://arn.txt", "file://arns.json", "fileb://bin.dat"))
        return self.shorthand.text(12) if self.rng.random() < 0.5 else self.shorthand.document()

    def provider_token(self):
        """One provider: shorthand over the model's keys, JSON, or a file."""
        roll = self.rng.random()
        if roll < 0.15:
            provider = {
                "ProviderName": "p",
                "ServerSideTokenCheck": self.rng.choice((True, "true", None)),
            }
            return self.json_text(provider if self.rng.random() < 0.5 else [provider])
        if roll < 0.2:
            return self.rng.choice(("file://provider.txt", "file://providers.json"))
        if roll < 0.5:
            pairs = [
                f"{key}={self.provider_value(key)}"
                for key in self.rng.sample(COGNITO_KEYS, self.rng.randint(1, 3))
            ]
            return ",".join(pairs)
        return self.shorthand.document(keys=COGNITO_KEYS)

    def provider_value(self, key):
        """A plausible value for a provider key; booleans in all their spellings."""
        if key == "ServerSideTokenCheck":
            return self.rng.choice(BOOLEAN_TEXTS + ("[a]", "{a=b}", "true,false"))
        return self.shorthand.scalar()

    def json_text(self, value):
        """JSON text, sometimes with leading whitespace or broken by a mutation."""
        text = self.shorthand.whitespace() + json.dumps(value, ensure_ascii=self.rng.random() < 0.5)
        return self.shorthand.mutate(text) if self.rng.random() < 0.2 else text


def make_safe(token):
    """Prefix a token that the CLI would not take as a plain argument value.

    argparse takes a leading '-' for an option, and the CLI fetches a top-level http(s):// value
    from the network.
    """
    if token.startswith(("-", "http://", "https://")):
        return "x" + token
    return token


def generate(count, seed, param):
    """`count` inputs: strings (untyped) or lists of argv tokens (typed)."""
    rng = random.Random(seed)
    if param is None:
        generator = ShorthandGenerator(rng)
        return [generator.document() for _ in range(count)]
    generator = TokenGenerator(rng, param)
    return [generator.tokens() for _ in range(count)]


def aws_outcomes(inputs, param):
    """The awscli outcome of every input, run with the fixtures as the working directory."""
    with contextlib.chdir(FILES_DIR):
        if param is None:
            return [aws_reference.parse(text) for text in inputs]
        processor = aws_reference.ArgumentProcessor()
        return [processor.process(param, tokens) for tokens in inputs]


def build_idpool():
    """Build the idpool binary and return its path."""
    subprocess.run(["cargo", "build", "-q", "-p", "idpool-cli"], cwd=REPO_ROOT, check=True)
    return DEFAULT_BINARY


def idpool_outcomes(binary, inputs, param):
    """Run `idpool shorthand --jsonl` once over all inputs and return one JSON object per input."""
    command = [str(binary), "shorthand", "--jsonl"]
    if param is not None:
        command[2:2] = ["--param", param]
    # ASCII-only JSON: no raw U+2028 or U+0085 that a line splitter might take for a line end.
    lines = [json.dumps(item if param is not None else [item]) for item in inputs]
    result = subprocess.run(
        command,
        input="\n".join(lines) + "\n",
        capture_output=True,
        encoding="utf-8",
        cwd=FILES_DIR,
        check=False,  # the line count below is the check; stderr explains a failure
    )
    # Split on "\n" only: str.splitlines() would also split inside strings at U+2028 and others.
    outputs = [json.loads(line) for line in result.stdout.split("\n") if line]
    if len(outputs) != len(inputs):
        raise RuntimeError(
            f"{' '.join(command)} printed {len(outputs)} lines for {len(inputs)} inputs "
            f"(exit status {result.returncode}):\n{result.stderr}"
        )
    return outputs


def same_json(left, right):
    """Equality of JSON values including types (true is not 1) and object key order."""
    return json.dumps(left) == json.dumps(right)


def classify(aws, idpool):
    """None when both sides agree, else "value" or "error-wording"."""
    if aws.ok != ("ok" in idpool):
        return "value"
    if aws.ok:
        return None if same_json(aws.value, idpool["ok"]) else "value"
    return None if idpool.get("aws_error") == aws.error else "error-wording"


def compare(inputs, aws, idpool, param):
    """Every difference, as records for differences.jsonl."""
    differences = []
    for item, aws_outcome, idpool_outcome in zip(inputs, aws, idpool, strict=True):
        kind = classify(aws_outcome, idpool_outcome)
        if kind:
            differences.append(
                {
                    "kind": kind,
                    "param": param,
                    "input": item,
                    "aws": aws_outcome.as_json(),
                    "idpool": idpool_outcome,
                }
            )
    return differences


def write_differences(differences):
    """Write one JSON object per line to target/differential/differences.jsonl."""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8") as out:
        for difference in differences:
            out.write(json.dumps(difference, ensure_ascii=False) + "\n")


def parse_args():
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="number of inputs (default 5000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--param", choices=TYPED_PARAMS, help="typed mode: the update-identity-pool member"
    )
    parser.add_argument(
        "--idpool", help="use this idpool binary instead of building target/debug/idpool"
    )
    return parser.parse_args()


def main():
    """Generate, run both sides, compare, report."""
    aws_reference.use_utf8_mode()
    aws_reference.isolate_from_user_config()
    args = parse_args()
    inputs = generate(args.count, args.seed, args.param)
    aws = aws_outcomes(inputs, args.param)
    binary = Path(args.idpool).resolve() if args.idpool else build_idpool()
    idpool = idpool_outcomes(binary, inputs, args.param)
    differences = compare(inputs, aws, idpool, args.param)
    write_differences(differences)
    values = sum(1 for d in differences if d["kind"] == "value")
    wording = len(differences) - values
    print(f"{len(inputs)} inputs, {values} value differences, {wording} error-wording differences")
    if differences:
        print(f"differences written to {OUTPUT.relative_to(REPO_ROOT)}")
    sys.exit(1 if values else 0)


if __name__ == "__main__":
    main()
