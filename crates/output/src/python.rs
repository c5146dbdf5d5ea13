//! How the AWS CLI's output styles see a JSON value as Python: `str()`, `repr()`, truthiness,
//! type names and cell widths.
//!
//! The AWS CLI formats the Python objects that `json.loads` would make of a response, so its
//! output follows these rules: `null` prints as `None`, `true` as `True`, floats as Python's
//! shortest `repr` (`1e+16`, `1e-05`), and a list nested in a table cell as `['a', 'b']`. The
//! Python behaviour itself (`repr`, the Unicode 14.0 tables) is `idpool_python`'s; what is here
//! is what the styles ask of it. `json.dump` is the [`json`](crate::json) style's.

use serde_json::{Number, Value};
use std::borrow::Cow;

/// Python's `str(value)`: strings as they are, the rest as `repr()`.
pub(crate) fn str(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(text) => Cow::Borrowed(text),
        // `None`, `True`, `1.0`, `[1, 'a']`, `{'k': None}`.
        other => Cow::Owned(idpool_python::repr(other)),
    }
}

/// `str()` of a number: an `int` for integers, the shortest float `repr` otherwise.
pub(crate) fn number_str(number: &Number) -> String {
    if let Some(int) = number.as_i64() {
        int.to_string()
    } else if let Some(int) = number.as_u64() {
        int.to_string()
    } else {
        idpool_python::float_repr(number.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's `bool(value)`: `None`, `False`, zero, `''`, `[]` and `{}` are false.
pub(crate) fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) if number.is_f64() => {
            number.as_f64().is_some_and(|float| float != 0.0)
        }
        Value::Number(number) => number.as_i64() != Some(0),
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// `not isinstance(value, (list, dict))`.
pub(crate) fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// `type(value).__name__`, as Python error messages quote it.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(number) if number.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// `get_text_length` in `awscli/table.py`: characters whose East Asian width is wide,
/// fullwidth or ambiguous count as two columns, every other character (combining marks and
/// control characters included) as one.
pub(crate) fn text_length(text: &str) -> i64 {
    text.chars()
        .map(|ch| if idpool_python::is_wide(ch) { 2 } else { 1 })
        .sum()
}

/// Python's `str.upper()`, the full case mapping (`ß` becomes `SS`) of Unicode 14.0.
pub(crate) fn upper(text: &str) -> String {
    idpool_python::upper(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn truthiness() {
        for falsy in [
            json!(null),
            json!(false),
            json!(0),
            json!(0.0),
            json!(-0.0),
            json!(""),
            json!([]),
            json!({}),
        ] {
            assert!(!truthy(&falsy), "{falsy}");
        }
        for truthy_value in [
            json!(true),
            json!(-1),
            json!(0.5),
            json!(" "),
            json!([0]),
            json!({"": 0}),
        ] {
            assert!(truthy(&truthy_value), "{truthy_value}");
        }
    }

    #[test]
    fn east_asian_width_counts_ambiguous_as_wide() {
        assert_eq!(text_length("abc"), 3);
        assert_eq!(text_length("日本語"), 6);
        assert_eq!(text_length("ｱ"), 1, "halfwidth katakana is H");
        assert_eq!(text_length("±ñ"), 3, "± is ambiguous, ñ is not");
        assert_eq!(
            text_length("e\u{301}"),
            3,
            "a combining acute accent is ambiguous"
        );
        assert_eq!(text_length("😀"), 2);
    }
}
