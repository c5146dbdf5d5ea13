//! Diagnostics: what is wrong, where, how bad, and how to fix it.

use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is. Only errors make a document invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something to know, such as settings the request resets.
    Info,
    /// Accepted by the service, but most likely a mistake.
    Warning,
    /// The service (or the AWS CLI) rejects the document.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $severity:ident, $title:literal;)*) => {
        /// The stable code of a diagnostic, documented in `docs/diagnostics.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $title]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The code as written in output, such as `IDP008`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $id,)*
                }
            }

            /// The severity of the code in a request.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// A one-line title, such as `value does not match the pattern`.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }
        }
    };
}

codes! {
    Syntax = "IDP001", Error, "the document is not valid JSON";
    Type = "IDP002", Error, "a value has the wrong JSON type";
    Null = "IDP003", Error, "`null` is not a value of any member";
    MissingMember = "IDP004", Error, "a required member is missing";
    UnknownMember = "IDP005", Error, "a member that the operation does not have";
    TooShort = "IDP006", Error, "a string is shorter than its minimum length";
    TooLong = "IDP007", Error, "a string is longer than its maximum length";
    Pattern = "IDP008", Error, "a string does not match the pattern the service applies";
    TooManyEntries = "IDP009", Error, "a map has more entries than the service allows";
    MapKey = "IDP010", Error, "a map key is too short or too long, or not of the key's form";
    Unreadable = "IDP011", Error, "the file could not be read";
    OutOfRange = "IDP012", Error, "a number is outside the range the service allows";
    NotInEnum = "IDP013", Error, "a value is not one of the values the service allows";
    ListSize = "IDP014", Error, "a list has more or fewer items than the service allows";
    DuplicateKey = "IDP101", Warning, "a key appears twice in an object; the last one wins";
    NotAnIdentityPoolId = "IDP102", Warning, "an IdentityPoolId that looks like another kind of id";
    ProviderNameFormat = "IDP103", Warning, "a ProviderName that is not a Cognito user pool";
    RegionMismatch = "IDP104", Warning, "a user pool in another region than the identity pool";
    Whitespace = "IDP105", Warning, "leading or trailing whitespace in an id or a name";
    DuplicateArn = "IDP106", Warning, "the same ARN twice in a list";
    ArnKind = "IDP107", Warning, "an ARN that is not an IAM OIDC or SAML provider";
    TooManyTags = "IDP108", Warning, "more than 50 tags, or more entries than another quota";
    ReservedTagKey = "IDP109", Warning, "a tag key with the reserved prefix `aws:`";
    RegionOption = "IDP110", Warning, "`--region` is not the region of the identity pool id";
    SplitFile = "IDP111", Warning, "a file given to a list option was split into characters";
    IgnoredMember = "IDP112", Warning, "a member the service ignores, given the value of another";
    RoleArn = "IDP113", Warning, "a role ARN that is not an IAM role ARN";
    ProviderKey = "IDP114", Warning, "a RoleMappings key that is not an identity provider name";
    IdentityPoolArn = "IDP115", Warning, "a ResourceArn that is not an identity pool ARN";
    ResetSettings = "IDP201", Info, "settings left out of the request are reset";
}

/// A 1-based line and column; columns count characters (Unicode code points).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// The JSON Pointer of the value concerned (`/CognitoIdentityProviders/0/ClientId`).
    pub pointer: String,
    /// The path as AWS writes it in its errors (`cognitoIdentityProviders.1.member.clientId`).
    pub aws_path: String,
    /// The byte range of the source the diagnostic is about.
    pub span: Range<usize>,
    /// Where the span starts.
    pub start: Position,
    /// Where the span ends (the position just after its last character).
    pub end: Position,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where that helps.
    pub help: Option<String>,
    /// The items of the service's ValidationException message, where the service has any: one
    /// for most problems, two for an empty value that also fails its pattern (the service
    /// lists both constraints).
    pub(crate) aws: Vec<AwsItem>,
}

/// One item of a ValidationException message, before it is worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AwsItem {
    /// Where, as AWS writes it; for a map value, the map.
    pub(crate) path: String,
    /// The value as AWS prints it: `'text'`, `null`, or a map as `'{k=v, k2=v2}'`.
    pub(crate) value: std::sync::Arc<str>,
    /// `Member must ...`, or `Map value must satisfy constraint: [...]`.
    pub(crate) constraint: String,
}

impl Diagnostic {
    /// Whether the service's `ValidationException` words this problem, so that
    /// [`crate::Report::aws_message`] includes it.
    pub fn has_aws_wording(&self) -> bool {
        !self.aws.is_empty()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: {}",
            self.start.line,
            self.start.column,
            self.severity,
            self.code.as_str(),
            self.message
        )
    }
}
