//! The generator behind the `proptest` and `arbitrary` features: valid documents of any shape
//! ([`draw`]) and invalid ones labelled with the rule they break ([`invalid`]), drawn from a
//! stream of numbers.

pub(crate) mod draw;
pub(crate) mod invalid;
