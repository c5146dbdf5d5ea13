//! The pagination options of a paged command, as awscli 1.46.2 takes them
//! (awscli/customizations/paginate.py and botocore's paginator).
//!
//! A paged command has `--starting-token`, `--page-size` and `--max-items`. They apply only
//! while the AWS CLI paginates: giving the operation's own page token or page size (such as
//! `--max-results`), or `--no-paginate`, turns pagination off, and then any of them is an error.
//! Otherwise `--page-size` sets the request's page size, `--starting-token` its page token (a
//! token the AWS CLI printed, base64 JSON, or a raw one), and `--max-items` only limits what is
//! printed, so it changes nothing in the request.

use idpool_model::service::Operation;
pub use idpool_model::service::Paginator;
use serde_json::{Map, Value as Json};

/// The paginator of `operation`, if the AWS CLI pages it.
pub fn of(operation: &Operation) -> Option<Paginator> {
    operation.paginator
}

/// The pagination options given: `--starting-token`, `--page-size`, `--max-items`, in that
/// order.
pub const OPTIONS: [&str; 3] = ["--starting-token", "--page-size", "--max-items"];

/// botocore's reading of `--starting-token`: base64 of a JSON object of the input tokens (its
/// `boto_truncate_amount` dropped), or else the older form, the tokens joined by `___` with an
/// optional truncation count last; `None` leaves a token out.
pub fn starting_token(token: &str, paginator: &Paginator) -> Map<String, Json> {
    let decoded =
        base64_decode(token).and_then(|bytes| serde_json::from_slice::<Json>(&bytes).ok());
    if let Some(Json::Object(mut tokens)) = decoded {
        tokens.shift_remove("boto_truncate_amount");
        return tokens;
    }
    let mut parts: Vec<&str> = token.split("___").collect();
    if parts.len() == paginator.input_tokens.len() + 1
        && parts.last().is_some_and(|p| p.parse::<i64>().is_ok())
    {
        parts.pop();
    }
    if parts.len() != paginator.input_tokens.len() {
        parts = vec![token];
    }
    paginator
        .input_tokens
        .iter()
        .zip(parts)
        .filter(|(_, part)| *part != "None")
        .map(|(name, part)| ((*name).to_owned(), Json::String(part.to_owned())))
        .collect()
}

/// Python's `base64.b64decode` without `validate`: characters outside the alphabet are
/// dropped, and the padding must be right.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    fn digit(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let kept: Vec<u8> = text
        .bytes()
        .filter(|&c| c == b'=' || digit(c).is_some())
        .collect();
    let data = kept
        .strip_suffix(b"==")
        .or_else(|| kept.strip_suffix(b"="))
        .unwrap_or(&kept);
    if !kept.len().is_multiple_of(4) || data.contains(&b'=') {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    for chunk in data.chunks(4) {
        let mut bits = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            bits |= digit(c)? << (18 - 6 * i);
        }
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_model::service;

    fn pools() -> Paginator {
        of(service::operation("list-identity-pools").unwrap()).unwrap()
    }

    /// The paginators of the vendored paginators-1.json, as awscli 1.46.2 ships it.
    #[test]
    fn the_paged_operations_are_the_models() {
        let paged: Vec<&str> = service::OPERATIONS
            .iter()
            .filter(|o| of(o).is_some())
            .map(|o| o.name)
            .collect();
        assert_eq!(paged, ["ListIdentityPools"]);
        assert_eq!(pools().input_tokens, ["NextToken"]);
        assert_eq!(pools().limit_key, Some("MaxResults"));
    }

    /// As awscli 1.46.2 read each token (`NextToken` sent).
    #[test]
    fn starting_tokens() {
        let sent = |token: &str| Json::Object(starting_token(token, &pools()));
        // base64 of {"NextToken": "xyz", "boto_truncate_amount": 2}
        let encoded = "eyJOZXh0VG9rZW4iOiAieHl6IiwgImJvdG9fdHJ1bmNhdGVfYW1vdW50IjogMn0=";
        assert_eq!(sent(encoded), serde_json::json!({"NextToken": "xyz"}));
        assert_eq!(sent("abc"), serde_json::json!({"NextToken": "abc"}));
        assert_eq!(sent("a___b"), serde_json::json!({"NextToken": "a___b"}));
        assert_eq!(sent("a___3"), serde_json::json!({"NextToken": "a"}));
        assert_eq!(sent("None"), serde_json::json!({}));
        assert_eq!(base64_decode("YWJj"), Some(b"abc".to_vec()));
        assert_eq!(base64_decode("YQ=="), Some(b"a".to_vec()));
        assert_eq!(base64_decode("YWI="), Some(b"ab".to_vec()));
        assert_eq!(base64_decode("abc"), None);
    }
}
