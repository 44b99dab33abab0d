//! Words with their byte ranges.
//!
//! A word is a run of word characters ([`is_word_char`]) that starts with a
//! letter or digit: a stress mark or invisible character goes on inside a
//! word, never starts one. [`word_start`] and [`word_end`] find such runs
//! (the snippet matcher's words, which are the analyzer's); [`words`] joins
//! runs across an inner hyphen (`поток-2`, `Народно-Демократической`) and
//! leaves invisible characters off their end, as the quote stages read
//! names. Everything borrows from the text and works
//! on byte offsets: Cyrillic is not decoded, nothing is allocated per word.

use std::borrow::Cow;

use super::chars::{char_at, is_accent, is_lower, is_upper, is_word_char};
use crate::analyzer::is_invisible;

/// A word of a text, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    /// `Путин`, `Ын`, `Чен`: an upper-case letter followed by lower-case ones
    /// (a stress mark between them is read through: `И́длиб`). All-capital
    /// acronyms (`КНДР`, `RT`) are not names of people.
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        is_upper(first) && chars.find(|&c| !is_accent(c)).is_some_and(is_lower)
    }

    /// True when the word starts with a lower-case letter.
    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(is_lower)
    }

    /// True when the word ends with `suffix` (compared as written).
    pub fn ends_with(&self, suffix: &str) -> bool {
        self.text.ends_with(suffix)
    }
}

/// The first byte at or after `i` where a word starts: a word character
/// that is not a mark ([`is_accent`]). A byte loop: Cyrillic and ASCII are
/// not decoded.
#[inline]
pub(crate) fn word_start(s: &str, i: usize) -> Option<usize> {
    next_word_start(s, i, false)
}

/// [`word_start`], or `None` at the first line break when `in_line`.
#[inline(always)]
fn next_word_start(s: &str, mut i: usize, in_line: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_alphanumeric() => return Some(i),
            b'\n' if in_line => return None,
            b if b < 0x80 => i += 1,
            // U+0400..U+047F: all Cyrillic letters.
            0xD0 | 0xD1 => return Some(i),
            _ => {
                let (c, n) = char_at(s, i);
                // A mark or invisible character continues a word, never starts one.
                if is_word_char(c) && !is_accent(c) {
                    return Some(i);
                }
                i += n;
            }
        }
    }
    None
}

/// The end of the word that goes on at byte `i` (`i` itself when no word
/// character is there). A byte loop, as most words are read to their end
/// without looking at their letters.
pub(crate) fn word_end(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    while i < bytes.len() {
        // Four Cyrillic letters at once: a lead byte `0xD0 | 0xD1` and a
        // continuation byte, four times (little-endian).
        if let Some(eight) = bytes.get(i..i + 8).and_then(|b| <[u8; 8]>::try_from(b).ok())
            && u64::from_le_bytes(eight) & 0xC0FE_C0FE_C0FE_C0FE == 0x80D0_80D0_80D0_80D0
        {
            i += 8;
            continue;
        }
        match bytes[i] {
            b if b.is_ascii_alphanumeric() => i += 1,
            b if b < 0x80 => return i,
            // Cyrillic letters (and the rare sign or accent of the block).
            0xD0 | 0xD1 => i += 2,
            _ => match char_at(s, i) {
                (c, n) if is_word_char(c) => i += n,
                _ => return i,
            },
        }
    }
    bytes.len()
}

/// The words of `text[from..to]`, in order. Hyphenated words
/// (`Народно-Демократической`, `поток-2`) stay one word.
pub(crate) fn words(text: &str, from: usize, to: usize) -> Words<'_> {
    Words { slice: &text[from..to], offset: from, pos: 0, in_line: false }
}

/// The words of `text` from `from` to the end of its line (paragraph, the
/// next `\n`), found without first searching for the line's end: reading a
/// few words costs a few words however long the line. (The quote stages
/// that run for every quote read only such bounded stretches; searching each
/// quote's paragraph to its end made the quotes of a one-paragraph body
/// take time quadratic in its length.)
pub(crate) fn words_in_line(text: &str, from: usize) -> Words<'_> {
    Words { slice: &text[from..], offset: from, pos: 0, in_line: true }
}

/// Iterator over the words of a slice of a text (see [`words`]).
#[derive(Debug, Clone)]
pub(crate) struct Words<'a> {
    slice: &'a str,
    /// Offset of `slice` in the text.
    offset: usize,
    /// Where the scan resumes, in `slice`.
    pos: usize,
    /// Stop at the first line break.
    in_line: bool,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let s = self.slice;
        let Some(start) = next_word_start(s, self.pos, self.in_line) else {
            self.pos = s.len();
            return None;
        };
        let mut end = word_end(s, start);
        // A hyphen joins two word characters: `поток-2`.
        while s.as_bytes().get(end) == Some(&b'-') && end + 1 < s.len() && is_word_char(char_at(s, end + 1).0) {
            end = word_end(s, end + 1);
        }
        self.pos = end;
        // Invisible characters at the end are left out: a name written
        // `Мухин` and a right-to-left mark is `Мухин`.
        while ends_in_other_than_letter(s.as_bytes(), start, end) {
            match s[start..end].chars().next_back().filter(|&c| is_invisible(c)) {
                Some(c) => end -= c.len_utf8(),
                None => break,
            }
        }
        Some(Word { text: &s[start..end], start: self.offset + start, end: self.offset + end })
    }
}

/// False when `bytes[start..end]` (a word) ends with an ASCII character or a
/// Cyrillic letter, which no invisible character is: most words are
/// settled without decoding their last character.
#[inline(always)]
fn ends_in_other_than_letter(bytes: &[u8], start: usize, end: usize) -> bool {
    let last = bytes[end - 1];
    !(last < 0x80 || (end - start >= 2 && matches!(bytes[end - 2], 0xD0 | 0xD1)))
}

/// `word` in lower case, as `str::to_lowercase` gives it, borrowed when it
/// already is. Russian and ASCII letters are mapped by range; other text
/// takes the general path.
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    let simple = |c: char| matches!(c, 'а'..='я' | 'ё' | 'А'..='Я' | 'Ё') || c.is_ascii();
    if !word.chars().all(simple) {
        return Cow::Owned(word.to_lowercase());
    }
    if !word.chars().any(|c| matches!(c, 'А'..='Я' | 'Ё' | 'A'..='Z')) {
        return Cow::Borrowed(word);
    }
    let lower = |c: char| match c {
        'Ё' => 'ё',
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c.to_ascii_lowercase(),
    };
    Cow::Owned(word.chars().map(lower).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<&str> {
        words(text, 0, text.len()).map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_hyphens_and_ranges() {
        let text = "лидер КНДР Ким Чен Ын, «Северный поток-2» - сказал";
        assert_eq!(word_texts(text), ["лидер", "КНДР", "Ким", "Чен", "Ын", "Северный", "поток-2", "сказал"]);
        let w = words(text, 0, text.len()).nth(2).unwrap();
        assert_eq!(&text[w.start..w.end], "Ким");
    }

    #[test]
    fn marks_and_invisible_characters_stay_inside_words() {
        let text =
            "за\u{301}мок, ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся \u{301}Идлиб и\u{200B}Идлиб горе\u{301} Мухин\u{200F}";
        let expected =
            ["за\u{301}мок", "ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся", "Идлиб", "и", "Идлиб", "горе\u{301}", "Мухин"];
        assert_eq!(word_texts(text), expected);
    }

    /// End of the paragraph (the next `\n`, or the end of the text) from `pos`.
    fn paragraph_end(text: &str, pos: usize) -> usize {
        text[pos..].find('\n').map_or(text.len(), |i| pos + i)
    }

    #[test]
    fn words_in_line_are_the_words_up_to_the_line_end() {
        let text = "«Да», — сказал он-\nПутин. Второй абзац\n\n- третий, поток-2 -";
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let bounded: Vec<Word<'_>> = words(text, from, paragraph_end(text, from)).collect();
            assert_eq!(words_in_line(text, from).collect::<Vec<_>>(), bounded, "from {from}");
        }
    }

    /// `word_end` one character at a time, as the definition reads.
    fn word_end_by_chars(s: &str, i: usize) -> usize {
        s[i..].char_indices().find(|&(_, c)| !is_word_char(c)).map_or(s.len(), |(k, _)| i + k)
    }

    proptest::proptest! {
        #[test]
        fn word_end_reads_four_cyrillic_letters_at_once_as_one_by_one(
            text in "[а-яёА-ЯЁ ,.a-z0-9\u{301}\u{AD}«»—ѣ҂҃ǅ]{0,40}",
        ) {
            for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(word_end(&text, i), word_end_by_chars(&text, i), "from {}", i);
            }
        }
    }

    #[test]
    fn lowercase_matches_std() {
        for word in ["Путин", "путин", "ЁЛКА", "RT", "Émile", "КНДР-2", "ΣΟΦΊΑ", ""] {
            assert_eq!(lowercase(word), word.to_lowercase(), "{word}");
        }
        assert!(matches!(lowercase("сказал"), Cow::Borrowed(_)));
    }

    #[test]
    fn capitalised_excludes_acronyms_and_reads_through_stress_marks() {
        let text = "Путин КНДР RT путин Ын И\u{301}длиб";
        let caps: Vec<bool> = words(text, 0, text.len()).map(|w| w.is_capitalised()).collect();
        assert_eq!(caps, [true, false, false, false, true, true]);
    }
}
