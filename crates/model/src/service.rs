//! The Cognito Identity service model as data: every shape, operation and overlay rule, generated
//! by `idpool-codegen` from `models/cognito-identity/service-2.json` (as awscli 1.46.2 ships it)
//! and `models/cognito-identity/overlay.toml` (what the service enforces beyond it).
//!
//! A shape is referred to by its [`ShapeId`], its index in [`SHAPES`]. The overlay's size limits
//! are already applied to the shapes; [`LIMITS`] keeps what the model said, for the docs.
//!
//! ```
//! use idpool_model::service::{self, ShapeKind};
//!
//! let operation = service::operation("set-identity-pool-roles").unwrap();
//! assert_eq!(operation.name, "SetIdentityPoolRoles");
//! let input = operation.input.unwrap().shape();
//! let ShapeKind::Structure(members) = input.kind else { panic!() };
//! assert_eq!(members[0].name, "IdentityPoolId");
//! assert!(members[0].required);
//! assert_eq!(service::operation("SetIdentityPoolRoles"), Some(operation));
//! ```

#[rustfmt::skip]
mod tables;

pub use tables::{LIMITS, LINTS, OPERATIONS, REQUIREMENTS, SHAPES};
// Each shape's `ShapeId` as a constant (`IDENTITY_POOL_ID`), for the generated functions.
pub(crate) use tables::*;

/// A shape of the model: its index in [`SHAPES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShapeId(pub u16);

impl ShapeId {
    /// The shape.
    pub fn shape(self) -> &'static Shape {
        &SHAPES[usize::from(self.0)]
    }
}

/// One shape of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The model's name, such as `IdentityPoolId`.
    pub name: &'static str,
    /// What values it has.
    pub kind: ShapeKind,
}

/// The kinds of shape, with their constraints. Bounds are inclusive; lengths count Unicode code
/// points, list sizes items and map sizes entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    /// A JSON object with named members, in the model's order.
    Structure(&'static [Member]),
    /// A JSON array.
    List {
        /// The shape of the items.
        member: ShapeId,
        /// The fewest items.
        min: Option<u64>,
        /// The most items.
        max: Option<u64>,
    },
    /// A JSON object with keys of one shape and values of another.
    Map {
        /// The shape of the keys (a string).
        key: ShapeId,
        /// The shape of the values.
        value: ShapeId,
        /// The fewest entries.
        min: Option<u64>,
        /// The most entries.
        max: Option<u64>,
    },
    /// A string.
    String(StringShape),
    /// `true` or `false`.
    Boolean,
    /// A 32-bit integer.
    Integer {
        /// The least value.
        min: Option<i64>,
        /// The greatest value.
        max: Option<i64>,
    },
    /// A 64-bit integer.
    Long {
        /// The least value.
        min: Option<i64>,
        /// The greatest value.
        max: Option<i64>,
    },
    /// A point in time (epoch seconds on the wire of this JSON protocol).
    Timestamp,
    /// Bytes (base64 on the wire).
    Blob,
}

/// The constraints of a string shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringShape {
    /// The fewest characters.
    pub min: Option<u64>,
    /// The most characters.
    pub max: Option<u64>,
    /// The pattern the whole value must match, as the model writes it (Java syntax, ASCII `\w`
    /// `\s` `\d`).
    pub pattern: Option<&'static str>,
    /// The values allowed, for an enum; empty otherwise.
    pub values: &'static [&'static str],
    /// Whether the value is a secret (a token, a key).
    pub sensitive: bool,
}

/// One member of a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The wire name, such as `IdentityPoolId`.
    pub name: &'static str,
    /// The AWS CLI's name for it as an argument, without the dashes: `identity-pool-id`,
    /// `open-id-connect-provider-arns` (as botocore derives it).
    pub cli_name: &'static str,
    /// Its shape.
    pub shape: ShapeId,
    /// Whether the structure must have it.
    pub required: bool,
    /// One line on what it is, from the overlay.
    pub description: &'static str,
}

/// One operation of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The model's name, such as `SetIdentityPoolRoles`.
    pub name: &'static str,
    /// The AWS CLI command, such as `set-identity-pool-roles`.
    pub command: &'static str,
    /// The shape of the request, if it has one.
    pub input: Option<ShapeId>,
    /// The shape of the response, if it has one.
    pub output: Option<ShapeId>,
    /// How the AWS CLI pages its results (and takes `--starting-token`, `--page-size` and
    /// `--max-items`), as the model's paginators say; `None` when it does not.
    pub paginator: Option<Paginator>,
}

/// How an operation is paged, from the model's paginators (`paginators-1.json`): the request
/// members the AWS CLI fills from `--starting-token` and `--page-size`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paginator {
    /// The request members that carry the page token (`NextToken`), in the paginator's order.
    pub input_tokens: &'static [&'static str],
    /// The request member that carries the page size (`MaxResults`), if there is one.
    pub limit_key: Option<&'static str>,
}

/// A size the service applies in place of the model's (already applied to [`SHAPES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The shape limited.
    pub shape: ShapeId,
    /// The most the model allows, if it says.
    pub model_max: Option<u64>,
    /// The most the service allows.
    pub max: u64,
    /// Where the AWS documentation says so.
    pub source: &'static str,
}

/// A member required when another member of the same structure has one of some values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// The structure.
    pub shape: ShapeId,
    /// The member required.
    pub member: &'static str,
    /// The member whose value decides.
    pub when: &'static str,
    /// The values that make `member` required.
    pub values: &'static [&'static str],
    /// Why, in a few words.
    pub why: &'static str,
    /// Where the AWS documentation says so.
    pub source: &'static str,
}

/// What the service accepts but is almost surely a mistake: a warning with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lint {
    /// The diagnostic code, such as `IDP108`.
    pub code: &'static str,
    /// The shape it is about.
    pub shape: ShapeId,
    /// What it checks.
    pub rule: LintRule,
    /// Why, in a few words.
    pub why: &'static str,
    /// Where the AWS documentation says so.
    pub source: &'static str,
}

/// The checks a [`Lint`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintRule {
    /// A map with more entries than a quota.
    MaxEntries(u64),
    /// A member the service ignores when another member has one of some values.
    Ignored {
        /// The member ignored.
        member: &'static str,
        /// The member whose value decides.
        when: &'static str,
        /// The values for which `member` is ignored.
        values: &'static [&'static str],
    },
    /// A value that should have one of some forms, such as an IAM role ARN
    /// (`arn:PARTITION:iam::ACCOUNT:role/NAME`). A form is text with placeholders in capitals
    /// (`PARTITION`, `REGION`, `ACCOUNT`, `GUID`, `ID`, `CLIENT_ID`, `NAME`, `HOST`), which the
    /// validator reads.
    Form {
        /// Where the values are, in the lint's shape.
        at: LintAt,
        /// What a value of the forms is, for messages: `an IAM role ARN`.
        what: &'static str,
        /// The forms, one of which the value should match.
        forms: &'static [&'static str],
    },
}

/// Where in its shape a [`LintRule::Form`] applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintAt {
    /// Every value of the (string) shape.
    Value,
    /// The member so named of the (structure) shape.
    Member(&'static str),
    /// The keys of the (map) shape.
    Keys,
    /// The values of the (map) shape.
    Values,
}

impl StringShape {
    /// The pattern rewritten so that every regex dialect (ECMA-262 with the `u` flag, Python,
    /// Rust, Java) gives the service's answer; see [`portable_pattern`].
    pub fn portable_pattern(&self) -> Option<String> {
        self.pattern.map(portable_pattern)
    }
}

/// Java's default `\s`: space, tab, newline, vertical tab, form feed, carriage return.
const SPACE: &str = r" \t\n\x0B\f\r";
/// Java's default `\w`.
const WORD: &str = "A-Za-z0-9_";
/// Java's default `\d`.
const DIGIT: &str = "0-9";

/// A pattern of the model (Java syntax, matched against the whole value) rewritten so that every
/// regex dialect gives the service's answer: anchored with `^…$`, and with the ASCII classes
/// `\w` `\s` `\d` (and `\W` `\S` `\D`) spelled out, inside a class or outside; `\p{..}` classes
/// are kept, as ECMA-262 reads them with the `u` flag.
///
/// ```
/// use idpool_model::service::portable_pattern;
/// assert_eq!(portable_pattern(r"[\w\s+=,.@-]+"), r"^[A-Za-z0-9_ \t\n\x0B\f\r+=,.@-]+$");
/// assert_eq!(portable_pattern(r"[\S]+"), r"^[^ \t\n\x0B\f\r]+$");
/// assert_eq!(portable_pattern(r"\d+"), "^[0-9]+$");
/// assert_eq!(portable_pattern("(un)?authenticated"), "^(un)?authenticated$");
/// assert_eq!(portable_pattern("a|b"), "^(?:a|b)$");
/// ```
pub fn portable_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut body = String::with_capacity(pattern.len() + 32);
    let mut depth = 0usize;
    let mut alternation = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                let (text, next) = escape(&chars, i);
                match text {
                    Escape::Class(set) => {
                        body.push('[');
                        body.push_str(set);
                        body.push(']');
                    }
                    Escape::Negated(set) => {
                        body.push_str("[^");
                        body.push_str(set);
                        body.push(']');
                    }
                    Escape::Text(text) => body.push_str(&text),
                }
                i = next;
            }
            '[' => {
                let (text, next) = class(&chars, i);
                body.push_str(&text);
                i = next;
            }
            c => {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    '|' if depth == 0 => alternation = true,
                    _ => {}
                }
                body.push(c);
                i += 1;
            }
        }
    }
    if alternation {
        format!("^(?:{body})$")
    } else {
        format!("^{body}$")
    }
}

/// An escape of a pattern, rewritten.
enum Escape {
    /// A class of characters, as the body of a `[...]`.
    Class(&'static str),
    /// The complement of a class, as the body of a `[^...]`.
    Negated(&'static str),
    /// Any other escape, as written.
    Text(String),
}

/// The escape starting at `chars[at]` (a backslash), and the index after it.
fn escape(chars: &[char], at: usize) -> (Escape, usize) {
    let Some(&c) = chars.get(at + 1) else {
        // A lone final backslash (Java refuses it): keep it as a literal backslash.
        return (Escape::Text(r"\\".into()), at + 1);
    };
    let escape = match c {
        'w' => Escape::Class(WORD),
        'd' => Escape::Class(DIGIT),
        's' => Escape::Class(SPACE),
        'W' => Escape::Negated(WORD),
        'D' => Escape::Negated(DIGIT),
        'S' => Escape::Negated(SPACE),
        'p' | 'P' => {
            // `\p{L}` as written; Java's one-letter `\pL` as `\p{L}`, which ECMA-262 requires.
            if chars.get(at + 2) == Some(&'{') {
                let end = chars[at + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .map_or(chars.len(), |p| at + 2 + p + 1);
                return (Escape::Text(chars[at..end].iter().collect()), end);
            }
            return match chars.get(at + 2) {
                Some(&name) => (Escape::Text(format!(r"\{c}{{{name}}}")), at + 3),
                None => (Escape::Text(format!(r"\{c}")), at + 2),
            };
        }
        other => Escape::Text(format!(r"\{other}")),
    };
    (escape, at + 2)
}

/// One item of a character class.
enum Item {
    /// A character as written.
    Char(char),
    /// A range `a-z`.
    Range(char, char),
    /// Text copied into the class (an expanded `\w`, an escape).
    Text(String),
}

/// The class starting at `chars[at]` (a `[`), rewritten, and the index after it.
fn class(chars: &[char], at: usize) -> (String, usize) {
    let mut i = at + 1;
    let negated = chars.get(i) == Some(&'^');
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    let mut complements: Vec<&'static str> = Vec::new();
    let mut word = false;
    let mut closed = false;
    while i < chars.len() {
        let c = chars[i];
        if c == ']' {
            i += 1;
            if items.is_empty() && complements.is_empty() {
                // `[]...]`: Java reads a `]` first in a class as itself.
                items.push(Item::Text(r"\]".into()));
                continue;
            }
            closed = true;
            break;
        }
        if c == '\\' {
            let (escape, next) = escape(chars, i);
            match escape {
                Escape::Class(set) => {
                    word |= set == WORD;
                    items.push(Item::Text(set.into()));
                }
                Escape::Negated(set) => complements.push(set),
                Escape::Text(text) => items.push(Item::Text(text)),
            }
            i = next;
            continue;
        }
        let range_end = chars
            .get(i + 2)
            .filter(|&&end| chars.get(i + 1) == Some(&'-') && end != ']' && end != '\\');
        match range_end {
            Some(&end) => {
                items.push(Item::Range(c, end));
                i += 3;
            }
            None => {
                items.push(Item::Char(c));
                i += 1;
            }
        }
    }
    if !closed {
        // An unclosed class (Java refuses it): keep the text as written.
        return (chars[at..].iter().collect(), chars.len());
    }
    let mut body = String::new();
    for item in &items {
        match item {
            // `\w` brings `_` with it; the model often lists it again (`[\w_]+`).
            Item::Char('_') if word => {}
            Item::Char(c) => body.push(*c),
            Item::Range(a, b) => {
                body.push(*a);
                body.push('-');
                body.push(*b);
            }
            Item::Text(text) => body.push_str(text),
        }
    }
    let text = match (negated, complements.as_slice()) {
        (false, []) => format!("[{body}]"),
        (true, []) => format!("[^{body}]"),
        (false, [only]) if body.is_empty() => format!("[^{only}]"),
        (true, [only]) if body.is_empty() => format!("[{only}]"),
        (false, sets) => {
            // A character in the class, or outside one of the complemented sets.
            let mut alternatives: Vec<String> = sets.iter().map(|s| format!("[^{s}]")).collect();
            if !body.is_empty() {
                alternatives.push(format!("[{body}]"));
            }
            format!("(?:{})", alternatives.join("|"))
        }
        (true, sets) => {
            // Not in the class and in every complemented set: kept as Java writes it, the one
            // form no other dialect spells without lookahead.
            let sets: String = sets
                .iter()
                .map(|s| match *s {
                    WORD => r"\W",
                    DIGIT => r"\D",
                    _ => r"\S",
                })
                .collect();
            format!("[^{body}{sets}]")
        }
    };
    (text, i)
}

/// The shape named `name`.
pub fn shape(name: &str) -> Option<ShapeId> {
    SHAPES
        .iter()
        .position(|s| s.name == name)
        .map(|i| ShapeId(i as u16))
}

/// The operation named `name`, as the model (`SetIdentityPoolRoles`) or the AWS CLI
/// (`set-identity-pool-roles`) writes it.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|o| o.name == name || o.command == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_resolves() {
        for shape in SHAPES {
            match shape.kind {
                ShapeKind::Structure(members) => {
                    for m in members {
                        assert!(usize::from(m.shape.0) < SHAPES.len(), "{}", m.name);
                        assert!(!m.description.is_empty(), "{}.{}", shape.name, m.name);
                    }
                }
                ShapeKind::List { member, .. } => assert!(usize::from(member.0) < SHAPES.len()),
                ShapeKind::Map { key, value, .. } => {
                    assert!(matches!(key.shape().kind, ShapeKind::String(_)));
                    assert!(usize::from(value.0) < SHAPES.len());
                }
                _ => {}
            }
        }
        assert_eq!(OPERATIONS.len(), 23);
    }

    #[test]
    fn portable_patterns() {
        for (java, portable) in [
            (r"[\w-]+:[0-9a-f-]+", "^[A-Za-z0-9_-]+:[0-9a-f-]+$"),
            (r"[\w_]+", "^[A-Za-z0-9_]+$"),
            (r"[\w._-]+", "^[A-Za-z0-9_.-]+$"),
            (r"[\S]+", r"^[^ \t\n\x0B\f\r]+$"),
            (r"[^\S]", r"^[ \t\n\x0B\f\r]$"),
            (r"[\Sa]", r"^(?:[^ \t\n\x0B\f\r]|[a])$"),
            (
                r"\w\s\d\W",
                r"^[A-Za-z0-9_][ \t\n\x0B\f\r][0-9][^A-Za-z0-9_]$",
            ),
            (
                r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+",
                r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$",
            ),
            (r"\pL+", r"^\p{L}+$"),
            ("(un)?authenticated", "^(un)?authenticated$"),
            ("a|(b|c)", "^(?:a|(b|c))$"),
            ("[]a]", r"^[\]a]$"),
            // What Java refuses is kept as written rather than guessed at.
            ("[abc", "^[abc$"),
            ("a\\", r"^a\\$"),
        ] {
            assert_eq!(portable_pattern(java), portable, "{java}");
        }
        for shape in SHAPES {
            if let ShapeKind::String(string) = shape.kind
                && let Some(portable) = string.portable_pattern()
            {
                assert!(portable.is_ascii(), "{}", shape.name);
                for class in [r"\w", r"\s", r"\d", r"\S", r"\W", r"\D"] {
                    assert!(!portable.contains(class), "{}: {portable}", shape.name);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn portable_pattern_takes_any_text(pattern in r"[\\\[\]\^a-z|()pPwWsS{}-]{0,12}|\PC{0,12}") {
            let portable = portable_pattern(&pattern);
            proptest::prop_assert!(portable.starts_with('^') && portable.ends_with('$'));
        }
    }

    #[test]
    fn the_overlay_is_applied() {
        let rules = shape("MappingRulesList").unwrap();
        assert!(matches!(
            rules.shape().kind,
            ShapeKind::List { max: Some(25), .. }
        ));
        let limit = LIMITS.iter().find(|l| l.shape == rules).unwrap();
        assert_eq!((limit.model_max, limit.max), (Some(400), 25));
        let mapping = shape("RoleMapping").unwrap();
        let required: Vec<&str> = REQUIREMENTS
            .iter()
            .filter(|r| r.shape == mapping)
            .map(|r| r.member)
            .collect();
        assert_eq!(required, ["RulesConfiguration", "AmbiguousRoleResolution"]);
    }
}
