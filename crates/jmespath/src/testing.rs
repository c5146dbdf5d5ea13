//! What the unit tests of every module share: searches that check their result or error, and
//! the macros that make one test of each.

use crate::{ErrorKind, Query};
use serde_json::Value;

/// Compiles and searches, panicking with the error.
#[track_caller]
pub(crate) fn search(expression: &str, data: &Value) -> Value {
    let query = Query::compile(expression).unwrap_or_else(|e| panic!("{expression:?}: {e}"));
    query
        .search(data)
        .unwrap_or_else(|e| panic!("{expression:?}: {e}"))
}

/// Checks a result as serialized, so that key order and ints versus floats count.
#[track_caller]
pub(crate) fn assert_gives(expression: &str, data: &Value, expected: &Value) {
    let actual = search(expression, data);
    assert_eq!(
        serde_json::to_string(&actual).unwrap(),
        serde_json::to_string(expected).unwrap(),
        "{expression:?}"
    );
}

/// Checks that the search fails with `kind` and `message`.
#[track_caller]
pub(crate) fn assert_fails(expression: &str, data: &Value, kind: ErrorKind, message: &str) {
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
            $crate::testing::assert_gives($expression, &$data, &$expected);
        }
    };
}

/// `fails!(name, expression, data, kind, message)`: a search and its error.
macro_rules! fails {
    ($name:ident, $expression:expr, $data:expr, $kind:expr, $message:expr) => {
        #[test]
        fn $name() {
            $crate::testing::assert_fails($expression, &$data, $kind, $message);
        }
    };
}

/// `rejects!(name, expression, kind)`: an expression that does not compile.
macro_rules! rejects {
    ($name:ident, $expression:expr, $kind:expr) => {
        #[test]
        fn $name() {
            let error = $crate::Query::compile($expression).expect_err($expression);
            assert_eq!(error.kind(), $kind, "{}", error);
            assert!(!error.to_string().contains('\n'), "{error}");
        }
    };
}

pub(crate) fn tags() -> Value {
    serde_json::from_str(r#"{"Tags": {"Team": "id", "Env": "prod"}, "n": [3, 1, 2]}"#).unwrap()
}

/// The request of `examples/update-identity-pool.request.json`.
pub(crate) fn example_request() -> Value {
    let text = include_str!("../../../examples/update-identity-pool.request.json");
    serde_json::from_str(text).unwrap()
}
