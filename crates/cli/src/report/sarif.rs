//! `--format sarif`: a SARIF 2.1.0 log for code-scanning uploads, every code a rule.

use super::{Checked, Report, Totals};
use idpool_validate::{Code, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The SARIF reporter.
#[derive(Default)]
pub(super) struct Sarif {
    /// Whether a result has been written, so that the next needs a comma.
    wrote_any: bool,
}

impl Report for Sarif {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(sarif_header().as_bytes())
    }

    fn file(&mut self, out: &mut dyn Write, file: &Checked) -> io::Result<()> {
        sarif_results(out, file, &mut self.wrote_any)
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        out.write_all(b"]}]}\n")
    }
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
