//! Typed model of the Amazon Cognito Identity `UpdateIdentityPool` operation.
//!
//! The request and the response of `UpdateIdentityPool` are the same shape, `IdentityPool`:
//! [`UpdateIdentityPoolRequest`] and [`UpdateIdentityPoolResponse`] both name [`IdentityPool`].
//! The types serialize to exactly the JSON the service exchanges (AWS wire names, members in the
//! model's order, absent members omitted) and refuse what the service refuses to parse: unknown
//! members, `null`, and values of the wrong JSON type. The service's length and pattern
//! constraints are declared once, in [`rules`]; they are checked by `idpool-validate` and
//! exported as JSON Schema by `idpool-schema`.
//!
//! # Example
//!
//! ```
//! use idpool_model::{CognitoIdentityProvider, UpdateIdentityPoolRequest};
//!
//! let request = UpdateIdentityPoolRequest::new(
//!     "us-west-2:11111111-1111-1111-1111-111111111111",
//!     "MyIdentityPool",
//!     false,
//! )
//! .with_cognito_identity_provider(
//!     CognitoIdentityProvider::new(
//!         "cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",
//!         "3n4b5urk1ft4fl3mg5e62d9ado",
//!     )
//!     .with_server_side_token_check(false),
//! );
//!
//! let json = serde_json::to_string(&request)?;
//! assert!(json.starts_with(r#"{"IdentityPoolId":"us-west-2:11111111-1111-1111-1111-111111111111","#));
//! let back: UpdateIdentityPoolRequest = serde_json::from_str(&json)?;
//! assert_eq!(back, request);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! - `schema`: implements `schemars::JsonSchema` for the types, with every constraint of [`rules`].

#![deny(missing_docs)]

pub mod rules;
#[cfg(feature = "schema")]
mod schema;
pub mod service;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize};

/// A map of strings that keeps its keys in document order.
pub type StringMap = IndexMap<String, String>;

/// The body of an `UpdateIdentityPool` request.
pub type UpdateIdentityPoolRequest = IdentityPool;

/// The body of an `UpdateIdentityPool` response: the identity pool as the service stored it.
pub type UpdateIdentityPoolResponse = IdentityPool;

/// An identity pool: the complete configuration of an Amazon Cognito identity pool.
///
/// UpdateIdentityPool replaces the whole configuration: a setting left out of a request is reset
/// to its default by the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct IdentityPool {
    /// The identity pool to update, as `REGION:GUID` (for example
    /// `us-east-1:11111111-2222-3333-4444-555555555555`). The GUID is lower-case hexadecimal.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::identity_pool_id"))]
    pub identity_pool_id: String,

    /// The name of the identity pool: letters, digits, `_`, whitespace and `+=,.@-`.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema::identity_pool_name")
    )]
    pub identity_pool_name: String,

    /// Whether identities that have not signed in with any provider may get credentials.
    pub allow_unauthenticated_identities: bool,

    /// Whether the Basic (Classic) authentication flow is enabled. Left out, the service turns it
    /// off.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::boolean"))]
    pub allow_classic_flow: Option<bool>,

    /// Public login providers and the app id registered with each, such as
    /// `"graph.facebook.com": "7346241598935552"` or `"accounts.google.com": "123.apps.googleusercontent.com"`.
    /// At most 10 providers. Left out, every provider is removed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema::supported_login_providers")
    )]
    pub supported_login_providers: Option<StringMap>,

    /// The developer provider name, the "domain" by which Cognito refers to your users in
    /// developer-authenticated identities. It cannot be changed once it is set.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema::developer_provider_name")
    )]
    pub developer_provider_name: Option<String>,

    /// The ARNs of the IAM OpenID Connect providers, such as
    /// `arn:aws:iam::123456789012:oidc-provider/example.com`. Left out, every one is removed.
    #[serde(
        default,
        rename = "OpenIdConnectProviderARNs",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::arns"))]
    pub open_id_connect_provider_arns: Option<Vec<String>>,

    /// The Amazon Cognito user pools (and app clients) whose users may sign in. Left out, every
    /// one is removed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema::cognito_identity_providers")
    )]
    pub cognito_identity_providers: Option<Vec<CognitoIdentityProvider>>,

    /// The ARNs of the IAM SAML providers, such as
    /// `arn:aws:iam::123456789012:saml-provider/MyIdP`. Left out, every one is removed.
    #[serde(
        default,
        rename = "SamlProviderARNs",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::arns"))]
    pub saml_provider_arns: Option<Vec<String>>,

    /// Tags for the identity pool, as key and value. Keys have 1 to 128 characters, values up to
    /// 256.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "schema::identity_pool_tags")
    )]
    pub identity_pool_tags: Option<StringMap>,
}

/// An Amazon Cognito user pool app client that users may sign in with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CognitoIdentityProvider {
    /// The user pool, as `cognito-idp.REGION.amazonaws.com/USER_POOL_ID`, for example
    /// `cognito-idp.us-east-1.amazonaws.com/us-east-1_123456789`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::provider_name"))]
    pub provider_name: Option<String>,

    /// The id of the user pool's app client: letters, digits and `_`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::client_id"))]
    pub client_id: Option<String>,

    /// Whether the identity pool checks with the user pool that a user has not been signed out
    /// globally or deleted before it issues credentials.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::boolean"))]
    pub server_side_token_check: Option<bool>,
}

/// Deserializes an optional member that, when present, must hold a value: the service does not
/// accept `null` for any member.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl IdentityPool {
    /// An identity pool with the three required members and nothing else.
    pub fn new(
        identity_pool_id: impl Into<String>,
        identity_pool_name: impl Into<String>,
        allow_unauthenticated_identities: bool,
    ) -> Self {
        Self {
            identity_pool_id: identity_pool_id.into(),
            identity_pool_name: identity_pool_name.into(),
            allow_unauthenticated_identities,
            allow_classic_flow: None,
            supported_login_providers: None,
            developer_provider_name: None,
            open_id_connect_provider_arns: None,
            cognito_identity_providers: None,
            saml_provider_arns: None,
            identity_pool_tags: None,
        }
    }

    /// Sets `AllowClassicFlow`.
    pub fn with_allow_classic_flow(mut self, allow: bool) -> Self {
        self.allow_classic_flow = Some(allow);
        self
    }

    /// Adds (or replaces) one entry of `SupportedLoginProviders`.
    pub fn with_supported_login_provider(
        mut self,
        provider: impl Into<String>,
        app_id: impl Into<String>,
    ) -> Self {
        self.supported_login_providers
            .get_or_insert_with(StringMap::new)
            .insert(provider.into(), app_id.into());
        self
    }

    /// Sets `DeveloperProviderName`.
    pub fn with_developer_provider_name(mut self, name: impl Into<String>) -> Self {
        self.developer_provider_name = Some(name.into());
        self
    }

    /// Appends an ARN to `OpenIdConnectProviderARNs`.
    pub fn with_open_id_connect_provider_arn(mut self, arn: impl Into<String>) -> Self {
        self.open_id_connect_provider_arns
            .get_or_insert_with(Vec::new)
            .push(arn.into());
        self
    }

    /// Appends a provider to `CognitoIdentityProviders`.
    pub fn with_cognito_identity_provider(mut self, provider: CognitoIdentityProvider) -> Self {
        self.cognito_identity_providers
            .get_or_insert_with(Vec::new)
            .push(provider);
        self
    }

    /// Appends an ARN to `SamlProviderARNs`.
    pub fn with_saml_provider_arn(mut self, arn: impl Into<String>) -> Self {
        self.saml_provider_arns
            .get_or_insert_with(Vec::new)
            .push(arn.into());
        self
    }

    /// Adds (or replaces) one entry of `IdentityPoolTags`.
    pub fn with_tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.identity_pool_tags
            .get_or_insert_with(StringMap::new)
            .insert(key.into(), value.into());
        self
    }
}

impl CognitoIdentityProvider {
    /// A provider for the user pool `provider_name` and its app client `client_id`.
    pub fn new(provider_name: impl Into<String>, client_id: impl Into<String>) -> Self {
        Self {
            provider_name: Some(provider_name.into()),
            client_id: Some(client_id.into()),
            server_side_token_check: None,
        }
    }

    /// Sets `ServerSideTokenCheck`.
    pub fn with_server_side_token_check(mut self, check: bool) -> Self {
        self.server_side_token_check = Some(check);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn example() -> IdentityPool {
        IdentityPool::new(
            "us-west-2:11111111-1111-1111-1111-111111111111",
            "MyIdentityPool",
            false,
        )
        .with_cognito_identity_provider(
            CognitoIdentityProvider::new(
                "cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",
                "3n4b5urk1ft4fl3mg5e62d9ado",
            )
            .with_server_side_token_check(false),
        )
    }

    #[test]
    fn serializes_wire_names_in_model_order_without_absent_members() {
        let pool = example()
            .with_tag("team", "a")
            .with_open_id_connect_provider_arn("arn:aws:iam::123456789012:oidc-provider/x")
            .with_saml_provider_arn("arn:aws:iam::123456789012:saml-provider/y")
            .with_supported_login_provider("graph.facebook.com", "1")
            .with_developer_provider_name("login.example")
            .with_allow_classic_flow(true);
        let json = serde_json::to_value(&pool).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
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
            ]
        );
        let minimal = serde_json::to_string(&IdentityPool::new("a:1", "n", true)).unwrap();
        assert_eq!(
            minimal,
            r#"{"IdentityPoolId":"a:1","IdentityPoolName":"n","AllowUnauthenticatedIdentities":true}"#
        );
    }

    #[test]
    fn rejects_unknown_members_null_and_wrong_types() {
        let base = json!({"IdentityPoolId": "a:1", "IdentityPoolName": "n", "AllowUnauthenticatedIdentities": false});
        let with = |key: &str, value: serde_json::Value| {
            let mut doc = base.clone();
            doc[key] = value;
            serde_json::from_value::<IdentityPool>(doc)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        assert!(
            with("ClientID", json!("x"))
                .unwrap_err()
                .contains("unknown field `ClientID`")
        );
        assert!(
            with("AllowClassicFlow", json!(null))
                .unwrap_err()
                .contains("invalid type: null")
        );
        assert!(with("DeveloperProviderName", json!(null)).is_err());
        assert!(with("AllowUnauthenticatedIdentities", json!("true")).is_err());
        assert!(with("CognitoIdentityProviders", json!([{"ClientID": "x"}])).is_err());
        assert!(with("IdentityPoolTags", json!({"k": null})).is_err());
        let mut missing = base.clone();
        missing
            .as_object_mut()
            .unwrap()
            .remove("AllowUnauthenticatedIdentities");
        let err = serde_json::from_value::<IdentityPool>(missing)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("missing field `AllowUnauthenticatedIdentities`"),
            "{err}"
        );
    }

    #[test]
    fn maps_keep_document_order() {
        let text = r#"{"IdentityPoolId":"a:1","IdentityPoolName":"n","AllowUnauthenticatedIdentities":false,"IdentityPoolTags":{"z":"1","a":"2","m":"3"}}"#;
        let pool: IdentityPool = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&pool).unwrap(), text);
    }

    fn text() -> impl Strategy<Value = String> {
        "\\PC{0,12}"
    }

    fn map() -> impl Strategy<Value = Option<StringMap>> {
        proptest::option::of(
            proptest::collection::vec((text(), text()), 0..4)
                .prop_map(|entries| entries.into_iter().collect()),
        )
    }

    fn provider() -> impl Strategy<Value = CognitoIdentityProvider> {
        (
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(provider_name, client_id, server_side_token_check)| {
                CognitoIdentityProvider {
                    provider_name,
                    client_id,
                    server_side_token_check,
                }
            })
    }

    prop_compose! {
        fn pool()(
            identity_pool_id in text(),
            identity_pool_name in text(),
            allow_unauthenticated_identities in any::<bool>(),
            allow_classic_flow in proptest::option::of(any::<bool>()),
            supported_login_providers in map(),
            developer_provider_name in proptest::option::of(text()),
            open_id_connect_provider_arns in proptest::option::of(proptest::collection::vec(text(), 0..3)),
            cognito_identity_providers in proptest::option::of(proptest::collection::vec(provider(), 0..3)),
            saml_provider_arns in proptest::option::of(proptest::collection::vec(text(), 0..3)),
            identity_pool_tags in map(),
        ) -> IdentityPool {
            IdentityPool {
                identity_pool_id,
                identity_pool_name,
                allow_unauthenticated_identities,
                allow_classic_flow,
                supported_login_providers,
                developer_provider_name,
                open_id_connect_provider_arns,
                cognito_identity_providers,
                saml_provider_arns,
                identity_pool_tags,
            }
        }
    }

    proptest! {
        #[test]
        fn model_json_model_is_identity(pool in pool()) {
            let text = serde_json::to_string(&pool).unwrap();
            let back: IdentityPool = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back, &pool);
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
        }
    }
}
