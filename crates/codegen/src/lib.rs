//! Generates idpool's sources from the vendored Cognito Identity service model
//! (`models/cognito-identity/service-2.json`) and its overlay (`overlay.toml` beside it).
//!
//! [`generate`] returns every generated file with its text; the `idpool-codegen` binary writes
//! them, and a test fails when a committed file is not what the generator gives. It writes
//! `crates/model/src/service/tables.rs`, the model as data for `idpool_model::service`, and
//! `crates/model/src/generated.rs`, the serde types of every operation's input and output, and
//! `crates/schema/src/embedded.rs`, the committed JSON Schema of each of them, embedded.

use serde::Deserialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::Path;

mod names;
mod types;

pub use names::command_name;

/// The directory of the vendored model, relative to the repository root.
pub const MODEL_DIR: &str = "models/cognito-identity";

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Its path from the repository root.
    pub path: &'static str,
    /// Its whole text.
    pub text: String,
}

/// Why the generator cannot run: a file it cannot read, or a model or overlay it does not
/// understand.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn error(message: impl Into<String>) -> Error {
    Error(message.into())
}

/// Every generated file, from the model and overlay under `root` (the repository).
pub fn generate(root: &Path) -> Result<Vec<Generated>, Error> {
    let dir = root.join(MODEL_DIR);
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| error(format!("cannot read {MODEL_DIR}/{name}: {e}")))
    };
    let model: Json = serde_json::from_str(&read("service-2.json")?)
        .map_err(|e| error(format!("{MODEL_DIR}/service-2.json: {e}")))?;
    let overlay: Overlay = toml::from_str(&read("overlay.toml")?)
        .map_err(|e| error(format!("{MODEL_DIR}/overlay.toml: {e}")))?;
    let paginators: Json = serde_json::from_str(&read("paginators-1.json")?)
        .map_err(|e| error(format!("{MODEL_DIR}/paginators-1.json: {e}")))?;
    let paged: Vec<Paged<'_>> = paginators["pagination"]
        .as_object()
        .map(|p| {
            p.iter()
                .map(|(name, paginator)| Paged {
                    operation: name,
                    input_tokens: match &paginator["input_token"] {
                        Json::String(one) => vec![one.as_str()],
                        Json::Array(many) => many.iter().filter_map(Json::as_str).collect(),
                        _ => Vec::new(),
                    },
                    limit_key: paginator["limit_key"].as_str(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut model = Model::new(&model, &overlay)?;
    model.paged = paged;
    Ok(vec![
        Generated {
            path: "crates/model/src/service/tables.rs",
            text: model.tables(),
        },
        Generated {
            path: "crates/model/src/generated.rs",
            text: model.types()?,
        },
        Generated {
            path: "crates/schema/src/embedded.rs",
            text: model.embedded(),
        },
    ])
}

/// `overlay.toml`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct Overlay {
    api_version: String,
    #[serde(default)]
    limit: Vec<OverlayLimit>,
    #[serde(default)]
    require: Vec<OverlayRequire>,
    #[serde(default)]
    lint: Vec<OverlayLint>,
    #[serde(default)]
    describe: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct OverlayLimit {
    shape: String,
    max: u64,
    model_says: Option<u64>,
    source: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct OverlayRequire {
    shape: String,
    member: String,
    when: When,
    source: String,
    why: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct When {
    member: String,
    #[serde(rename = "in")]
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct OverlayLint {
    code: String,
    /// The shape of a `max-entries` or `ignored` lint.
    shape: Option<String>,
    max_entries: Option<u64>,
    ignored: Option<String>,
    when: Option<When>,
    /// The places of a `form` lint: `Shape` (every value of a string shape), `Shape.Member` (a
    /// member of a structure), `Shape.keys` or `Shape.values` (of a map).
    #[serde(default)]
    at: Vec<String>,
    /// The forms a value of a `form` lint should have, one of which it must match.
    form: Option<Vec<String>>,
    /// What a value of the forms is, for messages (`an IAM role ARN`).
    what: Option<String>,
    source: String,
    why: String,
}

/// Where a `form` lint applies, as the generated `LintAt`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum At<'o> {
    /// Every value of a string shape.
    Value(&'o str),
    /// A member of a structure.
    Member(&'o str, &'o str),
    /// The keys of a map.
    Keys(&'o str),
    /// The values of a map.
    Values(&'o str),
}

impl<'o> At<'o> {
    fn parse(text: &'o str) -> Self {
        match text.split_once('.') {
            None => At::Value(text),
            Some((shape, "keys")) => At::Keys(shape),
            Some((shape, "values")) => At::Values(shape),
            Some((shape, member)) => At::Member(shape, member),
        }
    }

    fn shape(&self) -> &'o str {
        match *self {
            At::Value(s) | At::Member(s, _) | At::Keys(s) | At::Values(s) => s,
        }
    }

    /// The generated `LintAt`.
    fn rust(&self) -> String {
        match self {
            At::Value(_) => "LintAt::Value".into(),
            At::Member(_, member) => format!("LintAt::Member({member:?})"),
            At::Keys(_) => "LintAt::Keys".into(),
            At::Values(_) => "LintAt::Values".into(),
        }
    }
}

/// The model, checked and indexed, with the overlay applied.
struct Model<'m> {
    overlay: &'m Overlay,
    /// The shapes in the model's order (exceptions left out), each with its JSON.
    shapes: Vec<(&'m str, &'m serde_json::Map<String, Json>)>,
    operations: Vec<(&'m str, Option<&'m str>, Option<&'m str>)>,
    /// The operations the AWS CLI pages (paginators-1.json).
    paged: Vec<Paged<'m>>,
}

/// One paginator of paginators-1.json.
struct Paged<'m> {
    operation: &'m str,
    input_tokens: Vec<&'m str>,
    limit_key: Option<&'m str>,
}

impl<'m> Model<'m> {
    fn new(model: &'m Json, overlay: &'m Overlay) -> Result<Self, Error> {
        let version = model["metadata"]["apiVersion"].as_str().unwrap_or_default();
        if version != overlay.api_version {
            return Err(error(format!(
                "the model is API version {version}, the overlay {}",
                overlay.api_version
            )));
        }
        let shapes = model["shapes"]
            .as_object()
            .ok_or_else(|| error("the model has no shapes"))?
            .iter()
            .filter_map(|(name, shape)| {
                let shape = shape.as_object()?;
                let exception = shape.get("exception").and_then(Json::as_bool) == Some(true);
                (!exception).then_some((name.as_str(), shape))
            })
            .collect();
        let operations = model["operations"]
            .as_object()
            .ok_or_else(|| error("the model has no operations"))?
            .iter()
            .map(|(name, op)| {
                let shape = |key: &str| op.get(key).and_then(|s| s["shape"].as_str());
                (name.as_str(), shape("input"), shape("output"))
            })
            .collect();
        let model = Model {
            overlay,
            shapes,
            operations,
            paged: Vec::new(),
        };
        model.check()?;
        Ok(model)
    }

    /// Every reference resolves, every member is described, every overlay fact names a shape
    /// and member of the model.
    fn check(&self) -> Result<(), Error> {
        let mut constants = std::collections::BTreeSet::new();
        for (name, shape) in &self.shapes {
            if !constants.insert(constant(name)) {
                return Err(error(format!(
                    "two shapes are named {} in Rust",
                    constant(name)
                )));
            }
            for target in references(shape) {
                self.id(target)?;
            }
            if let Some(members) = shape.get("members").and_then(Json::as_object) {
                for member in members.keys() {
                    let key = format!("{name}.{member}");
                    if !self.overlay.describe.contains_key(&key) {
                        return Err(error(format!("overlay.toml describes no {key}")));
                    }
                }
            }
        }
        for key in self.overlay.describe.keys() {
            match key.split_once('.') {
                Some((shape, member)) => self.member(shape, member)?,
                None => {
                    self.shape(key)?;
                }
            }
        }
        for (_, input, output) in &self.operations {
            for shape in input.iter().chain(output) {
                self.id(shape)?;
            }
        }
        for limit in &self.overlay.limit {
            let shape = self.shape(&limit.shape)?;
            let model_max = shape.get("max").and_then(Json::as_u64);
            if model_max != limit.model_says {
                return Err(error(format!(
                    "overlay.toml: the model says {model_max:?} for {}, not {:?}",
                    limit.shape, limit.model_says
                )));
            }
        }
        for require in &self.overlay.require {
            self.member(&require.shape, &require.member)?;
            self.member(&require.shape, &require.when.member)?;
        }
        self.check_lints()
    }

    /// Every lint of the overlay is of one kind, and names shapes and members of the model.
    fn check_lints(&self) -> Result<(), Error> {
        for lint in &self.overlay.lint {
            let kind = (
                &lint.shape,
                lint.max_entries,
                &lint.ignored,
                &lint.when,
                lint.at.is_empty(),
                &lint.form,
                &lint.what,
            );
            match kind {
                (Some(_), Some(_), None, None, true, None, None)
                | (Some(_), None, Some(_), Some(_), true, None, None)
                | (None, None, None, None, false, Some(_), Some(_)) => {}
                _ => {
                    return Err(error(format!(
                        "overlay.toml: lint {} needs shape and max-entries, shape, ignored and when, or at, form and what",
                        lint.code
                    )));
                }
            }
            if let Some(shape) = &lint.shape {
                self.shape(shape)?;
                if let Some(member) = &lint.ignored {
                    self.member(shape, member)?;
                }
            }
            for at in &lint.at {
                let at = At::parse(at);
                let shape = self.shape(at.shape())?;
                let kind = shape.get("type").and_then(Json::as_str).unwrap_or_default();
                let fits = match at {
                    At::Value(_) => kind == "string",
                    At::Member(name, member) => {
                        self.member(name, member)?;
                        true
                    }
                    At::Keys(_) | At::Values(_) => kind == "map",
                };
                if !fits {
                    return Err(error(format!(
                        "overlay.toml: lint {} cannot apply to the {kind} {}",
                        lint.code,
                        at.shape()
                    )));
                }
            }
            if lint.form.as_ref().is_some_and(Vec::is_empty) {
                return Err(error(format!(
                    "overlay.toml: lint {} has no form",
                    lint.code
                )));
            }
        }
        Ok(())
    }

    fn id(&self, name: &str) -> Result<usize, Error> {
        self.shapes
            .iter()
            .position(|(n, _)| *n == name)
            .ok_or_else(|| error(format!("no shape {name} in the model")))
    }

    fn shape(&self, name: &str) -> Result<&'m serde_json::Map<String, Json>, Error> {
        Ok(self.shapes[self.id(name)?].1)
    }

    fn member(&self, shape: &str, member: &str) -> Result<(), Error> {
        let members = self.shape(shape)?.get("members").and_then(Json::as_object);
        match members {
            Some(members) if members.contains_key(member) => Ok(()),
            _ => Err(error(format!(
                "overlay.toml: {shape} has no member {member}"
            ))),
        }
    }

    /// The most a shape allows, with the overlay's limit applied.
    fn max(&self, name: &str, shape: &serde_json::Map<String, Json>) -> Option<u64> {
        match self.overlay.limit.iter().find(|l| l.shape == name) {
            Some(limit) => Some(limit.max),
            None => shape.get("max").and_then(Json::as_u64),
        }
    }

    /// `crates/model/src/service/tables.rs`.
    /// The `paginator` field of `operation`'s entry.
    fn paginator(&self, operation: &str) -> String {
        match self.paged.iter().find(|p| p.operation == operation) {
            Some(p) => format!(
                "Some(Paginator {{ input_tokens: &{:?}, limit_key: {:?} }})",
                p.input_tokens, p.limit_key
            ),
            None => "None".into(),
        }
    }

    fn tables(&self) -> String {
        let mut out = String::new();
        out.push_str(HEADER);
        out.push_str("use super::*;\n\n");
        // A constant for each shape something refers to.
        let mut used: std::collections::BTreeSet<&str> = self
            .shapes
            .iter()
            .flat_map(|(_, shape)| references(shape))
            .collect();
        used.extend(
            self.operations
                .iter()
                .flat_map(|(_, i, o)| i.iter().chain(o)),
        );
        used.extend(self.overlay.limit.iter().map(|l| l.shape.as_str()));
        used.extend(self.overlay.require.iter().map(|r| r.shape.as_str()));
        used.extend(self.overlay.lint.iter().flat_map(|l| {
            l.shape
                .iter()
                .map(String::as_str)
                .chain(l.at.iter().map(|at| At::parse(at).shape()))
        }));
        for (i, (name, _)) in self.shapes.iter().enumerate() {
            if used.contains(name) {
                let _ = writeln!(
                    out,
                    "pub(crate) const {}: ShapeId = ShapeId({i});",
                    constant(name)
                );
            }
        }
        let _ = writeln!(
            out,
            "\n/// Every shape of the model but its exceptions, in the model's order.\npub static SHAPES: &[Shape] = &["
        );
        for (name, shape) in &self.shapes {
            let _ = writeln!(
                out,
                "    Shape {{ name: {name:?}, kind: {} }},",
                self.kind(name, shape)
            );
        }
        out.push_str("];\n\n/// Every operation, in the model's order.\npub static OPERATIONS: &[Operation] = &[\n");
        for (name, input, output) in &self.operations {
            let id = |s: &Option<&str>| match s {
                Some(s) => format!("Some({})", constant(s)),
                None => "None".into(),
            };
            let _ = writeln!(
                out,
                "    Operation {{ name: {name:?}, command: {:?}, input: {}, output: {}, paginator: {} }},",
                command_name(name),
                id(input),
                id(output),
                self.paginator(name)
            );
        }
        out.push_str("];\n\n/// The overlay's size limits, with what the model said.\npub static LIMITS: &[Limit] = &[\n");
        for limit in &self.overlay.limit {
            let _ = writeln!(
                out,
                "    Limit {{ shape: {}, model_max: {:?}, max: {}, source: {:?} }}, // {}",
                constant(&limit.shape),
                limit.model_says,
                limit.max,
                limit.source,
                limit.why
            );
        }
        out.push_str("];\n\n/// The overlay's conditional requirements.\npub static REQUIREMENTS: &[Requirement] = &[\n");
        for r in &self.overlay.require {
            let _ = writeln!(
                out,
                "    Requirement {{ shape: {}, member: {:?}, when: {:?}, values: &{:?}, why: {:?}, source: {:?} }},",
                constant(&r.shape),
                r.member,
                r.when.member,
                r.when.values,
                r.why,
                r.source
            );
        }
        out.push_str("];\n\n/// The overlay's lints.\npub static LINTS: &[Lint] = &[\n");
        for lint in &self.overlay.lint {
            // One row for each place of a form lint; one row for the shape of another.
            let rows: Vec<(String, String)> = match (&lint.form, &lint.what) {
                (Some(forms), Some(what)) => lint
                    .at
                    .iter()
                    .map(|at| {
                        let at = At::parse(at);
                        let rule = format!(
                            "LintRule::Form {{ at: {}, what: {what:?}, forms: &{forms:?} }}",
                            at.rust()
                        );
                        (constant(at.shape()), rule)
                    })
                    .collect(),
                _ => {
                    let rule = match (lint.max_entries, &lint.ignored, &lint.when) {
                        (Some(max), _, _) => format!("LintRule::MaxEntries({max})"),
                        (None, Some(member), Some(when)) => format!(
                            "LintRule::Ignored {{ member: {member:?}, when: {:?}, values: &{:?} }}",
                            when.member, when.values
                        ),
                        _ => unreachable!("checked by Model::check"),
                    };
                    vec![(constant(lint.shape.as_deref().unwrap_or_default()), rule)]
                }
            };
            for (shape, rule) in rows {
                let _ = writeln!(
                    out,
                    "    Lint {{ code: {:?}, shape: {shape}, rule: {rule}, why: {:?}, source: {:?} }},",
                    lint.code, lint.why, lint.source
                );
            }
        }
        out.push_str("];\n");
        out
    }

    /// `crates/schema/src/embedded.rs`: the committed schemas, by operation.
    fn embedded(&self) -> String {
        let mut out = String::from(HEADER);
        out.push_str(
            "/// The committed schema of each operation's request and response (`None` for a body the\n\
             /// operation does not have), by AWS CLI command, in the model's order.\n\
             pub(crate) static SCHEMAS: &[(&str, Option<&str>, Option<&str>)] = &[\n",
        );
        for (name, input, output) in &self.operations {
            let command = command_name(name);
            let file = |shape: &Option<&str>, kind: &str| match shape {
                Some(_) => {
                    format!("Some(include_str!(\"../../../schemas/{command}.{kind}.schema.json\"))")
                }
                None => "None".into(),
            };
            let _ = writeln!(
                out,
                "    ({command:?}, {}, {}),",
                file(input, "request"),
                file(output, "response")
            );
        }
        out.push_str("];\n");
        out
    }

    /// The `ShapeKind` of a shape, as Rust.
    fn kind(&self, name: &str, shape: &serde_json::Map<String, Json>) -> String {
        let num = |key: &str| match shape.get(key).and_then(Json::as_i64) {
            Some(n) => format!("Some({n})"),
            None => "None".into(),
        };
        let max = match self.max(name, shape) {
            Some(n) => format!("Some({n})"),
            None => "None".into(),
        };
        let target = |key: &str| constant(shape[key]["shape"].as_str().unwrap_or_default());
        match shape.get("type").and_then(Json::as_str).unwrap_or_default() {
            "structure" => {
                let required: Vec<&str> = shape
                    .get("required")
                    .and_then(Json::as_array)
                    .map(|r| r.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                let mut members = String::new();
                for (member, target) in shape["members"].as_object().into_iter().flatten() {
                    let description = &self.overlay.describe[&format!("{name}.{member}")];
                    let _ = write!(
                        members,
                        "\n        Member {{ name: {member:?}, cli_name: {:?}, shape: {}, required: {}, description: {description:?} }},",
                        command_name(member),
                        constant(target["shape"].as_str().unwrap_or_default()),
                        required.contains(&member.as_str())
                    );
                }
                format!("ShapeKind::Structure(&[{members}\n    ])")
            }
            "list" => format!(
                "ShapeKind::List {{ member: {}, min: {}, max: {max} }}",
                target("member"),
                num("min")
            ),
            "map" => format!(
                "ShapeKind::Map {{ key: {}, value: {}, min: {}, max: {max} }}",
                target("key"),
                target("value"),
                num("min")
            ),
            "string" => {
                let values: Vec<&str> = shape
                    .get("enum")
                    .and_then(Json::as_array)
                    .map(|v| v.iter().filter_map(Json::as_str).collect())
                    .unwrap_or_default();
                let pattern = match shape.get("pattern").and_then(Json::as_str) {
                    Some(p) => format!("Some({p:?})"),
                    None => "None".into(),
                };
                let sensitive = shape.get("sensitive").and_then(Json::as_bool) == Some(true);
                format!(
                    "ShapeKind::String(StringShape {{ min: {}, max: {max}, pattern: {pattern}, values: &{values:?}, sensitive: {sensitive} }})",
                    num("min")
                )
            }
            "boolean" => "ShapeKind::Boolean".into(),
            "integer" => format!("ShapeKind::Integer {{ min: {}, max: {max} }}", num("min")),
            "long" => format!("ShapeKind::Long {{ min: {}, max: {max} }}", num("min")),
            "timestamp" => "ShapeKind::Timestamp".into(),
            "blob" => "ShapeKind::Blob".into(),
            other => unreachable!("shape type {other} (checked by references)"),
        }
    }
}

const HEADER: &str = "\
// Generated by `cargo run -p idpool-codegen` from models/cognito-identity/service-2.json and
// models/cognito-identity/overlay.toml. Do not edit: change the overlay (or the vendored model,
// with scripts/model/vendor.sh) and run the generator.

";

/// The shapes a shape refers to. Every shape type the generator knows is listed here, so that an
/// unknown one fails the check rather than the output.
fn references(shape: &serde_json::Map<String, Json>) -> Vec<&str> {
    fn name(v: &Json) -> &str {
        v["shape"].as_str().unwrap_or("<missing>")
    }
    match shape.get("type").and_then(Json::as_str) {
        Some("structure") => shape["members"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(_, m)| name(m))
            .collect(),
        Some("list") => vec![name(&shape["member"])],
        Some("map") => vec![name(&shape["key"]), name(&shape["value"])],
        Some("string" | "boolean" | "integer" | "long" | "timestamp" | "blob") => Vec::new(),
        _ => vec!["<a shape of unknown type>"],
    }
}

/// A shape's constant in the generated file: `IdentityPoolId` → `IDENTITY_POOL_ID`.
pub(crate) fn constant(shape: &str) -> String {
    names::words(shape).join("_").to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_places() {
        assert_eq!(At::parse("IdentityPoolId"), At::Value("IdentityPoolId"));
        assert_eq!(
            At::parse("MappingRule.RoleARN"),
            At::Member("MappingRule", "RoleARN")
        );
        assert_eq!(At::parse("RolesMap.values"), At::Values("RolesMap"));
        assert_eq!(At::parse("RoleMappingMap.keys"), At::Keys("RoleMappingMap"));
        assert_eq!(At::parse("RolesMap.keys").rust(), "LintAt::Keys");
        assert_eq!(
            At::parse("MappingRule.RoleARN").rust(),
            r#"LintAt::Member("RoleARN")"#
        );
    }

    #[test]
    fn a_form_lint_names_real_places() {
        let model: Json = serde_json::from_str(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../models/cognito-identity/service-2.json"),
            )
            .unwrap(),
        )
        .unwrap();
        let overlay = |at: &str| -> Overlay {
            toml::from_str(&format!(
                "api-version = \"2014-06-30\"\n[[lint]]\ncode = \"IDP900\"\nwhat = \"x\"\nform = [\"HOST\"]\nat = [\"{at}\"]\nsource = \"s\"\nwhy = \"w\"\n"
            ))
            .unwrap()
        };
        for (at, ok) in [
            ("RoleMappingMap.keys", true),
            ("MappingRule.RoleARN", true),
            ("MappingRule.Nothing", false),
            ("MappingRule", false),
            ("ARNString.keys", false),
            ("NoSuchShape", false),
        ] {
            let overlay = overlay(at);
            // Only the lint is checked here: the descriptions are left out on purpose.
            let model = Model {
                overlay: &overlay,
                shapes: model["shapes"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(n, s)| (n.as_str(), s.as_object().unwrap()))
                    .collect(),
                operations: Vec::new(),
                paged: Vec::new(),
            };
            let result = model.check_lints();
            assert_eq!(result.is_ok(), ok, "{at}: {result:?}");
        }
    }
}
