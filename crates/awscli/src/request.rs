//! The request built from the arguments given: each processed as the AWS CLI processes it, in
//! the model's order, then its members put in the model's order.

use crate::argparse::{Parsed, Value};
use crate::error::{Refusal, RefusalKind};
use crate::options::{Kind, Table};
use crate::origins::Origins;
use crate::paging::{self, Paginator};
use idpool_model::service::{self, Operation};
use idpool_shorthand::argument::{self, Options};
use idpool_shorthand::{Resolver, SchemaRef};
use serde_json::{Map, Value as Json};
use std::sync::OnceLock;

/// The request being built, and the warnings met.
#[derive(Debug)]
pub(crate) struct Request {
    pub(crate) map: Map<String, Json>,
    pub(crate) warnings: Vec<String>,
    /// The first `fileb://` value given to a text member. The AWS CLI passes the bytes on and
    /// only botocore's validation rejects them, so the command fails after `--cli-input-json`
    /// is merged, and not at all for `--generate-cli-skeleton input`.
    pub(crate) binary: Option<Refusal>,
    pub(crate) origins: Origins,
}

/// The committed request schema of `operation` (the JSON Schema that types its arguments),
/// parsed once; `None` for an operation without a request.
pub fn request_schema(operation: &Operation) -> Option<&'static Json> {
    static SCHEMAS: OnceLock<Vec<Option<Json>>> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        service::OPERATIONS
            .iter()
            .map(|o| {
                let text = idpool_schema::embedded(o, idpool_schema::Kind::Request)?;
                serde_json::from_str(text).ok()
            })
            .collect()
    });
    let index = service::OPERATIONS
        .iter()
        .position(|o| o.name == operation.name)?;
    all[index].as_ref()
}

/// Each argument given, processed in the AWS CLI's order (the model's): the first that fails
/// stops the command, as in the AWS CLI.
pub(crate) fn build(
    table: &Table,
    parsed: &Parsed,
    resolver: &dyn Resolver,
    log: &mut Vec<String>,
) -> Result<Request, Refusal> {
    let options = Options {
        resolver,
        strict: false,
    };
    let mut request = Request {
        map: Map::new(),
        warnings: Vec::new(),
        binary: None,
        origins: Origins::default(),
    };
    let schema = request_schema(table.operation).map(SchemaRef::new);
    for opt in &table.options {
        let Some(member) = opt.member else { continue };
        let Some(value) = parsed.get(opt.dest()) else {
            continue;
        };
        let values = match (opt.kind, value) {
            (Kind::FlagPair(_), Value::Flag(flag)) => {
                log.push(format!("{member}: {flag} (flag)"));
                request.map.insert(member.to_owned(), Json::Bool(*flag));
                continue;
            }
            (_, Value::One(one)) => std::slice::from_ref(one),
            (Kind::Value, Value::List(_)) => {
                // `--option=--`: argparse drops the `--` and stores an empty list, which the
                // AWS CLI passes on as is.
                log.push(format!("{member}: `--` is dropped by argparse, leaving []"));
                request
                    .map
                    .insert(member.to_owned(), Json::Array(Vec::new()));
                continue;
            }
            (_, Value::List(list)) => list.as_slice(),
            _ => continue,
        };
        let member_schema = schema
            .and_then(|s| s.property(member))
            .expect("every member is in the schema");
        match argument::process(opt.name, member_schema, values, &options) {
            Ok(processed) => {
                if processed.steps.is_empty() {
                    log.push(format!("{}: taken as given", opt.name));
                }
                log.extend(processed.steps.iter().cloned());
                for (index, warning) in &processed.warnings {
                    request.warnings.push(format!(
                        "in value {} of {}:\n{}",
                        index + 1,
                        opt.name,
                        warning.render()
                    ));
                }
                request
                    .origins
                    .argument(member, opt.name, values, &processed);
                request.map.insert(member.to_owned(), processed.value);
            }
            Err(error) => {
                let refusal = Refusal::new(RefusalKind::Argument, error.render(), log)
                    .with_aws(error.aws_message());
                let binary_text = opt.kind == Kind::Value
                    && matches!(error.kind(), argument::ArgumentErrorKind::Binary);
                if !binary_text {
                    return Err(refusal);
                }
                log.push(format!("{}: binary contents for a text member", opt.name));
                // Present, so that --cli-input-json does not replace it; never printed.
                request.map.insert(member.to_owned(), Json::Null);
                request.binary.get_or_insert(refusal);
            }
        }
    }
    Ok(request)
}

/// The pagination options given, in order.
fn paging_given(parsed: &Parsed) -> Vec<&'static str> {
    paging::OPTIONS
        .into_iter()
        .filter(|o| parsed.get(&o[2..]).is_some())
        .collect()
}

/// awscli's `check_should_enable_pagination`: the operation's own page token or page size on
/// the command line, or `--no-paginate`, turn pagination off, and the pagination options are
/// then refused.
pub(crate) fn check_paging(
    paginator: &Paginator,
    table: &Table,
    parsed: &Parsed,
    no_paginate: bool,
    log: &[String],
) -> Result<(), Refusal> {
    let manual: Vec<&str> = paginator
        .input_tokens
        .iter()
        .chain(&paginator.limit_key)
        .filter_map(|&member| table.find(member))
        .filter(|opt| parsed.get(opt.dest()).is_some())
        .map(|opt| opt.name)
        .collect();
    let given = paging_given(parsed);
    if given.is_empty() || (manual.is_empty() && !no_paginate) {
        return Ok(());
    }
    let why = if manual.is_empty() {
        "--no-paginate".to_owned()
    } else {
        manual.join(" and ")
    };
    Err(Refusal::new(
        RefusalKind::Pagination,
        format!(
            "error: {} cannot be given with {why}, which turns the AWS CLI's pagination off\n  \
             = help: give the page size and token either as the pagination options or as the \
             request's members\n",
            given.join(", ")
        ),
        log,
    )
    .with_aws(Some(format!(
        "Error during pagination: Cannot specify --no-paginate along with pagination arguments: {}",
        given.join(", ")
    ))))
}

/// `--generate-cli-skeleton output` calls the operation itself, without the AWS CLI's
/// paginator, and hands the pagination options to botocore as `PaginationConfig`, which it
/// refuses: the options are refused here.
pub(crate) fn paging_with_output_skeleton(parsed: &Parsed, log: &[String]) -> Option<Refusal> {
    let given = paging_given(parsed);
    if given.is_empty() {
        return None;
    }
    Some(
        Refusal::new(
            RefusalKind::Pagination,
            format!(
                "error: {} cannot be given with --generate-cli-skeleton output, which calls the \
                 operation without the AWS CLI's pagination\n",
                given.join(", ")
            ),
            log,
        )
        .with_aws(Some(
            "Parameter validation failed:\nUnknown parameter in input: \"PaginationConfig\""
                .to_owned(),
        )),
    )
}

/// The paginator's part of the request: `--page-size` is the page size, `--starting-token` the
/// page token, over the arguments and `--cli-input-json`; `--max-items` changes nothing sent,
/// and a value of it below 1 gets the AWS CLI's warning.
pub(crate) fn apply_paging(
    paginator: &Paginator,
    parsed: &Parsed,
    request: &mut Request,
    log: &mut Vec<String>,
) {
    let map = &mut request.map;
    if let (Some(size), Some(limit)) = (parsed.one("page-size"), paginator.limit_key) {
        let size = crate::argparse::python_int(size).expect("argparse checked the number");
        log.push(format!("--page-size: {limit} is {size}"));
        map.insert(limit.to_owned(), Json::from(size));
    }
    if let Some(token) = parsed.one("starting-token") {
        let tokens = paging::starting_token(token, paginator);
        log.push(format!(
            "--starting-token: {}",
            if tokens.is_empty() {
                "no page token".to_owned()
            } else {
                tokens.keys().cloned().collect::<Vec<_>>().join(", ")
            }
        ));
        map.extend(tokens);
    }
    if let Some(items) = parsed.one("max-items") {
        log.push("--max-items: limits what is printed, not the request".into());
        let items = crate::argparse::python_int(items).expect("argparse checked the number");
        if items <= 0 {
            request.warnings.push(
                "warning: Non-positive values for --max-items may result in undefined behavior.\n"
                    .into(),
            );
        }
    }
}

/// The members of `operation`'s request in the model's order, then any others in the order
/// given.
pub fn model_order(operation: &Operation, map: Map<String, Json>) -> Map<String, Json> {
    let Some(schema) = request_schema(operation) else {
        return map;
    };
    match in_model_order(Json::Object(map), SchemaRef::new(schema)) {
        Json::Object(map) => map,
        _ => unreachable!("an object stays an object"),
    }
}

/// `value` with the members of every structure in the model's order (others after them, in
/// the order given), as the AWS CLI prints a response: it parses the response by the output
/// shape, structure by structure. Map keys keep their order.
fn in_model_order(value: Json, schema: SchemaRef<'_>) -> Json {
    match value {
        Json::Object(mut map) => {
            let mut ordered = Map::new();
            for name in schema.property_names() {
                if let Some(member) = map.shift_remove(name) {
                    let member = match schema.property(name) {
                        Some(member_schema) => in_model_order(member, member_schema),
                        None => member,
                    };
                    ordered.insert(name.to_owned(), member);
                }
            }
            for (key, member) in map {
                let member = match schema.values() {
                    Some(values) => in_model_order(member, values),
                    None => member,
                };
                ordered.insert(key, member);
            }
            Json::Object(ordered)
        }
        Json::Array(items) => match schema.items() {
            Some(item_schema) => Json::Array(
                items
                    .into_iter()
                    .map(|item| in_model_order(item, item_schema))
                    .collect(),
            ),
            None => Json::Array(items),
        },
        other => other,
    }
}
