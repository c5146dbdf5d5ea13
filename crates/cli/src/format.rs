//! The AWS CLI's output styles for a JSON value: `--output json|text|table|yaml|yaml-stream`.
//!
//! Each style is a port of the AWS CLI's own formatter, so that
//! `idpool update-identity-pool --output X` prints byte for byte what
//! `aws cognito-identity update-identity-pool --output X` prints for the same response and
//! `--query`:
//!
//! - `json`, `text` and `table` follow awscli 1.x: `JSONFormatter`, `TextFormatter` and
//!   `TableFormatter` in `awscli/formatter.py`, with `awscli/text.py` and `awscli/table.py`.
//! - `yaml` and `yaml-stream` exist only in AWS CLI v2 and follow its `YAMLDumper`
//!   (ruamel.yaml 0.17.21 emitting through the libyaml copy in ruamel.yaml.clib).
//!
//! awscli formats Python objects, so the ports print JSON values the way Python would have
//! them: `null` as `None` and `true` as `True` in text and tables, floats as Python's `repr`
//! (`1e+16`), cell widths by Python 3.11's East Asian width table, `text` keys upper-cased by its
//! `str.upper()` (all from `idpool_python`, Unicode 14.0). `tests/data/cli/format/`
//! holds awscli's own output for a corpus of values (`scripts/cli/format_golden.sh` regenerates
//! it), and the test at the bottom of this file checks every byte of it.
//!
//! Where the ports can still differ from awscli:
//! - integers beyond the 64-bit range reach us as floats (`serde_json` without
//!   `arbitrary_precision`), where Python keeps them exact;
//! - when a table's list mixes dicts with lists of ints, awscli fails sorting ints with strings,
//!   and its `TypeError` names the two types in an order that depends on Python's randomized
//!   string hashing; the port names them in the usual order (`'str' and 'int'`).

mod python;
mod table;
mod text;
mod yaml;

use serde_json::Value;
use std::fmt;
use std::io::IsTerminal as _;
use std::str::FromStr;

/// The table title awscli uses for `aws cognito-identity update-identity-pool`: the name of
/// the API operation (`CLIOperationCaller.invoke` passes it to the formatter as
/// `command_name`).
pub(crate) const COMMAND_NAME: &str = "UpdateIdentityPool";

/// An output style, the value of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
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
    pub(crate) const ALL: [Style; 5] = [
        Style::Json,
        Style::Text,
        Style::Table,
        Style::Yaml,
        Style::YamlStream,
    ];

    /// The name `--output` takes.
    pub(crate) fn name(self) -> &'static str {
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
pub(crate) enum Color {
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
pub(crate) struct UnknownName {
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
pub(crate) struct Stdout {
    /// `os.isatty(sys.stdout.fileno())`.
    pub(crate) is_terminal: bool,
    /// The terminal's columns, a signed short as Python unpacks it.
    pub(crate) columns: i16,
}

impl Stdout {
    /// This process's stdout, asked the way awscli asks.
    pub(crate) fn detect() -> Stdout {
        Stdout {
            is_terminal: std::io::stdout().is_terminal(),
            columns: terminal::columns().unwrap_or(80),
        }
    }
}

/// How to render: the table title, `--color`, and what stdout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Render<'a> {
    /// The table title; awscli passes the operation name, [`COMMAND_NAME`].
    pub(crate) title: &'a str,
    /// `--color`.
    pub(crate) color: Color,
    /// Decides `auto` colors and the width at which tables turn vertical.
    pub(crate) stdout: Stdout,
}

/// A value awscli cannot format: it raised an exception (`Row should have 2 elements, instead
/// it has 1`). awscli then writes `\n{message}\n` to stderr and exits with status 255.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    /// What awscli wrote to stdout before and after failing (partial `text` output, the
    /// terminal reset of colored tables).
    pub(crate) output: String,
    /// `str()` of the Python exception.
    pub(crate) message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Renders `value`, the response after `--query`, as awscli prints it in `style`: the exact
/// bytes for stdout, or the [`Failure`] awscli reports.
pub(crate) fn render(style: Style, value: &Value, options: &Render<'_>) -> Result<String, Failure> {
    match style {
        Style::Json => Ok(match value {
            Value::Object(map) if map.is_empty() => String::new(),
            _ => format!("{}\n", python::json_dump(value, Some(4))),
        }),
        Style::Text => text::format(value).map_err(|(output, message)| Failure { output, message }),
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
                Err(message) => Err(Failure {
                    output: exit.to_owned(),
                    message,
                }),
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
    use proptest::prelude::*;
    use serde_json::json;
    use std::path::{Path, PathBuf};

    const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/cli/format");

    /// A pipe or a file: no terminal, and awscli's default width.
    const PIPE: Stdout = Stdout {
        is_terminal: false,
        columns: 80,
    };

    fn options(color: Color, stdout: Stdout) -> Render<'static> {
        Render {
            title: COMMAND_NAME,
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
    fn json_prints_nothing_for_an_empty_dict_only() {
        let pipe = options(Color::Auto, PIPE);
        assert_eq!(render(Style::Json, &json!({}), &pipe), Ok(String::new()));
        assert_eq!(
            render(Style::Json, &json!([]), &pipe),
            Ok("[]\n".to_owned())
        );
        assert_eq!(
            render(Style::Json, &json!(""), &pipe),
            Ok("\"\"\n".to_owned())
        );
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
    fn failures_carry_partial_output() {
        let pipe = options(Color::Off, PIPE);
        let failure = render(Style::Text, &json!(["a", {"b": 1}]), &pipe);
        assert_eq!(
            failure,
            Err(Failure {
                output: String::new(),
                message: "'str' object has no attribute 'items'".to_owned()
            })
        );
    }

    /// Any JSON value: every kind of number, strings with any characters, nested lists and
    /// dicts (lists of dicts with differing keys included).
    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_filter_map("finite", |float| {
                serde_json::Number::from_f64(float).map(Value::Number)
            }),
            any::<String>().prop_map(Value::String),
            "[ :#'\"a-c\n-]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let key = "[a-c ]{0,3}|.{0,4}";
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key, inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_renders_in_every_style(
            value in any_json(),
            columns in any::<i16>(),
            is_terminal in any::<bool>(),
        ) {
            let stdout = Stdout { is_terminal, columns };
            for style in Style::ALL {
                for color in [Color::On, Color::Off, Color::Auto] {
                    let options = Render { title: COMMAND_NAME, color, stdout };
                    let rendered = render(style, &value, &options);
                    if let (Style::Yaml | Style::YamlStream, Ok(out)) = (style, &rendered) {
                        prop_assert!(out.is_empty() || out.ends_with('\n'), "{out:?}");
                    }
                }
            }
        }
    }

    /// One corpus file: awscli's output for `value` in every style.
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Golden {
        title: String,
        width: i16,
        value: Value,
        outputs: std::collections::BTreeMap<String, String>,
        #[serde(default)]
        errors: std::collections::BTreeMap<String, String>,
    }

    /// The renderings that must give a corpus key's output: the style's, and for `table`
    /// also `--color auto`, which is off when stdout is not a terminal.
    fn render_key(key: &str, golden: &Golden) -> Option<Vec<Result<String, Failure>>> {
        let stdout = Stdout {
            is_terminal: false,
            columns: golden.width,
        };
        let (style, colors) = match key {
            "table" => (Style::Table, &[Color::Off, Color::Auto][..]),
            "table-color-on" => (Style::Table, &[Color::On][..]),
            name => (name.parse().ok()?, &[Color::Auto][..]),
        };
        let renders = colors.iter().map(|&color| {
            let options = Render {
                title: &golden.title,
                color,
                stdout,
            };
            render(style, &golden.value, &options)
        });
        Some(renders.collect())
    }

    #[test]
    fn golden_corpus_matches_awscli_byte_for_byte() {
        // `IDPOOL_FORMAT_CORPUS` points the test at another corpus, such as the random cases
        // of `format_golden.sh --random`.
        let dir =
            std::env::var_os("IDPOOL_FORMAT_CORPUS").map_or_else(|| GOLDEN.into(), PathBuf::from);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("the corpus directory exists")
            .map(|entry| entry.expect("readable directory").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        assert!(!paths.is_empty(), "no corpus files in {}", dir.display());
        let mut failures = Vec::new();
        for path in &paths {
            let name = path.file_name().map(Path::new).unwrap_or(path).display();
            let text = std::fs::read_to_string(path).expect("readable corpus file");
            let golden: Golden = serde_json::from_str(&text).expect("valid corpus file");
            for (key, expected) in &golden.outputs {
                let expected = match golden.errors.get(key) {
                    Some(message) => Err(Failure {
                        output: expected.clone(),
                        message: message.clone(),
                    }),
                    None => Ok(expected.clone()),
                };
                let Some(renders) = render_key(key, &golden) else {
                    failures.push(format!("{name}: unknown output key `{key}`"));
                    continue;
                };
                for actual in renders.into_iter().filter(|actual| *actual != expected) {
                    failures.push(format!(
                        "{name} [{key}]\nexpected: {expected:?}\n  actual: {actual:?}"
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} mismatches:\n\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}
