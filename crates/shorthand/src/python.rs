//! How Python words things, for the AWS CLI's messages.

/// Python's `repr()` of a string, as it appears in Python's error messages.
pub(crate) fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_py_unprintable(c) => {
                let code = c as u32;
                if code <= 0xff {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code <= 0xffff {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The non-ASCII characters Python's `repr()` escapes: controls, separators other than the
/// plain space, and a few format characters.
fn is_py_unprintable(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{A0}' | '\u{AD}' | '\u{1680}' | '\u{2000}'..='\u{200F}'
        | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}' | '\u{3000}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_repr() {
        assert_eq!(py_repr("5.0"), "'5.0'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a\\b\n"), "'a\\\\b\\n'");
        assert_eq!(py_repr("\u{a0}x"), "'\\xa0x'");
        assert_eq!(py_repr("no such\tfile\n.txt"), "'no such\\tfile\\n.txt'");
        assert_eq!(
            py_repr("caf\u{e9}\u{a0}\u{2029}.txt"),
            "'caf\u{e9}\\xa0\\u2029.txt'"
        );
    }
}
