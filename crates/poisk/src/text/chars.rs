//! Characters: which belong to a word, and how letters compare.
//!
//! Russian and ASCII letters are decided by range throughout: the general
//! Unicode lookups are slow for Cyrillic, and these run on every character
//! of a body.

use crate::analyzer::is_invisible;

/// Lower case with `ё` read as `е`, as the analyzer normalises words; by
/// range for Russian and ASCII letters.
#[inline]
pub(crate) fn fold(c: char) -> char {
    match c {
        'а'..='я' | 'a'..='z' | '0'..='9' => c,
        'ё' | 'Ё' => 'е',
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Letters and digits, and the marks and invisible characters that go on
/// inside a word ([`is_accent`]): the stress mark in `за́мок` and the soft
/// hyphens of `ис­поль­зу­ет­ся` leave one word, as they do for the
/// analyzer.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{400}'..='\u{47f}' => true,
        // Spaces, quotes and dashes of Russian text, without a table lookup.
        '\0'..='\u{7f}' | '\u{a0}' | '«' | '»' => false,
        // Like the analyzer's words (UAX #29), a word goes on across a zero-width
        // joiner or bidirectional control, but ends at a zero-width space.
        '\u{200B}' => false,
        _ if is_accent(c) => true,
        // General punctuation: dashes, curly quotes, `…`, spaces.
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Combining marks, such as the stress accent in `за́мок`, and the invisible
/// characters the analyzer removes, such as soft hyphens: part of a word
/// when they follow a letter, never its start, and ignored when letters are
/// compared.
#[inline]
pub(crate) fn is_accent(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}') || is_invisible(c)
}

/// `char::is_uppercase`, by range for Russian and ASCII letters.
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match c {
        'А'..='Я' | 'Ё' | 'A'..='Z' => true,
        'а'..='я' | 'ё' | 'a'..='z' => false,
        c if c.is_ascii() => false,
        c => c.is_uppercase(),
    }
}

/// `char::is_lowercase`, by range for Russian and ASCII letters.
#[inline]
pub(crate) fn is_lower(c: char) -> bool {
    match c {
        'а'..='я' | 'ё' | 'a'..='z' => true,
        'А'..='Я' | 'Ё' | 'A'..='Z' => false,
        c if c.is_ascii() => false,
        c => c.is_lowercase(),
    }
}

/// The char that starts at byte `i` of `text` and its length in bytes.
/// ASCII and two-byte sequences (all of Cyrillic) are decoded by hand;
/// `i` must be a char boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let lead = bytes[i];
    if lead < 0x80 {
        return (char::from(lead), 1);
    }
    if lead & 0xE0 == 0xC0 {
        // A valid `str` holds the continuation byte after a two-byte lead.
        let code = (u32::from(lead & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        return (char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER), 2);
    }
    let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_tests_agree_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            let folded = if matches!(c, 'ё' | 'Ё') { 'е' } else { c.to_lowercase().next().unwrap_or(c) };
            assert_eq!(fold(c), folded, "{c:?}");
        }
    }

    #[test]
    fn cyrillic_block_is_letters_and_general_punctuation_is_not() {
        for code in 0x400..0x480 {
            let c = char::from_u32(code).unwrap();
            assert!(is_word_char(c), "{c}");
        }
        for c in ['«', '»', '—', '–', '„', '“', '”', '…', '\u{a0}', '\u{2009}', '\u{200B}', '-', '.', ' ']
        {
            assert!(!is_word_char(c), "{c:?}");
        }
        // Read through: a stress mark, a soft hyphen, a joiner, a bidi control.
        for c in ['\u{301}', '\u{AD}', '\u{200D}', '\u{202C}'] {
            assert!(is_word_char(c) && is_accent(c), "{c:?}");
        }
    }

    #[test]
    fn char_at_decodes_as_std() {
        let text = "aЖ€😀ё";
        for (i, c) in text.char_indices() {
            assert_eq!(char_at(text, i), (c, c.len_utf8()));
        }
    }
}
