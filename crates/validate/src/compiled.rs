//! The checks of one document, compiled once from the service's shape table
//! (`idpool_model::service`): every shape reachable from an operation's input or output, with
//! the overlay's conditional requirements and lints attached to the shapes they name.

use crate::pattern::{self, Pattern};
use idpool_model::service::{
    self, LINTS, LintRule, REQUIREMENTS, Requirement, ShapeId, ShapeKind, StringShape,
};

/// The index of a check in [`Compiled::checks`].
pub(crate) type CheckId = usize;

#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) checks: Vec<Check>,
    pub(crate) root: CheckId,
}

#[derive(Debug)]
pub(crate) enum Check {
    /// An object with named members (an AWS structure).
    Structure {
        members: Vec<(&'static str, CheckId)>,
        required: Vec<&'static str>,
        /// The overlay's requirements on this structure.
        requirements: Vec<&'static Requirement>,
        /// The overlay's lints on members the service ignores.
        ignored: Vec<Ignored>,
    },
    /// An object whose values all follow one check (an AWS map).
    Map {
        key: StringCheck,
        value: CheckId,
        min_entries: Option<usize>,
        max_entries: Option<usize>,
        /// The overlay's quota on entries, as a lint: (code, quota, why).
        quota: Option<(&'static str, usize, &'static str)>,
    },
    /// An array.
    List {
        items: CheckId,
        min_items: Option<usize>,
        max_items: Option<usize>,
    },
    /// A string.
    String(StringCheck),
    /// A boolean.
    Boolean,
    /// An integer (32 bits) or a long (64 bits), with its inclusive bounds.
    Integer {
        min: Option<i64>,
        max: Option<i64>,
        long: bool,
    },
    /// A point in time: epoch seconds, a number.
    Timestamp,
    /// Bytes, base64 in a string.
    Blob,
}

/// A member the service ignores when another member has one of some values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ignored {
    pub(crate) code: &'static str,
    pub(crate) member: &'static str,
    pub(crate) when: &'static str,
    pub(crate) values: &'static [&'static str],
    pub(crate) why: &'static str,
}

/// The constraints on one string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StringCheck {
    pub(crate) min_len: usize,
    pub(crate) max_len: Option<usize>,
    /// The whole-value pattern, compiled; `None` when there is none.
    pub(crate) pattern: Option<&'static Pattern>,
    /// The values of an enum; empty otherwise.
    pub(crate) values: &'static [&'static str],
}

impl Compiled {
    /// Compiles the checks of the shape `root`, leaving out the overlay lints whose codes are
    /// in `skip_lints` (those an operation's own rules report).
    pub(crate) fn new(root: ShapeId, skip_lints: &[&str]) -> Self {
        let mut compiled = Compiled {
            checks: Vec::new(),
            root: 0,
        };
        let mut done = Vec::new();
        compiled.root = compiled.compile(root, skip_lints, &mut done);
        compiled
    }

    fn compile(
        &mut self,
        id: ShapeId,
        skip_lints: &[&str],
        done: &mut Vec<(ShapeId, CheckId)>,
    ) -> CheckId {
        if let Some(&(_, check)) = done.iter().find(|(shape, _)| *shape == id) {
            return check;
        }
        // Reserve the slot first, so that a shape that refers to itself ends.
        let slot = self.checks.len();
        self.checks.push(Check::Boolean);
        done.push((id, slot));
        let lints = || {
            LINTS
                .iter()
                .filter(move |l| l.shape == id && !skip_lints.contains(&l.code))
        };
        let check = match id.shape().kind {
            ShapeKind::Structure(members) => Check::Structure {
                members: members
                    .iter()
                    .map(|m| (m.name, self.compile(m.shape, skip_lints, done)))
                    .collect(),
                required: members
                    .iter()
                    .filter(|m| m.required)
                    .map(|m| m.name)
                    .collect(),
                requirements: REQUIREMENTS.iter().filter(|r| r.shape == id).collect(),
                ignored: lints()
                    .filter_map(|l| match l.rule {
                        LintRule::Ignored {
                            member,
                            when,
                            values,
                        } => Some(Ignored {
                            code: l.code,
                            member,
                            when,
                            values,
                            why: l.why,
                        }),
                        LintRule::MaxEntries(_) | LintRule::Form { .. } => None,
                    })
                    .collect(),
            },
            ShapeKind::Map {
                key,
                value,
                min,
                max,
            } => Check::Map {
                key: string_check(key),
                value: self.compile(value, skip_lints, done),
                min_entries: min.map(size),
                max_entries: max.map(size),
                quota: lints().find_map(|l| match l.rule {
                    LintRule::MaxEntries(quota) => Some((l.code, size(quota), l.why)),
                    LintRule::Ignored { .. } | LintRule::Form { .. } => None,
                }),
            },
            ShapeKind::List { member, min, max } => Check::List {
                items: self.compile(member, skip_lints, done),
                min_items: min.map(size),
                max_items: max.map(size),
            },
            ShapeKind::String(_) => Check::String(string_check(id)),
            ShapeKind::Boolean => Check::Boolean,
            ShapeKind::Integer { min, max } => Check::Integer {
                min,
                max,
                long: false,
            },
            ShapeKind::Long { min, max } => Check::Integer {
                min,
                max,
                long: true,
            },
            ShapeKind::Timestamp => Check::Timestamp,
            ShapeKind::Blob => Check::Blob,
        };
        self.checks[slot] = check;
        slot
    }
}

fn size(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The checks of the string shape `id` (a shape of another kind has none).
fn string_check(id: ShapeId) -> StringCheck {
    let ShapeKind::String(StringShape {
        min, max, values, ..
    }) = id.shape().kind
    else {
        return StringCheck {
            min_len: 0,
            max_len: None,
            pattern: None,
            values: &[],
        };
    };
    StringCheck {
        min_len: min.map_or(0, size),
        max_len: max.map(size),
        pattern: pattern::of_shape(id),
        values,
    }
}

/// The shape of `operation`'s document of `kind`, if it has one.
pub(crate) fn root_of(operation: &service::Operation, kind: crate::Kind) -> Option<ShapeId> {
    match kind {
        crate::Kind::Request => operation.input,
        crate::Kind::Response => operation.output,
    }
}
