//! The arguments of an operation's command as `idpool shorthand --param` looks them up: the
//! lookup side of the option tables of `idpool_awscli::options`.

use idpool_awscli::argparse::ArgParser;
use idpool_awscli::options::{self, Kind};
use idpool_model::service::Operation;
use serde_json::Value as Json;

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

fn param(member: &'static str, opt: &options::Opt) -> Param {
    Param {
        member,
        option: opt.name,
        list: opt.kind == Kind::List,
        flag: matches!(opt.kind, Kind::FlagPair(_)),
    }
}

/// The arguments of `operation`'s request members, in model order.
pub(crate) fn of(operation: &'static Operation) -> Vec<Param> {
    options::table(operation)
        .members()
        .map(|(member, opt)| param(member, opt))
        .collect()
}

/// The argument of `operation` named `--cli-name`, `cli-name` or `MemberName`.
pub(crate) fn find(operation: &'static Operation, name: &str) -> Option<Param> {
    let opt = options::table(operation).find(name)?;
    Some(param(opt.member?, opt))
}

/// The committed request schema of `operation`, parsed once.
pub(crate) fn schema_of(operation: &'static Operation) -> Option<&'static Json> {
    idpool_awscli::request_schema(operation)
}

/// The argparse parser of `operation`'s arguments, as the AWS CLI builds it, with nothing
/// required: for reading what follows a value.
pub(crate) fn parser_of(operation: &'static Operation) -> ArgParser {
    options::table(operation).parser(&[]).without_required()
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_model::service;

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
        for operation in service::OPERATIONS {
            let members: Vec<&str> = of(operation).iter().map(|p| p.member).collect();
            let schema: Vec<&str> = schema_of(operation).unwrap()["properties"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(members, schema, "{}", operation.command);
        }
    }
}
