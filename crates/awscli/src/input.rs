//! `--cli-input-json` and `--cli-input-yaml`: the request given whole, merged member by member
//! under the arguments of the command line.

use crate::argparse::Parsed;
use crate::error::{Refusal, RefusalKind};
use crate::request::Request;
use idpool_shorthand::{FileKind, Loaded, Resolver};
use serde_json::{Map, Value as Json};

/// `text` as JSON, or the message, line and column of its first syntax error as every idpool
/// command reports it (`a trailing comma at line 3 column 28`).
pub fn parse_json(text: &str) -> Result<Json, String> {
    serde_json::from_str(text).map_err(|e| match idpool_json::parse(text) {
        Err(error) => {
            let (line, column) = idpool_json::line_column(text, error.span.start);
            format!("{} at line {line} column {column}", error.message)
        }
        Ok(_) => e.to_string(),
    })
}

fn refusal(message: String, log: &[String]) -> Refusal {
    Refusal::new(RefusalKind::CliInput, message, log)
}

/// `--cli-input-json` / `--cli-input-yaml`: members the command line did not give are added.
pub(crate) fn merge(
    parsed: &Parsed,
    resolver: &dyn Resolver,
    request: &mut Request,
    log: &mut Vec<String>,
) -> Result<(), Refusal> {
    let json = parsed.one("cli-input-json");
    let yaml = parsed.one("cli-input-yaml");
    let (option, text, is_yaml) = match (json, yaml) {
        (None, None) => return Ok(()),
        (Some(_), Some(_)) => {
            return Err(refusal(
                "error: give --cli-input-json or --cli-input-yaml, not both (only one \
                 --cli-input- parameter may be specified)\n"
                    .into(),
                log,
            ));
        }
        (Some(text), None) => ("--cli-input-json", text, false),
        (None, Some(text)) => ("--cli-input-yaml", text, true),
    };
    let given = text;
    let text = load(option, text, resolver, log)?;
    let data = if is_yaml {
        yaml_to_json(&text)
    } else {
        parse_json(&text)
    };
    let language = if is_yaml { "YAML" } else { "JSON" };
    let data = data.map_err(|message| {
        refusal(
            format!(
                "error: in the value of {option}: invalid {language}: {message}\n{}",
                file_hint(given)
            ),
            log,
        )
        .with_aws((!is_yaml).then(|| {
            format!(
                "Error parsing parameter 'cli-input-json': Invalid JSON: {message}\nJSON received: {text}"
            )
        }))
    })?;
    let Json::Object(data) = data else {
        return Err(refusal(
            format!(
                "error: in the value of {option}: expected an object of request members, found {}\n",
                json_type(&data)
            ),
            log,
        ));
    };
    let mut added = Vec::new();
    let mut kept = Vec::new();
    for (key, value) in data {
        if request.map.contains_key(&key) {
            kept.push(key);
        } else {
            added.push(key.clone());
            request.map.insert(key, value);
        }
    }
    let file = given.strip_prefix("file://");
    request
        .origins
        .cli_input(option, file, &text, is_yaml, &added);
    log.push(format!(
        "{option}: added {}; the command line's kept: {}",
        list_or_none(&added),
        list_or_none(&kept)
    ));
    Ok(())
}

fn list_or_none(keys: &[String]) -> String {
    if keys.is_empty() {
        "none".into()
    } else {
        keys.join(", ")
    }
}

/// A help line for a `--cli-input-json` value that is not JSON but names a file: the AWS CLI
/// reads a file only when the value starts with `file://`.
fn file_hint(value: &str) -> String {
    let is_file = !value.starts_with("file://")
        && !value.starts_with("fileb://")
        && !value.trim_start().starts_with(['{', '['])
        && std::path::Path::new(value).is_file();
    if is_file {
        format!("  = help: `{value}` is a file: did you mean `file://{value}`?\n")
    } else {
        String::new()
    }
}

/// The text of `--cli-input-json`: the value, or the file it names (`file://`, `fileb://`; never
/// a URL, as in the AWS CLI).
fn load(
    option: &str,
    value: &str,
    resolver: &dyn Resolver,
    log: &mut Vec<String>,
) -> Result<String, Refusal> {
    let (kind, path) = if let Some(path) = value.strip_prefix("file://") {
        (FileKind::Text, path)
    } else if let Some(path) = value.strip_prefix("fileb://") {
        (FileKind::Binary, path)
    } else {
        return Ok(value.to_owned());
    };
    let text = match resolver.load(path, kind) {
        Ok(Loaded::Text(text)) => text,
        Ok(Loaded::Bytes(bytes)) => String::from_utf8(bytes).map_err(|_| {
            refusal(
                format!("error: in the value of {option}: {value} is not UTF-8 text\n"),
                log,
            )
        })?,
        Err(error) => {
            return Err(refusal(
                format!("error: in the value of {option}: cannot load `{value}`: {error}\n"),
                log,
            )
            .with_aws(Some(error.aws_message(value))));
        }
    };
    log.push(format!("{option}: read {value} ({} bytes)", text.len()));
    Ok(text)
}

/// A YAML document as JSON: mappings with string keys, sequences and scalars (YAML 1.2 core
/// schema, as AWS CLI v2's loader reads it).
fn yaml_to_json(text: &str) -> Result<Json, String> {
    use saphyr::{LoadableYamlNode, Scalar, Yaml};
    fn convert(node: &Yaml<'_>) -> Result<Json, String> {
        Ok(match node {
            Yaml::Value(Scalar::Null) => Json::Null,
            Yaml::Value(Scalar::Boolean(b)) => Json::Bool(*b),
            Yaml::Value(Scalar::Integer(i)) => Json::from(*i),
            Yaml::Value(Scalar::FloatingPoint(f)) => serde_json::Number::from_f64(f.into_inner())
                .map(Json::Number)
                .ok_or_else(|| format!("{} cannot be represented in JSON", f.into_inner()))?,
            Yaml::Value(Scalar::String(s)) => Json::String(s.to_string()),
            Yaml::Sequence(items) => {
                Json::Array(items.iter().map(convert).collect::<Result<_, _>>()?)
            }
            Yaml::Mapping(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    let Yaml::Value(Scalar::String(key)) = key else {
                        return Err("a mapping key is not a string".into());
                    };
                    map.insert(key.to_string(), convert(value)?);
                }
                Json::Object(map)
            }
            Yaml::Representation(text, _, _) => Json::String(text.to_string()),
            Yaml::Tagged(_, inner) => convert(inner)?,
            Yaml::Alias(_) => return Err("aliases are not supported".into()),
            Yaml::BadValue => return Err("a value could not be read".into()),
        })
    }
    let documents = Yaml::load_from_str(text).map_err(|e| e.to_string())?;
    match documents.as_slice() {
        [document] => convert(document),
        [] => Err("the document is empty".into()),
        _ => Err("expected one YAML document, found several".into()),
    }
}

fn json_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_read_with_the_core_schema() {
        assert_eq!(
            yaml_to_json("a: 1\nb: [true, x]\nc: null\n").unwrap(),
            serde_json::json!({"a": 1, "b": [true, "x"], "c": null})
        );
        assert!(yaml_to_json("a: 1\n---\nb: 2\n").is_err());
        assert!(yaml_to_json("").is_err());
    }

    #[test]
    fn json_errors_have_a_position() {
        assert_eq!(
            parse_json("{\"a\": 1,}").unwrap_err(),
            "a trailing comma at line 1 column 8"
        );
    }
}
