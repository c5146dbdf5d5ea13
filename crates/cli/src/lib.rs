//! The `idpool` command line: argument parsing, I/O and exit codes around the idpool crates.
//!
//! Exit status: 0 on success, 1 when a checked document is invalid, 2 when the command could not
//! run (bad arguments, unreadable or unwritable paths).

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod files;
mod output;
mod params;
mod shorthand;
mod validate;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use idpool_schema::Kind;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check Amazon Cognito Identity UpdateIdentityPool requests before they are sent.
#[derive(Debug, Parser)]
#[command(name = "idpool", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the JSON Schema of the request or the response, or write both files.
    Schema(SchemaArgs),
    /// Check UpdateIdentityPool request (or response) JSON files against every service rule.
    Validate(validate::Args),
    /// Convert AWS CLI shorthand (`Key=value,Key2=value2`) to JSON, exactly as the AWS CLI does.
    Shorthand(shorthand::Args),
}

#[derive(Debug, clap::Args)]
struct SchemaArgs {
    /// The document the schema describes.
    #[arg(value_enum, required_unless_present = "out")]
    kind: Option<KindArg>,

    /// Write both schemas into this directory (created if missing) instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Request,
    Response,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Request => Kind::Request,
            KindArg::Response => Kind::Response,
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Schema(args) => schema(args),
        Command::Shorthand(args) => shorthand::run(args),
        Command::Validate(args) => validate::run(args),
    }
}

fn schema(args: SchemaArgs) -> Result<ExitCode> {
    if let Some(dir) = args.out {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
        for kind in Kind::ALL {
            let path = dir.join(kind.file_name());
            std::fs::write(&path, kind.embedded())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let kind = Kind::from(args.kind.expect("clap requires a kind without --out"));
    io::stdout().lock().write_all(kind.embedded().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
