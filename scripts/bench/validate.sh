#!/usr/bin/env bash
# Whole-process validation benchmark: times `idpool validate` on N generated request files
# (default 10,000) against `cat` (the floor), check-jsonschema (PyPI) and ajv-cli (npm), all
# with schemas/update-identity-pool.request.schema.json, then times idpool on one ~50 MB
# document. Prints markdown for docs/benchmarks.md and keeps it in target/bench-validate/.
#
#   bash scripts/bench/validate.sh [N]
#
# Run by hand, not by CI. Everything it makes or installs stays under target/bench-validate:
# the request files, a venv with check-jsonschema, an npm prefix with ajv-cli. It times with
# hyperfine when it can (as root it installs it with apt-get), with bash's clock otherwise,
# and measures peak memory with /usr/bin/time.
#
# IDPOOL_BIN=path times that binary instead of building target/release/idpool. An idpool
# without the validate command is left out, with a note. BIG_TIMEOUT (seconds, default 600)
# stops the run on the big document.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${1:-10000}
work="$root/target/bench-validate"
requests="$work/requests"
manifest="$work/requests.invalid"
tools="$work/tools"
results="$work/results"
big="$work/big.json"
big_megabytes=50
big_timeout=${BIG_TIMEOUT:-600}
schema="$root/schemas/update-identity-pool.request.schema.json"
check_jsonschema_version=0.39.0
ajv_cli_version=5.0.0
# One xargs batch up to half of ARG_MAX, so that 10,000 files go to one process.
batch_bytes=$(($(getconf ARG_MAX) / 2))

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Makes $1 with gen-requests.py ($2...: its arguments) unless the stamp says it is up to date.
generate() {
    local target=$1 stamp
    shift
    stamp="$*|$(sha256sum "$here/gen-requests.py" | cut -d' ' -f1)"
    if [ -e "$target" ] && [ "$(cat "$target.stamp" 2>/dev/null)" = "$stamp" ]; then
        return
    fi
    rm -rf "$target" "$target.stamp"
    python3 "$here/gen-requests.py" "$@" >&2
    printf '%s\n' "$stamp" >"$target.stamp"
}

# Installs check-jsonschema and ajv-cli under $tools if they are not there at these versions.
install_tools() {
    local venv="$tools/venv" npm_prefix="$tools/npm"
    if [ "$("$venv/bin/check-jsonschema" --version 2>/dev/null | awk '{print $NF}')" \
        != "$check_jsonschema_version" ]; then
        log "installing check-jsonschema $check_jsonschema_version into $venv"
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "check-jsonschema==$check_jsonschema_version" >&2
    fi
    if [ "$(node -p "require('$npm_prefix/node_modules/ajv-cli/package.json').version" \
        2>/dev/null)" != "$ajv_cli_version" ]; then
        log "installing ajv-cli $ajv_cli_version into $npm_prefix"
        mkdir -p "$npm_prefix"
        npm install --silent --no-audit --no-fund --prefix "$npm_prefix" \
            "ajv-cli@$ajv_cli_version" >&2
    fi
    check_jsonschema="$venv/bin/check-jsonschema"
    ajv="$npm_prefix/node_modules/.bin/ajv"
}

# hyperfine and GNU time: installed with apt-get when missing and this runs as root.
install_timers() {
    local missing=()
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ -x /usr/bin/time ] || missing+=(time)
    if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing ${missing[*]} with apt-get"
        apt-get install -y -qq "${missing[@]}" >&2 \
            || { apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2; } \
            || log "apt-get could not install ${missing[*]}"
    fi
    [ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is needed for peak memory"
    command -v hyperfine >/dev/null || log "no hyperfine: timing the best of 3 runs"
}

# Sets idpool to the binary to time, or to nothing when it has no validate command yet.
find_idpool() {
    if [ -n "${IDPOOL_BIN:-}" ]; then
        idpool=$IDPOOL_BIN
    else
        log "building idpool (cargo build --release -p idpool-cli)"
        (cd "$root" && cargo build --release --quiet -p idpool-cli) >&2
        idpool="$root/target/release/idpool"
    fi
    if ! "$idpool" validate --help >/dev/null 2>&1; then
        log "SKIPPING idpool: '$idpool validate --help' fails, so the binary has no validate command yet"
        idpool=
    fi
}

# Defines the command line of each tool, run from inside $requests. Each exits 1 when some
# file is invalid; that is expected.
define_commands() {
    local q_schema q_cjs q_ajv q_idpool
    printf -v q_schema '%q' "$schema"
    printf -v q_cjs '%q' "$check_jsonschema"
    printf -v q_ajv '%q' "$ajv"
    names=(cat check-jsonschema ajv-cli)
    declare -gA commands=(
        [cat]="find . -name '*.json' -print0 | xargs -0 -s $batch_bytes cat"
        [check-jsonschema]="find . -name '*.json' -print0 | xargs -0 -s $batch_bytes $q_cjs --output-format json --schemafile $q_schema"
        [ajv-cli]="$q_ajv validate --spec=draft2020 --all-errors --errors=json -s $q_schema -d '*.json'"
    )
    if [ -n "$idpool" ]; then
        printf -v q_idpool '%q' "$idpool"
        names+=(idpool)
        commands[idpool]="$q_idpool validate --format json ."
    fi
}

# Runs each tool once, checks its exit status, and counts the files it found invalid: the
# count, next to the generator's, shows that every tool did the whole work. A tool exits 1
# when some file is invalid, which xargs turns into 123; anything else is a failure.
check_verdicts() {
    local name status
    for name in "${names[@]}"; do
        log "checking what $name reports"
        status=0
        (cd "$requests" && bash -c "${commands[$name]}") \
            >"$results/$name.out" 2>"$results/$name.err" || status=$?
        if [ "$status" != 0 ] && [ "$status" != 1 ] && [ "$status" != 123 ]; then
            tail -n 20 "$results/$name.err" >&2
            die "$name exited with $status"
        fi
        python3 "$here/report.py" count-invalid "$name" "$results/$name.out" \
            "$results/$name.err" >"$results/$name.found"
    done
}

# Times each tool (hyperfine, or the best of 3 runs timed with bash's clock, which unlike
# /usr/bin/time's has better than 10 ms resolution) and takes its peak RSS.
time_tools() {
    local name start
    for name in "${names[@]}"; do
        log "timing $name"
        if command -v hyperfine >/dev/null; then
            (cd "$requests" && hyperfine --shell=bash --ignore-failure --warmup 1 \
                --min-runs 3 --max-runs 10 --style basic --command-name "$name" \
                --export-json "$results/$name.json" "${commands[$name]}") >&2
        else
            : >"$results/$name.times"
            for _ in 1 2 3; do
                start=$EPOCHREALTIME
                (cd "$requests" && bash -c "${commands[$name]}" >/dev/null 2>&1) || true
                echo "$start $EPOCHREALTIME" >>"$results/$name.times"
            done
        fi
        (cd "$requests" && /usr/bin/time -f '%M' -o "$results/$name.rss" \
            bash -c "${commands[$name]}" >/dev/null 2>&1) || true
    done
}

# Writes each tool's version to $results/NAME.version.
record_versions() {
    cat --version | head -n 1 >"$results/cat.version"
    "$check_jsonschema" --version >"$results/check-jsonschema.version"
    printf 'ajv-cli %s (ajv %s, node %s)\n' "$ajv_cli_version" \
        "$(node -p "require('$tools/npm/node_modules/ajv/package.json').version")" \
        "$(node --version)" >"$results/ajv-cli.version"
    if [ -n "$idpool" ]; then
        "$idpool" --version >"$results/idpool.version" 2>/dev/null \
            || echo "idpool $(git -C "$root" rev-parse --short HEAD)" >"$results/idpool.version"
    fi
}

# Times idpool on the one big document, for at most $big_timeout seconds.
time_big() {
    local status=0
    rm -f "$results/big.time" "$results/big.status"
    [ -n "$idpool" ] || return 0
    generate "$big" --big "$big" --megabytes "$big_megabytes"
    log "timing idpool on $big (stopped after $big_timeout s)"
    /usr/bin/time -f '%e s %M KB' -o "$results/big.time" timeout "$big_timeout" \
        "$idpool" validate "$big" --format json >/dev/null 2>"$results/big.err" || status=$?
    echo "$status" >"$results/big.status"
    log "big.json: exit status $status, $(tail -n 1 "$results/big.time")"
}

main() {
    command -v python3 >/dev/null || die "python3 is needed"
    command -v node >/dev/null || die "node is needed"
    command -v npm >/dev/null || die "npm is needed"
    generate "$requests" "$count" "$requests" --manifest "$manifest"
    install_tools
    install_timers
    find_idpool
    rm -rf "$results"
    mkdir -p "$results"
    define_commands
    check_verdicts
    record_versions
    cut -d' ' -f1-3 /proc/loadavg >"$results/loadavg"
    time_tools
    time_big
    python3 "$here/report.py" table "$results" --requests "$requests" --manifest "$manifest" \
        --big "$big" | tee "$work/results.md"
    log "(also written to ${work#"$root"/}/results.md)"
}

main
