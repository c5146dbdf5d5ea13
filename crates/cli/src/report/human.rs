//! `--format human`: each problem with where it is, its line with carets under the span, and
//! its help, then a summary line.

use super::{Checked, Options, Report, Totals, omitted_note, plural, shown, skipped_note};
use idpool_snippet::{Colors, Excerpt, Snippet, visible};
use idpool_validate::{Diagnostic, Severity};
use std::io::{self, Write};

/// The human reporter.
pub(super) struct Human<'o> {
    pub(super) options: &'o Options,
}

impl Report for Human<'_> {
    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        self::file(out, file, self.options)
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let options = self.options;
        if options.quiet {
            return Ok(());
        }
        let unreadable = match totals.unreadable {
            0 => String::new(),
            n => format!(" ({n} unreadable)"),
        };
        writeln!(
            out,
            "checked {} ({}): {} valid, {} invalid{unreadable}; {}, {}{}",
            plural(totals.files, "file"),
            options.kind,
            totals.valid,
            totals.files - totals.valid,
            plural(totals.errors, "error"),
            plural(totals.warnings, "warning"),
            skipped_note(totals.skipped)
        )
    }
}

/// ANSI styles, or nothing.
struct Ansi {
    on: bool,
}

impl Ansi {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }
}

/// The human format, diagnostic by diagnostic; whatever comes from the input is escaped (see
/// [`idpool_snippet`]).
fn file(out: &mut dyn Write, file: &Checked, options: &Options) -> io::Result<()> {
    let ansi = Ansi { on: options.color };
    let path = visible(&file.path);
    for (index, d) in shown(file, options) {
        let severity = if options.deny.counts_as_error(d) && d.severity == Severity::Warning {
            "warning (denied)".to_owned()
        } else {
            d.severity.to_string()
        };
        let head = ansi.paint(
            ansi.severity(d.severity),
            &format!("{severity}[{}]", d.code.as_str()),
        );
        writeln!(out, "{head}: {}", ansi.paint("1", &visible(&d.message)))?;
        let excerpt = file.excerpts.get(index).and_then(Option::as_ref);
        snippet(out, &path, d, excerpt, &ansi)?;
        if let Some(help) = &d.help {
            let pad = " ".repeat(d.start.line.to_string().len());
            writeln!(out, "{pad} = help: {}", visible(help))?;
        }
        writeln!(out)?;
    }
    if let Some(note) = omitted_note(file, options.omitted_hint) {
        writeln!(out, "{}: {note}\n", ansi.paint("1", "note"))?;
    }
    Ok(())
}

/// A JSON Pointer for a location line: whole up to 100 characters, its start and end around
/// `...` beyond (a member name can be of any length).
fn shortened_pointer(pointer: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 100;
    let count = pointer.chars().count();
    if count <= MAX {
        return std::borrow::Cow::Borrowed(pointer);
    }
    let head: String = pointer.chars().take(MAX / 2).collect();
    let tail: String = pointer.chars().skip(count - MAX / 2 + 3).collect();
    std::borrow::Cow::Owned(format!("{head}...{tail}"))
}

/// Where the diagnostic is, then its excerpt with carets under the span.
fn snippet(
    out: &mut dyn Write,
    path: &str,
    d: &Diagnostic,
    excerpt: Option<&Excerpt>,
    ansi: &Ansi,
) -> io::Result<()> {
    let mut location = format!("{path}:{}:{}", d.start.line, d.start.column);
    if !d.pointer.is_empty() {
        location.push_str(" at ");
        location.push_str(&visible(&shortened_pointer(&d.pointer)));
    }
    let colors = ansi.on.then(|| Colors {
        frame: "1;34",
        carets: ansi.severity(d.severity),
    });
    let snippet = Snippet::new(&location, d.start.line)
        .excerpt(excerpt)
        .colors(colors);
    write!(out, "{snippet}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Deny, Format, Reporter};
    use idpool_validate::{Kind, Validator};
    use proptest::prelude::*;

    /// The most bytes one diagnostic of the human format takes, whatever the input: its
    /// message quotes at most 60 characters of a value, its excerpt at most
    /// [`idpool_snippet::WIDTH`] columns of a line, each escaped character at
    /// most 10 bytes.
    const PER_DIAGNOSTIC: usize = 4096;

    fn human_of(text: &str, max_diagnostics: usize) -> (usize, Vec<u8>) {
        let report = Validator::get(Kind::Request).validate_str_limited(text, max_diagnostics);
        let count = report.diagnostics.len();
        let checked = Checked::new("odd\u{1b}[2K.json".into(), text.as_bytes(), report, true);
        let options = Options {
            kind: Kind::Request,
            deny: Deny::default(),
            quiet: false,
            omitted_hint: " (--max-diagnostics N shows more)",
            color: false,
        };
        let mut out = Vec::new();
        Reporter::new(Format::Human, &options)
            .file(&mut out, &checked)
            .unwrap();
        (count, out)
    }

    /// A string of `len` characters from an alphabet with controls, escapes and wide ones.
    fn odd_string(len: usize, seed: u32) -> String {
        const ALPHABET: [char; 9] = [
            'a', 'Z', '-', '\u{1b}', '\u{7f}', '\u{9b}', 'é', '東', '\u{202e}',
        ];
        (0..len)
            .map(|i| {
                ALPHABET[(i as u32).wrapping_mul(2_654_435_761).wrapping_add(seed) as usize
                    % ALPHABET.len()]
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// However long its lines, the human format prints a bounded amount per diagnostic:
        /// its size is linear in the number of diagnostics, never in the lines' length.
        #[test]
        fn human_output_is_linear_in_the_diagnostics(
            items in prop::collection::vec((0usize..3000, any::<u32>()), 1..40),
            one_line in any::<bool>(),
            keys in prop::collection::vec(0usize..2000, 0..4),
        ) {
            let separator = if one_line { "," } else { ",\n" };
            let values: Vec<String> = items
                .iter()
                .map(|&(len, seed)| serde_json::to_string(&odd_string(len, seed)).unwrap())
                .collect();
            let unknown: Vec<String> = keys
                .iter()
                .enumerate()
                .map(|(i, &len)| format!("{}: {i}", serde_json::to_string(&odd_string(len, 7)).unwrap()))
                .collect();
            let mut text = format!(
                "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \
                 \"IdentityPoolName\": \"n\", \"AllowUnauthenticatedIdentities\": false, \
                 \"OpenIdConnectProviderARNs\": [{}]",
                values.join(separator)
            );
            for member in &unknown {
                text.push_str(separator);
                text.push_str(member);
            }
            text.push('}');
            let (count, out) = human_of(&text, usize::MAX);
            prop_assert!(count > 0);
            prop_assert!(
                out.len() <= PER_DIAGNOSTIC * count,
                "{} bytes for {count} diagnostics of a {}-byte input",
                out.len(),
                text.len()
            );
            // Nothing a terminal acts on comes from the input.
            let shown = String::from_utf8(out).unwrap();
            prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "a control character is shown");
            let override_char = '\u{202e}';
            prop_assert!(!shown.contains(override_char), "a bidirectional override is shown");
        }
    }

    #[test]
    fn a_capped_report_says_what_it_left_out() {
        let items = vec!["\"\""; 50];
        let text = format!(
            "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \
             \"IdentityPoolName\": \"n\", \"AllowUnauthenticatedIdentities\": false, \
             \"OpenIdConnectProviderARNs\": [{}]}}",
            items.join(",")
        );
        let (count, out) = human_of(&text, 10);
        assert_eq!(count, 10);
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.ends_with(
                "note: 140 more diagnostics in odd\\u{1b}[2K.json not shown: 40 errors, 99 \
                 warnings, 1 info (--max-diagnostics N shows more)\n\n"
            ),
            "{out}"
        );
    }
}
