//! The integration tests of idpool-jmespath: data-driven suites, one `mod` each. Adding a case
//! means adding data, never code.

// The official JMESPath compliance suite (jmespath.test), vendored under tests/compliance/.
mod compliance;
// Python-parity goldens recorded from Python's jmespath, in tests/data/cli/query/.
mod python;

use std::path::{Path, PathBuf};

/// The `.json` files of `dir` (relative to this crate), in sorted order.
#[track_caller]
fn json_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The JSON value in the file at `path`.
#[track_caller]
fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
