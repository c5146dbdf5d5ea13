//! The service's wording of a `ValidationException`.

use crate::diagnostic::{Diagnostic, Severity};

/// `N validation error(s) detected: item; item`, from the diagnostics the service reports, in
/// document order, each item once.
pub(crate) fn message(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let items_of = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .flat_map(|d| &d.aws);
    for aws in items_of {
        // The items of one map share its printed value: compare that by address.
        if !seen.insert((
            &aws.path,
            &aws.constraint,
            std::sync::Arc::as_ptr(&aws.value) as *const u8 as usize,
            aws.value.len(),
        )) {
            continue;
        }
        items.push(format!(
            "Value {} at '{}' failed to satisfy constraint: {}",
            aws.value, aws.path, aws.constraint
        ));
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
