use idpool_schema::Kind;
use std::fs;

#[test]
fn committed_schemas_match_the_generator() {
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for kind in Kind::ALL {
        let path = crate::root().join("schemas").join(kind.file_name());
        let generated = kind.generate_text();
        let committed = fs::read_to_string(&path).unwrap_or_default();
        if committed == generated {
            continue;
        }
        if update {
            fs::write(&path, &generated).unwrap();
            continue;
        }
        let actual = crate::root()
            .join("target/schema-actual")
            .join(kind.file_name());
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
}
