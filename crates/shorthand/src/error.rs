//! Parse errors and warnings, with their locations and rendering.

use idpool_snippet::{Excerpt, Snippet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// Why shorthand could not be parsed.
///
/// Offsets are byte offsets into the input; [`Error::line`] and [`Error::column`] are 1-based and
/// count characters (Unicode code points), as the AWS CLI's caret does.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<ErrorImpl>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorImpl {
    kind: ErrorKind,
    span: Range<usize>,
    input: Arc<str>,
    /// The code-point index the AWS CLI reports, where it differs from the span's start.
    aws_index: Option<usize>,
    hint: Option<String>,
}

/// The kinds of [`Error`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A character other than the one the grammar needs: `a=b,c==d` (expected `,`, found `=`),
    /// `foo` (expected `=`, found the end), `a="x` (an unterminated quote).
    Syntax {
        /// What the grammar needed.
        expected: Expected,
        /// What was there instead.
        found: Found,
    },
    /// A top-level key given twice: `ProviderName=a,ProviderName=b`. Inside `{...}` the last
    /// value wins instead, as in the AWS CLI.
    DuplicateKey {
        /// The key.
        key: String,
        /// Where the key was first given.
        first: Range<usize>,
    },
    /// `[` and `{` nested deeper than [`crate::MAX_DEPTH`].
    TooDeep {
        /// The limit that was exceeded.
        limit: usize,
    },
    /// `k@=file://missing.txt`: the resolver could not load a `file://` or `fileb://` value.
    File {
        /// The value that names the file, such as `file://missing.txt`.
        uri: String,
        /// Why it could not be loaded.
        error: crate::LoadError,
    },
    /// In strict mode, something the AWS CLI would silently change or drop.
    Strict(WarningKind),
}

/// What the grammar expected at the place of a syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expected {
    /// A specific character: `=`, `,`, `]` or `}`.
    Char(char),
    /// A further item of a comma-separated list: `foo=a,` ends where one is needed.
    ListItem,
    /// A single-quoted value closed by `'`: `foo='bar`.
    SingleQuoted,
    /// A double-quoted value closed by `"`: `foo="bar`.
    DoubleQuoted,
}

/// What the parser found at the place of a syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// This character.
    Char(char),
    /// The end of the input.
    End,
    /// Nothing that starts the expected construct (the AWS CLI says `<none>`).
    Nothing,
}

impl Error {
    #[cold]
    pub(crate) fn new(kind: ErrorKind, span: Range<usize>, input: Arc<str>) -> Self {
        Self {
            inner: Box::new(ErrorImpl {
                kind,
                span,
                input,
                aws_index: None,
                hint: None,
            }),
        }
    }

    #[cold]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.inner.hint = Some(hint.into());
        self
    }

    #[cold]
    pub(crate) fn with_aws_index(mut self, index: usize) -> Self {
        self.inner.aws_index = Some(index);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The byte range of the input the error is about (empty at the end of the input).
    pub fn span(&self) -> Range<usize> {
        self.inner.span.clone()
    }

    /// The input that was parsed.
    pub fn input(&self) -> &str {
        &self.inner.input
    }

    /// The byte offset of the error.
    pub fn byte_offset(&self) -> usize {
        self.inner.span.start
    }

    /// The offset of the error in characters (Unicode code points).
    pub fn char_offset(&self) -> usize {
        self.input()[..self.byte_offset()].chars().count()
    }

    /// The 1-based line of the error.
    pub fn line(&self) -> usize {
        Position::of(self.input(), self.byte_offset()).line
    }

    /// The 1-based column of the error, counted in characters.
    pub fn column(&self) -> usize {
        Position::of(self.input(), self.byte_offset()).column
    }

    /// A suggestion for fixing the input, when there is one.
    pub fn hint(&self) -> Option<&str> {
        self.inner.hint.as_deref()
    }

    /// What went wrong, in one line, without the location.
    pub fn message(&self) -> String {
        match &self.inner.kind {
            ErrorKind::Syntax { expected, found } => format!("expected {expected}, found {found}"),
            ErrorKind::DuplicateKey { key, .. } => format!("duplicate key `{key}`"),
            ErrorKind::TooDeep { limit } => {
                format!("`[` and `{{` are nested more than {limit} levels deep")
            }
            ErrorKind::File { uri, error } => format!("cannot load `{uri}`: {error}"),
            ErrorKind::Strict(kind) => format!("not allowed in strict mode: {}", kind.summary()),
        }
    }

    /// The error worded exactly as the AWS CLI v1 words it (`Expected: ',', received: '=' for
    /// input:` and the caret), for the errors the AWS CLI raises too.
    pub fn aws_message(&self) -> Option<String> {
        let input = self.input();
        let index = self.inner.aws_index.unwrap_or_else(|| self.char_offset());
        match &self.inner.kind {
            ErrorKind::Syntax { expected, found } => {
                let expected = match expected {
                    Expected::Char(c) => c.to_string(),
                    Expected::ListItem => "<second>".into(),
                    Expected::SingleQuoted => "<singled quoted>".into(),
                    Expected::DoubleQuoted => "<double quoted>".into(),
                };
                let found = match found {
                    Found::Char(c) => c.to_string(),
                    Found::End => "EOF".into(),
                    Found::Nothing => "<none>".into(),
                };
                Some(format!(
                    "Expected: '{expected}', received: '{found}' for input:\n{}",
                    aws_location(input, index)
                ))
            }
            ErrorKind::File { uri, error } => Some(error.aws_message(uri)),
            ErrorKind::DuplicateKey { key, .. } => Some(format!(
                "Second instance of key \"{key}\" encountered for input:\n{}\nThis is often \
                 because there is a preceding \",\" instead of a space.",
                aws_location(input, index)
            )),
            _ => None,
        }
    }

    /// The error as people read it: the message, the line of input with a caret under the
    /// place, and the hint.
    pub fn render(&self) -> String {
        let label = match &self.inner.kind {
            ErrorKind::DuplicateKey { .. } => "given again here",
            _ => "here",
        };
        let mut out = format!("error: {}\n", self.message());
        out.push_str(&snippet(self.input(), self.span(), label));
        if let ErrorKind::DuplicateKey { first, .. } = &self.inner.kind {
            let at = Position::of(self.input(), first.start);
            out.push_str(&format!(
                "  = note: first given at line {} column {}\n",
                at.line, at.column
            ));
        }
        if let Some(hint) = self.hint() {
            out.push_str(&format!("  = help: {hint}\n"));
        }
        out
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("span", &self.inner.span)
            .field("hint", &self.inner.hint)
            .finish()
    }
}

/// `message at line L column C`, the one-line form of errors and warnings.
fn located(f: &mut fmt::Formatter<'_>, message: &str, input: &str, offset: usize) -> fmt::Result {
    let at = Position::of(input, offset);
    write!(f, "{message} at line {} column {}", at.line, at.column)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        located(f, &self.message(), self.input(), self.byte_offset())?;
        if let Some(hint) = self.hint() {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Char(c) => write!(f, "`{c}`"),
            Expected::ListItem => f.write_str("another list item after `,`"),
            Expected::SingleQuoted => f.write_str("a closing `'`"),
            Expected::DoubleQuoted => f.write_str("a closing `\"`"),
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Char(c) if c.is_control() || c.is_whitespace() => {
                write!(f, "{}", c.escape_unicode())
            }
            Found::Char(c) => write!(f, "`{c}`"),
            Found::End => f.write_str("the end of the input"),
            Found::Nothing => f.write_str("nothing that can start one"),
        }
    }
}

/// Something the AWS CLI accepts but silently changes or drops. idpool produces the same value
/// as the AWS CLI and reports these; the strict option makes them errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    kind: WarningKind,
    span: Range<usize>,
    input: Arc<str>,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WarningKind {
    /// `a=b,c`: an unquoted comma makes the value a list (`["b","c"]`).
    CommaList {
        /// How many items the list has.
        items: usize,
    },
    /// `a=b,,c=d` or `a=x,b\,c=d`: text between a value and the next key that the AWS CLI drops.
    Dropped {
        /// The dropped text.
        text: String,
    },
    /// `a=b ` : whitespace at the end of an unquoted value, which the AWS CLI removes.
    TrailingWhitespace,
    /// `a={b=}}`: a `]` or `}` right after `=` is read as the value, not as the end of the
    /// list or map.
    BracketAsValue {
        /// The bracket.
        bracket: char,
    },
}

impl WarningKind {
    fn summary(&self) -> String {
        match self {
            WarningKind::CommaList { items } => {
                format!("the unquoted `,` makes this value a list of {items} items")
            }
            WarningKind::Dropped { text } => {
                format!("the AWS CLI silently drops `{}`", text.escape_debug())
            }
            WarningKind::TrailingWhitespace => {
                "the AWS CLI removes the whitespace at the end of this unquoted value".into()
            }
            WarningKind::BracketAsValue { bracket } => {
                format!(
                    "`{bracket}` is read as the value, not as the end of the {}",
                    closer(*bracket)
                )
            }
        }
    }

    fn help(&self) -> &'static str {
        match self {
            WarningKind::CommaList { .. } => {
                "quote the value (`a=\"b,c\"`) or escape the comma (`b\\,c`) for one string; write `[b,c]` for a list"
            }
            WarningKind::Dropped { .. } => {
                "remove the extra text, or quote the value it belongs to"
            }
            WarningKind::TrailingWhitespace => "quote the value to keep the whitespace",
            WarningKind::BracketAsValue { .. } => "write `''` for an empty value",
        }
    }
}

fn closer(bracket: char) -> &'static str {
    if bracket == ']' { "list" } else { "map" }
}

impl Warning {
    pub(crate) fn new(kind: WarningKind, span: Range<usize>, input: Arc<str>) -> Self {
        Self { kind, span, input }
    }

    /// What the AWS CLI changes or drops.
    pub fn kind(&self) -> &WarningKind {
        &self.kind
    }

    /// The byte range of the input concerned.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The 1-based line.
    pub fn line(&self) -> usize {
        Position::of(&self.input, self.span.start).line
    }

    /// The 1-based column, counted in characters.
    pub fn column(&self) -> usize {
        Position::of(&self.input, self.span.start).column
    }

    /// The warning in one line, without the location.
    pub fn message(&self) -> String {
        self.kind.summary()
    }

    /// How to say what was meant.
    pub fn help(&self) -> &'static str {
        self.kind.help()
    }

    /// The warning with the line of input and a caret under the place.
    pub fn render(&self) -> String {
        let mut out = format!("warning: {}\n", self.message());
        out.push_str(&snippet(&self.input, self.span.clone(), "here"));
        out.push_str(&format!("  = help: {}\n", self.help()));
        out
    }

    pub(crate) fn into_error(self) -> Error {
        let hint = self.help();
        Error::new(ErrorKind::Strict(self.kind), self.span, self.input).with_hint(hint)
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        located(f, &self.message(), &self.input, self.span.start)
    }
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
}

impl Position {
    fn of(input: &str, offset: usize) -> Self {
        let before = &input[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

/// The AWS CLI's `_error_location`: the input up to the end of the error's line, a line with a
/// caret under the code point at `index`, then the rest of the input.
fn aws_location(input: &str, index: usize) -> String {
    let chars: Vec<char> = input.chars().collect();
    let index = index.min(chars.len());
    let before: String = chars[..index].iter().collect();
    let after: String = chars[index..].iter().collect();
    let spaces = match before.rfind('\n') {
        Some(newline) => before[newline + 1..].chars().count(),
        None => index,
    };
    let (consumed, remaining) = match after.find('\n') {
        Some(newline) => (format!("{before}{}", &after[..newline]), &after[newline..]),
        None => (input.to_owned(), ""),
    };
    format!("{consumed}\n{}^{remaining}", " ".repeat(spaces))
}

/// The line of `input` that holds `span.start`, numbered, with carets under the span and
/// `label` after them (control characters shown as spaces; see `idpool_snippet`).
pub(crate) fn snippet(input: &str, span: Range<usize>, label: &str) -> String {
    let at = Position::of(input, span.start);
    let location = format!("line {}, column {}", at.line, at.column);
    let excerpt = Excerpt::whole_line(input, span);
    Snippet::new(&location, at.line)
        .excerpt(Some(&excerpt))
        .label(label)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_location_matches_the_aws_cli() {
        assert_eq!(aws_location("a=b,c==d", 6), "a=b,c==d\n      ^");
        assert_eq!(
            aws_location("foo==bar,\nbar=baz", 4),
            "foo==bar,\n    ^\nbar=baz"
        );
        assert_eq!(aws_location("a=b,\nc==d", 8), "a=b,\nc==d\n   ^");
        assert_eq!(aws_location("foo", 3), "foo\n   ^");
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        assert_eq!(Position::of("é=x", 2), Position { line: 1, column: 2 });
        assert_eq!(
            Position::of("a=b,\nc=d", 5),
            Position { line: 2, column: 1 }
        );
    }
}
