//! The committed JSON Schema, compiled once into checks the validator walks beside a document.
//!
//! Only the keywords the schema generator writes are understood: `type`, `properties`,
//! `required`, `additionalProperties`, `propertyNames`, `maxProperties`, `items`, `minLength`,
//! `maxLength`, `pattern`, `$ref` and `description`. Each pattern is matched with the service's
//! semantics through the model rule it was generated from (`idpool_model::rules`), which also
//! gives the service's spelling for messages.

use idpool_model::rules::{self, StringRule};
use serde_json::Value as Json;

/// The index of a check in [`Compiled::checks`].
pub(crate) type CheckId = usize;

#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) checks: Vec<Check>,
    pub(crate) root: CheckId,
}

#[derive(Debug)]
pub(crate) enum Check {
    /// An object with named members (an AWS structure).
    Structure {
        members: Vec<(String, CheckId)>,
        required: Vec<String>,
    },
    /// An object whose values all follow one check (an AWS map).
    Map {
        key: StringCheck,
        value: CheckId,
        max_entries: Option<usize>,
    },
    /// An array.
    List { items: CheckId },
    /// A string.
    String(StringCheck),
    /// A boolean.
    Boolean,
}

/// The constraints on one string, with the model rule they come from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StringCheck {
    pub(crate) min_len: usize,
    pub(crate) max_len: Option<usize>,
    /// The rule whose pattern the schema carries; `None` when there is no pattern.
    pub(crate) pattern: Option<StringRule>,
}

impl Compiled {
    /// Compiles a schema written by idpool-schema. Panics on anything else: the schemas are
    /// generated and committed, and the tests compile both.
    pub(crate) fn new(schema: &Json) -> Self {
        let mut compiled = Compiled {
            checks: Vec::new(),
            root: 0,
        };
        compiled.root = compiled.compile(schema, schema, &mut Vec::new());
        compiled
    }

    fn compile(
        &mut self,
        root: &Json,
        schema: &Json,
        refs: &mut Vec<(String, CheckId)>,
    ) -> CheckId {
        if let Some(reference) = schema.get("$ref").and_then(Json::as_str) {
            if let Some(&(_, id)) = refs.iter().find(|(r, _)| r == reference) {
                return id;
            }
            let target = root
                .pointer(reference.trim_start_matches('#'))
                .unwrap_or_else(|| panic!("unresolved $ref {reference}"));
            let id = self.compile(root, target, refs);
            refs.push((reference.to_owned(), id));
            return id;
        }
        let check = match schema.get("type").and_then(Json::as_str) {
            Some("object") if schema.get("properties").is_some() => {
                let members = schema["properties"]
                    .as_object()
                    .expect("properties is an object")
                    .iter()
                    .map(|(name, member)| (name.clone(), self.compile(root, member, refs)))
                    .collect();
                let required = schema
                    .get("required")
                    .and_then(Json::as_array)
                    .map(|r| {
                        r.iter()
                            .filter_map(Json::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                Check::Structure { members, required }
            }
            Some("object") => {
                let value = self.compile(root, &schema["additionalProperties"], refs);
                let key = string_check(schema.get("propertyNames").unwrap_or(&Json::Null));
                let max_entries = schema
                    .get("maxProperties")
                    .and_then(Json::as_u64)
                    .map(|m| m as usize);
                Check::Map {
                    key,
                    value,
                    max_entries,
                }
            }
            Some("array") => Check::List {
                items: self.compile(root, &schema["items"], refs),
            },
            Some("string") => Check::String(string_check(schema)),
            Some("boolean") => Check::Boolean,
            other => panic!("schema type {other:?} is not one idpool-schema writes"),
        };
        self.checks.push(check);
        self.checks.len() - 1
    }
}

fn string_check(schema: &Json) -> StringCheck {
    let min_len = schema.get("minLength").and_then(Json::as_u64).unwrap_or(0) as usize;
    let max_len = schema
        .get("maxLength")
        .and_then(Json::as_u64)
        .map(|m| m as usize);
    let pattern = schema.get("pattern").and_then(Json::as_str).map(|p| {
        rules::ALL
            .into_iter()
            .find(|rule| rule.pattern.is_some_and(|rp| rp.portable() == p))
            .unwrap_or_else(|| panic!("pattern {p} comes from no model rule"))
    });
    StringCheck {
        min_len,
        max_len,
        pattern,
    }
}
