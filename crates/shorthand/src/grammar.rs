//! The shorthand grammar of the AWS CLI v1 (`awscli/shorthand.py`), one function per rule.
//!
//! The grammar is written down in ABNF in `docs/shorthand.md` and again above each function. It is
//! a port of the AWS CLI's recursive-descent parser, quirks included: the same character classes,
//! the same whitespace rules, the same backtracking in comma lists, the same error positions.
//!
//! Each rule is written as nom's `examples/json.rs` writes JSON's: a sequence of tokens and
//! sub-rules composed with nom's combinators (tuples, `preceded`, `terminated`, `opt`, `alt`,
//! `peek`), committed with `cut` once its opening character (`[`, `{`, a quote) is read, and
//! failing with nom's error model. Some places are hand-written because the combinator was
//! measured slower on the bench (`crates/shorthand/benches/parse.rs`, see `docs/benchmarks.md`)
//! or deeper on the stack, each with its reason beside it: the tokens `punct` and `ws`, the
//! scanners of unquoted and quoted values, the choice between the forms of a value (a `match`
//! on the first character), the loops of `parameter` and of the bracketed lists, and the comma
//! list, which recovers from a syntax error as the AWS CLI does.

use crate::error::{Error, ErrorKind, Expected, Found, Warning, WarningKind};
use crate::tree::{Entry, Map, Value, ValueKind};
use crate::{FileKind, Loaded, MAX_DEPTH, Resolver};
use nom::branch::alt;
use nom::bytes::complete::take_while;
use nom::combinator::{cut, opt, peek};
use nom::error::{ErrorKind as NomKind, ParseError};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;
use std::sync::Arc;

/// Why a rule stopped. A syntax error (`Expected`, `Nothing`, `Nom`) is `nom::Err::Error` until a
/// `cut` commits it; the comma list recovers from either, as the AWS CLI recovers from any
/// `ShorthandParseSyntaxError`. `Fatal` is always `nom::Err::Failure` and never recovered from.
///
/// A syntax error keeps only its position: what was found there is read from the input when the
/// error is reported. Most comma lists end with a syntax error that is recovered from, so
/// making one must cost little.
#[derive(Debug)]
pub(crate) enum Stop {
    /// `expected` was needed `rest` bytes before the end of the input, and the character there
    /// (or the end) was found instead.
    Expected { expected: Expected, rest: usize },
    /// Nothing `rest` bytes before the end starts the token `expected` names (the AWS CLI's
    /// `<none>`).
    Nothing { expected: Expected, rest: usize },
    /// A final error, already located.
    Fatal(Box<Error>),
    /// Any other nom combinator failed `rest` bytes before the end.
    Nom { rest: usize },
}

impl ParseError<&str> for Stop {
    fn from_error_kind(input: &str, _: NomKind) -> Self {
        Stop::Nom { rest: input.len() }
    }

    /// `punct(c)` (or [`punct`]) failed: the grammar needed `c` there.
    fn from_char(input: &str, c: char) -> Self {
        Stop::Expected {
            expected: Expected::Char(c),
            rest: input.len(),
        }
    }

    fn append(_: &str, _: NomKind, other: Self) -> Self {
        other
    }

    /// `alt` reports the error of its last alternative, so each rule puts last the alternative
    /// whose error names what the AWS CLI says was expected.
    fn or(self, other: Self) -> Self {
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, Stop>;

/// A token that `expected` names matched nothing at `input` (the AWS CLI's `<none>`).
#[cold]
fn nothing<T>(expected: Expected, input: &str) -> PResult<'_, T> {
    Err(nom::Err::Error(Stop::Nothing {
        expected,
        rest: input.len(),
    }))
}

/// nom's `punct(c)` for the grammar's ASCII punctuation, with the same error. It compares one
/// byte where nom's decodes a character: with nom's, parsing the seed took 7% more
/// instructions, and this is on the path of every keyval.
fn punct<'a>(c: char) -> impl Fn(&'a str) -> PResult<'a, char> {
    debug_assert!(c.is_ascii());
    move |input| match input.as_bytes().first() {
        Some(&b) if b == c as u8 => Ok((&input[1..], c)),
        _ => Err(nom::Err::Error(Stop::from_char(input, c))),
    }
}

/// ```abnf
/// ws = *( SP / HTAB / LF / CR / %x0B / %x0C )   ; Python's string.whitespace: ASCII only
/// ```
/// A byte loop rather than `take_while`, which decodes each character: with it, parsing took
/// 6% more instructions, as `ws` runs between any two tokens.
fn ws(input: &str) -> PResult<'_, &str> {
    let skip = input
        .bytes()
        .position(|b| !class(b, WS))
        .unwrap_or(input.len());
    Ok((&input[skip..], &input[..skip]))
}

/// ```abnf
/// key = *key-char   ; may be empty
/// ```
fn key(input: &str) -> PResult<'_, &str> {
    take_while(is_key_char).parse(input)
}

/// ```abnf
/// item-end = "," ws / &"]"   ; &"}" in a hash-literal
/// ```
/// `close` is the bracket that ends the list. When neither is there, the error is the `,`'s:
/// the AWS CLI expects a `,` unless the list is closed.
fn item_end<'a>(close: char) -> impl Parser<&'a str, Output = char, Error = Stop> {
    alt((peek(punct(close)), terminated(punct(','), ws)))
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
///
/// The rules take `&self`, so that a rule passed to a combinator as a closure
/// (`terminated(|i| self.first_value(i, false), ws)`) leaves `self` free for the other steps and
/// for other closures; what a parse changes is kept in cells.
pub(crate) struct Grammar<'a, 'r> {
    whole: &'a str,
    /// The input shared by the errors and warnings, made when the first one is.
    shared: OnceCell<Arc<str>>,
    resolver: &'r dyn Resolver,
    /// Set by `key@=`, reset by every key: while set, values naming `file://` or `fileb://` are
    /// loaded. Like the AWS CLI's flag it is not restored when a `{...}` closes.
    resolve_files: Cell<bool>,
    depth: Cell<usize>,
    warnings: RefCell<Vec<Warning>>,
}

impl<'a, 'r> Grammar<'a, 'r> {
    pub(crate) fn new(input: &'a str, resolver: &'r dyn Resolver) -> Self {
        Self {
            whole: input,
            shared: OnceCell::new(),
            resolver,
            resolve_files: Cell::new(false),
            depth: Cell::new(0),
            warnings: RefCell::new(Vec::new()),
        }
    }

    /// The warnings of the parse, in the order they were found.
    pub(crate) fn into_warnings(self) -> Vec<Warning> {
        self.warnings.into_inner()
    }

    fn offset(&self, rest: &str) -> usize {
        self.whole.len() - rest.len()
    }

    fn span(&self, from: &str, to: &str) -> Range<usize> {
        self.offset(from)..self.offset(to)
    }

    fn shared(&self) -> Arc<str> {
        self.shared.get_or_init(|| Arc::from(self.whole)).clone()
    }

    fn warn(&self, kind: WarningKind, span: Range<usize>) {
        let warning = Warning::new(kind, span, self.shared());
        self.warnings.borrow_mut().push(warning);
    }

    #[cold]
    fn fatal(&self, kind: ErrorKind, span: Range<usize>) -> nom::Err<Stop> {
        nom::Err::Failure(Stop::Fatal(Box::new(Error::new(kind, span, self.shared()))))
    }

    /// What is `rest` bytes before the end of the input: a character or the end.
    fn found(&self, rest: usize) -> Found {
        let at = &self.whole[self.whole.len() - rest..];
        at.chars().next().map_or(Found::End, Found::Char)
    }

    /// Turns a stop into the public error, with a hint where one helps.
    pub(crate) fn error(&self, stop: Stop) -> Error {
        let (expected, found, rest) = match stop {
            Stop::Fatal(error) => return *error,
            Stop::Expected { expected, rest } => (expected, self.found(rest), rest),
            Stop::Nothing { expected, rest } => (expected, Found::Nothing, rest),
            Stop::Nom { rest } => (Expected::Char('='), self.found(rest), rest),
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
                if self
                    .warnings
                    .borrow()
                    .iter()
                    .any(|w| matches!(w.kind(), WarningKind::BracketAsValue { .. })) =>
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
    /// A key given twice is an error here (at the top level only). As in the AWS CLI, a `,` is
    /// needed wherever the input goes on after a keyval. A loop rather than
    /// `many_till(.., eof)`, which took 2% more instructions.
    pub(crate) fn parameter(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        let mut map = Map::new();
        let mut rest = self.keyval(input, &mut map, input)?;
        while !rest.is_empty() {
            let (after, _) = (ws, punct(','), ws).parse(rest)?;
            rest = self.keyval(after, &mut map, rest)?;
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
        &self,
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

    /// A top-level key given twice. The AWS CLI points one character past `previous_end`, the
    /// end of the previous keyval.
    #[cold]
    fn duplicate_key(
        &self,
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
    fn key_and_marker(&self, input: &'a str) -> PResult<'a, (Range<usize>, &'a str)> {
        let (rest, key) = key(input)?;
        let (rest, marker) = preceded(ws, opt(terminated(punct('@'), ws))).parse(rest)?;
        self.resolve_files.set(marker.is_some());
        let (rest, _) = (punct('='), ws).parse(rest)?;
        let start = self.offset(input);
        Ok((rest, (start..start + key.len(), key)))
    }

    /// ```abnf
    /// values = explicit-list / hash-literal / csv-value   ; csv-value is "" at the end
    /// ```
    /// The forms start with different characters, so a `match` on the first one chooses, as
    /// the AWS CLI's `_values` does. `alt`, which tries each form in turn, took 12% more
    /// instructions here and in `first-value` and `second-value`.
    fn values(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.as_bytes().first() {
            Some(b'[') => self.explicit_list(input),
            Some(b'{') => self.hash_literal(input),
            _ => self.csv_value(input),
        }
    }

    /// ```abnf
    /// csv-value = first-value ws [ "," ws second-value *( ws "," ws second-value ) ]
    /// ```
    /// One item gives a string, more give a list. When a later item turns out to be the next
    /// key (`a=b,c=d`), the list ends at the last `,` at or before the point of failure, as the
    /// AWS CLI's backtracking does; the text it skips is dropped and reported.
    ///
    /// Hand-written: the AWS CLI catches any syntax error of an item, committed or not, and
    /// backs up to a `,` it has already passed, which no nom combinator does.
    fn csv_value(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        let (rest, first) = terminated(|i| self.first_value(i, false), ws).parse(input)?;
        if !rest.starts_with(',') {
            return Ok((rest, first));
        }
        // The items after the first; most comma lists end at once, at the next key.
        let mut more = Vec::new();
        // Where the last accepted item ended: the `,` after it.
        let mut item_end = rest;
        let (mut cursor, _) = (punct(','), ws).parse(rest)?;
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
                Err(
                    nom::Err::Error(Stop::Fatal(error)) | nom::Err::Failure(Stop::Fatal(error)),
                ) => {
                    return Err(nom::Err::Failure(Stop::Fatal(error)));
                }
                Err(nom::Err::Error(stop) | nom::Err::Failure(stop)) => {
                    let (Stop::Expected { rest, .. }
                    | Stop::Nothing { rest, .. }
                    | Stop::Nom { rest }) = stop
                    else {
                        unreachable!("fatal stops are handled above");
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
    fn csv_item(&self, input: &'a str) -> PResult<'a, (Value<'a>, Option<&'a str>)> {
        // The usual way a comma list ends is the next key: `a=b,c=d` fails at the `=`. Without
        // files to load there is nothing to build for that item, so look ahead first: this
        // skips making the value (and its warnings) that the AWS CLI drops when it backtracks.
        if !self.resolve_files.get()
            && !input.starts_with(['\'', '"'])
            && let Some((rest, _)) = scan_unquoted(input, FOLLOW2)
        {
            let (rest, _) = ws(rest)?;
            if !rest.is_empty() && !rest.starts_with(',') {
                return Err(nom::Err::Error(Stop::from_char(rest, ',')));
            }
        }
        let (rest, value) = terminated(|i| self.second_value(i), ws).parse(input)?;
        if rest.is_empty() {
            return Ok((rest, (value, None)));
        }
        let (after, _) = (punct(','), ws).parse(rest)?;
        Ok((after, (value, Some(rest))))
    }

    /// ```abnf
    /// first-value = single-quoted / double-quoted / unquoted1 / ""
    /// unquoted1   = ( "\," / start ) *( "\," / follow1 )
    /// ```
    /// `in_brackets` says whether the value is an item of `[...]` or `{...}`. A `match` for the
    /// reason given at [`Self::values`].
    fn first_value(&self, input: &'a str, in_brackets: bool) -> PResult<'a, Value<'a>> {
        match input.as_bytes().first() {
            Some(b'\'') => self.single_quoted(input),
            Some(b'"') => self.double_quoted(input),
            _ => match scan_unquoted(input, FOLLOW1) {
                Some((rest, token)) => {
                    if in_brackets && token.raw.starts_with([']', '}']) {
                        let bracket = token.raw.chars().next().expect("not empty");
                        let at = self.offset(input);
                        self.warn(WarningKind::BracketAsValue { bracket }, at..at + 1);
                    }
                    Ok((rest, self.unquoted_value(input, token, rest)?))
                }
                None => Ok((
                    input,
                    Value::new(
                        ValueKind::String(Cow::Borrowed("")),
                        self.span(input, input),
                    ),
                )),
            },
        }
    }

    /// ```abnf
    /// second-value = single-quoted / double-quoted / unquoted2
    /// unquoted2    = ( "\," / start ) *( "\," / follow2 )
    /// ```
    /// A `match` for the reason given at [`Self::values`].
    fn second_value(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.as_bytes().first() {
            Some(b'\'') => self.single_quoted(input),
            Some(b'"') => self.double_quoted(input),
            _ => match scan_unquoted(input, FOLLOW2) {
                Some((rest, token)) => Ok((rest, self.unquoted_value(input, token, rest)?)),
                None => nothing(Expected::ListItem, input),
            },
        }
    }

    /// The value of an unquoted token: `\,` becomes `,`, trailing whitespace is removed.
    fn unquoted_value(
        &self,
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
    /// ```
    fn single_quoted(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        self.quoted(input, '\'', Expected::SingleQuoted)
    }

    /// ```abnf
    /// double-quoted = DQUOTE *( "\" DQUOTE / %x00-21 / %x23-10FFFF ) DQUOTE
    /// ```
    fn double_quoted(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        self.quoted(input, '"', Expected::DoubleQuoted)
    }

    /// A value between `quote`s. `\'` (or `\"`) stands for the quote and then `\\` for a
    /// backslash.
    fn quoted(&self, input: &'a str, quote: char, what: Expected) -> PResult<'a, Value<'a>> {
        let (rest, raw) = preceded(
            punct(quote),
            cut(terminated(
                |body| quoted_text(body, quote, what, input),
                punct(quote),
            )),
        )
        .parse(input)?;
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
        Ok((rest, self.load(text, self.span(input, rest))?))
    }

    /// Loads a `file://` or `fileb://` value when the `@=` flag is set.
    #[inline]
    fn load(&self, text: Cow<'a, str>, span: Range<usize>) -> Result<Value<'a>, nom::Err<Stop>> {
        if !self.resolve_files.get() {
            return Ok(Value::new(ValueKind::String(text), span));
        }
        self.load_file(text, span)
    }

    /// The `@=` case of [`Self::load`].
    #[cold]
    #[inline(never)]
    fn load_file(
        &self,
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

    /// One level deeper, at the bracket that starts `input`.
    fn enter(&self, input: &'a str) -> Result<(), nom::Err<Stop>> {
        self.depth.set(self.depth.get() + 1);
        if self.depth.get() > MAX_DEPTH {
            let at = self.offset(input);
            return Err(self.fatal(ErrorKind::TooDeep { limit: MAX_DEPTH }, at..at + 1));
        }
        Ok(())
    }

    fn leave(&self) {
        self.depth.set(self.depth.get() - 1);
    }

    /// ```abnf
    /// explicit-list = "[" ws *( explicit-value ws item-end ) "]"
    /// ```
    /// An item that is not there is `""`: `[,]` is `[""]`, and a trailing `,` is allowed.
    ///
    /// The items are a loop rather than `many_till(.., punct(']'))`, and the `cut` is on each
    /// step rather than around the loop: nesting recurses through this rule, and in a debug
    /// build a `many_till` frame alone is 3 KB, too much for [`MAX_DEPTH`] levels on a test
    /// thread's 2 MiB stack.
    fn explicit_list(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        let (mut rest, _) = terminated(punct('['), ws).parse(input)?;
        self.enter(input)?;
        let mut items = Vec::new();
        while !rest.starts_with(']') {
            let (after, item) = self.explicit_value(rest)?;
            (rest, _) = cut((ws, item_end(']'))).parse(after)?;
            items.push(item);
        }
        let (rest, _) = punct(']').parse(rest)?;
        self.leave();
        Ok((
            rest,
            Value::new(ValueKind::List(items), self.span(input, rest)),
        ))
    }

    /// ```abnf
    /// hash-literal = "{" ws *( key ws [ "@" ws ] "=" ws explicit-value ws item-end ) "}"
    /// ```
    /// A key given twice keeps its first position and its last value. A loop for the reason
    /// given at [`Self::explicit_list`].
    fn hash_literal(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        let (mut rest, _) = terminated(punct('{'), ws).parse(input)?;
        self.enter(input)?;
        let mut map = Map::new();
        while !rest.starts_with('}') {
            let (after, (key_span, key)) = cut(|i| self.key_and_marker(i)).parse(rest)?;
            let (after, value) = self.explicit_value(after)?;
            (rest, _) = cut((ws, item_end('}'))).parse(after)?;
            map.insert(Entry {
                key: Cow::Borrowed(key),
                key_span,
                value,
            });
        }
        let (rest, _) = punct('}').parse(rest)?;
        self.leave();
        Ok((
            rest,
            Value::new(ValueKind::Map(map), self.span(input, rest)),
        ))
    }

    /// ```abnf
    /// explicit-value = explicit-list / hash-literal / first-value   ; no csv lists inside
    /// ```
    /// A `match` for the reason given at [`Self::values`]; nesting also recurses through here,
    /// where `alt`'s frames would add to the stack.
    fn explicit_value(&self, input: &'a str) -> PResult<'a, Value<'a>> {
        match input.as_bytes().first() {
            Some(b'[') => self.explicit_list(input),
            Some(b'{') => self.hash_literal(input),
            _ => self.first_value(input, true),
        }
    }
}

/// The text of a quoted value, up to its closing quote; `opening` is where the value starts,
/// for the error. Like the AWS CLI's regex, when no plain quote closes the value before the end
/// of the input, it closes at the quote of the last escape (`'abc\'` is `abc\`).
///
/// Hand-written: `memchr` jumps to the next quote or backslash, where a combinator would step
/// through every character, and the closing rule looks back at the last escape.
fn quoted_text<'a>(
    body: &'a str,
    quote: char,
    what: Expected,
    opening: &'a str,
) -> PResult<'a, &'a str> {
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
    match close.or(last_escaped_quote) {
        Some(close) => Ok((&body[close..], &body[..close])),
        None => nothing(what, opening),
    }
}

/// The longest unquoted token at the start of `input`: `( "\," / start ) *( "\," / follow )`,
/// where `follow` is [`FOLLOW1`] or [`FOLLOW2`]. Returns the rest and the raw token, or `None`
/// when not even one character matches.
///
/// Hand-written: values are most of the input, and this loop reads a byte at a time through
/// the class table and steps over a multi-byte character at once, where nom's `take_while` and
/// `satisfy` decode every character (see [`ws`]).
fn scan_unquoted(input: &str, follow: u8) -> Option<(&str, Unquoted<'_>)> {
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
