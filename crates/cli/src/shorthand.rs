//! `idpool shorthand`: AWS CLI shorthand to JSON.
//!
//! With `--param`, the values are read as the AWS CLI reads the values of that option of
//! update-identity-pool: a one-value option refuses a second value as argparse does (`Unknown
//! options: ...`), and the value built is then checked against the member's schema by
//! `idpool-validate`, so that what the service would refuse is said before it is sent.

use crate::files::FileSystem;
use crate::input::{self, ReadError, Size};
use crate::params;
use crate::sink;
use anyhow::{Context, Result};
use idpool_model::service::Operation;
use idpool_shorthand::argument::{self, Options, Typed};
use idpool_shorthand::{Parser, SchemaRef};
use idpool_snippet::{visible, visible_lines};
use idpool_validate::{Kind, Severity, Validator};
use serde_json::{Value as Json, json};
use std::io::{self, Write};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "With --param, only the list options (--open-id-connect-provider-arns,
--cognito-identity-providers, --saml-provider-arns) take several values: a second value of any
other option is refused as the AWS CLI refuses it (`Unknown options: ...`, exit status 2). The
value built is checked against the member's schema, and each problem the service would refuse
is shown as a warning (an error with --strict), e.g.
  warning[IDP002]: /0/ServerSideTokenCheck: expected a boolean, found a string

Exit status: 0 converted, 1 a value could not be converted (or, with --strict, has a problem),
2 a usage error.

Examples:
  idpool shorthand 'ProviderName=a,ClientId=b,ServerSideTokenCheck=false'
  idpool shorthand \\
      --param cognito-identity-providers \\
      'ProviderName=a,ClientId=b' \\
      'ProviderName=c,ClientId=d'
  idpool shorthand \\
      --param supported-login-providers \\
      'graph.facebook.com=1,accounts.google.com=2'
  echo '[\"a=b,c\"]' | idpool shorthand --jsonl"
)]
pub(crate) struct Args {
    /// The shorthand value. With --param, the argument's values, as they would follow the option
    /// on an `aws cognito-identity update-identity-pool` command line: several for a list
    /// option, one for any other (the first is taken as in `--option=value`, so it may start
    /// with `-`).
    #[arg(value_name = "VALUE", required_unless_present_any = ["jsonl", "param"])]
    values: Vec<String>,

    /// Process the values as this argument of update-identity-pool (or of --operation) does
    /// (argparse's count of values, JSON or shorthand, file://, typing by the request schema)
    /// and check the result against the member's schema, e.g. `--cognito-identity-providers`,
    /// `cognito-identity-providers` or `CognitoIdentityProviders`.
    #[arg(long, value_name = "NAME", allow_hyphen_values = true)]
    param: Option<String>,

    /// With --param, the operation whose argument it is, as `SetIdentityPoolRoles` or
    /// `set-identity-pool-roles` [default: update-identity-pool].
    #[arg(long, value_name = "OP", requires = "param", value_parser = crate::operation::parse)]
    operation: Option<&'static Operation>,

    /// Read standard input, one JSON array of values per line, and write one line per input:
    /// `{"ok": VALUE}` (with `"problems": [{"code", "pointer", "message"}]` when the service
    /// would refuse the value) or `{"error": MESSAGE, "aws_error": AWS_CLI_MESSAGE}`.
    #[arg(long, conflicts_with = "values")]
    jsonl: bool,

    /// Make an error of what the AWS CLI would silently change or drop (a comma that makes a
    /// list, stripped whitespace, dropped text) and, with --param, of each problem the service
    /// would refuse; the JSON is then not printed.
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
    /// One argument of an operation.
    Argument {
        operation: &'static Operation,
        member: &'static str,
        option: &'static str,
        /// Whether the option takes any number of values (`nargs='*'`) rather than one.
        list: bool,
        /// The member's schema in the request schema.
        schema: SchemaRef<'static>,
    },
}

impl Mode {
    /// The argument `param` of `operation`.
    fn argument(operation: &'static Operation, param: params::Param) -> Option<Self> {
        Some(Mode::Argument {
            operation,
            member: param.member,
            option: param.option,
            list: param.list,
            schema: SchemaRef::new(params::schema_of(operation)?).property(param.member)?,
        })
    }
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    if let Some(size) = args.max_size {
        input::set_max_size(size);
    }
    let mode = match &args.param {
        None => Mode::Parse,
        Some(name) => {
            let operation = args.operation.unwrap_or_else(crate::operation::default);
            let Some(param) = params::find(operation, name) else {
                return usage(&format!(
                    "unknown parameter `{name}`; {} has {}",
                    operation.command,
                    params::of(operation)
                        .iter()
                        .map(|p| p.option)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            if param.flag {
                let option = param.option;
                return usage(&format!(
                    "{option} is a flag ({option} or --no-{}), not a value",
                    &option[2..]
                ));
            }
            let Some(mode) = Mode::argument(operation, param) else {
                return usage(&format!("{} has no request schema", operation.name));
            };
            mode
        }
    };
    let options = Options {
        resolver: &FileSystem,
        strict: args.strict,
    };
    if args.jsonl {
        return jsonl(&mode, options.strict);
    }
    if matches!(mode, Mode::Parse) && args.values.len() != 1 {
        return usage("give exactly one shorthand value (use --param for a list argument)");
    }
    let mut stderr = sink::stderr();
    match convert(&mode, &args.values, &options) {
        Ok(converted) => {
            for warning in &converted.warnings {
                stderr.write_all(visible_lines(warning).as_bytes())?;
            }
            // --strict makes the problems errors, and an error prints no JSON, as for a
            // shorthand warning made an error.
            let severity = if options.strict {
                Severity::Error
            } else {
                Severity::Warning
            };
            stderr.write_all(converted.problems.render(severity).as_bytes())?;
            if options.strict && !converted.problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
            sink::print(format!("{}\n", pretty(&converted.value)).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            stderr.write_all(visible_lines(&failure.rendered).as_bytes())?;
            Ok(ExitCode::from(if failure.usage { 2 } else { 1 }))
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
    /// Whether the command line itself is refused (exit status 2), as the AWS CLI's argparse
    /// refuses it, rather than a value (exit status 1).
    usage: bool,
}

impl Failure {
    /// A failure of a value, with a message that is also its rendering.
    fn plain(message: String) -> Self {
        Self {
            rendered: format!("error: {message}\n"),
            message,
            aws: None,
            usage: false,
        }
    }

    /// A refused command line: `message`, then `help` where there is one.
    fn usage(message: String, help: Option<String>, aws: Option<String>) -> Self {
        let (message, rendered) = match help {
            Some(help) => (
                format!("{message} ({help})"),
                format!("error: {message}\n  = help: {help}\n"),
            ),
            None => (message.clone(), format!("error: {message}\n")),
        };
        Self {
            message,
            aws,
            rendered,
            usage: true,
        }
    }
}

/// A converted value.
struct Converted<'v> {
    /// The value the AWS CLI would send, borrowing from the values read.
    value: Typed<'v>,
    /// The same value as compact JSON, as a `--jsonl` record holds it.
    json: String,
    /// The shorthand warnings, rendered.
    warnings: Vec<String>,
    /// What the service would refuse in the value (with --param only).
    problems: Problems,
}

/// Converts one set of values.
fn convert<'v>(
    mode: &Mode,
    values: &'v [String],
    options: &Options<'_>,
) -> Result<Converted<'v>, Failure> {
    match mode {
        Mode::Parse => {
            let [value] = values else {
                return Err(Failure::plain(format!(
                    "expected exactly one value, got {}",
                    values.len()
                )));
            };
            let parser = Parser::new()
                .strict(options.strict)
                .resolver(options.resolver);
            match parser.parse(value) {
                Ok(parsed) => {
                    let value = Typed::Tree(parsed.value);
                    Ok(Converted {
                        json: compact(&value)?,
                        value,
                        warnings: parsed.warnings.iter().map(|w| w.render()).collect(),
                        problems: Problems::default(),
                    })
                }
                Err(error) => Err(Failure {
                    message: error.to_string(),
                    aws: error.aws_message(),
                    rendered: error.render(),
                    usage: false,
                }),
            }
        }
        Mode::Argument {
            operation,
            member,
            option,
            list,
            schema,
        } => {
            if !list {
                one_value(operation, member, option, values)?;
            }
            // How the values were read is not shown: no steps.
            match argument::process_typed(option, *schema, values, options, false) {
                Ok(processed) => {
                    let warnings = processed
                        .warnings
                        .iter()
                        .map(|(index, w)| {
                            format!("in value {} of {option}:\n{}", index + 1, w.render())
                        })
                        .collect();
                    let json = compact(&processed.value)?;
                    Ok(Converted {
                        problems: Problems::of_text(operation, member, &json),
                        value: processed.value,
                        json,
                        warnings,
                    })
                }
                Err(error) => Err(Failure {
                    message: error.to_string(),
                    aws: error.aws_message(),
                    rendered: error.render(),
                    usage: false,
                }),
            }
        }
    }
}

/// A converted value as compact JSON.
fn compact(value: &Typed<'_>) -> Result<String, Failure> {
    // Room for a typical value, so that the text is not copied as it grows.
    let mut json = Vec::with_capacity(256);
    serde_json::to_writer(&mut json, value).map_err(|e| Failure::plain(e.to_string()))?;
    String::from_utf8(json).map_err(|e| Failure::plain(e.to_string()))
}

/// Refuses what follows the value of a one-value option as the AWS CLI refuses it.
///
/// argparse gives such an option one token; the AWS CLI then lists the tokens nobody took as
/// `Unknown options: ...`, in argparse's order (those left over, then the one its `help`
/// positional took: `a=1 b=2 c=3` gives `c=3, b=2`). The values are read as
/// `OPTION=FIRST REST...`, so that the first may start with `-`, as it may with `--param` alone;
/// the others are read as the AWS CLI reads tokens (an ambiguous option prefix is an error).
fn one_value(
    operation: &'static Operation,
    member: &str,
    option: &'static str,
    values: &[String],
) -> Result<(), Failure> {
    let [first, rest @ ..] = values else {
        return Ok(());
    };
    if rest.is_empty() {
        return Ok(());
    }
    let mut tokens = Vec::with_capacity(values.len());
    tokens.push(format!("{option}={first}"));
    tokens.extend(rest.iter().cloned());
    let parsed = params::parser_of(operation)
        .parse_known(&tokens)
        .map_err(|error| Failure::usage(error.to_string(), None, None))?;
    let unknown = idpool_awscli::unknown_tokens(&parsed);
    if !unknown.is_empty() {
        let list = unknown.join(", ");
        let member_type = params::schema_of(operation)
            .and_then(|schema| schema["properties"][member]["type"].as_str());
        let help = match member_type {
            Some("object") => format!(
                "{option} takes one value: write every entry in it, separated by commas, as in \
                 `Key1=value1,Key2=value2`, or write it as JSON"
            ),
            Some("string") => format!(
                "{option} takes one value: quote a value with spaces for the shell (`'a b'`)"
            ),
            _ => format!("{option} takes one value"),
        };
        return Err(Failure::usage(
            format!("unknown options: {list}"),
            Some(help),
            Some(format!("Unknown options: {list}")),
        ));
    }
    // Nothing unknown, but the values named an option of update-identity-pool (the AWS CLI
    // would take it as that option): they are not values of this one.
    if let Some(other) = parsed.seen.get(1) {
        return Err(Failure::usage(
            format!("{other} is an option, not a value of {option}"),
            Some("give the values of one option only".into()),
            None,
        ));
    }
    Ok(())
}

/// What the service would refuse in the value of one member: the validator's errors, with
/// JSON Pointers relative to the value (`/0/ServerSideTokenCheck`).
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    /// The problems beyond the diagnostics limit: counted, not kept.
    omitted: usize,
}

/// One problem of a value.
struct Problem {
    /// The diagnostic code, such as `IDP002`.
    code: &'static str,
    /// The JSON Pointer of the value concerned, relative to the member's value (`""` for the
    /// value itself).
    pointer: String,
    message: String,
    help: Option<String>,
}

impl Problems {
    /// Checks `value` as the value of `member`, in a request that is otherwise valid.
    #[cfg(test)]
    fn of(member: &str, value: &Json) -> Self {
        Self::of_text(
            crate::operation::default(),
            member,
            &serde_json::to_string(value).expect("JSON values serialize"),
        )
    }

    /// Checks `text`, the compact JSON of a value, as the value of `member`, in a request that
    /// is otherwise valid. Only errors count: the validator's warnings are about what the
    /// service accepts, and its infos about the whole request. (Every parameter's member is a
    /// member of the request; another name would have no problems.)
    fn of_text(operation: &'static Operation, member: &str, text: &str) -> Self {
        let Some(validator) = Validator::for_operation(operation, Kind::Request) else {
            return Self::default();
        };
        let Some(report) =
            validator.validate_member_str_limited(member, text, crate::validate::MAX_DIAGNOSTICS)
        else {
            return Self::default();
        };
        let prefix = format!("/{member}");
        let list = report
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| Problem {
                code: d.code.as_str(),
                // Every error is within the member; a syntax error (a value nested too deep
                // for the validator) is about the value as a whole.
                pointer: match d.pointer.strip_prefix(&prefix) {
                    Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.to_owned(),
                    _ => String::new(),
                },
                message: d.message,
                help: d.help,
            })
            .collect();
        Self {
            list,
            omitted: report.omitted.errors,
        }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    /// One line per problem (`warning[IDP002]: /0/ServerSideTokenCheck: expected a boolean,
    /// found a string`), and its help, with everything from the input made visible.
    fn render(&self, severity: Severity) -> String {
        let mut out = String::new();
        for problem in &self.list {
            out.push_str(&format!("{severity}[{}]: ", problem.code));
            if !problem.pointer.is_empty() {
                out.push_str(&format!("{}: ", visible(&problem.pointer)));
            }
            out.push_str(&format!("{}\n", visible(&problem.message)));
            if let Some(help) = &problem.help {
                out.push_str(&format!("  = help: {}\n", visible(help)));
            }
        }
        if self.omitted > 0 {
            out.push_str(&format!(
                "note: {} more {} not shown\n",
                self.omitted,
                if self.omitted == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ));
        }
        out
    }

    /// The `"problems"` member of a `--jsonl` record, and `"omitted"` when some were left out,
    /// each after a comma.
    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let list: Vec<Json> = self
            .list
            .iter()
            .map(|p| json!({ "code": p.code, "pointer": p.pointer, "message": p.message }))
            .collect();
        out.write_all(b",\"problems\":")?;
        serde_json::to_writer(&mut *out, &list)?;
        if self.omitted > 0 {
            write!(out, ",\"omitted\":{}", self.omitted)?;
        }
        Ok(())
    }

    /// A one-line summary for the `"error"` of a `--jsonl` record under --strict.
    fn summary(&self) -> String {
        let total = self.list.len() + self.omitted;
        let first = self.list.first().map_or_else(String::new, |p| {
            if p.pointer.is_empty() {
                format!(": {}", p.message)
            } else {
                format!(": {}: {}", p.pointer, p.message)
            }
        });
        let more = match total {
            1 => String::new(),
            2 => " (and 1 more)".to_owned(),
            n => format!(" (and {} more)", n - 1),
        };
        format!("the service would refuse the value{first}{more}")
    }
}

/// The most lines and bytes a batch of `--jsonl` holds (a longer line is a batch of its own).
/// The lines of a batch are converted on every core, and their records written in order.
const BATCH_LINES: usize = 4096;
const BATCH_BYTES: usize = 1 << 19;

/// How many lines of a batch one task converts, into one buffer of records.
const TASK_LINES: usize = 128;

/// `--jsonl`: one record per line, whatever the line holds. A line that is not UTF-8, not JSON
/// or not an array of strings gets an `{"error"}` record and the stream goes on; only a line
/// longer than the size limit (or a failing read) ends it, with exit status 2, after the
/// records of the lines before it.
fn jsonl(mode: &Mode, strict: bool) -> Result<ExitCode> {
    let mut stdin = io::stdin().lock();
    let mut stdout = sink::stdout();
    let mut all_ok = true;
    let mut batch = Batch::default();
    loop {
        let end = batch.read(&mut stdin);
        all_ok &= write_batch(mode, strict, &batch, &mut stdout)?;
        match end {
            Ok(true) => {}
            Ok(false) => break,
            Err((number, ReadError::TooLarge(limit))) => {
                stdout.flush()?;
                let what = format!("line {number} of standard input");
                return usage(&input::too_large(&what, limit));
            }
            Err((number, ReadError::Io(e))) => {
                stdout.flush()?;
                return Err(e)
                    .with_context(|| format!("cannot read line {number} of standard input"));
            }
        }
    }
    stdout.flush()?;
    if all_ok {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

/// Lines of standard input, read together.
#[derive(Default)]
struct Batch {
    /// The lines, one after the other, without their newlines.
    bytes: Vec<u8>,
    /// Where each line ends in `bytes`.
    ends: Vec<usize>,
    /// The number of the batch's first line (from 1).
    first: usize,
    /// The line being read.
    line: Vec<u8>,
}

impl Batch {
    /// Reads the next lines, up to the batch's size. Returns whether more may follow, or the
    /// number of the line that could not be read and why (the lines before it are read).
    fn read(&mut self, reader: &mut impl io::BufRead) -> Result<bool, (usize, ReadError)> {
        self.first += self.ends.len();
        if self.first == 0 {
            self.first = 1;
        }
        self.bytes.clear();
        self.ends.clear();
        while self.ends.len() < BATCH_LINES && self.bytes.len() < BATCH_BYTES {
            let number = self.first + self.ends.len();
            match input::read_line(reader, &mut self.line, input::max_size()) {
                Ok(true) => {
                    if self.bytes.is_empty() {
                        // The first line is taken whole, not copied: it may be as large as
                        // the size limit.
                        std::mem::swap(&mut self.bytes, &mut self.line);
                    } else {
                        self.bytes.extend_from_slice(&self.line);
                    }
                    self.ends.push(self.bytes.len());
                }
                Ok(false) => return Ok(false),
                Err(error) => return Err((number, error)),
            }
        }
        Ok(true)
    }

    /// The lines, each with its number.
    fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .enumerate()
            .map(|(i, (start, &end))| (self.first + i, &self.bytes[start..end]))
    }
}

/// Converts the lines of `batch` on every core and writes their records in order. Returns
/// whether every line converted without error.
fn write_batch(mode: &Mode, strict: bool, batch: &Batch, out: &mut impl Write) -> Result<bool> {
    use rayon::prelude::*;
    let lines: Vec<(usize, &[u8])> = batch.lines().collect();
    let done: Vec<io::Result<(Vec<u8>, bool)>> = lines
        .par_chunks(TASK_LINES)
        .map(|task| records(mode, strict, task))
        .collect();
    let mut all_ok = true;
    for task in done {
        let (records, ok) = task?;
        out.write_all(&records)?;
        all_ok &= ok;
    }
    Ok(all_ok)
}

/// The records of some lines, one after the other, and whether every line converted without
/// error.
fn records(mode: &Mode, strict: bool, lines: &[(usize, &[u8])]) -> io::Result<(Vec<u8>, bool)> {
    let options = Options {
        resolver: &FileSystem,
        strict,
    };
    let mut out = Vec::with_capacity(lines.len() * 256);
    let mut all_ok = true;
    for &(number, line) in lines {
        // The values outlive the converted value, which borrows from them.
        let values;
        let result = match line_values(number, line) {
            Ok(read) => {
                values = read;
                convert(mode, &values, &options)
            }
            Err(failure) => Err(failure),
        };
        all_ok &= record(result, strict, &mut out)?;
    }
    Ok((out, all_ok))
}

/// The values of a `--jsonl` line: a JSON array of strings.
fn line_values(number: usize, line: &[u8]) -> Result<Vec<String>, Failure> {
    match std::str::from_utf8(line) {
        Err(e) => Err(not_utf8(number, line, &e)),
        Ok(text) => match plain_strings(text) {
            Some(values) => Ok(values),
            None => serde_json::from_str(text).map_err(|e| {
                Failure::plain(format!("line {number} is not a JSON array of strings: {e}"))
            }),
        },
    }
}

/// The strings of `text` when it is a JSON array of strings without a control character or a
/// `\u` escape of a surrogate in them: the common line, read without serde_json's generic
/// machinery. `None` for anything else, which serde_json then reads (or refuses, with its
/// message); a test checks that the two read the same strings.
fn plain_strings(text: &str) -> Option<Vec<String>> {
    let bytes = text.as_bytes();
    let mut at = skip_json_space(bytes, 0);
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    at = skip_json_space(bytes, at + 1);
    let mut values = Vec::new();
    if bytes.get(at) == Some(&b']') {
        at += 1;
    } else {
        loop {
            if bytes.get(at) != Some(&b'"') {
                return None;
            }
            let (value, next) = plain_string(text, at + 1)?;
            values.push(value);
            at = skip_json_space(bytes, next);
            match bytes.get(at) {
                Some(b',') => at = skip_json_space(bytes, at + 1),
                Some(b']') => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_json_space(bytes, at) == bytes.len()).then_some(values)
}

/// The JSON string whose text starts at byte `at` (after its `"`), and the byte after its
/// closing `"`; `None` at a control character, a bad escape or a surrogate.
fn plain_string(text: &str, mut at: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    loop {
        let run = memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        if bytes[at..at + run].iter().any(|&b| b < 0x20) {
            return None;
        }
        out.push_str(&text[at..at + run]);
        at += run;
        if bytes[at] == b'"' {
            return Some((out, at + 1));
        }
        if bytes[at] != b'\\' {
            return None;
        }
        let c = match bytes.get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hex = text.get(at + 2..at + 6)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                at += 4;
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
            }
            _ => return None,
        };
        out.push(c);
        at += 2;
    }
}

/// The first byte from `at` on that is not JSON whitespace.
fn skip_json_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Writes the `--jsonl` record of one set of values, and its newline: `{"ok": VALUE}`, with
/// `"problems"` when the service would refuse the value (in an `{"error"}` record under
/// --strict), or `{"error", "aws_error"}`. Returns whether the values converted without error.
fn record(
    result: Result<Converted<'_>, Failure>,
    strict: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let ok = match result {
        Ok(converted) if converted.problems.is_empty() => {
            out.write_all(b"{\"ok\":")?;
            out.write_all(converted.json.as_bytes())?;
            out.write_all(b"}")?;
            true
        }
        Ok(converted) => {
            if strict {
                out.write_all(b"{\"error\":")?;
                serde_json::to_writer(&mut *out, &converted.problems.summary())?;
            } else {
                out.write_all(b"{\"ok\":")?;
                out.write_all(converted.json.as_bytes())?;
            }
            converted.problems.write_to(out)?;
            out.write_all(b"}")?;
            !strict
        }
        Err(failure) => {
            let record = match failure.aws {
                Some(aws) => json!({ "error": failure.message, "aws_error": aws }),
                None => json!({ "error": failure.message }),
            };
            serde_json::to_writer(&mut *out, &record)?;
            false
        }
    };
    out.write_all(b"\n")?;
    Ok(ok)
}

/// The failure of a line that is not UTF-8: where its first bad byte is.
fn not_utf8(number: usize, line: &[u8], error: &std::str::Utf8Error) -> Failure {
    let at = error.valid_up_to();
    Failure::plain(format!(
        "line {number} is not UTF-8: byte 0x{:02X} at byte {} is not part of a UTF-8 character",
        line[at],
        at + 1
    ))
}

/// JSON as the AWS CLI prints it: `json.dumps(value, indent=4, ensure_ascii=False)`.
pub(crate) fn pretty(value: &(impl serde::Serialize + ?Sized)) -> String {
    let formatter = idpool_python::json::Formatter::new()
        .indent(Some("    "))
        .ensure_ascii(false);
    idpool_python::json::to_string(value, formatter).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| (*v).to_owned()).collect()
    }

    /// The AWS CLI's wording of the refusal of `values` for a one-value option.
    #[track_caller]
    fn refused(member: &str, option: &'static str, values: &[&str]) -> Option<String> {
        let failure = one_value(
            crate::operation::default(),
            member,
            option,
            &strings(values),
        )
        .unwrap_err();
        assert!(failure.usage);
        failure.aws
    }

    /// serde_json's reading of a line, which `plain_strings` must match where it reads one.
    fn by_serde(text: &str) -> Option<Vec<String>> {
        serde_json::from_str(text).ok()
    }

    proptest::proptest! {
        #[test]
        fn plain_strings_are_read_as_serde_json_reads_them(
            values in proptest::collection::vec("\\PC{0,6}|[\u{0}-\u{1f}\"\\\\/]{0,3}", 0..4),
            cut in 0usize..64,
            byte in proptest::sample::select(&b"[]\",\\ u0dD8\t\n}x"[..]),
        ) {
            // The canonical text, and the same with `\u` escapes, are read.
            let text = serde_json::to_string(&values).unwrap();
            proptest::prop_assert_eq!(plain_strings(&text), Some(values.clone()));
            let escaped: String = text
                .chars()
                .map(|c| if c.is_ascii() { c.to_string() } else { format!("\\u{:04x}", c as u32) })
                .collect();
            proptest::prop_assert_eq!(plain_strings(&escaped).or_else(|| by_serde(&escaped)), by_serde(&escaped));
            // Damaged texts: read as serde_json reads them, or left to it.
            let mut bytes = text.clone().into_bytes();
            let at = cut.min(bytes.len().saturating_sub(1));
            if !bytes.is_empty() && bytes[at].is_ascii() {
                bytes[at] = byte;
            }
            for damaged in [
                format!(" {text}\t"),
                text.get(..cut.min(text.len())).unwrap_or("").to_owned(),
                text.replacen(',', ", ", 1),
                String::from_utf8(bytes).unwrap(),
            ] {
                if let Some(read) = plain_strings(&damaged) {
                    proptest::prop_assert_eq!(Some(read), by_serde(&damaged), "{}", damaged);
                }
            }
        }
    }

    #[test]
    fn plain_strings_leave_the_rest_to_serde_json() {
        for text in [
            "",
            "[",
            "[\"a\",]",
            "[\"a\"] x",
            "[\"\\ud83d\\ude00\"]",
            "[\"\\x\"]",
            "[\"a\u{1}\"]",
            "[1]",
            "{}",
            "[\"a\" \"b\"]",
            "[\"\\u12\"]",
        ] {
            assert_eq!(plain_strings(text), None, "{text}");
        }
        assert_eq!(
            plain_strings(" [ \"a\\n\" , \"\\u00e9\\/\" ] "),
            Some(strings(&["a\n", "é/"]))
        );
    }

    #[test]
    fn extra_values_are_listed_in_argparse_order() {
        let option = "--supported-login-providers";
        let member = "SupportedLoginProviders";
        assert!(
            one_value(
                crate::operation::default(),
                member,
                option,
                &strings(&["a=1"])
            )
            .is_ok()
        );
        assert!(one_value(crate::operation::default(), member, option, &[]).is_ok());
        assert_eq!(
            refused(member, option, &["a=1", "b=2"]).unwrap(),
            "Unknown options: b=2"
        );
        assert_eq!(
            refused(member, option, &["a=1", "b=2", "c=3"]).unwrap(),
            "Unknown options: c=3, b=2"
        );
        assert_eq!(
            refused(member, option, &["a=1", "--foo", "c"]).unwrap(),
            "Unknown options: --foo, c"
        );
        assert_eq!(
            refused(member, option, &["a=1", "-1"]).unwrap(),
            "Unknown options: -1"
        );
        // argparse's own errors and other options have no AWS CLI wording of this kind.
        assert_eq!(refused(member, option, &["a=1", "--s", "x"]), None);
        assert_eq!(
            refused(member, option, &["a=1", "--identity-pool-name", "x"]),
            None
        );
        // The first value is the option's, whatever it starts with.
        assert!(
            one_value(
                crate::operation::default(),
                "IdentityPoolName",
                "--identity-pool-name",
                &strings(&["-p"])
            )
            .is_ok()
        );
        assert_eq!(
            refused("IdentityPoolName", "--identity-pool-name", &["-p", "q"]).unwrap(),
            "Unknown options: q"
        );
    }

    #[test]
    fn list_options_take_every_value() {
        let update = crate::operation::default();
        let param = params::find(update, "--saml-provider-arns").unwrap();
        let mode = Mode::argument(update, param).unwrap();
        let values = strings(&["a", "b", "c"]);
        let converted = convert(&mode, &values, &Options::default()).ok().unwrap();
        assert_eq!(converted.value.to_json(), json!(["a", "b", "c"]));
    }

    /// The code and relative pointer of each problem of `value` as the value of `member`.
    fn problems(member: &str, value: Json) -> Vec<(&'static str, String)> {
        let problems = Problems::of(member, &value);
        assert_eq!(problems.omitted, 0);
        problems
            .list
            .into_iter()
            .map(|p| (p.code, p.pointer))
            .collect()
    }

    #[test]
    fn problems_are_the_members_errors_only() {
        // No missing required member, no IDP201, no warning (IDP103: not a user pool).
        assert_eq!(
            problems(
                "CognitoIdentityProviders",
                json!([{"ProviderName": "accounts.google.com", "ClientId": "b"}])
            ),
            []
        );
        assert_eq!(
            problems(
                "CognitoIdentityProviders",
                json!([{"ProviderName": "a", "ServerSideTokenCheck": "yes"}, {"ProviderNmae": "a"}])
            ),
            [
                ("IDP002", "/0/ServerSideTokenCheck".to_owned()),
                ("IDP005", "/1/ProviderNmae".to_owned())
            ]
        );
        assert_eq!(
            problems(
                "SupportedLoginProviders",
                json!({"graph.facebook.com": ["a"]})
            ),
            [("IDP002", "/graph.facebook.com".to_owned())]
        );
        // A required member replaces its placeholder.
        assert_eq!(problems("IdentityPoolName", json!("p")), []);
        assert_eq!(
            problems("IdentityPoolName", json!("café")),
            [("IDP008", String::new())]
        );
        assert_eq!(
            problems("IdentityPoolId", json!("")),
            [("IDP006", String::new())]
        );
    }

    #[test]
    fn a_value_too_deep_for_the_validator_is_a_problem_of_the_whole_value() {
        let mut value = json!("x");
        for _ in 0..200 {
            value = json!([value]);
        }
        assert_eq!(
            problems("SupportedLoginProviders", json!({ "k": value })),
            [("IDP001", String::new())]
        );
    }

    #[test]
    fn problems_beyond_the_limit_are_counted() {
        let providers: Vec<Json> = (0..crate::validate::MAX_DIAGNOSTICS + 5)
            .map(|_| json!({"ClientId": "-"}))
            .collect();
        let problems = Problems::of("CognitoIdentityProviders", &Json::Array(providers));
        assert_eq!(problems.list.len(), crate::validate::MAX_DIAGNOSTICS);
        assert_eq!(problems.omitted, 5);
        assert!(
            problems
                .render(Severity::Warning)
                .ends_with("note: 5 more problems not shown\n")
        );
        assert_eq!(
            problems.summary(),
            format!(
                "the service would refuse the value: /0/ClientId: `-` does not match the pattern `[\\w_]+`: `-` (U+002D) at character 1 is not allowed (and {} more)",
                crate::validate::MAX_DIAGNOSTICS + 4
            )
        );
    }
}
