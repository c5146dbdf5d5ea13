//! `idpool validate`: request and response documents checked against every service rule.

use crate::output::{self, Format, Totals};
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
    let format = args.format;
    let options = output::Options {
        kind,
        deny_warnings: args.deny.is_some(),
        quiet: args.quiet,
        color: format == Format::Human
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let deferred = output::header_needs_totals(format);
    if !deferred {
        out.write_all(output::header(format, &Totals::default(), &options).as_bytes())?;
    }
    // Files are checked in parallel, a batch at a time, and written in order as each batch
    // finishes: the output is stable and memory stays bounded whatever the number of files.
    let mut totals = Totals::default();
    let mut kept = Vec::new();
    let mut wrote_any = false;
    for batch in files.chunks(BATCH) {
        let done: Vec<(String, Totals)> = batch
            .par_iter()
            .map(|path| {
                let bytes = match path == Path::new("-") {
                    true => stdin.clone().expect("read above"),
                    false => std::fs::read(path)
                        .with_context(|| format!("cannot read {}", path.display()))?,
                };
                let report = validator.validate(&bytes);
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                };
                let checked = Checked {
                    path: display(path),
                    text,
                    report,
                };
                Ok((
                    output::file(format, &checked, &options),
                    Totals::of(&checked, &options),
                ))
            })
            .collect::<Result<_>>()?;
        for (chunk, file_totals) in done {
            totals.add(file_totals);
            if chunk.is_empty() {
                continue;
            }
            if deferred {
                kept.push(chunk);
                continue;
            }
            if wrote_any && output::comma_separated(format) {
                out.write_all(b",")?;
            }
            out.write_all(chunk.as_bytes())?;
            wrote_any = true;
        }
    }
    if deferred {
        out.write_all(output::header(format, &totals, &options).as_bytes())?;
        for chunk in kept {
            out.write_all(chunk.as_bytes())?;
        }
    }
    out.write_all(output::footer(format, &totals, &options).as_bytes())?;
    out.flush()?;
    Ok(if totals.valid == totals.files {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// How many files are checked between two writes.
const BATCH: usize = 512;

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
