//! The service's constraints on every member of the `IdentityPool` shape, declared once.
//!
//! Each constant is named after the shape of the Cognito Identity service model it comes from
//! (`IdentityPoolId`, `ARNString`, `TagKeysType`, ...). The schema generator turns them into JSON
//! Schema keywords; the validator reads them to word its messages. Lengths count Unicode code
//! points; patterns match the whole value with ASCII `\w` and `\s`, as the service's Java regex
//! engine does.

use std::fmt;

/// A regular expression as the service model spells it, matched against the whole value.
///
/// Only the dialect the Cognito Identity model uses is supported: character classes, literal
/// characters and `+`. Inside a class, `\w` means `[A-Za-z0-9_]` and `\s` means
/// `[ \t\n\x0B\f\r]`, as in Java's default (non-Unicode) mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern(&'static str, [u128; 2]);

impl Pattern {
    /// The pattern exactly as the service model writes it, without anchors.
    pub const fn service(self) -> &'static str {
        self.0
    }

    /// The pattern rewritten so that every regex dialect (ECMA-262, Python, Rust, Java) gives the
    /// service's answer: anchored with `^…$`, and with `\w` and `\s` spelled out as ASCII classes.
    pub fn portable(self) -> String {
        let mut out = String::with_capacity(self.0.len() + 32);
        out.push('^');
        let mut rest = self.0;
        while let Some(start) = rest.find('[') {
            let end = start
                + rest[start..]
                    .find(']')
                    .expect("model patterns close every class");
            out.push_str(&rest[..=start]);
            let mut body = rest[start + 1..end].to_owned();
            if body.contains(r"\w") {
                // `\w` brings `_` with it; the model often lists it again (`[\w_]+`).
                body = body.replace('_', "").replace(r"\w", "A-Za-z0-9_");
            }
            // Java's default `\s`: space, tab, newline, vertical tab, form feed, carriage return.
            out.push_str(&body.replace(r"\s", r" \t\n\x0B\f\r"));
            out.push(']');
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out.push('$');
        out
    }

    /// The first character of `value` at which the pattern cannot go on, with its position in
    /// characters; `None` when the value matches, or stops short (`us-east-1` before the `:` of
    /// an identity pool id).
    ///
    /// ```
    /// use idpool_model::rules::{COGNITO_CLIENT_ID, IDENTITY_POOL_ID};
    /// assert_eq!(COGNITO_CLIENT_ID.pattern.unwrap().first_disallowed("ab-c"), Some((2, '-')));
    /// let id = IDENTITY_POOL_ID.pattern.unwrap();
    /// assert_eq!(id.first_disallowed("us-east-1:ABC"), Some((10, 'A')));
    /// assert_eq!(id.first_disallowed("us-east-1"), None);
    /// ```
    pub fn first_disallowed(self, value: &str) -> Option<(usize, char)> {
        // The same greedy walk as `is_match`: where it stops, the character there is the one
        // the pattern does not allow.
        let mut rest = value;
        let mut atoms = Atoms(self.0);
        let mut classes = self.1.into_iter();
        let stuck = |rest: &str| {
            rest.chars()
                .next()
                .map(|c| (value[..value.len() - rest.len()].chars().count(), c))
        };
        while let Some(atom) = atoms.next_atom() {
            match atom {
                Atom::Literal(c) => match rest.strip_prefix(c) {
                    Some(r) => rest = r,
                    None => return stuck(rest),
                },
                Atom::OneOrMore => {
                    let mask = classes.next()?;
                    let allowed = |c: char| c.is_ascii() && mask & (1 << c as u32) != 0;
                    let taken = rest.find(|c: char| !allowed(c)).unwrap_or(rest.len());
                    if taken == 0 {
                        return stuck(rest);
                    }
                    rest = &rest[taken..];
                }
            }
        }
        stuck(rest)
    }

    /// Whether `value` matches the whole pattern, with the service's (ASCII) semantics.
    ///
    /// ```
    /// use idpool_model::rules::IDENTITY_POOL_NAME;
    /// let pattern = IDENTITY_POOL_NAME.pattern.unwrap();
    /// assert!(pattern.is_match("My pool, v2"));
    /// assert!(!pattern.is_match("café"));
    /// assert!(!pattern.is_match("pool#name"));
    /// ```
    pub fn is_match(self, value: &str) -> bool {
        let mut rest = value;
        let mut atoms = Atoms(self.0);
        let mut classes = self.1.into_iter();
        while let Some(atom) = atoms.next_atom() {
            // The model's patterns never need backtracking: each `+` run is followed by a literal
            // its class excludes, or by the end of the value.
            match atom {
                Atom::Literal(c) => match rest.strip_prefix(c) {
                    Some(r) => rest = r,
                    None => return false,
                },
                Atom::OneOrMore => {
                    let mask = classes
                        .next()
                        .expect("the model's patterns have at most two classes");
                    let taken = class_run(rest, mask);
                    if taken == 0 {
                        return false;
                    }
                    rest = &rest[taken..];
                }
            }
        }
        rest.is_empty()
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The length in bytes of the longest start of `text` whose characters are all in the ASCII
/// class `mask`. Read byte by byte: a character outside ASCII starts with a byte of 128 or more,
/// which no class holds, so the run ends where a character does.
fn class_run(text: &str, mask: u128) -> usize {
    text.bytes()
        .position(|b| b >= 128 || mask & (1 << b) == 0)
        .unwrap_or(text.len())
}

/// A step of a pattern: a literal character, or a class repeated with `+` (its bit set is in
/// the pattern's masks, in order).
enum Atom {
    Literal(char),
    OneOrMore,
}

/// The bit sets over ASCII of the (at most two) classes of a pattern, computed when the rule
/// is declared. The model's classes hold ASCII characters only (a test checks this).
const fn class_masks(pattern: &[u8]) -> [u128; 2] {
    const WORD: u128 = (((1 << 26) - 1) << b'a')
        | (((1 << 26) - 1) << b'A')
        | (((1 << 10) - 1) << b'0')
        | (1 << b'_');
    const SPACE: u128 =
        (1 << b' ') | (1 << b'\t') | (1 << b'\n') | (1 << 0x0B) | (1 << 0x0C) | (1 << b'\r');
    let mut masks = [0u128; 2];
    let mut class = 0;
    let mut i = 0;
    let mut inside = false;
    while i < pattern.len() {
        let b = pattern[i];
        if !inside {
            inside = b == b'[';
            i += 1;
            continue;
        }
        if b == b']' {
            inside = false;
            class += 1;
            i += 1;
        } else if b == b'\\' && i + 1 < pattern.len() {
            masks[class] |= match pattern[i + 1] {
                b'w' => WORD,
                b's' => SPACE,
                other => 1 << (other & 127),
            };
            i += 2;
        } else if i + 2 < pattern.len() && pattern[i + 1] == b'-' && pattern[i + 2] != b']' {
            // A range such as `0-9`; a `-` at the end of a class is a literal hyphen.
            let mut c = b;
            while c <= pattern[i + 2] {
                masks[class] |= 1 << (c & 127);
                c += 1;
            }
            i += 3;
        } else {
            masks[class] |= 1 << (b & 127);
            i += 1;
        }
    }
    masks
}

struct Atoms(&'static str);

impl Atoms {
    fn next_atom(&mut self) -> Option<Atom> {
        let s = self.0;
        let first = s.chars().next()?;
        if first == '[' {
            let end = s.find(']').expect("model patterns close every class");
            let rest = &s[end + 1..];
            self.0 = rest
                .strip_prefix('+')
                .expect("model classes are always repeated with `+`");
            Some(Atom::OneOrMore)
        } else {
            self.0 = &s[first.len_utf8()..];
            Some(Atom::Literal(first))
        }
    }
}

/// The constraints on one string value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringRule {
    /// The service model's shape name, such as `IdentityPoolId`.
    pub shape: &'static str,
    /// The fewest Unicode code points the value may have.
    pub min_len: usize,
    /// The most Unicode code points the value may have.
    pub max_len: usize,
    /// The pattern the whole value must match, if any.
    pub pattern: Option<Pattern>,
}

impl StringRule {
    /// Whether `value` satisfies the length and the pattern.
    pub fn accepts(&self, value: &str) -> bool {
        let len = value.chars().count();
        (self.min_len..=self.max_len).contains(&len)
            && self.pattern.is_none_or(|p| p.is_match(value))
    }
}

const fn string(
    shape: &'static str,
    min_len: usize,
    max_len: usize,
    pattern: Option<&'static str>,
) -> StringRule {
    StringRule {
        shape,
        min_len,
        max_len,
        pattern: match pattern {
            Some(p) => Some(Pattern(p, class_masks(p.as_bytes()))),
            None => None,
        },
    }
}

/// `IdentityPoolId`: `REGION:GUID`, 1 to 55 characters.
pub const IDENTITY_POOL_ID: StringRule =
    string("IdentityPoolId", 1, 55, Some(r"[\w-]+:[0-9a-f-]+"));
/// `IdentityPoolName`: 1 to 128 word characters, whitespace and `+=,.@-`.
pub const IDENTITY_POOL_NAME: StringRule =
    string("IdentityPoolName", 1, 128, Some(r"[\w\s+=,.@-]+"));
/// `IdentityProviderName`: a key of `SupportedLoginProviders`.
pub const IDENTITY_PROVIDER_NAME: StringRule = string("IdentityProviderName", 1, 128, None);
/// `IdentityProviderId`: a value of `SupportedLoginProviders`.
pub const IDENTITY_PROVIDER_ID: StringRule =
    string("IdentityProviderId", 1, 128, Some(r"[\w.;_/-]+"));
/// The most entries `SupportedLoginProviders` may have.
pub const MAX_LOGIN_PROVIDERS: usize = 10;
/// `DeveloperProviderName`.
pub const DEVELOPER_PROVIDER_NAME: StringRule =
    string("DeveloperProviderName", 1, 128, Some(r"[\w._-]+"));
/// `ARNString`: an item of `OpenIdConnectProviderARNs` or `SamlProviderARNs`.
pub const ARN: StringRule = string("ARNString", 20, 2048, None);
/// `CognitoIdentityProviderName`: the `ProviderName` of a Cognito user pool provider.
pub const COGNITO_PROVIDER_NAME: StringRule =
    string("CognitoIdentityProviderName", 1, 128, Some(r"[\w._:/-]+"));
/// `CognitoIdentityProviderClientId`: the `ClientId` of a Cognito user pool provider.
pub const COGNITO_CLIENT_ID: StringRule =
    string("CognitoIdentityProviderClientId", 1, 128, Some(r"[\w_]+"));
/// `TagKeysType`: a key of `IdentityPoolTags`.
pub const TAG_KEY: StringRule = string("TagKeysType", 1, 128, None);
/// `TagValueType`: a value of `IdentityPoolTags`.
pub const TAG_VALUE: StringRule = string("TagValueType", 0, 256, None);

/// Every string rule, for looking one up by its shape name or its pattern.
pub const ALL: [StringRule; 10] = [
    IDENTITY_POOL_ID,
    IDENTITY_POOL_NAME,
    IDENTITY_PROVIDER_NAME,
    IDENTITY_PROVIDER_ID,
    DEVELOPER_PROVIDER_NAME,
    ARN,
    COGNITO_PROVIDER_NAME,
    COGNITO_CLIENT_ID,
    TAG_KEY,
    TAG_VALUE,
];

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn class_runs_end_where_the_first_character_outside_the_class_is(
            text in "[a-z0-9_:. \t/;=-]{0,8}[\\PC\\s\u{80}-\u{10FFFF}]{0,4}[a-zA-Z]{0,4}",
        ) {
            for rule in ALL {
                let Some(pattern) = rule.pattern else { continue };
                for mask in pattern.1 {
                    let allowed = |c: char| c.is_ascii() && mask & (1 << c as u32) != 0;
                    let by_char = text.find(|c: char| !allowed(c)).unwrap_or(text.len());
                    proptest::prop_assert_eq!(class_run(&text, mask), by_char);
                }
            }
        }
    }

    #[test]
    fn portable_spells_out_ascii_classes() {
        assert_eq!(
            IDENTITY_POOL_ID.pattern.unwrap().portable(),
            "^[A-Za-z0-9_-]+:[0-9a-f-]+$"
        );
        assert_eq!(
            IDENTITY_POOL_NAME.pattern.unwrap().portable(),
            r"^[A-Za-z0-9_ \t\n\x0B\f\r+=,.@-]+$"
        );
        assert_eq!(
            COGNITO_CLIENT_ID.pattern.unwrap().portable(),
            "^[A-Za-z0-9_]+$"
        );
        assert_eq!(
            IDENTITY_PROVIDER_ID.pattern.unwrap().portable(),
            "^[A-Za-z0-9_.;/-]+$"
        );
    }

    #[test]
    fn whole_value_ascii_semantics() {
        let id = IDENTITY_POOL_ID;
        assert!(id.accepts("us-west-2:11111111-1111-1111-1111-111111111111"));
        assert!(!id.accepts("us-west-2:ABCDEF12-1111-1111-1111-111111111111"));
        assert!(!id.accepts("xx us-east-1:abc"));
        assert!(!id.accepts("us-east-1_AbCdEf"));
        assert!(!id.accepts(""));

        let name = IDENTITY_POOL_NAME;
        assert!(name.accepts("pool\x0Bname"));
        assert!(!name.accepts("pool\u{a0}name"));
        assert!(!name.accepts("pool\u{3000}name"));
        assert!(!name.accepts("caf\u{e9}"));
        assert!(!name.accepts("\u{212a}elvin"));
        assert!(name.accepts(&"a".repeat(128)));
        assert!(!name.accepts(&"a".repeat(129)));

        assert!(!DEVELOPER_PROVIDER_NAME.accepts("dev\n"));
        assert!(DEVELOPER_PROVIDER_NAME.accepts("login.mycompany-app_1"));
        assert!(!COGNITO_CLIENT_ID.accepts("foo-bar"));
        assert!(IDENTITY_PROVIDER_ID.accepts("key;secret/x.y-z"));
    }

    #[test]
    fn patterns_are_ascii() {
        for rule in ALL {
            if let Some(pattern) = rule.pattern {
                assert!(pattern.service().is_ascii(), "{}", rule.shape);
            }
        }
    }

    #[test]
    fn rules_agree_with_the_service_table() {
        use crate::service::{self, ShapeKind};
        for rule in ALL {
            let id = service::shape(rule.shape).unwrap();
            let ShapeKind::String(shape) = id.shape().kind else {
                panic!("{} is not a string", rule.shape)
            };
            assert_eq!(
                shape.min.unwrap_or(0),
                rule.min_len as u64,
                "{}",
                rule.shape
            );
            assert_eq!(shape.max, Some(rule.max_len as u64), "{}", rule.shape);
            assert_eq!(
                shape.pattern,
                rule.pattern.map(Pattern::service),
                "{}",
                rule.shape
            );
            assert_eq!(
                shape.portable_pattern(),
                rule.pattern.map(Pattern::portable),
                "{}",
                rule.shape
            );
        }
        let providers = service::shape("IdentityProviders").unwrap();
        assert!(matches!(
            providers.shape().kind,
            ShapeKind::Map { max: Some(max), .. } if max == MAX_LOGIN_PROVIDERS as u64
        ));
    }

    #[test]
    fn lengths_count_code_points() {
        assert!(TAG_KEY.accepts(&"\u{1D400}".repeat(128)));
        assert!(!TAG_KEY.accepts(&"\u{1D400}".repeat(129)));
        assert!(TAG_VALUE.accepts(""));
        assert!(!ARN.accepts("arn:aws:iam::1:x"));
    }
}
