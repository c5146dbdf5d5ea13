//! `tests/data/cli/format/NAME.json`: a value, and awscli's output for it in every style (see
//! `scripts/cli/README.md`). Adding a case means adding a file.

use idpool_output::{Color, Options, Stdout, Style, render};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/cli/format");

/// One corpus file: awscli's output for `value` in every style.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Golden {
    title: String,
    width: i16,
    value: Value,
    outputs: BTreeMap<String, String>,
    #[serde(default)]
    errors: BTreeMap<String, String>,
}

/// What a rendering gives, as the corpus records it: stdout, and the exception's message.
type Printed = (String, Option<String>);

/// The renderings that must give a corpus key's output: the style's, and for `table` also
/// `--color auto`, which is off when stdout is not a terminal.
fn render_key(key: &str, golden: &Golden) -> Option<Vec<Printed>> {
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
        let options = Options {
            title: &golden.title,
            color,
            stdout,
        };
        match render(style, &golden.value, &options) {
            Ok(output) => (output, None),
            Err(error) => (error.output().to_owned(), Some(error.to_string())),
        }
    });
    Some(renders.collect())
}

#[test]
fn golden_corpus_matches_awscli_byte_for_byte() {
    // `IDPOOL_FORMAT_CORPUS` points the test at another corpus, such as the random cases of
    // `format_golden.sh --random`.
    let dir = std::env::var_os("IDPOOL_FORMAT_CORPUS").map_or_else(|| GOLDEN.into(), PathBuf::from);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus directory exists")
        .map(|entry| entry.expect("readable directory").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no corpus files in {}", dir.display());
    let mut failures = Vec::new();
    let mut compared = 0;
    for path in &paths {
        let name = path.file_name().map(Path::new).unwrap_or(path).display();
        let text = std::fs::read_to_string(path).expect("readable corpus file");
        let golden: Golden = serde_json::from_str(&text).expect("valid corpus file");
        for (key, output) in &golden.outputs {
            let expected = (output.clone(), golden.errors.get(key).cloned());
            let Some(renders) = render_key(key, &golden) else {
                failures.push(format!("{name}: unknown output key `{key}`"));
                continue;
            };
            for actual in renders {
                compared += 1;
                if actual != expected {
                    failures.push(format!(
                        "{name} [{key}]\nexpected: {expected:?}\n  actual: {actual:?}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches of {compared}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
