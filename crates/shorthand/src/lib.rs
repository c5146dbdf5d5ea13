//! The AWS CLI's shorthand syntax (`ProviderName=a,ClientId=b,ServerSideTokenCheck=false`):
//! parsed exactly as the AWS CLI v1 parses it, typed by a JSON Schema, and rendered back.
//!
//! Work happens in three phases, as in the AWS CLI itself:
//!
//! 1. [`parse`] (or a configured [`Parser`]) reads the text into an untyped [`Value`] tree of
//!    strings, lists and maps, each with its span. It knows nothing of AWS shapes, reads no
//!    files itself (`@=` loading goes through a [`Resolver`] the caller passes in), and reports
//!    what the AWS CLI would silently change as [`Warning`]s.
//! 2. [`coerce()`] types the tree with a JSON Schema: `"false"` becomes `false` where the schema
//!    says boolean, a scalar becomes a one-item list where it says array, as the AWS CLI's
//!    `BackCompatVisitor` does with the service model. It types the tree in place, and
//!    [`Value::to_json`] makes a `serde_json::Value` of it.
//! 3. [`render()`] writes JSON back as shorthand that parses and types to the same value.
//!
//! [`argument`] puts the phases together the way the AWS CLI processes one command-line
//! argument: JSON or shorthand, `file://` values, one token per list item.
//!
//! # Example
//!
//! ```
//! use idpool_shorthand::{coerce, parse, SchemaRef};
//! use serde_json::json;
//!
//! let mut parsed = parse(r#"ProviderName="cognito-idp.us-west-2.amazonaws.com/us-west-2_111111111",ClientId=3n4b5urk1ft4fl3mg5e62d9ado,ServerSideTokenCheck=false"#)?;
//! assert_eq!(parsed.value.to_json()["ServerSideTokenCheck"], "false");
//!
//! let schema = json!({
//!     "type": "object",
//!     "properties": {
//!         "ProviderName": {"type": "string"},
//!         "ClientId": {"type": "string"},
//!         "ServerSideTokenCheck": {"type": "boolean"}
//!     }
//! });
//! coerce(&mut parsed.value, SchemaRef::new(&schema))?;
//! assert_eq!(parsed.value.to_json()["ServerSideTokenCheck"], json!(false));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod argument;
mod coerce;
mod error;
mod grammar;
mod render;
mod schema;
mod tree;

pub use coerce::{CoerceError, CoerceErrorKind, coerce};
pub use error::{Error, ErrorKind, Expected, Found, Warning, WarningKind};
pub use render::{RenderError, render};
pub use schema::SchemaRef;
pub use tree::{BYTES_KEY, Entry, Map, Value, ValueKind};

use std::fmt;

/// How deeply `[...]` and `{...}` may nest. Deeper input is an [`ErrorKind::TooDeep`] error,
/// never a stack overflow. The AWS CLI itself fails with a Python `RecursionError` a little
/// deeper: at 488 levels of `[` and 487 of `{` on its command line.
pub const MAX_DEPTH: usize = 480;

/// Whether a value named `file://...` or `fileb://...` is read as text or as bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `file://`: text.
    Text,
    /// `fileb://`: bytes.
    Binary,
}

/// The contents of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The text of a `file://` value.
    Text(String),
    /// The bytes of a `fileb://` value.
    Bytes(Vec<u8>),
}

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read.
    Io {
        /// What the operating system said.
        kind: std::io::ErrorKind,
        /// The path that was read, after `~` and `$VAR` expansion.
        path: String,
    },
    /// The contents of a `file://` file are not text.
    NotText {
        /// The path of the file.
        path: String,
    },
    /// The file is larger than the resolver reads.
    TooLarge {
        /// The path of the file.
        path: String,
        /// The message of the resolver, saying what its limit is and how to change it.
        reason: String,
    },
    /// The resolver loads no files.
    Disabled,
}

impl LoadError {
    /// The AWS CLI's message for this error about the value `uri` (`file://x`): Python's
    /// `OSError` text, such as `[Errno 2] No such file or directory: 'x'`.
    pub fn aws_message(&self, uri: &str) -> String {
        match self {
            LoadError::Io { kind, path } => {
                let reason = match kind {
                    std::io::ErrorKind::NotFound => "[Errno 2] No such file or directory",
                    std::io::ErrorKind::PermissionDenied => "[Errno 13] Permission denied",
                    std::io::ErrorKind::IsADirectory => "[Errno 21] Is a directory",
                    std::io::ErrorKind::NotADirectory => "[Errno 20] Not a directory",
                    _ => {
                        return format!(
                            "Unable to load paramfile {uri}: {kind}: {}",
                            idpool_python::str_repr(path)
                        );
                    }
                };
                format!(
                    "Unable to load paramfile {uri}: {reason}: {}",
                    idpool_python::str_repr(path)
                )
            }
            LoadError::NotText { path } => format!(
                "Unable to load paramfile ({path}), text contents could not be decoded.  If this is a \
                 binary file, please use the fileb:// prefix instead of the file:// prefix."
            ),
            LoadError::TooLarge { .. } | LoadError::Disabled => {
                format!("Unable to load paramfile {uri}: {self}")
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { kind, path } => {
                let reason = match kind {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                    std::io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
                    other => other.to_string(),
                };
                write!(f, "{path}: {reason}")
            }
            LoadError::NotText { path } => {
                write!(
                    f,
                    "{path} is not UTF-8 text; for a binary file, use fileb:// instead of file://"
                )
            }
            LoadError::TooLarge { reason, .. } => f.write_str(reason),
            LoadError::Disabled => f.write_str("loading files is not enabled"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the files that `file://` and `fileb://` values name. The library itself reads no
/// files.
pub trait Resolver {
    /// Loads `path` (the text after `file://` or `fileb://`), or says why it cannot.
    fn load(&self, path: &str, kind: FileKind) -> Result<Loaded, LoadError>;
}

/// A [`Resolver`] that loads nothing: every `file://` value is an error.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFiles;

impl Resolver for NoFiles {
    fn load(&self, _: &str, _: FileKind) -> Result<Loaded, LoadError> {
        Err(LoadError::Disabled)
    }
}

/// The result of a successful parse: the tree and what the AWS CLI would have silently changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The top-level map. Its strings borrow from the input where they can.
    pub value: Value<'a>,
    /// What the AWS CLI silently changes or drops in this input, in input order.
    pub warnings: Vec<Warning>,
}

/// A configured parser.
#[derive(Clone, Copy)]
pub struct Parser<'r> {
    strict: bool,
    resolver: &'r dyn Resolver,
}

impl std::fmt::Debug for Parser<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

impl Default for Parser<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'r> Parser<'r> {
    /// A parser with AWS CLI parity: warnings are reported, not errors, and `@=` files are
    /// refused ([`NoFiles`]).
    pub fn new() -> Self {
        Self {
            strict: false,
            resolver: &NoFiles,
        }
    }

    /// In strict mode the first [`Warning`] is an error ([`ErrorKind::Strict`]).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Loads `key@=file://...` values with `resolver`.
    pub fn resolver(mut self, resolver: &'r dyn Resolver) -> Self {
        self.resolver = resolver;
        self
    }

    /// Parses one shorthand value, such as `a=1,b=[x,y]`.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Parsed<'a>, Error> {
        let grammar = grammar::Grammar::new(input, self.resolver);
        let value = match grammar.parameter(input) {
            Ok((_, value)) => value,
            Err(nom::Err::Error(stop) | nom::Err::Failure(stop)) => return Err(grammar.error(stop)),
            Err(nom::Err::Incomplete(_)) => unreachable!("complete parsers never ask for more"),
        };
        let warnings = grammar.into_warnings();
        if self.strict {
            if let Some(first) = warnings.into_iter().next() {
                return Err(first.into_error());
            }
            return Ok(Parsed {
                value,
                warnings: Vec::new(),
            });
        }
        Ok(Parsed { value, warnings })
    }
}

/// Parses one shorthand value with AWS CLI parity (see [`Parser::new`]).
///
/// ```
/// let parsed = idpool_shorthand::parse("a=b,c=[d,e],f={g=h}")?;
/// assert_eq!(parsed.value.to_json(), serde_json::json!({"a": "b", "c": ["d", "e"], "f": {"g": "h"}}));
///
/// let error = idpool_shorthand::parse("a=b,c==d").unwrap_err();
/// assert_eq!(error.to_string(), "expected `,`, found `=` at line 1 column 7 (a value containing `=` must be quoted: `key=\"...\"`, with `\\\"` for a `\"` inside)");
/// assert_eq!(error.aws_message().unwrap(), "Expected: ',', received: '=' for input:\na=b,c==d\n      ^");
/// # Ok::<(), idpool_shorthand::Error>(())
/// ```
pub fn parse(input: &str) -> Result<Parsed<'_>, Error> {
    Parser::new().parse(input)
}
