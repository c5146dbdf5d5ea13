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

#[test]
fn a_second_value_of_a_one_value_option_is_refused() {
    // A map: the AWS CLI prints `Unknown options: accounts.google.com=2` (exit status 255).
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "supported-login-providers",
            "graph.facebook.com=1",
            "accounts.google.com=2"
        ],
        ""
    ));
    // argparse's order: the tokens left over, then the one its `help` positional took.
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "IdentityPoolTags",
            r#"{"team": "a"}"#,
            "env=b",
            "owner=c"
        ],
        ""
    ));
    // A string.
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "developer-provider-name",
            "a",
            "b c"
        ],
        ""
    ));
}

#[test]
fn what_follows_a_one_value_option_is_read_as_argparse_reads_it() {
    // The first value may start with `-`, as in `--option=value`.
    insta::assert_snapshot!(run(
        &["shorthand", "--param", "identity-pool-name", "--", "-pool"],
        ""
    ));
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "supported-login-providers",
            "--",
            "a=1",
            "--s",
            "b=2"
        ],
        ""
    ));
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "supported-login-providers",
            "--",
            "a=1",
            "--identity-pool-name",
            "p"
        ],
        ""
    ));
}

#[test]
fn a_list_option_takes_several_values() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "open-id-connect-provider-arns",
            "arn:aws:iam::123456789012:oidc-provider/a.example.com",
            "arn:aws:iam::123456789012:oidc-provider/b.example.com",
            "arn:aws:iam::123456789012:oidc-provider/c.example.com"
        ],
        ""
    ));
}

#[test]
fn problems_the_service_would_refuse_are_warnings() {
    // `yes` stays a string (the AWS CLI types only `true` and `false`), and a misspelled member
    // is kept: the JSON is what the AWS CLI would send.
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "cognito-identity-providers",
            "ProviderName=a,ClientId=b,ServerSideTokenCheck=yes",
            "ProviderNmae=a,ClientId=b"
        ],
        ""
    ));
    // A problem of the value itself has no pointer.
    insta::assert_snapshot!(run(
        &["shorthand", "--param", "identity-pool-name", "café"],
        ""
    ));
}

#[test]
fn problems_are_errors_with_strict() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--strict",
            "--param",
            "cognito-identity-providers",
            "ProviderName=a,ClientId=b,ServerSideTokenCheck=yes",
            "ProviderNmae=a,ClientId=b"
        ],
        ""
    ));
}

#[test]
fn problems_escape_control_characters() {
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "cognito-identity-providers",
            r#"[{"X\u001b[2K": "a", "ClientId": "\u0007"}]"#
        ],
        ""
    ));
}

#[test]
fn jsonl_problems_and_refused_values() {
    let lines = [
        r#"["ProviderName=a,ClientId=b"]"#,
        r#"["ProviderName=a,ClientId=b,ServerSideTokenCheck=yes", "ProviderNmae=a,ClientId=b"]"#,
        r#"["ServerSideTokenCheck=[a]"]"#,
    ]
    .join("\n")
        + "\n";
    let param = [
        "shorthand",
        "--param",
        "cognito-identity-providers",
        "--jsonl",
    ];
    insta::assert_snapshot!(run(&param, &lines));
    let strict = [&param[..], &["--strict"]].concat();
    insta::assert_snapshot!(run(&strict, &lines));
    let lines = [
        r#"["graph.facebook.com=1"]"#,
        r#"["graph.facebook.com=1", "accounts.google.com=2"]"#,
        r#"["a=1", "b=2", "c=3"]"#,
    ]
    .join("\n")
        + "\n";
    insta::assert_snapshot!(run(
        &[
            "shorthand",
            "--param",
            "supported-login-providers",
            "--jsonl"
        ],
        &lines
    ));
}

/// Any operation's argument: typed by that operation's request schema, checked by its
/// validator, refused as its argparse would refuse it.
#[test]
fn another_operations_argument() {
    insta::assert_snapshot!(
        "operation_role_mappings",
        run(
            &[
                "shorthand",
                "--operation",
                "set-identity-pool-roles",
                "--param",
                "role-mappings",
                "graph.facebook.com={Type=Rules,AmbiguousRoleResolution=Deny,RulesConfiguration={Rules=[{Claim=a b,MatchType=equals,Value=x,RoleARN=arn:aws:iam::123456789012:role/R}]}}",
            ],
            ""
        )
    );
    insta::assert_snapshot!(
        "operation_refusals",
        [
            run(
                &[
                    "shorthand",
                    "--operation",
                    "SetIdentityPoolRoles",
                    "--param",
                    "--roles",
                    "authenticated=arn:aws:iam::123456789012:role/A",
                    "guest=x"
                ],
                ""
            ),
            run(
                &[
                    "shorthand",
                    "--operation",
                    "list-identities",
                    "--param",
                    "HideDisabled"
                ],
                ""
            ),
            run(
                &[
                    "shorthand",
                    "--operation",
                    "get-id",
                    "--param",
                    "identity-pool-name",
                    "x"
                ],
                ""
            ),
            run(
                &[
                    "shorthand",
                    "--operation",
                    "get-ids",
                    "--param",
                    "logins",
                    "a=b"
                ],
                ""
            ),
        ]
        .join("\n")
    );
    // --strict makes the service's problems errors, in --jsonl too.
    insta::assert_snapshot!(
        "operation_jsonl_strict",
        run(
            &[
                "shorthand",
                "--jsonl",
                "--strict",
                "--operation",
                "get-id",
                "--param",
                "logins"
            ],
            "[\"graph.facebook.com=token\"]\n[\"=token\"]\n"
        )
    );
}
