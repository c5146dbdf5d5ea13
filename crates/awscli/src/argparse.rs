//! The parts of Python's `argparse` (3.11) that the AWS CLI v1 relies on, reproduced exactly.
//!
//! The AWS CLI parses a command line in three passes, each with `parse_known_args`: the global
//! options and the service name, then the operation name, then the operation's arguments. What
//! one pass does not know goes on to the next, in order. The quirks users meet all come from
//! argparse itself, so they are reproduced rather than approximated:
//!
//! - any unambiguous prefix of an option is that option (`--identity-pool-na`), and an
//!   ambiguous one is an error even where it would be a value;
//! - a token is an option when it starts with `-`, unless it is a negative number, contains a
//!   space, or is `-` alone; an option's value cannot be such a token, except in the
//!   `--option=value` form;
//! - the last occurrence of an option wins;
//! - a list option (`nargs='*'`) takes every following token up to the next option;
//! - `--` ends the options: every later token is a value;
//! - unknown tokens are handed on, and a stray value is taken by the operation's `help`
//!   positional, which the AWS CLI then reports as an unknown option.

use std::collections::HashMap;
use std::fmt;

/// How many values an action takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nargs {
    /// Exactly one (`nargs=None`).
    One,
    /// Zero or one (`nargs='?'`).
    Optional,
    /// Any number (`nargs='*'`).
    Any,
    /// None: a flag.
    Zero,
}

/// What an action does when it is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Stores its value(s).
    Store,
    /// Stores `true` (`store_true`).
    True,
    /// Stores `false` (`store_false`).
    False,
    /// Stops parsing: the caller prints the version.
    Version,
}

/// One option (or positional) of a parser.
#[derive(Debug, Clone)]
pub struct Action {
    /// Its option strings, such as `--region`; empty for a positional.
    pub option: Option<&'static str>,
    /// Where its value is stored. The two flags of a pair share one.
    pub dest: &'static str,
    /// How many values it takes.
    pub nargs: Nargs,
    /// What it does when met.
    pub act: Act,
    /// The values it accepts, if limited.
    pub choices: Option<&'static [&'static str]>,
    /// The value of an option with `nargs='?'` given without one.
    pub constant: Option<&'static str>,
    /// Whether it must be given.
    pub required: bool,
    /// Whether only the whole option string names it, never a prefix: a caller's own options,
    /// so that an abbreviation the AWS CLI refuses is refused here too.
    pub exact: bool,
    /// Whether its value must be a whole number (`type=int`), as the pagination options'.
    pub integer: bool,
}

impl Action {
    /// A positional taking one of `choices`.
    pub fn positional(dest: &'static str, nargs: Nargs) -> Self {
        Self {
            option: None,
            dest,
            nargs,
            act: Act::Store,
            choices: None,
            constant: None,
            required: nargs == Nargs::One,
            exact: false,
            integer: false,
        }
    }

    /// The name argparse uses for it in messages: the option, or the positional's dest.
    pub fn name(&self) -> &'static str {
        self.option.unwrap_or(self.dest)
    }
}

/// A value stored by an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A single value.
    One(String),
    /// The values of a list option (possibly none).
    List(Vec<String>),
    /// A flag's value.
    Flag(bool),
    /// A positional with `nargs='?'` that got nothing.
    Nothing,
}

/// What a pass found: values by dest, and what it did not know, in order.
#[derive(Debug, Default)]
pub struct Parsed {
    values: HashMap<&'static str, Value>,
    /// The option strings seen, in order, for `--debug`.
    pub seen: Vec<&'static str>,
    /// The tokens this pass did not know.
    pub extras: Vec<String>,
}

impl Parsed {
    /// The value stored under `dest`, if the option was given.
    pub fn get(&self, dest: &str) -> Option<&Value> {
        self.values.get(dest)
    }

    /// The single value stored under `dest`.
    pub fn one(&self, dest: &str) -> Option<&str> {
        match self.values.get(dest) {
            Some(Value::One(value)) => Some(value),
            _ => None,
        }
    }

    /// Whether the flag stored under `dest` is set.
    pub fn flag(&self, dest: &str) -> bool {
        matches!(self.values.get(dest), Some(Value::Flag(true)))
    }
}

/// Why argparse stopped. Each is an argparse error (the AWS CLI exits with 2), except
/// [`Error::Version`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A prefix that several options start with.
    Ambiguous {
        /// The token, as given.
        token: String,
        /// The options it could be.
        matches: Vec<&'static str>,
    },
    /// An option without the value it needs.
    ExpectedOne {
        /// The option.
        option: &'static str,
    },
    /// A flag given `=value`.
    IgnoredExplicit {
        /// The flag.
        option: &'static str,
        /// The value.
        value: String,
    },
    /// A value outside the choices.
    InvalidChoice {
        /// The option.
        option: &'static str,
        /// The value.
        value: String,
        /// The values it takes.
        choices: &'static [&'static str],
    },
    /// A value that is no whole number for an option that takes one (`type=int`).
    InvalidInt {
        /// The option.
        option: &'static str,
        /// The value.
        value: String,
    },
    /// Required options (or positionals) not given.
    Required(Vec<&'static str>),
    /// `--version` was met.
    Version,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Ambiguous { token, matches } => write!(
                f,
                "ambiguous option: {token} could match {}",
                matches.join(", ")
            ),
            Error::ExpectedOne { option } => write!(f, "argument {option}: expected one argument"),
            Error::IgnoredExplicit { option, value } => {
                write!(f, "argument {option}: ignored explicit argument {value:?}")
            }
            Error::InvalidChoice {
                option,
                value,
                choices,
            } => write!(
                f,
                "argument {option}: invalid choice {value:?} (choose from {})",
                choices.join(", ")
            ),
            Error::InvalidInt { option, value } => {
                write!(f, "argument {option}: invalid int value: {value:?}")
            }
            Error::Required(names) => write!(
                f,
                "the following arguments are required: {}",
                names.join(", ")
            ),
            Error::Version => f.write_str("--version"),
        }
    }
}

/// How a token was classified: an option (known or not) with its `=value`, or a value.
#[derive(Debug, Clone)]
struct Optional {
    /// The index of the action, `None` for an unknown option.
    action: Option<usize>,
    explicit: Option<String>,
}

/// One argparse parser: its actions in the order they were added.
#[derive(Debug, Clone)]
pub struct ArgParser {
    actions: Vec<Action>,
}

impl ArgParser {
    /// A parser of `actions`, in the order argparse adds them.
    pub fn new(actions: Vec<Action>) -> Self {
        Self { actions }
    }

    /// The actions, in order.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The action whose option string is exactly `token`.
    fn exact(&self, token: &str) -> Option<usize> {
        self.actions.iter().position(|a| a.option == Some(token))
    }

    /// argparse's `_parse_optional`: `None` for a value.
    fn classify(&self, token: &str) -> Result<Option<Optional>, Error> {
        if !token.starts_with('-') {
            return Ok(None);
        }
        if let Some(action) = self.exact(token) {
            return Ok(Some(Optional {
                action: Some(action),
                explicit: None,
            }));
        }
        if token == "-" {
            return Ok(None);
        }
        if let Some((option, explicit)) = token.split_once('=')
            && let Some(action) = self.exact(option)
        {
            return Ok(Some(Optional {
                action: Some(action),
                explicit: Some(explicit.to_owned()),
            }));
        }
        let matches = self.prefix_matches(token);
        match matches.as_slice() {
            [] => {}
            [(action, explicit)] => {
                return Ok(Some(Optional {
                    action: Some(*action),
                    explicit: explicit.clone(),
                }));
            }
            _ => {
                return Err(Error::Ambiguous {
                    token: token.to_owned(),
                    matches: matches
                        .iter()
                        .map(|(action, _)| self.actions[*action].name())
                        .collect(),
                });
            }
        }
        if is_negative_number(token) || token.contains(' ') {
            return Ok(None);
        }
        Ok(Some(Optional {
            action: None,
            explicit: None,
        }))
    }

    /// argparse's `_get_option_tuples` for `--` tokens: every option the token (before any `=`)
    /// is a prefix of. Single-dash tokens match nothing here: every option is long.
    fn prefix_matches(&self, token: &str) -> Vec<(usize, Option<String>)> {
        if !token.starts_with("--") {
            return Vec::new();
        }
        let (prefix, explicit) = match token.split_once('=') {
            Some((prefix, explicit)) => (prefix, Some(explicit.to_owned())),
            None => (token, None),
        };
        self.actions
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.exact && a.option.is_some_and(|o| o.starts_with(prefix)))
            .map(|(i, _)| (i, explicit.clone()))
            .collect()
    }

    /// argparse's `parse_known_args`. Required options are checked unless `check_required` is
    /// false (the AWS CLI turns them off for `--cli-input-json` and `--generate-cli-skeleton`).
    pub fn parse_known(&self, tokens: &[String]) -> Result<Parsed, Error> {
        // The pattern: 'O' for an option, 'A' for a value, '-' for the first `--`.
        let mut pattern = Vec::with_capacity(tokens.len());
        let mut optionals: HashMap<usize, Optional> = HashMap::new();
        let mut after_dashes = false;
        for (i, token) in tokens.iter().enumerate() {
            if after_dashes {
                pattern.push(b'A');
            } else if token == "--" {
                pattern.push(b'-');
                after_dashes = true;
            } else if let Some(optional) = self.classify(token)? {
                optionals.insert(i, optional);
                pattern.push(b'O');
            } else {
                pattern.push(b'A');
            }
        }

        let mut state = State {
            parser: self,
            tokens,
            pattern: &pattern,
            parsed: Parsed::default(),
            seen: vec![false; self.actions.len()],
            positionals: self
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.option.is_none())
                .map(|(i, _)| i)
                .collect(),
        };
        let mut option_indices: Vec<usize> = optionals.keys().copied().collect();
        option_indices.sort_unstable();
        let mut start = 0;
        // The first option at or after `start` (argparse scans the whole list for it each time,
        // which makes long command lines quadratic; the indices are sorted, so a search does).
        let next_option = |start: usize| {
            let at = option_indices.partition_point(|&i| i < start);
            option_indices.get(at).copied()
        };
        while let Some(next) = next_option(start) {
            if start != next {
                let end = state.consume_positionals(start)?;
                if end > start {
                    start = end;
                    continue;
                }
            }
            if !optionals.contains_key(&start) {
                state
                    .parsed
                    .extras
                    .extend(tokens[start..next].iter().cloned());
                start = next;
            }
            start = state.consume_optional(start, &optionals[&start])?;
        }
        let stop = state.consume_positionals(start)?;
        state.parsed.extras.extend(tokens[stop..].iter().cloned());

        let missing: Vec<&'static str> = self
            .actions
            .iter()
            .zip(&state.seen)
            .filter(|(action, seen)| action.required && !**seen)
            .map(|(action, _)| action.name())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Required(missing));
        }
        Ok(state.parsed)
    }

    /// A copy in which no action is required.
    pub fn without_required(&self) -> Self {
        let mut copy = self.clone();
        for action in &mut copy.actions {
            if action.option.is_some() {
                action.required = false;
            }
        }
        copy
    }
}

/// The state of one `parse_known` run.
struct State<'p> {
    parser: &'p ArgParser,
    tokens: &'p [String],
    pattern: &'p [u8],
    parsed: Parsed,
    seen: Vec<bool>,
    /// The positionals not consumed yet.
    positionals: Vec<usize>,
}

impl State<'_> {
    /// `consume_optional`: the option at `start` and its values; returns where they stop.
    fn consume_optional(&mut self, start: usize, optional: &Optional) -> Result<usize, Error> {
        let Some(index) = optional.action else {
            self.parsed.extras.push(self.tokens[start].clone());
            return Ok(start + 1);
        };
        let action = &self.parser.actions[index];
        let option = action.name();
        if let Some(explicit) = &optional.explicit {
            if action.nargs == Nargs::Zero {
                return Err(Error::IgnoredExplicit {
                    option,
                    value: explicit.clone(),
                });
            }
            self.take(index, vec![explicit.clone()])?;
            return Ok(start + 1);
        }
        let following = &self.pattern[start + 1..];
        let count = match action.nargs {
            Nargs::Zero => 0,
            Nargs::One if following.first() == Some(&b'A') => 1,
            Nargs::One => return Err(Error::ExpectedOne { option }),
            Nargs::Optional => usize::from(following.first() == Some(&b'A')),
            Nargs::Any => following.iter().take_while(|&&p| p == b'A').count(),
        };
        self.take(index, self.tokens[start + 1..start + 1 + count].to_vec())?;
        Ok(start + 1 + count)
    }

    /// `consume_positionals`: as many positionals as match from `start` (each parser here has
    /// at most one); returns where they stop.
    fn consume_positionals(&mut self, start: usize) -> Result<usize, Error> {
        let Some(&index) = self.positionals.first() else {
            return Ok(start);
        };
        let Some(count) =
            positional_match(self.parser.actions[index].nargs, &self.pattern[start..])
        else {
            return Ok(start);
        };
        self.positionals.remove(0);
        self.take(index, self.tokens[start..start + count].to_vec())?;
        Ok(start + count)
    }

    /// `take_action` with `_get_values`.
    fn take(&mut self, index: usize, mut values: Vec<String>) -> Result<(), Error> {
        let action = &self.parser.actions[index];
        self.seen[index] = true;
        if let Some(option) = action.option {
            self.parsed.seen.push(option);
        }
        if let Some(dashes) = values.iter().position(|v| v == "--") {
            values.remove(dashes);
        }
        let value = match (action.nargs, values.len()) {
            (Nargs::Optional, 0) => match action.constant.filter(|_| action.option.is_some()) {
                Some(constant) => Value::One(constant.to_owned()),
                None => Value::Nothing,
            },
            (Nargs::One | Nargs::Optional, 1) => Value::One(values.remove(0)),
            _ => Value::List(values),
        };
        let check = |v: &String| match action.choices {
            Some(choices) if !choices.contains(&v.as_str()) => Err(Error::InvalidChoice {
                option: action.name(),
                value: v.clone(),
                choices,
            }),
            _ => Ok(()),
        };
        if action.integer
            && let Value::One(v) = &value
            && python_int(v).is_none()
        {
            return Err(Error::InvalidInt {
                option: action.name(),
                value: v.clone(),
            });
        }
        match &value {
            Value::One(v) => check(v)?,
            Value::List(vs) => vs.iter().try_for_each(check)?,
            _ => {}
        }
        let stored = match action.act {
            Act::Store => value,
            Act::True => Value::Flag(true),
            Act::False => Value::Flag(false),
            Act::Version => return Err(Error::Version),
        };
        self.parsed.values.insert(action.dest, stored);
        Ok(())
    }
}

/// How many tokens a positional takes from `pattern`: argparse's `(-*A-*)` for one value and
/// `(-*A?-*)` for an optional one; `None` when it does not match.
fn positional_match(nargs: Nargs, pattern: &[u8]) -> Option<usize> {
    let leading = pattern.iter().take_while(|&&p| p == b'-').count();
    let rest = &pattern[leading..];
    let value = match (nargs, rest.first()) {
        (_, Some(b'A')) => 1,
        (Nargs::Optional, _) => 0,
        _ => return None,
    };
    let trailing = rest[value..].iter().take_while(|&&p| p == b'-').count();
    Some(leading + value + trailing)
}

/// Python's `int()` of a string: surrounding whitespace (`str.isspace`), a sign, and `_` between
/// digits, which are any Unicode decimal digits (`int("١٢")` is 12).
pub fn python_int(text: &str) -> Option<i64> {
    let text = text.trim_matches(idpool_python::is_space);
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let well_formed = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits
            .chars()
            .all(|c| idpool_python::is_decimal(c) || c == '_');
    if !well_formed {
        return None;
    }
    let value = digits
        .chars()
        .filter_map(idpool_python::decimal)
        .try_fold(0i64, |n, d| n.checked_mul(10)?.checked_add(i64::from(d)))?;
    Some(if negative { -value } else { value })
}

/// argparse's `^-\d+$|^-\d*\.\d+$`, where `\d` is any Unicode decimal digit and `$` also
/// matches before a final newline.
fn is_negative_number(token: &str) -> bool {
    let Some(rest) = token.strip_prefix('-') else {
        return false;
    };
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    let digits = |s: &str| s.chars().all(idpool_python::is_decimal);
    match rest.split_once('.') {
        None => !rest.is_empty() && digits(rest),
        Some((whole, fraction)) => digits(whole) && !fraction.is_empty() && digits(fraction),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(name: &'static str, nargs: Nargs) -> Action {
        Action {
            option: Some(name),
            dest: name,
            nargs,
            act: Act::Store,
            choices: None,
            constant: None,
            required: false,
            exact: false,
            integer: false,
        }
    }

    fn flag(name: &'static str, dest: &'static str, act: Act) -> Action {
        Action {
            act,
            dest,
            ..option(name, Nargs::Zero)
        }
    }

    fn parser() -> ArgParser {
        ArgParser::new(vec![
            option("--name", Nargs::One),
            option("--list", Nargs::Any),
            flag("--allow", "allow", Act::True),
            flag("--no-allow", "allow", Act::False),
            Action::positional("help", Nargs::Optional),
        ])
    }

    fn tokens(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn last_occurrence_wins_and_lists_stop_at_options() {
        let parsed = parser()
            .parse_known(&tokens("--name a --list x y --no-allow --name b --allow"))
            .unwrap();
        assert_eq!(parsed.one("--name"), Some("b"));
        assert_eq!(
            parsed.get("--list"),
            Some(&Value::List(vec!["x".into(), "y".into()]))
        );
        assert!(parsed.flag("allow"));
        assert!(parsed.extras.is_empty());
    }

    #[test]
    fn prefixes_and_ambiguity() {
        let parsed = parser().parse_known(&tokens("--na=v --no")).unwrap();
        assert_eq!(parsed.one("--name"), Some("v"));
        assert!(!parsed.flag("allow"));
        let error = parser().parse_known(&tokens("--n v")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "ambiguous option: --n could match --name, --no-allow"
        );
    }

    #[test]
    fn stray_values_go_to_help_then_to_extras() {
        let parsed = parser()
            .parse_known(&tokens("--allow false x --bogus y"))
            .unwrap();
        assert_eq!(parsed.get("help"), Some(&Value::One("false".into())));
        assert_eq!(parsed.extras, ["x", "--bogus", "y"]);
    }

    #[test]
    fn values_that_look_like_options() {
        let error = parser().parse_known(&tokens("--name --allow")).unwrap_err();
        assert_eq!(error, Error::ExpectedOne { option: "--name" });
        let parsed = parser().parse_known(&tokens("--name -5")).unwrap();
        assert_eq!(parsed.one("--name"), Some("-5"));
        let parsed = parser()
            .parse_known(&["--name".into(), "-a b".into()])
            .unwrap();
        assert_eq!(parsed.one("--name"), Some("-a b"));
        let parsed = parser().parse_known(&tokens("--name=--allow")).unwrap();
        assert_eq!(parsed.one("--name"), Some("--allow"));
        let error = parser().parse_known(&tokens("--allow=yes")).unwrap_err();
        assert!(matches!(error, Error::IgnoredExplicit { .. }));
    }

    #[test]
    fn double_dash_makes_values() {
        let parsed = parser()
            .parse_known(&tokens("--list a -- --allow"))
            .unwrap();
        assert_eq!(parsed.get("--list"), Some(&Value::List(vec!["a".into()])));
        assert_eq!(parsed.get("help"), Some(&Value::One("--allow".into())));
        assert!(!parsed.flag("allow"));
    }

    #[test]
    fn negative_numbers() {
        for yes in ["-5", "-.5", "-1.25", "-\u{663}", "-5\n"] {
            assert!(is_negative_number(yes), "{yes:?}");
        }
        for no in ["-", "-5.", "-a", "--5", "-\u{2167}", "-5\n\n"] {
            assert!(!is_negative_number(no), "{no:?}");
        }
    }

    #[test]
    fn whole_numbers_as_python_reads_them() {
        for (text, value) in [(" 1_0 ", Some(10)), ("-3", Some(-3)), ("+4", Some(4))] {
            assert_eq!(python_int(text), value, "{text:?}");
        }
        for bad in ["", "1.5", "_1", "1__0", "x", "0x10"] {
            assert_eq!(python_int(bad), None, "{bad:?}");
        }
        let mut actions = parser().actions().to_vec();
        actions[0].integer = true;
        let parser = ArgParser::new(actions);
        assert_eq!(
            parser
                .parse_known(&tokens("--name x"))
                .unwrap_err()
                .to_string(),
            "argument --name: invalid int value: \"x\""
        );
        assert!(parser.parse_known(&tokens("--name 12")).is_ok());
    }

    #[test]
    fn required_options() {
        let mut actions = parser().actions().to_vec();
        actions[0].required = true;
        let strict = ArgParser::new(actions);
        assert_eq!(
            strict.parse_known(&tokens("--allow")).unwrap_err(),
            Error::Required(vec!["--name"])
        );
        assert!(
            strict
                .without_required()
                .parse_known(&tokens("--allow"))
                .is_ok()
        );
    }

    #[test]
    fn python_int_reads_what_int_reads() {
        assert_eq!(python_int(" 12\n"), Some(12));
        assert_eq!(python_int("-1_000"), Some(-1000));
        assert_eq!(python_int("+7"), Some(7));
        assert_eq!(python_int("\u{663}\u{664}"), Some(34)); // Arabic-Indic digits
        assert_eq!(python_int("\u{ff11}0"), Some(10)); // a fullwidth 1
        assert_eq!(python_int("\u{2003}5\u{3000}"), Some(5)); // Unicode spaces
        for bad in [
            "",
            "_1",
            "1_",
            "1__0",
            "1.0",
            "\u{b2}",
            "99999999999999999999",
        ] {
            assert_eq!(python_int(bad), None, "{bad:?}");
        }
    }
}
