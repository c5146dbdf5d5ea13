//! Why a command line cannot be run.

use std::fmt;

/// A command line that cannot be run: the AWS CLI refuses it (argparse exits with 2, the rest
/// with 255), and so does idpool, before printing anything.
#[derive(Debug, Clone)]
pub struct Refusal {
    kind: RefusalKind,
    /// The message for people (possibly several lines, with a caret rendering), ending in a
    /// newline.
    message: String,
    /// How the AWS CLI words it, when known.
    aws: Option<String>,
    /// The `--debug` log up to the refusal.
    log: Vec<String>,
}

/// What kind of refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RefusalKind {
    /// An argparse error: `--identity-pool-id` without a value, a missing required option.
    Argparse,
    /// Tokens no parser took, such as `--bogus` or a stray `x`, in order; `known` lists every
    /// option of the command (for a did-you-mean hint).
    UnknownOptions {
        /// The tokens.
        unknown: Vec<String>,
        /// The options the command has.
        known: Vec<&'static str>,
    },
    /// A global option with a value the AWS CLI refuses (`--endpoint-url example.com`), or a
    /// `--query` that does not compile.
    Global,
    /// The operation named is not this command's.
    Operation,
    /// An argument that cannot be processed: shorthand or JSON syntax, a file that cannot be
    /// read, a value that cannot be typed.
    Argument,
    /// `--cli-input-json` (or `--cli-input-yaml`) that cannot be read or is no object.
    CliInput,
    /// Pagination options while the AWS CLI does not paginate.
    Pagination,
}

impl Refusal {
    #[cold]
    pub(crate) fn new(kind: RefusalKind, message: impl Into<String>, log: &[String]) -> Self {
        Self {
            kind,
            message: message.into(),
            aws: None,
            log: log.to_vec(),
        }
    }

    #[cold]
    pub(crate) fn with_aws(mut self, aws: Option<String>) -> Self {
        self.aws = aws;
        self
    }

    pub(crate) fn with_log(mut self, log: Vec<String>) -> Self {
        self.log = log;
        self
    }

    /// What kind of refusal it is.
    pub fn kind(&self) -> &RefusalKind {
        &self.kind
    }

    /// The message for people (possibly several lines, with hints), ending in a newline.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How the AWS CLI words it, when known.
    pub fn aws(&self) -> Option<&str> {
        self.aws.as_deref()
    }

    /// The `--debug` log up to the refusal, one line per step.
    pub fn log(&self) -> &[String] {
        &self.log
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.trim_end())
    }
}

impl std::error::Error for Refusal {}
