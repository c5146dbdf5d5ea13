//! `--generate-cli-skeleton`: botocore's `ArgumentGenerator` over the shape table.
//!
//! The input skeleton (`ArgumentGenerator()` on the request shape) is what
//! `--generate-cli-skeleton input` prints: an empty string for a string, `0` for a number,
//! `true` for a boolean, one item for a list, a `KeyName` entry for a map, and `{}` for a
//! structure already being generated (a recursive shape). botocore picks a random value of an
//! enum; idpool takes the first, so that the skeleton is the same every time. The output
//! skeleton (`ArgumentGenerator(use_member_names=True)` on the response shape) is the response
//! the AWS CLI fakes for `--generate-cli-skeleton output`: each string is its member's name.

use idpool_model::service::{Operation, ShapeId, ShapeKind};
use serde_json::{Map, Value as Json};

/// The request skeleton of `operation`.
pub fn input(operation: &Operation) -> Json {
    match operation.input {
        Some(shape) => generate(shape, &mut Vec::new(), "", false),
        None => Json::Object(Map::new()),
    }
}

/// The fake response of `operation` (an empty object when it has no response).
pub fn output(operation: &Operation) -> Json {
    match operation.output {
        Some(shape) => generate(shape, &mut Vec::new(), "", true),
        None => Json::Object(Map::new()),
    }
}

/// `json.dumps(skeleton, indent=4)` and a newline, as the AWS CLI prints the input skeleton.
pub fn input_text(operation: &Operation) -> String {
    format!("{}\n", pretty(&input(operation)))
}

/// `value` as Python's `json.dumps(value, indent=4)` writes it (ASCII only: the skeletons hold
/// no other characters).
pub fn pretty(value: &Json) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("JSON values serialize");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// `_generate_skeleton`: `stack` holds the names of the shapes being generated.
fn generate(id: ShapeId, stack: &mut Vec<&'static str>, name: &str, names: bool) -> Json {
    let shape = id.shape();
    stack.push(shape.name);
    let value = match shape.kind {
        ShapeKind::Structure(members) => {
            if stack.iter().filter(|n| **n == shape.name).count() > 1 {
                Json::Object(Map::new())
            } else {
                let mut map = Map::new();
                for m in members {
                    map.insert(m.name.to_owned(), generate(m.shape, stack, m.name, names));
                }
                Json::Object(map)
            }
        }
        ShapeKind::List { member, .. } => {
            let name = if names { member.shape().name } else { "" };
            Json::Array(vec![generate(member, stack, name, names)])
        }
        ShapeKind::Map { value, .. } => {
            let mut map = Map::new();
            map.insert("KeyName".to_owned(), generate(value, stack, "", names));
            Json::Object(map)
        }
        ShapeKind::String(string) => match (names, string.values.first()) {
            (true, _) => Json::String(name.to_owned()),
            (false, Some(first)) => Json::String((*first).to_owned()),
            (false, None) => Json::String(String::new()),
        },
        ShapeKind::Integer { .. } | ShapeKind::Long { .. } => Json::from(0),
        ShapeKind::Boolean => Json::Bool(true),
        // `json_encoder` writes the datetime 1970-01-01 as its ISO form.
        ShapeKind::Timestamp => Json::String("1970-01-01T00:00:00".to_owned()),
        // botocore generates nothing (`None`) for a blob.
        ShapeKind::Blob => Json::Null,
    };
    stack.pop();
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_model::service;
    use serde_json::json;

    /// What awscli 1.46.2 prints for `--generate-cli-skeleton` of every command, recorded by
    /// `scripts/cli/skeletons.sh` (with botocore's random enum choice made the first).
    #[test]
    fn input_skeletons_are_the_aws_clis_byte_for_byte() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/cli/skeletons"
        );
        let mut checked = 0;
        for operation in service::OPERATIONS {
            let path = format!("{dir}/{}.json", operation.command);
            let recorded = std::fs::read_to_string(&path).unwrap();
            assert_eq!(input_text(operation), recorded, "{}", operation.command);
            checked += 1;
        }
        assert_eq!(checked, 23);
    }

    #[test]
    fn the_output_skeleton_names_each_member() {
        let update = service::operation("update-identity-pool").unwrap();
        assert_eq!(
            output(update),
            json!({
                "IdentityPoolId": "IdentityPoolId",
                "IdentityPoolName": "IdentityPoolName",
                "AllowUnauthenticatedIdentities": true,
                "AllowClassicFlow": true,
                "SupportedLoginProviders": {"KeyName": ""},
                "DeveloperProviderName": "DeveloperProviderName",
                "OpenIdConnectProviderARNs": ["ARNString"],
                "CognitoIdentityProviders": [
                    {"ProviderName": "ProviderName", "ClientId": "ClientId", "ServerSideTokenCheck": true}
                ],
                "SamlProviderARNs": ["ARNString"],
                "IdentityPoolTags": {"KeyName": ""}
            })
        );
        let roles = service::operation("set-identity-pool-roles").unwrap();
        assert_eq!(output(roles), json!({}));
    }
}
