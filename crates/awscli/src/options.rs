//! The options of `aws cognito-identity COMMAND`, declared once as data: the argparse parsers
//! that read a command line are built from these tables, and so can a caller's help, shell
//! completions and man pages.
//!
//! An operation's table is derived from the service model, as the AWS CLI derives it: one option
//! per request member (`--identity-pool-id` for `IdentityPoolId`, a flag pair for a boolean, a
//! list option for a list), the AWS CLI's hidden aliases, `--cli-input-json` (and AWS CLI v2's
//! `--cli-input-yaml`), the pagination options of a paged command, and
//! `--generate-cli-skeleton`.

use crate::argparse::{Act, Action, ArgParser, Nargs};
use crate::paging;
use idpool_model::service::{self, Operation, ShapeKind};
use std::sync::OnceLock;

/// What kind of option an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One value.
    Value,
    /// One whole number (argparse's `type=int`).
    Integer,
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
pub struct Opt {
    /// The option, such as `--identity-pool-id`.
    pub name: &'static str,
    /// How many values it takes, and of what kind.
    pub kind: Kind,
    /// The request member it sets, for the operation's own arguments.
    pub member: Option<&'static str>,
    /// Whether argparse requires it (never for a flag pair: argparse does not enforce those).
    pub required: bool,
    /// One line on what it does.
    pub help: &'static str,
    /// Accepted for pasted commands, without effect offline.
    pub inert: bool,
    /// A caller's own option: only its whole name is read (see [`Action::exact`]).
    pub exact: bool,
    /// Read by the AWS CLI but left out of its documentation (a hidden alias).
    pub hidden: bool,
}

impl Opt {
    /// An option of the AWS CLI.
    pub const fn new(name: &'static str, kind: Kind, help: &'static str) -> Self {
        Opt {
            name,
            kind,
            member: None,
            required: false,
            help,
            inert: false,
            exact: false,
            hidden: false,
        }
    }

    /// A global option accepted without effect offline.
    pub const fn inert(name: &'static str, kind: Kind) -> Self {
        Opt {
            inert: true,
            ..Opt::new(name, kind, "Accepted; no effect offline.")
        }
    }

    /// A caller's own option, which the AWS CLI does not have: read by its whole name only.
    pub const fn own(name: &'static str, kind: Kind, help: &'static str) -> Self {
        Opt {
            exact: true,
            ..Opt::new(name, kind, help)
        }
    }

    /// Its dest: its name without the dashes.
    pub fn dest(&self) -> &'static str {
        dest(self.name)
    }
}

/// `--output`: the AWS CLI v1 styles, and v2's YAML ones.
pub const OUTPUT_STYLES: &[&str] = &["json", "text", "table", "yaml", "yaml-stream"];
/// `--color`.
pub const COLORS: &[&str] = &["on", "off", "auto"];
/// `--generate-cli-skeleton`.
pub const SKELETONS: &[&str] = &["input", "output"];

/// The AWS CLI's global options, in its order.
pub const GLOBAL: &[Opt] = &[
    Opt::new(
        "--debug",
        Kind::Switch,
        "Log each step (how each value was read, what was merged) to standard error.",
    ),
    Opt::inert("--endpoint-url", Kind::Value),
    Opt::inert("--no-verify-ssl", Kind::Switch),
    Opt::new(
        "--no-paginate",
        Kind::Switch,
        "Turn a paged command's pagination off: its pagination options are then refused.",
    ),
    Opt::new(
        "--output",
        Kind::Choice(OUTPUT_STYLES),
        "How to print the request: json (default), text, table, yaml or yaml-stream, \
         as the AWS CLI prints a response.",
    ),
    Opt::new(
        "--query",
        Kind::Value,
        "A JMESPath query applied to the request before it is printed.",
    ),
    Opt::inert("--profile", Kind::Value),
    Opt::new(
        "--region",
        Kind::Value,
        "The region the command is meant for: a warning is given when the identity pool \
         id names another one.",
    ),
    Opt::new(
        "--color",
        Kind::Choice(COLORS),
        "Color in table output and diagnostics: on, off or auto (default).",
    ),
    Opt::inert("--no-sign-request", Kind::Switch),
    Opt::inert("--ca-bundle", Kind::Value),
    Opt::inert("--cli-read-timeout", Kind::Value),
    Opt::inert("--cli-connect-timeout", Kind::Value),
    Opt::inert("--v2-debug", Kind::Switch),
    Opt::new("--version", Kind::Version, "Print the version of idpool."),
];

/// The options every command has after its members', in the AWS CLI's order; the pagination
/// options of a paged command come after `--cli-input-yaml`.
const INPUT: &[Opt] = &[
    Opt::new(
        "--cli-input-json",
        Kind::Value,
        "The request as JSON (a string, or file://PATH), in the format of \
         --generate-cli-skeleton. Arguments on the command line override its members.",
    ),
    Opt::new(
        "--cli-input-yaml",
        Kind::Value,
        "The request as YAML (a string, or file://PATH), as AWS CLI v2 reads it. \
         Arguments on the command line override its members.",
    ),
];

/// `--generate-cli-skeleton`, the last option of every command.
const SKELETON: Opt = Opt::new(
    "--generate-cli-skeleton",
    Kind::OptionalChoice(SKELETONS),
    "Print a request skeleton for --cli-input-json (input, the default) or a \
     response skeleton (output), without sending anything.",
);

/// The pagination options of a paged command (awscli/customizations/paginate.py).
const PAGING: &[Opt] = &[
    Opt::new(
        "--starting-token",
        Kind::Value,
        "A token to specify where to start paginating: the NextToken of an earlier \
         truncated response (sent as the request's page token).",
    ),
    Opt::new(
        "--page-size",
        Kind::Integer,
        "The size of each page to get (sent as the request's page size).",
    ),
    Opt::new(
        "--max-items",
        Kind::Integer,
        "The total number of items to return in the command's output (no effect on the \
         request).",
    ),
];

/// Options the AWS CLI also reads under an older name: (command, option, alias)
/// (awscli/customizations/argrename.py, `HIDDEN_ALIASES`).
const HIDDEN_ALIASES: &[(&str, &str, &str)] = &[(
    "create-identity-pool",
    "--open-id-connect-provider-arns",
    "--open-id-connect-provider-ar-ns",
)];

/// The option table of one operation's command.
#[derive(Debug)]
pub struct Table {
    /// The operation.
    pub operation: &'static Operation,
    /// The options, in the AWS CLI's order: the members', then the others.
    pub options: Vec<Opt>,
}

/// The dest of an option: its name without the dashes.
pub fn dest(name: &'static str) -> &'static str {
    &name[2..]
}

/// The option table of `operation`, built once.
pub fn table(operation: &'static Operation) -> &'static Table {
    static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| service::OPERATIONS.iter().map(build).collect());
    tables
        .iter()
        .find(|t| t.operation.name == operation.name)
        .expect("every operation has a table")
}

/// Leaks `text`: the tables are built once per process, a few hundred bytes in all.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn build(operation: &'static Operation) -> Table {
    let mut options = Vec::new();
    let members = match operation.input.map(|s| s.shape().kind) {
        Some(ShapeKind::Structure(members)) => members,
        _ => &[],
    };
    for m in members {
        let name = leak(format!("--{}", m.cli_name));
        let kind = match m.shape.shape().kind {
            ShapeKind::Boolean => Kind::FlagPair(leak(format!("--no-{}", m.cli_name))),
            ShapeKind::List { .. } => Kind::List,
            // awscli's `CLIArgument.TYPE_MAP` gives argparse `type=int` for a long (not for an
            // integer, which stays a string until `int()` after `file://`): the value is read
            // as Python's `int()` reads it before anything else.
            ShapeKind::Long { .. } => Kind::Integer,
            _ => Kind::Value,
        };
        options.push(Opt {
            member: Some(m.name),
            required: m.required,
            ..Opt::new(name, kind, m.description)
        });
    }
    for &(command, original, alias) in HIDDEN_ALIASES {
        if command == operation.command
            && let Some(opt) = options.iter().find(|o| o.name == original).copied()
        {
            options.push(Opt {
                name: alias,
                required: false,
                hidden: true,
                ..opt
            });
        }
    }
    options.extend_from_slice(INPUT);
    if paging::of(operation).is_some() {
        options.extend_from_slice(PAGING);
    }
    options.push(SKELETON);
    Table { operation, options }
}

impl Table {
    /// The options that set request members, with their members.
    pub fn members(&self) -> impl Iterator<Item = (&'static str, &Opt)> {
        self.options
            .iter()
            .filter(|o| !o.hidden)
            .filter_map(|o| Some((o.member?, o)))
    }

    /// The option setting `member`, named `--cli-name`, `cli-name` or `MemberName`.
    pub fn find(&self, name: &str) -> Option<&Opt> {
        let option = name.strip_prefix("--").unwrap_or(name);
        self.members()
            .find(|(member, opt)| *member == name || opt.dest() == option)
            .map(|(_, opt)| opt)
    }

    /// The argparse parser of the operation's arguments, `own` options after the AWS CLI's,
    /// then the `help` positional. Each option is required as the model says.
    pub fn parser(&self, own: &[Opt]) -> ArgParser {
        let mut list = actions(&self.options, true);
        list.extend(actions(own, false));
        list.push(Action::positional("help", Nargs::Optional));
        ArgParser::new(list)
    }

    /// The usage line of the command run as `program`: its required options, in order.
    pub fn usage(&self, program: &str) -> String {
        let mut usage = program.to_owned();
        for (_, opt) in self.members().filter(|(_, o)| o.required) {
            match opt.kind {
                Kind::FlagPair(negative) => {
                    usage.push_str(&format!(" {} | {negative}", opt.name));
                }
                _ => usage.push_str(&format!(" {} <value>", opt.name)),
            }
        }
        usage.push_str(" [options]");
        usage
    }
}

/// The argparse actions of options, each required as it says when `required`.
pub fn actions(table: &[Opt], required: bool) -> Vec<Action> {
    let mut actions = Vec::new();
    for opt in table {
        let base = Action {
            option: Some(opt.name),
            dest: opt.dest(),
            nargs: Nargs::One,
            act: Act::Store,
            choices: None,
            constant: None,
            required: required && opt.required,
            exact: opt.exact,
            integer: false,
        };
        match opt.kind {
            Kind::Value => actions.push(base),
            Kind::Integer => actions.push(Action {
                integer: true,
                ..base
            }),
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
pub fn main_parser() -> ArgParser {
    let mut actions = actions(GLOBAL, false);
    actions.push(Action::positional("command", Nargs::One));
    ArgParser::new(actions)
}

/// The second pass: the operation name.
pub fn service_parser() -> ArgParser {
    ArgParser::new(vec![Action::positional("operation", Nargs::One)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    fn update() -> &'static Table {
        table(service::operation("update-identity-pool").unwrap())
    }

    #[test]
    fn three_spellings() {
        for name in [
            "--cognito-identity-providers",
            "cognito-identity-providers",
            "CognitoIdentityProviders",
        ] {
            assert_eq!(
                update().find(name).unwrap().member,
                Some("CognitoIdentityProviders")
            );
        }
        assert_eq!(
            update()
                .find("open-id-connect-provider-arns")
                .unwrap()
                .member,
            Some("OpenIdConnectProviderARNs")
        );
        assert!(update().find("--cognito").is_none());
        assert!(update().find("cognitoIdentityProviders").is_none());
        assert!(update().find("--cli-input-json").is_none());
    }

    #[test]
    fn kinds_follow_the_shapes() {
        let lists: Vec<&str> = update()
            .members()
            .filter(|(_, o)| o.kind == Kind::List)
            .map(|(_, o)| o.name)
            .collect();
        assert_eq!(
            lists,
            [
                "--open-id-connect-provider-arns",
                "--cognito-identity-providers",
                "--saml-provider-arns"
            ]
        );
        let list = table(service::operation("list-identities").unwrap());
        assert_eq!(
            list.find("--hide-disabled").unwrap().kind,
            Kind::FlagPair("--no-hide-disabled")
        );
    }

    #[test]
    fn usage_names_the_required_options() {
        assert_eq!(
            update().usage("idpool update-identity-pool"),
            "idpool update-identity-pool --identity-pool-id <value> --identity-pool-name <value> \
             --allow-unauthenticated-identities | --no-allow-unauthenticated-identities [options]"
        );
        let pools = table(service::operation("list-identity-pools").unwrap());
        assert_eq!(pools.usage("x"), "x --max-results <value> [options]");
    }

    /// Every command's arguments, in order, are those awscli 1.46.2's driver builds, and
    /// required where it requires them (`tests/data/model/awscli-commands.json`, recorded by
    /// `scripts/model/vendor.sh`), leaving out AWS CLI v2's `--cli-input-yaml`.
    #[test]
    fn every_commands_arguments_are_the_aws_clis() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/model/awscli-commands.json"
        );
        let recorded: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for operation in service::OPERATIONS {
            let expected: Vec<(String, bool)> = recorded[operation.command]["arguments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    let name = format!("--{}", a["name"].as_str().unwrap());
                    // argparse does not enforce a required flag pair.
                    let flag = a["kind"] == "BooleanArgument";
                    (name, a["required"] == true && !flag)
                })
                .collect();
            let ours: Vec<(String, bool)> = table(operation)
                .parser(&[])
                .actions()
                .iter()
                .filter_map(|a| Some((a.option?, a.required)))
                .filter(|(o, _)| *o != "--cli-input-yaml")
                .map(|(o, r)| (o.to_owned(), r))
                .collect();
            assert_eq!(ours, expected, "{}", operation.command);
        }
    }

    #[test]
    fn option_names_are_the_aws_cli_names_of_the_members() {
        for operation in service::OPERATIONS {
            for (_, opt) in table(operation).members() {
                if let Kind::FlagPair(negative) = opt.kind {
                    assert_eq!(negative, format!("--no-{}", opt.dest()));
                }
            }
        }
    }
}
