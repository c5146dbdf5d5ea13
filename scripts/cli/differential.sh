#!/usr/bin/env bash
# Differential test of `idpool update-identity-pool` against awscli 1.46.2 on random command
# lines (scripts/cli/differential.py). Builds target/release/idpool first unless --idpool BIN is
# given. Options: --count N, --seed S, --replay FILE, --idpool BIN, --json FILE, --jobs N.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
case " $* " in
    *" --idpool "* | *" --idpool="*) ;;
    *) cargo build --quiet --release -p idpool-cli --manifest-path "$dir/../../Cargo.toml" ;;
esac
exec "$python" -X utf8 "$dir/differential.py" "$@"
