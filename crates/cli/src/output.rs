//! The output formats of `idpool validate`.
//!
//! A [`Reporter`] writes each diagnostic as soon as it is formatted: no format holds more than
//! one diagnostic's text in memory, except JUnit, whose header needs the totals and so keeps
//! its test cases (one line per problem) until the end.

use crate::excerpt::{Excerpt, visible};
use crate::validate::{Checked, Deny};
use idpool_validate::{Code, Diagnostic, Kind, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// How `idpool validate` prints its results.
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

/// Writes the results of a run in one format: [`Reporter::begin`], [`Reporter::file`] for
/// each file in order, then [`Reporter::end`].
pub(crate) struct Reporter<'o> {
    format: Format,
    options: &'o Options,
    /// Whether an item has been written (JSON files and SARIF results need commas between).
    wrote_any: bool,
    /// JUnit's test cases, held until the totals of its header are known.
    deferred: Vec<u8>,
}

impl<'o> Reporter<'o> {
    pub(crate) fn new(format: Format, options: &'o Options) -> Self {
        Reporter {
            format,
            options,
            wrote_any: false,
            deferred: Vec::new(),
        }
    }

    /// Whether the format shows lines of the input, so that [`Checked`] needs excerpts.
    pub(crate) fn shows_excerpts(format: Format) -> bool {
        format == Format::Human
    }

    /// What comes before the files.
    pub(crate) fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Json => out.write_all(b"{\"version\":1,\"files\":["),
            Format::Sarif => out.write_all(sarif_header().as_bytes()),
            _ => Ok(()),
        }
    }

    /// What one file contributes (nothing for a file without diagnostics in most formats).
    pub(crate) fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        let options = self.options;
        match self.format {
            Format::Human => human(out, file, options),
            Format::Json => {
                if std::mem::replace(&mut self.wrote_any, true) {
                    out.write_all(b",")?;
                }
                json_file(out, file, options)
            }
            Format::Sarif => sarif_results(out, file, &mut self.wrote_any),
            Format::Github => github(out, file, options),
            Format::Junit => junit_case(&mut self.deferred, file, options),
            Format::Aws => aws(out, file, options),
        }
    }

    /// What comes after the files.
    pub(crate) fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let options = self.options;
        match self.format {
            Format::Human if !options.quiet => {
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
                    crate::validate::skipped_note(totals.skipped)
                )
            }
            Format::Json => {
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
            Format::Sarif => out.write_all(b"]}]}\n"),
            Format::Junit => {
                out.write_all(junit_header(totals, options).as_bytes())?;
                out.write_all(&std::mem::take(&mut self.deferred))?;
                out.write_all(b"  </testsuite>\n</testsuites>\n")
            }
            _ => Ok(()),
        }
    }
}

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

/// ANSI styles, or nothing.
struct Style {
    on: bool,
}

impl Style {
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
/// [`crate::excerpt`]).
fn human(out: &mut dyn Write, file: &Checked, options: &Options) -> io::Result<()> {
    let style = Style { on: options.color };
    let path = visible(&file.path);
    for (index, d) in shown(file, options) {
        let severity = if options.deny.counts_as_error(d) && d.severity == Severity::Warning {
            "warning (denied)".to_owned()
        } else {
            d.severity.to_string()
        };
        let head = style.paint(
            style.severity(d.severity),
            &format!("{severity}[{}]", d.code.as_str()),
        );
        writeln!(out, "{head}: {}", style.paint("1", &visible(&d.message)))?;
        let excerpt = file.excerpts.get(index).and_then(Option::as_ref);
        snippet(out, &path, d, excerpt, &style)?;
        if let Some(help) = &d.help {
            let pad = " ".repeat(d.start.line.to_string().len());
            writeln!(out, "{pad} = help: {}", visible(help))?;
        }
        writeln!(out)?;
    }
    if let Some(note) = omitted_note(file, options.omitted_hint) {
        writeln!(out, "{}: {note}\n", style.paint("1", "note"))?;
    }
    Ok(())
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
    style: &Style,
) -> io::Result<()> {
    let number = d.start.line.to_string();
    let pad = " ".repeat(number.len());
    let arrow = style.paint("1;34", "-->");
    let bar = style.paint("1;34", "|");
    write!(
        out,
        "{pad}{arrow} {path}:{}:{}",
        d.start.line, d.start.column
    )?;
    if d.pointer.is_empty() {
        writeln!(out)?;
    } else {
        writeln!(out, " at {}", visible(&shortened_pointer(&d.pointer)))?;
    }
    let Some(excerpt) = excerpt else {
        return Ok(());
    };
    let carets = style.paint(style.severity(d.severity), &"^".repeat(excerpt.carets));
    writeln!(out, "{pad} {bar}")?;
    writeln!(
        out,
        "{} {bar} {}",
        style.paint("1;34", &number),
        excerpt.text
    )?;
    writeln!(
        out,
        "{pad} {bar} {}{carets}",
        " ".repeat(excerpt.caret_start)
    )
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

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log up to the opening of its results.
fn sarif_header() -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": format!("{code:?}"),
                "shortDescription": { "text": code.title() },
                "defaultConfiguration": { "level": sarif_level(code.severity()) },
                "help": { "text": format!("idpool's docs/diagnostics.md describes {}", code.as_str()) },
            })
        })
        .collect();
    let tool = json!({ "driver": {
        "name": "idpool",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    }});
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{tool},\"columnKind\":\"unicodeCodePoints\",\"results\":["
    )
}

/// The SARIF results of one file, each after a comma unless it is the first of the run.
fn sarif_results(out: &mut dyn Write, file: &Checked, wrote_any: &mut bool) -> io::Result<()> {
    for d in &file.report.diagnostics {
        let text = match &d.help {
            Some(help) => format!("{} ({help})", d.message),
            None => d.message.clone(),
        };
        let result = json!({
            "ruleId": d.code.as_str(),
            "ruleIndex": Code::ALL.iter().position(|c| *c == d.code).expect("every code is listed"),
            "level": sarif_level(d.severity),
            "message": { "text": text },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": file.path },
                    "region": {
                        "startLine": d.start.line,
                        "startColumn": d.start.column,
                        "endLine": d.end.line,
                        "endColumn": d.end.column,
                    },
                },
                "logicalLocations": [{ "fullyQualifiedName": d.pointer, "kind": "member" }],
            }],
        });
        if std::mem::replace(wrote_any, true) {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, &result)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_validate::Validator;
    use proptest::prelude::*;

    /// The most bytes one diagnostic of the human format takes, whatever the input: its
    /// message quotes at most 60 characters of a value, its excerpt at most
    /// [`excerpt::WIDTH`](crate::excerpt::WIDTH) columns of a line, each escaped character at
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
