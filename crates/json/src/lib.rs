//! The strict JSON (RFC 8259) parser of idpool: it keeps the byte range of every value and key,
//! and every member of an object in document order, including keys given twice.
//!
//! It is also the one account of a syntax error that every idpool command gives: `validate`, a
//! `--cli-input-json` value, `to-cli` and a JSON option value all report the message and the
//! position of [`parse`]'s [`SyntaxError`], so the same mistake is at the same line and column
//! whichever command reads it.
//!
//! ```
//! let error = idpool_json::parse("{\"IdentityPoolName\": \"p\",}").unwrap_err();
//! assert_eq!(error.message, "a trailing comma");
//! assert_eq!(error.span, 24..25);
//! assert_eq!(idpool_json::line_column("{\"IdentityPoolName\": \"p\",}", error.span.start), (1, 25));
//! ```

#![deny(missing_docs)]

use std::borrow::Cow;
use std::ops::Range;

/// How deeply arrays and objects may nest: as in serde_json, which refuses the 128th level, so
/// that what this parser reads serde_json reads too.
pub const MAX_DEPTH: usize = 127;

/// A JSON value with the byte range it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'t> {
    /// The value.
    pub kind: Kind<'t>,
    /// Where it is in the text.
    pub span: Range<usize>,
}

/// A JSON value, without its range.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'t> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; its value is not kept.
    Number,
    /// A string, borrowed from the text unless it has escapes.
    String(Cow<'t, str>),
    /// An array.
    Array(Vec<Node<'t>>),
    /// An object: its members in document order, the last of a key given twice in place of
    /// the first.
    Object(Vec<Member<'t>>),
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'t> {
    /// The key, unescaped.
    pub key: Cow<'t, str>,
    /// Where the key is, quotes included.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Node<'t>,
    /// The span of an earlier key this member replaces (the last of the same keys wins).
    pub duplicate_of: Option<Range<usize>>,
}

impl Kind<'_> {
    /// The JSON type name, as messages use it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Number => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        }
    }
}

/// Why the text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What is wrong, such as `a trailing comma`.
    pub message: String,
    /// The bytes at fault; empty at the end of the text.
    pub span: Range<usize>,
    /// How to fix it, where that helps.
    pub help: Option<&'static str>,
}

/// The 1-based line and column of the byte `offset` of `text`; a column counts characters
/// (Unicode code points), as every position idpool prints does.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    (line, column)
}

/// Parses a whole document. The text must be UTF-8 (checked by the caller).
pub fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    parse_nested(text, 0)
}

/// Parses a value that stands `depth` arrays and objects deep in a document (1 for a member of
/// the top-level object), so that [`MAX_DEPTH`] counts from the document's root.
pub fn parse_nested(text: &str, depth: usize) -> Result<Node<'_>, SyntaxError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        depth,
    };
    if text.starts_with('\u{FEFF}') {
        return Err(SyntaxError {
            message: "the file starts with a byte-order mark".into(),
            span: 0..3,
            help: Some("save the file as UTF-8 without a byte-order mark"),
        });
    }
    parser.skip_ws();
    if parser.pos == parser.bytes.len() {
        return Err(parser.error_here(
            "the document is empty",
            Some("a request is a JSON object: `{...}`"),
        ));
    }
    let node = parser.value()?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error_here("unexpected text after the JSON value", None));
    }
    Ok(node)
}

/// Where the first byte of `bytes` that ends a run of plain string text is: a `"`, a `\\` or a
/// control character. The quote or backslash is found with `memchr`, then the run before it
/// checked for control characters.
fn special(bytes: &[u8]) -> Option<usize> {
    let quote_or_escape = memchr::memchr2(b'"', b'\\', bytes);
    let run = &bytes[..quote_or_escape.unwrap_or(bytes.len())];
    run.iter().position(|&b| b < 0x20).or(quote_or_escape)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    #[cold]
    fn error_here(&self, message: &str, help: Option<&'static str>) -> SyntaxError {
        let len = self.text[self.pos..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        SyntaxError {
            message: message.to_owned(),
            span: self.pos..self.pos + len,
            help,
        }
    }

    #[cold]
    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self.text[self.pos..].chars().next() {
            None => SyntaxError {
                message: format!("the document ends where {expected} should be"),
                span: self.pos..self.pos,
                help: Some("the file is truncated, or a bracket is not closed"),
            },
            Some(c) => {
                let shown = if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    format!("`{c}`")
                };
                self.error_here(&format!("expected {expected}, found {shown}"), None)
            }
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        let kind = match self.bytes.get(self.pos) {
            Some(b'{') => return self.object(),
            Some(b'[') => return self.array(),
            Some(b'"') => Kind::String(self.string()?),
            Some(b't') => self.literal("true", Kind::Bool(true))?,
            Some(b'f') => self.literal("false", Kind::Bool(false))?,
            Some(b'n') => self.literal("null", Kind::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node {
            kind,
            span: start..self.pos,
        })
    }

    fn literal(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, SyntaxError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(kind)
        } else {
            Err(self.unexpected("a value"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let start = self.pos;
        if self.bytes[self.pos] == b'-' {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.unexpected("a digit")),
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.unexpected("a digit after `.`"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected("a digit in the exponent"));
            }
        }
        // serde_json (and so the AWS CLI's request, as idpool builds it) reads every number as
        // a 64-bit integer or float, and refuses one beyond the range of a float.
        let number = &self.text[start..self.pos];
        if number.parse::<f64>().is_ok_and(f64::is_infinite) {
            return Err(SyntaxError {
                message: "a number beyond the range of a 64-bit float".into(),
                span: start..self.pos,
                help: None,
            });
        }
        Ok(Kind::Number)
    }

    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        // Most strings have no escape: they are borrowed from the text.
        let run = special(&self.bytes[self.pos..]);
        if let Some(run) = run
            && self.bytes[self.pos + run] == b'"'
        {
            let text = &self.text[self.pos..self.pos + run];
            self.pos += run + 1;
            return Ok(Cow::Borrowed(text));
        }
        let mut out = String::new();
        loop {
            let run = special(&self.bytes[self.pos..]);
            let Some(run) = run else {
                self.pos = self.bytes.len();
                return Err(SyntaxError {
                    message: "a string is not closed".into(),
                    span: open..open + 1,
                    help: Some("add the closing `\"`"),
                });
            };
            out.push_str(&self.text[self.pos..self.pos + run]);
            self.pos += run;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => self.escape(&mut out)?,
                _ => {
                    return Err(self.error_here(
                        "a control character inside a string",
                        Some("write it escaped, such as `\\n` or `\\t`"),
                    ));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let at = self.pos;
        // The backslash and the character after it, if any.
        let end = at + 1 + self.text[at + 1..].chars().next().map_or(0, char::len_utf8);
        let bad = |message: &str| SyntaxError {
            message: message.into(),
            span: at..end,
            help: None,
        };
        let c = match self.bytes.get(self.pos + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\x08',
            Some(b'f') => '\x0C',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 2;
                let high = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&high) {
                    if !self.text[self.pos..].starts_with("\\u") {
                        return Err(SyntaxError {
                            message: "a lone surrogate in a `\\u` escape".into(),
                            span: at..self.pos,
                            help: None,
                        });
                    }
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(SyntaxError {
                            message: "a lone surrogate in a `\\u` escape".into(),
                            span: at..self.pos,
                            help: None,
                        });
                    }
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    char::from_u32(high)
                };
                let c = c.ok_or_else(|| SyntaxError {
                    message: "a lone surrogate in a `\\u` escape".into(),
                    span: at..self.pos,
                    help: None,
                })?;
                out.push(c);
                return Ok(());
            }
            Some(_) => return Err(bad("an unknown escape in a string")),
            None => return Err(bad("a string is not closed")),
        };
        out.push(c);
        self.pos += 2;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits {
            Some(d) => {
                self.pos += 4;
                Ok(u32::from_str_radix(d, 16).expect("four hex digits"))
            }
            None => Err(self.unexpected("four hexadecimal digits")),
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(
                &format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
                None,
            ));
        }
        Ok(())
    }

    fn array(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                items.push(self.value()?);
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if self.bytes.get(self.pos) == Some(&b']') {
                            return Err(self.trailing_comma());
                        }
                    }
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("`,` or `]`")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            kind: Kind::Array(items),
            span: start..self.pos,
        })
    }

    #[cold]
    fn trailing_comma(&self) -> SyntaxError {
        let comma = self.text[..self.pos].rfind(',').unwrap_or(self.pos);
        SyntaxError {
            message: "a trailing comma".into(),
            span: comma..comma + 1,
            help: Some("remove the `,`: JSON allows none"),
        }
    }

    fn object(&mut self) -> Result<Node<'a>, SyntaxError> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut members: Vec<Member<'a>> = Vec::new();
        // Large objects find duplicate keys through a hash index, so parsing stays linear.
        let mut index: Option<std::collections::HashMap<Cow<'a, str>, usize>> = None;
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(self.unexpected("a member name in double quotes"));
                }
                let key_start = self.pos;
                let key = self.string()?;
                let key_span = key_start..self.pos;
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b':') {
                    return Err(self.unexpected("`:`"));
                }
                self.pos += 1;
                self.skip_ws();
                let value = self.value()?;
                let existing = match &index {
                    Some(index) => index.get(&key).copied(),
                    None => members.iter().position(|m| m.key == key),
                };
                match existing {
                    Some(i) => {
                        let first = members[i]
                            .duplicate_of
                            .clone()
                            .unwrap_or_else(|| members[i].key_span.clone());
                        members[i] = Member {
                            key,
                            key_span,
                            value,
                            duplicate_of: Some(first),
                        };
                    }
                    None => {
                        if let Some(index) = &mut index {
                            index.insert(key.clone(), members.len());
                        }
                        members.push(Member {
                            key,
                            key_span,
                            value,
                            duplicate_of: None,
                        });
                        if index.is_none() && members.len() == 16 {
                            index = Some(
                                members
                                    .iter()
                                    .enumerate()
                                    .map(|(i, m)| (m.key.clone(), i))
                                    .collect(),
                            );
                        }
                    }
                }
                self.skip_ws();
                match self.bytes.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.skip_ws();
                        if self.bytes.get(self.pos) == Some(&b'}') {
                            return Err(self.trailing_comma());
                        }
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("`,` or `}`")),
                }
            }
        }
        self.depth -= 1;
        Ok(Node {
            kind: Kind::Object(members),
            span: start..self.pos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn special_bytes_are_found_as_a_byte_scan_finds_them(
            bytes in proptest::collection::vec(
                proptest::sample::select(&b"ab\"\\\x00\x1f \x7f\xc3\xa9"[..]),
                0..40,
            ),
        ) {
            let scan = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            proptest::prop_assert_eq!(special(&bytes), scan);
        }
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().message
    }

    #[test]
    fn keeps_spans_and_the_last_of_duplicate_keys() {
        let node = parse(r#"{"a": 1, "b": [true, null], "a": "x"}"#).unwrap();
        let Kind::Object(members) = node.kind else {
            panic!()
        };
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].value.kind, Kind::String("x".into()));
        assert_eq!(members[0].duplicate_of, Some(1..4));
        assert_eq!(members[0].key_span, 28..31);
        assert_eq!(members[1].value.span, 14..26);
    }

    #[test]
    fn decodes_escapes() {
        let node = parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#).unwrap();
        assert_eq!(node.kind, Kind::String("a\"\\/\x08\x0C\n\r\té😀".into()));
        assert!(matches!(
            parse("\"plain\"").unwrap().kind,
            Kind::String(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn rejects_what_rfc_8259_rejects() {
        assert_eq!(error(""), "the document is empty");
        assert_eq!(error("  \n"), "the document is empty");
        assert_eq!(error("[1,]"), "a trailing comma");
        assert_eq!(error("{\"a\":1,}"), "a trailing comma");
        assert_eq!(
            error("{\"a\":"),
            "the document ends where a value should be"
        );
        assert_eq!(
            error("\u{FEFF}{}"),
            "the file starts with a byte-order mark"
        );
        assert_eq!(
            error("{'a':1}"),
            "expected a member name in double quotes, found `'`"
        );
        assert_eq!(error("01"), "unexpected text after the JSON value");
        assert_eq!(
            error("1."),
            "the document ends where a digit after `.` should be"
        );
        assert_eq!(error("\"a\tb\""), "a control character inside a string");
        assert_eq!(error("\"\\x\""), "an unknown escape in a string");
        assert_eq!(parse("\"\\").unwrap_err().span, 1..2);
        assert_eq!(parse("\"\\\u{e9}\"").unwrap_err().span, 1..4);
        assert_eq!(error("\"\\ud800\""), "a lone surrogate in a `\\u` escape");
        assert_eq!(error("{} {}"), "unexpected text after the JSON value");
        assert_eq!(error("nul"), "expected a value, found `n`");
        assert_eq!(error("\"abc"), "a string is not closed");
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(error(&deep).contains("nested more than 127 levels"));
        assert!(
            parse(&format!(
                "{}{}",
                "[".repeat(MAX_DEPTH),
                "]".repeat(MAX_DEPTH)
            ))
            .is_ok()
        );
        assert!(parse("-0.5e+10").is_ok());
        assert!(parse("1e308").is_ok());
        assert!(
            parse("1e-400").is_ok(),
            "a float too small is zero, as in serde_json"
        );
        assert_eq!(
            parse("[1, -1e400]").unwrap_err(),
            SyntaxError {
                message: "a number beyond the range of a 64-bit float".into(),
                span: 4..10,
                help: None,
            }
        );
        assert!(parse(&format!("1{}", "0".repeat(400))).is_err());
    }
}
