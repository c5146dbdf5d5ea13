#!/usr/bin/env bash
# Runs every cargo-fuzz target (or those named) under AddressSanitizer for a chosen time each,
# with the seed corpus and the dictionary, and stops at the first finding.
#
#   bash scripts/fuzz-long.sh                 # every target, 10 minutes each
#   bash scripts/fuzz-long.sh 3600            # every target, an hour each
#   bash scripts/fuzz-long.sh 600 query       # one target
#
# Environment: JOBS (parallel fuzzing processes per target, default 1), RSS_LIMIT_MB (libFuzzer's
# memory limit per process, default 2048: a run that needs more is a finding).
# A crash leaves its input under fuzz/artifacts/<target>/; `cargo fuzz fmt <target> <file>`
# shows it, and `cargo fuzz run <target> <file>` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
shift || true
jobs=${JOBS:-1}
rss_limit=${RSS_LIMIT_MB:-2048}

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^idpool-fuzz$')
fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
bash fuzz/seed.sh

summary=()
for target in "${targets[@]}"; do
    printf '\n== %s: %s s under AddressSanitizer\n' "$target" "$seconds"
    mkdir -p "fuzz/corpus/$target"
    # cargo fuzz builds with -Zsanitizer=address (its default); RUSTC_BOOTSTRAP lets the
    # stable toolchain take that flag. The build is not timed.
    RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer address "$target"
    # Several processes only when asked: libFuzzer's -jobs writes its logs to fuzz-N.log.
    parallel=()
    if [ "$jobs" -gt 1 ]; then
        parallel=(-jobs="$jobs" -workers="$jobs")
    fi
    start=$(date +%s)
    RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer address "$target" "fuzz/corpus/$target" -- \
        -dict=fuzz/dict -max_total_time="$seconds" -rss_limit_mb="$rss_limit" \
        "${parallel[@]}" -print_final_stats=1 2>&1 | tee "fuzz/$target.log" | tail -n 20
    status=${PIPESTATUS[0]}
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz/$target.log" | tail -n 1)
    summary+=("$target: exit $status, ${runs:-?} runs in $(($(date +%s) - start)) s")
    if [ "$status" -ne 0 ]; then
        printf '%s\n' "${summary[@]}"
        echo "$target found a problem: see fuzz/$target.log and fuzz/artifacts/$target/" >&2
        exit "$status"
    fi
done
printf '\n== summary\n'
printf '%s\n' "${summary[@]}"
