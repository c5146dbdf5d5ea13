use crate::{cli_dir, idpool, in_cli_dir, root};
use serde_json::Value;

/// Runs `idpool cognito-identity ARGS` in `tests/data/cli`.
fn service(args: &[&str]) -> (i32, String, String) {
    in_cli_dir(std::iter::once("cognito-identity").chain(args.iter().copied()))
}

fn transcript(args: &[&str]) -> String {
    let (code, stdout, stderr) = service(args);
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
}

const POOL: &str = "us-east-1:11111111-2222-3333-4444-555555555555";

/// The example of issue 10: a map of strings in shorthand and a map of structures from a file.
#[test]
fn set_identity_pool_roles_prints_the_body_awscli_builds() {
    insta::assert_snapshot!(transcript(&[
        "set-identity-pool-roles",
        "--identity-pool-id",
        POOL,
        "--roles",
        "authenticated=arn:aws:iam::123456789012:role/Auth",
        "--role-mappings",
        "file://files/mappings.json",
    ]));
}

/// Problems are reported where they were written, in the operation's own terms.
#[test]
fn problems_of_another_operation_at_their_source() {
    insta::assert_snapshot!(transcript(&[
        "set-identity-pool-roles",
        "--identity-pool-id",
        POOL,
        "--roles",
        "guest=arn:aws:iam::123456789012:role/Guest",
        "--role-mappings",
        r#"{"graph.facebook.com": {"Type": "Rules"}}"#,
    ]));
}

#[test]
fn a_paged_list_command() {
    insta::assert_snapshot!(
        "paged_page_size",
        transcript(&[
            "list-identity-pools",
            "--cli-input-json",
            r#"{"MaxResults": 60}"#,
            "--page-size",
            "10",
            "--starting-token",
            "a___2",
            "--debug",
        ])
    );
    insta::assert_snapshot!(
        "paged_without_pagination",
        transcript(&[
            "list-identity-pools",
            "--max-results",
            "5",
            "--max-items",
            "3"
        ])
    );
}

/// No command has no required member; with `--cli-input-json`, none is required by argparse,
/// and the validator reports what is missing.
#[test]
fn no_required_member_given() {
    insta::assert_snapshot!(transcript(&[
        "unlink-identity",
        "--cli-input-json",
        "{}",
        "--quiet"
    ]));
}

#[test]
fn refused_arguments() {
    insta::assert_snapshot!(
        "refused_unknown",
        transcript(&["get-id", "--identity-pool-id", POOL, "--logns", "a=b"])
    );
    insta::assert_snapshot!("refused_required", transcript(&["set-identity-pool-roles"]));
    insta::assert_snapshot!("refused_command", transcript(&["get-ids"]));
}

#[test]
fn skeletons_of_any_command() {
    let (code, stdout, _) = service(&["set-identity-pool-roles", "--generate-cli-skeleton"]);
    assert_eq!(code, 0);
    let recorded =
        std::fs::read_to_string(cli_dir().join("skeletons/set-identity-pool-roles.json")).unwrap();
    assert_eq!(stdout, recorded);
    insta::assert_snapshot!(
        "skeleton_output_get_id",
        transcript(&[
            "get-id",
            "--identity-pool-id",
            POOL,
            "--generate-cli-skeleton",
            "output"
        ])
    );
}

#[test]
fn output_query_and_global_options_before_the_command() {
    let (code, stdout, stderr) = service(&[
        "--output",
        "text",
        "tag-resource",
        "--resource-arn",
        &format!("arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{POOL}"),
        "--tags",
        "team=a",
        "--query",
        "Tags.team",
    ]);
    assert_eq!((code, stdout.as_str()), (0, "a\n"), "{stderr}");
}

#[test]
fn the_shortcut_is_the_same_command() {
    let args = [
        "--identity-pool-id",
        POOL,
        "--identity-pool-name",
        "p",
        "--allow-unauthenticated-identities",
        "--identity-pool-tags",
        "a=",
    ];
    let mut long = vec!["update-identity-pool"];
    long.extend(args);
    let shortcut = idpool()
        .arg("update-identity-pool")
        .args(args)
        .output()
        .unwrap();
    let (code, stdout, stderr) = service(&long);
    assert_eq!(shortcut.status.code(), Some(code));
    assert_eq!(String::from_utf8(shortcut.stdout).unwrap(), stdout);
    assert_eq!(String::from_utf8(shortcut.stderr).unwrap(), stderr);
}

#[test]
fn help_of_the_service_and_of_a_command() {
    let (code, stdout, _) = service(&["--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("service_help", stdout);
    let (code, stdout, _) = service(&["list-identity-pools", "--help"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("command_help", stdout);
    let help = idpool()
        .args(["help", "cognito-identity", "list-identity-pools"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(help.stdout).unwrap(), stdout);
    let (code, _, stderr) = service(&[]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: name a command"), "{stderr}");
    let (code, _, stderr) = service(&["--debug", "--output", "json"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: name a command"), "{stderr}");
    let (code, stdout, _) = service(&["--vers"]);
    assert_eq!((code, stdout.starts_with("idpool ")), (0, true));
    let (code, _, stderr) = service(&["--no", "get-id"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: ambiguous option: --no could match"),
        "{stderr}"
    );
}

/// One case of `tests/data/cli/service`, recorded from awscli 1.46.2 by
/// `scripts/cli/service_golden.sh`.
struct Case {
    name: String,
    command: String,
    args: Vec<String>,
    aws: Value,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = std::fs::read_dir(cli_dir().join("service"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            Case {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                command: case["command"].as_str().unwrap().to_owned(),
                args: serde_json::from_value(case["args"].clone()).unwrap(),
                aws: case["aws"].clone(),
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// Each recorded command line: what awscli sends, idpool prints (exit status 0 or 1); what it
/// refuses, idpool refuses (2, nothing printed).
#[test]
fn service_commands_match_awscli() {
    let cases = cases();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut commands = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        commands.insert(case.command.clone());
        let mut args = vec![case.command.as_str()];
        args.extend(case.args.iter().map(String::as_str));
        let (code, stdout, stderr) = service(&args);
        let problem = match case.aws["outcome"].as_str().unwrap() {
            "sent" | "invalid" if code == 2 => Some(format!("refused:\n{stderr}")),
            "sent" | "invalid" => {
                let printed: Value = serde_json::from_str(&stdout).unwrap();
                (printed != case.aws["params"]).then(|| {
                    format!(
                        "request differs:\n{printed:#}\n--- awscli:\n{:#}",
                        case.aws["params"]
                    )
                })
            }
            _ if code != 2 || !stdout.is_empty() => {
                Some(format!("exit {code} where awscli refuses"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(commands.len() >= 15, "{commands:?}");
}

#[test]
fn completions_and_man_pages_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = idpool().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for operation in idpool_model::service::OPERATIONS {
            assert!(
                script.contains(operation.command),
                "{shell} lacks {}",
                operation.command
            );
        }
        for option in [
            "role-mappings",
            "starting-token",
            "no-hide-disabled",
            "logins-to-remove",
        ] {
            assert!(script.contains(option), "{shell} lacks {option}");
        }
    }
    let page = |args: &[&str]| {
        let output = idpool().arg("man").args(args).output().unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (code, service) = page(&["cognito-identity"]);
    assert_eq!(code, Some(0));
    assert!(service.contains(r"idpool\-cognito\-identity"));
    assert!(service.contains(r"set\-identity\-pool\-roles"));
    for operation in idpool_model::service::OPERATIONS {
        let (code, text) = page(&["cognito-identity", operation.command]);
        assert_eq!(code, Some(0), "{}", operation.command);
        let title = format!("idpool-cognito-identity-{}", operation.command).replace('-', r"\-");
        assert!(text.contains(&title), "{}", operation.command);
        assert!(
            text.contains(r"\-\-generate\-cli\-skeleton"),
            "{}",
            operation.command
        );
    }
    let (code, _) = page(&["cognito-identity", "get-ids"]);
    assert_eq!(code, Some(2));
}

/// `to-cli --operation`: the command printed sends the file's request, for each request file of
/// another operation in the corpus.
#[test]
fn to_cli_prints_the_command_of_any_operation() {
    let dir = root().join("tests/data/requests-by-operation");
    let mut checked = 0;
    for command in ["get-id", "set-identity-pool-roles", "tag-resource"] {
        for entry in std::fs::read_dir(dir.join(command).join("valid")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let output = idpool()
                .args(["to-cli", "--operation", command])
                .arg(&path)
                .output()
                .unwrap();
            assert!(output.status.success(), "{}", path.display());
            let words = shlex::split(&String::from_utf8(output.stdout).unwrap()).unwrap();
            assert_eq!(words[..3], ["aws", "cognito-identity", command]);
            let mut args: Vec<&str> = words[2..].iter().map(String::as_str).collect();
            args.push("--no-validate");
            let (code, stdout, stderr) = service(&args);
            assert_eq!(code, 0, "{}: {stderr}", path.display());
            let sent: Value = serde_json::from_str(&stdout).unwrap();
            let original: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(sent, original, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} files");
    let output = idpool()
        .args([
            "to-cli",
            "--idpool",
            "--operation",
            "ListIdentityPools",
            "-",
        ])
        .write_stdin(r#"{"MaxResults": 5}"#)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "idpool cognito-identity list-identity-pools --max-results 5\n"
    );
}
