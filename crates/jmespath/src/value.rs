//! The values of an evaluation, and Python's equality and orderings on them.

use crate::ast::{Comparator, Node};
use crate::budget::{VALUE_COST, spend, spend_members, spend_on, spend_on_copy, spend_values};
use crate::error::{Error, ErrorKind};
use idpool_python::Kind as PyKind;
use idpool_python::json::Formatter as PyJson;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A value during an evaluation: what a Python object of the interpreter would be.
///
/// JSON values are borrowed from the searched document (or a literal) while they can be.
#[derive(Clone, Debug)]
pub(crate) enum Val<'a> {
    /// A JSON value.
    Json(Cow<'a, Value>),
    /// A computed integer (Python's are unbounded; beyond `i128` they become floats).
    Int(i128),
    /// A computed float, NaN and infinities included.
    Float(f64),
    /// An expression reference, `&expression`.
    Expref(&'a Node),
    /// A computed array.
    List(Vec<Val<'a>>),
    /// A computed object, in insertion order, without repeated keys.
    Dict(Vec<(String, Val<'a>)>),
}

impl<'a> Val<'a> {
    /// `null` (Python's `None`).
    pub(crate) const NULL: Val<'a> = Val::Json(Cow::Owned(Value::Null));

    /// A boolean.
    pub(crate) fn bool(value: bool) -> Val<'a> {
        Val::Json(Cow::Owned(Value::Bool(value)))
    }

    /// A string.
    pub(crate) fn string(value: String) -> Val<'a> {
        Val::Json(Cow::Owned(Value::String(value)))
    }

    /// An integer, as a JSON number when it fits one.
    pub(crate) fn from_i128(value: i128) -> Val<'a> {
        if let Ok(small) = i64::try_from(value) {
            Val::Json(Cow::Owned(Value::from(small)))
        } else if let Ok(large) = u64::try_from(value) {
            Val::Json(Cow::Owned(Value::from(large)))
        } else {
            Val::Int(value)
        }
    }

    /// A float, as a JSON number when it is finite.
    pub(crate) fn from_f64(value: f64) -> Val<'a> {
        Number::from_f64(value).map_or(Val::Float(value), |n| {
            Val::Json(Cow::Owned(Value::Number(n)))
        })
    }

    /// An array, as a JSON array when every element is JSON.
    pub(crate) fn compact_array(items: Vec<Val<'a>>) -> Val<'a> {
        if !items.iter().all(|item| matches!(item, Val::Json(_))) {
            return Val::List(items);
        }
        let items = items.into_iter().filter_map(|item| match item {
            Val::Json(value) => Some(value.into_owned()),
            _ => None,
        });
        Val::Json(Cow::Owned(Value::Array(items.collect())))
    }

    /// An object, as a JSON object when every value is JSON.
    pub(crate) fn compact_object(entries: Vec<(String, Val<'a>)>) -> Val<'a> {
        if !entries
            .iter()
            .all(|(_, value)| matches!(value, Val::Json(_)))
        {
            return Val::Dict(entries);
        }
        let entries = entries.into_iter().filter_map(|(key, value)| match value {
            Val::Json(value) => Some((key, value.into_owned())),
            _ => None,
        });
        Val::Json(Cow::Owned(Value::Object(entries.collect())))
    }

    /// Whether this is `null`.
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Val::Json(value) if value.is_null())
    }

    /// A deep copy, paid for (see [`spend_on_copy`]): JSON borrowed from the document is
    /// shared, not copied.
    pub(crate) fn copy(&self) -> Result<Val<'a>, Error> {
        spend_on_copy(self, 0)?;
        Ok(self.clone())
    }

    /// A cheap copy: JSON is borrowed from `self`; anything else is copied.
    pub(crate) fn reborrow(&self) -> Result<Val<'_>, Error> {
        match self {
            Val::Json(value) => Ok(Val::Json(Cow::Borrowed(value.as_ref()))),
            other => other.copy(),
        }
    }

    /// A child of this JSON value: borrowed when this value is, copied when it is owned.
    pub(crate) fn json_child(
        &self,
        pick: impl for<'x> FnOnce(&'x Value) -> Option<&'x Value>,
    ) -> Result<Option<Val<'a>>, Error> {
        Ok(match self {
            Val::Json(Cow::Borrowed(value)) => {
                let value: &'a Value = value;
                pick(value).map(|child| Val::Json(Cow::Borrowed(child)))
            }
            Val::Json(Cow::Owned(value)) => match pick(value) {
                Some(child) => {
                    spend_on(Ref::Json(child))?;
                    Some(Val::Json(Cow::Owned(child.clone())))
                }
                None => None,
            },
            _ => None,
        })
    }

    /// `value.get(name)` of an object, else `null` (`visit_field`).
    pub(crate) fn field(&self, name: &str) -> Result<Val<'a>, Error> {
        let found = match self {
            Val::Dict(entries) => {
                // A computed object is searched key by key.
                spend_values(entries.len())?;
                let found = entries.iter().find(|(key, _)| key == name);
                found.map(|(_, value)| value.copy()).transpose()?
            }
            _ => self.json_child(|value| value.as_object()?.get(name))?,
        };
        Ok(found.unwrap_or(Val::NULL))
    }

    /// The element at `position` of an array.
    pub(crate) fn element(&self, position: usize) -> Result<Option<Val<'a>>, Error> {
        match self {
            Val::List(items) => items.get(position).map(Val::copy).transpose(),
            _ => self.json_child(|value| value.as_array()?.get(position)),
        }
    }

    /// `value[index]` of an array, else `null` (`visit_index`).
    pub(crate) fn index(&self, index: i64) -> Result<Val<'a>, Error> {
        let Kind::Array(items) = Ref::of(self).kind() else {
            return Ok(Val::NULL);
        };
        let length = i64::try_from(items.len()).unwrap_or(i64::MAX);
        let index = if index < 0 { index + length } else { index };
        if !(0..length).contains(&index) {
            return Ok(Val::NULL);
        }
        let Ok(position) = usize::try_from(index) else {
            return Ok(Val::NULL);
        };
        Ok(self.element(position)?.unwrap_or(Val::NULL))
    }

    /// `value[start:stop:step]` of an array, else `null` (`visit_slice`).
    pub(crate) fn slice(
        &self,
        start: Option<i64>,
        stop: Option<i64>,
        step: i64,
    ) -> Result<Val<'a>, Error> {
        let Kind::Array(items) = Ref::of(self).kind() else {
            return Ok(Val::NULL);
        };
        if step == 0 {
            return Err(Error::new(
                ErrorKind::PythonValue,
                "slice step cannot be zero",
            ));
        }
        let picked = slice_positions(items.len(), start, stop, step);
        spend_values(picked.len())?;
        let mut sliced = Vec::with_capacity(picked.len());
        for position in picked {
            sliced.extend(self.element(position)?);
        }
        Ok(Val::List(sliced))
    }

    /// The elements of an array, or the value back when it is not one.
    pub(crate) fn into_elements(self) -> Result<Vec<Val<'a>>, Val<'a>> {
        match self {
            Val::Json(Cow::Borrowed(Value::Array(items))) => Ok(items
                .iter()
                .map(|item| Val::Json(Cow::Borrowed(item)))
                .collect()),
            Val::Json(Cow::Owned(Value::Array(items))) => Ok(items
                .into_iter()
                .map(|item| Val::Json(Cow::Owned(item)))
                .collect()),
            Val::List(items) => Ok(items),
            other => Err(other),
        }
    }

    /// The members of an object, or the value back when it is not one.
    pub(crate) fn into_entries(self) -> Result<Vec<(String, Val<'a>)>, Val<'a>> {
        match self {
            Val::Json(Cow::Borrowed(Value::Object(members))) => Ok(members
                .iter()
                .map(|(key, value)| (key.clone(), Val::Json(Cow::Borrowed(value))))
                .collect()),
            Val::Json(Cow::Owned(Value::Object(members))) => Ok(members
                .into_iter()
                .map(|(key, value)| (key, Val::Json(Cow::Owned(value))))
                .collect()),
            Val::Dict(entries) => Ok(entries),
            other => Err(other),
        }
    }

    /// The values of an object, or the value back when it is not one.
    pub(crate) fn into_values(self) -> Result<Vec<Val<'a>>, Val<'a>> {
        match self {
            // Without copying the keys only to drop them.
            Val::Json(Cow::Borrowed(Value::Object(members))) => Ok(members
                .values()
                .map(|value| Val::Json(Cow::Borrowed(value)))
                .collect()),
            other => other
                .into_entries()
                .map(|entries| entries.into_iter().map(|(_, value)| value).collect()),
        }
    }

    /// The JSON value, when JSON can hold it; what is borrowed is copied (and paid for).
    pub(crate) fn into_json(self) -> Result<Value, Error> {
        match self {
            Val::Json(Cow::Borrowed(value)) => {
                spend_on(Ref::Json(value))?;
                Ok(value.clone())
            }
            Val::Json(Cow::Owned(value)) => Ok(value),
            Val::Int(value) => Ok(match Val::from_i128(value) {
                Val::Json(json) => json.into_owned(),
                // Beyond 64 bits: the nearest float, which is finite.
                _ => Number::from_f64(value as f64).map_or(Value::Null, Value::Number),
            }),
            Val::Float(value) => Number::from_f64(value).map(Value::Number).ok_or_else(|| {
                let what = idpool_python::json::float(value);
                let message = format!("the result holds {what}, which JSON cannot represent");
                Error::new(ErrorKind::NotJson, message)
            }),
            Val::Expref(_) => {
                let message = "the result holds an expression reference (`&...`), which JSON cannot represent";
                Err(Error::new(ErrorKind::NotJson, message))
            }
            Val::List(items) => {
                spend_values(items.len())?;
                // A loop: `collect` would add a dozen frames per level of nesting.
                let mut array = Vec::with_capacity(items.len());
                for item in items {
                    array.push(item.into_json()?);
                }
                Ok(Value::Array(array))
            }
            Val::Dict(entries) => {
                spend_members(entries.len())?;
                let mut members = Map::new();
                for (key, value) in entries {
                    members.insert(key, value.into_json()?);
                }
                Ok(Value::Object(members))
            }
        }
    }
}

/// The positions `[start:stop:step]` selects in a list of `length`, as Python computes them
/// (`PySlice_AdjustIndices`). `step` is not 0.
pub(crate) fn slice_positions(
    length: usize,
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
) -> Vec<usize> {
    let length = i64::try_from(length).unwrap_or(i64::MAX);
    let backwards = step < 0;
    let adjust = |bound: Option<i64>, default: i64| match bound {
        None => default,
        Some(bound) if bound < 0 => match bound + length {
            adjusted if adjusted >= 0 => adjusted,
            _ if backwards => -1,
            _ => 0,
        },
        Some(bound) if bound >= length => {
            if backwards {
                length - 1
            } else {
                length
            }
        }
        Some(bound) => bound,
    };
    let (mut i, stop) = if backwards {
        (adjust(start, length - 1), adjust(stop, -1))
    } else {
        (adjust(start, 0), adjust(stop, length))
    };
    let mut positions = Vec::new();
    while (backwards && i > stop) || (!backwards && i < stop) {
        if let Ok(position) = usize::try_from(i) {
            positions.push(position);
        }
        match i.checked_add(step) {
            Some(next) => i = next,
            None => break,
        }
    }
    positions
}

/// Builds an object with Python's dict semantics: a repeated key keeps its first position and
/// takes the last value.
#[derive(Default)]
pub(crate) struct DictBuilder<'a> {
    pub(crate) entries: Vec<(String, Val<'a>)>,
    pub(crate) positions: HashMap<String, usize>,
}

impl<'a> DictBuilder<'a> {
    /// `dict[key] = value`.
    pub(crate) fn insert(&mut self, key: String, value: Val<'a>) {
        if let Some(entry) = self
            .positions
            .get(&key)
            .and_then(|&i| self.entries.get_mut(i))
        {
            entry.1 = value;
        } else {
            self.positions.insert(key.clone(), self.entries.len());
            self.entries.push((key, value));
        }
    }
}

/// A number, as Python has it: an int or a float.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    /// The number a JSON number is in Python (`1` an int, `1.0` a float).
    pub(crate) fn of(number: &Number) -> Num {
        if let Some(small) = number.as_i64() {
            Num::Int(small.into())
        } else if let Some(large) = number.as_u64() {
            Num::Int(large.into())
        } else {
            Num::Float(number.as_f64().unwrap_or(f64::NAN))
        }
    }

    /// Python's type name.
    pub(crate) fn python_type(self) -> &'static str {
        match self {
            Num::Int(_) => "int",
            Num::Float(_) => "float",
        }
    }

    /// The value as a float (Python's `float(int)`, correctly rounded).
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Num::Int(value) => value as f64,
            Num::Float(value) => value,
        }
    }

    /// Python's exact comparison of ints and floats; `None` when NaN is involved.
    pub(crate) fn compare(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
            (Num::Int(a), Num::Float(b)) => compare_int_float(a, b),
            (Num::Float(a), Num::Int(b)) => compare_int_float(b, a).map(Ordering::reverse),
        }
    }

    /// A total order for sorting: [`Num::compare`], NaN after every number.
    pub(crate) fn sort_order(self, other: Num) -> Ordering {
        self.compare(other).unwrap_or_else(|| {
            let nan = |n: Num| matches!(n, Num::Float(f) if f.is_nan());
            nan(self).cmp(&nan(other))
        })
    }

    /// Python's `x in (0, 1)`.
    pub(crate) fn is_zero_or_one(self) -> bool {
        match self {
            Num::Int(value) => value == 0 || value == 1,
            Num::Float(value) => value == 0.0 || value == 1.0,
        }
    }
}

/// 2^127: the floats at or beyond it (in magnitude) are outside the range of `i128`.
pub(crate) const I128_LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;

/// Compares an int with a float exactly, as Python does (`2**53 + 1 > 2.0**53`).
pub(crate) fn compare_int_float(int: i128, float: f64) -> Option<Ordering> {
    if float.is_nan() {
        return None;
    }
    if float >= I128_LIMIT {
        return Some(Ordering::Less);
    }
    if float < -I128_LIMIT {
        return Some(Ordering::Greater);
    }
    let whole = float.trunc();
    // Exact: `whole` is an integer within the i128 range.
    let whole_int = whole as i128;
    Some(
        int.cmp(&whole_int)
            .then_with(|| 0.0.partial_cmp(&(float - whole)).unwrap_or(Ordering::Equal)),
    )
}

/// `numerator / denominator` rounded once to the nearest float, ties to even, as Python
/// divides two ints (`denominator` is not 0).
pub(crate) fn int_ratio(numerator: i128, denominator: u64) -> f64 {
    let a = numerator.unsigned_abs();
    let b = u128::from(denominator.max(1));
    if a == 0 {
        return 0.0;
    }
    // Scale the numerator so that the quotient has at least 55 significant bits.
    let (a_bits, b_bits) = (128 - a.leading_zeros(), 128 - b.leading_zeros());
    let shift = (55 + b_bits).saturating_sub(a_bits);
    let scaled = a << shift;
    let (quotient, remainder) = (scaled / b, scaled % b);
    // Keep 53 bits; what is dropped decides the rounding, the remainder breaking ties.
    let dropped = (128 - quotient.leading_zeros()).saturating_sub(53);
    let mut mantissa = quotient >> dropped;
    let rest = quotient & ((1 << dropped) - 1);
    let half = 1 << dropped.saturating_sub(1);
    if rest > half || (rest == half && (remainder != 0 || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    let exponent = i32::try_from(dropped).unwrap_or(0) - i32::try_from(shift).unwrap_or(0);
    let magnitude = mantissa as f64 * 2f64.powi(exponent);
    if numerator < 0 { -magnitude } else { magnitude }
}

/// A value seen as Python sees it: a JSON value anywhere inside a [`Val`], or a `Val`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ref<'v, 'a> {
    Json(&'v Value),
    Val(&'v Val<'a>),
}

/// What a [`Ref`] is.
pub(crate) enum Kind<'v, 'a> {
    Null,
    Bool(bool),
    Number(Num),
    String(&'v str),
    Array(Items<'v, 'a>),
    Object(Entries<'v, 'a>),
    Expref,
}

impl<'v, 'a> Ref<'v, 'a> {
    /// A view of `value`.
    pub(crate) fn of(value: &'v Val<'a>) -> Ref<'v, 'a> {
        match value {
            Val::Json(json) => Ref::Json(json.as_ref()),
            other => Ref::Val(other),
        }
    }

    /// What the value is.
    pub(crate) fn kind(self) -> Kind<'v, 'a> {
        match self {
            Ref::Json(Value::Null) => Kind::Null,
            Ref::Json(Value::Bool(value)) => Kind::Bool(*value),
            Ref::Json(Value::Number(number)) => Kind::Number(Num::of(number)),
            Ref::Json(Value::String(text)) => Kind::String(text),
            Ref::Json(Value::Array(items)) => Kind::Array(Items::Json(items)),
            Ref::Json(Value::Object(members)) => Kind::Object(Entries::Json(members)),
            Ref::Val(Val::Json(json)) => Ref::Json(json.as_ref()).kind(),
            Ref::Val(Val::Int(value)) => Kind::Number(Num::Int(*value)),
            Ref::Val(Val::Float(value)) => Kind::Number(Num::Float(*value)),
            Ref::Val(Val::Expref(_)) => Kind::Expref,
            Ref::Val(Val::List(items)) => Kind::Array(Items::Vals(items)),
            Ref::Val(Val::Dict(entries)) => Kind::Object(Entries::Vals(entries)),
        }
    }

    /// Python's type name (`type(value).__name__`).
    pub(crate) fn python_type(self) -> &'static str {
        match self.kind() {
            Kind::Null => "NoneType",
            Kind::Bool(_) => "bool",
            Kind::Number(number) => number.python_type(),
            Kind::String(_) => "str",
            Kind::Array(_) => "list",
            Kind::Object(_) => "dict",
            Kind::Expref => "_Expression",
        }
    }

    /// JMESPath falsiness (`_is_false`): `null`, `false`, `""`, `[]` and `{}`.
    pub(crate) fn is_false(self) -> bool {
        match self.kind() {
            Kind::Null => true,
            Kind::Bool(value) => !value,
            Kind::String(text) => text.is_empty(),
            Kind::Array(items) => items.len() == 0,
            Kind::Object(entries) => entries.len() == 0,
            Kind::Number(_) | Kind::Expref => false,
        }
    }
}

/// The elements of an array.
#[derive(Clone, Copy)]
pub(crate) enum Items<'v, 'a> {
    Json(&'v [Value]),
    Vals(&'v [Val<'a>]),
}

impl<'v, 'a> Items<'v, 'a> {
    /// The number of elements.
    pub(crate) fn len(self) -> usize {
        match self {
            Items::Json(items) => items.len(),
            Items::Vals(items) => items.len(),
        }
    }

    /// The element at `position`.
    pub(crate) fn get(self, position: usize) -> Option<Ref<'v, 'a>> {
        match self {
            Items::Json(items) => items.get(position).map(Ref::Json),
            Items::Vals(items) => items.get(position).map(Ref::of),
        }
    }

    /// The elements, in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = Ref<'v, 'a>> {
        (0..self.len()).filter_map(move |position| self.get(position))
    }
}

/// The members of an object.
#[derive(Clone, Copy)]
pub(crate) enum Entries<'v, 'a> {
    Json(&'v Map<String, Value>),
    Vals(&'v [(String, Val<'a>)]),
}

impl<'v, 'a> Entries<'v, 'a> {
    /// The number of members.
    pub(crate) fn len(self) -> usize {
        match self {
            Entries::Json(members) => members.len(),
            Entries::Vals(entries) => entries.len(),
        }
    }

    /// The value of the member `key`.
    pub(crate) fn get(self, key: &str) -> Option<Ref<'v, 'a>> {
        match self {
            Entries::Json(members) => members.get(key).map(Ref::Json),
            Entries::Vals(entries) => entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| Ref::of(v)),
        }
    }

    /// The members, in insertion order.
    pub(crate) fn iter(self) -> EntryIter<'v, 'a> {
        match self {
            Entries::Json(members) => EntryIter::Json(members.iter()),
            Entries::Vals(entries) => EntryIter::Vals(entries.iter()),
        }
    }
}

/// The iterator of [`Entries::iter`].
pub(crate) enum EntryIter<'v, 'a> {
    Json(serde_json::map::Iter<'v>),
    Vals(std::slice::Iter<'v, (String, Val<'a>)>),
}

impl<'v, 'a> Iterator for EntryIter<'v, 'a> {
    type Item = (&'v str, Ref<'v, 'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            EntryIter::Json(members) => members.next().map(|(k, v)| (k.as_str(), Ref::Json(v))),
            EntryIter::Vals(entries) => entries.next().map(|(k, v)| (k.as_str(), Ref::of(v))),
        }
    }
}

/// Python's `==`: deep, `1 == 1.0`, and `True == 1` (the interpreter's special case for
/// booleans applies only at the top of a comparison, in [`equals`]). Each pair of values
/// compared is paid for.
pub(crate) fn python_eq(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, Error> {
    spend(VALUE_COST)?;
    Ok(match (a.kind(), b.kind()) {
        (Kind::Null, Kind::Null) => true,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Bool(x), Kind::Number(n)) | (Kind::Number(n), Kind::Bool(x)) => {
            n.compare(Num::Int(i128::from(x))) == Some(Ordering::Equal)
        }
        (Kind::Number(x), Kind::Number(y)) => x.compare(y) == Some(Ordering::Equal),
        (Kind::String(x), Kind::String(y)) => {
            spend(x.len().min(y.len()))?;
            x == y
        }
        (Kind::Array(x), Kind::Array(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !python_eq(p, q)? {
                    return Ok(false);
                }
            }
            true
        }
        (Kind::Object(x), Kind::Object(y)) => {
            if x.len() != y.len() {
                return Ok(false);
            }
            for (key, p) in x.iter() {
                if let Entries::Vals(entries) = y {
                    // A computed object is searched key by key.
                    spend_values(entries.len())?;
                }
                match y.get(key) {
                    Some(q) if python_eq(p, q)? => {}
                    _ => return Ok(false),
                }
            }
            true
        }
        // Python compares expression references by identity: two are never the same object.
        _ => false,
    })
}

/// The interpreter's `_equals`: Python's `==`, except that 0 and 1 never equal a boolean.
pub(crate) fn equals(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, Error> {
    let special = |x: Ref<'_, '_>, y: Ref<'_, '_>| match x.kind() {
        Kind::Number(n) if n.is_zero_or_one() => Some(matches!(y.kind(), Kind::Bool(_))),
        _ => None,
    };
    let special = special(a, b).or_else(|| special(b, a)).unwrap_or(false);
    Ok(!special && python_eq(a, b)?)
}

/// Python's ordering operators on numbers or strings; other pairs raise Python's `TypeError`.
pub(crate) fn python_order(op: Comparator, a: Ref<'_, '_>, b: Ref<'_, '_>) -> Result<bool, Error> {
    let ordering = match (a.kind(), b.kind()) {
        (Kind::Number(x), Kind::Number(y)) => x.compare(y),
        (Kind::String(x), Kind::String(y)) => {
            spend(x.len().min(y.len()))?;
            Some(x.cmp(y))
        }
        _ => {
            let message = format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.python_type(),
                b.python_type()
            );
            return Err(Error::new(ErrorKind::PythonType, message));
        }
    };
    Ok(op.holds(ordering))
}

/// A total order on numbers, or on strings, for sorting (values of one kind, after the type
/// checks).
pub(crate) fn sort_order(a: Ref<'_, '_>, b: Ref<'_, '_>) -> Ordering {
    match (a.kind(), b.kind()) {
        (Kind::Number(x), Kind::Number(y)) => x.sort_order(y),
        (Kind::String(x), Kind::String(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

// Python's text forms of values: str(), repr() and json.dumps().

/// Python's `str(value)`: strings as they are, everything else as `repr`.
pub(crate) fn python_str(value: Ref<'_, '_>) -> String {
    idpool_python::str(value)
}

/// Returns `json.dumps(value, separators=(',', ':'), default=str)`, ASCII-escaped as Python's
/// default `ensure_ascii=True` writes it.
pub(crate) fn python_json_dumps(value: Ref<'_, '_>) -> String {
    idpool_python::json::dumps(value, PyJson::new().separators(",", ":"))
}

/// A value as `idpool_python`'s `repr` and `json.dumps` walk it.
impl idpool_python::Object for Ref<'_, '_> {
    fn kind(&self) -> PyKind<'_, Self> {
        match Ref::kind(*self) {
            Kind::Null => PyKind::None,
            Kind::Bool(value) => PyKind::Bool(value),
            Kind::Number(Num::Int(number)) => PyKind::Int(number),
            Kind::Number(Num::Float(number)) => PyKind::Float(number),
            Kind::String(text) => PyKind::Str(text),
            Kind::Array(items) => PyKind::List(Box::new(items.iter())),
            Kind::Object(entries) => {
                // Not the identity: it shortens the keys' lifetime to the borrow of `self`.
                #[expect(clippy::map_identity)]
                let entries = entries.iter().map(|(key, value)| (key, value));
                PyKind::Dict(Box::new(entries))
            }
            // Python adds the object's address (`... object at 0x7f...>`), which varies by run.
            Kind::Expref => PyKind::Other(Cow::Borrowed("<jmespath.visitor._Expression object>")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fails!(
        step_zero,
        "[::0]",
        json!([1]),
        ErrorKind::PythonValue,
        "slice step cannot be zero"
    );

    fails!(
        nan_result,
        "to_number('nan')",
        json!(null),
        ErrorKind::NotJson,
        "the result holds NaN, which JSON cannot represent"
    );

    fails!(
        expref_result,
        "[&a]",
        json!({}),
        ErrorKind::NotJson,
        "the result holds an expression reference (`&...`), which JSON cannot represent"
    );

    #[test]
    fn int_ratio_rounds_once() {
        assert_eq!(int_ratio(1, 3), 1.0 / 3.0);
        assert_eq!(int_ratio(-7, 2), -3.5);
        assert_eq!(int_ratio(0, 5), 0.0);
        // (2^53 + 1) / 3 is exactly 3002399751580331.
        assert_eq!(int_ratio(9_007_199_254_740_993, 3), 3_002_399_751_580_331.0);
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: ties go to even.
        assert_eq!(int_ratio(9_007_199_254_740_993, 1), 9_007_199_254_740_992.0);
        assert_eq!(int_ratio(9_007_199_254_740_995, 1), 9_007_199_254_740_996.0);
        assert_eq!(int_ratio(i128::MIN, 1), -1.7014118346046923e38);
        for numerator in -50..50 {
            for denominator in 1..20 {
                assert_eq!(
                    int_ratio(numerator, denominator),
                    numerator as f64 / denominator as f64
                );
            }
        }
    }

    #[test]
    fn int_float_comparison_is_exact() {
        let big = 9_007_199_254_740_993; // 2^53 + 1
        assert_eq!(
            compare_int_float(big, 9_007_199_254_740_992.0),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_int_float(3, 3.5), Some(Ordering::Less));
        assert_eq!(compare_int_float(-3, -3.5), Some(Ordering::Greater));
        assert_eq!(compare_int_float(0, -0.0), Some(Ordering::Equal));
        assert_eq!(
            compare_int_float(i128::MAX, f64::INFINITY),
            Some(Ordering::Less)
        );
        assert_eq!(
            compare_int_float(i128::MIN, -1e300),
            Some(Ordering::Greater)
        );
        assert_eq!(compare_int_float(1, f64::NAN), None);
    }

    #[test]
    fn slices_follow_python() {
        type Case = (Option<i64>, Option<i64>, i64, &'static [usize]);
        let cases: [Case; 6] = [
            (None, None, 1, &[0, 1, 2, 3, 4]),
            (None, None, -1, &[4, 3, 2, 1, 0]),
            (Some(-2), None, 1, &[3, 4]),
            (Some(10), Some(-10), -2, &[4, 2, 0]),
            (Some(-10), Some(10), 3, &[0, 3]),
            (Some(3), Some(1), 1, &[]),
        ];
        for (start, stop, step, expected) in cases {
            assert_eq!(
                slice_positions(5, start, stop, step),
                expected,
                "{start:?}:{stop:?}:{step}"
            );
        }
        assert_eq!(
            slice_positions(3, Some(i64::from(i32::MIN)), None, i64::from(i32::MIN)),
            [] as [usize; 0]
        );
    }
}
