//! Evaluation: a port of `TreeInterpreter` (`jmespath/visitor.py`).

use crate::ast::{Comparator, Node};
use crate::budget::{VALUE_COST, spend, spend_on_insert, spend_values};
use crate::error::{Error, ErrorKind};
use crate::functions::Function;
use crate::value::{DictBuilder, Kind, Ref, Val, equals, python_order};

/// Evaluates `node` with `value` as the current node.
///
/// Each kind of node has its own function, named after its `visit_*` method in Python, to keep
/// this recursion's stack frames small. Each step is paid for (see [`spend`]).
pub(crate) fn eval<'a>(node: &'a Node, value: &Val<'a>) -> Result<Val<'a>, Error> {
    spend(VALUE_COST)?;
    match node {
        Node::Identity => value.copy(),
        Node::Field(name) => value.field(name),
        Node::Subexpression(children) | Node::IndexExpression(children) => chain(children, value),
        Node::Index(index) => value.index(*index),
        Node::Slice { start, stop, step } => value.slice(*start, *stop, step.unwrap_or(1)),
        Node::Literal(literal) => literal.reborrow(),
        Node::Pipe(left, right) => pipe(left, right, value),
        Node::Projection(base, each) => projection(base, each, None, false, value),
        Node::ValueProjection(base, each) => projection(base, each, None, true, value),
        Node::FilterProjection {
            base,
            each,
            condition,
        } => projection(base, each, Some(condition), false, value),
        Node::Flatten(base) => flatten(base, value),
        Node::Compare(op, left, right) => comparator(*op, left, right, value),
        Node::And(left, right) => and_expression(left, right, value),
        Node::Or(left, right) => or_expression(left, right, value),
        Node::Not(operand) => not_expression(operand, value),
        Node::MultiList(elements) => multi_select_list(elements, value),
        Node::MultiHash(pairs) => multi_select_dict(pairs, value),
        Node::Function {
            function,
            name,
            args,
        } => function_expression(*function, name, args, value),
        Node::Expref(expression) => Ok(Val::Expref(expression)),
    }
}

/// `visit_subexpression` and `visit_index_expression`: each child on the previous result.
pub(crate) fn chain<'a>(children: &'a [Node], value: &Val<'a>) -> Result<Val<'a>, Error> {
    let Some((first, rest)) = children.split_first() else {
        return value.copy();
    };
    let mut result = eval(first, value)?;
    for child in rest {
        result = eval(child, &result)?;
    }
    Ok(result)
}

/// `visit_pipe`.
pub(crate) fn pipe<'a>(left: &'a Node, right: &'a Node, value: &Val<'a>) -> Result<Val<'a>, Error> {
    let left = eval(left, value)?;
    eval(right, &left)
}

/// `visit_not_expression`: Python's `not` agrees with JMESPath falsiness once 0 is
/// special-cased (`!0` is false).
pub(crate) fn not_expression<'a>(operand: &'a Node, value: &Val<'a>) -> Result<Val<'a>, Error> {
    let operand = eval(operand, value)?;
    Ok(Val::bool(Ref::of(&operand).is_false()))
}

/// `visit_projection`, `visit_value_projection` (`values`: over the values of an object) and
/// `visit_filter_projection` (with a `condition`): `each` on the elements the base gives,
/// nulls dropped; `null` when the base is not an array (an object).
pub(crate) fn projection<'a>(
    base: &'a Node,
    each: &'a Node,
    condition: Option<&'a Node>,
    values: bool,
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    let base = eval(base, value)?;
    let elements = if values {
        base.into_values()
    } else {
        base.into_elements()
    };
    match elements {
        Ok(elements) => project(elements, each, condition),
        Err(_) => Ok(Val::NULL),
    }
}

/// `each` on the elements (those for which `condition` is true, if given), nulls dropped.
pub(crate) fn project<'a>(
    elements: Vec<Val<'a>>,
    each: &'a Node,
    condition: Option<&'a Node>,
) -> Result<Val<'a>, Error> {
    spend_values(elements.len())?;
    let mut collected = Vec::with_capacity(elements.len());
    for element in elements {
        if let Some(condition) = condition
            && Ref::of(&eval(condition, &element)?).is_false()
        {
            continue;
        }
        let current = match each {
            Node::Identity => element,
            _ => eval(each, &element)?,
        };
        if !current.is_null() {
            collected.push(current);
        }
    }
    Ok(Val::List(collected))
}

/// `visit_flatten`: the array `base` gives, with the elements of its array elements spliced in.
pub(crate) fn flatten<'a>(base: &'a Node, value: &Val<'a>) -> Result<Val<'a>, Error> {
    let Ok(elements) = eval(base, value)?.into_elements() else {
        return Ok(Val::NULL);
    };
    spend_values(elements.len())?;
    let mut merged = Vec::with_capacity(elements.len());
    for element in elements {
        match element.into_elements() {
            Ok(inner) => {
                spend_values(inner.len())?;
                merged.extend(inner);
            }
            Err(element) => merged.push(element),
        }
    }
    Ok(Val::List(merged))
}

/// `visit_comparator`: equality for any values, orderings for numbers and strings only.
pub(crate) fn comparator<'a>(
    op: Comparator,
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    let (left, right) = (eval(left, value)?, eval(right, value)?);
    let (left, right) = (Ref::of(&left), Ref::of(&right));
    let orderable = |v: Ref<'_, '_>| matches!(v.kind(), Kind::Number(_) | Kind::String(_));
    Ok(match op {
        Comparator::Eq => Val::bool(equals(left, right)?),
        Comparator::Ne => Val::bool(!equals(left, right)?),
        _ if orderable(left) && orderable(right) => Val::bool(python_order(op, left, right)?),
        _ => Val::NULL,
    })
}

/// `visit_and_expression`.
pub(crate) fn and_expression<'a>(
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    let matched = eval(left, value)?;
    if Ref::of(&matched).is_false() {
        Ok(matched)
    } else {
        eval(right, value)
    }
}

/// `visit_or_expression`.
pub(crate) fn or_expression<'a>(
    left: &'a Node,
    right: &'a Node,
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    let matched = eval(left, value)?;
    if Ref::of(&matched).is_false() {
        eval(right, value)
    } else {
        Ok(matched)
    }
}

/// `visit_multi_select_list`: `null` on `null`.
pub(crate) fn multi_select_list<'a>(
    elements: &'a [Node],
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    if value.is_null() {
        return Ok(Val::NULL);
    }
    spend_values(elements.len())?;
    let elements = elements.iter().map(|element| eval(element, value));
    Ok(Val::List(elements.collect::<Result<_, _>>()?))
}

/// `visit_multi_select_dict`: `null` on `null`; a repeated key keeps its first position.
pub(crate) fn multi_select_dict<'a>(
    pairs: &'a [(String, Node)],
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    if value.is_null() {
        return Ok(Val::NULL);
    }
    let mut object = DictBuilder::default();
    for (key, node) in pairs {
        let item = eval(node, value)?;
        spend_on_insert(key)?;
        object.insert(key.clone(), item);
    }
    Ok(Val::Dict(object.entries))
}

/// `visit_function_expression`: the arguments first, then the function's checks and body.
pub(crate) fn function_expression<'a>(
    function: Option<Function>,
    name: &str,
    args: &'a [Node],
    value: &Val<'a>,
) -> Result<Val<'a>, Error> {
    spend_values(args.len())?;
    let args = args
        .iter()
        .map(|arg| eval(arg, value))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(function) = function else {
        let message = format!("Unknown function: {name}()");
        return Err(Error::new(ErrorKind::UnknownFunction, message));
    };
    function.call(args)
}

#[cfg(test)]
mod tests {
    use crate::testing::*;
    use crate::{MAX_DEPTH, Query};
    use serde_json::json;

    // Key order and multi-select hashes keep Python's insertion order.
    gives!(
        keys_in_insertion_order,
        "keys(Tags)",
        tags(),
        json!(["Team", "Env"])
    );

    gives!(
        hash_in_expression_order,
        "{t: Tags.Team, e: Tags.Env}",
        tags(),
        json!({"t": "id", "e": "prod"})
    );

    gives!(
        literal_object_order,
        "keys(`{\"z\": 1, \"a\": 2}`)",
        json!(null),
        json!(["z", "a"])
    );

    // Python's equality.
    gives!(int_equals_float, "`1` == `1.0`", json!(null), json!(true));

    gives!(
        bool_is_not_one_at_the_top,
        "`true` == `1`",
        json!(null),
        json!(false)
    );

    gives!(
        bool_is_one_inside,
        "`[true]` == `[1]`",
        json!(null),
        json!(true)
    );

    #[test]
    fn nesting_up_to_the_limit_evaluates() {
        // The deepest expression of each shape that compiles must also search, here on half the
        // 2 MiB stack of a test thread, in a debug build.
        let shapes: [(&str, &str, &str); 20] = [
            ("(", "a", ")"),
            ("[", "a", "]"),
            ("{a: ", "a", "}"),
            ("[?", "a", "]"),
            ("!", "a", ""),
            ("& ", "a", ""),
            ("!", "a", "[*]"),
            ("not_null(", "a", ")"),
            ("map(&", "a", ", @)"),
            ("sort_by(@, &", "a", ")"),
            ("", "a", "[*]"),
            ("", "a", "[?a]"),
            ("", "a", "[0:1]"),
            ("", "a", "[]"),
            ("", "a", "[0]"),
            ("", "*", ".*"),
            ("", "a", ".a"),
            ("", "a", " | a"),
            ("", "a", " || a"),
            ("", "a", " == a"),
        ];
        let limits = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || {
                let data = json!({"a": [[[1]], {"a": [1]}]});
                let mut limits = Vec::new();
                for (open, middle, close) in shapes {
                    let build = |n: usize| format!("{}{middle}{}", open.repeat(n), close.repeat(n));
                    let compiles = |n: &usize| Query::compile(&build(*n)).is_ok();
                    let deepest = (1..2 * MAX_DEPTH).take_while(compiles).last().unwrap_or(0);
                    let _ = Query::compile(&build(deepest)).unwrap().search(&data);
                    limits.push((format!("{open}{middle}{close}"), deepest));
                }
                limits
            });
        for (shape, deepest) in limits.unwrap().join().unwrap() {
            assert!(deepest >= 39, "{shape}: only {deepest} levels");
        }
    }
}
