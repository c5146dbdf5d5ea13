//! Parse + typing of shorthand, as `idpool` does it for an argument value.
//!
//! `seed` is the `--cognito-identity-providers` value of the AWS CLI reference example; the
//! sized inputs are `--identity-pool-tags`-shaped maps of about 1 KB, 100 KB and 1 MB, typed
//! with the same map schema. `scripts/shorthand/bench-awscli.py` times the AWS CLI on the same
//! inputs; the figures are in `docs/benchmarks.md`.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use idpool_shorthand::{SchemaRef, coerce, parse};
use serde_json::{Value, json};

fn main() {
    divan::main();
}

const SEED: &str = r#"ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",ClientId="3n4b5urk1ft4fl3mg5e62d9ado",ServerSideTokenCheck=false"#;

fn provider_schema() -> Value {
    json!({"type": "object", "properties": {
        "ProviderName": {"type": "string"},
        "ClientId": {"type": "string"},
        "ServerSideTokenCheck": {"type": "boolean"}
    }})
}

/// A map of `key-NNNNNN=value-NNNNNN` entries (with a quoted one every tenth) of `size` bytes
/// or a little more.
fn map_input(size: usize) -> String {
    let mut out = String::with_capacity(size + 64);
    let mut i = 0;
    while out.len() < size {
        if !out.is_empty() {
            out.push(',');
        }
        if i % 10 == 0 {
            out.push_str(&format!("key-{i:06}=\"quoted, value {i:06}\""));
        } else {
            out.push_str(&format!("key-{i:06}=value-{i:06}"));
        }
        i += 1;
    }
    out
}

#[divan::bench(sample_count = 200, sample_size = 200)]
fn seed(bencher: Bencher<'_, '_>) {
    let schema = provider_schema();
    bencher.counter(BytesCount::of_str(SEED)).bench(|| {
        let mut parsed = parse(black_box(SEED)).unwrap();
        coerce(&mut parsed.value, SchemaRef::new(&schema)).unwrap();
        parsed
    });
}

#[divan::bench(args = [1_000, 100_000, 1_000_000], sample_count = 20)]
fn map(bencher: Bencher<'_, '_>, size: usize) {
    let input = map_input(size);
    let schema = json!({"type": "object", "additionalProperties": {"type": "string"}});
    bencher.counter(BytesCount::of_str(&input)).bench(|| {
        let mut parsed = parse(black_box(&input)).unwrap();
        coerce(&mut parsed.value, SchemaRef::new(&schema)).unwrap();
        parsed
    });
}

/// The seed, parsed and typed, then converted to a `serde_json::Value` as `idpool shorthand`
/// prints it.
#[divan::bench(sample_count = 200, sample_size = 200)]
fn seed_to_json(bencher: Bencher<'_, '_>) {
    let schema = provider_schema();
    bencher.counter(BytesCount::of_str(SEED)).bench(|| {
        let mut parsed = parse(black_box(SEED)).unwrap();
        coerce(&mut parsed.value, SchemaRef::new(&schema)).unwrap();
        parsed.value.to_json()
    });
}
