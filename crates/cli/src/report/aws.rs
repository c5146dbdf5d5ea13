//! `--format aws`: the service's own wording of its ValidationException, file by file, then
//! what it does not report in idpool's words.

use super::{Checked, Options, Report, omitted_note, one_line};
use idpool_snippet::visible;
use idpool_validate::Severity;
use std::io::{self, Write};

/// The reporter in the service's words.
pub(super) struct Aws<'o> {
    pub(super) options: &'o Options,
}

impl Report for Aws<'_> {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        aws(out, file, self.options)
    }
}

/// The service's wording where it has one, then the other problems in idpool's; whatever comes
/// from the input is escaped.
fn aws(out: &mut dyn Write, file: &Checked, options: &Options) -> io::Result<()> {
    let path = visible(&file.path);
    if let Some(message) = file.report.aws_message() {
        writeln!(out, "{path}: ValidationException: {}", visible(&message))?;
    }
    // What the service reports otherwise (or not at all), in idpool's words.
    let others = file
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info);
    for d in others.filter(|d| !(d.severity == Severity::Error && d.has_aws_wording())) {
        writeln!(out, "{}", visible(&one_line(&path, d)))?;
    }
    if let Some(note) = omitted_note(file, options.omitted_hint) {
        writeln!(out, "{path}: note: {note}")?;
    }
    Ok(())
}
