#!/usr/bin/env bash
# Whole-process benchmark of `idpool shorthand --jsonl --param cognito-identity-providers` over
# N lines (default 100,000) of the documented value, against awscli 1.46.2's in-process parse +
# typing of the same values (scripts/bench/jsonl-awscli.py, with the virtualenv of
# scripts/shorthand/venv.sh), in one run. Prints markdown for docs/benchmarks.md, section
# "Shorthand --jsonl: whole process".
#
#   bash scripts/bench/jsonl.sh [N]
#
# idpool is timed with hyperfine when it is installed (mean and minimum of at least 10 runs, one
# warm-up), else as the best of 10 runs; awscli as the best of 3 passes over the values. Run by
# hand, not by CI. IDPOOL_BIN=path times that binary instead of target/release/idpool; its files
# stay under target/bench-jsonl.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/bench-jsonl"
mkdir -p "$work"
lines=${1:-100000}

python=$(bash "$root/scripts/shorthand/venv.sh")
if [ -z "${IDPOOL_BIN:-}" ]; then
    cargo build --quiet --release -p idpool-cli --manifest-path "$root/Cargo.toml"
    IDPOOL_BIN="$root/target/release/idpool"
fi
bin=$IDPOOL_BIN

# The value of the AWS CLI reference example (docs/benchmarks.md, "seed"), once per line.
input="$work/lines-$lines.jsonl"
python3 - "$input" "$lines" <<'PY'
import json, sys
seed = ('ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",'
        'ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false')
with open(sys.argv[1], "w") as f:
    f.write((json.dumps([seed]) + "\n") * int(sys.argv[2]))
PY

# Before timing: one record per line, each the value awscli builds.
"$bin" shorthand --jsonl --param cognito-identity-providers <"$input" >"$work/out.jsonl"
"$python" - "$input" "$work/out.jsonl" <<'PY'
import json, sys
from awscli.botocore.session import Session
from awscli.shorthand import BackCompatVisitor, ShorthandParser
shape = (Session().get_service_model('cognito-identity').operation_model('UpdateIdentityPool')
         .input_shape.members['CognitoIdentityProviders'].member)
with open(sys.argv[1]) as f:
    first = json.loads(f.readline())
expected = []
for text in first:
    value = ShorthandParser().parse(text)
    BackCompatVisitor().visit(value, shape)
    expected.append(value)
with open(sys.argv[2]) as f:
    records = f.readlines()
lines = sum(1 for _ in open(sys.argv[1]))
assert len(records) == lines, (len(records), lines)
assert all(r == records[0] for r in records), "the records differ"
assert json.loads(records[0]) == {"ok": expected}, (records[0], expected)
PY

run="exec '$bin' shorthand --jsonl --param cognito-identity-providers <'$input' >/dev/null"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --min-runs 10 --export-json "$work/hyperfine.json" "$run" >&2
    read -r mean min < <(python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results'][0]
print(r['mean'], r['min'])" "$work/hyperfine.json")
else
    mean=
    min=
    for _ in $(seq 10); do
        start=$(date +%s.%N)
        sh -c "$run"
        t=$(echo "$(date +%s.%N) - $start" | bc -l)
        if [ -z "$min" ] || [ "$(echo "$t < $min" | bc -l)" = 1 ]; then min=$t; fi
    done
fi
aws=$("$python" "$here/jsonl-awscli.py" "$input" 3)
load=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$lines" "$mean" "$min" "$aws" "$load" "$(wc -c <"$work/out.jsonl")" <<'PY'
import sys
lines, mean, best, aws, load, size = sys.argv[1:]
lines, aws = int(lines), float(aws)
best = float(best)
mean = float(mean) if mean else None
print(f"{lines:,} lines; load average {load} after the runs; output {int(size):,} bytes\n")
print("| what | time | per value | awscli / idpool |")
print("|---|---|---|---|")
if mean is not None:
    print(f"| idpool, whole process (mean) | {mean * 1e3:.1f} ms | {mean / lines * 1e9:.0f} ns | {aws / mean:.1f}× |")
print(f"| idpool, whole process (best) | {best * 1e3:.1f} ms | {best / lines * 1e9:.0f} ns | {aws / best:.1f}× |")
print(f"| awscli 1.46.2, in-process parse + typing (best of 3) | {aws:.2f} s | {aws / lines * 1e6:.2f} µs | |")
PY
