//! Finding the query's words and phrases in a text.
//!
//! Query stems come from [`crate::analysis::analyze`], and a word matches a stem when
//! the analyzer gives that word that stem. Stemming every word of a 100 KB
//! body would cost far more than the rest of the snippet, so the matcher
//! relies on a property of Snowball's Russian stemmer: it only removes
//! suffixes, so a stem is a prefix of the lowercased, ё-folded word. Each
//! word is folded character by character and compared with the stems as it
//! goes; only the rare word that starts with some stem is analysed to confirm
//! the match. Nothing is allocated per word.
//!
//! Words are those of `crate::text` (runs of letters and digits, with the
//! stress marks and invisible characters inside them), so a word that the
//! analyzer would keep whole across `.` or `'` (`ria.ru`) is seen in parts
//! here; query words like that are not highlighted.
//!
//! Exact word forms and prefixes pass the same prefix test (a word begins
//! with them too); the confirmation then compares the folded word itself
//! instead of its stem.

use super::SnippetQuery;
use crate::analyzer::analyze;
use crate::text::{char_at, fold, is_accent, is_word_char, word_end, word_start};
use std::ops::Range;

/// At most this many distinct stems take part in matching (a bit mask of
/// candidate stems per word); further ones are ignored.
pub(super) const MAX_KEYS: usize = 64;

/// One occurrence of a query stem in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    /// Index of the stem in the matcher.
    pub key: usize,
    /// Byte range of the word in the text.
    pub start: usize,
    pub end: usize,
    /// Word position in the text (0-based, counting all words).
    pub pos: u32,
    /// Index of the sentence that holds the word (0 until the caller sets
    /// it).
    pub sentence: u32,
}

/// One occurrence of a query phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PhraseHit {
    /// Index of the phrase in the matcher.
    pub phrase: usize,
    /// From the start of the first word to the end of the last one.
    pub start: usize,
    pub end: usize,
    /// Sentences of the first and the last word.
    pub first_sentence: u32,
    pub last_sentence: u32,
}

/// How a word must relate to a key to match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The word's stem is the key.
    Stem,
    /// The folded word is the key.
    Exact,
    /// The folded word begins with the key.
    Prefix,
}

/// A query stem (or word form, or prefix), folded for the prefix test.
#[derive(Debug)]
struct Key {
    /// The stem as the analyzer gives it (or the folded form), to confirm
    /// candidates.
    stem: String,
    /// Its characters, folded like the words of the text.
    chars: Vec<char>,
    mode: Mode,
    /// True when the stem is a query term of its own, highlighted anywhere;
    /// false when it occurs only in phrases.
    term: bool,
}

/// A query phrase: stems in order, with the total number of extra words
/// allowed between them.
#[derive(Debug)]
struct Phrase {
    keys: Vec<usize>,
    slop: u32,
}

/// The query, prepared for scanning texts.
#[derive(Debug)]
pub(super) struct Matcher {
    keys: Vec<Key>,
    phrases: Vec<Phrase>,
    /// The keys a word may have by its first character, for ASCII
    /// (`[0, 128)`, by byte) and U+0400..U+047F (`[128, 256)`): most words
    /// of a text are ruled out by one lookup, without decoding or folding.
    first: Box<[u64; 256]>,
}

impl Matcher {
    /// Prepares `query`; empty stems are ignored.
    pub fn new(query: &SnippetQuery) -> Matcher {
        let mut matcher = Matcher { keys: Vec::new(), phrases: Vec::new(), first: Box::new([0; 256]) };
        let terms = [(&query.terms, Mode::Stem), (&query.exact, Mode::Exact), (&query.prefixes, Mode::Prefix)];
        for (words, mode) in terms {
            for word in words {
                if let Some(key) = matcher.key(word, mode) {
                    matcher.keys[key].term = true;
                }
            }
        }
        for (phrases, mode) in [(&query.phrases, Mode::Stem), (&query.exact_phrases, Mode::Exact)] {
            for (words, slop) in phrases {
                let keys: Option<Vec<usize>> = words.iter().map(|s| matcher.key(s, mode)).collect();
                if let Some(keys) = keys.filter(|k| !k.is_empty()) {
                    matcher.phrases.push(Phrase { keys, slop: *slop });
                }
            }
        }
        // Each key's first character in the forms that fold to it.
        for (i, key) in matcher.keys.iter().enumerate() {
            let c = key.chars[0];
            let forms = [c, c.to_uppercase().next().unwrap_or(c)].into_iter();
            let forms = forms.chain(if c == 'е' { ['ё', 'Ё'].as_slice() } else { &[] }.iter().copied());
            for form in forms.filter(|&f| fold(f) == c) {
                if let Some(slot) = first_slot(form) {
                    matcher.first[slot] |= 1 << i;
                }
            }
        }
        matcher
    }

    /// Index of the key for `stem` in `mode`, added if new; None when the
    /// stem is empty or there are too many.
    fn key(&mut self, stem: &str, mode: Mode) -> Option<usize> {
        let chars: Vec<char> = stem.chars().map(fold).filter(|&c| !is_accent(c)).collect();
        if chars.is_empty() {
            return None;
        }
        if let Some(found) = self.keys.iter().position(|k| k.chars == chars && k.mode == mode) {
            return Some(found);
        }
        if self.keys.len() == MAX_KEYS {
            return None;
        }
        let stem = chars.iter().collect();
        self.keys.push(Key { stem, chars, mode, term: false });
        Some(self.keys.len() - 1)
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of distinct stems.
    #[cfg(test)]
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Whether stem `key` is highlighted wherever it occurs.
    pub fn is_term(&self, key: usize) -> bool {
        self.keys[key].term
    }

    /// Appends the hits in `text[range]` to `out`; `pos` counts words across
    /// calls.
    pub fn scan(&self, text: &str, range: Range<usize>, pos: &mut u32, out: &mut Vec<Hit>) {
        let base = range.start;
        let s = &text[range];
        let mut i = 0;
        while let Some(start) = word_start(s, i) {
            let (end, mask) = self.match_word(s, start);
            if mask != 0 {
                self.confirm(&s[start..end], base + start, mask, *pos, out);
            }
            *pos += 1;
            i = end;
        }
    }

    /// The end of the word at `start`, and the keys it may have: folds and
    /// compares characters while some key is still possible, then only looks
    /// for the end of the word.
    fn match_word(&self, s: &str, start: usize) -> (usize, u64) {
        let bytes = s.as_bytes();
        // U+0400..U+047F is `0xD0 | 0xD1` and a byte `0b10xx_xxxx`.
        let (mut mask, next) = match (bytes[start], bytes.get(start + 1)) {
            (b, _) if b < 0x80 => (self.first[usize::from(b)], start + 1),
            (lead @ (0xD0 | 0xD1), Some(&low)) => (self.first[cyrillic_slot(lead, low)], start + 2),
            _ => {
                let (c, n) = char_at(s, start);
                (self.first_mask(fold(c)), start + n)
            }
        };
        if mask == 0 {
            return (word_end(s, next), 0);
        }
        let mut chars = s[next..].char_indices();
        let mut len = 1;
        while mask != 0 {
            match chars.next() {
                Some((_, c)) if is_word_char(c) => {
                    if !is_accent(c) {
                        mask = self.advance(mask, len, fold(c));
                        len += 1;
                    }
                }
                Some((k, _)) => return (next + k, mask & self.fits_mask(len)),
                None => return (s.len(), mask & self.fits_mask(len)),
            }
        }
        (word_end(s, next + chars.offset()), 0)
    }

    /// Keys whose first character is `c`.
    fn first_mask(&self, c: char) -> u64 {
        let mut mask = 0;
        for (i, key) in self.keys.iter().enumerate() {
            if key.chars[0] == c {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// `mask` without the keys whose character at `at` is not `c`.
    fn advance(&self, mut mask: u64, at: usize, c: char) -> u64 {
        let mut rest = mask;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if self.keys[i].chars.get(at).is_some_and(|&k| k != c) {
                mask &= !(1 << i);
            }
        }
        mask
    }

    /// Keys no longer than `len` characters.
    fn fits_mask(&self, len: usize) -> u64 {
        let mut mask = 0;
        for (i, key) in self.keys.iter().enumerate() {
            if key.chars.len() <= len {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// Analyses a candidate word and records the keys it really has.
    fn confirm(&self, word: &str, offset: usize, mask: u64, pos: u32, out: &mut Vec<Hit>) {
        for token in analyze(word) {
            let mut rest = mask;
            while rest != 0 {
                let key = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let k = &self.keys[key];
                let matches = match k.mode {
                    Mode::Stem => token.stem == k.stem,
                    Mode::Exact => token.text == k.stem,
                    Mode::Prefix => token.text.starts_with(&k.stem),
                };
                if matches {
                    let (start, end) = (offset + token.start, offset + token.end);
                    out.push(Hit { key, start, end, pos, sentence: 0 });
                }
            }
        }
    }

    /// Appends every occurrence of every phrase among `hits` (in text order)
    /// to `out`.
    pub fn phrase_hits(&self, hits: &[Hit], out: &mut Vec<PhraseHit>) {
        for (phrase, p) in self.phrases.iter().enumerate() {
            for (i, first) in hits.iter().enumerate() {
                if first.key != p.keys[0] {
                    continue;
                }
                if let Some(last) = follow(hits, i, &p.keys[1..], p.slop) {
                    out.push(PhraseHit {
                        phrase,
                        start: first.start,
                        end: last.end,
                        first_sentence: first.sentence,
                        last_sentence: last.sentence,
                    });
                }
            }
        }
    }
}

/// The slot of [`Matcher::first`] for character `c`; `None` outside
/// ASCII and U+0400..U+047F.
fn first_slot(c: char) -> Option<usize> {
    let mut utf8 = [0; 4];
    match *c.encode_utf8(&mut utf8).as_bytes() {
        [b] => Some(usize::from(b)),
        [lead @ (0xD0 | 0xD1), low] => Some(cyrillic_slot(lead, low)),
        _ => None,
    }
}

/// The slot of [`Matcher::first`] for the character U+0400..U+047F whose
/// UTF-8 is `lead` (`0xD0` or `0xD1`) and `low`.
fn cyrillic_slot(lead: u8, low: u8) -> usize {
    128 | usize::from(lead & 1) << 6 | usize::from(low & 0x3F)
}

/// The last hit of the phrase whose first word is `hits[i]`, followed by
/// `keys` in order with at most `slop` extra words in all. Taking the
/// earliest next word each time is optimal: it leaves the most slop.
fn follow<'h>(hits: &'h [Hit], i: usize, keys: &[usize], mut slop: u32) -> Option<&'h Hit> {
    let mut last = &hits[i];
    let mut j = i + 1;
    for &key in keys {
        let limit = last.pos.saturating_add(1).saturating_add(slop);
        let next = hits[j..]
            .iter()
            .position(|h| h.pos > limit || (h.pos > last.pos && h.key == key))
            .map(|k| j + k)
            .filter(|&k| hits[k].pos <= limit)?;
        slop -= hits[next].pos - last.pos - 1;
        last = &hits[next];
        j = next + 1;
    }
    Some(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::analyze;

    const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");

    fn stem(word: &str) -> String {
        analyze(word).remove(0).stem
    }

    fn query(terms: &[&str], phrases: &[(&str, u32)]) -> SnippetQuery {
        SnippetQuery {
            terms: terms.iter().map(|w| stem(w)).collect(),
            phrases: phrases
                .iter()
                .map(|(p, slop)| (analyze(p).into_iter().map(|t| t.stem).collect(), *slop))
                .collect(),
            ..SnippetQuery::default()
        }
    }

    /// The words of `text` that `query` marks, phrases included.
    fn marked<'t>(text: &'t str, query: &SnippetQuery) -> Vec<&'t str> {
        let matcher = Matcher::new(query);
        let (mut hits, mut found) = (Vec::new(), Vec::new());
        matcher.scan(text, 0..text.len(), &mut 0, &mut hits);
        matcher.phrase_hits(&hits, &mut found);
        let terms = hits.iter().filter(|h| matcher.is_term(h.key)).map(|h| (h.start, h.end));
        let mut ranges: Vec<(usize, usize)> = terms.chain(found.iter().map(|p| (p.start, p.end))).collect();
        ranges.sort_unstable();
        ranges.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn the_first_character_table_agrees_with_folding() {
        let words = ["европа", "ёж", "путин", "nato", "2018", "ђак", "ѣ", "щ"];
        let query = SnippetQuery { prefixes: words.map(String::from).to_vec(), ..SnippetQuery::default() };
        let matcher = Matcher::new(&query);
        let letters = (0u8..128).map(char::from).chain('\u{400}'..='\u{47f}');
        for c in letters {
            let slot = first_slot(c).unwrap();
            assert_eq!(matcher.first[slot], matcher.first_mask(fold(c)), "{c:?}");
        }
        // `Е`, `е`, `Ё` and `ё` all begin a word of `европа` and of `ёж`.
        assert_eq!(matcher.first[first_slot('Ё').unwrap()], 0b11);
    }

    #[test]
    fn exact_forms_match_only_as_written() {
        let text = "Курская область, в Курской области, КУРСКОЙ и курскоЙ, Курскую";
        let exact = SnippetQuery { exact: vec!["курской".into()], ..SnippetQuery::default() };
        assert_eq!(marked(text, &exact), ["Курской", "КУРСКОЙ", "курскоЙ"]);
        let phrase = SnippetQuery {
            exact_phrases: vec![(vec!["курской".into(), "области".into()], 0)],
            ..SnippetQuery::default()
        };
        assert_eq!(marked(text, &phrase), ["Курской области"]);
        // ё is folded on both sides.
        let yo = SnippetQuery { exact: vec!["партнерстве".into()], ..SnippetQuery::default() };
        assert_eq!(marked(SEED, &yo), ["партнёрстве", "партнерстве"]);
    }

    #[test]
    fn prefixes_match_every_word_that_begins_so() {
        let text = "Курская область, курско-белгородская граница, Курск и курсы";
        let prefix = SnippetQuery { prefixes: vec!["курск".into()], ..SnippetQuery::default() };
        assert_eq!(marked(text, &prefix), ["Курская", "курско", "Курск"]);
    }

    /// The words hit by `terms` in `text`, all in one sentence.
    fn words<'t>(text: &'t str, terms: &[&str]) -> Vec<&'t str> {
        let matcher = Matcher::new(&query(terms, &[]));
        let mut hits = Vec::new();
        matcher.scan(text, 0..text.len(), &mut 0, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    fn phrases<'t>(text: &'t str, phrase: &str, slop: u32) -> Vec<&'t str> {
        let matcher = Matcher::new(&query(&[], &[(phrase, slop)]));
        let (mut hits, mut found) = (Vec::new(), Vec::new());
        matcher.scan(text, 0..text.len(), &mut 0, &mut hits);
        matcher.phrase_hits(&hits, &mut found);
        found.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn matches_inflected_forms() {
        let text = "Курская область, в Курской области, Курскую область и курский";
        assert_eq!(words(text, &["Курской"]), ["Курская", "Курской", "Курскую", "курский"]);
        assert_eq!(words(SEED, &["КНДР"]).len(), 6);
        let putin = ["Путин", "Путин", "Путин", "Путин", "Путин", "Путин", "Путина", "Путиным"];
        assert_eq!(words(SEED, &["Путиным"]), putin);
    }

    #[test]
    fn folds_yo_and_case() {
        assert_eq!(words("ЁЛКА, ёлки и елка", &["ёлку"]), ["ЁЛКА", "ёлки", "елка"]);
        assert_eq!(words(SEED, &["ведется"]), ["ведётся"]);
    }

    #[test]
    fn stress_marks_soft_hyphens_and_format_characters_are_read_through() {
        let text = "И\u{301}длиба, ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся; \u{202A}Идлиба\u{202C} и\u{200B}Идлиба";
        assert_eq!(
            words(text, &["Идлиба", "используют"]),
            ["И\u{301}длиба", "ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся", "Идлиба\u{202C}", "Идлиба"]
        );
    }

    #[test]
    fn a_common_prefix_is_not_a_match() {
        // `путин` starts with the stem of `путь`, but has its own stem.
        assert_eq!(words("Путин выбрал путь, пути и путём", &["путь"]), ["путь", "пути", "путём"]);
    }

    #[test]
    fn offsets_are_relative_to_the_text() {
        let text = "Ким Чен Ын. Путин приехал.";
        let matcher = Matcher::new(&query(&["путин"], &[]));
        let mut hits = Vec::new();
        let (mut pos, start) = (3, text.find("Путин").unwrap());
        matcher.scan(text, start..text.len(), &mut pos, &mut hits);
        assert_eq!(hits, [Hit { key: 0, start, end: start + "Путин".len(), pos: 3, sentence: 0 }]);
        assert_eq!(pos, 5);
    }

    #[test]
    fn finds_phrases_with_slop() {
        let text = "Курской области, область Курской, Курской и Белгородской областей";
        assert_eq!(phrases(text, "курская область", 0), ["Курской области"]);
        assert_eq!(phrases(text, "курская область", 2), ["Курской области", "Курской и Белгородской областей"]);
        assert_eq!(phrases(SEED, "Курской области", 0).len(), 3);
        assert_eq!(phrases(SEED, "братским долгом", 0), ["братским долгом", "братским долгом"]);
    }

    #[test]
    fn phrase_only_stems_are_not_terms() {
        let matcher = Matcher::new(&query(&["Путин"], &[("Курской области", 0)]));
        assert_eq!(matcher.key_count(), 3);
        assert!(matcher.is_term(0) && !matcher.is_term(1) && !matcher.is_term(2));
    }

    #[test]
    fn empty_query_matches_nothing() {
        assert!(Matcher::new(&SnippetQuery::default()).is_empty());
        let blank = SnippetQuery { terms: vec![String::new()], phrases: vec![(vec![], 1)], ..SnippetQuery::default() };
        assert!(Matcher::new(&blank).is_empty());
    }

    /// The prefix test is only sound if every stem the analyzer gives is a
    /// prefix of the folded word; check it over Snowball's test vocabulary.
    #[test]
    fn analyzer_stems_are_prefixes_of_folded_words() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/snowball-russian/voc.txt");
        let vocabulary = std::fs::read_to_string(path).expect("the vocabulary is in the repository");
        let mut checked = 0;
        for word in vocabulary.lines() {
            for token in analyze(word) {
                let folded: String = word[token.start..token.end].chars().map(fold).collect();
                assert!(folded.starts_with(&token.stem), "{word}: stem {} is not a prefix", token.stem);
                checked += 1;
            }
        }
        assert!(checked > 40_000, "checked only {checked} words");
    }
}
