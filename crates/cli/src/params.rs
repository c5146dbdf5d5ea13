//! The request members that update-identity-pool's arguments set, and the request schema that
//! types them. The option table of `update::options` declares them; this is its lookup side.

use crate::update::argparse::{Act, Action, ArgParser, Nargs};
use crate::update::options::OPERATION;
use idpool_model::service::{self, Operation, ShapeKind};
use serde_json::Value as Json;
use std::sync::OnceLock;

/// Each member of the request and its option name, in model order.
pub(crate) fn members() -> impl Iterator<Item = (&'static str, &'static str)> {
    OPERATION
        .iter()
        .filter_map(|opt| Some((opt.member?, opt.name)))
}

/// The member and option name of a parameter given as `--cognito-identity-providers`,
/// `cognito-identity-providers` or `CognitoIdentityProviders`.
pub(crate) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    let option = name.strip_prefix("--").unwrap_or(name);
    members().find(|(member, cli)| *member == name || cli[2..] == *option)
}

/// The request schema (the committed one), parsed once.
pub(crate) fn schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::from_str(idpool_schema::Kind::Request.embedded())
            .expect("the embedded schema is JSON")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::update::options::Kind;

    #[test]
    fn three_spellings() {
        for name in [
            "--cognito-identity-providers",
            "cognito-identity-providers",
            "CognitoIdentityProviders",
        ] {
            assert_eq!(lookup(name).unwrap().0, "CognitoIdentityProviders");
        }
        assert_eq!(
            lookup("open-id-connect-provider-arns").unwrap().0,
            "OpenIdConnectProviderARNs"
        );
        assert!(lookup("--cognito").is_none());
        assert!(lookup("cognitoIdentityProviders").is_none());
        assert!(lookup("--cli-input-json").is_none());
    }

    #[test]
    fn list_options_take_several_values() {
        // The model's list members are the option table's list options, and its booleans its
        // flag pairs.
        let update = crate::operation::default();
        for param in of(update) {
            let opt = OPERATION.iter().find(|o| o.name == param.option).unwrap();
            assert_eq!(param.list, opt.kind == Kind::List, "{}", param.option);
            assert_eq!(
                param.flag,
                matches!(opt.kind, Kind::FlagPair(_)),
                "{}",
                param.option
            );
        }
        let lists: Vec<&str> = of(update)
            .iter()
            .filter(|p| p.list)
            .map(|p| p.option)
            .collect();
        assert_eq!(
            lists,
            [
                "--open-id-connect-provider-arns",
                "--cognito-identity-providers",
                "--saml-provider-arns"
            ]
        );
    }

    /// Every command's arguments, in order, are those awscli 1.46.2's driver builds
    /// (`tests/data/model/awscli-commands.json`, recorded by `scripts/model/vendor.sh`); for
    /// update-identity-pool, leaving out idpool's own options and AWS CLI v2's
    /// `--cli-input-yaml`.
    #[test]
    fn every_commands_arguments_are_the_aws_clis() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/model/awscli-commands.json"
        );
        let recorded: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for operation in service::OPERATIONS {
            let expected: Vec<String> = recorded[operation.command]["arguments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| format!("--{}", a["name"].as_str().unwrap()))
                .collect();
            let ours: Vec<String> = parser_of(operation)
                .actions()
                .iter()
                .filter(|a| !a.exact)
                .filter_map(|a| a.option)
                .filter(|&o| o != "--cli-input-yaml")
                .map(str::to_owned)
                .collect();
            assert_eq!(ours, expected, "{}", operation.command);
        }
    }

    #[test]
    fn other_operations_have_the_aws_clis_arguments() {
        let roles = service::operation("set-identity-pool-roles").unwrap();
        let options: Vec<&str> = of(roles).iter().map(|p| p.option).collect();
        assert_eq!(
            options,
            ["--identity-pool-id", "--roles", "--role-mappings"]
        );
        assert_eq!(
            find(roles, "RoleMappings").unwrap().option,
            "--role-mappings"
        );
        assert_eq!(find(roles, "roles").unwrap().member, "Roles");
        let list = service::operation("list-identities").unwrap();
        assert!(find(list, "--hide-disabled").unwrap().flag);
        let tokens: Vec<String> = ["--roles=a", "--no-hide", "--role-mappings", "x"]
            .map(String::from)
            .to_vec();
        let parsed = parser_of(roles).parse_known(&tokens).unwrap();
        assert_eq!(parsed.seen, ["--roles", "--role-mappings"]);
        assert_eq!(parsed.extras, ["--no-hide"]);
        assert!(schema_of(roles).unwrap()["properties"]["RoleMappings"].is_object());
    }

    #[test]
    fn members_follow_the_schema_order() {
        let members: Vec<&str> = members().map(|(member, _)| member).collect();
        let schema: Vec<&str> = schema()["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(members, schema);
    }
}

/// A cache of one value per operation, each made on first use.
type PerOperation<T> = OnceLock<Vec<OnceLock<T>>>;

/// `operation`'s place in `cache`.
fn slot<T>(cache: &'static PerOperation<T>, operation: &Operation) -> Option<&'static OnceLock<T>> {
    let all = cache.get_or_init(|| {
        service::OPERATIONS
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    let index = service::OPERATIONS
        .iter()
        .position(|o| o.name == operation.name)?;
    all.get(index)
}

/// One argument of an operation, as the AWS CLI names it: `--identity-pool-id` sets
/// `IdentityPoolId`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    pub(crate) member: &'static str,
    pub(crate) option: &'static str,
    /// Whether the member is a list (the option takes any number of values).
    pub(crate) list: bool,
    /// Whether the member is a boolean (a pair of flags, no value).
    pub(crate) flag: bool,
}

/// The arguments of `operation`'s request members, in model order. update-identity-pool's come
/// from its option table; the others' from the service model (the AWS CLI names them so too).
pub(crate) fn of(operation: &'static Operation) -> &'static [Param] {
    static PARAMS: PerOperation<Vec<Param>> = OnceLock::new();
    let Some(slot) = slot(&PARAMS, operation) else {
        return &[];
    };
    slot.get_or_init(|| {
        let Some(ShapeKind::Structure(members)) = operation.input.map(|s| s.shape().kind) else {
            return Vec::new();
        };
        members
            .iter()
            .map(|m| {
                let kind = m.shape.shape().kind;
                let option = if operation.command == "update-identity-pool" {
                    lookup(m.name).map_or("", |(_, option)| option)
                } else {
                    // Leaked once per member of the one operation a run uses.
                    &*Box::leak(format!("--{}", m.cli_name).into_boxed_str())
                };
                Param {
                    member: m.name,
                    option,
                    list: matches!(kind, ShapeKind::List { .. }),
                    flag: matches!(kind, ShapeKind::Boolean),
                }
            })
            .collect()
    })
}

/// The argument of `operation` named `--cli-name`, `cli-name` or `MemberName`.
pub(crate) fn find(operation: &'static Operation, name: &str) -> Option<Param> {
    let option = name.strip_prefix("--").unwrap_or(name);
    of(operation)
        .iter()
        .find(|p| p.member == name || p.option.get(2..) == Some(option))
        .copied()
}

/// The committed request schema of `operation`, parsed once.
pub(crate) fn schema_of(operation: &'static Operation) -> Option<&'static Json> {
    static SCHEMAS: PerOperation<Option<Json>> = OnceLock::new();
    slot(&SCHEMAS, operation)?
        .get_or_init(|| {
            let text = idpool_schema::embedded(operation, idpool_schema::Kind::Request)?;
            serde_json::from_str(text).ok()
        })
        .as_ref()
}

/// Options the AWS CLI also reads under an older name: (command, option, alias).
const HIDDEN_ALIASES: &[(&str, &str, &str)] = &[(
    "create-identity-pool",
    "--open-id-connect-provider-arns",
    "--open-id-connect-provider-ar-ns",
)];

/// The argparse parser of `operation`'s arguments, as the AWS CLI builds it (each member's
/// option, a flag pair for a boolean, `--cli-input-json`, the pagination options of a paged
/// command, `--generate-cli-skeleton`, and the `help` positional), for reading what follows a
/// value. A test compares it with the AWS CLI's own tables, recorded from awscli 1.46.2.
pub(crate) fn parser_of(operation: &'static Operation) -> ArgParser {
    if operation.command == "update-identity-pool" {
        return crate::update::options::operation_parser().without_required();
    }
    let option = |name: &'static str, dest: &'static str, nargs, act| Action {
        option: Some(name),
        dest,
        nargs,
        act,
        choices: None,
        constant: None,
        required: false,
        exact: false,
    };
    let mut actions = Vec::new();
    for p in of(operation) {
        let dest = &p.option[2..];
        if p.flag {
            actions.push(option(p.option, dest, Nargs::Zero, Act::True));
            let negative = Box::leak(format!("--no-{dest}").into_boxed_str());
            actions.push(option(negative, dest, Nargs::Zero, Act::False));
        } else {
            let nargs = if p.list { Nargs::Any } else { Nargs::One };
            actions.push(option(p.option, dest, nargs, Act::Store));
        }
    }
    // The AWS CLI's hidden aliases (awscli/customizations/argrename.py, HIDDEN_ALIASES): an old
    // spelling it still reads, after the operation's own arguments.
    for &(command, original, alias) in HIDDEN_ALIASES {
        if command == operation.command
            && let Some(p) = of(operation).iter().find(|p| p.option == original)
        {
            let nargs = if p.list { Nargs::Any } else { Nargs::One };
            actions.push(option(alias, &alias[2..], nargs, Act::Store));
        }
    }
    actions.push(option(
        "--cli-input-json",
        "cli-input-json",
        Nargs::One,
        Act::Store,
    ));
    if operation.paginated {
        for (name, dest) in [
            ("--starting-token", "starting-token"),
            ("--page-size", "page-size"),
            ("--max-items", "max-items"),
        ] {
            actions.push(option(name, dest, Nargs::One, Act::Store));
        }
    }
    actions.push(Action {
        choices: Some(crate::update::options::SKELETONS),
        constant: Some("input"),
        ..option(
            "--generate-cli-skeleton",
            "generate-cli-skeleton",
            Nargs::Optional,
            Act::Store,
        )
    });
    actions.push(Action::positional("help", Nargs::Optional));
    ArgParser::new(actions)
}
