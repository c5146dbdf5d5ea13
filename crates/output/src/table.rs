//! `--output table`: a port of `TableFormatter` (`awscli/formatter.py`) and of `MultiTable`,
//! `Section` and the stylers (`awscli/table.py`), AWS CLI v1.
//!
//! Building walks the value into sections: a dict's scalars become one row under a header of
//! their sorted keys (a single scalar becomes a `key | value` row), a list of dicts becomes one
//! row per dict, and every nested list or dict becomes a section of its own, indented one level
//! deeper and titled with its key. Rendering sizes every section to the widest one, and when that
//! is wider than the terminal turns each single-row section into `header | value` rows.

use crate::ErrorKind;
use crate::python;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// colorama's `Style.RESET_ALL`.
pub(crate) const RESET_ALL: &str = "\x1b[0m";
const BRIGHT_BLUE: &str = "\x1b[1m\x1b[34m";
const DIM_YELLOW: &str = "\x1b[2m\x1b[33m";

/// The table of `value` under `title`, or the exception awscli raises when it cannot build one.
///
/// `colorized` selects `ColorizedStyler`, whose colorama stream also appends a reset after every
/// write; `terminal_width` is what awscli's `determine_terminal_width` returned.
pub(crate) fn format(
    title: &str,
    value: &Value,
    colorized: bool,
    terminal_width: i64,
) -> Result<String, ErrorKind> {
    let mut builder = Builder::default();
    if !builder.build_table(Some(title), value, 0)? {
        return Ok(String::new());
    }
    Ok(render(builder.sections, colorized, terminal_width))
}

/// A column key: a dict key, or an element of a list that awscli indexed that list with
/// (`_group_scalar_keys` treats every list element as a dict).
#[derive(Debug, Clone, Copy)]
enum Key<'v> {
    Name(&'v str),
    /// An `int` or `bool` element and its value as an index.
    Index(&'v Value, i64),
}

impl Key<'_> {
    fn text(&self) -> String {
        match self {
            Key::Name(name) => (*name).to_owned(),
            Key::Index(element, _) => python::str(element).into_owned(),
        }
    }
}

/// `list(sorted(set(keys)))`.
fn sorted_set<'v>(keys: Vec<Key<'v>>) -> Result<Vec<Key<'v>>, ErrorKind> {
    let mut names: Vec<&str> = Vec::new();
    let mut indexes: Vec<(&Value, i64)> = Vec::new();
    for key in keys {
        match key {
            Key::Name(name) if !names.contains(&name) => names.push(name),
            Key::Index(element, index) if !indexes.iter().any(|&(_, seen)| seen == index) => {
                indexes.push((element, index));
            }
            _ => {}
        }
    }
    if let (Some(_), Some(&(element, _))) = (names.first(), indexes.first()) {
        // The operands' order follows the set's iteration order, which Python randomizes for
        // strings (PYTHONHASHSEED). Small ints hash to the first slots, so `sorted` usually
        // meets a string after an int and compares `str < int`; awscli sometimes reports the
        // other order.
        return Err(ErrorKind::NotOrderable {
            type_name: python::type_name(element),
        });
    }
    names.sort_unstable();
    indexes.sort_by_key(|&(_, index)| index);
    Ok(names
        .into_iter()
        .map(Key::Name)
        .chain(
            indexes
                .into_iter()
                .map(|(element, index)| Key::Index(element, index)),
        )
        .collect())
}

/// `_group_scalar_keys` of one element of a list whose first element is a dict: the keys whose
/// values are scalars and the others, unsorted (the caller sorts their union). Anything but a
/// dict goes through Python's item access.
fn group_scalar_keys(item: &Value) -> Result<(Vec<Key<'_>>, Vec<Key<'_>>), ErrorKind> {
    let mut headers = Vec::new();
    let mut more = Vec::new();
    match item {
        Value::Object(map) => {
            for (key, value) in map {
                let target = if python::is_scalar(value) {
                    &mut headers
                } else {
                    &mut more
                };
                target.push(Key::Name(key.as_str()));
            }
        }
        Value::String(text) if text.is_empty() => {}
        Value::String(_) => return Err(ErrorKind::StringIndices),
        Value::Array(items) => {
            for element in items {
                let index = list_index(element, items.len())?;
                let value = usize::try_from(index)
                    .ok()
                    .and_then(|index| items.get(index))
                    .ok_or(ErrorKind::IndexOutOfRange)?;
                let raw = match element {
                    Value::Bool(flag) => i64::from(*flag),
                    _ => element.as_i64().unwrap_or(0),
                };
                let target = if python::is_scalar(value) {
                    &mut headers
                } else {
                    &mut more
                };
                target.push(Key::Index(element, raw));
            }
        }
        other => {
            return Err(ErrorKind::NotIterable {
                type_name: python::type_name(other),
            });
        }
    }
    Ok((headers, more))
}

/// `items[element]` as a position: ints and bools index (negative ones from the end), anything
/// else is a `TypeError`.
fn list_index(element: &Value, len: usize) -> Result<i64, ErrorKind> {
    let index = match element {
        Value::Bool(flag) => i64::from(*flag),
        Value::Number(number) if !number.is_f64() => {
            number.as_i64().ok_or(ErrorKind::IndexTooLarge)?
        }
        other => {
            return Err(ErrorKind::ListIndices {
                type_name: python::type_name(other),
            });
        }
    };
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    Ok(if index < 0 { index + len } else { index })
}

/// `Section`: a title, an optional header row, rows of cells and the widest cell per column.
#[derive(Debug, Default)]
struct Section {
    /// `None` when awscli titles it with `None`: it prints no title, but `str(None)` still
    /// counts four columns towards the table width.
    title: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent_level: i64,
    num_cols: Option<usize>,
    max_widths: Vec<i64>,
}

impl Section {
    fn add_header(&mut self, headers: Vec<String>) -> Result<(), ErrorKind> {
        self.update_max_widths(&headers)?;
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
        Ok(())
    }

    fn add_row(&mut self, row: Vec<String>) -> Result<(), ErrorKind> {
        let num_cols = *self.num_cols.get_or_insert(row.len());
        if row.len() != num_cols {
            return Err(ErrorKind::RowLength {
                expected: num_cols,
                found: row.len(),
            });
        }
        self.update_max_widths(&row)?;
        self.rows.push(row);
        Ok(())
    }

    fn update_max_widths(&mut self, row: &[String]) -> Result<(), ErrorKind> {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|cell| python::text_length(cell)).collect();
            return Ok(());
        }
        for (index, cell) in row.iter().enumerate() {
            let width = self
                .max_widths
                .get_mut(index)
                .ok_or(ErrorKind::IndexOutOfRange)?;
            *width = python::text_length(cell).max(*width);
        }
        Ok(())
    }

    /// `calculate_column_widths`: each column's widest cell plus `padding`, scaled (Python's
    /// round-half-even) so that they add up to `max_width`, the rounding error taken off the
    /// first columns or added to the last ones.
    fn column_widths(&self, padding: i64, max_width: Option<i64>) -> Vec<i64> {
        let unscaled: Vec<i64> = self
            .max_widths
            .iter()
            .map(|width| width + padding)
            .collect();
        let total: i64 = unscaled.iter().sum();
        let Some(max_width) = max_width else {
            return unscaled;
        };
        if unscaled.is_empty() || total == 0 {
            return unscaled;
        }
        let mut scaled: Vec<i64> = {
            let scale = max_width as f64 / total as f64;
            unscaled
                .iter()
                .map(|&width| (scale * width as f64).round_ties_even() as i64)
                .collect()
        };
        let mut off_by = scaled.iter().sum::<i64>() - max_width;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for index in order {
                if off_by > 0 {
                    scaled[index] -= 1;
                    off_by -= 1;
                } else {
                    scaled[index] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled
    }

    /// `total_width(padding=4, with_border=True, outer_padding=indent_level)`.
    fn total_width(&self) -> i64 {
        let outer = 2 * self.indent_level;
        let columns: i64 = self
            .column_widths(0, None)
            .iter()
            .map(|width| width + 4)
            .sum();
        let title = python::text_length(self.title.as_deref().unwrap_or("None"));
        (title + 2 + outer).max(columns + 2 + outer)
    }
}

/// A key and its value in a dict.
type Entry<'v> = (&'v String, &'v Value);

/// `TableFormatter._build_table` and its helpers, filling `MultiTable`'s sections.
#[derive(Debug, Default)]
struct Builder {
    sections: Vec<Section>,
}

impl Builder {
    fn new_section(&mut self, title: Option<&str>, indent_level: i64) {
        self.sections.push(Section {
            title: title.map(str::to_owned),
            indent_level,
            ..Section::default()
        });
    }

    fn current(&mut self, method: &'static str) -> Result<&mut Section, ErrorKind> {
        self.sections.last_mut().ok_or(ErrorKind::NoAttribute {
            type_name: "NoneType",
            attribute: method,
        })
    }

    fn add_header(&mut self, headers: Vec<String>) -> Result<(), ErrorKind> {
        self.current("add_header")?.add_header(headers)
    }

    fn add_row(&mut self, row: Vec<String>) -> Result<(), ErrorKind> {
        self.current("add_row")?.add_row(row)
    }

    fn build_table<'v>(
        &mut self,
        title: Option<&'v str>,
        current: &'v Value,
        indent_level: i64,
    ) -> Result<bool, ErrorKind> {
        if !python::truthy(current) {
            return Ok(false);
        }
        if let Some(title) = title {
            self.new_section(Some(title), indent_level);
        }
        match current {
            Value::Array(items) if items.first().is_some_and(Value::is_object) => {
                self.sub_table_from_list(items, indent_level, title)?;
            }
            Value::Array(items) => {
                for item in items {
                    match item {
                        // `all(...)` over a dict iterates its keys, which are all scalars.
                        Value::Object(map) => self.add_row(map.keys().cloned().collect())?,
                        Value::Array(cells) if cells.iter().all(python::is_scalar) => {
                            self.add_row(cells.iter().map(cell_text).collect())?;
                        }
                        Value::Array(_) => {
                            self.build_table(None, item, 0)?;
                        }
                        scalar => self.add_row(vec![cell_text(scalar)])?,
                    }
                }
            }
            Value::Object(map) => self.sub_table_from_dict(map, indent_level)?,
            _ => {}
        }
        Ok(true)
    }

    fn sub_table_from_dict(
        &mut self,
        map: &Map<String, Value>,
        indent_level: i64,
    ) -> Result<(), ErrorKind> {
        let (mut headers, mut more): (Vec<Entry<'_>>, Vec<Entry<'_>>) =
            map.iter().partition(|(_, value)| python::is_scalar(value));
        headers.sort_by(|a, b| a.0.cmp(b.0));
        more.sort_by(|a, b| a.0.cmp(b.0));
        if let [(key, value)] = headers[..] {
            self.add_row(vec![key.clone(), cell_text(value)])?;
        } else if !headers.is_empty() {
            self.add_header(headers.iter().map(|(key, _)| (*key).clone()).collect())?;
            self.add_row(headers.iter().map(|(_, value)| cell_text(value)).collect())?;
        }
        for (key, value) in more {
            self.build_table(Some(key), value, indent_level + 1)?;
        }
        Ok(())
    }

    fn sub_table_from_list<'v>(
        &mut self,
        items: &'v [Value],
        indent_level: i64,
        title: Option<&'v str>,
    ) -> Result<(), ErrorKind> {
        let (headers, more) = group_scalar_keys_from_list(items)?;
        let header_text: Vec<String> = headers.iter().map(Key::text).collect();
        self.add_header(header_text.clone())?;
        for (index, element) in items.iter().enumerate() {
            if index > 0 && !more.is_empty() {
                self.new_section(title, indent_level);
                self.add_header(header_text.clone())?;
            }
            let row = match element {
                Value::Object(map) => headers
                    .iter()
                    .map(|header| match header {
                        Key::Name(name) => map.get(*name).map_or_else(String::new, cell_text),
                        Key::Index(..) => String::new(),
                    })
                    .collect(),
                _ if headers.is_empty() => Vec::new(),
                other => {
                    return Err(ErrorKind::NoAttribute {
                        type_name: python::type_name(other),
                        attribute: "get",
                    });
                }
            };
            self.add_row(row)?;
            for remaining in &more {
                match (element, remaining) {
                    (Value::Object(map), Key::Name(name)) => {
                        if let Some(value) = map.get(*name) {
                            self.build_table(Some(name), value, indent_level + 1)?;
                        }
                    }
                    (Value::String(text), Key::Name(name)) if text.contains(name) => {
                        return Err(ErrorKind::StringIndices);
                    }
                    (Value::String(_), Key::Index(key, _)) => {
                        return Err(ErrorKind::InString {
                            type_name: python::type_name(key),
                        });
                    }
                    // An int is never a key of a dict from JSON, and only empty lists get
                    // this far, which contain nothing.
                    _ => {}
                }
            }
        }
        Ok(())
    }
}

/// `_group_scalar_keys_from_list`: the union of every element's scalar and non-scalar keys.
fn group_scalar_keys_from_list(items: &[Value]) -> Result<(Vec<Key<'_>>, Vec<Key<'_>>), ErrorKind> {
    let mut headers = Vec::new();
    let mut more = Vec::new();
    for item in items {
        let (item_headers, item_more) = group_scalar_keys(item)?;
        headers.extend(item_headers);
        more.extend(item_more);
    }
    Ok((sorted_set(headers)?, sorted_set(more)?))
}

/// `Section._format_row`: `str()` of a cell.
fn cell_text(value: &Value) -> String {
    python::str(value).into_owned()
}

/// awscli's output stream. With colorama's `autoreset` (the colorized styler) every `write`
/// call is followed by a reset sequence, so the calls have to be made as awscli makes them.
#[derive(Debug)]
struct Sink {
    out: String,
    autoreset: bool,
}

impl Sink {
    fn write(&mut self, text: &str) {
        self.out.push_str(text);
        if self.autoreset {
            self.out.push_str(RESET_ALL);
        }
    }
}

/// `IndentedStream`: every line written through it is framed by `indent_level` edge characters
/// on both sides.
struct Indented<'s> {
    sink: &'s mut Sink,
    level: usize,
    edge: &'s str,
}

impl Indented<'_> {
    fn write(&mut self, text: &str) {
        self.sink.write(&self.edge.repeat(self.level));
        if let Some(line) = text.strip_suffix('\n') {
            self.sink.write(line);
            self.sink.write(&self.edge.repeat(self.level));
            self.sink.write("\n");
        } else {
            self.sink.write(text);
        }
    }
}

/// `Styler` and `ColorizedStyler`: titles and headers are never styled.
#[derive(Debug, Clone, Copy)]
struct Styler {
    colorized: bool,
}

impl Styler {
    fn row_element(self, text: &str) -> Cow<'_, str> {
        if self.colorized {
            Cow::Owned(format!("{BRIGHT_BLUE}{text}{RESET_ALL}"))
        } else {
            Cow::Borrowed(text)
        }
    }

    fn indentation_char(self) -> Cow<'static, str> {
        if self.colorized {
            Cow::Owned(format!("{DIM_YELLOW}|{RESET_ALL}"))
        } else {
            Cow::Borrowed("|")
        }
    }
}

/// `MultiTable.render`.
fn render(mut sections: Vec<Section>, colorized: bool, terminal_width: i64) -> String {
    let mut sink = Sink {
        out: String::new(),
        autoreset: colorized,
    };
    let styler = Styler { colorized };
    let mut max_width = max_width(&sections);
    if max_width > terminal_width {
        convert_to_vertical_table(&mut sections);
        max_width = self::max_width(&sections);
    }
    sink.write(&format!("{}\n", repeat('-', max_width)));
    for section in &sections {
        render_section(section, max_width, &mut sink, styler);
    }
    sink.out
}

fn max_width(sections: &[Section]) -> i64 {
    sections.iter().map(Section::total_width).max().unwrap_or(0)
}

/// `convert_to_vertical_table`: a section of one row becomes one `header | value` row per
/// column.
fn convert_to_vertical_table(sections: &mut [Section]) {
    for section in sections.iter_mut() {
        if let ([row], false) = (&section.rows[..], section.headers.is_empty()) {
            let mut vertical = Section {
                title: section.title.clone(),
                indent_level: section.indent_level,
                ..Section::default()
            };
            for (header, cell) in section.headers.iter().zip(row) {
                // Every row has two cells, so `add_row` cannot fail.
                let _ = vertical.add_row(vec![header.clone(), cell.clone()]);
            }
            *section = vertical;
        }
    }
}

fn render_section(section: &Section, max_width: i64, sink: &mut Sink, styler: Styler) {
    let edge = styler.indentation_char();
    let mut stream = Indented {
        sink,
        level: usize::try_from(section.indent_level).unwrap_or(0),
        edge: &edge,
    };
    let max_width = max_width - section.indent_level * 2;
    render_title(section, max_width, &mut stream);
    render_column_titles(section, max_width, &mut stream);
    render_rows(section, max_width, &mut stream, styler);
}

fn render_title(section: &Section, max_width: i64, stream: &mut Indented<'_>) {
    let Some(title) = section.title.as_deref().filter(|title| !title.is_empty()) else {
        return;
    };
    let length = python::text_length(title);
    stream.write(&format!(
        "{}\n",
        center_text(title, max_width, "|", "|", length)
    ));
    if section.headers.is_empty() && section.rows.is_empty() {
        stream.write(&format!("+{}+\n", repeat('-', max_width - 2)));
    }
}

fn render_column_titles(section: &Section, max_width: i64, stream: &mut Indented<'_>) {
    if section.headers.is_empty() {
        return;
    }
    let widths = section.column_widths(4, Some(max_width));
    let mut current = String::new();
    for (index, (&width, header)) in widths.iter().zip(&section.headers).enumerate() {
        let left_edge = if index == 0 { "|" } else { "" };
        let length = python::text_length(header);
        current.push_str(&center_text(header, width, left_edge, "|", length));
    }
    write_line_break(stream, &widths);
    current.push('\n');
    stream.write(&current);
}

fn render_rows(section: &Section, max_width: i64, stream: &mut Indented<'_>, styler: Styler) {
    if section.rows.is_empty() {
        return;
    }
    let widths = section.column_widths(4, Some(max_width));
    if widths.is_empty() {
        return;
    }
    write_line_break(stream, &widths);
    for row in &section.rows {
        let mut current = String::new();
        for (index, (&width, cell)) in widths.iter().zip(row).enumerate() {
            let left_edge = if index == 0 { "|" } else { "" };
            let length = python::text_length(cell);
            current.push_str(&align_left(
                &styler.row_element(cell),
                width,
                left_edge,
                "|",
                length,
            ));
        }
        current.push('\n');
        stream.write(&current);
    }
    write_line_break(stream, &widths);
}

/// `_write_line_break`: `+-----+----+` over the given column widths, in one write.
fn write_line_break(stream: &mut Indented<'_>, widths: &[i64]) {
    let mut line = String::new();
    for (index, &width) in widths.iter().enumerate() {
        if index == 0 {
            line.push('+');
            line.push_str(&repeat('-', width - 2));
        } else {
            line.push_str(&repeat('-', width - 1));
        }
        line.push('+');
    }
    line.push('\n');
    stream.write(&line);
}

/// `center_text`: `text` (of `text_length` columns) between the edges in `length` columns,
/// one column left of the middle; Python's `//` floors and `' ' * n` is empty for `n < 0`.
fn center_text(
    text: &str,
    length: i64,
    left_edge: &str,
    right_edge: &str,
    text_length: i64,
) -> String {
    let char_start = length.div_euclid(2) - text_length.div_euclid(2) - 1;
    let length_so_far = python::text_length(left_edge) + char_start + text_length;
    let right_side_spaces = length - python::text_length(right_edge) - length_so_far;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        repeat(' ', char_start),
        repeat(' ', right_side_spaces)
    )
}

/// `align_left`: two spaces of padding when they fit, then `text`, then spaces to `length`.
fn align_left(
    text: &str,
    length: i64,
    left_edge: &str,
    right_edge: &str,
    text_length: i64,
) -> String {
    let left_padding = 2;
    let computed_length = text_length
        + left_padding
        + python::text_length(left_edge)
        + python::text_length(right_edge);
    let padding = if length - computed_length >= 0 {
        left_padding
    } else {
        0
    };
    let left_len = i64::try_from(left_edge.chars().count()).unwrap_or(0);
    let right_len = i64::try_from(right_edge.chars().count()).unwrap_or(0);
    let length_so_far = left_len + padding + text_length;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        repeat(' ', padding),
        repeat(' ', length - length_so_far - right_len)
    )
}

/// Python's `ch * count`, empty for a negative count.
fn repeat(ch: char, count: i64) -> String {
    std::iter::repeat_n(ch, usize::try_from(count).unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn table(value: Value, width: i64) -> String {
        format("Title", &value, false, width).expect("builds")
    }

    #[test]
    fn center_text_leans_left_and_pads_the_rest() {
        assert_eq!(center_text("ab", 10, "|", "|", 2), "|   ab   |");
        assert_eq!(center_text("abc", 10, "|", "|", 3), "|   abc  |");
        assert_eq!(
            center_text("abcdefghijkl", 10, "|", "|", 12),
            "|abcdefghijkl|"
        );
    }

    #[test]
    fn align_left_drops_padding_that_does_not_fit() {
        assert_eq!(align_left("ab", 8, "|", "|", 2), "|  ab  |");
        assert_eq!(align_left("abcde", 8, "", "|", 5), "  abcde|");
        assert_eq!(align_left("abcdef", 8, "|", "|", 6), "|abcdef|");
    }

    #[test]
    fn column_widths_round_half_to_even_then_fix_the_sum() {
        let section = Section {
            max_widths: vec![1, 1, 1],
            ..Section::default()
        };
        // 5 * 17 / 15 = 5.666.. for each: 6 + 6 + 6 = 18, one too many, taken off the first.
        assert_eq!(section.column_widths(4, Some(17)), vec![5, 6, 6]);
        let section = Section {
            max_widths: vec![0, 2],
            ..Section::default()
        };
        // 4 * 1.5 = 6.0 and 6 * 1.5 = 9.0.
        assert_eq!(section.column_widths(4, Some(15)), vec![6, 9]);
        let section = Section {
            max_widths: vec![1, 1],
            ..Section::default()
        };
        // 5 * 11 / 10 = 5.5 rounds to 6 (even), twice: 12, one off the first column.
        assert_eq!(section.column_widths(4, Some(11)), vec![5, 6]);
    }

    #[test]
    fn scalar_prints_only_the_title() {
        assert_eq!(table(json!("value"), 80), "-------\n|Title|\n+-----+\n");
        assert_eq!(table(json!(0), 80), "");
    }

    #[test]
    fn single_scalar_key_is_a_key_value_row() {
        assert_eq!(
            table(json!({"Key": "v"}), 80),
            "--------------\n\
             |    Title   |\n\
             +------+-----+\n\
             |  Key |  v  |\n\
             +------+-----+\n"
        );
    }

    #[test]
    fn wide_tables_turn_single_rows_vertical() {
        let value = json!({"Alpha": "one", "Beta": "two"});
        assert_eq!(
            table(value.clone(), 80),
            "-------------------\n\
             |      Title      |\n\
             +--------+--------+\n\
             |  Alpha | Beta   |\n\
             +--------+--------+\n\
             |  one   |  two   |\n\
             +--------+--------+\n"
        );
        assert_eq!(
            table(value, 18),
            "------------------\n\
             |      Title     |\n\
             +--------+-------+\n\
             |  Alpha |  one  |\n\
             |  Beta  |  two  |\n\
             +--------+-------+\n"
        );
    }

    #[test]
    fn ragged_rows_fail_like_awscli() {
        assert_eq!(
            format("T", &json!([["a", "b"], ["c"]]), false, 80),
            Err(ErrorKind::RowLength {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            format("T", &json!(["name", [{"a": 1, "b": 2}]]), false, 80),
            Err(ErrorKind::IndexOutOfRange)
        );
    }

    #[test]
    fn non_dicts_after_a_dict_fail_like_awscli() {
        let cases = [
            (
                json!([{"a": 1}, "x"]),
                "string indices must be integers, not 'str'",
            ),
            (json!([{"a": 1}, 2]), "'int' object is not iterable"),
            (json!([{"a": 1}, null]), "'NoneType' object is not iterable"),
            (
                json!([{"a": 1}, [1.5]]),
                "list indices must be integers or slices, not float",
            ),
            (json!([{"a": 1}, [3]]), "list index out of range"),
            (
                json!([{"a": 1}, [0]]),
                "'<' not supported between instances of 'str' and 'int'",
            ),
            (json!([{}, [0]]), "'list' object has no attribute 'get'"),
            (json!([{"a": 1}, ""]), "'str' object has no attribute 'get'"),
            (
                json!([{"": [1]}, ""]),
                "string indices must be integers, not 'str'",
            ),
            (
                json!([{"a": 1}, [9223372036854775808u64]]),
                "cannot fit 'int' into an index-sized integer",
            ),
        ];
        for (value, message) in cases {
            assert_eq!(
                format("T", &value, false, 80).map_err(|kind| kind.to_string()),
                Err(message.to_owned()),
                "{value}"
            );
        }
    }

    #[test]
    fn colorized_rows_and_edges_reset_after_every_write() {
        let out = format("T", &json!({"k": [{"a": 1}]}), true, 80).expect("builds");
        assert!(
            out.starts_with("---------\n\x1b[0m\x1b[0m|   T   |\x1b[0m\x1b[0m\n\x1b[0m"),
            "{out:?}"
        );
        assert!(
            out.contains("\x1b[2m\x1b[33m|\x1b[0m\x1b[0m|  \x1b[1m\x1b[34m1\x1b[0m"),
            "{out:?}"
        );
    }
}
