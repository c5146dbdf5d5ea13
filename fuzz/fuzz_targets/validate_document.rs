//! Any bytes, as a request and as a response of the operation the first byte picks (and always
//! of UpdateIdentityPool): validation never panics, every diagnostic lies inside the input, and
//! the AWS wording renders. The strict JSON parser refuses exactly what serde_json refuses, so
//! that every command reports a syntax error at the same place.
#![no_main]

use idpool_model::service::OPERATIONS;
use idpool_validate::{Kind, Report, Validator};
use libfuzzer_sys::fuzz_target;

fn check(report: &Report, data: &[u8]) {
    for diagnostic in &report.diagnostics {
        assert!(diagnostic.span.end <= data.len(), "{diagnostic:?}");
        assert!(diagnostic.start <= diagnostic.end, "{diagnostic:?}");
        let _ = diagnostic.to_string();
    }
    let _ = report.aws_message();
}

fuzz_target!(|input: &[u8]| {
    let Some((&pick, data)) = input.split_first() else {
        return;
    };
    let operation = &OPERATIONS[usize::from(pick) % OPERATIONS.len()];
    for kind in Kind::ALL {
        check(&Validator::get(kind).validate(data), data);
        if let Some(validator) = Validator::for_operation(operation, kind) {
            check(&validator.validate(data), data);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let strict = idpool_json::parse(text);
        let serde = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(strict.is_ok(), serde.is_ok(), "{strict:?} {serde:?}");
    }
});
