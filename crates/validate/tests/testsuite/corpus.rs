//! `tests/data/{requests,responses}/{valid,invalid}/NAME.json`. A valid case has no error; an invalid one
//! has errors at exactly the pointers of `NAME.pointers`. Every case's diagnostics are kept in
//! `NAME.diagnostics` (`UPDATE_CORPUS=1` rewrites them), and the examples are checked too.

use idpool_validate::{Kind, Report, Severity, Validator};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    paths
}

/// The diagnostics as one line each, for the snapshot files.
fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        writeln!(
            out,
            "{} {} {}:{}-{}:{} {} ({}): {}",
            d.code.as_str(),
            d.severity,
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            if d.pointer.is_empty() {
                "/"
            } else {
                &d.pointer
            },
            d.aws_path,
            d.message
        )
        .unwrap();
        if let Some(help) = &d.help {
            writeln!(out, "    help: {help}").unwrap();
        }
    }
    if let Some(aws) = report.aws_message() {
        writeln!(out, "aws: {aws}").unwrap();
    }
    out
}

/// Compares the rendering with `NAME.diagnostics`; returns a failure message.
fn snapshot(path: &Path, report: &Report) -> Option<String> {
    let file = path.with_extension("diagnostics");
    let rendered = render(report);
    if std::env::var_os("UPDATE_CORPUS").is_some() {
        fs::write(&file, &rendered).unwrap();
        return None;
    }
    let committed = fs::read_to_string(&file).unwrap_or_default();
    (committed != rendered).then(|| {
        format!(
            "{}: diagnostics changed (UPDATE_CORPUS=1 rewrites):\n{rendered}",
            file.display()
        )
    })
}

#[test]
fn requests() {
    check_corpus(Kind::Request, "requests");
}

#[test]
fn responses() {
    check_corpus(Kind::Response, "responses");
}

/// `tests/data/requests-by-operation/COMMAND/{valid,invalid}`: each operation's requests,
/// checked by the validator of that operation, with codes (`NAME.diagnostics`) and pointers.
#[test]
fn requests_by_operation() {
    let root = crate::data().join("requests-by-operation");
    let mut commands: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    commands.sort();
    assert!(!commands.is_empty());
    for command in commands {
        let operation = idpool_model::service::operation(&command)
            .unwrap_or_else(|| panic!("{command} is no operation"));
        let validator = Validator::for_operation(operation, Kind::Request).unwrap();
        check_cases(validator, &root.join(&command));
    }
}

/// `tests/data/schemas/COMMAND.request/{valid,invalid}`: the cases the schemas are checked on
/// (most written from the model by `scripts/model/corpus.py`) get the same verdict from the
/// validator of their operation, its errors at the same pointers. The validator's own rules
/// beyond the schemas (the overlay's requirements) are kept out of these cases by the script.
#[test]
fn schema_corpora_agree() {
    let root = crate::data().join("schemas");
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(command) = name.strip_suffix(".request") else {
            continue;
        };
        let operation = idpool_model::service::operation(command)
            .unwrap_or_else(|| panic!("{command} is no operation"));
        let validator = Validator::for_operation(operation, Kind::Request).unwrap();
        for (folder, valid) in [("valid", true), ("invalid", false)] {
            for path in cases(&root.join(&name).join(folder)) {
                checked += 1;
                let report = validator.validate(&fs::read(&path).unwrap());
                let actual: BTreeSet<String> = report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.pointer.clone())
                    .collect();
                let expected: BTreeSet<String> = if valid {
                    BTreeSet::new()
                } else {
                    fs::read_to_string(path.with_extension("pointers"))
                        .unwrap()
                        .lines()
                        .map(str::to_owned)
                        .collect()
                };
                if actual != expected {
                    failures.push(format!(
                        "{}: expected errors at {expected:?}, got:\n{}",
                        path.display(),
                        render(&report)
                    ));
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn check_corpus(kind: Kind, folder: &str) {
    check_cases(Validator::get(kind), &crate::data().join(folder));
}

fn check_cases(validator: &Validator, root: &Path) {
    let mut failures = Vec::new();
    for path in cases(&root.join("valid")) {
        let report = validator.validate(&fs::read(&path).unwrap());
        if !report.is_valid() {
            failures.push(format!(
                "{}: expected valid:\n{}",
                path.display(),
                render(&report)
            ));
        }
        failures.extend(snapshot(&path, &report));
    }
    for path in cases(&root.join("invalid")) {
        let report = validator.validate(&fs::read(&path).unwrap());
        let expected: BTreeSet<String> = fs::read_to_string(path.with_extension("pointers"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        let actual: BTreeSet<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.pointer.clone())
            .collect();
        if actual != expected {
            failures.push(format!(
                "{}: expected errors at {expected:?}, got:\n{}",
                path.display(),
                render(&report)
            ));
        }
        failures.extend(snapshot(&path, &report));
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn examples() {
    let dir = crate::data().join("../../examples");
    for (file, kind) in [
        ("update-identity-pool.request.json", Kind::Request),
        ("update-identity-pool.response.json", Kind::Response),
        ("full.request.json", Kind::Request),
    ] {
        let report = Validator::get(kind).validate(&fs::read(dir.join(file)).unwrap());
        assert!(report.is_valid(), "{file}:\n{}", render(&report));
        assert_eq!(
            report.count(Severity::Warning),
            0,
            "{file}:\n{}",
            render(&report)
        );
    }
}

#[test]
fn every_code_is_documented() {
    let docs = fs::read_to_string(crate::data().join("../../docs/diagnostics.md")).unwrap();
    for code in idpool_validate::Code::ALL {
        let anchor = format!(
            "<a id=\"{}\"></a>{}",
            code.as_str().to_ascii_lowercase(),
            code.as_str()
        );
        assert!(
            docs.contains(&anchor),
            "docs/diagnostics.md does not document {}",
            code.as_str()
        );
    }
}
