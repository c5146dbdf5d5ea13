use idpool_shorthand::argument::{Options, process};
use idpool_shorthand::{SchemaRef, Value, ValueKind, coerce, parse, render};
use proptest::prelude::*;
use serde_json::{Value as Json, json};

/// Text that leans on the characters the grammar cares about.
fn shorthand_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        4 => "[a-zA-Z0-9_.:/#-]{1,6}",
        3 => prop::sample::select(vec![
            "=", ",", "[", "]", "{", "}", "'", "\"", "\\", "\\,", "\\'", "\\\"", "@", " ", "\t", "\n",
            "\u{a0}", "\u{85}", "\u{3000}", "\u{1F600}", "\u{1}", "\u{1c}", "file://x", "é",
        ]).prop_map(str::to_owned),
        1 => "\\PC{0,4}",
    ];
    prop::collection::vec(atom, 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_never_panics(input in "\\PC*") {
        if let Err(error) = parse(&input) {
            let _ = (error.render(), error.aws_message(), error.line(), error.column());
        }
    }

    #[test]
    fn parse_never_panics_on_shorthand_like_text(input in shorthand_text()) {
        match parse(&input) {
            Ok(parsed) => {
                prop_assert!(parsed.value.span.end <= input.len());
                for warning in &parsed.warnings {
                    let _ = warning.render();
                }
            }
            Err(error) => {
                prop_assert!(error.span().end <= input.len());
                let _ = (error.render(), error.aws_message());
            }
        }
    }
}

/// A string a request member might hold: anything, with an accent on grammar characters.
fn any_string() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9_.-]{1,12}", shorthand_text(), "\\PC{0,8}",]
}

fn key() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9_.:/#-]{0,12}"
}

fn string_map() -> impl Strategy<Value = Json> {
    prop::collection::vec((key(), any_string()), 1..6).prop_map(|entries| {
        Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k, Json::String(v)))
                .collect(),
        )
    })
}

fn provider() -> impl Strategy<Value = Json> {
    (
        prop::option::of(any_string()),
        prop::option::of(any_string()),
        prop::option::of(any::<bool>()),
    )
        .prop_filter_map("a provider needs a member", |(name, client, check)| {
            let mut object = serde_json::Map::new();
            if let Some(name) = name {
                object.insert("ProviderName".into(), name.into());
            }
            if let Some(client) = client {
                object.insert("ClientId".into(), client.into());
            }
            if let Some(check) = check {
                object.insert("ServerSideTokenCheck".into(), check.into());
            }
            (!object.is_empty()).then_some(Json::Object(object))
        })
}

/// Whether shorthand can express every string of `value` (see `render`): none may end in `\`.
fn expressible(value: &Json) -> bool {
    match value {
        Json::String(s) => !s.ends_with('\\'),
        Json::Array(items) => items.iter().all(expressible),
        Json::Object(map) => map.values().all(expressible),
        _ => true,
    }
}

#[track_caller]
fn assert_round_trip(member: &str, option: &str, value: &Json) {
    let schema = crate::request_schema();
    let member_schema = SchemaRef::new(&schema).property(member).unwrap();
    let tokens = match render(value, member_schema) {
        Ok(tokens) => tokens,
        Err(e) => {
            assert!(!expressible(value), "{value} is expressible, yet: {e}");
            return;
        }
    };
    let processed = process(option, member_schema, &tokens, &Options::default())
        .unwrap_or_else(|e| panic!("{tokens:?} from {value}: {e}"));
    assert_eq!(&processed.value, value, "rendered as {tokens:?}");
    assert!(
        processed.warnings.is_empty(),
        "{tokens:?}: {:?}",
        processed.warnings
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn login_providers_round_trip(map in string_map()) {
        assert_round_trip("SupportedLoginProviders", "--supported-login-providers", &map);
    }

    #[test]
    fn tags_round_trip(map in string_map()) {
        assert_round_trip("IdentityPoolTags", "--identity-pool-tags", &map);
    }

    #[test]
    fn cognito_identity_providers_round_trip(providers in prop::collection::vec(provider(), 0..4)) {
        assert_round_trip("CognitoIdentityProviders", "--cognito-identity-providers", &Json::Array(providers));
    }
}

/// Arbitrary trees, including kinds the parser never produces at the top level.
fn tree() -> impl Strategy<Value = Value<'static>> {
    let leaf = prop_oneof![
        any_string().prop_map(|s| Value {
            kind: ValueKind::String(s.into()),
            span: 0..0
        }),
        prop::collection::vec(any::<u8>(), 0..4).prop_map(|b| Value {
            kind: ValueKind::Bytes(b),
            span: 0..0
        }),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|items| Value {
                kind: ValueKind::List(items),
                span: 0..0
            }),
            prop::collection::vec((key(), inner), 0..4).prop_map(|entries| {
                let map = entries
                    .into_iter()
                    .map(|(k, value)| idpool_shorthand::Entry {
                        key: k.into(),
                        key_span: 0..0,
                        value,
                    })
                    .collect();
                Value {
                    kind: ValueKind::Map(map),
                    span: 0..0,
                }
            }),
        ]
    })
}

/// Arbitrary schemas built from the keywords typing follows.
fn schema() -> impl Strategy<Value = Json> {
    let leaf = prop::sample::select(vec![
        json!({"type": "string"}),
        json!({"type": "boolean"}),
        json!({"type": "integer"}),
        json!({"type": "number"}),
        json!({"type": ["boolean", "null"]}),
        json!({}),
        json!(true),
        json!({"$ref": "#/$defs/Missing"}),
        json!({"$ref": "#"}),
    ]);
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            inner
                .clone()
                .prop_map(|values| json!({"type": "object", "additionalProperties": values})),
            prop::collection::vec((key(), inner), 0..4).prop_map(|props| {
                json!({"type": "object", "properties": Json::Object(props.into_iter().collect())})
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn coerce_never_panics(mut value in tree(), schema in schema()) {
        let _ = coerce(&mut value, SchemaRef::new(&schema));
        let _ = value.to_json();
    }

    #[test]
    fn render_never_panics(value in tree(), schema in schema()) {
        let _ = render(&value.to_json(), SchemaRef::new(&schema));
    }
}
