//! JSON Schemas of the Amazon Cognito Identity `UpdateIdentityPool` request and response.
//!
//! The schemas are generated from `idpool-model` with schemars ([`Kind::generate`]) and committed under
//! `schemas/`; [`Kind::embedded`] gives the committed text, which is what the validator and the
//! `idpool schema` command use. A test fails when the committed files drift from the generator.
//!
//! The schemas follow JSON Schema draft 2020-12 and are written so that any conforming validator
//! gives the service's answer: patterns are anchored (`^…$`) and spell `\w` and `\s` out as the
//! ASCII classes the service's Java regex engine uses, optional members never accept `null`, and
//! every object with fixed members says `additionalProperties: false`.
//!
//! # Example
//!
//! ```
//! use idpool_schema::Kind;
//!
//! let schema: serde_json::Value = serde_json::from_str(Kind::Request.embedded())?;
//! assert_eq!(schema["required"][0], "IdentityPoolId");
//! assert_eq!(Kind::Request.generate(), schema);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

use idpool_model::IdentityPool;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// Which document of the operation a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The body of an `UpdateIdentityPool` request.
    Request,
    /// The body of an `UpdateIdentityPool` response.
    Response,
}

const REQUEST: &str = include_str!("../../../schemas/update-identity-pool.request.schema.json");
const RESPONSE: &str = include_str!("../../../schemas/update-identity-pool.response.schema.json");

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

    /// The file name of the committed schema, such as `update-identity-pool.request.schema.json`.
    pub fn file_name(self) -> String {
        format!("update-identity-pool.{}.schema.json", self.name())
    }

    /// The `$id` of the schema.
    pub fn id(self) -> String {
        format!("urn:idpool:schema:{}", self.file_name())
    }

    /// The committed schema text, exactly as it is in `schemas/`.
    pub fn embedded(self) -> &'static str {
        match self {
            Kind::Request => REQUEST,
            Kind::Response => RESPONSE,
        }
    }

    /// Generates the schema from the model.
    pub fn generate(self) -> Value {
        let (title, description) = match self {
            Kind::Request => (
                "UpdateIdentityPool request",
                "The body of an Amazon Cognito Identity UpdateIdentityPool request (the input of \
                 `aws cognito-identity update-identity-pool`, or its --cli-input-json). The \
                 request replaces the pool's whole configuration: optional members left out are \
                 reset to their defaults.",
            ),
            Kind::Response => (
                "UpdateIdentityPool response",
                "The body of an Amazon Cognito Identity UpdateIdentityPool response: the identity \
                 pool as the service stored it.",
            ),
        };
        let settings = SchemaSettings::draft2020_12().with_transform(NoNull);
        let mut schema = settings
            .into_generator()
            .into_root_schema_for::<IdentityPool>();
        let body = std::mem::take(
            schema
                .as_object_mut()
                .expect("a struct's schema is an object"),
        );
        let mut root = serde_json::Map::new();
        root.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        root.insert("$id".into(), self.id().into());
        root.insert("title".into(), title.into());
        root.insert("description".into(), description.into());
        // Keep the generator's keywords in its order, after ours.
        for (key, value) in body {
            if !matches!(key.as_str(), "$schema" | "$id" | "title" | "description") {
                root.insert(key, value);
            }
        }
        Value::Object(root)
    }

    /// The generated schema as committed: pretty-printed with a final newline.
    pub fn generate_text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.generate()).expect("a Value serializes");
        text.push('\n');
        text
    }
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
