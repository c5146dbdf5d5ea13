//! Any bytes, as a request and as a response: validation never panics, every diagnostic lies
//! inside the input, and the AWS wording renders. The strict JSON parser refuses exactly what
//! serde_json refuses, so that every command reports a syntax error at the same place.
#![no_main]

use idpool_validate::{Kind, Validator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for kind in Kind::ALL {
        let report = Validator::get(kind).validate(data);
        for diagnostic in &report.diagnostics {
            assert!(diagnostic.span.end <= data.len(), "{diagnostic:?}");
            assert!(diagnostic.start <= diagnostic.end, "{diagnostic:?}");
            let _ = diagnostic.to_string();
        }
        let _ = report.aws_message();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let strict = idpool_json::parse(text);
        let serde = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(strict.is_ok(), serde.is_ok(), "{strict:?} {serde:?}");
    }
});
