//! Python's text forms of scalars: `repr()` of a `float` and of a `str`, and how `json` writes
//! them.
//!
//! `--output` (`format`) and `--query` (`query`) both print what Python would print, each for
//! its own value type (a JSON value; an evaluation's value, which can also be an int beyond 64
//! bits, NaN or an expression reference). The scalar forms they share are here. What depends on
//! the Unicode database (`str.isprintable()` and the East Asian width) is read from tables that
//! `scripts/cli/unicode_tables.sh` generates from Python 3.11.

mod unicode;

use std::fmt::Write as _;

/// Python's `repr(float)`: the shortest digits that round-trip, in positional notation when the
/// decimal exponent is in `-4..16` (`0.0001`, `1000000000000000.0`) and scientific notation with
/// a signed, at least two-digit exponent otherwise (`1e-05`, `1e+16`); `nan`, `inf`, `-inf`.
pub(crate) fn float_repr(value: f64) -> String {
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

/// A float as `json.dumps` writes it (`allow_nan=True`): its `repr`, but `NaN`, `Infinity` and
/// `-Infinity`.
pub(crate) fn json_float(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        float_repr(value)
    }
}

/// Appends `repr()` of a `str` (CPython's `unicode_repr`): single quotes unless the text holds a
/// single quote and no double quote; non-printable characters become `\xhh`, `\uhhhh` or
/// `\Uhhhhhhhh`.
pub(crate) fn write_str_repr(text: &str, out: &mut String) {
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
            ' '..='~' => out.push(ch),
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

/// Appends a `str` as `json` writes it. `"`, `\` and the C0 controls are escaped, as `\n`-style
/// escapes or lowercase `\u00XX`; with `ensure_ascii` (the default of `json.dumps`), so is
/// every other character outside printable ASCII, a UTF-16 `\uXXXX` per code unit.
pub(crate) fn write_json_str(text: &str, ensure_ascii: bool, out: &mut String) {
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
            ' '..='~' => out.push(ch),
            _ if !ensure_ascii && ch > '\u{1f}' => out.push(ch),
            _ => {
                for unit in ch.encode_utf16(&mut [0; 2]) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// Whether `unicodedata.east_asian_width(ch)` is `W`, `F` or `A`.
pub(crate) fn is_wide(ch: char) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn json_floats() {
        assert_eq!(json_float(f64::NAN), "NaN");
        assert_eq!(json_float(f64::INFINITY), "Infinity");
        assert_eq!(json_float(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(json_float(1e16), "1e+16");
    }

    fn str_repr(text: &str) -> String {
        let mut out = String::new();
        write_str_repr(text, &mut out);
        out
    }

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

    fn json_str(text: &str, ensure_ascii: bool) -> String {
        let mut out = String::new();
        write_json_str(text, ensure_ascii, &mut out);
        out
    }

    #[test]
    fn json_str_without_ensure_ascii_escapes_controls_only() {
        assert_eq!(json_str("\u{8}\u{c}\"\\", false), "\"\\b\\f\\\"\\\\\"");
        assert_eq!(
            json_str("x\u{1b}\u{7f}\u{2028}é", false),
            "\"x\\u001b\u{7f}\u{2028}é\""
        );
    }

    #[test]
    fn json_str_ensure_ascii_escapes_utf16_units() {
        assert_eq!(json_str("\u{8}\u{c}\"\\", true), "\"\\b\\f\\\"\\\\\"");
        assert_eq!(
            json_str("\u{e9}\u{1F600}\u{7f}\u{1} ~", true),
            "\"\\u00e9\\ud83d\\ude00\\u007f\\u0001 ~\""
        );
    }
}
