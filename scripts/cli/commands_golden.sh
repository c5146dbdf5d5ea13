#!/usr/bin/env bash
# Regenerates the AWS CLI corpus of every command, tests/data/cli/commands/, from awscli 1.46.2
# (scripts/cli/commands_golden.py, cases from scripts/cli/commands-cases.json).
# Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" -X utf8 "$dir/commands_golden.py" "$@"
