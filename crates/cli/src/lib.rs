//! The `idpool` command line: argument parsing, I/O and exit codes around the idpool crates.
//!
//! Exit status: 0 on success, 1 when a checked document is invalid, 2 when the command could not
//! run (bad arguments, unreadable or unwritable paths).

mod aws;
mod config;
mod files;
mod generate;
mod input;
mod operation;
mod params;
mod report;
mod shorthand;
mod sink;
mod to_cli;
mod validate;
mod walk;

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use idpool_schema::Kind;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check Amazon Cognito Identity UpdateIdentityPool requests before they are sent.
#[derive(Debug, Parser)]
#[command(name = "idpool", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print an operation's request or response JSON Schema, or write them all.
    Schema(SchemaArgs),
    /// Check Cognito Identity request (or response) JSON files against every service rule.
    Validate(validate::Args),
    /// Convert AWS CLI shorthand (`Key=value,Key2=value2`) to JSON, exactly as the AWS CLI does.
    Shorthand(shorthand::Args),
    /// Take the arguments of `aws cognito-identity update-identity-pool`, print the request the
    /// AWS CLI would send, and check it; its --help lists them.
    #[command(disable_help_flag = true)]
    UpdateIdentityPool {
        /// The arguments, exactly as for `aws cognito-identity update-identity-pool`.
        #[arg(num_args = 0.., allow_hyphen_values = true, trailing_var_arg = true)]
        args: Vec<std::ffi::OsString>,
    },
    /// Take the arguments of any `aws cognito-identity` command, print the request the AWS CLI
    /// would send, and check it; `cognito-identity --help` lists the commands.
    #[command(disable_help_flag = true)]
    CognitoIdentity {
        /// The command and its arguments, exactly as for `aws cognito-identity`.
        #[arg(num_args = 0.., allow_hyphen_values = true, trailing_var_arg = true)]
        args: Vec<std::ffi::OsString>,
    },
    /// Print the `aws cognito-identity` command that sends a request file (of
    /// UpdateIdentityPool unless --operation names another operation).
    ToCli(to_cli::Args),
    /// Generate valid and labelled invalid documents of an operation, for tests.
    Generate(generate::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print a man page in roff: idpool's, or that of one subcommand.
    Man {
        /// The subcommand, such as `update-identity-pool`, or `cognito-identity get-id`.
        #[arg(num_args = 0..=2)]
        subcommand: Vec<String>,
    },
}

/// The whole command as clap describes it, with `update-identity-pool` described option by
/// option (its arguments are parsed as the AWS CLI parses them, not by clap).
pub fn command() -> clap::Command {
    let update = operation::default();
    Cli::command()
        .mut_subcommand("update-identity-pool", |_| {
            aws::help::command(update, &aws::program(update, true))
        })
        .mut_subcommand("cognito-identity", |_| aws::help::service())
}

#[derive(Debug, clap::Args)]
struct SchemaArgs {
    /// The document the schema describes.
    #[arg(value_enum, required_unless_present_any = ["out", "list"])]
    kind: Option<KindArg>,

    /// The operation, as `SetIdentityPoolRoles` or `set-identity-pool-roles`
    /// [default: update-identity-pool].
    #[arg(long, value_name = "OP", value_parser = operation::parse, conflicts_with_all = ["out", "list"])]
    operation: Option<&'static idpool_model::service::Operation>,

    /// Write the schema of every operation's request and response into this directory
    /// (created if missing) instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kind", "list"])]
    out: Option<PathBuf>,

    /// List the operations, each with its documents that have a schema.
    #[arg(long, conflicts_with = "kind")]
    list: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KindArg {
    Request,
    Response,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Request => Kind::Request,
            KindArg::Response => Kind::Response,
        }
    }
}

/// The request `aws cognito-identity update-identity-pool TOKENS...` sends (members in model
/// order), read exactly as the AWS CLI v1 reads the command line, or the reason it is refused.
/// No file is read: a `file://` value is refused. `help`, `--version` and
/// `--generate-cli-skeleton` give `Ok(None)`.
pub fn update_request(tokens: &[String]) -> std::result::Result<Option<serde_json::Value>, String> {
    let update = operation::default();
    let program = aws::program(update, true);
    match aws::interpret(update, &program, tokens, &idpool_shorthand::NoFiles) {
        Ok(aws::Outcome::Run(invocation)) if invocation.skeleton.is_none() => {
            Ok(Some(invocation.request))
        }
        Ok(_) => Ok(None),
        Err(refusal) => Err(aws::refusal_message(&refusal)),
    }
}

/// The arguments (unquoted, after `update-identity-pool`) of the command that sends `request`,
/// as `idpool to-cli` prints them.
pub fn to_cli_arguments(request: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    to_cli::arguments(operation::default(), request)
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    if let Err(message) = input::limit_from_env() {
        return finish(Err(anyhow::anyhow!(message)));
    }
    // `update-identity-pool` reads its arguments as the AWS CLI does, so they bypass clap.
    let mut args = std::env::args_os();
    let _program = args.next();
    match args.next().as_ref().and_then(|a| a.to_str()) {
        Some("update-identity-pool") => {
            return finish(aws::run(operation::default(), true, args.collect()));
        }
        Some("cognito-identity") => return finish(aws::run_service(args.collect())),
        Some("help") => match args.next().as_ref().and_then(|a| a.to_str()) {
            Some("update-identity-pool") => {
                return finish(aws::run(operation::default(), true, vec!["--help".into()]));
            }
            Some("cognito-identity") => {
                let mut rest: Vec<std::ffi::OsString> = args.collect();
                rest.push("--help".into());
                return finish(aws::run_service(rest));
            }
            _ => {}
        },
        _ => {}
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to standard output (exit status 0), usage errors to standard
        // error (2); either may fail to be written.
        Err(err) => {
            let code = if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
            return match err.print() {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => finish(Err(anyhow::Error::new(
                    e,
                )
                .context("cannot write the help to standard output"))),
                _ => code,
            };
        }
    };
    finish(run(cli))
}

/// The exit status of a run: its own, or 2 with the error on standard error.
///
/// A broken pipe never gets here: the [`sink`] writers drop what nobody reads, and the command
/// goes on to its verdict.
fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(err) => {
            // Standard error may be full or closed too; the exit status still says it.
            let message = format!("error: {err:#}");
            let _ = writeln!(
                sink::stderr(),
                "{}",
                idpool_snippet::visible_lines(&message)
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Schema(args) => schema(args),
        Command::Shorthand(args) => shorthand::run(args),
        Command::Validate(args) => validate::run(args),
        Command::UpdateIdentityPool { args } => aws::run(operation::default(), true, args),
        Command::CognitoIdentity { args } => aws::run_service(args),
        Command::ToCli(args) => to_cli::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Completions { shell } => {
            // clap_complete panics when its writer fails, so it writes to memory first.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "idpool", &mut script);
            sink::print(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { subcommand } => man(&subcommand),
    }
}

fn schema(args: SchemaArgs) -> Result<ExitCode> {
    if let Some(dir) = args.out {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
        for (operation, kind) in idpool_schema::all() {
            let path = dir.join(idpool_schema::file_name(operation, kind));
            let text = idpool_schema::embedded(operation, kind).unwrap_or_default();
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.list {
        let mut out = String::new();
        for operation in idpool_model::service::OPERATIONS {
            let kinds: Vec<&str> = Kind::ALL
                .into_iter()
                .filter(|&kind| idpool_schema::embedded(operation, kind).is_some())
                .map(Kind::name)
                .collect();
            out.push_str(&format!(
                "{:<42} {:<38} {}\n",
                operation.command,
                operation.name,
                kinds.join(" ")
            ));
        }
        sink::print(out.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let operation = args.operation.unwrap_or_else(operation::default);
    let kind = Kind::from(
        args.kind
            .expect("clap requires a kind without --out or --list"),
    );
    let Some(text) = idpool_schema::embedded(operation, kind) else {
        let message = format!(
            "error: {} has no {} body, so no {} schema\n",
            operation.name,
            kind.name(),
            kind.name()
        );
        sink::stderr().write_all(message.as_bytes())?;
        return Ok(ExitCode::from(2));
    };
    sink::print(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn man(path: &[String]) -> Result<ExitCode> {
    let mut page = command();
    let mut name = "idpool".to_owned();
    for sub in path {
        let Some(found) = page.find_subcommand(sub) else {
            let message = format!(
                "error: {} has no subcommand `{sub}`",
                name.replace('-', " ")
            );
            writeln!(
                sink::stderr(),
                "{}",
                idpool_snippet::visible_lines(&message)
            )?;
            return Ok(ExitCode::from(2));
        };
        name = format!("{name}-{sub}");
        page = found.clone().display_name(name.clone());
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    sink::print(&out)?;
    Ok(ExitCode::SUCCESS)
}
