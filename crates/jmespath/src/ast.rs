//! The syntax tree: the nodes of `jmespath/ast.py`.

use crate::functions::Function;
use crate::value::Val;
use std::cmp::Ordering;

/// A JMESPath expression: the nodes of `jmespath/ast.py`, evaluated as `TreeInterpreter` does.
#[derive(Debug)]
pub(crate) enum Node {
    /// `@`, and the implicit sides of projections (`current` and `identity`).
    Identity,
    /// `name`: the member of an object, else `null`.
    Field(String),
    /// `a.b.c`: each node on the result of the previous one.
    Subexpression(Vec<Node>),
    /// `a[0][1]`: each node on the result of the previous one. A slice that follows an index
    /// joins its index expression instead of starting a projection.
    IndexExpression(Vec<Node>),
    /// `[n]`: the element of an array (negative from the end), else `null`.
    Index(i64),
    /// `[start:stop:step]` of an array, with Python's slice semantics, else `null`.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// A backtick or raw string literal.
    Literal(Box<Val<'static>>),
    /// `a | b`.
    Pipe(Box<Node>, Box<Node>),
    /// `a[*].b`, `a[].b`, `a[1:].b`: the right side on each element of the array the left side
    /// gives, nulls dropped; `null` when the left side is not an array.
    Projection(Box<Node>, Box<Node>),
    /// `a.*.b`: the right side on each value of the object the left side gives, nulls dropped.
    ValueProjection(Box<Node>, Box<Node>),
    /// `a[?c].b`: the right side on each element of the array where the condition is true.
    FilterProjection {
        base: Box<Node>,
        each: Box<Node>,
        condition: Box<Node>,
    },
    /// `a[]`: an array with the elements of its array elements spliced in, else `null`.
    Flatten(Box<Node>),
    /// `==`, `!=`, `<`, `<=`, `>`, `>=`.
    Compare(Comparator, Box<Node>, Box<Node>),
    /// `&&`.
    And(Box<Node>, Box<Node>),
    /// `||`.
    Or(Box<Node>, Box<Node>),
    /// `!`.
    Not(Box<Node>),
    /// `[a, b]`.
    MultiList(Vec<Node>),
    /// `{k: a, l: b}`.
    MultiHash(Vec<(String, Node)>),
    /// `name(args...)`; `function` is `None` when no function has that name.
    Function {
        function: Option<Function>,
        name: String,
        args: Vec<Node>,
    },
    /// `&expression`.
    Expref(Box<Node>),
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Comparator {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

impl Comparator {
    /// The Python operator, as `TypeError` messages print it.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "==",
            Comparator::Ne => "!=",
            Comparator::Lt => "<",
            Comparator::Lte => "<=",
            Comparator::Gt => ">",
            Comparator::Gte => ">=",
        }
    }

    /// Whether an ordering operator holds for `ordering` (`None`: unordered, as NaN is).
    pub(crate) fn holds(self, ordering: Option<Ordering>) -> bool {
        match (self, ordering) {
            (_, None) => false,
            (Comparator::Eq, Some(o)) => o.is_eq(),
            (Comparator::Ne, Some(o)) => o.is_ne(),
            (Comparator::Lt, Some(o)) => o.is_lt(),
            (Comparator::Lte, Some(o)) => o.is_le(),
            (Comparator::Gt, Some(o)) => o.is_gt(),
            (Comparator::Gte, Some(o)) => o.is_ge(),
        }
    }
}
