//! The values [`repr`](crate::repr()) and [`json::dumps`](crate::json::dumps) walk.

use serde_json::Value;
use std::borrow::Cow;

/// A value as Python holds it, for the walkers of this crate: what `json.loads` makes (`None`,
/// `bool`, `int`, `float`, `str`, `list`, `dict`), and any other object by its `repr()`.
///
/// Implement it on a small copyable handle (`&serde_json::Value` implements it), so that a
/// value type with more than JSON holds (ints beyond 64 bits, NaN, objects of its own) is
/// written by the same walkers rather than a copy of them.
pub trait Object: Sized {
    /// What the value is.
    fn kind(&self) -> Kind<'_, Self>;
}

/// What an [`Object`] is, with its parts.
pub enum Kind<'v, V> {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An `int`.
    Int(i128),
    /// A `float`, NaN and the infinities included.
    Float(f64),
    /// A `str`.
    Str(&'v str),
    /// A `list`: its items in order.
    List(Box<dyn Iterator<Item = V> + 'v>),
    /// A `dict` with `str` keys: its items in insertion order.
    Dict(Box<dyn Iterator<Item = (&'v str, V)> + 'v>),
    /// Any other object, by its `repr()`, which is also its `str()`: `json.dumps(...,
    /// default=str)` writes it as that string.
    Other(Cow<'v, str>),
}

impl<V> std::fmt::Debug for Kind<'_, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kind::None => f.write_str("None"),
            Kind::Bool(value) => f.debug_tuple("Bool").field(value).finish(),
            Kind::Int(value) => f.debug_tuple("Int").field(value).finish(),
            Kind::Float(value) => f.debug_tuple("Float").field(value).finish(),
            Kind::Str(value) => f.debug_tuple("Str").field(value).finish(),
            Kind::List(_) => f.write_str("List(..)"),
            Kind::Dict(_) => f.write_str("Dict(..)"),
            Kind::Other(value) => f.debug_tuple("Other").field(value).finish(),
        }
    }
}

impl Object for &Value {
    fn kind(&self) -> Kind<'_, Self> {
        match *self {
            Value::Null => Kind::None,
            Value::Bool(value) => Kind::Bool(*value),
            Value::Number(number) => {
                if let Some(int) = number.as_i64() {
                    Kind::Int(int.into())
                } else if let Some(int) = number.as_u64() {
                    Kind::Int(int.into())
                } else {
                    Kind::Float(number.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(text) => Kind::Str(text),
            Value::Array(items) => Kind::List(Box::new(items.iter())),
            Value::Object(members) => {
                Kind::Dict(Box::new(members.iter().map(|(k, v)| (k.as_str(), v))))
            }
        }
    }
}
