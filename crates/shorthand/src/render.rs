//! Writing JSON back as shorthand.

use crate::schema::{SchemaRef, Shape};
use serde_json::Value as Json;
use std::fmt;

/// A value that shorthand cannot express so that it parses and types back to the same JSON.
/// Callers fall back to JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pointer: String,
    reason: String,
}

impl RenderError {
    #[cold]
    fn new(pointer: &str, reason: impl Into<String>) -> Self {
        Self {
            pointer: pointer.to_owned(),
            reason: reason.into(),
        }
    }

    /// The JSON Pointer of the value that cannot be expressed.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// Why it cannot be expressed.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "the value"
        } else {
            &self.pointer
        };
        write!(f, "{at} cannot be written in shorthand: {}", self.reason)
    }
}

impl std::error::Error for RenderError {}

/// Writes `value` as the shorthand argument values that the AWS CLI parses and types (with
/// `schema`) back to `value`: one value for an object, one per item for an array of objects
/// (the AWS CLI takes each item of a list of structures as a separate argument value).
///
/// Strings are left unquoted when that is unambiguous and double-quoted otherwise.
///
/// ```
/// use idpool_shorthand::{render, SchemaRef};
/// use serde_json::json;
///
/// let schema = json!({"type": "object", "additionalProperties": {"type": "string"}});
/// let tokens = render(&json!({"team": "a b", "env": "prod"}), SchemaRef::new(&schema))?;
/// assert_eq!(tokens, ["team=\"a b\",env=prod"]);
/// # Ok::<(), idpool_shorthand::RenderError>(())
/// ```
pub fn render(value: &Json, schema: SchemaRef<'_>) -> Result<Vec<String>, RenderError> {
    match value {
        Json::Object(_) => Ok(vec![top_level(value, schema, "")?]),
        Json::Array(items) if schema.shape() == Shape::List => {
            let item_schema = schema
                .items()
                .ok_or_else(|| RenderError::new("", "the array schema has no `items`"))?;
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Json::Object(_) => top_level(item, item_schema, &format!("/{i}")),
                    _ => Err(RenderError::new(
                        &format!("/{i}"),
                        "only objects can be list items of a shorthand argument",
                    )),
                })
                .collect()
        }
        _ => Err(RenderError::new(
            "",
            "a shorthand argument is an object, or an array of objects",
        )),
    }
}

/// `key=value,key2=value2`, for a non-empty object.
fn top_level(value: &Json, schema: SchemaRef<'_>, pointer: &str) -> Result<String, RenderError> {
    let Json::Object(map) = value else {
        unreachable!("callers pass objects")
    };
    if map.is_empty() {
        return Err(RenderError::new(
            pointer,
            "shorthand cannot express an empty object at the top level",
        ));
    }
    let mut out = String::new();
    for (key, member) in map {
        let child = format!("{pointer}/{}", escape_pointer(key));
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(checked_key(key, &child)?);
        out.push('=');
        out.push_str(&render_value(member, member_schema(schema, key), &child)?);
    }
    Ok(out)
}

fn member_schema<'s>(schema: SchemaRef<'s>, key: &str) -> Option<SchemaRef<'s>> {
    match schema.shape() {
        Shape::Structure => schema.property(key),
        Shape::Map => schema.values(),
        _ => None,
    }
}

fn checked_key<'k>(key: &'k str, pointer: &str) -> Result<&'k str, RenderError> {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '#' | '/' | ':'))
    {
        Ok(key)
    } else {
        Err(RenderError::new(
            pointer,
            "a key may hold only letters, digits and `-_.#/:`",
        ))
    }
}

fn render_value(
    value: &Json,
    schema: Option<SchemaRef<'_>>,
    pointer: &str,
) -> Result<String, RenderError> {
    let shape = schema.map_or(Shape::Other, SchemaRef::shape);
    match (value, shape) {
        (Json::String(s), Shape::Boolean)
            if matches!(s.to_lowercase().as_str(), "true" | "false") =>
        {
            Err(RenderError::new(
                pointer,
                "this string would be read as a boolean",
            ))
        }
        (Json::String(_), Shape::Integer | Shape::Number | Shape::List) => Err(RenderError::new(
            pointer,
            "a string where the schema expects another type would be converted",
        )),
        (Json::String(s), _) => string(s, pointer),
        (Json::Bool(b), Shape::Boolean) => Ok(b.to_string()),
        (Json::Number(n), Shape::Integer) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        (Json::Number(n), Shape::Number) if n.is_f64() => {
            Ok(n.as_f64().expect("an f64").to_string())
        }
        (Json::Array(items), Shape::List | Shape::Other) => {
            let item = schema.and_then(SchemaRef::items);
            let rendered = items
                .iter()
                .enumerate()
                .map(|(i, v)| render_value(v, item, &format!("{pointer}/{i}")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(format!("[{}]", rendered.join(",")))
        }
        (Json::Object(map), Shape::Structure | Shape::Map | Shape::Other) => {
            let mut parts = Vec::with_capacity(map.len());
            for (key, member) in map {
                let child = format!("{pointer}/{}", escape_pointer(key));
                let sub = schema.and_then(|s| member_schema(s, key));
                parts.push(format!(
                    "{}={}",
                    checked_key(key, &child)?,
                    render_value(member, sub, &child)?
                ));
            }
            Ok(format!("{{{}}}", parts.join(",")))
        }
        (Json::Null, _) => Err(RenderError::new(pointer, "shorthand has no `null`")),
        _ => Err(RenderError::new(
            pointer,
            "shorthand would read this value as a different type",
        )),
    }
}

/// A string, unquoted when it holds only characters that mean nothing to the grammar,
/// double-quoted otherwise.
fn string(s: &str, pointer: &str) -> Result<String, RenderError> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.:/@+*!#$%&()~^?|<>;".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        return Ok(s.to_owned());
    }
    if s.ends_with('\\') {
        // A quoted value that ends in `\` would end in an escaped quote.
        return Err(RenderError::new(
            pointer,
            "a string that ends with `\\` cannot be quoted",
        ));
    }
    Ok(format!(
        "\"{}\"",
        s.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SchemaRef, coerce, parse};
    use serde_json::json;

    #[track_caller]
    fn round_trip(value: Json, schema: &Json, expected_token: &str) {
        let tokens = render(&value, SchemaRef::new(schema)).unwrap();
        assert_eq!(tokens, [expected_token]);
        let mut parsed = parse(&tokens[0]).unwrap();
        coerce(&mut parsed.value, SchemaRef::new(schema)).unwrap();
        assert_eq!(parsed.value.to_json(), value);
    }

    #[test]
    fn quotes_only_where_needed() {
        let map = json!({"type": "object", "additionalProperties": {"type": "string"}});
        round_trip(
            json!({"a": "plain-value_1.2:3/4"}),
            &map,
            "a=plain-value_1.2:3/4",
        );
        round_trip(json!({"a": "b,c", "d": ""}), &map, r#"a="b,c",d="""#);
        round_trip(
            json!({"a": "say \"hi\" \\o/"}),
            &map,
            r#"a="say \"hi\" \\o/""#,
        );
        round_trip(json!({"a": "x\\\"", "b": "y"}), &map, r#"a="x\\\"",b=y"#);
        round_trip(
            json!({"a": " padded ", "b": "[x]"}),
            &map,
            r#"a=" padded ",b="[x]""#,
        );
        round_trip(json!({"a": "\u{1F600}\n"}), &map, "a=\"\u{1F600}\n\"");
    }

    #[test]
    fn typed_members_and_nesting() {
        let schema = json!({"type": "object", "properties": {
            "B": {"type": "boolean"}, "N": {"type": "integer"}, "L": {"type": "array", "items": {"type": "string"}},
            "M": {"type": "object", "additionalProperties": {"type": "boolean"}}}});
        round_trip(
            json!({"B": false, "N": -3, "L": ["x", "y,z"], "M": {"k": true}}),
            &schema,
            r#"B=false,N=-3,L=[x,"y,z"],M={k=true}"#,
        );
    }

    #[test]
    fn refuses_what_would_not_come_back() {
        let schema = json!({"type": "object", "properties": {"B": {"type": "boolean"}, "S": {"type": "string"}}});
        let schema = SchemaRef::new(&schema);
        let reason = |v: Json| render(&v, schema).unwrap_err().to_string();
        assert_eq!(
            reason(json!({"B": "TRUE"})),
            "/B cannot be written in shorthand: this string would be read as a boolean"
        );
        assert!(reason(json!({"S": "ends\\"})).contains("ends with `\\`"));
        assert!(reason(json!({"S": null})).contains("no `null`"));
        assert!(reason(json!({"S": true})).contains("different type"));
        assert!(reason(json!({"bad key": "x"})).contains("a key may hold only"));
        assert!(reason(json!({})).contains("empty object"));
        assert!(reason(json!("x")).contains("an object, or an array of objects"));
    }
}
