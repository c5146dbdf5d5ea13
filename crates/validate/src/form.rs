//! The forms of the overlay's form lints (`arn:PARTITION:iam::ACCOUNT:role/NAME`): text with
//! placeholders in capitals, read into regular expressions once.

use idpool_model::service::{LINTS, LintRule};
use regex::Regex;
use std::sync::LazyLock;

/// Each placeholder a form may use, with what it stands for (longest names first, so that
/// `CLIENT_ID` is read before `ID`).
const PLACEHOLDERS: &[(&str, &str)] = &[
    // `aws`, `aws-cn`, `aws-us-gov`.
    ("PARTITION", "aws(?:-[a-z]+)*"),
    // A user pool app client's id, as the model's `[\w_]+`.
    ("CLIENT_ID", "[A-Za-z0-9_]+"),
    ("ACCOUNT", "[0-9]{12}"),
    // `us-east-1`, `us-gov-west-1`, `cn-north-1`.
    ("REGION", "[a-z]{2}(?:-[a-z]+)+-[0-9]+"),
    (
        "GUID",
        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    ),
    // An IAM name with its path: `service-role/MyRole`.
    ("NAME", "[A-Za-z0-9_+=,.@/-]+"),
    // A host name, and the path of an OpenID Connect provider's URL.
    ("HOST", r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s/]+)*"),
    // The id of a user pool after its region and `_`.
    ("ID", "[A-Za-z0-9]+"),
];

/// One form, read.
#[derive(Debug)]
struct Form {
    text: &'static str,
    /// The text before its first placeholder, which claims the values starting with it.
    fixed: String,
    /// `None` for a form that names a placeholder this module does not know (a test checks
    /// none does), or does not compile: such a form is taken to match every value.
    regex: Option<Regex>,
}

/// Every form of the overlay's lints.
static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let mut forms: Vec<Form> = Vec::new();
    for lint in LINTS {
        if let LintRule::Form { forms: texts, .. } = lint.rule {
            for text in texts {
                if !forms.iter().any(|f| f.text == *text) {
                    forms.push(read(text));
                }
            }
        }
    }
    forms
});

/// `text` read: every capital letter must be part of a placeholder.
fn read(text: &'static str) -> Form {
    let mut pattern = String::from("^");
    let mut fixed = String::new();
    let mut placeholder_seen = false;
    let mut known = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some((name, regex)) = PLACEHOLDERS.iter().find(|(name, _)| rest.starts_with(name)) {
            pattern.push_str("(?:");
            pattern.push_str(regex);
            pattern.push(')');
            placeholder_seen = true;
            rest = &rest[name.len()..];
            continue;
        }
        known &= !c.is_ascii_uppercase();
        pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
        if !placeholder_seen {
            fixed.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    pattern.push('$');
    Form {
        text,
        fixed,
        regex: known.then(|| Regex::new(&pattern).ok()).flatten(),
    }
}

/// Whether `value` has one of the forms `texts`. A form starting with fixed text claims the
/// values that start with it: such a value must match one of the forms that claim it, and a
/// form starting with a placeholder (`HOST`) does not take it.
pub(crate) fn matches(value: &str, texts: &[&str]) -> bool {
    let forms: Vec<&Form> = FORMS.iter().filter(|f| texts.contains(&f.text)).collect();
    let claimed: Vec<&Form> = forms
        .iter()
        .copied()
        .filter(|f| !f.fixed.is_empty() && value.starts_with(&f.fixed))
        .collect();
    let candidates = if claimed.is_empty() { forms } else { claimed };
    candidates
        .iter()
        .any(|f| f.regex.as_ref().is_none_or(|r| r.is_match(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_the_overlay_is_read() {
        assert!(!FORMS.is_empty());
        for form in FORMS.iter() {
            assert!(
                form.regex.is_some(),
                "{} has an unknown placeholder",
                form.text
            );
        }
    }

    #[test]
    fn forms() {
        let role = ["arn:PARTITION:iam::ACCOUNT:role/NAME"];
        assert!(matches(
            "arn:aws:iam::123456789012:role/Cognito_Auth",
            &role
        ));
        assert!(matches(
            "arn:aws-us-gov:iam::123456789012:role/service-role/x",
            &role
        ));
        assert!(!matches("arn:aws:iam::123456789012:user/x", &role));
        assert!(!matches("arn:aws:iam::12345678901:role/x", &role));
        assert!(!matches("arn:aws:iam::123456789012:role/", &role));
        assert!(!matches(
            "arn:aws:iam::123456789012:oidc-provider/example.com",
            &role
        ));
        assert!(!matches("Cognito_Auth", &role));
        let pool = ["arn:PARTITION:cognito-identity:REGION:ACCOUNT:identitypool/REGION:GUID"];
        assert!(matches(
            "arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:11111111-2222-3333-4444-555555555555",
            &pool
        ));
        assert!(!matches(
            "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123",
            &pool
        ));
        let provider = [
            "cognito-idp.REGION.amazonaws.com/REGION_ID:CLIENT_ID",
            "arn:PARTITION:iam::ACCOUNT:saml-provider/NAME",
            "HOST",
        ];
        for good in [
            "graph.facebook.com",
            "accounts.google.com",
            "www.amazon.com",
            "appleid.apple.com",
            "api.twitter.com",
            "www.digits.com",
            "oidc.example.com",
            "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123:3n4b5urk1ft4fl3mg5e62d9ado",
            "arn:aws:iam::123456789012:saml-provider/MyIdP",
        ] {
            assert!(matches(good, &provider), "{good}");
        }
        for bad in [
            // A user pool without its app client.
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
            "https://accounts.google.com",
            "facebook",
            "arn:aws:iam::123456789012:oidc-provider/example.com",
            "accounts.google.com/",
            "",
        ] {
            assert!(!matches(bad, &provider), "{bad}");
        }
    }
}
