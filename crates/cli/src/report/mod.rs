//! The reporters of `idpool validate --format human|json|sarif|github|junit|aws`, one file per
//! format. (`--output`, the AWS CLI's output styles of `update-identity-pool`, is the
//! `idpool-output` crate's.)
//!
//! A [`Reporter`] writes each diagnostic as soon as it is formatted: no format holds more than
//! one diagnostic's text in memory, except JUnit, whose header needs the totals and so keeps
//! its test cases (one line per problem) until the end.

mod aws;
mod checked;
mod github;
mod human;
mod json;
mod junit;
mod sarif;

pub(crate) use checked::{Checked, Deny};

use idpool_snippet::visible;
use idpool_validate::{Diagnostic, Kind, Severity};
use std::io::{self, Write};

/// How `idpool validate` prints its results: the value of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// For people: each problem with the line it is on, a caret under it, and a hint.
    Human,
    /// One JSON document (see docs/diagnostics.md).
    Json,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
    /// GitHub Actions workflow commands, which annotate the lines of a pull request.
    Github,
    /// A JUnit XML report, one test case per file.
    Junit,
    /// The service's own wording of its ValidationException, file by file.
    Aws,
}

pub(crate) struct Options {
    pub(crate) kind: Kind,
    pub(crate) deny: Deny,
    pub(crate) quiet: bool,
    pub(crate) color: bool,
    /// What the note about diagnostics left out of a file adds, such as how to see them.
    pub(crate) omitted_hint: &'static str,
}

/// What one file adds to the totals.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Totals {
    pub(crate) files: usize,
    pub(crate) valid: usize,
    /// Files that could not be read (IDP011).
    pub(crate) unreadable: usize,
    /// Entries the directory search skipped (set once, at the end).
    pub(crate) skipped: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
}

impl Totals {
    pub(crate) fn of(file: &Checked, options: &Options) -> Self {
        Totals {
            files: 1,
            valid: usize::from(file.valid(&options.deny)),
            unreadable: usize::from(file.report.is_unreadable()),
            skipped: 0,
            errors: file.report.count(Severity::Error),
            warnings: file.report.count(Severity::Warning),
        }
    }

    pub(crate) fn add(&mut self, other: Totals) {
        self.files += other.files;
        self.valid += other.valid;
        self.unreadable += other.unreadable;
        self.skipped += other.skipped;
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

/// What each format's reporter does, in the order [`Reporter`] calls it.
trait Report {
    /// What comes before the files.
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// What one file contributes (nothing for a file without diagnostics in most formats).
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()>;

    /// What comes after the files.
    fn end(&mut self, _out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        Ok(())
    }
}

/// Writes the results of a run in one format: [`Reporter::begin`], [`Reporter::file`] for
/// each file in order, then [`Reporter::end`].
pub(crate) struct Reporter<'o> {
    format: Box<dyn Report + 'o>,
}

impl<'o> Reporter<'o> {
    pub(crate) fn new(format: Format, options: &'o Options) -> Self {
        let format: Box<dyn Report + 'o> = match format {
            Format::Human => Box::new(human::Human { options }),
            Format::Json => Box::new(json::Json::new(options)),
            Format::Sarif => Box::new(sarif::Sarif::default()),
            Format::Github => Box::new(github::Github { options }),
            Format::Junit => Box::new(junit::Junit::new(options)),
            Format::Aws => Box::new(aws::Aws { options }),
        };
        Reporter { format }
    }

    /// Whether the format shows lines of the input, so that [`Checked`] needs excerpts.
    pub(crate) fn shows_excerpts(format: Format) -> bool {
        format == Format::Human
    }

    /// What comes before the files.
    pub(crate) fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.format.begin(out)
    }

    /// What one file contributes (nothing for a file without diagnostics in most formats).
    pub(crate) fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        self.format.file(out, file)
    }

    /// What comes after the files.
    pub(crate) fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        self.format.end(out, totals)
    }
}

/// The diagnostics of `file` a format shows, with their indexes: `--quiet` leaves out infos.
fn shown<'a>(
    file: &'a Checked,
    options: &Options,
) -> impl Iterator<Item = (usize, &'a Diagnostic)> {
    let quiet = options.quiet;
    file.report
        .diagnostics
        .iter()
        .enumerate()
        .filter(move |(_, d)| !quiet || d.severity != Severity::Info)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What a file's report left out, if anything.
fn omitted_note(file: &Checked, hint: &str) -> Option<String> {
    let omitted = file.report.omitted;
    (omitted.total() > 0).then(|| {
        format!(
            "{} more {} in {} not shown: {}, {}, {}{}",
            omitted.total(),
            if omitted.total() == 1 {
                "diagnostic"
            } else {
                "diagnostics"
            },
            visible(&file.path),
            plural(omitted.errors, "error"),
            plural(omitted.warnings, "warning"),
            plural(omitted.infos, "info"),
            hint
        )
    })
}

/// `(N entries skipped ...)` after a message, when the walk skipped any.
pub(crate) fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => " (1 entry skipped: --verbose says which and why)".into(),
        n => format!(" ({n} entries skipped: --verbose says which and why)"),
    }
}

/// `path:line:column: severity[code]: message`.
fn one_line(path: &str, d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        path,
        d.start.line,
        d.start.column,
        d.severity,
        d.code.as_str(),
        d.message
    )
}
