//! JSON Schemas of the members of the generated types, read from the shape table
//! ([`crate::service`]): each member's schema is its shape's, so that every constraint is declared
//! once, in the table.

use crate::service::{ShapeId, ShapeKind, StringShape};
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

/// The schema of a value of `shape`: its JSON type and every constraint the table gives it. A
/// structure is a reference to its type's definition.
pub(crate) fn shape(generator: &mut SchemaGenerator, shape: ShapeId) -> Schema {
    match value(generator, shape) {
        Value::Object(map) => Schema::from(map),
        _ => Schema::from(true),
    }
}

/// [`shape`] as JSON.
fn value(generator: &mut SchemaGenerator, shape: ShapeId) -> Value {
    let mut schema = Map::new();
    match shape.shape().kind {
        ShapeKind::Structure(_) => {
            // Every structure an operation reaches has a generated type; a shape that had none
            // would accept anything rather than fail.
            return crate::generated::structure_schema(generator, shape)
                .map_or(Value::Bool(true), Schema::to_value);
        }
        ShapeKind::List { member, min, max } => {
            schema.insert("type".into(), "array".into());
            schema.insert("items".into(), value(generator, member));
            if let Some(min) = min.filter(|&min| min > 0) {
                schema.insert("minItems".into(), min.into());
            }
            if let Some(max) = max {
                schema.insert("maxItems".into(), max.into());
            }
        }
        ShapeKind::Map {
            key,
            value: values,
            min,
            max,
        } => {
            schema.insert("type".into(), "object".into());
            let key = match key.shape().kind {
                ShapeKind::String(rule) => string(&rule),
                _ => Map::from_iter([("type".into(), "string".into())]),
            };
            schema.insert("propertyNames".into(), Value::Object(key));
            schema.insert("additionalProperties".into(), value(generator, values));
            if let Some(min) = min.filter(|&min| min > 0) {
                schema.insert("minProperties".into(), min.into());
            }
            if let Some(max) = max {
                schema.insert("maxProperties".into(), max.into());
            }
        }
        ShapeKind::String(rule) => schema = string(&rule),
        ShapeKind::Boolean => {
            schema.insert("type".into(), "boolean".into());
        }
        ShapeKind::Integer { min, max } => {
            integer(&mut schema, min, max, i32::MIN.into(), i32::MAX.into());
        }
        ShapeKind::Long { min, max } => integer(&mut schema, min, max, i64::MIN, i64::MAX),
        // Epoch seconds, with a fraction or without.
        ShapeKind::Timestamp => {
            schema.insert("type".into(), "number".into());
        }
        // Base64 text.
        ShapeKind::Blob => {
            schema.insert("type".into(), "string".into());
        }
    }
    Value::Object(schema)
}

/// A string's schema: its length, pattern and values.
fn string(rule: &StringShape) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".into(), "string".into());
    if !rule.values.is_empty() {
        schema.insert(
            "enum".into(),
            rule.values.iter().copied().map(Value::from).collect(),
        );
    }
    if let Some(min) = rule.min.filter(|&min| min > 0) {
        schema.insert("minLength".into(), min.into());
    }
    if let Some(max) = rule.max {
        schema.insert("maxLength".into(), max.into());
    }
    if let Some(pattern) = rule.portable_pattern() {
        schema.insert("pattern".into(), pattern.into());
    }
    schema
}

/// An integer's schema: the table's bounds, or else those of its Rust type.
fn integer(
    schema: &mut Map<String, Value>,
    min: Option<i64>,
    max: Option<i64>,
    type_min: i64,
    type_max: i64,
) {
    schema.insert("type".into(), "integer".into());
    schema.insert("minimum".into(), min.unwrap_or(type_min).into());
    schema.insert("maximum".into(), max.unwrap_or(type_max).into());
}
