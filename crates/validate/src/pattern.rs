//! The model's patterns, matched with the service's (Java) semantics through the `regex` crate's
//! engine, compiled once per shape.
//!
//! A pattern is translated by [`idpool_model::service::portable_pattern`] (anchored, ASCII `\w`
//! `\s` `\d` and their complements spelled out, `\p{..}` kept as Unicode classes), then compiled
//! into a dense DFA (`regex-automata`), which answers in one pass both whether the whole value
//! matches and, when it does not, the first character at which no match is possible any more.
//! A pattern whose DFA would be too large is matched by `regex::Regex`, without that detail.
//!
//! A pattern the translation cannot give Java's answer for (a `.`, or a `\W` `\D` `\S` left in a
//! negated class, where the Rust engine's classes are Unicode-aware), or that the engine refuses,
//! is not checked: [`Pattern::check`] answers [`Outcome::Skipped`]. None of the model's patterns
//! is such (a test checks it); this is the documented limit for a future model.

use idpool_model::service::{self, SHAPES, ShapeId, ShapeKind};
use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};
use std::sync::{LazyLock, OnceLock};

/// The most memory one pattern's DFA may take; a larger one is matched by `regex::Regex`.
const DFA_LIMIT: usize = 4 << 20;

/// One pattern of the model, compiled.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// The pattern as the model writes it (for messages and the service's wording).
    pub(crate) service: &'static str,
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    Dfa(Box<dense::DFA<Vec<u32>>>),
    Regex(regex::Regex),
    /// Neither the translation nor the engine can give the service's answer.
    Unsupported,
}

/// What matching a value gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The whole value matches.
    Match,
    /// It does not; with the first character (index in characters, and the character) after
    /// which no continuation can match, when there is one (`None` when the value stops short).
    NoMatch(Option<(usize, char)>),
    /// The pattern is not checked (see the module's documentation).
    Skipped,
}

/// Why a pattern is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unsupported {
    /// The translation cannot give Java's semantics in the Rust dialect.
    Translation(&'static str),
    /// The engine refused the translated pattern.
    Engine(String),
}

/// The model's pattern in the Rust dialect, with Java's semantics, or why there is none.
pub(crate) fn translate(java: &str) -> Result<String, Unsupported> {
    let rust = service::portable_pattern(java);
    let mut chars = rust.chars();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some('W' | 'D' | 'S') = chars.next() {
                    return Err(Unsupported::Translation(
                        "a complemented class inside a negated class",
                    ));
                }
            }
            '[' => class += 1,
            ']' => class = class.saturating_sub(1),
            '.' if class == 0 => {
                return Err(Unsupported::Translation(
                    "`.`, whose line terminators differ",
                ));
            }
            _ => {}
        }
    }
    Ok(rust)
}

impl Pattern {
    /// Compiles the model's pattern `java`. Never fails: a pattern that cannot be checked is
    /// kept as [`Matcher::Unsupported`].
    pub(crate) fn new(java: &'static str) -> Pattern {
        let matcher = match Self::matcher(java) {
            Ok(matcher) => matcher,
            Err(_) => Matcher::Unsupported,
        };
        Pattern {
            service: java,
            matcher,
        }
    }

    fn matcher(java: &str) -> Result<Matcher, Unsupported> {
        let rust = translate(java)?;
        let config = dense::Config::new()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::All)
            .dfa_size_limit(Some(DFA_LIMIT))
            .determinize_size_limit(Some(DFA_LIMIT));
        match dense::Builder::new().configure(config).build(&rust) {
            Ok(dfa) => Ok(Matcher::Dfa(Box::new(dfa))),
            Err(_) => regex::Regex::new(&rust)
                .map(Matcher::Regex)
                .map_err(|e| Unsupported::Engine(e.to_string())),
        }
    }

    /// Whether the pattern is checked at all.
    #[cfg(test)]
    pub(crate) fn is_supported(&self) -> bool {
        !matches!(self.matcher, Matcher::Unsupported)
    }

    /// Matches the whole of `value`.
    pub(crate) fn check(&self, value: &str) -> Outcome {
        match &self.matcher {
            Matcher::Dfa(dfa) => walk(dfa, value),
            Matcher::Regex(regex) if regex.is_match(value) => Outcome::Match,
            Matcher::Regex(_) => Outcome::NoMatch(None),
            Matcher::Unsupported => Outcome::Skipped,
        }
    }
}

/// Runs the anchored DFA over `value` byte by byte: a dead state names the character that
/// holds that byte; the end of the value decides the match.
fn walk(dfa: &dense::DFA<Vec<u32>>, value: &str) -> Outcome {
    let Ok(mut state) = dfa.start_state(&start::Config::new().anchored(Anchored::Yes)) else {
        return Outcome::Skipped;
    };
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        state = dfa.next_state(state, b);
        if dfa.is_dead_state(state) {
            let mut at = i;
            while !value.is_char_boundary(at) {
                at -= 1;
            }
            let index = value[..at].chars().count();
            return Outcome::NoMatch(value[at..].chars().next().map(|c| (index, c)));
        }
        if dfa.is_quit_state(state) {
            return Outcome::Skipped;
        }
    }
    state = dfa.next_eoi_state(state);
    if dfa.is_match_state(state) {
        Outcome::Match
    } else {
        Outcome::NoMatch(None)
    }
}

/// The compiled pattern of the string shape `id`, compiled on first use and shared.
pub(crate) fn of_shape(id: ShapeId) -> Option<&'static Pattern> {
    static CACHE: LazyLock<Box<[OnceLock<Option<Pattern>>]>> =
        LazyLock::new(|| SHAPES.iter().map(|_| OnceLock::new()).collect());
    let cell = CACHE.get(usize::from(id.0))?;
    cell.get_or_init(|| match id.shape().kind {
        ShapeKind::String(string) => string.pattern.map(Pattern::new),
        _ => None,
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(pattern: &'static str, value: &str) -> Outcome {
        Pattern::new(pattern).check(value)
    }

    #[test]
    fn every_pattern_of_the_model_compiles_into_a_dfa() {
        for (i, shape) in SHAPES.iter().enumerate() {
            if let ShapeKind::String(string) = shape.kind
                && let Some(java) = string.pattern
            {
                let pattern = of_shape(ShapeId(i as u16)).unwrap();
                assert!(
                    matches!(pattern.matcher, Matcher::Dfa(_)),
                    "{} ({java}): {:?}",
                    shape.name,
                    Pattern::matcher(java).err()
                );
            }
        }
    }

    #[test]
    fn java_semantics() {
        let id = r"[\w-]+:[0-9a-f-]+";
        assert_eq!(
            first(id, "us-west-2:11111111-1111-1111-1111-111111111111"),
            Outcome::Match
        );
        assert_eq!(
            first(id, "us-east-1:ABC"),
            Outcome::NoMatch(Some((10, 'A')))
        );
        assert_eq!(first(id, "us-east-1"), Outcome::NoMatch(None));
        assert_eq!(first(r"[\w_]+", "ab-c"), Outcome::NoMatch(Some((2, '-'))));
        let name = r"[\w\s+=,.@-]+";
        assert_eq!(first(name, "pool\x0Bname"), Outcome::Match);
        assert_eq!(first(name, "caf\u{e9}"), Outcome::NoMatch(Some((3, 'é'))));
        assert_eq!(
            first(name, "\u{212a}elvin"),
            Outcome::NoMatch(Some((0, '\u{212a}')))
        );
        assert_eq!(
            first(name, "pool\u{3000}name"),
            Outcome::NoMatch(Some((4, '\u{3000}')))
        );
        let claim = r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+";
        assert_eq!(first(claim, "caf\u{e9}-1"), Outcome::Match);
        assert_eq!(first(claim, "given name"), Outcome::NoMatch(Some((5, ' '))));
        assert_eq!(first(r"[\S]+", "a\u{a0}b"), Outcome::Match);
        assert_eq!(first(r"[\S]+", "a\tb"), Outcome::NoMatch(Some((1, '\t'))));
        assert_eq!(first(r"\d+", "12٣"), Outcome::NoMatch(Some((2, '٣'))));
        let role = "(un)?authenticated";
        assert_eq!(first(role, "unauthenticated"), Outcome::Match);
        assert_eq!(first(role, "guest"), Outcome::NoMatch(Some((0, 'g'))));
        assert_eq!(
            first(role, "authenticated "),
            Outcome::NoMatch(Some((13, ' ')))
        );
    }

    #[test]
    fn a_pattern_that_cannot_be_checked_is_skipped_not_a_panic() {
        for java in [
            "a.b",
            r"[^a\W]+",
            "(?<=a)b",
            "[a-",
            r"\k<x>",
            "(",
            r"\p{Nope}",
        ] {
            let pattern = Pattern::new(java);
            assert!(!pattern.is_supported(), "{java}");
            assert_eq!(pattern.check("ab"), Outcome::Skipped, "{java}");
        }
        assert!(matches!(translate("a.b"), Err(Unsupported::Translation(_))));
        assert!(matches!(
            Pattern::matcher("(?<=a)b"),
            Err(Unsupported::Engine(_))
        ));
    }
}
