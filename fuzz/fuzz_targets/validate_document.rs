//! Any bytes, as a request and as a response: validation never panics, every diagnostic lies
//! inside the input, and the AWS wording renders.
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
});
