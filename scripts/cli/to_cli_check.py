"""`idpool to-cli` against the real AWS CLI: the command it prints must send the request.

Generates random request documents (valid ones, and ones with values of the wrong type,
unknown members, strings that look like options, JSON or file names), runs `idpool to-cli` on
each, splits the printed line as a POSIX shell does (`shlex.split`), runs the command through
awscli 1.46.2 in-process (scripts/cli/aws_cli.py), and compares the parameters awscli hands to
botocore with the document. Reports every difference; exit status 1 when there is one.

    python to_cli_check.py --idpool target/release/idpool [--count N] [--seed S]
"""

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aws_cli
from aws_reference import use_utf8_mode

PREFIX = ["aws", "cognito-identity", "update-identity-pool"]
# Pieces of strings, with what matters to shells, argparse, shorthand, JSON and paramfiles.
PIECES = [
    "a", "pool", "x y", "-", "--", "-a", "=", ",", "'", '"', "\\", "[", "]", "{", "}", "@",
    ":", "/", ".", "$HOME", "`id`", "!", "*", "\n", "\t", " ", "é", "東京", "😀", "\u00a0",
    "file://", "fileb://", "https://", "true", "false", "null", "1", "-5", "help",
]
MEMBERS = [
    "IdentityPoolId", "IdentityPoolName", "AllowUnauthenticatedIdentities", "AllowClassicFlow",
    "SupportedLoginProviders", "DeveloperProviderName", "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders", "SamlProviderARNs", "IdentityPoolTags",
]


class RequestGenerator:
    """Random request documents."""

    def __init__(self, rng):
        self.rng = rng

    def text(self, minimum=0):
        """A string of 0 to 4 pieces (at least `minimum` characters)."""
        while True:
            value = "".join(self.rng.choice(PIECES) for _ in range(self.rng.randint(0, 4)))
            if len(value) >= minimum:
                return value

    def odd(self):
        """A value of some other JSON type."""
        return self.rng.choice([None, 1, 2.5, True, [], {}, ["a"], {"k": "v"}, "true"])

    def string(self):
        return self.text() if self.rng.random() < 0.93 else self.odd()

    def boolean(self):
        return self.rng.random() < 0.5 if self.rng.random() < 0.93 else self.odd()

    def string_map(self):
        if self.rng.random() < 0.05:
            return self.odd()
        return {self.text(1): self.string() for _ in range(self.rng.randint(0, 3))}

    def string_list(self):
        if self.rng.random() < 0.05:
            return self.odd()
        return [self.string() for _ in range(self.rng.randint(0, 3))]

    def providers(self):
        if self.rng.random() < 0.05:
            return self.odd()
        items = []
        for _ in range(self.rng.randint(0, 3)):
            item = {}
            for key in ("ProviderName", "ClientId"):
                if self.rng.random() < 0.9:
                    item[key] = self.string()
            if self.rng.random() < 0.6:
                item["ServerSideTokenCheck"] = self.boolean()
            if self.rng.random() < 0.05:
                item[self.text(1)] = self.string()
            items.append(item)
        return items

    def request(self):
        makers = {
            "IdentityPoolId": self.string, "IdentityPoolName": self.string,
            "AllowUnauthenticatedIdentities": self.boolean, "AllowClassicFlow": self.boolean,
            "SupportedLoginProviders": self.string_map, "DeveloperProviderName": self.string,
            "OpenIdConnectProviderARNs": self.string_list,
            "CognitoIdentityProviders": self.providers, "SamlProviderARNs": self.string_list,
            "IdentityPoolTags": self.string_map,
        }
        # The required members are always there: without them the AWS CLI refuses any command.
        request = {member: makers[member]() for member in MEMBERS[:2]}
        for member in MEMBERS[2:]:
            if self.rng.random() < 0.6:
                request[member] = makers[member]()
        if self.rng.random() < 0.05:
            request[self.text(1)] = self.string()
        return request


def to_cli(binary, request):
    """The words of the command `idpool to-cli` prints for `request`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as file:
        json.dump(request, file, ensure_ascii=False)
        file.flush()
        done = subprocess.run([binary, "to-cli", file.name], capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    return shlex.split(done.stdout.decode("utf-8"))


def main():
    use_utf8_mode()
    aws_cli.prepare_environment()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idpool", required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    generator = RequestGenerator(random.Random(options.seed))
    cli = aws_cli.AwsCli()
    start = time.monotonic()
    failures = []
    for _ in range(options.count):
        request = generator.request()
        words = to_cli(options.idpool, request)
        if words[:3] != PREFIX:
            failures.append((request, words, "the command does not start with " + " ".join(PREFIX)))
            continue
        result = cli.run(words[3:])
        if result.params != request:
            failures.append((request, words, result.as_json()))
    elapsed = time.monotonic() - start
    print(f"seed {options.seed}: {options.count} requests in {elapsed:.0f} s, "
          f"{len(failures)} not sent as they are")
    for request, words, got in failures[:10]:
        print("  request: " + json.dumps(request, ensure_ascii=False))
        print("  command: " + shlex.join(words))
        print("  awscli:  " + json.dumps(got, ensure_ascii=False))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
