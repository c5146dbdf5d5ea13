//! The output formats of `idpool validate`.

use crate::validate::{Checked, counts_as_error};
use idpool_validate::{Code, Diagnostic, Kind, Severity};
use serde_json::{Value, json};
use std::fmt::Write;

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
    pub(crate) deny_warnings: bool,
    pub(crate) quiet: bool,
    pub(crate) color: bool,
}

/// What one file adds to the totals.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Totals {
    pub(crate) files: usize,
    pub(crate) valid: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
}

impl Totals {
    pub(crate) fn of(file: &Checked, options: &Options) -> Self {
        Totals {
            files: 1,
            valid: usize::from(file.valid(options.deny_warnings)),
            errors: file.report.count(Severity::Error),
            warnings: file.report.count(Severity::Warning),
        }
    }

    pub(crate) fn add(&mut self, other: Totals) {
        self.files += other.files;
        self.valid += other.valid;
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

/// Whether the chunks of the format are items of one JSON array, needing `,` between them.
pub(crate) fn comma_separated(format: Format) -> bool {
    matches!(format, Format::Json | Format::Sarif)
}

/// Whether the format's header needs the totals, so that it is written after every file.
pub(crate) fn header_needs_totals(format: Format) -> bool {
    format == Format::Junit
}

/// What comes before the files.
pub(crate) fn header(format: Format, totals: &Totals, options: &Options) -> String {
    match format {
        Format::Json => "{\"version\":1,\"files\":[".into(),
        Format::Sarif => sarif_header(),
        Format::Junit => junit_header(totals, options),
        _ => String::new(),
    }
}

/// What one file contributes (empty when nothing: SARIF results, quiet human output).
pub(crate) fn file(format: Format, file: &Checked, options: &Options) -> String {
    match format {
        Format::Human => human(file, options),
        Format::Json => json_file(file, options),
        Format::Sarif => sarif_results(file),
        Format::Github => github(file, options),
        Format::Junit => junit_case(file, options),
        Format::Aws => aws(file),
    }
}

/// What comes after the files.
pub(crate) fn footer(format: Format, totals: &Totals, options: &Options) -> String {
    match format {
        Format::Human if !options.quiet => format!(
            "checked {} ({}): {} valid, {} invalid; {}, {}\n",
            plural(totals.files, "file"),
            options.kind,
            totals.valid,
            totals.files - totals.valid,
            plural(totals.errors, "error"),
            plural(totals.warnings, "warning")
        ),
        Format::Json => format!(
            "],\"summary\":{{\"files\":{},\"valid\":{},\"invalid\":{},\"errors\":{},\"warnings\":{}}}}}\n",
            totals.files,
            totals.valid,
            totals.files - totals.valid,
            totals.errors,
            totals.warnings
        ),
        Format::Sarif => "]}]}\n".into(),
        Format::Junit => "  </testsuite>\n</testsuites>\n".into(),
        _ => String::new(),
    }
}

fn shown<'a>(file: &'a Checked, options: &Options) -> impl Iterator<Item = &'a Diagnostic> {
    let quiet = options.quiet;
    file.report
        .diagnostics
        .iter()
        .filter(move |d| !quiet || d.severity != Severity::Info)
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

fn human(file: &Checked, options: &Options) -> String {
    let style = Style { on: options.color };
    let mut out = String::new();
    for d in shown(file, options) {
        let severity = if counts_as_error(d.severity, options.deny_warnings)
            && d.severity == Severity::Warning
        {
            "warning (denied)".to_owned()
        } else {
            d.severity.to_string()
        };
        let head = style.paint(
            style.severity(d.severity),
            &format!("{severity}[{}]", d.code.as_str()),
        );
        writeln!(out, "{head}: {}", style.paint("1", &d.message)).unwrap();
        out.push_str(&snippet(file, d, &style));
        if let Some(help) = &d.help {
            let pad = " ".repeat(d.start.line.to_string().len());
            writeln!(out, "{pad} = help: {help}").unwrap();
        }
        out.push('\n');
    }
    out
}

/// The line of the diagnostic with carets under its span (to the end of that line).
fn snippet(file: &Checked, d: &Diagnostic, style: &Style) -> String {
    let number = d.start.line.to_string();
    let pad = " ".repeat(number.len());
    let arrow = style.paint("1;34", "-->");
    let bar = style.paint("1;34", "|");
    let mut out = format!(
        "{pad}{arrow} {}:{}:{}\n",
        file.path, d.start.line, d.start.column
    );
    // The line around the span, found from its offset (not by counting lines, which would
    // make many diagnostics in one large file quadratic).
    let line = match file.text.get(..d.span.start) {
        Some(before) => {
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let rest = &file.text[d.span.start..];
            let end = d.span.start + rest.find('\n').unwrap_or(rest.len());
            // An empty last line (the end of the text) has nothing to show.
            (start < file.text.len()).then(|| file.text[start..end].trim_end_matches('\r'))
        }
        None => file.text.lines().nth(d.start.line - 1),
    };
    let Some(line) = line else {
        return out;
    };
    let visible: String = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let width = if d.end.line == d.start.line {
        d.end.column.saturating_sub(d.start.column).max(1)
    } else {
        line.chars()
            .count()
            .saturating_sub(d.start.column - 1)
            .max(1)
    };
    let carets = style.paint(style.severity(d.severity), &"^".repeat(width));
    writeln!(out, "{pad} {bar}").unwrap();
    writeln!(out, "{} {bar} {visible}", style.paint("1;34", &number)).unwrap();
    writeln!(
        out,
        "{pad} {bar} {}{carets}",
        " ".repeat(d.start.column - 1)
    )
    .unwrap();
    out
}

#[derive(serde::Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    kind: &'static str,
    valid: bool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
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

fn json_file(file: &Checked, options: &Options) -> String {
    let record = JsonFile {
        path: &file.path,
        kind: options.kind.name(),
        valid: file.valid(options.deny_warnings),
        diagnostics: file
            .report
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
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
            })
            .collect(),
    };
    serde_json::to_string(&record).expect("the record serializes")
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

/// The SARIF results of one file, separated by commas.
fn sarif_results(file: &Checked) -> String {
    let results: Vec<String> = file
        .report
        .diagnostics
        .iter()
        .map(|d| {
            let text = match &d.help {
                Some(help) => format!("{} ({help})", d.message),
                None => d.message.clone(),
            };
            json!({
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
            })
            .to_string()
        })
        .collect();
    results.join(",")
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

fn github(file: &Checked, options: &Options) -> String {
    let mut out = String::new();
    for d in shown(file, options) {
        let command = match d.severity {
            _ if counts_as_error(d.severity, options.deny_warnings) => "error",
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
        )
        .unwrap();
    }
    out
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

fn junit_case(file: &Checked, options: &Options) -> String {
    let mut out = format!(
        "    <testcase classname=\"idpool.validate\" name=\"{}\"",
        xml(&file.path)
    );
    let problems: Vec<&Diagnostic> = file
        .report
        .diagnostics
        .iter()
        .filter(|d| counts_as_error(d.severity, options.deny_warnings))
        .collect();
    if problems.is_empty() {
        out.push_str("/>\n");
        return out;
    }
    out.push_str(">\n");
    let text: Vec<String> = problems.iter().map(|d| one_line(file, d)).collect();
    writeln!(
        out,
        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
        problems[0].code.as_str(),
        xml(&format!(
            "{} in {}",
            plural(problems.len(), "problem"),
            file.path
        )),
        xml(&text.join("\n"))
    )
    .unwrap();
    out.push_str("    </testcase>\n");
    out
}

fn aws(file: &Checked) -> String {
    let mut out = String::new();
    if let Some(message) = file.report.aws_message() {
        writeln!(out, "{}: ValidationException: {message}", file.path).unwrap();
    }
    // What the service reports otherwise (or not at all), in idpool's words.
    let others = file
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info);
    for d in others.filter(|d| !(d.severity == Severity::Error && d.has_aws_wording())) {
        writeln!(out, "{}", one_line(file, d)).unwrap();
    }
    out
}

/// `path:line:column: severity[code]: message`.
fn one_line(file: &Checked, d: &Diagnostic) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        file.path,
        d.start.line,
        d.start.column,
        d.severity,
        d.code.as_str(),
        d.message
    )
}
