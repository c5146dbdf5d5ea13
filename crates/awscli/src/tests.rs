use super::*;
use idpool_model::service;
use idpool_shorthand::NoFiles;
use serde_json::json;

fn run(command: &str, args: &[&str]) -> Result<Outcome<String>, Refusal> {
    let operation = service::operation(command).unwrap();
    let tokens: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let program = format!("aws cognito-identity {command}");
    let settings = Settings::new(operation, &program);
    interpret(&tokens, &NoFiles, &settings, |q| {
        if q.contains('[') {
            Err("unbalanced")
        } else {
            Ok(q.to_owned())
        }
    })
}

#[track_caller]
fn request(command: &str, args: &[&str]) -> Json {
    match run(command, args) {
        Ok(Outcome::Run(invocation)) => invocation.request,
        Ok(other) => panic!("{args:?}: {other:?}"),
        Err(refusal) => panic!("{args:?}: {}", refusal.message()),
    }
}

#[track_caller]
fn refusal(command: &str, args: &[&str]) -> Refusal {
    match run(command, args) {
        Err(refusal) => refusal,
        Ok(outcome) => panic!("{args:?} was accepted: {outcome:?}"),
    }
}

const POOL: &str = "us-east-1:11111111-2222-3333-4444-555555555555";

#[test]
fn a_map_of_structures_in_json_and_a_map_in_shorthand() {
    let printed = request(
        "set-identity-pool-roles",
        &[
            "--role-mappings",
            r#"{"graph.facebook.com": {"AmbiguousRoleResolution": "Deny", "Type": "Token"}}"#,
            "--roles",
            "authenticated=arn:aws:iam::123456789012:role/Auth",
            "--identity-pool-id",
            POOL,
        ],
    );
    // Members in model order, and in the structure too.
    assert_eq!(
        printed.to_string(),
        json!({
            "IdentityPoolId": POOL,
            "Roles": {"authenticated": "arn:aws:iam::123456789012:role/Auth"},
            "RoleMappings": {"graph.facebook.com": {"Type": "Token", "AmbiguousRoleResolution": "Deny"}}
        })
        .to_string()
    );
}

/// Every operation requires a member; `--cli-input-json` turns argparse's requirements off, and
/// the request may then be empty (the validator reports what is missing).
#[test]
fn a_command_with_no_required_member_given() {
    assert_eq!(
        request("unlink-identity", &["--cli-input-json", "{}"]),
        json!({})
    );
    assert_eq!(
        request(
            "list-identities",
            &[
                "--identity-pool-id",
                POOL,
                "--max-results",
                "5",
                "--hide-disabled"
            ]
        ),
        json!({"IdentityPoolId": POOL, "MaxResults": 5, "HideDisabled": true})
    );
}

#[test]
fn required_options_and_their_usage() {
    let refused = refusal("get-id", &[]);
    assert_eq!(refused.kind(), &RefusalKind::Argparse);
    assert_eq!(
        refused.message(),
        "error: the following arguments are required: --identity-pool-id\n  \
         = help: usage: aws cognito-identity get-id --identity-pool-id <value> [options]\n"
    );
}

#[test]
fn unknown_options_name_the_known_ones() {
    let refused = refusal("get-id", &["--identity-pool-id", POOL, "--bogus", "x"]);
    let RefusalKind::UnknownOptions { unknown, known } = refused.kind() else {
        panic!("{refused:?}");
    };
    assert_eq!(unknown, &["--bogus", "x"]);
    assert!(known.contains(&"--logins") && known.contains(&"--region"));
    assert_eq!(refused.message(), "error: unknown options: --bogus, x\n");
}

#[test]
fn pagination_options_as_the_aws_cli_takes_them() {
    let pools = "list-identity-pools";
    // --page-size is the page size, over --cli-input-json; --max-items sends nothing.
    assert_eq!(
        request(
            pools,
            &[
                "--cli-input-json",
                r#"{"MaxResults": 5}"#,
                "--page-size",
                "3"
            ]
        ),
        json!({"MaxResults": 3})
    );
    assert_eq!(
        request(
            pools,
            &[
                "--cli-input-json",
                r#"{"MaxResults": 5}"#,
                "--max-items",
                "3"
            ]
        ),
        json!({"MaxResults": 5})
    );
    assert_eq!(
        request(
            pools,
            &["--cli-input-json", "{}", "--starting-token", "a___3"]
        ),
        json!({"NextToken": "a"})
    );
    // A --max-items below 1 gets the AWS CLI's warning, and is still taken.
    for (items, warned) in [("0", true), ("-2", true), ("1", false)] {
        let Ok(Outcome::Run(invocation)) =
            run(pools, &["--cli-input-json", "{}", "--max-items", items])
        else {
            panic!("--max-items {items} was refused");
        };
        let expected: &[&str] = if warned {
            &["warning: Non-positive values for --max-items may result in undefined behavior.\n"]
        } else {
            &[]
        };
        assert_eq!(invocation.warnings, expected, "--max-items {items}");
    }
    // --max-results is required (the AWS CLI keeps the model's requirement)...
    assert_eq!(
        refusal(pools, &["--page-size", "5"]).kind(),
        &RefusalKind::Argparse
    );
    // ...and turns pagination off, as --no-paginate does.
    for args in [
        &["--max-results", "5", "--max-items", "3"][..],
        &[
            "--cli-input-json",
            "{}",
            "--no-paginate",
            "--page-size",
            "4",
        ],
    ] {
        let refused = refusal(pools, args);
        assert_eq!(refused.kind(), &RefusalKind::Pagination, "{args:?}");
        assert!(
            refused.aws().unwrap().ends_with(
                "Cannot specify --no-paginate along with pagination arguments: --max-items"
            ) || refused.aws().unwrap().ends_with(": --page-size"),
            "{refused:?}"
        );
    }
    let refused = refusal(pools, &["--max-results", "5", "--page-size", "x"]);
    assert_eq!(
        refused.message(),
        "error: argument --page-size: invalid int value: \"x\"\n"
    );
    // Commands that are not paged have no pagination options.
    assert!(matches!(
        refusal(
            "list-identities",
            &[
                "--identity-pool-id",
                POOL,
                "--max-results",
                "1",
                "--page-size",
                "3"
            ]
        )
        .kind(),
        RefusalKind::UnknownOptions { .. }
    ));
}

#[test]
fn hidden_alias() {
    assert_eq!(
        request(
            "create-identity-pool",
            &[
                "--identity-pool-name",
                "p",
                "--no-allow-unauthenticated-identities",
                "--open-id-connect-provider-ar-ns",
                "arn:a",
            ]
        ),
        json!({"IdentityPoolName": "p", "AllowUnauthenticatedIdentities": false,
               "OpenIdConnectProviderARNs": ["arn:a"]})
    );
}

#[test]
fn global_options_are_checked_and_handed_over() {
    let Ok(Outcome::Run(run)) = run(
        "describe-identity",
        &[
            "--identity-id",
            "x",
            "--output",
            "table",
            "--query",
            "IdentityId",
            "--region",
            "eu-west-1",
        ],
    ) else {
        panic!()
    };
    assert_eq!(run.output.as_deref(), Some("table"));
    assert_eq!(run.query.as_deref(), Some("IdentityId"));
    assert_eq!(run.region.as_deref(), Some("eu-west-1"));
    assert_eq!(
        refusal(
            "describe-identity",
            &["--identity-id", "x", "--query", "a["]
        )
        .message(),
        "error: bad value for --query a[: unbalanced\n"
    );
    assert_eq!(
        refusal(
            "describe-identity",
            &["--identity-id", "x", "--region", "not_a_region"]
        )
        .kind(),
        &RefusalKind::Global
    );
    let refused = refusal("describe-identity", &["--identity-pool-id", "x"]);
    assert!(refused.message().contains("--identity-id"), "{refused}");
}

#[test]
fn skeletons_need_no_argument_unless_output() {
    for operation in service::OPERATIONS {
        let Ok(Outcome::Run(run)) = run(operation.command, &["--generate-cli-skeleton"]) else {
            panic!("{}", operation.command)
        };
        assert_eq!(run.skeleton, Some(Skeleton::Input));
    }
    let refused = refusal("get-id", &["--generate-cli-skeleton", "output"]);
    assert_eq!(refused.kind(), &RefusalKind::Argparse);
}

#[test]
fn the_operation_must_be_the_commands() {
    assert!(matches!(run("get-id", &["help"]), Ok(Outcome::Help)));
    assert!(matches!(run("get-id", &["--vers"]), Ok(Outcome::Version)));
}

#[test]
fn own_options_are_read_by_their_whole_name() {
    const OWN: &[Opt] = &[Opt::own("--no-validate", options::Kind::Switch, "x")];
    let operation = service::operation("get-id").unwrap();
    let settings = Settings {
        own: OWN,
        ..Settings::new(operation, "x")
    };
    let tokens = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let compile = |q: &str| Ok::<_, String>(q.to_owned());
    let Ok(Outcome::Run(run)) = interpret(
        &tokens(&["--identity-pool-id", POOL, "--no-validate"]),
        &NoFiles,
        &settings,
        compile,
    ) else {
        panic!()
    };
    assert!(run.arguments.flag("no-validate"));
    assert!(
        interpret(
            &tokens(&["--identity-pool-id", POOL, "--no-val"]),
            &NoFiles,
            &settings,
            compile
        )
        .is_err()
    );
}

#[test]
fn the_command_is_found_after_global_options() {
    let tokens = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let line = tokens(&[
        "--region",
        "get-id",
        "--output=json",
        "get-id",
        "--identity-pool-id",
        POOL,
    ]);
    assert_eq!(command_name(&line).unwrap().as_deref(), Some("get-id"));
    assert_eq!(command_name(&tokens(&["--debug"])), Ok(None));
    assert_eq!(
        command_name(&tokens(&["--vers"])),
        Err(argparse::Error::Version)
    );
    assert!(matches!(
        command_name(&tokens(&["--region"])),
        Err(argparse::Error::ExpectedOne { .. })
    ));
    let operation = service::operation("get-id").unwrap();
    let settings = Settings::new(operation, "x");
    let compile = |q: &str| Ok::<_, String>(q.to_owned());
    let Ok(Outcome::Run(run)) = interpret_service(&line, &NoFiles, &settings, compile) else {
        panic!()
    };
    assert_eq!(run.region.as_deref(), Some("get-id"));
    assert_eq!(run.request, json!({"IdentityPoolId": POOL}));
}

/// The `help` positional takes one stray argument; awscli only counts it as unknown when it is
/// not empty (a truth test), so one `''` is dropped and a second is an unknown option.
#[test]
fn one_empty_argument_is_taken_by_help_and_dropped() {
    let pool = "us-east-1:11111111-2222-3333-4444-555555555555";
    assert_eq!(
        request("describe-identity-pool", &["--identity-pool-id", pool, ""]),
        json!({"IdentityPoolId": pool})
    );
    assert_eq!(
        request("list-identity-pools", &["", "--max-results", "3"]),
        json!({"MaxResults": 3})
    );
    let refused = refusal(
        "describe-identity-pool",
        &["--identity-pool-id", pool, "", ""],
    );
    assert!(
        refused.message().contains("unknown options"),
        "{}",
        refused.message()
    );
    let refused = refusal("describe-identity-pool", &["--identity-pool-id", pool, " "]);
    assert!(
        refused.message().contains("unknown options"),
        "{}",
        refused.message()
    );
}

/// `--generate-cli-skeleton output` with a pagination option: awscli hands botocore a
/// `PaginationConfig` it refuses.
#[test]
fn pagination_options_are_refused_with_the_output_skeleton() {
    let args = [
        "--cli-input-json",
        r#"{"MaxResults": 37}"#,
        "--generate-cli-skeleton",
        "output",
    ];
    assert!(matches!(
        run("list-identity-pools", &args),
        Ok(Outcome::Run(_))
    ));
    for option in ["--starting-token=token-1", "--max-items=3", "--page-size=5"] {
        let mut with = args.to_vec();
        with.push(option);
        let refused = refusal("list-identity-pools", &with);
        assert_eq!(refused.kind(), &RefusalKind::Pagination, "{option}");
    }
}
