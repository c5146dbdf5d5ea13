#!/usr/bin/env bash
# Runs the shorthand benchmark (crates/shorthand/benches/parse.rs) and times awscli 1.46.2 on
# the same inputs right after it, so that the two can be compared from one run
# (docs/benchmarks.md). The awscli part takes about two minutes: it is quadratic in the input.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python=$(bash "$root/scripts/shorthand/venv.sh")
cd "$root"
cargo bench -q -p idpool-shorthand --bench parse
"$python" scripts/shorthand/bench-awscli.py
