#!/usr/bin/env bash
# Regenerates the --query corpus tests/data/cli/query/ from Python jmespath as awscli 1.46.2
# uses it (scripts/cli/query_golden.py, cases from scripts/cli/query-cases.json).
# Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" -X utf8 "$dir/query_golden.py" "$@"
