use crate::{awscli_problem, cli_dir, idpool, in_cli_dir, root};
use serde_json::Value;

/// Runs `idpool update-identity-pool ARGS` in `tests/data/cli`.
fn update(args: &[&str]) -> (i32, String, String) {
    in_cli_dir(std::iter::once("update-identity-pool").chain(args.iter().copied()))
}

/// The same, as one text for a snapshot.
fn transcript(args: &[&str]) -> String {
    let (code, stdout, stderr) = update(args);
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
}

const EXAMPLE: [&str; 7] = [
    "--identity-pool-id",
    "us-west-2:11111111-1111-1111-1111-111111111111",
    "--identity-pool-name",
    "MyIdentityPool",
    "--no-allow-unauthenticated-identities",
    "--cognito-identity-providers",
    "ProviderName=cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111,ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false",
];

/// The response printed in the AWS CLI reference for the documented example.
const EXAMPLE_OUTPUT: &str = r#"{
    "IdentityPoolId": "us-west-2:11111111-1111-1111-1111-111111111111",
    "IdentityPoolName": "MyIdentityPool",
    "AllowUnauthenticatedIdentities": false,
    "CognitoIdentityProviders": [
        {
            "ProviderName": "cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",
            "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
            "ServerSideTokenCheck": false
        }
    ]
}
"#;

#[test]
fn documented_example_prints_the_reference_output() {
    let (code, stdout, _) = update(&EXAMPLE);
    assert_eq!(stdout, EXAMPLE_OUTPUT);
    assert_eq!(code, 0);
    insta::assert_snapshot!(transcript(&EXAMPLE));
}

#[test]
fn skeletons() {
    insta::assert_snapshot!("skeleton_input", transcript(&["--generate-cli-skeleton"]));
    assert_eq!(
        update(&["--generate-cli-skeleton", "input"]),
        update(&["--generate-cli-skeleton"])
    );
    let mut output = EXAMPLE.to_vec();
    output.extend(["--generate-cli-skeleton", "output"]);
    insta::assert_snapshot!("skeleton_output", transcript(&output));
    output.extend(["--output", "table"]);
    insta::assert_snapshot!("skeleton_output_table", transcript(&output));
    insta::assert_snapshot!(
        "skeleton_output_requires_arguments",
        transcript(&["--generate-cli-skeleton", "output"])
    );
}

#[test]
fn output_styles() {
    for style in ["json", "text", "table", "yaml", "yaml-stream"] {
        let mut args = EXAMPLE.to_vec();
        args.extend(["--output", style]);
        insta::assert_snapshot!(format!("output_{style}"), transcript(&args));
    }
}

#[test]
fn queries() {
    for (name, query) in [
        ("scalar", "IdentityPoolName"),
        ("provider", "CognitoIdentityProviders[0]"),
        ("projection", "CognitoIdentityProviders[].ProviderName"),
        (
            "multiselect",
            "{name: IdentityPoolName, id: IdentityPoolId}",
        ),
        ("missing", "DeveloperProviderName"),
    ] {
        let mut args = EXAMPLE.to_vec();
        args.extend(["--query", query]);
        insta::assert_snapshot!(format!("query_{name}"), transcript(&args));
        args.extend(["--output", "text"]);
        insta::assert_snapshot!(format!("query_{name}_text"), transcript(&args));
    }
    insta::assert_snapshot!("query_invalid", transcript(&["--query", "a[", "--debug"]));
}

/// A query that would make 8^12 copies of the request is refused like any other --query
/// error, instead of allocating until the process aborts.
#[test]
fn query_that_builds_too_much_is_refused() {
    let query = ["[@,@,@,@,@,@,@,@][]"; 12].join("|");
    let mut args = EXAMPLE.to_vec();
    args.extend(["--query", &query]);
    let (code, stdout, stderr) = update(&args);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    let error = "error: cannot print the request with --output json: \
                 the query builds or reads more than 256 MiB of values\n";
    assert!(stderr.starts_with(error), "{stderr}");
}

#[test]
fn refusals_name_the_argument() {
    insta::assert_snapshot!(
        "refusal_shorthand",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:1",
            "--identity-pool-name",
            "p",
            "--allow-unauthenticated-identities",
            "--cognito-identity-providers",
            "ProviderName=a,ClientId=b,ProviderName=c",
        ])
    );
    insta::assert_snapshot!(
        "refusal_unknown_option",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:1",
            "--identity-pool-name",
            "p",
            "--identity-pool-nmae",
            "x",
            "--allow-unauthenticated-identities",
            "false"
        ])
    );
    insta::assert_snapshot!(
        "refusal_json",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:1",
            "--identity-pool-name",
            "p",
            "--supported-login-providers",
            "{\"graph.facebook.com\": \"1\",\n \"accounts.google.com\": 2,}",
        ])
    );
    insta::assert_snapshot!("refusal_required", transcript(&["--allow-classic-flow"]));
    insta::assert_snapshot!("refusal_ambiguous", transcript(&["--allow"]));
    insta::assert_snapshot!(
        "refusal_missing_file",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:1",
            "--identity-pool-name",
            "file://files/surely-missing.txt",
            "--allow-unauthenticated-identities",
        ])
    );
}

#[test]
fn validation_problems_go_to_stderr() {
    insta::assert_snapshot!(transcript(&[
        "--identity-pool-id",
        "us-east-1:1",
        "--identity-pool-name",
        "café",
        "--region",
        "us-west-2",
    ]));
    let (code, stdout, stderr) = update(&[
        "--identity-pool-id",
        "us-east-1:1",
        "--identity-pool-name",
        "café",
        "--no-validate",
    ]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains("café"));
}

#[test]
fn debug_logs_each_step() {
    insta::assert_snapshot!(transcript(&[
        "--debug",
        "--identity-pool-id",
        "us-east-1:00000000-0000-0000-0000-000000000000",
        "--cli-input-json",
        r#"{"IdentityPoolName": "from-json", "IdentityPoolId": "ignored", "AllowClassicFlow": true}"#,
        "--allow-unauthenticated-identities",
        "--supported-login-providers",
        "graph.facebook.com=123",
        "--endpoint-url",
        "https://example.com",
        "--no-validate",
    ]));
}

#[test]
fn cli_input_yaml() {
    insta::assert_snapshot!(transcript(&[
        "--cli-input-yaml",
        "IdentityPoolId: us-east-1:00000000-0000-0000-0000-000000000000\nIdentityPoolName: yes\nAllowUnauthenticatedIdentities: false\nIdentityPoolTags:\n  team: a\n",
        "--identity-pool-name",
        "cli",
    ]));
}

/// One case of `tests/data/cli/cases`, recorded from awscli 1.46.2.
struct Case {
    name: String,
    args: Vec<String>,
    aws: Value,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = std::fs::read_dir(cli_dir().join("cases"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Case {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                args: serde_json::from_value(case["args"].clone()).unwrap(),
                aws: case["aws"].clone(),
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// Cases where idpool differs from awscli on purpose, with the reason (see docs/update.md).
fn intended_difference(case: &Case) -> Option<&'static str> {
    let given = |prefix: &str| case.args.iter().any(|a| a.starts_with(prefix));
    let version = case
        .args
        .iter()
        .any(|a| a.len() >= 5 && "--version".starts_with(a.as_str()));
    if version {
        return Some("--version prints idpool's version");
    }
    if case.aws["params"].to_string().contains("$float") {
        return Some(
            "NaN and Infinity in JSON: Python reads them, idpool refuses them as JSON does",
        );
    }
    if case.aws["params"].to_string().contains("$bytes_base64") {
        return Some(
            "fileb:// for a text member: awscli fails its validation, idpool refuses the argument",
        );
    }
    if case.aws["stderr"]
        .as_str()
        .is_some_and(|s| s.contains("Invalid length for parameter SupportedLoginProviders.KeyName"))
    {
        return Some("--generate-cli-skeleton output: awscli rejects its own fake response");
    }
    let yaml = case.args.iter().any(|a| a.starts_with("yaml"));
    if yaml && given("--o") {
        return Some("--output yaml and yaml-stream come from AWS CLI v2");
    }
    if given("--profile")
        && case.aws["stderr"]
            .as_str()
            .is_some_and(|s| s.contains("could not be found"))
    {
        return Some("--profile has no effect offline");
    }
    None
}

/// idpool against every recorded case: the same request, printed the same way, or a refusal
/// where awscli refuses.
#[test]
fn corpus_matches_awscli() {
    let cases = cases();
    assert!(cases.len() >= 200, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        if intended_difference(case).is_some() {
            continue;
        }
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = update(&args);
        let problem = awscli_problem(&case.args, &case.aws, code, &stdout);
        if let Some(problem) = problem {
            failures.push(format!(
                "{}: {:?}\n{problem}\nidpool stderr:\n{stderr}",
                case.name, case.args
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn to_cli_prints_a_command_that_sends_the_file() {
    for file in [
        "examples/update-identity-pool.request.json",
        "examples/full.request.json",
    ] {
        let output = idpool()
            .args(["to-cli", file])
            .current_dir(root())
            .output()
            .unwrap();
        assert!(output.status.success());
        let line = String::from_utf8(output.stdout).unwrap();
        insta::assert_snapshot!(format!("to_cli_{}", file.replace(['/', '.'], "_")), line);
        let words = shlex::split(&line).unwrap();
        assert_eq!(
            words[..3],
            ["aws", "cognito-identity", "update-identity-pool"]
        );
        let args: Vec<&str> = words[3..].iter().map(String::as_str).collect();
        let (code, stdout, stderr) = update(&args);
        assert!(code < 2, "{stderr}");
        let sent: Value = serde_json::from_str(&stdout).unwrap();
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(file)).unwrap()).unwrap();
        assert_eq!(sent.to_string(), original.to_string());
    }
}

#[test]
fn completions_and_man_pages_come_from_the_option_table() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = idpool().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        for option in [
            "identity-pool-id",
            "no-allow-unauthenticated-identities",
            "cli-input-json",
            "generate-cli-skeleton",
            "yaml-stream",
        ] {
            assert!(script.contains(option), "{shell} lacks {option}");
        }
    }
    let output = idpool()
        .args(["man", "update-identity-pool"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.starts_with(".ie"));
    assert!(page.contains(r"\-\-cognito\-identity\-providers"));
    assert!(page.contains("idpool\\-update\\-identity\\-pool"));
    let output = idpool().args(["man"]).output().unwrap();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("update\\-identity\\-pool")
    );
    assert_eq!(
        idpool()
            .args(["man", "nope"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn to_cli_warns_about_a_key_given_twice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dup.json");
    std::fs::write(
        &file,
        r#"{"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "a", "IdentityPoolName": "b",
"AllowUnauthenticatedIdentities": true}"#,
    )
    .unwrap();
    let output = idpool().arg("to-cli").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "aws cognito-identity update-identity-pool --identity-pool-id us-east-1:1 \
         --identity-pool-name b --allow-unauthenticated-identities\n"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with(
            "dup.json:1:60: warning[IDP101]: `IdentityPoolName` is given twice; the last one is used\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_cli_input_json_path_gets_a_file_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("typo.json"),
        r#"{"IdentityPoolId": "us-east-1:1"}"#,
    )
    .unwrap();
    let output = idpool()
        .current_dir(dir.path())
        .args(["update-identity-pool", "--cli-input-json", "typo.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: in the value of --cli-input-json: invalid JSON: expected a value, found `t` at line 1 column 1\n  \
         = help: `typo.json` is a file: did you mean `file://typo.json`?\n"
    );
}

#[test]
fn problems_are_reported_where_they_were_written() {
    // In a file given to --cli-input-json: the file's own lines and columns.
    insta::assert_snapshot!(
        "positions_cli_input_json_file",
        transcript(&[
            "--cli-input-json",
            "file://files/request-wrong-types.json",
            "--identity-pool-name",
            "Pool",
        ])
    );
    insta::assert_snapshot!(
        "positions_cli_input_json_value",
        transcript(&[
            "--cli-input-json",
            r#"{"IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555", "IdentityPoolName": "p!", "AllowUnauthenticatedIdentities": false}"#,
        ])
    );
    // In a file given to an option, and in the option's values: the option named, its value
    // shown, the caret under the part concerned.
    insta::assert_snapshot!(
        "positions_option_values",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:11111111-2222-3333-4444-555555555555",
            "--identity-pool-name",
            "Pool!",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers",
            "file://files/providers-invalid.json",
            "--supported-login-providers",
            "graph.facebook.com=123,www.amazon.com=a b",
            "--open-id-connect-provider-arns",
            "arn:aws:iam::123456789012:oidc-provider/accounts.example.com",
            "short",
        ])
    );
    insta::assert_snapshot!(
        "positions_shorthand_items",
        transcript(&[
            "--identity-pool-id",
            "us-east-1:11111111-2222-3333-4444-555555555555",
            "--identity-pool-name",
            "Pool",
            "--no-allow-unauthenticated-identities",
            "--cognito-identity-providers",
            "ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb,ClientId=abc",
            "ProviderName=cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab129faBb,ClientId=a-b,ServerSideTokenCheck=maybe",
            "ProviderNmae=x",
        ])
    );
    // YAML is not searched: its problems stay in the printed request.
    let (code, _, stderr) = update(&[
        "--cli-input-yaml",
        "IdentityPoolId: x\nIdentityPoolName: p\nAllowUnauthenticatedIdentities: false\n",
    ]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(" --> request:2:23 at /IdentityPoolId"),
        "{stderr}"
    );
}

#[test]
fn a_file_split_into_characters_gets_one_warning() {
    let (code, _, stderr) = update(&[
        "--identity-pool-id",
        "us-east-1:11111111-2222-3333-4444-555555555555",
        "--identity-pool-name",
        "Pool",
        "--no-allow-unauthenticated-identities",
        "--saml-provider-arns",
        "file://files/saml-lines.txt",
        "--quiet",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stderr);
    // The verdict counts the characters' errors in every format.
    let (code, stdout, stderr) = update(&[
        "--identity-pool-id",
        "us-east-1:11111111-2222-3333-4444-555555555555",
        "--identity-pool-name",
        "Pool",
        "--no-allow-unauthenticated-identities",
        "--saml-provider-arns",
        "file://files/saml-lines.txt",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with('{'));
    let report: Value = serde_json::from_str(&stderr).unwrap();
    let file = &report["files"][0];
    assert_eq!(file["path"], "files/saml-lines.txt");
    assert_eq!(file["valid"], false);
    assert_eq!(file["diagnostics"][0]["code"], "IDP111");
    assert_eq!(file["omitted"]["errors"], 93, "one per character");
}

#[test]
fn quiet_and_format_report_for_scripts() {
    let request = [
        "--identity-pool-id",
        "us-east-1:11111111-2222-3333-4444-555555555555",
        "--identity-pool-name",
        "Pool",
        "--no-allow-unauthenticated-identities",
    ];
    // The IDP201 info by default, nothing with --quiet.
    let (code, stdout, stderr) = update(&request);
    assert_eq!(code, 0);
    assert!(stderr.starts_with("info[IDP201]"), "{stderr}");
    let (code, quiet_stdout, stderr) = update(&[&request[..], &["--quiet"]].concat());
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(quiet_stdout, stdout, "the request printed is the same");

    // --format: one whole document on standard error, whatever the verdict; the request on
    // standard output, as without it.
    for format in ["json", "sarif", "junit", "github", "aws"] {
        let args = [
            &request[..],
            &["--identity-pool-name", "p!", "--format", format],
        ]
        .concat();
        let (code, stdout, stderr) = update(&args);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.contains("\"p!\""), "{format}");
        let expected = if format == "aws" {
            "ValidationException"
        } else {
            "IDP008"
        };
        assert!(stderr.contains(expected), "{format}: {stderr}");
        if matches!(format, "json" | "sarif") {
            serde_json::from_str::<Value>(&stderr).expect(format);
        }
    }
    insta::assert_snapshot!(
        "format_json",
        transcript(
            &[
                &request[..],
                &["--identity-pool-name", "p!", "--format=json"]
            ]
            .concat()
        )
    );
    insta::assert_snapshot!(
        "format_github",
        transcript(
            &[
                &request[..],
                &["--identity-pool-name", "p!", "--format", "github"]
            ]
            .concat()
        )
    );

    // idpool's own options are read by their whole name only: an abbreviation is refused as
    // the AWS CLI refuses it, and `--qu` stays the AWS CLI's `--query`.
    let (code, stdout, stderr) = update(&[&request[..], &["--form", "json"]].concat());
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("--form"), "{stderr}");
    let (code, stdout, _) = update(&[&request[..], &["--qu", "IdentityPoolName"]].concat());
    assert_eq!((code, stdout.as_str()), (0, "\"Pool\"\n"));
    let (code, _, stderr) = update(&[&request[..], &["--format", "xml"]].concat());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--format: invalid choice \"xml\""),
        "{stderr}"
    );
}
