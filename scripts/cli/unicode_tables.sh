#!/usr/bin/env bash
# Regenerates crates/python/src/unicode.rs from the Unicode database of the Python that runs
# the reference AWS CLI (scripts/cli/unicode_tables.py). Deterministic: run it and check
# `git status`.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
exec "$python" "$dir/unicode_tables.py" "$@"
