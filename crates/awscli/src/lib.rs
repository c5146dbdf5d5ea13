//! The AWS CLI v1 (awscli 1.46.2) reading of `aws cognito-identity COMMAND ARGS...`, offline,
//! for any operation of the service, driven by the operation and shape tables of
//! `idpool_model::service`.
//!
//! [`interpret`] reads a command line in the AWS CLI's phases:
//!
//! 1. [`argparse`]: the three `parse_known_args` passes (global options and service, operation
//!    name, the operation's arguments), with the option tables of [`options`];
//! 2. each argument given is processed by `idpool_shorthand::argument` as the AWS CLI processes
//!    it (`file://`, JSON, shorthand), in the model's order, and [`origins`] records where each
//!    member came from;
//! 3. `--cli-input-json` (or `--cli-input-yaml`) is merged in, and a paged command's pagination
//!    options applied ([`paging`]);
//! 4. the request comes out with its members in model order, or a skeleton is asked for
//!    ([`skeleton`]).
//!
//! Printing (`--output`, `--query`) and checking the request are the caller's.
//!
//! # Example
//!
//! ```
//! use idpool_awscli::{Outcome, Settings, interpret};
//! use idpool_model::service;
//! use idpool_shorthand::NoFiles;
//!
//! let operation = service::operation("set-identity-pool-roles").unwrap();
//! let tokens: Vec<String> = [
//!     "--identity-pool-id", "us-east-1:11111111-2222-3333-4444-555555555555",
//!     "--roles", "authenticated=arn:aws:iam::123456789012:role/Auth",
//! ].map(String::from).to_vec();
//! let settings = Settings::new(operation, "aws cognito-identity set-identity-pool-roles");
//! let Outcome::Run(run) = interpret(&tokens, &NoFiles, &settings, |q| Ok::<_, String>(q.to_owned()))? else {
//!     panic!("a request")
//! };
//! assert_eq!(
//!     run.request.to_string(),
//!     r#"{"IdentityPoolId":"us-east-1:11111111-2222-3333-4444-555555555555","Roles":{"authenticated":"arn:aws:iam::123456789012:role/Auth"}}"#
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod argparse;
mod error;
mod globals;
mod input;
pub mod options;
pub mod origins;
pub mod paging;
mod request;
pub mod skeleton;

pub use error::{Refusal, RefusalKind};
pub use input::parse_json;
pub use request::{model_order, request_schema};

use argparse::{ArgParser, Parsed};
use idpool_model::service::Operation;
use idpool_shorthand::Resolver;
use options::{Opt, Table};
use origins::Origins;
use serde_json::Value as Json;

/// What a command line is read for.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// The operation.
    pub operation: &'static Operation,
    /// The command as the user runs it, for the usage line of a refusal
    /// (`idpool cognito-identity set-identity-pool-roles`).
    pub program: &'a str,
    /// The caller's own options, read after the AWS CLI's by their whole name only.
    pub own: &'a [Opt],
}

impl<'a> Settings<'a> {
    /// Settings for `operation` run as `program`, with no options of the caller's.
    pub fn new(operation: &'static Operation, program: &'a str) -> Self {
        Self {
            operation,
            program,
            own: &[],
        }
    }

    /// The operation's option table.
    pub fn table(&self) -> &'static Table {
        options::table(self.operation)
    }
}

/// What a command line asks for.
#[derive(Debug)]
pub enum Outcome<Q> {
    /// `help`.
    Help,
    /// `--version`.
    Version,
    /// A request to print (and check), or a skeleton.
    Run(Box<Invocation<Q>>),
}

/// A command line read: the request, and how it is to be printed.
#[derive(Debug)]
pub struct Invocation<Q> {
    /// The operation.
    pub operation: &'static Operation,
    /// The request, members in model order.
    pub request: Json,
    /// `--generate-cli-skeleton`.
    pub skeleton: Option<Skeleton>,
    /// `--output`, one of [`options::OUTPUT_STYLES`].
    pub output: Option<String>,
    /// `--query`, compiled by the caller.
    pub query: Option<Q>,
    /// `--color`, one of [`options::COLORS`].
    pub color: Option<String>,
    /// `--region`.
    pub region: Option<String>,
    /// `--debug`.
    pub debug: bool,
    /// The `--debug` log, one line per step.
    pub log: Vec<String>,
    /// Shorthand warnings, rendered.
    pub warnings: Vec<String>,
    /// Where each member came from.
    pub origins: Origins,
    /// The operation's arguments as argparse read them, the caller's own options included.
    pub arguments: Parsed,
}

/// `--generate-cli-skeleton`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    /// `input` (or no value): the request skeleton.
    Input,
    /// `output`: the response the AWS CLI fakes.
    Output,
}

/// Reads a command line (the tokens after `aws cognito-identity COMMAND`), loading files
/// through `resolver`; `query` compiles the value of `--query` (its error is a refusal).
pub fn interpret<Q, E: std::fmt::Display>(
    tokens: &[String],
    resolver: &dyn Resolver,
    settings: &Settings<'_>,
    query: impl Fn(&str) -> Result<Q, E>,
) -> Result<Outcome<Q>, Refusal> {
    let mut argv = vec![SERVICE.to_owned(), settings.operation.command.to_owned()];
    argv.extend(tokens.iter().cloned());
    interpret_argv(&argv, resolver, settings, query)
}

/// Reads a command line given after `aws cognito-identity`, whose command (found by
/// [`command_name`]) is `settings.operation`'s: global options may come before it, as the AWS
/// CLI reads them anywhere.
pub fn interpret_service<Q, E: std::fmt::Display>(
    tokens: &[String],
    resolver: &dyn Resolver,
    settings: &Settings<'_>,
    query: impl Fn(&str) -> Result<Q, E>,
) -> Result<Outcome<Q>, Refusal> {
    let mut argv = vec![SERVICE.to_owned()];
    argv.extend(tokens.iter().cloned());
    interpret_argv(&argv, resolver, settings, query)
}

/// The service's name, as the AWS CLI takes it.
pub const SERVICE: &str = "cognito-identity";

/// The command named in a command line given after `aws cognito-identity`, found as the AWS
/// CLI finds it (the first word that is no global option or value of one); `None` when there
/// is none. The global options' argparse error (or [`argparse::Error::Version`]) comes first.
pub fn command_name(tokens: &[String]) -> Result<Option<String>, argparse::Error> {
    let mut argv = vec![SERVICE.to_owned()];
    argv.extend(tokens.iter().cloned());
    let globals = options::main_parser().parse_known(&argv)?;
    Ok(options::service_parser()
        .parse_known(&globals.extras)
        .ok()
        .and_then(|rest| rest.one("operation").map(str::to_owned)))
}

fn interpret_argv<Q, E: std::fmt::Display>(
    argv: &[String],
    resolver: &dyn Resolver,
    settings: &Settings<'_>,
    query: impl Fn(&str) -> Result<Q, E>,
) -> Result<Outcome<Q>, Refusal> {
    let mut log = Vec::new();
    let operation = settings.operation;
    let table = settings.table();

    // Pass 1: the global options, wherever they are, and the service name.
    let globals = match options::main_parser().parse_known(argv) {
        Ok(parsed) => parsed,
        Err(argparse::Error::Version) => return Ok(Outcome::Version),
        Err(error) => return Err(argparse_refusal(error, table, settings.program)),
    };
    let debug = globals.flag("debug");
    for opt in options::GLOBAL.iter().filter(|o| o.inert) {
        if globals.get(opt.dest()).is_some() {
            log.push(format!("{} has no effect offline", opt.name));
        }
    }
    if let Err(message) = globals::check(&globals) {
        return Err(Refusal::new(
            RefusalKind::Global,
            format!("error: {message}\n"),
            &log,
        ));
    }
    let query = match globals.one("query").map(|text| (text, query(text))) {
        None => None,
        Some((_, Ok(query))) => Some(query),
        Some((text, Err(error))) => {
            return Err(Refusal::new(
                RefusalKind::Global,
                format!("error: bad value for --query {text}: {error}\n"),
                &log,
            ));
        }
    };

    // Pass 2: the operation name, which the service parser takes first.
    let rest = match options::service_parser().parse_known(&globals.extras) {
        Ok(parsed) => parsed,
        Err(error) => return Err(argparse_refusal(error, table, settings.program)),
    };
    if rest.one("operation") != Some(operation.command) {
        return Err(Refusal::new(
            RefusalKind::Operation,
            format!(
                "error: expected the operation {}, found {:?}\n",
                operation.command,
                rest.one("operation").unwrap_or_default()
            ),
            &log,
        ));
    }
    let tokens = &rest.extras;
    if tokens.len() == 1 && tokens[0] == "help" {
        return Ok(Outcome::Help);
    }

    // Pass 3: the operation's arguments.
    let parser = operation_parser(table, settings.own, tokens, &mut log);
    let parsed = parser
        .parse_known(tokens)
        .map_err(|error| argparse_refusal(error, table, settings.program).with_log(log.clone()))?;
    let unknown = unknown_tokens(&parsed);
    if !unknown.is_empty() {
        let known = parser
            .actions()
            .iter()
            .filter_map(|a| a.option)
            .chain(options::GLOBAL.iter().map(|o| o.name))
            .collect();
        return Err(Refusal::new(
            RefusalKind::UnknownOptions {
                unknown: unknown.clone(),
                known,
            },
            format!("error: unknown options: {}\n", unknown.join(", ")),
            &log,
        ));
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
    let paginator = paging::of(operation);
    if let Some(paginator) = paginator {
        request::check_paging(
            &paginator,
            table,
            &parsed,
            globals.flag("no-paginate"),
            &log,
        )?;
    }

    let mut request = request::build(table, &parsed, resolver, &mut log)?;
    input::merge(&parsed, resolver, &mut request, &mut log)?;
    if let Some(paginator) = paginator {
        request::apply_paging(&paginator, &parsed, &mut request, &mut log);
    }
    let skeleton = match parsed.one("generate-cli-skeleton") {
        Some("input") => Some(Skeleton::Input),
        Some(_) => Some(Skeleton::Output),
        None => None,
    };
    if skeleton == Some(Skeleton::Output)
        && paginator.is_some()
        && let Some(refusal) = request::paging_with_output_skeleton(&parsed, &log)
    {
        return Err(refusal);
    }
    if skeleton != Some(Skeleton::Input) {
        if let Err(message) = globals::check_client(&globals) {
            return Err(Refusal::new(
                RefusalKind::Global,
                format!("error: {message}\n"),
                &log,
            ));
        }
        if let Some(refusal) = request.binary {
            return Err(refusal);
        }
    }
    Ok(Outcome::Run(Box::new(Invocation {
        operation,
        request: Json::Object(model_order(operation, request.map)),
        skeleton,
        output: globals.one("output").map(str::to_owned),
        query,
        color: globals.one("color").map(str::to_owned),
        region: globals.one("region").map(str::to_owned),
        debug,
        log,
        warnings: request.warnings,
        origins: request.origins,
        arguments: parsed,
    })))
}

/// The operation parser, with required arguments turned off as the AWS CLI turns them off: for
/// the exact token `--cli-input-json` (or `--cli-input-yaml`), and for `--generate-cli-skeleton`
/// unless the next token is `output`.
fn operation_parser(
    table: &Table,
    own: &[Opt],
    tokens: &[String],
    log: &mut Vec<String>,
) -> ArgParser {
    let parser = table.parser(own);
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

fn argparse_refusal(error: argparse::Error, table: &Table, program: &str) -> Refusal {
    let hint = match &error {
        argparse::Error::Required(_) => {
            format!("\n  = help: usage: {}", table.usage(program))
        }
        argparse::Error::ExpectedOne { .. } => {
            "\n  = help: a value that starts with `-` must be given as --option=value".to_owned()
        }
        argparse::Error::IgnoredExplicit { .. } => {
            "\n  = help: a flag takes no value: write --flag or --no-flag".to_owned()
        }
        _ => String::new(),
    };
    Refusal::new(
        RefusalKind::Argparse,
        format!("error: {error}{hint}\n"),
        &[],
    )
}

/// The tokens the operation's parser did not take, as the AWS CLI lists them in `Unknown
/// options: ...`: those argparse left over, in order, then the one the `help` positional took,
/// unless it is empty (`elif parsed_args.help:` in `ServiceOperation.__call__` is a truth test,
/// so a lone `''` argument is taken and dropped).
pub fn unknown_tokens(parsed: &Parsed) -> Vec<String> {
    let mut unknown = parsed.extras.clone();
    if let Some(argparse::Value::One(help)) = parsed.get("help")
        && !help.is_empty()
    {
        unknown.push(help.clone());
    }
    unknown
}

#[cfg(test)]
mod tests;
