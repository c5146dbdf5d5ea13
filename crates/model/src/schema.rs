//! JSON Schemas of the constrained members, built from [`crate::rules`].

use crate::rules::{self, StringRule};
use schemars::{Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

fn string(rule: &StringRule) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), "string".into());
    if rule.min_len > 0 {
        schema.insert("minLength".into(), rule.min_len.into());
    }
    schema.insert("maxLength".into(), rule.max_len.into());
    if let Some(pattern) = rule.pattern {
        schema.insert("pattern".into(), pattern.portable().into());
    }
    Value::Object(schema)
}

fn string_schema(rule: &StringRule) -> Schema {
    Schema::try_from(string(rule)).expect("a string schema is an object")
}

fn string_map(key: &StringRule, value: &StringRule, max_entries: Option<usize>) -> Schema {
    let mut schema = json_schema!({
        "type": "object",
        "propertyNames": string(key),
        "additionalProperties": string(value),
    });
    if let Some(max) = max_entries {
        schema.insert("maxProperties".into(), max.into());
    }
    schema
}

pub(crate) fn boolean(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "boolean" })
}

pub(crate) fn identity_pool_id(_: &mut SchemaGenerator) -> Schema {
    string_schema(&rules::IDENTITY_POOL_ID)
}

pub(crate) fn identity_pool_name(_: &mut SchemaGenerator) -> Schema {
    string_schema(&rules::IDENTITY_POOL_NAME)
}

pub(crate) fn developer_provider_name(_: &mut SchemaGenerator) -> Schema {
    string_schema(&rules::DEVELOPER_PROVIDER_NAME)
}

pub(crate) fn provider_name(_: &mut SchemaGenerator) -> Schema {
    string_schema(&rules::COGNITO_PROVIDER_NAME)
}

pub(crate) fn client_id(_: &mut SchemaGenerator) -> Schema {
    string_schema(&rules::COGNITO_CLIENT_ID)
}

pub(crate) fn supported_login_providers(_: &mut SchemaGenerator) -> Schema {
    string_map(
        &rules::IDENTITY_PROVIDER_NAME,
        &rules::IDENTITY_PROVIDER_ID,
        Some(rules::MAX_LOGIN_PROVIDERS),
    )
}

pub(crate) fn identity_pool_tags(_: &mut SchemaGenerator) -> Schema {
    string_map(&rules::TAG_KEY, &rules::TAG_VALUE, None)
}

pub(crate) fn arns(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": string(&rules::ARN) })
}

pub(crate) fn cognito_identity_providers(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": generator.subschema_for::<crate::CognitoIdentityProvider>(),
    })
}
