//! Names derived from the model's, as botocore derives them (`botocore.xform_name`): the AWS CLI's
//! command and argument names, and the generator's constants.

/// The words of a model name, lower-case, as `botocore.xform_name` splits it: a trailing plural
/// acronym is one word (`OpenIdConnectProviderARNs` → `open id connect provider arns`), a
/// capitalised word starts a new one, and so does a capital after a lower-case letter or a digit.
pub(crate) fn words(name: &str) -> Vec<String> {
    let sep = '\u{0}';
    let mut name = name.to_owned();
    // `[A-Z]{2,}s$`: `ARNs` becomes a word of its own.
    let bytes = name.as_bytes();
    if bytes.last() == Some(&b's') {
        let capitals = bytes[..bytes.len() - 1]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        if capitals >= 2 {
            let at = name.len() - 1 - capitals;
            let tail = name[at..].to_ascii_lowercase();
            name = format!("{}{sep}{tail}", &name[..at]);
        }
    }
    let split = end_cap(&first_cap(&name, sep), sep).to_ascii_lowercase();
    split
        .split(sep)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `re.sub('(.)([A-Z][a-z]+)', r'\1-\2', name)`: a separator before each capitalised word that
/// follows any character; matches do not overlap.
fn first_cap(name: &str, sep: char) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let lower_run = chars.get(i + 2..).map_or(0, |rest| {
            rest.iter().take_while(|c| c.is_ascii_lowercase()).count()
        });
        if chars.get(i + 1).is_some_and(char::is_ascii_uppercase) && lower_run > 0 {
            out.push(chars[i]);
            out.push(sep);
            out.extend(&chars[i + 1..i + 2 + lower_run]);
            i += 2 + lower_run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `re.sub('([a-z0-9])([A-Z])', r'\1-\2', name)`.
fn end_cap(name: &str, sep: char) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        if (c.is_ascii_lowercase() || c.is_ascii_digit())
            && chars.get(i + 1).is_some_and(char::is_ascii_uppercase)
        {
            out.push(sep);
            out.push(chars[i + 1]);
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// The AWS CLI's name for an operation or a member: `SetIdentityPoolRoles` →
/// `set-identity-pool-roles`, `OpenIdConnectProviderARNs` → `open-id-connect-provider-arns`.
///
/// ```
/// assert_eq!(idpool_codegen::command_name("GetOpenIdTokenForDeveloperIdentity"),
///            "get-open-id-token-for-developer-identity");
/// assert_eq!(idpool_codegen::command_name("SamlProviderARNs"), "saml-provider-arns");
/// assert_eq!(idpool_codegen::command_name("RoleARN"), "role-arn");
/// ```
pub fn command_name(name: &str) -> String {
    words(name).join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn botocore_splits() {
        for (name, expected) in [
            ("IdentityPoolId", "identity-pool-id"),
            ("ARNString", "arn-string"),
            ("OpenIdConnectProviderARNs", "open-id-connect-provider-arns"),
            ("ListTagsForResource", "list-tags-for-resource"),
            (
                "DeveloperUserIdentifierList",
                "developer-user-identifier-list",
            ),
            ("OIDCToken", "oidc-token"),
            ("RoleARN", "role-arn"),
            ("IdentityIdsToDelete", "identity-ids-to-delete"),
        ] {
            assert_eq!(command_name(name), expected, "{name}");
        }
    }
}
