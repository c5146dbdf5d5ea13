//! The rustc-style snippet idpool prints under a diagnostic, in one place: where it is, the line
//! of input, and carets under the span, with nothing from the input that a terminal would act
//! on.
//!
//! Both kinds of diagnostics go through it: `idpool validate`'s human format (a window of the
//! line, control characters escaped, colours) and the shorthand parser's errors and warnings
//! (the whole line, control characters as spaces, a label after the carets).
//!
//! 1. [`visible()`] and [`visible_lines`] escape what a terminal would act on in any text from
//!    the input (file names, member names, messages quoting values).
//! 2. An [`Excerpt`] is the line as shown and where the carets go: [`Excerpt::window`] or
//!    [`Excerpt::whole_line`].
//! 3. A [`Snippet`] draws the frame around it.
//!
//! # Example
//!
//! ```
//! use idpool_snippet::{Excerpt, Lines, Snippet};
//!
//! let text = "{\n  \"Name\": 5\n}\n";
//! let span = 12..13;
//! let excerpt = Excerpt::window(text, &Lines::of(text), span);
//! let snippet = Snippet::new("request.json:2:11", 2).excerpt(excerpt.as_ref());
//! assert_eq!(
//!     snippet.to_string(),
//!     " --> request.json:2:11\n  |\n2 |   \"Name\": 5\n  |           ^\n"
//! );
//!
//! let input = "a=b\u{1b}c";
//! let excerpt = Excerpt::whole_line(input, 3..4);
//! let snippet = Snippet::new("line 1, column 4", 1).excerpt(Some(&excerpt)).label("here");
//! assert_eq!(
//!     snippet.to_string(),
//!     " --> line 1, column 4\n  |\n1 | a=b c\n  |    ^ here\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod excerpt;
mod visible;

pub use excerpt::{Excerpt, Lines, WIDTH};
pub use visible::{visible, visible_lines};

use std::fmt;

/// The ANSI colours of a snippet, as SGR parameters (`"1;34"` is bold blue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    /// The arrow, the bars and the line number.
    pub frame: &'static str,
    /// The carets (the diagnostic's severity).
    pub carets: &'static str,
}

/// A diagnostic's location and excerpt, framed as rustc frames them:
///
/// ```text
///  --> LOCATION
///   |
/// 2 | EXCERPT
///   |    ^^^ LABEL
/// ```
///
/// Without an excerpt, only the location line. [`Display`](fmt::Display) writes it, each line
/// ending in `\n`.
#[derive(Debug, Clone, Copy)]
pub struct Snippet<'a> {
    location: &'a str,
    line: usize,
    excerpt: Option<&'a Excerpt>,
    label: Option<&'a str>,
    colors: Option<Colors>,
}

impl<'a> Snippet<'a> {
    /// A snippet at `location` (what follows the arrow, shown as it is), on line `line`
    /// (1-based; its number is shown beside the excerpt).
    pub fn new(location: &'a str, line: usize) -> Self {
        Snippet {
            location,
            line,
            excerpt: None,
            label: None,
            colors: None,
        }
    }

    /// The line shown, if any.
    pub fn excerpt(mut self, excerpt: Option<&'a Excerpt>) -> Self {
        self.excerpt = excerpt;
        self
    }

    /// What follows the carets, such as `here`.
    pub fn label(mut self, label: &'a str) -> Self {
        self.label = Some(label);
        self
    }

    /// ANSI colours, or none.
    pub fn colors(mut self, colors: Option<Colors>) -> Self {
        self.colors = colors;
        self
    }

    /// Writes `text` in the SGR colour `code`, when colours are on.
    fn paint(&self, f: &mut fmt::Formatter<'_>, code: Option<&str>, text: &str) -> fmt::Result {
        match code {
            Some(code) => write!(f, "\x1b[{code}m{text}\x1b[0m"),
            None => f.write_str(text),
        }
    }
}

impl fmt::Display for Snippet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let frame = self.colors.map(|colors| colors.frame);
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        f.write_str(&pad)?;
        self.paint(f, frame, "-->")?;
        writeln!(f, " {}", self.location)?;
        let Some(excerpt) = self.excerpt else {
            return Ok(());
        };
        let bar = |f: &mut fmt::Formatter<'_>| self.paint(f, frame, "|");
        write!(f, "{pad} ")?;
        bar(f)?;
        writeln!(f)?;
        self.paint(f, frame, &number)?;
        f.write_str(" ")?;
        bar(f)?;
        writeln!(f, " {}", excerpt.text)?;
        write!(f, "{pad} ")?;
        bar(f)?;
        write!(f, " {}", " ".repeat(excerpt.caret_start))?;
        let carets = self.colors.map(|colors| colors.carets);
        self.paint(f, carets, &"^".repeat(excerpt.carets))?;
        if let Some(label) = self.label {
            write!(f, " {label}")?;
        }
        writeln!(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_paint_the_frame_and_the_carets() {
        let excerpt = Excerpt::whole_line("k=v", 2..3);
        let colors = Colors {
            frame: "1;34",
            carets: "1;31",
        };
        let snippet = Snippet::new("f:1:3", 1)
            .excerpt(Some(&excerpt))
            .colors(Some(colors));
        assert_eq!(
            snippet.to_string(),
            " \x1b[1;34m-->\x1b[0m f:1:3\n  \x1b[1;34m|\x1b[0m\n\x1b[1;34m1\x1b[0m \x1b[1;34m|\x1b[0m k=v\n  \x1b[1;34m|\x1b[0m   \x1b[1;31m^\x1b[0m\n"
        );
    }

    #[test]
    fn without_an_excerpt_only_the_location() {
        assert_eq!(Snippet::new("f:10:1", 10).to_string(), "  --> f:10:1\n");
    }
}
