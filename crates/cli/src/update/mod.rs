//! `idpool update-identity-pool`: the AWS CLI command, offline.
//!
//! The command line is read as the AWS CLI v1 reads it (see [`argparse`]), each argument is
//! processed by `idpool_shorthand::argument` as the AWS CLI processes it, `--cli-input-json`
//! (or `--cli-input-yaml`) is merged in, and the resulting request is printed as the AWS CLI
//! would print the response if the service echoed the request, then checked by
//! `idpool-validate`.

pub(crate) mod argparse;
pub(crate) mod options;
mod origin;

use crate::files::FileSystem;
use crate::params;
use crate::query::Query;
use crate::report::{self, Checked, Format, Reporter, Totals};
use crate::shorthand::pretty;
use crate::sink;
use anyhow::Result;
use argparse::{ArgParser, Value};
use clap::ValueEnum;
use idpool_output::{Color, Style};
use idpool_shorthand::argument::{self, Options};
use idpool_shorthand::{FileKind, Loaded, Resolver, SchemaRef};
use idpool_snippet::visible_lines;
use idpool_validate::{Code, Diagnostic, Kind, Report, Validator};
use options::{Kind as OptKind, OPERATION};
use origin::Origins;
use serde_json::{Map, Value as Json};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// The skeleton `aws cognito-identity update-identity-pool --generate-cli-skeleton` prints,
/// byte for byte (awscli 1.46.2).
pub(crate) const INPUT_SKELETON: &str = r#"{
    "IdentityPoolId": "",
    "IdentityPoolName": "",
    "AllowUnauthenticatedIdentities": true,
    "AllowClassicFlow": true,
    "SupportedLoginProviders": {
        "KeyName": ""
    },
    "DeveloperProviderName": "",
    "OpenIdConnectProviderARNs": [
        ""
    ],
    "CognitoIdentityProviders": [
        {
            "ProviderName": "",
            "ClientId": "",
            "ServerSideTokenCheck": true
        }
    ],
    "SamlProviderARNs": [
        ""
    ],
    "IdentityPoolTags": {
        "KeyName": ""
    }
}
"#;

/// The response the AWS CLI fakes for `--generate-cli-skeleton output` (botocore's
/// `ArgumentGenerator(use_member_names=True)` on the output shape). awscli 1.46.2 then rejects
/// its own fake response (aws/aws-cli#2337); idpool prints it.
fn output_skeleton() -> Json {
    serde_json::json!({
        "IdentityPoolId": "IdentityPoolId",
        "IdentityPoolName": "IdentityPoolName",
        "AllowUnauthenticatedIdentities": true,
        "AllowClassicFlow": true,
        "SupportedLoginProviders": {"KeyName": ""},
        "DeveloperProviderName": "DeveloperProviderName",
        "OpenIdConnectProviderARNs": ["ARNString"],
        "CognitoIdentityProviders": [
            {"ProviderName": "ProviderName", "ClientId": "ClientId", "ServerSideTokenCheck": true}
        ],
        "SamlProviderARNs": ["ARNString"],
        "IdentityPoolTags": {"KeyName": ""}
    })
}

/// What a command line asks for.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// `help`.
    Help,
    /// `--version`.
    Version,
    /// A request to print (and check), or a skeleton.
    Run(Box<Invocation>),
}

/// What to print, and how.
#[derive(Debug)]
pub(crate) struct Invocation {
    /// The request, members in model order.
    pub(crate) request: Json,
    pub(crate) skeleton: Option<Skeleton>,
    pub(crate) style: Style,
    /// `--query`, compiled.
    pub(crate) query: Option<Query>,
    pub(crate) color: Color,
    pub(crate) region: Option<String>,
    pub(crate) validate: bool,
    pub(crate) debug: bool,
    /// The `--debug` log, one line per step.
    pub(crate) log: Vec<String>,
    /// Shorthand warnings, rendered.
    pub(crate) warnings: Vec<String>,
    /// Where each member came from, to report its problems there.
    pub(crate) origins: Origins,
    /// `--quiet`: no infos.
    pub(crate) quiet: bool,
    /// `--format`: how the request's problems are reported.
    pub(crate) format: Format,
}

/// `--generate-cli-skeleton`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skeleton {
    Input,
    Output,
}

/// A command line that cannot be run: exit status 2, nothing on standard output.
#[derive(Debug)]
pub(crate) struct Refusal {
    /// The message for people (possibly several lines, with a caret rendering).
    pub(crate) message: String,
    /// How the AWS CLI words it, when idpool knows.
    pub(crate) aws: Option<String>,
    /// The `--debug` log up to the refusal.
    pub(crate) log: Vec<String>,
}

impl Refusal {
    /// A refusal with `message`, after the steps of `log`.
    fn new(message: impl Into<String>, log: &[String]) -> Self {
        Self {
            message: message.into(),
            aws: None,
            log: log.to_vec(),
        }
    }
}

/// Reads a command line (the tokens after `update-identity-pool`), loading files through
/// `resolver`.
pub(crate) fn interpret(tokens: &[String], resolver: &dyn Resolver) -> Result<Outcome, Refusal> {
    let mut log = Vec::new();

    // Pass 1: the global options, wherever they are, and the service name.
    let mut argv = vec![
        "cognito-identity".to_owned(),
        "update-identity-pool".to_owned(),
    ];
    argv.extend(tokens.iter().cloned());
    let globals = match options::main_parser().parse_known(&argv) {
        Ok(parsed) => parsed,
        Err(argparse::Error::Version) => return Ok(Outcome::Version),
        Err(error) => return Err(argparse_refusal(error)),
    };
    let debug = globals.flag("debug");
    for opt in options::GLOBAL.iter().filter(|o| o.inert) {
        if globals.get(options::dest(opt.name)).is_some() {
            log.push(format!("{} has no effect offline", opt.name));
        }
    }
    if let Err(message) = check_globals(&globals) {
        return Err(Refusal::new(format!("error: {message}\n"), &log));
    }
    let query = match globals
        .one("query")
        .map(|text| (text, Query::compile(text)))
    {
        None => None,
        Some((_, Ok(query))) => Some(query),
        Some((text, Err(error))) => {
            return Err(Refusal::new(
                format!("error: bad value for --query {text}: {error}\n"),
                &log,
            ));
        }
    };
    let style = match globals.one("output") {
        Some(style) => style.parse().expect("argparse checked the choice"),
        None => Style::Json,
    };
    let color = match globals.one("color") {
        Some(color) => color.parse().expect("argparse checked the choice"),
        None => Color::Auto,
    };

    // Pass 2: the operation name, which the service parser takes first.
    let rest = match options::service_parser().parse_known(&globals.extras) {
        Ok(parsed) => parsed,
        Err(error) => return Err(argparse_refusal(error)),
    };
    match rest.one("operation") {
        Some("update-identity-pool") => {}
        other => {
            return Err(Refusal::new(
                format!(
                    "error: expected the operation update-identity-pool, found {:?}\n",
                    other.unwrap_or_default()
                ),
                &log,
            ));
        }
    }
    let tokens = &rest.extras;
    if tokens.len() == 1 && tokens[0] == "help" {
        return Ok(Outcome::Help);
    }

    // Pass 3: the operation's arguments.
    let parser = operation_parser(tokens, &mut log);
    let parsed = match parser.parse_known(tokens) {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut refusal = argparse_refusal(error);
            refusal.log = log;
            return Err(refusal);
        }
    };
    let unknown = unknown_tokens(&parsed);
    if !unknown.is_empty() {
        return Err(Refusal::new(unknown_options(&unknown, &parser), &log));
    }
    if debug {
        log.push(format!(
            "options given: {}",
            globals
                .seen
                .iter()
                .chain(&parsed.seen)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }

    let mut request = build_request(&parsed, resolver, &mut log)?;
    merge_cli_input(&parsed, resolver, &mut request, &mut log)?;
    let skeleton = match parsed.one("generate-cli-skeleton") {
        Some("input") => Some(Skeleton::Input),
        Some(_) => Some(Skeleton::Output),
        None => None,
    };
    if skeleton != Some(Skeleton::Input) {
        if let Err(message) = check_client(&globals) {
            return Err(Refusal::new(format!("error: {message}\n"), &log));
        }
        if let Some(refusal) = request.binary {
            return Err(refusal);
        }
    }
    Ok(Outcome::Run(Box::new(Invocation {
        request: Json::Object(model_order(request.map)),
        skeleton,
        style,
        query,
        color,
        region: globals.one("region").map(str::to_owned),
        validate: !parsed.flag("no-validate"),
        debug,
        log,
        warnings: request.warnings,
        origins: request.origins,
        quiet: parsed.flag("quiet"),
        format: match parsed.one("format") {
            Some(format) => Format::from_str(format, true).expect("argparse checked the choice"),
            None => Format::Human,
        },
    })))
}

/// The checks the AWS CLI makes of global options before it does anything else, so that idpool
/// refuses what it refuses.
fn check_globals(globals: &argparse::Parsed) -> Result<(), String> {
    for (option, name) in [
        ("cli-read-timeout", "read"),
        ("cli-connect-timeout", "connect"),
    ] {
        if let Some(value) = globals.one(option) {
            match python_int(value) {
                None => {
                    return Err(format!(
                        "--{option} takes a whole number of seconds, not {value:?}"
                    ));
                }
                Some(n) if n < 0 => {
                    return Err(format!(
                        "--{option}: the {name} timeout cannot be negative ({n}); 0 means no timeout"
                    ));
                }
                Some(_) => {}
            }
        }
    }
    if let Some(url) = globals.one("endpoint-url")
        && !has_scheme(url)
    {
        return Err(format!(
            "bad value for --endpoint-url {url:?}: the scheme is missing; write http://<hostname>/ or https://<hostname>/"
        ));
    }
    Ok(())
}

/// The checks botocore makes when it creates the client, which `--generate-cli-skeleton input`
/// never does: the endpoint's host and the region's form.
fn check_client(globals: &argparse::Parsed) -> Result<(), String> {
    if let Some(url) = globals.one("endpoint-url") {
        check_endpoint_url(url)?;
    }
    if let Some(region) = globals.one("region") {
        let label = |c: char| c.is_ascii_alphanumeric() || c == '-';
        let valid = !region.is_empty()
            && region.len() <= 63
            && region.chars().all(label)
            && !region.chars().all(|c| c.is_ascii_digit())
            && !region.starts_with('-')
            && !region.ends_with('-');
        if !valid {
            return Err(format!(
                "--region {region:?} is not a region name (letters, digits and `-`, such as us-east-1)"
            ));
        }
    }
    Ok(())
}

/// Python's `int()` of a string: surrounding whitespace, a sign, and `_` between digits.
fn python_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let well_formed = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
    if !well_formed {
        return None;
    }
    let value: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The end of the URL's scheme (`urlparse`'s: a letter, then letters, digits, `+`, `-`, `.`).
fn scheme_end(url: &str) -> Option<usize> {
    url.find(':').filter(|&i| {
        i > 0
            && url[..i].starts_with(|c: char| c.is_ascii_alphabetic())
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

fn has_scheme(url: &str) -> bool {
    scheme_end(url).is_some()
}

/// botocore's endpoint check: a host name of DNS labels (or an IPv6 address) after the scheme.
fn check_endpoint_url(url: &str) -> Result<(), String> {
    let invalid = || Err(format!("invalid endpoint: {url}"));
    let Some(scheme_end) = scheme_end(url) else {
        return invalid();
    };
    if url.contains(['\t', '\r', '\n']) {
        return invalid();
    }
    let Some(rest) = url[scheme_end + 1..].strip_prefix("//") else {
        return invalid();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        return if host_port.contains(']') {
            Ok(())
        } else {
            invalid()
        };
    }
    let host = host_port.split(':').next().unwrap_or_default();
    let host = host.strip_suffix('.').unwrap_or(host);
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if host.is_empty() || host.len() > 255 || !host.split('.').all(label_ok) {
        return invalid();
    }
    Ok(())
}

/// The operation parser, with required arguments turned off as the AWS CLI turns them off: for
/// the exact token `--cli-input-json` (or `--cli-input-yaml`), and for `--generate-cli-skeleton`
/// unless the next token is `output`.
fn operation_parser(tokens: &[String], log: &mut Vec<String>) -> ArgParser {
    let parser = options::operation_parser();
    let skeleton = tokens
        .iter()
        .position(|t| t == "--generate-cli-skeleton")
        .is_some_and(|i| tokens.get(i + 1).map(String::as_str) != Some("output"));
    let input = tokens
        .iter()
        .find(|t| *t == "--cli-input-json" || *t == "--cli-input-yaml");
    if let Some(input) = input {
        log.push(format!("{input} given: no argument is required"));
        parser.without_required()
    } else if skeleton {
        log.push("--generate-cli-skeleton given: no argument is required".into());
        parser.without_required()
    } else {
        parser
    }
}

/// The request being built, and the warnings met.
struct Request {
    map: Map<String, Json>,
    warnings: Vec<String>,
    /// The first `fileb://` value given to a text member. The AWS CLI passes the bytes on and
    /// only botocore's validation rejects them, so the command fails after `--cli-input-json`
    /// is merged, and not at all for `--generate-cli-skeleton input`.
    binary: Option<Refusal>,
    origins: Origins,
}

/// Each argument given, processed in the AWS CLI's order (the model's): the first that fails
/// stops the command, as in the AWS CLI.
fn build_request(
    parsed: &argparse::Parsed,
    resolver: &dyn Resolver,
    log: &mut Vec<String>,
) -> Result<Request, Refusal> {
    let options = Options {
        resolver,
        strict: false,
    };
    let mut request = Request {
        map: Map::new(),
        warnings: Vec::new(),
        binary: None,
        origins: Origins::default(),
    };
    for opt in OPERATION {
        let Some(member) = opt.member else { continue };
        let Some(value) = parsed.get(options::dest(opt.name)) else {
            continue;
        };
        let values = match (opt.kind, value) {
            (OptKind::FlagPair(_), Value::Flag(flag)) => {
                log.push(format!("{member}: {flag} (flag)"));
                request.map.insert(member.to_owned(), Json::Bool(*flag));
                continue;
            }
            (_, Value::One(one)) => std::slice::from_ref(one),
            (OptKind::Value, Value::List(_)) => {
                // `--option=--`: argparse drops the `--` and stores an empty list, which the
                // AWS CLI passes on as is.
                log.push(format!("{member}: `--` is dropped by argparse, leaving []"));
                request
                    .map
                    .insert(member.to_owned(), Json::Array(Vec::new()));
                continue;
            }
            (_, Value::List(list)) => list.as_slice(),
            _ => continue,
        };
        let member_schema = SchemaRef::new(params::schema())
            .property(member)
            .expect("every member is in the schema");
        match argument::process(opt.name, member_schema, values, &options) {
            Ok(processed) => {
                if processed.steps.is_empty() {
                    log.push(format!("{}: taken as given", opt.name));
                }
                log.extend(processed.steps.iter().cloned());
                for (index, warning) in &processed.warnings {
                    request.warnings.push(format!(
                        "in value {} of {}:\n{}",
                        index + 1,
                        opt.name,
                        warning.render()
                    ));
                }
                request
                    .origins
                    .argument(member, opt.name, values, &processed);
                request.map.insert(member.to_owned(), processed.value);
            }
            Err(error) => {
                let refusal = Refusal {
                    message: error.render(),
                    aws: error.aws_message(),
                    log: log.clone(),
                };
                let binary_text = opt.kind == OptKind::Value
                    && matches!(error.kind(), argument::ArgumentErrorKind::Binary);
                if !binary_text {
                    return Err(refusal);
                }
                log.push(format!("{}: binary contents for a text member", opt.name));
                // Present, so that --cli-input-json does not replace it; never printed.
                request.map.insert(member.to_owned(), Json::Null);
                request.binary.get_or_insert(refusal);
            }
        }
    }
    Ok(request)
}

/// `--cli-input-json` / `--cli-input-yaml`: members the command line did not give are added.
fn merge_cli_input(
    parsed: &argparse::Parsed,
    resolver: &dyn Resolver,
    request: &mut Request,
    log: &mut Vec<String>,
) -> Result<(), Refusal> {
    let json = parsed.one("cli-input-json");
    let yaml = parsed.one("cli-input-yaml");
    let (option, text, is_yaml) = match (json, yaml) {
        (None, None) => return Ok(()),
        (Some(_), Some(_)) => {
            return Err(Refusal::new(
                "error: give --cli-input-json or --cli-input-yaml, not both (only one \
                 --cli-input- parameter may be specified)\n",
                log,
            ));
        }
        (Some(text), None) => ("--cli-input-json", text, false),
        (None, Some(text)) => ("--cli-input-yaml", text, true),
    };
    let given = text;
    let text = load_input(option, text, resolver, log)?;
    let data = if is_yaml {
        yaml_to_json(&text)
    } else {
        crate::input::parse_json(&text)
    };
    let language = if is_yaml { "YAML" } else { "JSON" };
    let data = data.map_err(|message| Refusal {
        aws: (!is_yaml).then(|| {
            format!(
                "Error parsing parameter 'cli-input-json': Invalid JSON: {message}\nJSON received: {text}"
            )
        }),
        ..Refusal::new(
            format!(
                "error: in the value of {option}: invalid {language}: {message}\n{}",
                file_hint(given)
            ),
            log,
        )
    })?;
    let Json::Object(data) = data else {
        return Err(Refusal::new(
            format!(
                "error: in the value of {option}: expected an object of request members, found {}\n",
                json_type(&data)
            ),
            log,
        ));
    };
    let mut added = Vec::new();
    let mut kept = Vec::new();
    for (key, value) in data {
        if request.map.contains_key(&key) {
            kept.push(key);
        } else {
            added.push(key.clone());
            request.map.insert(key, value);
        }
    }
    let file = given.strip_prefix("file://");
    request
        .origins
        .cli_input(option, file, &text, is_yaml, &added);
    log.push(format!(
        "{option}: added {}; the command line's kept: {}",
        list_or_none(&added),
        list_or_none(&kept)
    ));
    Ok(())
}

fn list_or_none(keys: &[String]) -> String {
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}

/// A help line for a `--cli-input-json` value that is not JSON but names a file: the AWS CLI
/// reads a file only when the value starts with `file://`.
fn file_hint(value: &str) -> String {
    let is_file = !value.starts_with("file://")
        && !value.starts_with("fileb://")
        && !value.trim_start().starts_with(['{', '['])
        && std::path::Path::new(value).is_file();
    if is_file {
        format!("  = help: `{value}` is a file: did you mean `file://{value}`?\n")
    } else {
        String::new()
    }
}

/// The text of `--cli-input-json`: the value, or the file it names (`file://`, `fileb://`; never
/// a URL, as in the AWS CLI).
fn load_input(
    option: &str,
    value: &str,
    resolver: &dyn Resolver,
    log: &mut Vec<String>,
) -> Result<String, Refusal> {
    let (kind, path) = if let Some(path) = value.strip_prefix("file://") {
        (FileKind::Text, path)
    } else if let Some(path) = value.strip_prefix("fileb://") {
        (FileKind::Binary, path)
    } else {
        return Ok(value.to_owned());
    };
    let text = match resolver.load(path, kind) {
        Ok(Loaded::Text(text)) => text,
        Ok(Loaded::Bytes(bytes)) => String::from_utf8(bytes).map_err(|_| {
            Refusal::new(
                format!("error: in the value of {option}: {value} is not UTF-8 text\n"),
                log,
            )
        })?,
        Err(error) => {
            return Err(Refusal {
                aws: Some(error.aws_message(value)),
                ..Refusal::new(
                    format!("error: in the value of {option}: cannot load `{value}`: {error}\n"),
                    log,
                )
            });
        }
    };
    log.push(format!("{option}: read {value} ({} bytes)", text.len()));
    Ok(text)
}

/// A YAML document as JSON: mappings with string keys, sequences and scalars (YAML 1.2 core
/// schema, as AWS CLI v2's loader reads it).
fn yaml_to_json(text: &str) -> Result<Json, String> {
    use saphyr::{LoadableYamlNode, Scalar, Yaml};
    fn convert(node: &Yaml<'_>) -> Result<Json, String> {
        Ok(match node {
            Yaml::Value(Scalar::Null) => Json::Null,
            Yaml::Value(Scalar::Boolean(b)) => Json::Bool(*b),
            Yaml::Value(Scalar::Integer(i)) => Json::from(*i),
            Yaml::Value(Scalar::FloatingPoint(f)) => serde_json::Number::from_f64(f.into_inner())
                .map(Json::Number)
                .ok_or_else(|| format!("{} cannot be represented in JSON", f.into_inner()))?,
            Yaml::Value(Scalar::String(s)) => Json::String(s.to_string()),
            Yaml::Sequence(items) => {
                Json::Array(items.iter().map(convert).collect::<Result<_, _>>()?)
            }
            Yaml::Mapping(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    let Yaml::Value(Scalar::String(key)) = key else {
                        return Err("a mapping key is not a string".into());
                    };
                    map.insert(key.to_string(), convert(value)?);
                }
                Json::Object(map)
            }
            Yaml::Representation(text, _, _) => Json::String(text.to_string()),
            Yaml::Tagged(_, inner) => convert(inner)?,
            Yaml::Alias(_) => return Err("aliases are not supported".into()),
            Yaml::BadValue => return Err("a value could not be read".into()),
        })
    }
    let documents = Yaml::load_from_str(text).map_err(|e| e.to_string())?;
    match documents.as_slice() {
        [document] => convert(document),
        [] => Err("the document is empty".into()),
        _ => Err("expected one YAML document, found several".into()),
    }
}

fn json_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// The members of the model in its order, then any others in the order given.
pub(crate) fn model_order(map: Map<String, Json>) -> Map<String, Json> {
    match in_model_order(Json::Object(map), SchemaRef::new(params::schema())) {
        Json::Object(map) => map,
        _ => unreachable!("an object stays an object"),
    }
}

/// `value` with the members of every structure in the model's order (others after them, in
/// the order given), as the AWS CLI prints a response: it parses the response by the output
/// shape, structure by structure. Map keys keep their order.
fn in_model_order(value: Json, schema: SchemaRef<'_>) -> Json {
    match value {
        Json::Object(mut map) => {
            let mut ordered = Map::new();
            for name in schema.property_names() {
                if let Some(member) = map.shift_remove(name) {
                    let member = match schema.property(name) {
                        Some(member_schema) => in_model_order(member, member_schema),
                        None => member,
                    };
                    ordered.insert(name.to_owned(), member);
                }
            }
            for (key, member) in map {
                let member = match schema.values() {
                    Some(values) => in_model_order(member, values),
                    None => member,
                };
                ordered.insert(key, member);
            }
            Json::Object(ordered)
        }
        Json::Array(items) => match schema.items() {
            Some(item_schema) => Json::Array(
                items
                    .into_iter()
                    .map(|item| in_model_order(item, item_schema))
                    .collect(),
            ),
            None => Json::Array(items),
        },
        other => other,
    }
}

fn argparse_refusal(error: argparse::Error) -> Refusal {
    let hint = match &error {
        argparse::Error::Required(_) => {
            "\n  = help: usage: idpool update-identity-pool --identity-pool-id <value> \
             --identity-pool-name <value> --allow-unauthenticated-identities | \
             --no-allow-unauthenticated-identities [options]"
        }
        argparse::Error::ExpectedOne { .. } => {
            "\n  = help: a value that starts with `-` must be given as --option=value"
        }
        argparse::Error::IgnoredExplicit { .. } => {
            "\n  = help: a flag takes no value: write --flag or --no-flag"
        }
        _ => "",
    };
    Refusal::new(format!("error: {error}{hint}\n"), &[])
}

/// The tokens the operation's parser did not take, as the AWS CLI lists them in `Unknown
/// options: ...`: those argparse left over, in order, then the one the `help` positional took.
pub(crate) fn unknown_tokens(parsed: &argparse::Parsed) -> Vec<String> {
    let mut unknown = parsed.extras.clone();
    if let Some(Value::One(help)) = parsed.get("help") {
        unknown.push(help.clone());
    }
    unknown
}

/// The most unknown options [`unknown_options`] gives a hint for.
const MAX_HINTS: usize = 20;

/// `Unknown options: a, b`, with what each may have meant.
fn unknown_options(unknown: &[String], parser: &ArgParser) -> String {
    let mut message = format!("error: unknown options: {}\n", unknown.join(", "));
    let known: Vec<&str> = parser
        .actions()
        .iter()
        .filter_map(|a| a.option)
        .chain(options::GLOBAL.iter().map(|o| o.name))
        .collect();
    // One hint per distinct token, however often it is repeated, for the first few only: a
    // hint costs a did-you-mean search, and nobody reads thousands of them.
    let mut hinted = std::collections::HashSet::new();
    let distinct = unknown.iter().filter(|t| hinted.insert(t.as_str()));
    for token in distinct.take(MAX_HINTS) {
        if token.starts_with("--") {
            let name = token.split_once('=').map_or(token.as_str(), |(n, _)| n);
            if let Some(best) = idpool_validate::suggest(name, &known) {
                message.push_str(&format!("  = help: {name}: did you mean {best}?\n"));
            }
        } else {
            message.push_str(&format!(
                "  = help: no option takes `{token}`: flags and unknown options take no value, \
                 and a value that starts with `-` must be given as --option=value\n"
            ));
        }
    }
    message
}

/// Runs `idpool update-identity-pool`.
pub(crate) fn run(args: Vec<OsString>) -> Result<ExitCode> {
    let mut stderr = sink::stderr();
    let mut tokens = Vec::with_capacity(args.len());
    for (i, arg) in args.into_iter().enumerate() {
        match arg.into_string() {
            Ok(token) => tokens.push(token),
            Err(raw) => {
                let message = format!(
                    "error: argument {} is not valid UTF-8: {}",
                    i + 1,
                    raw.to_string_lossy()
                );
                writeln!(stderr, "{}", visible_lines(&message))?;
                return Ok(ExitCode::from(2));
            }
        }
    }
    if matches!(tokens.first().map(String::as_str), Some("--help" | "-h")) {
        sink::print(options::command().render_long_help().to_string().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let invocation = match interpret(&tokens, &FileSystem) {
        Ok(Outcome::Help) => {
            sink::print(options::command().render_long_help().to_string().as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Ok(Outcome::Version) => {
            sink::print(format!("idpool {}\n", env!("CARGO_PKG_VERSION")).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Ok(Outcome::Run(invocation)) => invocation,
        Err(refusal) => {
            if tokens.iter().any(|t| t == "--debug") {
                for line in &refusal.log {
                    writeln!(stderr, "debug: {}", visible_lines(line))?;
                }
                if let Some(aws) = &refusal.aws {
                    let line = format!("debug: the AWS CLI fails with: {aws}");
                    writeln!(stderr, "{}", visible_lines(&line))?;
                }
            }
            stderr.write_all(visible_lines(&refusal.message).as_bytes())?;
            return Ok(ExitCode::from(2));
        }
    };
    if invocation.debug {
        for line in &invocation.log {
            writeln!(stderr, "debug: {}", visible_lines(line))?;
        }
    }
    for warning in &invocation.warnings {
        stderr.write_all(visible_lines(warning).as_bytes())?;
    }
    execute(&invocation, &mut stderr)
}

/// Prints what the invocation asks for and checks the request.
fn execute(invocation: &Invocation, stderr: &mut dyn Write) -> Result<ExitCode> {
    let mut stdout = sink::stdout();
    let color_stderr = match invocation.color {
        Color::On => true,
        Color::Off => false,
        Color::Auto => {
            io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = format!("{}\n", pretty(&invocation.request));
    let report =
        (invocation.validate || invocation.skeleton == Some(Skeleton::Output)).then(|| {
            Validator::get(Kind::Request)
                .validate_str_limited(&text, crate::validate::MAX_DIAGNOSTICS)
        });
    match invocation.skeleton {
        Some(Skeleton::Input) => {
            if invocation.debug {
                writeln!(
                    stderr,
                    "debug: --generate-cli-skeleton input: printing the request skeleton"
                )?;
            }
            stdout.write_all(INPUT_SKELETON.as_bytes())?;
            stdout.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Skeleton::Output) => {
            let report = report.expect("output skeletons validate");
            if !report.is_valid() {
                problems(stderr, invocation, &text, report, Vec::new(), color_stderr)?;
                return Ok(ExitCode::from(1));
            }
            let printed = print_shaped(invocation, &output_skeleton(), &mut stdout, stderr)?;
            stdout.flush()?;
            return Ok(printed);
        }
        None => {}
    }
    // A request that cannot be printed (a --query error, a table the AWS CLI cannot draw) is
    // still checked: the AWS CLI validates before it sends and prints, so an invalid request is
    // reported as such (exit status 1), a valid one as the printing error (2).
    let printed = print_shaped(invocation, &invocation.request, &mut stdout, stderr)?;
    stdout.flush()?;
    let lints: Vec<Diagnostic> = region_warning(invocation, &text).into_iter().collect();
    let valid = report.as_ref().is_none_or(Report::is_valid);
    let report = report.unwrap_or(Report {
        kind: Kind::Request,
        diagnostics: Vec::new(),
        omitted: Default::default(),
    });
    if !report.diagnostics.is_empty() || report.omitted.total() > 0 || !lints.is_empty() {
        problems(stderr, invocation, &text, report, lints, color_stderr)?;
    }
    Ok(if !valid { ExitCode::from(1) } else { printed })
}

/// The table title awscli uses for `aws cognito-identity update-identity-pool`: the name of
/// the API operation (`CLIOperationCaller.invoke` passes it to the formatter as
/// `command_name`).
const COMMAND_NAME: &str = "UpdateIdentityPool";

/// A value the AWS CLI cannot print: what it printed before failing, and why.
#[derive(Debug)]
struct Failure {
    output: String,
    message: String,
}

/// The value printed: `--query` applied, then the `--output` style; or, when the AWS CLI
/// cannot print it, what it printed before failing and why.
fn shaped(invocation: &Invocation, value: &Json) -> Result<String, Failure> {
    let value = match &invocation.query {
        Some(query) => query.search(value).map_err(|e| Failure {
            output: String::new(),
            message: e.to_string(),
        })?,
        None => value.clone(),
    };
    let options = idpool_output::Options {
        title: COMMAND_NAME,
        color: invocation.color,
        stdout: idpool_output::Stdout::detect(),
    };
    idpool_output::render(invocation.style, &value, &options).map_err(|error| Failure {
        output: error.output().to_owned(),
        message: error.to_string(),
    })
}

/// Prints the shaped value; a value the style cannot print is an error (exit status 2) after
/// whatever the AWS CLI prints before failing.
fn print_shaped(
    invocation: &Invocation,
    value: &Json,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<ExitCode> {
    match shaped(invocation, value) {
        Ok(text) => {
            stdout.write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            stdout.write_all(failure.output.as_bytes())?;
            let message = format!(
                "error: cannot print the request with --output {}: {}",
                invocation.style, failure.message
            );
            writeln!(stderr, "{}", visible_lines(&message))?;
            Ok(ExitCode::from(2))
        }
    }
}

/// Reports the problems of the request (printed as `text`) and `lints` in the `--format`
/// asked for, each where its member was written (see [`origin`]). The aws format words the
/// request as the service would, so it keeps them together, in the printed request.
fn problems(
    out: &mut dyn Write,
    invocation: &Invocation,
    text: &str,
    mut report: Report,
    lints: Vec<Diagnostic>,
    color: bool,
) -> io::Result<()> {
    let format = invocation.format;
    let options = report::Options {
        kind: Kind::Request,
        deny: report::Deny::default(),
        quiet: invocation.quiet,
        color: color && format == Format::Human,
        omitted_hint: "",
    };
    let excerpts = Reporter::shows_excerpts(format);
    let files = if format == Format::Aws {
        report.diagnostics.splice(0..0, lints);
        vec![Checked::new(
            origin::REQUEST.into(),
            text.as_bytes(),
            report,
            excerpts,
        )]
    } else {
        invocation.origins.attribute(text, report, lints, excerpts)
    };
    let mut reporter = Reporter::new(format, &options);
    if format == Format::Human {
        // No summary: there is one request.
        return files.iter().try_for_each(|file| reporter.file(out, file));
    }
    reporter.begin(out)?;
    let mut totals = Totals::default();
    for file in &files {
        totals.add(Totals::of(file, &options));
        reporter.file(out, file)?;
    }
    reporter.end(out, &totals)
}

/// A warning when `--region` is not the region of the identity pool id, at the id.
fn region_warning(invocation: &Invocation, text: &str) -> Option<Diagnostic> {
    let region = invocation.region.as_deref()?;
    let id = invocation.request.get("IdentityPoolId")?.as_str()?;
    let (pool_region, _) = id.split_once(':')?;
    if pool_region == region {
        return None;
    }
    let mut warning = Diagnostic::lint(
        Code::RegionOption,
        format!("the identity pool id {id:?} is in {pool_region}, but --region is {region}"),
        Some(
            "the service looks the pool up in the region the request is sent to, and will not \
             find it"
                .into(),
        ),
    );
    warning.pointer = "/IdentityPoolId".into();
    if let Some(found) = idpool_validate::locate(text, &warning.pointer) {
        warning.start = idpool_validate::position(text, found.value.start);
        warning.end = idpool_validate::position(text, found.value.end);
        warning.span = found.value;
    }
    Some(warning)
}

#[cfg(test)]
mod tests;
