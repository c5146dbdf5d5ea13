#!/usr/bin/env bash
# Regenerates the shorthand conformance corpus tests/data/shorthand/ from awscli 1.46.2
# (scripts/shorthand/golden.py). Deterministic: run it and check `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/venv.sh")
exec "$python" -X utf8 "$dir/golden.py" "$@"
