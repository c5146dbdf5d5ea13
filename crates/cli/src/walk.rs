//! Choosing the files `idpool validate` checks, as ripgrep chooses the files it searches.
//!
//! A path named on the command line is always checked, whatever its name. A directory is
//! searched with the `ignore` crate's rules: `.gitignore` (inside a git repository or not),
//! `.ignore` and global git excludes are honoured, and hidden entries (names starting with `.`)
//! are skipped unless `--hidden`; symbolic links are followed only with `--follow`. `--glob`
//! narrows the search (or, with `!`, leaves files out). Nothing is skipped silently: a second,
//! unfiltered look at the directories the search entered finds every entry it left out and why.

use anyhow::{Context, Result};
use ignore::overrides::{Override, OverrideBuilder};
use ignore::{Match, WalkBuilder};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How directories are searched.
#[derive(Debug, Default, Clone)]
pub(crate) struct Options {
    /// Search hidden entries too.
    pub(crate) hidden: bool,
    /// Follow symbolic links.
    pub(crate) follow: bool,
    /// ripgrep-style globs; `!` excludes.
    pub(crate) globs: Vec<String>,
    /// The directory the globs are relative to (that of idpool.toml); `None` for `--glob`, whose
    /// globs are relative to each directory searched, as ripgrep's are.
    pub(crate) glob_base: Option<PathBuf>,
}

/// Something to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A file (or `-` for standard input).
    Path(PathBuf),
    /// An entry the search could not read, with the reason.
    Failed { path: PathBuf, why: String },
}

/// An entry a directory search left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub(crate) path: PathBuf,
    pub(crate) why: &'static str,
}

/// What a command line selects.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    /// The inputs in order: each path as given, a directory's files sorted by name.
    pub(crate) inputs: Vec<Input>,
    /// What the directory searches left out, in order.
    pub(crate) skipped: Vec<Skipped>,
}

/// The inputs `paths` name, and what searching their directories skipped.
pub(crate) fn select(paths: &[PathBuf], options: &Options) -> Result<Selection> {
    let mut selection = Selection::default();
    for path in paths {
        // A path that is not a directory is checked as given; one that does not exist is
        // reported as that input's error, and the others are still checked.
        if path == Path::new("-") || !path.is_dir() {
            selection.inputs.push(Input::Path(path.clone()));
            continue;
        }
        search(path, options, &mut selection)?;
    }
    Ok(selection)
}

/// The globs of a search, with what their paths are relative to.
#[derive(Debug, Clone)]
struct Globs {
    set: Override,
    /// The absolute directory paths are made relative to; `None`: the search's root.
    base: Option<PathBuf>,
}

impl Globs {
    /// The globs of `options` for a search rooted at `root`.
    fn new(root: &Path, options: &Options) -> Result<Globs> {
        let base = options
            .glob_base
            .as_deref()
            .map(std::path::absolute)
            .transpose()?;
        let mut builder = OverrideBuilder::new(base.as_deref().unwrap_or(root));
        for glob in &options.globs {
            builder
                .add(glob)
                .with_context(|| format!("bad glob `{glob}`"))?;
        }
        let set = builder.build().context("bad glob")?;
        Ok(Globs { set, base })
    }

    fn matched(&self, path: &Path, is_dir: bool) -> Match<ignore::overrides::Glob<'_>> {
        match &self.base {
            None => self.set.matched(path, is_dir),
            Some(base) => match std::path::absolute(path) {
                Ok(full) => match full.strip_prefix(base) {
                    Ok(relative) => self.set.matched(relative, is_dir),
                    // Outside the configuration's directory, its globs say nothing.
                    Err(_) => Match::None,
                },
                Err(_) => Match::None,
            },
        }
    }

    fn num_whitelists(&self) -> u64 {
        self.set.num_whitelists()
    }
}

/// Whether a file is one to check: a match of a positive glob when there is one, a `*.json`
/// file otherwise (a file that only `!` globs name is not one).
fn candidate(path: &Path, globs: &Globs) -> bool {
    let json = path.extension().is_some_and(|ext| ext == "json");
    match globs.matched(path, false) {
        Match::Whitelist(_) => true,
        Match::Ignore(_) => false,
        Match::None => json && globs.num_whitelists() == 0,
    }
}

fn search(root: &Path, options: &Options, selection: &mut Selection) -> Result<()> {
    let globs = Globs::new(root, options)?;
    let prune = {
        let globs = globs.clone();
        move |entry: &ignore::DirEntry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            // Directories a `!` glob excludes are not entered; files are decided below.
            !(is_dir && entry.depth() > 0 && globs.matched(entry.path(), true).is_ignore())
        }
    };
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .hidden(!options.hidden)
        .follow_links(options.follow)
        .filter_entry(prune)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let mut entered = HashSet::new();
    let mut chosen = HashSet::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error_path(&error).unwrap_or(root).to_path_buf();
                let why = format!("cannot search the directory: {error}");
                selection.inputs.push(Input::Failed { path, why });
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_some_and(|t| t.is_dir()) {
            entered.insert(entry.path().to_path_buf());
        } else if file_type.is_some_and(|t| t.is_file()) && candidate(entry.path(), &globs) {
            chosen.insert(entry.path().to_path_buf());
            selection.inputs.push(Input::Path(entry.into_path()));
        }
    }
    skipped(root, options, &globs, Arc::new(entered), &chosen, selection);
    Ok(())
}

/// The entries of the directories the search entered that it neither entered nor chose: each
/// directory it did not enter (counted once, not searched), and each file it would have
/// checked but for a rule.
fn skipped(
    root: &Path,
    options: &Options,
    globs: &Globs,
    entered: Arc<HashSet<PathBuf>>,
    chosen: &HashSet<PathBuf>,
    selection: &mut Selection,
) {
    let entered_parent = {
        let entered = Arc::clone(&entered);
        move |entry: &ignore::DirEntry| {
            entry.depth() == 0 || entry.path().parent().is_some_and(|p| entered.contains(p))
        }
    };
    let everything = WalkBuilder::new(root)
        .standard_filters(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(entered_parent)
        .build();
    for entry in everything.flatten() {
        let path = entry.path();
        if entry.depth() == 0 || entered.contains(path) || chosen.contains(path) {
            continue;
        }
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        let is_dir = file_type.is_dir() || (file_type.is_symlink() && path.is_dir());
        // A `!` glob matches whatever the kind of entry; a file outside every positive glob
        // is not one the user asked for, so it is not counted as skipped.
        let excluded = globs.matched(path, true).is_ignore();
        let whitelisted = globs.matched(path, false).is_whitelist();
        let json = path.extension().is_some_and(|ext| ext == "json");
        let wanted = whitelisted || (json && globs.num_whitelists() == 0);
        if !is_dir && !excluded && !wanted {
            continue;
        }
        let hidden = path
            .file_name()
            .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."));
        let why = if hidden && !options.hidden {
            "hidden (--hidden searches it)"
        } else if file_type.is_symlink() && !options.follow {
            "a symbolic link (--follow follows it)"
        } else if excluded {
            "left out by --glob"
        } else {
            "ignored by .gitignore, .ignore or a git exclude"
        };
        selection.skipped.push(Skipped {
            path: path.to_path_buf(),
            why,
        });
    }
}

/// The path an `ignore` error is about.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A repository-like tree: requests, package files, hidden, ignored and linked entries.
    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("requests/a.json", "{}"),
            ("requests/b.json", "{}"),
            ("requests/notes.txt", ""),
            ("package.json", "{}"),
            (".cognito/hidden.json", "{}"),
            (".hidden.json", "{}"),
            ("build/out.json", "{}"),
            ("skip.json", "{}"),
            (".gitignore", "build/\n"),
            (".ignore", "skip.json\n"),
        ] {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("requests/a.json"), root.join("link.json")).unwrap();
        dir
    }

    fn names(root: &Path, options: &Options) -> (Vec<String>, Vec<String>) {
        let selection = select(&[root.to_path_buf()], options).unwrap();
        let relative = |p: &Path| p.strip_prefix(root).unwrap().display().to_string();
        let inputs = selection
            .inputs
            .iter()
            .map(|i| match i {
                Input::Path(p) => relative(p),
                Input::Failed { path, why } => format!("{}: {why}", relative(path)),
            })
            .collect();
        let skipped = selection
            .skipped
            .iter()
            .map(|s| format!("{}: {}", relative(&s.path), s.why))
            .collect();
        (inputs, skipped)
    }

    #[test]
    #[cfg(unix)]
    fn nothing_is_skipped_silently() {
        let dir = tree();
        let (inputs, skipped) = names(dir.path(), &Options::default());
        assert_eq!(
            inputs,
            ["package.json", "requests/a.json", "requests/b.json"]
        );
        assert_eq!(
            skipped,
            [
                ".cognito: hidden (--hidden searches it)",
                ".hidden.json: hidden (--hidden searches it)",
                "build: ignored by .gitignore, .ignore or a git exclude",
                "link.json: a symbolic link (--follow follows it)",
                "skip.json: ignored by .gitignore, .ignore or a git exclude",
            ]
        );
    }

    #[test]
    #[cfg(unix)]
    fn flags_widen_the_search() {
        let dir = tree();
        let options = Options {
            hidden: true,
            follow: true,
            globs: Vec::new(),
            glob_base: None,
        };
        let (inputs, skipped) = names(dir.path(), &options);
        assert_eq!(
            inputs,
            [
                ".cognito/hidden.json",
                ".hidden.json",
                "link.json",
                "package.json",
                "requests/a.json",
                "requests/b.json"
            ]
        );
        assert_eq!(
            skipped,
            [
                "build: ignored by .gitignore, .ignore or a git exclude",
                "skip.json: ignored by .gitignore, .ignore or a git exclude",
            ]
        );
    }

    #[test]
    #[cfg(unix)]
    fn globs_narrow_the_search() {
        let dir = tree();
        let only = Options {
            globs: vec!["requests/**".into()],
            ..Options::default()
        };
        let (inputs, _) = names(dir.path(), &only);
        assert_eq!(
            inputs,
            ["requests/a.json", "requests/b.json", "requests/notes.txt"]
        );
        let except = Options {
            globs: vec!["!package.json".into()],
            ..Options::default()
        };
        let (inputs, skipped) = names(dir.path(), &except);
        assert_eq!(inputs, ["requests/a.json", "requests/b.json"]);
        assert!(skipped.contains(&"package.json: left out by --glob".to_owned()));
        let bad = Options {
            globs: vec!["a{".into()],
            ..Options::default()
        };
        assert!(select(&[dir.path().to_path_buf()], &bad).is_err());
    }

    #[test]
    fn named_files_are_always_checked() {
        let dir = tree();
        let hidden = dir.path().join(".hidden.json");
        let missing = dir.path().join("missing.json");
        let selection = select(&[hidden.clone(), missing.clone()], &Options::default()).unwrap();
        assert_eq!(
            selection.inputs,
            [Input::Path(hidden), Input::Path(missing)]
        );
        assert!(selection.skipped.is_empty());
    }
}
