//! `--output json`: `JSONFormatter` (`awscli/formatter.py`), Python's `json.dump` with an
//! indent of 4 and `ensure_ascii=False`, written by [`idpool_python::json::Formatter`].

use idpool_python::json::{self, Formatter};
use serde_json::Value;

/// `JSONFormatter`: the value and a newline, and nothing for an empty dict (awscli skips a
/// response with nothing in it).
pub(crate) fn format(value: &Value) -> String {
    match value {
        Value::Object(map) if map.is_empty() => String::new(),
        _ => format!("{}\n", dump(value, Some(4))),
    }
}

/// `json.dump(value, indent=indent, ensure_ascii=False)`: the AWS CLI's `--output json` with
/// `Some(4)`, and its YAML formatter's scalars with `None` (`", "` and `": "` separators).
pub(crate) fn dump(value: &Value, indent: Option<usize>) -> String {
    let indent = indent.map(|width| " ".repeat(width));
    let formatter = Formatter::new()
        .indent(indent.as_deref())
        .ensure_ascii(false);
    // A `Value`'s keys are strings, so serializing it cannot fail.
    json::to_string(value, formatter).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_indented_and_compact() {
        let value = json!({"a": [1, {"b": null}], "e": [], "f": {}, "s": "x\u{1b}\u{7f}\u{2028}"});
        assert_eq!(
            dump(&value, Some(4)),
            "{\n    \"a\": [\n        1,\n        {\n            \"b\": null\n        }\n    ],\n    \
             \"e\": [],\n    \"f\": {},\n    \"s\": \"x\\u001b\u{7f}\u{2028}\"\n}"
        );
        assert_eq!(
            dump(&value, None),
            "{\"a\": [1, {\"b\": null}], \"e\": [], \"f\": {}, \"s\": \"x\\u001b\u{7f}\u{2028}\"}"
        );
        assert_eq!(dump(&json!("\u{8}\u{c}\"\\"), None), "\"\\b\\f\\\"\\\\\"");
    }

    #[test]
    fn prints_nothing_for_an_empty_dict_only() {
        assert_eq!(format(&json!({})), "");
        assert_eq!(format(&json!([])), "[]\n");
        assert_eq!(format(&json!("")), "\"\"\n");
    }
}
