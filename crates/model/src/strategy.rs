//! Strategies of generated documents for property tests (the `proptest` feature): documents of
//! any shape of the service model that the service accepts, and documents it refuses, each
//! labelled with the one rule it breaks, for testing code that reads or writes these requests.
//!
//! Both are drawn by one generator from a list of numbers that proptest draws and shrinks (a
//! shorter list, or smaller numbers, give a smaller document), so a failing case shrinks
//! towards fewer members and shorter values. The same generator serves the `arbitrary` feature
//! from a fuzzer's bytes.

pub use crate::{Invalid, Rule};

use crate::generate::draw::{self, Seeded};
use crate::generate::invalid;
use crate::service::ShapeId;
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use serde_json::Value;

/// How many numbers a generated document is drawn from, at most; a longer one (a long string)
/// takes the rest from a generator seeded by them.
const CHOICES: usize = 512;

fn numbers() -> impl Strategy<Value = Vec<u64>> {
    proptest::collection::vec(any::<u64>(), 0..=CHOICES)
}

/// A strategy of values of the shape `id` that the service accepts: every rule of the model
/// and of the overlay holds (the validator of `idpool-validate` finds no error in them), and
/// each goes through the shape's serde type unchanged ([`crate::reserialize`]).
///
/// The values are varied: across a batch every optional member appears and is left out;
/// strings reach both of their length bounds (in code points, with characters outside the
/// Basic Multilingual Plane, which count one code point but two UTF-16 units) and use the whole
/// alphabet of their pattern, non-ASCII characters included where the service takes them; lists
/// and maps reach their limits; numbers their bounds.
///
/// ```
/// use idpool_model::service;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let roles = service::operation("set-identity-pool-roles").unwrap();
/// let strategy = idpool_model::strategy::valid(roles.input.unwrap());
/// let mut runner = TestRunner::deterministic();
/// let request = strategy.new_tree(&mut runner).unwrap().current();
/// assert!(request["IdentityPoolId"].is_string());
/// assert!(idpool_model::reserialize(roles.input.unwrap(), request.clone()).unwrap().is_ok());
/// ```
pub fn valid(id: ShapeId) -> BoxedStrategy<Value> {
    numbers()
        .prop_map(move |numbers| draw::value(id, &mut Seeded::new(&numbers)))
        .boxed()
}

/// A strategy of documents of the structure `id` (an operation's request or response) that
/// the service refuses, each a near miss of a valid one: one value changed so that it breaks
/// exactly one rule the service enforces (one past a bound, one character outside a pattern,
/// an enum value in the wrong case, a wrong JSON type, `null`, a required member left out, a
/// misspelled member). Each is labelled with the rule and the JSON Pointer of the value, which
/// are what `idpool-validate` reports for it: its only error is `rule.code()` at `pointer`.
///
/// ```
/// use idpool_model::service;
/// use idpool_model::strategy::{self, Rule};
/// use proptest::prelude::*;
///
/// let update = service::operation("update-identity-pool").unwrap();
/// proptest!(|(bad in strategy::invalid(update.input.unwrap()))| {
///     // The parser under test should refuse it; here, the model's own serde types.
///     let typed = serde_json::from_value::<idpool_model::UpdateIdentityPoolRequest>(
///         bad.document.clone(),
///     );
///     if matches!(bad.rule, Rule::Type | Rule::Null | Rule::UnknownMember | Rule::MissingMember) {
///         prop_assert!(typed.is_err(), "{} at {}", bad.rule.code(), bad.pointer);
///     }
/// });
/// ```
pub fn invalid(id: ShapeId) -> BoxedStrategy<Invalid> {
    numbers()
        .prop_map(move |numbers| invalid::invalid(id, true, &mut Seeded::new(&numbers)))
        .boxed()
}

/// A strategy of documents of the structure `id` that break one rule of their form only: a
/// wrong JSON type, `null`, a required member left out or an unknown one. These are what a
/// parser of a response should refuse, since the service checks the other rules (lengths,
/// patterns, sizes) only in what it is sent; labelled as [`invalid()`]'s are.
pub fn malformed(id: ShapeId) -> BoxedStrategy<Invalid> {
    numbers()
        .prop_map(move |numbers| invalid::invalid(id, false, &mut Seeded::new(&numbers)))
        .boxed()
}

/// The document drawn from `seed` alone: what `valid(id)` gives for a given seed, for tools
/// that want the same document from the same number (`idpool generate --seed`).
pub fn valid_from_seed(id: ShapeId, seed: u64) -> Value {
    draw::value(id, &mut Seeded::new(&[seed]))
}

/// The invalid document drawn from `seed` alone (see [`valid_from_seed`]); with `constraints`
/// false, as [`malformed`] draws them.
pub fn invalid_from_seed(id: ShapeId, constraints: bool, seed: u64) -> Invalid {
    invalid::invalid(id, constraints, &mut Seeded::new(&[seed]))
}
