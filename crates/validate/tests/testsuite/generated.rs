//! Values of every operation's request and response, generated from the shape table: each one
//! goes through its serde type unchanged and gets no error from its operation's validator.
//!
//! The strategy follows the model: required members always, optional ones at random; strings
//! from their pattern (as `service::portable_pattern` writes it) within their lengths; enum
//! values; numbers within their ranges; lists and maps within their sizes; and the members the
//! overlay requires (a `Rules` mapping's `RulesConfiguration`).

use idpool_model::service::{self, Operation, REQUIREMENTS, ShapeId, ShapeKind, StringShape};
use idpool_validate::{Kind, Severity, Validator};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::{Map, Value};

/// At most this many items in a generated list or map: enough to reach small limits.
const MOST: u64 = 3;

/// A strategy of valid values of the shape `id`.
fn value(id: ShapeId) -> BoxedStrategy<Value> {
    let shape = id.shape();
    match shape.kind {
        ShapeKind::Structure(members) => {
            let members: Vec<BoxedStrategy<Option<(&'static str, Value)>>> = members
                .iter()
                .map(|m| {
                    let name = m.name;
                    let member = value(m.shape).prop_map(move |v| Some((name, v)));
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
            proptest::collection::vec(value(member), low as usize..=high as usize)
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
            let ShapeKind::String(key) = key.shape().kind else {
                unreachable!("map keys are strings")
            };
            proptest::collection::vec((string(key), value(item)), low as usize..=high as usize)
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
        unreachable!("requirements are on structures")
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
            value(m.shape).prop_map(move |v| (name, v)).boxed()
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
    proptest::string::string_regex(&body)
        .unwrap_or_else(|e| panic!("{body}: {e}"))
        .prop_filter("within the shape's lengths", move |v| {
            (low..=high).contains(&v.chars().count())
        })
        .boxed()
}

fn documents() -> impl Strategy<Value = (&'static Operation, Kind, Value)> {
    let all: Vec<(&'static Operation, Kind, ShapeId)> = service::OPERATIONS
        .iter()
        .flat_map(|op| {
            [(op.input, Kind::Request), (op.output, Kind::Response)]
                .into_iter()
                .filter_map(move |(shape, kind)| Some((op, kind, shape?)))
        })
        .collect();
    proptest::sample::select(all)
        .prop_flat_map(|(op, kind, shape)| value(shape).prop_map(move |v| (op, kind, v)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_documents_round_trip_and_validate_clean((operation, kind, document) in documents()) {
        let shape = match kind {
            Kind::Request => operation.input,
            Kind::Response => operation.output,
        }
        .unwrap();
        let again = idpool_model::reserialize(shape, document.clone())
            .expect("every operation's document has a type");
        prop_assert_eq!(again.as_ref().ok(), Some(&document), "{:?}", again);
        let validator = Validator::for_operation(operation, kind).unwrap();
        let text = serde_json::to_string_pretty(&document).unwrap();
        let report = validator.validate_str(&text);
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{} {}: {}", d.code.as_str(), d.pointer, d.message))
            .collect();
        prop_assert!(errors.is_empty(), "{} {}: {:?}\n{}", operation.name, kind, errors, text);
    }
}
