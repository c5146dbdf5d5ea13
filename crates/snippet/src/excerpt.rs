//! A line of input as a snippet shows it: a window of a long line around the span, or the
//! whole line, with carets under the span.
//!
//! A diagnostic shows its line; a minified request is one line of any length. A
//! [`Excerpt::window`] is at most [`WIDTH`] columns of that line around the span, cut with `...`
//! as rustc cuts long lines, so what each diagnostic prints is bounded whatever the input.

use crate::visible::{columns, escaped, push_visible};
use std::ops::Range;

/// The most columns of a line a window shows (the `...` marks not counted).
pub const WIDTH: usize = 100;

/// How many columns before the span a cut line keeps.
const CONTEXT: usize = 40;

/// The mark of a cut.
const CUT: &str = "...";

/// The byte offsets at which the lines of a text start.
#[derive(Debug)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// The lines of `text`, split at `\n`.
    pub fn of(text: &str) -> Lines {
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

/// The part of a line a snippet shows, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// What is shown of the line: no control character, no bidirectional override (see
    /// [`Excerpt::window`] and [`Excerpt::whole_line`] for how each shows them).
    pub text: String,
    /// The column (from 0) of the text at which the carets start.
    pub caret_start: usize,
    /// How many carets: the span's columns within the excerpt, at least one.
    pub carets: usize,
}

impl Excerpt {
    /// At most [`WIDTH`] columns of the line of `text` that holds `span.start`, around the span
    /// (cut with `...`, as rustc cuts long lines), with control characters escaped as
    /// [`visible`](crate::visible()) escapes them and tabs shown as spaces; `None` when the line is
    /// the empty end of the text. The carets stop at the end of the line. It costs at most
    /// [`WIDTH`] characters of work, however long the line.
    ///
    /// ```
    /// use idpool_snippet::{Excerpt, Lines};
    ///
    /// let text = "{\"Name\": \"\u{1b}[2K\"}";
    /// let excerpt = Excerpt::window(text, &Lines::of(text), 10..14).unwrap();
    /// assert_eq!(excerpt.text, r#"{"Name": "\u{1b}[2K"}"#);
    /// assert_eq!((excerpt.caret_start, excerpt.carets), (10, 9));
    /// ```
    pub fn window(text: &str, lines: &Lines, span: Range<usize>) -> Option<Excerpt> {
        let at = floor_boundary(text, span.start.min(text.len()));
        let (start, end) = lines.around(text, at);
        if start >= text.len() {
            return None;
        }
        let line = &text[start..end];
        let at = (at - start).min(line.len());
        let span_end = floor_boundary(line, span.end.saturating_sub(start).clamp(at, line.len()));

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
        let caret_start =
            shown.chars().count() + line[from..at].chars().map(columns).sum::<usize>();
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
            text: shown,
            caret_start,
            carets,
        })
    }

    /// The whole line of `text` that holds `span.start` (which must be a character boundary),
    /// each control character and bidirectional override shown as a space, so that every
    /// character keeps one column; the carets stop at the end of the line.
    ///
    /// ```
    /// use idpool_snippet::Excerpt;
    ///
    /// let excerpt = Excerpt::whole_line("a=b\u{1b}c", 3..4);
    /// assert_eq!(excerpt.text, "a=b c");
    /// assert_eq!((excerpt.caret_start, excerpt.carets), (3, 1));
    /// ```
    pub fn whole_line(text: &str, span: Range<usize>) -> Excerpt {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..]
            .find('\n')
            .map_or(text.len(), |i| span.start + i);
        let shown = text[line_start..line_end]
            .chars()
            .map(|c| if escaped(c) { ' ' } else { c })
            .collect();
        let span_end = floor_boundary(text, span.end.min(line_end).max(span.start));
        let carets = text[span.start..span_end].chars().count().max(1);
        Excerpt {
            text: shown,
            caret_start: text[line_start..span.start].chars().count(),
            carets,
        }
    }
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

    /// The window of `text` around the first `needle`, `len` bytes long.
    #[track_caller]
    fn window_at(text: &str, needle: &str, len: usize) -> Excerpt {
        let start = text.find(needle).expect("the needle is in the text");
        Excerpt::window(text, &Lines::of(text), start..start + len).expect("a line")
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
    fn a_short_line_is_shown_whole() {
        let text = "{\"IdentityPoolId\": 5}";
        let e = window_at(text, "5", 1);
        assert_eq!((e.text.as_str(), e.caret_start, e.carets), (text, 19, 1));
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let tags: Vec<String> = (0..200).map(|i| format!("\"k{i}\": \"v\"")).collect();
        let text = format!(
            "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \"IdentityPoolName\": \"n\", \"AllowUnauthenticatedIdentities\": false, \"IdentityPoolTags\": {{{}, \"bad\": 7}}}}",
            tags.join(", ")
        );
        let e = window_at(&text, "7}", 1);
        assert!(e.text.starts_with(CUT));
        assert!(e.text.ends_with("7}}"), "{}", e.text);
        assert!(e.text.chars().count() <= WIDTH + 2 * CUT.len());
        assert_eq!(&e.text[e.caret_start..e.caret_start + 1], "7");
        assert_eq!(e.carets, 1);
        let e = window_at(&text, "\"k100\"", 6);
        assert!(
            e.text.starts_with(CUT) && e.text.ends_with(CUT),
            "{}",
            underline(&e)
        );
        assert_eq!(e.text.chars().count(), WIDTH + 2 * CUT.len());
    }

    #[test]
    fn the_span_start_keeps_its_context() {
        let name = "x".repeat(300);
        let text = format!(
            "{{\"IdentityPoolId\": \"us-east-1:11111111-1111-1111-1111-111111111111\", \"IdentityPoolName\": \"{name}\", \"AllowUnauthenticatedIdentities\": false, \"Unknown\": 1}}"
        );
        let e = window_at(&text, "\"xxx", name.len() + 2);
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
        let text = "{\"IdentityPoolId\": \"\u{1b}[2K\", \"Bad\": 1}";
        let e = window_at(text, "\u{1b}", 1);
        assert_eq!(e.text, "{\"IdentityPoolId\": \"\\u{1b}[2K\", \"Bad\": 1}");
        assert_eq!(
            underline(&e).lines().last(),
            Some("                    ^^^^^^")
        );
    }

    #[test]
    fn a_span_over_lines_is_underlined_to_the_end_of_its_first() {
        let text = "{\"a\": [1,\n2]}";
        let e = window_at(text, "[", 6);
        assert_eq!(underline(&e), "{\"a\": [1,\n      ^^^");
        assert_eq!(Excerpt::whole_line(text, 6..12), e);
    }

    #[test]
    fn the_empty_end_of_a_text_has_no_window() {
        let text = "{}\n";
        assert_eq!(Excerpt::window(text, &Lines::of(text), 3..3), None);
        let e = Excerpt::whole_line(text, 3..3);
        assert_eq!((e.text.as_str(), e.caret_start, e.carets), ("", 0, 1));
    }

    #[test]
    fn a_whole_line_keeps_one_column_per_character() {
        let text = "a=1,\nbé=\u{7}\u{202e}x\r\nc";
        let start = text.find('\u{7}').expect("BEL");
        let e = Excerpt::whole_line(text, start..start + 1);
        assert_eq!(underline(&e), "bé=  x \n   ^");
        let long = "k".repeat(500);
        assert_eq!(Excerpt::whole_line(&long, 450..450).text, long);
    }

    #[test]
    fn every_offset_of_odd_text_is_safe() {
        let text = "{\"a\":\t\"é\r\n\u{1b}x\"\r\n}\n";
        let lines = Lines::of(text);
        for start in 0..=text.len() + 2 {
            for end in start..=text.len() + 2 {
                let _ = Excerpt::window(text, &lines, start..end);
                if text.is_char_boundary(start.min(text.len())) {
                    let start = start.min(text.len());
                    let _ = Excerpt::whole_line(text, start..end);
                }
            }
        }
    }
}
