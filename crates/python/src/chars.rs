//! Python's `str` predicates and `str.upper()`, read from the generated tables.

use crate::unicode;
use std::cmp::Ordering;

/// Python's `str.isspace()` for one character: what `str.strip()`, `int()` and `float()` skip.
///
/// ```
/// assert!(idpool_python::is_space('\u{1f}'));
/// assert!(idpool_python::is_space('\u{3000}'));
/// assert!(!idpool_python::is_space('\u{200b}'));
/// ```
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | '\u{1c}'..=' ');
    }
    in_ranges(unicode::SPACE, c)
}

/// Python's `str.isprintable()` for one character: `repr()` escapes the others.
///
/// ```
/// assert!(idpool_python::is_printable('é'));
/// assert!(!idpool_python::is_printable('\u{a0}'));
/// assert!(!idpool_python::is_printable('\u{378}')); // unassigned in Unicode 14.0
/// ```
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' '..='~');
    }
    !in_ranges(unicode::NOT_PRINTABLE, c)
}

/// Python's `unicodedata.decimal(c)`: the value of a decimal digit (`str.isdecimal()`,
/// category Nd), which `int()` and the `\d` of `re` (and so argparse) accept.
///
/// ```
/// assert_eq!(idpool_python::decimal('7'), Some(7));
/// assert_eq!(idpool_python::decimal('\u{663}'), Some(3)); // ARABIC-INDIC DIGIT THREE
/// assert_eq!(idpool_python::decimal('\u{b2}'), None); // SUPERSCRIPT TWO is a digit, not a decimal
/// ```
pub fn decimal(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let code = u32::from(c);
    let at = unicode::DECIMAL_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *unicode::DECIMAL_ZEROS.get(at.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// Python's `str.isdecimal()` for one character.
///
/// ```
/// assert!(idpool_python::is_decimal('\u{ff15}')); // FULLWIDTH DIGIT FIVE
/// assert!(!idpool_python::is_decimal('\u{2163}')); // ROMAN NUMERAL FOUR
/// ```
pub fn is_decimal(c: char) -> bool {
    decimal(c).is_some()
}

/// Whether `unicodedata.east_asian_width(c)` is `W` (wide), `F` (fullwidth) or `A`
/// (ambiguous): the characters the AWS CLI's tables count as two columns.
///
/// ```
/// assert!(idpool_python::is_wide('日'));
/// assert!(idpool_python::is_wide('±')); // ambiguous
/// assert!(!idpool_python::is_wide('ｱ')); // halfwidth
/// ```
pub fn is_wide(c: char) -> bool {
    !c.is_ascii() && in_ranges(unicode::WIDE, c)
}

/// Python's `str.upper()`: the full case mapping of Unicode 14.0 (`ß` becomes `SS`).
///
/// Rust's `str::to_uppercase` follows the newer Unicode version of the Rust release, which
/// upper-cases letters that Python 3.11 leaves alone.
///
/// ```
/// assert_eq!(idpool_python::upper("straße ǆ"), "STRASSE Ǆ");
/// // U+0264 has a capital (U+A7CB) only since Unicode 16.0
/// assert_eq!(idpool_python::upper("\u{264}"), "\u{264}");
/// ```
pub fn upper(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
            continue;
        }
        let code = u32::from(c);
        match unicode::UPPER.binary_search_by_key(&code, |&(from, _)| from) {
            Ok(at) => out.push_str(unicode::UPPER[at].1),
            Err(_) => out.push(c),
        }
    }
    out
}

/// Whether `c` is in one of the sorted inclusive `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let code = u32::from(c);
    ranges
        .binary_search_by(|&(low, high)| {
            if high < code {
                Ordering::Less
            } else if low > code {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_pythons_set() {
        // Python 3.11: ''.join(c for c in map(chr, range(0x110000)) if c.isspace())
        let python: Vec<char> = "\t\n\u{b}\u{c}\r\u{1c}\u{1d}\u{1e}\u{1f} \u{85}\u{a0}\u{1680}\
            \u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\
            \u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}"
            .chars()
            .collect();
        let ours: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c))
            .collect();
        assert_eq!(ours, python);
    }

    #[test]
    fn printable_ascii_is_space_to_tilde() {
        for c in (0..128u8).map(char::from) {
            assert_eq!(is_printable(c), (' '..='~').contains(&c), "{c:?}");
        }
        assert!(!is_printable('\u{ad}'), "SOFT HYPHEN is Cf");
        assert!(!is_printable('\u{e000}'), "private use");
        assert!(!is_printable('\u{2028}'), "LINE SEPARATOR");
        assert!(is_printable('\u{1f600}'));
    }

    #[test]
    fn decimals_come_in_tens_from_each_zero() {
        for &zero in crate::unicode::DECIMAL_ZEROS {
            for value in 0..10 {
                let c = char::from_u32(zero + value).unwrap();
                assert_eq!(decimal(c), Some(value), "U+{:04X}", zero + value);
            }
            let before = char::from_u32(zero - 1).unwrap();
            // Runs may follow each other (the mathematical digits do).
            assert!(decimal(before).is_none_or(|v| v == 9), "U+{:04X}", zero - 1);
        }
        // Unicode 15's Kawi and Nag Mundari digits are not digits in Python 3.11.
        assert_eq!(decimal('\u{11f53}'), None);
        assert_eq!(decimal('\u{1e4f3}'), None);
        assert_eq!(decimal('\u{2460}'), None, "CIRCLED DIGIT ONE is No");
    }

    #[test]
    fn wide_agrees_with_python() {
        assert!(!is_wide('a'));
        assert!(is_wide('\u{301}'), "a combining acute accent is ambiguous");
        assert!(is_wide('😀'));
        assert!(is_wide('\u{ff21}'), "fullwidth A");
    }

    #[test]
    fn upper_full_mapping() {
        assert_eq!(upper("abc"), "ABC");
        assert_eq!(upper("ŉ"), "\u{2bc}N");
        assert_eq!(upper("ﬃ"), "FFI");
        assert_eq!(upper("ΐ"), "\u{399}\u{308}\u{301}");
        assert_eq!(upper("日本"), "日本");
    }

    #[test]
    fn upper_tables_are_sorted() {
        assert!(crate::unicode::UPPER.windows(2).all(|w| w[0].0 < w[1].0));
        for table in [
            crate::unicode::WIDE,
            crate::unicode::NOT_PRINTABLE,
            crate::unicode::SPACE,
        ] {
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0));
        }
    }

    /// Whether `c` was assigned in Unicode 14.0: printable, or in one of the categories
    /// `isprintable` rejects (controls, format, separators, private use, surrogates), none
    /// of which is a letter.
    fn assigned_in_14(c: char) -> bool {
        is_printable(c) || !c.is_alphabetic()
    }

    #[test]
    fn upper_agrees_with_rust_where_unicode_did_not_change() {
        // Rust's tables are of a newer Unicode. Where a letter of Unicode 14.0 upper-cases to
        // letters of Unicode 14.0 in them, Python 3.11 agrees; the exceptions are letters
        // whose capital came later (U+0264 gained U+A7CB in Unicode 16.0).
        let mut later = Vec::new();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let rust: String = c.to_uppercase().collect();
            if !assigned_in_14(c) {
                continue;
            }
            if rust.chars().all(assigned_in_14) {
                assert_eq!(upper(&c.to_string()), rust, "U+{:04X}", u32::from(c));
            } else {
                assert_eq!(
                    upper(&c.to_string()),
                    c.to_string(),
                    "U+{:04X}",
                    u32::from(c)
                );
                later.push(c);
            }
        }
        if char::UNICODE_VERSION.0 >= 16 {
            assert!(
                later.contains(&'\u{264}') && later.contains(&'\u{19b}'),
                "{later:?}"
            );
        }
    }
}
