#!/usr/bin/env bash
# Differential test of `idpool shorthand` against awscli 1.46.2 on random inputs
# (scripts/shorthand/differential.py). Options: --count N, --seed S, --param MEMBER, --idpool BIN.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/venv.sh")
exec "$python" -X utf8 "$dir/differential.py" "$@"
