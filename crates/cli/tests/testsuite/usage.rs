use crate::idpool;

fn stderr_of(args: &[&str], code: i32) -> String {
    let assert = idpool().args(args).assert().code(code);
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn schema_needs_a_kind_or_out() {
    insta::assert_snapshot!(stderr_of(&["schema"], 2));
}

#[test]
fn unknown_kind_is_a_usage_error() {
    insta::assert_snapshot!(stderr_of(&["schema", "requests"], 2));
}

#[test]
fn kind_and_out_conflict() {
    insta::assert_snapshot!(stderr_of(&["schema", "request", "--out", "x"], 2));
}

#[test]
fn help() {
    let assert = idpool().arg("--help").assert().success();
    insta::assert_snapshot!(String::from_utf8(assert.get_output().stdout.clone()).unwrap());
}

#[test]
fn schema_help() {
    let assert = idpool().args(["schema", "--help"]).assert().success();
    insta::assert_snapshot!(String::from_utf8(assert.get_output().stdout.clone()).unwrap());
}
