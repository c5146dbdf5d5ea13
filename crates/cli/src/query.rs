//! `--query`: JMESPath evaluated the way the AWS CLI v1 evaluates it.
//!
//! The AWS CLI (1.46.2) compiles `--query` with Python's `jmespath` package (1.1.0) and searches
//! the response with it. This module ports that package to `serde_json::Value` (the workspace
//! enables `preserve_order`, so objects keep insertion order as Python dicts do):
//!
//! 1. **Lex**: `jmespath/lexer.py`. Backtick literals are decoded as `json.loads` decodes them
//!    (key order kept, `1` an int and `1.0` a float, `NaN` accepted), and a literal that is not
//!    JSON is the deprecated string form (`` `foo` `` is `"foo"`, as in `` [?Key==`Name`] ``).
//! 2. **Parse**: `jmespath/parser.py`, a Pratt parser, with its quirks: a multi-select hash may
//!    omit its commas and a call may end with one; a slice right after an index joins the index
//!    expression instead of projecting (`a[0][1:3].b` is `null`); the operators after `.{..}`
//!    or `.[..]` apply to the whole expression, not to the multi-select.
//! 3. **Evaluate**: `jmespath/visitor.py` and `jmespath/functions.py`: Python's equality
//!    (`1 == 1.0`, and `true == 1` inside arrays but not at the top of a comparison), its
//!    orderings (numbers, and strings by code point), its int/float arithmetic (`sum([1, 2])` is
//!    `3`, `avg` is correctly rounded, `floor` returns an int), and its `json.dumps` for
//!    `to_string` (ASCII-escaped, floats as `repr` writes them).
//!
//! The `jmespath` crate is not used: its objects are `BTreeMap`s, so `keys(@)` and
//! `{b: b, a: a}` come out sorted; its functions have other type rules and messages; and its
//! parser, although it implements the same specification, reads a number of expressions
//! differently from `parser.py` (the quirks above among them), so even its syntax tree cannot be
//! evaluated as Python evaluates.
//!
//! Like Python, [`Query::compile`] rejects only syntax; an unknown function, a wrong number of
//! arguments or a type error is raised by [`Query::search`] when the call is evaluated, after its
//! arguments, so `Name || foo()` gives `Name` when it is set.
//!
//! Error messages are Python's `str(exception)`: for evaluation errors the exact text (`In
//! function abs(), invalid type for value: a, expected one of: ['number'], received:
//! "string"`); for syntax errors the first line of it, without the expression and the caret that
//! Python prints below it ([`QueryError::column`] gives the position).
//!
//! # Differences from Python
//!
//! - Nesting: so that no input can overflow the stack, expressions nested more than
//!   [`MAX_DEPTH`] levels (Python: about 400), literals nested more than
//!   [`MAX_LITERAL_DEPTH`] (Python: about 1000) and searches that nest the values they build
//!   more than [`MAX_DEPTH`] levels (`@` then 300 `.[@]`; Python: about 1000) are refused.
//! - Size: a search that builds or reads more than [`BUDGET`] bytes of values fails (Python
//!   runs until memory runs out). Twelve stages of `[@,@,@,@,@,@,@,@][]` piped into each other
//!   would make 8^12 copies of the document; they fail within a fraction of a second.
//! - Numbers: results are `serde_json` numbers, so integers outside the 64-bit range (Python
//!   keeps them exact: `sum`, `abs`, `floor`, `to_number`, literals) become the nearest float;
//!   up to the 128-bit range they stay exact inside an evaluation. NaN and infinities
//!   (`to_number('nan')`, `` `Infinity` ``, `sum` overflowing) work inside an evaluation, but a
//!   result that holds one is an error, as is a result that holds an expression reference
//!   (`&a`): JSON cannot represent either.
//! - Expression references are compared by identity in Python, so two of them are never equal
//!   here; their `repr` (in messages and `to_string`) omits Python's memory address.
//! - `to_number` does not read non-ASCII digits (Python's `int('١٢')` is 12).
//! - `sort` and `sort_by` order NaN after every number (Python's order depends on the input);
//!   lone surrogates (`"\ud800"`) and `merge` of pairs with non-string keys, which Python
//!   accepts, are errors.

use idpool_python::Kind as PyKind;
use idpool_python::json::Formatter as PyJson;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

/// The deepest nesting [`Query::compile`] accepts: of its own recursion, and of the tree it
/// builds (which evaluating and dropping walk recursively). Also the deepest nesting of computed
/// lists and objects a search copies (see [`spend_on_copy`]).
///
/// Whatever compiles searches within 1 MiB of stack even in a debug build (a test checks it);
/// a test thread has 2 MiB, the main thread 8 MiB.
const MAX_DEPTH: usize = 200;

/// The deepest array or object nesting accepted in a backtick literal.
const MAX_LITERAL_DEPTH: usize = 128;

/// What one search may build or read, in bytes of values (see [`spend`] for what counts): 256 MiB.
///
/// A request is a few kilobytes, and a query that reshapes it builds a few times that: real
/// queries stay thousands of times below this. What reaches it is a query whose size grows
/// geometrically, such as `[@,@,@,@,@,@,@,@][]` piped into itself (each stage makes eight times
/// as many copies), or a projection that copies or compares a large document once per element
/// of a large list. Such a search would otherwise allocate until the process aborts, or run for
/// hours; at this size it fails within a fraction of a second, having used at most about this
/// much memory.
const BUDGET: usize = 256 << 20;

/// A compiled `--query` expression.
#[derive(Debug)]
pub(crate) struct Query {
    root: Node,
}

impl Query {
    /// Compiles `expression` as `jmespath.compile` does: only syntax errors fail here.
    pub(crate) fn compile(expression: &str) -> Result<Query, QueryError> {
        let lexed = lex(expression)?;
        let mut parser = Parser {
            tokens: &lexed.tokens,
            literals: &lexed.literals,
            index: 0,
            nesting: 0,
        };
        Ok(Query {
            root: parser.parse()?,
        })
    }

    /// Searches `data` as `ParsedResult.search` does, with the default options, within
    /// [`BUDGET`].
    pub(crate) fn search(&self, data: &Value) -> Result<Value, QueryError> {
        self.search_within(data, BUDGET)
    }

    /// [`Query::search`] with a budget of `budget` bytes.
    fn search_within(&self, data: &Value, budget: usize) -> Result<Value, QueryError> {
        METER.set(Meter {
            budget,
            left: budget,
        });
        let data = Val::Json(Cow::Borrowed(data));
        eval(&self.root, &data)?.into_json()
    }
}

/// Why an expression did not compile, or its search failed.
///
/// `Display` is Python's message for the same failure, on one line.
#[derive(Debug)]
pub(crate) struct QueryError {
    inner: Box<ErrorInner>,
}

/// The fields of a [`QueryError`], boxed to keep `Result`s small.
#[derive(Debug)]
struct ErrorInner {
    kind: ErrorKind,
    message: String,
    /// 1-based character column, for syntax errors.
    column: Option<usize>,
}

/// The kinds of [`QueryError`]; most name the Python exception raised for the same failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// An empty expression (`EmptyExpressionError`).
    Empty,
    /// A character or token the lexer rejects: `a $ b`, `'abc`, `` `{"a"` `` (`LexerError`).
    Lexer,
    /// Tokens in an order the grammar rejects: `a b`, `[a b]`, `a.&b` (`ParseError`).
    Parse,
    /// The expression ends too early: `a[0`, `(a` (`IncompleteExpressionError`).
    Incomplete,
    /// A call of a function that does not exist: `foo(@)` (`UnknownFunctionError`).
    UnknownFunction,
    /// A call with the wrong number of arguments: `abs(a, b)` (`ArityError`).
    Arity,
    /// Too few arguments for a variadic function: `merge()` (`VariadictArityError`).
    VariadicArity,
    /// An argument of the wrong type: `abs('a')` (`JMESPathTypeError`).
    Type,
    /// Python's own `TypeError`: `` `1` < 'a' ``, `contains('abc', `1`)`.
    PythonType,
    /// Python's own `ValueError`: `a[::0]`, `ceil(to_number('nan'))`.
    PythonValue,
    /// Python's own `OverflowError`: `floor(to_number('inf'))`.
    PythonOverflow,
    /// Nested deeper than this module accepts: 300 `(`, or a value built 300 levels deep, `@`
    /// followed by 300 `.[@]` (Python: `RecursionError`, at about 400 and 1000 levels).
    TooDeep,
    /// A value Python can hold and we cannot: `` `"\ud800"` ``, `merge(@, `[[1, 2]]`)`.
    Unsupported,
    /// A result JSON cannot represent: `&a`, `to_number('nan')`.
    NotJson,
    /// A search that builds or reads more than [`BUDGET`] bytes of values:
    /// `[@,@,@,@,@,@,@,@][]` piped into itself 12 times (Python runs out of memory).
    TooLarge,
}

impl ErrorKind {
    /// The class of the exception Python raises for the same failure, if it raises one.
    #[allow(
        dead_code,
        reason = "the tests compare it with Python's; callers may print it"
    )]
    pub(crate) fn python_name(self) -> Option<&'static str> {
        Some(match self {
            ErrorKind::Empty => "EmptyExpressionError",
            ErrorKind::Lexer => "LexerError",
            ErrorKind::Parse => "ParseError",
            ErrorKind::Incomplete => "IncompleteExpressionError",
            ErrorKind::UnknownFunction => "UnknownFunctionError",
            ErrorKind::Arity => "ArityError",
            ErrorKind::VariadicArity => "VariadictArityError",
            ErrorKind::Type => "JMESPathTypeError",
            ErrorKind::PythonType => "TypeError",
            ErrorKind::PythonValue => "ValueError",
            ErrorKind::PythonOverflow => "OverflowError",
            ErrorKind::TooDeep => "RecursionError",
            ErrorKind::Unsupported | ErrorKind::NotJson | ErrorKind::TooLarge => return None,
        })
    }
}

impl QueryError {
    /// An error without a position.
    #[cold]
    fn new(kind: ErrorKind, message: impl Into<String>) -> QueryError {
        QueryError {
            inner: Box::new(ErrorInner {
                kind,
                message: message.into(),
                column: None,
            }),
        }
    }

    /// A syntax error at the 0-based character position `position`.
    #[cold]
    fn syntax(kind: ErrorKind, message: impl Into<String>, position: usize) -> QueryError {
        let mut error = QueryError::new(kind, message);
        error.inner.column = Some(position + 1);
        error
    }

    /// A `ParseError` at `token`: the first line of Python's message.
    #[cold]
    fn parse(reason: &str, token: &Token) -> QueryError {
        let message = format!(
            "{reason}: Parse error at column {}, token \"{}\" ({})",
            token.start,
            token.value,
            token.tok.python_type().to_uppercase()
        );
        QueryError::syntax(ErrorKind::Parse, message, token.start)
    }

    /// The error for an expression nested deeper than [`MAX_DEPTH`].
    #[cold]
    fn too_deep() -> QueryError {
        let message = format!("expression nested more than {MAX_DEPTH} levels deep");
        QueryError::new(ErrorKind::TooDeep, message)
    }

    /// The error for a search that would copy a value nested more than [`MAX_DEPTH`] levels
    /// deep.
    #[cold]
    fn too_deep_value() -> QueryError {
        let message = format!("the query builds a value nested more than {MAX_DEPTH} levels deep");
        QueryError::new(ErrorKind::TooDeep, message)
    }

    /// The error for a search that spends more than its `budget` (in bytes).
    #[cold]
    fn too_large(budget: usize) -> QueryError {
        let size = if budget.is_multiple_of(1 << 20) {
            format!("{} MiB", budget >> 20)
        } else {
            format!("{budget} bytes")
        };
        let message = format!("the query builds or reads more than {size} of values");
        QueryError::new(ErrorKind::TooLarge, message)
    }

    /// An `IncompleteExpressionError` for an expression of `length` characters.
    #[cold]
    fn incomplete(length: usize) -> QueryError {
        let message = "Invalid jmespath expression: Incomplete expression";
        QueryError::syntax(ErrorKind::Incomplete, message, length)
    }

    /// What went wrong.
    #[allow(dead_code, reason = "for callers that treat some kinds apart")]
    pub(crate) fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// For syntax errors, the 1-based character column the error points at.
    #[allow(
        dead_code,
        reason = "for callers that draw a caret under the expression"
    )]
    pub(crate) fn column(&self) -> Option<usize> {
        self.inner.column
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl std::error::Error for QueryError {}

// ---------------------------------------------------------------------------------------------
// Lexing: a port of jmespath/lexer.py.

/// A token of Python's lexer.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
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
    fn python_type(&self) -> &'static str {
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
struct Token {
    tok: Tok,
    /// 0-based character position in the expression (Python's `lex_position`).
    start: usize,
    /// Python's token value as its messages print it (`%s`): the identifier, the number, the
    /// literal's value, the operator.
    value: String,
}

/// The lexer's output.
struct Lexed {
    /// The tokens, the last one [`Tok::Eof`].
    tokens: Vec<Token>,
    /// The values of the literal tokens.
    literals: Vec<Val<'static>>,
}

/// Splits `expression` into tokens as `Lexer.tokenize` does.
fn lex(expression: &str) -> Result<Lexed, QueryError> {
    if expression.is_empty() {
        let message = "Invalid JMESPath expression: cannot be empty.";
        return Err(QueryError::new(ErrorKind::Empty, message));
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
struct Lexer {
    chars: Vec<char>,
    pos: usize,
    tokens: Vec<Token>,
    literals: Vec<Val<'static>>,
}

impl Lexer {
    /// The character `ahead` positions after the current one.
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// A `LexerError` at `position`.
    #[cold]
    fn error(position: usize, message: &str) -> QueryError {
        let message = format!("Bad jmespath expression: {message}");
        QueryError::syntax(ErrorKind::Lexer, message, position)
    }

    /// Tokenizes the whole expression.
    fn run(&mut self) -> Result<(), QueryError> {
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
    fn single(&mut self, tok: Tok) -> Tok {
        self.pos += 1;
        tok
    }

    /// A two-character token.
    fn double(&mut self, tok: Tok) -> Tok {
        self.pos += 2;
        tok
    }

    /// `matched` when the next character is `second`, else `single` (`_match_or_else`).
    fn pair(&mut self, second: char, matched: Tok, single: Tok) -> Tok {
        if self.peek(1) == Some(second) {
            self.double(matched)
        } else {
            self.single(single)
        }
    }

    /// Records a literal's value.
    fn literal(&mut self, value: Val<'static>) -> Tok {
        self.literals.push(value);
        Tok::Literal(self.literals.len() - 1)
    }

    /// Digits after an optional `-` already consumed (`_consume_number`).
    fn number(&mut self, negative: bool) -> Tok {
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
    fn until(&mut self, delimiter: char) -> Result<String, QueryError> {
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
    fn backtick_literal(&mut self) -> Result<Val<'static>, QueryError> {
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
fn python_int_text(text: &[char]) -> String {
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
fn is_python_space(c: char) -> bool {
    idpool_python::is_space(c)
}

// ---------------------------------------------------------------------------------------------
// Python's json.loads, for backtick literals and quoted identifiers.

/// Why text is not a JSON value for Python's `json.loads`.
#[derive(Debug)]
enum JsonError {
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
    fn into_query_error(self, position: usize) -> QueryError {
        match self {
            JsonError::Invalid(message) => Lexer::error(position, message),
            JsonError::Unsupported(message) => {
                QueryError::syntax(ErrorKind::Unsupported, message, position)
            }
            JsonError::TooDeep => {
                let message = format!("literal nested more than {MAX_LITERAL_DEPTH} levels deep");
                QueryError::syntax(ErrorKind::TooDeep, message, position)
            }
        }
    }
}

/// Decodes `text` as `json.loads` does: ints stay ints, `NaN` and `Infinity` are accepted, a
/// repeated key keeps its first position and its last value.
fn parse_json(text: &str) -> Result<Val<'static>, JsonError> {
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
struct JsonParser<'c> {
    chars: &'c [char],
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    /// The character `ahead` positions after the current one.
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Skips JSON whitespace.
    fn whitespace(&mut self) {
        while matches!(self.peek(0), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    /// Consumes `word` if the text continues with it.
    fn keyword(&mut self, word: &str) -> bool {
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
    fn value(&mut self) -> Result<Val<'static>, JsonError> {
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
    fn digits(&mut self) {
        while self.peek(0).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Val<'static>, JsonError> {
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
    fn hex4(&mut self) -> Result<u32, JsonError> {
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
    fn string(&mut self) -> Result<String, JsonError> {
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
    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_LITERAL_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.pos += 1;
        self.whitespace();
        Ok(())
    }

    /// An object, the current character being its `{`.
    fn object(&mut self) -> Result<Val<'static>, JsonError> {
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
    fn array(&mut self) -> Result<Val<'static>, JsonError> {
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

// ---------------------------------------------------------------------------------------------
// Parsing: a port of jmespath/parser.py.

/// A JMESPath expression: the nodes of `jmespath/ast.py`, evaluated as `TreeInterpreter` does.
#[derive(Debug)]
enum Node {
    /// `@`, and the implicit sides of projections (`current` and `identity`).
    Identity,
    /// `name`: the member of an object, else `null`.
    Field(String),
    /// `a.b.c`: each node on the result of the previous one.
    Subexpression(Vec<Node>),
    /// `a[0][1]`: each node on the result of the previous one. A slice that follows an index
    /// joins its index expression instead of starting a projection.
    IndexExpression(Vec<Node>),
    /// `[n]`: the element of an array (negative from the end), else `null`.
    Index(i64),
    /// `[start:stop:step]` of an array, with Python's slice semantics, else `null`.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// A backtick or raw string literal.
    Literal(Box<Val<'static>>),
    /// `a | b`.
    Pipe(Box<Node>, Box<Node>),
    /// `a[*].b`, `a[].b`, `a[1:].b`: the right side on each element of the array the left side
    /// gives, nulls dropped; `null` when the left side is not an array.
    Projection(Box<Node>, Box<Node>),
    /// `a.*.b`: the right side on each value of the object the left side gives, nulls dropped.
    ValueProjection(Box<Node>, Box<Node>),
    /// `a[?c].b`: the right side on each element of the array where the condition is true.
    FilterProjection {
        base: Box<Node>,
        each: Box<Node>,
        condition: Box<Node>,
    },
    /// `a[]`: an array with the elements of its array elements spliced in, else `null`.
    Flatten(Box<Node>),
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    Compare(Comparator, Box<Node>, Box<Node>),
    /// `&&`.
    And(Box<Node>, Box<Node>),
    /// `||`.
    Or(Box<Node>, Box<Node>),
    /// `!`.
    Not(Box<Node>),
    /// `[a, b]`.
    MultiList(Vec<Node>),
    /// `{k: a, l: b}`.
    MultiHash(Vec<(String, Node)>),
    /// `name(args...)`; `function` is `None` when no function has that name.
    Function {
        function: Option<Function>,
        name: String,
        args: Vec<Node>,
    },
    /// `&expression`.
    Expref(Box<Node>),
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparator {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

impl Comparator {
    /// The Python operator, as `TypeError` messages print it.
    fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "==",
            Comparator::Ne => "!=",
            Comparator::Lt => "<",
            Comparator::Lte => "<=",
            Comparator::Gt => ">",
            Comparator::Gte => ">=",
        }
    }

    /// Whether an ordering operator holds for `ordering` (`None`: unordered, as NaN is).
    fn holds(self, ordering: Option<Ordering>) -> bool {
        match (self, ordering) {
            (_, None) => false,
            (Comparator::Eq, Some(o)) => o.is_eq(),
            (Comparator::Ne, Some(o)) => o.is_ne(),
            (Comparator::Lt, Some(o)) => o.is_lt(),
            (Comparator::Lte, Some(o)) => o.is_le(),
            (Comparator::Gt, Some(o)) => o.is_gt(),
            (Comparator::Gte, Some(o)) => o.is_ge(),
        }
    }
}

/// A node and the depth of its tree (a leaf is 1).
type Parsed = (Node, usize);

/// `Parser.BINDING_POWER`.
fn binding_power(tok: &Tok) -> usize {
    match tok {
        Tok::Pipe => 1,
        Tok::Or => 2,
        Tok::And => 3,
        Tok::Eq | Tok::Gt | Tok::Lt | Tok::Gte | Tok::Lte | Tok::Ne => 5,
        Tok::Flatten => 9,
        Tok::Star => 20,
        Tok::Filter => 21,
        Tok::Dot => 40,
        Tok::Not => 45,
        Tok::Lbrace => 50,
        Tok::Lbracket => 55,
        Tok::Lparen => 60,
        _ => 0,
    }
}

/// Tokens binding less than this end a projection (`_PROJECTION_STOP`).
const PROJECTION_STOP: usize = 10;

/// The parser's state: the tokens, the last one `Eof`, and where it is in them.
struct Parser<'t> {
    tokens: &'t [Token],
    literals: &'t [Val<'static>],
    index: usize,
    /// How many `expression` calls are open.
    nesting: usize,
}

impl<'t> Parser<'t> {
    /// Parses the whole expression (`Parser._parse`).
    fn parse(&mut self) -> Result<Node, QueryError> {
        let (node, _) = self.expression(0)?;
        let token = self.token(0);
        if token.tok != Tok::Eof {
            let reason = format!("Unexpected token: {}", token.value);
            return Err(QueryError::parse(&reason, token));
        }
        Ok(node)
    }

    /// The token `ahead` positions after the current one (`Eof` past the end).
    fn token(&self, ahead: usize) -> &'t Token {
        /// What an empty token list would end with; the lexer always ends it with `Eof`.
        static EOF: Token = Token {
            tok: Tok::Eof,
            start: 0,
            value: String::new(),
        };
        let tokens = self.tokens;
        tokens
            .get(self.index + ahead)
            .or(tokens.last())
            .unwrap_or(&EOF)
    }

    /// The current token's type (`_current_token`).
    fn current(&self) -> &'t Tok {
        &self.token(0).tok
    }

    /// Moves to the next token.
    fn advance(&mut self) {
        self.index += 1;
    }

    /// `_match`: consumes a token of type `expected`.
    fn expect(&mut self, expected: &Tok) -> Result<(), QueryError> {
        if self.current() == expected {
            self.advance();
            return Ok(());
        }
        Err(self.expecting(expected.python_type()))
    }

    /// `_raise_parse_error_maybe_eof`: the current token is not the `expected` one.
    #[cold]
    fn expecting(&self, expected: &str) -> QueryError {
        let token = self.token(0);
        if token.tok == Tok::Eof {
            return QueryError::incomplete(token.start);
        }
        let reason = format!("Expecting: {expected}, got: {}", token.tok.python_type());
        QueryError::parse(&reason, token)
    }

    /// A node over children of depths `depths`, refused beyond [`MAX_DEPTH`].
    fn node(node: Node, depths: &[usize]) -> Result<Parsed, QueryError> {
        let depth = depths.iter().max().map_or(1, |deepest| deepest + 1);
        if depth > MAX_DEPTH {
            return Err(QueryError::too_deep());
        }
        Ok((node, depth))
    }

    /// `_expression`: a prefix (`nud`), then operators binding tighter than `binding`.
    ///
    /// This is the parser's recursion; the functions it goes through keep their frames small.
    fn expression(&mut self, binding: usize) -> Result<Parsed, QueryError> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(QueryError::too_deep());
        }
        let token = self.token(0);
        self.advance();
        let mut left = self.nud(token)?;
        while binding < binding_power(self.current()) {
            let token = self.token(0);
            self.advance();
            left = self.led(token, left)?;
        }
        self.nesting -= 1;
        Ok(left)
    }

    /// The `_token_nud_*` methods: a token starting an expression.
    fn nud(&mut self, token: &'t Token) -> Result<Parsed, QueryError> {
        match &token.tok {
            Tok::Literal(index) => {
                let value = self.literals.get(*index).cloned().unwrap_or(Val::NULL);
                Ok((Node::Literal(Box::new(value)), 1))
            }
            Tok::Ident(name) => Ok((Node::Field(name.clone()), 1)),
            Tok::Quoted(name) => self.quoted_identifier(name),
            Tok::Star => self.nud_star(),
            Tok::Filter => self.filter((Node::Identity, 1)),
            Tok::Lbrace => self.multi_select_hash(),
            Tok::Lparen => {
                let inner = self.expression(0)?;
                self.expect(&Tok::Rparen)?;
                Ok(inner)
            }
            Tok::Flatten => self.flatten((Node::Identity, 1)),
            Tok::Not | Tok::Expref => self.prefix(&token.tok),
            Tok::Lbracket => self.nud_lbracket(),
            Tok::Current => Ok((Node::Identity, 1)),
            Tok::Eof => Err(QueryError::incomplete(token.start)),
            _ => Err(QueryError::parse("invalid token", token)),
        }
    }

    /// `_token_nud_quoted_identifier`: a field, which may not name a function.
    fn quoted_identifier(&mut self, name: &str) -> Result<Parsed, QueryError> {
        if *self.current() == Tok::Lparen {
            // Python reports this one at column 0.
            let reason = "Quoted identifier not allowed for function names.";
            let at = Token {
                start: 0,
                ..self.token(0).clone()
            };
            return Err(QueryError::parse(reason, &at));
        }
        Ok((Node::Field(name.to_owned()), 1))
    }

    /// `_token_nud_star`: `*`, the values of the current object.
    fn nud_star(&mut self) -> Result<Parsed, QueryError> {
        let right = if *self.current() == Tok::Rbracket {
            (Node::Identity, 1)
        } else {
            self.projection_rhs(binding_power(&Tok::Star))?
        };
        let node = Node::ValueProjection(Box::new(Node::Identity), Box::new(right.0));
        Parser::node(node, &[right.1])
    }

    /// `_token_nud_not` and `_token_nud_expref`: `!operand` and `&expression`.
    fn prefix(&mut self, tok: &Tok) -> Result<Parsed, QueryError> {
        let operand = self.expression(binding_power(tok))?;
        let operand_node = Box::new(operand.0);
        let node = if *tok == Tok::Not {
            Node::Not(operand_node)
        } else {
            Node::Expref(operand_node)
        };
        Parser::node(node, &[operand.1])
    }

    /// `_token_nud_lbracket`: an index or slice of the current node, `[*]`, or a multi-select
    /// list.
    fn nud_lbracket(&mut self) -> Result<Parsed, QueryError> {
        match self.current() {
            Tok::Number(_) | Tok::Colon => {
                let right = self.index_expression()?;
                self.project_if_slice((Node::Identity, 1), right)
            }
            Tok::Star if self.token(1).tok == Tok::Rbracket => {
                self.advance();
                self.advance();
                self.wildcard((Node::Identity, 1))
            }
            _ => self.multi_select_list(),
        }
    }

    /// The `_token_led_*` methods: an operator after `left`.
    fn led(&mut self, token: &'t Token, left: Parsed) -> Result<Parsed, QueryError> {
        match token.tok {
            Tok::Dot => self.dot(left),
            Tok::Pipe
            | Tok::Or
            | Tok::And
            | Tok::Eq
            | Tok::Ne
            | Tok::Lt
            | Tok::Lte
            | Tok::Gt
            | Tok::Gte => self.binary(&token.tok, left),
            Tok::Lparen => self.function(left),
            Tok::Filter => self.filter(left),
            Tok::Flatten => self.flatten(left),
            Tok::Lbracket => self.led_lbracket(left),
            // `star`, `not` and `lbrace` bind but have no `led`.
            _ => Err(QueryError::parse("invalid token", token)),
        }
    }

    /// `_token_led_pipe`, `_token_led_or`, `_token_led_and` and the comparators.
    fn binary(&mut self, tok: &Tok, left: Parsed) -> Result<Parsed, QueryError> {
        let right = self.expression(binding_power(tok))?;
        let (l, r) = (Box::new(left.0), Box::new(right.0));
        let node = match tok {
            Tok::Pipe => Node::Pipe(l, r),
            Tok::Or => Node::Or(l, r),
            Tok::And => Node::And(l, r),
            Tok::Eq => Node::Compare(Comparator::Eq, l, r),
            Tok::Ne => Node::Compare(Comparator::Ne, l, r),
            Tok::Lt => Node::Compare(Comparator::Lt, l, r),
            Tok::Lte => Node::Compare(Comparator::Lte, l, r),
            Tok::Gt => Node::Compare(Comparator::Gt, l, r),
            _ => Node::Compare(Comparator::Gte, l, r),
        };
        Parser::node(node, &[left.1, right.1])
    }

    /// `_token_led_flatten` (and `_token_nud_flatten` on the current node): `left[]`.
    fn flatten(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        let right = self.projection_rhs(binding_power(&Tok::Flatten))?;
        let flattened = Box::new(Node::Flatten(Box::new(left.0)));
        Parser::node(
            Node::Projection(flattened, Box::new(right.0)),
            &[left.1 + 1, right.1],
        )
    }

    /// `left[*]` and what follows it.
    fn wildcard(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        let right = self.projection_rhs(binding_power(&Tok::Star))?;
        Parser::node(
            Node::Projection(Box::new(left.0), Box::new(right.0)),
            &[left.1, right.1],
        )
    }

    /// `_token_led_lbracket`: `left[n]`, `left[a:b]` or `left[*]`.
    fn led_lbracket(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        if !matches!(self.current(), Tok::Number(_) | Tok::Colon) {
            self.expect(&Tok::Star)?;
            self.expect(&Tok::Rbracket)?;
            return self.wildcard(left);
        }
        let right = self.index_expression()?;
        match left.0 {
            Node::IndexExpression(mut children) => {
                children.push(right.0);
                let depths = [left.1.saturating_sub(1), right.1];
                Parser::node(Node::IndexExpression(children), &depths)
            }
            node => self.project_if_slice((node, left.1), right),
        }
    }

    /// `_token_led_dot`: `left.name`, `left.[..]`, `left.{..}` or `left.*`.
    fn dot(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        if *self.current() == Tok::Star {
            self.advance();
            let right = self.projection_rhs(binding_power(&Tok::Dot))?;
            let node = Node::ValueProjection(Box::new(left.0), Box::new(right.0));
            return Parser::node(node, &[left.1, right.1]);
        }
        let right = self.dot_rhs(binding_power(&Tok::Dot))?;
        match left.0 {
            Node::Subexpression(mut children) => {
                children.push(right.0);
                let depths = [left.1.saturating_sub(1), right.1];
                Parser::node(Node::Subexpression(children), &depths)
            }
            node => Parser::node(Node::Subexpression(vec![node, right.0]), &[left.1, right.1]),
        }
    }

    /// `_token_led_lparen`: a call of the function named by the field `left`.
    fn function(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        let Node::Field(name) = left.0 else {
            let tokens = self.tokens;
            let before = self.index.checked_sub(2).and_then(|i| tokens.get(i));
            let before = before.unwrap_or(self.token(0));
            let reason = format!("Invalid function name '{}'", before.value);
            return Err(QueryError::parse(&reason, before));
        };
        let mut args = Vec::new();
        let mut depths = Vec::new();
        while *self.current() != Tok::Rparen {
            let (arg, depth) = self.expression(0)?;
            if *self.current() == Tok::Comma {
                self.expect(&Tok::Comma)?;
            }
            args.push(arg);
            depths.push(depth);
        }
        self.expect(&Tok::Rparen)?;
        let node = Node::Function {
            function: Function::named(&name),
            name,
            args,
        };
        Parser::node(node, &depths)
    }

    /// `_token_led_filter`: `left[?condition]` and what follows it.
    fn filter(&mut self, left: Parsed) -> Result<Parsed, QueryError> {
        let condition = self.expression(0)?;
        self.expect(&Tok::Rbracket)?;
        let right = if *self.current() == Tok::Flatten {
            (Node::Identity, 1)
        } else {
            self.projection_rhs(binding_power(&Tok::Filter))?
        };
        let node = Node::FilterProjection {
            base: Box::new(left.0),
            each: Box::new(right.0),
            condition: Box::new(condition.0),
        };
        Parser::node(node, &[left.1, right.1, condition.1])
    }

    /// `_parse_index_expression`: `[n]` or a slice, after the `[`.
    fn index_expression(&mut self) -> Result<Parsed, QueryError> {
        if *self.current() == Tok::Colon || self.token(1).tok == Tok::Colon {
            return self.slice_expression();
        }
        let index = match self.current() {
            Tok::Number(number) => *number,
            _ => 0,
        };
        self.advance();
        self.expect(&Tok::Rbracket)?;
        Ok((Node::Index(index), 1))
    }

    /// `_parse_slice_expression`: `[start:stop:step]`, each part optional; a number given twice
    /// for one part replaces the first (`[1:2 3]` is `[1:3]`).
    fn slice_expression(&mut self) -> Result<Parsed, QueryError> {
        let mut parts = [None, None, None];
        let mut part = 0;
        while *self.current() != Tok::Rbracket {
            match self.current() {
                Tok::Colon if part == 2 => {
                    return Err(QueryError::parse("syntax error", self.token(0)));
                }
                Tok::Colon => part += 1,
                Tok::Number(number) => {
                    if let Some(slot) = parts.get_mut(part) {
                        *slot = Some(*number);
                    }
                }
                _ => return Err(QueryError::parse("syntax error", self.token(0))),
            }
            self.advance();
        }
        self.expect(&Tok::Rbracket)?;
        let [start, stop, step] = parts;
        Ok((Node::Slice { start, stop, step }, 1))
    }

    /// `_project_if_slice`: `left[n]` is an index expression, `left[a:b]` projects.
    fn project_if_slice(&mut self, left: Parsed, right: Parsed) -> Result<Parsed, QueryError> {
        let slice = matches!(right.0, Node::Slice { .. });
        let index = Parser::node(
            Node::IndexExpression(vec![left.0, right.0]),
            &[left.1, right.1],
        )?;
        if !slice {
            return Ok(index);
        }
        let each = self.projection_rhs(binding_power(&Tok::Star))?;
        Parser::node(
            Node::Projection(Box::new(index.0), Box::new(each.0)),
            &[index.1, each.1],
        )
    }

    /// `_parse_multi_select_list`, after the `[`.
    fn multi_select_list(&mut self) -> Result<Parsed, QueryError> {
        let mut elements = Vec::new();
        let mut depths = Vec::new();
        loop {
            let (element, depth) = self.expression(0)?;
            elements.push(element);
            depths.push(depth);
            if *self.current() == Tok::Rbracket {
                break;
            }
            self.expect(&Tok::Comma)?;
        }
        self.expect(&Tok::Rbracket)?;
        Parser::node(Node::MultiList(elements), &depths)
    }

    /// `_parse_multi_select_hash`, after the `{`: the commas between pairs may be left out.
    fn multi_select_hash(&mut self) -> Result<Parsed, QueryError> {
        let mut pairs = Vec::new();
        let mut depths = Vec::new();
        loop {
            let key = match self.current() {
                Tok::Ident(name) | Tok::Quoted(name) => name.clone(),
                _ => return Err(self.expecting("['quoted_identifier', 'unquoted_identifier']")),
            };
            self.advance();
            self.expect(&Tok::Colon)?;
            let (value, depth) = self.expression(0)?;
            pairs.push((key, value));
            depths.push(depth);
            if *self.current() == Tok::Comma {
                self.expect(&Tok::Comma)?;
            } else if *self.current() == Tok::Rbrace {
                self.expect(&Tok::Rbrace)?;
                break;
            }
        }
        Parser::node(Node::MultiHash(pairs), &depths)
    }

    /// `_parse_projection_rhs`: what a projection applies to each element.
    fn projection_rhs(&mut self, binding: usize) -> Result<Parsed, QueryError> {
        match self.current() {
            tok if binding_power(tok) < PROJECTION_STOP => Ok((Node::Identity, 1)),
            Tok::Lbracket | Tok::Filter => self.expression(binding),
            Tok::Dot => {
                self.advance();
                self.dot_rhs(binding)
            }
            _ => Err(QueryError::parse("syntax error", self.token(0))),
        }
    }

    /// `_parse_dot_rhs`: after a `.`, an identifier, `*`, a multi-select list or hash. A
    /// multi-select does not take the operators after it: they apply to the whole expression.
    fn dot_rhs(&mut self, binding: usize) -> Result<Parsed, QueryError> {
        match self.current() {
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Star => self.expression(binding),
            Tok::Lbracket => {
                self.advance();
                self.multi_select_list()
            }
            Tok::Lbrace => {
                self.advance();
                self.multi_select_hash()
            }
            tok => {
                let reason = format!(
                    "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: {}",
                    tok.python_type()
                );
                Err(QueryError::parse(&reason, self.token(0)))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values.

/// A value during an evaluation: what a Python object of the interpreter would be.
///
/// JSON values are borrowed from the searched document (or a literal) while they can be.
#[derive(Clone, Debug)]
enum Val<'a> {
    /// A JSON value.
    Json(Cow<'a, Value>),
    /// A computed integer (Python's are unbounded; beyond `i128` they become floats).
    Int(i128),
    /// A computed float, NaN and infinities included.
    Float(f64),
    /// An expression reference, `&expression`.
    Expref(&'a Node),
    /// A computed array.
    List(Vec<Val<'a>>),
    /// A computed object, in insertion order, without repeated keys.
    Dict(Vec<(String, Val<'a>)>),
}

impl<'a> Val<'a> {
    /// `null` (Python's `None`).
    const NULL: Val<'a> = Val::Json(Cow::Owned(Value::Null));

    /// A boolean.
    fn bool(value: bool) -> Val<'a> {
        Val::Json(Cow::Owned(Value::Bool(value)))
    }

    /// A string.
    fn string(value: String) -> Val<'a> {
        Val::Json(Cow::Owned(Value::String(value)))
    }

    /// An integer, as a JSON number when it fits one.
    fn from_i128(value: i128) -> Val<'a> {
        if let Ok(small) = i64::try_from(value) {
            Val::Json(Cow::Owned(Value::from(small)))
        } else if let Ok(large) = u64::try_from(value) {
            Val::Json(Cow::Owned(Value::from(large)))
        } else {
            Val::Int(value)
        }
    }

    /// A float, as a JSON number when it is finite.
    fn from_f64(value: f64) -> Val<'a> {
        Number::from_f64(value).map_or(Val::Float(value), |n| {
            Val::Json(Cow::Owned(Value::Number(n)))
        })
    }

    /// An array, as a JSON array when every element is JSON.
    fn compact_array(items: Vec<Val<'a>>) -> Val<'a> {
        if !items.iter().all(|item| matches!(item, Val::Json(_))) {
            return Val::List(items);
        }
        let items = items.into_iter().filter_map(|item| match item {
            Val::Json(value) => Some(value.into_owned()),
            _ => None,
        });
        Val::Json(Cow::Owned(Value::Array(items.collect())))
    }

    /// An object, as a JSON object when every value is JSON.
    fn compact_object(entries: Vec<(String, Val<'a>)>) -> Val<'a> {
        if !entries
            .iter()
            .all(|(_, value)| matches!(value, Val::Json(_)))
        {
            return Val::Dict(entries);
        }
        let entries = entries.into_iter().filter_map(|(key, value)| match value {
            Val::Json(value) => Some((key, value.into_owned())),
            _ => None,
        });
        Val::Json(Cow::Owned(Value::Object(entries.collect())))
    }

    /// Whether this is `null`.
    fn is_null(&self) -> bool {
        matches!(self, Val::Json(value) if value.is_null())
    }

    /// A deep copy, paid for (see [`spend_on_copy`]): JSON borrowed from the document is
    /// shared, not copied.
    fn copy(&self) -> Result<Val<'a>, QueryError> {
        spend_on_copy(self, 0)?;
        Ok(self.clone())
    }

    /// A cheap copy: JSON is borrowed from `self`; anything else is copied.
    fn reborrow(&self) -> Result<Val<'_>, QueryError> {
        match self {
            Val::Json(value) => Ok(Val::Json(Cow::Borrowed(value.as_ref()))),
            other => other.copy(),
        }
    }

    /// A child of this JSON value: borrowed when this value is, copied when it is owned.
    fn json_child(
        &self,
        pick: impl for<'x> FnOnce(&'x Value) -> Option<&'x Value>,
    ) -> Result<Option<Val<'a>>, QueryError> {
        Ok(match self {
            Val::Json(Cow::Borrowed(value)) => {
                let value: &'a Value = value;
                pick(value).map(|child| Val::Json(Cow::Borrowed(child)))
            }
            Val::Json(Cow::Owned(value)) => match pick(value) {
                Some(child) => {
                    spend_on(Ref::Json(child))?;
                    Some(Val::Json(Cow::Owned(child.clone())))
                }
                None => None,
            },
            _ => None,
        })
    }

    /// `value.get(name)` of an object, else `null` (`visit_field`).
    fn field(&self, name: &str) -> Result<Val<'a>, QueryError> {
        let found = match self {
            Val::Dict(entries) => {
                // A computed object is searched key by key.
                spend_values(entries.len())?;
                let found = entries.iter().find(|(key, _)| key == name);
                found.map(|(_, value)| value.copy()).transpose()?
            }
            _ => self.json_child(|value| value.as_object()?.get(name))?,
        };
        Ok(found.unwrap_or(Val::NULL))
    }

    /// The element at `position` of an array.
    fn element(&self, position: usize) -> Result<Option<Val<'a>>, QueryError> {
        match self {
            Val::List(items) => items.get(position).map(Val::copy).transpose(),
            _ => self.json_child(|value| value.as_array()?.get(position)),
        }
    }

    /// `value[index]` of an array, else `null` (`visit_index`).
    fn index(&self, index: i64) -> Result<Val<'a>, QueryError> {
        let Kind::Array(items) = Ref::of(self).kind() else {
            return Ok(Val::NULL);
        };
        let length = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let index = if index < 0 { index + length } else { index };
        if !(0..length).contains(&index) {
            return Ok(Val::NULL);
        }
        let Ok(position) = usize::try_from(index) else {
            return Ok(Val::NULL);
        };
        Ok(self.element(position)?.unwrap_or(Val::NULL))
    }

    /// `value[start:stop:step]` of an array, else `null` (`visit_slice`).
    fn slice(
        &self,
        start: Option<i64>,
        stop: Option<i64>,
        step: i64,
    ) -> Result<Val<'a>, QueryError> {
        let Kind::Array(items) = Ref::of(self).kind() else {
            return Ok(Val::NULL);
        };
        if step == 0 {
            return Err(QueryError::new(
                ErrorKind::PythonValue,
                "slice step cannot be zero",
            ));
        }
        let picked = slice_positions(items.len(), start, stop, step);
        spend_values(picked.len())?;
        let mut sliced = Vec::with_capacity(picked.len());
        for position in picked {
            sliced.extend(self.element(position)?);
        }
        Ok(Val::List(sliced))
    }

    /// The elements of an array, or the value back when it is not one.
    fn into_elements(self) -> Result<Vec<Val<'a>>, Val<'a>> {
        match self {
            Val::Json(Cow::Borrowed(Value::Array(items))) => Ok(items
                .iter()
                .map(|item| Val::Json(Cow::Borrowed(item)))
                .collect()),
            Val::Json(Cow::Owned(Value::Array(items))) => Ok(items
                .into_iter()
                .map(|item| Val::Json(Cow::Owned(item)))
                .collect()),
            Val::List(items) => Ok(items),
            other => Err(other),
        }
    }

    /// The members of an object, or the value back when it is not one.
    fn into_entries(self) -> Result<Vec<(String, Val<'a>)>, Val<'a>> {
        match self {
            Val::Json(Cow::Borrowed(Value::Object(members))) => Ok(members
                .iter()
                .map(|(key, value)| (key.clone(), Val::Json(Cow::Borrowed(value))))
                .collect()),
            Val::Json(Cow::Owned(Value::Object(members))) => Ok(members
                .into_iter()
                .map(|(key, value)| (key, Val::Json(Cow::Owned(value))))
                .collect()),
            Val::Dict(entries) => Ok(entries),
            other => Err(other),
        }
    }

    /// The values of an object, or the value back when it is not one.
    fn into_values(self) -> Result<Vec<Val<'a>>, Val<'a>> {
        match self {
            // Without copying the keys only to drop them.
            Val::Json(Cow::Borrowed(Value::Object(members))) => Ok(members
                .values()
                .map(|value| Val::Json(Cow::Borrowed(value)))
                .collect()),
            other => other
                .into_entries()
                .map(|entries| entries.into_iter().map(|(_, value)| value).collect()),
        }
    }

    /// The JSON value, when JSON can hold it; what is borrowed is copied (and paid for).
    fn into_json(self) -> Result<Value, QueryError> {
        match self {
            Val::Json(Cow::Borrowed(value)) => {
                spend_on(Ref::Json(value))?;
                Ok(value.clone())
            }
            Val::Json(Cow::Owned(value)) => Ok(value),
            Val::Int(value) => Ok(match Val::from_i128(value) {
                Val::Json(json) => json.into_owned(),
                // Beyond 64 bits: the nearest float, which is finite.
                _ => Number::from_f64(value as f64).map_or(Value::Null, Value::Number),
            }),
            Val::Float(value) => Number::from_f64(value).map(Value::Number).ok_or_else(|| {
                let what = idpool_python::json::float(value);
                let message = format!("the result holds {what}, which JSON cannot represent");
                QueryError::new(ErrorKind::NotJson, message)
            }),
            Val::Expref(_) => {
                let message = "the result holds an expression reference (`&...`), which JSON cannot represent";
                Err(QueryError::new(ErrorKind::NotJson, message))
            }
            Val::List(items) => {
                spend_values(items.len())?;
                // A loop: `collect` would add a dozen frames per level of nesting.
                let mut array = Vec::with_capacity(items.len());
                for item in items {
                    array.push(item.into_json()?);
                }
                Ok(Value::Array(array))
            }
            Val::Dict(entries) => {
                spend_members(entries.len())?;
                let mut members = Map::new();
                for (key, value) in entries {
                    members.insert(key, value.into_json()?);
                }
                Ok(Value::Object(members))
            }
        }
    }
}

/// The positions `[start:stop:step]` selects in a list of `length`, as Python computes them
/// (`PySlice_AdjustIndices`). `step` is not 0.
fn slice_positions(length: usize, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<usize> {
    let length = i64::try_from(length).unwrap_or(i64::MAX);
    let backwards = step < 0;
    let adjust = |bound: Option<i64>, default: i64| match bound {
        None => default,
        Some(bound) if bound < 0 => match bound + length {
            adjusted if adjusted >= 0 => adjusted,
            _ if backwards => -1,
            _ => 0,
        },
        Some(bound) if bound >= length => {
            if backwards {
                length - 1
            } else {
                length
            }
        }
        Some(bound) => bound,
    };
    let (mut i, stop) = if backwards {
        (adjust(start, length - 1), adjust(stop, -1))
    } else {
        (adjust(start, 0), adjust(stop, length))
    };
    let mut positions = Vec::new();
    while (backwards && i > stop) || (!backwards && i < stop) {
        if let Ok(position) = usize::try_from(i) {
            positions.push(position);
        }
        match i.checked_add(step) {
            Some(next) => i = next,
            None => break,
        }
    }
    positions
}

/// Builds an object with Python's dict semantics: a repeated key keeps its first position and
/// takes the last value.
#[derive(Default)]
struct DictBuilder<'a> {
    entries: Vec<(String, Val<'a>)>,
    positions: HashMap<String, usize>,
}

impl<'a> DictBuilder<'a> {
    /// `dict[key] = value`.
    fn insert(&mut self, key: String, value: Val<'a>) {
        if let Some(entry) = self
            .positions
            .get(&key)
            .and_then(|&i| self.entries.get_mut(i))
        {
            entry.1 = value;
        } else {
            self.positions.insert(key.clone(), self.entries.len());
            self.entries.push((key, value));
        }
    }
}

/// A number, as Python has it: an int or a float.
#[derive(Clone, Copy, Debug)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    /// The number a JSON number is in Python (`1` an int, `1.0` a float).
    fn of(number: &Number) -> Num {
        if let Some(small) = number.as_i64() {
            Num::Int(small.into())
        } else if let Some(large) = number.as_u64() {
            Num::Int(large.into())
        } else {
            Num::Float(number.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// Python's type name.
    fn python_type(self) -> &'static str {
        match self {
            Num::Int(_) => "int",
            Num::Float(_) => "float",
        }
    }

    /// The value as a float (Python's `float(int)`, correctly rounded).
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(value) => value as f64,
            Num::Float(value) => value,
        }
    }

    /// Python's exact comparison of ints and floats; `None` when NaN is involved.
    fn compare(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
            (Num::Int(a), Num::Float(b)) => compare_int_float(a, b),
            (Num::Float(a), Num::Int(b)) => compare_int_float(b, a).map(Ordering::reverse),
        }
    }

    /// A total order for sorting: [`Num::compare`], NaN after every number.
    fn sort_order(self, other: Num) -> Ordering {
        self.compare(other).unwrap_or_else(|| {
            let nan = |n: Num| matches!(n, Num::Float(f) if f.is_nan());
            nan(self).cmp(&nan(other))
        })
    }

    /// Python's `x in (0, 1)`.
    fn is_zero_or_one(self) -> bool {
        match self {
            Num::Int(value) => value == 0 || value == 1,
            Num::Float(value) => value == 0.0 || value == 1.0,
        }
    }
}

/// 2^127: the floats at or beyond it (in magnitude) are outside the range of `i128`.
const I128_LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

/// Compares an int with a float exactly, as Python does (`2**53 + 1 > 2.0**53`).
fn compare_int_float(int: i128, float: f64) -> Option<Ordering> {
    if float.is_nan() {
        return None;
    }
    if float >= I128_LIMIT {
        return Some(Ordering::Less);
    }
    if float < -I128_LIMIT {
        return Some(Ordering::Greater);
    }
    let whole = float.trunc();
    // Exact: `whole` is an integer within the i128 range.
    let whole_int = whole as i128;
    Some(
        int.cmp(&whole_int)
            .then_with(|| 0.0.partial_cmp(&(float - whole)).unwrap_or(Ordering::Equal)),
    )
}

/// `numerator / denominator` rounded once to the nearest float, ties to even, as Python
/// divides two ints (`denominator` is not 0).
fn int_ratio(numerator: i128, denominator: u64) -> f64 {
    let a = numerator.unsigned_abs();
    let b = u128::from(denominator.max(1));
    if a == 0 {
        return 0.0;
    }
    // Scale the numerator so that the quotient has at least 55 significant bits.
    let (a_bits, b_bits) = (128 - a.leading_zeros(), 128 - b.leading_zeros());
    let shift = (55 + b_bits).saturating_sub(a_bits);
    let scaled = a << shift;
    let (quotient, remainder) = (scaled / b, scaled % b);
    // Keep 53 bits; what is dropped decides the rounding, the remainder breaking ties.
    let dropped = (128 - quotient.leading_zeros()).saturating_sub(53);
    let mut mantissa = quotient >> dropped;
    let rest = quotient & ((1 << dropped) - 1);
    let half = 1 << dropped.saturating_sub(1);
    if rest > half || (rest == half && (remainder != 0 || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    let exponent = i32::try_from(dropped).unwrap_or(0) - i32::try_from(shift).unwrap_or(0);
    let magnitude = mantissa as f64 * 2f64.powi(exponent);
    if numerator < 0 { -magnitude } else { magnitude }
}

/// A value seen as Python sees it: a JSON value anywhere inside a [`Val`], or a `Val`.
#[derive(Clone, Copy, Debug)]
enum Ref<'v, 'a> {
    Json(&'v Value),
    Val(&'v Val<'a>),
}

/// What a [`Ref`] is.
enum Kind<'v, 'a> {
    Null,
    Bool(bool),
    Number(Num),
    String(&'v str),
    Array(Items<'v, 'a>),
    Object(Entries<'v, 'a>),
    Expref,
}

impl<'v, 'a> Ref<'v, 'a> {
    /// A view of `value`.
    fn of(value: &'v Val<'a>) -> Ref<'v, 'a> {
        match value {
            Val::Json(json) => Ref::Json(json.as_ref()),
            other => Ref::Val(other),
        }
    }

    /// What the value is.
    fn kind(self) -> Kind<'v, 'a> {
        match self {
            Ref::Json(Value::Null) => Kind::Null,
            Ref::Json(Value::Bool(value)) => Kind::Bool(*value),
            Ref::Json(Value::Number(number)) => Kind::Number(Num::of(number)),
            Ref::Json(Value::String(text)) => Kind::String(text),
            Ref::Json(Value::Array(items)) => Kind::Array(Items::Json(items)),
            Ref::Json(Value::Object(members)) => Kind::Object(Entries::Json(members)),
            Ref::Val(Val::Json(json)) => Ref::Json(json.as_ref()).kind(),
            Ref::Val(Val::Int(value)) => Kind::Number(Num::Int(*value)),
            Ref::Val(Val::Float(value)) => Kind::Number(Num::Float(*value)),
            Ref::Val(Val::Expref(_)) => Kind::Expref,
            Ref::Val(Val::List(items)) => Kind::Array(Items::Vals(items)),
            Ref::Val(Val::Dict(entries)) => Kind::Object(Entries::Vals(entries)),
        }
    }

    /// Python's type name (`type(value).__name__`).
    fn python_type(self) -> &'static str {
        match self.kind() {
            Kind::Null => "NoneType",
            Kind::Bool(_) => "bool",
            Kind::Number(number) => number.python_type(),
            Kind::String(_) => "str",
            Kind::Array(_) => "list",
            Kind::Object(_) => "dict",
            Kind::Expref => "_Expression",
        }
    }

    /// JMESPath falsiness (`_is_false`): `null`, `false`, `""`, `[]` and `{}`.
    fn is_false(self) -> bool {
        match self.kind() {
            Kind::Null => true,
            Kind::Bool(value) => !value,
            Kind::String(text) => text.is_empty(),
            Kind::Array(items) => items.len() == 0,
            Kind::Object(entries) => entries.len() == 0,
            Kind::Number(_) | Kind::Expref => false,
        }
    }
}

/// The elements of an array.
#[derive(Clone, Copy)]
enum Items<'v, 'a> {
    Json(&'v [Value]),
    Vals(&'v [Val<'a>]),
}

impl<'v, 'a> Items<'v, 'a> {
    /// The number of elements.
    fn len(self) -> usize {
        match self {
            Items::Json(items) => items.len(),
            Items::Vals(items) => items.len(),
        }
    }

    /// The element at `position`.
    fn get(self, position: usize) -> Option<Ref<'v, 'a>> {
        match self {
            Items::Json(items) => items.get(position).map(Ref::Json),
            Items::Vals(items) => items.get(position).map(Ref::of),
        }
    }

    /// The elements, in order.
    fn iter(self) -> impl Iterator<Item = Ref<'v, 'a>> {
        (0..self.len()).filter_map(move |position| self.get(position))
    }
}

/// The members of an object.
#[derive(Clone, Copy)]
enum Entries<'v, 'a> {
    Json(&'v Map<String, Value>),
    Vals(&'v [(String, Val<'a>)]),
}

impl<'v, 'a> Entries<'v, 'a> {
    /// The number of members.
    fn len(self) -> usize {
        match self {
            Entries::Json(members) => members.len(),
            Entries::Vals(entries) => entries.len(),
        }
    }

    /// The value of the member `key`.
    fn get(self, key: &str) -> Option<Ref<'v, 'a>> {
        match self {
            Entries::Json(members) => members.get(key).map(Ref::Json),
            Entries::Vals(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| Ref::of(v)),
        }
    }

    /// The members, in insertion order.
    fn iter(self) -> EntryIter<'v, 'a> {
        match self {
            Entries::Json(members) => EntryIter::Json(members.iter()),
            Entries::Vals(entries) => EntryIter::Vals(entries.iter()),
        }
    }
}

/// The iterator of [`Entries::iter`].
enum EntryIter<'v, 'a> {
    Json(serde_json::map::Iter<'v>),
    Vals(std::slice::Iter<'v, (String, Val<'a>)>),
}

impl<'v, 'a> Iterator for EntryIter<'v, 'a> {
    type Item = (&'v str, Ref<'v, 'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            EntryIter::Json(members) => members.next().map(|(k, v)| (k.as_str(), Ref::Json(v))),
            EntryIter::Vals(entries) => entries.next().map(|(k, v)| (k.as_str(), Ref::of(v))),
        }
    }
}

/// Python's `==`: deep, `1 == 1.0`, and `True == 1` (the interpreter's special case for
/// booleans applies only at the top of a comparison, in [`equals`]). Each pair of values
/// compared is paid for.
fn python_eq(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, QueryError> {
    spend(VALUE_COST)?;
    Ok(match (a.kind(), b.kind()) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Bool(x), Kind::Number(n)) | (Kind::Number(n), Kind::Bool(x)) => {
            n.compare(Num::Int(i128::from(x))) == Some(Ordering::Equal)
        }
        (Kind::Number(x), Kind::Number(y)) => x.compare(y) == Some(Ordering::Equal),
        (Kind::String(x), Kind::String(y)) => {
            spend(x.len().min(y.len()))?;
            x == y
        }
        (Kind::Array(x), Kind::Array(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !python_eq(p, q)? {
                    return Ok(false);
                }
            }
            true
        }
        (Kind::Object(x), Kind::Object(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (key, p) in x.iter() {
                if let Entries::Vals(entries) = y {
                    // A computed object is searched key by key.
                    spend_values(entries.len())?;
                }
                match y.get(key) {
                    Some(q) if python_eq(p, q)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        // Python compares expression references by identity: two are never the same object.
        _ => false,
    })
}

/// The interpreter's `_equals`: Python's `==`, except that 0 and 1 never equal a boolean.
fn equals(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, QueryError> {
    let special = |x: Ref<'_, '_>, y: Ref<'_, '_>| match x.kind() {
        Kind::Number(n) if n.is_zero_or_one() => Some(matches!(y.kind(), Kind::Bool(_))),
        _ => None,
    };
    let special = special(a, b).or_else(|| special(b, a)).unwrap_or(false);
    Ok(!special && python_eq(a, b)?)
}

/// Python's ordering operators on numbers or strings; other pairs raise Python's `TypeError`.
fn python_order(op: Comparator, a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, QueryError> {
    let ordering = match (a.kind(), b.kind()) {
        (Kind::Number(x), Kind::Number(y)) => x.compare(y),
        (Kind::String(x), Kind::String(y)) => {
            spend(x.len().min(y.len()))?;
            Some(x.cmp(y))
        }
        _ => {
            let message = format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.python_type(),
                b.python_type()
            );
            return Err(QueryError::new(ErrorKind::PythonType, message));
        }
    };
    Ok(op.holds(ordering))
}

/// A total order on numbers, or on strings, for sorting (values of one kind, after the type
/// checks).
fn sort_order(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Ordering {
    match (a.kind(), b.kind()) {
        (Kind::Number(x), Kind::Number(y)) => x.sort_order(y),
        (Kind::String(x), Kind::String(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

// ---------------------------------------------------------------------------------------------
// The budget of a search: what it builds and reads, in bytes of values.

/// What a value counts for, apart from its text: the size of a [`Val`] (a `Value` is no
/// larger).
const VALUE_COST: usize = size_of::<Val<'static>>();

/// What a member of an object counts for, apart from its key's text: the key and the value.
const MEMBER_COST: usize = size_of::<(String, Val<'static>)>();

/// The budget of the search running on a thread.
#[derive(Clone, Copy, Debug)]
struct Meter {
    /// The whole budget, in bytes.
    budget: usize,
    /// What is left of it.
    left: usize,
}

thread_local! {
    /// The budget of the search running on this thread, set by [`Query::search_within`]. A
    /// thread-local rather than an argument of every function, so that the evaluator keeps
    /// the shape of Python's.
    static METER: Cell<Meter> = const { Cell::new(Meter { budget: 0, left: 0 }) };
}

/// Charges `bytes` to the running search: its [`ErrorKind::TooLarge`] error once they exceed
/// what is left of its budget.
///
/// What is charged follows memory and time:
/// - every evaluation step, and every value built or copied (an element of a list, a member
///   of an object), at [`VALUE_COST`] or [`MEMBER_COST`], plus the text of every string and
///   key created;
/// - JSON borrowed from the document costs nothing until it is copied out of it (to build the
///   result) or read all through (compared, checked, printed by `to_string` or in a message):
///   then it counts as much as a copy of it would. So a list of eight references to a large
///   document costs eight values, and its result eight documents;
/// - the text that a string function or a comparison reads, and the keys a sort compares
///   (each about log2(n) times).
///
/// What is freed is not given back: the count is of everything built or read, so that it
/// bounds the time taken as well as the memory held.
fn spend(bytes: usize) -> Result<(), QueryError> {
    let meter = METER.get();
    match meter.left.checked_sub(bytes) {
        Some(left) => {
            METER.set(Meter { left, ..meter });
            Ok(())
        }
        None => {
            METER.set(Meter { left: 0, ..meter });
            Err(QueryError::too_large(meter.budget))
        }
    }
}

/// Charges `count` values built or read.
fn spend_values(count: usize) -> Result<(), QueryError> {
    spend(count.saturating_mul(VALUE_COST))
}

/// Charges `count` members of an object built (their keys' text apart).
fn spend_members(count: usize) -> Result<(), QueryError> {
    spend(count.saturating_mul(MEMBER_COST))
}

/// Charges a member added to a [`DictBuilder`] under `key`: the member, and the key's copy in
/// the index of positions.
fn spend_on_insert(key: &str) -> Result<(), QueryError> {
    spend(MEMBER_COST + size_of::<(String, usize)>() + 2 * key.len())
}

/// Charges what `value` holds, however deep (the value itself is charged by what holds it):
/// what copying it out of the document, or reading all of it, costs.
fn spend_on(value: Ref<'_, '_>) -> Result<(), QueryError> {
    match value.kind() {
        Kind::String(text) => spend(text.len()),
        Kind::Array(items) => {
            spend_values(items.len())?;
            for item in items.iter() {
                spend_on(item)?;
            }
            Ok(())
        }
        Kind::Object(entries) => {
            spend_members(entries.len())?;
            for (key, item) in entries.iter() {
                spend(key.len())?;
                spend_on(item)?;
            }
            Ok(())
        }
        Kind::Null | Kind::Bool(_) | Kind::Number(_) | Kind::Expref => Ok(()),
    }
}

/// Charges what `value.clone()` allocates: like [`spend_on`], but JSON borrowed from the
/// document is shared, not copied.
///
/// A computed list or object `depth` levels inside what is copied, with `depth` at
/// [`MAX_DEPTH`], is refused. A query can only nest a value deeper than its own nesting by
/// copying it into what it builds (`@.[@].[@]`, each `[@]` copying the previous result), so
/// this bounds the nesting of every value built, which converting and dropping walk
/// recursively.
fn spend_on_copy(value: &Val<'_>, depth: usize) -> Result<(), QueryError> {
    match value {
        Val::Json(Cow::Owned(json)) => spend_on(Ref::Json(json)),
        Val::Json(Cow::Borrowed(_)) | Val::Int(_) | Val::Float(_) | Val::Expref(_) => Ok(()),
        Val::List(_) | Val::Dict(_) if depth == MAX_DEPTH => Err(QueryError::too_deep_value()),
        Val::List(items) => {
            spend_values(items.len())?;
            for item in items {
                spend_on_copy(item, depth + 1)?;
            }
            Ok(())
        }
        Val::Dict(entries) => {
            spend_members(entries.len())?;
            for (key, item) in entries {
                spend(key.len())?;
                spend_on_copy(item, depth + 1)?;
            }
            Ok(())
        }
    }
}

/// Charges what sorting `count` values by `keys` compares: each key about log2(`count`)
/// times, and a comparison of two strings reads up to the shorter one.
fn spend_on_sort<'v>(
    keys: impl Iterator<Item = Ref<'v, 'v>>,
    count: usize,
) -> Result<(), QueryError> {
    let text: usize = keys
        .map(|key| match key.kind() {
            Kind::String(text) => text.len(),
            _ => 0,
        })
        .sum();
    let comparisons = usize::try_from(count.max(1).ilog2()).unwrap_or(usize::MAX) + 1;
    spend(text.saturating_mul(comparisons))
}

// ---------------------------------------------------------------------------------------------
// Evaluation: a port of TreeInterpreter (jmespath/visitor.py).

/// Evaluates `node` with `value` as the current node.
///
/// Each kind of node has its own function, named after its `visit_*` method in Python, to keep
/// this recursion's stack frames small. Each step is paid for (see [`spend`]).
fn eval<'a>(node: &'a Node, value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    spend(VALUE_COST)?;
    match node {
        Node::Identity => value.copy(),
        Node::Field(name) => value.field(name),
        Node::Subexpression(children) | Node::IndexExpression(children) => chain(children, value),
        Node::Index(index) => value.index(*index),
        Node::Slice { start, stop, step } => value.slice(*start, *stop, step.unwrap_or(1)),
        Node::Literal(literal) => literal.reborrow(),
        Node::Pipe(left, right) => pipe(left, right, value),
        Node::Projection(base, each) => projection(base, each, None, false, value),
        Node::ValueProjection(base, each) => projection(base, each, None, true, value),
        Node::FilterProjection {
            base,
            each,
            condition,
        } => projection(base, each, Some(condition), false, value),
        Node::Flatten(base) => flatten(base, value),
        Node::Compare(op, left, right) => comparator(*op, left, right, value),
        Node::And(left, right) => and_expression(left, right, value),
        Node::Or(left, right) => or_expression(left, right, value),
        Node::Not(operand) => not_expression(operand, value),
        Node::MultiList(elements) => multi_select_list(elements, value),
        Node::MultiHash(pairs) => multi_select_dict(pairs, value),
        Node::Function {
            function,
            name,
            args,
        } => function_expression(*function, name, args, value),
        Node::Expref(expression) => Ok(Val::Expref(expression)),
    }
}

/// `visit_subexpression` and `visit_index_expression`: each child on the previous result.
fn chain<'a>(children: &'a [Node], value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    let Some((first, rest)) = children.split_first() else {
        return value.copy();
    };
    let mut result = eval(first, value)?;
    for child in rest {
        result = eval(child, &result)?;
    }
    Ok(result)
}

/// `visit_pipe`.
fn pipe<'a>(left: &'a Node, right: &'a Node, value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    let left = eval(left, value)?;
    eval(right, &left)
}

/// `visit_not_expression`: Python's `not` agrees with JMESPath falsiness once 0 is
/// special-cased (`!0` is false).
fn not_expression<'a>(operand: &'a Node, value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    let operand = eval(operand, value)?;
    Ok(Val::bool(Ref::of(&operand).is_false()))
}

/// `visit_projection`, `visit_value_projection` (`values`: over the values of an object) and
/// `visit_filter_projection` (with a `condition`): `each` on the elements the base gives,
/// nulls dropped; `null` when the base is not an array (an object).
fn projection<'a>(
    base: &'a Node,
    each: &'a Node,
    condition: Option<&'a Node>,
    values: bool,
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    let base = eval(base, value)?;
    let elements = if values {
        base.into_values()
    } else {
        base.into_elements()
    };
    match elements {
        Ok(elements) => project(elements, each, condition),
        Err(_) => Ok(Val::NULL),
    }
}

/// `each` on the elements (those for which `condition` is true, if given), nulls dropped.
fn project<'a>(
    elements: Vec<Val<'a>>,
    each: &'a Node,
    condition: Option<&'a Node>,
) -> Result<Val<'a>, QueryError> {
    spend_values(elements.len())?;
    let mut collected = Vec::with_capacity(elements.len());
    for element in elements {
        if let Some(condition) = condition
            && Ref::of(&eval(condition, &element)?).is_false()
        {
            continue;
        }
        let current = match each {
            Node::Identity => element,
            _ => eval(each, &element)?,
        };
        if !current.is_null() {
            collected.push(current);
        }
    }
    Ok(Val::List(collected))
}

/// `visit_flatten`: the array `base` gives, with the elements of its array elements spliced in.
fn flatten<'a>(base: &'a Node, value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    let Ok(elements) = eval(base, value)?.into_elements() else {
        return Ok(Val::NULL);
    };
    spend_values(elements.len())?;
    let mut merged = Vec::with_capacity(elements.len());
    for element in elements {
        match element.into_elements() {
            Ok(inner) => {
                spend_values(inner.len())?;
                merged.extend(inner);
            }
            Err(element) => merged.push(element),
        }
    }
    Ok(Val::List(merged))
}

/// `visit_comparator`: equality for any values, orderings for numbers and strings only.
fn comparator<'a>(
    op: Comparator,
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    let (left, right) = (eval(left, value)?, eval(right, value)?);
    let (left, right) = (Ref::of(&left), Ref::of(&right));
    let orderable = |v: Ref<'_, '_>| matches!(v.kind(), Kind::Number(_) | Kind::String(_));
    Ok(match op {
        Comparator::Eq => Val::bool(equals(left, right)?),
        Comparator::Ne => Val::bool(!equals(left, right)?),
        _ if orderable(left) && orderable(right) => Val::bool(python_order(op, left, right)?),
        _ => Val::NULL,
    })
}

/// `visit_and_expression`.
fn and_expression<'a>(
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    let matched = eval(left, value)?;
    if Ref::of(&matched).is_false() {
        Ok(matched)
    } else {
        eval(right, value)
    }
}

/// `visit_or_expression`.
fn or_expression<'a>(
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    let matched = eval(left, value)?;
    if Ref::of(&matched).is_false() {
        eval(right, value)
    } else {
        Ok(matched)
    }
}

/// `visit_multi_select_list`: `null` on `null`.
fn multi_select_list<'a>(elements: &'a [Node], value: &Val<'a>) -> Result<Val<'a>, QueryError> {
    if value.is_null() {
        return Ok(Val::NULL);
    }
    spend_values(elements.len())?;
    let elements = elements.iter().map(|element| eval(element, value));
    Ok(Val::List(elements.collect::<Result<_, _>>()?))
}

/// `visit_multi_select_dict`: `null` on `null`; a repeated key keeps its first position.
fn multi_select_dict<'a>(
    pairs: &'a [(String, Node)],
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    if value.is_null() {
        return Ok(Val::NULL);
    }
    let mut object = DictBuilder::default();
    for (key, node) in pairs {
        let item = eval(node, value)?;
        spend_on_insert(key)?;
        object.insert(key.clone(), item);
    }
    Ok(Val::Dict(object.entries))
}

/// `visit_function_expression`: the arguments first, then the function's checks and body.
fn function_expression<'a>(
    function: Option<Function>,
    name: &str,
    args: &'a [Node],
    value: &Val<'a>,
) -> Result<Val<'a>, QueryError> {
    spend_values(args.len())?;
    let args = args
        .iter()
        .map(|arg| eval(arg, value))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(function) = function else {
        let message = format!("Unknown function: {name}()");
        return Err(QueryError::new(ErrorKind::UnknownFunction, message));
    };
    function.call(args)
}

// ---------------------------------------------------------------------------------------------
// Functions: a port of jmespath/functions.py.

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Function {
    Abs,
    Avg,
    Ceil,
    Contains,
    EndsWith,
    Floor,
    Join,
    Keys,
    Length,
    Map,
    Max,
    MaxBy,
    Merge,
    Min,
    MinBy,
    NotNull,
    Reverse,
    Sort,
    SortBy,
    StartsWith,
    Sum,
    ToArray,
    ToNumber,
    ToString,
    Type,
    Values,
}

/// A function's signature, as `@signature` declares it: the allowed types of each argument
/// (none: any), and whether the last one repeats.
struct Signature {
    args: &'static [&'static [&'static str]],
    variadic: bool,
}

impl Function {
    /// Every function, by name.
    const ALL: [(&'static str, Function); 26] = [
        ("abs", Function::Abs),
        ("avg", Function::Avg),
        ("ceil", Function::Ceil),
        ("contains", Function::Contains),
        ("ends_with", Function::EndsWith),
        ("floor", Function::Floor),
        ("join", Function::Join),
        ("keys", Function::Keys),
        ("length", Function::Length),
        ("map", Function::Map),
        ("max", Function::Max),
        ("max_by", Function::MaxBy),
        ("merge", Function::Merge),
        ("min", Function::Min),
        ("min_by", Function::MinBy),
        ("not_null", Function::NotNull),
        ("reverse", Function::Reverse),
        ("sort", Function::Sort),
        ("sort_by", Function::SortBy),
        ("starts_with", Function::StartsWith),
        ("sum", Function::Sum),
        ("to_array", Function::ToArray),
        ("to_number", Function::ToNumber),
        ("to_string", Function::ToString),
        ("type", Function::Type),
        ("values", Function::Values),
    ];

    /// The function called `name`.
    fn named(name: &str) -> Option<Function> {
        Function::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    /// The function's name.
    fn name(self) -> &'static str {
        Function::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// The function's signature.
    fn signature(self) -> Signature {
        const NUMBER: &[&str] = &["number"];
        const STRING: &[&str] = &["string"];
        const OBJECT: &[&str] = &["object"];
        const ARRAY: &[&str] = &["array"];
        const EXPREF: &[&str] = &["expref"];
        const ANY: &[&str] = &[];
        let (args, variadic): (&'static [&'static [&'static str]], bool) = match self {
            Function::Abs | Function::Ceil | Function::Floor => (&[NUMBER], false),
            Function::Avg | Function::Sum => (&[&["array-number"]], false),
            Function::Contains => (&[&["array", "string"], ANY], false),
            Function::EndsWith | Function::StartsWith => (&[STRING, STRING], false),
            Function::Join => (&[STRING, &["array-string"]], false),
            Function::Keys | Function::Values => (&[OBJECT], false),
            Function::Length => (&[&["string", "array", "object"]], false),
            Function::Map => (&[EXPREF, ARRAY], false),
            Function::Max | Function::Min => (&[&["array-number", "array-string"]], false),
            Function::MaxBy | Function::MinBy | Function::SortBy => (&[ARRAY, EXPREF], false),
            Function::Merge => (&[OBJECT], true),
            Function::NotNull => (&[ANY], true),
            Function::Reverse => (&[&["array", "string"]], false),
            Function::Sort => (&[&["array-string", "array-number"]], false),
            Function::ToArray | Function::ToNumber | Function::ToString | Function::Type => {
                (&[ANY], false)
            }
        };
        Signature { args, variadic }
    }

    /// `Functions.call_function`: checks the arguments, then calls.
    fn call<'a>(self, args: Vec<Val<'a>>) -> Result<Val<'a>, QueryError> {
        let signature = self.signature();
        let expected = signature.args.len();
        if (signature.variadic && args.len() < expected)
            || (!signature.variadic && args.len() != expected)
        {
            let plural = if expected == 1 { "" } else { "s" };
            let (kind, at_least) = if signature.variadic {
                (ErrorKind::VariadicArity, "at least ")
            } else {
                (ErrorKind::Arity, "")
            };
            let message = format!(
                "Expected {at_least}{expected} argument{plural} for function {}(), received {}",
                self.name(),
                args.len()
            );
            return Err(QueryError::new(kind, message));
        }
        for (types, arg) in signature.args.iter().zip(&args) {
            if !types.is_empty() {
                check_type(self.name(), Ref::of(arg), types)?;
            }
        }
        let mut args = args.into_iter();
        let first = args.next().unwrap_or(Val::NULL);
        match self {
            Function::Merge => {
                let mut merged = DictBuilder::default();
                let mut other_key = None;
                for arg in std::iter::once(first).chain(args) {
                    dict_update(&mut merged, &mut other_key, arg)?;
                }
                if let Some(python_type) = other_key {
                    let message = format!(
                        "merge() would make an object key of type '{python_type}', which JSON cannot hold"
                    );
                    return Err(QueryError::new(ErrorKind::Unsupported, message));
                }
                Ok(Val::Dict(merged.entries))
            }
            Function::NotNull => {
                let mut args = std::iter::once(first).chain(args);
                Ok(args.find(|arg| !arg.is_null()).unwrap_or(Val::NULL))
            }
            Function::Map | Function::SortBy | Function::MaxBy | Function::MinBy => {
                self.apply_expref(first, args.next().unwrap_or(Val::NULL))
            }
            _ => self.apply(first, args.next().unwrap_or(Val::NULL)),
        }
    }

    /// The body of the functions that evaluate an expression reference, apart from
    /// [`Function::apply`] so that nested calls (`map(&map(&a, @), @)`) do not pile up its
    /// large stack frame.
    fn apply_expref<'a>(self, first: Val<'a>, second: Val<'a>) -> Result<Val<'a>, QueryError> {
        let (elements, expression) = match (self, first, second) {
            (Function::Map, Val::Expref(expression), array) => (array.into_elements(), expression),
            (_, array, Val::Expref(expression)) => (array.into_elements(), expression),
            _ => return Ok(Val::NULL),
        };
        let Ok(elements) = elements else {
            return Ok(Val::NULL);
        };
        // The elements, and the results or keys computed from them.
        spend_values(elements.len())?;
        match self {
            Function::Map => {
                let mapped = elements.iter().map(|element| eval(expression, element));
                Ok(Val::List(mapped.collect::<Result<_, _>>()?))
            }
            Function::SortBy => sort_by(elements, expression),
            _ => extreme_by(self, elements, expression),
        }
    }

    /// The body of the other functions, on arguments that passed the checks.
    fn apply<'a>(self, first: Val<'a>, second: Val<'a>) -> Result<Val<'a>, QueryError> {
        let view = Ref::of(&first);
        Ok(match self {
            Function::Abs => match view.kind() {
                Kind::Number(Num::Int(value)) => value
                    .checked_abs()
                    .map_or(Val::Float((value as f64).abs()), Val::from_i128),
                Kind::Number(Num::Float(value)) => Val::from_f64(value.abs()),
                _ => Val::NULL,
            },
            Function::Avg => {
                let Kind::Array(items) = view.kind() else {
                    return Ok(Val::NULL);
                };
                if items.len() == 0 {
                    return Ok(Val::NULL);
                }
                let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
                match python_sum(items) {
                    Num::Int(total) => Val::from_f64(int_ratio(total, count)),
                    Num::Float(total) => Val::from_f64(total / count as f64),
                }
            }
            Function::Ceil | Function::Floor => match view.kind() {
                Kind::Number(Num::Int(value)) => Val::from_i128(value),
                Kind::Number(Num::Float(value)) => {
                    let rounded = if self == Function::Ceil {
                        value.ceil()
                    } else {
                        value.floor()
                    };
                    float_to_int(rounded)?
                }
                _ => Val::NULL,
            },
            Function::Contains => match view.kind() {
                Kind::Array(items) => {
                    let mut found = false;
                    for item in items.iter() {
                        if python_eq(item, Ref::of(&second))? {
                            found = true;
                            break;
                        }
                    }
                    Val::bool(found)
                }
                Kind::String(text) => match Ref::of(&second).kind() {
                    Kind::String(search) => {
                        spend(text.len() + search.len())?;
                        Val::bool(text.contains(search))
                    }
                    _ => {
                        let message = format!(
                            "'in <string>' requires string as left operand, not {}",
                            Ref::of(&second).python_type()
                        );
                        return Err(QueryError::new(ErrorKind::PythonType, message));
                    }
                },
                _ => Val::NULL,
            },
            Function::EndsWith | Function::StartsWith => {
                match (view.kind(), Ref::of(&second).kind()) {
                    (Kind::String(text), Kind::String(affix)) => {
                        spend(affix.len())?;
                        Val::bool(if self == Function::EndsWith {
                            text.ends_with(affix)
                        } else {
                            text.starts_with(affix)
                        })
                    }
                    _ => Val::NULL,
                }
            }
            Function::Join => match (view.kind(), Ref::of(&second).kind()) {
                (Kind::String(separator), Kind::Array(items)) => {
                    let mut joined = String::new();
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            spend(separator.len())?;
                            joined.push_str(separator);
                        }
                        if let Kind::String(text) = item.kind() {
                            spend(text.len())?;
                            joined.push_str(text);
                        }
                    }
                    Val::string(joined)
                }
                _ => Val::NULL,
            },
            Function::Keys => match view.kind() {
                Kind::Object(entries) => {
                    spend_values(entries.len())?;
                    spend(entries.iter().map(|(key, _)| key.len()).sum())?;
                    Val::List(
                        entries
                            .iter()
                            .map(|(key, _)| Val::string(key.to_owned()))
                            .collect(),
                    )
                }
                _ => Val::NULL,
            },
            Function::Values => match first.into_values() {
                Ok(values) => {
                    spend_values(values.len())?;
                    Val::List(values)
                }
                Err(_) => Val::NULL,
            },
            Function::Length => {
                let length = match view.kind() {
                    Kind::String(text) => {
                        spend(text.len())?;
                        text.chars().count()
                    }
                    Kind::Array(items) => items.len(),
                    Kind::Object(entries) => entries.len(),
                    _ => return Ok(Val::NULL),
                };
                Val::from_i128(i128::try_from(length).unwrap_or(i128::MAX))
            }
            Function::Max | Function::Min => {
                let Ok(elements) = first.into_elements() else {
                    return Ok(Val::NULL);
                };
                let op = if self == Function::Max {
                    Comparator::Gt
                } else {
                    Comparator::Lt
                };
                let mut best: Option<Val<'a>> = None;
                for element in elements {
                    best = Some(match best {
                        Some(current)
                            if !python_order(op, Ref::of(&element), Ref::of(&current))? =>
                        {
                            current
                        }
                        _ => element,
                    });
                }
                best.unwrap_or(Val::NULL)
            }
            Function::Reverse => match first.into_elements() {
                Ok(mut elements) => {
                    spend_values(elements.len())?;
                    elements.reverse();
                    Val::List(elements)
                }
                Err(other) => match Ref::of(&other).kind() {
                    Kind::String(text) => {
                        spend(text.len())?;
                        Val::string(text.chars().rev().collect())
                    }
                    _ => Val::NULL,
                },
            },
            Function::Sort => {
                let Ok(mut elements) = first.into_elements() else {
                    return Ok(Val::NULL);
                };
                spend_values(elements.len())?;
                spend_on_sort(elements.iter().map(Ref::of), elements.len())?;
                elements.sort_by(|a, b| sort_order(Ref::of(a), Ref::of(b)));
                Val::List(elements)
            }
            Function::Sum => match view.kind() {
                Kind::Array(items) => match python_sum(items) {
                    Num::Int(total) => Val::from_i128(total),
                    Num::Float(total) => Val::from_f64(total),
                },
                _ => Val::NULL,
            },
            Function::ToArray => match view.kind() {
                Kind::Array(_) => first,
                _ => Val::List(vec![first]),
            },
            Function::ToNumber => match view.kind() {
                Kind::Number(_) => first,
                Kind::String(text) => {
                    spend(text.len())?;
                    to_number(text)
                }
                Kind::Expref => {
                    let message = "int() argument must be a string, a bytes-like object or a real number, not '_Expression'";
                    return Err(QueryError::new(ErrorKind::PythonType, message));
                }
                Kind::Null | Kind::Bool(_) | Kind::Array(_) | Kind::Object(_) => Val::NULL,
            },
            Function::ToString => match view.kind() {
                Kind::String(_) => first,
                _ => {
                    spend_on(view)?;
                    Val::string(python_json_dumps(view))
                }
            },
            Function::Type => match view.kind() {
                Kind::Null => Val::string("null".to_owned()),
                Kind::Bool(_) => Val::string("boolean".to_owned()),
                Kind::Number(_) => Val::string("number".to_owned()),
                Kind::String(_) => Val::string("string".to_owned()),
                Kind::Array(_) => Val::string("array".to_owned()),
                Kind::Object(_) => Val::string("object".to_owned()),
                // `_func_type` has no branch for expression references and returns None.
                Kind::Expref => Val::NULL,
            },
            // Dispatched by `call`.
            Function::Map
            | Function::MaxBy
            | Function::Merge
            | Function::MinBy
            | Function::NotNull
            | Function::SortBy => Val::NULL,
        })
    }
}

/// `max_by` and `min_by`: the first element whose key is the greatest (least); every key must
/// be a number or a string, and comparing a number with a string raises Python's `TypeError`.
fn extreme_by<'a>(
    function: Function,
    elements: Vec<Val<'a>>,
    expression: &'a Node,
) -> Result<Val<'a>, QueryError> {
    let op = if function == Function::MaxBy {
        Comparator::Gt
    } else {
        Comparator::Lt
    };
    let mut best: Option<(Val<'a>, Val<'a>)> = None;
    for element in elements {
        let key = eval(expression, &element)?;
        check_key(function.name(), Ref::of(&key), &["number", "string"])?;
        best = Some(match best {
            Some((current, current_key))
                if !python_order(op, Ref::of(&key), Ref::of(&current_key))? =>
            {
                (current, current_key)
            }
            _ => (element, key),
        });
    }
    Ok(best.map_or(Val::NULL, |(element, _)| element))
}

/// `sort_by`: the type of the first key decides which type every key must have.
fn sort_by<'a>(elements: Vec<Val<'a>>, expression: &'a Node) -> Result<Val<'a>, QueryError> {
    let Some(first) = elements.first() else {
        return Ok(Val::List(elements));
    };
    let required = python_to_jmespath(Ref::of(&eval(expression, first)?).python_type());
    if required != "number" && required != "string" {
        return Err(type_error(
            "sort_by",
            Ref::of(first),
            required,
            &["string", "number"],
        ));
    }
    let mut keyed = Vec::with_capacity(elements.len());
    for element in elements {
        let key = eval(expression, &element)?;
        check_key("sort_by", Ref::of(&key), &[required])?;
        keyed.push((key, element));
    }
    spend_on_sort(keyed.iter().map(|(key, _)| Ref::of(key)), keyed.len())?;
    keyed.sort_by(|(a, _), (b, _)| sort_order(Ref::of(a), Ref::of(b)));
    Ok(Val::List(
        keyed.into_iter().map(|(_, element)| element).collect(),
    ))
}

/// The key function of `sort_by`, `min_by` and `max_by`: a key must have an `allowed` type.
fn check_key(function: &str, key: Ref<'_, '_>, allowed: &[&str]) -> Result<(), QueryError> {
    let actual = python_to_jmespath(key.python_type());
    if allowed.contains(&actual) {
        Ok(())
    } else {
        Err(type_error(function, key, actual, allowed))
    }
}

/// Python's `sum()` of numbers: exact while every term is an int, float from the first float.
fn python_sum(items: Items<'_, '_>) -> Num {
    items.iter().fold(Num::Int(0), |total, item| {
        let Kind::Number(term) = item.kind() else {
            return total;
        };
        match (total, term) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_add(b)
                .map_or(Num::Float(a as f64 + b as f64), Num::Int),
            (total, term) => Num::Float(total.as_f64() + term.as_f64()),
        }
    })
}

/// Python's `math.floor`/`math.ceil` result for an already rounded float: an int.
fn float_to_int<'a>(rounded: f64) -> Result<Val<'a>, QueryError> {
    if rounded.is_nan() {
        return Err(QueryError::new(
            ErrorKind::PythonValue,
            "cannot convert float NaN to integer",
        ));
    }
    if rounded.is_infinite() {
        let message = "cannot convert float infinity to integer";
        return Err(QueryError::new(ErrorKind::PythonOverflow, message));
    }
    Ok(if (-I128_LIMIT..I128_LIMIT).contains(&rounded) {
        // Exact: `rounded` is an integer within the i128 range.
        Val::from_i128(rounded as i128)
    } else {
        Val::from_f64(rounded)
    })
}

/// `to_number` of a string: Python's `int(text)`, else `float(text)`, else `null`.
fn to_number<'a>(text: &str) -> Val<'a> {
    let text = text.trim_matches(is_python_space);
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if python_digits(unsigned) {
        let digits: String = unsigned.chars().filter(|c| *c != '_').collect();
        let signed = if negative {
            format!("-{digits}")
        } else {
            digits
        };
        return signed.parse::<i128>().map_or_else(
            |_| Val::Float(signed.parse().unwrap_or(f64::NAN)),
            Val::from_i128,
        );
    }
    python_float(negative, unsigned).map_or(Val::NULL, Val::from_f64)
}

/// Python's digit-part: ASCII digits, single underscores between them.
fn python_digits(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('_')
        && !text.ends_with('_')
        && !text.contains("__")
        && text.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// Python's `float()` of an unsigned text (its sign given apart), or `None` when it raises.
fn python_float(negative: bool, text: &str) -> Option<f64> {
    let special = match text.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    let magnitude = match special {
        Some(value) => value,
        None => {
            let (mantissa, exponent) = match text.find(['e', 'E']) {
                Some(at) => (text.get(..at)?, Some(text.get(at + 1..)?)),
                None => (text, None),
            };
            let (whole, fraction) = match mantissa.split_once('.') {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (mantissa, None),
            };
            let mantissa_ok = match fraction {
                Some(fraction) => {
                    (whole.is_empty() || python_digits(whole))
                        && (fraction.is_empty() || python_digits(fraction))
                        && !(whole.is_empty() && fraction.is_empty())
                }
                None => python_digits(whole),
            };
            let exponent_ok = exponent.is_none_or(|exponent| {
                python_digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent))
            });
            if !mantissa_ok || !exponent_ok {
                return None;
            }
            text.replace('_', "").parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `dict.update(arg)` for `merge`: an object's members, or a sequence of key-value pairs.
///
/// Python also accepts keys that are not strings (numbers, booleans, `None`); the type of the
/// first one goes to `other_key`, for the caller to refuse once Python would have succeeded.
fn dict_update<'a>(
    merged: &mut DictBuilder<'a>,
    other_key: &mut Option<&'static str>,
    arg: Val<'a>,
) -> Result<(), QueryError> {
    let arg = match arg.into_entries() {
        Ok(entries) => {
            for (key, value) in entries {
                spend_on_insert(&key)?;
                merged.insert(key, value);
            }
            return Ok(());
        }
        Err(arg) => arg,
    };
    let view = Ref::of(&arg);
    match view.kind() {
        Kind::Array(_) => {}
        Kind::String("") => return Ok(()),
        Kind::String(_) => {
            let message = "dictionary update sequence element #0 has length 1; 2 is required";
            return Err(QueryError::new(ErrorKind::PythonValue, message));
        }
        _ => {
            let message = format!("'{}' object is not iterable", view.python_type());
            return Err(QueryError::new(ErrorKind::PythonType, message));
        }
    }
    for (position, element) in arg
        .into_elements()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let (key, value) = update_pair(position, element)?;
        match key {
            Ok(key) => {
                spend_on_insert(&key)?;
                merged.insert(key, value);
            }
            Err(python_type) => {
                other_key.get_or_insert(python_type);
            }
        }
    }
    Ok(())
}

/// One element of the sequence `dict.update` reads: a pair, as Python unpacks it. The key is a
/// string, or else the Python type of a hashable key that is not one.
fn update_pair(
    position: usize,
    element: Val<'_>,
) -> Result<(Result<String, &'static str>, Val<'_>), QueryError> {
    let view = Ref::of(&element);
    let parts: Vec<Val<'_>> = match view.kind() {
        Kind::Array(items) => {
            spend_values(items.len())?;
            element.copy()?.into_elements().unwrap_or_default()
        }
        Kind::String(text) => {
            spend_values(text.len())?;
            text.chars().map(|c| Val::string(c.to_string())).collect()
        }
        Kind::Object(entries) => {
            spend_values(entries.len())?;
            spend(entries.iter().map(|(key, _)| key.len()).sum())?;
            entries
                .iter()
                .map(|(key, _)| Val::string(key.to_owned()))
                .collect()
        }
        _ => {
            let message = format!(
                "cannot convert dictionary update sequence element #{position} to a sequence"
            );
            return Err(QueryError::new(ErrorKind::PythonType, message));
        }
    };
    let [key, value] = <[Val<'_>; 2]>::try_from(parts).map_err(|parts| {
        let message = format!(
            "dictionary update sequence element #{position} has length {}; 2 is required",
            parts.len()
        );
        QueryError::new(ErrorKind::PythonValue, message)
    })?;
    match Ref::of(&key).kind() {
        Kind::String(text) => Ok((Ok(text.to_owned()), value)),
        Kind::Array(_) | Kind::Object(_) => {
            let message = format!("unhashable type: '{}'", Ref::of(&key).python_type());
            Err(QueryError::new(ErrorKind::PythonType, message))
        }
        _ => Ok((Err(Ref::of(&key).python_type()), value)),
    }
}

/// Checks one argument against its allowed types (`_type_check_single`).
fn check_type(function: &str, current: Ref<'_, '_>, types: &[&str]) -> Result<(), QueryError> {
    let actual = current.python_type();
    if !types
        .iter()
        .any(|t| admits(t.split('-').next().unwrap_or(t), actual))
    {
        return Err(type_error(
            function,
            current,
            python_to_jmespath(actual),
            types,
        ));
    }
    let subtypes: Vec<&str> = types
        .iter()
        .filter_map(|t| t.split_once('-').map(|(_, sub)| sub))
        .collect();
    let Kind::Array(items) = current.kind() else {
        return Ok(());
    };
    if !subtypes.is_empty() {
        spend_values(items.len())?;
    }
    // The element checks report Python's type names (`str`), not JMESPath's.
    match subtypes.as_slice() {
        [] => {}
        [only] => {
            for item in items.iter() {
                if !admits(only, item.python_type()) {
                    return Err(type_error(function, item, item.python_type(), types));
                }
            }
        }
        several => {
            if let Some(first) = items.get(0) {
                let Some(group) = several.iter().find(|s| admits(s, first.python_type())) else {
                    return Err(type_error(function, first, first.python_type(), types));
                };
                for item in items.iter() {
                    if !admits(group, item.python_type()) {
                        return Err(type_error(function, item, item.python_type(), types));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a value of Python type `python_type` has JMESPath type `jmespath_type`
/// (`REVERSE_TYPES_MAP`).
fn admits(jmespath_type: &str, python_type: &str) -> bool {
    let allowed: &[&str] = match jmespath_type {
        "boolean" => &["bool"],
        "array" => &["list", "_Projection"],
        "object" => &["dict", "OrderedDict"],
        "null" => &["NoneType"],
        "string" => &["unicode", "str"],
        "number" => &["float", "int", "long"],
        "expref" => &["_Expression"],
        _ => &[],
    };
    allowed.contains(&python_type)
}

/// The JMESPath type of a Python type (`TYPES_MAP`).
fn python_to_jmespath(python_type: &str) -> &'static str {
    match python_type {
        "bool" => "boolean",
        "list" => "array",
        "dict" => "object",
        "NoneType" => "null",
        "str" => "string",
        "float" | "int" => "number",
        "_Expression" => "expref",
        _ => "unknown",
    }
}

/// A `JMESPathTypeError`.
#[cold]
fn type_error(function: &str, value: Ref<'_, '_>, actual: &str, expected: &[&str]) -> QueryError {
    // The message shows the value, which may be as large as the document or larger.
    if let Err(error) = spend_on(value) {
        return error;
    }
    let expected: Vec<String> = expected.iter().map(|t| format!("'{t}'")).collect();
    let message = format!(
        "In function {function}(), invalid type for value: {}, expected one of: [{}], received: \"{actual}\"",
        python_str(value),
        expected.join(", ")
    );
    QueryError::new(ErrorKind::Type, message)
}

// ---------------------------------------------------------------------------------------------
// Python's text forms of values: str(), repr() and json.dumps().

/// Python's `str(value)`: strings as they are, everything else as `repr`.
fn python_str(value: Ref<'_, '_>) -> String {
    idpool_python::str(value)
}

/// Returns `json.dumps(value, separators=(',', ':'), default=str)`, ASCII-escaped as Python's
/// default `ensure_ascii=True` writes it.
fn python_json_dumps(value: Ref<'_, '_>) -> String {
    idpool_python::json::dumps(value, PyJson::new().separators(",", ":"))
}

/// A value as `idpool_python`'s `repr` and `json.dumps` walk it.
impl idpool_python::Object for Ref<'_, '_> {
    fn kind(&self) -> PyKind<'_, Self> {
        match Ref::kind(*self) {
            Kind::Null => PyKind::None,
            Kind::Bool(value) => PyKind::Bool(value),
            Kind::Number(Num::Int(number)) => PyKind::Int(number),
            Kind::Number(Num::Float(number)) => PyKind::Float(number),
            Kind::String(text) => PyKind::Str(text),
            Kind::Array(items) => PyKind::List(Box::new(items.iter())),
            Kind::Object(entries) => {
                // Not the identity: it shortens the keys' lifetime to the borrow of `self`.
                #[expect(clippy::map_identity)]
                let entries = entries.iter().map(|(key, value)| (key, value));
                PyKind::Dict(Box::new(entries))
            }
            // Python adds the object's address (`... object at 0x7f...>`), which varies by run.
            Kind::Expref => PyKind::Other(Cow::Borrowed("<jmespath.visitor._Expression object>")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use std::path::{Path, PathBuf};

    /// Compiles and searches, panicking with the error.
    #[track_caller]
    fn search(expression: &str, data: &Value) -> Value {
        let query = Query::compile(expression).unwrap_or_else(|e| panic!("{expression:?}: {e}"));
        query
            .search(data)
            .unwrap_or_else(|e| panic!("{expression:?}: {e}"))
    }

    /// Checks a result as serialized, so that key order and ints versus floats count.
    #[track_caller]
    fn assert_gives(expression: &str, data: &Value, expected: &Value) {
        let actual = search(expression, data);
        assert_eq!(
            serde_json::to_string(&actual).unwrap(),
            serde_json::to_string(expected).unwrap(),
            "{expression:?}"
        );
    }

    /// Checks that the search fails with `kind` and `message`.
    #[track_caller]
    fn assert_fails(expression: &str, data: &Value, kind: ErrorKind, message: &str) {
        let query = Query::compile(expression).unwrap_or_else(|e| panic!("{expression:?}: {e}"));
        let error = query.search(data).expect_err(expression);
        assert_eq!(
            (error.kind(), error.to_string().as_str()),
            (kind, message),
            "{expression:?}"
        );
    }

    /// `gives!(name, expression, data, expected)`: a search and its exact result.
    macro_rules! gives {
        ($name:ident, $expression:expr, $data:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_gives($expression, &$data, &$expected);
            }
        };
    }

    /// `fails!(name, expression, data, kind, message)`: a search and its error.
    macro_rules! fails {
        ($name:ident, $expression:expr, $data:expr, $kind:expr, $message:expr) => {
            #[test]
            fn $name() {
                assert_fails($expression, &$data, $kind, $message);
            }
        };
    }

    /// `rejects!(name, expression, kind)`: an expression that does not compile.
    macro_rules! rejects {
        ($name:ident, $expression:expr, $kind:expr) => {
            #[test]
            fn $name() {
                let error = Query::compile($expression).expect_err($expression);
                assert_eq!(error.kind(), $kind, "{}", error);
                assert!(!error.to_string().contains('\n'), "{error}");
            }
        };
    }

    fn tags() -> Value {
        serde_json::from_str(r#"{"Tags": {"Team": "id", "Env": "prod"}, "n": [3, 1, 2]}"#).unwrap()
    }

    // Key order and multi-select hashes keep Python's insertion order.
    gives!(
        keys_in_insertion_order,
        "keys(Tags)",
        tags(),
        json!(["Team", "Env"])
    );
    gives!(
        hash_in_expression_order,
        "{t: Tags.Team, e: Tags.Env}",
        tags(),
        json!({"t": "id", "e": "prod"})
    );
    gives!(
        literal_object_order,
        "keys(`{\"z\": 1, \"a\": 2}`)",
        json!(null),
        json!(["z", "a"])
    );

    // Numbers: ints stay ints, avg and mixed sums are floats.
    gives!(sum_of_ints_is_an_int, "sum(n)", tags(), json!(6));
    gives!(
        sum_beyond_i64,
        "sum(`[9223372036854775807, 9223372036854775807]`)",
        json!(null),
        json!(18_446_744_073_709_551_614_u64)
    );
    gives!(
        sum_beyond_u64_is_a_float,
        "sum(`[18446744073709551615, 18446744073709551615]`)",
        json!(null),
        json!(3.6893488147419103e19)
    );
    gives!(
        sum_exact_beyond_u64_inside,
        "sum(`[18446744073709551615, 1]`) > `18446744073709551615`",
        json!(null),
        json!(true)
    );
    gives!(
        avg_of_nothing_is_null,
        "avg(`[]`)",
        json!(null),
        json!(null)
    );
    gives!(avg_is_a_float, "avg(`[2, 4]`)", json!(null), json!(3.0));
    gives!(floor_is_an_int, "floor(`2.5`)", json!(null), json!(2));
    gives!(
        floor_huge_is_a_float,
        "floor(`1e300`)",
        json!(null),
        json!(1e300)
    );
    gives!(
        abs_of_i64_min,
        "abs(`-9223372036854775808`)",
        json!(null),
        json!(9_223_372_036_854_775_808_u64)
    );

    // Python's equality.
    gives!(int_equals_float, "`1` == `1.0`", json!(null), json!(true));
    gives!(
        bool_is_not_one_at_the_top,
        "`true` == `1`",
        json!(null),
        json!(false)
    );
    gives!(
        bool_is_one_inside,
        "`[true]` == `[1]`",
        json!(null),
        json!(true)
    );
    gives!(
        contains_bool_as_int,
        "contains(`[false]`, `0`)",
        json!(null),
        json!(true)
    );

    // Syntax `parser.py` accepts where other JMESPath parsers do not, and its quirks.
    gives!(
        deprecated_literal,
        "[?Key==`Name`].V",
        json!([{"Key": "Name", "V": 1}]),
        json!([1])
    );
    gives!(
        hash_without_commas,
        "{a: `1` b: `2`}",
        json!({}),
        json!({"a": 1, "b": 2})
    );
    gives!(
        call_with_trailing_comma,
        "length(@,)",
        json!([1, 2]),
        json!(2)
    );
    gives!(negative_zero_index, "[-0]", json!([7, 8]), json!(7));
    gives!(
        huge_index,
        "[99999999999999999999999]",
        json!([7]),
        json!(null)
    );
    gives!(
        slice_overwritten_bound,
        "[0:1 2]",
        json!([7, 8, 9]),
        json!([7, 8])
    );
    gives!(
        slice_after_index_does_not_project,
        "[0][0:2].a",
        json!([[{"a": 1}, {"a": 2}]]),
        json!(null)
    );
    gives!(
        not_operand_ends_before_dot,
        "!a[0][1:].b",
        json!({"a": [[1, 2]]}),
        json!(null)
    );
    gives!(
        not_operand_keeps_projection,
        "!a[1:].b",
        json!({"a": [{"b": 0}, {"b": 1}]}),
        json!(false)
    );
    gives!(
        not_operand_keeps_index,
        "[!a[0][1:][0], !!a[0][1:] | [0]]",
        json!({"a": [[1, 2]]}),
        json!([false, null])
    );
    gives!(
        slice_after_pipe_projects,
        "[0] | [0:2].a",
        json!([[{"a": 1}, {"a": 2}]]),
        json!([1, 2])
    );
    gives!(
        huge_slice_bounds,
        "[99999999999999999999:-99999999999999999999:-99999999999999]",
        json!([1, 2, 3]),
        json!([3])
    );
    gives!(
        huge_slice_bounds_empty,
        "[-99999999999999999999:99999999999999999999:-99999999999999]",
        json!([1, 2, 3]),
        json!([])
    );

    // Syntax `parser.py` rejects where other JMESPath parsers do not.
    rejects!(list_without_commas, "[a b]", ErrorKind::Parse);
    rejects!(expref_after_dot, "a.&b", ErrorKind::Parse);
    rejects!(list_after_index, "a[0][1:2][b]", ErrorKind::Parse);
    rejects!(empty, "", ErrorKind::Empty);
    rejects!(unknown_character, "a ~ b", ErrorKind::Lexer);
    rejects!(incomplete, "a[0", ErrorKind::Incomplete);
    rejects!(lone_surrogate, "`\"\\ud800\"`", ErrorKind::Unsupported);
    rejects!(lone_low_surrogate, "\"\\udc00\"", ErrorKind::Unsupported);

    // Functions and their errors.
    fails!(
        unknown_function,
        "nope(@)",
        json!(1),
        ErrorKind::UnknownFunction,
        "Unknown function: nope()"
    );
    fails!(
        type_error_message,
        "abs(@)",
        json!({"a": [1, "x", null, true, 1.5]}),
        ErrorKind::Type,
        "In function abs(), invalid type for value: {'a': [1, 'x', None, True, 1.5]}, expected one of: ['number'], received: \"object\""
    );
    fails!(
        type_error_repr_quotes,
        "abs(@)",
        json!(["it's", "a\"b", "\u{e9}\u{a0}\u{7}"]),
        ErrorKind::Type,
        r#"In function abs(), invalid type for value: ["it's", 'a"b', 'é\xa0\x07'], expected one of: ['number'], received: "array""#
    );
    // Python 3.11 (Unicode 14) escapes unassigned code points: U+0378, U+E0002.
    fails!(
        type_error_repr_unassigned,
        "abs(@)",
        json!(["\u{378}", "\u{e0002}", "\u{e9}"]),
        ErrorKind::Type,
        r#"In function abs(), invalid type for value: ['\u0378', '\U000e0002', 'é'], expected one of: ['number'], received: "array""#
    );
    fails!(
        step_zero,
        "[::0]",
        json!([1]),
        ErrorKind::PythonValue,
        "slice step cannot be zero"
    );
    fails!(
        merge_non_string_key,
        "merge(`{}`, `[[1, 2]]`)",
        json!(null),
        ErrorKind::Unsupported,
        "merge() would make an object key of type 'int', which JSON cannot hold"
    );
    fails!(
        nan_result,
        "to_number('nan')",
        json!(null),
        ErrorKind::NotJson,
        "the result holds NaN, which JSON cannot represent"
    );
    fails!(
        expref_result,
        "[&a]",
        json!({}),
        ErrorKind::NotJson,
        "the result holds an expression reference (`&...`), which JSON cannot represent"
    );
    gives!(
        expref_to_string,
        "to_string(&a)",
        json!(null),
        json!("\"<jmespath.visitor._Expression object>\"")
    );
    gives!(expref_type_is_null, "type(&a)", json!(null), json!(null));
    gives!(
        to_number_python_forms,
        "map(&to_number(@), @)",
        json!([
            "\u{a0}12\u{2003}",
            "\u{1f}3",
            "1_0",
            "1e1_0",
            "0x1",
            "1__0",
            "_1"
        ]),
        json!([12, 3, 10, 1e10, null, null, null])
    );
    gives!(
        to_number_infinity_compares,
        "[to_number('-inf') < `-1e308`, to_number('nan') == to_number('nan')]",
        json!({}),
        json!([true, false])
    );
    gives!(
        sort_with_nan_does_not_panic,
        "to_string(sort(map(&to_number(@), @)))",
        json!(["nan", "2", "nan", "1", "-inf"]),
        json!("[-Infinity,1,2,NaN,NaN]")
    );
    gives!(
        to_string_escapes,
        "to_string(@)",
        json!({"k": ["\u{e9}\u{1F600}\u{7f}\u{1}", 1.0, 1e16, 1e-5, -0.0]}),
        json!("{\"k\":[\"\\u00e9\\ud83d\\ude00\\u007f\\u0001\",1.0,1e+16,1e-05,-0.0]}")
    );
    // Halfway between two shortest candidates: Python keeps the even digit.
    gives!(
        to_string_float_tie,
        "to_string(@)",
        json!([90586602196756.0 + 0.125]),
        json!("[90586602196756.12]")
    );

    #[test]
    fn int_ratio_rounds_once() {
        assert_eq!(int_ratio(1, 3), 1.0 / 3.0);
        assert_eq!(int_ratio(-7, 2), -3.5);
        assert_eq!(int_ratio(0, 5), 0.0);
        // (2^53 + 1) / 3 is exactly 3002399751580331.
        assert_eq!(int_ratio(9_007_199_254_740_993, 3), 3_002_399_751_580_331.0);
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: ties go to even.
        assert_eq!(int_ratio(9_007_199_254_740_993, 1), 9_007_199_254_740_992.0);
        assert_eq!(int_ratio(9_007_199_254_740_995, 1), 9_007_199_254_740_996.0);
        assert_eq!(int_ratio(i128::MIN, 1), -1.7014118346046923e38);
        for numerator in -50..50 {
            for denominator in 1..20 {
                assert_eq!(
                    int_ratio(numerator, denominator),
                    numerator as f64 / denominator as f64
                );
            }
        }
    }

    #[test]
    fn int_float_comparison_is_exact() {
        let big = 9_007_199_254_740_993; // 2^53 + 1
        assert_eq!(
            compare_int_float(big, 9_007_199_254_740_992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_int_float(3, 3.5), Some(Ordering::Less));
        assert_eq!(compare_int_float(-3, -3.5), Some(Ordering::Greater));
        assert_eq!(compare_int_float(0, -0.0), Some(Ordering::Equal));
        assert_eq!(
            compare_int_float(i128::MAX, f64::INFINITY),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_int_float(i128::MIN, -1e300),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_int_float(1, f64::NAN), None);
    }

    #[test]
    fn slices_follow_python() {
        type Case = (Option<i64>, Option<i64>, i64, &'static [usize]);
        let cases: [Case; 6] = [
            (None, None, 1, &[0, 1, 2, 3, 4]),
            (None, None, -1, &[4, 3, 2, 1, 0]),
            (Some(-2), None, 1, &[3, 4]),
            (Some(10), Some(-10), -2, &[4, 2, 0]),
            (Some(-10), Some(10), 3, &[0, 3]),
            (Some(3), Some(1), 1, &[]),
        ];
        for (start, stop, step, expected) in cases {
            assert_eq!(
                slice_positions(5, start, stop, step),
                expected,
                "{start:?}:{stop:?}:{step}"
            );
        }
        assert_eq!(
            slice_positions(3, Some(i64::from(i32::MIN)), None, i64::from(i32::MIN)),
            [] as [usize; 0]
        );
    }

    #[test]
    fn syntax_errors_have_columns() {
        let error = Query::compile("a b").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Parse);
        assert_eq!(error.column(), Some(3));
        assert_eq!(
            error.to_string(),
            "Unexpected token: b: Parse error at column 2, token \"b\" (UNQUOTED_IDENTIFIER)"
        );
        let error = Query::compile("a $").unwrap_err();
        let expected = (Some(3), "Bad jmespath expression: Unknown token $");
        assert_eq!((error.column(), error.to_string().as_str()), expected);
        let error = Query::compile("a[0").unwrap_err();
        let expected = (
            Some(4),
            "Invalid jmespath expression: Incomplete expression",
        );
        assert_eq!((error.column(), error.to_string().as_str()), expected);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let n = 100_000;
        let shapes = [
            format!("{}a{}", "(".repeat(n), ")".repeat(n)),
            format!("{}a{}", "[".repeat(n), "]".repeat(n)),
            format!("{}a", "!".repeat(n)),
            format!("{}a", "& ".repeat(n)),
            format!("a{}", "[*]".repeat(n)),
            format!("a{}", "[]".repeat(n)),
            format!("a{}", " | a".repeat(n)),
            format!("a{}", " == a".repeat(n)),
            format!("a{}", "[?a]".repeat(n)),
            format!("{}a{}", "{a: ".repeat(n), "}".repeat(n)),
            format!("{}a{}", "length(".repeat(n), ")".repeat(n)),
            "(".repeat(n),
        ];
        for expression in shapes {
            let error = Query::compile(&expression).expect_err("too deep");
            assert_eq!(
                error.kind(),
                ErrorKind::TooDeep,
                "{}: {error}",
                &expression[..12]
            );
        }
        let literal = format!("`{}`", "[".repeat(n));
        assert_eq!(
            Query::compile(&literal).unwrap_err().kind(),
            ErrorKind::TooDeep
        );
    }

    #[test]
    fn long_flat_chains_are_accepted() {
        // Python's parser keeps `a.b.c` and `a[0][1]` flat, so their length is not nesting.
        let data = json!({"a": {"a": [[1]]}});
        let n = 100_000;
        assert_gives(&format!("a{}", ".a".repeat(n)), &data, &json!(null));
        assert_gives(&format!("a.a{}", "[0]".repeat(n)), &data, &json!(null));
        assert_gives(&format!("@{}", ".{a: a}".repeat(n)), &data, &data);
    }

    #[test]
    fn nesting_up_to_the_limit_evaluates() {
        // The deepest expression of each shape that compiles must also search, here on half the
        // 2 MiB stack of a test thread, in a debug build.
        let shapes: [(&str, &str, &str); 20] = [
            ("(", "a", ")"),
            ("[", "a", "]"),
            ("{a: ", "a", "}"),
            ("[?", "a", "]"),
            ("!", "a", ""),
            ("& ", "a", ""),
            ("!", "a", "[*]"),
            ("not_null(", "a", ")"),
            ("map(&", "a", ", @)"),
            ("sort_by(@, &", "a", ")"),
            ("", "a", "[*]"),
            ("", "a", "[?a]"),
            ("", "a", "[0:1]"),
            ("", "a", "[]"),
            ("", "a", "[0]"),
            ("", "*", ".*"),
            ("", "a", ".a"),
            ("", "a", " | a"),
            ("", "a", " || a"),
            ("", "a", " == a"),
        ];
        let limits = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || {
                let data = json!({"a": [[[1]], {"a": [1]}]});
                let mut limits = Vec::new();
                for (open, middle, close) in shapes {
                    let build = |n: usize| format!("{}{middle}{}", open.repeat(n), close.repeat(n));
                    let compiles = |n: &usize| Query::compile(&build(*n)).is_ok();
                    let deepest = (1..2 * MAX_DEPTH).take_while(compiles).last().unwrap_or(0);
                    let _ = Query::compile(&build(deepest)).unwrap().search(&data);
                    limits.push((format!("{open}{middle}{close}"), deepest));
                }
                limits
            });
        for (shape, deepest) in limits.unwrap().join().unwrap() {
            assert!(deepest >= 39, "{shape}: only {deepest} levels");
        }
    }

    /// The request of `examples/update-identity-pool.request.json`.
    fn example_request() -> Value {
        let text = include_str!("../../../examples/update-identity-pool.request.json");
        serde_json::from_str(text).unwrap()
    }

    /// `stage` `count` times, joined by `|`.
    fn stages(stage: &str, count: usize) -> String {
        vec![stage; count].join(" | ")
    }

    /// What searching `data` with `expression` spends, in bytes.
    #[track_caller]
    fn cost(expression: &str, data: &Value) -> usize {
        let query = Query::compile(expression).unwrap();
        query.search_within(data, usize::MAX).unwrap();
        usize::MAX - METER.get().left
    }

    /// Checks that the search fails once it has spent its budget.
    #[track_caller]
    fn assert_too_large(expression: &str, data: &Value) {
        assert_fails(
            expression,
            data,
            ErrorKind::TooLarge,
            "the query builds or reads more than 256 MiB of values",
        );
    }

    #[test]
    fn geometric_growth_is_refused() {
        // Each stage makes eight times as many copies: 8^12 in all.
        let expression = stages("[@,@,@,@,@,@,@,@][]", 12);
        assert_eq!(expression.len(), 12 * 19 + 11 * 3);
        assert_too_large(&expression, &example_request());
    }

    #[test]
    fn geometric_growth_is_refused_through_functions_and_hashes() {
        let request = example_request();
        for stage in [
            "{a: @, b: @, c: @, d: @, e: @, f: @, g: @, h: @}",
            "merge({a: @, b: @, c: @, d: @}, {e: @, f: @, g: @, h: @})",
            "map(&[@, @, @, @, @, @, @, @], [@])[0]",
            "sort_by([@, @, @, @, @, @, @, @][], &length(@))",
            "to_string([@, @, @, @, @, @, @, @])",
            "join('', [to_string(@), to_string(@), to_string(@), to_string(@)])",
        ] {
            assert_too_large(&stages(stage, 12), &request);
        }
    }

    #[test]
    fn a_search_just_within_the_budget_succeeds() {
        let request = example_request();
        let expression = format!("{} | [@,@,@,@,@][]", stages("[@,@,@,@,@,@,@,@][]", 5));
        let result = search(&expression, &request);
        let spent = BUDGET - METER.get().left;
        assert!(
            (BUDGET * 3 / 4..BUDGET).contains(&spent),
            "{} MiB",
            spent >> 20
        );
        assert_eq!(result.as_array().map(Vec::len), Some(5 * 8usize.pow(5)));
    }

    #[test]
    fn the_budget_is_exact() {
        let request = example_request();
        for expression in [
            "CognitoIdentityProviders[0].ProviderName",
            "{a: @, b: keys(@)} | [a, b, to_string(@)][]",
            "sort_by(CognitoIdentityProviders, &ClientId)[?ServerSideTokenCheck == `false`]",
        ] {
            let spent = cost(expression, &request);
            let query = Query::compile(expression).unwrap();
            assert!(query.search_within(&request, spent).is_ok(), "{expression}");
            let error = query.search_within(&request, spent - 1).unwrap_err();
            assert_eq!(
                (error.kind(), error.to_string()),
                (
                    ErrorKind::TooLarge,
                    format!(
                        "the query builds or reads more than {} bytes of values",
                        spent - 1
                    )
                ),
                "{expression}"
            );
        }
    }

    #[test]
    fn borrowed_values_cost_what_is_done_with_them() {
        let big = json!({"n": vec![0; 100_000]});
        let references = "[@,@,@,@,@,@,@,@]";
        // Eight references to the document are eight values; the result copies it eight times.
        assert!(cost(&format!("length({references})"), &big) < 2_000);
        assert!(cost(references, &big) > 8 * 100_000 * VALUE_COST);
        // Comparing them reads them through.
        let compared = format!("{references} | [?@ == @] | length(@)");
        assert!(cost(&compared, &big) > 8 * 100_000 * VALUE_COST);
        let copies = stages("[@,@,@,@,@,@,@,@][]", 3);
        assert_gives(&format!("{copies} | length(@)"), &big, &json!(512));
        assert_too_large(&format!("{copies} | [?@ == @] | length(@)"), &big);
        // So does a string function, once per element.
        let text = json!({"s": "x".repeat(1_000_000)});
        assert_gives(&format!("{copies} | length(@)"), &text, &json!(512));
        assert_too_large(&format!("{copies} | [?contains(s, 'y')]"), &text);
    }

    #[test]
    fn values_nested_deeper_than_the_limit_are_refused() {
        let deepest = format!("@{}", ".[@]".repeat(MAX_DEPTH + 1));
        let result = search(&deepest, &json!(1));
        assert_eq!(result.to_string().matches('[').count(), MAX_DEPTH + 1);
        // Each `.[@]` copies the value before it into a list, one level deeper each time.
        for n in [MAX_DEPTH + 2, 100_000] {
            let expression = format!("@{}", ".[@]".repeat(n));
            assert_fails(
                &expression,
                &json!(1),
                ErrorKind::TooDeep,
                "the query builds a value nested more than 200 levels deep",
            );
        }
    }

    proptest! {
        #[test]
        fn compile_and_search_never_panic(expression in r#"[a-c@\[\]{}()*?.,:|&!<>=`'"0-9 \\-]{0,40}"#) {
            let data = json!({"a": [{"b": 1}, {"b": [2, "x"]}, null], "b": {"c": -1.5}, "c": "s"});
            if let Ok(query) = Query::compile(&expression) {
                let _ = query.search(&data);
            }
        }
    }

    /// The corpus written by `scripts/cli/query_golden.sh` from Python's `jmespath`.
    fn golden_files() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/cli/query");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
    }

    /// Compares one golden case; the error says how it differs.
    fn check_golden(case: &Value) -> Result<(), String> {
        let expression = case["expression"].as_str().ok_or("no expression")?;
        let document = &case["document"];
        let compiled = Query::compile(expression);
        if let Some(expected) = case.get("result") {
            let query = compiled.map_err(|e| format!("does not compile: {e}"))?;
            let actual = query.search(document).map_err(|e| format!("fails: {e}"))?;
            let (actual, expected) = (
                serde_json::to_string(&actual).unwrap(),
                serde_json::to_string(expected).unwrap(),
            );
            return if actual == expected {
                Ok(())
            } else {
                Err(format!("gives {actual}, Python {expected}"))
            };
        }
        let python = case["error"].as_str().ok_or("neither result nor error")?;
        match case["stage"].as_str() {
            Some("compile") => {
                let error = compiled
                    .err()
                    .ok_or_else(|| format!("compiles; Python: {python}"))?;
                // Python's message goes on with the expression and a caret on more lines.
                let ours = format!("{}: {error}", error.kind().python_name().unwrap_or("?"));
                if python.starts_with(&ours) {
                    Ok(())
                } else {
                    Err(format!("{ours}; Python: {python}"))
                }
            }
            Some("search") => {
                let query = compiled.map_err(|e| format!("does not compile: {e}"))?;
                let error = query
                    .search(document)
                    .err()
                    .ok_or_else(|| format!("succeeds; Python: {python}"))?;
                let ours = format!("{}: {error}", error.kind().python_name().unwrap_or("?"));
                if ours == python {
                    Ok(())
                } else {
                    Err(format!("{ours}; Python: {python}"))
                }
            }
            Some("output") => {
                let query = compiled.map_err(|e| format!("does not compile: {e}"))?;
                match query.search(document) {
                    Err(error) if error.kind() == ErrorKind::NotJson => Ok(()),
                    other => Err(format!("{other:?}; Python cannot print it: {python}")),
                }
            }
            stage => Err(format!("unknown stage {stage:?}")),
        }
    }

    #[test]
    fn python_goldens() {
        let files = golden_files();
        assert!(files.len() >= 150, "only {} golden files", files.len());
        let mut failures = Vec::new();
        for path in &files {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            if let Err(difference) = check_golden(&case) {
                let name = path.file_stem().unwrap().to_string_lossy();
                failures.push(format!(
                    "{name} ({:?}): {difference}",
                    case["expression"].as_str().unwrap_or_default()
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} goldens differ:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        );
    }
}
