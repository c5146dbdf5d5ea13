#!/usr/bin/env bash
# Runs the CI recipes of docs/ci.md that can run offline, as a user's repository would:
#
# - the pre-commit hooks of .pre-commit-hooks.yaml, through `pre-commit try-repo` on this
#   repository's committed HEAD (pre-commit from PyPI, in target/ci-recipes/venv);
# - the steps of the GitHub Actions job: `--format github` annotations and the SARIF file that
#   is uploaded (checked to be one whole JSON document);
# - the one line of idpool.toml that lets a repository with package.json and tsconfig.json check
#   its requests without a false failure.
#
# Each recipe is run against a scratch repository holding valid and invalid requests, and must
# give the verdict the docs promise. Used by .ci/run; needs git, python3 and a built idpool.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/ci-recipes"
rm -rf "$work/repo"
mkdir -p "$work/repo"

cargo build --quiet --release -p idpool-cli --manifest-path "$root/Cargo.toml"
export PATH="$root/target/release:$PATH"

fail() { echo "ci-recipes: $*" >&2; exit 1; }

# A user's repository: requests under cognito/, a response, package files, an ignored copy.
repo="$work/repo"
mkdir -p "$repo/cognito" "$repo/dist"
cp "$root/examples/update-identity-pool.request.json" "$repo/cognito/pool.request.json"
cp "$root/examples/update-identity-pool.response.json" "$repo/cognito/pool.response.json"
echo '{"name": "app", "version": "1.0.0"}' >"$repo/package.json"
echo '{"compilerOptions": {"strict": true}}' >"$repo/tsconfig.json"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/dist/stale.json"
echo 'dist/' >"$repo/.gitignore"
git -C "$repo" init --quiet
git -C "$repo" -c user.name=ci -c user.email=ci@localhost add -A
git -C "$repo" -c user.name=ci -c user.email=ci@localhost commit --quiet -m "requests"

echo "== idpool.toml: one line, no false failure"
(cd "$repo" && ! idpool validate --quiet . >/dev/null) ||
    fail "without a configuration, package.json should fail as a request"
printf 'validate.glob = ["cognito/**"]\nvalidate.files = [{ glob = "*.response.json", kind = "response" }]\n' \
    >"$repo/idpool.toml"
(cd "$repo" && idpool validate .) || fail "with idpool.toml, the repository should pass"

echo "== GitHub Actions steps"
(cd "$repo" && idpool validate --format github cognito/) || fail "annotations step"
(cd "$repo" && idpool validate --format sarif cognito/ >idpool.sarif) || fail "SARIF step"
python3 -c 'import json, sys; log = json.load(open(sys.argv[1])); assert log["version"] == "2.1.0"' \
    "$repo/idpool.sarif" || fail "the SARIF file is not a whole SARIF log"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/cognito/broken.request.json"
if (cd "$repo" && idpool validate --format github cognito/ >"$work/annotations"); then
    fail "an invalid request should fail the annotations step"
fi
grep -q '^::error file=cognito/broken.request.json,line=3,' "$work/annotations" ||
    fail "no error annotation for the invalid request"
rm "$repo/cognito/broken.request.json" "$repo/idpool.sarif"

echo "== pre-commit try-repo"
venv="$work/venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
fi
# try-repo takes the hooks of this repository's HEAD, as `repo:` with a `rev:` would.
(cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate \
    --files cognito/pool.request.json) || fail "the request hook should pass a valid request"
cp "$root/tests/data/requests/invalid/two-violations.json" "$repo/cognito/broken.request.json"
git -C "$repo" add -A
if (cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate \
    --files cognito/broken.request.json >"$work/pre-commit.log" 2>&1); then
    fail "the request hook should fail an invalid request"
fi
grep -q 'IDP008' "$work/pre-commit.log" || fail "the hook's output does not name the problem"
(cd "$repo" && "$venv/bin/pre-commit" try-repo "$root" idpool-validate-responses \
    --files cognito/pool.response.json) || fail "the response hook should pass a response"

echo "ci-recipes: every recipe gave the verdict the docs promise"
