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
fn out_writes_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/schemas");
    idpool()
        .arg("schema")
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    for kind in ["request", "response"] {
        let name = format!("update-identity-pool.{kind}.schema.json");
        assert_eq!(
            fs::read(out.join(&name)).unwrap(),
            fs::read(root().join("schemas").join(&name)).unwrap()
        );
    }
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
