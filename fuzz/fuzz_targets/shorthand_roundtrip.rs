//! Any text that parses: rendering the tree back to shorthand and parsing that gives the same
//! tree, untyped and typed as a `--cognito-identity-providers` item.
#![no_main]

use idpool_shorthand::{SchemaRef, coerce, parse, render};
use libfuzzer_sys::{Corpus, fuzz_target};
use serde_json::json;

fuzz_target!(|data: &[u8]| -> Corpus {
    let Ok(input) = std::str::from_utf8(data) else {
        return Corpus::Reject;
    };
    let Ok(parsed) = parse(input) else {
        return Corpus::Keep;
    };
    let untyped = json!({});
    let provider = json!({"type": "object", "properties": {
        "ProviderName": {"type": "string"},
        "ClientId": {"type": "string"},
        "ServerSideTokenCheck": {"type": "boolean"}
    }});
    for schema in [&untyped, &provider] {
        let schema = SchemaRef::new(schema);
        let mut typed = parsed.value.clone();
        if coerce(&mut typed, schema).is_err() {
            continue;
        }
        let value = typed.to_json();
        let Ok(tokens) = render(&value, schema) else {
            continue;
        };
        let [token] = tokens.as_slice() else {
            panic!("an object renders as one value: {tokens:?}")
        };
        let mut again = parse(token)
            .unwrap_or_else(|e| panic!("{input:?} rendered as {token:?}, which fails: {e}"))
            .value;
        coerce(&mut again, schema).unwrap_or_else(|e| panic!("{token:?}: {e}"));
        let again = again.to_json();
        assert_eq!(again, value, "{input:?} rendered as {token:?}");
    }
    Corpus::Keep
});
