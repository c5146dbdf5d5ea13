//! `idpool shorthand --jsonl` over a corpus of lines: valid values, values with problems, values
//! the AWS CLI refuses, lines that are not arrays of strings, a line that is not UTF-8 and lines
//! with more problems than a record keeps (`jsonl/corpus.jsonl`, written by
//! `scripts/cli/jsonl_corpus.py`).
//!
//! For the untyped parse and for every value parameter, with and without `--strict`, the exit
//! status, the number of records and a digest of standard output and standard error must be
//! those recorded in `jsonl/digests.txt`: the records stay byte for byte what they were when
//! the digests were written. `IDPOOL_BLESS=1` rewrites the file after a deliberate change.

use crate::{idpool, root};
use std::fmt::Write as _;

/// Where the corpus and the digests are.
fn dir() -> std::path::PathBuf {
    root().join("crates/cli/tests/testsuite/jsonl")
}

/// The parameters checked: the untyped parse (`-`) and every option of update-identity-pool
/// that takes a value.
const PARAMS: [&str; 9] = [
    "-",
    "identity-pool-id",
    "identity-pool-name",
    "supported-login-providers",
    "developer-provider-name",
    "open-id-connect-provider-arns",
    "cognito-identity-providers",
    "saml-provider-arns",
    "identity-pool-tags",
];

/// FNV-1a, 64 bits: a digest that needs no dependency.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One line of `digests.txt` for `param`, with or without `--strict`.
fn digest(param: &str, strict: bool, corpus: &[u8]) -> String {
    let mut args = vec!["shorthand", "--jsonl"];
    if param != "-" {
        args.extend(["--param", param]);
    }
    if strict {
        args.push("--strict");
    }
    let output = idpool()
        .args(&args)
        .current_dir(dir())
        .write_stdin(corpus)
        .output()
        .unwrap();
    let records = output.stdout.iter().filter(|&&b| b == b'\n').count();
    format!(
        "{param} {} exit={} records={records} stdout={:016x} stderr={:016x}",
        if strict { "strict" } else { "plain" },
        output.status.code().unwrap(),
        fnv(&output.stdout),
        fnv(&output.stderr)
    )
}

#[test]
fn records_are_unchanged() {
    let corpus = std::fs::read(dir().join("corpus.jsonl")).unwrap();
    let mut actual = String::new();
    for param in PARAMS {
        for strict in [false, true] {
            writeln!(actual, "{}", digest(param, strict, &corpus)).unwrap();
        }
    }
    let path = dir().join("digests.txt");
    if std::env::var_os("IDPOOL_BLESS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(actual, expected);
}
