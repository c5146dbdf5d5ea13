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
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn idpool() -> Command {
    Command::cargo_bin("idpool").unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tests/data/cli`: the recorded command lines and the files they name.
fn cli_dir() -> PathBuf {
    root().join("tests/data/cli")
}

/// Runs `idpool ARGS` in `tests/data/cli`, where the recorded command lines name their files,
/// with colour left to the terminal as in the recordings; returns the exit code, stdout and
/// stderr.
fn in_cli_dir<I, S>(args: I) -> (i32, String, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = idpool()
        .args(args)
        .current_dir(cli_dir())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// What is wrong with idpool's result (`code`, `stdout`) for a command line awscli recorded as
/// `aws` (`{rc, outcome, params, stdout, stderr}`), if anything.
fn awscli_problem(args: &[String], aws: &Value, code: i32, stdout: &str) -> Option<String> {
    let aws_str = |key: &str| aws[key].as_str().unwrap();
    let aws_stdout = aws_str("stdout");
    match aws_str("outcome") {
        // Sent, but printing the response failed (a --query error, a table it cannot draw).
        "sent" if aws["rc"] != 0 && (code != 2 || stdout != aws_stdout) => Some(format!(
            "exit {code} where awscli fails to print ({}); stdout:\n{stdout}",
            aws_str("stderr").trim()
        )),
        "sent" if aws["rc"] != 0 => None,
        "sent" | "printed" if stdout != aws_stdout => Some(format!(
            "stdout differs:\n{stdout}\n--- awscli:\n{aws_stdout}"
        )),
        "sent" if code == 2 => Some("refused a command awscli sends".into()),
        "printed" if code != 0 => Some(format!("exit {code} where awscli printed")),
        "invalid" if code != 1 => Some(format!("exit {code} where awscli's validation fails")),
        "invalid" => printed_request_differs(args, &aws["params"], stdout),
        "refused" if code != 2 || !stdout.is_empty() => Some(format!(
            "exit {code} where awscli refuses ({})",
            aws_str("stderr").trim()
        )),
        _ => None,
    }
}

/// For a request awscli builds but botocore rejects: the JSON idpool printed is the request
/// awscli built (`params`; serde_json's maps compare without regard to key order). Not compared
/// when `--query`, `--output` or `--generate-cli-skeleton` (as awscli abbreviates them) shape
/// what is printed.
fn printed_request_differs(args: &[String], params: &Value, stdout: &str) -> Option<String> {
    let shaped = args
        .iter()
        .any(|a| a.starts_with("--q") || a.starts_with("--ou") || a.starts_with("--g"));
    if shaped {
        return None;
    }
    // The AWS CLI prints nothing for an empty object, and so does idpool.
    let stdout = if stdout.is_empty() { "{}" } else { stdout };
    let printed: Value = match serde_json::from_str(stdout) {
        Ok(printed) => printed,
        Err(e) => return Some(format!("stdout is not JSON ({e}):\n{stdout}")),
    };
    (printed != *params).then(|| format!("request differs:\n{printed:#}\n--- awscli:\n{params:#}"))
}
