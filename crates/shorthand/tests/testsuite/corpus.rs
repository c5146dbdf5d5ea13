//! The conformance corpus in `tests/data/shorthand`, recorded from awscli 1.46.2 by
//! `scripts/shorthand/golden.sh`. Adding a case adds files:
//!
//! - `valid/NAME.txt` (the input) with `NAME.json` (the untyped parse);
//! - `invalid/NAME.txt` with `NAME.aws` (the AWS CLI's message, which idpool reproduces) and
//!   `NAME.stderr` (idpool's own rendering; `UPDATE_CORPUS=1` rewrites these);
//! - `paramfile/{valid,invalid}/`: the same, with `@=` files from `files/`;
//! - `typed/NAME.json`: an argument of update-identity-pool, its values, and the value the AWS
//!   CLI puts in the request (or its error);
//! - `visitor/NAME.json`: a JSON Schema, a shorthand input and the typed value (or error).

use idpool_shorthand::argument::{Options, process};
use idpool_shorthand::{FileKind, LoadError, Loaded, Parser, Resolver, SchemaRef, coerce};
use serde_json::Value as Json;
use std::fs;
use std::path::{Path, PathBuf};

/// Loads files from `tests/data/shorthand/files`, with the AWS CLI's (Python's) wording for
/// the usual failures.
struct Files;

impl Resolver for Files {
    fn load(&self, path: &str, kind: FileKind) -> Result<Loaded, LoadError> {
        let full = crate::data().join("files").join(path);
        let read = if path.is_empty() {
            Err(std::io::ErrorKind::NotFound.into())
        } else {
            fs::read(&full)
        };
        let bytes = read.map_err(|e: std::io::Error| LoadError::Io {
            kind: e.kind(),
            path: path.to_owned(),
        })?;
        match kind {
            FileKind::Binary => Ok(Loaded::Bytes(bytes)),
            FileKind::Text => String::from_utf8(bytes)
                .map(|text| Loaded::Text(text.replace("\r\n", "\n").replace('\r', "\n")))
                .map_err(|_| LoadError::NotText {
                    path: path.to_owned(),
                }),
        }
    }
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no *.{extension} cases in {}",
        dir.display()
    );
    paths
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Collects failures so that one run reports every failing case.
#[derive(Default)]
struct Report(Vec<String>);

impl Report {
    fn check(&mut self, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(message());
        }
    }

    #[track_caller]
    fn finish(self, checked: usize) {
        assert!(
            self.0.is_empty(),
            "{} of {checked} cases failed:\n\n{}",
            self.0.len(),
            self.0.join("\n\n")
        );
    }
}

fn parse_cases(dir: &str, parser: Parser<'_>) {
    let root = crate::data().join(dir);
    let mut report = Report::default();
    let valid = files(&root.join("valid"), "txt");
    for path in &valid {
        let input = read(path);
        let expected: Json = serde_json::from_str(&read(&path.with_extension("json"))).unwrap();
        match parser.parse(&input) {
            Ok(parsed) => report.check(parsed.value.to_json() == expected, || {
                format!(
                    "{}: {input:?}\n  expected {expected}\n  got      {}",
                    path.display(),
                    parsed.value.to_json()
                )
            }),
            Err(error) => report.check(false, || {
                format!(
                    "{}: {input:?}\n  expected {expected}\n  got {error}",
                    path.display()
                )
            }),
        }
    }
    let invalid = files(&root.join("invalid"), "txt");
    let update = std::env::var_os("UPDATE_CORPUS").is_some();
    for path in &invalid {
        let input = read(path);
        let aws = read(&path.with_extension("aws"));
        match parser.parse(&input) {
            Ok(parsed) => report.check(false, || {
                format!(
                    "{}: {input:?}\n  expected the error {aws:?}\n  got {}",
                    path.display(),
                    parsed.value.to_json()
                )
            }),
            Err(error) => {
                report.check(error.aws_message().as_deref() == Some(aws.as_str()), || {
                    format!(
                        "{}: {input:?}\n  expected {aws:?}\n  got      {:?}",
                        path.display(),
                        error.aws_message()
                    )
                });
                let stderr = path.with_extension("stderr");
                let rendered = error.render();
                if update {
                    fs::write(&stderr, &rendered).unwrap();
                } else {
                    let committed = fs::read_to_string(&stderr).unwrap_or_default();
                    report.check(committed == rendered, || {
                        format!(
                            "{}: rendering changed (UPDATE_CORPUS=1 rewrites it):\n{rendered}",
                            stderr.display()
                        )
                    });
                }
            }
        }
    }
    report.finish(valid.len() + invalid.len());
}

#[test]
fn untyped_parse_matches_the_aws_cli() {
    parse_cases(".", Parser::new());
}

#[test]
fn paramfile_parse_matches_the_aws_cli() {
    parse_cases("paramfile", Parser::new().resolver(&Files));
}

#[test]
fn arguments_match_the_aws_cli() {
    let schema = crate::request_schema();
    let mut report = Report::default();
    let cases = files(&crate::data().join("typed"), "json");
    let options = Options {
        resolver: &Files,
        strict: false,
    };
    for path in &cases {
        let case: Json = serde_json::from_str(&read(path)).unwrap();
        let member = case["param"].as_str().unwrap();
        let values: Vec<String> = serde_json::from_value(case["values"].clone()).unwrap();
        let member_schema = SchemaRef::new(&schema).property(member).unwrap();
        let option = option_name(member);
        let result = process(&option, member_schema, &values, &options);
        match (&result, case.get("expected")) {
            (Ok(processed), Some(expected)) => report.check(&processed.value == expected, || {
                format!(
                    "{}: {values:?}\n  expected {expected}\n  got      {}",
                    path.display(),
                    processed.value
                )
            }),
            (Err(_), None) => {}
            (Ok(processed), None) => report.check(false, || {
                format!(
                    "{}: {values:?}\n  expected the error {}\n  got {}",
                    path.display(),
                    case["error"],
                    processed.value
                )
            }),
            (Err(error), Some(expected)) => report.check(false, || {
                format!(
                    "{}: {values:?}\n  expected {expected}\n  got {error}",
                    path.display()
                )
            }),
        }
    }
    report.finish(cases.len());
}

/// `CognitoIdentityProviders` → `--cognito-identity-providers`, as botocore's `xform_name`.
fn option_name(member: &str) -> String {
    let mut out = String::from("-");
    let chars: Vec<char> = member.replace("ARNs", "Arns").chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && (i == 0 || !chars[i - 1].is_uppercase()) {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The value typed with `schema`, or the AWS CLI's message for why it cannot be.
fn typed(mut value: idpool_shorthand::Value<'_>, schema: SchemaRef<'_>) -> Result<Json, String> {
    match coerce(&mut value, schema) {
        Ok(()) => Ok(value.to_json()),
        Err(e) => Err(e.aws_message().unwrap_or_else(|| e.to_string())),
    }
}

#[test]
fn typing_matches_the_aws_cli() {
    let mut report = Report::default();
    let cases = files(&crate::data().join("visitor"), "json");
    for path in &cases {
        let case: Json = serde_json::from_str(&read(path)).unwrap();
        let schema = SchemaRef::new(&case["schema"]);
        let result = match &case["input"] {
            Json::String(input) => match Parser::new().parse(input) {
                Ok(parsed) => typed(parsed.value, schema),
                Err(error) => Err(error.aws_message().unwrap_or_else(|| error.to_string())),
            },
            // Separate argument values, each one item of the list, as the AWS CLI visits them.
            Json::Array(inputs) => {
                let items = schema.items().unwrap();
                inputs
                    .iter()
                    .map(|input| match Parser::new().parse(input.as_str().unwrap()) {
                        Ok(parsed) => typed(parsed.value, items),
                        Err(error) => Err(error.aws_message().unwrap_or_else(|| error.to_string())),
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Array)
            }
            other => panic!("{}: input {other}", path.display()),
        };
        match (&result, case.get("expected"), case.get("error")) {
            (Ok(value), Some(expected), _) => report.check(value == expected, || {
                format!(
                    "{}: {}\n  expected {expected}\n  got      {value}",
                    path.display(),
                    case["input"]
                )
            }),
            (Err(message), _, Some(expected)) => report.check(expected == message.as_str(), || {
                format!(
                    "{}: {}\n  expected the error {expected}\n  got the error      {message:?}",
                    path.display(),
                    case["input"]
                )
            }),
            _ => report.check(false, || {
                format!(
                    "{}: {}\n  expected {case}\n  got {result:?}",
                    path.display(),
                    case["input"]
                )
            }),
        }
    }
    report.finish(cases.len());
}
