//! What a terminal is shown of an input: control characters escaped, and a window of a long
//! line around the span a diagnostic is about.
//!
//! Member names, values and file names come from the input, and JSON can spell any character
//! (`"X\u001b[2K\r"`). Written raw to a terminal, they would move the cursor, clear lines or
//! change colours. Everything the human-facing formats print of the input goes through
//! [`visible`], which writes control characters (C0, DEL, C1) and the bidirectional overrides
//! as Rust writes them in a string literal: `\u{1b}`, `\n`, `\t`, `\u{202e}`.
//!
//! A diagnostic shows its line; a minified request is one line of any length. An [`Excerpt`]
//! is at most [`WIDTH`] columns of that line around the span, cut with `...` as rustc cuts long
//! lines, so what each diagnostic prints is bounded whatever the input.

use idpool_validate::Diagnostic;
use std::borrow::Cow;
use std::fmt::Write;

/// The most columns of a line an excerpt shows (the `...` marks not counted).
pub(crate) const WIDTH: usize = 100;

/// How many columns before the span a cut line keeps.
const CONTEXT: usize = 40;

/// The mark of a cut.
const CUT: &str = "...";

/// Whether `c` is escaped rather than shown: control characters and the bidirectional
/// embeddings, overrides and isolates, which reorder what a terminal shows.
fn escaped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with the characters a terminal would act on escaped.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
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
pub(crate) fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && escaped(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(visible).collect();
    Cow::Owned(lines.join("\n"))
}

fn push_visible(out: &mut String, c: char) {
    if escaped(c) {
        write!(out, "{}", c.escape_debug()).expect("writing to a String");
    } else {
        out.push(c);
    }
}

/// How many columns `c` takes in an excerpt (a tab is shown as one space).
fn columns(c: char) -> usize {
    if c == '\t' || !escaped(c) {
        1
    } else {
        c.escape_debug().len()
    }
}

/// The byte offsets at which the lines of a text start.
#[derive(Debug)]
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// The lines of `text`, split at `\n`.
    pub(crate) fn of(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// The byte range of the line holding `offset`, without its `\n` and a `\r` before it.
    fn around(&self, text: &str, offset: usize) -> (usize, usize) {
        let index = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(text.len(), |&next| next - 1);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        (start, end)
    }
}

/// The part of a line a diagnostic shows, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// The 1-based line number.
    pub(crate) line: usize,
    /// What is shown of the line: at most [`WIDTH`] columns, `...` where it is cut, control
    /// characters escaped, tabs as spaces.
    pub(crate) text: String,
    /// The column (from 0) of the text at which the carets start.
    pub(crate) caret_start: usize,
    /// How many carets: the span's columns within the excerpt, at least one.
    pub(crate) carets: usize,
}

/// The excerpt of `text` that `diagnostic` shows, or `None` when its line is the empty end of
/// the text. It costs at most [`WIDTH`] characters of work, however long the line.
pub(crate) fn excerpt(text: &str, lines: &Lines, diagnostic: &Diagnostic) -> Option<Excerpt> {
    let at = floor_boundary(text, diagnostic.span.start.min(text.len()));
    let (start, end) = lines.around(text, at);
    if start >= text.len() {
        return None;
    }
    let line = &text[start..end];
    let at = (at - start).min(line.len());
    let span_end = if diagnostic.end.line == diagnostic.start.line {
        floor_boundary(
            line,
            diagnostic
                .span
                .end
                .saturating_sub(start)
                .clamp(at, line.len()),
        )
    } else {
        line.len()
    };

    // The window [from, to) of the line, in bytes.
    let (from, to) = if fits(line) {
        (0, line.len())
    } else {
        let from = back(line, at, CONTEXT);
        let to = forward(line, from, WIDTH);
        if to == line.len() {
            // The end is in view: fill the window from the left instead.
            let width: usize = line[from..].chars().map(columns).sum();
            (back(line, from, WIDTH.saturating_sub(width)), to)
        } else {
            (from, to)
        }
    };
    let mut shown = String::new();
    if from > 0 {
        shown.push_str(CUT);
    }
    let caret_start = shown.chars().count() + line[from..at].chars().map(columns).sum::<usize>();
    for c in line[from..to].chars() {
        match c {
            '\t' => shown.push(' '),
            c => push_visible(&mut shown, c),
        }
    }
    if to < line.len() {
        shown.push_str(CUT);
    }
    let carets = line[at..span_end.clamp(at, to)]
        .chars()
        .map(columns)
        .sum::<usize>()
        .max(1);
    Some(Excerpt {
        line: diagnostic.start.line,
        text: shown,
        caret_start,
        carets,
    })
}

/// Whether the whole line fits in [`WIDTH`] columns (looking at no more than that).
fn fits(line: &str) -> bool {
    let mut width = 0;
    for c in line.chars() {
        width += columns(c);
        if width > WIDTH {
            return false;
        }
    }
    true
}

/// The offset `width` columns (or fewer, at the start) before `offset`.
fn back(line: &str, offset: usize, width: usize) -> usize {
    let mut taken = 0;
    let mut from = offset;
    for (i, c) in line[..offset].char_indices().rev() {
        taken += columns(c);
        if taken > width {
            break;
        }
        from = i;
    }
    from
}

/// The offset `width` columns (or fewer, at the end) after `offset`.
fn forward(line: &str, offset: usize, width: usize) -> usize {
    let mut taken = 0;
    for (i, c) in line[offset..].char_indices() {
        taken += columns(c);
        if taken > width {
            return offset + i;
        }
    }
    line.len()
}

/// The largest character boundary of `text` at or before `offset`.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_validate::{Kind, Validator};

    /// The excerpts of every diagnostic of `text` as a request.
    fn excerpts(text: &str) -> Vec<Excerpt> {
        let report = Validator::get(Kind::Request).validate_str(text);
        let lines = Lines::of(text);
        report
            .diagnostics
            .iter()
            .filter_map(|d| excerpt(text, &lines, d))
            .collect()
    }

    fn underline(e: &Excerpt) -> String {
        format!(
            "{}\n{}{}",
            e.text,
            " ".repeat(e.caret_start),
            "^".repeat(e.carets)
        )
    }

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

    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "{\"IdentityPoolId\": 5}";
        let shown = excerpts(text);
        let e = shown
            .iter()
            .find(|e| e.carets == 1 && e.caret_start == 19)
            .unwrap_or_else(|| panic!("{shown:?}"));
        assert_eq!(e.text, text);
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let tags: Vec<String> = (0..200).map(|i| format!("\"k{i}\": \"v\"")).collect();
        let text = format!(
            "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \"IdentityPoolName\": \"n\", \"AllowUnauthenticatedIdentities\": false, \"IdentityPoolTags\": {{{}, \"bad\": 7}}}}",
            tags.join(", ")
        );
        let shown = excerpts(&text);
        let e = shown
            .iter()
            .find(|e| e.text.contains("\"bad\": 7"))
            .expect("the type error is shown");
        assert!(e.text.starts_with(CUT));
        assert!(e.text.ends_with("7}}"), "{}", e.text);
        assert!(e.text.chars().count() <= WIDTH + 2 * CUT.len());
        assert_eq!(&e.text[e.caret_start..e.caret_start + 1], "7");
        assert_eq!(e.carets, 1);
        for e in &shown {
            assert!(
                e.text.chars().count() <= WIDTH + 2 * CUT.len(),
                "{}",
                underline(e)
            );
        }
    }

    #[test]
    fn the_span_start_keeps_its_context() {
        let name = "x".repeat(300);
        let text = format!(
            "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \"IdentityPoolName\": \"{name}\", \"AllowUnauthenticatedIdentities\": false, \"Unknown\": 1}}"
        );
        let lines = Lines::of(&text);
        let report = Validator::get(Kind::Request).validate_str(&text);
        let too_long = report
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == "IDP007")
            .unwrap();
        let e = excerpt(&text, &lines, too_long).unwrap();
        assert!(
            e.text.starts_with(CUT) && e.text.ends_with(CUT),
            "{}",
            underline(&e)
        );
        assert_eq!(e.caret_start, CUT.len() + CONTEXT);
        // The carets stop where the excerpt does.
        assert_eq!(e.caret_start + e.carets, e.text.chars().count() - CUT.len());
    }

    #[test]
    fn escapes_widen_the_columns() {
        // The pattern error points at the escape character, shown as six columns.
        let text = "{\"IdentityPoolId\": \"\u{1b}[2K\", \"Bad\": 1}";
        let shown = excerpts(text);
        assert!(!shown.iter().any(|e| e.text.contains('\u{1b}')));
        let e = &shown[0];
        assert_eq!(e.text, "{\"IdentityPoolId\": \"\\u{1b}[2K\", \"Bad\": 1}");
        assert_eq!(
            underline(e).lines().last(),
            Some("                    ^^^^^^")
        );
    }

    #[test]
    fn every_offset_of_odd_text_is_safe() {
        let text = "{\"a\":\t\"é\r\n\u{1b}x\"\r\n}\n";
        let lines = Lines::of(text);
        let report = Validator::get(Kind::Request).validate_str(text);
        let mut d = report.diagnostics[0].clone();
        for start in 0..=text.len() + 2 {
            for end in start..=text.len() + 2 {
                d.span = start..end;
                let _ = excerpt(text, &lines, &d);
            }
        }
    }
}
