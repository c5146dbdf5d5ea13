//! The typed value [`crate::coerce()`] produces: JSON that borrows its strings from the tree.

use crate::tree::bytes_to_json;
use serde_json::{Number, Value as Json};

/// A typed value: JSON whose strings borrow from the parsed tree, so that typing allocates
/// nothing but its lists and objects. [`Typed::to_json`] gives a `serde_json::Value`.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'t> {
    /// A boolean, from `true` or `false` where the schema says boolean.
    Bool(bool),
    /// A number, where the schema says integer or number.
    Number(Number),
    /// A string.
    String(&'t str),
    /// The bytes of a `fileb://` value: JSON `{"$bytes_base64": "..."}`.
    Bytes(&'t [u8]),
    /// A list.
    Array(Vec<Typed<'t>>),
    /// An object, in document order.
    Object(Vec<(&'t str, Typed<'t>)>),
}

impl Typed<'_> {
    /// The value as a `serde_json::Value`.
    pub fn to_json(&self) -> Json {
        match self {
            Typed::Bool(b) => Json::Bool(*b),
            Typed::Number(n) => Json::Number(n.clone()),
            Typed::String(s) => Json::String((*s).to_owned()),
            Typed::Bytes(b) => bytes_to_json(b),
            Typed::Array(items) => Json::Array(items.iter().map(Typed::to_json).collect()),
            Typed::Object(entries) => {
                let mut object = serde_json::Map::with_capacity(entries.len());
                for (key, value) in entries {
                    object.insert((*key).to_owned(), value.to_json());
                }
                Json::Object(object)
            }
        }
    }
}

impl From<Typed<'_>> for Json {
    fn from(typed: Typed<'_>) -> Self {
        typed.to_json()
    }
}
