//! `idpool generate`: documents of any operation for other people's tests: valid ones, and
//! invalid ones that each break one rule of the service, labelled with the diagnostic code and
//! JSON Pointer idpool reports for them.
//!
//! The documents are those of `idpool_model::strategy` (the shape table), each drawn from a
//! number derived from the seed. An invalid one is a valid one with one value changed: one past
//! a bound, a character outside a pattern, an enum value in the wrong case, a wrong JSON type,
//! `null`, a member removed or added; its label is the one error idpool's validator reports for
//! it, which a property test of `idpool-validate` checks over every operation. The same seed
//! and version give the same bytes.

use crate::sink;
use anyhow::{Context, Result};
use idpool_model::service::{Operation, ShapeId, ShapeKind};
use idpool_model::strategy;
use idpool_shorthand::{SchemaRef, render};
use idpool_validate::{Code, Kind, Validator};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  idpool generate --operation set-identity-pool-roles --valid 5 --invalid 5
  idpool generate \\
      --operation get-id \\
      --invalid 100 \\
      --seed 7 \\
      --format json \\
      --out corpus/get-id")]
pub(crate) struct Args {
    /// The operation, as `SetIdentityPoolRoles` or `set-identity-pool-roles`
    /// [default: update-identity-pool].
    #[arg(long, value_name = "OP", value_parser = crate::operation::parse)]
    operation: Option<&'static Operation>,

    /// The document generated.
    #[arg(long, value_enum, default_value_t = KindArg::Request)]
    kind: KindArg,

    /// How many valid documents.
    #[arg(long, value_name = "N", default_value_t = 0)]
    valid: usize,

    /// How many invalid documents, each breaking one rule.
    #[arg(long, value_name = "N", default_value_t = 0)]
    invalid: usize,

    /// The seed: the same seed (and idpool version) gives the same documents.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,

    /// jsonl: one record a line on standard output, `{"operation", "valid", "document",
    /// "expect": [{"code", "pointer"}]}`; json: one file a document under --out, with the labels
    /// in `manifest.json`; cli: each valid request as the `aws cognito-identity` command line
    /// that sends it, one a line (a value holding a newline goes on inside its quotes, as a
    /// shell reads it); shorthand: each member of the valid requests that shorthand
    /// can write, one record a line, `{"operation", "member", "option", "shorthand": [...],
    /// "value"}`.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,

    /// The directory of `--format json` (created if missing).
    #[arg(long, value_name = "DIR", required_if_eq("format", "json"))]
    out: Option<PathBuf>,

    /// Print a libFuzzer/AFL dictionary of the document instead: its member names, enum values
    /// and the characters its patterns allow, as JSON tokens.
    #[arg(long, conflicts_with_all = ["valid", "invalid", "out"])]
    dict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    Request,
    Response,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Jsonl,
    Json,
    Cli,
    Shorthand,
}

/// Why the options ask for what cannot be written: `--format cli` and `shorthand` write valid
/// requests only.
fn refusal(args: &Args, kind: Kind) -> Option<String> {
    if !matches!(args.format, OutputFormat::Cli | OutputFormat::Shorthand) {
        return None;
    }
    let why = if kind == Kind::Response {
        "a response is not sent on a command line"
    } else if args.invalid > 0 {
        "only valid requests are written as command lines or shorthand"
    } else {
        return None;
    };
    let format = format!("{:?}", args.format).to_lowercase();
    Some(format!("error: --format {format}: {why}\n"))
}

/// One generated document and what idpool reports for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    pub(crate) document: Value,
    /// The code and pointer of the error it carries; empty for a valid document.
    pub(crate) expect: Vec<(Code, String)>,
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let operation = args.operation.unwrap_or_else(crate::operation::default);
    let kind = match args.kind {
        KindArg::Request => Kind::Request,
        KindArg::Response => Kind::Response,
    };
    if args.dict {
        let shape = match kind {
            Kind::Request => operation.input,
            Kind::Response => operation.output,
        };
        if let Some(shape) = shape {
            sink::print(dictionary(shape).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    if let Some(message) = refusal(&args, kind) {
        sink::stderr().write_all(message.as_bytes())?;
        return Ok(ExitCode::from(2));
    }
    let Some(samples) = generate(operation, kind, args.seed, args.valid, args.invalid) else {
        let message = format!(
            "error: {} has no {kind} body, so there is nothing to generate\n",
            operation.name
        );
        sink::stderr().write_all(message.as_bytes())?;
        return Ok(ExitCode::from(2));
    };
    // Documents are drawn as they are written, and no longer once the reader of standard output
    // is gone (`idpool generate --valid 1000000 | head`): nothing else depends on them.
    match args.format {
        OutputFormat::Jsonl => {
            let mut out = sink::stdout();
            for sample in samples {
                if out.get_ref().is_closed() {
                    break;
                }
                serde_json::to_writer(&mut out, &record(operation, &sample))?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        OutputFormat::Cli => {
            let mut out = sink::stdout();
            for sample in samples {
                if out.get_ref().is_closed() {
                    break;
                }
                out.write_all(command_line(operation, &sample.document).as_bytes())?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        OutputFormat::Shorthand => {
            let mut out = sink::stdout();
            for sample in samples {
                if out.get_ref().is_closed() {
                    break;
                }
                for record in shorthand_records(operation, &sample.document) {
                    serde_json::to_writer(&mut out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
            out.flush()?;
        }
        OutputFormat::Json => {
            let dir = args.out.expect("clap requires --out with --format json");
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?;
            let mut manifest = Vec::new();
            for (i, sample) in samples.enumerate() {
                let state = if sample.expect.is_empty() {
                    "valid"
                } else {
                    "invalid"
                };
                let name = format!("{}-{state}-{i:04}.json", operation.command);
                let text = serde_json::to_string_pretty(&sample.document)? + "\n";
                std::fs::write(dir.join(&name), text)
                    .with_context(|| format!("cannot write {}", dir.join(&name).display()))?;
                let mut entry = record(operation, &sample);
                entry.as_object_mut().map(|e| e.remove("document"));
                entry["file"] = json!(name);
                manifest.push(entry);
            }
            let path = dir.join("manifest.json");
            std::fs::write(&path, serde_json::to_string_pretty(&manifest)? + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A sample as a record of `--format jsonl`.
fn record(operation: &Operation, sample: &Sample) -> Value {
    let expect: Vec<Value> = sample
        .expect
        .iter()
        .map(|(code, pointer)| json!({ "code": code.as_str(), "pointer": pointer }))
        .collect();
    json!({
        "operation": operation.name,
        "valid": expect.is_empty(),
        "document": sample.document,
        "expect": expect,
    })
}

/// `valid` valid documents of `operation`'s `kind`, then `invalid` invalid ones, from `seed`,
/// drawn one at a time as they are asked for; `None` when the operation has no such document.
/// Document `i` is drawn from its own number, derived from `seed` and `i`, so a batch's first
/// documents do not depend on its size.
pub(crate) fn generate(
    operation: &'static Operation,
    kind: Kind,
    seed: u64,
    valid: usize,
    invalid: usize,
) -> Option<impl Iterator<Item = Sample>> {
    let shape = match kind {
        Kind::Request => operation.input,
        Kind::Response => operation.output,
    }?;
    Validator::for_operation(operation, kind)?;
    let number = move |i: usize| mix(seed ^ mix(i as u64));
    let valid_ones = (0..valid).map(move |i| Sample {
        document: strategy::valid_from_seed(shape, number(i)),
        expect: Vec::new(),
    });
    // A response's constraints are the service's output, which it does not check: only a
    // broken form is an error there.
    let constraints = kind == Kind::Request;
    let invalid_ones = (0..invalid).map(move |i| {
        let bad = strategy::invalid_from_seed(shape, constraints, number(valid.wrapping_add(i)));
        let code = Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == bad.rule.code())
            .expect("every rule is reported under a code of the validator");
        Sample {
            document: bad.document,
            expect: vec![(code, bad.pointer)],
        }
    });
    Some(valid_ones.chain(invalid_ones))
}

/// The `aws cognito-identity` command line that sends `request`, quoted for a POSIX shell (what
/// `idpool to-cli --operation` prints).
pub(crate) fn command_line(operation: &'static Operation, request: &Value) -> String {
    let empty = Map::new();
    let members = request.as_object().unwrap_or(&empty);
    let mut words = vec![
        "aws".to_owned(),
        "cognito-identity".to_owned(),
        operation.command.to_owned(),
    ];
    words.extend(crate::to_cli::arguments(operation, members));
    let quoted: Vec<String> = words.iter().map(|w| crate::to_cli::quote(w)).collect();
    quoted.join(" ")
}

/// The members of `request` that shorthand can write (structures, maps, lists of structures),
/// each as a record: the shorthand argument values, and the JSON value the AWS CLI reads them
/// as.
fn shorthand_records(operation: &'static Operation, request: &Value) -> Vec<Value> {
    let Some(schema) = crate::params::schema_of(operation) else {
        return Vec::new();
    };
    let table = idpool_awscli::options::table(operation);
    let mut records = Vec::new();
    for (member, value) in request.as_object().into_iter().flatten() {
        if !(value.is_object()
            || value
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_object)))
        {
            continue;
        }
        let Some(member_schema) = SchemaRef::new(schema).property(member) else {
            continue;
        };
        let Ok(tokens) = render(value, member_schema) else {
            continue;
        };
        if tokens.is_empty() {
            continue;
        }
        let option = table
            .members()
            .find(|(m, _)| m == member)
            .map(|(_, opt)| opt.name);
        records.push(json!({
            "operation": operation.name,
            "member": member,
            "option": option,
            "shorthand": tokens,
            "value": value,
        }));
    }
    records
}

/// SplitMix64's output function: a well-spread number from any other.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A libFuzzer/AFL dictionary of the documents of shape `id`: one `name="token"` line for each
/// member name (as a JSON key, `"Name":`), each enum value (as a JSON string) and each pattern's
/// alphabet ([`idpool_model::service::StringShape::alphabet`]), in the order they are met.
pub(crate) fn dictionary(id: ShapeId) -> String {
    let mut tokens: Vec<String> = vec!["{".into(), "}".into(), "[".into(), "]".into()];
    let mut seen = std::collections::BTreeSet::new();
    collect(id, &mut tokens, &mut seen);
    let mut out =
        String::from("# libFuzzer/AFL dictionary generated by `idpool generate --dict`\n");
    let mut unique = std::collections::BTreeSet::new();
    tokens.retain(|t| unique.insert(t.clone()));
    for (number, token) in tokens.iter().enumerate() {
        let escaped: String = token
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' => format!("\\{}", b as char),
                0x20..=0x7e => (b as char).to_string(),
                _ => format!("\\x{b:02X}"),
            })
            .collect();
        out.push_str(&format!("kw{}=\"{escaped}\"\n", number + 1));
    }
    out
}

/// The tokens of shape `id` and the shapes it reaches, each shape once.
fn collect(id: ShapeId, tokens: &mut Vec<String>, seen: &mut std::collections::BTreeSet<ShapeId>) {
    if !seen.insert(id) {
        return;
    }
    match id.shape().kind {
        ShapeKind::Structure(members) => {
            for m in members {
                tokens.push(format!("\"{}\":", m.name));
                collect(m.shape, tokens, seen);
            }
        }
        ShapeKind::List { member, .. } => collect(member, tokens, seen),
        ShapeKind::Map { key, value, .. } => {
            collect(key, tokens, seen);
            collect(value, tokens, seen);
        }
        ShapeKind::String(s) => {
            tokens.extend(s.values.iter().map(|v| format!("\"{v}\"")));
            tokens.extend(s.alphabet());
            tokens.retain(|t| !t.is_empty());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_model::service::OPERATIONS;
    use idpool_validate::Severity;

    fn batch(
        operation: &'static Operation,
        kind: Kind,
        seed: u64,
        valid: usize,
        invalid: usize,
    ) -> Vec<Sample> {
        generate(operation, kind, seed, valid, invalid)
            .unwrap()
            .collect()
    }

    #[test]
    fn a_dictionary_names_members_enums_and_alphabets() {
        let roles = idpool_model::service::operation("set-identity-pool-roles").unwrap();
        let dict = dictionary(roles.input.unwrap());
        for line in [
            r#"kw5="\"IdentityPoolId\":""#,
            r#"kw6="-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz:""#,
            r#""\"StartsWith\"""#,
        ] {
            assert!(dict.contains(line), "{line} not in\n{dict}");
        }
        assert!(
            dict.lines()
                .skip(1)
                .all(|l| l.starts_with("kw") && !l.ends_with("=\"\""))
        );
    }

    /// For every operation's documents and a few seeds: the valid ones get no error, each
    /// invalid one exactly its labelled error, as many of each as asked, the same every time.
    #[test]
    fn every_operation_gets_what_was_asked_with_its_labels() {
        for operation in OPERATIONS {
            for kind in [Kind::Request, Kind::Response] {
                let Some(validator) = Validator::for_operation(operation, kind) else {
                    assert!(generate(operation, kind, 0, 1, 1).is_none());
                    continue;
                };
                for seed in 0..3 {
                    let samples = batch(operation, kind, seed, 4, 8);
                    assert_eq!(samples, batch(operation, kind, seed, 4, 8));
                    // The first documents of a batch do not depend on its size.
                    assert_eq!(samples[..4], batch(operation, kind, seed, 4, 0)[..]);
                    let (valid, invalid): (Vec<_>, Vec<_>) =
                        samples.iter().partition(|s| s.expect.is_empty());
                    assert_eq!(valid.len(), 4, "{} {kind}", operation.name);
                    assert_eq!(invalid.len(), 8, "{} {kind} seed {seed}", operation.name);
                    for sample in samples {
                        let text = serde_json::to_string(&sample.document).unwrap();
                        let errors: Vec<(Code, String)> = validator
                            .validate_str(&text)
                            .diagnostics
                            .into_iter()
                            .filter(|d| d.severity == Severity::Error)
                            .map(|d| (d.code, d.pointer))
                            .collect();
                        assert_eq!(errors, sample.expect, "{} {kind}: {text}", operation.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_changes_are_varied() {
        let operation = idpool_model::service::operation("set-identity-pool-roles").unwrap();
        let samples = batch(operation, Kind::Request, 1, 0, 200);
        let codes: std::collections::BTreeSet<&str> =
            samples.iter().map(|s| s.expect[0].0.as_str()).collect();
        for code in [
            "IDP002", "IDP003", "IDP004", "IDP005", "IDP006", "IDP007", "IDP008", "IDP013",
        ] {
            assert!(codes.contains(code), "no {code} among {codes:?}");
        }
    }

    /// For every operation: the command lines of `--format cli`, split as a shell splits them
    /// and read by `idpool cognito-identity`, build the generated requests, byte for byte.
    #[test]
    fn command_lines_build_the_documents() {
        for operation in OPERATIONS {
            let program = crate::aws::program(operation, false);
            for seed in 0..3 {
                for sample in generate(operation, Kind::Request, seed, 6, 0).unwrap() {
                    let line = command_line(operation, &sample.document);
                    let words = shlex::split(&line).expect("the line splits");
                    assert_eq!(words[..3], ["aws", "cognito-identity", operation.command]);
                    match crate::aws::interpret(
                        operation,
                        &program,
                        &words[3..],
                        &idpool_shorthand::NoFiles,
                    ) {
                        Ok(crate::aws::Outcome::Run(run)) => {
                            assert_eq!(run.request, sample.document, "{line}");
                            assert_eq!(
                                run.request.to_string(),
                                sample.document.to_string(),
                                "{line}"
                            );
                        }
                        other => panic!("{line}: {other:?}"),
                    }
                }
            }
        }
    }

    /// Every shorthand record reads back, as the AWS CLI reads the argument, to its value; and
    /// across the operations every member that shorthand can write gets some.
    #[test]
    fn shorthand_records_read_back_to_their_values() {
        let mut members = std::collections::BTreeSet::new();
        for operation in OPERATIONS {
            let schema = crate::params::schema_of(operation).unwrap();
            for sample in generate(operation, Kind::Request, 5, 80, 0).unwrap() {
                for record in shorthand_records(operation, &sample.document) {
                    let member = record["member"].as_str().unwrap();
                    members.insert(format!("{}.{member}", operation.name));
                    let tokens: Vec<String> =
                        serde_json::from_value(record["shorthand"].clone()).unwrap();
                    let processed = idpool_shorthand::argument::process(
                        record["option"].as_str().unwrap(),
                        SchemaRef::new(schema).property(member).unwrap(),
                        &tokens,
                        &idpool_shorthand::argument::Options::default(),
                    )
                    .unwrap();
                    assert_eq!(processed.value, record["value"], "{record}");
                }
            }
        }
        for expected in [
            "SetIdentityPoolRoles.RoleMappings",
            "SetIdentityPoolRoles.Roles",
            "UpdateIdentityPool.CognitoIdentityProviders",
            "GetCredentialsForIdentity.Logins",
            "TagResource.Tags",
        ] {
            assert!(
                members.contains(expected),
                "no {expected} among {members:?}"
            );
        }
    }

    #[test]
    fn cli_and_shorthand_take_valid_requests_only() {
        use clap::Parser;
        let refused = |line: &[&str]| {
            let crate::Command::Generate(args) = crate::Cli::parse_from(line).command else {
                panic!("{line:?} is not generate")
            };
            let kind = match args.kind {
                KindArg::Request => Kind::Request,
                KindArg::Response => Kind::Response,
            };
            refusal(&args, kind)
        };
        assert_eq!(
            refused(&["idpool", "generate", "--format", "cli", "--invalid", "1"]).as_deref(),
            Some(
                "error: --format cli: only valid requests are written as command lines or shorthand\n"
            )
        );
        assert_eq!(
            refused(&[
                "idpool",
                "generate",
                "--format",
                "shorthand",
                "--kind",
                "response"
            ])
            .as_deref(),
            Some("error: --format shorthand: a response is not sent on a command line\n")
        );
        assert_eq!(
            refused(&["idpool", "generate", "--format", "cli", "--valid", "3"]),
            None
        );
        assert_eq!(refused(&["idpool", "generate", "--invalid", "3"]), None);
    }
}
