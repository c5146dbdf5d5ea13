"""Record `aws cognito-identity COMMAND --generate-cli-skeleton` for every command.

Each file of tests/data/cli/skeletons/ is what awscli 1.46.2 prints, run in-process through the
real CLI driver. botocore's ArgumentGenerator picks a random value for an enum
(`random.choice`); here it picks the first, which is what idpool prints, so that the recording
is the same on every run.
"""

import contextlib
import io
import json
import random
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

import aws_cli  # noqa: E402  (needs the path above)
from aws_reference import REPO_ROOT, SERVICE  # noqa: E402
from awscli.clidriver import create_clidriver  # noqa: E402

OUT_DIR = REPO_ROOT / "tests" / "data" / "cli" / "skeletons"
COMMANDS = REPO_ROOT / "tests" / "data" / "model" / "awscli-commands.json"


def skeleton(command):
    """What the AWS CLI prints for `COMMAND --generate-cli-skeleton`."""
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        rc = create_clidriver().main([SERVICE, command, "--generate-cli-skeleton"])
    if rc != 0:
        raise SystemExit(f"{command}: exit status {rc}")
    return stdout.getvalue()


def main():
    aws_cli.prepare_environment()
    random.choice = lambda values: values[0]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    commands = sorted(json.loads(COMMANDS.read_text()))
    for command in commands:
        (OUT_DIR / f"{command}.json").write_text(skeleton(command))
    print(f"recorded {len(commands)} skeletons in {OUT_DIR.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
