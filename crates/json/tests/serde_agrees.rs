//! The strict parser refuses exactly what serde_json refuses: the commands that build values
//! with serde_json report a syntax error with the strict parser's message and position, which
//! holds only if both see an error in the same texts.

use proptest::prelude::*;

fn agree(text: &str) -> Result<(), TestCaseError> {
    let strict = idpool_json::parse(text);
    let serde = serde_json::from_str::<serde_json::Value>(text);
    prop_assert_eq!(
        strict.is_ok(),
        serde.is_ok(),
        "{:?}: strict {:?}, serde_json {:?}",
        text,
        strict.err(),
        serde.err()
    );
    Ok(())
}

/// Texts near JSON: made of JSON's own pieces, so that most are almost valid.
fn near_json() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\ud800\"",
        "\"\\ud83d\\ude00\"",
        "\\",
        "\\x",
        "\t",
        "true",
        "tru",
        "null",
        "false",
        "0",
        "01",
        "-",
        "1.",
        "1.5",
        "1e400",
        "-1e400",
        "1e-400",
        "2E+3",
        ".5",
        "é",
        "\u{feff}",
        "\u{1}",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn on_texts_near_json(text in near_json()) {
        agree(&text)?;
    }
}

#[test]
fn on_nesting_and_numbers_at_the_limits() {
    for depth in [1, 126, 127, 128, 129] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}0{}", open.repeat(depth), close.repeat(depth));
            agree(&text).unwrap();
        }
    }
    for number in [
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "18446744073709551616",
        "-9223372036854775809",
        &format!("1{}", "0".repeat(308)),
        &format!("1{}", "0".repeat(309)),
    ] {
        agree(number).unwrap();
    }
}
