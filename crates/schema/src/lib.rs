//! JSON Schemas of the Amazon Cognito Identity API: the request and response body of every
//! operation.
//!
//! The schemas are generated from `idpool-model`'s types with schemars ([`generate`]) and committed
//! under `schemas/` as `<command>.request.schema.json` and `<command>.response.schema.json`;
//! [`embedded()`] gives the committed text. A test fails when the committed files drift from the
//! generator. [`Kind`] names the two documents of an operation; [`Kind::embedded`] and
//! [`Kind::generate`] are those of `UpdateIdentityPool`, which the validator and the
//! `idpool schema` command use.
//!
//! The schemas follow JSON Schema draft 2020-12 and are written so that any conforming validator
//! gives the service's answer: patterns are anchored (`^…$`) and spell `\w`, `\s`, `\d` and `\S`
//! out as the ASCII classes the service's Java regex engine uses (`\p{..}` classes are kept, as
//! ECMA-262 reads them with the `u` flag), optional members never accept `null`, and every object
//! with fixed members says `additionalProperties: false`. Every constraint comes from the
//! `idpool_model::service` table: numeric bounds, enums, lengths, list and map sizes, map keys.
//!
//! # Example
//!
//! ```
//! use idpool_schema::Kind;
//! use idpool_model::service;
//!
//! let schema: serde_json::Value = serde_json::from_str(Kind::Request.embedded())?;
//! assert_eq!(schema["required"][0], "IdentityPoolId");
//! assert_eq!(Kind::Request.generate(), schema);
//!
//! let roles = service::operation("set-identity-pool-roles").unwrap();
//! let text = idpool_schema::embedded(roles, Kind::Request).unwrap();
//! let schema: serde_json::Value = serde_json::from_str(text)?;
//! assert_eq!(Some(schema), idpool_schema::generate(roles, Kind::Request));
//! assert_eq!(idpool_schema::embedded(roles, Kind::Response), None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

#[rustfmt::skip]
mod embedded;

use idpool_model::service::{self, Operation};
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// Which document of an operation a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The body of a request (the operation's input).
    Request,
    /// The body of a response (the operation's output).
    Response,
}

const REQUEST: &str = include_str!("../../../schemas/update-identity-pool.request.schema.json");
const RESPONSE: &str = include_str!("../../../schemas/update-identity-pool.response.schema.json");

/// `UpdateIdentityPool`, the operation of [`Kind`]'s own methods.
fn update_identity_pool() -> &'static Operation {
    service::OPERATIONS
        .iter()
        .find(|o| o.name == "UpdateIdentityPool")
        .unwrap_or(&service::OPERATIONS[0])
}

impl Kind {
    /// Both kinds, request first.
    pub const ALL: [Kind; 2] = [Kind::Request, Kind::Response];

    /// The lower-case name: `request` or `response`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }

    /// The file name of the committed `UpdateIdentityPool` schema, such as
    /// `update-identity-pool.request.schema.json`.
    pub fn file_name(self) -> String {
        file_name(update_identity_pool(), self)
    }

    /// The `$id` of the `UpdateIdentityPool` schema.
    pub fn id(self) -> String {
        format!("urn:idpool:schema:{}", self.file_name())
    }

    /// The committed `UpdateIdentityPool` schema text, exactly as it is in `schemas/`.
    pub fn embedded(self) -> &'static str {
        match self {
            Kind::Request => REQUEST,
            Kind::Response => RESPONSE,
        }
    }

    /// Generates the `UpdateIdentityPool` schema from the model.
    pub fn generate(self) -> Value {
        generate(update_identity_pool(), self).unwrap_or_default()
    }

    /// The shape of this document of `operation`, if the operation has one.
    fn shape(self, operation: &Operation) -> Option<service::ShapeId> {
        match self {
            Kind::Request => operation.input,
            Kind::Response => operation.output,
        }
    }

    /// The generated `UpdateIdentityPool` schema as committed: pretty-printed with a final
    /// newline.
    pub fn generate_text(self) -> String {
        generate_text(update_identity_pool(), self).unwrap_or_default()
    }
}

/// Every operation's documents that have a schema: each operation in the model's order, its
/// request before its response.
pub fn all() -> impl Iterator<Item = (&'static Operation, Kind)> {
    service::OPERATIONS.iter().flat_map(|operation| {
        Kind::ALL
            .into_iter()
            .filter(|kind| kind.shape(operation).is_some())
            .map(move |kind| (operation, kind))
    })
}

/// The file name of the committed schema of a document of `operation`, such as
/// `set-identity-pool-roles.request.schema.json`.
pub fn file_name(operation: &Operation, kind: Kind) -> String {
    format!("{}.{}.schema.json", operation.command, kind.name())
}

/// The committed schema text of a document of `operation`, exactly as it is in `schemas/`;
/// `None` when the operation has no such document (`SetIdentityPoolRoles` returns no body).
pub fn embedded(operation: &Operation, kind: Kind) -> Option<&'static str> {
    let (_, request, response) = embedded::SCHEMAS
        .iter()
        .find(|(command, ..)| *command == operation.command)?;
    match kind {
        Kind::Request => *request,
        Kind::Response => *response,
    }
}

/// Generates the schema of a document of `operation` from the model; `None` when the operation
/// has no such document.
pub fn generate(operation: &Operation, kind: Kind) -> Option<Value> {
    let shape = kind.shape(operation)?;
    let settings = SchemaSettings::draft2020_12().with_transform(NoNull);
    let mut schema = idpool_model::root_schema(shape, settings.into_generator())?;
    let body = std::mem::take(schema.as_object_mut()?);
    let (title, description) = heading(operation, kind);
    let mut root = serde_json::Map::new();
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    root.insert(
        "$id".into(),
        format!("urn:idpool:schema:{}", file_name(operation, kind)).into(),
    );
    root.insert("title".into(), title.into());
    root.insert("description".into(), description.into());
    // Keep the generator's keywords in its order, after ours.
    for (key, value) in body {
        if !matches!(key.as_str(), "$schema" | "$id" | "title" | "description") {
            root.insert(key, value);
        }
    }
    Some(Value::Object(root))
}

/// [`generate`] as committed: pretty-printed with a final newline.
pub fn generate_text(operation: &Operation, kind: Kind) -> Option<String> {
    let mut text = serde_json::to_string_pretty(&generate(operation, kind)?).ok()?;
    text.push('\n');
    Some(text)
}

/// The title and description of a schema.
fn heading(operation: &Operation, kind: Kind) -> (String, String) {
    let name = operation.name;
    let command = operation.command;
    let title = format!("{name} {}", kind.name());
    let description = match (name, kind) {
        ("UpdateIdentityPool", Kind::Request) => {
            "The body of an Amazon Cognito Identity UpdateIdentityPool request (the input of \
             `aws cognito-identity update-identity-pool`, or its --cli-input-json). The request \
             replaces the pool's whole configuration: optional members left out are reset to \
             their defaults."
                .to_owned()
        }
        ("UpdateIdentityPool", Kind::Response) => {
            "The body of an Amazon Cognito Identity UpdateIdentityPool response: the identity \
             pool as the service stored it."
                .to_owned()
        }
        (_, Kind::Request) => format!(
            "The body of an Amazon Cognito Identity {name} request (the input of \
             `aws cognito-identity {command}`, or its --cli-input-json)."
        ),
        (_, Kind::Response) => format!(
            "The body of an Amazon Cognito Identity {name} response (the output of \
             `aws cognito-identity {command}`)."
        ),
    };
    (title, description)
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Kind`] from text other than `request` or `response`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown document kind `{}`; expected `request` or `response`",
            self.0
        )
    }
}

impl std::error::Error for UnknownKind {}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "request" => Ok(Kind::Request),
            "response" => Ok(Kind::Response),
            other => Err(UnknownKind(other.to_owned())),
        }
    }
}

/// Joins the hard-wrapped lines of a doc comment, keeping paragraph breaks.
fn unwrap_lines(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            paragraph
                .split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Removes `null` from every schema and unwraps descriptions: the service accepts `null` for no member, and
/// `anyOf [.., {"type": "null"}]` would hide the real error behind "not valid under any of the
/// schemas".
#[derive(Debug, Clone, Copy)]
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::String(text)) = object.get_mut("description") {
            *text = unwrap_lines(text);
        }
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [single] = types.as_slice() {
                let single = single.clone();
                object.insert("type".into(), single);
            }
        }
        if let Some(Value::Array(variants)) = object.get_mut("anyOf") {
            variants.retain(|v| v.get("type").is_none_or(|t| t != "null"));
            if let [single] = variants.as_slice() {
                let single = single.clone();
                object.remove("anyOf");
                if let Value::Object(inner) = single {
                    for (key, value) in inner {
                        object.entry(key).or_insert(value);
                    }
                }
            }
        }
    }
}
