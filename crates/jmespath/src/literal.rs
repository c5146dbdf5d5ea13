//! Python's `json.loads`, for backtick literals and quoted identifiers.

use crate::MAX_LITERAL_DEPTH;
use crate::error::{Error, ErrorKind};
use crate::lexer::Lexer;
use crate::value::{DictBuilder, Val};

/// Why text is not a JSON value for Python's `json.loads`.
#[derive(Debug)]
pub(crate) enum JsonError {
    /// `json.loads` raises `JSONDecodeError` with this message.
    Invalid(&'static str),
    /// `json.loads` accepts it but the value cannot be held here: a lone surrogate.
    Unsupported(&'static str),
    /// Arrays or objects nested deeper than [`MAX_LITERAL_DEPTH`].
    TooDeep,
}

impl JsonError {
    /// The error for a literal or quoted identifier starting at `position`.
    #[cold]
    pub(crate) fn into_query_error(self, position: usize) -> Error {
        match self {
            JsonError::Invalid(message) => Lexer::error(position, message),
            JsonError::Unsupported(message) => {
                Error::syntax(ErrorKind::Unsupported, message, position)
            }
            JsonError::TooDeep => {
                let message = format!("literal nested more than {MAX_LITERAL_DEPTH} levels deep");
                Error::syntax(ErrorKind::TooDeep, message, position)
            }
        }
    }
}

/// Decodes `text` as `json.loads` does: ints stay ints, `NaN` and `Infinity` are accepted, a
/// repeated key keeps its first position and its last value.
pub(crate) fn parse_json(text: &str) -> Result<Val<'static>, JsonError> {
    let chars: Vec<char> = text.chars().collect();
    let mut parser = JsonParser {
        chars: &chars,
        pos: 0,
        depth: 0,
    };
    parser.whitespace();
    let value = parser.value()?;
    parser.whitespace();
    if parser.pos < chars.len() {
        return Err(JsonError::Invalid("Extra data"));
    }
    Ok(value)
}

/// The state of [`parse_json`].
pub(crate) struct JsonParser<'c> {
    chars: &'c [char],
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    /// The character `ahead` positions after the current one.
    pub(crate) fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Skips JSON whitespace.
    pub(crate) fn whitespace(&mut self) {
        while matches!(self.peek(0), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    /// Consumes `word` if the text continues with it.
    pub(crate) fn keyword(&mut self, word: &str) -> bool {
        let matches = word
            .chars()
            .enumerate()
            .all(|(i, c)| self.peek(i) == Some(c));
        if matches {
            self.pos += word.chars().count();
        }
        matches
    }

    /// One value.
    pub(crate) fn value(&mut self) -> Result<Val<'static>, JsonError> {
        match self.peek(0) {
            Some('"') => self.string().map(Val::string),
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some('n') if self.keyword("null") => Ok(Val::NULL),
            Some('t') if self.keyword("true") => Ok(Val::bool(true)),
            Some('f') if self.keyword("false") => Ok(Val::bool(false)),
            Some('N') if self.keyword("NaN") => Ok(Val::Float(f64::NAN)),
            Some('I') if self.keyword("Infinity") => Ok(Val::Float(f64::INFINITY)),
            Some('-') if self.keyword("-Infinity") => Ok(Val::Float(f64::NEG_INFINITY)),
            Some('-' | '0'..='9') => self.number(),
            _ => Err(JsonError::Invalid("Expecting value")),
        }
    }

    /// Skips ASCII digits.
    pub(crate) fn digits(&mut self) {
        while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    pub(crate) fn number(&mut self) -> Result<Val<'static>, JsonError> {
        let start = self.pos;
        if self.peek(0) == Some('-') {
            self.pos += 1;
        }
        match self.peek(0) {
            Some('0') => self.pos += 1,
            Some('1'..='9') => self.digits(),
            _ => return Err(JsonError::Invalid("Expecting value")),
        }
        let mut float = false;
        if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            self.digits();
            float = true;
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let exponent = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), Some('+' | '-')) {
                self.pos += 1;
            }
            let digits = self.pos;
            self.digits();
            if self.pos == digits {
                // `1e` is the number 1 followed by extra data, as in Python's scanner.
                self.pos = exponent;
            } else {
                float = true;
            }
        }
        let text: String = self
            .chars
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect();
        let float_value = || text.parse::<f64>().unwrap_or(f64::NAN);
        Ok(if float {
            Val::from_f64(float_value())
        } else {
            text.parse::<i128>()
                .map_or_else(|_| Val::Float(float_value()), Val::from_i128)
        })
    }

    /// Four hexadecimal digits of a `\u` escape.
    pub(crate) fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self.peek(0).and_then(|c| c.to_digit(16));
            let digit = digit.ok_or(JsonError::Invalid("Invalid \\uXXXX escape"))?;
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    /// A string, the current character being its opening quote.
    pub(crate) fn string(&mut self) -> Result<String, JsonError> {
        const UNTERMINATED: JsonError = JsonError::Invalid("Unterminated string starting at");
        const LONE_SURROGATE: JsonError =
            JsonError::Unsupported("a lone surrogate (\\ud800-\\udfff) cannot be held in a string");
        self.pos += 1;
        let mut out = String::new();
        loop {
            let c = self.peek(0).ok_or(UNTERMINATED)?;
            self.pos += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let escape = self.peek(0).ok_or(UNTERMINATED)?;
                    self.pos += 1;
                    let decoded = match escape {
                        '"' => '"',
                        '\\' => '\\',
                        '/' => '/',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'u' => {
                            let mut unit = self.hex4()?;
                            if (0xd800..0xdc00).contains(&unit)
                                && self.peek(0) == Some('\\')
                                && self.peek(1) == Some('u')
                            {
                                self.pos += 2;
                                let low = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&low) {
                                    return Err(LONE_SURROGATE);
                                }
                                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                            }
                            char::from_u32(unit).ok_or(LONE_SURROGATE)?
                        }
                        _ => return Err(JsonError::Invalid("Invalid \\escape")),
                    };
                    out.push(decoded);
                }
                c if c < ' ' => return Err(JsonError::Invalid("Invalid control character at")),
                c => out.push(c),
            }
        }
    }

    /// Counts one more level of nesting.
    pub(crate) fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_LITERAL_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        self.whitespace();
        Ok(())
    }

    /// An object, the current character being its `{`.
    pub(crate) fn object(&mut self) -> Result<Val<'static>, JsonError> {
        self.enter()?;
        let mut object = DictBuilder::default();
        if self.peek(0) == Some('}') {
            self.pos += 1;
        } else {
            loop {
                if self.peek(0) != Some('"') {
                    let message = "Expecting property name enclosed in double quotes";
                    return Err(JsonError::Invalid(message));
                }
                let key = self.string()?;
                self.whitespace();
                if self.peek(0) != Some(':') {
                    return Err(JsonError::Invalid("Expecting ':' delimiter"));
                }
                self.pos += 1;
                self.whitespace();
                object.insert(key, self.value()?);
                self.whitespace();
                match self.peek(0) {
                    Some(',') => {
                        self.pos += 1;
                        self.whitespace();
                    }
                    Some('}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(JsonError::Invalid("Expecting ',' delimiter")),
                }
            }
        }
        self.depth -= 1;
        Ok(Val::compact_object(object.entries))
    }

    /// An array, the current character being its `[`.
    pub(crate) fn array(&mut self) -> Result<Val<'static>, JsonError> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek(0) == Some(']') {
            self.pos += 1;
        } else {
            loop {
                items.push(self.value()?);
                self.whitespace();
                match self.peek(0) {
                    Some(',') => {
                        self.pos += 1;
                        self.whitespace();
                    }
                    Some(']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(JsonError::Invalid("Expecting ',' delimiter")),
                }
            }
        }
        self.depth -= 1;
        Ok(Val::compact_array(items))
    }
}

#[cfg(test)]
mod tests {
    use crate::ErrorKind;

    rejects!(lone_surrogate, "`\"\\ud800\"`", ErrorKind::Unsupported);

    rejects!(lone_low_surrogate, "\"\\udc00\"", ErrorKind::Unsupported);
}
