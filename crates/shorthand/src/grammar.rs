//! The shorthand grammar of the AWS CLI v1 (`awscli/shorthand.py`), one function per rule.
//!
//! The grammar is written down in ABNF in `docs/shorthand.md` and again above each function. It is
//! a port of the AWS CLI's recursive-descent parser, quirks included: the same character classes,
//! the same whitespace rules, the same backtracking in comma lists, the same error positions.

use crate::error::{Error, ErrorKind, Expected, Found, Warning, WarningKind};
use crate::tree::{Entry, Map, Value, ValueKind};
use crate::{FileKind, Loaded, MAX_DEPTH, Resolver};
use nom::bytes::complete::take_while;
use nom::error::{ErrorKind as NomKind, ParseError};
use nom::{IResult, Parser};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// Why a rule stopped. `nom::Err::Error` is a syntax error that the two places the AWS CLI
/// recovers from (`@` and comma lists) may catch; `nom::Err::Failure` is final.
#[derive(Debug)]
pub(crate) enum Stop {
    /// A syntax error `rest` bytes before the end of the input.
    Syntax {
        expected: Expected,
        found: Found,
        rest: usize,
    },
    /// A final error, already located.
    Fatal(Box<Error>),
    /// A nom combinator failed `rest` bytes before the end; the rules turn these into `Syntax`.
    Nom { rest: usize },
}

impl ParseError<&str> for Stop {
    fn from_error_kind(input: &str, _: NomKind) -> Self {
        Stop::Nom { rest: input.len() }
    }

    fn append(_: &str, _: NomKind, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, Stop>;

/// A syntax error at `input`: what was expected, and the character found there.
#[cold]
fn expected<T>(what: Expected, input: &str) -> PResult<'_, T> {
    let found = input.chars().next().map_or(Found::End, Found::Char);
    Err(nom::Err::Error(Stop::Syntax {
        expected: what,
        found,
        rest: input.len(),
    }))
}

/// A syntax error for a regex-like token that did not match (the AWS CLI's `<none>`).
#[cold]
fn nothing<T>(what: Expected, input: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(Stop::Syntax {
        expected: what,
        found: Found::Nothing,
        rest: input.len(),
    }))
}

/// ```abnf
/// ws = *( SP / HTAB / LF / CR / %x0B / %x0C )   ; Python's string.whitespace: ASCII only
/// ```
fn ws(input: &str) -> &str {
    let skip = input
        .bytes()
        .position(|b| !class(b, WS))
        .unwrap_or(input.len());
    &input[skip..]
}

/// One expected ASCII character: `=`, `,`, `[`, `]`, `{`, `}`.
#[inline]
fn expect(c: u8, input: &str) -> PResult<'_, char> {
    match input.as_bytes().first() {
        Some(&b) if b == c => Ok((&input[1..], char::from(c))),
        _ => expected(Expected::Char(char::from(c)), input),
    }
}

/// Membership of the ASCII characters in the grammar's classes, one bit a class.
const KEY: u8 = 1;
const WS: u8 = 2;
const START: u8 = 4;
const FOLLOW1: u8 = 8;
const FOLLOW2: u8 = 16;
const PY_SPACE: u8 = 32;

const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        let mut bits = 0;
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'#' | b'/' | b':') {
            bits |= KEY;
        }
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            bits |= WS;
        }
        let py_space = matches!(b, 0x09..=0x0D | 0x1C..=0x20);
        if py_space {
            bits |= PY_SPACE;
        }
        if matches!(b, 0x21 | 0x23..=0x26 | 0x28..=0x2B | 0x2D..=0x3C | 0x3E..=0x5A | 0x5C..=0x7A | 0x7C..=0x7F)
        {
            bits |= START;
        }
        if py_space
            || matches!(b, 0x21 | 0x23..=0x26 | 0x28..=0x2B | 0x2D..=0x5C | 0x5E..=0x7C | 0x7E..=0x7F)
        {
            bits |= FOLLOW1;
        }
        if py_space || matches!(b, 0x21 | 0x23..=0x26 | 0x28..=0x2B | 0x2D..=0x3C | 0x3E..=0x7F) {
            bits |= FOLLOW2;
        }
        table[c] = bits;
        c += 1;
    }
    table
};

/// Whether the ASCII byte `b` is in the class `bit` (false for any other byte).
fn class(b: u8, bit: u8) -> bool {
    b < 128 && ASCII[b as usize] & bit != 0
}

/// ```abnf
/// key-char = ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":"
/// key      = *key-char                  ; may be empty
/// ```
fn is_key_char(c: char) -> bool {
    c.is_ascii() && class(c as u8, KEY)
}

/// Python's `str.isspace()`, which `rstrip()` and the `\s` of the value classes use.
pub(crate) fn is_py_space(c: char) -> bool {
    idpool_python::is_space(c)
}

/// ```abnf
/// start   = %x21 / %x23-26 / %x28-2B / %x2D-3C / %x3E-5A / %x5C-7A / %x7C-FFFF
///           ; the Basic Multilingual Plane but controls, space, DQUOTE, "'", ",", "=", "[", "{"
/// follow1 = py-space / %x21 / %x23-26 / %x28-2B / %x2D-5C / %x5E-7C / %x7E-FFFF
///           ; no DQUOTE, "'", ",", "]", "}"
/// follow2 = py-space / %x21 / %x23-26 / %x28-2B / %x2D-3C / %x3E-FFFF
///           ; no DQUOTE, "'", ",", "="
/// ```
/// Outside ASCII, the three classes are the whole Basic Multilingual Plane.
#[cfg(test)]
fn in_class(c: char, bit: u8) -> bool {
    if c.is_ascii() {
        class(c as u8, bit)
    } else {
        c <= '\u{FFFF}'
    }
}

/// The state of one parse: the whole input (for offsets), the `@=` flag, the nesting depth and
/// the warnings so far.
pub(crate) struct Grammar<'a, 'r> {
    whole: &'a str,
    /// The input shared by the errors and warnings, made when the first one is.
    shared: Option<Arc<str>>,
    resolver: &'r dyn Resolver,
    /// Set by `key@=`, reset by every key: while set, values naming `file://` or `fileb://` are
    /// loaded. Like the AWS CLI's flag it is not restored when a `{...}` closes.
    resolve_files: bool,
    depth: usize,
    pub(crate) warnings: Vec<Warning>,
}

impl<'a, 'r> Grammar<'a, 'r> {
    pub(crate) fn new(input: &'a str, resolver: &'r dyn Resolver) -> Self {
        Self {
            whole: input,
            shared: None,
            resolver,
            resolve_files: false,
            depth: 0,
            warnings: Vec::new(),
        }
    }

    fn offset(&self, rest: &str) -> usize {
        self.whole.len() - rest.len()
    }

    fn span(&self, from: &str, to: &str) -> Range<usize> {
        self.offset(from)..self.offset(to)
    }

    fn shared(&mut self) -> Arc<str> {
        self.shared
            .get_or_insert_with(|| Arc::from(self.whole))
            .clone()
    }

    fn warn(&mut self, kind: WarningKind, span: Range<usize>) {
        let input = self.shared();
        self.warnings.push(Warning::new(kind, span, input));
    }

    #[cold]
    fn fatal(&mut self, kind: ErrorKind, span: Range<usize>) -> nom::Err<Stop> {
        nom::Err::Failure(Stop::Fatal(Box::new(Error::new(kind, span, self.shared()))))
    }

    /// Turns a stop into the public error, with a hint where one helps.
    pub(crate) fn error(&mut self, stop: Stop) -> Error {
        let (expected, found, rest) = match stop {
            Stop::Fatal(error) => return *error,
            Stop::Syntax {
                expected,
                found,
                rest,
            } => (expected, found, rest),
            Stop::Nom { rest } => {
                let at = &self.whole[self.whole.len() - rest..];
                (
                    Expected::Char('='),
                    at.chars().next().map_or(Found::End, Found::Char),
                    rest,
                )
            }
        };
        let start = self.whole.len() - rest;
        let len = match found {
            Found::Char(c) => c.len_utf8(),
            _ => 0,
        };
        let error = Error::new(
            ErrorKind::Syntax { expected, found },
            start..start + len,
            self.shared(),
        );
        match self.hint(expected, found, start) {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }

    fn hint(&self, expected: Expected, found: Found, at: usize) -> Option<String> {
        let before = self.whole[..at].trim_end_matches([' ', '\t', '\n', '\r']);
        match (expected, found) {
            (Expected::SingleQuoted, _) => Some("add the closing `'`".into()),
            (Expected::DoubleQuoted, _) => Some("add the closing `\"`".into()),
            (Expected::ListItem, Found::Nothing) if at == self.whole.len() => {
                Some("remove the trailing `,`".into())
            }
            (Expected::Char(','), Found::End)
                if before.len() < at && (before.ends_with(']') || before.ends_with('}')) =>
            {
                Some("remove the whitespace after the closing bracket".into())
            }
            (Expected::Char(','), Found::End)
                if self.warnings.iter().any(|w| matches!(w.kind(), WarningKind::BracketAsValue { .. })) =>
            {
                Some("a `]` or `}` right after `=` is read as the value; write `''` for an empty value".into())
            }
            (Expected::Char(',') | Expected::Char('='), Found::Char(c)) if c > '\u{FFFF}' => Some(
                "characters outside the Basic Multilingual Plane (such as emoji) must be quoted".into(),
            ),
            (Expected::Char(','), Found::Char(c @ ('=' | '"' | '\''))) => Some(format!(
                "a value containing `{c}` must be quoted: `key=\"...\"`, with `\\\"` for a `\"` inside"
            )),
            (Expected::Char(','), Found::Char(c @ (']' | '}'))) => {
                Some(format!("this `{c}` closes nothing: remove it, or quote the value it belongs to"))
            }
            (Expected::Char('='), Found::End) => Some("every item needs a value: `key=value`".into()),
            (Expected::Char('='), Found::Char(c)) if c == ' ' || !is_key_char(c) => Some(
                "a key may hold only letters, digits and `-_.#/:`, and must be followed by `=`".into(),
            ),
            _ => None,
        }
    }

    /// ```abnf
    /// parameter = keyval *( ws "," ws keyval )
    /// ```
    /// A key given twice is an error here (at the top level only).
    pub(crate) fn parameter(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        let mut map = Map::new();
        let mut rest = self.keyval(input, &mut map, input)?;
        while !rest.is_empty() {
            let (after, _) = expect(b',', ws(rest))?;
            rest = self.keyval(ws(after), &mut map, rest)?;
        }
        Ok((
            rest,
            Value::new(ValueKind::Map(map), self.span(input, rest)),
        ))
    }

    /// ```abnf
    /// keyval = key ws [ "@" ws ] "=" ws values   ; "@" loads file:// and fileb:// values
    /// ```
    /// Adds the keyval to the top-level `map`, where a key given twice is an error;
    /// `previous_end` is where the previous keyval ended, for the AWS CLI's error position.
    fn keyval(
        &mut self,
        input: &'a str,
        map: &mut Map<'a>,
        previous_end: &'a str,
    ) -> Result<&'a str, nom::Err<Stop>> {
        let (rest, (key_span, key)) = self.key_and_marker(input)?;
        let (rest, value) = self.values(rest)?;
        if let Some(first) = map.get(key) {
            let first = first.key_span.clone();
            return Err(self.duplicate_key(key, first, key_span, previous_end));
        }
        map.insert(Entry {
            key: Cow::Borrowed(key),
            key_span,
            value,
        });
        Ok(rest)
    }

    /// A top-level key given twice. The AWS CLI points one character past the end of the
    /// previous keyval.
    #[cold]
    fn duplicate_key(
        &mut self,
        key: &str,
        first: Range<usize>,
        key_span: Range<usize>,
        previous_end: &'a str,
    ) -> nom::Err<Stop> {
        let key = key.to_owned();
        let aws_index = self.whole[..self.offset(previous_end)].chars().count() + 1;
        let hint = "a key may be given once; if these are two items of a list, separate \
                    them with a space, not a comma: `ProviderName=a,ClientId=b ProviderName=c,ClientId=d`";
        let error = Error::new(
            ErrorKind::DuplicateKey { key, first },
            key_span,
            self.shared(),
        )
        .with_aws_index(aws_index)
        .with_hint(hint);
        nom::Err::Failure(Stop::Fatal(Box::new(error)))
    }

    /// `key ws [ "@" ws ] "=" ws`, shared by `keyval` and `hash-literal`.
    fn key_and_marker(&mut self, input: &'a str) -> PResult<'a, (Range<usize>, &'a str)> {
        let (rest, key) = take_while(is_key_char).parse(input)?;
        let span = self.span(input, rest);
        let rest = ws(rest);
        self.resolve_files = rest.starts_with('@');
        let rest = if self.resolve_files {
            ws(&rest[1..])
        } else {
            rest
        };
        let (rest, _) = expect(b'=', rest)?;
        Ok((ws(rest), (span, key)))
    }

    /// ```abnf
    /// values = explicit-list / hash-literal / csv-value   ; nothing at the end: ""
    /// ```
    fn values(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.chars().next() {
            None => Ok((
                input,
                Value::new(
                    ValueKind::String(Cow::Borrowed("")),
                    self.span(input, input),
                ),
            )),
            Some('[') => self.explicit_list(input),
            Some('{') => self.hash_literal(input),
            Some(_) => self.csv_value(input),
        }
    }

    /// ```abnf
    /// csv-value = first-value ws [ "," ws second-value *( ws "," ws second-value ) ]
    /// ```
    /// One item gives a string, more give a list. When a later item turns out to be the next
    /// key (`a=b,c=d`), the list ends at the last `,` at or before the point of failure, as the
    /// AWS CLI's backtracking does; the text it skips is dropped and reported.
    fn csv_value(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        let (rest, first) = self.first_value(input, false)?;
        let rest = ws(rest);
        if !rest.starts_with(',') {
            return Ok((rest, first));
        }
        // The items after the first; most comma lists end at once, at the next key.
        let mut more = Vec::new();
        // Where the last accepted item ended: the `,` after it.
        let mut item_end = rest;
        let mut cursor = ws(&rest[1..]);
        loop {
            match self.csv_item(cursor) {
                Ok((after, (value, None))) => {
                    more.push(value);
                    cursor = after;
                    break;
                }
                Ok((after, (value, Some(end)))) => {
                    more.push(value);
                    item_end = end;
                    cursor = after;
                }
                Err(nom::Err::Error(Stop::Fatal(error))) => {
                    return Err(nom::Err::Failure(Stop::Fatal(error)));
                }
                Err(nom::Err::Error(stop)) => {
                    let (Stop::Syntax { rest, .. } | Stop::Nom { rest }) = stop else {
                        return Err(nom::Err::Error(stop));
                    };
                    let at = self.whole.len() - rest;
                    if at == self.whole.len() {
                        return Err(nom::Err::Error(stop));
                    }
                    // Back to the `,` at or before the failure: this is where the next keyval
                    // starts (after its separating comma).
                    let comma = if self.whole[at..].starts_with(',') {
                        at
                    } else {
                        self.whole[..at]
                            .rfind(',')
                            .expect("a `,` was consumed before")
                    };
                    let skipped = &self.whole[self.offset(item_end)..comma];
                    if skipped.chars().any(|c| !is_py_space(c)) {
                        let text = skipped.to_owned();
                        let start = self.offset(item_end);
                        self.warn(WarningKind::Dropped { text }, start..comma);
                    }
                    cursor = &self.whole[comma..];
                    break;
                }
                Err(other) => return Err(other),
            }
        }
        if more.is_empty() {
            return Ok((cursor, first));
        }
        let mut items = Vec::with_capacity(more.len() + 1);
        items.push(first);
        items.append(&mut more);
        let span = items[0].span.start..items[items.len() - 1].span.end;
        self.warn(WarningKind::CommaList { items: items.len() }, span.clone());
        Ok((cursor, Value::new(ValueKind::List(items), span)))
    }

    /// One further item of a csv-value and what follows it: `second-value ws ( end / "," ws )`.
    /// Returns where the item ended when a `,` follows (`None` at the end of the input).
    fn csv_item(&mut self, input: &'a str) -> PResult<'a, (Value<'a>, Option<&'a str>)> {
        // The usual way a comma list ends is the next key: `a=b,c=d` fails at the `=`. Without
        // files to load there is nothing to build for that item, so look ahead first.
        if !self.resolve_files
            && !input.starts_with(['\'', '"'])
            && let Some((rest, _)) = unquoted(input, FOLLOW2)
        {
            let rest = ws(rest);
            if !rest.is_empty() && !rest.starts_with(',') {
                return expected(Expected::Char(','), rest);
            }
        }
        let (rest, value) = self.second_value(input)?;
        let rest = ws(rest);
        if rest.is_empty() {
            return Ok((rest, (value, None)));
        }
        let (after, _) = expect(b',', rest)?;
        Ok((ws(after), (value, Some(rest))))
    }

    /// ```abnf
    /// first-value = single-quoted / double-quoted / unquoted1 / ""
    /// unquoted1   = ( "\," / start ) *( "\," / follow1 )
    /// ```
    /// `in_brackets` says whether the value is an item of `[...]` or `{...}`.
    fn first_value(&mut self, input: &'a str, in_brackets: bool) -> PResult<'a, Value<'a>> {
        match input.chars().next() {
            Some('\'') => self.quoted(input, '\''),
            Some('"') => self.quoted(input, '"'),
            _ => match unquoted(input, FOLLOW1) {
                Some((rest, token)) => {
                    if in_brackets && (token.raw.starts_with(']') || token.raw.starts_with('}')) {
                        let bracket = token.raw.chars().next().expect("not empty");
                        let at = self.offset(input);
                        self.warn(WarningKind::BracketAsValue { bracket }, at..at + 1);
                    }
                    let value = self.unquoted_value(input, token, rest)?;
                    Ok((rest, value))
                }
                None => {
                    let span = self.span(input, input);
                    Ok((
                        input,
                        Value::new(ValueKind::String(Cow::Borrowed("")), span),
                    ))
                }
            },
        }
    }

    /// ```abnf
    /// second-value = single-quoted / double-quoted / unquoted2
    /// unquoted2    = ( "\," / start ) *( "\," / follow2 )
    /// ```
    fn second_value(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.chars().next() {
            Some('\'') => self.quoted(input, '\''),
            Some('"') => self.quoted(input, '"'),
            _ => match unquoted(input, FOLLOW2) {
                Some((rest, token)) => {
                    let value = self.unquoted_value(input, token, rest)?;
                    Ok((rest, value))
                }
                None => nothing(Expected::ListItem, input),
            },
        }
    }

    /// The value of an unquoted token: `\,` becomes `,`, trailing whitespace is removed.
    fn unquoted_value(
        &mut self,
        input: &'a str,
        token: Unquoted<'a>,
        rest: &'a str,
    ) -> Result<Value<'a>, nom::Err<Stop>> {
        let raw = token.raw;
        let span = self.span(input, rest);
        let kept = raw.trim_end_matches(is_py_space);
        if kept.len() < raw.len() && !matches!(rest.chars().next(), Some(',' | ']' | '}')) {
            self.warn(
                WarningKind::TrailingWhitespace,
                span.start + kept.len()..span.end,
            );
        }
        // `\,` becomes `,` before the whitespace at the end is removed, so `a\, ` keeps its comma.
        let text = if token.escaped_comma {
            Cow::Owned(
                raw.replace("\\,", ",")
                    .trim_end_matches(is_py_space)
                    .to_owned(),
            )
        } else {
            Cow::Borrowed(kept)
        };
        self.load(text, span)
    }

    /// ```abnf
    /// single-quoted = "'" *( "\'" / %x00-26 / %x28-10FFFF ) "'"
    /// double-quoted = DQUOTE *( "\" DQUOTE / %x00-21 / %x23-10FFFF ) DQUOTE
    /// ```
    /// `\'` (or `\"`) stands for the quote and then `\\` for a backslash. Like the AWS CLI's
    /// regex, when no plain quote closes the value before the end of the input, it closes at
    /// the quote of the last escape (`'abc\'` is `abc\`).
    fn quoted(&mut self, input: &'a str, quote: char) -> PResult<'a, Value<'a>> {
        let body = &input[1..];
        let bytes = body.as_bytes();
        let quote_byte = quote as u8;
        let mut last_escaped_quote = None;
        let mut close = None;
        let mut i = 0;
        while let Some(offset) = memchr::memchr2(quote_byte, b'\\', &bytes[i..]) {
            i += offset;
            if bytes[i] == quote_byte {
                close = Some(i);
                break;
            }
            if bytes.get(i + 1) == Some(&quote_byte) {
                last_escaped_quote = Some(i + 1);
                i += 2;
            } else {
                i += 1;
            }
        }
        let Some(close) = close.or(last_escaped_quote) else {
            let what = if quote == '\'' {
                Expected::SingleQuoted
            } else {
                Expected::DoubleQuoted
            };
            return nothing(what, input);
        };
        let raw = &body[..close];
        let text = if raw.contains('\\') {
            let escaped_quote = if quote == '"' { "\\\"" } else { "\\'" };
            let plain_quote = if quote == '"' { "\"" } else { "'" };
            Cow::Owned(
                raw.replace(escaped_quote, plain_quote)
                    .replace("\\\\", "\\"),
            )
        } else {
            Cow::Borrowed(raw)
        };
        let rest = &body[close + 1..];
        let value = self.load(text, self.span(input, rest))?;
        Ok((rest, value))
    }

    /// Loads a `file://` or `fileb://` value when the `@=` flag is set.
    #[inline]
    fn load(
        &mut self,
        text: Cow<'a, str>,
        span: Range<usize>,
    ) -> Result<Value<'a>, nom::Err<Stop>> {
        if !self.resolve_files {
            return Ok(Value::new(ValueKind::String(text), span));
        }
        self.load_file(text, span)
    }

    /// The `@=` case of [`Self::load`].
    #[cold]
    #[inline(never)]
    fn load_file(
        &mut self,
        text: Cow<'a, str>,
        span: Range<usize>,
    ) -> Result<Value<'a>, nom::Err<Stop>> {
        let (kind, path) = if let Some(path) = text.strip_prefix("file://") {
            (FileKind::Text, path)
        } else if let Some(path) = text.strip_prefix("fileb://") {
            (FileKind::Binary, path)
        } else {
            return Ok(Value::new(ValueKind::String(text), span));
        };
        match self.resolver.load(path, kind) {
            Ok(Loaded::Text(s)) => Ok(Value::new(ValueKind::String(Cow::Owned(s)), span)),
            Ok(Loaded::Bytes(b)) => Ok(Value::new(ValueKind::Bytes(b), span)),
            Err(error) => Err(self.fatal(
                ErrorKind::File {
                    uri: text.into_owned(),
                    error,
                },
                span,
            )),
        }
    }

    fn enter(&mut self, input: &'a str) -> Result<(), nom::Err<Stop>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let at = self.offset(input);
            return Err(self.fatal(ErrorKind::TooDeep { limit: MAX_DEPTH }, at..at + 1));
        }
        Ok(())
    }

    /// ```abnf
    /// explicit-list = "[" ws *( explicit-value ws ( "," ws / &"]" ) ) "]"
    /// ```
    /// An item that is not there is `""`: `[,]` is `[""]`, and a trailing `,` is allowed.
    fn explicit_list(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        self.enter(input)?;
        let (mut rest, _) = expect(b'[', input)?;
        rest = ws(rest);
        let mut items = Vec::new();
        while !rest.starts_with(']') {
            let (after, item) = self.explicit_value(rest)?;
            items.push(item);
            rest = ws(after);
            if !rest.starts_with(']') {
                let (after, _) = expect(b',', rest)?;
                rest = ws(after);
            }
        }
        let (rest, _) = expect(b']', rest)?;
        self.depth -= 1;
        Ok((
            rest,
            Value::new(ValueKind::List(items), self.span(input, rest)),
        ))
    }

    /// ```abnf
    /// hash-literal = "{" ws *( key ws [ "@" ws ] "=" ws explicit-value ws ( "," ws / &"}" ) ) "}"
    /// ```
    /// A key given twice keeps its first position and its last value.
    fn hash_literal(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        self.enter(input)?;
        let (mut rest, _) = expect(b'{', input)?;
        rest = ws(rest);
        let mut map = Map::new();
        while !rest.starts_with('}') {
            let (after, (key_span, key)) = self.key_and_marker(rest)?;
            let (after, value) = self.explicit_value(after)?;
            rest = ws(after);
            if !rest.starts_with('}') {
                let (after, _) = expect(b',', rest)?;
                rest = ws(after);
            }
            map.insert(Entry {
                key: Cow::Borrowed(key),
                key_span,
                value,
            });
        }
        let (rest, _) = expect(b'}', rest)?;
        self.depth -= 1;
        Ok((
            rest,
            Value::new(ValueKind::Map(map), self.span(input, rest)),
        ))
    }

    /// ```abnf
    /// explicit-value = explicit-list / hash-literal / first-value   ; no csv lists inside
    /// ```
    fn explicit_value(&mut self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.chars().next() {
            Some('[') => self.explicit_list(input),
            Some('{') => self.hash_literal(input),
            _ => self.first_value(input, true),
        }
    }
}

/// The longest unquoted token at the start of `input`: `( "\," / start ) *( "\," / follow )`,
/// where `follow` is [`FOLLOW1`] or [`FOLLOW2`]. Returns the rest and the raw token, or `None`
/// when not even one character matches.
fn unquoted(input: &str, follow: u8) -> Option<(&str, Unquoted<'_>)> {
    let bytes = input.as_bytes();
    let mut end = 0;
    let mut bit = START;
    let mut escaped_comma = false;
    while let Some(&b) = bytes.get(end) {
        if b == b'\\' && bytes.get(end + 1) == Some(&b',') {
            end += 2;
            escaped_comma = true;
        } else if b < 0x80 {
            if !class(b, bit) {
                break;
            }
            end += 1;
        } else if b >= 0xF0 {
            // Outside the Basic Multilingual Plane: never part of an unquoted value.
            break;
        } else {
            end += if b >= 0xE0 { 3 } else { 2 };
        }
        bit = follow;
    }
    (end > 0).then(|| {
        (
            &input[end..],
            Unquoted {
                raw: &input[..end],
                escaped_comma,
            },
        )
    })
}

/// The raw text of an unquoted token, and whether it holds a `\,`.
#[derive(Clone, Copy)]
struct Unquoted<'a> {
    raw: &'a str,
    escaped_comma: bool,
}

#[cfg(test)]
mod tests {
    use crate::{ErrorKind, Expected, Found, WarningKind, parse};
    use serde_json::json;

    /// `gives!(name, input, json)`: `input` parses to `json`.
    macro_rules! gives {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let parsed = parse($input).unwrap_or_else(|e| panic!("{}", e.render()));
                assert_eq!(parsed.value.to_json(), $expected);
            }
        };
    }

    /// `fails!(name, input, aws_message)`: `input` is rejected with the AWS CLI's message.
    macro_rules! fails {
        ($name:ident, $input:expr, $aws:expr) => {
            #[test]
            fn $name() {
                let error = parse($input).unwrap_err();
                assert_eq!(error.aws_message().unwrap(), $aws);
            }
        };
    }

    gives!(
        cip_basic,
        "ProviderName=a,ClientId=b,ServerSideTokenCheck=false",
        json!({"ProviderName": "a", "ClientId": "b", "ServerSideTokenCheck": "false"})
    );
    gives!(empty_key, "=bar", json!({"": "bar"}));
    gives!(empty_value_at_end, "foo=", json!({"foo": ""}));
    gives!(
        csv_list,
        "foo=a,b,bar=c,d",
        json!({"foo": ["a", "b"], "bar": ["c", "d"]})
    );
    gives!(
        double_comma_is_skipped,
        "a=b,,c=d",
        json!({"a": "b", "c": "d"})
    );
    gives!(
        escaped_comma_lost_in_backtrack,
        "a=x,b\\,c=d",
        json!({"a": "x", "c": "d"})
    );
    gives!(equals_inside_value, "foo=a=b", json!({"foo": "a=b"}));
    gives!(space_inside_value, "a=b c=d", json!({"a": "b c=d"}));
    gives!(bracket_as_value, "a={b=}}", json!({"a": {"b": "}"}}));
    gives!(explicit_list_empty_items, "a=[,b]", json!({"a": ["", "b"]}));
    gives!(explicit_list_trailing_comma, "a=[a,]", json!({"a": ["a"]}));
    gives!(
        hash_last_wins_first_position,
        "a={k=1,j=2,k=3}",
        json!({"a": {"k": "3", "j": "2"}})
    );
    gives!(
        quoted_backtracks_to_last_escape,
        "foo='abc\\'",
        json!({"foo": "abc\\"})
    );
    gives!(
        quoted_escapes_in_order,
        "a='x\\\\'y'",
        json!({"a": "x\\'y"})
    );
    gives!(
        unicode_trailing_space_stripped,
        "foo=\u{a0}bar\u{a0}",
        json!({"foo": "\u{a0}bar"})
    );
    gives!(marker_without_file, "foo @ = bar", json!({"foo": "bar"}));
    gives!(
        astral_quoted,
        "foo='\u{1F600}'",
        json!({"foo": "\u{1F600}"})
    );

    fails!(
        no_equals,
        "foo",
        "Expected: '=', received: 'EOF' for input:\nfoo\n   ^"
    );
    fails!(
        leading_space,
        " a=b",
        "Expected: '=', received: 'a' for input:\n a=b\n ^"
    );
    fails!(
        trailing_comma,
        "foo=bar,",
        "Expected: '<second>', received: '<none>' for input:\nfoo=bar,\n        ^"
    );
    fails!(
        astral_unquoted,
        "foo=\u{1F600}",
        "Expected: ',', received: '\u{1F600}' for input:\nfoo=\u{1F600}\n    ^"
    );
    fails!(
        unterminated_single,
        "foo='bar",
        "Expected: '<singled quoted>', received: '<none>' for input:\nfoo='bar\n    ^"
    );
    fails!(
        whitespace_after_list,
        "a=[b]  ",
        "Expected: ',', received: 'EOF' for input:\na=[b]  \n       ^"
    );
    fails!(
        empty_value_in_hash,
        "a={b=}",
        "Expected: ',', received: 'EOF' for input:\na={b=}\n      ^"
    );
    fails!(
        duplicate_key_caret,
        "a=b , a=c",
        "Second instance of key \"a\" encountered for input:\na=b , a=c\n     ^\nThis is often because there is a preceding \",\" instead of a space."
    );
    fails!(
        multi_line_caret,
        "foo==bar,\nbar=baz",
        "Expected: ',', received: '=' for input:\nfoo==bar,\n    ^\nbar=baz"
    );

    /// The classes as the AWS CLI's regexes define them, found by enumerating every code point
    /// against the compiled regexes (see docs/shorthand.md).
    #[test]
    fn character_classes_match_the_aws_cli() {
        use super::{FOLLOW1, FOLLOW2, START, in_class};
        fn ranges(list: &'static [(u32, u32)]) -> impl Fn(u32) -> bool {
            move |c| list.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
        }
        let start = ranges(&[
            (0x21, 0x21),
            (0x23, 0x26),
            (0x28, 0x2B),
            (0x2D, 0x3C),
            (0x3E, 0x5A),
            (0x5C, 0x7A),
            (0x7C, 0xFFFF),
        ]);
        let follow1 = ranges(&[
            (0x09, 0x0D),
            (0x1C, 0x21),
            (0x23, 0x26),
            (0x28, 0x2B),
            (0x2D, 0x5C),
            (0x5E, 0x7C),
            (0x7E, 0xFFFF),
        ]);
        let follow2 = ranges(&[
            (0x09, 0x0D),
            (0x1C, 0x21),
            (0x23, 0x26),
            (0x28, 0x2B),
            (0x2D, 0x3C),
            (0x3E, 0xFFFF),
        ]);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let code = u32::from(c);
            assert_eq!(in_class(c, START), start(code), "start {code:#x}");
            assert_eq!(in_class(c, FOLLOW1), follow1(code), "follow1 {code:#x}");
            assert_eq!(in_class(c, FOLLOW2), follow2(code), "follow2 {code:#x}");
        }
    }

    #[test]
    fn errors_locate_in_bytes_and_characters() {
        let error = parse("é=1,é=2").unwrap_err();
        assert_eq!(
            error.aws_message().unwrap(),
            "Expected: '=', received: 'é' for input:\né=1,é=2\n^"
        );
        assert_eq!(
            (
                error.byte_offset(),
                error.char_offset(),
                error.line(),
                error.column()
            ),
            (0, 0, 1, 1)
        );
        let error = parse("a=é,b==c").unwrap_err();
        assert_eq!(error.byte_offset(), 7);
        assert_eq!(error.char_offset(), 6);
        assert_eq!(error.column(), 7);
        assert!(matches!(
            error.kind(),
            ErrorKind::Syntax {
                expected: Expected::Char(','),
                found: Found::Char('=')
            }
        ));
    }

    #[test]
    fn warnings_name_what_the_aws_cli_changes() {
        let kinds = |input: &str| -> Vec<WarningKind> {
            parse(input)
                .unwrap()
                .warnings
                .iter()
                .map(|w| w.kind().clone())
                .collect()
        };
        assert_eq!(kinds("a=b,c"), [WarningKind::CommaList { items: 2 }]);
        assert_eq!(
            kinds("a=b,,c=d"),
            [WarningKind::Dropped { text: ",".into() }]
        );
        assert_eq!(
            kinds("a=x,b\\,c=d"),
            [WarningKind::Dropped {
                text: ",b\\".into()
            }]
        );
        assert_eq!(kinds("a=b "), [WarningKind::TrailingWhitespace]);
        assert_eq!(
            kinds("a={b=]}"),
            [WarningKind::BracketAsValue { bracket: ']' }]
        );
        assert!(kinds("a=b ,c=d").is_empty());
        assert!(kinds("a=\"b,c\",d=[x, y]").is_empty());
    }

    #[test]
    fn strict_mode_makes_warnings_errors() {
        let error = crate::Parser::new()
            .strict(true)
            .parse("a=b,c")
            .unwrap_err();
        assert!(matches!(
            error.kind(),
            ErrorKind::Strict(WarningKind::CommaList { items: 2 })
        ));
        assert_eq!(error.span(), 2..5);
        assert!(crate::Parser::new().strict(true).parse("a=b").is_ok());
    }

    #[test]
    fn nesting_is_limited_not_a_stack_overflow() {
        let deep = format!("a={}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse(&deep).unwrap_err();
        assert_eq!(
            error.kind(),
            &ErrorKind::TooDeep {
                limit: crate::MAX_DEPTH
            }
        );
        // At the limit, everything works on a test thread's small stack: parsing, typing,
        // converting to JSON and dropping.
        let n = crate::MAX_DEPTH;
        let schema = json!({});
        for input in [
            format!("a={}{}", "[".repeat(n), "]".repeat(n)),
            format!("a={}b{}", "{a=".repeat(n), "}".repeat(n)),
            format!("a={}b{}", "[{a=".repeat(n / 2), "}]".repeat(n / 2)),
        ] {
            let parsed = parse(&input).unwrap();
            let mut typed = parsed.value.clone();
            crate::coerce(&mut typed, crate::SchemaRef::new(&schema)).unwrap();
            assert_eq!(typed.to_json(), parsed.value.to_json());
        }
    }

    #[test]
    fn files_load_only_after_the_marker() {
        struct Fixed;
        impl crate::Resolver for Fixed {
            fn load(
                &self,
                path: &str,
                kind: crate::FileKind,
            ) -> Result<crate::Loaded, crate::LoadError> {
                match (path, kind) {
                    ("f.txt", crate::FileKind::Text) => Ok(crate::Loaded::Text("loaded\n".into())),
                    ("b.bin", crate::FileKind::Binary) => Ok(crate::Loaded::Bytes(vec![0, 1])),
                    _ => Err(crate::LoadError::Io {
                        kind: std::io::ErrorKind::NotFound,
                        path: path.into(),
                    }),
                }
            }
        }
        let parser = crate::Parser::new().resolver(&Fixed);
        let parse = |s: &str| parser.parse(s).map(|p| p.value.to_json());
        assert_eq!(parse("k@=file://f.txt").unwrap(), json!({"k": "loaded\n"}));
        assert_eq!(
            parse("k=file://f.txt").unwrap(),
            json!({"k": "file://f.txt"})
        );
        assert_eq!(
            parse("k@=fileb://b.bin").unwrap(),
            json!({"k": {"$bytes_base64": "AAE="}})
        );
        // The flag leaks out of `{...}` into the rest of the enclosing list.
        assert_eq!(
            parse("k=[{x@=y}, file://f.txt]").unwrap(),
            json!({"k": [{"x": "y"}, "loaded\n"]})
        );
        assert_eq!(
            parse("k@=[{x=y}, file://f.txt]").unwrap(),
            json!({"k": [{"x": "y"}, "file://f.txt"]})
        );
        let error = parser.parse("k@=file://nope").unwrap_err();
        assert_eq!(
            error.aws_message().unwrap(),
            "Unable to load paramfile file://nope: [Errno 2] No such file or directory: 'nope'"
        );
    }

    #[test]
    fn time_is_linear_in_pathological_quotes() {
        let input = format!("foo=\"{}", "\\".repeat(200_000));
        assert!(parse(&input).is_err());
        let input = format!("foo='{}", "\\'".repeat(100_000));
        assert!(parse(&input).is_ok());
    }
}
