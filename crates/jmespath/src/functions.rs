//! The built-in functions: a port of `jmespath/functions.py`.

use crate::ast::{Comparator, Node};
use crate::budget::{spend, spend_on, spend_on_insert, spend_on_sort, spend_values};
use crate::error::{Error, ErrorKind};
use crate::interpreter::eval;
use crate::lexer::is_python_space;
use crate::value::{
    DictBuilder, I128_LIMIT, Items, Kind, Num, Ref, Val, int_ratio, python_eq, python_json_dumps,
    python_order, python_str, sort_order,
};

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    Abs,
    Avg,
    Ceil,
    Contains,
    EndsWith,
    Floor,
    Join,
    Keys,
    Length,
    Map,
    Max,
    MaxBy,
    Merge,
    Min,
    MinBy,
    NotNull,
    Reverse,
    Sort,
    SortBy,
    StartsWith,
    Sum,
    ToArray,
    ToNumber,
    ToString,
    Type,
    Values,
}

/// A function's signature, as `@signature` declares it: the allowed types of each argument
/// (none: any), and whether the last one repeats.
pub(crate) struct Signature {
    args: &'static [&'static [&'static str]],
    variadic: bool,
}

impl Function {
    /// Every function, by name.
    const ALL: [(&'static str, Function); 26] = [
        ("abs", Function::Abs),
        ("avg", Function::Avg),
        ("ceil", Function::Ceil),
        ("contains", Function::Contains),
        ("ends_with", Function::EndsWith),
        ("floor", Function::Floor),
        ("join", Function::Join),
        ("keys", Function::Keys),
        ("length", Function::Length),
        ("map", Function::Map),
        ("max", Function::Max),
        ("max_by", Function::MaxBy),
        ("merge", Function::Merge),
        ("min", Function::Min),
        ("min_by", Function::MinBy),
        ("not_null", Function::NotNull),
        ("reverse", Function::Reverse),
        ("sort", Function::Sort),
        ("sort_by", Function::SortBy),
        ("starts_with", Function::StartsWith),
        ("sum", Function::Sum),
        ("to_array", Function::ToArray),
        ("to_number", Function::ToNumber),
        ("to_string", Function::ToString),
        ("type", Function::Type),
        ("values", Function::Values),
    ];

    /// The function called `name`.
    pub(crate) fn named(name: &str) -> Option<Function> {
        Function::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    /// The function's name.
    pub(crate) fn name(self) -> &'static str {
        Function::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// The function's signature.
    pub(crate) fn signature(self) -> Signature {
        const NUMBER: &[&str] = &["number"];
        const STRING: &[&str] = &["string"];
        const OBJECT: &[&str] = &["object"];
        const ARRAY: &[&str] = &["array"];
        const EXPREF: &[&str] = &["expref"];
        const ANY: &[&str] = &[];
        let (args, variadic): (&'static [&'static [&'static str]], bool) = match self {
            Function::Abs | Function::Ceil | Function::Floor => (&[NUMBER], false),
            Function::Avg | Function::Sum => (&[&["array-number"]], false),
            Function::Contains => (&[&["array", "string"], ANY], false),
            Function::EndsWith | Function::StartsWith => (&[STRING, STRING], false),
            Function::Join => (&[STRING, &["array-string"]], false),
            Function::Keys | Function::Values => (&[OBJECT], false),
            Function::Length => (&[&["string", "array", "object"]], false),
            Function::Map => (&[EXPREF, ARRAY], false),
            Function::Max | Function::Min => (&[&["array-number", "array-string"]], false),
            Function::MaxBy | Function::MinBy | Function::SortBy => (&[ARRAY, EXPREF], false),
            Function::Merge => (&[OBJECT], true),
            Function::NotNull => (&[ANY], true),
            Function::Reverse => (&[&["array", "string"]], false),
            Function::Sort => (&[&["array-string", "array-number"]], false),
            Function::ToArray | Function::ToNumber | Function::ToString | Function::Type => {
                (&[ANY], false)
            }
        };
        Signature { args, variadic }
    }

    /// `Functions.call_function`: checks the arguments, then calls.
    pub(crate) fn call<'a>(self, args: Vec<Val<'a>>) -> Result<Val<'a>, Error> {
        let signature = self.signature();
        let expected = signature.args.len();
        if (signature.variadic && args.len() < expected)
            || (!signature.variadic && args.len() != expected)
        {
            let plural = if expected == 1 { "" } else { "s" };
            let (kind, at_least) = if signature.variadic {
                (ErrorKind::VariadicArity, "at least ")
            } else {
                (ErrorKind::Arity, "")
            };
            let message = format!(
                "Expected {at_least}{expected} argument{plural} for function {}(), received {}",
                self.name(),
                args.len()
            );
            return Err(Error::new(kind, message));
        }
        for (types, arg) in signature.args.iter().zip(&args) {
            if !types.is_empty() {
                check_type(self.name(), Ref::of(arg), types)?;
            }
        }
        let mut args = args.into_iter();
        let first = args.next().unwrap_or(Val::NULL);
        match self {
            Function::Merge => {
                let mut merged = DictBuilder::default();
                let mut other_key = None;
                for arg in std::iter::once(first).chain(args) {
                    dict_update(&mut merged, &mut other_key, arg)?;
                }
                if let Some(python_type) = other_key {
                    let message = format!(
                        "merge() would make an object key of type '{python_type}', which JSON cannot hold"
                    );
                    return Err(Error::new(ErrorKind::Unsupported, message));
                }
                Ok(Val::Dict(merged.entries))
            }
            Function::NotNull => {
                let mut args = std::iter::once(first).chain(args);
                Ok(args.find(|arg| !arg.is_null()).unwrap_or(Val::NULL))
            }
            Function::Map | Function::SortBy | Function::MaxBy | Function::MinBy => {
                self.apply_expref(first, args.next().unwrap_or(Val::NULL))
            }
            _ => self.apply(first, args.next().unwrap_or(Val::NULL)),
        }
    }

    /// The body of the functions that evaluate an expression reference, apart from
    /// [`Function::apply`] so that nested calls (`map(&map(&a, @), @)`) do not pile up its
    /// large stack frame.
    pub(crate) fn apply_expref<'a>(
        self,
        first: Val<'a>,
        second: Val<'a>,
    ) -> Result<Val<'a>, Error> {
        let (elements, expression) = match (self, first, second) {
            (Function::Map, Val::Expref(expression), array) => (array.into_elements(), expression),
            (_, array, Val::Expref(expression)) => (array.into_elements(), expression),
            _ => return Ok(Val::NULL),
        };
        let Ok(elements) = elements else {
            return Ok(Val::NULL);
        };
        // The elements, and the results or keys computed from them.
        spend_values(elements.len())?;
        match self {
            Function::Map => {
                let mapped = elements.iter().map(|element| eval(expression, element));
                Ok(Val::List(mapped.collect::<Result<_, _>>()?))
            }
            Function::SortBy => sort_by(elements, expression),
            _ => extreme_by(self, elements, expression),
        }
    }

    /// The body of the other functions, on arguments that passed the checks.
    pub(crate) fn apply<'a>(self, first: Val<'a>, second: Val<'a>) -> Result<Val<'a>, Error> {
        let view = Ref::of(&first);
        Ok(match self {
            Function::Abs => match view.kind() {
                Kind::Number(Num::Int(value)) => value
                    .checked_abs()
                    .map_or(Val::Float((value as f64).abs()), Val::from_i128),
                Kind::Number(Num::Float(value)) => Val::from_f64(value.abs()),
                _ => Val::NULL,
            },
            Function::Avg => {
                let Kind::Array(items) = view.kind() else {
                    return Ok(Val::NULL);
                };
                if items.len() == 0 {
                    return Ok(Val::NULL);
                }
                let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
                match python_sum(items) {
                    Num::Int(total) => Val::from_f64(int_ratio(total, count)),
                    Num::Float(total) => Val::from_f64(total / count as f64),
                }
            }
            Function::Ceil | Function::Floor => match view.kind() {
                Kind::Number(Num::Int(value)) => Val::from_i128(value),
                Kind::Number(Num::Float(value)) => {
                    let rounded = if self == Function::Ceil {
                        value.ceil()
                    } else {
                        value.floor()
                    };
                    float_to_int(rounded)?
                }
                _ => Val::NULL,
            },
            Function::Contains => match view.kind() {
                Kind::Array(items) => {
                    let mut found = false;
                    for item in items.iter() {
                        if python_eq(item, Ref::of(&second))? {
                            found = true;
                            break;
                        }
                    }
                    Val::bool(found)
                }
                Kind::String(text) => match Ref::of(&second).kind() {
                    Kind::String(search) => {
                        spend(text.len() + search.len())?;
                        Val::bool(text.contains(search))
                    }
                    _ => {
                        let message = format!(
                            "'in <string>' requires string as left operand, not {}",
                            Ref::of(&second).python_type()
                        );
                        return Err(Error::new(ErrorKind::PythonType, message));
                    }
                },
                _ => Val::NULL,
            },
            Function::EndsWith | Function::StartsWith => {
                match (view.kind(), Ref::of(&second).kind()) {
                    (Kind::String(text), Kind::String(affix)) => {
                        spend(affix.len())?;
                        Val::bool(if self == Function::EndsWith {
                            text.ends_with(affix)
                        } else {
                            text.starts_with(affix)
                        })
                    }
                    _ => Val::NULL,
                }
            }
            Function::Join => match (view.kind(), Ref::of(&second).kind()) {
                (Kind::String(separator), Kind::Array(items)) => {
                    let mut joined = String::new();
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            spend(separator.len())?;
                            joined.push_str(separator);
                        }
                        if let Kind::String(text) = item.kind() {
                            spend(text.len())?;
                            joined.push_str(text);
                        }
                    }
                    Val::string(joined)
                }
                _ => Val::NULL,
            },
            Function::Keys => match view.kind() {
                Kind::Object(entries) => {
                    spend_values(entries.len())?;
                    spend(entries.iter().map(|(key, _)| key.len()).sum())?;
                    Val::List(
                        entries
                            .iter()
                            .map(|(key, _)| Val::string(key.to_owned()))
                            .collect(),
                    )
                }
                _ => Val::NULL,
            },
            Function::Values => match first.into_values() {
                Ok(values) => {
                    spend_values(values.len())?;
                    Val::List(values)
                }
                Err(_) => Val::NULL,
            },
            Function::Length => {
                let length = match view.kind() {
                    Kind::String(text) => {
                        spend(text.len())?;
                        text.chars().count()
                    }
                    Kind::Array(items) => items.len(),
                    Kind::Object(entries) => entries.len(),
                    _ => return Ok(Val::NULL),
                };
                Val::from_i128(i128::try_from(length).unwrap_or(i128::MAX))
            }
            Function::Max | Function::Min => {
                let Ok(elements) = first.into_elements() else {
                    return Ok(Val::NULL);
                };
                let op = if self == Function::Max {
                    Comparator::Gt
                } else {
                    Comparator::Lt
                };
                let mut best: Option<Val<'a>> = None;
                for element in elements {
                    best = Some(match best {
                        Some(current)
                            if !python_order(op, Ref::of(&element), Ref::of(&current))? =>
                        {
                            current
                        }
                        _ => element,
                    });
                }
                best.unwrap_or(Val::NULL)
            }
            Function::Reverse => match first.into_elements() {
                Ok(mut elements) => {
                    spend_values(elements.len())?;
                    elements.reverse();
                    Val::List(elements)
                }
                Err(other) => match Ref::of(&other).kind() {
                    Kind::String(text) => {
                        spend(text.len())?;
                        Val::string(text.chars().rev().collect())
                    }
                    _ => Val::NULL,
                },
            },
            Function::Sort => {
                let Ok(mut elements) = first.into_elements() else {
                    return Ok(Val::NULL);
                };
                spend_values(elements.len())?;
                spend_on_sort(elements.iter().map(Ref::of), elements.len())?;
                elements.sort_by(|a, b| sort_order(Ref::of(a), Ref::of(b)));
                Val::List(elements)
            }
            Function::Sum => match view.kind() {
                Kind::Array(items) => match python_sum(items) {
                    Num::Int(total) => Val::from_i128(total),
                    Num::Float(total) => Val::from_f64(total),
                },
                _ => Val::NULL,
            },
            Function::ToArray => match view.kind() {
                Kind::Array(_) => first,
                _ => Val::List(vec![first]),
            },
            Function::ToNumber => match view.kind() {
                Kind::Number(_) => first,
                Kind::String(text) => {
                    spend(text.len())?;
                    to_number(text)
                }
                Kind::Expref => {
                    let message = "int() argument must be a string, a bytes-like object or a real number, not '_Expression'";
                    return Err(Error::new(ErrorKind::PythonType, message));
                }
                Kind::Null | Kind::Bool(_) | Kind::Array(_) | Kind::Object(_) => Val::NULL,
            },
            Function::ToString => match view.kind() {
                Kind::String(_) => first,
                _ => {
                    spend_on(view)?;
                    Val::string(python_json_dumps(view))
                }
            },
            Function::Type => match view.kind() {
                Kind::Null => Val::string("null".to_owned()),
                Kind::Bool(_) => Val::string("boolean".to_owned()),
                Kind::Number(_) => Val::string("number".to_owned()),
                Kind::String(_) => Val::string("string".to_owned()),
                Kind::Array(_) => Val::string("array".to_owned()),
                Kind::Object(_) => Val::string("object".to_owned()),
                // `_func_type` has no branch for expression references and returns None.
                Kind::Expref => Val::NULL,
            },
            // Dispatched by `call`.
            Function::Map
            | Function::MaxBy
            | Function::Merge
            | Function::MinBy
            | Function::NotNull
            | Function::SortBy => Val::NULL,
        })
    }
}

/// `max_by` and `min_by`: the first element whose key is the greatest (least); every key must
/// be a number or a string, and comparing a number with a string raises Python's `TypeError`.
pub(crate) fn extreme_by<'a>(
    function: Function,
    elements: Vec<Val<'a>>,
    expression: &'a Node,
) -> Result<Val<'a>, Error> {
    let op = if function == Function::MaxBy {
        Comparator::Gt
    } else {
        Comparator::Lt
    };
    let mut best: Option<(Val<'a>, Val<'a>)> = None;
    for element in elements {
        let key = eval(expression, &element)?;
        check_key(function.name(), Ref::of(&key), &["number", "string"])?;
        best = Some(match best {
            Some((current, current_key))
                if !python_order(op, Ref::of(&key), Ref::of(&current_key))? =>
            {
                (current, current_key)
            }
            _ => (element, key),
        });
    }
    Ok(best.map_or(Val::NULL, |(element, _)| element))
}

/// `sort_by`: the type of the first key decides which type every key must have.
pub(crate) fn sort_by<'a>(elements: Vec<Val<'a>>, expression: &'a Node) -> Result<Val<'a>, Error> {
    let Some(first) = elements.first() else {
        return Ok(Val::List(elements));
    };
    let required = python_to_jmespath(Ref::of(&eval(expression, first)?).python_type());
    if required != "number" && required != "string" {
        return Err(type_error(
            "sort_by",
            Ref::of(first),
            required,
            &["string", "number"],
        ));
    }
    let mut keyed = Vec::with_capacity(elements.len());
    for element in elements {
        let key = eval(expression, &element)?;
        check_key("sort_by", Ref::of(&key), &[required])?;
        keyed.push((key, element));
    }
    spend_on_sort(keyed.iter().map(|(key, _)| Ref::of(key)), keyed.len())?;
    keyed.sort_by(|(a, _), (b, _)| sort_order(Ref::of(a), Ref::of(b)));
    Ok(Val::List(
        keyed.into_iter().map(|(_, element)| element).collect(),
    ))
}

/// The key function of `sort_by`, `min_by` and `max_by`: a key must have an `allowed` type.
pub(crate) fn check_key(function: &str, key: Ref<'_, '_>, allowed: &[&str]) -> Result<(), Error> {
    let actual = python_to_jmespath(key.python_type());
    if allowed.contains(&actual) {
        Ok(())
    } else {
        Err(type_error(function, key, actual, allowed))
    }
}

/// Python's `sum()` of numbers: exact while every term is an int, float from the first float.
pub(crate) fn python_sum(items: Items<'_, '_>) -> Num {
    items.iter().fold(Num::Int(0), |total, item| {
        let Kind::Number(term) = item.kind() else {
            return total;
        };
        match (total, term) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_add(b)
                .map_or(Num::Float(a as f64 + b as f64), Num::Int),
            (total, term) => Num::Float(total.as_f64() + term.as_f64()),
        }
    })
}

/// Python's `math.floor`/`math.ceil` result for an already rounded float: an int.
pub(crate) fn float_to_int<'a>(rounded: f64) -> Result<Val<'a>, Error> {
    if rounded.is_nan() {
        return Err(Error::new(
            ErrorKind::PythonValue,
            "cannot convert float NaN to integer",
        ));
    }
    if rounded.is_infinite() {
        let message = "cannot convert float infinity to integer";
        return Err(Error::new(ErrorKind::PythonOverflow, message));
    }
    Ok(if (-I128_LIMIT..I128_LIMIT).contains(&rounded) {
        // Exact: `rounded` is an integer within the i128 range.
        Val::from_i128(rounded as i128)
    } else {
        Val::from_f64(rounded)
    })
}

/// `to_number` of a string: Python's `int(text)`, else `float(text)`, else `null`.
pub(crate) fn to_number<'a>(text: &str) -> Val<'a> {
    let text = text.trim_matches(is_python_space);
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if python_digits(unsigned) {
        let digits: String = unsigned.chars().filter(|c| *c != '_').collect();
        let signed = if negative {
            format!("-{digits}")
        } else {
            digits
        };
        return signed.parse::<i128>().map_or_else(
            |_| Val::Float(signed.parse().unwrap_or(f64::NAN)),
            Val::from_i128,
        );
    }
    python_float(negative, unsigned).map_or(Val::NULL, Val::from_f64)
}

/// Python's digit-part: ASCII digits, single underscores between them.
pub(crate) fn python_digits(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('_')
        && !text.ends_with('_')
        && !text.contains("__")
        && text.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// Python's `float()` of an unsigned text (its sign given apart), or `None` when it raises.
pub(crate) fn python_float(negative: bool, text: &str) -> Option<f64> {
    let special = match text.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    let magnitude = match special {
        Some(value) => value,
        None => {
            let (mantissa, exponent) = match text.find(['e', 'E']) {
                Some(at) => (text.get(..at)?, Some(text.get(at + 1..)?)),
                None => (text, None),
            };
            let (whole, fraction) = match mantissa.split_once('.') {
                Some((whole, fraction)) => (whole, Some(fraction)),
                None => (mantissa, None),
            };
            let mantissa_ok = match fraction {
                Some(fraction) => {
                    (whole.is_empty() || python_digits(whole))
                        && (fraction.is_empty() || python_digits(fraction))
                        && !(whole.is_empty() && fraction.is_empty())
                }
                None => python_digits(whole),
            };
            let exponent_ok = exponent.is_none_or(|exponent| {
                python_digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent))
            });
            if !mantissa_ok || !exponent_ok {
                return None;
            }
            text.replace('_', "").parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `dict.update(arg)` for `merge`: an object's members, or a sequence of key-value pairs.
///
/// Python also accepts keys that are not strings (numbers, booleans, `None`); the type of the
/// first one goes to `other_key`, for the caller to refuse once Python would have succeeded.
pub(crate) fn dict_update<'a>(
    merged: &mut DictBuilder<'a>,
    other_key: &mut Option<&'static str>,
    arg: Val<'a>,
) -> Result<(), Error> {
    let arg = match arg.into_entries() {
        Ok(entries) => {
            for (key, value) in entries {
                spend_on_insert(&key)?;
                merged.insert(key, value);
            }
            return Ok(());
        }
        Err(arg) => arg,
    };
    let view = Ref::of(&arg);
    match view.kind() {
        Kind::Array(_) => {}
        Kind::String("") => return Ok(()),
        Kind::String(_) => {
            let message = "dictionary update sequence element #0 has length 1; 2 is required";
            return Err(Error::new(ErrorKind::PythonValue, message));
        }
        _ => {
            let message = format!("'{}' object is not iterable", view.python_type());
            return Err(Error::new(ErrorKind::PythonType, message));
        }
    }
    for (position, element) in arg
        .into_elements()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let (key, value) = update_pair(position, element)?;
        match key {
            Ok(key) => {
                spend_on_insert(&key)?;
                merged.insert(key, value);
            }
            Err(python_type) => {
                other_key.get_or_insert(python_type);
            }
        }
    }
    Ok(())
}

/// One element of the sequence `dict.update` reads: a pair, as Python unpacks it. The key is a
/// string, or else the Python type of a hashable key that is not one.
pub(crate) fn update_pair(
    position: usize,
    element: Val<'_>,
) -> Result<(Result<String, &'static str>, Val<'_>), Error> {
    let view = Ref::of(&element);
    let parts: Vec<Val<'_>> = match view.kind() {
        Kind::Array(items) => {
            spend_values(items.len())?;
            element.copy()?.into_elements().unwrap_or_default()
        }
        Kind::String(text) => {
            spend_values(text.len())?;
            text.chars().map(|c| Val::string(c.to_string())).collect()
        }
        Kind::Object(entries) => {
            spend_values(entries.len())?;
            spend(entries.iter().map(|(key, _)| key.len()).sum())?;
            entries
                .iter()
                .map(|(key, _)| Val::string(key.to_owned()))
                .collect()
        }
        _ => {
            let message = format!(
                "cannot convert dictionary update sequence element #{position} to a sequence"
            );
            return Err(Error::new(ErrorKind::PythonType, message));
        }
    };
    let [key, value] = <[Val<'_>; 2]>::try_from(parts).map_err(|parts| {
        let message = format!(
            "dictionary update sequence element #{position} has length {}; 2 is required",
            parts.len()
        );
        Error::new(ErrorKind::PythonValue, message)
    })?;
    match Ref::of(&key).kind() {
        Kind::String(text) => Ok((Ok(text.to_owned()), value)),
        Kind::Array(_) | Kind::Object(_) => {
            let message = format!("unhashable type: '{}'", Ref::of(&key).python_type());
            Err(Error::new(ErrorKind::PythonType, message))
        }
        _ => Ok((Err(Ref::of(&key).python_type()), value)),
    }
}

/// Checks one argument against its allowed types (`_type_check_single`).
pub(crate) fn check_type(
    function: &str,
    current: Ref<'_, '_>,
    types: &[&str],
) -> Result<(), Error> {
    let actual = current.python_type();
    if !types
        .iter()
        .any(|t| admits(t.split('-').next().unwrap_or(t), actual))
    {
        return Err(type_error(
            function,
            current,
            python_to_jmespath(actual),
            types,
        ));
    }
    let subtypes: Vec<&str> = types
        .iter()
        .filter_map(|t| t.split_once('-').map(|(_, sub)| sub))
        .collect();
    let Kind::Array(items) = current.kind() else {
        return Ok(());
    };
    if !subtypes.is_empty() {
        spend_values(items.len())?;
    }
    // The element checks report Python's type names (`str`), not JMESPath's.
    match subtypes.as_slice() {
        [] => {}
        [only] => {
            for item in items.iter() {
                if !admits(only, item.python_type()) {
                    return Err(type_error(function, item, item.python_type(), types));
                }
            }
        }
        several => {
            if let Some(first) = items.get(0) {
                let Some(group) = several.iter().find(|s| admits(s, first.python_type())) else {
                    return Err(type_error(function, first, first.python_type(), types));
                };
                for item in items.iter() {
                    if !admits(group, item.python_type()) {
                        return Err(type_error(function, item, item.python_type(), types));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a value of Python type `python_type` has JMESPath type `jmespath_type`
/// (`REVERSE_TYPES_MAP`).
pub(crate) fn admits(jmespath_type: &str, python_type: &str) -> bool {
    let allowed: &[&str] = match jmespath_type {
        "boolean" => &["bool"],
        "array" => &["list", "_Projection"],
        "object" => &["dict", "OrderedDict"],
        "null" => &["NoneType"],
        "string" => &["unicode", "str"],
        "number" => &["float", "int", "long"],
        "expref" => &["_Expression"],
        _ => &[],
    };
    allowed.contains(&python_type)
}

/// The JMESPath type of a Python type (`TYPES_MAP`).
pub(crate) fn python_to_jmespath(python_type: &str) -> &'static str {
    match python_type {
        "bool" => "boolean",
        "list" => "array",
        "dict" => "object",
        "NoneType" => "null",
        "str" => "string",
        "float" | "int" => "number",
        "_Expression" => "expref",
        _ => "unknown",
    }
}

/// A `JMESPathTypeError`.
#[cold]
pub(crate) fn type_error(
    function: &str,
    value: Ref<'_, '_>,
    actual: &str,
    expected: &[&str],
) -> Error {
    // The message shows the value, which may be as large as the document or larger.
    if let Err(error) = spend_on(value) {
        return error;
    }
    let expected: Vec<String> = expected.iter().map(|t| format!("'{t}'")).collect();
    let message = format!(
        "In function {function}(), invalid type for value: {}, expected one of: [{}], received: \"{actual}\"",
        python_str(value),
        expected.join(", ")
    );
    Error::new(ErrorKind::Type, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use serde_json::json;

    // Numbers: ints stay ints, avg and mixed sums are floats.
    gives!(sum_of_ints_is_an_int, "sum(n)", tags(), json!(6));

    gives!(
        sum_beyond_i64,
        "sum(`[9223372036854775807, 9223372036854775807]`)",
        json!(null),
        json!(18_446_744_073_709_551_614_u64)
    );

    gives!(
        sum_beyond_u64_is_a_float,
        "sum(`[18446744073709551615, 18446744073709551615]`)",
        json!(null),
        json!(3.6893488147419103e19)
    );

    gives!(
        sum_exact_beyond_u64_inside,
        "sum(`[18446744073709551615, 1]`) > `18446744073709551615`",
        json!(null),
        json!(true)
    );

    gives!(
        avg_of_nothing_is_null,
        "avg(`[]`)",
        json!(null),
        json!(null)
    );

    gives!(avg_is_a_float, "avg(`[2, 4]`)", json!(null), json!(3.0));

    gives!(floor_is_an_int, "floor(`2.5`)", json!(null), json!(2));

    gives!(
        floor_huge_is_a_float,
        "floor(`1e300`)",
        json!(null),
        json!(1e300)
    );

    gives!(
        abs_of_i64_min,
        "abs(`-9223372036854775808`)",
        json!(null),
        json!(9_223_372_036_854_775_808_u64)
    );

    gives!(
        contains_bool_as_int,
        "contains(`[false]`, `0`)",
        json!(null),
        json!(true)
    );

    // Functions and their errors.
    fails!(
        unknown_function,
        "nope(@)",
        json!(1),
        ErrorKind::UnknownFunction,
        "Unknown function: nope()"
    );

    fails!(
        type_error_message,
        "abs(@)",
        json!({"a": [1, "x", null, true, 1.5]}),
        ErrorKind::Type,
        "In function abs(), invalid type for value: {'a': [1, 'x', None, True, 1.5]}, expected one of: ['number'], received: \"object\""
    );

    fails!(
        type_error_repr_quotes,
        "abs(@)",
        json!(["it's", "a\"b", "\u{e9}\u{a0}\u{7}"]),
        ErrorKind::Type,
        r#"In function abs(), invalid type for value: ["it's", 'a"b', 'é\xa0\x07'], expected one of: ['number'], received: "array""#
    );

    // Python 3.11 (Unicode 14) escapes unassigned code points: U+0378, U+E0002.
    fails!(
        type_error_repr_unassigned,
        "abs(@)",
        json!(["\u{378}", "\u{e0002}", "\u{e9}"]),
        ErrorKind::Type,
        r#"In function abs(), invalid type for value: ['\u0378', '\U000e0002', 'é'], expected one of: ['number'], received: "array""#
    );

    fails!(
        merge_non_string_key,
        "merge(`{}`, `[[1, 2]]`)",
        json!(null),
        ErrorKind::Unsupported,
        "merge() would make an object key of type 'int', which JSON cannot hold"
    );

    gives!(
        expref_to_string,
        "to_string(&a)",
        json!(null),
        json!("\"<jmespath.visitor._Expression object>\"")
    );

    gives!(expref_type_is_null, "type(&a)", json!(null), json!(null));

    gives!(
        to_number_python_forms,
        "map(&to_number(@), @)",
        json!([
            "\u{a0}12\u{2003}",
            "\u{1f}3",
            "1_0",
            "1e1_0",
            "0x1",
            "1__0",
            "_1"
        ]),
        json!([12, 3, 10, 1e10, null, null, null])
    );

    gives!(
        to_number_infinity_compares,
        "[to_number('-inf') < `-1e308`, to_number('nan') == to_number('nan')]",
        json!({}),
        json!([true, false])
    );

    gives!(
        sort_with_nan_does_not_panic,
        "to_string(sort(map(&to_number(@), @)))",
        json!(["nan", "2", "nan", "1", "-inf"]),
        json!("[-Infinity,1,2,NaN,NaN]")
    );

    gives!(
        to_string_escapes,
        "to_string(@)",
        json!({"k": ["\u{e9}\u{1F600}\u{7f}\u{1}", 1.0, 1e16, 1e-5, -0.0]}),
        json!("{\"k\":[\"\\u00e9\\ud83d\\ude00\\u007f\\u0001\",1.0,1e+16,1e-05,-0.0]}")
    );

    // Halfway between two shortest candidates: Python keeps the even digit.
    gives!(
        to_string_float_tie,
        "to_string(@)",
        json!([90586602196756.0 + 0.125]),
        json!("[90586602196756.12]")
    );
}
