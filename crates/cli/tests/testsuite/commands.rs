//! `idpool cognito-identity COMMAND ARGS...` against the command lines of every command
//! recorded from awscli 1.46.2 in `tests/data/cli/commands/COMMAND/NAME.json`
//! (`scripts/cli/commands_golden.sh`), with the rules `update.rs` applies to `tests/data/cli/cases`.

use crate::{awscli_problem, cli_dir, in_cli_dir};
use serde_json::Value;
use std::collections::BTreeMap;

/// Runs `idpool cognito-identity COMMAND ARGS` in `tests/data/cli`.
fn run(command: &str, args: &[String]) -> (i32, String, String) {
    let words = ["cognito-identity", command].into_iter().map(str::to_owned);
    in_cli_dir(words.chain(args.iter().cloned()))
}

/// One recorded case: `{"command", "args", "aws": {rc, outcome, params, stdout, stderr}}`.
struct Case {
    name: String,
    command: String,
    args: Vec<String>,
    aws: Value,
}

impl Case {
    fn aws_str(&self, key: &str) -> &str {
        self.aws[key].as_str().unwrap()
    }

    fn given(&self, prefix: &str) -> bool {
        self.args.iter().any(|a| a.starts_with(prefix))
    }
}

/// Every case, sorted by command and name.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for folder in std::fs::read_dir(cli_dir().join("commands")).unwrap() {
        let folder = folder.unwrap().path();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let command = case["command"].as_str().unwrap().to_owned();
            assert_eq!(
                folder.file_name().unwrap().to_string_lossy(),
                command,
                "{}: recorded under another command's folder",
                path.display()
            );
            cases.push(Case {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                command,
                args: serde_json::from_value(case["args"].clone()).unwrap(),
                aws: case["aws"].clone(),
            });
        }
    }
    cases.sort_by(|a, b| (&a.command, &a.name).cmp(&(&b.command, &b.name)));
    cases
}

/// Cases where idpool differs from awscli on purpose, with the reason (see docs/update.md).
fn intended_difference(case: &Case) -> Option<&'static str> {
    let version = case
        .args
        .iter()
        .any(|a| a.len() >= 5 && "--version".starts_with(a.as_str()));
    if version {
        return Some("--version prints idpool's version");
    }
    let params = case.aws["params"].to_string();
    if params.contains("$float") {
        return Some(
            "NaN and Infinity in JSON: Python reads them, idpool refuses them as JSON does",
        );
    }
    if params.contains("$bytes_base64") {
        return Some(
            "fileb:// for a text member: awscli fails its validation, idpool refuses the argument",
        );
    }
    // awscli validates the fake response of --generate-cli-skeleton output against the
    // request's rules before it builds the parameters, and fails (aws/aws-cli#2337).
    let skeleton_output = case
        .args
        .windows(2)
        .any(|w| w[0].starts_with("--g") && w[1] == "output");
    if skeleton_output && case.aws_str("outcome") == "invalid" && case.aws["params"].is_null() {
        return Some("--generate-cli-skeleton output: awscli rejects its own fake response");
    }
    if case.given("--o") && case.args.iter().any(|a| a.starts_with("yaml")) {
        return Some("--output yaml and yaml-stream come from AWS CLI v2");
    }
    if case.given("--profile") && case.aws_str("stderr").contains("could not be found") {
        return Some("--profile has no effect offline");
    }
    None
}

/// idpool against every recorded case of every command: the same request, printed the same
/// way, or a refusal where awscli refuses.
#[test]
fn every_command_matches_awscli() {
    let cases = cases();
    let mut per_command: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &cases {
        *per_command.entry(case.command.as_str()).or_default() += 1;
    }
    assert_eq!(per_command.len(), 23, "commands recorded: {per_command:?}");
    assert!(
        per_command.values().all(|&count| count >= 10),
        "{per_command:?}"
    );
    let mut failures = Vec::new();
    for case in &cases {
        if intended_difference(case).is_some() {
            continue;
        }
        let (code, stdout, stderr) = run(&case.command, &case.args);
        if let Some(problem) = awscli_problem(&case.args, &case.aws, code, &stdout) {
            failures.push(format!(
                "{}/{}: {:?}\n{problem}\nidpool stderr:\n{stderr}",
                case.command, case.name, case.args
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
