//! The service's wording of a `ValidationException`.

use crate::diagnostic::{Diagnostic, Severity};

/// `N validation error(s) detected: item; item`, from the diagnostics the service reports, in
/// document order, each item once.
pub(crate) fn message(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        let Some(aws) = &diagnostic.aws else { continue };
        let item = format!(
            "Value {} at '{}' failed to satisfy constraint: {}",
            aws.value, aws.path, aws.constraint
        );
        if !items.contains(&item) {
            items.push(item);
        }
    }
    match items.len() {
        0 => None,
        1 => Some(format!("1 validation error detected: {}", items[0])),
        n => Some(format!(
            "{n} validation errors detected: {}",
            items.join("; ")
        )),
    }
}
