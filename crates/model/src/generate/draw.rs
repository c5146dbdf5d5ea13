//! Documents of a shape drawn from a stream of numbers: the one generator behind both the
//! proptest strategies (which draw the numbers from a `Vec<u64>` that proptest shrinks) and the
//! `arbitrary` functions (which draw them from fuzzer bytes).
//!
//! Each choice reads one number. When the source runs dry every choice is the first one, so a
//! shorter source gives a smaller document: shorter strings, fewer members, fewer items.

use crate::service::{REQUIREMENTS, ShapeId, ShapeKind, StringShape};
use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::{Map, Value};

/// Where the choices come from.
pub(crate) trait Source {
    /// The next number; 0 once the source is exhausted.
    fn next(&mut self) -> u64;

    /// A number below `n` (0 when `n` is 0 or 1).
    fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// A number in `low..=high` (`low` when `high < low`).
    fn between(&mut self, low: u64, high: u64) -> u64 {
        match high.checked_sub(low).and_then(|span| span.checked_add(1)) {
            Some(count) => low + self.next() % count,
            None if high >= low => low.wrapping_add(self.next()),
            None => low,
        }
    }
}

/// The numbers of a slice, then those of a SplitMix64 seeded by the last one, so that a long
/// document (a 50,000-character token) does not need 50,000 numbers from proptest.
#[derive(Debug)]
pub(crate) struct Seeded<'a> {
    numbers: &'a [u64],
    at: usize,
    state: u64,
}

impl<'a> Seeded<'a> {
    pub(crate) fn new(numbers: &'a [u64]) -> Self {
        Seeded {
            numbers,
            at: 0,
            state: numbers.iter().fold(0x9e37_79b9_7f4a_7c15, |s, n| s ^ n),
        }
    }
}

impl Source for Seeded<'_> {
    fn next(&mut self) -> u64 {
        if let Some(&n) = self.numbers.get(self.at) {
            self.at += 1;
            return n;
        }
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// How many items a generated list or map has at most when its shape sets no limit.
const MOST: u64 = 3;

/// How long a generated string is at most when its shape sets no limit.
const LONGEST: u64 = 64;

/// A size in `min..=max`: one time in eight the least, one in eight the most, otherwise a few
/// more than the least. `max` is the shape's limit, or `min + fallback` when it has none.
fn size(source: &mut dyn Source, min: u64, max: Option<u64>, fallback: u64) -> u64 {
    let max = max.unwrap_or(min + fallback).max(min);
    match source.below(8) {
        0 => min,
        1 => max,
        _ => source.between(min, max.min(min + fallback)),
    }
}

/// A value of shape `id` that the service accepts: every rule of the model and of the overlay
/// holds.
pub(crate) fn value(id: ShapeId, source: &mut dyn Source) -> Value {
    match id.shape().kind {
        ShapeKind::Structure(members) => {
            let mut object = Map::new();
            for m in members {
                if m.required || source.below(2) == 1 {
                    object.insert(m.name.to_owned(), value(m.shape, source));
                }
            }
            // What the overlay requires, given the values drawn.
            for r in REQUIREMENTS.iter().filter(|r| r.shape == id) {
                let decides = object
                    .get(r.when)
                    .and_then(Value::as_str)
                    .is_some_and(|v| r.values.contains(&v));
                if decides
                    && !object.contains_key(r.member)
                    && let Some(m) = members.iter().find(|m| m.name == r.member)
                {
                    let v = value(m.shape, source);
                    object.insert(m.name.to_owned(), v);
                }
            }
            // In the model's order, as the serde types write it.
            Value::Object(
                members
                    .iter()
                    .filter_map(|m| object.remove(m.name).map(|v| (m.name.to_owned(), v)))
                    .collect(),
            )
        }
        ShapeKind::List { member, min, max } => {
            let count = size(source, min.unwrap_or(0), max, MOST);
            Value::Array((0..count).map(|_| value(member, source)).collect())
        }
        ShapeKind::Map {
            key,
            value: item,
            min,
            max,
        } => {
            let count = size(source, min.unwrap_or(0), max, MOST);
            let mut object = Map::new();
            // Keys drawn again when they repeat, a bounded number of times: a key shape with
            // few values (`authenticated`, `unauthenticated`) cannot give more.
            for _ in 0..count.saturating_mul(4) {
                if object.len() as u64 >= count {
                    break;
                }
                let k = match key.shape().kind {
                    ShapeKind::String(s) => string(s, source),
                    _ => String::new(),
                };
                if !object.contains_key(&k) {
                    let v = value(item, source);
                    object.insert(k, v);
                }
            }
            Value::Object(object)
        }
        ShapeKind::String(s) => Value::String(string(s, source)),
        ShapeKind::Boolean => Value::Bool(source.below(2) == 1),
        ShapeKind::Integer { min, max } => {
            number(source, min, max, i32::MIN.into(), i32::MAX.into())
        }
        ShapeKind::Long { min, max } => number(source, min, max, i64::MIN, i64::MAX),
        ShapeKind::Timestamp => {
            // Epoch seconds, as the types hold them: an `f64`, a whole number or not.
            let seconds = source.between(0, 2_000_000_000) as f64;
            let millis = if source.below(2) == 0 {
                0
            } else {
                source.below(1000)
            };
            Value::from(seconds + millis as f64 / 1000.0)
        }
        ShapeKind::Blob => {
            let count = source.below(12);
            let bytes: Vec<u8> = (0..count).map(|_| source.below(256) as u8).collect();
            Value::String(base64(&bytes))
        }
    }
}

/// An integer within the bounds: one of them, or any between.
fn number(source: &mut dyn Source, min: Option<i64>, max: Option<i64>, lo: i64, hi: i64) -> Value {
    let (low, high) = (min.unwrap_or(lo), max.unwrap_or(hi));
    let n = match source.below(4) {
        0 => low,
        1 => high,
        _ => {
            let span = high.abs_diff(low);
            let offset = if span == u64::MAX {
                source.next()
            } else {
                source.next() % (span + 1)
            };
            low.wrapping_add_unsigned(offset)
        }
    };
    Value::from(n)
}

/// Standard base64, padded, as the service takes a blob.
fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The characters an unconstrained string draws from, each run as likely as the others: ASCII
/// (printable, and the controls), Latin-1, Greek and Cyrillic, CJK, and emoji outside the Basic
/// Multilingual Plane, whose code points count one character but two UTF-16 units.
const ANY: &[(char, char)] = &[
    (' ', '~'),
    (' ', '~'),
    ('\0', '\u{1f}'),
    ('\u{a0}', '\u{ff}'),
    ('\u{391}', '\u{4ff}'),
    ('\u{4e00}', '\u{9fff}'),
    ('\u{1f300}', '\u{1f64f}'),
];

/// A string of the shape: an enum value, or a match of its pattern (or any characters) with a
/// length in code points within its bounds, reaching each bound now and then.
pub(crate) fn string(s: StringShape, source: &mut dyn Source) -> String {
    if !s.values.is_empty() {
        return s.values[source.below(s.values.len())].to_owned();
    }
    let min = s.min.unwrap_or(0);
    let target = size(
        source,
        min,
        s.max,
        LONGEST.min(s.max.unwrap_or(LONGEST)).max(1),
    ) as usize;
    match s.pattern.and_then(pieces) {
        Some(pieces) => matching(&pieces, target, source),
        None => (0..target).map(|_| pick(ANY, source)).collect(),
    }
}

/// A class with more characters than this is written out by its ASCII characters only.
const WRITTEN_OUT: u32 = 128;

impl StringShape {
    /// The characters the shape's pattern names, written out, for a fuzzer's dictionary
    /// (features `proptest` or `arbitrary`): its literal text and each class's characters, in
    /// the pattern's order, each once. A class of more than 128 characters (`\S`, `\p{L}`)
    /// gives its ASCII characters only. `None` without a pattern.
    ///
    /// ```
    /// use idpool_model::service::StringShape;
    /// let shape = StringShape {
    ///     min: None,
    ///     max: None,
    ///     pattern: Some(r"[\w-]+:[0-9a-f-]+"),
    ///     values: &[],
    ///     sensitive: false,
    /// };
    /// assert_eq!(
    ///     shape.alphabet().unwrap(),
    ///     "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz:"
    /// );
    /// ```
    #[cfg_attr(docsrs, doc(cfg(any(feature = "proptest", feature = "arbitrary"))))]
    pub fn alphabet(&self) -> Option<String> {
        let pieces = pieces(self.pattern?)?;
        let mut out = String::new();
        let mut add = |c: char| {
            if !out.contains(c) {
                out.push(c);
            }
        };
        for piece in pieces {
            match piece {
                Piece::Text(text) | Piece::Optional(text) => text.chars().for_each(&mut add),
                Piece::Run { class, .. } => {
                    let size: u32 = class
                        .iter()
                        .map(|&(start, end)| u32::from(end) - u32::from(start) + 1)
                        .sum();
                    for (start, end) in class {
                        let end = if size > WRITTEN_OUT {
                            end.min('\u{7f}')
                        } else {
                            end
                        };
                        (start..=end).for_each(&mut add);
                    }
                }
            }
        }
        Some(out)
    }
}

/// One part of a pattern, as the model's patterns are written: a sequence of these.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// Literal text.
    Text(String),
    /// Literal text, or nothing (`(un)?`).
    Optional(String),
    /// Characters of a class, between `min` and `max` of them (`max` none: unbounded).
    Run {
        class: Vec<(char, char)>,
        min: usize,
        max: Option<usize>,
    },
}

/// The pattern (as the model writes it) as a sequence of pieces, or `None` when it is not of
/// that form. Every pattern of the model is (a test checks it).
pub(crate) fn pieces(pattern: &str) -> Option<Vec<Piece>> {
    let portable = crate::service::portable_pattern(pattern);
    let hir = regex_syntax::Parser::new().parse(&portable).ok()?;
    let mut out = Vec::new();
    flatten(&hir, &mut out)?;
    Some(out)
}

fn flatten(hir: &Hir, out: &mut Vec<Piece>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Concat(parts) => {
            for part in parts {
                flatten(part, out)?;
            }
        }
        HirKind::Capture(capture) => flatten(&capture.sub, out)?,
        HirKind::Literal(literal) => {
            out.push(Piece::Text(String::from_utf8(literal.0.to_vec()).ok()?))
        }
        HirKind::Class(class) => out.push(Piece::Run {
            class: ranges(class)?,
            min: 1,
            max: Some(1),
        }),
        HirKind::Repetition(repetition) => {
            let min = usize::try_from(repetition.min).ok()?;
            let max = repetition.max.and_then(|m| usize::try_from(m).ok());
            match repetition.sub.kind() {
                HirKind::Class(class) => out.push(Piece::Run {
                    class: ranges(class)?,
                    min,
                    max,
                }),
                _ if (min, max) == (0, Some(1)) => {
                    let mut inner = Vec::new();
                    flatten(&repetition.sub, &mut inner)?;
                    let mut text = String::new();
                    for piece in inner {
                        let Piece::Text(t) = piece else { return None };
                        text.push_str(&t);
                    }
                    out.push(Piece::Optional(text));
                }
                _ => return None,
            }
        }
        HirKind::Alternation(_) => return None,
    }
    Some(())
}

fn ranges(class: &Class) -> Option<Vec<(char, char)>> {
    match class {
        Class::Unicode(class) => Some(class.iter().map(|r| (r.start(), r.end())).collect()),
        Class::Bytes(_) => None,
    }
}

/// A character of the ranges: half the time one of their ASCII characters (when they have
/// some), otherwise any, each range as likely as the others.
pub(crate) fn pick(ranges: &[(char, char)], source: &mut dyn Source) -> char {
    let ascii: Vec<(char, char)> = ranges
        .iter()
        .filter(|(start, _)| start.is_ascii())
        .map(|&(start, end)| (start, end.min('\u{7f}')))
        .collect();
    let from = if !ascii.is_empty() && source.below(2) == 0 {
        &ascii[..]
    } else {
        ranges
    };
    let Some(&(start, end)) = from.get(source.below(from.len())) else {
        return 'a';
    };
    let offset = source.between(0, u64::from(u32::from(end) - u32::from(start)));
    // A range across the surrogates (`[^ ]`) has no character there: its start stands in.
    u32::try_from(offset)
        .ok()
        .and_then(|o| char::from_u32(u32::from(start) + o))
        .unwrap_or(start)
}

/// A match of the pieces, `target` characters long when the pieces allow it: the characters
/// beyond each run's least are shared out at random among the runs.
fn matching(pieces: &[Piece], target: usize, source: &mut dyn Source) -> String {
    let chosen: Vec<bool> = pieces
        .iter()
        .map(|p| matches!(p, Piece::Optional(_)) && source.below(2) == 1)
        .collect();
    let fixed: usize = pieces
        .iter()
        .zip(&chosen)
        .map(|(p, &on)| match p {
            Piece::Text(t) => t.chars().count(),
            Piece::Optional(t) if on => t.chars().count(),
            Piece::Optional(_) => 0,
            Piece::Run { min, .. } => *min,
        })
        .sum();
    let mut counts: Vec<usize> = pieces
        .iter()
        .map(|p| match p {
            Piece::Run { min, .. } => *min,
            _ => 0,
        })
        .collect();
    let open: Vec<usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Piece::Run { max, min, .. } if max.is_none_or(|m| m > *min)))
        .map(|(i, _)| i)
        .collect();
    let mut spare = target.saturating_sub(fixed);
    // Bounded: each round either places a character or closes a run that is full.
    let mut open = open;
    while spare > 0 && !open.is_empty() {
        let at = source.below(open.len());
        let i = open[at];
        let full = matches!(&pieces[i], Piece::Run { max: Some(m), .. } if counts[i] >= *m);
        if full {
            open.swap_remove(at);
            continue;
        }
        // Place a share at once, so that a long string takes few choices.
        let share = 1 + source.below(spare);
        let room = match &pieces[i] {
            Piece::Run { max: Some(m), .. } => m - counts[i],
            _ => usize::MAX,
        };
        let share = share.min(room);
        counts[i] += share;
        spare -= share;
    }
    let mut out = String::new();
    for ((piece, count), on) in pieces.iter().zip(counts).zip(chosen) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Optional(t) if on => out.push_str(t),
            Piece::Optional(_) => {}
            Piece::Run { class, .. } => {
                out.extend((0..count).map(|_| pick(class, source)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::SHAPES;

    struct Counter(u64);
    impl Source for Counter {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            self.0 >> 11
        }
    }

    #[test]
    fn every_pattern_of_the_model_is_a_sequence_of_pieces() {
        for shape in SHAPES {
            if let ShapeKind::String(s) = shape.kind
                && let Some(pattern) = s.pattern
            {
                assert!(pieces(pattern).is_some(), "{}: {pattern}", shape.name);
            }
        }
    }

    #[test]
    fn alphabets_write_classes_out() {
        let alphabet = |pattern| {
            StringShape {
                min: None,
                max: None,
                pattern: Some(pattern),
                values: &[],
                sensitive: false,
            }
            .alphabet()
            .unwrap()
        };
        assert_eq!(alphabet("[0-9a-f-]+"), "-0123456789abcdef");
        assert_eq!(alphabet("(un)?authenticated"), "unatheicd");
        // Large classes give their ASCII characters: `\S` has no whitespace, `\p{L}` letters.
        let not_space = alphabet(r"[\S]+");
        assert!(not_space.contains('!') && not_space.contains('\u{7f}'));
        assert!(!not_space.contains([' ', '\t', '\n', '\u{e9}']));
        assert_eq!(
            alphabet(r"[\p{L}.]+"),
            ".ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        );
    }

    #[test]
    fn the_pieces_of_a_pattern() {
        let word = |c: &[(char, char)]| c.to_vec();
        assert_eq!(
            pieces("(un)?authenticated").unwrap(),
            [
                Piece::Optional("un".into()),
                Piece::Text("authenticated".into())
            ]
        );
        let Piece::Run { class, min, max } = &pieces(r"\d+").unwrap()[0] else {
            panic!()
        };
        assert_eq!((class.clone(), *min, *max), (word(&[('0', '9')]), 1, None));
    }

    #[test]
    fn strings_match_their_pattern_and_reach_both_bounds() {
        for shape in SHAPES {
            let ShapeKind::String(s) = shape.kind else {
                continue;
            };
            let regex = s.portable_pattern().map(|p| regex::Regex::new(&p).unwrap());
            let (mut shortest, mut longest) = (usize::MAX, 0);
            let mut source = Counter(u64::from(shape.name.len() as u32));
            for _ in 0..400 {
                let text = string(s, &mut source);
                let length = text.chars().count() as u64;
                assert!(
                    s.min.is_none_or(|m| length >= m),
                    "{}: {text:?}",
                    shape.name
                );
                assert!(
                    s.max.is_none_or(|m| length <= m),
                    "{}: {text:?}",
                    shape.name
                );
                if let Some(regex) = &regex {
                    assert!(regex.is_match(&text), "{}: {text:?}", shape.name);
                }
                shortest = shortest.min(text.chars().count());
                longest = longest.max(text.chars().count());
            }
            if s.values.is_empty() && s.pattern != Some("(un)?authenticated") {
                // The least a match of the pattern can be.
                let least: usize = s.pattern.and_then(pieces).map_or(0, |pieces| {
                    pieces
                        .iter()
                        .map(|p| match p {
                            Piece::Text(t) => t.chars().count(),
                            Piece::Optional(_) => 0,
                            Piece::Run { min, .. } => *min,
                        })
                        .sum()
                });
                let min = s.min.unwrap_or(0).max(least as u64);
                assert_eq!(shortest as u64, min, "{}", shape.name);
                if let Some(max) = s.max {
                    assert_eq!(longest as u64, max, "{}", shape.name);
                }
            }
        }
    }

    #[test]
    fn an_exhausted_source_gives_the_smallest_document() {
        let operation = crate::service::operation("update-identity-pool").unwrap();
        struct Zeros;
        impl Source for Zeros {
            fn next(&mut self) -> u64 {
                0
            }
        }
        let document = value(operation.input.unwrap(), &mut Zeros);
        let object = document.as_object().unwrap();
        assert_eq!(
            object.keys().map(String::as_str).collect::<Vec<_>>(),
            [
                "IdentityPoolId",
                "IdentityPoolName",
                "AllowUnauthenticatedIdentities"
            ]
        );
    }

    #[test]
    fn base64_is_padded() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }
}
