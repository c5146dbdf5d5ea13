#!/usr/bin/env bash
# Runs the CI recipes of docs/ci.md offline, as written, in a user's repository: a scratch
# repository holding requests, a response, package.json, tsconfig.json, an ignored directory, and
# idpool as a git submodule at this repository's committed HEAD (tools/idpool, as docs/ci.md
# sets it up).
#
# - the GitHub Actions job, taken from docs/ci.md and run by scripts/github-job.py: three runs,
#   each on a fresh runner with the same actions/cache store: the first misses the cache and
#   builds idpool with `cargo install`, the second restores it and skips the build, the third
#   (after an invalid request is committed) must fail with its annotation and still upload a
#   whole SARIF log;
# - the one line of idpool.toml that lets the repository check its requests without a false
#   failure;
# - the `repo: local` pre-commit hook of docs/ci.md, through `pre-commit run`, and the hooks of
#   .pre-commit-hooks.yaml, through `pre-commit try-repo` on this repository's HEAD.
#
# Everything is tried on the committed HEAD, as a user would get it: commit first. Used by
# .ci/run; needs git, python3 (pre-commit and PyYAML are installed from PyPI into
# target/ci-recipes/venv on the first run) and the Rust toolchain. The build of the first run
# works offline from cargo's registry cache, in target/ci-recipes/cargo-target (kept, so that a
# second run of this script builds only what changed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/ci-recipes"
rm -rf "$work/repo" "$work/runners" "$work/actions-cache"
mkdir -p "$work/repo" "$work/runners"

fail() { echo "ci-recipes: $*" >&2; exit 1; }
commit() { git -C "$repo" -c user.name=ci -c user.email=ci@localhost commit --quiet "$@"; }

venv="$work/venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
fi

# A user's repository: requests under cognito/, a response, package files, an ignored copy, the
# one-line idpool.toml, and idpool pinned as a submodule.
repo="$work/repo"
mkdir -p "$repo/cognito" "$repo/dist"
cp "$root/examples/update-identity-pool.request.json" "$repo/cognito/pool.request.json"
cp "$root/examples/update-identity-pool.response.json" "$repo/cognito/pool.response.json"
echo '{"name": "app", "version": "1.0.0"}' >"$repo/package.json"
echo '{"compilerOptions": {"strict": true}}' >"$repo/tsconfig.json"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/dist/stale.json"
echo 'dist/' >"$repo/.gitignore"
printf 'validate.glob = ["cognito/**"]\nvalidate.files = [{ glob = "*.response.json", kind = "response" }]\n' \
    >"$repo/idpool.toml"
git -C "$repo" init --quiet
git -C "$repo" -c protocol.file.allow=always submodule --quiet add "$root" tools/idpool
[ "$(git -C "$repo/tools/idpool" rev-parse HEAD)" = "$(git -C "$root" rev-parse HEAD)" ] ||
    fail "the submodule is not at this repository's HEAD"
git -C "$repo" add -A
commit -m "requests"

# The first run builds idpool offline, from cargo's registry cache, into a target directory
# of its own that later runs of this script reuse.
export CARGO_NET_OFFLINE=true CARGO_TARGET_DIR="$work/cargo-target"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
[ -n "${RUSTUP_HOME:-}" ] || [ ! -d "$HOME/.rustup" ] || export RUSTUP_HOME="$HOME/.rustup"

job() { # job NAME: runs the GitHub Actions job of docs/ci.md on a fresh runner
    "$venv/bin/python" "$root/scripts/github-job.py" --page "$root/docs/ci.md" \
        --section "GitHub Actions" --origin "$repo" --runner "$work/runners/$1" \
        --cache "$work/actions-cache" 2>&1 | tee "$work/$1.log"
    return "${PIPESTATUS[0]}"
}
step_outcome() { # step_outcome LOG PATTERN OUTCOME: the step whose line matches has OUTCOME
    grep -E "^step [0-9]+ \($2.*\): $3\$" "$1" >/dev/null
}

echo "== GitHub Actions job: first run, the cache misses and cargo install builds idpool"
job first || fail "the first run should pass"
grep -q '^cache idpool-Linux-[0-9a-f]\{40\}: miss$' "$work/first.log" || fail "the cache should miss"
step_outcome "$work/first.log" 'run: cargo install' success || fail "cargo install should run"
grep -q '^cache idpool-Linux-[0-9a-f]\{40\}: saved$' "$work/first.log" ||
    fail "the binary should be saved in the cache"
idpool_bin="$work/runners/first/home/.cargo/bin/idpool"
[ -x "$idpool_bin" ] || fail "cargo install should put idpool in ~/.cargo/bin"

echo "== GitHub Actions job: second run, the cache hits and the build is skipped"
job second || fail "the second run should pass"
grep -q '^cache idpool-Linux-[0-9a-f]\{40\}: hit$' "$work/second.log" || fail "the cache should hit"
step_outcome "$work/second.log" 'run: cargo install' skipped || fail "cargo install should be skipped"

echo "== GitHub Actions job: an invalid request fails the job, with its annotation and SARIF"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/cognito/broken.request.json"
git -C "$repo" add -A
commit -m "an invalid request"
if job invalid; then
    fail "an invalid request should fail the job"
fi
step_outcome "$work/invalid.log" 'run: idpool validate --format github' failure ||
    fail "the annotations step should fail"
grep -q '^::error file=cognito/broken.request.json,line=3,' "$work/invalid.log" ||
    fail "no error annotation for the invalid request"
step_outcome "$work/invalid.log" 'uses: github/codeql-action/upload-sarif' success ||
    fail "the SARIF step should upload a whole SARIF log"
git -C "$repo" rm --quiet cognito/broken.request.json
commit -m "fixed"

# The remaining recipes use the idpool the job installed.
export PATH="$(dirname "$idpool_bin"):$PATH"

echo "== idpool.toml: one line, no false failure"
(cd "$repo" && ! idpool validate --no-config --quiet package.json tsconfig.json >/dev/null) ||
    fail "without a configuration, package.json should fail as a request"
(cd "$repo" && idpool validate .) || fail "with idpool.toml, the repository should pass"

echo "== pre-commit: the repo: local hook of docs/ci.md"
"$venv/bin/python" - "$root/docs/ci.md" "$repo/.pre-commit-config.yaml" <<'EOF'
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
section = next(p for p in re.split(r"^## ", text, flags=re.M) if p.startswith("pre-commit"))
block = re.findall(r"^```yaml\n(.*?)^```", section, flags=re.M | re.S)[0]
assert yaml.safe_load(block)["repos"][0]["repo"] == "local", "the first block is the local hook"
open(sys.argv[2], "w", encoding="utf-8").write(block)
EOF
git -C "$repo" add .pre-commit-config.yaml
(cd "$repo" && "$venv/bin/pre-commit" run idpool-validate --files cognito/pool.request.json) ||
    fail "the local hook should pass a valid request"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/cognito/broken.request.json"
git -C "$repo" add -A
if (cd "$repo" && "$venv/bin/pre-commit" run idpool-validate \
    --files cognito/broken.request.json >"$work/pre-commit-local.log" 2>&1); then
    fail "the local hook should fail an invalid request"
fi
grep -q 'IDP008' "$work/pre-commit-local.log" || fail "the local hook's output does not name the problem"

echo "== pre-commit try-repo: the hooks of .pre-commit-hooks.yaml"
# try-repo takes the hooks of this repository's HEAD, as `repo:` with a `rev:` would.
(cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate \
    --files cognito/pool.request.json) || fail "the request hook should pass a valid request"
if (cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate \
    --files cognito/broken.request.json >"$work/pre-commit.log" 2>&1); then
    fail "the request hook should fail an invalid request"
fi
grep -q 'IDP008' "$work/pre-commit.log" || fail "the hook's output does not name the problem"
(cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate-responses \
    --files cognito/pool.response.json) || fail "the response hook should pass a response"

echo "ci-recipes: every recipe gave the verdict the docs promise"
