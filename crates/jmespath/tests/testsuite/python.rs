//! The Python-parity goldens: `tests/data/cli/query/NAME.json`, written by
//! `scripts/cli/query_golden.sh` from Python's `jmespath` as awscli 1.46.2 runs it, each a
//! document, an expression, and Python's result or error.

use crate::{json_files, read_json};
use idpool_jmespath::{ErrorKind, Query};
use serde_json::Value;

/// The corpus, relative to this crate.
const GOLDENS: &str = "../../tests/data/cli/query";

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
    let files = json_files(GOLDENS);
    assert!(files.len() >= 150, "only {} golden files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let case = read_json(path);
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
