//! Stage 2: take out what a reader does not see.
//!
//! Expects: words as `segment.rs` cuts them. Emits: the same tokens, with
//! their text rid of
//!
//! - stress marks on Cyrillic letters: U+0301 (acute) and U+0300 (grave),
//!   and their canonical twins U+0341 and U+0340 (`И́длиба` → `Идлиба`);
//! - soft hyphens, U+00AD (`ис­поль­зу­ет­ся` → `используется`);
//! - every other default-ignorable character that is not a letter:
//!   zero-width characters (U+200B–U+200D, U+2060, U+FEFF), bidirectional
//!   marks and controls (U+200E, U+200F, U+061C, U+202A–U+202E,
//!   U+2066–U+2069), variation selectors, the combining grapheme joiner,
//!   tags and the other invisible format characters ([`is_invisible`]);
//!
//! and with the combining marks that remain composed with their letter
//! (Unicode's canonical composition, NFC): и followed by U+0306 is `й`,
//! е followed by U+0308 is `ё`, as every keyboard types them.
//!
//! These characters reach this stage because UAX #29 (rule WB4) attaches a
//! format or combining character to the character before it, so the
//! segmenter keeps them inside the word. U+200B ZERO WIDTH SPACE is the
//! exception: UAX #29 makes it a word boundary, so it never gets here.
//!
//! Stress marks are only taken from Cyrillic letters: in Latin script an
//! acute is part of the letter (`cafe` + U+0301 is `café`, composed like
//! every other mark).
//!
//! The stage is not a token filter of its own: `segment.rs` runs it on
//! each word that `unicode-segmentation` cut. A word of the segmenter's
//! fast path is made of ASCII and Cyrillic letters, digits and joining
//! punctuation, which this stage leaves alone (a test checks every such
//! character), so nearly every word of Russian news skips it at no cost.
//! The token's byte range is left as it was, covering the word as written,
//! so highlights include the invisible characters and stress marks.

use std::mem;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Removes stress marks and invisible characters from `text` and composes
/// its combining marks, using `buffer` as scratch space when the text must
/// be rewritten.
pub(crate) fn normalize_in_place(text: &mut String, buffer: &mut String) {
    if is_plain(text) {
        return;
    }
    buffer.clear();
    let mut cyrillic = false;
    for c in text.chars() {
        if is_invisible(c) || (cyrillic && is_stress_mark(c)) {
            continue;
        }
        if !is_combining_mark(c) {
            cyrillic = is_cyrillic(c);
        }
        buffer.push(c);
    }
    if is_nfc_quick(buffer.chars()) != IsNormalized::Yes {
        let composed: String = buffer.nfc().collect();
        *buffer = composed;
    }
    if *buffer != *text {
        mem::swap(text, buffer);
    }
}

/// Whether `text` holds only ASCII and the Cyrillic letters U+0400–U+047F
/// (lead bytes 0xD0 and 0xD1), which this stage leaves alone.
fn is_plain(text: &str) -> bool {
    text.bytes().all(|b| b < 0xC0 || b == 0xD0 || b == 0xD1)
}

/// Stress marks: combining acute and grave accents, and their deprecated
/// canonical twins.
fn is_stress_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{340}' | '\u{341}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// The characters the analyzer removes from words wherever they stand:
/// Unicode's default-ignorable code points (shown as nothing when a font
/// has no glyph for them) that are not letters.
///
/// Letters among them (the Hangul fillers) are kept: a word of fillers
/// would become a word of nothing.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'                          // soft hyphen
            | '\u{34F}'                   // combining grapheme joiner
            | '\u{61C}'                   // Arabic letter mark
            | '\u{17B4}'..='\u{17B5}'     // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'     // Mongolian variation selectors, vowel separator
            | '\u{200B}'..='\u{200F}'     // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{202A}'..='\u{202E}'     // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{206F}'     // word joiner, invisible operators, isolates
            | '\u{FE00}'..='\u{FE0F}'     // variation selectors
            | '\u{FEFF}'                  // zero-width no-break space (BOM)
            | '\u{FFF0}'..='\u{FFF8}'     // reserved default-ignorable
            | '\u{1BCA0}'..='\u{1BCA3}'   // shorthand format controls
            | '\u{1D173}'..='\u{1D17A}'   // musical format controls
            | '\u{E0000}'..='\u{E0FFF}' // tags, variation selectors supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(text: &str) -> String {
        let mut text = text.to_string();
        normalize_in_place(&mut text, &mut String::new());
        text
    }

    #[test]
    fn removes_stress_marks_from_cyrillic_letters() {
        assert_eq!(normalized("И\u{301}длиба"), "Идлиба");
        assert_eq!(normalized("больши\u{301}м"), "большим");
        assert_eq!(normalized("за\u{300}мок"), "замок");
        assert_eq!(normalized("за\u{341}мок"), "замок");
        // On a Latin letter the accent belongs to the letter.
        assert_eq!(normalized("cafe\u{301}"), "café");
    }

    #[test]
    fn removes_soft_hyphens_and_format_characters() {
        assert_eq!(normalized("ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся"), "используется");
        assert_eq!(normalized("Идлиба\u{202C}"), "Идлиба");
        assert_eq!(normalized("\u{202A}Лечу\u{200E}"), "Лечу");
        assert_eq!(normalized("Ид\u{200D}ли\u{2060}ба\u{FEFF}\u{FE0F}"), "Идлиба");
    }

    #[test]
    fn composes_combining_marks() {
        assert_eq!(normalized("рекомендации\u{306}"), "рекомендаций");
        assert_eq!(normalized("И\u{306}"), "Й");
        assert_eq!(normalized("е\u{308}лка"), "ёлка");
        // A stressed й keeps its breve.
        assert_eq!(normalized("и\u{306}\u{301}од"), "йод");
    }

    #[test]
    fn leaves_plain_and_other_text_alone() {
        for text in ["Идлиба", "ёлка", "CentralAsia", "5,5", "北京", "Ελλάδα", "café", "ǅ"] {
            assert_eq!(normalized(text), text);
        }
    }

    #[test]
    fn plain_text_is_recognised_by_its_bytes() {
        assert!(is_plain("Путин Kursk ёЁ 2025"));
        assert!(!is_plain("\u{AD}") && !is_plain("и\u{301}") && !is_plain("é"));
        // Every character the fast check passes is left alone by the slow path.
        for c in ('\0'..='\u{7F}').chain('\u{400}'..='\u{47F}') {
            assert!(is_plain(c.encode_utf8(&mut [0; 4])));
            assert!(!is_invisible(c) && !is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn words_of_the_fast_path_need_no_normalisation() {
        use crate::analyzer::wordbreak::{Class, classify};
        let fast: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| !matches!(classify(c), Class::Unknown | Class::Separator))
            .collect();
        assert!(fast.len() > 100);
        for c in fast {
            let text = format!("а{c}я");
            assert_eq!(normalized(&text), text, "{c:?}");
        }
    }

    #[test]
    fn no_invisible_character_is_a_letter_or_digit() {
        let invisible: Vec<char> = (0..=0x10FFFF_u32).filter_map(char::from_u32).filter(|&c| is_invisible(c)).collect();
        assert!(invisible.len() > 4000, "{}", invisible.len());
        assert!(invisible.iter().all(|c| !c.is_alphanumeric()));
    }
}
