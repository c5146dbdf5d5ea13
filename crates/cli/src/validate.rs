//! `idpool validate`: request and response documents checked against every service rule.

use crate::excerpt::{self, Excerpt, Lines};
use crate::input::{self, Size};
use crate::output::{self, Format, Reporter, Totals};
use crate::sink;
use anyhow::{Context, Result, anyhow, bail};
use idpool_validate::{Kind, Report, Severity, Validator};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
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

    /// The largest file (or standard input) read, such as 512K or 16M; a larger one is an
    /// error (default 64M, or IDPOOL_MAX_SIZE).
    #[arg(long, value_name = "SIZE")]
    max_size: Option<Size>,

    /// The most diagnostics shown per file; the others are counted (and still decide the
    /// verdict).
    #[arg(long, value_name = "N", default_value_t = MAX_DIAGNOSTICS)]
    max_diagnostics: usize,
}

/// The most diagnostics kept per file unless `--max-diagnostics` says otherwise: far more than
/// a person reads, and few enough that a batch of hostile files stays within a few hundred MiB.
pub(crate) const MAX_DIAGNOSTICS: usize = 1000;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Request,
    Response,
}

/// One checked document.
pub(crate) struct Checked {
    /// The path as given or found (`-` for standard input).
    pub(crate) path: String,
    pub(crate) report: Report,
    /// The excerpt of each diagnostic's line, where the format shows them (empty otherwise).
    /// The document's text is not kept: many files are in flight at once.
    pub(crate) excerpts: Vec<Option<Excerpt>>,
}

impl Checked {
    /// The checked document `bytes`, with the excerpts of its diagnostics if `excerpts`.
    pub(crate) fn new(path: String, bytes: &[u8], report: Report, excerpts: bool) -> Self {
        let excerpts = if excerpts && !report.diagnostics.is_empty() {
            // Lossy where the text is not UTF-8: the excerpt before the first bad byte (the
            // only error such a document gets) is unchanged.
            let text = String::from_utf8_lossy(bytes);
            let lines = Lines::of(&text);
            report
                .diagnostics
                .iter()
                .map(|d| excerpt::excerpt(&text, &lines, d))
                .collect()
        } else {
            Vec::new()
        };
        Checked {
            path,
            report,
            excerpts,
        }
    }

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
    if let Some(size) = args.max_size {
        input::set_max_size(size);
    }
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
        let bytes = input::read_stdin().map_err(|e| anyhow!(e.describe("standard input")))?;
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
    let excerpts = Reporter::shows_excerpts(format);
    let mut out = sink::stdout();
    let mut reporter = Reporter::new(format, &options);
    reporter.begin(&mut out)?;
    // Files are checked in parallel, a batch at a time, and written in order, a diagnostic at
    // a time, as each batch finishes: the output is stable and memory stays bounded whatever
    // the number of files. Once nobody reads the output, files are still checked: the exit
    // status is the verdict.
    let mut totals = Totals::default();
    for batch in files.chunks(BATCH) {
        let done: Vec<Checked> = batch
            .par_iter()
            .map(|path| {
                let bytes = match path == Path::new("-") {
                    true => Cow::Borrowed(stdin.as_deref().expect("read above")),
                    false => Cow::Owned(
                        input::read_file(path)
                            .map_err(|e| anyhow!(e.describe(&path.display().to_string())))?,
                    ),
                };
                let report = validator.validate_limited(&bytes, args.max_diagnostics);
                Ok(Checked::new(display(path), &bytes, report, excerpts))
            })
            .collect::<Result<_>>()?;
        for checked in &done {
            totals.add(Totals::of(checked, &options));
            if !out.get_ref().is_closed() {
                reporter.file(&mut out, checked)?;
            }
        }
    }
    reporter.end(&mut out, &totals)?;
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
