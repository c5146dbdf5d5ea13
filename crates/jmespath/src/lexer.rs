//! Lexing: a port of `jmespath/lexer.py`.

use crate::Error;
use crate::error::ErrorKind;
use crate::literal::{JsonError, parse_json};
use crate::value::{Ref, Val, python_str};
use serde_json::Value;
use std::borrow::Cow;

/// A token of Python's lexer.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Dot,
    Star,
    Rbracket,
    Comma,
    Colon,
    Current,
    Lparen,
    Rparen,
    Lbrace,
    Rbrace,
    Flatten,
    Filter,
    Lbracket,
    Or,
    Pipe,
    And,
    Expref,
    Lt,
    Lte,
    Gt,
    Gte,
    Eq,
    Ne,
    Not,
    /// The end of the expression.
    Eof,
    /// An unquoted identifier.
    Ident(String),
    /// A quoted identifier, decoded.
    Quoted(String),
    /// An index or slice bound. Python's are unbounded; beyond ±`i64::MAX` they select
    /// exactly what ±`i64::MAX` selects, as Python clamps them too.
    Number(i64),
    /// A raw string or backtick literal: its index in [`Lexed::literals`].
    Literal(usize),
}

impl Tok {
    /// Python's name for the token type, as its messages print it.
    pub(crate) fn python_type(&self) -> &'static str {
        match self {
            Tok::Dot => "dot",
            Tok::Star => "star",
            Tok::Rbracket => "rbracket",
            Tok::Comma => "comma",
            Tok::Colon => "colon",
            Tok::Current => "current",
            Tok::Lparen => "lparen",
            Tok::Rparen => "rparen",
            Tok::Lbrace => "lbrace",
            Tok::Rbrace => "rbrace",
            Tok::Flatten => "flatten",
            Tok::Filter => "filter",
            Tok::Lbracket => "lbracket",
            Tok::Or => "or",
            Tok::Pipe => "pipe",
            Tok::And => "and",
            Tok::Expref => "expref",
            Tok::Lt => "lt",
            Tok::Lte => "lte",
            Tok::Gt => "gt",
            Tok::Gte => "gte",
            Tok::Eq => "eq",
            Tok::Ne => "ne",
            Tok::Not => "not",
            Tok::Eof => "eof",
            Tok::Ident(_) => "unquoted_identifier",
            Tok::Quoted(_) => "quoted_identifier",
            Tok::Number(_) => "number",
            Tok::Literal(_) => "literal",
        }
    }
}

/// A token and where it came from.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    /// 0-based character position in the expression (Python's `lex_position`).
    pub(crate) start: usize,
    /// Python's token value as its messages print it (`%s`): the identifier, the number, the
    /// literal's value, the operator.
    pub(crate) value: String,
}

/// The lexer's output.
pub(crate) struct Lexed {
    /// The tokens, the last one [`Tok::Eof`].
    pub(crate) tokens: Vec<Token>,
    /// The values of the literal tokens.
    pub(crate) literals: Vec<Val<'static>>,
}

/// Splits `expression` into tokens as `Lexer.tokenize` does.
pub(crate) fn lex(expression: &str) -> Result<Lexed, Error> {
    if expression.is_empty() {
        let message = "Invalid JMESPath expression: cannot be empty.";
        return Err(Error::new(ErrorKind::Empty, message));
    }
    let mut lexer = Lexer {
        chars: expression.chars().collect(),
        pos: 0,
        tokens: Vec::new(),
        literals: Vec::new(),
    };
    lexer.run()?;
    lexer.tokens.push(Token {
        tok: Tok::Eof,
        start: lexer.chars.len(),
        value: String::new(),
    });
    Ok(Lexed {
        tokens: lexer.tokens,
        literals: lexer.literals,
    })
}

/// The state of [`lex`].
pub(crate) struct Lexer {
    chars: Vec<char>,
    pos: usize,
    tokens: Vec<Token>,
    literals: Vec<Val<'static>>,
}

impl Lexer {
    /// The character `ahead` positions after the current one.
    pub(crate) fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// A `LexerError` at `position`.
    #[cold]
    pub(crate) fn error(position: usize, message: &str) -> Error {
        let message = format!("Bad jmespath expression: {message}");
        Error::syntax(ErrorKind::Lexer, message, position)
    }

    /// Tokenizes the whole expression.
    pub(crate) fn run(&mut self) -> Result<(), Error> {
        while let Some(c) = self.peek(0) {
            let start = self.pos;
            let tok = match c {
                ' ' | '\t' | '\n' | '\r' => {
                    self.pos += 1;
                    continue;
                }
                '.' => self.single(Tok::Dot),
                '*' => self.single(Tok::Star),
                ']' => self.single(Tok::Rbracket),
                ',' => self.single(Tok::Comma),
                ':' => self.single(Tok::Colon),
                '@' => self.single(Tok::Current),
                '(' => self.single(Tok::Lparen),
                ')' => self.single(Tok::Rparen),
                '{' => self.single(Tok::Lbrace),
                '}' => self.single(Tok::Rbrace),
                'a'..='z' | 'A'..='Z' | '_' => {
                    let mut name = String::new();
                    while let Some(c) = self
                        .peek(0)
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                    {
                        name.push(c);
                        self.pos += 1;
                    }
                    Tok::Ident(name)
                }
                '[' => match self.peek(1) {
                    Some(']') => self.double(Tok::Flatten),
                    Some('?') => self.double(Tok::Filter),
                    _ => self.single(Tok::Lbracket),
                },
                '\'' => {
                    let lexeme = self.until('\'')?.replace("\\'", "'");
                    self.literal(Val::string(lexeme))
                }
                '|' => self.pair('|', Tok::Or, Tok::Pipe),
                '&' => self.pair('&', Tok::And, Tok::Expref),
                '`' => {
                    let value = self.backtick_literal()?;
                    self.literal(value)
                }
                '0'..='9' => self.number(false),
                '-' => {
                    if !self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
                        return Err(Lexer::error(start, "Unknown token '-'"));
                    }
                    self.pos += 1;
                    self.number(true)
                }
                '"' => {
                    let lexeme = format!("\"{}\"", self.until('"')?);
                    match parse_json(&lexeme) {
                        Ok(Val::Json(Cow::Owned(Value::String(name)))) => Tok::Quoted(name),
                        Ok(_) => return Err(Lexer::error(start, "Invalid identifier")),
                        Err(error) => return Err(error.into_query_error(start)),
                    }
                }
                '<' => self.pair('=', Tok::Lte, Tok::Lt),
                '>' => self.pair('=', Tok::Gte, Tok::Gt),
                '!' => self.pair('=', Tok::Ne, Tok::Not),
                '=' => {
                    if self.peek(1) != Some('=') {
                        return Err(Lexer::error(start, "Unknown token '='"));
                    }
                    self.double(Tok::Eq)
                }
                other => return Err(Lexer::error(start, &format!("Unknown token {other}"))),
            };
            let value = match &tok {
                Tok::Ident(name) | Tok::Quoted(name) => name.clone(),
                Tok::Literal(index) => self
                    .literals
                    .get(*index)
                    .map(|v| python_str(Ref::of(v)))
                    .unwrap_or_default(),
                Tok::Number(_) => {
                    python_int_text(self.chars.get(start..self.pos).unwrap_or_default())
                }
                _ => self
                    .chars
                    .get(start..self.pos)
                    .unwrap_or_default()
                    .iter()
                    .collect(),
            };
            self.tokens.push(Token { tok, start, value });
        }
        Ok(())
    }

    /// A one-character token.
    pub(crate) fn single(&mut self, tok: Tok) -> Tok {
        self.pos += 1;
        tok
    }

    /// A two-character token.
    pub(crate) fn double(&mut self, tok: Tok) -> Tok {
        self.pos += 2;
        tok
    }

    /// `matched` when the next character is `second`, else `single` (`_match_or_else`).
    pub(crate) fn pair(&mut self, second: char, matched: Tok, single: Tok) -> Tok {
        if self.peek(1) == Some(second) {
            self.double(matched)
        } else {
            self.single(single)
        }
    }

    /// Records a literal's value.
    pub(crate) fn literal(&mut self, value: Val<'static>) -> Tok {
        self.literals.push(value);
        Tok::Literal(self.literals.len() - 1)
    }

    /// Digits after an optional `-` already consumed (`_consume_number`).
    pub(crate) fn number(&mut self, negative: bool) -> Tok {
        let mut digits = String::new();
        while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
            digits.push(c);
            self.pos += 1;
        }
        let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX);
        Tok::Number(if negative { -magnitude } else { magnitude })
    }

    /// The text up to the closing `delimiter`, which a backslash escapes (`_consume_until`).
    ///
    /// Backslashes are kept: the callers decode them.
    pub(crate) fn until(&mut self, delimiter: char) -> Result<String, Error> {
        let start = self.pos;
        let unclosed = || Lexer::error(start, &format!("Unclosed {delimiter} delimiter"));
        let mut lexeme = String::new();
        self.pos += 1;
        loop {
            let mut c = self.peek(0).ok_or_else(unclosed)?;
            if c == delimiter {
                break;
            }
            if c == '\\' {
                lexeme.push('\\');
                self.pos += 1;
                c = self.peek(0).ok_or_else(unclosed)?;
            }
            lexeme.push(c);
            self.pos += 1;
        }
        self.pos += 1;
        Ok(lexeme)
    }

    /// A backtick literal: JSON, or else the deprecated string form (`_consume_literal`).
    pub(crate) fn backtick_literal(&mut self) -> Result<Val<'static>, Error> {
        let start = self.pos;
        let lexeme = self.until('`')?.replace("\\`", "`");
        match parse_json(&lexeme) {
            Ok(value) => Ok(value),
            Err(JsonError::Invalid(_)) => {
                let quoted = format!("\"{}\"", lexeme.trim_start_matches(is_python_space));
                match parse_json(&quoted) {
                    Ok(value) => Ok(value),
                    Err(JsonError::Invalid(_)) => {
                        Err(Lexer::error(start, &format!("Bad token {lexeme}")))
                    }
                    Err(error) => Err(error.into_query_error(start)),
                }
            }
            Err(error) => Err(error.into_query_error(start)),
        }
    }
}

/// Python's `str(int(text))` for the text of a number token: `-01` is `-1`, `-0` is `0`.
pub(crate) fn python_int_text(text: &[char]) -> String {
    let (negative, digits) = match text.split_first() {
        Some(('-', digits)) => (true, digits),
        _ => (false, text),
    };
    let digits: String = digits.iter().skip_while(|c| **c == '0').collect();
    match (negative, digits.is_empty()) {
        (_, true) => "0".to_owned(),
        (true, false) => format!("-{digits}"),
        (false, false) => digits,
    }
}

/// Whether Python's `str.isspace` holds for `c` (what `strip`, `int` and `float` skip).
pub(crate) fn is_python_space(c: char) -> bool {
    idpool_python::is_space(c)
}

#[cfg(test)]
mod tests {
    use crate::ErrorKind;

    rejects!(empty, "", ErrorKind::Empty);

    rejects!(unknown_character, "a ~ b", ErrorKind::Lexer);
}
