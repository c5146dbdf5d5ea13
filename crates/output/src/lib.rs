//! The AWS CLI's output styles for a JSON value: `--output json|text|table|yaml|yaml-stream`,
//! byte for byte.
//!
//! Each style is a port of the AWS CLI's own formatter, so that [`render`] prints byte for byte
//! what `aws ... --output X` prints for the same response and `--query`, one module per style:
//!
//! - `json`, `text` and `table` follow awscli 1.x: `JSONFormatter`, `TextFormatter` and
//!   `TableFormatter` in `awscli/formatter.py`, with `awscli/text.py` and `awscli/table.py`.
//!   `json` is Python's `json.dump`, written by [`idpool_python::json::Formatter`].
//! - `yaml` and `yaml-stream` exist only in AWS CLI v2 and follow its `YAMLDumper`
//!   (ruamel.yaml 0.17.21 emitting through the libyaml copy in ruamel.yaml.clib).
//!
//! awscli formats Python objects, so the ports print JSON values the way Python would have
//! them: `null` as `None` and `true` as `True` in text and tables, floats as Python's `repr`
//! (`1e+16`), cell widths by Python 3.11's East Asian width table, `text` keys upper-cased by its
//! `str.upper()` (all from `idpool_python`, Unicode 14.0). A value awscli cannot print is an
//! [`Error`] whose [`ErrorKind`] is the Python exception awscli raised. The workspace's
//! `tests/data/cli/format/` holds awscli's own output for a corpus of values
//! (`scripts/cli/format_golden.sh` regenerates it), and this crate's tests check every byte of it.
//!
//! Where the ports can still differ from awscli:
//! - integers beyond the 64-bit range reach us as floats (`serde_json` without
//!   `arbitrary_precision`), where Python keeps them exact;
//! - when a table's list mixes dicts with lists of ints, awscli fails sorting ints with strings,
//!   and its `TypeError` names the two types in an order that depends on Python's randomized
//!   string hashing; the port names them in the usual order (`'str' and 'int'`).
//!
//! # Example
//!
//! ```
//! use idpool_output::{Color, Options, Stdout, Style};
//! use serde_json::json;
//!
//! let value = json!({"IdentityPoolName": "pool", "AllowUnauthenticatedIdentities": false});
//! let options = Options {
//!     title: "UpdateIdentityPool",
//!     color: Color::Off,
//!     stdout: Stdout { is_terminal: false, columns: 80 },
//! };
//! assert_eq!(
//!     idpool_output::render(Style::Text, &value, &options)?,
//!     "False\tpool\n",
//! );
//! assert_eq!(
//!     idpool_output::render("yaml".parse()?, &value, &options)?,
//!     "AllowUnauthenticatedIdentities: false\nIdentityPoolName: pool\n",
//! );
//!
//! let ragged = json!([["a", "b"], ["c"]]);
//! let error = idpool_output::render(Style::Table, &ragged, &options).unwrap_err();
//! assert_eq!(error.to_string(), "Row should have 2 elements, instead it has 1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod error;
mod json;
mod python;
mod table;
mod text;
mod yaml;

pub use error::{Error, ErrorKind};

use serde_json::Value;
use std::fmt;
use std::io::IsTerminal as _;
use std::str::FromStr;

/// An output style, the value of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `json.dump(response, indent=4, ensure_ascii=False)` and a newline.
    Json,
    /// Tab-separated lines (`awscli/text.py`).
    Text,
    /// A box-drawn table titled with the command name (`awscli/table.py`).
    Table,
    /// Block-style YAML with sorted keys; a scalar result prints as JSON (AWS CLI v2).
    Yaml,
    /// The response as a one-item YAML list (AWS CLI v2; one item per page when paginated).
    YamlStream,
}

impl Style {
    /// Every style, in the order `aws help` lists them.
    pub const ALL: [Style; 5] = [
        Style::Json,
        Style::Text,
        Style::Table,
        Style::Yaml,
        Style::YamlStream,
    ];

    /// The name `--output` takes.
    pub fn name(self) -> &'static str {
        match self {
            Style::Json => "json",
            Style::Text => "text",
            Style::Table => "table",
            Style::Yaml => "yaml",
            Style::YamlStream => "yaml-stream",
        }
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Style {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Style::ALL
            .into_iter()
            .find(|style| style.name() == name)
            .ok_or_else(|| UnknownName {
                what: "output style",
                name: name.to_owned(),
                expected: "json, text, table, yaml or yaml-stream",
            })
    }
}

/// The value of `--color`, which only `table` output uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// Colored cells and edges, and a reset sequence after every write (colorama's
    /// `autoreset`), even when stdout is not a terminal.
    On,
    /// No escape sequences.
    Off,
    /// `On` when stdout is a terminal, `Off` otherwise (awscli's default).
    #[default]
    Auto,
}

impl FromStr for Color {
    type Err = UnknownName;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "on" => Ok(Color::On),
            "off" => Ok(Color::Off),
            "auto" => Ok(Color::Auto),
            _ => Err(UnknownName {
                what: "color setting",
                name: name.to_owned(),
                expected: "on, off or auto",
            }),
        }
    }
}

/// A name that is not a [`Style`] or a [`Color`]: `unknown output style `xml`; expected ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}`; expected {}",
            self.what, self.name, self.expected
        )
    }
}

impl std::error::Error for UnknownName {}

/// What awscli would learn about its stdout: whether it is a terminal (`auto` colors) and the
/// width that `determine_terminal_width` reads with `TIOCGWINSZ` (80 when that fails).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stdout {
    /// `os.isatty(sys.stdout.fileno())`.
    pub is_terminal: bool,
    /// The terminal's columns, a signed short as Python unpacks it.
    pub columns: i16,
}

impl Stdout {
    /// This process's stdout, asked the way awscli asks.
    pub fn detect() -> Stdout {
        Stdout {
            is_terminal: std::io::stdout().is_terminal(),
            columns: terminal::columns().unwrap_or(80),
        }
    }
}

/// How to render: the table title, `--color`, and what stdout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options<'a> {
    /// The table title. awscli passes the name of the API operation (`UpdateIdentityPool`):
    /// `CLIOperationCaller.invoke` hands it to the formatter as `command_name`.
    pub title: &'a str,
    /// `--color`.
    pub color: Color,
    /// Decides `auto` colors and the width at which tables turn vertical.
    pub stdout: Stdout,
}

/// Renders `value`, the response after `--query`, as awscli prints it in `style`: the exact
/// bytes for stdout, or the [`Error`] awscli raises.
pub fn render(style: Style, value: &Value, options: &Options<'_>) -> Result<String, Error> {
    match style {
        Style::Json => Ok(json::format(value)),
        Style::Text => text::format(value).map_err(|(output, kind)| Error::new(kind, output)),
        Style::Table => {
            let colorized = match options.color {
                Color::On => true,
                Color::Off => false,
                Color::Auto => options.stdout.is_terminal,
            };
            // colorama's `init` registers a reset for exit, which reaches only a terminal.
            let exit = if colorized && options.stdout.is_terminal {
                table::RESET_ALL
            } else {
                ""
            };
            let width = i64::from(options.stdout.columns);
            match table::format(options.title, value, colorized, width) {
                Ok(table) => Ok(table + exit),
                Err(kind) => Err(Error::new(kind, exit.to_owned())),
            }
        }
        Style::Yaml => Ok(yaml::format(value, false)),
        Style::YamlStream => Ok(yaml::format(value, true)),
    }
}

/// The terminal's columns, as awscli's `determine_terminal_width` reads them with `TIOCGWINSZ`
/// on stdout (a signed short; `None` when stdout is not a terminal or reports no size).
mod terminal {
    pub(super) fn columns() -> Option<i16> {
        let (terminal_size::Width(columns), _) =
            terminal_size::terminal_size_of(std::io::stdout())?;
        Some(columns as i16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A pipe or a file: no terminal, and awscli's default width.
    const PIPE: Stdout = Stdout {
        is_terminal: false,
        columns: 80,
    };

    fn options(color: Color, stdout: Stdout) -> Options<'static> {
        Options {
            title: "UpdateIdentityPool",
            color,
            stdout,
        }
    }

    #[test]
    fn style_and_color_names() {
        for style in Style::ALL {
            assert_eq!(style.name().parse::<Style>(), Ok(style));
        }
        assert_eq!("on".parse::<Color>(), Ok(Color::On));
        assert_eq!("auto".parse::<Color>(), Ok(Color::Auto));
        assert_eq!(
            "xml".parse::<Style>().map_err(|err| err.to_string()),
            Err(
                "unknown output style `xml`; expected json, text, table, yaml or yaml-stream"
                    .to_owned()
            )
        );
        assert!("ON".parse::<Color>().is_err());
    }

    #[test]
    fn detect_falls_back_to_80_columns_without_a_terminal() {
        let stdout = Stdout::detect();
        if !stdout.is_terminal {
            assert_eq!(stdout.columns, 80);
        }
    }

    #[test]
    fn auto_color_follows_the_terminal_and_resets_at_exit() {
        let value = json!({"Name": "x"});
        let terminal = Stdout {
            is_terminal: true,
            columns: 80,
        };
        let plain = render(Style::Table, &value, &options(Color::Auto, PIPE));
        let forced = render(Style::Table, &value, &options(Color::On, PIPE));
        let auto = render(Style::Table, &value, &options(Color::Auto, terminal));
        let off = render(Style::Table, &value, &options(Color::Off, terminal));
        assert_eq!(off, plain);
        assert!(
            forced
                .as_ref()
                .is_ok_and(|out| out.contains("\x1b[1m\x1b[34mx\x1b[0m"))
        );
        assert_eq!(auto, forced.map(|out| out + "\x1b[0m"));
        assert_eq!(
            render(Style::Table, &json!(false), &options(Color::On, terminal)),
            Ok("\x1b[0m".to_owned())
        );
    }

    #[test]
    fn errors_carry_partial_output() {
        let pipe = options(Color::Off, PIPE);
        let error = render(Style::Text, &json!(["a", {"b": 1}]), &pipe);
        assert_eq!(
            error,
            Err(Error::new(
                ErrorKind::NoAttribute {
                    type_name: "str",
                    attribute: "items"
                },
                String::new()
            ))
        );
        let terminal = Stdout {
            is_terminal: true,
            columns: 80,
        };
        let ragged = json!([["a", "b"], ["c"]]);
        let error = render(Style::Table, &ragged, &options(Color::Auto, terminal))
            .expect_err("ragged rows");
        assert_eq!(error.output(), "\x1b[0m");
        assert_eq!(
            error.to_string(),
            "Row should have 2 elements, instead it has 1"
        );
    }
}
