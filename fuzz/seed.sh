#!/usr/bin/env bash
# Seeds the fuzz corpora with the shorthand inputs, the request documents, the --query
# expressions of tests/data, and one input per operation for generated_labels.
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
# The expressions of the --query corpus: each alone, and followed by a NUL and its document.
mkdir -p "$root/fuzz/corpus/query"
if command -v python3 >/dev/null; then
    python3 - "$root" <<'PY'
import hashlib, json, pathlib, sys
root = pathlib.Path(sys.argv[1])
out = root / "fuzz/corpus/query"
for case in sorted((root / "tests/data/cli/query").glob("*.json")):
    golden = json.loads(case.read_text(encoding="utf-8"))
    expression = golden["expression"].encode("utf-8", "surrogatepass")
    document = json.dumps(golden["document"], separators=(",", ":")).encode()
    for data in (expression, expression + b"\0" + document):
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
# Queries that build too much or too deep, to fuzz around the limits of a search.
stages = ["[@,@,@,@,@,@,@,@][]", "{a: @, b: @, c: @, d: @}", "map(&[@, @, @, @], [@])[0]",
          "to_string([@, @, @, @])", "sort_by([@, @, @, @][], &length(@))"]
for data in [" | ".join([stage] * 12).encode() for stage in stages] + [b"@" + b".[@]" * 300]:
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
PY
fi
# generated_labels reads its first byte as the operation and the rest as the generator's
# numbers: one input per operation, with 256 bytes of a fixed pattern behind it (room for
# documents with many members: libFuzzer starts its length limit at the longest input).
mkdir -p "$root/fuzz/corpus/generated_labels"
for operation in $(seq 0 22); do
    {
        printf "\\$(printf '%03o' "$operation")"
        for i in $(seq 1 256); do printf "\\$(printf '%03o' $(((operation * 37 + i * 11) % 256)))"; done
    } >"$root/fuzz/corpus/generated_labels/operation-$operation"
done
