#!/usr/bin/env bash
# Regenerates, from awscli 1.46.2 (the venv of scripts/shorthand/venv.sh; needs the PyPI registry
# on first use):
#
# - models/cognito-identity/service-2.json: the service model its bundled botocore ships, without
#   the documentation strings (vendor.py);
# - tests/data/model/awscli-commands.json: the `aws cognito-identity` command table its driver
#   builds from that model, which the generated names are checked against (commands.py);
# - tests/data/schemas/<command>.request/{valid,invalid}/model-*: valid requests of every
#   operation, and invalid ones breaking one rule each with the pointers of their errors, each
#   checked by botocore's validator where it decides (corpus.py).
#
# Run it when the pinned awscli changes, then `cargo run -p idpool-codegen`. `cargo test` checks
# the committed files and never needs Python.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py=$(bash "$root/scripts/shorthand/venv.sh")
"$py" "$root/scripts/model/vendor.py" "$root/models/cognito-identity/service-2.json"
mkdir -p "$root/tests/data/model"
"$py" "$root/scripts/model/commands.py" "$root/tests/data/model/awscli-commands.json"
# The corpora of every operation's requests, from the new model, checked by botocore.
"$py" "$root/scripts/model/corpus.py"
