#!/usr/bin/env bash
# Whole-process benchmark of `idpool update-identity-pool` against the AWS CLI it stands in for
# (awscli 1.46.2 from scripts/shorthand/venv.sh): the documented example, and
# --generate-cli-skeleton. The AWS CLI sends its request to a local server that echoes it back
# (so it does all its work but the network); idpool needs none. Times with hyperfine and peak
# memory with /usr/bin/time; prints markdown for docs/benchmarks.md.
#
#   bash scripts/bench/update.sh
#
# Run by hand, not by CI. IDPOOL_BIN=path times that binary instead of target/release/idpool.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/target/bench-update"
mkdir -p "$work"
command -v hyperfine >/dev/null || { echo "error: hyperfine is needed" >&2; exit 1; }

python=$(bash "$root/scripts/shorthand/venv.sh")
aws="$(dirname "$python")/aws"
if [ -z "${IDPOOL_BIN:-}" ]; then
    cargo build --quiet --release -p idpool-cli --manifest-path "$root/Cargo.toml"
    IDPOOL_BIN="$root/target/release/idpool"
fi

# The echo server: every POST is answered 200 with its own body, as the service answers
# UpdateIdentityPool with the pool as updated.
port_file="$work/port"
rm -f "$port_file"
"$python" - "$port_file" <<'PY' &
import http.server, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Echo)
open(sys.argv[1], "w").write(str(server.server_port))
server.serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(cat "$port_file")

export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-west-2
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
example=(--identity-pool-id "us-west-2:11111111-1111-1111-1111-111111111111"
    --identity-pool-name "MyIdentityPool" --no-allow-unauthenticated-identities
    --cognito-identity-providers 'ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false')
quoted=$(printf ' %q' "${example[@]}")

# Both must print the same thing before they are timed.
"$aws" cognito-identity update-identity-pool "${example[@]}" --endpoint-url "http://127.0.0.1:$port" > "$work/aws.out"
"$IDPOOL_BIN" update-identity-pool "${example[@]}" > "$work/idpool.out" 2>/dev/null
cmp "$work/aws.out" "$work/idpool.out" || { echo "error: the outputs differ" >&2; exit 1; }

hyperfine --warmup 3 --min-runs 20 --export-markdown "$work/times.md" -N \
    --command-name "idpool update-identity-pool (documented example)" \
    "$IDPOOL_BIN update-identity-pool$quoted" \
    --command-name "aws cognito-identity update-identity-pool (documented example, local echo)" \
    "$aws cognito-identity update-identity-pool$quoted --endpoint-url http://127.0.0.1:$port" \
    --command-name "idpool update-identity-pool --generate-cli-skeleton" \
    "$IDPOOL_BIN update-identity-pool --generate-cli-skeleton" \
    --command-name "aws cognito-identity update-identity-pool --generate-cli-skeleton" \
    "$aws cognito-identity update-identity-pool --generate-cli-skeleton" >&2

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo
cat "$work/times.md"
echo
echo "| peak RSS | idpool | aws |"
echo "|---|---|---|"
echo "| documented example | $(rss "$IDPOOL_BIN" update-identity-pool "${example[@]}") KB | $(rss "$aws" cognito-identity update-identity-pool "${example[@]}" --endpoint-url "http://127.0.0.1:$port") KB |"
