//! Integration tests of the `idpool` binary.

// Closed pipes, full disks, huge inputs, escapes, long command lines.
mod generate;
mod hostile;
// `idpool schema`.
mod schema;
// `idpool shorthand --jsonl` over a corpus, against recorded digests.
mod jsonl;
// `idpool shorthand`.
mod shorthand;
// The same JSON syntax error at the same place in every command.
mod syntax;
// `idpool validate`.
mod validate;
// `idpool cognito-identity COMMAND`, against commands recorded from awscli.
mod service;
// `idpool update-identity-pool`, against the awscli corpus.
mod update;
// `idpool cognito-identity COMMAND`, every command against its awscli corpus.
mod commands;
// Usage errors and help.
mod usage;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn idpool() -> Command {
    Command::cargo_bin("idpool").unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
