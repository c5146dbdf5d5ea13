//! `--format junit`: a JUnit XML report, one test case per file. Its header needs the totals,
//! so the test cases (one line per problem) are kept until the end.

use super::{Checked, Options, Report, Totals, one_line, plural};
use std::io::{self, Write};

/// The JUnit reporter.
pub(super) struct Junit<'o> {
    options: &'o Options,
    /// The test cases, held until the totals of the header are known.
    deferred: Vec<u8>,
}

impl<'o> Junit<'o> {
    pub(super) fn new(options: &'o Options) -> Self {
        Junit {
            options,
            deferred: Vec::new(),
        }
    }
}

impl Report for Junit<'_> {
    fn file(&mut self, _out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        junit_case(&mut self.deferred, file, self.options)
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        out.write_all(junit_header(totals, self.options).as_bytes())?;
        out.write_all(&std::mem::take(&mut self.deferred))?;
        out.write_all(b"  </testsuite>\n</testsuites>\n")
    }
}

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn junit_header(totals: &Totals, options: &Options) -> String {
    let failures = totals.files - totals.valid;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"idpool validate\" tests=\"{0}\" failures=\"{failures}\">\n  <testsuite name=\"idpool validate --kind {1}\" tests=\"{0}\" failures=\"{failures}\" errors=\"0\">\n",
        totals.files, options.kind
    )
}

fn junit_case(out: &mut Vec<u8>, file: &Checked, options: &Options) -> io::Result<()> {
    write!(
        out,
        "    <testcase classname=\"idpool.validate\" name=\"{}\"",
        xml(&file.path)
    )?;
    let mut problems = file
        .report
        .diagnostics
        .iter()
        .filter(|d| options.deny.counts_as_error(d));
    let Some(first) = problems.next() else {
        return out.write_all(b"/>\n");
    };
    let count = 1 + problems.count();
    write!(
        out,
        ">\n      <failure type=\"{}\" message=\"{}\">",
        first.code.as_str(),
        xml(&format!("{} in {}", plural(count, "problem"), file.path))
    )?;
    let problems = file
        .report
        .diagnostics
        .iter()
        .filter(|d| options.deny.counts_as_error(d));
    for (i, d) in problems.enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(xml(&one_line(&file.path, d)).as_bytes())?;
    }
    out.write_all(b"</failure>\n    </testcase>\n")
}
