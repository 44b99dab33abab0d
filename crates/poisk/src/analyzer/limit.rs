//! Stage 2: drop words longer than a number of characters.
//!
//! Expects: tokens from any tokenizer. Emits: the same tokens, minus those
//! whose text has more than `max_chars` characters (Unicode scalar values).
//! Positions are left untouched, so a dropped word leaves a gap and phrases
//! do not match across it.
//!
//! tantivy's `RemoveLongFilter` counts UTF-8 bytes, and a Cyrillic letter
//! takes two, so its usual limit of 40 silently drops every Russian word of
//! 20 letters or more (`благотворительность`, `предусмотрительностью`). This
//! stage counts characters instead. The longest word of the Snowball Russian
//! vocabulary has 23 letters; 40 characters keeps every real word and still
//! drops the junk that long tokens usually are (URLs without separators,
//! base64, runs of digits).

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The word length limit of poisk's analyzers, in characters: longer
/// words are not indexed (counted in characters, not bytes, so a long
/// Cyrillic word is not cut short).
///
/// ```
/// let long = "а".repeat(poisk::analysis::MAX_WORD_CHARS + 1);
/// assert!(poisk::analysis::analyze(&long).is_empty());
/// assert_eq!(poisk::analysis::analyze(&long[2..]).len(), 1);
/// ```
pub const MAX_WORD_CHARS: usize = 40;

/// Token filter that drops tokens longer than a number of characters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CharLimit {
    max_chars: usize,
}

impl CharLimit {
    /// Keeps tokens of at most `max_chars` characters.
    pub(crate) fn new(max_chars: usize) -> CharLimit {
        CharLimit { max_chars }
    }
}

impl TokenFilter for CharLimit {
    type Tokenizer<T: Tokenizer> = CharLimitFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CharLimitFilter<T> {
        CharLimitFilter { max_chars: self.max_chars, inner }
    }
}

/// [`CharLimit`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct CharLimitFilter<T> {
    max_chars: usize,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CharLimitFilter<T> {
    type TokenStream<'a> = CharLimitStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CharLimitStream { max_chars: self.max_chars, tail: self.inner.token_stream(text) }
    }
}

/// Token stream of [`CharLimitFilter`].
pub(crate) struct CharLimitStream<S> {
    max_chars: usize,
    tail: S,
}

impl<S: TokenStream> TokenStream for CharLimitStream<S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            if fits(&self.tail.token().text, self.max_chars) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Whether `text` has at most `max_chars` characters.
fn fits(text: &str, max_chars: usize) -> bool {
    // A character takes at least one byte, so short texts need no counting.
    text.len() <= max_chars || text.chars().count() <= max_chars
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

    use super::*;

    fn kept(text: &str, max_chars: usize) -> Vec<(String, usize)> {
        let mut analyzer =
            TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(CharLimit::new(max_chars)).build();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 20 letters, 40 bytes: tantivy's RemoveLongFilter::limit(40) keeps
        // only tokens shorter than 40 bytes, so it drops this word.
        let word = "благотворительностью";
        assert_eq!(word.chars().count(), 20);
        assert_eq!(kept(word, MAX_WORD_CHARS), vec![(word.to_string(), 0)]);
        assert_eq!(kept("предусмотрительностью", MAX_WORD_CHARS).len(), 1);
    }

    #[test]
    fn limit_is_inclusive() {
        let forty = "я".repeat(40);
        let forty_one = "я".repeat(41);
        assert_eq!(kept(&forty, 40).len(), 1);
        assert!(kept(&forty_one, 40).is_empty());
    }

    #[test]
    fn dropped_word_leaves_a_position_gap() {
        let text = format!("до {} после", "x".repeat(41));
        assert_eq!(kept(&text, 40), vec![("до".to_string(), 0), ("после".to_string(), 2)]);
    }

    #[test]
    fn fits_counts_multibyte_characters() {
        assert!(fits("ёжик", 4));
        assert!(!fits("ёжики", 4));
        assert!(fits("", 0));
    }
}
