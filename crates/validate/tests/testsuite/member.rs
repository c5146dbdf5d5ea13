//! A member's value checked on its own has the errors it has in a whole document.

use idpool_validate::{Kind, Report, Severity, Validator};
use proptest::prelude::*;
use serde_json::{Value as Json, json};

/// The top-level members of a request.
const MEMBERS: [&str; 10] = [
    "IdentityPoolId",
    "IdentityPoolName",
    "AllowUnauthenticatedIdentities",
    "AllowClassicFlow",
    "SupportedLoginProviders",
    "DeveloperProviderName",
    "OpenIdConnectProviderARNs",
    "CognitoIdentityProviders",
    "SamlProviderARNs",
    "IdentityPoolTags",
];

/// A request that is valid but for `member`, which has the value `value`.
fn document(member: &str, value: &str) -> String {
    let mut text = String::from("{");
    for (name, placeholder) in [
        (
            "IdentityPoolId",
            r#""us-east-1:00000000-0000-0000-0000-000000000000""#,
        ),
        ("IdentityPoolName", r#""p""#),
        ("AllowUnauthenticatedIdentities", "false"),
    ] {
        if name != member {
            text.push_str(&format!("\"{name}\":{placeholder},"));
        }
    }
    text + &format!("\"{member}\":{value}}}")
}

/// The errors of a report, without their positions (which are in different texts), the count
/// of errors left out, and the service's message.
fn errors(report: Report) -> (Vec<String>, usize, Option<String>) {
    let aws = report.aws_message();
    let list = report
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            format!(
                "{:?} {:?} {} {} {:?} {}",
                d.code,
                d.pointer,
                d.aws_path,
                d.message,
                d.help,
                d.has_aws_wording()
            )
        })
        .collect();
    (list, report.omitted.errors, aws)
}

#[track_caller]
fn same_errors(member: &str, value: &str, limit: usize) {
    let validator = Validator::get(Kind::Request);
    let alone = validator
        .validate_member_str_limited(member, value, limit)
        .unwrap();
    let whole = validator.validate_str_limited(&document(member, value), limit);
    assert_eq!(errors(alone), errors(whole), "{member}: {value}");
}

/// Strings near the constraints of the schema.
fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("us-east-1:00000000-0000-0000-0000-000000000000".to_owned()),
        Just("cognito-idp.us-east-1.amazonaws.com/us-east-1_abc".to_owned()),
        Just("arn:aws:iam::123456789012:oidc-provider/example.com".to_owned()),
        Just("ProviderName".to_owned()),
        Just("ClientId".to_owned()),
        Just("ServerSideTokenCheck".to_owned()),
        Just(" a ".to_owned()),
        Just("aws:tag".to_owned()),
        "[a-z_]{1,3}",
        "\\PC{0,8}",
        "[a-z]{120,140}",
    ]
}

/// JSON values of any type, a few levels deep.
fn value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        string().prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            proptest::collection::vec((string(), inner), 0..13)
                .prop_map(|entries| Json::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn a_members_errors_are_those_of_the_whole_document(
        member in proptest::sample::select(&MEMBERS[..]),
        value in value(),
        limit in prop_oneof![Just(usize::MAX), 0usize..4],
    ) {
        same_errors(member, &serde_json::to_string(&value).unwrap(), limit);
    }
}

#[test]
fn values_nested_too_deep_are_a_syntax_error_at_the_same_depth() {
    for depth in 125..130 {
        let value = "[".repeat(depth) + &"]".repeat(depth);
        same_errors("CognitoIdentityProviders", &value, usize::MAX);
        let value = format!("{{\"k\":{value}}}");
        same_errors("SupportedLoginProviders", &value, usize::MAX);
    }
}

#[test]
fn values_with_more_errors_than_the_limit() {
    let value = serde_json::to_string(&vec![json!({"ClientId": "-"}); 30]).unwrap();
    for limit in [0, 1, 29, 30, 31] {
        same_errors("CognitoIdentityProviders", &value, limit);
    }
}

#[test]
fn members_of_no_request() {
    let validator = Validator::get(Kind::Request);
    assert!(
        validator
            .validate_member_str_limited("Tags", "{}", 1)
            .is_none()
    );
    assert!(validator.validate_member_str_limited("", "{}", 1).is_none());
}
