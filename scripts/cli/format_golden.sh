#!/usr/bin/env bash
# Regenerates the output-style corpus tests/data/cli/format/ from awscli 1.46.2's formatters and
# AWS CLI v2's YAML dumper (scripts/cli/format_golden.py). Deterministic: run it and check
# `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
# AWS CLI v2 pins ruamel.yaml 0.17.21 and ships ruamel.yaml.clib, whose C emitter it then uses.
if ! "$python" -c 'import sys, ruamel.yaml
from ruamel.yaml.main import CEmitter
sys.exit(ruamel.yaml.__version__ != "0.17.21" or CEmitter is None)' 2>/dev/null; then
    "$python" -m pip install --quiet "ruamel.yaml==0.17.21" "ruamel.yaml.clib==0.2.12" >&2
fi
exec "$python" -X utf8 "$dir/format_golden.py" "$@"
