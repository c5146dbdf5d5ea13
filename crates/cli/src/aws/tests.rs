use super::*;
use idpool_awscli::skeleton::pretty;
use idpool_shorthand::NoFiles;
use proptest::prelude::*;
use serde_json::Map;
use serde_json::json;

fn tokens<S: AsRef<str>>(args: &[S]) -> Vec<String> {
    args.iter().map(|a| a.as_ref().to_owned()).collect()
}

/// `idpool update-identity-pool TOKENS`, read.
fn update(tokens: &[String]) -> Result<Outcome, Refusal> {
    let operation = crate::operation::default();
    interpret(operation, &program(operation, true), tokens, &NoFiles)
}

fn request<S: AsRef<str> + std::fmt::Debug>(args: &[S]) -> Json {
    match update(&tokens(args)) {
        Ok(Outcome::Run(invocation)) => invocation.request,
        Ok(other) => panic!("{args:?}: {other:?}"),
        Err(refusal) => panic!("{args:?}: {}", refusal.message()),
    }
}

fn refusal<S: AsRef<str> + std::fmt::Debug>(args: &[S]) -> String {
    match update(&tokens(args)) {
        Err(refusal) => refusal_message(&refusal),
        Ok(outcome) => panic!("{args:?} was accepted: {outcome:?}"),
    }
}

const BASE: [&str; 5] = [
    "--identity-pool-id",
    "us-east-1:1",
    "--identity-pool-name",
    "p",
    "--allow-unauthenticated-identities",
];

fn with_base(more: &[&str]) -> Vec<String> {
    BASE.iter().chain(more).map(|a| (*a).to_owned()).collect()
}

#[test]
fn members_come_out_in_model_order() {
    let printed = request(&[
        "--identity-pool-tags",
        "a=1",
        "--no-allow-unauthenticated-identities",
        "--identity-pool-name",
        "p",
        "--identity-pool-id",
        "us-east-1:1",
    ]);
    assert_eq!(
        printed.to_string(),
        r#"{"IdentityPoolId":"us-east-1:1","IdentityPoolName":"p","AllowUnauthenticatedIdentities":false,"IdentityPoolTags":{"a":"1"}}"#
    );
}

#[test]
fn last_option_and_last_flag_win() {
    let printed = request(&with_base(&[
        "--identity-pool-name",
        "q",
        "--no-allow-unauthenticated-identities",
        "--cognito-identity-providers",
        "ProviderName=a",
        "--cognito-identity-providers",
        "ProviderName=b",
    ]));
    assert_eq!(printed["IdentityPoolName"], "q");
    assert_eq!(printed["AllowUnauthenticatedIdentities"], false);
    assert_eq!(
        printed["CognitoIdentityProviders"],
        json!([{"ProviderName": "b"}])
    );
}

#[test]
fn the_boolean_pair_is_not_required_by_argparse() {
    let printed = request(&[
        "--identity-pool-id",
        "us-east-1:1",
        "--identity-pool-name",
        "p",
    ]);
    assert!(printed.get("AllowUnauthenticatedIdentities").is_none());
}

#[test]
fn prefixes_and_global_options_anywhere() {
    let printed = request(&[
        "--identity-pool-i",
        "us-east-1:1",
        "--region",
        "us-east-1",
        "--identity-pool-na=p",
        "--no-allow-u",
        "--open-id-connect-provider-arns",
        "a",
        "b",
    ]);
    assert_eq!(
        printed,
        json!({"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "p",
               "AllowUnauthenticatedIdentities": false, "OpenIdConnectProviderARNs": ["a", "b"]})
    );
    // `--de` is a prefix of the global `--debug` only, so the value becomes a stray token.
    assert!(refusal(&with_base(&["--de", "x"])).contains("unknown options: x"));
}

#[test]
fn cli_input_json_merges_key_by_key() {
    let printed = request(&[
        "--cli-input-json",
        r#"{"IdentityPoolName": "json", "IdentityPoolTags": {"a": "1"}, "IdentityPoolId": "x"}"#,
        "--identity-pool-id",
        "us-east-1:1",
        "--identity-pool-tags",
        "b=2",
    ]);
    assert_eq!(
        printed,
        json!({"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "json",
               "IdentityPoolTags": {"b": "2"}})
    );
    // Only the exact token turns the required checks off.
    assert!(refusal(&["--cli-input-json={}"]).contains("required"));
    assert!(refusal(&["--cli-input-json", "[1]"]).contains("expected an object"));
    assert!(refusal(&["--cli-input-json", "{"]).contains("invalid JSON"));
}

#[test]
fn skeleton_needs_no_argument_unless_output() {
    let Ok(Outcome::Run(invocation)) = update(&tokens(&["--generate-cli-skeleton"])) else {
        panic!("no skeleton");
    };
    assert_eq!(invocation.skeleton, Some(Skeleton::Input));
    assert!(refusal(&["--generate-cli-skeleton", "output"]).contains("required"));
    assert!(refusal(&["--generate-cli-skeleton", "outputs"]).contains("invalid choice"));
    // Arguments are still processed first.
    assert!(
        refusal(&[
            "--generate-cli-skeleton",
            "--supported-login-providers",
            "a==b"
        ])
        .contains("--supported-login-providers")
    );
}

#[test]
fn the_input_skeleton_is_a_request_of_every_member() {
    let text = skeleton::input_text(crate::operation::default());
    let skeleton: Json = serde_json::from_str(&text).unwrap();
    let members: Vec<&str> = skeleton
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let model: Vec<&str> = crate::params::of(crate::operation::default())
        .iter()
        .map(|p| p.member)
        .collect();
    assert_eq!(members, model);
    assert_eq!(pretty(&skeleton) + "\n", text);
}

#[test]
fn stray_values_and_unknown_options() {
    let message = refusal(&with_base(&["false"]));
    assert!(message.contains("unknown options: false"), "{message}");
    let message = refusal(&with_base(&["--identity-pool-nmae", "x"]));
    assert!(
        message.contains("did you mean --identity-pool-name?"),
        "{message}"
    );
    assert!(
        refusal(&with_base(&["--allow-classic-flow=true"])).contains("ignored explicit argument")
    );
    assert!(refusal(&["--allow"]).contains("ambiguous option: --allow could match"));
    assert!(
        refusal(&["--identity-pool-name", "--allow-classic-flow"])
            .contains("expected one argument")
    );
}

#[test]
fn version_and_help() {
    assert!(matches!(update(&tokens(&["--vers"])), Ok(Outcome::Version)));
    assert!(matches!(update(&tokens(&["help"])), Ok(Outcome::Help)));
}

#[test]
fn yaml_input() {
    let printed = request(&[
        "--cli-input-yaml",
        "IdentityPoolId: us-east-1:1\nIdentityPoolName: yes\nAllowUnauthenticatedIdentities: false\nOpenIdConnectProviderARNs: [a, 'b']\n",
    ]);
    assert_eq!(
        printed,
        json!({"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "yes",
               "AllowUnauthenticatedIdentities": false, "OpenIdConnectProviderARNs": ["a", "b"]})
    );
    assert!(refusal(&["--cli-input-yaml", "a: [", "--cli-input-json", "{}"]).contains("not both"));
    assert!(refusal(&["--cli-input-yaml", "a: ["]).contains("invalid YAML"));
}

/// Strings of the characters people put in values, with the ones that matter to shells,
/// argparse, shorthand and JSON over-represented.
fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('0', '9'),
        2 => proptest::sample::select(vec![
            ' ', '-', '=', ',', '"', '\'', '\\', '[', ']', '{', '}', '@', ':', '/', '.', '$', '`',
            '!', '*', '\n', '\t', 'é', '東', '😀', '\u{a0}',
        ]),
    ];
    proptest::collection::vec(chars, min..=max).prop_map(|cs| cs.into_iter().collect())
}

fn word(chars: &str, min: usize, max: usize) -> impl Strategy<Value = String> + use<> {
    let chars: Vec<char> = chars.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), min..=max)
        .prop_map(|cs| cs.into_iter().collect())
}

const W: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

/// Requests that satisfy every service rule, members in model order.
fn valid_request() -> impl Strategy<Value = Json> {
    let provider = (
        word("abcdefghijklmnopqrstuvwxyz0123456789_.:/-", 1, 40),
        word(W, 1, 30),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(name, client, check)| {
            let mut p = json!({"ProviderName": name, "ClientId": client});
            if let Some(check) = check {
                p["ServerSideTokenCheck"] = json!(check);
            }
            p
        });
    (
        (
            word("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 12),
            word("0123456789abcdef-", 1, 36),
            word(&format!("{W} +=,.@-"), 1, 40),
            any::<bool>(),
            proptest::option::of(any::<bool>()),
        ),
        (
            proptest::option::of(proptest::collection::vec(
                (text(1, 20), word(&format!("{W}.;/-"), 1, 20)),
                0..4,
            )),
            proptest::option::of(word(&format!("{W}.-"), 1, 20)),
            proptest::option::of(proptest::collection::vec(text(20, 40), 0..3)),
            proptest::option::of(proptest::collection::vec(provider, 0..3)),
            proptest::option::of(proptest::collection::vec(text(20, 40), 0..3)),
            proptest::option::of(proptest::collection::vec((text(1, 20), text(0, 20)), 0..4)),
        ),
    )
        .prop_map(
            |(
                (region, guid, name, unauth, classic),
                (logins, developer, oidc, cognito, saml, tags),
            )| {
                let mut request = Map::new();
                request.insert("IdentityPoolId".into(), json!(format!("{region}:{guid}")));
                request.insert("IdentityPoolName".into(), json!(name));
                request.insert("AllowUnauthenticatedIdentities".into(), json!(unauth));
                if let Some(classic) = classic {
                    request.insert("AllowClassicFlow".into(), json!(classic));
                }
                let map = |pairs: Vec<(String, String)>| {
                    Json::Object(
                        pairs
                            .into_iter()
                            .map(|(k, v)| (k, Json::String(v)))
                            .collect(),
                    )
                };
                if let Some(logins) = logins {
                    request.insert("SupportedLoginProviders".into(), map(logins));
                }
                if let Some(developer) = developer {
                    request.insert("DeveloperProviderName".into(), json!(developer));
                }
                if let Some(oidc) = oidc {
                    request.insert("OpenIdConnectProviderARNs".into(), json!(oidc));
                }
                if let Some(cognito) = cognito {
                    request.insert("CognitoIdentityProviders".into(), json!(cognito));
                }
                if let Some(saml) = saml {
                    request.insert("SamlProviderARNs".into(), json!(saml));
                }
                if let Some(tags) = tags {
                    request.insert("IdentityPoolTags".into(), map(tags));
                }
                Json::Object(request)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// `to-cli`, then the shell's word splitting, then reading the command back gives the
    /// request, byte for byte.
    #[test]
    fn to_cli_round_trips(request in valid_request()) {
        let words = crate::to_cli::arguments(crate::operation::default(), request.as_object().unwrap());
        let line: Vec<String> = words.iter().map(|w| crate::to_cli::quote(w)).collect();
        let split = shlex::split(&line.join(" ")).expect("the line splits");
        prop_assert_eq!(&split, &words);
        match update(&split) {
            Ok(Outcome::Run(invocation)) => {
                prop_assert_eq!(invocation.request.to_string(), request.to_string());
            }
            Ok(other) => prop_assert!(false, "{:?}", other),
            Err(refusal) => prop_assert!(false, "{:?} refused: {}", line, refusal.message()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every problem of a command line is moved to a place of the text it came from, with the
    /// line and column of its span there, and none is lost: with names, tags and client ids
    /// of any text, given on the command line as plain values, shorthand or JSON, or in
    /// `--cli-input-json`.
    #[test]
    fn problems_are_moved_into_their_sources(
        request in valid_request(),
        name in text(0, 12),
        tag in text(0, 12),
        client in text(0, 12),
    ) {
        let mut request = request;
        request["IdentityPoolName"] = json!(name);
        if let Some(tags) = request.get_mut("IdentityPoolTags").and_then(Json::as_object_mut) {
            tags.insert("k".into(), json!(tag));
        }
        if let Some(p) = request.get_mut("CognitoIdentityProviders").and_then(|p| p.get_mut(0)) {
            p["ClientId"] = json!(client);
        }
        let words = crate::to_cli::arguments(crate::operation::default(), request.as_object().unwrap());
        let Ok(Outcome::Run(invocation)) = update(&words) else {
            return Err(TestCaseError::fail(format!("{words:?} was not run")));
        };
        let text = format!("{}\n", pretty(&invocation.request));
        let report = Validator::get(Kind::Request).validate_str(&text);
        let total = report.diagnostics.len() + report.omitted.total();
        let files = origin::attribute(&invocation.origins, &text, report, Vec::new(), true);
        let mut moved = 0;
        for file in &files {
            moved += file.report.diagnostics.len() + file.report.omitted.total();
            let source = invocation.origins.text_of(&file.path, &text);
            for (d, excerpt) in file.report.diagnostics.iter().zip(&file.excerpts) {
                prop_assert!(d.span.end <= source.len(), "{}: {:?} in {:?}", file.path, d, source);
                prop_assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
                prop_assert_eq!(d.start, idpool_validate::position(source, d.span.start));
                prop_assert_eq!(d.end, idpool_validate::position(source, d.span.end));
                prop_assert!(excerpt.is_some() || d.span.start == source.len());
            }
        }
        prop_assert_eq!(moved, total);
    }
}
