//! JMESPath evaluated the way the AWS CLI v1 evaluates `--query`: Python's semantics over
//! [`serde_json::Value`], with key order.
//!
//! The AWS CLI (1.46.2) compiles `--query` with Python's `jmespath` package (1.1.0) and searches
//! the response with it. This crate ports that package to `serde_json::Value` (the workspace
//! enables `preserve_order`, so objects keep insertion order as Python dicts do), in the phases
//! of Python's package, one module each:
//!
//! 1. **Lex** (`lexer`, and `literal` for Python's `json.loads`): `jmespath/lexer.py`. Backtick
//!    literals are decoded as `json.loads` decodes them (key order kept, `1` an int and `1.0` a
//!    float, `NaN` accepted), and a literal that is not JSON is the deprecated string form
//!    (`` `foo` `` is `"foo"`, as in `` [?Key==`Name`] ``).
//! 2. **Parse** (`parser`, into the nodes of `ast`): `jmespath/parser.py`, a Pratt parser, with
//!    its quirks: a multi-select hash may omit its commas and a call may end with one; a slice
//!    right after an index joins the index expression instead of projecting (`a[0][1:3].b` is
//!    `null`); the operators after `.{..}` or `.[..]` apply to the whole expression, not to the
//!    multi-select.
//! 3. **Evaluate** (`interpreter` and `functions`, over the values of `value`, within the
//!    `budget` of a search): `jmespath/visitor.py` and `jmespath/functions.py`: Python's equality
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
//! Python prints below it ([`Error::column`] gives the position).
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
//!
//! # Example
//!
//! ```
//! use idpool_jmespath::{ErrorKind, Query};
//! use serde_json::json;
//!
//! let query = Query::compile("Providers[?Check].{name: Name, keys: keys(@)}")?;
//! let data = json!({"Providers": [
//!     {"Name": "a", "Check": true},
//!     {"Name": "b", "Check": false},
//! ]});
//! let found = query.search(&data)?;
//! assert_eq!(found, json!([{"name": "a", "keys": ["Name", "Check"]}]));
//!
//! // Errors carry Python's message, on one line; like Python, a call is checked when it runs.
//! let query = Query::compile("abs(Providers)")?;
//! let error = query.search(&data).unwrap_err();
//! assert_eq!(error.kind(), ErrorKind::Type);
//! assert!(error.to_string().starts_with("In function abs(), invalid type for value: [{"));
//! let error = Query::compile("Providers[0").unwrap_err();
//! assert_eq!(error.to_string(), "Invalid jmespath expression: Incomplete expression");
//! assert_eq!(error.column(), Some(12)); // 1-based: just past the end
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

// First, so that its macros are in scope in the modules below.
#[cfg(test)]
#[macro_use]
mod testing;

mod ast;
mod budget;
mod error;
mod functions;
mod interpreter;
mod lexer;
mod literal;
mod parser;
mod value;

pub use error::{Error, ErrorKind};

use serde_json::Value;
use std::borrow::Cow;
use value::Val;

/// The deepest nesting [`Query::compile`] accepts: of its own recursion, and of the tree it
/// builds (which evaluating and dropping walk recursively). Also the deepest nesting of computed
/// lists and objects a search copies (see `budget::spend_on_copy`).
///
/// Whatever compiles searches within 1 MiB of stack even in a debug build (a test checks it);
/// a test thread has 2 MiB, the main thread 8 MiB.
pub const MAX_DEPTH: usize = 200;

/// The deepest array or object nesting accepted in a backtick literal.
pub const MAX_LITERAL_DEPTH: usize = 128;

/// What one search may build or read, in bytes of values (see `budget::spend` for what counts):
/// 256 MiB.
///
/// A request is a few kilobytes, and a query that reshapes it builds a few times that: real
/// queries stay thousands of times below this. What reaches it is a query whose size grows
/// geometrically, such as `[@,@,@,@,@,@,@,@][]` piped into itself (each stage makes eight times
/// as many copies), or a projection that copies or compares a large document once per element
/// of a large list. Such a search would otherwise allocate until the process aborts, or run for
/// hours; at this size it fails within a fraction of a second, having used at most about this
/// much memory.
pub const BUDGET: usize = 256 << 20;

/// A compiled JMESPath expression.
#[derive(Debug)]
pub struct Query {
    root: ast::Node,
}

impl Query {
    /// Compiles `expression` as `jmespath.compile` does: only syntax errors fail here.
    pub fn compile(expression: &str) -> Result<Query, Error> {
        Ok(Query {
            root: parser::parse(expression)?,
        })
    }

    /// Searches `data` as `ParsedResult.search` does, with the default options, within
    /// [`BUDGET`].
    pub fn search(&self, data: &Value) -> Result<Value, Error> {
        self.search_within(data, BUDGET)
    }

    /// [`Query::search`] with a budget of `budget` bytes.
    pub(crate) fn search_within(&self, data: &Value, budget: usize) -> Result<Value, Error> {
        budget::start(budget);
        let data = Val::Json(Cow::Borrowed(data));
        interpreter::eval(&self.root, &data)?.into_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    proptest! {
        #[test]
        fn compile_and_search_never_panic(expression in r#"[a-c@\[\]{}()*?.,:|&!<>=`'"0-9 \\-]{0,40}"#) {
            let data = json!({"a": [{"b": 1}, {"b": [2, "x"]}, null], "b": {"c": -1.5}, "c": "s"});
            if let Ok(query) = Query::compile(&expression) {
                let _ = query.search(&data);
            }
        }
    }
}
