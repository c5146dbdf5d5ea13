//! `idpool to-cli`: the `aws cognito-identity COMMAND` that sends a request of an operation
//! (UpdateIdentityPool unless `--operation` names another).
//!
//! Each member becomes the argument the AWS CLI reads back into exactly that value: a flag for
//! a boolean, the plain value for a string, shorthand for maps and providers where it round
//! trips, JSON where it does not. What no argument can carry (a string that the AWS CLI would
//! read as a file name, a value of the wrong type, a member the model does not have) goes into
//! `--cli-input-json`, which the command line never overrides for those members.

use crate::aws;
use crate::input::{self, Size};
use crate::params;
use crate::sink;
use anyhow::{Result, bail};
use idpool_awscli::options::{self, Kind as OptKind};
use idpool_model::service::Operation;
use idpool_shorthand::{NoFiles, SchemaRef, render};
use idpool_validate::{Code, Kind, Validator};
use serde_json::{Map, Value as Json};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  idpool to-cli examples/update-identity-pool.request.json
  idpool to-cli --operation set-identity-pool-roles roles.json")]
pub(crate) struct Args {
    /// The request JSON file (`-` for standard input).
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// The operation of the request, as `SetIdentityPoolRoles` or `set-identity-pool-roles`
    /// [default: update-identity-pool].
    #[arg(long, value_name = "OP", value_parser = crate::operation::parse)]
    operation: Option<&'static Operation>,

    /// Start the command with `idpool` (`idpool update-identity-pool`, `idpool cognito-identity
    /// COMMAND`) instead of `aws cognito-identity COMMAND`.
    #[arg(long)]
    idpool: bool,

    /// The largest file read, such as 512K or 16M (default 64M, or IDPOOL_MAX_SIZE).
    #[arg(long, value_name = "SIZE")]
    max_size: Option<Size>,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    if let Some(size) = args.max_size {
        input::set_max_size(size);
    }
    let (bytes, what) = if args.file.as_os_str() == "-" {
        (input::read_stdin(), "standard input".to_owned())
    } else {
        (
            input::read_file(&args.file),
            args.file.display().to_string(),
        )
    };
    let bytes = bytes.map_err(|e| anyhow::anyhow!(e.describe(&what)))?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{what} is not UTF-8"))?;
    let request: Json = crate::input::parse_json(&text)
        .map_err(|message| anyhow::anyhow!("{what} is not JSON: {message}"))?;
    // serde_json keeps the last of a key given twice, silently, as the AWS CLI does: say so, as
    // `validate` does.
    let operation = args.operation.unwrap_or_else(crate::operation::default);
    let diagnostics = Validator::for_operation(operation, Kind::Request)
        .map(|validator| validator.validate_str(&text).diagnostics)
        .unwrap_or_default();
    let mut stderr = sink::stderr();
    for d in diagnostics.iter().filter(|d| d.code == Code::DuplicateKey) {
        let line = format!(
            "{what}:{}:{}: warning[{}]: {}",
            d.start.line,
            d.start.column,
            d.code.as_str(),
            d.message
        );
        writeln!(stderr, "{}", idpool_snippet::visible(&line))?;
    }
    let Json::Object(request) = request else {
        bail!("{} holds no JSON object", args.file.display());
    };
    let missing: Vec<&str> = options::table(operation)
        .members()
        .filter(|(member, opt)| opt.required && !request.contains_key(*member))
        .map(|(member, _)| member)
        .collect();
    if !missing.is_empty() {
        writeln!(
            stderr,
            "warning: the request has no {}; the AWS CLI refuses the command without it",
            missing.join(", ")
        )?;
    }
    let program = if args.idpool {
        aws::program(operation, operation == crate::operation::default())
    } else {
        format!("aws cognito-identity {}", operation.command)
    };
    let mut words: Vec<String> = program.split(' ').map(str::to_owned).collect();
    words.extend(arguments(operation, &request));
    let line: Vec<String> = words.iter().map(|w| quote(w)).collect();
    sink::print(format!("{}\n", line.join(" ")).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The arguments (unquoted) that make the AWS CLI send `request`.
///
/// The whole command line is read back as the AWS CLI reads it; a member that does not come
/// back as it is (such as a string `--`, which argparse drops) moves into `--cli-input-json`.
pub(crate) fn arguments(operation: &'static Operation, request: &Map<String, Json>) -> Vec<String> {
    let mut in_json = BTreeSet::new();
    loop {
        let words = arguments_with(operation, request, &in_json);
        let read_back = read_back(operation, &words);
        let differing: Vec<&String> = request
            .iter()
            .filter(|(member, value)| {
                !in_json.contains(member.as_str()) && read_back.get(member.as_str()) != Some(*value)
            })
            .map(|(member, _)| member)
            .collect();
        if differing.is_empty() {
            return words;
        }
        in_json.extend(differing.into_iter().cloned());
    }
}

/// The request the AWS CLI builds from `words` (empty if it refuses them), with argparse's
/// required checks off, so that a request without a required member is compared too.
fn read_back(operation: &'static Operation, words: &[String]) -> Map<String, Json> {
    let mut line = words.to_vec();
    if !line.iter().any(|w| w == "--cli-input-json") {
        line.extend(["--cli-input-json".to_owned(), "{}".to_owned()]);
    }
    let program = aws::program(operation, false);
    match aws::interpret(operation, &program, &line, &NoFiles) {
        Ok(aws::Outcome::Run(invocation)) => match invocation.request {
            Json::Object(map) => map,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

/// The arguments, with the members of `in_json` (and those no argument can carry) in
/// `--cli-input-json`.
fn arguments_with(
    operation: &'static Operation,
    request: &Map<String, Json>,
    in_json: &BTreeSet<String>,
) -> Vec<String> {
    let table = options::table(operation);
    let mut words = Vec::new();
    let mut rest = Map::new();
    for (member, value) in request {
        let opt = table
            .members()
            .find(|(m, _)| m == member)
            .map(|(_, opt)| opt)
            .filter(|_| !in_json.contains(member));
        let Some(opt) = opt else {
            rest.insert(member.clone(), value.clone());
            continue;
        };
        let member_schema = params::schema_of(operation)
            .and_then(|schema| SchemaRef::new(schema).property(member))
            .expect("every member is in the schema");
        match argument_words(opt.name, opt.kind, member_schema, value) {
            Some(more) => words.extend(more),
            None => {
                rest.insert(member.clone(), value.clone());
            }
        }
    }
    if !rest.is_empty() {
        // Members in model order, so the JSON reads like the request.
        words.push("--cli-input-json".into());
        words.push(Json::Object(idpool_awscli::model_order(operation, rest)).to_string());
    }
    words
}

/// The words for one member, or `None` when only `--cli-input-json` can carry it.
fn argument_words(
    option: &'static str,
    kind: OptKind,
    schema: SchemaRef<'_>,
    value: &Json,
) -> Option<Vec<String>> {
    let words = match (kind, value) {
        (OptKind::FlagPair(_), Json::Bool(true)) => vec![option.to_owned()],
        (OptKind::FlagPair(negative), Json::Bool(false)) => vec![negative.to_owned()],
        (OptKind::Value, Json::String(text)) if !names_a_file(text) => single(option, text.clone()),
        (OptKind::Value, Json::Number(number)) => single(option, number.to_string()),
        (OptKind::Value, Json::Object(_)) => {
            let token = match render(value, schema) {
                Ok(tokens) if tokens.len() == 1 && !names_a_file(&tokens[0]) => {
                    tokens.into_iter().next().expect("one token")
                }
                _ => value.to_string(),
            };
            single(option, token)
        }
        (OptKind::List, Json::Array(items)) => {
            let mut words = vec![option.to_owned()];
            words.extend(list_tokens(value, items, schema));
            words
        }
        _ => return None,
    };
    Some(words)
}

/// `--option value`, or `--option=value` when the value would be read as an option.
fn single(option: &str, value: String) -> Vec<String> {
    if value.starts_with('-') {
        vec![format!("{option}={value}")]
    } else {
        vec![option.to_owned(), value]
    }
}

/// The values of a list argument: one token per item (shorthand for structures), or one JSON
/// list when that cannot be read back.
fn list_tokens(value: &Json, items: &[Json], schema: SchemaRef<'_>) -> Vec<String> {
    let tokens: Option<Vec<String>> = if items.iter().all(Json::is_string) {
        Some(
            items
                .iter()
                .map(|i| i.as_str().expect("a string").to_owned())
                .collect(),
        )
    } else {
        render(value, schema).ok()
    };
    match tokens {
        Some(tokens) if tokens_read_back(&tokens) => tokens,
        _ => vec![value.to_string()],
    }
}

/// Whether argparse and the AWS CLI take these tokens as the items they are: none may look like
/// an option, and a single one must not name a file or start like JSON.
fn tokens_read_back(tokens: &[String]) -> bool {
    let plain = tokens.iter().all(|t| !t.starts_with('-'));
    let single_ok = match tokens {
        [only] => {
            !names_a_file(only)
                && !only
                    .trim_matches(|c: char| c.is_whitespace())
                    .starts_with(['[', '{'])
        }
        _ => true,
    };
    plain && single_ok
}

/// Whether the AWS CLI would load a top-level value as a file or URL instead of taking it.
fn names_a_file(value: &str) -> bool {
    ["file://", "fileb://", "http://", "https://"]
        .iter()
        .any(|prefix| value.starts_with(prefix))
}

/// A word quoted for a POSIX shell: as is when it holds only safe characters, otherwise in
/// single quotes (a `'` inside becomes `'\''`).
pub(crate) fn quote(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    use serde_json::json;

    /// For every operation: requests generated from its shape table, written as a command by
    /// `to-cli --operation`, split as a shell splits the line and read back as the AWS CLI
    /// reads it, are the request, byte for byte.
    #[test]
    fn every_operations_requests_round_trip() {
        for operation in idpool_model::service::OPERATIONS {
            let strategy = idpool_model::strategy::valid(operation.input.unwrap());
            let mut runner = TestRunner::deterministic();
            let program = aws::program(operation, false);
            for _ in 0..40 {
                let request = strategy.new_tree(&mut runner).unwrap().current();
                let request = Json::Object(idpool_awscli::model_order(
                    operation,
                    request.as_object().unwrap().clone(),
                ));
                let words = arguments(operation, request.as_object().unwrap());
                let line: Vec<String> = words.iter().map(|w| quote(w)).collect();
                let split = shlex::split(&line.join(" ")).expect("the line splits");
                assert_eq!(split, words);
                match aws::interpret(operation, &program, &split, &NoFiles) {
                    Ok(aws::Outcome::Run(run)) => assert_eq!(
                        run.request.to_string(),
                        request.to_string(),
                        "{}: {line:?}",
                        operation.command
                    ),
                    other => panic!("{}: {line:?}: {other:?}", operation.command),
                }
            }
        }
    }

    fn words(request: Json) -> Vec<String> {
        arguments(crate::operation::default(), request.as_object().unwrap())
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("us-west-2:1"), "us-west-2:1");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("{\"a\":1}"), "'{\"a\":1}'");
    }

    #[test]
    fn the_documented_example() {
        let request = json!({
            "IdentityPoolId": "us-west-2:11111111-1111-1111-1111-111111111111",
            "IdentityPoolName": "MyIdentityPool",
            "AllowUnauthenticatedIdentities": false,
            "CognitoIdentityProviders": [{
                "ProviderName": "cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",
                "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
                "ServerSideTokenCheck": false
            }]
        });
        assert_eq!(
            words(request),
            [
                "--identity-pool-id",
                "us-west-2:11111111-1111-1111-1111-111111111111",
                "--identity-pool-name",
                "MyIdentityPool",
                "--no-allow-unauthenticated-identities",
                "--cognito-identity-providers",
                "ProviderName=cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111,ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false",
            ]
        );
    }

    #[test]
    fn what_the_command_line_cannot_carry_goes_to_cli_input_json() {
        let request = json!({
            "IdentityPoolId": "us-east-1:1",
            "IdentityPoolName": "file://x",
            "AllowUnauthenticatedIdentities": "true",
            "Extra": 1
        });
        assert_eq!(
            words(request),
            [
                "--identity-pool-id",
                "us-east-1:1",
                "--cli-input-json",
                r#"{"IdentityPoolName":"file://x","AllowUnauthenticatedIdentities":"true","Extra":1}"#,
            ]
        );
    }

    #[test]
    fn a_value_argparse_drops_goes_to_cli_input_json() {
        let request = json!({"IdentityPoolId": "us-east-1:1", "IdentityPoolName": "--"});
        assert_eq!(
            words(request),
            [
                "--identity-pool-id",
                "us-east-1:1",
                "--cli-input-json",
                r#"{"IdentityPoolName":"--"}"#,
            ]
        );
    }

    #[test]
    fn values_that_look_like_options_or_json() {
        let request = json!({
            "IdentityPoolName": "-name",
            "OpenIdConnectProviderARNs": ["[x"],
            "SamlProviderARNs": ["-a", "b"],
            "SupportedLoginProviders": {"a b": "c"}
        });
        assert_eq!(
            words(request),
            [
                "--identity-pool-name=-name",
                "--open-id-connect-provider-arns",
                r#"["[x"]"#,
                "--saml-provider-arns",
                r#"["-a","b"]"#,
                "--supported-login-providers",
                r#"{"a b":"c"}"#,
            ]
        );
    }
}
