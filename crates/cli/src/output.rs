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

pub(crate) fn render(format: Format, files: &[Checked], options: &Options) -> String {
    match format {
        Format::Human => human(files, options),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&json_report(files, options))
                .expect("JSON values serialize");
            text.push('\n');
            text
        }
        Format::Sarif => {
            let mut text =
                serde_json::to_string_pretty(&sarif(files)).expect("JSON values serialize");
            text.push('\n');
            text
        }
        Format::Github => github(files, options),
        Format::Junit => junit(files, options),
        Format::Aws => aws(files),
    }
}

struct Summary {
    files: usize,
    valid: usize,
    errors: usize,
    warnings: usize,
}

fn summary(files: &[Checked], options: &Options) -> Summary {
    let count = |severity| files.iter().map(|f| f.report.count(severity)).sum();
    Summary {
        files: files.len(),
        valid: files
            .iter()
            .filter(|f| f.valid(options.deny_warnings))
            .count(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
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

fn human(files: &[Checked], options: &Options) -> String {
    let style = Style { on: options.color };
    let mut out = String::new();
    for file in files {
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
    }
    if !options.quiet {
        let s = summary(files, options);
        writeln!(
            out,
            "checked {} ({}): {} valid, {} invalid; {}, {}",
            plural(s.files, "file"),
            options.kind,
            s.valid,
            s.files - s.valid,
            plural(s.errors, "error"),
            plural(s.warnings, "warning")
        )
        .unwrap();
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
    let Some(line) = file.text.lines().nth(d.start.line - 1) else {
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

fn json_report(files: &[Checked], options: &Options) -> Value {
    let s = summary(files, options);
    json!({
        "version": 1,
        "files": files.iter().map(|file| json!({
            "path": file.path,
            "kind": options.kind.name(),
            "valid": file.valid(options.deny_warnings),
            "diagnostics": file.report.diagnostics.iter().map(|d| json!({
                "code": d.code.as_str(),
                "severity": d.severity.as_str(),
                "pointer": d.pointer,
                "aws_path": d.aws_path,
                "line": d.start.line,
                "column": d.start.column,
                "end_line": d.end.line,
                "end_column": d.end.column,
                "message": d.message,
                "help": d.help,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "summary": {
            "files": s.files,
            "valid": s.valid,
            "invalid": s.files - s.valid,
            "errors": s.errors,
            "warnings": s.warnings,
        },
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn sarif(files: &[Checked]) -> Value {
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
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            file.report.diagnostics.iter().map(move |d| {
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
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "idpool",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
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

fn github(files: &[Checked], options: &Options) -> String {
    let mut out = String::new();
    for file in files {
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

fn junit(files: &[Checked], options: &Options) -> String {
    let s = summary(files, options);
    let failures = s.files - s.valid;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    writeln!(
        out,
        "<testsuites name=\"idpool validate\" tests=\"{}\" failures=\"{failures}\">",
        s.files
    )
    .unwrap();
    writeln!(
        out,
        "  <testsuite name=\"idpool validate --kind {}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
        options.kind, s.files
    )
    .unwrap();
    for file in files {
        write!(
            out,
            "    <testcase classname=\"idpool.validate\" name=\"{}\"",
            xml(&file.path)
        )
        .unwrap();
        let problems: Vec<&Diagnostic> = file
            .report
            .diagnostics
            .iter()
            .filter(|d| counts_as_error(d.severity, options.deny_warnings))
            .collect();
        if problems.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let text: Vec<String> = problems
            .iter()
            .map(|d| {
                format!(
                    "{}:{}:{}: {}[{}]: {}",
                    file.path,
                    d.start.line,
                    d.start.column,
                    d.severity,
                    d.code.as_str(),
                    d.message
                )
            })
            .collect();
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
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn aws(files: &[Checked]) -> String {
    let mut out = String::new();
    for file in files {
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
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                file.path,
                d.start.line,
                d.start.column,
                d.severity,
                d.code.as_str(),
                d.message
            )
            .unwrap();
        }
    }
    out
}
