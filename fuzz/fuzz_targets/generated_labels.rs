//! Documents drawn from the fuzzer's bytes by `idpool_model`'s `arbitrary` feature, for the
//! operation the first byte picks: a valid one gets no error from idpool's validator, and an
//! invalid one exactly its label (its rule's code at its pointer). The fuzzer steers the
//! generator through every member, bound and pattern, looking for a label idpool does not give.
#![no_main]

use arbitrary::Unstructured;
use idpool_model::service::OPERATIONS;
use idpool_validate::{Kind, Severity, Validator};
use libfuzzer_sys::fuzz_target;

fn errors(validator: &Validator, document: &serde_json::Value) -> Vec<(String, String)> {
    let text = serde_json::to_string_pretty(document).expect("a JSON value prints");
    validator
        .validate_str(&text)
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code.as_str().to_owned(), d.pointer))
        .collect()
}

fuzz_target!(|input: &[u8]| {
    let Some((&pick, data)) = input.split_first() else {
        return;
    };
    let operation = &OPERATIONS[usize::from(pick) % OPERATIONS.len()];
    let Some(shape) = operation.input else {
        return;
    };
    let validator = Validator::for_operation(operation, Kind::Request).expect("a request");
    let mut u = Unstructured::new(data);
    let valid = idpool_model::fuzz::valid(shape, &mut u).expect("any bytes give a document");
    assert_eq!(errors(validator, &valid), [], "{valid}");
    let bad = idpool_model::fuzz::invalid(shape, &mut u).expect("any bytes give a document");
    assert_eq!(
        errors(validator, &bad.document),
        [(bad.rule.code().to_owned(), bad.pointer.clone())],
        "{}",
        bad.document
    );
});
