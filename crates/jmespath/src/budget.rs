//! The budget of a search: what it builds and reads, in bytes of values.

use crate::MAX_DEPTH;
use crate::error::Error;
use crate::value::{Kind, Ref, Val};
use std::borrow::Cow;
use std::cell::Cell;

/// What a value counts for, apart from its text: the size of a [`Val`] (a `Value` is no
/// larger).
pub(crate) const VALUE_COST: usize = size_of::<Val<'static>>();

/// What a member of an object counts for, apart from its key's text: the key and the value.
pub(crate) const MEMBER_COST: usize = size_of::<(String, Val<'static>)>();

/// The budget of the search running on a thread.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Meter {
    /// The whole budget, in bytes.
    budget: usize,
    /// What is left of it.
    left: usize,
}

/// Gives the search about to run on this thread a budget of `budget` bytes.
pub(crate) fn start(budget: usize) {
    METER.set(Meter {
        budget,
        left: budget,
    });
}

thread_local! {
    /// The budget of the search running on this thread, set by [`Query::search_within`]. A
    /// thread-local rather than an argument of every function, so that the evaluator keeps
    /// the shape of Python's.
    pub(crate) static METER: Cell<Meter> = const { Cell::new(Meter { budget: 0, left: 0 }) };
}

/// Charges `bytes` to the running search: its [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge)
/// error once they exceed what is left of its budget.
///
/// What is charged follows memory and time:
/// - every evaluation step, and every value built or copied (an element of a list, a member
///   of an object), at [`VALUE_COST`] or [`MEMBER_COST`], plus the text of every string and
///   key created;
/// - JSON borrowed from the document costs nothing until it is copied out of it (to build the
///   result) or read all through (compared, checked, printed by `to_string` or in a message):
///   then it counts as much as a copy of it would. So a list of eight references to a large
///   document costs eight values, and its result eight documents;
/// - the text that a string function or a comparison reads, and the keys a sort compares
///   (each about log2(n) times).
///
/// What is freed is not given back: the count is of everything built or read, so that it
/// bounds the time taken as well as the memory held.
pub(crate) fn spend(bytes: usize) -> Result<(), Error> {
    let meter = METER.get();
    match meter.left.checked_sub(bytes) {
        Some(left) => {
            METER.set(Meter { left, ..meter });
            Ok(())
        }
        None => {
            METER.set(Meter { left: 0, ..meter });
            Err(Error::too_large(meter.budget))
        }
    }
}

/// Charges `count` values built or read.
pub(crate) fn spend_values(count: usize) -> Result<(), Error> {
    spend(count.saturating_mul(VALUE_COST))
}

/// Charges `count` members of an object built (their keys' text apart).
pub(crate) fn spend_members(count: usize) -> Result<(), Error> {
    spend(count.saturating_mul(MEMBER_COST))
}

/// Charges a member added to a [`DictBuilder`](crate::value::DictBuilder) under `key`: the member,
/// and the key's copy in the index of positions.
pub(crate) fn spend_on_insert(key: &str) -> Result<(), Error> {
    spend(MEMBER_COST + size_of::<(String, usize)>() + 2 * key.len())
}

/// Charges what `value` holds, however deep (the value itself is charged by what holds it):
/// what copying it out of the document, or reading all of it, costs.
pub(crate) fn spend_on(value: Ref<'_, '_>) -> Result<(), Error> {
    match value.kind() {
        Kind::String(text) => spend(text.len()),
        Kind::Array(items) => {
            spend_values(items.len())?;
            for item in items.iter() {
                spend_on(item)?;
            }
            Ok(())
        }
        Kind::Object(entries) => {
            spend_members(entries.len())?;
            for (key, item) in entries.iter() {
                spend(key.len())?;
                spend_on(item)?;
            }
            Ok(())
        }
        Kind::Null | Kind::Bool(_) | Kind::Number(_) | Kind::Expref => Ok(()),
    }
}

/// Charges what `value.clone()` allocates: like [`spend_on`], but JSON borrowed from the
/// document is shared, not copied.
///
/// A computed list or object `depth` levels inside what is copied, with `depth` at
/// [`MAX_DEPTH`], is refused. A query can only nest a value deeper than its own nesting by
/// copying it into what it builds (`@.[@].[@]`, each `[@]` copying the previous result), so
/// this bounds the nesting of every value built, which converting and dropping walk
/// recursively.
pub(crate) fn spend_on_copy(value: &Val<'_>, depth: usize) -> Result<(), Error> {
    match value {
        Val::Json(Cow::Owned(json)) => spend_on(Ref::Json(json)),
        Val::Json(Cow::Borrowed(_)) | Val::Int(_) | Val::Float(_) | Val::Expref(_) => Ok(()),
        Val::List(_) | Val::Dict(_) if depth == MAX_DEPTH => Err(Error::too_deep_value()),
        Val::List(items) => {
            spend_values(items.len())?;
            for item in items {
                spend_on_copy(item, depth + 1)?;
            }
            Ok(())
        }
        Val::Dict(entries) => {
            spend_members(entries.len())?;
            for (key, item) in entries {
                spend(key.len())?;
                spend_on_copy(item, depth + 1)?;
            }
            Ok(())
        }
    }
}

/// Charges what sorting `count` values by `keys` compares: each key about log2(`count`)
/// times, and a comparison of two strings reads up to the shorter one.
pub(crate) fn spend_on_sort<'v>(
    keys: impl Iterator<Item = Ref<'v, 'v>>,
    count: usize,
) -> Result<(), Error> {
    let text: usize = keys
        .map(|key| match key.kind() {
            Kind::String(text) => text.len(),
            _ => 0,
        })
        .sum();
    let comparisons = usize::try_from(count.max(1).ilog2()).unwrap_or(usize::MAX) + 1;
    spend(text.saturating_mul(comparisons))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use crate::{BUDGET, ErrorKind, Query};
    use serde_json::{Value, json};

    /// `stage` `count` times, joined by `|`.
    fn stages(stage: &str, count: usize) -> String {
        vec![stage; count].join(" | ")
    }

    /// What searching `data` with `expression` spends, in bytes.
    #[track_caller]
    fn cost(expression: &str, data: &Value) -> usize {
        let query = Query::compile(expression).unwrap();
        query.search_within(data, usize::MAX).unwrap();
        usize::MAX - METER.get().left
    }

    /// Checks that the search fails once it has spent its budget.
    #[track_caller]
    fn assert_too_large(expression: &str, data: &Value) {
        assert_fails(
            expression,
            data,
            ErrorKind::TooLarge,
            "the query builds or reads more than 256 MiB of values",
        );
    }

    #[test]
    fn geometric_growth_is_refused() {
        // Each stage makes eight times as many copies: 8^12 in all.
        let expression = stages("[@,@,@,@,@,@,@,@][]", 12);
        assert_eq!(expression.len(), 12 * 19 + 11 * 3);
        assert_too_large(&expression, &example_request());
    }

    #[test]
    fn geometric_growth_is_refused_through_functions_and_hashes() {
        let request = example_request();
        for stage in [
            "{a: @, b: @, c: @, d: @, e: @, f: @, g: @, h: @}",
            "merge({a: @, b: @, c: @, d: @}, {e: @, f: @, g: @, h: @})",
            "map(&[@, @, @, @, @, @, @, @], [@])[0]",
            "sort_by([@, @, @, @, @, @, @, @][], &length(@))",
            "to_string([@, @, @, @, @, @, @, @])",
            "join('', [to_string(@), to_string(@), to_string(@), to_string(@)])",
        ] {
            assert_too_large(&stages(stage, 12), &request);
        }
    }

    #[test]
    fn a_search_just_within_the_budget_succeeds() {
        let request = example_request();
        let expression = format!("{} | [@,@,@,@,@][]", stages("[@,@,@,@,@,@,@,@][]", 5));
        let result = search(&expression, &request);
        let spent = BUDGET - METER.get().left;
        assert!(
            (BUDGET * 3 / 4..BUDGET).contains(&spent),
            "{} MiB",
            spent >> 20
        );
        assert_eq!(result.as_array().map(Vec::len), Some(5 * 8usize.pow(5)));
    }

    #[test]
    fn the_budget_is_exact() {
        let request = example_request();
        for expression in [
            "CognitoIdentityProviders[0].ProviderName",
            "{a: @, b: keys(@)} | [a, b, to_string(@)][]",
            "sort_by(CognitoIdentityProviders, &ClientId)[?ServerSideTokenCheck == `false`]",
        ] {
            let spent = cost(expression, &request);
            let query = Query::compile(expression).unwrap();
            assert!(query.search_within(&request, spent).is_ok(), "{expression}");
            let error = query.search_within(&request, spent - 1).unwrap_err();
            assert_eq!(
                (error.kind(), error.to_string()),
                (
                    ErrorKind::TooLarge,
                    format!(
                        "the query builds or reads more than {} bytes of values",
                        spent - 1
                    )
                ),
                "{expression}"
            );
        }
    }

    #[test]
    fn borrowed_values_cost_what_is_done_with_them() {
        let big = json!({"n": vec![0; 100_000]});
        let references = "[@,@,@,@,@,@,@,@]";
        // Eight references to the document are eight values; the result copies it eight times.
        assert!(cost(&format!("length({references})"), &big) < 2_000);
        assert!(cost(references, &big) > 8 * 100_000 * VALUE_COST);
        // Comparing them reads them through.
        let compared = format!("{references} | [?@ == @] | length(@)");
        assert!(cost(&compared, &big) > 8 * 100_000 * VALUE_COST);
        let copies = stages("[@,@,@,@,@,@,@,@][]", 3);
        assert_gives(&format!("{copies} | length(@)"), &big, &json!(512));
        assert_too_large(&format!("{copies} | [?@ == @] | length(@)"), &big);
        // So does a string function, once per element.
        let text = json!({"s": "x".repeat(1_000_000)});
        assert_gives(&format!("{copies} | length(@)"), &text, &json!(512));
        assert_too_large(&format!("{copies} | [?contains(s, 'y')]"), &text);
    }

    #[test]
    fn values_nested_deeper_than_the_limit_are_refused() {
        let deepest = format!("@{}", ".[@]".repeat(MAX_DEPTH + 1));
        let result = search(&deepest, &json!(1));
        assert_eq!(result.to_string().matches('[').count(), MAX_DEPTH + 1);
        // Each `.[@]` copies the value before it into a list, one level deeper each time.
        for n in [MAX_DEPTH + 2, 100_000] {
            let expression = format!("@{}", ".[@]".repeat(n));
            assert_fails(
                &expression,
                &json!(1),
                ErrorKind::TooDeep,
                "the query builds a value nested more than 200 levels deep",
            );
        }
    }
}
