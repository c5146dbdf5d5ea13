#!/usr/bin/env bash
# `idpool generate --format cli` against awscli 1.46.2 (scripts/cli/generated_check.py): the
# command line of every generated request, run through the real AWS CLI, must send that request.
# Builds target/release/idpool first unless --idpool BIN is given. Options: --count N, --seed S,
# --commands all|NAME[,NAME...].
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
python=$(bash "$dir/../shorthand/venv.sh")
case " $* " in
    *" --idpool "*) exec "$python" -X utf8 "$dir/generated_check.py" "$@" ;;
esac
cargo build --quiet --release -p idpool-cli --manifest-path "$dir/../../Cargo.toml"
exec "$python" -X utf8 "$dir/generated_check.py" --idpool "$dir/../../target/release/idpool" "$@"
