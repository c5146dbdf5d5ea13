//! Loading `file://` and `fileb://` values from the file system, as the AWS CLI does.

use crate::input::{self, ReadError};
use idpool_shorthand::{FileKind, LoadError, Loaded, Resolver};
use std::path::PathBuf;

/// Reads files named by `file://` (text, with universal newlines, as Python's text mode reads
/// them) and `fileb://` (bytes). `~` and `$VAR` are expanded as the AWS CLI expands them. A
/// file larger than the size limit (`--max-size`) is refused.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FileSystem;

impl Resolver for FileSystem {
    fn load(&self, path: &str, kind: FileKind) -> Result<Loaded, LoadError> {
        let expanded = expand_user(&expand_vars(path));
        let shown = || expanded.to_string_lossy().into_owned();
        let bytes = input::read_file(&expanded).map_err(|e| match e {
            ReadError::Io(e) => LoadError::Io {
                kind: e.kind(),
                path: shown(),
            },
            ReadError::TooLarge(limit) => LoadError::TooLarge {
                path: shown(),
                reason: input::too_large(&shown(), limit),
            },
        })?;
        match kind {
            FileKind::Binary => Ok(Loaded::Bytes(bytes)),
            FileKind::Text => match String::from_utf8(bytes) {
                Ok(text) => Ok(Loaded::Text(universal_newlines(text))),
                Err(_) => Err(LoadError::NotText {
                    path: expanded.to_string_lossy().into_owned(),
                }),
            },
        }
    }
}

/// Python's text mode: `\r\n` and a lone `\r` become `\n`.
fn universal_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Python's `os.path.expandvars`: `$NAME` and `${NAME}` are replaced when the variable is set
/// and left as they are otherwise.
fn expand_vars(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let (name, consumed) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                Some(end) => (&braced[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], end)
        };
        match std::env::var(name) {
            Ok(value) if !name.is_empty() => {
                out.push_str(&value);
                rest = &after[consumed..];
            }
            _ => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Python's `os.path.expanduser` for `~` and `~/...`.
fn expand_user(path: &str) -> PathBuf {
    match (path.strip_prefix('~'), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            let mut full = PathBuf::from(home);
            full.push(rest.trim_start_matches('/'));
            full
        }
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_translated() {
        assert_eq!(universal_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }

    #[test]
    fn unset_variables_are_kept() {
        assert_eq!(
            expand_vars("$IDPOOL_SURELY_UNSET/x"),
            "$IDPOOL_SURELY_UNSET/x"
        );
        assert_eq!(expand_vars("a$"), "a$");
        assert_eq!(
            expand_vars("${IDPOOL_SURELY_UNSET"),
            "${IDPOOL_SURELY_UNSET"
        );
    }

    #[test]
    fn missing_files_are_described_as_python_does() {
        let error = FileSystem
            .load("surely/missing.txt", FileKind::Text)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "surely/missing.txt: no such file or directory"
        );
        assert_eq!(
            error.aws_message("file://surely/missing.txt"),
            "Unable to load paramfile file://surely/missing.txt: \
             [Errno 2] No such file or directory: 'surely/missing.txt'"
        );
    }
}
