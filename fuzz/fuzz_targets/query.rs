//! Any text as a `--query` expression, on a full request and, when the input has a NUL byte,
//! on the JSON document after it: searching never panics, and never exhausts memory (a search
//! that would build too much fails instead).
#![no_main]

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
    for data in std::iter::once(&*REQUEST).chain(document.as_ref()) {
        match idpool_cli::query_search(&expression, data) {
            Ok(result) => {
                let _ = result.to_string();
            }
            Err(message) => assert!(!message.is_empty(), "{expression:?}"),
        }
    }
});
