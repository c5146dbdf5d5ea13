//! Documents from a fuzzer's bytes (the `arbitrary` feature), for cargo-fuzz and other
//! structure-aware fuzzers: [`valid`] documents of any shape, [`invalid`] ones labelled with the
//! rule they break, and `arbitrary::Arbitrary` for every type of the model, whose values are
//! ones the service accepts.
//!
//! The bytes steer every choice (which members, how many items, which characters), so a fuzzer
//! that changes a few bytes changes a few values; running out of bytes gives the smallest
//! document. These are the documents of the proptest strategies, drawn from bytes.
//!
//! ```
//! use arbitrary::{Arbitrary, Unstructured};
//! use idpool_model::{SetIdentityPoolRolesRequest, service};
//!
//! let bytes = [7u8; 256];
//! // A typed value, as `fuzz_target!(|request: SetIdentityPoolRolesRequest| ...)` receives it.
//! let request = SetIdentityPoolRolesRequest::arbitrary(&mut Unstructured::new(&bytes))?;
//! assert!(!request.identity_pool_id.is_empty());
//!
//! // A labelled invalid document, for a parser that should refuse it.
//! let roles = service::operation("set-identity-pool-roles").unwrap();
//! let bad = idpool_model::fuzz::invalid(roles.input.unwrap(), &mut Unstructured::new(&bytes))?;
//! assert!(bad.rule.code().starts_with("IDP"));
//! assert!(bad.document.pointer(&bad.pointer).is_some() || bad.rule.code() == "IDP004");
//! # Ok::<(), arbitrary::Error>(())
//! ```

use crate::Invalid;
use crate::generate::draw::{self, Source};
use crate::generate::invalid;
use crate::service::ShapeId;
use arbitrary::Unstructured;
use serde_json::Value;

/// The numbers of a fuzzer's input, eight bytes each; 0 once it runs out.
struct Bytes<'u, 'a>(&'u mut Unstructured<'a>);

impl Source for Bytes<'_, '_> {
    fn next(&mut self) -> u64 {
        self.0.arbitrary::<u64>().unwrap_or(0)
    }
}

/// A value of shape `id` that the service accepts, drawn from the bytes (see
/// [`crate::strategy::valid`] for how varied the values are).
pub fn valid(id: ShapeId, u: &mut Unstructured<'_>) -> arbitrary::Result<Value> {
    Ok(draw::value(id, &mut Bytes(u)))
}

/// A document of the structure `id` (a request body) that breaks exactly one rule of the
/// service, labelled with that rule and where (see [`crate::strategy::invalid`]).
pub fn invalid(id: ShapeId, u: &mut Unstructured<'_>) -> arbitrary::Result<Invalid> {
    Ok(invalid::invalid(id, true, &mut Bytes(u)))
}

/// A document of the structure `id` that breaks one rule of its form only (see
/// [`crate::strategy::malformed`]).
pub fn malformed(id: ShapeId, u: &mut Unstructured<'_>) -> arbitrary::Result<Invalid> {
    Ok(invalid::invalid(id, false, &mut Bytes(u)))
}

/// `arbitrary::Arbitrary` for a type of the model, through the document of its shape.
macro_rules! shaped {
    ($type:ident, $shape:expr) => {
        impl<'a> arbitrary::Arbitrary<'a> for $type {
            fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
                let value = $crate::fuzz::valid($shape, u)?;
                serde_json::from_value(value).map_err(|_| arbitrary::Error::IncorrectFormat)
            }
        }
    };
}
pub(crate) use shaped;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::OPERATIONS;

    #[test]
    fn every_request_type_comes_from_any_bytes() {
        use arbitrary::Arbitrary;
        for seed in 0..64u8 {
            let bytes: Vec<u8> = (0..512)
                .map(|i| seed.wrapping_mul(31) ^ (i as u8))
                .collect();
            crate::IdentityPool::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
            crate::SetIdentityPoolRolesRequest::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
            crate::MappingRuleMatchType::arbitrary(&mut Unstructured::new(&bytes)).unwrap();
        }
    }

    #[test]
    fn no_bytes_give_the_smallest_documents() {
        for operation in OPERATIONS {
            let Some(input) = operation.input else {
                continue;
            };
            let document = valid(input, &mut Unstructured::new(&[])).unwrap();
            let crate::service::ShapeKind::Structure(members) = input.shape().kind else {
                panic!()
            };
            let required = members.iter().filter(|m| m.required).count();
            assert_eq!(
                document.as_object().unwrap().len(),
                required,
                "{}",
                operation.name
            );
            invalid(input, &mut Unstructured::new(&[])).unwrap();
        }
    }
}
