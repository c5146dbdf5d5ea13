#!/usr/bin/env bash
# Seeds the fuzz corpora with the shorthand inputs and the request documents of tests/data.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for target in shorthand_parse shorthand_roundtrip; do
    mkdir -p "$root/fuzz/corpus/$target"
    find "$root/tests/data/shorthand" -name '*.txt' -path '*valid*' -exec cp -t "$root/fuzz/corpus/$target" {} +
done
mkdir -p "$root/fuzz/corpus/validate_document"
find "$root/tests/data/requests" "$root/examples" -name '*.json' -exec cp -t "$root/fuzz/corpus/validate_document" {} +
