//! `idpool generate`: documents of any operation for other people's tests: valid ones, and
//! invalid ones that each break one rule of the service, labelled with the diagnostic code and
//! JSON Pointer idpool reports for them.
//!
//! Valid documents come from `idpool_model::strategy::valid` (the shape table). An invalid one is
//! a valid one with one value changed: one past a bound, a character outside a pattern, an enum
//! value in the wrong case, a wrong JSON type, `null`, a member removed or added. It is kept only
//! if idpool's validator reports exactly the one error the change was meant to make, at the place
//! it was made: the label is what idpool says, by construction. The same seed and version give
//! the same bytes.

use crate::sink;
use anyhow::{Context, Result};
use idpool_model::service::{Operation, ShapeId, ShapeKind};
use idpool_validate::{Code, Kind, Severity, Validator};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  idpool generate --operation set-identity-pool-roles --valid 5 --invalid 5
  idpool generate \\
      --operation get-id \\
      --invalid 100 \\
      --seed 7 \\
      --format json \\
      --out corpus/get-id")]
pub(crate) struct Args {
    /// The operation, as `SetIdentityPoolRoles` or `set-identity-pool-roles`
    /// [default: update-identity-pool].
    #[arg(long, value_name = "OP", value_parser = crate::operation::parse)]
    operation: Option<&'static Operation>,

    /// The document generated.
    #[arg(long, value_enum, default_value_t = KindArg::Request)]
    kind: KindArg,

    /// How many valid documents.
    #[arg(long, value_name = "N", default_value_t = 0)]
    valid: usize,

    /// How many invalid documents, each breaking one rule.
    #[arg(long, value_name = "N", default_value_t = 0)]
    invalid: usize,

    /// The seed: the same seed (and idpool version) gives the same documents.
    #[arg(long, value_name = "S", default_value_t = 0)]
    seed: u64,

    /// jsonl: one record a line on standard output, `{"operation", "valid", "document",
    /// "expect": [{"code", "pointer"}]}`; json: one file a document under --out, with the labels
    /// in `manifest.json`.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,

    /// The directory of `--format json` (created if missing).
    #[arg(long, value_name = "DIR", required_if_eq("format", "json"))]
    out: Option<PathBuf>,

    /// Print a libFuzzer/AFL dictionary of the document instead: its member names, enum values
    /// and the characters its patterns allow, as JSON tokens.
    #[arg(long, conflicts_with_all = ["valid", "invalid", "out"])]
    dict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum KindArg {
    Request,
    Response,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Jsonl,
    Json,
}

/// One generated document and what idpool reports for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sample {
    pub(crate) document: Value,
    /// The code and pointer of the error it carries; empty for a valid document.
    pub(crate) expect: Vec<(Code, String)>,
}

/// How many changes are tried for one invalid document before another valid one is drawn.
const TRIES: usize = 64;

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let operation = args.operation.unwrap_or_else(crate::operation::default);
    let kind = match args.kind {
        KindArg::Request => Kind::Request,
        KindArg::Response => Kind::Response,
    };
    if args.dict {
        let shape = match kind {
            Kind::Request => operation.input,
            Kind::Response => operation.output,
        };
        if let Some(shape) = shape {
            sink::print(dictionary(shape).as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let Some(samples) = generate(operation, kind, args.seed, args.valid, args.invalid) else {
        let message = format!(
            "error: {} has no {kind} body, so there is nothing to generate\n",
            operation.name
        );
        sink::stderr().write_all(message.as_bytes())?;
        return Ok(ExitCode::from(2));
    };
    match args.format {
        OutputFormat::Jsonl => {
            let mut out = sink::stdout();
            for sample in &samples {
                serde_json::to_writer(&mut out, &record(operation, sample))?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        OutputFormat::Json => {
            let dir = args.out.expect("clap requires --out with --format json");
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create directory {}", dir.display()))?;
            let mut manifest = Vec::new();
            for (i, sample) in samples.iter().enumerate() {
                let state = if sample.expect.is_empty() {
                    "valid"
                } else {
                    "invalid"
                };
                let name = format!("{}-{state}-{i:04}.json", operation.command);
                let text = serde_json::to_string_pretty(&sample.document)? + "\n";
                std::fs::write(dir.join(&name), text)
                    .with_context(|| format!("cannot write {}", dir.join(&name).display()))?;
                let mut entry = record(operation, sample);
                entry.as_object_mut().map(|e| e.remove("document"));
                entry["file"] = json!(name);
                manifest.push(entry);
            }
            let path = dir.join("manifest.json");
            std::fs::write(&path, serde_json::to_string_pretty(&manifest)? + "\n")
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A sample as a record of `--format jsonl`.
fn record(operation: &Operation, sample: &Sample) -> Value {
    let expect: Vec<Value> = sample
        .expect
        .iter()
        .map(|(code, pointer)| json!({ "code": code.as_str(), "pointer": pointer }))
        .collect();
    json!({
        "operation": operation.name,
        "valid": expect.is_empty(),
        "document": sample.document,
        "expect": expect,
    })
}

/// `valid` valid documents of `operation`'s `kind`, then `invalid` invalid ones, from `seed`;
/// `None` when the operation has no such document.
pub(crate) fn generate(
    operation: &'static Operation,
    kind: Kind,
    seed: u64,
    valid: usize,
    invalid: usize,
) -> Option<Vec<Sample>> {
    let shape = match kind {
        Kind::Request => operation.input,
        Kind::Response => operation.output,
    }?;
    let validator = Validator::for_operation(operation, kind)?;
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = idpool_model::strategy::valid(shape);
    let draw = |runner: &mut TestRunner| {
        strategy
            .new_tree(runner)
            .map(|tree| tree.current())
            .unwrap_or_else(|_| Value::Object(Map::new()))
    };
    let mut samples = Vec::with_capacity(valid + invalid);
    for _ in 0..valid {
        samples.push(Sample {
            document: draw(&mut runner),
            expect: Vec::new(),
        });
    }
    let mut made = 0;
    // Bounded: a shape without any value to change (none in this model) makes no sample.
    for _ in 0..invalid.saturating_mul(TRIES) {
        if made == invalid {
            break;
        }
        let document = draw(&mut runner);
        let mut places = Vec::new();
        places_of(shape, &document, String::new(), &mut places);
        for _ in 0..TRIES {
            let Some(&(ref pointer, id)) = places.get(pick(&mut runner, places.len())) else {
                break;
            };
            let changes = changes(id, document.pointer(pointer).unwrap_or(&Value::Null));
            let chosen = pick(&mut runner, changes.len());
            let Some((value, code, at)) = changes.into_iter().nth(chosen) else {
                continue;
            };
            let at = format!("{pointer}{at}");
            let mut broken = document.clone();
            if !put(&mut broken, pointer, value) {
                continue;
            }
            let text = serde_json::to_string_pretty(&broken).unwrap_or_default();
            let report = validator.validate_str(&text);
            let errors: Vec<(Code, &str)> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| (d.code, d.pointer.as_str()))
                .collect();
            if errors == [(code, at.as_str())] {
                samples.push(Sample {
                    document: broken,
                    expect: vec![(code, at)],
                });
                made += 1;
                break;
            }
        }
    }
    Some(samples)
}

/// A libFuzzer/AFL dictionary of the documents of shape `id`: one `name="token"` line for each
/// member name (as a JSON key, `"Name":`), each enum value (as a JSON string) and each pattern's
/// alphabet (its classes' characters, written out), in the order they are met.
pub(crate) fn dictionary(id: ShapeId) -> String {
    let mut tokens: Vec<String> = vec!["{".into(), "}".into(), "[".into(), "]".into()];
    let mut seen = std::collections::BTreeSet::new();
    collect(id, &mut tokens, &mut seen);
    let mut out =
        String::from("# libFuzzer/AFL dictionary generated by `idpool generate --dict`\n");
    let mut unique = std::collections::BTreeSet::new();
    tokens.retain(|t| unique.insert(t.clone()));
    for (number, token) in tokens.iter().enumerate() {
        let escaped: String = token
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' => format!("\\{}", b as char),
                0x20..=0x7e => (b as char).to_string(),
                _ => format!("\\x{b:02X}"),
            })
            .collect();
        out.push_str(&format!("kw{}=\"{escaped}\"\n", number + 1));
    }
    out
}

/// The tokens of shape `id` and the shapes it reaches, each shape once.
fn collect(id: ShapeId, tokens: &mut Vec<String>, seen: &mut std::collections::BTreeSet<ShapeId>) {
    if !seen.insert(id) {
        return;
    }
    match id.shape().kind {
        ShapeKind::Structure(members) => {
            for m in members {
                tokens.push(format!("\"{}\":", m.name));
                collect(m.shape, tokens, seen);
            }
        }
        ShapeKind::List { member, .. } => collect(member, tokens, seen),
        ShapeKind::Map { key, value, .. } => {
            collect(key, tokens, seen);
            collect(value, tokens, seen);
        }
        ShapeKind::String(s) => {
            tokens.extend(s.values.iter().map(|v| format!("\"{v}\"")));
            if let Some(pattern) = s.portable_pattern() {
                tokens.push(alphabet(&pattern));
            }
            tokens.retain(|t| !t.is_empty());
        }
        _ => {}
    }
}

/// The characters a portable pattern names, written out: each class's characters and ranges
/// (`[0-9a-f-]` gives `0123456789abcdef-`) and the literal characters between them. Negated
/// classes and `\p{..}` classes, which name more than a dictionary can hold, add nothing.
fn alphabet(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_class = false;
    let mut negated = false;
    let mut last: Option<char> = None;
    let escaped = |c: char| match c {
        't' => '\t',
        'n' => '\n',
        'f' => '\u{c}',
        'r' => '\r',
        other => other,
    };
    while i < chars.len() {
        let c = chars[i];
        let mut literal = None;
        match c {
            '[' if !in_class => {
                in_class = true;
                negated = chars.get(i + 1) == Some(&'^');
                if negated {
                    i += 1;
                }
            }
            ']' if in_class => in_class = false,
            '\\' => match chars.get(i + 1) {
                Some('p' | 'P') => {
                    // `\p{L}`: skipped whole.
                    while i < chars.len() && chars[i] != '}' {
                        i += 1;
                    }
                }
                Some('x') => {
                    let hex: String = chars.iter().skip(i + 2).take(2).collect();
                    literal = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    i += 2;
                }
                Some(&next) => {
                    literal = Some(escaped(next));
                    i += 1;
                }
                None => {}
            },
            '-' if in_class && last.is_some() && chars.get(i + 1).is_some_and(|&n| n != ']') => {
                let (from, to) = (last.unwrap_or('-'), chars[i + 1]);
                for r in (u32::from(from) + 1)..=u32::from(to) {
                    if let Some(r) = char::from_u32(r).filter(|r| !negated && !out.contains(*r)) {
                        out.push(r);
                    }
                }
                i += 2;
                last = None;
                continue;
            }
            '^' | '$' | '(' | ')' | '?' | '+' | '*' | '|' if !in_class => {}
            other => literal = Some(other),
        }
        if let Some(l) = literal
            && !(in_class && negated)
            && !out.contains(l)
        {
            out.push(l);
        }
        last = literal.filter(|_| in_class);
        i += 1;
    }
    out
}

/// A number below `n` drawn from the runner (0 when `n` is 0).
fn pick(runner: &mut TestRunner, n: usize) -> usize {
    (0..n.max(1))
        .new_tree(runner)
        .map(|tree| tree.current())
        .unwrap_or(0)
}

/// Every value of `document` (of shape `id`) with its pointer and shape.
fn places_of(id: ShapeId, value: &Value, pointer: String, out: &mut Vec<(String, ShapeId)>) {
    out.push((pointer.clone(), id));
    match (id.shape().kind, value) {
        (ShapeKind::Structure(members), Value::Object(object)) => {
            for m in members {
                if let Some(v) = object.get(m.name) {
                    places_of(m.shape, v, format!("{pointer}/{}", escape(m.name)), out);
                }
            }
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                places_of(member, item, format!("{pointer}/{i}"), out);
            }
        }
        (ShapeKind::Map { value: item, .. }, Value::Object(entries)) => {
            for (key, v) in entries {
                places_of(item, v, format!("{pointer}/{}", escape(key)), out);
            }
        }
        _ => {}
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The changes that break one rule of a value of shape `id`: the new value, the code idpool
/// reports, and where, relative to the value.
fn changes(id: ShapeId, value: &Value) -> Vec<(Value, Code, String)> {
    let here = String::new;
    let mut out = vec![(Value::Null, Code::Null, here())];
    match id.shape().kind {
        ShapeKind::Structure(members) => {
            out.push((json!(12), Code::Type, here()));
            let object = value.as_object().cloned().unwrap_or_default();
            if let Some(m) = members
                .iter()
                .find(|m| m.required && object.contains_key(m.name))
            {
                let mut smaller = object.clone();
                smaller.shift_remove(m.name);
                out.push((Value::Object(smaller), Code::MissingMember, here()));
            }
            if let Some(m) = members
                .iter()
                .find(|m| !m.required && object.contains_key(m.name))
            {
                // An optional member's name in the wrong case: the service has no such member.
                let wrong = m.name.to_ascii_lowercase();
                let mut renamed = object.clone();
                let v = renamed.shift_remove(m.name).unwrap_or_default();
                renamed.insert(wrong.clone(), v);
                out.push((
                    Value::Object(renamed),
                    Code::UnknownMember,
                    format!("/{}", escape(&wrong)),
                ));
            }
            if let Some(m) = members.first() {
                // A misspelled member beside the others.
                let wrong = format!("{}s", m.name);
                if !members.iter().any(|other| other.name == wrong) {
                    let mut more = object.clone();
                    more.insert(wrong.clone(), json!("x"));
                    out.push((
                        Value::Object(more),
                        Code::UnknownMember,
                        format!("/{}", escape(&wrong)),
                    ));
                }
            }
        }
        ShapeKind::List { max, .. } => {
            out.push((json!("not a list"), Code::Type, here()));
            if let (Some(max), Some(first)) = (max, value.as_array().and_then(|a| a.first()))
                && max < 100
            {
                let items = vec![first.clone(); max as usize + 1];
                out.push((Value::Array(items), Code::ListSize, here()));
            }
        }
        ShapeKind::Map { .. } => out.push((json!([]), Code::Type, here())),
        ShapeKind::String(s) => {
            out.push((json!(12), Code::Type, here()));
            let text = value.as_str().unwrap_or_default();
            if !s.values.is_empty() {
                let lower = text.to_ascii_lowercase();
                if lower != text {
                    out.push((json!(lower), Code::NotInEnum, here()));
                }
            } else {
                if let Some(max) = s.max.filter(|&m| m < 5000) {
                    let fill = text.chars().last().unwrap_or('a');
                    let long: String = text
                        .chars()
                        .chain(std::iter::repeat(fill))
                        .take(max as usize + 1)
                        .collect();
                    out.push((json!(long), Code::TooLong, here()));
                }
                if let Some(min) = s.min.filter(|&m| m > 0) {
                    let short: String = text.chars().take(min as usize - 1).collect();
                    out.push((json!(short), Code::TooShort, here()));
                }
                if s.pattern.is_some() && !text.is_empty() {
                    for bad in ['!', ' ', '-', 'é'] {
                        let mut chars: Vec<char> = text.chars().collect();
                        let middle = chars.len() / 2;
                        chars[middle] = bad;
                        out.push((
                            json!(chars.into_iter().collect::<String>()),
                            Code::Pattern,
                            here(),
                        ));
                    }
                }
            }
        }
        ShapeKind::Boolean => out.push((json!("true"), Code::Type, here())),
        ShapeKind::Integer { min, max } | ShapeKind::Long { min, max } => {
            out.push((json!("1"), Code::Type, here()));
            if let Some(max) = max {
                out.push((json!(max + 1), Code::OutOfRange, here()));
            }
            if let Some(min) = min {
                out.push((json!(min - 1), Code::OutOfRange, here()));
            }
        }
        ShapeKind::Timestamp => out.push((json!("yesterday"), Code::Type, here())),
        ShapeKind::Blob => out.push((json!(1), Code::Type, here())),
    }
    out
}

/// Sets the value at `pointer` (`""` for the whole document).
fn put(document: &mut Value, pointer: &str, value: Value) -> bool {
    match document.pointer_mut(pointer) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use idpool_model::service::OPERATIONS;

    #[test]
    fn alphabets_write_classes_out() {
        assert_eq!(alphabet("^[0-9a-f-]+$"), "0123456789abcdef-");
        assert_eq!(
            alphabet(r"^[A-Za-z0-9_\t]+:#$"),
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_\t:#"
        );
        assert_eq!(alphabet(r"^[^ \t\n\x0B\f\r]+$"), "");
        assert_eq!(alphabet(r"^[\p{L}\p{N}.]+$"), ".");
    }

    #[test]
    fn a_dictionary_names_members_enums_and_alphabets() {
        let roles = idpool_model::service::operation("set-identity-pool-roles").unwrap();
        let dict = dictionary(roles.input.unwrap());
        for line in [
            r#"kw5="\"IdentityPoolId\":""#,
            r#"kw6="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:""#,
            r#""\"StartsWith\"""#,
        ] {
            assert!(dict.contains(line), "{line} not in\n{dict}");
        }
        assert!(
            dict.lines()
                .skip(1)
                .all(|l| l.starts_with("kw") && !l.ends_with("=\"\""))
        );
    }

    /// For every operation's documents and a few seeds: the valid ones get no error, each
    /// invalid one exactly its labelled error, as many of each as asked, the same every time.
    #[test]
    fn every_operation_gets_what_was_asked_with_its_labels() {
        for operation in OPERATIONS {
            for kind in [Kind::Request, Kind::Response] {
                let Some(validator) = Validator::for_operation(operation, kind) else {
                    assert!(generate(operation, kind, 0, 1, 1).is_none());
                    continue;
                };
                for seed in 0..3 {
                    let samples = generate(operation, kind, seed, 4, 8).unwrap();
                    assert_eq!(samples, generate(operation, kind, seed, 4, 8).unwrap());
                    let (valid, invalid): (Vec<_>, Vec<_>) =
                        samples.iter().partition(|s| s.expect.is_empty());
                    assert_eq!(valid.len(), 4, "{} {kind}", operation.name);
                    assert_eq!(invalid.len(), 8, "{} {kind} seed {seed}", operation.name);
                    for sample in samples {
                        let text = serde_json::to_string(&sample.document).unwrap();
                        let errors: Vec<(Code, String)> = validator
                            .validate_str(&text)
                            .diagnostics
                            .into_iter()
                            .filter(|d| d.severity == Severity::Error)
                            .map(|d| (d.code, d.pointer))
                            .collect();
                        assert_eq!(errors, sample.expect, "{} {kind}: {text}", operation.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_changes_are_varied() {
        let operation = idpool_model::service::operation("set-identity-pool-roles").unwrap();
        let samples = generate(operation, Kind::Request, 1, 0, 200).unwrap();
        let codes: std::collections::BTreeSet<&str> =
            samples.iter().map(|s| s.expect[0].0.as_str()).collect();
        for code in [
            "IDP002", "IDP003", "IDP004", "IDP005", "IDP006", "IDP007", "IDP008", "IDP013",
        ] {
            assert!(codes.contains(code), "no {code} among {codes:?}");
        }
    }
}
