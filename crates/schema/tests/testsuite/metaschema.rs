use idpool_schema::Kind;
use serde_json::Value;

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

/// Walks every subschema and checks the properties the issue promises of all of them.
#[test]
fn every_object_is_closed_and_nothing_accepts_null() {
    fn walk(kind: Kind, pointer: &str, schema: &Value) {
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
            assert!(
                !p.contains("\\w") && !p.contains("\\s"),
                "{kind}{pointer} pattern {p}"
            );
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
        walk(kind, "", &schema);
    }
}
