use idpool_model::service::{ShapeId, ShapeKind};
use idpool_schema::Kind;
use serde_json::Value;

/// Every committed schema, with its file name.
fn every_schema() -> Vec<(String, Value)> {
    idpool_schema::all()
        .map(|(operation, kind)| {
            let text = idpool_schema::embedded(operation, kind).unwrap();
            (
                idpool_schema::file_name(operation, kind),
                serde_json::from_str(text).unwrap(),
            )
        })
        .collect()
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    for kind in Kind::ALL {
        let schema: Value = serde_json::from_str(kind.embedded()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let errors: Vec<String> = jsonschema::draft202012::meta::validator()
            .iter_errors(&schema)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{kind} schema breaks the metaschema: {errors:#?}"
        );
    }
}

/// Every operation's schemas are valid draft 2020-12 schemas that compile (every pattern too).
#[test]
fn every_operation_has_valid_schemas() {
    let schemas = every_schema();
    // 23 requests, and a response for each of the 19 operations that return a body.
    assert_eq!(schemas.len(), 42);
    for (name, schema) in &schemas {
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert_eq!(schema["$id"], format!("urn:idpool:schema:{name}"), "{name}");
        for key in ["title", "description", "type"] {
            assert!(schema.get(key).is_some(), "{name} lacks {key}");
        }
        let errors: Vec<String> = jsonschema::draft202012::meta::validator()
            .iter_errors(schema)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{name} breaks the metaschema: {errors:#?}"
        );
        if let Err(error) = jsonschema::draft202012::new(schema) {
            panic!("{name} does not compile: {error}");
        }
    }
}

/// The members of each root and definition are the shape's, in the model's order, with the
/// model's required ones.
#[test]
fn objects_have_the_models_members() {
    fn check(name: &str, at: &str, schema: &Value, shape: ShapeId) {
        let ShapeKind::Structure(members) = shape.shape().kind else {
            panic!("{name}{at}: {} is not a structure", shape.shape().name)
        };
        let properties: Vec<&str> = schema["properties"]
            .as_object()
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let expected: Vec<&str> = members.iter().map(|m| m.name).collect();
        assert_eq!(properties, expected, "{name}{at}");
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let expected: Vec<&str> = members
            .iter()
            .filter(|m| m.required)
            .map(|m| m.name)
            .collect();
        assert_eq!(required, expected, "{name}{at}");
    }
    for (operation, kind) in idpool_schema::all() {
        let name = idpool_schema::file_name(operation, kind);
        let schema: Value =
            serde_json::from_str(idpool_schema::embedded(operation, kind).unwrap()).unwrap();
        let shape = match kind {
            Kind::Request => operation.input,
            Kind::Response => operation.output,
        }
        .unwrap();
        check(&name, "", &schema, shape);
        for (definition, sub) in schema["$defs"].as_object().into_iter().flatten() {
            let shape = idpool_model::service::shape(definition).unwrap();
            check(&name, &format!("/$defs/{definition}"), sub, shape);
        }
    }
}

/// Walks every subschema and checks the properties the issue promises of all of them.
#[test]
fn every_object_is_closed_and_nothing_accepts_null() {
    fn walk(kind: &str, pointer: &str, schema: &Value) {
        let Value::Object(map) = schema else { return };
        if map.contains_key("properties") {
            assert_eq!(
                map.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{kind}{pointer}"
            );
        }
        assert!(
            !map.contains_key("anyOf") && !map.contains_key("oneOf"),
            "{kind}{pointer}"
        );
        if let Some(t) = map.get("type") {
            assert!(t.is_string() && t != "null", "{kind}{pointer} has type {t}");
        }
        if let Some(Value::String(p)) = map.get("pattern") {
            assert!(
                p.starts_with('^') && p.ends_with('$'),
                "{kind}{pointer} pattern {p}"
            );
            for class in ["\\w", "\\s", "\\d", "\\S", "\\W", "\\D"] {
                assert!(!p.contains(class), "{kind}{pointer} pattern {p}");
            }
        }
        for (key, value) in map {
            walk(kind, &format!("{pointer}/{key}"), value);
        }
    }
    for kind in Kind::ALL {
        let schema: Value = serde_json::from_str(kind.embedded()).unwrap();
        for key in ["$schema", "$id", "title", "description", "required"] {
            assert!(schema.get(key).is_some(), "{kind} schema lacks {key}");
        }
        walk(&kind.to_string(), "", &schema);
    }
    for (name, schema) in every_schema() {
        walk(&name, "", &schema);
    }
}
