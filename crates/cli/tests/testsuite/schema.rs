use crate::{idpool, root};
use std::fs;

#[test]
fn prints_the_committed_schemas() {
    for kind in ["request", "response"] {
        let committed =
            fs::read(root().join(format!("schemas/update-identity-pool.{kind}.schema.json")))
                .unwrap();
        idpool()
            .args(["schema", kind])
            .assert()
            .success()
            .stdout(committed);
    }
}

#[test]
fn prints_any_operations_schema() {
    for operation in ["set-identity-pool-roles", "SetIdentityPoolRoles"] {
        let committed =
            fs::read(root().join("schemas/set-identity-pool-roles.request.schema.json")).unwrap();
        idpool()
            .args(["schema", "--operation", operation, "request"])
            .assert()
            .success()
            .stdout(committed);
    }
    // No body, no schema; an unknown operation gets the closest one.
    let assert = idpool()
        .args([
            "schema",
            "--operation",
            "set-identity-pool-roles",
            "response",
        ])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr,
        "error: SetIdentityPoolRoles has no response body, so no response schema\n"
    );
    let assert = idpool()
        .args(["schema", "--operation", "set-identity-pol-roles", "request"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("did you mean `set-identity-pool-roles`?"),
        "{stderr}"
    );
}

#[test]
fn lists_the_operations() {
    let assert = idpool().args(["schema", "--list"]).assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 23);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("set-identity-pool-roles "))
        .unwrap();
    assert!(
        line.ends_with("SetIdentityPoolRoles                   request"),
        "{line}"
    );
}

#[test]
fn out_writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/schemas");
    idpool()
        .arg("schema")
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let mut written = 0;
    for entry in fs::read_dir(root().join("schemas")).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            fs::read(out.join(&name)).unwrap(),
            fs::read(root().join("schemas").join(&name)).unwrap(),
            "{name:?}"
        );
        written += 1;
    }
    assert_eq!(fs::read_dir(&out).unwrap().count(), written);
    assert_eq!(written, 42);
}

#[test]
fn out_reports_an_unwritable_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "").unwrap();
    let assert = idpool()
        .arg("schema")
        .arg("--out")
        .arg(&file)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("error: cannot create directory"),
        "{stderr}"
    );
}
