//! The generated types of the operations other than UpdateIdentityPool: AWS wire names in the
//! model's order, and the service's refusals (unknown members, `null`, wrong enum values).

use idpool_model::{
    AmbiguousRoleResolutionType, GetCredentialsForIdentityResponse, MappingRule,
    MappingRuleMatchType, RoleMapping, RoleMappingType, RulesConfigurationType,
    SetIdentityPoolRolesRequest, StringMap, TagResourceRequest, service,
};
use indexmap::IndexMap;
use proptest::prelude::*;
use serde_json::{Value, json};

fn roles_request() -> Value {
    json!({
        "IdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555",
        "Roles": {"authenticated": "arn:aws:iam::123456789012:role/Auth"},
        "RoleMappings": {
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client": {
                "Type": "Rules",
                "AmbiguousRoleResolution": "Deny",
                "RulesConfiguration": {"Rules": [{
                    "Claim": "cognito:groups",
                    "MatchType": "Contains",
                    "Value": "admins",
                    "RoleARN": "arn:aws:iam::123456789012:role/Admin"
                }]}
            }
        }
    })
}

fn refusal(document: Value) -> String {
    serde_json::from_value::<SetIdentityPoolRolesRequest>(document)
        .map(|_| ())
        .expect_err("the document is refused")
        .to_string()
}

#[test]
fn set_identity_pool_roles_reads_and_writes_the_wire_format() {
    let document = roles_request();
    let request: SetIdentityPoolRolesRequest = serde_json::from_value(document.clone()).unwrap();
    let mappings = request.role_mappings.as_ref().unwrap();
    let mapping = &mappings["cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"];
    assert_eq!(mapping.r#type, RoleMappingType::Rules);
    assert_eq!(
        mapping.ambiguous_role_resolution,
        Some(AmbiguousRoleResolutionType::Deny)
    );
    let rule = &mapping.rules_configuration.as_ref().unwrap().rules[0];
    assert_eq!(rule.match_type, MappingRuleMatchType::Contains);
    assert_eq!(rule.match_type.to_string(), "Contains");
    assert_eq!(serde_json::to_value(&request).unwrap(), document);
    let text = serde_json::to_string(&request).unwrap();
    assert!(text.starts_with(r#"{"IdentityPoolId":"#), "{text}");
    assert!(text.contains(r#"{"Claim":"cognito:groups","MatchType":"Contains","#));
}

#[test]
fn set_identity_pool_roles_refuses_what_the_service_refuses() {
    let mut document = roles_request();
    document["RoleMappings"]["cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"]["RulesConfiguration"]
        ["Rules"][0]["MatchType"] = json!("equals");
    let error = refusal(document);
    assert!(error.contains("unknown variant `equals`"), "{error}");
    assert!(error.contains("`Equals`"), "{error}");

    let mut document = roles_request();
    document["RoleMappings"]["cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"]["Type"] =
        json!("Role");
    assert!(refusal(document).contains("unknown variant `Role`"));

    let mut document = roles_request();
    document["RoleMappings"] = json!(null);
    assert!(refusal(document).contains("invalid type: null"));

    let mut document = roles_request();
    document["RoleMappings"]["cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"]["AmbiguousRoleResolution"] =
        json!(null);
    assert!(refusal(document).contains("invalid type: null"));

    let mut document = roles_request();
    document["RoleMappings"]["cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client"]["RulesConfiguration"]
        ["Rules"][0]["RoleArn"] = json!("x");
    assert!(refusal(document).contains("unknown field `RoleArn`"));

    let mut document = roles_request();
    document["Role"] = json!({});
    assert!(refusal(document).contains("unknown field `Role`"));

    let mut document = roles_request();
    document.as_object_mut().unwrap().remove("Roles");
    assert!(refusal(document).contains("missing field `Roles`"));

    let mut document = roles_request();
    document["Roles"]["authenticated"] = json!(null);
    assert!(refusal(document).contains("invalid type: null"));
}

#[test]
fn tag_resource_refuses_null_tags() {
    let ok = json!({"ResourceArn": "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/x", "Tags": {"a": "b"}});
    let request: TagResourceRequest = serde_json::from_value(ok.clone()).unwrap();
    assert_eq!(serde_json::to_value(&request).unwrap(), ok);
    let mut bad = ok;
    bad["Tags"] = json!(null);
    assert!(serde_json::from_value::<TagResourceRequest>(bad).is_err());
}

#[test]
fn timestamps_are_epoch_seconds() {
    let document = json!({
        "IdentityId": "us-east-1:11111111-2222-3333-4444-555555555555",
        "Credentials": {"AccessKeyId": "AKIA", "SecretKey": "s", "SessionToken": "t", "Expiration": 1700000000.5}
    });
    let response: GetCredentialsForIdentityResponse =
        serde_json::from_value(document.clone()).unwrap();
    assert_eq!(
        response.credentials.as_ref().unwrap().expiration,
        Some(1_700_000_000.5)
    );
    assert_eq!(serde_json::to_value(&response).unwrap(), document);
    let mut bad = document;
    bad["Credentials"]["Expiration"] = json!("2024-01-01T00:00:00Z");
    assert!(serde_json::from_value::<GetCredentialsForIdentityResponse>(bad).is_err());
}

#[test]
fn every_operation_names_its_shapes() {
    assert_eq!(service::OPERATIONS.len(), 23);
    let operation = service::operation("update-identity-pool").unwrap();
    assert_eq!(operation.input, operation.output);
    assert_eq!(operation.input.unwrap().shape().name, "IdentityPool");
    for value in MappingRuleMatchType::ALL {
        let text = serde_json::to_string(&value).unwrap();
        assert_eq!(text, format!("\"{value}\""));
        assert_eq!(
            serde_json::from_str::<MappingRuleMatchType>(&text).unwrap(),
            value
        );
    }
}

fn text() -> impl Strategy<Value = String> {
    "\\PC{0,12}"
}

fn rule() -> impl Strategy<Value = MappingRule> {
    (
        text(),
        proptest::sample::select(MappingRuleMatchType::ALL.to_vec()),
        text(),
        text(),
    )
        .prop_map(|(claim, match_type, value, role_arn)| MappingRule {
            claim,
            match_type,
            value,
            role_arn,
        })
}

fn mapping() -> impl Strategy<Value = RoleMapping> {
    (
        proptest::sample::select(RoleMappingType::ALL.to_vec()),
        proptest::option::of(proptest::sample::select(
            AmbiguousRoleResolutionType::ALL.to_vec(),
        )),
        proptest::option::of(
            proptest::collection::vec(rule(), 0..3)
                .prop_map(|rules| RulesConfigurationType { rules }),
        ),
    )
        .prop_map(
            |(r#type, ambiguous_role_resolution, rules_configuration)| RoleMapping {
                r#type,
                ambiguous_role_resolution,
                rules_configuration,
            },
        )
}

prop_compose! {
    fn roles()(
        identity_pool_id in text(),
        roles in proptest::collection::vec((text(), text()), 0..3),
        role_mappings in proptest::option::of(proptest::collection::vec((text(), mapping()), 0..3)),
    ) -> SetIdentityPoolRolesRequest {
        SetIdentityPoolRolesRequest {
            identity_pool_id,
            roles: roles.into_iter().collect::<StringMap>(),
            role_mappings: role_mappings.map(|m| m.into_iter().collect::<IndexMap<_, _>>()),
        }
    }
}

proptest! {
    #[test]
    fn set_identity_pool_roles_round_trips(request in roles()) {
        let text = serde_json::to_string(&request).unwrap();
        let back: SetIdentityPoolRolesRequest = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &request);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
}
