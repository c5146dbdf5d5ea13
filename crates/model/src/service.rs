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
