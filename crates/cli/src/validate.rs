//! `idpool validate`: request and response documents checked against every service rule.

use crate::output::{self, Format};
use anyhow::{Context, Result, bail};
use idpool_validate::{Kind, Report, Severity, Validator};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every file is valid, 1 when any is not, 2 when the \
                        command could not run.\n\nExamples:\n  idpool validate examples/\n  idpool validate \
                        --format sarif . > idpool.sarif\n  cat request.json | idpool validate -"
)]
pub(crate) struct Args {
    /// Files, directories (searched for *.json, honouring .gitignore), or `-` for standard
    /// input. Without a path, the current directory.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// What the documents are.
    #[arg(long, value_enum, default_value_t = KindArg::Request)]
    kind: KindArg,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Make warnings count as errors (`--deny warnings`).
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    deny: Option<String>,

    /// Print only problems: no infos, no valid files, no summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Request,
    Response,
}

/// One checked document.
pub(crate) struct Checked {
    /// The path as given or found (`-` for standard input).
    pub(crate) path: String,
    /// The document's text, for snippets (lossy where it is not UTF-8).
    pub(crate) text: String,
    pub(crate) report: Report,
}

impl Checked {
    /// Whether the document counts as valid, warnings counting as errors under `--deny`.
    pub(crate) fn valid(&self, deny_warnings: bool) -> bool {
        self.report
            .diagnostics
            .iter()
            .all(|d| !counts_as_error(d.severity, deny_warnings))
    }
}

pub(crate) fn counts_as_error(severity: Severity, deny_warnings: bool) -> bool {
    severity == Severity::Error || (deny_warnings && severity == Severity::Warning)
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let kind = match args.kind {
        KindArg::Request => Kind::Request,
        KindArg::Response => Kind::Response,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let files = collect(&paths)?;
    let validator = Validator::get(kind);
    let mut stdin = None;
    if files.iter().any(|f| f == Path::new("-")) {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        stdin = Some(bytes);
    }
    let checked: Vec<Checked> = files
        .par_iter()
        .map(|path| {
            let bytes = if path == Path::new("-") {
                stdin.clone().expect("read above")
            } else {
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
            };
            let report = validator.validate(&bytes);
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            Ok(Checked {
                path: display(path),
                text,
                report,
            })
        })
        .collect::<Result<_>>()?;
    let deny_warnings = args.deny.is_some();
    let options = output::Options {
        kind,
        deny_warnings,
        quiet: args.quiet,
        color: args.format == Format::Human
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let rendered = output::render(args.format, &checked, &options);
    let mut stdout = io::stdout().lock();
    stdout.write_all(rendered.as_bytes())?;
    stdout.flush()?;
    let all_valid = checked.iter().all(|c| c.valid(deny_warnings));
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The files to check, in a stable order: each path as given, directories expanded (sorted)
/// to the `*.json` files below them that .gitignore does not exclude.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            files.push(path.clone());
            continue;
        }
        let metadata =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !metadata.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.with_context(|| format!("cannot read {}", path.display()))?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && entry.path().extension().is_some_and(|ext| ext == "json") {
                found.push(entry.into_path());
            }
        }
        files.extend(found);
    }
    if files.is_empty() {
        bail!(
            "no *.json files in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(files)
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}
