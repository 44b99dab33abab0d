//! Values into SphinxQL text. Sphinx 2.2 has no prepared statements, so
//! every value is written into the statement: a string through
//! [`string_literal`], the text of a `MATCH()` through [`match_text`] and
//! then [`string_literal`]. Nothing else puts outside text into a
//! statement.

/// `value` as a SphinxQL string literal, quotes included, that reads back
/// as `value` and cannot end early: `\` and `'` are escaped with a
/// backslash.
///
/// SphinxQL's lexer drops the backslash of any other pair (`\0` reads as
/// `0`), so a NUL byte cannot be escaped; it would end the statement for
/// the daemon's C code. A NUL becomes U+FFFD, the replacement character:
/// poisk's stored values travel as JSON, in which a NUL is `\u0000`, so
/// only the plain attributes (ids, paths, sources, speakers' names) can
/// hold one, and those are compared, not shown.
///
/// ```
/// use poisk_sphinx::escape::string_literal;
/// assert_eq!(string_literal(r"it's a \ test"), r"'it\'s a \\ test'");
/// assert_eq!(string_literal("a\0b"), "'a\u{FFFD}b'");
/// ```
pub fn string_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\\' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            '\0' => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The characters that are operators in Sphinx's extended query syntax,
/// each escaped with a backslash by [`match_text`] (`\` and `'` included,
/// which also end a string literal). `*` and `%` are wildcards.
const SPECIAL: &[char] = &[
    '\\', '(', ')', '|', '-', '!', '@', '~', '"', '&', '/', '^', '$', '=', '<', '>', '\'', '*', '%', '[', ']', ':',
    ',', '.', '?',
];

/// `text` as words for `MATCH()`: every operator character of the
/// extended query syntax is escaped with a backslash, so the text is only
/// ever looked for, never obeyed, and the operator words (`MAYBE`,
/// `NEAR/3`, `SENTENCE`, `PARAGRAPH`, `ZONE:`) lose their meaning with the
/// escaped first letter. NUL bytes become spaces. The result still goes
/// into a statement through [`string_literal`].
///
/// poisk compiles its queries from encoded tokens ([`crate::token`]),
/// which hold none of these characters; this is what keeps any text in
/// its place should one ever reach a query.
///
/// ```
/// use poisk_sphinx::escape::match_text;
/// assert_eq!(match_text(r#"a) | @title "b"#), r#"a\) \| \@title \"b"#);
/// assert_eq!(match_text("NEAR/3 MAYBE x"), r"\NEAR\/3 \MAYBE x");
/// ```
pub fn match_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word_start = true;
    for c in text.chars() {
        if c == '\0' {
            out.push(' ');
            word_start = true;
            continue;
        }
        // An upper-case word may be an operator word; its first letter
        // escaped, it is a word like any other.
        if SPECIAL.contains(&c) || (word_start && c.is_ascii_uppercase()) {
            out.push('\\');
        }
        out.push(c);
        word_start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a SphinxQL string literal back as the daemon's lexer does:
    /// the text between the quotes, a backslash taking the next character
    /// as it is. `None` when the literal ends before its last character.
    fn unescape(literal: &str) -> Option<String> {
        let inner = literal.strip_prefix('\'')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?),
                '\'' => return chars.next().is_none().then_some(out),
                _ => out.push(c),
            }
        }
        None
    }

    #[test]
    fn hostile_strings_stay_inside_their_literal() {
        let long = "\\'".repeat(100_000);
        for value in
            ["it's", r"a\", r"\'", "')", "x') OR 1=1 --", "\"quoted\"", "SELECT * FROM poisk", "a\0b", &long, "", "'"]
        {
            let literal = string_literal(value);
            assert_eq!(unescape(&literal), Some(value.replace('\0', "\u{FFFD}")), "{value:?} → {literal:?}");
            assert!(!literal.contains('\0'));
        }
    }

    #[test]
    fn query_text_has_no_operator_left() {
        for text in
            ["a) | (b", r#"" @title x"#, "MAYBE NEAR/3 SENTENCE", r"back\slash", "x'y", "a\0b", "-путин !ким", "курск*"]
        {
            let escaped = match_text(text);
            let mut chars = escaped.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    assert!(chars.next().is_some(), "{escaped:?} ends in a lone backslash");
                    continue;
                }
                assert!(!SPECIAL.contains(&c), "{c:?} unescaped in {escaped:?}");
                assert_ne!(c, '\0');
            }
        }
        assert_eq!(match_text("MAYBE"), r"\MAYBE");
        assert_eq!(match_text("курск"), "курск");
        let long = ")".repeat(50_000);
        assert_eq!(match_text(&long).len(), 100_000);
    }
}
