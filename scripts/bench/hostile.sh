#!/usr/bin/env bash
# Times the hostile inputs of docs/benchmarks.md ("Hostile inputs") on a release build, each
# under a 4 GiB address-space limit, and prints a markdown table: wall time, peak RSS, exit
# status and output size.
#
#   bash scripts/bench/hostile.sh
#
# IDPOOL_BIN=path times that binary instead of building target/release/idpool. Run by hand, not
# by CI. Its files stay under target/bench-hostile.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work="$root/target/bench-hostile"
mkdir -p "$work"
if [ -z "${IDPOOL_BIN:-}" ]; then
    cargo build --release --quiet -p idpool-cli --manifest-path "$root/Cargo.toml"
    IDPOOL_BIN="$root/target/release/idpool"
fi
bin=$IDPOOL_BIN

# A one-line request with N empty ARNs (two or three diagnostics each).
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
base = {"IdentityPoolId": "us-east-1:11111111-1111-1111-1111-111111111111",
        "IdentityPoolName": "n", "AllowUnauthenticatedIdentities": False}
for name, n in [("line-20k", 5_000), ("line-100k", 25_000), ("line-3m", 1_000_000)]:
    with open(f"{work}/{name}.json", "w") as f:
        json.dump({**base, "OpenIdConnectProviderARNs": [""] * n}, f, separators=(",", ":"))
PY
query=$(python3 -c "print('|'.join(['[@,@,@,@,@,@,@,@][]'] * 12))")
jsonl_lines="$work/jsonl.txt"
python3 -c "
import sys
sys.stdout.write('[\"ProviderName=cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111,ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false\"]\n' * 100000)
" >"$jsonl_lines"

# Runs "$@" under the limit; prints a table row. $1 is the row's label.
measure() {
    local label=$1
    shift
    local out="$work/out" err="$work/err" timing="$work/timing"
    set +e
    (ulimit -v 4194304 && /usr/bin/time -f '%e %M' -o "$timing" "$@") >"$out" 2>"$err"
    local status=$?
    set -e
    read -r seconds kb < <(tail -n 1 "$timing")
    printf '| %s | %s s | %.1f MB | %s | %s bytes |\n' "$label" "$seconds" \
        "$(echo "$kb / 1000" | bc -l)" "$status" "$(wc -c <"$out")"
}

printf '| input | wall time | peak RSS | exit | stdout |\n|---|---|---|---|---|\n'
measure 'validate: one 25 KB line, 10,000 diagnostics' "$bin" validate "$work/line-20k.json"
measure 'validate: one 125 KB line, 50,000 diagnostics' "$bin" validate "$work/line-100k.json"
measure 'validate: one 3 MB line, 2,000,000 diagnostics' "$bin" validate "$work/line-3m.json"
measure 'validate --format json: the same 3 MB line' "$bin" validate --format json "$work/line-3m.json"
measure 'validate /dev/zero' "$bin" validate /dev/zero
measure 'validate - < /dev/zero' sh -c "exec '$bin' validate - </dev/zero"
measure 'update-identity-pool --cli-input-json file:///dev/zero' \
    "$bin" update-identity-pool --cli-input-json file:///dev/zero
measure 'shorthand --jsonl < /dev/zero' sh -c "exec '$bin' shorthand --jsonl </dev/zero"
measure 'shorthand --jsonl, 100,000 lines' \
    sh -c "exec '$bin' shorthand --jsonl --param cognito-identity-providers <'$jsonl_lines'"
measure '--query with 12 stages of [@,@,@,@,@,@,@,@][]' "$bin" update-identity-pool \
    --identity-pool-id us-east-1:11111111-1111-1111-1111-111111111111 --identity-pool-name n \
    --allow-unauthenticated-identities --query "$query"
mapfile -t unknown < <(seq -f '--x%g' 1 100000)
measure 'update-identity-pool with 100,000 unknown options' "$bin" update-identity-pool \
    --identity-pool-id a --identity-pool-name n --allow-unauthenticated-identities "${unknown[@]}"
mapfile -t values < <(seq -f 'p%g' 1 100000)
measure 'update-identity-pool with a list of 100,000 values' "$bin" update-identity-pool \
    --identity-pool-id a --identity-pool-name n --allow-unauthenticated-identities \
    --open-id-connect-provider-arns "${values[@]}" --no-validate
