//! `crates/model/src/generated.rs`: a serde type for every structure and enum that the input or
//! output of an operation reaches, with the JSON Schema of each member read from the shape table.

use crate::{Error, HEADER, Model, constant, error, names};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

type ShapeJson = serde_json::Map<String, Json>;

impl<'m> Model<'m> {
    /// The shapes that an operation's input or output reaches, by name.
    fn reachable(&self) -> Result<BTreeSet<&'m str>, Error> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&'m str> = self
            .operations
            .iter()
            .flat_map(|(_, input, output)| input.iter().chain(output).copied())
            .collect();
        while let Some(name) = todo.pop() {
            if seen.insert(name) {
                todo.extend(crate::references(self.shape(name)?));
            }
        }
        Ok(seen)
    }

    /// Whether a value of the shape may hold a float (a timestamp), so that its type cannot be
    /// `Eq`.
    fn has_float(&self, name: &str, seen: &mut BTreeSet<String>) -> bool {
        if !seen.insert(name.to_owned()) {
            return false;
        }
        let Ok(shape) = self.shape(name) else {
            return false;
        };
        if kind(shape) == "timestamp" {
            return true;
        }
        crate::references(shape)
            .into_iter()
            .any(|target| self.has_float(target, seen))
    }

    /// The Rust type of a value of the shape.
    fn rust_type(&self, name: &str) -> String {
        let Ok(shape) = self.shape(name) else {
            return "()".into();
        };
        let target = |key: &str| shape[key]["shape"].as_str().unwrap_or_default();
        match kind(shape) {
            "structure" => name.to_owned(),
            "string" if shape.contains_key("enum") => name.to_owned(),
            "string" | "blob" => "String".into(),
            "boolean" => "bool".into(),
            "integer" => "i32".into(),
            "long" => "i64".into(),
            "timestamp" => "f64".into(),
            "list" => format!("Vec<{}>", self.rust_type(target("member"))),
            "map" => match self.rust_type(target("value")).as_str() {
                "String" => "StringMap".into(),
                value => format!("IndexMap<String, {value}>"),
            },
            other => unreachable!("shape type {other} (checked by references)"),
        }
    }

    /// The operations whose input (`true`) or output (`false`) a shape is.
    fn roles(&self, name: &str) -> Vec<(&'m str, bool)> {
        let mut roles = Vec::new();
        for (op, input, output) in &self.operations {
            if *input == Some(name) {
                roles.push((*op, true));
            }
            if *output == Some(name) {
                roles.push((*op, false));
            }
        }
        roles
    }

    /// The doc comment of a structure or enum: the overlay's line, or what it is to its
    /// operations.
    fn shape_doc(&self, name: &str) -> Result<String, Error> {
        if let Some(text) = self.overlay.describe.get(name) {
            return Ok(text.clone());
        }
        let roles = self.roles(name);
        if roles.is_empty() {
            return Err(error(format!("overlay.toml describes no {name}")));
        }
        let what: Vec<String> = roles
            .iter()
            .map(|(op, input)| {
                let body = if *input { "request" } else { "response" };
                format!("{} `{op}` {body}", article(op))
            })
            .collect();
        Ok(format!("The body of {}.", what.join(" and of ")))
    }

    /// `crates/model/src/generated.rs`.
    pub(crate) fn types(&self) -> Result<String, Error> {
        let reachable = self.reachable()?;
        let shape_names: BTreeSet<&str> = self.shapes.iter().map(|(n, _)| *n).collect();
        let mut out = String::new();

        // The request and response of each operation, by the operation's name.
        for (op, input, output) in &self.operations {
            for (shape, suffix, body) in [
                (input, "Request", "request"),
                (output, "Response", "response"),
            ] {
                let Some(shape) = shape else { continue };
                let alias = format!("{op}{suffix}");
                if alias == *shape {
                    continue;
                }
                if shape_names.contains(alias.as_str()) {
                    return Err(error(format!(
                        "the alias {alias} would hide the shape {alias}"
                    )));
                }
                let _ = write!(
                    out,
                    "\n/// The body of {} `{op}` {body} (`aws cognito-identity {}`).\npub type {alias} = {shape};\n",
                    article(op),
                    crate::command_name(op)
                );
            }
        }

        let mut schema_fns: BTreeMap<String, &str> = BTreeMap::new();
        let mut structures = Vec::new();
        for (name, shape) in &self.shapes {
            if !reachable.contains(name) {
                continue;
            }
            match kind(shape) {
                "structure" => {
                    structures.push(*name);
                    self.structure(&mut out, name, shape, &mut schema_fns)?;
                }
                "string" if shape.contains_key("enum") => {
                    self.enumeration(&mut out, name, shape)?
                }
                _ => {}
            }
        }

        out.push_str(
            "\n/// The JSON Schema of each member's shape, read from the shape table.\n\
             #[cfg(feature = \"schema\")]\n\
             mod schema_of {\n\
             \x20   use crate::service::*;\n\
             \x20   use schemars::{Schema, SchemaGenerator};\n",
        );
        for (function, shape) in &schema_fns {
            let _ = write!(
                out,
                "\n    pub(super) fn {function}(generator: &mut SchemaGenerator) -> Schema {{\n        crate::schema::shape(generator, {})\n    }}\n",
                constant(shape)
            );
        }
        out.push_str("}\n");

        out.push_str(
            "\n/// The schema of a structure's type, as a reference into the generator's definitions.\n\
             #[cfg(feature = \"schema\")]\n\
             pub(crate) fn structure_schema(generator: &mut schemars::SchemaGenerator, id: crate::service::ShapeId) -> Option<schemars::Schema> {\n\
             \x20   use crate::service::*;\n\
             \x20   Some(match id {\n",
        );
        for name in &structures {
            let _ = writeln!(
                out,
                "        {} => generator.subschema_for::<{name}>(),",
                constant(name)
            );
        }
        out.push_str(
            "        _ => return None,\n    })\n}\n\
             \n/// The JSON Schema of a document of the shape `id` (the input or output of an operation, or any\n\
             /// structure they reach), made by `generator`; `None` for a shape that is not a structure of\n\
             /// an operation.\n\
             #[cfg(feature = \"schema\")]\n\
             pub fn root_schema(id: crate::service::ShapeId, generator: schemars::SchemaGenerator) -> Option<schemars::Schema> {\n\
             \x20   use crate::service::*;\n\
             \x20   Some(match id {\n",
        );
        for name in &structures {
            let _ = writeln!(
                out,
                "        {} => generator.into_root_schema_for::<{name}>(),",
                constant(name)
            );
        }
        out.push_str("        _ => return None,\n    })\n}\n");
        out.push_str(
            "\n/// `value` read as the type of the structure `id` and written back: the JSON the type\n\
             /// gives for it, or why the type refuses it (a missing member, `null`, an unknown member, a\n\
             /// wrong type, an enum value it does not have); `None` for a shape that is not a structure of\n\
             /// an operation.\n\
             pub fn reserialize(id: crate::service::ShapeId, value: serde_json::Value) -> Option<Result<serde_json::Value, serde_json::Error>> {\n\
             \x20   use crate::service::*;\n\
             \x20   fn again<T: serde::de::DeserializeOwned + Serialize>(value: serde_json::Value) -> Result<serde_json::Value, serde_json::Error> {\n\
             \x20       serde_json::to_value(serde_json::from_value::<T>(value)?)\n\
             \x20   }\n\
             \x20   Some(match id {\n",
        );
        for name in &structures {
            let _ = writeln!(out, "        {} => again::<{name}>(value),", constant(name));
        }
        out.push_str("        _ => return None,\n    })\n}\n");
        let mut head = String::from(HEADER);
        head.push_str(
            "//! The input and output of every operation as serde types, generated from the service model.\n\n",
        );
        if out.contains("StringMap") {
            head.push_str("use crate::StringMap;\n");
        }
        if out.contains("IndexMap<") {
            head.push_str("use indexmap::IndexMap;\n");
        }
        head.push_str("use serde::{Deserialize, Serialize};\n");
        if out.contains("fmt::Display") {
            head.push_str("use std::fmt;\n");
        }
        Ok(head + &out)
    }

    fn structure(
        &self,
        out: &mut String,
        name: &'m str,
        shape: &'m ShapeJson,
        schema_fns: &mut BTreeMap<String, &'m str>,
    ) -> Result<(), Error> {
        let required: Vec<&str> = shape
            .get("required")
            .and_then(Json::as_array)
            .map(|r| r.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let members = shape["members"].as_object().cloned().unwrap_or_default();
        let mut derives = vec!["Debug", "Clone", "PartialEq"];
        if !self.has_float(name, &mut BTreeSet::new()) {
            derives.push("Eq");
        }
        if required.is_empty() {
            derives.push("Default");
        }
        derives.extend(["Serialize", "Deserialize"]);
        let _ = write!(
            out,
            "\n/// {}\n#[derive({})]\n#[cfg_attr(feature = \"schema\", derive(schemars::JsonSchema))]\n#[serde(deny_unknown_fields)]\npub struct {name} {{",
            self.shape_doc(name)?,
            derives.join(", ")
        );
        let mut fields = BTreeSet::new();
        for (member, target) in &members {
            let target = self
                .shapes
                .iter()
                .find(|(n, _)| Some(*n) == target["shape"].as_str())
                .map(|(n, _)| *n)
                .ok_or_else(|| error(format!("{name}.{member} has no shape")))?;
            let field = field_name(member);
            if !fields.insert(field.clone()) {
                return Err(error(format!("two members of {name} are {field} in Rust")));
            }
            let function = names::words(target).join("_");
            schema_fns.insert(function.clone(), target);
            let description = &self.overlay.describe[&format!("{name}.{member}")];
            let ty = self.rust_type(target);
            let _ = write!(out, "\n    /// {description}\n");
            if required.contains(&member.as_str()) {
                let _ = write!(
                    out,
                    "    #[serde(rename = {member:?})]\n    #[cfg_attr(feature = \"schema\", schemars(schema_with = \"schema_of::{function}\"))]\n    pub {field}: {ty},\n"
                );
            } else {
                let _ = write!(
                    out,
                    "    #[serde(rename = {member:?}, default, skip_serializing_if = \"Option::is_none\", deserialize_with = \"crate::present\")]\n    #[cfg_attr(feature = \"schema\", schemars(schema_with = \"schema_of::{function}\"))]\n    pub {field}: Option<{ty}>,\n"
                );
            }
        }
        out.push_str("}\n");
        arbitrary(out, name);
        Ok(())
    }

    fn enumeration(&self, out: &mut String, name: &str, shape: &ShapeJson) -> Result<(), Error> {
        let values: Vec<&str> = shape["enum"]
            .as_array()
            .map(|v| v.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let variants: Vec<String> = values.iter().map(|v| variant_name(v)).collect();
        let unique: BTreeSet<&String> = variants.iter().collect();
        if unique.len() != variants.len() || values.is_empty() {
            return Err(error(format!(
                "the values of {name} do not make distinct Rust variants"
            )));
        }
        let _ = write!(
            out,
            "\n/// {}\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]\npub enum {name} {{\n",
            self.shape_doc(name)?
        );
        for (value, variant) in values.iter().zip(&variants) {
            let _ = write!(
                out,
                "    /// `{value}`.\n    #[serde(rename = {value:?})]\n    {variant},\n"
            );
        }
        let _ = write!(
            out,
            "}}\n\nimpl {name} {{\n    /// Every value, in the model's order.\n    pub const ALL: [Self; {}] = [{}];\n\n    /// The value as the service writes it.\n    pub const fn as_str(self) -> &'static str {{\n        match self {{\n",
            values.len(),
            variants
                .iter()
                .map(|v| format!("Self::{v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for (value, variant) in values.iter().zip(&variants) {
            let _ = writeln!(out, "            Self::{variant} => {value:?},");
        }
        let _ = write!(
            out,
            "        }}\n    }}\n}}\n\nimpl fmt::Display for {name} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        f.write_str(self.as_str())\n    }}\n}}\n"
        );
        arbitrary(out, name);
        Ok(())
    }
}

/// `a` or `an`, for an operation's name.
fn article(name: &str) -> &'static str {
    if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn kind(shape: &ShapeJson) -> &str {
    shape.get("type").and_then(Json::as_str).unwrap_or_default()
}

/// A member's field name: `OpenIdConnectProviderARNs` → `open_id_connect_provider_arns`, and a
/// raw identifier for a keyword (`Type` → `r#type`).
fn field_name(member: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
        "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
        "override", "priv", "typeof", "unsized", "virtual", "yield",
    ];
    let field = names::words(member).join("_");
    if KEYWORDS.contains(&field.as_str()) {
        format!("r#{field}")
    } else {
        field
    }
}

/// An enum value's variant name: its alphanumeric runs, each capitalised (`AuthenticatedRole`
/// stays, `in-progress` → `InProgress`); a leading digit gets a `V`.
fn variant_name(value: &str) -> String {
    let mut name = String::new();
    for part in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    name
}

/// `arbitrary::Arbitrary` for the type of shape `name`, through the document of its shape.
fn arbitrary(out: &mut String, name: &str) {
    let _ = write!(
        out,
        "\n#[cfg(feature = \"arbitrary\")]\ncrate::fuzz::shaped!({name}, crate::service::{});\n",
        crate::constant(name)
    );
}
