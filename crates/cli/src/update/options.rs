//! The options of `update-identity-pool`, declared once: the argparse parsers that read a
//! command line, and the clap command that documents it (help, shell completions, man page),
//! are both built from these tables.

use super::argparse::{Act, Action, ArgParser, Nargs};
use clap::{Arg, ArgAction, Command};

/// What kind of option an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One value.
    Value,
    /// Any number of values, each a separate token.
    List,
    /// A pair of flags, `--x` and the negative one given here (`--no-x`), setting one boolean.
    FlagPair(&'static str),
    /// A flag.
    Switch,
    /// One value among `choices`.
    Choice(&'static [&'static str]),
    /// An optional value among `choices`, defaulting to the first one.
    OptionalChoice(&'static [&'static str]),
    /// `--version`.
    Version,
}

/// One option as the AWS CLI reference page describes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opt {
    /// The option, such as `--identity-pool-id`.
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// The request member it sets, for the operation's own arguments.
    pub(crate) member: Option<&'static str>,
    pub(crate) required: bool,
    pub(crate) help: &'static str,
    /// Accepted for pasted commands, without effect offline.
    pub(crate) inert: bool,
    /// idpool's own: only its whole name is read (see [`Action::exact`]).
    pub(crate) exact: bool,
}

const fn arg(name: &'static str, kind: Kind, member: &'static str, help: &'static str) -> Opt {
    Opt {
        name,
        kind,
        member: Some(member),
        required: false,
        help,
        inert: false,
        exact: false,
    }
}

const fn global(name: &'static str, kind: Kind, help: &'static str, inert: bool) -> Opt {
    Opt {
        name,
        kind,
        member: None,
        required: false,
        help,
        inert,
        exact: false,
    }
}

/// An option of idpool's own, which the AWS CLI does not have.
const fn own(name: &'static str, kind: Kind, help: &'static str) -> Opt {
    Opt {
        exact: true,
        ..global(name, kind, help, false)
    }
}

/// `--output`: the AWS CLI v1 styles, and v2's YAML ones.
pub(crate) const OUTPUT_STYLES: &[&str] = &["json", "text", "table", "yaml", "yaml-stream"];
/// `--color`.
pub(crate) const COLORS: &[&str] = &["on", "off", "auto"];
/// `--format`: the formats of `idpool validate`.
pub(crate) const FORMATS: &[&str] = &["human", "json", "sarif", "github", "junit", "aws"];
/// `--generate-cli-skeleton`.
pub(crate) const SKELETONS: &[&str] = &["input", "output"];

/// The operation's arguments, in the AWS CLI's order (the model's, then its own).
pub(crate) const OPERATION: &[Opt] = &[
    Opt {
        required: true,
        ..arg(
            "--identity-pool-id",
            Kind::Value,
            "IdentityPoolId",
            "An identity pool ID in the format REGION:GUID.",
        )
    },
    Opt {
        required: true,
        ..arg(
            "--identity-pool-name",
            Kind::Value,
            "IdentityPoolName",
            "A string that you provide.",
        )
    },
    Opt {
        required: true,
        ..arg(
            "--allow-unauthenticated-identities",
            Kind::FlagPair("--no-allow-unauthenticated-identities"),
            "AllowUnauthenticatedIdentities",
            "TRUE if the identity pool supports unauthenticated logins.",
        )
    },
    arg(
        "--allow-classic-flow",
        Kind::FlagPair("--no-allow-classic-flow"),
        "AllowClassicFlow",
        "Enables or disables the Basic (Classic) authentication flow.",
    ),
    arg(
        "--supported-login-providers",
        Kind::Value,
        "SupportedLoginProviders",
        "Optional key:value pairs mapping provider names to provider app IDs. \
         Shorthand: KeyName1=string,KeyName2=string; or JSON.",
    ),
    arg(
        "--developer-provider-name",
        Kind::Value,
        "DeveloperProviderName",
        "The \"domain\" by which Cognito will refer to your users.",
    ),
    arg(
        "--open-id-connect-provider-arns",
        Kind::List,
        "OpenIdConnectProviderARNs",
        "The ARNs of the OpenID Connect providers: \"string\" \"string\" ...",
    ),
    arg(
        "--cognito-identity-providers",
        Kind::List,
        "CognitoIdentityProviders",
        "Amazon Cognito user pools and their client IDs, one value per provider: \
         ProviderName=string,ClientId=string,ServerSideTokenCheck=boolean ...; or JSON.",
    ),
    arg(
        "--saml-provider-arns",
        Kind::List,
        "SamlProviderARNs",
        "The ARNs of the SAML providers: \"string\" \"string\" ...",
    ),
    arg(
        "--identity-pool-tags",
        Kind::Value,
        "IdentityPoolTags",
        "The tags of the identity pool. Shorthand: KeyName1=string,KeyName2=string; or JSON.",
    ),
    global(
        "--cli-input-json",
        Kind::Value,
        "The request as JSON (a string, or file://PATH), in the format of \
         --generate-cli-skeleton. Arguments on the command line override its members.",
        false,
    ),
    global(
        "--cli-input-yaml",
        Kind::Value,
        "The request as YAML (a string, or file://PATH), as AWS CLI v2 reads it. \
         Arguments on the command line override its members.",
        false,
    ),
    global(
        "--generate-cli-skeleton",
        Kind::OptionalChoice(SKELETONS),
        "Print a request skeleton for --cli-input-json (input, the default) or a \
         response skeleton (output), without sending anything.",
        false,
    ),
    own(
        "--no-validate",
        Kind::Switch,
        "Print the request without checking it (idpool only).",
    ),
    own(
        "--quiet",
        Kind::Switch,
        "Report errors and warnings only, not the infos such as IDP201 (idpool only).",
    ),
    own(
        "--format",
        Kind::Choice(FORMATS),
        "How to report the request's problems on standard error: human (the default), json, \
         sarif, github, junit or aws, as `idpool validate --format` (idpool only).",
    ),
];

/// The AWS CLI's global options, in its order.
pub(crate) const GLOBAL: &[Opt] = &[
    global(
        "--debug",
        Kind::Switch,
        "Log each step (how each value was read, what was merged) to standard error.",
        false,
    ),
    global(
        "--endpoint-url",
        Kind::Value,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--no-verify-ssl",
        Kind::Switch,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--no-paginate",
        Kind::Switch,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--output",
        Kind::Choice(OUTPUT_STYLES),
        "How to print the request: json (default), text, table, yaml or yaml-stream, \
         as the AWS CLI prints a response.",
        false,
    ),
    global(
        "--query",
        Kind::Value,
        "A JMESPath query applied to the request before it is printed.",
        false,
    ),
    global(
        "--profile",
        Kind::Value,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--region",
        Kind::Value,
        "The region the command is meant for: a warning is given when the identity pool \
         id names another one.",
        false,
    ),
    global(
        "--color",
        Kind::Choice(COLORS),
        "Color in table output and diagnostics: on, off or auto (default).",
        false,
    ),
    global(
        "--no-sign-request",
        Kind::Switch,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--ca-bundle",
        Kind::Value,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--cli-read-timeout",
        Kind::Value,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--cli-connect-timeout",
        Kind::Value,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--v2-debug",
        Kind::Switch,
        "Accepted; no effect offline.",
        true,
    ),
    global(
        "--version",
        Kind::Version,
        "Print the version of idpool.",
        false,
    ),
];

/// The dest of an option: its name without the dashes.
pub(crate) fn dest(name: &'static str) -> &'static str {
    &name[2..]
}

/// The argparse actions of a table.
fn actions(table: &[Opt], required: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    for opt in table {
        let base = Action {
            option: Some(opt.name),
            dest: dest(opt.name),
            nargs: Nargs::One,
            act: Act::Store,
            choices: None,
            constant: None,
            required: required && opt.required,
            exact: opt.exact,
        };
        match opt.kind {
            Kind::Value => actions.push(base),
            Kind::List => actions.push(Action {
                nargs: Nargs::Any,
                ..base
            }),
            Kind::Choice(choices) => actions.push(Action {
                choices: Some(choices),
                ..base
            }),
            Kind::OptionalChoice(choices) => actions.push(Action {
                nargs: Nargs::Optional,
                choices: Some(choices),
                constant: choices.first().copied(),
                ..base
            }),
            // A switch records that it was given (`--no-verify-ssl` too: offline, only that
            // matters).
            Kind::Switch => actions.push(Action {
                nargs: Nargs::Zero,
                act: Act::True,
                ..base
            }),
            Kind::Version => actions.push(Action {
                nargs: Nargs::Zero,
                act: Act::Version,
                ..base
            }),
            Kind::FlagPair(negative) => {
                // argparse does not enforce `required` on the flags of a pair.
                actions.push(Action {
                    nargs: Nargs::Zero,
                    act: Act::True,
                    required: false,
                    ..base
                });
                actions.push(Action {
                    option: Some(negative),
                    nargs: Nargs::Zero,
                    act: Act::False,
                    required: false,
                    ..base
                });
            }
        }
    }
    actions
}

/// The first pass: the global options and the service name.
pub(crate) fn main_parser() -> ArgParser {
    let mut actions = actions(GLOBAL, false);
    actions.push(Action::positional("command", Nargs::One));
    ArgParser::new(actions)
}

/// The second pass: the operation name.
pub(crate) fn service_parser() -> ArgParser {
    ArgParser::new(vec![Action::positional("operation", Nargs::One)])
}

/// The third pass: the operation's arguments, and the `help` positional.
pub(crate) fn operation_parser() -> ArgParser {
    let mut actions = actions(OPERATION, true);
    actions.push(Action::positional("help", Nargs::Optional));
    ArgParser::new(actions)
}

/// The command as clap describes it, for help, completions and the man page.
pub(crate) fn command() -> Command {
    let mut command = Command::new("update-identity-pool")
        .about("Build the request `aws cognito-identity update-identity-pool` would send, print it, and check it")
        .long_about(
            "Accepts the arguments of `aws cognito-identity update-identity-pool` (AWS CLI v1), \
             builds exactly the request the AWS CLI would send, prints it as the AWS CLI prints \
             the response, and checks it against every service rule. Exit status: 0 valid, \
             1 invalid, 2 the command line could not be read.",
        )
        .bin_name("idpool update-identity-pool")
        .override_usage(
            "idpool update-identity-pool --identity-pool-id <value> --identity-pool-name <value>\n           \
             --allow-unauthenticated-identities | --no-allow-unauthenticated-identities [options]",
        )
        .disable_help_flag(true)
        .disable_version_flag(true)
        .max_term_width(100)
        .after_help(
            // One argument a line, each short enough for an 80-column terminal: a line the
            // terminal wraps no longer pastes as a command. A shorthand value may go on after a
            // comma on the next line, as the AWS CLI skips whitespace there.
            "Example (the AWS CLI reference's):
  idpool update-identity-pool \\
      --identity-pool-id us-west-2:11111111-1111-1111-1111-111111111111 \\
      --identity-pool-name MyIdentityPool \\
      --no-allow-unauthenticated-identities \\
      --cognito-identity-providers \\
      'ProviderName=cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111,
      ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false'",
        );
    for opt in OPERATION {
        command = add(command, opt, "Arguments");
    }
    for opt in GLOBAL {
        command = add(command, opt, "Global options");
    }
    command
}

fn add(command: Command, opt: &Opt, heading: &'static str) -> Command {
    let id = dest(opt.name);
    let base = Arg::new(id)
        .long(id)
        .help(opt.help)
        .help_heading(heading)
        .required(opt.required && !matches!(opt.kind, Kind::FlagPair(_)));
    match opt.kind {
        Kind::Value => command.arg(base.value_name("value").allow_hyphen_values(true)),
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

    /// botocore's `xform_name(member, '-')` for these members: a dash where a capital follows
    /// a lower-case letter, then all in lower case.
    fn xform_name(member: &str) -> String {
        let mut out = String::from("--");
        let mut previous_lower = false;
        for c in member.chars() {
            if c.is_ascii_uppercase() && previous_lower {
                out.push('-');
            }
            previous_lower = c.is_ascii_lowercase();
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn option_names_are_the_aws_cli_names_of_the_members() {
        for opt in OPERATION {
            if let Some(member) = opt.member {
                assert_eq!(opt.name, xform_name(member));
            }
            if let Kind::FlagPair(negative) = opt.kind {
                assert_eq!(negative, format!("--no-{}", &opt.name[2..]));
            }
        }
        assert_eq!(
            xform_name("OpenIdConnectProviderARNs"),
            "--open-id-connect-provider-arns"
        );
    }

    #[test]
    fn the_clap_command_is_consistent() {
        command().debug_assert();
    }
}
