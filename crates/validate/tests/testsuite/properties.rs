//! Any identity pool within the model's constraints (`idpool_model::strategy::valid`) is
//! valid; one member moved out of its constraint, through the typed model, gives an error at
//! that member's pointer.

use idpool_model::{CognitoIdentityProvider, IdentityPool, StringMap};
use idpool_validate::{Kind, Severity, Validator};
use proptest::prelude::*;

/// Identity pools the service accepts: the shared strategy of `idpool_model`, typed.
fn pool() -> impl Strategy<Value = IdentityPool> {
    let shape = idpool_model::service::operation("update-identity-pool")
        .and_then(|op| op.input)
        .unwrap();
    idpool_model::strategy::valid(shape)
        .prop_map(|value| serde_json::from_value(value).expect("a valid document has its type"))
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
