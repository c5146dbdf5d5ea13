//! Strategies of generated values for property tests (the `proptest` feature): documents of any
//! shape of the service model that the service accepts, for testing code that reads or writes
//! these requests.

use crate::service::{REQUIREMENTS, ShapeId, ShapeKind, StringShape};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::{Map, Value};

/// At most this many items in a generated list or map: enough to reach small limits.
const MOST: u64 = 3;

/// A strategy of values of the shape `id` that the service accepts: every rule of the model
/// and of the overlay holds (the validator of `idpool-validate` finds no error in them), and
/// each goes through the shape's serde type unchanged ([`crate::reserialize`]).
///
/// ```
/// use idpool_model::service;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let roles = service::operation("set-identity-pool-roles").unwrap();
/// let strategy = idpool_model::strategy::valid(roles.input.unwrap());
/// let mut runner = TestRunner::deterministic();
/// let request = strategy.new_tree(&mut runner).unwrap().current();
/// assert!(request["IdentityPoolId"].is_string());
/// assert!(idpool_model::reserialize(roles.input.unwrap(), request.clone()).unwrap().is_ok());
/// ```
pub fn valid(id: ShapeId) -> BoxedStrategy<Value> {
    let shape = id.shape();
    match shape.kind {
        ShapeKind::Structure(members) => {
            let members: Vec<BoxedStrategy<Option<(&'static str, Value)>>> = members
                .iter()
                .map(|m| {
                    let name = m.name;
                    let member = valid(m.shape).prop_map(move |v| Some((name, v)));
                    if m.required {
                        member.boxed()
                    } else {
                        prop_oneof![Just(None), member].boxed()
                    }
                })
                .collect();
            members
                .prop_flat_map(move |found| {
                    let object: Map<String, Value> = found
                        .into_iter()
                        .flatten()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect();
                    required_by_overlay(id, object)
                })
                .boxed()
        }
        ShapeKind::List { member, min, max } => {
            let low = min.unwrap_or(0);
            let high = max.unwrap_or(MOST).min(low.max(MOST));
            proptest::collection::vec(valid(member), low as usize..=high as usize)
                .prop_map(Value::Array)
                .boxed()
        }
        ShapeKind::Map {
            key,
            value: item,
            min,
            max,
        } => {
            let low = min.unwrap_or(0);
            let high = max.unwrap_or(MOST).min(low.max(MOST));
            let key = match key.shape().kind {
                ShapeKind::String(key) => string(key),
                _ => any::<String>().boxed(),
            };
            proptest::collection::vec((key, valid(item)), low as usize..=high as usize)
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed()
        }
        ShapeKind::String(s) => string(s).prop_map(Value::String).boxed(),
        ShapeKind::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        ShapeKind::Integer { min, max } | ShapeKind::Long { min, max } => {
            let low = min.unwrap_or(-1000);
            let high = max.unwrap_or(low + 1_000_000);
            (low..=high).prop_map(Value::from).boxed()
        }
        ShapeKind::Timestamp => (0.0..2.0e9f64).prop_map(Value::from).boxed(),
        ShapeKind::Blob => "[A-Za-z0-9+/]{0,8}".prop_map(Value::String).boxed(),
    }
}

/// The structure `object` of shape `id`, with what the overlay requires added: a member
/// required when another has one of some values.
fn required_by_overlay(id: ShapeId, object: Map<String, Value>) -> BoxedStrategy<Value> {
    let ShapeKind::Structure(members) = id.shape().kind else {
        return Just(Value::Object(object)).boxed();
    };
    let missing: Vec<BoxedStrategy<(&'static str, Value)>> = REQUIREMENTS
        .iter()
        .filter(|r| r.shape == id && !object.contains_key(r.member))
        .filter(|r| {
            object
                .get(r.when)
                .and_then(Value::as_str)
                .is_some_and(|v| r.values.contains(&v))
        })
        .filter_map(|r| members.iter().find(|m| m.name == r.member))
        .map(|m| {
            let name = m.name;
            valid(m.shape).prop_map(move |v| (name, v)).boxed()
        })
        .collect();
    missing
        .prop_map(move |added| {
            let mut object = object.clone();
            object.extend(added.into_iter().map(|(k, v)| (k.to_owned(), v)));
            // In the model's order, as the serde types write it.
            let ordered: Map<String, Value> = members
                .iter()
                .filter_map(|m| object.get(m.name).map(|v| (m.name.to_owned(), v.clone())))
                .collect();
            Value::Object(ordered)
        })
        .boxed()
}

/// A strategy of strings of a string shape: an enum value, a match of its pattern, or any
/// characters, within its lengths (in code points).
fn string(s: StringShape) -> BoxedStrategy<String> {
    if !s.values.is_empty() {
        return proptest::sample::select(s.values)
            .prop_map(str::to_owned)
            .boxed();
    }
    let low = s.min.unwrap_or(0) as usize;
    let high = s.max.unwrap_or(64).min(64.max(low as u64)) as usize;
    let Some(pattern) = s.portable_pattern() else {
        return proptest::collection::vec(any::<char>(), low..=high)
            .prop_map(|cs| cs.into_iter().collect())
            .boxed();
    };
    let body = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .unwrap_or(&pattern)
        .to_owned();
    // Every pattern of the model is one proptest's regex generator reads (a test checks it);
    // one it could not read would get any characters, and the validator's verdict.
    let Ok(matches) = proptest::string::string_regex(&body) else {
        return proptest::collection::vec(any::<char>(), low..=high)
            .prop_map(|cs| cs.into_iter().collect())
            .boxed();
    };
    matches
        .prop_filter("within the shape's lengths", move |v| {
            (low..=high).contains(&v.chars().count())
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::SHAPES;

    #[test]
    fn every_pattern_is_one_proptest_reads() {
        for shape in SHAPES {
            if let ShapeKind::String(s) = shape.kind
                && let Some(pattern) = s.portable_pattern()
            {
                let body = pattern.trim_start_matches('^').trim_end_matches('$');
                assert!(
                    proptest::string::string_regex(body).is_ok(),
                    "{}: {body}",
                    shape.name
                );
            }
        }
    }
}
