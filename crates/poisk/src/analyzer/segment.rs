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
//! Hyphenated compounds (`Народно-Демократической`, `северо-восток`) are split
//! into their parts: UAX #29 treats `-` as a boundary. Each part is a word
//! with its own stem and consecutive positions, so the query side matches the
//! compound by turning it into a phrase of its parts. Keeping compounds whole
//! would make `демократической` unfindable inside them.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// Tokenizer that emits the UAX #29 words of a text.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordTokenizer {
    token: Token,
}

/// Token stream of [`WordTokenizer`]; borrows the tokenizer's token so that
/// the text buffer is reused from one text to the next.
pub(crate) struct WordStream<'a> {
    bounds: UWordBoundIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            bounds: text.split_word_bound_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, segment) in self.bounds.by_ref() {
            if is_word(segment) {
                set_token(self.token, start, segment);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A UAX #29 segment is a word when it holds a letter or a digit; the other
/// segments are runs of spaces, single punctuation marks or symbols.
fn is_word(segment: &str) -> bool {
    // `any` stops at the first letter, which for a word is its first char.
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
            &[
                "Путин",
                "сказал",
                "что",
                "военные",
                "Северной",
                "Кореи",
                "участвовали",
                "в",
                "боевых",
                "действиях",
            ],
        );
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_words(
            "в 2025 году рост 5,5% и 3.14",
            &["в", "2025", "году", "рост", "5,5", "и", "3.14"],
        );
    }

    #[test]
    fn keeps_latin_words_and_apostrophes() {
        assert_words(
            "CentralAsia (CA) - Kursk, Putin's",
            &["CentralAsia", "CA", "Kursk", "Putin's"],
        );
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
        assert_words(
            "«Я очень рад» — сказал он",
            &["Я", "очень", "рад", "сказал", "он"],
        );
    }

    #[test]
    fn stress_mark_stays_inside_the_word() {
        // U+0301 COMBINING ACUTE ACCENT is Extend: no boundary before it.
        assert_words("за́мок", &["за\u{301}мок"]);
    }

    #[test]
    fn offsets_and_positions_point_into_the_text() {
        let text = "Лидер КНДР, 2025";
        let got = words(text);
        assert_eq!(
            got,
            vec![
                ("Лидер".into(), 0, 10, 0),
                ("КНДР".into(), 11, 19, 1),
                ("2025".into(), 21, 25, 2),
            ]
        );
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
}
