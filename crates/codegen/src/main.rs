//! `cargo run -p idpool-codegen`: writes every generated file from the vendored service model and
//! its overlay. `-- --check` writes nothing and fails when a committed file is not current.

// A developer tool: its messages on standard error are its output.
#![allow(clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let check = std::env::args().nth(1).as_deref() == Some("--check");
    let files = match idpool_codegen::generate(&root) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("idpool-codegen: {error}");
            return ExitCode::from(2);
        }
    };
    let mut stale = 0;
    for file in files {
        let path = root.join(file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(file.text.as_str()) {
            continue;
        }
        if check {
            eprintln!("idpool-codegen: {} is not current", file.path);
            stale += 1;
        } else if let Err(error) = std::fs::write(&path, &file.text) {
            eprintln!("idpool-codegen: cannot write {}: {error}", file.path);
            return ExitCode::from(2);
        } else {
            eprintln!("idpool-codegen: wrote {}", file.path);
        }
    }
    if stale > 0 {
        eprintln!("idpool-codegen: run `cargo run -p idpool-codegen` to regenerate");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
