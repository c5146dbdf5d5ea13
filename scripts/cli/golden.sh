#!/usr/bin/env bash
# Regenerates the AWS CLI corpus tests/data/cli/cases/ from awscli 1.46.2 (scripts/cli/golden.py,
# cases from scripts/cli/cases.json). Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" -X utf8 "$dir/golden.py" "$@"
