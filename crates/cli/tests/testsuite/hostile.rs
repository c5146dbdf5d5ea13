//! Hostile conditions: a reader that goes away, a full disk, endless or huge inputs, escape
//! sequences in the input, bad `--jsonl` lines, very long command lines. The exit status must
//! carry the verdict through all of them, and nothing may panic.

use crate::{idpool, root};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// `update-identity-pool` with its required arguments.
const UPDATE: [&str; 6] = [
    "update-identity-pool",
    "--identity-pool-id",
    "us-east-1:11111111-1111-1111-1111-111111111111",
    "--identity-pool-name",
    "n",
    "--allow-unauthenticated-identities",
];

fn binary() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("idpool"));
    command.current_dir(root()).env("NO_COLOR", "1");
    command
}

/// A request with `n` empty ARNs: two diagnostics each, on one line.
fn many_problems(n: usize) -> String {
    format!(
        "{{\"IdentityPoolId\":\"us-east-1:11111111-1111-1111-1111-111111111111\",\
         \"IdentityPoolName\":\"n\",\"AllowUnauthenticatedIdentities\":false,\
         \"OpenIdConnectProviderARNs\":[{}]}}",
        vec!["\"\""; n].join(",")
    )
}

/// Runs `command` with `stdin` written in, reads `keep` bytes of its output, then closes the
/// pipe; returns the exit code and what it wrote on standard error. A command that goes on
/// after its reader has gone is killed after two minutes, and the test fails: a hang is what
/// these tests look for.
fn close_after(mut command: Command, stdin: &[u8], keep: usize) -> (Option<i32>, String) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut head = vec![0; keep];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let mut status = None;
    for _ in 0..1200 {
        status = child.try_wait().unwrap();
        if status.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let Some(status) = status else {
        let _ = child.kill();
        panic!("{command:?} went on after its reader went away");
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    writer.join().unwrap();
    (status.code(), stderr)
}

#[test]
fn a_closed_stdout_keeps_the_verdict_of_validate() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::copy(
            root().join("examples/update-identity-pool.request.json"),
            dir.path().join(format!("valid-{i:03}.json")),
        )
        .unwrap();
    }
    // Well past the pipe's and the writer's buffers, so that writes fail once it is closed.
    let mut valid = binary();
    valid.arg("validate").arg(dir.path());
    assert_eq!(close_after(valid, b"", 10), (Some(0), String::new()));

    std::fs::write(dir.path().join("z-invalid.json"), many_problems(10)).unwrap();
    for format in ["human", "json", "sarif", "github", "junit", "aws"] {
        let mut invalid = binary();
        invalid
            .args(["validate", "--format", format])
            .arg(dir.path());
        assert_eq!(
            close_after(invalid, b"", 10),
            (Some(1), String::new()),
            "{format}"
        );
    }
}

#[test]
fn a_closed_stdout_keeps_the_verdict_of_jsonl() {
    let mut lines = "[\"a=b\"]\n".repeat(100_000);
    let mut ok = binary();
    ok.args(["shorthand", "--jsonl"]);
    assert_eq!(
        close_after(ok, lines.as_bytes(), 1),
        (Some(0), String::new())
    );
    lines.push_str("[\"a=\"b\"]\n");
    let mut bad = binary();
    bad.args(["shorthand", "--jsonl"]);
    assert_eq!(
        close_after(bad, lines.as_bytes(), 1),
        (Some(1), String::new())
    );
}

#[test]
fn a_closed_stdout_ends_generate() {
    // Endless in effect: only the reader going away ends it.
    let endless = u64::MAX.to_string();
    for format in ["jsonl", "cli", "shorthand"] {
        let mut generate = binary();
        generate
            .args(["generate", "--operation", "set-identity-pool-roles"])
            .args(["--valid", &endless, "--format", format]);
        assert_eq!(
            close_after(generate, b"", 10),
            (Some(0), String::new()),
            "{format}"
        );
    }
}

/// Runs `args` with standard output (or standard error) on `/dev/full`.
#[cfg(target_os = "linux")]
fn on_full_disk(args: &[&str], stderr_full: bool) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut command = binary();
    command.args(args);
    let output = if stderr_full {
        command.stderr(full).stdout(Stdio::null()).output()
    } else {
        command.stdout(full).output()
    }
    .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_an_error_never_a_panic() {
    let request = "examples/update-identity-pool.request.json";
    let commands: [&[&str]; 10] = [
        &["completions", "bash"],
        &["--help"],
        &["--version"],
        &["man"],
        &["schema", "request"],
        &["validate", "examples/"],
        &["validate", "--format", "junit", "examples/"],
        &["shorthand", "a=b"],
        &["to-cli", request],
        &["update-identity-pool", "--help"],
    ];
    for args in commands {
        let (code, stderr) = on_full_disk(args, false);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write") && stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
    let update = UPDATE;
    let (code, _) = on_full_disk(&update, false);
    assert_eq!(code, Some(2));
    // Diagnostics go to standard error: when it is full, the exit status still says so.
    for args in [&update[..], &["validate", "--format", "nope"], &["nope"]] {
        let (code, _) = on_full_disk(args, true);
        assert_eq!(code, Some(2), "{args:?}");
    }
}

#[test]
fn inputs_past_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, many_problems(2000)).unwrap();
    let big = big.to_str().unwrap();

    // The file's own error, in the format asked for; the other files are still checked.
    let output = binary()
        .args(["validate", "--format", "aws", "--max-size", "4K", big])
        .arg("examples/update-identity-pool.request.json")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        format!(
            "{big}:1:1: error[IDP011]: the file is larger than the size limit of 4 KiB (raise it \
             with --max-size or IDPOOL_MAX_SIZE)\n"
        )
    );

    let run = |args: &[&str], env: Option<&str>, stdin: &[u8]| {
        let mut command = idpool();
        command
            .current_dir(root())
            .args(args)
            .write_stdin(stdin.to_vec());
        if let Some(size) = env {
            command.env("IDPOOL_MAX_SIZE", size);
        }
        let output = command.output().unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    // Standard input.
    let (code, stdout, _) = run(
        &["validate", "-"],
        Some("1K"),
        many_problems(2000).as_bytes(),
    );
    assert_eq!(code, Some(2));
    assert!(
        stdout.starts_with("error[IDP011]: standard input is larger than the size limit of 1 KiB"),
        "{stdout}"
    );
    // A file:// value and --cli-input-json, limited by the environment variable.
    let file = format!("file://{big}");
    for args in [
        vec!["update-identity-pool", "--cli-input-json", &file],
        [&UPDATE[..], &["--open-id-connect-provider-arns", &file]].concat(),
    ] {
        let (code, stdout, stderr) = run(&args, Some("1K"), b"");
        assert_eq!((code, stdout.as_str()), (Some(2), ""), "{args:?}");
        assert!(
            stderr.contains("big.json is larger than the size limit of 1 KiB"),
            "{stderr}"
        );
    }
    // A --jsonl line: the lines before it are converted, then the stream ends.
    let mut lines = b"[\"a=b\"]\n".to_vec();
    lines.extend(format!("[\"{}\"]\n[\"c=d\"]\n", "x".repeat(100)).as_bytes());
    let (code, stdout, stderr) = run(&["shorthand", "--jsonl", "--max-size", "64"], None, &lines);
    assert_eq!(
        (code, stdout.as_str()),
        (Some(2), "{\"ok\":{\"a\":\"b\"}}\n")
    );
    assert_eq!(
        stderr,
        "error: line 2 of standard input is larger than the size limit of 64 bytes (raise it \
         with --max-size or IDPOOL_MAX_SIZE)\n"
    );
    // A size that is not one.
    let (code, _, stderr) = run(&["validate", "examples/"], Some("lots"), b"");
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with("error: IDPOOL_MAX_SIZE: `lots` is not a size"),
        "{stderr}"
    );
}

#[test]
#[cfg(target_os = "linux")]
fn endless_inputs_end_at_the_limit() {
    let output = binary()
        .args(["validate", "--max-size", "1M", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = binary()
        .args(["shorthand", "--jsonl", "--max-size", "1M"])
        .stdin(std::fs::File::open("/dev/zero").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 1 of standard input"));
}

#[test]
fn control_characters_from_the_input_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = if cfg!(windows) {
        "escape.json"
    } else {
        "esc\u{1b}[31m.json"
    };
    let document = r#"{
    "IdentityPoolId": "us-east-1:11111111-1111-1111-1111-111111111111\u001b]0;title\u0007",
    "IdentityPoolName": "n",
    "AllowUnauthenticatedIdentities": false,
    "X\u001b[2K\r": 1,
    "IdentityPoolTags": {"\u202etxt.exe": "\u009b31m"}
}
"#;
    std::fs::write(dir.path().join(name), document).unwrap();
    for format in ["human", "aws"] {
        let output = binary()
            .current_dir(dir.path())
            .args(["validate", "--format", format, name])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            !stdout
                .chars()
                .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'),
            "{stdout}"
        );
        insta::assert_snapshot!(format!("escaped_{format}"), stdout);
    }
    // The machine formats escape as JSON does.
    let output = binary()
        .current_dir(dir.path())
        .args(["validate", "--format", "json", name])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], name);
}

#[test]
fn a_bad_jsonl_line_gets_a_record_and_the_stream_goes_on() {
    let mut input = b"[\"a=b\"]\n\xff\xfe\n[\"c=d\"]\n\0\n[1]\n[\"e=f\"]".to_vec();
    input.extend(b"\n");
    let output = idpool()
        .args(["shorthand", "--jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

/// 200,000 arguments are read in linear time (argparse's own algorithm is quadratic in them).
/// The system limits a whole command line to about 2 MiB, pointers included, so the process
/// gets 150,000 and the library 200,000.
#[test]
fn two_hundred_thousand_arguments() {
    let unknown = vec!["-Z"; 150_000];
    let output = binary()
        .args([
            "update-identity-pool",
            "--identity-pool-id",
            "a",
            "--identity-pool-name",
            "n",
        ])
        .arg("--allow-unauthenticated-identities")
        .args(&unknown)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: unknown options: -Z, -Z, "),
        "{}",
        &stderr[..100]
    );
    // Every token is listed; the hint for it is given once.
    assert_eq!(stderr.matches("-Z").count(), 150_001);

    let mut tokens: Vec<String> = UPDATE[1..].iter().map(|t| (*t).to_owned()).collect();
    let unknown = tokens
        .iter()
        .cloned()
        .chain((0..200_000).map(|i| format!("--x{i}")));
    let refused = idpool_cli::update_request(&unknown.collect::<Vec<_>>()).unwrap_err();
    assert!(refused.starts_with("error: unknown options: --x0, --x1, "));
    assert!(refused.contains(", --x199999\n"));

    tokens.push("--open-id-connect-provider-arns".into());
    tokens.extend((0..200_000).map(|i| format!("arn:aws:iam::123456789012:oidc-provider/p{i}")));
    let request = idpool_cli::update_request(&tokens).unwrap().unwrap();
    assert_eq!(
        request["OpenIdConnectProviderARNs"]
            .as_array()
            .unwrap()
            .len(),
        200_000
    );
}
