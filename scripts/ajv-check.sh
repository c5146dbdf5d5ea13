#!/usr/bin/env bash
# Runs scripts/ajv-check.mjs: every committed schema, given to ajv (an independent
# ECMA-262 JSON Schema validator from npm), must compile in strict mode and accept and reject the
# shared corpora exactly as the Rust tests expect. Installs ajv into target/ajv on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix="$root/target/ajv"
if [ ! -d "$prefix/node_modules/ajv" ]; then
    mkdir -p "$prefix"
    npm install --silent --no-audit --no-fund --prefix "$prefix" ajv@8 >/dev/null
fi
node "$root/scripts/ajv-check.mjs" "$root" "$prefix"
