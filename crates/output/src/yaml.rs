//! `--output yaml` and `--output yaml-stream`, which only AWS CLI v2 has.
//!
//! v2's `YAMLDumper` (`awscli/formatter.py` on the v2 branch) writes a scalar result with
//! `json.dump` and anything else with ruamel.yaml's `YAML(typ='safe')` in block style
//! (`representer.default_flow_style = False`). v2 pins ruamel.yaml 0.17.21 and ships
//! ruamel.yaml.clib, so that dumper represents with ruamel's `SafeRepresenter` (mapping keys
//! sorted), tags plain scalars with ruamel's YAML 1.2 `Resolver`, and emits through the libyaml
//! emitter bundled in ruamel.yaml.clib (`emitter.c`). This module ports those three steps; the
//! emitter keeps libyaml's names so that it can be read side by side with `emitter.c`.
//!
//! `yaml-stream` dumps every page of the response as a one-item list, so a response that is
//! not paginated prints as `- ...`.

use crate::python;
use idpool_python::float_repr;
use serde_json::Value;
use std::borrow::Cow;

/// `YAMLFormatter` (`stream == false`) or `StreamedYAMLFormatter` (`stream == true`).
pub(crate) fn format(value: &Value, stream: bool) -> String {
    if matches!(value, Value::Object(map) if map.is_empty()) {
        return String::new();
    }
    let mut events = vec![Event::StreamStart, Event::DocumentStart];
    if stream {
        events.push(Event::SequenceStart);
        represent(value, &mut events);
        events.push(Event::SequenceEnd);
    } else if python::is_scalar(value) {
        // ruamel would end a scalar document with `...`; `YAMLDumper` avoids it this way.
        return format!("{}\n", crate::json::dump(value, None));
    } else {
        represent(value, &mut events);
    }
    events.extend([Event::DocumentEnd, Event::StreamEnd]);
    Emitter::new(&events).run()
}

/// A libyaml event, what the serializer hands to the emitter.
#[derive(Debug)]
enum Event<'v> {
    StreamStart,
    StreamEnd,
    DocumentStart,
    DocumentEnd,
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
    Scalar(Scalar<'v>),
}

/// A scalar event: its text, its tag, and whether the tag may be left implicit.
#[derive(Debug)]
struct Scalar<'v> {
    value: Cow<'v, str>,
    tag: Tag,
    /// The value resolves to `tag` when written plain.
    plain_implicit: bool,
    /// The value resolves to `tag` when written quoted: only strings do.
    quoted_implicit: bool,
}

/// The `tag:yaml.org,2002:` tags the representer and the resolver use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Merge,
    Timestamp,
    Value,
    Yaml,
}

impl Tag {
    fn suffix(self) -> &'static str {
        match self {
            Tag::Null => "null",
            Tag::Bool => "bool",
            Tag::Int => "int",
            Tag::Float => "float",
            Tag::Str => "str",
            Tag::Merge => "merge",
            Tag::Timestamp => "timestamp",
            Tag::Value => "value",
            Tag::Yaml => "yaml",
        }
    }
}

/// `SafeRepresenter` and the serializer: a JSON value as events, mapping keys sorted.
fn represent<'v>(value: &'v Value, events: &mut Vec<Event<'v>>) {
    match value {
        Value::Null => events.push(scalar(Tag::Null, Cow::Borrowed("null"))),
        Value::Bool(flag) => {
            let text = if *flag { "true" } else { "false" };
            events.push(scalar(Tag::Bool, Cow::Borrowed(text)));
        }
        Value::Number(number) if number.is_f64() => {
            let text = float_repr(number.as_f64().unwrap_or(f64::NAN)).to_lowercase();
            events.push(scalar(Tag::Float, Cow::Owned(text)));
        }
        Value::Number(number) => {
            events.push(scalar(Tag::Int, Cow::Owned(python::number_str(number))));
        }
        Value::String(text) => events.push(scalar(Tag::Str, Cow::Borrowed(text))),
        Value::Array(items) => {
            events.push(Event::SequenceStart);
            for item in items {
                represent(item, events);
            }
            events.push(Event::SequenceEnd);
        }
        Value::Object(map) => {
            events.push(Event::MappingStart);
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (key, item) in entries {
                events.push(scalar(Tag::Str, Cow::Borrowed(key)));
                represent(item, events);
            }
            events.push(Event::MappingEnd);
        }
    }
}

fn scalar(tag: Tag, value: Cow<'_, str>) -> Event<'_> {
    Event::Scalar(Scalar {
        plain_implicit: resolve(&value) == tag,
        quoted_implicit: tag == Tag::Str,
        value,
        tag,
    })
}

/// ruamel's `Resolver.resolve` for a plain scalar: the first implicit resolver registered for
/// the value's first character (YAML 1.2 rules) whose pattern matches, else `str`.
fn resolve(value: &str) -> Tag {
    let candidates: &[Tag] = match value.chars().next() {
        None | Some('~' | 'n' | 'N') => &[Tag::Null],
        Some('t' | 'T' | 'f' | 'F') => &[Tag::Bool],
        Some('-' | '+') => &[Tag::Float, Tag::Int],
        Some('0'..='9') => &[Tag::Float, Tag::Int, Tag::Timestamp],
        Some('.') => &[Tag::Float],
        Some('<') => &[Tag::Merge],
        Some('=') => &[Tag::Value],
        Some('!' | '&' | '*') => &[Tag::Yaml],
        Some(_) => &[],
    };
    candidates
        .iter()
        .copied()
        .find(|&tag| {
            // Python's `$` also matches before a final newline.
            let matcher = matcher(tag);
            matcher(value) || value.strip_suffix('\n').is_some_and(matcher)
        })
        .unwrap_or(Tag::Str)
}

fn matcher(tag: Tag) -> fn(&str) -> bool {
    match tag {
        Tag::Null => |text| matches!(text, "" | "~" | "null" | "Null" | "NULL"),
        Tag::Bool => |text| matches!(text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE"),
        Tag::Int => is_int,
        Tag::Float => is_float,
        Tag::Timestamp => is_timestamp,
        Tag::Merge => |text| text == "<<",
        Tag::Value => |text| text == "=",
        Tag::Yaml => |text| matches!(text, "!" | "&" | "*"),
        Tag::Str => |_| false,
    }
}

/// A cursor for the resolver patterns. Each pattern's repetitions are followed by characters
/// they cannot match, so greedy matching accepts what Python's backtracking `re` accepts.
struct Cursor<'t> {
    rest: &'t str,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor { rest: text }
    }

    fn eat(&mut self, accept: impl Fn(char) -> bool) -> bool {
        match self.rest.chars().next() {
            Some(ch) if accept(ch) => {
                self.rest = &self.rest[ch.len_utf8()..];
                true
            }
            _ => false,
        }
    }

    fn eat_str(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Eats as many as possible, returning how many.
    fn eat_while(&mut self, accept: impl Fn(char) -> bool + Copy) -> usize {
        let mut count = 0;
        while self.eat(accept) {
            count += 1;
        }
        count
    }

    fn sign(&mut self) {
        self.eat(|ch| ch == '-' || ch == '+');
    }

    fn done(&self) -> bool {
        self.rest.is_empty()
    }
}

fn digit(ch: char) -> bool {
    ch.is_ascii_digit()
}

fn digit_or_underscore(ch: char) -> bool {
    ch.is_ascii_digit() || ch == '_'
}

/// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ | [-+]?0x[0-9a-fA-F_]+`
fn is_int(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |rest: Option<&str>, accept: fn(char) -> bool| {
        rest.is_some_and(|rest| !rest.is_empty() && rest.chars().all(accept))
    };
    let octal = |ch: char| matches!(ch, '0'..='7' | '_');
    digits(body.strip_prefix("0b"), |ch| matches!(ch, '0' | '1' | '_'))
        || digits(body.strip_prefix("0o"), octal)
        || digits(body.strip_prefix('0'), octal)
        || digits(Some(body), digit_or_underscore)
        || digits(body.strip_prefix("0x"), |ch| {
            ch.is_ascii_hexdigit() || ch == '_'
        })
}

/// The YAML 1.2 float pattern of ruamel's resolver:
/// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)? | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+`
/// `| [-+]?\.[0-9_]+([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
fn is_float(text: &str) -> bool {
    if matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let mut cursor = Cursor::new(text);
    cursor.sign();
    let signed = cursor.rest;
    if matches!(signed, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let exponent = |cursor: &mut Cursor<'_>, sign_required: bool| {
        if !cursor.eat(|ch| ch == 'e' || ch == 'E') {
            return false;
        }
        let signed = cursor.eat(|ch| ch == '-' || ch == '+');
        (signed || !sign_required) && cursor.eat_while(digit) > 0
    };
    if cursor.eat(|ch| ch == '.') {
        if cursor.eat_while(digit_or_underscore) == 0 {
            return false;
        }
        return cursor.done() || (exponent(&mut cursor, true) && cursor.done());
    }
    if !cursor.eat(digit) {
        return false;
    }
    cursor.eat_while(digit_or_underscore);
    if cursor.eat(|ch| ch == '.') {
        cursor.eat_while(digit_or_underscore);
        return cursor.done() || (exponent(&mut cursor, false) && cursor.done());
    }
    exponent(&mut cursor, false) && cursor.done()
}

/// `[0-9]{4}-[0-9]{2}-[0-9]{2}`, or a date with one- or two-digit month and day, a time and
/// an optional fraction and zone:
/// `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?`
/// `([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?`
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let date = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if date {
        return true;
    }
    let blank = |ch| ch == ' ' || ch == '\t';
    let mut cursor = Cursor::new(text);
    let one_or_two = |cursor: &mut Cursor<'_>| (1..=2).contains(&cursor.eat_while(digit));
    let exactly = |cursor: &mut Cursor<'_>, count| cursor.eat_while(digit) == count;
    let head = exactly(&mut cursor, 4)
        && cursor.eat(|ch| ch == '-')
        && one_or_two(&mut cursor)
        && cursor.eat(|ch| ch == '-')
        && one_or_two(&mut cursor)
        && (cursor.eat(|ch| ch == 'T' || ch == 't') || cursor.eat_while(blank) > 0)
        && one_or_two(&mut cursor)
        && cursor.eat(|ch| ch == ':')
        && exactly(&mut cursor, 2)
        && cursor.eat(|ch| ch == ':')
        && exactly(&mut cursor, 2);
    if !head {
        return false;
    }
    if cursor.eat(|ch| ch == '.') {
        cursor.eat_while(digit);
    }
    if cursor.done() {
        return true;
    }
    cursor.eat_while(blank);
    if cursor.eat_str("Z") {
        return cursor.done();
    }
    if !cursor.eat(|ch| ch == '-' || ch == '+') || !one_or_two(&mut cursor) {
        return false;
    }
    if cursor.eat(|ch| ch == ':') && !exactly(&mut cursor, 2) {
        return false;
    }
    cursor.done()
}

/// What the emitter expects next (`yaml_emitter_state_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StreamStart,
    FirstDocumentStart,
    DocumentStart,
    DocumentContent,
    DocumentEnd,
    FlowSequenceFirstItem,
    FlowSequenceItem,
    FlowMappingFirstKey,
    FlowMappingKey,
    FlowMappingSimpleValue,
    FlowMappingValue,
    BlockSequenceFirstItem,
    BlockSequenceItem,
    BlockMappingFirstKey,
    BlockMappingKey,
    BlockMappingSimpleValue,
    BlockMappingValue,
    End,
}

/// The styles a scalar requested plain can end up in (never literal or folded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum ScalarStyle {
    #[default]
    Plain,
    SingleQuoted,
    DoubleQuoted,
}

/// `emitter->scalar_data`: what `yaml_emitter_analyze_scalar` found out about the scalar.
#[derive(Debug, Clone, Copy, Default)]
struct ScalarData {
    /// In bytes, as libyaml counts.
    length: usize,
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    style: ScalarStyle,
}

/// The libyaml emitter with ruamel's settings: indent 2, width 80, unicode allowed, `\n` breaks,
/// implicit document start and end, no anchors (JSON has no shared nodes).
struct Emitter<'e> {
    events: &'e [Event<'e>],
    out: String,
    best_indent: i64,
    best_width: i64,
    state: State,
    states: Vec<State>,
    indent: i64,
    indents: Vec<i64>,
    flow_level: i64,
    root_context: bool,
    mapping_context: bool,
    simple_key_context: bool,
    /// In characters.
    column: i64,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    tag_handle: Option<&'static str>,
    tag_suffix: Option<&'static str>,
    scalar_data: ScalarData,
}

impl<'e> Emitter<'e> {
    fn new(events: &'e [Event<'e>]) -> Self {
        Emitter {
            events,
            out: String::new(),
            best_indent: 2,
            best_width: 80,
            state: State::StreamStart,
            states: Vec::new(),
            indent: -1,
            indents: Vec::new(),
            flow_level: 0,
            root_context: false,
            mapping_context: false,
            simple_key_context: false,
            column: 0,
            whitespace: true,
            indention: true,
            open_ended: false,
            tag_handle: None,
            tag_suffix: None,
            scalar_data: ScalarData::default(),
        }
    }

    /// `yaml_emitter_emit` for every event: analyze it, then run the state machine on it.
    fn run(mut self) -> String {
        for index in 0..self.events.len() {
            self.analyze_event(index);
            self.state_machine(index);
        }
        self.out
    }

    fn event(&self, index: usize) -> Option<&'e Event<'e>> {
        self.events.get(index)
    }

    fn pop_state(&mut self) {
        self.state = self.states.pop().unwrap_or(State::End);
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn state_machine(&mut self, index: usize) {
        match self.state {
            State::StreamStart => self.state = State::FirstDocumentStart,
            State::FirstDocumentStart | State::DocumentStart => self.emit_document_start(index),
            State::DocumentContent => {
                self.states.push(State::DocumentEnd);
                self.emit_node(index, true, false, false);
            }
            State::DocumentEnd => {
                self.write_indent();
                self.state = State::DocumentStart;
            }
            State::FlowSequenceFirstItem => self.emit_flow_sequence_item(index, true),
            State::FlowSequenceItem => self.emit_flow_sequence_item(index, false),
            State::FlowMappingFirstKey => self.emit_flow_mapping_key(index, true),
            State::FlowMappingKey => self.emit_flow_mapping_key(index, false),
            State::FlowMappingSimpleValue => self.emit_flow_mapping_value(index, true),
            State::FlowMappingValue => self.emit_flow_mapping_value(index, false),
            State::BlockSequenceFirstItem => self.emit_block_sequence_item(index, true),
            State::BlockSequenceItem => self.emit_block_sequence_item(index, false),
            State::BlockMappingFirstKey => self.emit_block_mapping_key(index, true),
            State::BlockMappingKey => self.emit_block_mapping_key(index, false),
            State::BlockMappingSimpleValue => self.emit_block_mapping_value(index, true),
            State::BlockMappingValue => self.emit_block_mapping_value(index, false),
            State::End => {}
        }
    }

    /// The first document starts implicitly (no `---`); the stream ends with `...` only after
    /// a plain root scalar.
    fn emit_document_start(&mut self, index: usize) {
        match self.event(index) {
            Some(Event::DocumentStart) => self.state = State::DocumentContent,
            Some(Event::StreamEnd) => {
                if self.open_ended {
                    self.write_indicator("...", true, false, false);
                    self.write_indent();
                }
                self.state = State::End;
            }
            _ => {}
        }
    }

    fn emit_flow_sequence_item(&mut self, index: usize, first: bool) {
        if first {
            self.write_indicator("[", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
        }
        if let Some(Event::SequenceEnd) = self.event(index) {
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("]", false, false, false);
            self.pop_state();
            return;
        }
        if !first {
            self.write_indicator(",", false, false, false);
        }
        if self.column > self.best_width {
            self.write_indent();
        }
        self.states.push(State::FlowSequenceItem);
        self.emit_node(index, false, false, false);
    }

    fn emit_flow_mapping_key(&mut self, index: usize, first: bool) {
        if first {
            self.write_indicator("{", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
        }
        if let Some(Event::MappingEnd) = self.event(index) {
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("}", false, false, false);
            self.pop_state();
            return;
        }
        if !first {
            self.write_indicator(",", false, false, false);
        }
        if self.column > self.best_width {
            self.write_indent();
        }
        if self.check_simple_key(index) {
            self.states.push(State::FlowMappingSimpleValue);
            self.emit_node(index, false, true, true);
        } else {
            self.write_indicator("?", true, false, false);
            self.states.push(State::FlowMappingValue);
            self.emit_node(index, false, true, false);
        }
    }

    fn emit_flow_mapping_value(&mut self, index: usize, simple: bool) {
        if simple {
            self.write_indicator(":", false, false, false);
        } else {
            if self.column > self.best_width {
                self.write_indent();
            }
            self.write_indicator(":", true, false, false);
        }
        self.states.push(State::FlowMappingKey);
        self.emit_node(index, false, true, false);
    }

    fn emit_block_sequence_item(&mut self, index: usize, first: bool) {
        if first {
            // A sequence that is a mapping value is not indented: `key:\n- item`.
            let indentless = self.mapping_context && !self.indention;
            self.increase_indent(false, indentless);
        }
        if let Some(Event::SequenceEnd) = self.event(index) {
            self.pop_indent();
            self.pop_state();
            return;
        }
        self.write_indent();
        self.write_indicator("-", true, false, true);
        self.states.push(State::BlockSequenceItem);
        self.emit_node(index, false, false, false);
    }

    fn emit_block_mapping_key(&mut self, index: usize, first: bool) {
        if first {
            self.increase_indent(false, false);
        }
        if let Some(Event::MappingEnd) = self.event(index) {
            self.pop_indent();
            self.pop_state();
            return;
        }
        self.write_indent();
        if self.check_simple_key(index) {
            self.states.push(State::BlockMappingSimpleValue);
            self.emit_node(index, false, true, true);
        } else {
            self.write_indicator("?", true, false, true);
            self.states.push(State::BlockMappingValue);
            self.emit_node(index, false, true, false);
        }
    }

    fn emit_block_mapping_value(&mut self, index: usize, simple: bool) {
        if simple {
            self.write_indicator(":", false, false, false);
        } else {
            self.write_indent();
            self.write_indicator(":", true, false, true);
        }
        self.states.push(State::BlockMappingKey);
        self.emit_node(index, false, true, false);
    }

    fn emit_node(&mut self, index: usize, root: bool, mapping: bool, simple_key: bool) {
        self.root_context = root;
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match self.event(index) {
            Some(Event::Scalar(scalar)) => self.emit_scalar(scalar),
            Some(Event::SequenceStart) => {
                self.state = if self.flow_level > 0 || self.check_empty(index, true) {
                    State::FlowSequenceFirstItem
                } else {
                    State::BlockSequenceFirstItem
                };
            }
            Some(Event::MappingStart) => {
                self.state = if self.flow_level > 0 || self.check_empty(index, false) {
                    State::FlowMappingFirstKey
                } else {
                    State::BlockMappingFirstKey
                };
            }
            _ => {}
        }
    }

    fn emit_scalar(&mut self, scalar: &Scalar<'_>) {
        self.select_scalar_style(scalar);
        self.process_tag();
        self.increase_indent(true, false);
        self.process_scalar(scalar);
        self.pop_indent();
        self.pop_state();
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { self.best_indent } else { 0 };
        } else if !indentless {
            self.indent += self.best_indent;
        }
    }

    /// `yaml_emitter_check_empty_sequence` / `_mapping`: the start event is followed by its end.
    fn check_empty(&self, index: usize, sequence: bool) -> bool {
        match (self.event(index), self.event(index + 1)) {
            (Some(Event::SequenceStart), Some(Event::SequenceEnd)) => sequence,
            (Some(Event::MappingStart), Some(Event::MappingEnd)) => !sequence,
            _ => false,
        }
    }

    /// A key is simple (`key: value`) when it is a single-line scalar or an empty collection
    /// of at most 128 bytes; otherwise it is written as `? key` and `: value`.
    fn check_simple_key(&self, index: usize) -> bool {
        let tag_length = self.tag_handle.map_or(0, str::len) + self.tag_suffix.map_or(0, str::len);
        let length = match self.event(index) {
            Some(Event::Scalar(_)) => {
                if self.scalar_data.multiline {
                    return false;
                }
                tag_length + self.scalar_data.length
            }
            Some(Event::SequenceStart) if self.check_empty(index, true) => tag_length,
            Some(Event::MappingStart) if self.check_empty(index, false) => tag_length,
            _ => return false,
        };
        length <= 128
    }

    fn select_scalar_style(&mut self, scalar: &Scalar<'_>) {
        let no_tag = self.tag_handle.is_none() && self.tag_suffix.is_none();
        let data = self.scalar_data;
        let mut style = ScalarStyle::Plain;
        if self.simple_key_context && data.multiline {
            style = ScalarStyle::DoubleQuoted;
        }
        if style == ScalarStyle::Plain {
            let flow = self.flow_level > 0;
            if (flow && !data.flow_plain_allowed) || (!flow && !data.block_plain_allowed) {
                style = ScalarStyle::SingleQuoted;
            }
            if data.length == 0 && (flow || self.simple_key_context) {
                style = ScalarStyle::SingleQuoted;
            }
            if no_tag && !scalar.plain_implicit {
                style = ScalarStyle::SingleQuoted;
            }
        }
        if style == ScalarStyle::SingleQuoted && !data.single_quoted_allowed {
            style = ScalarStyle::DoubleQuoted;
        }
        if no_tag && !scalar.quoted_implicit && style != ScalarStyle::Plain {
            self.tag_handle = Some("!");
        }
        self.scalar_data.style = style;
    }

    fn process_tag(&mut self) {
        match (self.tag_handle, self.tag_suffix) {
            (None, None) => {}
            (Some(handle), suffix) => {
                self.write_tag_handle(handle);
                if let Some(suffix) = suffix {
                    self.write_tag_content(suffix);
                }
            }
            (None, Some(suffix)) => {
                self.write_indicator("!<", true, false, false);
                self.write_tag_content(suffix);
                self.write_indicator(">", false, false, false);
            }
        }
    }

    fn process_scalar(&mut self, scalar: &Scalar<'_>) {
        let allow_breaks = !self.simple_key_context;
        match self.scalar_data.style {
            ScalarStyle::Plain => self.write_plain_scalar(&scalar.value, allow_breaks),
            ScalarStyle::SingleQuoted => {
                self.write_single_quoted_scalar(&scalar.value, allow_breaks)
            }
            ScalarStyle::DoubleQuoted => {
                self.write_double_quoted_scalar(&scalar.value, allow_breaks)
            }
        }
    }

    /// `yaml_emitter_analyze_event`: only scalars carry data here (no anchors), and a tag only
    /// when the value resolves to its tag neither plain nor quoted.
    fn analyze_event(&mut self, index: usize) {
        self.tag_handle = None;
        self.tag_suffix = None;
        self.scalar_data = ScalarData::default();
        if let Some(Event::Scalar(scalar)) = self.event(index) {
            if !scalar.plain_implicit && !scalar.quoted_implicit {
                // The `!!` directive's prefix is `tag:yaml.org,2002:`.
                self.tag_handle = Some("!!");
                self.tag_suffix = Some(scalar.tag.suffix());
            }
            self.scalar_data = analyze_scalar(&scalar.value);
        }
    }

    fn put(&mut self, ch: char) {
        self.out.push(ch);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// `WRITE`: one character, one column.
    fn write_char(&mut self, text: &str, at: usize) -> usize {
        let width = char_width(text.as_bytes(), at).max(1);
        self.out.push_str(text.get(at..at + width).unwrap_or(""));
        self.column += 1;
        at + width
    }

    /// `WRITE_BREAK`: `\n` as the line break, other breaks (`\r`, NEL, LS, PS) as they are.
    fn write_break(&mut self, text: &str, at: usize) -> usize {
        if text.as_bytes().get(at) == Some(&b'\n') {
            self.put_break();
            return at + 1;
        }
        let next = self.write_char(text, at);
        self.column = 0;
        next
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for ch in indicator.chars() {
            self.put(ch);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    fn write_tag_handle(&mut self, handle: &str) {
        if !self.whitespace {
            self.put(' ');
        }
        for ch in handle.chars() {
            self.put(ch);
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_tag_content(&mut self, suffix: &str) {
        for byte in suffix.bytes() {
            if byte.is_ascii_alphanumeric() || b"-;/?:@&=+$,_.~*'()[]".contains(&byte) {
                self.put(char::from(byte));
            } else {
                self.put('%');
                for digit in [byte >> 4, byte & 0x0f] {
                    self.put(
                        char::from_digit(u32::from(digit), 16)
                            .unwrap_or('0')
                            .to_ascii_uppercase(),
                    );
                }
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_plain_scalar(&mut self, value: &str, allow_breaks: bool) {
        let bytes = value.as_bytes();
        let mut spaces = false;
        let mut breaks = false;
        if !self.whitespace {
            self.put(' ');
        }
        let mut at = 0;
        while at < bytes.len() {
            if is_space(bytes, at) {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && !is_space(bytes, at + 1)
                {
                    self.write_indent();
                    at += 1;
                } else {
                    at = self.write_char(value, at);
                }
                spaces = true;
            } else if is_break(bytes, at) {
                if !breaks && bytes[at] == b'\n' {
                    self.put_break();
                }
                at = self.write_break(value, at);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                at = self.write_char(value, at);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
        if self.root_context {
            self.open_ended = true;
        }
    }

    fn write_single_quoted_scalar(&mut self, value: &str, allow_breaks: bool) {
        let bytes = value.as_bytes();
        let mut spaces = false;
        let mut breaks = false;
        self.write_indicator("'", true, false, false);
        let mut at = 0;
        while at < bytes.len() {
            if is_space(bytes, at) {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && at != 0
                    && at != bytes.len() - 1
                    && !is_space(bytes, at + 1)
                {
                    self.write_indent();
                    at += 1;
                } else {
                    at = self.write_char(value, at);
                }
                spaces = true;
            } else if is_break(bytes, at) {
                if !breaks && bytes[at] == b'\n' {
                    self.put_break();
                }
                at = self.write_break(value, at);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if bytes[at] == b'\'' {
                    self.put('\'');
                }
                at = self.write_char(value, at);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent();
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted_scalar(&mut self, value: &str, allow_breaks: bool) {
        let bytes = value.as_bytes();
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        let mut at = 0;
        while at < bytes.len() {
            let escape = !is_printable(bytes, at)
                || is_bom(bytes, at)
                || is_break(bytes, at)
                || bytes[at] == b'"'
                || bytes[at] == b'\\';
            if escape {
                let ch = value
                    .get(at..)
                    .and_then(|rest| rest.chars().next())
                    .unwrap_or('\0');
                at += char_width(bytes, at).max(1);
                self.put('\\');
                let short = match ch {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(letter) => self.put(letter),
                    None => {
                        let code = u32::from(ch);
                        let (letter, digits) = match code {
                            0..=0xff => ('x', 2),
                            0x100..=0xffff => ('u', 4),
                            _ => ('U', 8),
                        };
                        self.put(letter);
                        for shift in (0..digits).rev() {
                            let digit = (code >> (shift * 4)) & 0x0f;
                            self.put(
                                char::from_digit(digit, 16)
                                    .unwrap_or('0')
                                    .to_ascii_uppercase(),
                            );
                        }
                    }
                }
                spaces = false;
            } else if is_space(bytes, at) {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && at != 0
                    && at != bytes.len() - 1
                {
                    self.write_indent();
                    if is_space(bytes, at + 1) {
                        self.put('\\');
                    }
                    at += 1;
                } else {
                    at = self.write_char(value, at);
                }
                spaces = true;
            } else {
                at = self.write_char(value, at);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }
}

/// `yaml_emitter_analyze_scalar`: which styles can write `value` (libyaml works on its UTF-8
/// bytes, and a position past the end reads as NUL).
fn analyze_scalar(value: &str) -> ScalarData {
    let bytes = value.as_bytes();
    let len = bytes.len();
    if len == 0 {
        return ScalarData {
            length: 0,
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            style: ScalarStyle::Plain,
        };
    }
    let at = |index: usize| bytes.get(index).copied().unwrap_or(0);
    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;

    if (at(0) == b'-' && at(1) == b'-' && at(2) == b'-')
        || (at(0) == b'.' && at(1) == b'.' && at(2) == b'.')
    {
        block_indicators = true;
        flow_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut followed_by_whitespace = is_blankz(bytes, char_width(bytes, 0));
    let mut index = 0;
    while index < len {
        let byte = at(index);
        if index == 0 {
            if b"#,[]{}&*!|>'\"%@`".contains(&byte) {
                flow_indicators = true;
                block_indicators = true;
            }
            if byte == b'?' || byte == b':' {
                flow_indicators = true;
                if followed_by_whitespace {
                    block_indicators = true;
                }
            }
            if byte == b'-' && followed_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        } else {
            if b",?[]{}".contains(&byte) {
                flow_indicators = true;
            }
            if byte == b':' {
                flow_indicators = true;
                if followed_by_whitespace {
                    block_indicators = true;
                }
            }
            if byte == b'#' && preceded_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        }
        // The emitter allows unicode, so only unprintable characters are special.
        if !is_printable(bytes, index) {
            special_characters = true;
        }
        let width = char_width(bytes, index).max(1);
        if is_break(bytes, index) {
            line_breaks = true;
        }
        if is_space(bytes, index) {
            leading_space |= index == 0;
            trailing_space |= index + width == len;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(bytes, index) {
            leading_break |= index == 0;
            trailing_break |= index + width == len;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(bytes, index);
        index += width;
        if index < len {
            followed_by_whitespace = is_blankz(bytes, index + char_width(bytes, index));
        }
    }

    let mut data = ScalarData {
        length: len,
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        style: ScalarStyle::Plain,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        data.flow_plain_allowed = false;
        data.block_plain_allowed = false;
    }
    if break_space {
        data.flow_plain_allowed = false;
        data.block_plain_allowed = false;
        data.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        data.flow_plain_allowed = false;
        data.block_plain_allowed = false;
        data.single_quoted_allowed = false;
    }
    if line_breaks {
        data.flow_plain_allowed = false;
        data.block_plain_allowed = false;
    }
    if flow_indicators {
        data.flow_plain_allowed = false;
    }
    if block_indicators {
        data.block_plain_allowed = false;
    }
    data
}

fn byte(bytes: &[u8], index: usize) -> u8 {
    bytes.get(index).copied().unwrap_or(0)
}

/// `WIDTH`: the length of the UTF-8 sequence starting at `index`.
fn char_width(bytes: &[u8], index: usize) -> usize {
    match byte(bytes, index) {
        lead if lead & 0x80 == 0x00 => 1,
        lead if lead & 0xe0 == 0xc0 => 2,
        lead if lead & 0xf0 == 0xe0 => 3,
        lead if lead & 0xf8 == 0xf0 => 4,
        _ => 0,
    }
}

fn is_space(bytes: &[u8], index: usize) -> bool {
    byte(bytes, index) == b' '
}

/// `IS_BREAK`: CR, LF, NEL (U+0085), LS (U+2028) and PS (U+2029).
fn is_break(bytes: &[u8], index: usize) -> bool {
    let (first, second, third) = (
        byte(bytes, index),
        byte(bytes, index + 1),
        byte(bytes, index + 2),
    );
    first == b'\r'
        || first == b'\n'
        || (first == 0xc2 && second == 0x85)
        || (first == 0xe2 && second == 0x80 && (third == 0xa8 || third == 0xa9))
}

/// `IS_BLANKZ`: space, tab, a line break or NUL.
fn is_blankz(bytes: &[u8], index: usize) -> bool {
    matches!(byte(bytes, index), b' ' | b'\t' | 0) || is_break(bytes, index)
}

fn is_bom(bytes: &[u8], index: usize) -> bool {
    byte(bytes, index) == 0xef && byte(bytes, index + 1) == 0xbb && byte(bytes, index + 2) == 0xbf
}

/// `IS_PRINTABLE`: LF, `0x20..=0x7E`, `U+00A0..=U+D7FF` and `U+E000..=U+FFFD` except U+FEFF.
/// Tab, CR, DEL, the C1 controls and everything beyond the BMP are not.
fn is_printable(bytes: &[u8], index: usize) -> bool {
    let (first, second, third) = (
        byte(bytes, index),
        byte(bytes, index + 1),
        byte(bytes, index + 2),
    );
    first == 0x0a
        || (0x20..=0x7e).contains(&first)
        || (first == 0xc2 && second >= 0xa0)
        || (first > 0xc2 && first < 0xed)
        || (first == 0xed && second < 0xa0)
        || first == 0xee
        || (first == 0xef
            && !(second == 0xbb && third == 0xbf)
            && !(second == 0xbf && (third == 0xbe || third == 0xbf)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn yaml(value: Value) -> String {
        format(&value, false)
    }

    #[test]
    fn resolver_tags_plain_scalars_with_yaml_1_2_rules() {
        let cases = [
            ("", Tag::Null),
            ("~", Tag::Null),
            ("NULL", Tag::Null),
            ("nil", Tag::Str),
            ("True", Tag::Bool),
            ("yes", Tag::Str),
            ("off", Tag::Str),
            ("123", Tag::Int),
            ("-1_000", Tag::Int),
            ("_1", Tag::Str),
            ("0o17", Tag::Int),
            ("0b", Tag::Str),
            ("0x1F", Tag::Int),
            ("1.5", Tag::Float),
            ("1.", Tag::Float),
            ("1e5", Tag::Float),
            ("1e+16", Tag::Float),
            (".5", Tag::Float),
            (".5e5", Tag::Str),
            (".5e+5", Tag::Float),
            ("-.inf", Tag::Float),
            (".NaN", Tag::Float),
            ("-.nan", Tag::Str),
            ("1:20", Tag::Str),
            ("2001-12-14", Tag::Timestamp),
            ("2001-1-4", Tag::Str),
            ("2001-12-14t21:59:43.10-05:00", Tag::Timestamp),
            ("2001-1-4 1:59:43 Z", Tag::Timestamp),
            ("2001-12-14 21:59:43 +5", Tag::Timestamp),
            ("2001-12-14 21:59:43 ", Tag::Str),
            ("<<", Tag::Merge),
            ("=", Tag::Value),
            ("*", Tag::Yaml),
            ("true\n", Tag::Bool),
            ("true\n\n", Tag::Str),
        ];
        for (text, tag) in cases {
            assert_eq!(resolve(text), tag, "{text:?}");
        }
    }

    #[test]
    fn scalars_are_json() {
        assert_eq!(yaml(json!("foo")), "\"foo\"\n");
        assert_eq!(yaml(json!(null)), "null\n");
        assert_eq!(yaml(json!(1.5)), "1.5\n");
        assert_eq!(yaml(json!({})), "");
        assert_eq!(format(&json!({}), true), "");
        assert_eq!(format(&json!("foo"), true), "- foo\n");
    }

    #[test]
    fn quoting() {
        let value = json!([
            "true", "123", "", "a: b", "- x", "#c", " lead", "tab\t", "日本", "😀", "it's"
        ]);
        assert_eq!(
            yaml(value),
            "- 'true'\n- '123'\n- ''\n- 'a: b'\n- '- x'\n- '#c'\n- ' lead'\n- \"tab\\t\"\n- 日本\n\
             - \"\\U0001F600\"\n- it's\n"
        );
    }

    #[test]
    fn block_style_sorted_keys_and_indentless_sequences() {
        let value = json!({"b": [1, {"y": [], "x": {}}], "a": {"c": null}});
        assert_eq!(yaml(value), "a:\n  c: null\nb:\n- 1\n- x: {}\n  y: []\n");
    }

    #[test]
    fn long_and_multiline_keys_are_complex() {
        let long = "k".repeat(129);
        let value = json!({ long.clone(): 1, "two\nlines": 2 });
        assert_eq!(
            yaml(value),
            format!("? {long}\n: 1\n? 'two\n\n  lines'\n: 2\n")
        );
    }
}
