//! What a terminal is shown of an input: the characters it would act on, escaped.
//!
//! Member names, values and file names come from the input, and JSON can spell any character
//! (`"X\u001b[2K\r"`). Written raw to a terminal, they would move the cursor, clear lines or
//! change colours. Everything shown of the input goes through [`visible`], which writes control
//! characters (C0, DEL, C1) and the bidirectional overrides as Rust writes them in a string
//! literal: `\u{1b}`, `\n`, `\t`, `\u{202e}`.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is escaped rather than shown: control characters and the bidirectional
/// embeddings, overrides and isolates, which reorder what a terminal shows.
pub(crate) fn escaped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with the characters a terminal would act on escaped.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`visible`] for a text of several lines: its line breaks are kept.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && escaped(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(visible).collect();
    Cow::Owned(lines.join("\n"))
}

pub(crate) fn push_visible(out: &mut String, c: char) {
    if escaped(c) {
        write!(out, "{}", c.escape_debug()).expect("writing to a String");
    } else {
        out.push(c);
    }
}

/// How many columns `c` takes in an excerpt (a tab is shown as one space).
pub(crate) fn columns(c: char) -> usize {
    if c == '\t' || !escaped(c) {
        1
    } else {
        c.escape_debug().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("X\u{1b}[2K\r"), "X\\u{1b}[2K\\r");
        assert_eq!(visible("a\u{9b}b\u{7f}"), "a\\u{9b}b\\u{7f}");
        assert_eq!(visible("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(visible("tab\there"), "tab\\there");
        assert_eq!(visible("café 東京"), "café 東京");
        assert_eq!(visible_lines("a\u{1b}\nb\r\n"), "a\\u{1b}\nb\\r\n");
    }
}
