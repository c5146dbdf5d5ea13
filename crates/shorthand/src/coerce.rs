//! Typing the untyped tree with a JSON Schema, as the AWS CLI's `BackCompatVisitor` types it
//! with the service model.

use crate::grammar::is_py_space;
use crate::schema::{SchemaRef, Shape};
use crate::tree::{Value, ValueKind};
use idpool_python::str_repr as py_repr;
use serde_json::Number;
use std::fmt;
use std::ops::Range;

/// A value that the typing pass cannot convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoerceError {
    // Boxed to keep the `Result`s of the typing pass small.
    inner: Box<CoerceErrorImpl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct CoerceErrorImpl {
    kind: CoerceErrorKind,
    span: Range<usize>,
}

/// The kinds of [`CoerceError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CoerceErrorKind {
    /// A list or a map where the schema says boolean (`ServerSideTokenCheck=[a]`).
    NotBoolean {
        /// `list` or `map`.
        found: &'static str,
    },
    /// A list or a map where the schema says integer or number.
    NotScalar {
        /// `integer` or `number`.
        expected: &'static str,
        /// `list` or `map`.
        found: &'static str,
    },
    /// Text that is not an integer (`5.0`, `0x10`).
    NotInteger {
        /// The text.
        text: String,
    },
    /// Text that is not a number (`abc`).
    NotNumber {
        /// The text.
        text: String,
    },
    /// `nan` or `inf`, which JSON cannot hold.
    NotFinite {
        /// The text.
        text: String,
    },
}

impl CoerceError {
    #[cold]
    fn new(kind: CoerceErrorKind, span: Range<usize>) -> Self {
        Self {
            inner: Box::new(CoerceErrorImpl { kind, span }),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &CoerceErrorKind {
        &self.inner.kind
    }

    /// The byte range of the shorthand input holding the value.
    pub fn span(&self) -> Range<usize> {
        self.inner.span.clone()
    }

    /// The error as the AWS CLI reports it: the text of the Python exception its typing pass
    /// raises (`invalid literal for int() with base 10: '5.0'`).
    pub fn aws_message(&self) -> Option<String> {
        let python_type = |found: &str| if found == "map" { "dict" } else { "list" };
        match &self.inner.kind {
            CoerceErrorKind::NotBoolean { found } => Some(format!(
                "'{}' object has no attribute 'lower'",
                python_type(found)
            )),
            CoerceErrorKind::NotScalar {
                expected: "integer",
                found,
            } => Some(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                python_type(found)
            )),
            CoerceErrorKind::NotScalar { found, .. } => Some(format!(
                "float() argument must be a string or a real number, not '{}'",
                python_type(found)
            )),
            CoerceErrorKind::NotInteger { text } => Some(format!(
                "invalid literal for int() with base 10: {}",
                py_repr(text)
            )),
            CoerceErrorKind::NotNumber { text } => Some(format!(
                "could not convert string to float: {}",
                py_repr(text)
            )),
            CoerceErrorKind::NotFinite { .. } => None,
        }
    }
}

impl fmt::Display for CoerceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.kind {
            CoerceErrorKind::NotBoolean { found } => {
                write!(f, "expected a boolean (`true` or `false`), found a {found}")
            }
            CoerceErrorKind::NotScalar { expected, found } => {
                write!(f, "expected an {expected}, found a {found}")
            }
            CoerceErrorKind::NotInteger { text } => write!(f, "`{text}` is not an integer"),
            CoerceErrorKind::NotNumber { text } => write!(f, "`{text}` is not a number"),
            CoerceErrorKind::NotFinite { text } => {
                write!(
                    f,
                    "`{text}` is not a finite number, and JSON has no NaN or infinity"
                )
            }
        }
    }
}

impl std::error::Error for CoerceError {}

/// Types `value` in place with `schema`, following the AWS CLI's rules:
///
/// - where the schema says `boolean`, a string that is `true` or `false` in any letter case
///   becomes a boolean, and any other string stays a string (so that validation reports it);
///   a list or map is an error;
/// - where it says `integer` or `number`, strings are converted as Python's `int()` and
///   `float()` convert them (`+5`, `1_000`, ` 7 `, `.5`); anything else is an error;
/// - where it says `array` and the value is not a list, the value becomes a one-item list,
///   left untyped (`A=5` with items of type integer gives `["5"]`), except at the top level;
/// - object `properties` and `additionalProperties` are followed; keys the schema does not
///   know are left as they are, for validation to report.
///
/// Members are visited in schema order as far as errors go: when several members cannot be
/// converted, the error is the first of them in schema order, as in the AWS CLI. After an
/// error the tree may be partly typed.
pub fn coerce(value: &mut Value<'_>, schema: SchemaRef<'_>) -> Result<(), CoerceError> {
    visit(value, schema, false)
}

/// Types `value`; `wrap` says whether a non-list may become a one-item list (everywhere but
/// the top level).
pub(crate) fn visit(
    value: &mut Value<'_>,
    schema: SchemaRef<'_>,
    wrap: bool,
) -> Result<(), CoerceError> {
    let span = value.span.clone();
    let found = value.kind_name();
    let shape = schema.shape();
    match (shape, &mut value.kind) {
        (Shape::Structure, ValueKind::Map(map)) => {
            let properties = schema.properties();
            let mut first_error: Option<(usize, CoerceError)> = None;
            for entry in map.entries_mut() {
                let Some((position, member)) = properties.find(&entry.key) else {
                    continue;
                };
                if let Err(error) = visit(&mut entry.value, member, true)
                    && first_error.as_ref().is_none_or(|(p, _)| position < *p)
                {
                    first_error = Some((position, error));
                }
            }
            first_error.map_or(Ok(()), |(_, error)| Err(error))
        }
        (Shape::Map, ValueKind::Map(map)) => {
            let values = schema.values().expect("a map schema has a value schema");
            map.entries_mut()
                .try_for_each(|entry| visit(&mut entry.value, values, true))
        }
        (Shape::List, ValueKind::List(items)) => match schema.items() {
            Some(item) => items.iter_mut().try_for_each(|v| visit(v, item, true)),
            None => Ok(()),
        },
        (Shape::List, _) if wrap => {
            let item =
                std::mem::replace(value, Value::new(ValueKind::List(Vec::new()), span.clone()));
            value.kind = ValueKind::List(vec![item]);
            Ok(())
        }
        // Python's `s.lower() == "true"`: no character outside ASCII lower-cases to one of
        // the letters of `true` or `false`, so an ASCII comparison is the same test.
        (Shape::Boolean, ValueKind::String(s)) => {
            if s.eq_ignore_ascii_case("true") {
                value.kind = ValueKind::Bool(true);
            } else if s.eq_ignore_ascii_case("false") {
                value.kind = ValueKind::Bool(false);
            }
            Ok(())
        }
        (Shape::Boolean, ValueKind::List(_) | ValueKind::Map(_)) => Err(CoerceError::new(
            CoerceErrorKind::NotBoolean { found },
            span,
        )),
        (Shape::Integer, ValueKind::String(s)) => match py_int(s) {
            Some(number) => {
                value.kind = ValueKind::Number(number);
                Ok(())
            }
            None => Err(CoerceError::new(
                CoerceErrorKind::NotInteger {
                    text: s.to_string(),
                },
                span,
            )),
        },
        (Shape::Number, ValueKind::String(s)) => {
            let text = s.to_string();
            match py_float(s) {
                Some(f) => match Number::from_f64(f) {
                    Some(number) => {
                        value.kind = ValueKind::Number(number);
                        Ok(())
                    }
                    None => Err(CoerceError::new(CoerceErrorKind::NotFinite { text }, span)),
                },
                None => Err(CoerceError::new(CoerceErrorKind::NotNumber { text }, span)),
            }
        }
        (Shape::Integer | Shape::Number, ValueKind::List(_) | ValueKind::Map(_)) => {
            let expected = if shape == Shape::Integer {
                "integer"
            } else {
                "number"
            };
            Err(CoerceError::new(
                CoerceErrorKind::NotScalar { expected, found },
                span,
            ))
        }
        _ => Ok(()),
    }
}

/// The first code points of the blocks of ten decimal digits (Unicode `Nd`) in the Basic
/// Multilingual Plane, which Python's `int()` and `float()` accept like ASCII digits.
const DIGIT_ZEROS: &[u32] = &[
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10,
];

fn decimal_digit(c: char) -> Option<char> {
    let code = u32::from(c);
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&code))
        .and_then(|zero| char::from_digit(code - zero, 10))
}

/// Python's digits-with-underscores: an underscore only between two digits. Returns the ASCII
/// digits, or `None`.
fn digits(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut previous_digit = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            let next_digit = chars.peek().is_some_and(|&n| decimal_digit(n).is_some());
            if !previous_digit || !next_digit {
                return None;
            }
            previous_digit = false;
            continue;
        }
        out.push(decimal_digit(c)?);
        previous_digit = true;
    }
    (!out.is_empty()).then_some(out)
}

/// Python's `int(text)`, base 10. An integer beyond 64 bits becomes the nearest float, as
/// serde_json reads such a number from JSON text.
fn py_int(text: &str) -> Option<Number> {
    let text = text.trim_matches(is_py_space);
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits = digits(unsigned)?;
    let significant = digits.trim_start_matches('0');
    let magnitude: Option<u64> = if significant.is_empty() {
        Some(0)
    } else {
        significant.parse().ok()
    };
    let exact = match (negative, magnitude) {
        (false, Some(m)) => Some(Number::from(m)),
        (true, Some(m)) => 0i64.checked_sub_unsigned(m).map(Number::from),
        (_, None) => None,
    };
    let number = match exact {
        Some(number) => number,
        None => {
            let float: f64 = significant.parse().ok()?;
            Number::from_f64(if negative { -float } else { float })?
        }
    };
    Some(number)
}

/// Python's `float(text)`.
fn py_float(text: &str) -> Option<f64> {
    let text = text.trim_matches(is_py_space);
    let mut ascii = String::with_capacity(text.len());
    // Split into runs of digits (with underscores) and the rest, which must be ASCII.
    let mut run = String::new();
    for c in text.chars() {
        if c == '_' || decimal_digit(c).is_some() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            ascii.push_str(&digits(&run)?);
            run.clear();
        }
        if !c.is_ascii_alphabetic() && !matches!(c, '+' | '-' | '.') {
            return None;
        }
        ascii.push(c);
    }
    if !run.is_empty() {
        ascii.push_str(&digits(&run)?);
    }
    ascii.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_int() {
        let int = |s: &str| py_int(s).map(serde_json::Value::Number);
        assert_eq!(int("+5"), Some(json!(5)));
        assert_eq!(int(" 7 "), Some(json!(7)));
        assert_eq!(int("1_000"), Some(json!(1000)));
        assert_eq!(int("-0"), Some(json!(0)));
        assert_eq!(int("007"), Some(json!(7)));
        assert_eq!(int("\u{663}"), Some(json!(3)));
        assert_eq!(int("-9223372036854775808"), Some(json!(i64::MIN)));
        assert_eq!(int("18446744073709551615"), Some(json!(u64::MAX)));
        assert_eq!(
            int("123456789012345678901234567890"),
            Some(json!(1.2345678901234568e29))
        );
        for bad in ["5.0", "0x10", "", "1__0", "_1", "1_", "+", "- 1", "1 2"] {
            assert_eq!(py_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn python_float() {
        assert_eq!(py_float(".5"), Some(0.5));
        assert_eq!(py_float("5."), Some(5.0));
        assert_eq!(py_float("1e3"), Some(1000.0));
        assert_eq!(py_float("1_0.5"), Some(10.5));
        assert_eq!(py_float(" -2.5E-1 "), Some(-0.25));
        assert!(py_float("-Infinity").is_some_and(f64::is_infinite));
        assert!(py_float("nan").is_some_and(f64::is_nan));
        for bad in ["abc", "1e", ".", "1__0", "0x1", "infinit"] {
            assert_eq!(py_float(bad), None, "{bad}");
        }
    }
}
