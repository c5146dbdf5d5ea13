//! `--operation OP`: an operation of the Cognito Identity service model, named as the model
//! writes it (`SetIdentityPoolRoles`) or as the AWS CLI does (`set-identity-pool-roles`).

use idpool_model::service::{self, Operation};

/// Reads the value of `--operation`; an unknown name is refused with the closest operation.
pub(crate) fn parse(name: &str) -> Result<&'static Operation, String> {
    if let Some(operation) = service::operation(name) {
        return Ok(operation);
    }
    let commands: Vec<&str> = service::OPERATIONS.iter().map(|o| o.command).collect();
    let names: Vec<&str> = service::OPERATIONS.iter().map(|o| o.name).collect();
    let hint = idpool_validate::suggest(name, &commands)
        .or_else(|| idpool_validate::suggest(name, &names))
        .map_or_else(
            || "`idpool schema --list` names every operation".to_owned(),
            |name| format!("did you mean `{name}`?"),
        );
    Err(format!(
        "`{name}` is no operation of Cognito Identity ({hint})"
    ))
}

/// The operation checked when none is named.
pub(crate) fn default() -> &'static Operation {
    service::operation("UpdateIdentityPool").expect("the model has UpdateIdentityPool")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_and_a_hint() {
        assert_eq!(
            parse("SetIdentityPoolRoles").unwrap().command,
            "set-identity-pool-roles"
        );
        assert_eq!(
            parse("set-identity-pool-roles").unwrap().name,
            "SetIdentityPoolRoles"
        );
        let error = parse("set-identity-pool-role").unwrap_err();
        assert!(
            error.contains("did you mean `set-identity-pool-roles`?"),
            "{error}"
        );
        let error = parse("SetIdentitypoolRoles").unwrap_err();
        assert!(
            error.contains("did you mean `SetIdentityPoolRoles`?"),
            "{error}"
        );
        assert_eq!(default().command, "update-identity-pool");
    }
}
