//! The help, shell completions and man page of each command, built by clap from the option
//! tables of `idpool_awscli::options` (the tables that read the command line).

use super::OWN;
use clap::{Arg, ArgAction, Command};
use idpool_awscli::options::{self, Kind, Opt};
use idpool_model::service::{self, Operation, ShapeKind};

/// The example of update-identity-pool's help: the AWS CLI reference's.
// One argument a line, each short enough for an 80-column terminal: a line the terminal wraps no
// longer pastes as a command. A shorthand value may go on after a comma on the next line, as
// the AWS CLI skips whitespace there.
const UPDATE_EXAMPLE: &str = "Example (the AWS CLI reference's):
  idpool update-identity-pool \\
      --identity-pool-id us-west-2:11111111-1111-1111-1111-111111111111 \\
      --identity-pool-name MyIdentityPool \\
      --no-allow-unauthenticated-identities \\
      --cognito-identity-providers \\
      'ProviderName=cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111,
      ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false'";

/// The command of `operation` run as `program` (`idpool cognito-identity get-id`), as clap
/// describes it.
pub(crate) fn command(operation: &'static Operation, program: &str) -> Command {
    let table = options::table(operation);
    let usage = table.usage(program);
    let usage = wrap_usage(&usage);
    let mut command = Command::new(operation.command)
        .about(format!(
            "Build the request `aws cognito-identity {}` would send, print it, and check it",
            operation.command
        ))
        .long_about(format!(
            "Accepts the arguments of `aws cognito-identity {}` (AWS CLI v1), builds exactly \
             the request ({}) the AWS CLI would send, prints it as the AWS CLI prints a \
             response, and checks it against every service rule. Exit status: 0 valid, \
             1 invalid, 2 the command line could not be read.",
            operation.command, operation.name
        ))
        .bin_name(program.to_owned())
        .override_usage(usage)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .max_term_width(100);
    if operation.name == "UpdateIdentityPool" {
        command = command.after_help(UPDATE_EXAMPLE);
    }
    for opt in &table.options {
        if !opt.hidden {
            command = add(command, opt, "Arguments", operation);
        }
    }
    for opt in OWN {
        command = add(command, opt, "Arguments", operation);
    }
    for opt in options::GLOBAL {
        command = add(command, opt, "Global options", operation);
    }
    command
}

/// `idpool cognito-identity`: every command as a subcommand.
pub(crate) fn service() -> Command {
    let mut command = Command::new("cognito-identity")
        .about("Take the arguments of any `aws cognito-identity` command, print the request the AWS CLI would send, and check it")
        .long_about(
            "Accepts `aws cognito-identity COMMAND ARGS...` (AWS CLI v1) for every command of \
             the service, builds exactly the request the AWS CLI would send, prints it as the \
             AWS CLI prints a response, and checks it against every service rule. \
             `idpool cognito-identity COMMAND --help` lists the arguments of one.",
        )
        .bin_name("idpool cognito-identity")
        .subcommand_required(true)
        .disable_help_subcommand(true)
        .max_term_width(100);
    for operation in service::OPERATIONS {
        let program = format!("idpool cognito-identity {}", operation.command);
        command = command.subcommand(command_about(operation, &program));
    }
    command
}

/// A command with a one-line summary of what it sends.
fn command_about(operation: &'static Operation, program: &str) -> Command {
    command(operation, program).about(format!(
        "Build, print and check a {} request",
        operation.name
    ))
}

/// A usage line broken before the option that follows 80 columns, as a terminal needs.
fn wrap_usage(usage: &str) -> String {
    let indent = "\n           ";
    let words: Vec<&str> = usage.split(' ').collect();
    let mut lines = vec![String::new()];
    for word in words {
        let line = lines.last_mut().expect("one line");
        let starts_option = word.starts_with("--") || word == "[options]";
        if starts_option && line.len() >= 80 {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.join(indent)
}

/// What a member's value is written as, for its help line.
fn syntax(member: &str, operation: &Operation) -> &'static str {
    let Some(ShapeKind::Structure(members)) = operation.input.map(|s| s.shape().kind) else {
        return "";
    };
    let Some(m) = members.iter().find(|m| m.name == member) else {
        return "";
    };
    match m.shape.shape().kind {
        ShapeKind::Map { .. } => " Shorthand: KeyName1=value,KeyName2=value; or JSON.",
        ShapeKind::Structure(_) => " Shorthand: Key=value,Key2=value; or JSON.",
        ShapeKind::List { member, .. } => match member.shape().kind {
            ShapeKind::Structure(_) | ShapeKind::Map { .. } => {
                " One value per item, each shorthand (Key=value,...) or JSON; or one JSON list."
            }
            _ => " Values: \"string\" \"string\" ...",
        },
        _ => "",
    }
}

fn add(command: Command, opt: &Opt, heading: &'static str, operation: &Operation) -> Command {
    let id = opt.dest();
    let help = match opt.member {
        Some(member) => format!("{}{}", opt.help, syntax(member, operation)),
        None => opt.help.to_owned(),
    };
    let base = Arg::new(id)
        .long(id)
        .help(help)
        .help_heading(heading)
        .required(opt.required && !matches!(opt.kind, Kind::FlagPair(_)));
    match opt.kind {
        Kind::Value => command.arg(base.value_name("value").allow_hyphen_values(true)),
        Kind::Integer => command.arg(base.value_name("integer").allow_hyphen_values(true)),
        Kind::List => command.arg(base.value_name("value").num_args(0..)),
        Kind::Choice(choices) => {
            command.arg(base.value_name("value").value_parser(choices.to_vec()))
        }
        Kind::OptionalChoice(choices) => command.arg(
            base.value_name("value")
                .num_args(0..=1)
                .value_parser(choices.to_vec()),
        ),
        Kind::Switch | Kind::Version => command.arg(base.action(ArgAction::SetTrue)),
        Kind::FlagPair(negative) => {
            let negative = &negative[2..];
            command
                .arg(base.action(ArgAction::SetTrue).overrides_with(negative))
                .arg(
                    Arg::new(negative)
                        .long(negative)
                        .action(ArgAction::SetTrue)
                        .help(format!("Set {} to false.", opt.member.unwrap_or(id)))
                        .help_heading(heading)
                        .overrides_with(id),
                )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_clap_command_is_consistent() {
        service().debug_assert();
        let update = idpool_model::service::operation("update-identity-pool").unwrap();
        command(update, "idpool update-identity-pool").debug_assert();
    }

    #[test]
    fn long_usages_are_wrapped() {
        let update = idpool_model::service::operation("update-identity-pool").unwrap();
        let usage = command(update, "idpool update-identity-pool")
            .render_usage()
            .to_string();
        assert_eq!(
            usage,
            "Usage: idpool update-identity-pool --identity-pool-id <value> --identity-pool-name <value>\n           \
             --allow-unauthenticated-identities | --no-allow-unauthenticated-identities [options]"
        );
    }
}
