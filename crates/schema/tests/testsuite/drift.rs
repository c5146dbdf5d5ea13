use idpool_schema::Kind;
use std::fs;

#[test]
fn committed_schemas_match_the_generator() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    let mut expected = Vec::new();
    for (operation, kind) in idpool_schema::all() {
        let name = idpool_schema::file_name(operation, kind);
        let path = crate::root().join("schemas").join(&name);
        let generated = idpool_schema::generate_text(operation, kind).unwrap();
        expected.push(name.clone());
        let committed = fs::read_to_string(&path).unwrap_or_default();
        if committed == generated {
            continue;
        }
        if update {
            fs::write(&path, &generated).unwrap();
            continue;
        }
        let actual = crate::root().join("target/schema-actual").join(&name);
        fs::create_dir_all(actual.parent().unwrap()).unwrap();
        fs::write(&actual, &generated).unwrap();
        stale.push(format!(
            "{} (generated: {})",
            path.display(),
            actual.display()
        ));
    }
    assert!(
        stale.is_empty(),
        "committed schemas differ from the model:\n  {}\nregenerate them with: UPDATE_SCHEMAS=1 cargo test -p idpool-schema",
        stale.join("\n  ")
    );
    // No schema of an operation or document the model does not have.
    let mut committed: Vec<String> = fs::read_dir(crate::root().join("schemas"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".schema.json"))
        .collect();
    committed.sort();
    expected.sort();
    assert_eq!(
        committed, expected,
        "schemas/ holds a file the model does not give"
    );
}

#[test]
fn update_identity_pool_is_the_kinds_own() {
    let operation = idpool_model::service::operation("update-identity-pool").unwrap();
    for kind in Kind::ALL {
        assert_eq!(kind.file_name(), idpool_schema::file_name(operation, kind));
        assert_eq!(
            Some(kind.embedded()),
            idpool_schema::embedded(operation, kind)
        );
        assert_eq!(
            Some(kind.generate()),
            idpool_schema::generate(operation, kind)
        );
    }
}

#[test]
fn embedded_text_is_the_committed_file() {
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        // The files were just rewritten; the embedded copies catch up on the next build.
        return;
    }
    for kind in Kind::ALL {
        let path = crate::root().join("schemas").join(kind.file_name());
        let committed = fs::read_to_string(&path).unwrap();
        assert_eq!(
            kind.embedded(),
            committed,
            "{kind} schema embedded is stale"
        );
    }
    for (operation, kind) in idpool_schema::all() {
        let name = idpool_schema::file_name(operation, kind);
        let committed = fs::read_to_string(crate::root().join("schemas").join(&name)).unwrap();
        assert_eq!(
            idpool_schema::embedded(operation, kind),
            Some(committed.as_str()),
            "{name} embedded is stale"
        );
    }
}
