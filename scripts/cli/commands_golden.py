"""Regenerate tests/data/cli/commands/ from awscli: one file per case of commands-cases.json.

Run through commands_golden.sh, which provides the virtualenv with the pinned awscli.
commands-cases.json maps each `aws cognito-identity` command to its cases; every case is run
through `aws cognito-identity COMMAND ARGS...` in-process (aws_cli.py) and written as
`commands/COMMAND/NAME.json` = {"command": ..., "args": [...], "aws": RESULT}, the record of
tests/data/cli/cases/ plus the command. Files of cases that are gone are deleted. Prints the
number of cases and the outcomes per command.
"""

import json
import shutil
from collections import Counter

import aws_cli
from aws_cli import WORK_DIR
from aws_reference import use_utf8_mode
from golden import NAME, SCRIPT_DIR, dump_json, machine_paths

CASES = SCRIPT_DIR / "commands-cases.json"
OUTPUT_DIR = WORK_DIR / "commands"
OUTCOMES = ("sent", "invalid", "refused", "printed")


def load_cases(commands):
    """The case lists by command, checked: known commands, kebab-case names used once per
    command, lists of string arguments, and no `help` token (it opens the manual)."""
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    unknown = sorted(set(cases) - set(commands))
    if unknown:
        raise ValueError(f"{CASES.name}: no such command: {unknown}")
    for command, entries in cases.items():
        seen = set()
        for case in entries:
            name = case["name"]
            if not NAME.match(name) or name in seen:
                raise ValueError(f"{CASES.name}: {command}: bad or repeated case name {name!r}")
            if not all(isinstance(arg, str) for arg in case["args"]):
                raise ValueError(f"{CASES.name}: {command}: {name}: arguments must be strings")
            seen.add(name)
    return cases


def write_case(command, name, args, result, forbidden):
    """Write commands/COMMAND/NAME.json; fail if it would contain a path of this machine."""
    text = dump_json({"command": command, "args": args, "aws": result.as_json()})
    leaked = [path for path in forbidden if path in text]
    if leaked:
        raise ValueError(f"{command}/{name}: the result contains a path of this machine: {leaked}")
    (OUTPUT_DIR / command / f"{name}.json").write_bytes(text.encode("utf-8"))


def remove_stale(cases):
    """Delete the folders of commands and the files of cases no longer in the case list."""
    for folder in sorted(OUTPUT_DIR.iterdir()):
        if folder.name not in cases:
            shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
            continue
        names = {case["name"] for case in cases[folder.name]}
        for path in sorted(folder.glob("*.json")):
            if path.stem not in names:
                path.unlink()


def print_counts(counts):
    """Cases and outcomes per command, and the totals."""
    width = max(len(command) for command in counts)
    header = "".join(f"{outcome:>9}" for outcome in OUTCOMES)
    print(f"{'command':<{width}}  cases{header}")
    total = Counter()
    for command, outcomes in counts.items():
        total.update(outcomes)
        row = "".join(f"{outcomes[outcome]:>9}" for outcome in OUTCOMES)
        print(f"{command:<{width}}  {sum(outcomes.values()):>5}{row}")
    row = "".join(f"{total[outcome]:>9}" for outcome in OUTCOMES)
    print(f"{'total':<{width}}  {sum(total.values()):>5}{row}")


def main():
    """Rewrite the whole corpus."""
    use_utf8_mode()
    aws_cli.prepare_environment()
    cli = aws_cli.AwsCli()
    cases = load_cases(cli.commands())
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    remove_stale(cases)
    forbidden = machine_paths()
    counts = {}
    for command, entries in cases.items():
        (OUTPUT_DIR / command).mkdir(exist_ok=True)
        outcomes = counts[command] = Counter()
        for case in entries:
            result = cli.run(case["args"], command=command)
            outcomes[result.outcome] += 1
            write_case(command, case["name"], case["args"], result, forbidden)
    print_counts(counts)


if __name__ == "__main__":
    main()
