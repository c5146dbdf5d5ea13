//! `--output text`: a port of `awscli/text.py` (AWS CLI v1).
//!
//! Scalars of a dict go on one tab-separated line, sorted by key and preceded by the upper-cased
//! key the dict sits under; lists and dicts nested in it follow, each under its own key. A list
//! of dicts shares one column set: every key that holds a scalar in any of the dicts.

use crate::ErrorKind;
use crate::python;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The text of `value`, or what awscli printed before it failed and the exception it raised.
pub(crate) fn format(value: &Value) -> Result<String, (String, ErrorKind)> {
    let mut out = String::new();
    match format_text(value, &mut out, None, None) {
        Ok(()) => Ok(out),
        Err(kind) => Err((out, kind)),
    }
}

/// `_format_text`: the dispatcher. `scalar_keys` is the column set of the enclosing list.
fn format_text(
    item: &Value,
    out: &mut String,
    identifier: Option<&str>,
    scalar_keys: Option<&[&str]>,
) -> Result<(), ErrorKind> {
    match item {
        Value::Object(map) => format_dict(scalar_keys, map, identifier, out),
        Value::Array(items) => format_list(items, identifier, out),
        scalar => {
            out.push_str(&python::str(scalar));
            out.push('\n');
            Ok(())
        }
    }
}

fn format_list(
    items: &[Value],
    identifier: Option<&str>,
    out: &mut String,
) -> Result<(), ErrorKind> {
    if items.is_empty() {
        return Ok(());
    }
    if items.iter().any(Value::is_object) {
        let all_keys = all_scalar_keys(items)?;
        for element in items {
            format_text(element, out, identifier, Some(&all_keys))?;
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, non_scalars): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|element| python::is_scalar(element));
        if !scalars.is_empty() {
            format_scalar_list(&scalars, identifier, out);
        }
        for non_scalar in non_scalars {
            format_text(non_scalar, out, identifier, None)?;
        }
    } else {
        let all: Vec<&Value> = items.iter().collect();
        format_scalar_list(&all, identifier, out);
    }
    Ok(())
}

fn format_scalar_list(elements: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(identifier) => {
            let upper = python::upper(identifier);
            for item in elements {
                out.push_str(&upper);
                out.push('\t');
                out.push_str(&python::str(item));
                out.push('\n');
            }
        }
        None => {
            let line: Vec<_> = elements.iter().map(|item| python::str(item)).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
    }
}

fn format_dict(
    scalar_keys: Option<&[&str]>,
    map: &Map<String, Value>,
    identifier: Option<&str>,
    out: &mut String,
) -> Result<(), ErrorKind> {
    let (mut scalars, non_scalars) = partition_dict(map, scalar_keys);
    if !scalars.is_empty() {
        if let Some(identifier) = identifier {
            scalars.insert(0, python::upper(identifier));
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (new_identifier, non_scalar) in non_scalars {
        format_text(non_scalar, out, Some(new_identifier), None)?;
    }
    Ok(())
}

/// `_all_scalar_keys`: the sorted keys that hold a scalar in any of the dicts. awscli calls
/// `.items()` on every element, so a list mixing dicts with anything else fails here.
fn all_scalar_keys(items: &[Value]) -> Result<Vec<&str>, ErrorKind> {
    let mut keys = BTreeSet::new();
    for item in items {
        let Value::Object(map) = item else {
            return Err(ErrorKind::NoAttribute {
                type_name: python::type_name(item),
                attribute: "items",
            });
        };
        keys.extend(
            map.iter()
                .filter(|(_, value)| python::is_scalar(value))
                .map(|(key, _)| key.as_str()),
        );
    }
    Ok(keys.into_iter().collect())
}

/// `_partition_dict`: the `str()` of the scalar columns, and the remaining entries by key.
///
/// Without `scalar_keys` the dict's own scalars are the columns. With them, every column is
/// printed (`''` when missing, and `repr()` when this dict holds a list or dict there), and the
/// keys outside them follow.
fn partition_dict<'v>(
    map: &'v Map<String, Value>,
    scalar_keys: Option<&[&str]>,
) -> (Vec<String>, Vec<(&'v str, &'v Value)>) {
    let mut scalars = Vec::new();
    let mut non_scalars = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (key, value) in entries {
                if python::is_scalar(value) {
                    scalars.push(python::str(value).into_owned());
                } else {
                    non_scalars.push((key.as_str(), value));
                }
            }
        }
        Some(keys) => {
            for key in keys {
                scalars.push(
                    map.get(*key)
                        .map_or_else(String::new, |value| python::str(value).into_owned()),
                );
            }
            let mut remaining: Vec<_> = map
                .iter()
                .filter(|(key, _)| !keys.contains(&key.as_str()))
                .collect();
            remaining.sort_by(|a, b| a.0.cmp(b.0));
            non_scalars.extend(
                remaining
                    .into_iter()
                    .map(|(key, value)| (key.as_str(), value)),
            );
        }
    }
    (scalars, non_scalars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn text(value: Value) -> String {
        format(&value).expect("formats")
    }

    #[test]
    fn dict_scalars_sorted_then_nested_under_upper_key() {
        let value = json!({"b": 2, "a": "x", "list": ["p", "q"], "inner": {"z": null}});
        assert_eq!(text(value), "x\t2\nINNER\tNone\nLIST\tp\nLIST\tq\n");
    }

    #[test]
    fn nested_dict_line_starts_with_its_key() {
        assert_eq!(
            text(json!({"Outer": {"k": 1, "j": true}})),
            "OUTER\tTrue\t1\n"
        );
    }

    #[test]
    fn list_of_dicts_shares_columns() {
        let value = json!([{"a": 1}, {"b": 2, "c": [3]}, {"a": [4], "b": 5}]);
        assert_eq!(text(value), "1\t\n\t2\nC\t3\n[4]\t5\n");
    }

    #[test]
    fn bare_lists() {
        assert_eq!(text(json!(["a", 1, null])), "a\t1\tNone\n");
        assert_eq!(text(json!([["a", "b"], "c", ["d"]])), "c\na\tb\nd\n");
        assert_eq!(text(json!([])), "");
        assert_eq!(text(json!({})), "");
        assert_eq!(text(json!("")), "\n");
    }

    #[test]
    fn upper_uses_the_full_case_mapping() {
        assert_eq!(text(json!({"straße": ["x"]})), "STRASSE\tx\n");
    }

    #[test]
    fn mixed_list_fails_like_awscli_after_partial_output() {
        let value = json!({"a": "first", "z": [{"k": 1}, 2]});
        assert_eq!(
            format(&value),
            Err((
                "first\n".to_owned(),
                ErrorKind::NoAttribute {
                    type_name: "int",
                    attribute: "items"
                }
            ))
        );
    }
}
