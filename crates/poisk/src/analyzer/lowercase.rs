//! Stage 3: lowercase.
//!
//! Expects: tokens from any tokenizer. Emits: the same tokens with their text
//! lowercased by Unicode's simple and special mappings (`char::to_lowercase`),
//! without the context-sensitive final sigma rule, which search does not need.
//!
//! Nearly every token is either ASCII or already-lowercase Cyrillic, so both
//! are checked for first and handled without copying. Only a word with an
//! uppercase letter outside ASCII is rewritten, into a buffer that is then
//! swapped with the token's text: no allocation once the buffer has grown.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter that lowercases token text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LowerCase;

impl TokenFilter for LowerCase {
    type Tokenizer<T: Tokenizer> = LowerCaseFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> LowerCaseFilter<T> {
        LowerCaseFilter { inner, buffer: String::new() }
    }
}

/// [`LowerCase`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct LowerCaseFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for LowerCaseFilter<T> {
    type TokenStream<'a> = LowerCaseStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LowerCaseStream { tail: self.inner.token_stream(text), buffer: &mut self.buffer }
    }
}

/// Token stream of [`LowerCaseFilter`].
pub(crate) struct LowerCaseStream<'a, S> {
    tail: S,
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for LowerCaseStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        lowercase_in_place(&mut self.tail.token_mut().text, self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Lowercases `text`, using `buffer` as scratch space when the text must be
/// rewritten.
pub(crate) fn lowercase_in_place(text: &mut String, buffer: &mut String) {
    if text.is_ascii() {
        text.make_ascii_lowercase();
    } else if has_uppercase(text) {
        buffer.clear();
        for c in text.chars() {
            push_lowercase(buffer, c);
        }
        mem::swap(text, buffer);
    }
}

/// Pushes `c`'s lowercase, computed for ASCII and the Russian alphabet
/// without Unicode's tables.
fn push_lowercase(out: &mut String, c: char) {
    let shift = match c {
        'A'..='Z' | '\u{410}'..='\u{42F}' => 0x20,
        // Ѐ..Џ (Ё among them) → ѐ..џ.
        '\u{400}'..='\u{40F}' => 0x50,
        'a'..='z' | '\u{430}'..='\u{45F}' => 0,
        c => return out.extend(c.to_lowercase()),
    };
    out.push(char::from_u32(c as u32 + shift).unwrap_or(c));
}

/// Whether lowercasing would change `text`. ASCII and Cyrillic letters
/// are told apart by their bytes, without decoding them: in UTF-8 an
/// uppercase U+0400..U+042F is `D0 80`..`D0 AF`, a lowercase U+0430..U+045F
/// `D0 B0`..`D1 9F`.
fn has_uppercase(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let second = bytes.get(at + 1).copied().unwrap_or(0);
        match bytes[at] {
            b'A'..=b'Z' => return true,
            0..=0x7F => at += 1,
            0xD0 if second < 0xB0 => return true,
            0xD0 => at += 2,
            0xD1 if second < 0xA0 => at += 2,
            _ => {
                let Some(c) = text[at..].chars().next() else { break };
                if !is_lowercase_fixed_point(c) {
                    return true;
                }
                at += c.len_utf8();
            }
        }
    }
    false
}

/// Whether `c` lowercases to itself; answers the common scripts without
/// looking up Unicode tables.
fn is_lowercase_fixed_point(c: char) -> bool {
    match c {
        // Cyrillic а..я and ѐ..џ (including ё): already lowercase.
        '\u{430}'..='\u{45F}' => true,
        // Cyrillic Ѐ..Я: uppercase.
        '\u{400}'..='\u{42F}' => false,
        c if c.is_ascii() => !c.is_ascii_uppercase(),
        c => {
            let mut lower = c.to_lowercase();
            lower.len() == 1 && lower.next() == Some(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(text: &str) -> String {
        let mut text = text.to_string();
        lowercase_in_place(&mut text, &mut String::new());
        text
    }

    #[test]
    fn lowercases_cyrillic_latin_and_mixed() {
        assert_eq!(lower("КНДР"), "кндр");
        assert_eq!(lower("Путин"), "путин");
        assert_eq!(lower("CentralAsia"), "centralasia");
        assert_eq!(lower("ТАСС-Kursk"), "тасс-kursk");
    }

    #[test]
    fn lowercases_yo_and_other_cyrillic_capitals() {
        assert_eq!(lower("ЁЛКА"), "ёлка");
        assert_eq!(lower("ЄЇІЎ"), "єїіў");
    }

    #[test]
    fn leaves_lowercase_and_digits_alone() {
        assert_eq!(lower("северокорейских"), "северокорейских");
        assert_eq!(lower("5,5"), "5,5");
    }

    #[test]
    fn handles_characters_that_grow_or_have_no_case() {
        // İ lowercases to two characters; Greek and CJK go through the tables.
        assert_eq!(lower("İ"), "i\u{307}");
        assert_eq!(lower("ΑΘΗΝΑ"), "αθηνα");
        assert_eq!(lower("北京"), "北京");
    }

    #[test]
    fn every_character_lowercases_as_the_standard_library_does() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("Жж{c}"), format!("{c}ЯяQ"), format!("ж{c}ж")] {
                let by_chars: String = text.chars().flat_map(char::to_lowercase).collect();
                assert_eq!(lower(&text), by_chars, "{c:?}");
            }
        }
    }

    #[test]
    fn fixed_point_agrees_with_the_unicode_tables_for_cyrillic() {
        for c in '\u{400}'..='\u{45F}' {
            let unicode = c.to_lowercase().eq(std::iter::once(c));
            assert_eq!(is_lowercase_fixed_point(c), unicode, "{c:?}");
        }
    }
}
