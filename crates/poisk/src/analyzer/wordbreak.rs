//! A fast path for UAX #29 word boundaries in Russian and English text.
//!
//! `unicode-segmentation` looks every character up in the Unicode word-break
//! tables, and on Cyrillic text that costs as much as stemming the words. Yet
//! news text is made of a few dozen kinds of characters whose word-break
//! property is known: Cyrillic and Latin letters, ASCII digits, spaces and
//! common punctuation. This module segments a *chunk* (a run of characters
//! between spaces, tabs and line breaks) that holds only such characters,
//! applying the UAX #29 rules that can fire between them (WB5–WB12: letters
//! and digits join; `.`, `'`, `’` and `:` join letters; `.`, `,`, `;` and `'`
//! join digits). A chunk with any other character is reported as unknown,
//! and the caller hands it to `unicode-segmentation`.
//!
//! Cutting the text at spaces, tabs and line breaks is exact: no UAX #29 rule
//! joins a letter or digit across them. The one rule that reaches across a
//! space (WB4: a combining mark sticks to the character before it) involves a
//! character outside the known set, so the caller falls back before the space.
//! The tests compare this module with `unicode-segmentation` character by
//! character, on arbitrary strings and on the news corpus.

use std::ops::Range;

/// The UAX #29 word-break class of a character in the fast path's set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Class {
    /// ALetter: Cyrillic and Latin letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// MidLetter (`:`, `·`): joins two letters.
    MidLetter,
    /// MidNum (`,`, `;`): joins two digits.
    MidNum,
    /// MidNumLet (`.`, `‘`, `’`) and Single_Quote (`'`): join letters or digits.
    MidNumLet,
    /// A character no rule joins to a word: punctuation, symbols.
    #[default]
    Other,
    /// Space, tab, line break: ends a chunk.
    Separator,
    /// Anything else; only `unicode-segmentation` knows its rules.
    Unknown,
}

/// The word-break class of `c`, or [`Class::Unknown`].
pub(crate) const fn classify(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{45F}' => Class::Letter,
        '0'..='9' => Class::Digit,
        ' ' | '\t' | '\n' | '\r' => Class::Separator,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Class::MidNumLet,
        ',' | ';' => Class::MidNum,
        ':' | '\u{B7}' => Class::MidLetter,
        // `_` is ExtendNumLet and joins words; `"` is Double_Quote, which only
        // matters next to Hebrew letters, and those fall back anyway.
        '_' => Class::Unknown,
        '!'..='/' | '<'..='@' | '['..='`' | '{'..='~' => Class::Other,
        // Guillemets, dashes, ellipsis, curly double quotes, numero sign,
        // no-break space, degree sign.
        '«' | '»' | '–' | '—' | '…' | '“' | '”' | '„' | '№' | '\u{A0}' | '°' => Class::Other,
        _ => Class::Unknown,
    }
}

/// Whether a word that ends in `before`, followed by the middle character
/// `mid`, continues with a character of class `after` (rules WB6/7, WB11/12).
fn joins(before: Class, mid: Class, after: Class) -> bool {
    match (before, after) {
        (Class::Letter, Class::Letter) => matches!(mid, Class::MidLetter | Class::MidNumLet),
        (Class::Digit, Class::Digit) => matches!(mid, Class::MidNum | Class::MidNumLet),
        _ => false,
    }
}

/// The words of one chunk, found in one pass.
#[derive(Debug, Default)]
struct ChunkScan {
    /// Start of the word being read.
    word_start: Option<usize>,
    /// Class of the word's last letter or digit.
    last: Class,
    /// A middle character just after the word: its offset and class.
    mid: Option<(usize, Class)>,
}

impl ChunkScan {
    /// Feeds the character `c` of class `class` at byte offset `at`.
    fn feed(&mut self, at: usize, class: Class, words: &mut Vec<Range<usize>>) {
        match class {
            Class::Letter | Class::Digit => self.word_char(at, class, words),
            Class::MidLetter | Class::MidNum | Class::MidNumLet if self.word_start.is_some() && self.mid.is_none() => {
                self.mid = Some((at, class));
            }
            _ => self.end_word(at, words),
        }
    }

    fn word_char(&mut self, at: usize, class: Class, words: &mut Vec<Range<usize>>) {
        if let Some((mid_at, mid)) = self.mid.take()
            && !joins(self.last, mid, class)
        {
            self.end_word(mid_at, words);
        }
        self.word_start.get_or_insert(at);
        self.last = class;
    }

    /// Ends the current word, if any, at `at`, or at its pending middle
    /// character, which then belongs to no word.
    fn end_word(&mut self, at: usize, words: &mut Vec<Range<usize>>) {
        let end = self.mid.take().map_or(at, |(mid_at, _)| mid_at);
        if let Some(start) = self.word_start.take() {
            words.push(start..end);
        }
    }
}

/// Scans the chunk of `text` that starts at `start` (just after separators),
/// pushing its words' byte ranges to `words`. Returns the chunk's end and
/// whether every character was known; when not, `words` holds garbage that
/// the caller must discard.
pub(crate) fn scan_chunk(text: &str, start: usize, words: &mut Vec<Range<usize>>) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut scan = ChunkScan::default();
    let mut at = start;
    while at < bytes.len() {
        // The character at `at` and its length, read from its bytes for
        // ASCII and Cyrillic (two bytes, lead 0xD0 or 0xD1) without
        // decoding it; the text is valid UTF-8.
        let (class, len) = match bytes[at] {
            b @ 0..=0x7F => (ASCII[usize::from(b)], 1),
            b @ (0xD0 | 0xD1) => {
                let second = bytes.get(at + 1).map_or(0, |&c| c & 0x3F);
                // U+0400..U+045F are letters, U+0460..U+047F unknown.
                let class = if b == 0xD1 && second >= 0x20 { Class::Unknown } else { Class::Letter };
                (class, 2)
            }
            _ => match text[at..].chars().next() {
                Some(c) => (classify(c), c.len_utf8()),
                None => break,
            },
        };
        match class {
            Class::Separator => {
                scan.end_word(at, words);
                return (at, true);
            }
            Class::Unknown => return (chunk_end(text, at), false),
            class @ (Class::Letter | Class::Digit) => {
                scan.feed(at, class, words);
                // More of the same class changes nothing in the scan's
                // state (the word goes on, its last class stays): skip
                // the run without feeding it character by character.
                at = run_end(bytes, at + len, class);
                continue;
            }
            class => scan.feed(at, class, words),
        }
        at += len;
    }
    scan.end_word(text.len(), words);
    (text.len(), true)
}

/// The end of the run of characters of `class` (a letter or a digit, as
/// [`classify`] tells them) that starts at `at`.
fn run_end(bytes: &[u8], mut at: usize, class: Class) -> usize {
    if class == Class::Digit {
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        return at;
    }
    while at < bytes.len() {
        match bytes[at] {
            b if b.is_ascii_alphabetic() => at += 1,
            // U+0400..U+043F; U+0440..U+045F (`D1 80`..`D1 9F`).
            0xD0 => at += 2,
            0xD1 if bytes.get(at + 1).is_some_and(|&c| c < 0xA0) => at += 2,
            _ => break,
        }
    }
    at
}

/// [`classify`] of every ASCII character, by its byte.
static ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = classify(b as u8 as char);
        b += 1;
    }
    table
};

/// The end of the chunk that holds byte offset `at`.
fn chunk_end(text: &str, at: usize) -> usize {
    text[at..].find([' ', '\t', '\n', '\r']).map_or(text.len(), |i| at + i)
}

/// The offset of the first non-separator byte at or after `at`.
pub(crate) fn skip_separators(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = at;
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r') {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    /// Words of `text` by `unicode-segmentation`, as (start, word).
    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect()
    }

    /// Words of one all-known chunk by the fast path.
    fn fast(text: &str) -> Vec<(usize, &str)> {
        let mut words = Vec::new();
        let (end, known) = scan_chunk(text, 0, &mut words);
        assert!(known && end == text.len(), "{text:?} is one known chunk");
        words.into_iter().map(|r| (r.start, &text[r])).collect()
    }

    fn assert_like_reference(text: &str) {
        assert_eq!(fast(text), reference(text), "words of {text:?}");
    }

    #[test]
    fn joins_letters_and_digits_by_their_middle_characters() {
        assert_like_reference("5,5%");
        assert_like_reference("3.14;2,7");
        assert_like_reference("Putin's");
        assert_like_reference("т.е.");
        assert_like_reference("U.S.A.");
        assert_like_reference("10:30");
        assert_like_reference("a:b");
        assert_like_reference("COVID-19");
        assert_like_reference("F-35A");
    }

    #[test]
    fn breaks_where_the_middle_character_does_not_join() {
        assert_like_reference("a.1");
        assert_like_reference("1.a");
        assert_like_reference("a..b");
        assert_like_reference("1,,2");
        assert_like_reference("слово.");
        assert_like_reference(".слово");
        assert_like_reference("«Аурус».");
    }

    #[test]
    fn every_known_character_has_the_class_unicode_gives_it() {
        let known: Vec<char> =
            (0..=0x10FFFF_u32).filter_map(char::from_u32).filter(|&c| classify(c) != Class::Unknown).collect();
        assert!(known.len() > 100);
        let neighbours = ['a', 'я', '5', '.', ',', ':', '\'', '-'];
        for &c in known.iter().filter(|&&c| classify(c) != Class::Separator) {
            for x in neighbours {
                for y in neighbours {
                    assert_like_reference(&format!("{x}{c}{y}"));
                    assert_like_reference(&format!("{x}{x}{c}{y}{y}"));
                }
            }
        }
    }

    /// `scan_chunk` as first written, one decoded character at a time.
    fn scan_chunk_by_chars(text: &str, start: usize, words: &mut Vec<Range<usize>>) -> (usize, bool) {
        let mut scan = ChunkScan::default();
        for (i, c) in text[start..].char_indices() {
            let at = start + i;
            match classify(c) {
                Class::Separator => {
                    scan.end_word(at, words);
                    return (at, true);
                }
                Class::Unknown => return (chunk_end(text, at), false),
                class => scan.feed(at, class, words),
            }
        }
        scan.end_word(text.len(), words);
        (text.len(), true)
    }

    proptest::proptest! {
        #[test]
        fn reading_bytes_gives_the_words_of_reading_characters(
            text in "[\u{400}-\u{47F}a-zA-Z0-9 .,:;'_«»—\u{301}\u{2019}\u{A0}\u{B7}ǅé\n-]{0,40}",
        ) {
            let mut at = 0;
            while at < text.len() {
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let got = scan_chunk(&text, at, &mut fast);
                proptest::prop_assert_eq!(got, scan_chunk_by_chars(&text, at, &mut slow), "from {}", at);
                if got.1 {
                    proptest::prop_assert_eq!(&fast, &slow);
                }
                at = skip_separators(&text, got.0.max(at + 1));
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
    }

    #[test]
    fn unknown_characters_end_the_fast_path() {
        let mut words = Vec::new();
        assert_eq!(scan_chunk("за\u{301}мок дом", 0, &mut words), ("за\u{301}мок".len(), false));
        words.clear();
        assert_eq!(scan_chunk("snake_case x", 0, &mut words), (10, false));
    }

    #[test]
    fn separators_end_a_chunk() {
        let mut words = Vec::new();
        assert_eq!(scan_chunk("дом,  сад", 0, &mut words), ("дом,".len(), true));
        assert_eq!(words, vec![0.."дом".len()]);
        assert_eq!(skip_separators("дом,  сад", "дом,".len()), "дом,  ".len());
    }
}
