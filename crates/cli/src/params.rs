//! The arguments of `aws cognito-identity update-identity-pool`, named as the AWS CLI names them.

/// Each member of the request and its option name, in model order.
pub(crate) const PARAMETERS: [(&str, &str); 10] = [
    ("IdentityPoolId", "--identity-pool-id"),
    ("IdentityPoolName", "--identity-pool-name"),
    (
        "AllowUnauthenticatedIdentities",
        "--allow-unauthenticated-identities",
    ),
    ("AllowClassicFlow", "--allow-classic-flow"),
    ("SupportedLoginProviders", "--supported-login-providers"),
    ("DeveloperProviderName", "--developer-provider-name"),
    (
        "OpenIdConnectProviderARNs",
        "--open-id-connect-provider-arns",
    ),
    ("CognitoIdentityProviders", "--cognito-identity-providers"),
    ("SamlProviderARNs", "--saml-provider-arns"),
    ("IdentityPoolTags", "--identity-pool-tags"),
];

/// The member and option name of a parameter given as `--cognito-identity-providers`,
/// `cognito-identity-providers` or `CognitoIdentityProviders`.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    let option = name.strip_prefix("--").unwrap_or(name);
    PARAMETERS
        .into_iter()
        .find(|(member, cli)| *member == name || cli[2..] == *option)
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
    }
}
