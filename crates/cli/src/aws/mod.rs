//! `idpool cognito-identity COMMAND` (and its shortcut `idpool update-identity-pool`): the AWS
//! CLI command, offline.
//!
//! `idpool_awscli` reads the command line as the AWS CLI v1 reads it and builds the request;
//! this module prints it as the AWS CLI would print the response if the service echoed the
//! request (`--output`, `--query`), checks it with the operation's validator, and reports each
//! problem where its member was written ([`origin`]).

pub(crate) mod help;
mod origin;

use crate::files::FileSystem;
use crate::report::{self, Checked, Format, Reporter, Totals};
use crate::sink;
use anyhow::Result;
use clap::ValueEnum;
use idpool_awscli::options::{Kind as OptKind, Opt};
use idpool_awscli::{RefusalKind, Settings, Skeleton, skeleton};
use idpool_jmespath::Query;
use idpool_model::service::Operation;
use idpool_output::{Color, Style};
use idpool_shorthand::Resolver;
use idpool_snippet::visible_lines;
use idpool_validate::{Code, Diagnostic, Kind, Report, Validator};
use serde_json::Value as Json;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// `--format`: the formats of `idpool validate`.
pub(crate) const FORMATS: &[&str] = &["human", "json", "sarif", "github", "junit", "aws"];

/// idpool's own options, which the AWS CLI does not have, after every command's.
pub(crate) const OWN: &[Opt] = &[
    Opt::own(
        "--no-validate",
        OptKind::Switch,
        "Print the request without checking it (idpool only).",
    ),
    Opt::own(
        "--quiet",
        OptKind::Switch,
        "Report errors and warnings only, not the infos such as IDP201 (idpool only).",
    ),
    Opt::own(
        "--format",
        OptKind::Choice(FORMATS),
        "How to report the request's problems on standard error: human (the default), json, \
         sarif, github, junit or aws, as `idpool validate --format` (idpool only).",
    ),
];

/// A command line read.
pub(crate) type Outcome = idpool_awscli::Outcome<Query>;
/// What to print, and how.
pub(crate) type Invocation = idpool_awscli::Invocation<Query>;
/// A command line that cannot be run: exit status 2, nothing on standard output.
pub(crate) type Refusal = idpool_awscli::Refusal;

/// How the command is run: `idpool update-identity-pool` for the shortcut, `idpool
/// cognito-identity COMMAND` otherwise.
pub(crate) fn program(operation: &Operation, shortcut: bool) -> String {
    if shortcut {
        format!("idpool {}", operation.command)
    } else {
        format!("idpool cognito-identity {}", operation.command)
    }
}

/// Reads a command line (the tokens after the command's name) of `operation`, loading files
/// through `resolver`; a refusal of unknown options says what each may have meant.
pub(crate) fn interpret(
    operation: &'static Operation,
    program: &str,
    tokens: &[String],
    resolver: &dyn Resolver,
) -> Result<Outcome, Refusal> {
    let settings = Settings {
        own: OWN,
        ..Settings::new(operation, program)
    };
    idpool_awscli::interpret(tokens, resolver, &settings, Query::compile)
}

/// The message of a refusal, with a did-you-mean hint for each unknown option.
pub(crate) fn refusal_message(refusal: &Refusal) -> String {
    let mut message = refusal.message().to_owned();
    if let RefusalKind::UnknownOptions { unknown, known } = refusal.kind() {
        message.push_str(&unknown_option_hints(unknown, known));
    }
    message
}

/// The most unknown options [`unknown_option_hints`] gives a hint for.
const MAX_HINTS: usize = 20;

/// What each unknown option may have meant.
fn unknown_option_hints(unknown: &[String], known: &[&str]) -> String {
    let mut message = String::new();
    // One hint per distinct token, however often it is repeated, for the first few only: a
    // hint costs a did-you-mean search, and nobody reads thousands of them.
    let mut hinted = std::collections::HashSet::new();
    let distinct = unknown.iter().filter(|t| hinted.insert(t.as_str()));
    for token in distinct.take(MAX_HINTS) {
        if token.starts_with("--") {
            let name = token.split_once('=').map_or(token.as_str(), |(n, _)| n);
            if let Some(best) = idpool_validate::suggest(name, known) {
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

/// The `--output` style asked for.
fn style(invocation: &Invocation) -> Style {
    match invocation.output.as_deref() {
        Some(style) => style.parse().expect("argparse checked the choice"),
        None => Style::Json,
    }
}

/// The `--color` asked for.
fn color(invocation: &Invocation) -> Color {
    match invocation.color.as_deref() {
        Some(color) => color.parse().expect("argparse checked the choice"),
        None => Color::Auto,
    }
}

/// The `--format` asked for.
fn report_format(invocation: &Invocation) -> Format {
    match invocation.arguments.one("format") {
        Some(format) => Format::from_str(format, true).expect("argparse checked the choice"),
        None => Format::Human,
    }
}

/// Runs `idpool cognito-identity ARGS...`: the command named in `args` (global options may
/// come first), or the service's help.
pub(crate) fn run_service(args: Vec<OsString>) -> Result<ExitCode> {
    let mut stderr = sink::stderr();
    let Some(tokens) = utf8(&args, &mut stderr)? else {
        return Ok(ExitCode::from(2));
    };
    let service_help = || with_newline(help::service().render_long_help().to_string());
    if matches!(
        tokens.first().map(String::as_str),
        Some("--help" | "-h" | "help")
    ) {
        sink::print(service_help().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = match idpool_awscli::command_name(&tokens) {
        Ok(Some(name)) => name,
        Ok(None) => {
            let message = format!(
                "error: name a command: idpool cognito-identity COMMAND [ARGS...]\n\n{}",
                service_help()
            );
            stderr.write_all(message.as_bytes())?;
            return Ok(ExitCode::from(2));
        }
        Err(idpool_awscli::argparse::Error::Version) => {
            sink::print(format!("idpool {}\n", env!("CARGO_PKG_VERSION")).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Err(error) => {
            writeln!(stderr, "{}", visible_lines(&format!("error: {error}")))?;
            return Ok(ExitCode::from(2));
        }
    };
    let Some(operation) = idpool_model::service::OPERATIONS
        .iter()
        .find(|o| o.command == name)
    else {
        let commands: Vec<&str> = idpool_model::service::OPERATIONS
            .iter()
            .map(|o| o.command)
            .collect();
        let hint = match idpool_validate::suggest(&name, &commands) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "`idpool cognito-identity --help` lists them".to_owned(),
        };
        let message = format!("error: `{name}` is no command of cognito-identity ({hint})");
        writeln!(stderr, "{}", visible_lines(&message))?;
        return Ok(ExitCode::from(2));
    };
    let program = program(operation, false);
    let after = tokens
        .iter()
        .position(|t| *t == name)
        .map(|i| &tokens[i + 1..]);
    if after.is_some_and(|rest| matches!(rest.first().map(String::as_str), Some("--help" | "-h"))) {
        return print_help(operation, &program);
    }
    let settings = Settings {
        own: OWN,
        ..Settings::new(operation, &program)
    };
    let outcome = idpool_awscli::interpret_service(&tokens, &FileSystem, &settings, Query::compile);
    finish_run(operation, &program, &tokens, outcome, &mut stderr)
}

/// The arguments as text, or `None` after saying which is not.
fn utf8(args: &[OsString], stderr: &mut dyn Write) -> Result<Option<Vec<String>>> {
    let mut tokens = Vec::with_capacity(args.len());
    for (i, arg) in args.iter().enumerate() {
        match arg.to_str() {
            Some(token) => tokens.push(token.to_owned()),
            None => {
                let message = format!(
                    "error: argument {} is not valid UTF-8: {}",
                    i + 1,
                    arg.to_string_lossy()
                );
                writeln!(stderr, "{}", visible_lines(&message))?;
                return Ok(None);
            }
        }
    }
    Ok(Some(tokens))
}

/// Runs the command of `operation` with `args` (the words after its name); `shortcut` says it
/// was run as `idpool update-identity-pool`.
pub(crate) fn run(
    operation: &'static Operation,
    shortcut: bool,
    args: Vec<OsString>,
) -> Result<ExitCode> {
    let mut stderr = sink::stderr();
    let Some(tokens) = utf8(&args, &mut stderr)? else {
        return Ok(ExitCode::from(2));
    };
    let program = program(operation, shortcut);
    if matches!(tokens.first().map(String::as_str), Some("--help" | "-h")) {
        return print_help(operation, &program);
    }
    let outcome = interpret(operation, &program, &tokens, &FileSystem);
    finish_run(operation, &program, &tokens, outcome, &mut stderr)
}

fn print_help(operation: &'static Operation, program: &str) -> Result<ExitCode> {
    let help = help::command(operation, program).render_long_help();
    sink::print(with_newline(help.to_string()).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `text` ending in a newline (clap's help ends in one only after an `after_help`).
fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Prints what a command line read asks for, or why it cannot be run.
fn finish_run(
    operation: &'static Operation,
    program: &str,
    tokens: &[String],
    outcome: Result<Outcome, Refusal>,
    stderr: &mut dyn Write,
) -> Result<ExitCode> {
    let invocation = match outcome {
        Ok(Outcome::Help) => return print_help(operation, program),
        Ok(Outcome::Version) => {
            sink::print(format!("idpool {}\n", env!("CARGO_PKG_VERSION")).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Ok(Outcome::Run(invocation)) => invocation,
        Err(refusal) => {
            if tokens.iter().any(|t| t == "--debug") {
                for line in refusal.log() {
                    writeln!(stderr, "debug: {}", visible_lines(line))?;
                }
                if let Some(aws) = refusal.aws() {
                    let line = format!("debug: the AWS CLI fails with: {aws}");
                    writeln!(stderr, "{}", visible_lines(&line))?;
                }
            }
            stderr.write_all(visible_lines(&refusal_message(&refusal)).as_bytes())?;
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
    execute(&invocation, stderr)
}

/// Prints what the invocation asks for and checks the request.
fn execute(invocation: &Invocation, stderr: &mut dyn Write) -> Result<ExitCode> {
    let mut stdout = sink::stdout();
    let color_stderr = match color(invocation) {
        Color::On => true,
        Color::Off => false,
        Color::Auto => {
            io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text = format!("{}\n", skeleton::pretty(&invocation.request));
    let validate = !invocation.arguments.flag("no-validate");
    let report = (validate || invocation.skeleton == Some(Skeleton::Output))
        .then(|| Validator::for_operation(invocation.operation, Kind::Request))
        .flatten()
        .map(|validator| validator.validate_str_limited(&text, crate::validate::MAX_DIAGNOSTICS));
    match invocation.skeleton {
        Some(Skeleton::Input) => {
            if invocation.debug {
                writeln!(
                    stderr,
                    "debug: --generate-cli-skeleton input: printing the request skeleton"
                )?;
            }
            stdout.write_all(skeleton::input_text(invocation.operation).as_bytes())?;
            stdout.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Skeleton::Output) => {
            let report = report.expect("output skeletons validate");
            if !report.is_valid() {
                problems(stderr, invocation, &text, report, Vec::new(), color_stderr)?;
                return Ok(ExitCode::from(1));
            }
            let response = skeleton::output(invocation.operation);
            let printed = print_shaped(invocation, &response, &mut stdout, stderr)?;
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
    // awscli titles a table with the operation's name (`CLIOperationCaller.invoke`).
    let options = idpool_output::Options {
        title: invocation.operation.name,
        color: color(invocation),
        stdout: idpool_output::Stdout::detect(),
    };
    idpool_output::render(style(invocation), &value, &options).map_err(|error| Failure {
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
                style(invocation),
                failure.message
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
    let format = report_format(invocation);
    let options = report::Options {
        kind: Kind::Request,
        deny: report::Deny::default(),
        quiet: invocation.arguments.flag("quiet"),
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
        origin::attribute(&invocation.origins, text, report, lints, excerpts)
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
