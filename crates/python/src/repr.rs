//! Python's `repr()` and `str()`: of a `float`, of a `str`, and of a whole [`Object`].

use crate::chars::is_printable;
use crate::value::{Kind, Object};
use std::fmt::Write as _;

/// Python's `repr(float)`: the shortest digits that round-trip, in positional notation when the
/// decimal exponent is in `-4..16` (`0.0001`, `1000000000000000.0`) and scientific notation with
/// a signed, at least two-digit exponent otherwise (`1e-05`, `1e+16`); `nan`, `inf`, `-inf`.
///
/// ```
/// use idpool_python::float_repr;
/// assert_eq!(float_repr(1e16), "1e+16");
/// assert_eq!(float_repr(0.0001), "0.0001");
/// assert_eq!(float_repr(-0.0), "-0.0");
/// assert_eq!(float_repr(f64::NAN), "nan");
/// ```
pub fn float_repr(value: f64) -> String {
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

/// Python's `repr(str)`.
///
/// ```
/// use idpool_python::str_repr;
/// assert_eq!(str_repr("it's"), "\"it's\"");
/// assert_eq!(str_repr("a\tb\u{a0}日本"), "'a\\tb\\xa0日本'");
/// ```
pub fn str_repr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_str_repr(&mut out, text);
    out
}

/// Appends Python's `repr(str)` (CPython's `unicode_repr`): single quotes unless the text holds
/// a single quote and no double quote; the characters `str.isprintable()` rejects become
/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, tab, newline and carriage return `\t`, `\n` and `\r`.
pub fn write_str_repr(out: &mut String, text: &str) {
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
            _ if is_printable(ch) => out.push(ch),
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

/// Python's `repr(value)`: `None`, `True`, `1.0`, `'text'`, `[1, 'a']`, `{'k': None}`.
///
/// ```
/// use serde_json::json;
/// let value = json!({"it's": [1, 2.5, 1e16, null, true, "x"]});
/// assert_eq!(idpool_python::repr(&value), "{\"it's\": [1, 2.5, 1e+16, None, True, 'x']}");
/// ```
pub fn repr<V: Object>(value: V) -> String {
    let mut out = String::new();
    write_repr(&mut out, value);
    out
}

/// Appends Python's `repr(value)`.
pub fn write_repr<V: Object>(out: &mut String, value: V) {
    write_kind(out, value.kind());
}

fn write_kind<V: Object>(out: &mut String, kind: Kind<'_, V>) {
    match kind {
        Kind::None => out.push_str("None"),
        Kind::Bool(true) => out.push_str("True"),
        Kind::Bool(false) => out.push_str("False"),
        Kind::Int(int) => {
            let _ = write!(out, "{int}");
        }
        Kind::Float(float) => out.push_str(&float_repr(float)),
        Kind::Str(text) => write_str_repr(out, text),
        Kind::List(items) => {
            out.push('[');
            for (index, item) in items.enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_repr(out, item);
            }
            out.push(']');
        }
        Kind::Dict(entries) => {
            out.push('{');
            for (index, (key, item)) in entries.enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_str_repr(out, key);
                out.push_str(": ");
                write_repr(out, item);
            }
            out.push('}');
        }
        Kind::Other(text) => out.push_str(&text),
    }
}

/// Python's `str(value)`: a `str` as it is, anything else as its `repr()`.
///
/// ```
/// use serde_json::json;
/// assert_eq!(idpool_python::str(&json!("plain 'text'")), "plain 'text'");
/// assert_eq!(idpool_python::str(&json!(null)), "None");
/// ```
pub fn str<V: Object>(value: V) -> String {
    let mut out = String::new();
    match value.kind() {
        Kind::Str(text) => out.push_str(text),
        kind => write_kind(&mut out, kind),
    }
    out
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

    float!(float_zero, 0.0, "0.0");
    float!(float_integral, 1.0, "1.0");
    float!(float_negative_zero, -0.0, "-0.0");
    float!(float_fraction, 0.1, "0.1");
    float!(float_third, 1.0 / 3.0, "0.3333333333333333");
    float!(float_small_positional, 0.0001, "0.0001");
    float!(float_small_scientific, 0.00001, "1e-05");
    float!(float_fraction_scientific, 1.5e-7, "1.5e-07");
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
    float!(float_negative_positional, -1234.5678, "-1234.5678");
    float!(float_nan, f64::NAN, "nan");
    float!(float_infinity, f64::INFINITY, "inf");
    float!(float_negative_infinity, f64::NEG_INFINITY, "-inf");
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
    fn str_repr_quotes_and_escapes() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(str_repr("a\\b\tc\nd\re"), "'a\\\\b\\tc\\nd\\re'");
        assert_eq!(
            str_repr("\u{1}\u{7f}\u{85}\u{a0}é"),
            "'\\x01\\x7f\\x85\\xa0é'"
        );
        assert_eq!(
            str_repr("\u{ad}\u{200b}\u{2028}日本"),
            "'\\xad\\u200b\\u2028日本'"
        );
        assert_eq!(str_repr("\u{e0001}😀"), "'\\U000e0001😀'");
        assert_eq!(str_repr("5.0"), "'5.0'");
        assert_eq!(str_repr("no such\tfile\n.txt"), "'no such\\tfile\\n.txt'");
        assert_eq!(
            str_repr("caf\u{e9}\u{a0}\u{2029}.txt"),
            "'caf\u{e9}\\xa0\\u2029.txt'"
        );
    }

    #[test]
    fn str_repr_escapes_unassigned_code_points() {
        // Unassigned in Unicode 14.0 (Python 3.11): `str.isprintable()` is false for them.
        assert_eq!(
            str_repr("a\u{378}b\u{1fbff}\u{e0002}"),
            "'a\\u0378b\\U0001fbff\\U000e0002'"
        );
        assert_eq!(str_repr("\u{890}\u{13439}"), "'\\u0890\\U00013439'");
    }

    #[test]
    fn str_repr_escapes_private_use() {
        assert_eq!(str_repr("\u{e000}\u{f0000}"), "'\\ue000\\U000f0000'");
    }

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
        assert_eq!(repr(&json!({"it's": "a\nb"})), "{\"it's\": 'a\\nb'}");
    }

    proptest::proptest! {
        /// `repr(float)` reads back as the same float, as Python guarantees.
        #[test]
        fn float_repr_round_trips(bits in proptest::num::u64::ANY) {
            let value = f64::from_bits(bits);
            proptest::prop_assume!(value.is_finite());
            let text = float_repr(value);
            proptest::prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), value.to_bits(), "{}", text);
            proptest::prop_assert!(text.contains(['.', 'e']), "{}", text);
        }

        /// `repr(str)` is a Python literal of the text: undoing its escapes gives the text back.
        #[test]
        fn str_repr_reads_back(text in "\\PC*|[\\x00-\\x7f'\"\\\\]*") {
            let quoted = str_repr(&text);
            proptest::prop_assert_eq!(unrepr(&quoted), text);
        }
    }

    /// Reads a Python string literal as `repr()` writes them.
    fn unrepr(literal: &str) -> String {
        let inner = &literal[1..literal.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let hex = |chars: &mut std::str::Chars<'_>, n| {
                let digits: String = chars.take(n).collect();
                char::from_u32(u32::from_str_radix(&digits, 16).unwrap()).unwrap()
            };
            match chars.next().unwrap() {
                't' => out.push('\t'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                'x' => out.push(hex(&mut chars, 2)),
                'u' => out.push(hex(&mut chars, 4)),
                'U' => out.push(hex(&mut chars, 8)),
                other => out.push(other),
            }
        }
        out
    }
}
