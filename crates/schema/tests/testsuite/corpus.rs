//! `tests/data/requests/{valid,invalid}/NAME.json`: the request schema must accept every valid
//! case and reject every invalid one exactly at the JSON Pointers listed in `NAME.pointers`
//! (one per line, sorted). An error is located at the member it concerns: an unknown member or an
//! invalid map key at that member or key, a missing member at the object that lacks it.

use idpool_schema::Kind;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

fn cases(dir: &str) -> Vec<PathBuf> {
    let dir = crate::root().join("tests/data/requests").join(dir);
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    paths
}

fn validator(kind: Kind) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(kind.embedded()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The pointers of the members the schema errors concern.
fn error_pointers(validator: &jsonschema::Validator, document: &Value) -> BTreeSet<String> {
    validator
        .iter_errors(document)
        .flat_map(|error| {
            let at = error.instance_path().to_string();
            match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => unexpected
                    .iter()
                    .map(|name| format!("{at}/{}", escape(name)))
                    .collect(),
                ValidationErrorKind::PropertyNames { error } => {
                    let name = error.instance().as_str().unwrap_or_default().to_owned();
                    vec![format!("{at}/{}", escape(&name))]
                }
                _ => vec![at],
            }
        })
        .collect()
}

#[test]
fn request_schema_accepts_valid_requests() {
    for kind in Kind::ALL {
        let validator = validator(kind);
        for path in cases("valid") {
            let document: Value =
                serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            let errors = error_pointers(&validator, &document);
            assert!(
                errors.is_empty(),
                "{kind} schema rejects {}: {errors:?}",
                path.display()
            );
        }
    }
}

#[test]
fn request_schema_rejects_invalid_requests_at_the_right_pointer() {
    let validator = validator(Kind::Request);
    for path in cases("invalid") {
        let document: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let expected_path = path.with_extension("pointers");
        let expected: BTreeSet<String> = fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()))
            .lines()
            .map(str::to_owned)
            .collect();
        let actual = error_pointers(&validator, &document);
        assert_eq!(actual, expected, "{}", path.display());
    }
}

#[test]
fn examples_are_valid() {
    let dir = crate::root().join("examples");
    for (file, kind) in [
        ("update-identity-pool.request.json", Kind::Request),
        ("update-identity-pool.response.json", Kind::Response),
        ("full.request.json", Kind::Request),
    ] {
        let text = fs::read_to_string(dir.join(file)).unwrap();
        let document: Value = serde_json::from_str(&text).unwrap();
        let errors = error_pointers(&validator(kind), &document);
        assert!(errors.is_empty(), "{file}: {errors:?}");
        // The model reads every example and writes it back unchanged.
        let model: idpool_model::IdentityPool = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&model).unwrap(), document, "{file}");
    }
}

/// `tests/data/schemas/<command>.<kind>/{valid,invalid}/NAME.json`: the other operations'
/// schemas, on the same terms as the request corpus above.
#[test]
fn operation_schemas_give_the_expected_verdicts() {
    let root = crate::root().join("tests/data/schemas");
    let mut checked = 0;
    for (operation, kind) in idpool_schema::all() {
        let file = idpool_schema::file_name(operation, kind);
        let dir = root.join(file.trim_end_matches(".schema.json"));
        if !dir.is_dir() {
            continue;
        }
        let schema: Value =
            serde_json::from_str(idpool_schema::embedded(operation, kind).unwrap()).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for verdict in ["valid", "invalid"] {
            let mut paths: Vec<PathBuf> = fs::read_dir(dir.join(verdict))
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect();
            paths.sort();
            for path in paths {
                let document: Value =
                    serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
                let expected: BTreeSet<String> = if verdict == "valid" {
                    BTreeSet::new()
                } else {
                    fs::read_to_string(path.with_extension("pointers"))
                        .unwrap()
                        .lines()
                        .map(str::to_owned)
                        .collect()
                };
                let actual = error_pointers(&validator, &document);
                assert_eq!(actual, expected, "{}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no case under {}", root.display());
}
