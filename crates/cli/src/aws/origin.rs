//! Where each member of the request came from, so that a problem is reported where the user
//! wrote it: at `F:LINE:COLUMN` of a `file://F` value or of `--cli-input-json file://F`, or in
//! the value of the option that gave it (`--identity-pool-name:1:4`), rather than in the
//! request idpool prints.
//!
//! The validator checks the request as printed; [`attribute`] then moves each
//! diagnostic to the text its member was read from, finding the value by its JSON Pointer: in
//! JSON with `idpool_validate::locate`, in shorthand through the parse tree's spans, and in a
//! plain value as the value itself. A member whose text cannot be searched (YAML, binary
//! files) keeps its place in the printed request.

use crate::report::Checked;
use idpool_awscli::origins::{Origins, Place, Source, Syntax};
use idpool_shorthand::{Parser, Value as Tree, ValueKind};
use idpool_validate::{
    Code, Diagnostic, Document, Kind, Located, Omitted, Report, Severity, position,
};
use std::ops::Range;

/// The name under which diagnostics of the printed request are reported.
pub(crate) const REQUEST: &str = "request";

/// The diagnostics of `report` (on the printed request `text`), each moved to the source of
/// its member, grouped by source in the order they first appear; `lints` come first. A
/// file split into characters gets one [`Code::SplitFile`] warning, and the problems of
/// its characters are counted, not listed.
pub(crate) fn attribute(
    origins: &Origins,
    text: &str,
    report: Report,
    lints: Vec<Diagnostic>,
    excerpts: bool,
) -> Vec<Checked> {
    let mut groups: Vec<Group> = Vec::new();
    let mut split: Vec<(usize, Omitted)> = Vec::new();
    // Each text is parsed once, however many diagnostics it holds.
    let printed = Document::parse(text);
    let parsed: Vec<Parsed<'_>> = origins.sources().iter().map(Parsed::of).collect();
    for d in lints.into_iter().chain(report.diagnostics) {
        let (source, moved) = match find(origins, &d.pointer) {
            None if d.pointer.is_empty() && origins.root().is_some() => {
                let mut d = d;
                (at_root(origins, &parsed, &mut d), d)
            }
            None => (None, d),
            Some((member, Place::Characters { source, .. }))
                if d.pointer.len() > 1 + pointer_token(member).len() =>
            {
                // The group takes its place now, its warning comes at the end.
                group(&mut groups, Some(*source));
                let counts = match split.iter_mut().find(|(s, _)| s == source) {
                    Some((_, counts)) => counts,
                    None => {
                        split.push((*source, Omitted::default()));
                        &mut split.last_mut().expect("just pushed").1
                    }
                };
                match d.severity {
                    Severity::Error => counts.errors += 1,
                    Severity::Warning => counts.warnings += 1,
                    Severity::Info => counts.infos += 1,
                }
                continue;
            }
            Some((member, place)) => {
                let mut d = d;
                (
                    moved(
                        origins,
                        text,
                        printed.as_ref(),
                        &parsed,
                        member,
                        place,
                        &mut d,
                    ),
                    d,
                )
            }
        };
        group(&mut groups, source).diagnostics.push(moved);
    }
    for (source, counts) in split {
        let Some((member, Place::Characters { uri, count, .. })) = origins
            .places()
            .iter()
            .find(|(_, p)| matches!(p, Place::Characters { source: s, .. } if *s == source))
        else {
            continue;
        };
        let text = &origins.sources()[source].text;
        let first_line = 0..text.find('\n').unwrap_or(text.len());
        let mut d = Diagnostic::lint(
            Code::SplitFile,
            format!(
                "{uri} was read as one string and split into its {count} characters, one \
                 value of {member} each, as the AWS CLI reads a file for a list option; \
                 the service would refuse {}",
                refused(counts)
            ),
            Some(
                "write the list in the file as JSON, such as `[\"arn:aws:iam::123456789012:\
                 saml-provider/Example\"]`, or give each value on the command line"
                    .into(),
            ),
        );
        d.pointer = format!("/{member}");
        d.start = position(text, first_line.start);
        d.end = position(text, first_line.end);
        d.span = first_line;
        let group = group(&mut groups, Some(source));
        group.diagnostics.insert(0, d);
        group.omitted = counts;
    }
    // The request's own limit applies to what it holds; every group is a part of it.
    if let Some(group) = groups.iter_mut().find(|g| g.source.is_none()) {
        group.omitted.errors += report.omitted.errors;
        group.omitted.warnings += report.omitted.warnings;
        group.omitted.infos += report.omitted.infos;
    } else if report.omitted.total() > 0 {
        group(&mut groups, None).omitted = report.omitted;
    }
    // The problems of the request as a whole (and of members from YAML) last.
    groups.sort_by_key(|g| g.source.is_none());
    groups
        .into_iter()
        .map(|g| {
            let (name, text) = match g.source {
                Some(i) => (
                    origins.sources()[i].name.clone(),
                    origins.sources()[i].text.as_str(),
                ),
                None => (REQUEST.to_owned(), text),
            };
            let report = Report {
                kind: Kind::Request,
                diagnostics: g.diagnostics,
                omitted: g.omitted,
            };
            Checked::new(name, text.as_bytes(), report, excerpts)
        })
        .collect()
}

/// Moves a problem of the request as a whole to the start of the request object the user
/// wrote, and returns its source; `None` when that text is not an object.
fn at_root(origins: &Origins, parsed: &[Parsed<'_>], d: &mut Diagnostic) -> Option<usize> {
    let source = origins.root()?;
    let text = &origins.sources()[source].text;
    let found = parsed[source].find(text, "")?;
    let start = found.value.start;
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    d.start = position(text, start);
    d.end = position(text, end);
    d.span = start..end;
    Some(source)
}

/// The member a pointer is under, and its place.
fn find<'o>(origins: &'o Origins, pointer: &str) -> Option<(&'o str, &'o Place)> {
    let member = pointer.strip_prefix('/')?.split('/').next()?;
    origins
        .places()
        .iter()
        .find(|(m, _)| pointer_token(m) == member)
        .map(|(m, p)| (m.as_str(), p))
}

/// Moves `d` to its member's source and returns the source; `None`, leaving `d` as it is,
/// when the value is not found there.
fn moved(
    origins: &Origins,
    text: &str,
    printed: Option<&Document<'_>>,
    parsed: &[Parsed<'_>],
    member: &str,
    place: &Place,
    d: &mut Diagnostic,
) -> Option<usize> {
    let rest = &d.pointer[1 + pointer_token(member).len()..];
    let (source, within) = match place {
        Place::Request(source) => (*source, d.pointer.as_str()),
        Place::Value(source) => (*source, rest),
        Place::Items(items) => {
            let (index, within) = split_index(rest)?;
            (*items.get(index)?, within)
        }
        Place::Characters { .. } => return None,
    };
    let src = &origins.sources()[source];
    let found = parsed[source].find(&src.text, within)?;
    // What the diagnostic's span is in the printed request: the key, the value, or a part
    // of the value (kept only where the source writes the value the same way).
    let printed = printed.and_then(|p| p.locate(&d.pointer));
    let span = match printed {
        Some(p) if p.key.as_ref() == Some(&d.span) => found.key.unwrap_or(found.value),
        Some(p)
            if d.span != p.value
                && p.value.start <= d.span.start
                && d.span.end <= p.value.end
                && src.text.get(found.value.clone()) == text.get(p.value.clone()) =>
        {
            let start = found.value.start + (d.span.start - p.value.start);
            start..start + d.span.len()
        }
        _ => found.value,
    };
    d.start = position(&src.text, span.start);
    d.end = position(&src.text, span.end);
    d.span = span;
    Some(source)
}

/// The diagnostics of one source (`None`: the printed request).
struct Group {
    source: Option<usize>,
    diagnostics: Vec<Diagnostic>,
    omitted: Omitted,
}

/// The group of `source`, added at the end if it is new.
fn group(groups: &mut Vec<Group>, source: Option<usize>) -> &mut Group {
    match groups.iter().position(|g| g.source == source) {
        Some(i) => &mut groups[i],
        None => {
            groups.push(Group {
                source,
                diagnostics: Vec::new(),
                omitted: Omitted::default(),
            });
            groups.last_mut().expect("just pushed")
        }
    }
}

/// What the service would refuse of a file's characters, and what is not listed.
fn refused(counts: Omitted) -> String {
    let mut parts = Vec::new();
    for (n, word) in [(counts.errors, "error"), (counts.warnings, "warning")] {
        match n {
            0 => {}
            1 => parts.push(format!("1 {word}")),
            n => parts.push(format!("{n} {word}s")),
        }
    }
    match (counts.errors, parts.is_empty()) {
        (_, true) => "none of them".into(),
        (0, false) => format!("none of them ({} not listed)", parts.join(" and ")),
        (_, false) => format!("them: {} about them are not listed", parts.join(" and ")),
    }
}

/// A member name as a JSON Pointer token.
fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// `/3/ClientId` as `(3, "/ClientId")`.
fn split_index(pointer: &str) -> Option<(usize, &str)> {
    let rest = pointer.strip_prefix('/')?;
    let (index, within) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    Some((index.parse().ok()?, within))
}

/// A source's text, parsed once.
enum Parsed<'t> {
    Json(Option<Document<'t>>),
    Shorthand(Option<Tree<'t>>),
    Plain,
}

impl<'t> Parsed<'t> {
    fn of(source: &'t Source) -> Self {
        match source.syntax {
            Syntax::Json => Parsed::Json(Document::parse(&source.text)),
            Syntax::Shorthand => {
                Parsed::Shorthand(Parser::new().parse(&source.text).ok().map(|p| p.value))
            }
            Syntax::Plain => Parsed::Plain,
        }
    }

    /// Where the value at `pointer` (relative to the source's value) is in `text`, the
    /// source's text.
    fn find(&self, text: &str, pointer: &str) -> Option<Located> {
        match self {
            Parsed::Json(document) => document.as_ref()?.locate(pointer),
            Parsed::Plain => Some(Located {
                key: None,
                value: 0..text.len(),
            }),
            Parsed::Shorthand(tree) => {
                let (key, value) = walk(tree.as_ref()?, pointer);
                Some(Located { key, value })
            }
        }
    }
}

/// The deepest value of a shorthand tree on the way to `pointer`, with its key's span. A
/// list index on a value that is not a list stays there: typing makes a lone value the only
/// item of a list.
fn walk(tree: &Tree<'_>, pointer: &str) -> (Option<Range<usize>>, Range<usize>) {
    let mut node = tree;
    let mut key = None;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        match &node.kind {
            ValueKind::Map(map) => match map.get(&token) {
                Some(entry) => {
                    key = Some(entry.key_span.clone());
                    node = &entry.value;
                }
                None if token.parse::<usize>().is_ok() => {}
                None => break,
            },
            ValueKind::List(items) => {
                match token.parse::<usize>().ok().and_then(|i| items.get(i)) {
                    Some(item) => {
                        key = None;
                        node = item;
                    }
                    None => break,
                }
            }
            _ if token.parse::<usize>().is_ok() => {}
            _ => break,
        }
    }
    (key, node.span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shorthand(text: &str, pointer: &str) -> (Option<String>, String) {
        let parsed = Parser::new().parse(text).unwrap();
        let (key, value) = walk(&parsed.value, pointer);
        (key.map(|k| text[k].to_owned()), text[value].to_owned())
    }

    #[test]
    fn shorthand_values_are_found_by_pointer() {
        let text = "ProviderName=x,ClientId=\"a b\",ServerSideTokenCheck=maybe";
        assert_eq!(
            shorthand(text, "/ServerSideTokenCheck"),
            (Some("ServerSideTokenCheck".into()), "maybe".into())
        );
        assert_eq!(
            shorthand(text, "/0/ClientId"),
            (Some("ClientId".into()), "\"a b\"".into()),
            "a lone structure is the list's only item"
        );
        assert_eq!(shorthand("a=[x,y]", "/a/1"), (None, "y".into()));
        assert_eq!(
            shorthand("a=1", "/b"),
            (None, "a=1".into()),
            "a member that is not there: the whole value"
        );
    }

    #[test]
    fn list_indexes() {
        assert_eq!(split_index("/3/ClientId"), Some((3, "/ClientId")));
        assert_eq!(split_index("/0"), Some((0, "")));
        assert_eq!(split_index("/x"), None);
        assert_eq!(split_index(""), None);
    }
}
