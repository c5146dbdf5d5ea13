//! The official JMESPath compliance suite (`tests/compliance/*.json`, from jmespath.test): each
//! file a list of suites `{"given", "cases"}`, each case an expression and its `result`, the
//! `error` it raises, or a `bench` kind.
//!
//! Results compare as Python's test runner compares them: with Python's `==` (`1 == 1.0`, dicts
//! in any order). An error must be of a kind that names the same failure: the suite does not
//! say whether it is raised when compiling or when searching, nor its message.

use crate::{json_files, read_json};
use idpool_jmespath::{ErrorKind, Query};
use serde_json::Value;

/// The vendored suite, relative to this crate.
const SUITE: &str = "tests/compliance";

/// The fewest cases the suite has: a guard against reading nothing.
const AT_LEAST: usize = 800;

/// Python's `==` on JSON values: numbers by value, objects in any order.
fn python_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(a), Some(b)) => a == b,
            _ => a.as_f64() == b.as_f64(),
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| python_eq(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(key, a)| b.get(key).is_some_and(|b| python_eq(a, b)))
        }
        _ => a == b,
    }
}

/// Whether `kind` is the failure the suite names `error`.
fn is_error(error: &str, kind: ErrorKind) -> bool {
    match error {
        "syntax" => matches!(
            kind,
            ErrorKind::Empty | ErrorKind::Lexer | ErrorKind::Parse | ErrorKind::Incomplete
        ),
        "invalid-arity" => matches!(kind, ErrorKind::Arity | ErrorKind::VariadicArity),
        "invalid-type" => kind == ErrorKind::Type,
        "invalid-value" => kind == ErrorKind::PythonValue,
        "unknown-function" => kind == ErrorKind::UnknownFunction,
        _ => false,
    }
}

/// Runs one case against `given`; the error says how it went wrong.
fn check_case(given: &Value, case: &Value) -> Result<(), String> {
    let expression = case["expression"].as_str().ok_or("no expression")?;
    let compiled = Query::compile(expression);
    if let Some(expected) = case.get("result") {
        let query = compiled.map_err(|e| format!("does not compile: {e}"))?;
        let actual = query.search(given).map_err(|e| format!("fails: {e}"))?;
        return if python_eq(&actual, expected) {
            Ok(())
        } else {
            Err(format!("gives {actual}, expected {expected}"))
        };
    }
    if let Some(error) = case.get("error") {
        let error = error.as_str().ok_or("error is not a string")?;
        let failure = match compiled {
            Err(failure) => failure,
            Ok(query) => match query.search(given) {
                Err(failure) => failure,
                Ok(result) => return Err(format!("gives {result}, expected {error} error")),
            },
        };
        return if is_error(error, failure.kind()) {
            Ok(())
        } else {
            Err(format!(
                "{:?} ({failure}), expected {error} error",
                failure.kind()
            ))
        };
    }
    // A benchmark states no outcome, and two of them are errors for Python's jmespath too
    // (`sum` of 26 arguments, a filter without `?`): each must give a result or raise what
    // Python raises, never hit one of this crate's own limits.
    let outcome = match case["bench"].as_str() {
        Some("parse") => compiled.map(drop),
        Some("full" | "interpret") => compiled.and_then(|query| query.search(given).map(drop)),
        other => return Err(format!("neither result, error nor known bench: {other:?}")),
    };
    match outcome {
        Err(failure) if failure.kind().python_name().is_none() => {
            Err(format!("{:?}: {failure}", failure.kind()))
        }
        _ => Ok(()),
    }
}

#[test]
fn compliance_suite() {
    let files = json_files(SUITE);
    let mut cases = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let suites = read_json(path);
        for (number, suite) in suites
            .as_array()
            .expect("a list of suites")
            .iter()
            .enumerate()
        {
            for case in suite["cases"].as_array().expect("a list of cases") {
                cases += 1;
                if let Err(difference) = check_case(&suite["given"], case) {
                    failures.push(format!(
                        "{name} suite {number} ({:?}): {difference}",
                        case["expression"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert!(
        cases >= AT_LEAST,
        "only {cases} cases in {} files",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} compliance cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
