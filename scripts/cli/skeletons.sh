#!/usr/bin/env bash
# Records what `aws cognito-identity COMMAND --generate-cli-skeleton` prints (awscli 1.46.2) for
# every command into tests/data/cli/skeletons/COMMAND.json (scripts/cli/skeletons.py).
# Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" -X utf8 "$dir/skeletons.py" "$@"
