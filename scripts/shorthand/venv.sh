#!/usr/bin/env bash
# Prints the path of a Python that has the reference AWS CLI (awscli 1.46.2): the repository's
# .venv, created and provisioned on first use. Progress goes to stderr, so callers can write
# py=$(bash scripts/shorthand/venv.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=1.46.2
venv="$root/.venv"
if ! "$venv/bin/python" -c 'import awscli' 2>/dev/null \
    || [ "$("$venv/bin/python" -c 'import awscli; print(awscli.__version__)')" != "$version" ]; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet "awscli==$version" >&2
fi
echo "$venv/bin/python"
