//! `idpool generate`: the records of --format jsonl, the files and manifest of --format json,
//! and the same bytes for the same seed.

use crate::idpool;
use serde_json::Value;

fn generate(args: &[&str]) -> (i32, Vec<u8>) {
    let output = idpool().arg("generate").args(args).output().unwrap();
    (output.status.code().unwrap(), output.stdout)
}

#[test]
fn jsonl_records_are_labelled_and_reproducible() {
    let args = [
        "--operation",
        "get-id",
        "--valid",
        "3",
        "--invalid",
        "5",
        "--seed",
        "9",
    ];
    let (code, stdout) = generate(&args);
    assert_eq!(code, 0);
    assert_eq!(
        generate(&args).1,
        stdout,
        "the same seed gives the same bytes"
    );
    let other = generate(&[
        "--operation",
        "get-id",
        "--valid",
        "3",
        "--invalid",
        "5",
        "--seed",
        "10",
    ])
    .1;
    assert_ne!(other, stdout, "another seed, other documents");
    let records: Vec<Value> = String::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 8);
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record["operation"], "GetId");
        assert_eq!(record["valid"], i < 3);
        let expect = record["expect"].as_array().unwrap();
        assert_eq!(expect.len(), usize::from(i >= 3));
        assert!(record["document"].is_object() || i >= 3);
    }
}

#[test]
fn json_writes_files_and_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let (code, stdout) = generate(&[
        "--operation",
        "SetIdentityPoolRoles",
        "--valid",
        "1",
        "--invalid",
        "2",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!((code, stdout.as_slice()), (0, &b""[..]));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let entries = manifest.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for entry in entries {
        let file = out.join(entry["file"].as_str().unwrap());
        // Each file is checked by idpool as its label says.
        let output = idpool()
            .args([
                "validate",
                "--no-config",
                "--operation",
                "set-identity-pool-roles",
                "--format",
                "json",
            ])
            .arg(&file)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let errors: Vec<(&str, &str)> = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| (d["code"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
            .collect();
        let expected: Vec<(&str, &str)> = entry["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["code"].as_str().unwrap(), e["pointer"].as_str().unwrap()))
            .collect();
        assert_eq!(errors, expected, "{}", file.display());
    }
    // No body, nothing to generate.
    let (code, _) = generate(&[
        "--operation",
        "unlink-identity",
        "--kind",
        "response",
        "--valid",
        "1",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn what_cannot_be_written_is_refused_with_status_2() {
    for (args, why) in [
        (
            &["--format", "cli", "--invalid", "1"][..],
            "error: --format cli: only valid requests are written as command lines or shorthand\n",
        ),
        (
            &["--format", "shorthand", "--kind", "response"][..],
            "error: --format shorthand: a response is not sent on a command line\n",
        ),
        (
            &[
                "--operation",
                "set-identity-pool-roles",
                "--kind",
                "response",
            ][..],
            "error: SetIdentityPoolRoles has no response body, so there is nothing to generate\n",
        ),
    ] {
        let output = idpool().arg("generate").args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), why, "{args:?}");
    }
}
