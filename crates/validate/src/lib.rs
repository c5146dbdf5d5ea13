//! Offline validation of Amazon Cognito Identity request and response documents against every
//! rule the service applies, with exact locations: `UpdateIdentityPool`'s with
//! [`Validator::get`], any operation's with [`Validator::for_operation`].
//!
//! A document goes through three phases:
//!
//! 1. the strict JSON parser of `idpool-json`, which keeps the byte range of every key and
//!    value (and reports invalid JSON with its line and column, and keys given twice);
//! 2. one walk over the service's shape table (`idpool_model::service`), compiled once per
//!    operation and document kind into checks with the service's semantics (lengths in code
//!    points, whole-value patterns with Java's semantics through the `regex` crate's engine,
//!    enums, ranges, sizes), and the overlay's conditional requirements and lints;
//! 3. rules beyond the shapes, as warnings and infos, by the shape of each value in any
//!    operation: ids of the wrong kind, user pools in another region, whitespace, duplicate or
//!    foreign ARNs, reserved tag keys, the overlay's form lints (role ARNs, role-mapping keys,
//!    identity-pool ARNs); for UpdateIdentityPool, also its tag quota and the settings an update
//!    resets.
//!
//! Every problem is reported, each as a [`Diagnostic`] with a stable [`Code`].
//!
//! # Example
//!
//! ```
//! use idpool_validate::{Code, Kind, Validator};
//!
//! let report = Validator::get(Kind::Request).validate(br#"{
//!     "IdentityPoolId": "us-east-1:abc",
//!     "IdentityPoolName": "caf\u00e9",
//!     "AllowUnauthenticatedIdentities": "false"
//! }"#);
//! assert!(!report.is_valid());
//! let codes: Vec<Code> = report.diagnostics.iter().map(|d| d.code).collect();
//! assert_eq!(codes, [Code::Pattern, Code::Type, Code::ResetSettings]);
//! assert_eq!(report.diagnostics[0].pointer, "/IdentityPoolName");
//! assert_eq!((report.diagnostics[0].start.line, report.diagnostics[0].start.column), (3, 25));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod aws;
mod compiled;
mod diagnostic;
mod form;
mod locate;
mod pattern;
mod semantic;

pub use diagnostic::{Code, Diagnostic, Position, Severity};
pub use idpool_schema::Kind;
pub use locate::{Document, Located, locate, position};

use compiled::{Check, CheckId, Compiled, StringCheck};
use diagnostic::AwsItem;
use idpool_json::{Kind as Json, Member, Node};
use idpool_model::service::OPERATIONS;
pub use idpool_model::service::Operation;
use pattern::Outcome;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};

/// A validator for one kind of document of one operation, compiled once from the service's
/// shape table and shared by every document and thread.
#[derive(Debug)]
pub struct Validator {
    kind: Kind,
    operation: &'static Operation,
    compiled: Compiled,
    /// The shape of the documents.
    shape: idpool_model::service::ShapeId,
    /// Whether the operation is UpdateIdentityPool, whose own rules report more.
    seed: bool,
}

/// The diagnostics of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The kind of document that was checked.
    pub kind: Kind,
    /// Every problem, in document order (errors and warnings where they occur, the infos
    /// about the whole document last), up to the limit of [`Validator::validate_limited`].
    pub diagnostics: Vec<Diagnostic>,
    /// The problems found beyond that limit: counted, not kept.
    pub omitted: Omitted,
}

/// How many diagnostics of each severity a [`Report`] left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Errors left out.
    pub errors: usize,
    /// Warnings left out.
    pub warnings: usize,
    /// Infos left out.
    pub infos: usize,
}

impl Omitted {
    /// How many diagnostics were left out in all.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    fn of(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }
}

impl Report {
    /// The report of a document that could not be read (missing, unreadable, too large, a
    /// name that is not UTF-8): one [`Code::Unreadable`] error saying why, at line 1 column 1.
    pub fn unreadable(kind: Kind, message: String, help: Option<String>) -> Report {
        Report {
            kind,
            diagnostics: vec![Diagnostic::lint(Code::Unreadable, message, help)],
            omitted: Omitted::default(),
        }
    }

    /// Whether the document could not be read at all.
    pub fn is_unreadable(&self) -> bool {
        matches!(self.diagnostics.as_slice(), [d] if d.code == Code::Unreadable)
    }

    /// Whether the document has no error.
    pub fn is_valid(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// How many diagnostics have `severity`, those left out included.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
            + self.omitted.of(severity)
    }

    /// The errors that the service reports as a `ValidationException`, worded as the service
    /// words them (`2 validation errors detected: Value 'x' at 'identityPoolName' failed to
    /// satisfy constraint: Member must ...; ...`), or `None` when there are none.
    pub fn aws_message(&self) -> Option<String> {
        aws::message(&self.diagnostics)
    }
}

impl Validator {
    /// The validator of UpdateIdentityPool's documents of `kind`, compiled on first use: the
    /// shapes' checks and the operation's own rules (ids of the wrong kind, regions,
    /// whitespace, ARNs, tags, the settings an update resets).
    pub fn get(kind: Kind) -> &'static Validator {
        static UPDATE: LazyLock<&'static Operation> = LazyLock::new(|| {
            OPERATIONS
                .iter()
                .find(|o| o.name == "UpdateIdentityPool")
                .unwrap_or(&OPERATIONS[0])
        });
        match Validator::for_operation(*UPDATE, kind) {
            Some(validator) => validator,
            // UpdateIdentityPool has both documents; a test checks it.
            None => unreachable!("UpdateIdentityPool has a request and a response"),
        }
    }

    /// The validator of `operation`'s documents of `kind`, compiled on first use and cached;
    /// `None` when the operation has no such document (SetIdentityPoolRoles has no response).
    ///
    /// It walks the service's shape table from the operation's input or output: required
    /// members, types, enums, numeric ranges, lengths in code points, list and map sizes, map
    /// keys, whole-value patterns, and the overlay's conditional requirements and lints.
    ///
    /// ```
    /// use idpool_validate::{Code, Kind, Validator};
    /// use idpool_model::service;
    ///
    /// let roles = service::operation("set-identity-pool-roles").unwrap();
    /// let validator = Validator::for_operation(roles, Kind::Request).unwrap();
    /// let report = validator.validate_str(r#"{"IdentityPoolId": "us-east-1:1a", "Roles": {"guest": "arn:aws:iam::123456789012:role/x"}}"#);
    /// assert_eq!(report.diagnostics[0].code, Code::MapKey);
    /// assert_eq!(report.diagnostics[0].pointer, "/Roles/guest");
    /// assert!(Validator::for_operation(roles, Kind::Response).is_none());
    /// ```
    pub fn for_operation(operation: &'static Operation, kind: Kind) -> Option<&'static Validator> {
        /// An operation's request and response validators, compiled on first use.
        type Slots = [OnceLock<Option<Validator>>; 2];
        static CACHE: LazyLock<Box<[Slots]>> = LazyLock::new(|| {
            OPERATIONS
                .iter()
                .map(|_| [OnceLock::new(), OnceLock::new()])
                .collect()
        });
        let index = OPERATIONS.iter().position(|o| o.name == operation.name)?;
        let slot = match kind {
            Kind::Request => 0,
            Kind::Response => 1,
        };
        CACHE[index][slot]
            .get_or_init(|| {
                let root = compiled::root_of(operation, kind)?;
                let seed = operation.name == "UpdateIdentityPool";
                // UpdateIdentityPool's own rules report its tag quota (IDP108) where they
                // always have, among its other warnings.
                let skip: &[&str] = if seed { &["IDP108"] } else { &[] };
                Some(Validator {
                    kind,
                    operation: &OPERATIONS[index],
                    compiled: Compiled::new(root, skip),
                    shape: root,
                    seed,
                })
            })
            .as_ref()
    }

    /// The operation whose documents this validator checks.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// The kind of document this validator checks.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Validates a document given as bytes (invalid UTF-8 is a syntax error).
    pub fn validate(&self, bytes: &[u8]) -> Report {
        self.validate_limited(bytes, usize::MAX)
    }

    /// Validates a document given as text.
    pub fn validate_str(&self, text: &str) -> Report {
        self.validate_str_limited(text, usize::MAX)
    }

    /// Validates a document given as bytes, keeping at most `max_diagnostics` diagnostics (the
    /// first found) and counting the others in [`Report::omitted`].
    ///
    /// A diagnostic takes a few hundred bytes, and a hostile document of a few MiB can hold
    /// millions of problems: the limit bounds the memory a report takes.
    pub fn validate_limited(&self, bytes: &[u8], max_diagnostics: usize) -> Report {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.validate_str_limited(text, max_diagnostics),
            Err(e) => {
                let start = e.valid_up_to();
                // Positions are computed on the valid prefix, where the error begins.
                let text = std::str::from_utf8(&bytes[..start]).expect("the prefix is valid");
                let mut out = Out::new(self.kind, text, max_diagnostics);
                out.push(
                    Code::Syntax,
                    &[],
                    start..start,
                    format!("invalid UTF-8 (byte 0x{:02X})", bytes[start]),
                    Some("save the file as UTF-8".into()),
                    None,
                );
                out.finish()
            }
        }
    }

    /// [`Validator::validate_limited`] for a document given as text.
    pub fn validate_str_limited(&self, text: &str, max_diagnostics: usize) -> Report {
        let mut out = Out::new(self.kind, text, max_diagnostics);
        match idpool_json::parse(text) {
            Err(error) => {
                out.push(
                    Code::Syntax,
                    &[],
                    error.span,
                    error.message,
                    error.help.map(str::to_owned),
                    None,
                );
            }
            Ok(root) => {
                self.walk(&root, self.compiled.root, false, &mut out, &mut Vec::new());
                semantic::check(&root, self.shape, self.seed, self.kind, &mut out);
            }
        }
        out.finish()
    }

    /// Validates `text` as the value of the top-level member `member` (such as
    /// `CognitoIdentityProviders`) of a document that is otherwise valid, keeping at most
    /// `max_diagnostics` diagnostics.
    ///
    /// The value gets the schema's checks of that member, read as deep as the member stands in
    /// a document, so its errors are those [`Validator::validate_str_limited`] reports for it
    /// in a whole document, in the same order, with pointers from the document's root
    /// (`/CognitoIdentityProviders/0/ClientId`). The rules beyond the schema need the whole
    /// document and are not applied; they give no errors. Positions are in `text`.
    ///
    /// Returns `None` when documents of this kind have no member `member`.
    ///
    /// ```
    /// use idpool_validate::{Code, Kind, Validator};
    ///
    /// let validator = Validator::get(Kind::Request);
    /// let report = validator
    ///     .validate_member_str_limited("CognitoIdentityProviders", r#"[{"ClientId": "-"}]"#, 100)
    ///     .unwrap();
    /// assert_eq!(report.diagnostics[0].code, Code::Pattern);
    /// assert_eq!(report.diagnostics[0].pointer, "/CognitoIdentityProviders/0/ClientId");
    /// assert!(validator.validate_member_str_limited("Tags", "{}", 100).is_none());
    /// ```
    pub fn validate_member_str_limited(
        &self,
        member: &str,
        text: &str,
        max_diagnostics: usize,
    ) -> Option<Report> {
        let Check::Structure {
            members, required, ..
        } = &self.compiled.checks[self.compiled.root]
        else {
            return None;
        };
        let (name, check) = members.iter().find(|(name, _)| *name == member)?;
        let is_required = required.contains(&member);
        let mut out = Out::new(self.kind, text, max_diagnostics);
        match idpool_json::parse_nested(text, 1) {
            Err(error) => out.push(
                Code::Syntax,
                &[],
                error.span,
                error.message,
                error.help.map(str::to_owned),
                None,
            ),
            Ok(node) => {
                // Room for the member, an item and its member without growing.
                let mut path = Vec::with_capacity(4);
                path.push(Segment::Member(name));
                self.walk(&node, *check, is_required, &mut out, &mut path);
            }
        }
        Some(out.finish())
    }

    /// Checks `node` against `check`; `required_member` says whether it is a required member of its
    /// structure (the service reads `null` as a member left out).
    fn walk<'d>(
        &self,
        node: &'d Node<'_>,
        check: CheckId,
        required_member: bool,
        out: &mut Out<'_>,
        path: &mut Vec<Segment<'d>>,
    ) {
        let check = &self.compiled.checks[check];
        if let Json::Null = node.kind {
            let aws = required_member.then(|| AwsItem {
                path: aws_path(path),
                value: Arc::from("null"),
                constraint: "Member must not be null".into(),
            });
            out.push(
                Code::Null,
                path,
                node.span.clone(),
                "`null` is not a value".into(),
                Some("leave the member out, or give it a value".into()),
                aws,
            );
            return;
        }
        match (check, &node.kind) {
            (
                Check::Structure {
                    members,
                    required,
                    requirements,
                    ignored,
                },
                Json::Object(found),
            ) => {
                self.duplicates(found, path, out);
                for member in found {
                    match members.iter().find(|(name, _)| *name == member.key) {
                        Some((_, id)) => {
                            path.push(Segment::Member(&member.key));
                            let is_required = required.iter().any(|name| *name == member.key);
                            self.walk(&member.value, *id, is_required, out, path);
                            path.pop();
                        }
                        None => {
                            path.push(Segment::Member(&member.key));
                            let names: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
                            let help = match suggest(&member.key, &names) {
                                Some(name) => format!("did you mean `{name}`?"),
                                None => format!("the members are {}", names.join(", ")),
                            };
                            out.push(
                                Code::UnknownMember,
                                path,
                                member.key_span.clone(),
                                format!("unknown member `{}`", shortened(&member.key)),
                                Some(help),
                                None,
                            );
                            path.pop();
                        }
                    }
                }
                for name in required {
                    if !found.iter().any(|m| m.key == *name) {
                        let parent = aws_path(path);
                        let member = lower_camel(name);
                        let aws = AwsItem {
                            path: if parent.is_empty() {
                                member
                            } else {
                                format!("{parent}.{member}")
                            },
                            value: Arc::from("null"),
                            constraint: "Member must not be null".into(),
                        };
                        out.push(
                            Code::MissingMember,
                            path,
                            node.span.start..node.span.start + 1,
                            format!("the required member `{name}` is missing"),
                            None,
                            Some(aws),
                        );
                    }
                }
                let value_of = |name: &str| {
                    found.iter().find_map(|m| match &m.value.kind {
                        Json::String(value) if m.key == name => Some(value.as_ref()),
                        _ => None,
                    })
                };
                for requirement in requirements {
                    let Some(value) = value_of(requirement.when) else {
                        continue;
                    };
                    if requirement.values.contains(&value)
                        && !found.iter().any(|m| m.key == requirement.member)
                    {
                        out.push(
                            Code::MissingMember,
                            path,
                            node.span.start..node.span.start + 1,
                            format!(
                                "the member `{}` is required when `{}` is `{value}`",
                                requirement.member, requirement.when
                            ),
                            Some(format!("add `{}`: {}", requirement.member, requirement.why)),
                            None,
                        );
                    }
                }
                for lint in ignored {
                    let Some(value) = value_of(lint.when) else {
                        continue;
                    };
                    let Some(member) = found.iter().find(|m| m.key == lint.member) else {
                        continue;
                    };
                    if let (true, Some(code)) = (lint.values.contains(&value), code_of(lint.code)) {
                        path.push(Segment::Member(&member.key));
                        out.push(
                            code,
                            path,
                            member.key_span.clone(),
                            format!(
                                "`{}` is ignored when `{}` is `{value}`",
                                lint.member, lint.when
                            ),
                            Some(format!(
                                "remove it, or change `{}`: {}",
                                lint.when, lint.why
                            )),
                            None,
                        );
                        path.pop();
                    }
                }
            }
            (
                Check::Map {
                    key,
                    value,
                    min_entries,
                    max_entries,
                    quota,
                },
                Json::Object(found),
            ) => {
                self.duplicates(found, path, out);
                // The map as the service prints it, made once, and only when an error needs it.
                let mut printed: Option<Arc<str>> = None;
                let map_value = |printed: &mut Option<Arc<str>>| {
                    printed.get_or_insert_with(|| aws_map(found)).clone()
                };
                if let Some(max) = *max_entries
                    && found.len() > max
                {
                    let aws = AwsItem {
                        path: aws_path(path),
                        value: map_value(&mut printed),
                        constraint: format!("Member must have length less than or equal to {max}"),
                    };
                    out.constraint(
                        Code::TooManyEntries,
                        path,
                        node.span.start..node.span.start + 1,
                        format!("{} entries; the service allows at most {max}", found.len()),
                        None,
                        Some(aws),
                    );
                }
                if let Some(min) = *min_entries
                    && found.len() < min
                {
                    let aws = AwsItem {
                        path: aws_path(path),
                        value: map_value(&mut printed),
                        constraint: format!(
                            "Member must have length greater than or equal to {min}"
                        ),
                    };
                    out.constraint(
                        Code::TooManyEntries,
                        path,
                        node.span.start..node.span.start + 1,
                        format!("{} entries; the service needs at least {min}", found.len()),
                        None,
                        Some(aws),
                    );
                }
                if let Some((code, quota, why)) = *quota
                    && found.len() > quota
                    && let Some(code) = code_of(code)
                {
                    out.push(
                        code,
                        path,
                        node.span.start..node.span.start + 1,
                        format!("{} entries; at most {quota} are allowed", found.len()),
                        Some(why.to_owned()),
                        None,
                    );
                }
                for member in found {
                    path.push(Segment::Key(&member.key));
                    let length = member.key.chars().count();
                    let problem =
                        if length < key.min_len || key.max_len.is_some_and(|max| length > max) {
                            Some(format!(
                                "the key has {length} characters; keys have {} to {}",
                                key.min_len,
                                key.max_len.unwrap_or(usize::MAX)
                            ))
                        } else if !key.values.is_empty() && !key.values.contains(&&*member.key) {
                            Some(format!(
                                "the key {} is not one of {}",
                                quoted(&member.key),
                                key.values.join(", ")
                            ))
                        } else {
                            key.pattern.and_then(|p| match p.check(&member.key) {
                                Outcome::NoMatch(at) => Some(format!(
                                    "the key {} does not match the pattern `{}`{}",
                                    quoted(&member.key),
                                    p.service,
                                    disallowed(at)
                                )),
                                Outcome::Match | Outcome::Skipped => None,
                            })
                        };
                    if let Some(message) = problem {
                        let aws = AwsItem {
                            path: aws_path(path),
                            value: map_value(&mut printed),
                            constraint: format!(
                                "Map key must satisfy constraint: [{}]",
                                constraints(key).join(", ")
                            ),
                        };
                        out.constraint(
                            Code::MapKey,
                            path,
                            member.key_span.clone(),
                            message,
                            None,
                            Some(aws),
                        );
                    }
                    let before = out.diagnostics.len();
                    self.walk(&member.value, *value, false, out, path);
                    path.pop();
                    // The service reports a bad map value at the map, printing the whole map
                    // and every constraint of the value shape.
                    let added = out.diagnostics.len() > before;
                    if let (true, Check::String(value_check)) =
                        (added, &self.compiled.checks[*value])
                    {
                        let item = AwsItem {
                            path: aws_path(path),
                            value: map_value(&mut printed),
                            constraint: format!(
                                "Map value must satisfy constraint: [{}]",
                                constraints(value_check).join(", ")
                            ),
                        };
                        for diagnostic in &mut out.diagnostics[before..] {
                            if matches!(
                                diagnostic.code,
                                Code::Pattern | Code::TooLong | Code::TooShort | Code::NotInEnum
                            ) {
                                diagnostic.aws = vec![item.clone()];
                            }
                        }
                    }
                }
            }
            (
                Check::List {
                    items,
                    min_items,
                    max_items,
                },
                Json::Array(found),
            ) => {
                let count = found.len();
                let bound = match (*min_items, *max_items) {
                    (_, Some(max)) if count > max => Some((
                        format!("{count} items; the service allows at most {max}"),
                        format!("Member must have length less than or equal to {max}"),
                    )),
                    (Some(min), _) if count < min => Some((
                        format!("{count} items; the service needs at least {min}"),
                        format!("Member must have length greater than or equal to {min}"),
                    )),
                    _ => None,
                };
                if let Some((message, constraint)) = bound {
                    let aws = AwsItem {
                        path: aws_path(path),
                        value: Arc::from(aws_list(found)),
                        constraint,
                    };
                    out.constraint(
                        Code::ListSize,
                        path,
                        node.span.start..node.span.start + 1,
                        message,
                        None,
                        Some(aws),
                    );
                }
                for (i, item) in found.iter().enumerate() {
                    path.push(Segment::Index(i));
                    self.walk(item, *items, false, out, path);
                    path.pop();
                }
            }
            (Check::String(check), Json::String(value)) => {
                self.string(node, value, check, out, path)
            }
            (Check::Boolean, Json::Bool(_)) => {}
            (Check::Blob, Json::String(_)) | (Check::Timestamp, Json::Number) => {}
            (Check::Integer { min, max, long }, Json::Number) => {
                let text = out.text.get(node.span.clone()).unwrap_or("");
                match integer(text) {
                    None => out.push(
                        Code::Type,
                        path,
                        node.span.clone(),
                        format!("expected an integer, found the number {}", quoted(text)),
                        Some("give a whole number, without a fraction or an exponent".into()),
                        None,
                    ),
                    Some(n) => {
                        let (low, high) = if *long {
                            (i128::from(i64::MIN), i128::from(i64::MAX))
                        } else {
                            (i128::from(i32::MIN), i128::from(i32::MAX))
                        };
                        let min = min.map_or(low, i128::from).max(low);
                        let max = max.map_or(high, i128::from).min(high);
                        let bound = if n > max {
                            Some((
                                format!("{text} is greater than {max}, the most allowed"),
                                format!("Member must have value less than or equal to {max}"),
                            ))
                        } else if n < min {
                            Some((
                                format!("{text} is less than {min}, the least allowed"),
                                format!("Member must have value greater than or equal to {min}"),
                            ))
                        } else {
                            None
                        };
                        if let Some((message, constraint)) = bound {
                            let aws = AwsItem {
                                path: aws_path(path),
                                value: Arc::from(format!("'{text}'")),
                                constraint,
                            };
                            out.constraint(
                                Code::OutOfRange,
                                path,
                                node.span.clone(),
                                message,
                                Some(format!("give a value from {min} to {max}")),
                                Some(aws),
                            );
                        }
                    }
                }
            }
            (check, found) => {
                let expected = match check {
                    Check::Structure { .. } | Check::Map { .. } => "an object",
                    Check::List { .. } => "an array",
                    Check::String(_) | Check::Blob => "a string",
                    Check::Boolean => "a boolean",
                    Check::Integer { .. } => "an integer",
                    Check::Timestamp => "a number (seconds since 1970)",
                };
                let help = match (check, found) {
                    (Check::Boolean, Json::String(s)) if s == "true" || s == "false" => {
                        Some(format!("write {s} without quotes"))
                    }
                    (Check::Integer { .. }, Json::String(s)) if integer(s.trim()).is_some() => {
                        Some(format!("write {} without quotes", s.trim()))
                    }
                    (Check::String(_), Json::Number | Json::Bool(_)) => {
                        Some("put the value in double quotes".into())
                    }
                    (Check::List { .. }, _) => Some("put the value in `[...]`".into()),
                    _ => None,
                };
                out.push(
                    Code::Type,
                    path,
                    node.span.clone(),
                    format!("expected {expected}, found {}", article(found.type_name())),
                    help,
                    None,
                );
            }
        }
    }

    fn duplicates<'d>(
        &self,
        members: &'d [Member<'_>],
        path: &mut Vec<Segment<'d>>,
        out: &mut Out<'_>,
    ) {
        for member in members {
            if let Some(first) = &member.duplicate_of {
                path.push(Segment::Member(&member.key));
                let at = out.position(first.start);
                out.push(
                    Code::DuplicateKey,
                    path,
                    member.key_span.clone(),
                    format!(
                        "`{}` is given twice; the last one is used",
                        shortened(&member.key)
                    ),
                    Some(format!(
                        "the first is at line {} column {}; remove one of them",
                        at.line, at.column
                    )),
                    None,
                );
                path.pop();
            }
        }
    }

    fn string(
        &self,
        node: &Node<'_>,
        value: &str,
        check: &StringCheck,
        out: &mut Out<'_>,
        path: &[Segment<'_>],
    ) {
        let length = value.chars().count();
        let in_map = matches!(path.last(), Some(Segment::Key(_)));
        let aws = |constraint: String| AwsItem {
            path: aws_path(path),
            value: Arc::from(format!("'{value}'")),
            constraint,
        };
        if !check.values.is_empty() {
            if !check.values.contains(&value) {
                let help = match suggest(value, check.values) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => format!("the values are {}", check.values.join(", ")),
                };
                out.constraint(
                    Code::NotInEnum,
                    path,
                    node.span.clone(),
                    format!(
                        "{} is not one of {}",
                        quoted(value),
                        check.values.join(", ")
                    ),
                    Some(help),
                    (!in_map).then(|| aws(enum_constraint(check.values))),
                );
            }
            return;
        }
        let (pattern, at) = match check.pattern.map(|p| (p.service, p.check(value))) {
            Some((service, Outcome::NoMatch(at))) => (Some(service), at),
            _ => (None, None),
        };
        let pattern_item = |pattern: &dyn std::fmt::Display| {
            (!in_map).then(|| {
                aws(format!(
                    "Member must satisfy regular expression pattern: {pattern}"
                ))
            })
        };
        // An empty value is one problem, reported once, as too short; the service lists both
        // constraints it fails, and so does the wording of that one diagnostic.
        let empty = length == 0 && check.min_len > 0;
        if let Some(pattern) = pattern
            && !empty
        {
            let detail = disallowed(at);
            let help = if value.trim() != value {
                Some("remove the whitespace at the start or the end".to_owned())
            } else {
                Some(format!(
                    "the service requires the whole value to match `{pattern}`{}",
                    word_note(pattern)
                ))
            };
            out.constraint(
                Code::Pattern,
                path,
                node.span.clone(),
                format!(
                    "{} does not match the pattern `{pattern}`{detail}",
                    quoted(value)
                ),
                help,
                pattern_item(&pattern),
            );
        }
        if let Some(max) = check.max_len
            && length > max
        {
            out.constraint(
                Code::TooLong,
                path,
                node.span.clone(),
                format!("the value has {length} characters; at most {max} are allowed"),
                None,
                (!in_map).then(|| {
                    aws(format!(
                        "Member must have length less than or equal to {max}"
                    ))
                }),
            );
        }
        if length < check.min_len {
            let (message, help) = if empty {
                let help = match pattern {
                    Some(pattern) => format!(
                        "give a value that matches `{pattern}` as a whole{}: the service refuses the empty value for both its length and its pattern",
                        word_note(pattern)
                    ),
                    None => "give a value, or leave the member out if it is optional".to_owned(),
                };
                ("the value is empty".to_owned(), Some(help))
            } else {
                let message = format!(
                    "the value has {length} characters; at least {} are needed",
                    check.min_len
                );
                (message, None)
            };
            let length_item = (!in_map).then(|| {
                aws(format!(
                    "Member must have length greater than or equal to {}",
                    check.min_len
                ))
            });
            let before = out.diagnostics.len();
            out.constraint(
                Code::TooShort,
                path,
                node.span.clone(),
                message,
                help,
                length_item,
            );
            // The service lists the pattern before the length, as `constraints` does.
            if let (true, Some(pattern), Some(diagnostic)) =
                (empty, pattern, out.diagnostics.get_mut(before))
            {
                diagnostic.aws.splice(0..0, pattern_item(&pattern));
            }
        }
    }
}

/// One step of the path from the document root to a value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Segment<'d> {
    /// A member of a structure.
    Member(&'d str),
    /// A key of a map.
    Key(&'d str),
    /// An item of a list.
    Index(usize),
}

pub(crate) fn pointer(path: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in path {
        out.push('/');
        match segment {
            Segment::Member(name) | Segment::Key(name) => {
                out.push_str(&name.replace('~', "~0").replace('/', "~1"))
            }
            Segment::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// The path as AWS writes it: lowerCamelCase members, 1-based list items, maps at the map.
pub(crate) fn aws_path(path: &[Segment<'_>]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for segment in path {
        match segment {
            Segment::Member(name) => parts.push(lower_camel(name)),
            Segment::Index(i) => parts.push(format!("{}.member", i + 1)),
            Segment::Key(_) => {}
        }
    }
    parts.join(".")
}

/// `IdentityPoolName` → `identityPoolName`.
fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string())
        .unwrap_or_default();
    first + chars.as_str()
}

/// A map printed as AWS prints it (Java's `Map.toString()`): `'{k=v, k2=v2}'`.
fn aws_map(members: &[Member<'_>]) -> Arc<str> {
    let entries: Vec<String> = members
        .iter()
        .map(|m| match &m.value.kind {
            Json::String(s) => format!("{}={s}", m.key),
            Json::Null => format!("{}=null", m.key),
            _ => format!("{}=…", m.key),
        })
        .collect();
    Arc::from(format!("'{{{}}}'", entries.join(", ")))
}

/// ` (ASCII letters and digits for `\w`)` when the pattern has a `\w`.
fn word_note(pattern: &str) -> &'static str {
    if pattern.contains(r"\w") {
        r" (ASCII letters and digits for `\w`)"
    } else {
        ""
    }
}

/// `: `x` (U+0078) at character 3 is not allowed`, for the first character no match can go on
/// from; empty when there is none.
fn disallowed(at: Option<(usize, char)>) -> String {
    match at {
        Some((i, c)) => format!(": {} at character {} is not allowed", describe(c), i + 1),
        None => String::new(),
    }
}

/// `Member must satisfy enum value set: [Token, Rules]`.
fn enum_constraint(values: &[&str]) -> String {
    format!(
        "Member must satisfy enum value set: [{}]",
        values.join(", ")
    )
}

/// The code named `code` (`IDP108`), for the overlay's lints.
pub(crate) fn code_of(code: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.as_str() == code)
}

/// A JSON integer's value, from its text; `None` for a fraction or an exponent. Beyond `i128`,
/// the value saturates (it is out of any range either way).
fn integer(text: &str) -> Option<i128> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i128>().unwrap_or(if text.starts_with('-') {
        i128::MIN
    } else {
        i128::MAX
    }))
}

/// A list printed as AWS prints it (Java's `List.toString()`): `'[a, b]'`, shortened.
fn aws_list(items: &[Node<'_>]) -> String {
    let mut printed: Vec<String> = items
        .iter()
        .take(10)
        .map(|item| match &item.kind {
            Json::String(s) => s.to_string(),
            Json::Null => "null".into(),
            _ => "…".into(),
        })
        .collect();
    if items.len() > 10 {
        printed.push("…".into());
    }
    format!("'[{}]'", printed.join(", "))
}

/// Every constraint of a string check, worded as AWS lists them (enum, pattern, max, min).
fn constraints(check: &StringCheck) -> Vec<String> {
    let mut out = Vec::new();
    if !check.values.is_empty() {
        out.push(enum_constraint(check.values));
    }
    if let Some(pattern) = check.pattern {
        out.push(format!(
            "Member must satisfy regular expression pattern: {}",
            pattern.service
        ));
    }
    if let Some(max) = check.max_len {
        out.push(format!(
            "Member must have length less than or equal to {max}"
        ));
    }
    if check.min_len > 0 {
        out.push(format!(
            "Member must have length greater than or equal to {}",
            check.min_len
        ));
    }
    out
}

fn article(type_name: &str) -> String {
    match type_name {
        "null" => "null".into(),
        "array" | "object" => format!("an {type_name}"),
        other => format!("a {other}"),
    }
}

/// A value for a message: quoted, shortened when long.
pub(crate) fn quoted(value: &str) -> String {
    if value.chars().count() > 60 {
        let head: String = value.chars().take(57).collect();
        format!("`{}…`", head.escape_debug())
    } else {
        format!("`{}`", value.escape_debug())
    }
}

/// A member name for a message: itself, or its start when it is long, so that a message stays
/// short whatever the input.
fn shortened(name: &str) -> std::borrow::Cow<'_, str> {
    if name.chars().count() > 60 {
        let head: String = name.chars().take(57).collect();
        std::borrow::Cow::Owned(format!("{head}…"))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// A character for a message: itself when visible, and its code point.
fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() || c == '\u{FEFF}' {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}` (U+{:04X})", u32::from(c))
    }
}

/// The name in `names` that `given` most likely means: the same in another letter case, or
/// within two edits (ignoring case). Used for member names here, and for option names by the
/// command line.
///
/// ```
/// assert_eq!(idpool_validate::suggest("ClientID", &["ProviderName", "ClientId"]), Some("ClientId"));
/// assert_eq!(idpool_validate::suggest("--regoin", &["--region", "--query"]), Some("--region"));
/// assert_eq!(idpool_validate::suggest("Tags", &["ProviderName"]), None);
/// ```
pub fn suggest<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    if let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(given)) {
        return Some(name);
    }
    names
        .iter()
        .map(|n| {
            (
                edit_distance(&given.to_ascii_lowercase(), &n.to_ascii_lowercase()),
                *n,
            )
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
        .or_else(|| suffix_of(given, names))
}

/// The one name that ends with `given` (three characters or more, any letter case): `Tags` for
/// `IdentityPoolTags`. AWS names members with their shape's prefix, and people leave it out.
fn suffix_of<'n>(given: &str, names: &[&'n str]) -> Option<&'n str> {
    if given.chars().count() < 3 {
        return None;
    }
    let given = given.to_ascii_lowercase();
    let mut found = names
        .iter()
        .filter(|n| n.to_ascii_lowercase().ends_with(&given));
    match (found.next(), found.next()) {
        (Some(name), None) => Some(name),
        _ => None,
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// Collects the diagnostics of one document, with positions.
pub(crate) struct Out<'t> {
    kind: Kind,
    text: &'t str,
    /// Byte offsets where lines start, computed at the first diagnostic.
    lines: Vec<usize>,
    /// The last position computed (offset and column), so that the columns of diagnostics
    /// further along the same long line are counted from there.
    last: (usize, Position),
    diagnostics: Vec<Diagnostic>,
    /// How many diagnostics are kept.
    limit: usize,
    omitted: Omitted,
}

impl<'t> Out<'t> {
    fn new(kind: Kind, text: &'t str, limit: usize) -> Self {
        Self {
            kind,
            text,
            lines: Vec::new(),
            last: (0, Position { line: 1, column: 1 }),
            diagnostics: Vec::new(),
            limit,
            omitted: Omitted::default(),
        }
    }

    pub(crate) fn position(&mut self, offset: usize) -> Position {
        if self.lines.is_empty() {
            self.lines.push(0);
            self.lines.extend(memchr_lines(self.text));
        }
        let line = self.lines.partition_point(|&start| start <= offset);
        let (last_offset, last) = self.last;
        let (from, column) = if last.line == line && last_offset <= offset {
            (last_offset, last.column)
        } else {
            (self.lines[line - 1], 1)
        };
        let counted = self
            .text
            .get(from..offset)
            .map_or(offset - from, |s| s.chars().count());
        let position = Position {
            line,
            column: column + counted,
        };
        self.last = (offset, position);
        position
    }

    pub(crate) fn push(
        &mut self,
        code: Code,
        path: &[Segment<'_>],
        span: Range<usize>,
        message: String,
        help: Option<String>,
        aws: Option<AwsItem>,
    ) {
        self.push_with(code, code.severity(), path, span, message, help, aws);
    }

    #[allow(clippy::too_many_arguments)]
    fn push_with(
        &mut self,
        code: Code,
        severity: Severity,
        path: &[Segment<'_>],
        span: Range<usize>,
        message: String,
        help: Option<String>,
        aws: Option<AwsItem>,
    ) {
        if self.diagnostics.len() >= self.limit {
            self.omitted.add(severity);
            return;
        }
        let start = self.position(span.start);
        let end = self.position(span.end);
        self.diagnostics.push(Diagnostic {
            code,
            severity,
            pointer: pointer(path),
            aws_path: aws_path(path),
            span,
            start,
            end,
            message,
            help,
            aws: aws.into_iter().collect(),
        });
    }

    /// A length, pattern or size violation: an error in a request, a warning in a response
    /// (the service does not check what it sends).
    fn constraint(
        &mut self,
        code: Code,
        path: &[Segment<'_>],
        span: Range<usize>,
        message: String,
        help: Option<String>,
        aws: Option<AwsItem>,
    ) {
        let severity = match self.kind {
            Kind::Request => Severity::Error,
            Kind::Response => Severity::Warning,
        };
        self.push_with(code, severity, path, span, message, help, aws);
    }

    fn finish(self) -> Report {
        Report {
            kind: self.kind,
            diagnostics: self.diagnostics,
            omitted: self.omitted,
        }
    }
}

/// The byte offset where each line after the first starts.
fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let names = ["ProviderName", "ClientId", "ServerSideTokenCheck"];
        assert_eq!(suggest("ClientID", &names), Some("ClientId"));
        assert_eq!(suggest("ProviderNmae", &names), Some("ProviderName"));
        assert_eq!(suggest("Region", &names), None);
        let top = ["IdentityPoolId", "IdentityPoolName"];
        assert_eq!(suggest("identityPoolId", &top), Some("IdentityPoolId"));
        let members = [
            "IdentityPoolName",
            "DeveloperProviderName",
            "IdentityPoolTags",
        ];
        assert_eq!(suggest("Tags", &members), Some("IdentityPoolTags"));
        assert_eq!(suggest("tags", &members), Some("IdentityPoolTags"));
        assert_eq!(suggest("Name", &members), None, "two names end with it");
        assert_eq!(suggest("gs", &members), None, "too short to tell");
    }

    #[test]
    fn an_empty_value_is_one_diagnostic_worded_as_the_service_lists_it() {
        let report = Validator::get(Kind::Request).validate_str(
            r#"{"IdentityPoolId": "", "IdentityPoolName": "p", "AllowUnauthenticatedIdentities": false,
                "CognitoIdentityProviders": [{"ClientId": ""}], "SupportedLoginProviders": {"a": ""}}"#,
        );
        let errors: Vec<(Code, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.code, d.pointer.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                (Code::TooShort, "/IdentityPoolId"),
                (Code::TooShort, "/CognitoIdentityProviders/0/ClientId"),
                (Code::TooShort, "/SupportedLoginProviders/a"),
            ]
        );
        assert_eq!(
            report.aws_message().unwrap(),
            "5 validation errors detected: \
             Value '' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; \
             Value '' at 'identityPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; \
             Value '' at 'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w_]+; \
             Value '' at 'cognitoIdentityProviders.1.member.clientId' failed to satisfy constraint: Member must have length greater than or equal to 1; \
             Value '{a=}' at 'supportedLoginProviders' failed to satisfy constraint: Map value must satisfy constraint: [Member must satisfy regular expression pattern: [\\w.;_/-]+, Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"
        );
        // In a response, the one diagnostic is a warning.
        let report = Validator::get(Kind::Response)
            .validate_str(r#"{"IdentityPoolId": "", "IdentityPoolName": "p", "AllowUnauthenticatedIdentities": false}"#);
        let codes: Vec<(Code, Severity)> = report
            .diagnostics
            .iter()
            .map(|d| (d.code, d.severity))
            .collect();
        assert_eq!(codes, [(Code::TooShort, Severity::Warning)]);
    }

    #[test]
    fn both_schemas_compile() {
        for kind in Kind::ALL {
            let _ = Validator::get(kind);
        }
    }
}
