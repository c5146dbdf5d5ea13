//! `idpool.toml`: what the flags of `idpool validate` say, kept in the repository.
//!
//! The file is found from the current directory upward (the first `idpool.toml`), or named by
//! `--config PATH`; `--no-config` ignores it. Flags win over it: a flag given replaces the
//! setting (globs, kind, sizes), or adds to it (`--deny`).
//!
//! ```toml
//! [validate]
//! glob = ["!package.json", "!tsconfig.json"]  # as -g: what a directory search checks
//! hidden = false                              # as --hidden
//! follow = false                              # as --follow
//! kind = "request"                            # as --kind
//! operation = "update-identity-pool"          # as --operation
//! deny = ["warnings"]                         # as --deny: "warnings", or warning codes
//! allow = ["IDP105"]                          # warnings and infos not reported
//! max-size = "16M"                            # as --max-size
//! max-diagnostics = 1000                      # as --max-diagnostics
//!
//! [[validate.files]]                          # the kind (or operation) of the files a
//! glob = "**/*.response.json"                 # glob matches
//! kind = "response"
//!
//! [[validate.files]]
//! glob = "roles/*.json"
//! operation = "set-identity-pool-roles"
//! ```

use anyhow::{Context, Result, bail};
use globset::{Glob, GlobMatcher};
use idpool_model::service::Operation;
use idpool_validate::{Code, Kind, Severity};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub(crate) const FILE_NAME: &str = "idpool.toml";

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    validate: Validate,
}

/// `[validate]`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Validate {
    #[serde(default)]
    glob: Vec<String>,
    hidden: Option<bool>,
    follow: Option<bool>,
    kind: Option<KindName>,
    operation: Option<String>,
    #[serde(default)]
    deny: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    max_size: Option<String>,
    max_diagnostics: Option<usize>,
    #[serde(default)]
    files: Vec<FileRule>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Request,
    Response,
}

impl From<KindName> for Kind {
    fn from(kind: KindName) -> Kind {
        match kind {
            KindName::Request => Kind::Request,
            KindName::Response => Kind::Response,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRule {
    glob: String,
    kind: Option<KindName>,
    operation: Option<String>,
}

/// A `[[validate.files]]` rule, checked.
#[derive(Debug)]
pub(crate) struct Rule {
    glob: GlobMatcher,
    kind: Option<Kind>,
    operation: Option<&'static Operation>,
}

/// The `[validate]` settings of a configuration file, checked.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    /// Where they come from (`None`: no file).
    pub(crate) source: Option<PathBuf>,
    pub(crate) globs: Vec<String>,
    pub(crate) hidden: bool,
    pub(crate) follow: bool,
    pub(crate) kind: Option<Kind>,
    pub(crate) operation: Option<&'static Operation>,
    pub(crate) deny: Vec<String>,
    pub(crate) allow: Vec<Code>,
    pub(crate) max_size: Option<crate::input::Size>,
    pub(crate) max_diagnostics: Option<usize>,
    /// The kind or operation of the files a glob matches, the first match winning.
    pub(crate) files: Vec<Rule>,
}

impl Settings {
    /// The kind the `[[validate.files]]` rules give `path` (as displayed, relative to the
    /// current directory), if any.
    pub(crate) fn kind_of(&self, path: &str) -> Option<Kind> {
        self.matching(path).find_map(|rule| rule.kind)
    }

    /// The operation the `[[validate.files]]` rules give `path`, if any.
    pub(crate) fn operation_of(&self, path: &str) -> Option<&'static Operation> {
        self.matching(path).find_map(|rule| rule.operation)
    }

    /// The rules whose glob matches `path`, in order.
    fn matching<'s>(&'s self, path: &'s str) -> impl Iterator<Item = &'s Rule> {
        let name = Path::new(path).file_name();
        self.files.iter().filter(move |rule| {
            // A glob without `/` matches a file name anywhere, as in .gitignore.
            if rule.glob.glob().glob().contains('/') {
                rule.glob.is_match(path)
            } else {
                name.is_some_and(|name| rule.glob.is_match(name))
            }
        })
    }
}

/// The first `idpool.toml` from `start` upward.
pub(crate) fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|path| path.is_file())
}

/// Reads and checks the configuration file at `path`.
pub(crate) fn load(path: &Path) -> Result<Settings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the configuration {}", path.display()))?;
    parse(&text)
        .with_context(|| format!("in the configuration {}", path.display()))
        .map(|settings| Settings {
            source: Some(path.to_path_buf()),
            ..settings
        })
}

/// The settings `text` holds.
fn parse(text: &str) -> Result<Settings> {
    let file: File = toml::from_str(text)?;
    let v = file.validate;
    let mut allow = Vec::new();
    for name in &v.allow {
        let code = code(name)?;
        if code.severity() == Severity::Error {
            bail!("allow: {name} is an error; only warnings and infos can be allowed");
        }
        allow.push(code);
    }
    for name in &v.deny {
        deny_value(name)?;
    }
    let max_size = v
        .max_size
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e: String| anyhow::anyhow!("max-size: {e}"))?;
    let operation = |name: &str, setting: &str| {
        crate::operation::parse(name).map_err(|e| anyhow::anyhow!("{setting}: {e}"))
    };
    let mut files = Vec::new();
    for rule in v.files {
        let glob =
            Glob::new(&rule.glob).with_context(|| format!("files: bad glob `{}`", rule.glob))?;
        if rule.kind.is_none() && rule.operation.is_none() {
            bail!(
                "files: the rule for `{}` gives neither a kind nor an operation",
                rule.glob
            );
        }
        files.push(Rule {
            glob: glob.compile_matcher(),
            kind: rule.kind.map(Kind::from),
            operation: rule
                .operation
                .as_deref()
                .map(|name| operation(name, "files"))
                .transpose()?,
        });
    }
    Ok(Settings {
        source: None,
        globs: v.glob,
        hidden: v.hidden.unwrap_or(false),
        follow: v.follow.unwrap_or(false),
        kind: v.kind.map(Kind::from),
        operation: v
            .operation
            .as_deref()
            .map(|name| operation(name, "operation"))
            .transpose()?,
        deny: v.deny,
        allow,
        max_size,
        max_diagnostics: v.max_diagnostics,
        files,
    })
}

/// The code named `name` (`IDP105`, any letter case).
fn code(name: &str) -> Result<Code> {
    Code::ALL
        .iter()
        .copied()
        .find(|code| code.as_str().eq_ignore_ascii_case(name))
        .with_context(|| format!("`{name}` is not a diagnostic code (see docs/diagnostics.md)"))
}

/// A value of `deny`: `warnings`, or the code of a warning; `None` for `warnings`.
pub(crate) fn deny_value(name: &str) -> Result<Option<Code>> {
    if name == "warnings" {
        return Ok(None);
    }
    let Ok(code) = code(name) else {
        bail!(
            "deny: `{name}` is neither `warnings` nor the code of a warning (see docs/diagnostics.md)"
        );
    };
    if code.severity() != Severity::Warning {
        bail!("deny: {name} is not a warning; give `warnings` or the code of a warning");
    }
    Ok(Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_by_glob_and_by_default() {
        let settings = parse(
            "[validate]\noperation = \"GetId\"\n\n[[validate.files]]\nglob = \"*.response.json\"\n\
             kind = \"response\"\n\n[[validate.files]]\nglob = \"roles/*\"\n\
             operation = \"set-identity-pool-roles\"\n",
        )
        .unwrap();
        assert_eq!(settings.operation.unwrap().name, "GetId");
        let roles = settings.operation_of("roles/a.response.json").unwrap();
        assert_eq!(roles.name, "SetIdentityPoolRoles");
        assert_eq!(
            settings.kind_of("roles/a.response.json"),
            Some(Kind::Response)
        );
        assert!(settings.operation_of("a.response.json").is_none());
    }

    #[test]
    fn every_setting_is_read() {
        let settings = parse(
            r#"
[validate]
glob = ["!package.json"]
hidden = true
kind = "response"
deny = ["warnings", "IDP104"]
allow = ["idp105", "IDP201"]
max-size = "16M"
max-diagnostics = 10

[[validate.files]]
glob = "**/*.request.json"
kind = "request"

[[validate.files]]
glob = "*.response.json"
kind = "response"
"#,
        )
        .unwrap();
        assert_eq!(settings.globs, ["!package.json"]);
        assert!(settings.hidden && !settings.follow);
        assert_eq!(settings.kind, Some(Kind::Response));
        assert_eq!(settings.allow, [Code::Whitespace, Code::ResetSettings]);
        assert_eq!(settings.max_size, Some(crate::input::Size(16 << 20)));
        assert_eq!(settings.max_diagnostics, Some(10));
        assert_eq!(settings.kind_of("a/b/x.request.json"), Some(Kind::Request));
        assert_eq!(
            settings.kind_of("deep/y.response.json"),
            Some(Kind::Response)
        );
        assert_eq!(settings.kind_of("z.json"), None);
    }

    #[test]
    fn mistakes_are_named() {
        for (text, expected) in [
            ("[validate]\nglobs = []", "unknown field `globs`"),
            ("[validate]\nallow = [\"IDP008\"]", "IDP008 is an error"),
            ("[validate]\ndeny = [\"IDP201\"]", "IDP201 is not a warning"),
            (
                "[validate]\ndeny = [\"X\"]",
                "`X` is neither `warnings` nor the code",
            ),
            (
                "[validate]\nallow = [\"X\"]",
                "`X` is not a diagnostic code",
            ),
            ("[validate]\nkind = \"both\"", "unknown variant `both`"),
            (
                "[validate]\nmax-size = \"lots\"",
                "max-size: `lots` is not a size",
            ),
            (
                "[[validate.files]]\nglob = \"a{\"\nkind = \"request\"",
                "bad glob `a{`",
            ),
            (
                "[[validate.files]]\nglob = \"a\"",
                "gives neither a kind nor an operation",
            ),
            (
                "[[validate.files]]\nglob = \"a\"\noperation = \"get-ids\"",
                "files: `get-ids` is no operation of Cognito Identity (did you mean `get-id`?)",
            ),
            (
                "[validate]\noperation = \"GetID\"",
                "operation: `GetID` is no operation",
            ),
        ] {
            let error = format!("{:#}", parse(text).unwrap_err());
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn the_nearest_file_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(dir.path().join(FILE_NAME)));
        std::fs::write(dir.path().join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find(&deep), Some(dir.path().join("a").join(FILE_NAME)));
    }
}
