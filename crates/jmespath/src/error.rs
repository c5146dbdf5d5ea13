//! Why an expression did not compile, or its search failed.

use crate::MAX_DEPTH;
use crate::lexer::Token;
use std::fmt;

/// Why an expression did not compile, or its search failed.
///
/// `Display` is Python's message for the same failure, on one line.
#[derive(Debug)]
pub struct Error {
    inner: Box<ErrorInner>,
}

/// The fields of an [`Error`], boxed to keep `Result`s small.
#[derive(Debug)]
struct ErrorInner {
    kind: ErrorKind,
    message: String,
    /// 1-based character column, for syntax errors.
    column: Option<usize>,
}

/// The kinds of [`Error`]; most name the Python exception raised for the same failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
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
    /// Nested deeper than this crate accepts: 300 `(`, or a value built 300 levels deep, `@`
    /// followed by 300 `.[@]` (Python: `RecursionError`, at about 400 and 1000 levels).
    TooDeep,
    /// A value Python can hold and we cannot: `` `"\ud800"` ``, `merge(@, `[[1, 2]]`)`.
    Unsupported,
    /// A result JSON cannot represent: `&a`, `to_number('nan')`.
    NotJson,
    /// A search that builds or reads more than [`BUDGET`](crate::BUDGET) bytes of values:
    /// `[@,@,@,@,@,@,@,@][]` piped into itself 12 times (Python runs out of memory).
    TooLarge,
}

impl ErrorKind {
    /// The class of the exception Python raises for the same failure, if it raises one.
    pub fn python_name(self) -> Option<&'static str> {
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

impl Error {
    /// An error without a position.
    #[cold]
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(ErrorInner {
                kind,
                message: message.into(),
                column: None,
            }),
        }
    }

    /// A syntax error at the 0-based character position `position`.
    #[cold]
    pub(crate) fn syntax(kind: ErrorKind, message: impl Into<String>, position: usize) -> Error {
        let mut error = Error::new(kind, message);
        error.inner.column = Some(position + 1);
        error
    }

    /// A `ParseError` at `token`: the first line of Python's message.
    #[cold]
    pub(crate) fn parse(reason: &str, token: &Token) -> Error {
        let message = format!(
            "{reason}: Parse error at column {}, token \"{}\" ({})",
            token.start,
            token.value,
            token.tok.python_type().to_uppercase()
        );
        Error::syntax(ErrorKind::Parse, message, token.start)
    }

    /// The error for an expression nested deeper than [`MAX_DEPTH`].
    #[cold]
    pub(crate) fn too_deep() -> Error {
        let message = format!("expression nested more than {MAX_DEPTH} levels deep");
        Error::new(ErrorKind::TooDeep, message)
    }

    /// The error for a search that would copy a value nested more than [`MAX_DEPTH`] levels
    /// deep.
    #[cold]
    pub(crate) fn too_deep_value() -> Error {
        let message = format!("the query builds a value nested more than {MAX_DEPTH} levels deep");
        Error::new(ErrorKind::TooDeep, message)
    }

    /// The error for a search that spends more than its `budget` (in bytes).
    #[cold]
    pub(crate) fn too_large(budget: usize) -> Error {
        let size = if budget.is_multiple_of(1 << 20) {
            format!("{} MiB", budget >> 20)
        } else {
            format!("{budget} bytes")
        };
        let message = format!("the query builds or reads more than {size} of values");
        Error::new(ErrorKind::TooLarge, message)
    }

    /// An `IncompleteExpressionError` for an expression of `length` characters.
    #[cold]
    pub(crate) fn incomplete(length: usize) -> Error {
        let message = "Invalid jmespath expression: Incomplete expression";
        Error::syntax(ErrorKind::Incomplete, message, length)
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// For syntax errors, the 1-based character column the error points at.
    pub fn column(&self) -> Option<usize> {
        self.inner.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)
    }
}

impl std::error::Error for Error {}
