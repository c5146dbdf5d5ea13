//! Just enough of JSON Schema to type shorthand: `type`, `properties`, `additionalProperties`,
//! `items` and local `$ref`s.

use serde_json::Value as Json;

/// How many `$ref`s are followed in a row before a schema is taken as untyped (a guard against
/// reference cycles).
const MAX_REFS: usize = 32;

/// A sub-schema of a JSON Schema document, such as the schema of one property of the request.
///
/// `$ref`s are resolved against the root document (`#/$defs/...`, `#/definitions/...`, or any
/// local JSON Pointer).
#[derive(Debug, Clone, Copy)]
pub struct SchemaRef<'s> {
    root: &'s Json,
    node: &'s Json,
}

/// What a schema says a value is, as far as typing shorthand is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// An object with named `properties` (an AWS structure).
    Structure,
    /// An object whose values all follow `additionalProperties` (an AWS map).
    Map,
    /// An array (an AWS list).
    List,
    /// `boolean`.
    Boolean,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// Anything else: strings and schemas that do not say.
    Other,
}

impl<'s> SchemaRef<'s> {
    /// The root schema of a document.
    pub fn new(root: &'s Json) -> Self {
        Self { root, node: root }.resolved()
    }

    /// The schema of property `name` of the root schema, such as `CognitoIdentityProviders` of
    /// the request schema.
    pub fn property(self, name: &str) -> Option<Self> {
        let node = member(keyword(self.node, "properties")?.as_object()?, name)?;
        Some(
            Self {
                root: self.root,
                node,
            }
            .resolved(),
        )
    }

    /// The schema of the items of an array schema.
    pub fn items(self) -> Option<Self> {
        let node = keyword(self.node, "items")?;
        Some(
            Self {
                root: self.root,
                node,
            }
            .resolved(),
        )
    }

    /// The schema of the values of a map schema (`additionalProperties`).
    pub fn values(self) -> Option<Self> {
        match keyword(self.node, "additionalProperties")? {
            node @ Json::Object(_) => Some(
                Self {
                    root: self.root,
                    node,
                }
                .resolved(),
            ),
            _ => None,
        }
    }

    /// The names of the properties of an object schema, in schema order.
    pub fn property_names(self) -> impl Iterator<Item = &'s str> {
        self.node
            .get("properties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k.as_str())
    }

    /// The schema as JSON.
    pub fn as_json(self) -> &'s Json {
        self.node
    }

    fn resolved(mut self) -> Self {
        for _ in 0..MAX_REFS {
            let Some(reference) = keyword(self.node, "$ref").and_then(Json::as_str) else {
                return self;
            };
            let Some(pointer) = reference.strip_prefix('#') else {
                return self;
            };
            match pointer_get(self.root, pointer) {
                Some(node) => self.node = node,
                None => return self,
            }
        }
        self
    }

    /// What the schema says the value is, read in one pass over the schema's keywords.
    pub(crate) fn shape(self) -> Shape {
        let Some(object) = self.node.as_object() else {
            return Shape::Other;
        };
        let (mut type_name, mut properties, mut values, mut items) = (None, false, false, false);
        for (keyword, value) in object {
            match keyword.as_str() {
                "type" => {
                    type_name = match value {
                        Json::String(t) => Some(t.as_str()),
                        Json::Array(types) => {
                            types.iter().filter_map(Json::as_str).find(|t| *t != "null")
                        }
                        _ => None,
                    }
                }
                "properties" => properties = value.is_object(),
                "additionalProperties" => values = value.is_object(),
                "items" => items = true,
                _ => {}
            }
        }
        match type_name {
            Some("object") | None if properties => Shape::Structure,
            Some("object") | None if values => Shape::Map,
            Some("array") => Shape::List,
            None if items => Shape::List,
            Some("boolean") => Shape::Boolean,
            Some("integer") => Shape::Integer,
            Some("number") => Shape::Number,
            _ => Shape::Other,
        }
    }

    /// The `properties` of an object schema, for typing.
    pub(crate) fn properties(self) -> Properties<'s> {
        let map = keyword(self.node, "properties").and_then(Json::as_object);
        Properties {
            root: self.root,
            map,
        }
    }

    /// Whether the AWS CLI accepts shorthand for an argument of this schema: a structure, a
    /// map, or a list whose items are structures, maps or lists.
    pub fn supports_shorthand(self) -> bool {
        match self.shape() {
            Shape::Structure | Shape::Map => true,
            Shape::List => self.items().is_some_and(|items| {
                matches!(items.shape(), Shape::Structure | Shape::Map | Shape::List)
            }),
            _ => false,
        }
    }
}

/// The `properties` of an object schema.
#[derive(Clone, Copy)]
pub(crate) struct Properties<'s> {
    root: &'s Json,
    map: Option<&'s serde_json::Map<String, Json>>,
}

impl<'s> Properties<'s> {
    /// The position and schema of property `name` (found by a scan: schemas are small, and a
    /// scan beats hashing for them).
    pub(crate) fn find(self, name: &str) -> Option<(usize, SchemaRef<'s>)> {
        let (position, (_, node)) = self
            .map?
            .iter()
            .enumerate()
            .find(|(_, (key, _))| *key == name)?;
        Some((
            position,
            SchemaRef {
                root: self.root,
                node,
            }
            .resolved(),
        ))
    }
}

/// The value at a JSON Pointer, as `serde_json::Value::pointer` finds it, but without making a
/// string of each reference token that has no `~` escape: schemas are read for every value
/// typed, and `$ref`s are followed each time.
fn pointer_get<'s>(root: &'s Json, pointer: &str) -> Option<&'s Json> {
    if pointer.is_empty() {
        return Some(root);
    }
    let tokens = pointer.strip_prefix('/')?;
    tokens.split('/').try_fold(root, |target, token| {
        let token = if token.contains('~') {
            std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        match target {
            Json::Object(map) => member(map, &token),
            Json::Array(list) => array_index(&token).and_then(|i| list.get(i)),
            _ => None,
        }
    })
}

/// The member `name` of an object: found by a scan in a small object (a schema's keywords, its
/// `$defs`), which beats hashing the name, and by its hash in a large one.
fn member<'s>(map: &'s serde_json::Map<String, Json>, name: &str) -> Option<&'s Json> {
    if map.len() <= 16 {
        map.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    } else {
        map.get(name)
    }
}

/// An array index as a JSON Pointer writes it: digits, without a sign or a leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// A keyword of a schema object, found by a scan: cheaper than hashing for the few keywords a
/// schema object has.
fn keyword<'s>(node: &'s Json, name: &str) -> Option<&'s Json> {
    node.as_object()?
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn follows_refs_and_names_shapes() {
        let root = json!({
            "type": "object",
            "properties": {
                "List": {"type": "array", "items": {"$ref": "#/$defs/Item"}},
                "Map": {"type": "object", "additionalProperties": {"type": "string"}},
                "Flag": {"type": ["boolean", "null"]},
                "Loop": {"$ref": "#/$defs/Loop"}
            },
            "$defs": {
                "Item": {"type": "object", "properties": {"N": {"type": "integer"}}},
                "Loop": {"$ref": "#/$defs/Loop"}
            }
        });
        let schema = SchemaRef::new(&root);
        assert_eq!(schema.shape(), Shape::Structure);
        let list = schema.property("List").unwrap();
        assert_eq!(list.shape(), Shape::List);
        assert!(list.supports_shorthand());
        let item = list.items().unwrap();
        assert_eq!(item.property("N").unwrap().shape(), Shape::Integer);
        assert_eq!(schema.property("Map").unwrap().shape(), Shape::Map);
        assert_eq!(schema.property("Flag").unwrap().shape(), Shape::Boolean);
        assert_eq!(schema.property("Loop").unwrap().shape(), Shape::Other);
        assert!(schema.property("Nope").is_none());
    }

    #[test]
    fn pointers_are_found_as_serde_json_finds_them() {
        let root = json!({
            "a/b": {"c~d": [10, 11, {"": 12}]},
            "": {"x": 1},
            "0": "zero"
        });
        for pointer in [
            "",
            "/",
            "/a~1b",
            "/a~1b/c~0d",
            "/a~1b/c~0d/1",
            "/a~1b/c~0d/2/",
            "/a~1b/c~0d/01",
            "/a~1b/c~0d/+1",
            "/a~1b/c~0d/3",
            "/a~1b/c~0d/-1",
            "//x",
            "/0",
            "/a/b",
            "a",
            "/~2",
            "/a~1b/c~0d/0/x",
        ] {
            assert_eq!(
                pointer_get(&root, pointer),
                root.pointer(pointer),
                "{pointer}"
            );
        }
    }
}
