//! Validating the example request (parse with locations + schema + rules) against a plain
//! `serde_json::from_str::<Value>` of the same bytes. Figures in `docs/benchmarks.md`.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use idpool_validate::{Kind, Validator};

fn main() {
    divan::main();
}

const EXAMPLE: &str = include_str!("../../../examples/update-identity-pool.request.json");
const FULL: &str = include_str!("../../../examples/full.request.json");

#[divan::bench(args = ["example", "full"], sample_count = 200, sample_size = 100)]
fn validate(bencher: Bencher<'_, '_>, name: &str) {
    let text = if name == "example" { EXAMPLE } else { FULL };
    let validator = Validator::get(Kind::Request);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| validator.validate(black_box(text.as_bytes())));
}

#[divan::bench(args = ["example", "full"], sample_count = 200, sample_size = 100)]
fn serde_json_value(bencher: Bencher<'_, '_>, name: &str) {
    let text = if name == "example" { EXAMPLE } else { FULL };
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| serde_json::from_str::<serde_json::Value>(black_box(text)).unwrap());
}
