//! The warnings beyond the shapes in every operation: a user pool id where an identity pool id
//! belongs, the tag quota, and the overlay's form lints (IDP113 to IDP115).

use idpool_model::service::{OPERATIONS, ShapeKind};
use idpool_validate::{Code, Kind, Report, Severity, Validator};

fn report(command: &str, text: &str) -> Report {
    let operation = idpool_model::service::operation(command).unwrap();
    Validator::for_operation(operation, Kind::Request)
        .unwrap()
        .validate_str(text)
}

/// The warnings of a report, as (code, pointer).
fn warnings(report: &Report) -> Vec<(Code, &str)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| (d.code, d.pointer.as_str()))
        .collect()
}

/// Every operation whose request has a top-level `IdentityPoolId` warns of a user pool id
/// given as one, at that member; CreateIdentityPool has none.
#[test]
fn a_user_pool_id_as_identity_pool_id_in_every_operation() {
    let mut seen = Vec::new();
    for operation in OPERATIONS {
        let Some(input) = operation.input else {
            continue;
        };
        let ShapeKind::Structure(members) = input.shape().kind else {
            continue;
        };
        if !members.iter().any(|m| m.name == "IdentityPoolId") {
            continue;
        }
        seen.push(operation.name);
        let validator = Validator::for_operation(operation, Kind::Request).unwrap();
        let report = validator.validate_str(r#"{"IdentityPoolId": "us-east-1_AbCdEf123"}"#);
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::NotAnIdentityPoolId)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: {:?}",
            operation.name,
            report.diagnostics
        );
        assert_eq!(found[0].pointer, "/IdentityPoolId");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.contains("looks like a user pool id"));
    }
    for name in [
        "GetId",
        "SetIdentityPoolRoles",
        "DescribeIdentityPool",
        "ListIdentities",
        "UpdateIdentityPool",
        "DeleteIdentityPool",
    ] {
        assert!(seen.contains(&name), "{name}");
    }
    assert!(!seen.contains(&"CreateIdentityPool"));
    assert!(seen.len() >= 12, "{seen:?}");
}

#[test]
fn an_identity_pool_id_in_a_response_list() {
    let operation = idpool_model::service::operation("list-identity-pools").unwrap();
    let report = Validator::for_operation(operation, Kind::Response)
        .unwrap()
        .validate_str(
            r#"{"IdentityPools": [{"IdentityPoolId": "6eaf0258-e8c5-467f-90de-6e212326e6d3", "IdentityPoolName": " p"}]}"#,
        );
    assert_eq!(
        warnings(&report),
        [
            (Code::Pattern, "/IdentityPools/0/IdentityPoolId"),
            (Code::NotAnIdentityPoolId, "/IdentityPools/0/IdentityPoolId"),
            (Code::Whitespace, "/IdentityPools/0/IdentityPoolName"),
        ]
    );
}

#[test]
fn tag_resource_has_the_tag_quota_and_reserved_keys() {
    let tags: Vec<String> = (0..51).map(|i| format!("\"k{i}\": \"v\"")).collect();
    let arn = "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:11111111-2222-3333-4444-555555555555";
    let report = report(
        "tag-resource",
        &format!(
            r#"{{"ResourceArn": "{arn}", "Tags": {{"aws:x": "v", {}}}}}"#,
            tags.join(", ")
        ),
    );
    assert!(report.is_valid());
    assert_eq!(
        warnings(&report),
        [
            (Code::TooManyTags, "/Tags"),
            (Code::ReservedTagKey, "/Tags/aws:x")
        ]
    );
}

#[test]
fn create_identity_pool_has_update_identity_pool_s_warnings() {
    let report = report(
        "create-identity-pool",
        r#"{"IdentityPoolName": "p", "AllowUnauthenticatedIdentities": false,
            "CognitoIdentityProviders": [{"ProviderName": "accounts.google.com", "ClientId": "c "}],
            "SamlProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/x"]}"#,
    );
    assert_eq!(
        warnings(&report)
            .into_iter()
            .filter(|(code, _)| *code != Code::Pattern)
            .collect::<Vec<_>>(),
        [
            (
                Code::ProviderNameFormat,
                "/CognitoIdentityProviders/0/ProviderName"
            ),
            (Code::Whitespace, "/CognitoIdentityProviders/0/ClientId"),
            (Code::ArnKind, "/SamlProviderARNs/0"),
        ]
    );
}

#[test]
fn role_arns() {
    let report = report(
        "set-identity-pool-roles",
        r#"{"IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555",
            "Roles": {"authenticated": "arn:aws:iam::123456789012:user/alice",
                      "unauthenticated": "arn:aws:iam::123456789012:role/service-role/Guest"},
            "RoleMappings": {"graph.facebook.com": {"Type": "Rules", "AmbiguousRoleResolution": "Deny",
                "RulesConfiguration": {"Rules": [{"Claim": "c", "MatchType": "Equals", "Value": "v",
                    "RoleARN": "MyRoleName-is-not-an-arn"}]}}}}"#,
    );
    assert!(report.is_valid());
    assert_eq!(
        warnings(&report),
        [
            (Code::RoleArn, "/Roles/authenticated"),
            (
                Code::RoleArn,
                "/RoleMappings/graph.facebook.com/RulesConfiguration/Rules/0/RoleARN"
            ),
        ]
    );
    let d = &report.diagnostics[0];
    assert_eq!(
        d.message,
        "`arn:aws:iam::123456789012:user/alice` is not an IAM role ARN"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("arn:PARTITION:iam::ACCOUNT:role/NAME")
    );
    let report = report_of_credentials("arn:aws:iam::123456789012:policy/p");
    assert_eq!(warnings(&report), [(Code::RoleArn, "/CustomRoleArn")]);
    let report = report_of_credentials("arn:aws-cn:iam::123456789012:role/p");
    assert_eq!(warnings(&report), []);
}

fn report_of_credentials(arn: &str) -> Report {
    report(
        "get-credentials-for-identity",
        &format!(
            r#"{{"IdentityId": "us-east-1:11111111-2222-3333-4444-555555555555", "CustomRoleArn": "{arn}"}}"#
        ),
    )
}

#[test]
fn role_mapping_keys() {
    let mapping = r#"{"Type": "Token", "AmbiguousRoleResolution": "Deny"}"#;
    let keys = [
        ("graph.facebook.com", true),
        ("accounts.google.com", true),
        ("www.amazon.com", true),
        ("appleid.apple.com", true),
        ("api.twitter.com", true),
        ("www.digits.com", true),
        ("oidc.example.com", true),
        (
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123:3n4b5urk1ft4fl3mg5e62d9ado",
            true,
        ),
        ("arn:aws:iam::123456789012:saml-provider/MyIdP", true),
        (
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
            false,
        ),
        ("https://accounts.google.com", false),
        ("facebook", false),
        (
            "arn:aws:iam::123456789012:oidc-provider/oidc.example.com",
            false,
        ),
    ];
    for (key, ok) in keys {
        let report = report(
            "set-identity-pool-roles",
            &format!(
                r#"{{"IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555", "Roles": {{}}, "RoleMappings": {{"{key}": {mapping}}}}}"#
            ),
        );
        let expected = if ok {
            vec![]
        } else {
            vec![(
                Code::ProviderKey,
                format!("/RoleMappings/{}", key.replace('/', "~1")),
            )]
        };
        let found: Vec<(Code, String)> = warnings(&report)
            .into_iter()
            .map(|(c, p)| (c, p.to_owned()))
            .collect();
        assert_eq!(found, expected, "{key}");
    }
}

#[test]
fn resource_arns() {
    for command in ["tag-resource", "untag-resource", "list-tags-for-resource"] {
        let extra = match command {
            "tag-resource" => r#", "Tags": {}"#,
            "untag-resource" => r#", "TagKeys": []"#,
            _ => "",
        };
        let good = report(
            command,
            &format!(
                r#"{{"ResourceArn": "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:11111111-2222-3333-4444-555555555555"{extra}}}"#
            ),
        );
        assert_eq!(warnings(&good), [], "{command}");
        let bad = report(
            command,
            &format!(
                r#"{{"ResourceArn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123"{extra}}}"#
            ),
        );
        assert_eq!(
            warnings(&bad),
            [(Code::IdentityPoolArn, "/ResourceArn")],
            "{command}"
        );
    }
}
