//! Integration tests of the committed JSON Schemas.

// The committed files match the generator.
mod drift;
// The schemas are valid draft 2020-12 schemas.
mod metaschema;
// The request schema accepts and rejects the shared corpus as the service would.
mod corpus;

use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
