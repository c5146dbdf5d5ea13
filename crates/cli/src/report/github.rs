//! `--format github`: GitHub Actions workflow commands (`::error file=...::message`), which
//! annotate the lines of a pull request.

use super::{Checked, Options, Report, shown};
use idpool_validate::Severity;
use std::io::{self, Write};

/// The GitHub Actions reporter.
pub(super) struct Github<'o> {
    pub(super) options: &'o Options,
}

impl Report for Github<'_> {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        github(out, file, self.options)
    }
}

/// `%`, CR and LF escaped, as workflow command data needs.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Data escaping plus `:` and `,`, as workflow command properties need.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(out: &mut dyn Write, file: &Checked, options: &Options) -> io::Result<()> {
    for (_, d) in shown(file, options) {
        let command = match d.severity {
            _ if options.deny.counts_as_error(d) => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let message = match &d.help {
            Some(help) => format!("{}\n{help}", d.message),
            None => d.message.clone(),
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            github_property(&file.path),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            github_property(&format!("{} {}", d.code.as_str(), d.code.title())),
            github_data(&message)
        )?;
    }
    Ok(())
}
