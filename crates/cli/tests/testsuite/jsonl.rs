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

/// Lines far beyond one batch: every record in its place, each bad line named by its number, and
/// a line over the size limit ending the stream after the records of the lines before it.
#[test]
fn many_lines_keep_their_order_and_numbers() {
    let lines: Vec<String> = (1..=20_000)
        .map(|i| match i % 1000 {
            0 => format!("not json {i}"),
            _ => format!(r#"["ProviderName=p{i},ClientId=c{i}"]"#),
        })
        .collect();
    let mut input = lines.join("\n") + "\n";
    let output = idpool()
        .args([
            "shorthand",
            "--jsonl",
            "--param",
            "cognito-identity-providers",
        ])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let records: Vec<&str> = stdout.lines().collect();
    assert_eq!(records.len(), 20_000);
    for (i, record) in (1..).zip(&records) {
        let expected = match i % 1000 {
            0 => format!(
                r#"{{"error":"line {i} is not a JSON array of strings: expected ident at line 1 column 2"}}"#
            ),
            _ => format!(r#"{{"ok":[{{"ProviderName":"p{i}","ClientId":"c{i}"}}]}}"#),
        };
        assert_eq!(*record, expected);
    }
    // Line 20,001 is over the limit.
    input.push_str(&format!("[\"{}\"]\n[]\n", "x".repeat(2000)));
    let output = idpool()
        .args([
            "shorthand",
            "--jsonl",
            "--param",
            "cognito-identity-providers",
        ])
        .args(["--max-size", "1K"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        output.stdout.iter().filter(|&&b| b == b'\n').count(),
        20_000
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("line 20001 of standard input"), "{stderr}");
}
