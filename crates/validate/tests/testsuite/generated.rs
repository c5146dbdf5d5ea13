//! Values of every operation's request and response, generated from the shape table by
//! `idpool_model::strategy`: each one goes through its serde type unchanged and gets no error
//! from its operation's validator.

use idpool_model::service::{self, Operation, ShapeId};
use idpool_validate::{Kind, Severity, Validator};
use proptest::prelude::*;
use serde_json::Value;

/// Every operation's request and response body, with its shape.
fn bodies() -> Vec<(&'static Operation, Kind, ShapeId)> {
    service::OPERATIONS
        .iter()
        .flat_map(|op| {
            [(op.input, Kind::Request), (op.output, Kind::Response)]
                .into_iter()
                .filter_map(move |(shape, kind)| Some((op, kind, shape?)))
        })
        .collect()
}

fn documents() -> impl Strategy<Value = (&'static Operation, Kind, Value)> {
    let all = bodies();
    proptest::sample::select(all).prop_flat_map(|(op, kind, shape)| {
        idpool_model::strategy::valid(shape).prop_map(move |v| (op, kind, v))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

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

fn invalid_documents() -> impl Strategy<Value = (&'static Operation, Kind, idpool_model::Invalid)> {
    let all = bodies();
    proptest::sample::select(all).prop_flat_map(|(op, kind, shape)| {
        let strategy = match kind {
            Kind::Request => idpool_model::strategy::invalid(shape),
            Kind::Response => idpool_model::strategy::malformed(shape),
        };
        strategy.prop_map(move |v| (op, kind, v))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// The label of a generated invalid document is what idpool reports: one error, that code,
    /// at that pointer.
    #[test]
    fn invalid_documents_get_exactly_their_label((operation, kind, bad) in invalid_documents()) {
        let validator = Validator::for_operation(operation, kind).unwrap();
        let text = serde_json::to_string_pretty(&bad.document).unwrap();
        let report = validator.validate_str(&text);
        let errors: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.code.as_str(), d.pointer.as_str()))
            .collect();
        prop_assert_eq!(
            errors,
            vec![(bad.rule.code(), bad.pointer.as_str())],
            "{} {}\n{}",
            operation.name,
            kind,
            text
        );
    }
}

/// Every rule a generated document can break is reported under the code it names.
#[test]
fn every_rule_names_a_code_of_the_validator() {
    for rule in idpool_model::Rule::ALL {
        let code = idpool_validate::Code::ALL
            .iter()
            .find(|c| c.as_str() == rule.code());
        assert_eq!(
            code.map(|c| c.severity()),
            Some(Severity::Error),
            "{rule:?}"
        );
    }
}
