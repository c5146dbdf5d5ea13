//! `idpool shorthand`: AWS CLI shorthand to JSON.

use crate::excerpt::visible_lines;
use crate::files::FileSystem;
use crate::input::{self, ReadError, Size};
use crate::params;
use crate::sink;
use anyhow::{Context, Result};
use idpool_shorthand::argument::{self, Options};
use idpool_shorthand::{Parser, SchemaRef};
use serde_json::{Value as Json, json};
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  idpool shorthand 'ProviderName=a,ClientId=b,ServerSideTokenCheck=false'
  idpool shorthand --param cognito-identity-providers 'ProviderName=a,ClientId=b' 'ProviderName=c,ClientId=d'
  echo '[\"a=b,c\"]' | idpool shorthand --jsonl")]
pub(crate) struct Args {
    /// The shorthand value. With --param, the argument's values, as they would follow the option
    /// on an `aws cognito-identity update-identity-pool` command line.
    #[arg(value_name = "VALUE", required_unless_present_any = ["jsonl", "param"])]
    values: Vec<String>,

    /// Process the values as this argument of update-identity-pool does (JSON or shorthand,
    /// file://, typing by the request schema), e.g. `--cognito-identity-providers`,
    /// `cognito-identity-providers` or `CognitoIdentityProviders`.
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    param: Option<String>,

    /// Read standard input, one JSON array of values per line, and write one line per input:
    /// `{"ok": VALUE}` or `{"error": MESSAGE, "aws_error": AWS_CLI_MESSAGE}`.
    #[arg(long, conflicts_with = "values")]
    jsonl: bool,

    /// Make an error of what the AWS CLI would silently change or drop (a comma that makes a
    /// list, stripped whitespace, dropped text).
    #[arg(long)]
    strict: bool,

    /// The largest `file://` file and `--jsonl` line read, such as 512K or 16M (default 64M,
    /// or IDPOOL_MAX_SIZE).
    #[arg(long, value_name = "SIZE")]
    max_size: Option<Size>,
}

/// What to do with each set of values.
enum Mode {
    /// The untyped parse of one value.
    Parse,
    /// One argument of update-identity-pool.
    Argument {
        member: &'static str,
        option: &'static str,
    },
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    if let Some(size) = args.max_size {
        input::set_max_size(size);
    }
    let mode = match &args.param {
        None => Mode::Parse,
        Some(name) => {
            let Some((member, option)) = params::lookup(name) else {
                return usage(&format!(
                    "unknown parameter `{name}`; update-identity-pool has {}",
                    params::members()
                        .map(|(_, option)| option)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            if params::schema()["properties"][member]["type"] == "boolean" {
                return usage(&format!(
                    "{option} is a flag ({option} or --no-{}), not a value",
                    &option[2..]
                ));
            }
            Mode::Argument { member, option }
        }
    };
    let options = Options {
        resolver: &FileSystem,
        strict: args.strict,
    };
    if args.jsonl {
        return jsonl(&mode, &options);
    }
    if matches!(mode, Mode::Parse) && args.values.len() != 1 {
        return usage("give exactly one shorthand value (use --param for a list argument)");
    }
    let mut stderr = sink::stderr();
    match convert(&mode, &args.values, &options) {
        Ok((value, warnings)) => {
            for warning in warnings {
                stderr.write_all(visible_lines(&warning).as_bytes())?;
            }
            sink::print(format!("{}\n", pretty(&value)).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            stderr.write_all(visible_lines(&failure.rendered).as_bytes())?;
            Ok(ExitCode::from(1))
        }
    }
}

fn usage(message: &str) -> Result<ExitCode> {
    writeln!(sink::stderr(), "error: {}", visible_lines(message))?;
    Ok(ExitCode::from(2))
}

/// A value that could not be converted, in the three wordings the outputs need.
struct Failure {
    message: String,
    aws: Option<String>,
    rendered: String,
}

/// Converts one set of values; returns the JSON and the rendered warnings.
fn convert(
    mode: &Mode,
    values: &[String],
    options: &Options<'_>,
) -> Result<(Json, Vec<String>), Failure> {
    match mode {
        Mode::Parse => {
            let [value] = values else {
                let message = format!("expected exactly one value, got {}", values.len());
                return Err(Failure {
                    rendered: format!("error: {message}\n"),
                    message,
                    aws: None,
                });
            };
            let parser = Parser::new()
                .strict(options.strict)
                .resolver(options.resolver);
            match parser.parse(value) {
                Ok(parsed) => Ok((
                    parsed.value.to_json(),
                    parsed.warnings.iter().map(|w| w.render()).collect(),
                )),
                Err(error) => Err(Failure {
                    message: error.to_string(),
                    aws: error.aws_message(),
                    rendered: error.render(),
                }),
            }
        }
        Mode::Argument { member, option } => {
            let member_schema = SchemaRef::new(params::schema())
                .property(member)
                .expect("every parameter is in the schema");
            match argument::process(option, member_schema, values, options) {
                Ok(processed) => {
                    let warnings = processed
                        .warnings
                        .iter()
                        .map(|(index, w)| {
                            format!("in value {} of {option}:\n{}", index + 1, w.render())
                        })
                        .collect();
                    Ok((processed.value, warnings))
                }
                Err(error) => Err(Failure {
                    message: error.to_string(),
                    aws: error.aws_message(),
                    rendered: error.render(),
                }),
            }
        }
    }
}

/// `--jsonl`: one record per line, whatever the line holds. A line that is not UTF-8, not JSON
/// or not an array of strings gets an `{"error"}` record and the stream goes on; only a line
/// longer than the size limit (or a failing read) ends it, with exit status 2.
fn jsonl(mode: &Mode, options: &Options<'_>) -> Result<ExitCode> {
    let mut stdin = io::stdin().lock();
    let mut stdout = sink::stdout();
    let mut all_ok = true;
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        number += 1;
        match input::read_line(&mut stdin, &mut line, input::max_size()) {
            Ok(true) => {}
            Ok(false) => break,
            Err(ReadError::TooLarge(limit)) => {
                stdout.flush()?;
                let what = format!("line {number} of standard input");
                return usage(&input::too_large(&what, limit));
            }
            Err(ReadError::Io(e)) => {
                stdout.flush()?;
                return Err(e)
                    .with_context(|| format!("cannot read line {number} of standard input"));
            }
        }
        let result = match std::str::from_utf8(&line) {
            Err(e) => Err(not_utf8(number, &line, &e)),
            Ok(text) => match serde_json::from_str::<Vec<String>>(text) {
                Ok(values) => convert(mode, &values, options),
                Err(e) => Err(Failure {
                    rendered: String::new(),
                    message: format!("line {number} is not a JSON array of strings: {e}"),
                    aws: None,
                }),
            },
        };
        let out = match result {
            Ok((value, _)) => json!({ "ok": value }),
            Err(failure) => {
                all_ok = false;
                match failure.aws {
                    Some(aws) => json!({ "error": failure.message, "aws_error": aws }),
                    None => json!({ "error": failure.message }),
                }
            }
        };
        // Nobody reads any more: the records are not needed, the verdict is.
        if !stdout.get_ref().is_closed() {
            serde_json::to_writer(&mut stdout, &out)?;
            stdout.write_all(b"\n")?;
        }
    }
    stdout.flush()?;
    if all_ok {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

/// The failure of a line that is not UTF-8: where its first bad byte is.
fn not_utf8(number: usize, line: &[u8], error: &std::str::Utf8Error) -> Failure {
    let at = error.valid_up_to();
    Failure {
        rendered: String::new(),
        message: format!(
            "line {number} is not UTF-8: byte 0x{:02X} at byte {} is not part of a UTF-8 character",
            line[at],
            at + 1
        ),
        aws: None,
    }
}

/// JSON with four-space indentation, as the AWS CLI prints it.
pub(crate) fn pretty(value: &Json) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(value, &mut serializer).expect("JSON values serialize");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
