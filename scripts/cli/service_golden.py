"""Record tests/data/cli/service/: a few command lines of several `aws cognito-identity`
commands (service-cases.json), each run through awscli 1.46.2 in-process (aws_cli.py) and
written as `service/NAME.json` = {"command": ..., "args": [...], "aws": RESULT}.

Run through service_golden.sh, which provides the virtualenv with the pinned awscli. The test
`service_commands_match_awscli` of crates/cli compares idpool's request with `params`.
"""

import json
from collections import Counter
from pathlib import Path

import aws_cli
from aws_cli import WORK_DIR
from aws_reference import use_utf8_mode
from golden import NAME, dump_json, machine_paths

CASES = Path(__file__).resolve().parent / "service-cases.json"
OUTPUT_DIR = WORK_DIR / "service"


def main():
    """Rewrite the whole directory."""
    use_utf8_mode()
    aws_cli.prepare_environment()
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    names = [case["name"] for case in cases]
    if len(set(names)) != len(names) or not all(NAME.match(n) for n in names):
        raise ValueError(f"{CASES.name}: bad or repeated case names")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in OUTPUT_DIR.glob("*.json"):
        if path.stem not in names:
            path.unlink()
    forbidden = machine_paths()
    outcomes = Counter()
    for case in cases:
        result = aws_cli.AwsCli(case["command"]).run(case["args"])
        outcomes[result.outcome] += 1
        text = dump_json({"command": case["command"], "args": case["args"], "aws": result.as_json()})
        if any(path in text for path in forbidden):
            raise ValueError(f"{case['name']}: the result contains a path of this machine")
        (OUTPUT_DIR / f"{case['name']}.json").write_bytes(text.encode("utf-8"))
    print(f"{len(cases)} cases; " + ", ".join(f"{o}: {n}" for o, n in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
