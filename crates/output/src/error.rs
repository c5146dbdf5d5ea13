//! A value the AWS CLI cannot print: the Python exception its formatter raised, and what it had
//! written by then.

use std::fmt;

/// A value awscli cannot format in a style: it raised an exception (`Row should have 2
/// elements, instead it has 1`), wrote `\n{message}\n` to stderr and exited with status 255.
///
/// [`Display`](fmt::Display) is `str()` of the Python exception, the line awscli prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    output: String,
}

impl Error {
    #[cold]
    pub(crate) fn new(kind: ErrorKind, output: String) -> Self {
        Error { kind, output }
    }

    /// The exception awscli raised.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// What awscli wrote to stdout before and after failing: the partial `text` output, or the
    /// terminal reset of a colored table.
    pub fn output(&self) -> &str {
        &self.output
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {}

/// The exceptions awscli's `text` and `table` formatters raise on values they cannot print.
///
/// Each is named after what Python says, and [`Display`](fmt::Display) writes Python's message
/// exactly. `type_name` fields hold Python's type names (`'NoneType'`, `'int'`, `'list'`).
/// Each variant's documentation gives a `--query` result that raises it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// `ValueError: Row should have 2 elements, instead it has 1`: table rows of different
    /// lengths in one section, `[["a", "b"], ["c"]]` as a table.
    RowLength {
        /// The number of cells of the section's first row or header.
        expected: usize,
        /// The number of cells of this row.
        found: usize,
    },
    /// `IndexError: list index out of range`: `[{"a": 1}, [3]]` as a table.
    IndexOutOfRange,
    /// `IndexError: cannot fit 'int' into an index-sized integer`: an index beyond 64 bits,
    /// `[{"a": 1}, [9223372036854775808]]` as a table.
    IndexTooLarge,
    /// `TypeError: string indices must be integers, not 'str'`: `[{"a": 1}, "x"]` as a table.
    StringIndices,
    /// `TypeError: list indices must be integers or slices, not float`: `[{"a": 1}, [1.5]]` as
    /// a table.
    ListIndices {
        /// The type of the element used as an index.
        type_name: &'static str,
    },
    /// `TypeError: 'int' object is not iterable`: `[{"a": 1}, 2]` as a table.
    NotIterable {
        /// The type of the element iterated.
        type_name: &'static str,
    },
    /// `AttributeError: 'int' object has no attribute 'items'`: a dict in a list with
    /// anything else, `[{"k": 1}, 2]` as text, or `[{}, [0]]` as a table (`'get'`).
    NoAttribute {
        /// The type of the object.
        type_name: &'static str,
        /// The attribute looked up.
        attribute: &'static str,
    },
    /// `TypeError: '<' not supported between instances of 'str' and 'int'`: sorting the keys
    /// of dicts with the elements of lists, `[{"a": 1}, [0]]` as a table.
    NotOrderable {
        /// The type compared with a `str`.
        type_name: &'static str,
    },
    /// `TypeError: 'in <string>' requires string as left operand, not int`: a string in a
    /// table's list of dicts tested for a list's element as a key. The port keeps awscli's
    /// check, but no JSON value reaches it: a list's elements become keys of their own list
    /// only as indexes of its scalars.
    InString {
        /// The type of the left operand.
        type_name: &'static str,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::RowLength { expected, found } => write!(
                f,
                "Row should have {expected} elements, instead it has {found}"
            ),
            ErrorKind::IndexOutOfRange => f.write_str("list index out of range"),
            ErrorKind::IndexTooLarge => f.write_str("cannot fit 'int' into an index-sized integer"),
            ErrorKind::StringIndices => f.write_str("string indices must be integers, not 'str'"),
            ErrorKind::ListIndices { type_name } => write!(
                f,
                "list indices must be integers or slices, not {type_name}"
            ),
            ErrorKind::NotIterable { type_name } => {
                write!(f, "'{type_name}' object is not iterable")
            }
            ErrorKind::NoAttribute {
                type_name,
                attribute,
            } => write!(f, "'{type_name}' object has no attribute '{attribute}'"),
            ErrorKind::NotOrderable { type_name } => write!(
                f,
                "'<' not supported between instances of 'str' and '{type_name}'"
            ),
            ErrorKind::InString { type_name } => write!(
                f,
                "'in <string>' requires string as left operand, not {type_name}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_pythons() {
        let cases = [
            (
                ErrorKind::RowLength {
                    expected: 2,
                    found: 1,
                },
                "Row should have 2 elements, instead it has 1",
            ),
            (
                ErrorKind::NoAttribute {
                    type_name: "NoneType",
                    attribute: "add_row",
                },
                "'NoneType' object has no attribute 'add_row'",
            ),
            (
                ErrorKind::ListIndices { type_name: "float" },
                "list indices must be integers or slices, not float",
            ),
        ];
        for (kind, message) in cases {
            let error = Error::new(kind, "partial\n".to_owned());
            assert_eq!(error.to_string(), message);
            assert_eq!(error.output(), "partial\n");
        }
    }
}
