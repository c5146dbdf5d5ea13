//! `idpool validate`: request and response documents checked against every service rule.

use crate::config;
use crate::input::{self, Size};
use crate::report::{self, Checked, Deny, Format, Reporter, Totals};
use crate::sink;
use crate::walk::{self, Input};
use anyhow::{Result, bail};
use idpool_model::service::{OPERATIONS, Operation};
use idpool_validate::{Code, Kind, Report, Validator};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every file is valid, 1 when any is not, 2 when the command \
                  could not run or a file could not be read.

Configuration: the nearest idpool.toml from the current directory upward holds defaults for \
these flags (--config PATH, --no-config); see docs/ci.md.

Examples:
  idpool validate examples/
  idpool validate --format sarif \\
      . > idpool.sarif
  idpool validate --glob 'cognito/**' \\
      --deny warnings .
  cat request.json | idpool validate -"
)]
pub(crate) struct Args {
    /// Files (always checked), directories (searched for *.json, skipping what .gitignore and
    /// .ignore exclude and hidden entries), or `-` for standard input. Without a path, the
    /// current directory.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Search hidden files and directories (names starting with `.`) too.
    #[arg(long)]
    hidden: bool,

    /// Follow symbolic links while searching directories.
    #[arg(long, short = 'L')]
    follow: bool,

    /// Check only the files of a directory search that match GLOB (ripgrep's syntax, such as
    /// `requests/**/*.json`), instead of every *.json; `!GLOB` leaves files out. Repeatable.
    #[arg(long, short = 'g', value_name = "GLOB")]
    glob: Vec<String>,

    /// Say on standard error which entries the directory search skipped, and why.
    #[arg(long, short = 'v')]
    verbose: bool,

    /// What the documents are (default: request, or what idpool.toml says).
    #[arg(long, value_enum)]
    kind: Option<KindArg>,

    /// The operation of every file, as `SetIdentityPoolRoles` or `set-identity-pool-roles`.
    /// Without it, a file's operation is what idpool.toml's [[validate.files]] rules say, else
    /// the command in its name (`prod.set-identity-pool-roles.json`), else update-identity-pool.
    #[arg(long, value_name = "OP", value_parser = crate::operation::parse)]
    operation: Option<&'static Operation>,

    /// How to print the results.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Make warnings count as errors: all (`--deny warnings`) or those of a code
    /// (`--deny IDP104`). Repeatable.
    #[arg(long, value_name = "warnings|CODE")]
    deny: Vec<String>,

    /// Read this configuration file instead of the nearest idpool.toml (from the current
    /// directory upward).
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,

    /// Print only problems: no infos, no valid files, no summary.
    #[arg(long, short)]
    quiet: bool,

    /// The largest file (or standard input) read, such as 512K or 16M; a larger one is an
    /// error (default 64M, or IDPOOL_MAX_SIZE).
    #[arg(long, value_name = "SIZE")]
    max_size: Option<Size>,

    /// The most diagnostics shown per file; the others are counted (and still decide the
    /// verdict). Default 1000, or what idpool.toml says.
    #[arg(long, value_name = "N")]
    max_diagnostics: Option<usize>,
}

/// The most diagnostics kept per file unless `--max-diagnostics` says otherwise: far more than
/// a person reads, and few enough that a batch of hostile files stays within a few hundred MiB.
pub(crate) const MAX_DIAGNOSTICS: usize = 1000;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Request,
    Response,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let settings = if args.no_config {
        config::Settings::default()
    } else {
        match args
            .config
            .clone()
            .or_else(|| config::find(&std::env::current_dir().ok()?))
        {
            Some(path) => config::load(&path)?,
            None => config::Settings::default(),
        }
    };
    // Flags win over the file.
    if let Some(size) = args.max_size.or(settings.max_size) {
        input::set_max_size(size);
    }
    let max_diagnostics = args
        .max_diagnostics
        .or(settings.max_diagnostics)
        .unwrap_or(MAX_DIAGNOSTICS);
    let explicit_kind = args.kind.map(|kind| match kind {
        KindArg::Request => Kind::Request,
        KindArg::Response => Kind::Response,
    });
    let kind = explicit_kind.or(settings.kind).unwrap_or(Kind::Request);
    let mut deny = Deny::default();
    for name in settings.deny.iter().chain(&args.deny) {
        match config::deny_value(name)? {
            None => deny.warnings = true,
            Some(code) => deny.codes.push(code),
        }
    }
    let allow: Vec<Code> = settings
        .allow
        .iter()
        .copied()
        .filter(|code| !deny.codes.contains(code))
        .collect();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let walk = walk::Options {
        hidden: args.hidden || settings.hidden,
        follow: args.follow || settings.follow,
        globs: if args.glob.is_empty() {
            settings.globs.clone()
        } else {
            args.glob.clone()
        },
        // The file's globs are relative to its directory; --glob's to each directory searched.
        glob_base: if args.glob.is_empty() {
            let dir = settings.source.as_deref().and_then(Path::parent);
            dir.map(|d| match d.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => d.to_path_buf(),
            })
        } else {
            None
        },
    };
    let selection = walk::select(&paths, &walk)?;
    let mut stderr = sink::stderr();
    if args.verbose {
        if let Some(source) = &settings.source {
            let line = format!("configuration: {}", source.display());
            writeln!(stderr, "{}", idpool_snippet::visible(&line))?;
        }
        for skipped in &selection.skipped {
            let line = format!("skipped {}: {}", display(&skipped.path), skipped.why);
            writeln!(stderr, "{}", idpool_snippet::visible(&line))?;
        }
    }
    let files = selection.inputs;
    if files.is_empty() {
        bail!(
            "no files to check in {}{}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            report::skipped_note(selection.skipped.len())
        );
    }
    let stdin = files
        .iter()
        .any(|f| matches!(f, Input::Path(p) if p == Path::new("-")))
        .then(input::read_stdin);
    let format = args.format;
    let options = report::Options {
        kind,
        deny,
        quiet: args.quiet,
        omitted_hint: " (--max-diagnostics N shows more)",
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
    // status is the verdict. A file that cannot be read is that file's error (IDP011).
    let mut totals = Totals::default();
    for batch in files.chunks(BATCH) {
        let done: Vec<Checked> = batch
            .par_iter()
            .map(|file| {
                let (path, bytes) = match file {
                    Input::Failed { path, why } => {
                        return unreadable(kind, path, why.clone());
                    }
                    Input::Path(path) if path == Path::new("-") => {
                        match stdin.as_ref().expect("read above") {
                            Ok(bytes) => (path, Cow::Borrowed(bytes.as_slice())),
                            Err(e) => return unreadable(kind, path, e.describe("standard input")),
                        }
                    }
                    Input::Path(path) => {
                        if path.to_str().is_none() {
                            let why = "the path is not UTF-8: rename the file".to_owned();
                            return unreadable(kind, path, why);
                        }
                        match input::read_file(path) {
                            Ok(bytes) => (path, Cow::Owned(bytes)),
                            Err(e) => {
                                let why = e.describe("the file");
                                return unreadable(kind, path, why);
                            }
                        }
                    }
                };
                let shown = display(path);
                // The file's own kind and operation, unless the flags say otherwise.
                let kind = explicit_kind
                    .or_else(|| settings.kind_of(&shown))
                    .unwrap_or(kind);
                let operation = args
                    .operation
                    .or_else(|| settings.operation_of(&shown))
                    .or_else(|| operation_in_name(path))
                    .or(settings.operation)
                    .unwrap_or_else(crate::operation::default);
                let Some(validator) = Validator::for_operation(operation, kind) else {
                    let why = format!(
                        "{} has no {kind} body to check (--kind and --operation choose)",
                        operation.name
                    );
                    let mut checked = unreadable(kind, path, why);
                    checked.operation = operation;
                    return checked;
                };
                let mut report = validator.validate_limited(&bytes, max_diagnostics);
                report.diagnostics.retain(|d| !allow.contains(&d.code));
                Checked {
                    operation,
                    ..Checked::new(shown, &bytes, report, excerpts)
                }
            })
            .collect();
        for checked in &done {
            totals.add(Totals::of(checked, &options));
            if !out.get_ref().is_closed() {
                reporter.file(&mut out, checked)?;
            }
        }
    }
    totals.skipped = selection.skipped.len();
    reporter.end(&mut out, &totals)?;
    out.flush()?;
    Ok(if totals.unreadable > 0 {
        ExitCode::from(2)
    } else if totals.valid == totals.files {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The operation a file's name gives: the last of its dot-separated parts (the extension aside)
/// that is an AWS CLI command, as in `prod.set-identity-pool-roles.json` or
/// `pool.update-identity-pool.response.json`.
fn operation_in_name(path: &Path) -> Option<&'static Operation> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".json").unwrap_or(name);
    stem.rsplit('.')
        .find_map(|part| OPERATIONS.iter().find(|o| o.command == part))
}

/// The checked form of a file that could not be read; `why` says what to do where something
/// can be done (the size limit names --max-size).
fn unreadable(kind: Kind, path: &Path, why: String) -> Checked {
    let report = Report::unreadable(kind, why, None);
    Checked::new(display(path), &[], report, false)
}

/// How many files are checked between two writes.
const BATCH: usize = 512;

fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}
