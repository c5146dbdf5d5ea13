//! The same JSON syntax error at the same line and column in every command that reads JSON.
//!
//! Each `tests/data/syntax/NAME.json` is a text that is not JSON, and `NAME.position` holds the
//! `LINE:COLUMN` of its error. Every command that reads it must report the error there:
//! `validate`, `update-identity-pool --cli-input-json` (a `file://` value and the text itself),
//! `to-cli`, and, for a text the AWS CLI reads as JSON (one starting with `{` or `[`), a JSON
//! option value of `update-identity-pool` (`file://` and inline) and of `shorthand --param`.
//! A new case is two new files.

use crate::{idpool, root};
use std::path::Path;

/// The first `LINE` and `COLUMN` numbers that follow `before` in `text` (as in
/// `at line 1 column 25` or `--> line 1, column 25`).
fn position_after(text: &str, before: &str) -> Option<(usize, usize)> {
    let rest = &text[text.find(before)? + before.len()..];
    let mut numbers = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|n| n.parse::<usize>().unwrap());
    Some((numbers.next()?, numbers.next()?))
}

/// What one command reported.
struct Reported {
    /// The command, as the failure message names it.
    command: String,
    /// The line and column of the syntax error.
    at: Option<(usize, usize)>,
    /// The exit status and the output, for the failure message.
    transcript: String,
}

/// The position each command reports for `path`.
fn reported(path: &Path, text: &str) -> Vec<Reported> {
    let file = path.to_str().unwrap();
    let uri = format!("file://{file}");
    const REQUIRED: [&str; 5] = [
        "--identity-pool-id",
        "us-east-1:11111111-1111-1111-1111-111111111111",
        "--identity-pool-name",
        "p",
        "--no-allow-unauthenticated-identities",
    ];
    let mut runs: Vec<(String, Vec<String>, &str)> = vec![
        (
            "validate".into(),
            ["validate", "--no-config", file].map(String::from).to_vec(),
            " --> ",
        ),
        (
            "update-identity-pool --cli-input-json file://".into(),
            ["update-identity-pool", "--cli-input-json", &uri]
                .map(String::from)
                .to_vec(),
            " at line ",
        ),
        (
            "update-identity-pool --cli-input-json TEXT".into(),
            ["update-identity-pool", "--cli-input-json", text]
                .map(String::from)
                .to_vec(),
            " at line ",
        ),
        (
            "to-cli".into(),
            ["to-cli", file].map(String::from).to_vec(),
            " at line ",
        ),
    ];
    // The AWS CLI reads an option value as JSON when it starts with `{` or `[`.
    if text.trim().starts_with(['{', '[']) {
        for value in [uri.as_str(), text] {
            let mut args = vec!["update-identity-pool".to_owned()];
            args.extend(REQUIRED.map(String::from));
            args.extend(["--identity-pool-tags".to_owned(), value.to_owned()]);
            let name = if value == text { "TEXT" } else { "file://" };
            runs.push((
                format!("update-identity-pool --identity-pool-tags {name}"),
                args,
                "--> line ",
            ));
        }
        runs.push((
            "shorthand --param identity-pool-tags TEXT".into(),
            ["shorthand", "--param", "identity-pool-tags", text]
                .map(String::from)
                .to_vec(),
            "--> line ",
        ));
    }
    runs.into_iter()
        .map(|(name, args, before)| {
            let output = idpool()
                .args(&args)
                .current_dir(root())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
            let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
            let transcript = format!("exit {:?}\n{stdout}{stderr}", output.status.code());
            // `validate` names the file before the position: `--> FILE:LINE:COLUMN`.
            let at = if name == "validate" {
                let before = format!("{before}{file}:");
                position_after(&stdout, &before)
            } else if output.status.success() {
                None
            } else {
                position_after(&stderr, before)
            };
            Reported {
                command: name,
                at,
                transcript,
            }
        })
        .collect()
}

#[test]
fn every_command_reports_a_syntax_error_at_the_same_place() {
    let dir = root().join("tests/data/syntax");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "{} cases", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let relative = path.strip_prefix(root()).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("position"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.with_extension("position").display()));
        let (line, column) = expected.trim().split_once(':').expect("LINE:COLUMN");
        let expected = Some((line.parse().unwrap(), column.parse().unwrap()));
        for run in reported(relative, &text) {
            if run.at != expected {
                failures.push(format!(
                    "{}: {}: expected {expected:?}, found {:?}:\n{}",
                    relative.display(),
                    run.command,
                    run.at,
                    run.transcript
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
