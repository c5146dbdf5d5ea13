//! Every style over any JSON value, any terminal width and any `--color`.

use idpool_output::{Color, Options, Stdout, Style, render};
use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value: every kind of number, strings with any characters, nested lists and dicts
/// (lists of dicts with differing keys included).
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |float| {
            serde_json::Number::from_f64(float).map(Value::Number)
        }),
        any::<String>().prop_map(Value::String),
        "[ :#'\"a-c\n-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = "[a-c ]{0,3}|.{0,4}";
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_renders_in_every_style(
        value in any_json(),
        columns in any::<i16>(),
        is_terminal in any::<bool>(),
    ) {
        let stdout = Stdout { is_terminal, columns };
        for style in Style::ALL {
            for color in [Color::On, Color::Off, Color::Auto] {
                let options = Options { title: "UpdateIdentityPool", color, stdout };
                let rendered = render(style, &value, &options);
                match (style, &rendered) {
                    (Style::Yaml | Style::YamlStream, Ok(out)) => {
                        prop_assert!(out.is_empty() || out.ends_with('\n'), "{out:?}");
                    }
                    (Style::Json | Style::Yaml | Style::YamlStream, Err(error)) => {
                        prop_assert!(false, "{style} cannot fail: {error}");
                    }
                    _ => {}
                }
            }
        }
    }
}
