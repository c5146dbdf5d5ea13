//! Invalid documents: a valid one with one value changed so that it breaks exactly one rule the
//! service enforces, labelled with the rule and the JSON Pointer of the value that breaks it.

use super::draw::{self, Source};
use crate::service::{LIMITS, REQUIREMENTS, ShapeId, ShapeKind, StringShape};
use serde_json::{Map, Value, json};

/// A rule the service enforces, as a generated invalid document breaks it. Each is reported by
/// `idpool-validate` as the diagnostic [`Rule::code`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A value of the wrong JSON type (`IDP002`).
    Type,
    /// `null` as a value (`IDP003`).
    Null,
    /// A required member left out (`IDP004`).
    MissingMember,
    /// A member the shape does not have: misspelled or in the wrong case (`IDP005`).
    UnknownMember,
    /// A string one character shorter than its minimum (`IDP006`).
    TooShort,
    /// A string one character longer than its maximum (`IDP007`).
    TooLong,
    /// A string with one character its pattern does not allow (`IDP008`).
    Pattern,
    /// A map with one entry more than its maximum (`IDP009`).
    TooManyEntries,
    /// A map key that is too long or not of the key's form (`IDP010`).
    MapKey,
    /// A number one past a bound of its range (`IDP012`).
    OutOfRange,
    /// An enum value in the wrong case (`IDP013`).
    NotInEnum,
    /// A list with one item more than its maximum, or one fewer than its minimum (`IDP014`).
    ListSize,
}

impl Rule {
    /// Every rule, in the order of their codes.
    pub const ALL: &[Rule] = &[
        Rule::Type,
        Rule::Null,
        Rule::MissingMember,
        Rule::UnknownMember,
        Rule::TooShort,
        Rule::TooLong,
        Rule::Pattern,
        Rule::TooManyEntries,
        Rule::MapKey,
        Rule::OutOfRange,
        Rule::NotInEnum,
        Rule::ListSize,
    ];

    /// Whether the rule is a constraint on a value (a length, pattern, size, range or enum) rather
    /// than on the document's form (types, `null`, members). The service checks constraints in
    /// what it is sent, not in what it sends: `idpool-validate` reports them as warnings in a
    /// response.
    pub fn is_constraint(self) -> bool {
        !matches!(
            self,
            Rule::Type | Rule::Null | Rule::MissingMember | Rule::UnknownMember
        )
    }

    /// The code `idpool-validate` reports for a document breaking the rule, such as `IDP008`.
    pub fn code(self) -> &'static str {
        match self {
            Rule::Type => "IDP002",
            Rule::Null => "IDP003",
            Rule::MissingMember => "IDP004",
            Rule::UnknownMember => "IDP005",
            Rule::TooShort => "IDP006",
            Rule::TooLong => "IDP007",
            Rule::Pattern => "IDP008",
            Rule::TooManyEntries => "IDP009",
            Rule::MapKey => "IDP010",
            Rule::OutOfRange => "IDP012",
            Rule::NotInEnum => "IDP013",
            Rule::ListSize => "IDP014",
        }
    }
}

/// A document the service refuses, with why: the one rule it breaks and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// The document.
    pub document: Value,
    /// The rule it breaks.
    pub rule: Rule,
    /// The JSON Pointer of the value that breaks it, as `idpool-validate` reports it (the
    /// structure, for a missing member; the member, for an unknown one).
    pub pointer: String,
    /// Whether the rule is one of the overlay's (what the service enforces beyond its model:
    /// the 25 rules of a role mapping, the members a role mapping's type requires) rather than
    /// the model's.
    pub overlay: bool,
}

/// One change: the new value, the rule it breaks, where (relative to the value changed), and
/// whether the rule is the overlay's.
struct Change {
    value: Value,
    rule: Rule,
    at: String,
    overlay: bool,
}

impl Change {
    fn new(value: Value, rule: Rule) -> Self {
        Change {
            value,
            rule,
            at: String::new(),
            overlay: false,
        }
    }
}

/// How many documents are drawn before the fallback change (a misspelled member at the top).
const TRIES: usize = 16;

/// An invalid document of the structure `id`; with `constraints` false, one that breaks a rule
/// of the document's form only (see [`Rule::is_constraint`]).
pub(crate) fn invalid(id: ShapeId, constraints: bool, source: &mut dyn Source) -> Invalid {
    for _ in 0..TRIES {
        let document = draw::value(id, source);
        let mut places = Vec::new();
        places_of(id, &document, String::new(), &mut places);
        let (pointer, shape) = places.swap_remove(source.below(places.len()));
        let here = document.pointer(&pointer).unwrap_or(&Value::Null);
        let mut changes = changes(shape, here, pointer.is_empty(), source);
        changes.retain(|c| constraints || !c.rule.is_constraint());
        if changes.is_empty() {
            continue;
        }
        let change = changes.swap_remove(source.below(changes.len()));
        let mut broken = document;
        if let Some(slot) = broken.pointer_mut(&pointer) {
            *slot = change.value;
            return Invalid {
                document: broken,
                rule: change.rule,
                pointer: format!("{pointer}{}", change.at),
                overlay: change.overlay,
            };
        }
    }
    // Every structure can take a member it does not have.
    let mut document = draw::value(id, source);
    let name = misspelled(id);
    if let Value::Object(object) = &mut document {
        object.insert(name.clone(), json!("x"));
    }
    Invalid {
        document,
        rule: Rule::UnknownMember,
        pointer: format!("/{}", escape(&name)),
        overlay: false,
    }
}

/// A member name the structure does not have: its first member's with an `s`.
fn misspelled(id: ShapeId) -> String {
    let ShapeKind::Structure(members) = id.shape().kind else {
        return "Unknown".into();
    };
    let mut name = members.first().map_or("Member", |m| m.name).to_owned();
    while members.iter().any(|m| m.name == name) {
        name.push('s');
    }
    name
}

/// Every value of `document` (of shape `id`) with its pointer and shape.
fn places_of(id: ShapeId, value: &Value, pointer: String, out: &mut Vec<(String, ShapeId)>) {
    out.push((pointer.clone(), id));
    match (id.shape().kind, value) {
        (ShapeKind::Structure(members), Value::Object(object)) => {
            for m in members {
                if let Some(v) = object.get(m.name) {
                    places_of(m.shape, v, format!("{pointer}/{}", escape(m.name)), out);
                }
            }
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                places_of(member, item, format!("{pointer}/{i}"), out);
            }
        }
        (ShapeKind::Map { value: item, .. }, Value::Object(entries)) => {
            for (key, v) in entries {
                places_of(item, v, format!("{pointer}/{}", escape(key)), out);
            }
        }
        _ => {}
    }
}

/// A JSON Pointer reference token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Whether the whole of `text` matches the string shape's pattern (true without one).
fn matches(s: StringShape, text: &str) -> bool {
    s.portable_pattern()
        .and_then(|p| regex::Regex::new(&p).ok())
        .is_none_or(|r| r.is_match(text))
}

/// Characters that the model's patterns mostly refuse, tried in turn where one is needed.
const OUTSIDE: &[char] = &['!', ' ', '#', 'é', '\u{1f600}', ':', '-', '\t'];

/// The changes to a value of shape `id` that each break one rule. `top`: the value is the whole
/// document, which keeps its type.
fn changes(id: ShapeId, value: &Value, top: bool, source: &mut dyn Source) -> Vec<Change> {
    let mut out = Vec::new();
    if !top {
        out.push(Change::new(Value::Null, Rule::Null));
    }
    match id.shape().kind {
        ShapeKind::Structure(members) => {
            if !top {
                out.push(Change::new(json!(12), Rule::Type));
            }
            let object = value.as_object().cloned().unwrap_or_default();
            let required = members
                .iter()
                .filter(|m| m.required && object.contains_key(m.name));
            for m in required {
                let mut smaller = object.clone();
                smaller.shift_remove(m.name);
                out.push(Change::new(Value::Object(smaller), Rule::MissingMember));
            }
            // The overlay's requirements that hold.
            let holds: Vec<_> = REQUIREMENTS
                .iter()
                .filter(|r| r.shape == id)
                .filter(|r| {
                    object
                        .get(r.when)
                        .and_then(Value::as_str)
                        .is_some_and(|v| r.values.contains(&v))
                })
                .collect();
            for r in &holds {
                if object.contains_key(r.member) {
                    let mut smaller = object.clone();
                    smaller.shift_remove(r.member);
                    out.push(Change {
                        overlay: true,
                        ..Change::new(Value::Object(smaller), Rule::MissingMember)
                    });
                }
            }
            // Optional members, but for those the overlay requires here: renaming one of them
            // would also leave it missing.
            let optional = members.iter().filter(|m| {
                !m.required
                    && object.contains_key(m.name)
                    && !holds.iter().any(|r| r.member == m.name)
            });
            for m in optional {
                // An optional member's name in the wrong case: the service has no such member.
                let wrong = m.name.to_ascii_lowercase();
                if members.iter().any(|other| other.name == wrong) {
                    continue;
                }
                let renamed: Map<String, Value> = object
                    .iter()
                    .map(|(k, v)| {
                        (
                            if k == m.name {
                                wrong.clone()
                            } else {
                                k.clone()
                            },
                            v.clone(),
                        )
                    })
                    .collect();
                out.push(Change {
                    at: format!("/{}", escape(&wrong)),
                    ..Change::new(Value::Object(renamed), Rule::UnknownMember)
                });
            }
            // A misspelled member beside the others.
            let wrong = misspelled(id);
            let mut more = object.clone();
            more.insert(wrong.clone(), json!("x"));
            out.push(Change {
                at: format!("/{}", escape(&wrong)),
                ..Change::new(Value::Object(more), Rule::UnknownMember)
            });
        }
        ShapeKind::List { member, min, max } => {
            out.push(Change::new(json!("not a list"), Rule::Type));
            let items = value.as_array().cloned().unwrap_or_default();
            let overlay = LIMITS
                .iter()
                .any(|l| l.shape == id && l.model_max != Some(l.max));
            if let Some(max) = max.filter(|&m| m < 1000) {
                let mut more = items.clone();
                while more.len() as u64 <= max {
                    more.push(draw::value(member, source));
                }
                out.push(Change {
                    overlay,
                    ..Change::new(Value::Array(more), Rule::ListSize)
                });
            }
            if let Some(min) = min.filter(|&m| m > 0) {
                let fewer: Vec<Value> = items.into_iter().take(min as usize - 1).collect();
                out.push(Change::new(Value::Array(fewer), Rule::ListSize));
            }
        }
        ShapeKind::Map { key, max, .. } => {
            out.push(Change::new(json!([]), Rule::Type));
            let entries = value.as_object().cloned().unwrap_or_default();
            let ShapeKind::String(keys) = key.shape().kind else {
                return out;
            };
            if let Some(max) = max.filter(|&m| m < 1000) {
                let ShapeKind::Map { value: item, .. } = id.shape().kind else {
                    return out;
                };
                let mut more = entries.clone();
                for _ in 0..(max + 1) * 8 {
                    if more.len() as u64 > max {
                        break;
                    }
                    let k = draw::string(keys, source);
                    if !more.contains_key(&k) {
                        let v = draw::value(item, source);
                        more.insert(k, v);
                    }
                }
                if more.len() as u64 > max {
                    out.push(Change::new(Value::Object(more), Rule::TooManyEntries));
                }
            }
            // One key replaced by a bad one, the size kept.
            if let Some(first) = entries.keys().next()
                && let Some((bad, _)) = bad_string(keys, first, source)
                && !entries.contains_key(&bad)
            {
                let renamed: Map<String, Value> = entries
                    .iter()
                    .map(|(k, v)| (if k == first { bad.clone() } else { k.clone() }, v.clone()))
                    .collect();
                out.push(Change {
                    at: format!("/{}", escape(&bad)),
                    ..Change::new(Value::Object(renamed), Rule::MapKey)
                });
            }
        }
        ShapeKind::String(s) => {
            out.push(Change::new(json!(12), Rule::Type));
            let text = value.as_str().unwrap_or_default();
            if let Some((bad, rule)) = bad_string(s, text, source) {
                out.push(Change::new(json!(bad), rule));
            }
        }
        ShapeKind::Boolean => out.push(Change::new(json!("true"), Rule::Type)),
        ShapeKind::Integer { min, max } | ShapeKind::Long { min, max } => {
            out.push(Change::new(json!("1"), Rule::Type));
            if let Some(past) = max.and_then(|m| m.checked_add(1)) {
                out.push(Change::new(json!(past), Rule::OutOfRange));
            }
            if let Some(before) = min.and_then(|m| m.checked_sub(1)) {
                out.push(Change::new(json!(before), Rule::OutOfRange));
            }
        }
        ShapeKind::Timestamp => out.push(Change::new(json!("yesterday"), Rule::Type)),
        ShapeKind::Blob => out.push(Change::new(json!(1), Rule::Type)),
    }
    out
}

/// `text` (a valid string of the shape) changed to break one rule: an enum value in the wrong
/// case, one character past a length bound with the pattern still matched, or one character
/// the pattern does not allow, the length kept. The first of these the shape allows, drawn from
/// `source`; `None` when none applies.
fn bad_string(s: StringShape, text: &str, source: &mut dyn Source) -> Option<(String, Rule)> {
    if !s.values.is_empty() {
        let lower = text.to_ascii_lowercase();
        let changed = if lower == text {
            text.to_ascii_uppercase()
        } else {
            lower
        };
        return (changed != text).then_some((changed, Rule::NotInEnum));
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    if let Some(max) = s.max.filter(|&m| m < 100_000) {
        // The last character repeated keeps a match of the model's patterns, which end in a run.
        let fill = chars.last().copied().unwrap_or('a');
        let long: String = chars
            .iter()
            .copied()
            .chain(std::iter::repeat(fill))
            .take(max as usize + 1)
            .collect();
        if matches(s, &long) {
            found.push((long, Rule::TooLong));
        }
    }
    if let Some(min) = s.min.filter(|&m| m > 0) {
        let short: String = chars.iter().take(min as usize - 1).collect();
        // An empty string gets one diagnostic, its length, whatever its pattern says.
        if short.is_empty() || matches(s, &short) {
            found.push((short, Rule::TooShort));
        }
    }
    if s.pattern.is_some() && !chars.is_empty() {
        let middle = chars.len() / 2;
        for &bad in OUTSIDE {
            let mut changed = chars.clone();
            changed[middle] = bad;
            let changed: String = changed.into_iter().collect();
            if !matches(s, &changed) {
                found.push((changed, Rule::Pattern));
                break;
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    Some(found.swap_remove(source.below(found.len())))
}
