//! Any text: parsing and every rendering of the result or the error must not panic, and spans
//! must lie inside the input.
#![no_main]

use libfuzzer_sys::{Corpus, fuzz_target};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(input) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    match idpool_shorthand::parse(input) {
        Ok(parsed) => {
            assert!(parsed.value.span.end <= input.len());
            let _ = parsed.value.to_json();
            for warning in &parsed.warnings {
                assert!(warning.span().end <= input.len());
                let _ = warning.render();
            }
        }
        Err(error) => {
            assert!(error.span().end <= input.len());
            let _ = (
                error.render(),
                error.aws_message(),
                error.line(),
                error.column(),
            );
        }
    }
    Corpus::Keep
});
