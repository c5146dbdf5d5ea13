//! Any text as a `--query` expression, on a full request and, when the input has a NUL byte,
//! on the JSON document after it: searching never panics, and never exhausts memory (a search
//! that would build too much fails instead).
#![no_main]

use idpool_jmespath::Query;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

static REQUEST: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../examples/full.request.json")).expect("a JSON example")
});

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&byte| byte == 0);
    let expression = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let document: Option<Value> = parts
        .next()
        .and_then(|json| serde_json::from_slice(json).ok());
    let query = match Query::compile(&expression) {
        Ok(query) => query,
        Err(error) => {
            assert!(!error.to_string().is_empty(), "{expression:?}");
            return;
        }
    };
    for data in std::iter::once(&*REQUEST).chain(document.as_ref()) {
        match query.search(data) {
            Ok(result) => {
                let _ = result.to_string();
            }
            Err(error) => assert!(!error.to_string().is_empty(), "{expression:?}"),
        }
    }
});
