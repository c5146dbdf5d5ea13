//! `--format json`: one JSON document, `{"version":1,"files":[...],"summary":{...}}`, written a
//! diagnostic at a time (docs/diagnostics.md describes it).

use super::{Checked, Options, Report, Totals};
use std::io::{self, Write};

/// The JSON reporter.
pub(super) struct Json<'o> {
    options: &'o Options,
    /// Whether a file has been written, so that the next needs a comma.
    wrote_any: bool,
}

impl<'o> Json<'o> {
    pub(super) fn new(options: &'o Options) -> Self {
        Json {
            options,
            wrote_any: false,
        }
    }
}

impl Report for Json<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\"version\":1,\"files\":[")
    }

    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        if std::mem::replace(&mut self.wrote_any, true) {
            out.write_all(b",")?;
        }
        json_file(out, file, self.options)
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        // Members that are 0 in most runs are written only when they are not.
        let mut extra = String::new();
        for (name, n) in [
            ("unreadable", totals.unreadable),
            ("skipped", totals.skipped),
        ] {
            if n > 0 {
                extra.push_str(&format!(",\"{name}\":{n}"));
            }
        }
        writeln!(
            out,
            "],\"summary\":{{\"files\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{}{extra}}}}}",
            totals.files,
            totals.valid,
            totals.files - totals.valid,
            totals.errors,
            totals.warnings
        )
    }
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    pointer: &'a str,
    aws_path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

/// `{"path":...,"kind":...,"valid":...,"diagnostics":[...]}`, a diagnostic at a time.
fn json_file(out: &mut dyn Write, file: &Checked, options: &Options) -> io::Result<()> {
    out.write_all(b"{\"path\":")?;
    serde_json::to_writer(&mut *out, &file.path)?;
    write!(
        out,
        ",\"operation\":\"{}\",\"kind\":\"{}\",\"valid\":{},\"diagnostics\":[",
        file.operation.name,
        file.report.kind.name(),
        file.valid(&options.deny)
    )?;
    for (i, d) in file.report.diagnostics.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let record = JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity.as_str(),
            pointer: &d.pointer,
            aws_path: &d.aws_path,
            line: d.start.line,
            column: d.start.column,
            end_line: d.end.line,
            end_column: d.end.column,
            message: &d.message,
            help: d.help.as_deref(),
        };
        serde_json::to_writer(&mut *out, &record)?;
    }
    out.write_all(b"]")?;
    let omitted = file.report.omitted;
    if omitted.total() > 0 {
        write!(
            out,
            ",\"omitted\":{{\"errors\":{},\"warnings\":{},\"infos\":{}}}",
            omitted.errors, omitted.warnings, omitted.infos
        )?;
    }
    out.write_all(b"}")
}
