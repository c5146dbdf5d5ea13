use crate::{idpool, root};
use std::fs;

/// Runs `idpool validate ARGS` from the workspace root; exit code, stdout and stderr as one text.
fn run(args: &[&str]) -> String {
    let output = idpool()
        .current_dir(root())
        .arg("validate")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap()
    )
}

/// A valid file, one with errors, one with warnings only.
const FILES: [&str; 3] = [
    "examples/update-identity-pool.request.json",
    "tests/data/requests/invalid/two-violations.json",
    "tests/data/requests/valid/warn-region-mismatch.json",
];

fn with_files<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(FILES);
    all
}

#[test]
fn human() {
    insta::assert_snapshot!(run(&with_files(&[])));
}

#[test]
fn human_quiet_and_deny_warnings() {
    insta::assert_snapshot!(run(&with_files(&["--quiet", "--deny", "warnings"])));
}

#[test]
fn json() {
    insta::assert_snapshot!(run(&with_files(&["--format", "json"])));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(run(&with_files(&["--format", "sarif"])));
}

#[test]
fn github() {
    insta::assert_snapshot!(run(&with_files(&["--format", "github"])));
}

#[test]
fn junit() {
    insta::assert_snapshot!(run(&with_files(&["--format", "junit"])));
}

#[test]
fn aws() {
    insta::assert_snapshot!(run(&with_files(&["--format", "aws"])));
}

#[test]
fn response_kind_makes_constraints_warnings() {
    insta::assert_snapshot!(run(&[
        "--kind",
        "response",
        "--quiet",
        "tests/data/requests/invalid/name-cafe.json"
    ]));
}

#[test]
fn syntax_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 4] = [
        ("empty.json", b""),
        (
            "trailing-comma.json",
            b"{\n    \"IdentityPoolId\": \"a:1\",\n}\n",
        ),
        ("bom.json", b"\xEF\xBB\xBF{}"),
        ("latin1.json", b"{\"IdentityPoolName\": \"caf\xE9\"}"),
    ];
    for (name, bytes) in cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let output = idpool()
        .current_dir(dir.path())
        .args(["validate", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn directories_are_searched_honouring_gitignore_and_stdin_works() {
    let dir = tempfile::tempdir().unwrap();
    let example = fs::read(root().join("examples/update-identity-pool.request.json")).unwrap();
    fs::create_dir_all(dir.path().join("a/b")).unwrap();
    fs::create_dir_all(dir.path().join("ignored")).unwrap();
    fs::write(dir.path().join("a/b/one.json"), &example).unwrap();
    fs::write(dir.path().join("a/two.json"), &example).unwrap();
    fs::write(dir.path().join("a/notes.txt"), "not json").unwrap();
    fs::write(dir.path().join("ignored/bad.json"), "{").unwrap();
    fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    let output = idpool()
        .current_dir(dir.path())
        .args(["validate", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a/b/one.json", "a/two.json"]);
    let before = fs::read(dir.path().join("a/two.json")).unwrap();
    assert_eq!(
        before, example,
        "validate never writes to the files it checks"
    );

    let output = idpool()
        .args(["validate", "--format", "json", "-"])
        .write_stdin(example)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "-");
}

#[test]
fn usage_errors_exit_2() {
    insta::assert_snapshot!(run(&["no/such/file.json"]));
    insta::assert_snapshot!(run(&["--format", "xml", "examples"]));
    insta::assert_snapshot!(run(&["--deny", "infos", "examples"]));
}

/// The SARIF output is valid against the OASIS SARIF 2.1.0 schema (tests/data/sarif).
#[test]
fn sarif_matches_the_sarif_2_1_0_schema() {
    let schema: serde_json::Value = serde_json::from_slice(
        &fs::read(root().join("tests/data/sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let output = idpool()
        .current_dir(root())
        .args([
            "validate",
            "--format",
            "sarif",
            "examples",
            "tests/data/requests/invalid",
            "tests/data/requests/valid",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(log["runs"][0]["results"].as_array().unwrap().len() > 100);
}

/// A path that cannot be read is that file's error in every format: the other files are still
/// checked, the exit status is 2, and the machine formats are whole documents.
#[test]
fn a_bad_path_never_hides_the_others() {
    let files = [
        "examples/update-identity-pool.request.json",
        "no/such/file.json",
        "tests/data/requests/invalid/two-violations.json",
    ];
    for format in ["human", "json", "sarif", "github", "junit", "aws"] {
        let output = idpool()
            .current_dir(root())
            .args(["validate", "--format", format])
            .args(files)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("IDP011"), "{format}: {stdout}");
        assert!(
            stdout.contains("two-violations.json"),
            "{format}: the next file is checked"
        );
        match format {
            "json" => {
                let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
                assert_eq!(report["summary"]["unreadable"], 1);
                assert_eq!(report["files"][1]["valid"], false);
            }
            "sarif" => {
                let _: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            }
            "junit" => assert!(stdout.ends_with("</testsuites>\n")),
            _ => {}
        }
    }
}

/// A directory search skips what a repository's CI should skip, and says so.
#[test]
fn the_search_says_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let request =
        fs::read_to_string(root().join("examples/update-identity-pool.request.json")).unwrap();
    for (path, text) in [
        ("requests/pool.json", request.as_str()),
        (".cognito/pool.json", "{"),
        ("node_modules/x/package.json", "{}"),
        (".gitignore", "node_modules/\n"),
    ] {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let output = idpool()
        .current_dir(dir.path())
        .args(["validate", "--quiet", "--verbose"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "skipped .cognito: hidden (--hidden searches it)\n\
         skipped node_modules: ignored by .gitignore, .ignore or a git exclude\n"
    );
    let output = idpool()
        .current_dir(dir.path())
        .args(["validate", "--hidden", "--glob", "!**/pool.json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: no files to check in . (3 entries skipped: --verbose says which and why)\n"
    );
}

/// A repository with package files, hidden and ignored files and requests is checked with one
/// line of idpool.toml and no false failure; flags win over the file.
#[test]
fn one_line_of_config_fits_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let request =
        fs::read_to_string(root().join("examples/update-identity-pool.request.json")).unwrap();
    let response =
        fs::read_to_string(root().join("examples/update-identity-pool.response.json")).unwrap();
    let bad =
        fs::read_to_string(root().join("tests/data/requests/invalid/two-violations.json")).unwrap();
    for (path, text) in [
        ("package.json", r#"{"name": "app", "version": "1.0.0"}"#),
        ("tsconfig.json", r#"{"compilerOptions": {}}"#),
        ("cognito/pool.request.json", request.as_str()),
        ("cognito/pool.response.json", response.as_str()),
        (".cache/stale.json", bad.as_str()),
        ("dist/copy.json", bad.as_str()),
        (".gitignore", "dist/\n"),
        (
            "idpool.toml",
            "validate.files = [{ glob = \"*.response.json\", kind = \"response\" }]\n\
             validate.glob = [\"cognito/**\"]\n",
        ),
    ] {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let nested = dir.path().join("cognito");
    let run = |args: &[&str], cwd: &std::path::Path| {
        let output = idpool()
            .current_dir(cwd)
            .arg("validate")
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (code, stdout, _) = run(&["--quiet", "--format", "json"], dir.path());
    assert_eq!(code, Some(0), "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let kinds: Vec<(&str, &str)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("cognito/pool.request.json", "request"),
            ("cognito/pool.response.json", "response")
        ]
    );
    // .cache (hidden) and dist (ignored); package.json is outside the glob, not skipped.
    assert_eq!(report["summary"]["skipped"], 2);
    // The file is found from a subdirectory too; flags win over it.
    let (code, stdout, stderr) = run(&["--verbose", "--format", "json", "."], &nested);
    assert_eq!(code, Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["summary"]["files"], 2,
        "the globs are the file's directory's"
    );
    assert!(stderr.starts_with("configuration: "), "{stderr}");
    let (code, _, _) = run(&["--glob", "*.json"], dir.path());
    assert_eq!(
        code,
        Some(1),
        "--glob replaces the file's globs: package.json is checked"
    );
    let (code, stdout, _) = run(&["--no-config", "--quiet"], dir.path());
    assert_eq!(code, Some(1), "{stdout}");
    // A broken file is an error of its own.
    fs::write(dir.path().join("idpool.toml"), "validate.globs = []\n").unwrap();
    let (code, _, stderr) = run(&[], dir.path());
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown field `globs`"), "{stderr}");
}

/// A directory of several operations' documents: each file's operation from `--operation`,
/// idpool.toml's rules, its name, or the default, in that order.
#[test]
fn operations_of_a_mixed_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("tests/data/requests-by-operation/set-identity-pool-roles");
    let copy = |from: std::path::PathBuf, to: &str| {
        let to = dir.path().join(to);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    };
    copy(
        data.join("invalid/five-problems.json"),
        "prod.set-identity-pool-roles.json",
    );
    copy(data.join("valid/minimal.json"), "roles/minimal.json");
    copy(
        root().join("examples/update-identity-pool.request.json"),
        "pool.json",
    );
    copy(
        root().join("examples/update-identity-pool.response.json"),
        "pool.update-identity-pool.response.json",
    );
    fs::write(
        dir.path().join("idpool.toml"),
        "[[validate.files]]\nglob = \"*.response.json\"\nkind = \"response\"\n\n\
         [[validate.files]]\nglob = \"roles/*.json\"\noperation = \"SetIdentityPoolRoles\"\n",
    )
    .unwrap();
    let output = idpool()
        .current_dir(dir.path())
        .args(["validate", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<(String, String, String, bool)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["operation"].as_str().unwrap().to_owned(),
                f["kind"].as_str().unwrap().to_owned(),
                f["valid"].as_bool().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("pool.json", "UpdateIdentityPool", "request", true),
        (
            "pool.update-identity-pool.response.json",
            "UpdateIdentityPool",
            "response",
            true,
        ),
        (
            "prod.set-identity-pool-roles.json",
            "SetIdentityPoolRoles",
            "request",
            false,
        ),
        (
            "roles/minimal.json",
            "SetIdentityPoolRoles",
            "request",
            true,
        ),
    ];
    let expected: Vec<(String, String, String, bool)> = expected
        .iter()
        .map(|(p, o, k, v)| (p.to_string(), o.to_string(), k.to_string(), *v))
        .collect();
    assert_eq!(files, expected);

    // --operation wins for every file: the UpdateIdentityPool request is no SetIdentityPoolRoles
    // request.
    let output = idpool()
        .current_dir(dir.path())
        .args([
            "validate",
            "--quiet",
            "--operation",
            "set-identity-pool-roles",
            "pool.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("unknown member `IdentityPoolName`"),
        "{stdout}"
    );
}

#[test]
fn each_problem_of_another_operation_at_its_line_and_column() {
    insta::assert_snapshot!(run(&[
        "--operation",
        "set-identity-pool-roles",
        "tests/data/requests-by-operation/set-identity-pool-roles/invalid/five-problems.json",
    ]));
}

#[test]
fn an_operation_without_the_document_is_that_files_error() {
    // SetIdentityPoolRoles returns no body: its "response" is that file's error (IDP011, exit
    // status 2), and the other files are still checked.
    insta::assert_snapshot!(run(&[
        "--operation",
        "SetIdentityPoolRoles",
        "--kind",
        "response",
        "--no-config",
        "tests/data/requests-by-operation/set-identity-pool-roles/valid/minimal.json",
    ]));
    insta::assert_snapshot!(
        "unknown_operation",
        run(&["--operation", "set-identity-pool-role", "examples"])
    );
}
