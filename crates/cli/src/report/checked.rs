//! What a reporter is given: one checked document, and which of its warnings count as errors.

use idpool_model::service::Operation;
use idpool_snippet::{Excerpt, Lines};
use idpool_validate::{Code, Diagnostic, Report, Severity};

/// One checked document.
pub(crate) struct Checked {
    /// The path as given or found (`-` for standard input).
    pub(crate) path: String,
    /// The operation whose document it is.
    pub(crate) operation: &'static Operation,
    pub(crate) report: Report,
    /// The excerpt of each diagnostic's line, where the format shows them (empty otherwise).
    /// The document's text is not kept: many files are in flight at once.
    pub(crate) excerpts: Vec<Option<Excerpt>>,
}

impl Checked {
    /// The checked document `bytes`, with the excerpts of its diagnostics if `excerpts`.
    pub(crate) fn new(path: String, bytes: &[u8], report: Report, excerpts: bool) -> Self {
        let excerpts = if excerpts && !report.diagnostics.is_empty() {
            // Lossy where the text is not UTF-8: the excerpt before the first bad byte (the
            // only error such a document gets) is unchanged.
            let text = String::from_utf8_lossy(bytes);
            let lines = Lines::of(&text);
            report
                .diagnostics
                .iter()
                .map(|d| {
                    // A span that ends on a later line is underlined to the end of its first.
                    let end = match d.end.line == d.start.line {
                        true => d.span.end,
                        false => usize::MAX,
                    };
                    Excerpt::window(&text, &lines, d.span.start..end)
                })
                .collect()
        } else {
            Vec::new()
        };
        Checked {
            path,
            operation: crate::operation::default(),
            report,
            excerpts,
        }
    }

    /// Whether the document counts as valid, warnings counting as errors under `--deny`.
    pub(crate) fn valid(&self, deny: &Deny) -> bool {
        // An unreadable file's report holds its error, like any other.
        let omitted = self.report.omitted;
        let denied_omitted = deny.warnings && omitted.warnings > 0;
        let errors = self
            .report
            .diagnostics
            .iter()
            .any(|d| deny.counts_as_error(d));
        !(omitted.errors > 0 || denied_omitted || errors)
    }
}

/// Which warnings count as errors: all (`--deny warnings`) or those of some codes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Deny {
    pub(crate) warnings: bool,
    pub(crate) codes: Vec<Code>,
}

impl Deny {
    /// Whether `d` makes its document invalid.
    pub(crate) fn counts_as_error(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Error
            || (d.severity == Severity::Warning && (self.warnings || self.codes.contains(&d.code)))
    }
}
