use crate::idpool;

/// Runs `idpool ARGS` with `stdin`; returns the exit code, stdout and stderr as one text.
fn run(args: &[&str], stdin: &str) -> String {
    let output = idpool().args(args).write_stdin(stdin).output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    )
}

const EXAMPLE: &str = r#"ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false"#;

#[test]
fn untyped_parse() {
    insta::assert_snapshot!(run(&["shorthand", EXAMPLE], ""));
}

#[test]
fn typed_list_of_structures() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "--cognito-identity-providers",
            EXAMPLE,
            "ProviderName=b,ClientId=c,ServerSideTokenCheck=TRUE"
        ],
        ""
    ));
}

#[test]
fn typed_map_from_json() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "IdentityPoolTags",
            r#" {"team": "a", "env": "b"}"#
        ],
        ""
    ));
}

#[test]
fn list_of_strings_takes_each_value() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "saml-provider-arns",
            "arn:a,b",
            "arn:c"
        ],
        ""
    ));
}

#[test]
fn syntax_error_is_shown_with_a_caret() {
    insta::assert_snapshot!(run(&["shorthand", "a=b,c==d"], ""));
}

#[test]
fn comma_between_providers() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "cognito-identity-providers",
            "ProviderName=a,ClientId=b,ProviderName=c,ClientId=d"
        ],
        ""
    ));
}

#[test]
fn warnings_go_to_stderr_and_strict_makes_them_errors() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "supported-login-providers",
            "graph.facebook.com=a,b"
        ],
        ""
    ));
    insta::assert_snapshot!(run(&["shorthand", "--strict", "a=b,,c=d"], ""));
}

#[test]
fn typing_error() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "cognito-identity-providers",
            "ServerSideTokenCheck=[a]"
        ],
        ""
    ));
}

#[test]
fn usage_errors() {
    insta::assert_snapshot!(run(&["shorthand", "--param", "--cognito", "a=b"], ""));
    insta::assert_snapshot!(run(
        &["shorthand", "--param", "allow-classic-flow", "true"],
        ""
    ));
    insta::assert_snapshot!(run(&["shorthand", "a=b", "c=d"], ""));
    insta::assert_snapshot!(run(&["shorthand"], ""));
}

#[test]
fn jsonl_untyped_and_typed() {
    let lines = [
        r#"["a=b,c"]"#,
        r#"["a=="]"#,
        r#"["x=1", "y=2"]"#,
        "not json",
        r#"["a=[b,{c=d}]"]"#,
    ]
    .join("\n");
    insta::assert_snapshot!(run(&["shorthand", "--jsonl"], &(lines + "\n")));
    let lines = [
        format!("[{}]", serde_json::to_string(EXAMPLE).unwrap()),
        r#"["ProviderName=a", "ProviderName=b,ServerSideTokenCheck=False"]"#.to_owned(),
        r#"[]"#.to_owned(),
        r#"["ClientId=a,ClientId=b"]"#.to_owned(),
    ]
    .join("\n");
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "CognitoIdentityProviders",
            "--jsonl"
        ],
        &(lines + "\n")
    ));
}

#[test]
fn files_are_loaded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("providers.txt"),
        "ProviderName=a,ClientId=b\r\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("secret.txt"), "s3cr3t\n").unwrap();
    let output = idpool()
        .current_dir(dir.path())
        .args([
            "shorthand",
            "--param",
            "supported-login-providers",
            "file://providers.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "{\n    \"ProviderName\": \"a\",\n    \"ClientId\": \"b\"\n}\n"
    );
    let output = idpool()
        .current_dir(dir.path())
        .args(["shorthand", "k@=file://secret.txt"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "{\n    \"k\": \"s3cr3t\\n\"\n}\n"
    );
    let output = idpool()
        .current_dir(dir.path())
        .args(["shorthand", "k@=file://missing.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("cannot load `file://missing.txt`: missing.txt: no such file or directory"),
        "{stderr}"
    );
}
