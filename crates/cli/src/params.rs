//! The request members that update-identity-pool's arguments set, and the request schema that
//! types them. The option table of `update::options` declares them; this is its lookup side.

use crate::update::options::{Kind, OPERATION};
use serde_json::Value as Json;
use std::sync::OnceLock;

/// Each member of the request and its option name, in model order.
pub(crate) fn members() -> impl Iterator<Item = (&'static str, &'static str)> {
    OPERATION
        .iter()
        .filter_map(|opt| Some((opt.member?, opt.name)))
}

/// The member and option name of a parameter given as `--cognito-identity-providers`,
/// `cognito-identity-providers` or `CognitoIdentityProviders`.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    let option = name.strip_prefix("--").unwrap_or(name);
    members().find(|(member, cli)| *member == name || cli[2..] == *option)
}

/// Whether `option` (such as `--saml-provider-arns`) takes any number of values (argparse's
/// `nargs='*'`, for the list members) rather than exactly one.
pub(crate) fn takes_list(option: &str) -> bool {
    OPERATION
        .iter()
        .any(|opt| opt.name == option && opt.kind == Kind::List)
}

/// The request schema (the committed one), parsed once.
pub(crate) fn schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(idpool_schema::Kind::Request.embedded())
            .expect("the embedded schema is JSON")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_spellings() {
        for name in [
            "--cognito-identity-providers",
            "cognito-identity-providers",
            "CognitoIdentityProviders",
        ] {
            assert_eq!(lookup(name).unwrap().0, "CognitoIdentityProviders");
        }
        assert_eq!(
            lookup("open-id-connect-provider-arns").unwrap().0,
            "OpenIdConnectProviderARNs"
        );
        assert!(lookup("--cognito").is_none());
        assert!(lookup("cognitoIdentityProviders").is_none());
        assert!(lookup("--cli-input-json").is_none());
    }

    #[test]
    fn list_options_take_several_values() {
        let lists: Vec<&str> = members()
            .map(|(_, option)| option)
            .filter(|option| takes_list(option))
            .collect();
        assert_eq!(
            lists,
            [
                "--open-id-connect-provider-arns",
                "--cognito-identity-providers",
                "--saml-provider-arns"
            ]
        );
        for (member, option) in members() {
            let is_array = schema()["properties"][member]["type"] == "array";
            assert_eq!(takes_list(option), is_array, "{option}");
        }
    }

    #[test]
    fn members_follow_the_schema_order() {
        let members: Vec<&str> = members().map(|(member, _)| member).collect();
        let schema: Vec<&str> = schema()["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(members, schema);
    }
}
