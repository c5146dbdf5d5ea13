//! Any document within the model's constraints is valid; one member moved out of its
//! constraint gives an error at that member's pointer.

use idpool_model::{CognitoIdentityProvider, IdentityPool, StringMap};
use idpool_validate::{Kind, Severity, Validator};
use proptest::prelude::*;

fn map(
    keys: &'static str,
    values: &'static str,
    max: usize,
) -> impl Strategy<Value = Option<StringMap>> {
    proptest::option::of(
        proptest::collection::vec((keys, values), 0..=max)
            .prop_map(|entries| entries.into_iter().collect()),
    )
}

fn arns() -> impl Strategy<Value = Option<Vec<String>>> {
    proptest::option::of(proptest::collection::vec("[ -~]{20,80}", 0..3))
}

fn provider() -> impl Strategy<Value = CognitoIdentityProvider> {
    (
        proptest::option::of("[A-Za-z0-9_.:/-]{1,128}"),
        proptest::option::of("[A-Za-z0-9_]{1,128}"),
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
        identity_pool_id in "[A-Za-z0-9_-]{1,20}:[0-9a-f-]{1,34}",
        identity_pool_name in "[A-Za-z0-9_ \t\n\r+=,.@-]{1,128}",
        allow_unauthenticated_identities in any::<bool>(),
        allow_classic_flow in proptest::option::of(any::<bool>()),
        supported_login_providers in map("\\PC{1,40}", "[A-Za-z0-9_.;/-]{1,128}", 10),
        developer_provider_name in proptest::option::of("[A-Za-z0-9_.-]{1,128}"),
        open_id_connect_provider_arns in arns(),
        cognito_identity_providers in proptest::option::of(proptest::collection::vec(provider(), 0..3)),
        saml_provider_arns in arns(),
        identity_pool_tags in map("\\PC{1,128}", "\\PC{0,256}", 8),
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

fn errors(text: &str) -> Vec<String> {
    Validator::get(Kind::Request)
        .validate(text.as_bytes())
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}", d.pointer, d.message))
        .collect()
}

/// Ways to move one member out of its constraint, with the pointer of the error.
fn mutate(pool: &mut IdentityPool, how: usize) -> String {
    match how % 8 {
        0 => {
            pool.identity_pool_name = "n".repeat(129);
            "/IdentityPoolName".into()
        }
        1 => {
            pool.identity_pool_name.push('é');
            "/IdentityPoolName".into()
        }
        2 => {
            pool.identity_pool_id = pool.identity_pool_id.to_uppercase().replace(':', "_");
            "/IdentityPoolId".into()
        }
        3 => {
            let providers = pool.cognito_identity_providers.get_or_insert_with(Vec::new);
            providers.push(CognitoIdentityProvider::new(
                "cognito-idp.us-east-1.amazonaws.com/us-east-1_x",
                "a-b",
            ));
            format!("/CognitoIdentityProviders/{}/ClientId", providers.len() - 1)
        }
        4 => {
            pool.developer_provider_name = Some(String::new());
            "/DeveloperProviderName".into()
        }
        5 => {
            pool.saml_provider_arns
                .get_or_insert_with(Vec::new)
                .insert(0, "arn:short".into());
            "/SamlProviderARNs/0".into()
        }
        6 => {
            let providers = pool
                .supported_login_providers
                .get_or_insert_with(StringMap::new);
            providers.clear();
            for i in 0..11 {
                providers.insert(format!("p{i}"), "x".into());
            }
            "/SupportedLoginProviders".into()
        }
        _ => {
            pool.identity_pool_tags
                .get_or_insert_with(StringMap::new)
                .insert("k~/".into(), "v".repeat(257));
            "/IdentityPoolTags/k~0~1".into()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn documents_within_the_constraints_are_valid(pool in pool()) {
        let text = serde_json::to_string_pretty(&pool).unwrap();
        let errors = errors(&text);
        prop_assert!(errors.is_empty(), "{text}\n{errors:#?}");
    }

    #[test]
    fn one_member_out_of_its_constraint_is_an_error_there(mut pool in pool(), how in 0usize..8) {
        let pointer = mutate(&mut pool, how);
        let text = serde_json::to_string_pretty(&pool).unwrap();
        let errors = errors(&text);
        prop_assert!(!errors.is_empty() && errors.iter().all(|e| e.starts_with(&format!("{pointer} "))), "{text}\n{pointer}: {errors:#?}");
    }

    #[test]
    fn any_bytes_are_handled(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let report = Validator::get(Kind::Request).validate(&bytes);
        for d in &report.diagnostics {
            prop_assert!(d.span.end <= bytes.len());
        }
    }
}
