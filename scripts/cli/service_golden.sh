#!/usr/bin/env bash
# Records tests/data/cli/service/ from awscli 1.46.2 (scripts/cli/service_golden.py,
# cases from scripts/cli/service-cases.json). Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" -X utf8 "$dir/service_golden.py" "$@"
