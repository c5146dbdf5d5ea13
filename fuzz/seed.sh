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
# Argument lists of the update-identity-pool corpus, NUL-separated.
mkdir -p "$root/fuzz/corpus/update_command"
if command -v python3 >/dev/null; then
    python3 - "$root" <<'PY'
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
out = root / "fuzz/corpus/update_command"
for case in sorted((root / "tests/data/cli/cases").glob("*.json")):
    data = "\0".join(json.loads(case.read_text(encoding="utf-8"))["args"]).encode()
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY
fi
