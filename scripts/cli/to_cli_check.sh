#!/usr/bin/env bash
# `idpool to-cli` against awscli 1.46.2 (scripts/cli/to_cli_check.py): random request documents,
# the command to-cli prints for each, run through the real AWS CLI, whose parameters must be the
# document. Builds target/release/idpool first. Options: --count N, --seed S.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
cargo build --quiet --release -p idpool-cli --manifest-path "$dir/../../Cargo.toml"
exec "$python" -X utf8 "$dir/to_cli_check.py" --idpool "$dir/../../target/release/idpool" "$@"
