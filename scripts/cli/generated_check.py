"""`idpool generate --format cli` against the real AWS CLI: each command line must send the
request it was generated from.

For each command (all 23 unless --commands names some), asks idpool for --count valid requests
from --seed (`--format jsonl`) and for the same requests as command lines (`--format cli`),
splits each line as a POSIX shell does (`shlex.split`), runs it through awscli 1.46.2
in-process (aws_cli.py) and compares the parameters awscli hands to botocore with the request.
A request that botocore's own validation refuses is a difference too: idpool generated it as
valid. Exit status 1 when there is any difference.

    python generated_check.py --idpool target/release/idpool [--count N] [--seed S]
        [--commands all|NAME[,NAME...]]
"""

import argparse
import json
import shlex
import subprocess
import sys
import time

import aws_cli
from aws_reference import use_utf8_mode


def generate(idpool, command, count, seed, form):
    """The output lines of `idpool generate` for one command."""
    output = subprocess.run(
        [idpool, "generate", "--operation", command, "--valid", str(count), "--seed", str(seed),
         "--format", form],
        check=True, capture_output=True,
    )
    # Bytes, not text mode: universal newlines would turn a `\r` inside a value into `\n`.
    stdout = output.stdout.decode("utf-8")
    if form == "jsonl":
        return [line for line in stdout.split("\n") if line]
    # A command line is complete when a shell would run it: a value holding a newline
    # continues the line inside its quotes.
    commands, pending = [], ""
    for line in stdout.split("\n")[:-1]:
        pending += line
        try:
            shlex.split(pending)
        except ValueError:
            pending += "\n"
            continue
        commands.append(pending)
        pending = ""
    return commands


def main():
    use_utf8_mode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idpool", required=True, help="the idpool binary")
    parser.add_argument("--count", type=int, default=40, help="requests per command")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--commands", default="all")
    args = parser.parse_args()

    aws_cli.prepare_environment()
    cli = aws_cli.AwsCli()
    commands = list(cli.commands()) if args.commands == "all" else args.commands.split(",")
    started = time.monotonic()
    checked = 0
    differences = []
    for command in commands:
        documents = [json.loads(line)["document"]
                     for line in generate(args.idpool, command, args.count, args.seed, "jsonl")]
        lines = generate(args.idpool, command, args.count, args.seed, "cli")
        if len(lines) != len(documents):
            differences.append((command, "", f"{len(lines)} lines for {len(documents)} requests"))
            continue
        for document, line in zip(documents, lines):
            words = shlex.split(line)
            if words[:3] != ["aws", "cognito-identity", command]:
                differences.append((command, line, "the line is not this command"))
                continue
            result = cli.run(words[3:], command=command)
            checked += 1
            if result.outcome != "sent":
                differences.append((command, line, f"awscli: {result.outcome}: {result.stderr[-300:]}"))
            elif result.params != document:
                differences.append((command, line, f"awscli sends {json.dumps(result.params)}"))
    elapsed = time.monotonic() - started
    print(f"{checked} generated command lines over {len(commands)} commands checked "
          f"against awscli in {elapsed:.0f} s: {len(differences)} differences")
    for command, line, why in differences[:10]:
        print(f"\n{command}: {line}\n  {why}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
