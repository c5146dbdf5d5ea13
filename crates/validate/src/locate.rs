//! Finding a value in a JSON text by its JSON Pointer, and the line and column of an offset:
//! what a caller needs to report a problem of a request at the place its user wrote it.

use crate::diagnostic::{Code, Diagnostic, Position};
use idpool_json::{self as json, Kind, Node};
use std::ops::Range;

/// Where the value at a JSON Pointer is in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The byte range of the member's key, when the value is a member of an object.
    pub key: Option<Range<usize>>,
    /// The byte range of the value.
    pub value: Range<usize>,
}

/// The place of the value at `pointer` (RFC 6901, `""` for the whole document) in the JSON
/// `text`; `None` when the text is not JSON or holds no such value. Of keys given twice, the last
/// is the one found, as it is the one a JSON reader keeps.
///
/// ```
/// let text = "{\"Tags\": {\"a/b\": \"x\"}}";
/// let located = idpool_validate::locate(text, "/Tags/a~1b").unwrap();
/// assert_eq!(&text[located.value], "\"x\"");
/// assert_eq!(&text[located.key.unwrap()], "\"a/b\"");
/// ```
pub fn locate(text: &str, pointer: &str) -> Option<Located> {
    Document::parse(text)?.locate(pointer)
}

/// A JSON text parsed once, to find the places of many pointers in it ([`locate`] parses the
/// text at each call).
#[derive(Debug)]
pub struct Document<'t>(Node<'t>);

impl<'t> Document<'t> {
    /// The parsed `text`; `None` when it is not JSON.
    pub fn parse(text: &'t str) -> Option<Self> {
        json::parse(text).ok().map(Document)
    }

    /// Where the value at `pointer` is, as [`locate`] says.
    pub fn locate(&self, pointer: &str) -> Option<Located> {
        let mut node = &self.0;
        let mut key = None;
        if !pointer.is_empty() {
            for token in pointer.strip_prefix('/')?.split('/') {
                let token = token.replace("~1", "/").replace("~0", "~");
                (key, node) = child(node, &token)?;
            }
        }
        Some(Located {
            key,
            value: node.span.clone(),
        })
    }
}

/// The member `token` of an object or the item `token` of an array, with its key's span.
fn child<'n, 't>(node: &'n Node<'t>, token: &str) -> Option<(Option<Range<usize>>, &'n Node<'t>)> {
    match &node.kind {
        Kind::Object(members) => members
            .iter()
            .rev()
            .find(|m| m.key == token)
            .map(|m| (Some(m.key_span.clone()), &m.value)),
        Kind::Array(items) => {
            let index: usize = token.parse().ok()?;
            items.get(index).map(|item| (None, item))
        }
        _ => None,
    }
}

/// The 1-based line and column (in characters) of the byte `offset` of `text`, as diagnostics
/// count them. An offset inside a character counts as that character.
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let (line, column) = json::line_column(text, offset);
    Position { line, column }
}

impl Diagnostic {
    /// A diagnostic of `code` about the whole document (pointer `""`, at its start), for a
    /// check made outside the validator, such as one about how a command line was read. Its
    /// span and positions are the caller's to set.
    pub fn lint(code: Code, message: String, help: Option<String>) -> Diagnostic {
        let start = Position { line: 1, column: 1 };
        Diagnostic {
            code,
            severity: code.severity(),
            pointer: String::new(),
            aws_path: String::new(),
            span: 0..0,
            start,
            end: start,
            message,
            help,
            aws: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn finds_values_keys_and_items() {
        let text = "{\n  \"A\": [1, {\"B\": \"x\"}],\n  \"A\": [true]\n}";
        let last = locate(text, "/A").unwrap();
        assert_eq!(&text[last.value.clone()], "[true]");
        assert_eq!(
            position(text, last.value.start),
            Position { line: 3, column: 8 }
        );
        assert!(
            locate(text, "/A/1").is_none(),
            "the last `A` is the one read"
        );
        assert_eq!(&text[locate(text, "/A/0").unwrap().value], "true");
        assert_eq!(locate(text, "").unwrap().value, 0..text.len());
        assert!(locate(text, "A").is_none());
        assert!(locate("{", "").is_none());
    }

    #[test]
    fn positions_count_characters() {
        let text = "é\n\"ü\" x";
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, 2), Position { line: 1, column: 2 });
        assert_eq!(position(text, 3), Position { line: 2, column: 1 });
        assert_eq!(position(text, text.len()), Position { line: 2, column: 6 });
        assert_eq!(
            position(text, 1),
            Position { line: 1, column: 1 },
            "inside `é`"
        );
    }

    #[test]
    fn lints_have_their_codes_severity() {
        let d = Diagnostic::lint(Code::RegionOption, "m".into(), None);
        assert_eq!(d.severity, Severity::Warning);
        assert!(!d.has_aws_wording());
    }
}
