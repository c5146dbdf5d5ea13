//! One command-line argument processed as the AWS CLI v1 processes it.
//!
//! The values of an argument (one for a map or a structure, any number for a list) go through:
//!
//! 1. `file://` and `fileb://` loading, when the argument has exactly one value;
//! 2. JSON, when the (first) value starts with `[` or `{`;
//! 3. otherwise shorthand, when the argument is a structure, a map, or a list of those: each
//!    value of a list argument is one item, parsed on its own, then the whole is typed;
//! 4. otherwise the plain values: a list of strings takes each value as one item.
//!
//! ```
//! use idpool_shorthand::argument::{process, Options};
//! use idpool_shorthand::SchemaRef;
//! use serde_json::json;
//!
//! let schema = json!({"type": "array", "items": {"type": "object", "properties": {
//!     "ProviderName": {"type": "string"}, "ServerSideTokenCheck": {"type": "boolean"}}}});
//! let values = ["ProviderName=a,ServerSideTokenCheck=TRUE".to_owned(), "ProviderName=b".to_owned()];
//! let processed = process("--cognito-identity-providers", SchemaRef::new(&schema), &values, &Options::default())?;
//! assert_eq!(processed.value, json!([{"ProviderName": "a", "ServerSideTokenCheck": true}, {"ProviderName": "b"}]));
//! # Ok::<(), idpool_shorthand::argument::ArgumentError>(())
//! ```

use crate::coerce::{CoerceError, visit};
use crate::grammar::is_py_space;
use crate::schema::{SchemaRef, Shape};
use crate::tree::{Value, ValueKind};
use crate::{
    Error, FileKind, LoadError, Loaded, NoFiles, Parsed, Parser, Resolver, Warning, coerce,
};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::fmt;

/// How to process an argument.
#[derive(Clone, Copy)]
pub struct Options<'r> {
    /// Loads `file://` and `fileb://` values, at the top level and after `@=`.
    pub resolver: &'r dyn Resolver,
    /// Makes shorthand warnings errors.
    pub strict: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Self {
            resolver: &NoFiles,
            strict: false,
        }
    }
}

impl fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("strict", &self.strict)
            .finish_non_exhaustive()
    }
}

/// The value of a processed argument: by default as JSON ([`process`]), or as the typed trees
/// shorthand was read into ([`process_typed`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Processed<V = Json> {
    /// The value the AWS CLI puts in the request for this argument.
    pub value: V,
    /// Shorthand warnings, each with the index of the argument value it concerns.
    pub warnings: Vec<(usize, Warning)>,
    /// How the value was read, step by step, for `--debug` output.
    pub steps: Vec<String>,
    /// The text of the file the only value named (`file://`), when the value was read from one:
    /// what a caller points into when it reports a problem of the value.
    pub file_text: Option<String>,
    /// How the text (the values, or the file's text) was read.
    pub read_as: ReadAs,
}

/// How the text of an argument was read, so that a caller can find a part of the value in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadAs {
    /// As JSON: one value, or the only value of a list argument holding the whole list.
    Json,
    /// As shorthand: one value, or each value of a list argument one item.
    Shorthand,
    /// As plain values: the value itself, or each value of a list argument one item.
    Plain,
    /// One text split into its characters, one list item each: the AWS CLI's reading of a
    /// file's text given to a list argument.
    Characters,
    /// A file's bytes.
    Bytes,
}

/// The value of an argument as it was read: typed shorthand, whose strings borrow from the
/// argument's values where they can, or JSON.
///
/// It serializes (`serde_json::to_writer`) to the same bytes as its [`Typed::to_json`], without
/// building that JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed<'v> {
    /// One value read as shorthand, typed.
    Tree(Value<'v>),
    /// The values of a list argument read as shorthand, one typed item each.
    Items(Vec<Value<'v>>),
    /// A value read as JSON, or plain values.
    Json(Json),
}

impl Typed<'_> {
    /// The value as JSON.
    pub fn to_json(&self) -> Json {
        match self {
            Typed::Tree(value) => value.to_json(),
            Typed::Items(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            Typed::Json(json) => json.clone(),
        }
    }

    /// The value as JSON, without copying JSON that is already built.
    pub fn into_json(self) -> Json {
        match self {
            Typed::Json(json) => json,
            typed => typed.to_json(),
        }
    }
}

impl serde::Serialize for Typed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Typed::Tree(value) => value.serialize(serializer),
            Typed::Items(items) => serializer.collect_seq(items),
            Typed::Json(json) => json.serialize(serializer),
        }
    }
}

/// Why an argument could not be processed.
#[derive(Debug, Clone, PartialEq)]
pub struct ArgumentError {
    argument: String,
    kind: ArgumentErrorKind,
}

/// The kinds of [`ArgumentError`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ArgumentErrorKind {
    /// A value is not valid shorthand.
    Shorthand {
        /// Which argument value.
        index: usize,
        /// The parse error.
        error: Error,
    },
    /// A shorthand value cannot be typed (`ServerSideTokenCheck=[a]`).
    Coerce {
        /// Which argument value.
        index: usize,
        /// The argument value.
        input: String,
        /// The typing error.
        error: CoerceError,
    },
    /// A value that starts like JSON is not valid JSON.
    Json {
        /// What is wrong, as `idpool validate` words it for the same text.
        message: String,
        /// The value.
        received: String,
        /// The byte offset in the value where the error is, the one `idpool validate` gives.
        offset: usize,
    },
    /// A map or structure argument that is neither shorthand nor a JSON object (`[1]`).
    NotAnObject {
        /// The value.
        received: String,
    },
    /// A `file://` or `fileb://` value could not be loaded.
    File {
        /// The value naming the file.
        uri: String,
        /// Why.
        error: LoadError,
    },
    /// A remote `http://` or `https://` value, which the AWS CLI would fetch.
    Remote {
        /// The URL.
        url: String,
    },
    /// Binary contents (`fileb://`) where text is needed.
    Binary,
    /// An empty value where the AWS CLI needs a first character (it fails with a Python
    /// `IndexError`).
    Empty,
}

impl ArgumentError {
    #[cold]
    fn new(argument: &str, kind: ArgumentErrorKind) -> Self {
        Self {
            argument: argument.to_owned(),
            kind,
        }
    }

    /// The argument, such as `--cognito-identity-providers`.
    pub fn argument(&self) -> &str {
        &self.argument
    }

    /// What went wrong.
    pub fn kind(&self) -> &ArgumentErrorKind {
        &self.kind
    }

    fn detail(&self) -> String {
        match &self.kind {
            ArgumentErrorKind::Shorthand { error, .. } => error.to_string(),
            ArgumentErrorKind::Coerce { error, .. } => error.to_string(),
            ArgumentErrorKind::Json { message, .. } => format!("invalid JSON: {message}"),
            ArgumentErrorKind::NotAnObject { .. } => {
                "expected shorthand (`Key=value`) or a JSON object (`{...}`)".into()
            }
            ArgumentErrorKind::File { uri, error } => format!("cannot load `{uri}`: {error}"),
            ArgumentErrorKind::Remote { url } => {
                format!(
                    "`{url}` would be fetched by the AWS CLI; idpool works offline: download it and use file://"
                )
            }
            ArgumentErrorKind::Binary => {
                "binary contents (fileb://) where text is needed; use file://".into()
            }
            ArgumentErrorKind::Empty => "the value is empty".into(),
        }
    }

    /// The error worded as the AWS CLI v1 words it, where idpool knows that wording.
    pub fn aws_message(&self) -> Option<String> {
        let prefix = format!("Error parsing parameter '{}': ", self.argument);
        match &self.kind {
            // The AWS CLI lets a file error from `@=` through without its parameter prefix.
            ArgumentErrorKind::Shorthand { error, .. } => match error.kind() {
                crate::ErrorKind::File { .. } => error.aws_message(),
                _ => error.aws_message().map(|m| prefix + &m),
            },
            // The AWS CLI lets Python's exception through without its parameter prefix.
            ArgumentErrorKind::Coerce { error, .. } => error.aws_message(),
            ArgumentErrorKind::Json {
                message, received, ..
            } => Some(format!(
                "{prefix}Invalid JSON: {message}\nJSON received: {received}"
            )),
            ArgumentErrorKind::NotAnObject { received } => {
                Some(format!("{prefix}Invalid JSON:\n{received}"))
            }
            ArgumentErrorKind::File { uri, error } => {
                Some(format!("{prefix}{}", error.aws_message(uri)))
            }
            ArgumentErrorKind::Empty => Some("string index out of range".into()),
            _ => None,
        }
    }

    /// The error as people read it, with the caret rendering for shorthand and typing errors.
    pub fn render(&self) -> String {
        match &self.kind {
            ArgumentErrorKind::Shorthand { error, .. } => {
                format!("in the value of {}:\n{}", self.argument, error.render())
            }
            ArgumentErrorKind::Coerce { input, error, .. } => format!(
                "in the value of {}:\nerror: {error}\n{}",
                self.argument,
                crate::error::snippet(input, error.span(), "here")
            ),
            ArgumentErrorKind::Json {
                message,
                received,
                offset,
            } => format!(
                "in the value of {}:\nerror: invalid JSON: {message}\n{}",
                self.argument,
                crate::error::snippet(received, *offset..*offset, "here")
            ),
            _ => format!("error: {self}\n"),
        }
    }
}

impl fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "in the value of {}: {}", self.argument, self.detail())
    }
}

impl std::error::Error for ArgumentError {}

/// The value of an argument after top-level file loading.
enum Raw<'v> {
    /// The argument values as given (a list argument with other than one value, or no file).
    Tokens(&'v [String]),
    /// One string: the only value of the argument, or a file's text. A list argument whose
    /// only value named a file gets here too, and the AWS CLI then treats it as a string.
    One(Cow<'v, str>),
    /// A file's bytes.
    Bytes(Vec<u8>),
}

/// Processes the values of the argument `argument` (for messages, such as
/// `--supported-login-providers`) whose schema is `schema`.
///
/// A list argument takes any number of values; any other argument takes exactly one (the
/// caller's argument parser enforces that; extra values are ignored here).
pub fn process(
    argument: &str,
    schema: SchemaRef<'_>,
    values: &[String],
    options: &Options<'_>,
) -> Result<Processed, ArgumentError> {
    let processed = process_typed(argument, schema, values, options, true)?;
    Ok(Processed {
        value: processed.value.into_json(),
        warnings: processed.warnings,
        steps: processed.steps,
        file_text: processed.file_text,
        read_as: processed.read_as,
    })
}

/// [`process`], with the value as it was read: the typed shorthand trees, borrowing from
/// `values`, are kept rather than turned into JSON, for callers that only write the value out.
/// With `steps` false, [`Processed::steps`] is left empty, which saves writing them.
pub fn process_typed<'v>(
    argument: &str,
    schema: SchemaRef<'_>,
    values: &'v [String],
    options: &Options<'_>,
    steps: bool,
) -> Result<Processed<Typed<'v>>, ArgumentError> {
    let mut steps = Steps {
        list: Vec::new(),
        on: steps,
    };
    let is_list = schema.shape() == Shape::List;
    let raw = match values {
        [] if is_list => Raw::Tokens(&[]),
        [] => return Err(ArgumentError::new(argument, ArgumentErrorKind::Empty)),
        [_, _, ..] if is_list => Raw::Tokens(values),
        [first, ..] => match load_file(argument, first, options, &mut steps)? {
            Some(loaded) => loaded,
            None if is_list => Raw::Tokens(std::slice::from_ref(first)),
            None => Raw::One(Cow::Borrowed(first)),
        },
    };
    let looks_like_json = match &raw {
        Raw::Tokens(tokens) => tokens.first().is_some_and(|t| starts_like_json(t)),
        Raw::One(text) => starts_like_json(text),
        Raw::Bytes(_) => false,
    };
    let file_text = match (&raw, values) {
        (Raw::One(text), [first]) if first.starts_with("file") => Some(text.to_string()),
        _ => None,
    };
    if !looks_like_json && schema.supports_shorthand() {
        let mut processed = shorthand(argument, schema, raw, options, steps)?;
        processed.file_text = file_text;
        return Ok(processed);
    }
    let read_as = plain_reading(schema, &raw);
    let value = plain(argument, schema, raw, &mut steps)?;
    Ok(Processed {
        value: Typed::Json(value),
        warnings: Vec::new(),
        steps: steps.list,
        file_text,
        read_as,
    })
}

/// How [`plain`] reads `raw`.
fn plain_reading(schema: SchemaRef<'_>, raw: &Raw<'_>) -> ReadAs {
    let starts_list = |text: &str| text.trim_start_matches(is_py_space).starts_with('[');
    match (schema.shape(), raw) {
        (_, Raw::Bytes(_)) => ReadAs::Bytes,
        (Shape::List, Raw::One(text)) if starts_list(text) => ReadAs::Json,
        (Shape::List, Raw::One(_)) => ReadAs::Characters,
        (_, Raw::Tokens(tokens)) => match tokens {
            [only] if only.trim_matches(is_py_space).starts_with('[') => ReadAs::Json,
            _ => ReadAs::Plain,
        },
        (Shape::Structure | Shape::Map, Raw::One(_)) => ReadAs::Json,
        (_, Raw::One(_)) => ReadAs::Plain,
    }
}

/// The steps of [`Processed::steps`], written only when they are wanted.
struct Steps {
    list: Vec<String>,
    on: bool,
}

impl Steps {
    /// Adds the step that `step` writes, if steps are wanted.
    fn push(&mut self, step: impl FnOnce() -> String) {
        if self.on {
            self.list.push(step());
        }
    }
}

/// `strip()` then a `[` or `{`: the AWS CLI's test for JSON.
fn starts_like_json(value: &str) -> bool {
    value.trim_matches(is_py_space).starts_with(['[', '{'])
}

/// Loads a `file://` or `fileb://` value; `None` when the value names no file.
fn load_file(
    argument: &str,
    value: &str,
    options: &Options<'_>,
    steps: &mut Steps,
) -> Result<Option<Raw<'static>>, ArgumentError> {
    let (kind, path) = if let Some(path) = value.strip_prefix("file://") {
        (FileKind::Text, path)
    } else if let Some(path) = value.strip_prefix("fileb://") {
        (FileKind::Binary, path)
    } else if value.starts_with("http://") || value.starts_with("https://") {
        return Err(ArgumentError::new(
            argument,
            ArgumentErrorKind::Remote {
                url: value.to_owned(),
            },
        ));
    } else {
        return Ok(None);
    };
    match options.resolver.load(path, kind) {
        Ok(Loaded::Text(text)) => {
            steps.push(|| {
                format!(
                    "{argument}: read the value from {value} ({} bytes)",
                    text.len()
                )
            });
            Ok(Some(Raw::One(Cow::Owned(text))))
        }
        Ok(Loaded::Bytes(bytes)) => {
            steps.push(|| format!("{argument}: read {} bytes from {value}", bytes.len()));
            Ok(Some(Raw::Bytes(bytes)))
        }
        Err(error) => Err(ArgumentError::new(
            argument,
            ArgumentErrorKind::File {
                uri: value.to_owned(),
                error,
            },
        )),
    }
}

fn shorthand<'v>(
    argument: &str,
    schema: SchemaRef<'_>,
    raw: Raw<'v>,
    options: &Options<'_>,
    mut steps: Steps,
) -> Result<Processed<Typed<'v>>, ArgumentError> {
    let parser = Parser::new()
        .strict(options.strict)
        .resolver(options.resolver);
    let mut warnings = Vec::new();
    let value = match raw {
        Raw::Bytes(_) => return Err(ArgumentError::new(argument, ArgumentErrorKind::Binary)),
        Raw::One(text) => {
            if let Some(value) = value_structure(schema, &text) {
                steps.push(|| {
                    format!("{argument}: a structure of one `Value`: taken as that value")
                });
                return Ok(Processed {
                    value: Typed::Json(value),
                    warnings,
                    steps: steps.list,
                    file_text: None,
                    read_as: ReadAs::Plain,
                });
            }
            steps.push(|| format!("{argument}: parsed as shorthand"));
            match text {
                Cow::Borrowed(text) => {
                    Typed::Tree(one(&parser, argument, schema, text, &mut warnings)?)
                }
                // A file's text lives here only: the tree takes its strings.
                Cow::Owned(text) => {
                    Typed::Tree(one(&parser, argument, schema, &text, &mut warnings)?.into_owned())
                }
            }
        }
        Raw::Tokens(tokens) => {
            steps.push(|| {
                format!(
                    "{argument}: {} value(s) parsed as shorthand, one list item each",
                    tokens.len()
                )
            });
            Typed::Items(items(&parser, argument, schema, tokens, &mut warnings)?)
        }
    };
    Ok(Processed {
        value,
        warnings,
        steps: steps.list,
        file_text: None,
        read_as: ReadAs::Shorthand,
    })
}

/// One value read as shorthand and typed with `schema`; its warnings are those of value 0.
fn one<'t>(
    parser: &Parser<'_>,
    argument: &str,
    schema: SchemaRef<'_>,
    text: &'t str,
    warnings: &mut Vec<(usize, Warning)>,
) -> Result<Value<'t>, ArgumentError> {
    let parsed = parse_value(parser, argument, 0, text)?;
    warnings.extend(parsed.warnings.into_iter().map(|w| (0, w)));
    let mut value = parsed.value;
    coerce(&mut value, schema).map_err(|error| {
        ArgumentError::new(
            argument,
            ArgumentErrorKind::Coerce {
                index: 0,
                input: text.to_owned(),
                error,
            },
        )
    })?;
    Ok(value)
}

/// The values of a list argument, each read as shorthand and typed as one item of `schema`.
/// Every value is parsed before any is typed, so that a parse error comes first, as in the AWS
/// CLI.
fn items<'v>(
    parser: &Parser<'_>,
    argument: &str,
    schema: SchemaRef<'_>,
    tokens: &'v [String],
    warnings: &mut Vec<(usize, Warning)>,
) -> Result<Vec<Value<'v>>, ArgumentError> {
    let mut parsed = Vec::with_capacity(tokens.len());
    for (index, token) in tokens.iter().enumerate() {
        let one = parse_value(parser, argument, index, token)?;
        warnings.extend(one.warnings.into_iter().map(|w| (index, w)));
        parsed.push(one.value);
    }
    let items = schema
        .items()
        .expect("a list schema that supports shorthand has items");
    for (index, value) in parsed.iter_mut().enumerate() {
        visit(value, items, true).map_err(|error| {
            ArgumentError::new(
                argument,
                ArgumentErrorKind::Coerce {
                    index,
                    input: tokens[index].clone(),
                    error,
                },
            )
        })?;
    }
    Ok(parsed)
}

fn parse_value<'t>(
    parser: &Parser<'_>,
    argument: &str,
    index: usize,
    text: &'t str,
) -> Result<Parsed<'t>, ArgumentError> {
    parser.parse(text).map_err(|error| {
        ArgumentError::new(argument, ArgumentErrorKind::Shorthand { index, error })
    })
}

/// The AWS CLI's special case for a structure whose only member is the string `Value`: a value
/// without `=` is that member.
fn value_structure(schema: SchemaRef<'_>, text: &str) -> Option<Json> {
    let mut names = schema.property_names();
    let only_value = schema.shape() == Shape::Structure
        && names.next() == Some("Value")
        && names.next().is_none();
    let is_string = schema
        .property("Value")
        .is_some_and(|s| s.as_json().get("type") == Some(&Json::from("string")));
    (only_value && is_string && !text.contains('=')).then(|| serde_json::json!({ "Value": text }))
}

/// The AWS CLI's `unpack_cli_arg`: JSON, or plain values.
fn plain(
    argument: &str,
    schema: SchemaRef<'_>,
    raw: Raw<'_>,
    steps: &mut Steps,
) -> Result<Json, ArgumentError> {
    let error = |kind| ArgumentError::new(argument, kind);
    let first_char = |text: &str| text.trim_start_matches(is_py_space).chars().next();
    match (schema.shape(), raw) {
        (Shape::List, Raw::Bytes(bytes))
            if schema.items().is_some_and(|i| i.shape() == Shape::Other) =>
        {
            // The AWS CLI iterates over the bytes: one item per byte, as a number.
            steps.push(|| {
                format!(
                    "{argument}: a binary file for a list: one number per byte, as the AWS CLI does"
                )
            });
            Ok(Json::Array(bytes.into_iter().map(Json::from).collect()))
        }
        (_, Raw::Bytes(_)) => Err(error(ArgumentErrorKind::Binary)),
        (Shape::List, Raw::One(text)) => match first_char(&text) {
            Some('[') => json(argument, &text, steps),
            Some(_) => {
                steps.push(|| format!(
                    "{argument}: a file's text for a list: one item per character, as the AWS CLI does"
                ));
                let items = schema.items();
                text.chars()
                    .map(|c| scalar(argument, items, c.to_string()))
                    .collect::<Result<_, _>>()
                    .map(Json::Array)
            }
            None => Err(error(ArgumentErrorKind::Empty)),
        },
        (_, Raw::Tokens(tokens)) => {
            if let [only] = tokens
                && only.trim_matches(is_py_space).starts_with('[')
            {
                return json(argument, only, steps);
            }
            steps.push(|| format!("{argument}: {} value(s), one list item each", tokens.len()));
            let items = schema.items();
            tokens
                .iter()
                .map(|t| scalar(argument, items, t.clone()))
                .collect::<Result<_, _>>()
                .map(Json::Array)
        }
        (Shape::Structure | Shape::Map, Raw::One(text)) => match first_char(&text) {
            Some('{') => json(argument, &text, steps),
            Some(_) => Err(error(ArgumentErrorKind::NotAnObject {
                received: text.into_owned(),
            })),
            None => Err(error(ArgumentErrorKind::Empty)),
        },
        (_, Raw::One(text)) => scalar(argument, Some(schema), text.into_owned()),
    }
}

/// One plain value, converted by the type its schema names.
fn scalar(
    argument: &str,
    schema: Option<SchemaRef<'_>>,
    text: String,
) -> Result<Json, ArgumentError> {
    let Some(schema) = schema else {
        return Ok(Json::String(text));
    };
    match schema.shape() {
        Shape::Structure | Shape::Map => {
            match text.trim_start_matches(is_py_space).chars().next() {
                Some('{') => {
                    let mut steps = Steps {
                        list: Vec::new(),
                        on: false,
                    };
                    json(argument, &text, &mut steps)
                }
                _ => Err(ArgumentError::new(
                    argument,
                    ArgumentErrorKind::NotAnObject { received: text },
                )),
            }
        }
        Shape::Boolean => Ok(Json::Bool(
            !(text.to_lowercase() == "false" || text.is_empty()),
        )),
        Shape::Integer | Shape::Number => {
            let mut value = Value::new(ValueKind::String(text.as_str().into()), 0..text.len());
            match visit(&mut value, schema, false) {
                Ok(()) => Ok(value.to_json()),
                Err(error) => {
                    let input = text.clone();
                    Err(ArgumentError::new(
                        argument,
                        ArgumentErrorKind::Coerce {
                            index: 0,
                            input,
                            error,
                        },
                    ))
                }
            }
        }
        _ => Ok(Json::String(text)),
    }
}

/// The byte offset of serde_json's one-based line and column (a column counts bytes), kept
/// inside `text` and on a character boundary.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .filter(|_| line > 1)
        .map_or(0, |(i, _)| i + 1);
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn json(argument: &str, text: &str, steps: &mut Steps) -> Result<Json, ArgumentError> {
    steps.push(|| format!("{argument}: parsed as JSON"));
    serde_json::from_str(text).map_err(|e| {
        // The strict parser's account of the error, the one `idpool validate` gives for the
        // same text; serde_json's is a fallback, should it ever refuse what the strict parser
        // reads.
        let (message, offset) = match idpool_json::parse(text) {
            Err(error) => (error.message, error.span.start),
            Ok(_) => (e.to_string(), byte_offset(text, e.line(), e.column())),
        };
        ArgumentError::new(
            argument,
            ArgumentErrorKind::Json {
                offset,
                message,
                received: text.to_owned(),
            },
        )
    })
}
