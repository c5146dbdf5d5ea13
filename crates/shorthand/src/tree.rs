//! The untyped tree the parser produces: strings, byte strings, lists and maps, each with its
//! span. Strings borrow from the input where they can.

use hashbrown::{DefaultHashBuilder, HashTable};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::ops::Range;

/// A parsed value with the byte range of the input it was read from.
///
/// The span of a value that was written as nothing (`a=`) is the empty range where it would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value<'a> {
    /// What the value is.
    pub kind: ValueKind<'a>,
    /// The byte range of the input the value was read from.
    pub span: Range<usize>,
}

/// The kinds of value: the parser produces strings, byte strings, lists and maps; typing
/// ([`crate::coerce()`]) turns strings into booleans and numbers where the schema says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind<'a> {
    /// A string: unquoted, quoted, or the text of a `file://` value loaded with `@=`.
    String(Cow<'a, str>),
    /// The contents of a `fileb://` value loaded with `@=`.
    Bytes(Vec<u8>),
    /// `[a,b]`, or `a,b` as the value of a top-level key.
    List(Vec<Value<'a>>),
    /// The top level (`a=1,b=2`) or a hash literal (`{a=1,b=2}`), in document order.
    Map(Map<'a>),
    /// A boolean, after typing.
    Bool(bool),
    /// A number, after typing.
    Number(serde_json::Number),
}

/// One `key=value` of a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The key.
    pub key: Cow<'a, str>,
    /// The byte range of the key (empty for an empty key).
    pub key_span: Range<usize>,
    /// The value.
    pub value: Value<'a>,
}

/// The entries of a map in document order, each key once.
///
/// Small maps are searched by a scan; from [`Map::INDEXED_FROM`] entries on, a hash index keeps
/// lookups constant-time, so that parsing stays linear in the input.
#[derive(Debug, Clone, Default)]
pub struct Map<'a> {
    entries: Vec<Entry<'a>>,
    /// Boxed: most maps are small, and a small `Map` keeps `Value` small to move around.
    index: Option<Box<Index>>,
}

/// Positions in the entries, each with its key's hash, so that growing the table does not
/// touch the keys.
#[derive(Debug, Clone, Default)]
struct Index {
    table: HashTable<(u64, usize)>,
    hasher: DefaultHashBuilder,
}

impl PartialEq for Map<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Map<'_> {}

impl<'a> Map<'a> {
    /// The size from which a map keeps a hash index.
    pub const INDEXED_FROM: usize = 16;

    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, Entry<'a>> {
        self.entries.iter()
    }

    /// The entries in document order, to change their values.
    pub(crate) fn entries_mut(&mut self) -> std::slice::IterMut<'_, Entry<'a>> {
        self.entries.iter_mut()
    }

    /// The entry of `key`.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.position(key).map(|i| &self.entries[i])
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            None => self.entries.iter().position(|e| e.key == key),
            Some(index) => {
                let hash = index.hasher.hash_one(key);
                index
                    .table
                    .find(hash, |&(h, i)| h == hash && self.entries[i].key == key)
                    .map(|&(_, i)| i)
            }
        }
    }

    /// Adds an entry, or replaces the entry of the same key where it stands (the key keeps its
    /// first position and takes the last value, as a Python dict does). Returns the replaced
    /// entry.
    pub fn insert(&mut self, entry: Entry<'a>) -> Option<Entry<'a>> {
        if let Some(i) = self.position(&entry.key) {
            return Some(std::mem::replace(&mut self.entries[i], entry));
        }
        self.entries.push(entry);
        let len = self.entries.len();
        if len == Self::INDEXED_FROM {
            let mut index = Box::<Index>::default();
            for (i, entry) in self.entries.iter().enumerate() {
                let hash = index.hasher.hash_one(&*entry.key);
                index.table.insert_unique(hash, (hash, i), |&(h, _)| h);
            }
            self.index = Some(index);
        } else if let Some(index) = &mut self.index {
            let hash = index.hasher.hash_one(&*self.entries[len - 1].key);
            index
                .table
                .insert_unique(hash, (hash, len - 1), |&(h, _)| h);
        }
        None
    }
}

impl<'a> FromIterator<Entry<'a>> for Map<'a> {
    fn from_iter<I: IntoIterator<Item = Entry<'a>>>(iter: I) -> Self {
        let mut map = Map::new();
        for entry in iter {
            map.insert(entry);
        }
        map
    }
}

impl<'m, 'a> IntoIterator for &'m Map<'a> {
    type Item = &'m Entry<'a>;
    type IntoIter = std::slice::Iter<'m, Entry<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The key under which byte strings appear in JSON: `{"$bytes_base64": "..."}`.
pub const BYTES_KEY: &str = "$bytes_base64";

impl<'a> Value<'a> {
    /// A value of `kind` read from `span`.
    pub fn new(kind: ValueKind<'a>, span: Range<usize>) -> Self {
        Self { kind, span }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON: before typing, every scalar is a string. Byte strings become
    /// `{"$bytes_base64": "..."}`.
    pub fn to_json(&self) -> Json {
        match &self.kind {
            ValueKind::Bool(b) => Json::Bool(*b),
            ValueKind::Number(n) => Json::Number(n.clone()),
            ValueKind::String(s) => Json::String(s.clone().into_owned()),
            ValueKind::Bytes(b) => bytes_to_json(b),
            ValueKind::List(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            ValueKind::Map(map) => Json::Object(
                map.iter()
                    .map(|e| (e.key.clone().into_owned(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// The value with every string owned, free of the input's lifetime.
    pub fn into_owned(self) -> Value<'static> {
        let kind = match self.kind {
            ValueKind::String(s) => ValueKind::String(Cow::Owned(s.into_owned())),
            ValueKind::Bytes(b) => ValueKind::Bytes(b),
            ValueKind::Bool(b) => ValueKind::Bool(b),
            ValueKind::Number(n) => ValueKind::Number(n),
            ValueKind::List(items) => {
                ValueKind::List(items.into_iter().map(Value::into_owned).collect())
            }
            ValueKind::Map(map) => ValueKind::Map(
                map.entries
                    .into_iter()
                    .map(|e| Entry {
                        key: Cow::Owned(e.key.into_owned()),
                        key_span: e.key_span,
                        value: e.value.into_owned(),
                    })
                    .collect(),
            ),
        };
        Value {
            kind,
            span: self.span,
        }
    }

    /// The name of the kind, as used in messages: `string`, `bytes`, `list`, `map`, `boolean`
    /// or `number`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ValueKind::String(_) => "string",
            ValueKind::Bytes(_) => "bytes",
            ValueKind::List(_) => "list",
            ValueKind::Map(_) => "map",
            ValueKind::Bool(_) => "boolean",
            ValueKind::Number(_) => "number",
        }
    }
}

/// The value written as [`Value::to_json`] would make it, without making it: the strings go
/// straight from the tree to the serializer, so `serde_json::to_writer(w, &value)` writes the
/// same bytes as `serde_json::to_writer(w, &value.to_json())`.
impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match &self.kind {
            ValueKind::Bool(b) => serializer.serialize_bool(*b),
            ValueKind::Number(n) => n.serialize(serializer),
            ValueKind::String(s) => serializer.serialize_str(s),
            ValueKind::Bytes(b) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(BYTES_KEY, &base64(b))?;
                map.end()
            }
            ValueKind::List(items) => serializer.collect_seq(items),
            ValueKind::Map(map) => serializer.collect_map(map.iter().map(|e| (&*e.key, &e.value))),
        }
    }
}

pub(crate) fn bytes_to_json(bytes: &[u8]) -> Json {
    let mut object = serde_json::Map::new();
    object.insert(BYTES_KEY.into(), Json::String(base64(bytes)));
    Json::Object(object)
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_small() {
        assert!(
            std::mem::size_of::<Value<'_>>() <= 56,
            "{}",
            std::mem::size_of::<Value<'_>>()
        );
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xff, 0x00, 0x80]), "/wCA");
    }

    fn entry(key: String, value: &str) -> Entry<'static> {
        Entry {
            key: key.into(),
            key_span: 0..0,
            value: Value::new(ValueKind::String(value.to_owned().into()), 0..0),
        }
    }

    #[test]
    fn maps_keep_first_position_and_last_value_small_and_large() {
        for size in [3, Map::INDEXED_FROM - 1, Map::INDEXED_FROM, 100] {
            let mut map = Map::new();
            for i in 0..size {
                assert!(map.insert(entry(format!("k{i}"), "first")).is_none());
            }
            assert!(map.insert(entry("k0".into(), "last")).is_some());
            assert_eq!(map.len(), size);
            assert_eq!(map.iter().next().unwrap().value.as_str(), Some("last"));
            for i in 0..size {
                assert!(map.get(&format!("k{i}")).is_some(), "{size} {i}");
            }
            assert!(map.get("missing").is_none());
        }
    }

    /// Any tree: every kind of value, strings with characters JSON escapes.
    fn tree() -> impl proptest::strategy::Strategy<Value = Value<'static>> {
        use proptest::prelude::*;
        let string = || "[a-z\"\\/\u{0}-\u{1f}\u{7f}é\u{2028}😀]{0,6}";
        let leaf = prop_oneof![
            string().prop_map(|s| ValueKind::String(s.into())),
            proptest::collection::vec(any::<u8>(), 0..5).prop_map(ValueKind::Bytes),
            any::<bool>().prop_map(ValueKind::Bool),
            any::<i64>().prop_map(|n| ValueKind::Number(n.into())),
            any::<f64>().prop_filter_map("finite", |n| {
                serde_json::Number::from_f64(n).map(ValueKind::Number)
            }),
        ]
        .prop_map(|kind| Value::new(kind, 0..0));
        leaf.prop_recursive(4, 40, 5, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5)
                    .prop_map(|items| Value::new(ValueKind::List(items), 0..0)),
                proptest::collection::vec((string(), inner), 0..5).prop_map(|entries| {
                    let map = entries
                        .into_iter()
                        .map(|(key, value)| Entry {
                            key: key.into(),
                            key_span: 0..0,
                            value,
                        })
                        .collect();
                    Value::new(ValueKind::Map(map), 0..0)
                }),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn serializing_writes_what_to_json_writes(value in tree()) {
            let json = value.to_json();
            proptest::prop_assert_eq!(
                serde_json::to_string(&value).unwrap(),
                serde_json::to_string(&json).unwrap()
            );
            proptest::prop_assert_eq!(
                serde_json::to_string_pretty(&value).unwrap(),
                serde_json::to_string_pretty(&json).unwrap()
            );
        }
    }
}
