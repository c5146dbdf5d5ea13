//! Integration tests of idpool-validate.

// The request corpus in tests/data/requests, shared with idpool-schema's tests.
mod corpus;
mod generated;
// A member's value checked alone.
mod member;
// The warnings beyond the shapes, in every operation.
mod lints;
// Properties over generated documents.
mod properties;

use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}
