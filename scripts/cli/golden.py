"""Regenerate tests/data/cli/cases/ from awscli: one file per case of cases.json.

Run through golden.sh, which provides the virtualenv with the pinned awscli. Every case is run
through `aws cognito-identity update-identity-pool ARGS...` in-process (aws_cli.py) and written
as `cases/NAME.json` = {"args": [...], "aws": RESULT}; files of cases that are gone are deleted.
Prints the number of cases per category (the first word of the name) and per outcome.
"""

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import aws_cli
from aws_cli import REPO_ROOT, WORK_DIR
from aws_reference import use_utf8_mode

SCRIPT_DIR = Path(__file__).resolve().parent
CASES = SCRIPT_DIR / "cases.json"
OUTPUT_DIR = WORK_DIR / "cases"
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_cases():
    """The case list, checked: kebab-case names, each used once, and lists of string arguments."""
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    seen = set()
    for case in cases:
        name = case["name"]
        if not NAME.match(name) or name in seen:
            raise ValueError(f"{CASES.name}: bad or repeated case name {name!r}")
        if not all(isinstance(arg, str) for arg in case["args"]):
            raise ValueError(f"{CASES.name}: {name}: every argument must be a string")
        seen.add(name)
    return cases


def machine_paths():
    """Absolute paths of this machine that must never reach a committed file."""
    paths = {str(REPO_ROOT), sys.prefix, os.path.expanduser("~")}
    return sorted(path for path in paths if len(path) > 1)


def dump_json(value):
    """The corpus JSON style: 2-space indent, non-ASCII kept, trailing newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def write_case(name, args, result, forbidden):
    """Write cases/NAME.json; fail if it would contain an absolute path of this machine."""
    text = dump_json({"args": args, "aws": result.as_json()})
    leaked = [path for path in forbidden if path in text]
    if leaked:
        raise ValueError(f"{name}: the result contains a path of this machine: {leaked}")
    path = OUTPUT_DIR / f"{name}.json"
    path.write_bytes(text.encode("utf-8"))


def remove_stale(names):
    """Delete case files whose case is no longer in cases.json."""
    for path in sorted(OUTPUT_DIR.glob("*.json")):
        if path.stem not in names:
            path.unlink()


def print_counts(cases, outcomes):
    """Cases per category and per outcome."""
    categories = Counter(case["name"].split("-")[0] for case in cases)
    for category, count in sorted(categories.items()):
        print(f"{category}: {count}")
    print(f"total: {len(cases)} cases")
    print(", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items())))


def main():
    """Rewrite the whole corpus."""
    use_utf8_mode()
    aws_cli.prepare_environment()
    cases = load_cases()
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    remove_stale({case["name"] for case in cases})
    cli = aws_cli.AwsCli()
    forbidden = machine_paths()
    outcomes = Counter()
    for case in cases:
        result = cli.run(case["args"])
        outcomes[result.outcome] += 1
        write_case(case["name"], case["args"], result, forbidden)
    print_counts(cases, outcomes)


if __name__ == "__main__":
    main()
