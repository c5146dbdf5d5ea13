//! How Python sees a JSON value: `str()`, `repr()`, truthiness, type names and `json.dump`.
//!
//! The AWS CLI formats the Python objects that `json.loads` would make of a response, so its
//! output follows these rules: `null` prints as `None`, `true` as `True`, floats as Python's
//! shortest `repr` (`1e+16`, `1e-05`), and a list nested in a table cell as `['a', 'b']`.

use super::unicode;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Python's `str(value)`: strings as they are, the rest as `repr()`.
pub(super) fn str(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(text) => Cow::Borrowed(text),
        other => Cow::Owned(repr(other)),
    }
}

/// Python's `repr(value)`: `None`, `True`, `1.0`, `'text'`, `[1, 'a']`, `{'k': None}`.
pub(super) fn repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(value, &mut out);
    out
}

fn write_repr(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(number) => out.push_str(&number_str(number)),
        Value::String(text) => write_str_repr(text, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (index, (key, item)) in map.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_str_repr(key, out);
                out.push_str(": ");
                write_repr(item, out);
            }
            out.push('}');
        }
    }
}

/// `repr()` of a `str` (CPython's `unicode_repr`): single quotes unless the text holds a single
/// quote and no double quote; non-printable characters become `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
fn write_str_repr(text: &str, out: &mut String) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for ch in text.chars() {
        match ch {
            _ if ch == quote || ch == '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", u32::from(ch));
            }
            _ if ch.is_ascii() || is_printable(ch) => out.push(ch),
            _ => {
                let code = u32::from(ch);
                let _ = match code {
                    0..=0xff => write!(out, "\\x{code:02x}"),
                    0x100..=0xffff => write!(out, "\\u{code:04x}"),
                    _ => write!(out, "\\U{code:08x}"),
                };
            }
        }
    }
    out.push(quote);
}

/// `str()` of a number: an `int` for integers, the shortest float `repr` otherwise.
pub(super) fn number_str(number: &Number) -> String {
    if let Some(int) = number.as_i64() {
        int.to_string()
    } else if let Some(int) = number.as_u64() {
        int.to_string()
    } else {
        float_repr(number.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, in positional notation when the
/// decimal exponent is in `-4..16` (`0.0001`, `1000000000000000.0`) and scientific notation with
/// a signed, at least two-digit exponent otherwise (`1e-05`, `1e+16`).
pub(super) fn float_repr(value: f64) -> String {
    if value.is_nan() {
        return "nan".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0.0");
    }
    // Rust's `{:e}` also prints the shortest digits that round-trip (`1.2345e-5`, `1e16`), but
    // when two such digit strings are equally close it takes the upper one, where Python's
    // `dtoa` rounds half to even: 90586602196756.125 is `...756.12` in Python. Rounding the
    // exact value to as many digits (Rust's precision formatting rounds half to even) gives
    // Python's choice whenever that still round-trips.
    let shortest = format!("{:e}", value.abs());
    let count = shortest.split_once('e').map_or(0, |(mantissa, _)| {
        mantissa.chars().filter(char::is_ascii_digit).count()
    });
    let nearest = format!("{:.*e}", count.saturating_sub(1), value.abs());
    let scientific = if nearest.parse::<f64>() == Ok(value.abs()) {
        nearest
    } else {
        shortest
    };
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let count = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    // `digits` is d.ddd × 10^exponent; Python names the position of the point `decpt`.
    let decpt = exponent + 1;
    let body = if -4 < decpt && decpt <= 16 {
        if decpt <= 0 {
            format!(
                "0.{}{digits}",
                "0".repeat(usize::try_from(-decpt).unwrap_or(0))
            )
        } else if decpt >= count {
            let zeros = usize::try_from(decpt - count).unwrap_or(0);
            format!("{digits}{}.0", "0".repeat(zeros))
        } else {
            let (int, frac) = digits.split_at(usize::try_from(decpt).unwrap_or(0));
            format!("{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let point = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{first}{point}{rest}e{exp_sign}{:02}",
            exponent.unsigned_abs()
        )
    };
    format!("{sign}{body}")
}

/// Python's `bool(value)`: `None`, `False`, zero, `''`, `[]` and `{}` are false.
pub(super) fn truthy(value: &Value) -> bool {
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
pub(super) fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// `type(value).__name__`, as Python error messages quote it.
pub(super) fn type_name(value: &Value) -> &'static str {
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
pub(super) fn text_length(text: &str) -> i64 {
    text.chars().map(|ch| if is_wide(ch) { 2 } else { 1 }).sum()
}

fn is_wide(ch: char) -> bool {
    in_ranges(unicode::WIDE, ch)
}

/// Python's `str.isprintable()` for one character.
fn is_printable(ch: char) -> bool {
    !in_ranges(unicode::NOT_PRINTABLE, ch)
}

fn in_ranges(ranges: &[(u32, u32)], ch: char) -> bool {
    let code = u32::from(ch);
    ranges
        .binary_search_by(|&(low, high)| {
            if high < code {
                std::cmp::Ordering::Less
            } else if low > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.upper()`, the full case mapping (`ß` becomes `SS`).
pub(super) fn upper(text: &str) -> String {
    text.to_uppercase()
}

/// `json.dump(value, indent=indent, ensure_ascii=False)`: the AWS CLI's `--output json` with
/// `Some(4)`, and its YAML formatter's scalars with `None` (`", "` and `": "` separators).
pub(super) fn json_dump(value: &Value, indent: Option<usize>) -> String {
    let mut out = String::new();
    write_json(value, indent, 0, &mut out);
    out
}

fn write_json(value: &Value, indent: Option<usize>, level: usize, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&number_str(number)),
        Value::String(text) => write_json_str(text, out),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                json_separator(index, indent, level + 1, out);
                write_json(item, indent, level + 1, out);
            }
            json_close(indent, level, out);
            out.push(']');
        }
        Value::Object(map) => write_json_object(map, indent, level, out),
    }
}

fn write_json_object(
    map: &Map<String, Value>,
    indent: Option<usize>,
    level: usize,
    out: &mut String,
) {
    out.push('{');
    for (index, (key, item)) in map.iter().enumerate() {
        json_separator(index, indent, level + 1, out);
        write_json_str(key, out);
        out.push_str(": ");
        write_json(item, indent, level + 1, out);
    }
    json_close(indent, level, out);
    out.push('}');
}

/// What goes before an item: with an indent `,` (not the first) and a new indented line;
/// without one `, ` (not the first).
fn json_separator(index: usize, indent: Option<usize>, level: usize, out: &mut String) {
    match indent {
        Some(width) => {
            if index > 0 {
                out.push(',');
            }
            out.push('\n');
            out.push_str(&" ".repeat(width * level));
        }
        None if index > 0 => out.push_str(", "),
        None => {}
    }
}

fn json_close(indent: Option<usize>, level: usize, out: &mut String) {
    if let Some(width) = indent {
        out.push('\n');
        out.push_str(&" ".repeat(width * level));
    }
}

/// A JSON string as `json` writes it with `ensure_ascii=False`: only `"`, `\` and the C0
/// controls are escaped, the latter as `\n`-style escapes or lowercase `\u00XX`.
fn write_json_str(text: &str, out: &mut String) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{0}'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            _ => out.push(ch),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    macro_rules! float {
        ($name:ident, $value:expr, $repr:expr) => {
            #[test]
            fn $name() {
                assert_eq!(float_repr($value), $repr);
            }
        };
    }

    float!(float_integral, 1.0, "1.0");
    float!(float_negative_zero, -0.0, "-0.0");
    float!(float_fraction, 0.1, "0.1");
    float!(float_third, 1.0 / 3.0, "0.3333333333333333");
    float!(float_small_positional, 0.0001, "0.0001");
    float!(float_small_scientific, 0.00001, "1e-05");
    float!(float_largest_positional, 1e15, "1000000000000000.0");
    float!(float_smallest_scientific, 1e16, "1e+16");
    float!(
        float_long_scientific,
        1.2345678901234567e20,
        "1.2345678901234567e+20"
    );
    float!(float_three_digit_exponent, -2.5e-300, "-2.5e-300");
    float!(float_max, f64::MAX, "1.7976931348623157e+308");
    float!(float_min_subnormal, 5e-324, "5e-324");
    float!(float_positional_digits, 123.456, "123.456");
    // Exactly halfway between two shortest candidates: Python keeps the even digit.
    float!(
        float_tie_rounds_half_even,
        90586602196756.0 + 0.125,
        "90586602196756.12"
    );
    float!(
        float_tie_negative,
        -(750873565847300.0 + 0.25),
        "-750873565847300.2"
    );

    #[test]
    fn str_of_scalars() {
        assert_eq!(str(&json!(null)), "None");
        assert_eq!(str(&json!(true)), "True");
        assert_eq!(str(&json!(false)), "False");
        assert_eq!(str(&json!(-7)), "-7");
        assert_eq!(str(&json!(u64::MAX)), "18446744073709551615");
        assert_eq!(str(&json!(2.5)), "2.5");
        assert_eq!(str(&json!("plain 'text'")), "plain 'text'");
    }

    #[test]
    fn repr_of_containers() {
        assert_eq!(
            repr(&json!([1, "a", null, true, 1.0])),
            "[1, 'a', None, True, 1.0]"
        );
        assert_eq!(repr(&json!({"k": [], "l": {}})), "{'k': [], 'l': {}}");
    }

    #[test]
    fn repr_quotes_and_escapes() {
        assert_eq!(repr(&json!("it's")), "\"it's\"");
        assert_eq!(repr(&json!("it's \"x\"")), "'it\\'s \"x\"'");
        assert_eq!(repr(&json!("a\\b\tc\nd\re")), "'a\\\\b\\tc\\nd\\re'");
        assert_eq!(
            repr(&json!("\u{1}\u{7f}\u{85}\u{a0}é")),
            "'\\x01\\x7f\\x85\\xa0é'"
        );
        assert_eq!(repr(&json!("\u{200b}\u{2028}日本")), "'\\u200b\\u2028日本'");
        assert_eq!(repr(&json!("\u{e0001}😀")), "'\\U000e0001😀'");
    }

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

    #[test]
    fn json_indented_and_compact() {
        let value = json!({"a": [1, {"b": null}], "e": [], "f": {}, "s": "x\u{1b}\u{7f}\u{2028}"});
        assert_eq!(
            json_dump(&value, Some(4)),
            "{\n    \"a\": [\n        1,\n        {\n            \"b\": null\n        }\n    ],\n    \
             \"e\": [],\n    \"f\": {},\n    \"s\": \"x\\u001b\u{7f}\u{2028}\"\n}"
        );
        assert_eq!(
            json_dump(&value, None),
            "{\"a\": [1, {\"b\": null}], \"e\": [], \"f\": {}, \"s\": \"x\\u001b\u{7f}\u{2028}\"}"
        );
        assert_eq!(
            json_dump(&json!("\u{8}\u{c}\"\\"), None),
            "\"\\b\\f\\\"\\\\\""
        );
    }
}
