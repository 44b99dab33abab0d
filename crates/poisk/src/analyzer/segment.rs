//! Stage 1: split text into words by Unicode word boundaries (UAX #29).
//!
//! Expects: any UTF-8 text. Emits: one token per UAX #29 word that holds at
//! least one letter or digit, with its byte range in the input and a 0-based
//! position. Whitespace, punctuation, emoji and other symbols are dropped.
//!
//! UAX #29 is the right tool for Russian news because it keeps together what
//! a reader sees as one word: `5,5` and `2025` (digits joined by `,` or `.`),
//! `Putin's` and `т.е` (letters joined by an apostrophe or a full stop). It
//! also lets combining stress marks (`а́`) and soft hyphens ride along inside
//! the word instead of splitting it, which a plain "is alphanumeric" scan such
//! as tantivy's `SimpleTokenizer` gets wrong.
//!
//! Stage 2 (`normalize.rs`) runs here too, on each word that
//! `unicode-segmentation` cut: it takes out the stress marks and invisible
//! characters that UAX #29 keeps inside words. A word of the fast path is
//! made of characters that stage leaves alone, so it costs nothing there.
//! The token's byte range still covers the word as written.
//!
//! Hyphenated compounds (`Народно-Демократической`, `северо-восток`) are split
//! into their parts: UAX #29 treats `-` as a boundary. Each part is a word
//! with its own stem and consecutive positions, so the query side matches the
//! compound by turning it into a phrase of its parts. Keeping compounds whole
//! would make `демократической` unfindable inside them.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

use super::normalize::normalize_in_place;
use super::wordbreak::{scan_chunk, skip_separators};

/// Tokenizer that emits the UAX #29 words of a text.
///
/// Chunks of text between spaces that hold only common characters go
/// through the fast path of `wordbreak.rs`; the others through
/// `unicode-segmentation`. Both give the same words.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordTokenizer {
    token: Token,
    words: Vec<Range<usize>>,
    /// Scratch space of `normalize_in_place`.
    buffer: String,
}

/// Token stream of [`WordTokenizer`]; borrows the tokenizer's buffers so that
/// they are reused from one text to the next.
pub(crate) struct WordStream<'a> {
    text: &'a str,
    token: &'a mut Token,
    /// Where the next chunk starts (or separators before it).
    pos: usize,
    /// End of the last chunk that the fast path segmented: a word boundary
    /// that no UAX #29 rule looks across, where a fallback can begin.
    safe: usize,
    /// The words of the current fast-path chunk, and the next one to emit.
    words: &'a mut Vec<Range<usize>>,
    next_word: usize,
    /// The segments of a fallback region, and the region's offset.
    fallback: Option<(usize, UWordBoundIndices<'a>)>,
    buffer: &'a mut String,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        self.words.clear();
        WordStream {
            text,
            token: &mut self.token,
            pos: 0,
            safe: 0,
            words: &mut self.words,
            next_word: 0,
            fallback: None,
            buffer: &mut self.buffer,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(word) = self.words.get(self.next_word).cloned() {
                self.next_word += 1;
                set_token(self.token, word.start, &self.text[word]);
                return true;
            }
            if self.advance_fallback() {
                return true;
            }
            if !self.next_chunk() {
                return false;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl WordStream<'_> {
    /// Emits the next word of the fallback region, if any.
    fn advance_fallback(&mut self) -> bool {
        let Some((base, bounds)) = &mut self.fallback else {
            return false;
        };
        for (start, segment) in bounds.by_ref() {
            if is_word(segment) {
                set_token(self.token, *base + start, segment);
                // Only here can a word hold a stress mark or an invisible
                // character: the fast path knows none of them.
                normalize_in_place(&mut self.token.text, self.buffer);
                return true;
            }
        }
        self.fallback = None;
        false
    }

    /// Segments the next chunk, by the fast path or, if it holds characters
    /// the fast path does not know, by `unicode-segmentation`. Returns false
    /// at the end of the text.
    fn next_chunk(&mut self) -> bool {
        let start = skip_separators(self.text, self.pos);
        if start >= self.text.len() {
            return false;
        }
        self.words.clear();
        self.next_word = 0;
        let (end, known) = scan_chunk(self.text, start, self.words);
        if known {
            self.safe = end;
            self.pos = end;
        } else {
            self.words.clear();
            let end = self.unknown_run_end(end);
            let region = &self.text[self.safe..end];
            self.fallback = Some((self.safe, region.split_word_bound_indices()));
            self.pos = end;
        }
        true
    }

    /// The end of the run of unknown chunks that starts with the chunk
    /// ending at `end`: a fallback region must not end where the next region
    /// would have to start after an unknown character.
    fn unknown_run_end(&mut self, mut end: usize) -> usize {
        loop {
            let start = skip_separators(self.text, end);
            if start >= self.text.len() {
                return end;
            }
            let (next_end, known) = scan_chunk(self.text, start, self.words);
            self.words.clear();
            if known {
                return end;
            }
            end = next_end;
        }
    }
}

/// A UAX #29 segment is a word when it holds a letter or a digit; the other
/// segments are runs of spaces, single punctuation marks or symbols.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// Overwrites `token` with the next word, reusing its text buffer.
fn set_token(token: &mut Token, start: usize, word: &str) {
    token.position = token.position.wrapping_add(1);
    token.offset_from = start;
    token.offset_to = start + word.len();
    token.text.clear();
    token.text.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (text, start, end, position) of every token of `text`.
    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn assert_words(text: &str, expected: &[&str]) {
        let got: Vec<String> = words(text).into_iter().map(|w| w.0).collect();
        assert_eq!(got, expected, "words of {text:?}");
    }

    #[test]
    fn splits_russian_sentence_and_drops_punctuation() {
        assert_words(
            "Путин сказал, что военные Северной Кореи участвовали в боевых действиях.",
            &["Путин", "сказал", "что", "военные", "Северной", "Кореи", "участвовали", "в", "боевых", "действиях"],
        );
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_words("в 2025 году рост 5,5% и 3.14", &["в", "2025", "году", "рост", "5,5", "и", "3.14"]);
    }

    #[test]
    fn keeps_latin_words_and_apostrophes() {
        assert_words("CentralAsia (CA) - Kursk, Putin's", &["CentralAsia", "CA", "Kursk", "Putin's"]);
    }

    #[test]
    fn splits_hyphenated_compounds() {
        assert_words(
            "Корейской Народно-Демократической Республики",
            &["Корейской", "Народно", "Демократической", "Республики"],
        );
    }

    #[test]
    fn guillemets_and_dashes_are_not_words() {
        assert_words("«Я очень рад» — сказал он", &["Я", "очень", "рад", "сказал", "он"]);
    }

    #[test]
    fn stress_mark_stays_inside_the_word_and_leaves_its_text() {
        // U+0301 COMBINING ACUTE ACCENT is Extend: no boundary before it.
        let text = "за\u{301}мок";
        assert_eq!(words(text), [("замок".to_string(), 0, text.len(), 0)]);
    }

    #[test]
    fn offsets_and_positions_point_into_the_text() {
        let text = "Лидер КНДР, 2025";
        let got = words(text);
        assert_eq!(got, vec![("Лидер".into(), 0, 10, 0), ("КНДР".into(), 11, 19, 1), ("2025".into(), 21, 25, 2),]);
        for (word, start, end, _) in got {
            assert_eq!(&text[start..end], word);
        }
    }

    #[test]
    fn empty_and_punctuation_only_texts_have_no_words() {
        assert_words("", &[]);
        assert_words(" «» — !?…\n", &[]);
    }

    #[test]
    fn positions_restart_for_each_text() {
        let mut tokenizer = WordTokenizer::default();
        tokenizer.token_stream("один два три").process(&mut |_| {});
        let mut stream = tokenizer.token_stream("четыре");
        assert!(stream.advance());
        assert_eq!(stream.token().position, 0);
    }

    /// Words of `text` by `unicode-segmentation` alone, normalised.
    fn reference(text: &str) -> Vec<(String, usize, usize)> {
        let normalized = |word: &str| {
            let mut word = word.to_string();
            normalize_in_place(&mut word, &mut String::new());
            word
        };
        text.split_word_bound_indices()
            .filter(|(_, w)| is_word(w))
            .map(|(start, w)| (normalized(w), start, start + w.len()))
            .collect()
    }

    fn assert_like_reference(text: &str) {
        let got: Vec<(String, usize, usize)> = words(text).into_iter().map(|(w, s, e, _)| (w, s, e)).collect();
        assert_eq!(got, reference(text), "words of {text:?}");
    }

    #[test]
    fn mixes_fast_and_fallback_chunks() {
        assert_like_reference("дом за\u{301}мок сад snake_case 5\u{202F}000 лес");
        assert_like_reference("  \u{301}слово и \u{903}");
        assert_like_reference("a.\u{301}b c\u{3000} \u{903}d");
        assert_like_reference("🇷🇺🇷🇺 флаг 👨\u{200D}👩 семья");
        assert_like_reference("שלום\"א עברית");
    }

    #[test]
    fn seed_article_words_are_those_of_unicode_segmentation() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
        let text = std::fs::read_to_string(path).expect("seed article is in the repository");
        assert_like_reference(&text);
    }

    #[test]
    #[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
    fn corpus_words_are_those_of_unicode_segmentation() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz");
        let file = std::fs::File::open(path).expect("the corpus");
        let lines = std::io::BufRead::lines(std::io::BufReader::new(flate2::read::GzDecoder::new(file)));
        for line in lines.take(1_000) {
            let article: serde_json::Value = serde_json::from_str(&line.expect("gzip line")).expect("JSON line");
            for field in ["title", "body"] {
                assert_like_reference(article[field].as_str().unwrap_or_default());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn tricky_text_has_the_words_of_unicode_segmentation(
            text in "[аяЁzZ09 \t\n.,;:'’_\"«»—\u{301}\u{AD}\u{200D}\u{202F}\u{3000}\u{903}אアｱ🇷👩-]{0,24}"
        ) {
            let got: Vec<(String, usize, usize)> = words(&text).into_iter().map(|(w, s, e, _)| (w, s, e)).collect();
            proptest::prop_assert_eq!(got, reference(&text));
        }

        #[test]
        fn any_text_has_the_words_of_unicode_segmentation(text in proptest::prelude::any::<String>()) {
            let got: Vec<(String, usize, usize)> = words(&text).into_iter().map(|(w, s, e, _)| (w, s, e)).collect();
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }
}
