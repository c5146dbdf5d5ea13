//! The committed generated files are what the generator gives, and the names it derives are the
//! AWS CLI's (recorded from awscli 1.46.2 by scripts/model/vendor.sh).

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_files_are_current() {
    for file in idpool_codegen::generate(&root()).expect("the model and overlay generate") {
        let committed = std::fs::read_to_string(root().join(file.path)).unwrap_or_default();
        assert!(
            committed == file.text,
            "{} is not current: run `cargo run -p idpool-codegen`",
            file.path
        );
    }
}

#[test]
fn names_are_the_aws_clis() {
    let text =
        std::fs::read_to_string(root().join("tests/data/model/awscli-commands.json")).unwrap();
    let commands: Value = serde_json::from_str(&text).unwrap();
    let model: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("models/cognito-identity/service-2.json")).unwrap(),
    )
    .unwrap();
    let commands = commands.as_object().unwrap();
    let operations = model["operations"].as_object().unwrap();
    assert_eq!(commands.len(), operations.len());
    for (operation, op) in operations {
        let command = idpool_codegen::command_name(operation);
        let recorded = &commands[&command];
        assert_eq!(recorded["operation"], operation.as_str(), "{command}");
        let Some(input) = op["input"]["shape"].as_str() else {
            continue;
        };
        let members = model["shapes"][input]["members"].as_object().unwrap();
        for member in members.keys() {
            let name = idpool_codegen::command_name(member);
            let argument = recorded["arguments"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["name"] == name.as_str());
            assert_eq!(
                argument.map(|a| &a["member"]),
                Some(&Value::from(member.as_str())),
                "{command} --{name}"
            );
        }
    }
}

#[test]
fn the_operations_doc_lists_every_operation() {
    let doc = std::fs::read_to_string(root().join("docs/operations.md")).unwrap();
    let model: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("models/cognito-identity/service-2.json")).unwrap(),
    )
    .unwrap();
    for name in model["operations"].as_object().unwrap().keys() {
        let row = format!("| {name} | `{}` |", idpool_codegen::command_name(name));
        assert!(
            doc.contains(&row),
            "docs/operations.md has no row for {name}"
        );
    }
}
