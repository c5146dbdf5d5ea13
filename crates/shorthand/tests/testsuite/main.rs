//! Integration tests of idpool-shorthand.

// The conformance corpus under tests/data/shorthand, recorded from awscli 1.46.2.
mod corpus;
// Properties: no panics, render round trips.
mod properties;

use std::path::{Path, PathBuf};

/// `tests/data/shorthand` in the workspace.
fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/shorthand")
}

/// The committed request schema.
fn request_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/update-identity-pool.request.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
