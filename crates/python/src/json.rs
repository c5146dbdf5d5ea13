//! Python's `json.dumps` as a `serde_json` [`Formatter`](serde_json::ser::Formatter): indent,
//! separators, `ensure_ascii`, and floats as Python writes them.
//!
//! [`to_string`] writes any `Serialize` value through serde_json's serializer with it;
//! [`dumps`] writes an [`Object`], which can also hold NaN, the infinities, ints beyond 64
//! bits and other objects (written with `default=str`), which serde_json's serializer cannot.

use crate::repr::float_repr;
use crate::value::{Kind, Object};
use serde_json::ser::{CharEscape, Formatter as _};
use std::io::{self, Write};

/// The options of `json.dumps` that shape its text, as a `serde_json` formatter.
///
/// [`Formatter::new`] is `json.dumps(value)`: one line, separators `", "` and `": "`, every
/// character outside printable ASCII escaped. As in Python, giving an indent changes the
/// default item separator to `","`.
///
/// ```
/// use idpool_python::json::{self, Formatter};
/// use serde_json::json;
///
/// let value = json!({"a": [1, 1e16], "é": {}});
/// assert_eq!(json::to_string(&value, Formatter::new())?, r#"{"a": [1, 1e+16], "\u00e9": {}}"#);
/// let aws = Formatter::new().indent(Some("    ")).ensure_ascii(false);
/// assert_eq!(json::to_string(&value, aws)?, "{\n    \"a\": [\n        1,\n        1e+16\n    ],\n    \"é\": {}\n}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Formatter<'a> {
    indent: Option<&'a str>,
    item_separator: &'a str,
    key_separator: &'a str,
    separators_given: bool,
    ensure_ascii: bool,
    level: usize,
    has_value: bool,
}

impl Default for Formatter<'_> {
    fn default() -> Self {
        Formatter::new()
    }
}

impl<'a> Formatter<'a> {
    /// `json.dumps`'s defaults: no indent, `separators=(', ', ': ')`, `ensure_ascii=True`.
    pub fn new() -> Self {
        Formatter {
            indent: None,
            item_separator: ", ",
            key_separator: ": ",
            separators_given: false,
            ensure_ascii: true,
            level: 0,
            has_value: false,
        }
    }

    /// `indent=`: the text of one level (Python's `indent=4` is `"    "`), `None` for one line.
    /// Unless separators were given, an indent makes the item separator `","`.
    pub fn indent(mut self, indent: Option<&'a str>) -> Self {
        self.indent = indent;
        if !self.separators_given {
            self.item_separator = if indent.is_some() { "," } else { ", " };
        }
        self
    }

    /// `separators=(item_separator, key_separator)`.
    pub fn separators(mut self, item_separator: &'a str, key_separator: &'a str) -> Self {
        self.item_separator = item_separator;
        self.key_separator = key_separator;
        self.separators_given = true;
        self
    }

    /// `ensure_ascii=`: whether every character outside printable ASCII is escaped (as
    /// `\uXXXX`, one per UTF-16 code unit), or only `"`, `\` and the C0 controls.
    pub fn ensure_ascii(mut self, ensure_ascii: bool) -> Self {
        self.ensure_ascii = ensure_ascii;
        self
    }

    fn newline<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        if let Some(indent) = self.indent {
            writer.write_all(b"\n")?;
            for _ in 0..self.level {
                writer.write_all(indent.as_bytes())?;
            }
        }
        Ok(())
    }

    fn begin_item<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if !first {
            writer.write_all(self.item_separator.as_bytes())?;
        }
        self.newline(writer)
    }

    fn end_container<W: ?Sized + Write>(&mut self, writer: &mut W, close: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline(writer)?;
        }
        writer.write_all(close)
    }

    /// Writes `text` as a JSON string: serde_json's escaping loop, for [`dumps`].
    fn write_str<W: ?Sized + Write>(&mut self, writer: &mut W, text: &str) -> io::Result<()> {
        self.begin_string(writer)?;
        let mut start = 0;
        for (at, byte) in text.bytes().enumerate() {
            let escape = match byte {
                b'"' => CharEscape::Quote,
                b'\\' => CharEscape::ReverseSolidus,
                b'\x08' => CharEscape::Backspace,
                b'\x0c' => CharEscape::FormFeed,
                b'\n' => CharEscape::LineFeed,
                b'\r' => CharEscape::CarriageReturn,
                b'\t' => CharEscape::Tab,
                0..0x20 => CharEscape::AsciiControl(byte),
                _ => continue,
            };
            if start < at {
                self.write_string_fragment(writer, &text[start..at])?;
            }
            self.write_char_escape(writer, escape)?;
            start = at + 1;
        }
        if start < text.len() {
            self.write_string_fragment(writer, &text[start..])?;
        }
        self.end_string(writer)
    }
}

/// A float as `json.dumps` writes it (`allow_nan=True`): its `repr`, but `NaN`, `Infinity` and
/// `-Infinity`.
///
/// ```
/// assert_eq!(idpool_python::json::float(1e-5), "1e-05");
/// assert_eq!(idpool_python::json::float(f64::NEG_INFINITY), "-Infinity");
/// ```
pub fn float(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        float_repr(value)
    }
}

impl serde_json::ser::Formatter for Formatter<'_> {
    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        // Python has no 32-bit float: the value as the `float` it converts to.
        self.write_f64(writer, f64::from(value))
    }

    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(float(value).as_bytes())
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !self.ensure_ascii {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, ch) in fragment.char_indices() {
            if (' '..='~').contains(&ch) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..at])?;
            for unit in ch.encode_utf16(&mut [0; 2]) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + ch.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        let text: &[u8] = match char_escape {
            CharEscape::Quote => b"\\\"",
            CharEscape::ReverseSolidus => b"\\\\",
            CharEscape::Solidus => b"\\/",
            CharEscape::Backspace => b"\\b",
            CharEscape::FormFeed => b"\\f",
            CharEscape::LineFeed => b"\\n",
            CharEscape::CarriageReturn => b"\\r",
            CharEscape::Tab => b"\\t",
            CharEscape::AsciiControl(byte) => return write!(writer, "\\u{byte:04x}"),
        };
        writer.write_all(text)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end_container(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.begin_item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end_container(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.begin_item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(self.key_separator.as_bytes())
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `json.dumps(value, ...)` of a `Serialize` value, through serde_json's serializer with
/// `formatter`. It fails where serde_json does (a map key that is not a string or a number).
///
/// ```
/// use idpool_python::json::{self, Formatter};
/// let compact = Formatter::new().separators(",", ":");
/// assert_eq!(json::to_string(&vec![0.5, 2.0], compact)?, "[0.5,2.0]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_string<T>(value: &T, formatter: Formatter<'_>) -> Result<String, serde_json::Error>
where
    T: serde::Serialize + ?Sized,
{
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer)?;
    // The serializer and the formatter write UTF-8 only.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned()))
}

/// `json.dumps(value, ..., default=str)` of an [`Object`]: NaN and the infinities as `NaN`,
/// `Infinity` and `-Infinity` (`allow_nan=True`), ints of any size, and any other object as
/// the string of its `str()`.
///
/// ```
/// use idpool_python::json::{self, Formatter};
/// use idpool_python::{Kind, Object};
///
/// #[derive(Clone, Copy)]
/// enum Val { Nan, Big }
/// impl Object for Val {
///     fn kind(&self) -> Kind<'_, Self> {
///         match self {
///             Val::Nan => Kind::Float(f64::NAN),
///             Val::Big => Kind::List(Box::new([Val::Nan].into_iter())),
///         }
///     }
/// }
/// assert_eq!(json::dumps(Val::Big, Formatter::new()), "[NaN]");
/// ```
pub fn dumps<V: Object>(value: V, mut formatter: Formatter<'_>) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` does not fail.
    let _ = write_value(&mut formatter, &mut out, value);
    String::from_utf8(out)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

fn write_value<V: Object>(
    formatter: &mut Formatter<'_>,
    out: &mut Vec<u8>,
    value: V,
) -> io::Result<()> {
    match value.kind() {
        Kind::None => formatter.write_null(out),
        Kind::Bool(flag) => formatter.write_bool(out, flag),
        Kind::Int(int) => formatter.write_i128(out, int),
        Kind::Float(float) => formatter.write_f64(out, float),
        Kind::Str(text) => formatter.write_str(out, text),
        Kind::Other(text) => formatter.write_str(out, &text),
        Kind::List(items) => {
            formatter.begin_array(out)?;
            for (index, item) in items.enumerate() {
                formatter.begin_array_value(out, index == 0)?;
                write_value(formatter, out, item)?;
                formatter.end_array_value(out)?;
            }
            formatter.end_array(out)
        }
        Kind::Dict(entries) => {
            formatter.begin_object(out)?;
            for (index, (key, item)) in entries.enumerate() {
                formatter.begin_object_key(out, index == 0)?;
                formatter.write_str(out, key)?;
                formatter.end_object_key(out)?;
                formatter.begin_object_value(out)?;
                write_value(formatter, out, item)?;
                formatter.end_object_value(out)?;
            }
            formatter.end_object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn aws(value: &Value) -> String {
        to_string(
            value,
            Formatter::new().indent(Some("    ")).ensure_ascii(false),
        )
        .unwrap()
    }

    #[test]
    fn json_indented_and_compact() {
        let value = json!({"a": [1, {"b": null}], "e": [], "f": {}, "s": "x\u{1b}\u{7f}\u{2028}"});
        assert_eq!(
            aws(&value),
            "{\n    \"a\": [\n        1,\n        {\n            \"b\": null\n        }\n    ],\n    \
             \"e\": [],\n    \"f\": {},\n    \"s\": \"x\\u001b\u{7f}\u{2028}\"\n}"
        );
        let one_line = Formatter::new().ensure_ascii(false);
        assert_eq!(
            to_string(&value, one_line.clone()).unwrap(),
            "{\"a\": [1, {\"b\": null}], \"e\": [], \"f\": {}, \"s\": \"x\\u001b\u{7f}\u{2028}\"}"
        );
        assert_eq!(
            to_string(&json!("\u{8}\u{c}\"\\"), one_line).unwrap(),
            "\"\\b\\f\\\"\\\\\""
        );
    }

    #[test]
    fn indent_zero_is_newlines_without_indentation() {
        // json.dumps([1, [2]], indent=0)
        let text = to_string(&json!([1, [2]]), Formatter::new().indent(Some(""))).unwrap();
        assert_eq!(text, "[\n1,\n[\n2\n]\n]");
    }

    #[test]
    fn separators_given_before_an_indent_are_kept() {
        // json.dumps([1, 2], separators=(", ", ": "), indent=1)
        let formatter = Formatter::new().separators(", ", ": ").indent(Some(" "));
        assert_eq!(
            to_string(&json!([1, 2]), formatter).unwrap(),
            "[\n 1, \n 2\n]"
        );
    }

    #[test]
    fn without_ensure_ascii_escapes_controls_only() {
        let text = dumps(
            &json!("x\u{1b}\u{7f}\u{2028}é"),
            Formatter::new().ensure_ascii(false),
        );
        assert_eq!(text, "\"x\\u001b\u{7f}\u{2028}é\"");
    }

    #[test]
    fn ensure_ascii_escapes_utf16_units() {
        let text = dumps(
            &json!("\u{e9}\u{1F600}\u{7f}\u{1} ~\u{8}\u{c}\"\\"),
            Formatter::new(),
        );
        assert_eq!(
            text,
            "\"\\u00e9\\ud83d\\ude00\\u007f\\u0001 ~\\b\\f\\\"\\\\\""
        );
    }

    #[test]
    fn floats_as_python_writes_them() {
        assert_eq!(float(f64::NAN), "NaN");
        assert_eq!(float(f64::INFINITY), "Infinity");
        assert_eq!(float(1e16), "1e+16");
        let compact = Formatter::new().separators(",", ":");
        assert_eq!(
            to_string(&json!({"k": [1.0, 1e16, 1e-05, -0.0]}), compact).unwrap(),
            "{\"k\":[1.0,1e+16,1e-05,-0.0]}"
        );
    }

    /// Strategy for JSON values with every kind of scalar (floats only if `floats`), nested a
    /// few levels.
    fn values(floats: bool) -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(move |f| if floats {
                    Value::from(f)
                } else {
                    Value::from(f as i64)
                }),
            "\\PC{0,8}|[\\x00-\\x7f]{0,8}".prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(("\\PC{0,6}", inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    /// Equality, but floats only nearly: serde_json's parser (without its `float_roundtrip`
    /// feature) is not correctly rounded and may be a few ulps off. That floats are written
    /// exactly is `float_repr_round_trips`, checked with the standard library's parser.
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
                let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
                (x - y).abs() <= x.abs().max(y.abs()) * 1e-14
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|((k, x), (l, y))| k == l && same(x, y))
            }
            _ => a == b,
        }
    }

    proptest::proptest! {
        /// Every layout parses back with serde_json to the same value, and the walker over
        /// [`Object`] writes what serde_json's serializer writes through the formatter.
        #[test]
        fn output_parses_back(value in values(true), indent in proptest::option::of("[ \t]{0,3}"), ensure_ascii: bool, compact: bool) {
            let mut formatter = Formatter::new().ensure_ascii(ensure_ascii);
            if compact {
                formatter = formatter.separators(",", ":");
            }
            let formatter = formatter.indent(indent.as_deref());
            let text = to_string(&value, formatter.clone()).unwrap();
            let back: Value = serde_json::from_str(&text).unwrap();
            proptest::prop_assert!(same(&back, &value), "{} read back as {}", text, back);
            proptest::prop_assert_eq!(dumps(&value, formatter), text.clone());
            if ensure_ascii {
                proptest::prop_assert!(text.bytes().all(|b| (b' '..=b'~').contains(&b) || b == b'\n' || b == b'\t'), "{}", text);
            }
        }

        /// Without floats (which serde_json writes in its own way), the compact layout without
        /// `ensure_ascii` is serde_json's own text.
        #[test]
        fn compact_is_serde_jsons_without_floats(value in values(false)) {
            let ours = to_string(&value, Formatter::new().separators(",", ":").ensure_ascii(false)).unwrap();
            proptest::prop_assert_eq!(ours, serde_json::to_string(&value).unwrap());
        }
    }
}
