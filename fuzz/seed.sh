#!/usr/bin/env bash
# Seeds the fuzz corpora with every shorthand input of the conformance corpus.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for target in shorthand_parse shorthand_roundtrip; do
    mkdir -p "$root/fuzz/corpus/$target"
    find "$root/tests/data/shorthand" -name '*.txt' -path '*valid*' -exec cp -t "$root/fuzz/corpus/$target" {} +
done
