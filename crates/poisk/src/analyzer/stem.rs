//! Stage 5: Snowball Russian stemming.
//!
//! Expects: lowercase tokens with ё folded to е (stages 3 and 4); the
//! Snowball algorithm knows only lowercase Cyrillic, and `rust-stemmers`
//! does not fold ё itself. Emits: the same tokens with their text replaced by
//! its stem. Latin words and numbers pass through unchanged.
//!
//! Stems come from a [`StemCache`] per thread ([`thread_cache`]), shared by
//! every analyzer and field on that thread: tantivy gives each field of each
//! segment writer a clone of the analyzer, and a cache per clone multiplied
//! its memory by fields × threads and started cold after every flush.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use std::cell::RefCell;
use std::rc::Rc;

use super::cache::{StemCache, stem_with, thread_cache};

/// Token filter that replaces each token with its Snowball Russian stem.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SnowballStem;

impl TokenFilter for SnowballStem {
    type Tokenizer<T: Tokenizer> = SnowballStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> SnowballStemFilter<T> {
        SnowballStemFilter { inner }
    }
}

/// [`SnowballStem`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct SnowballStemFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SnowballStemFilter<T> {
    type TokenStream<'a> = SnowballStemStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballStemStream { tail: self.inner.token_stream(text), cache: thread_cache() }
    }
}

/// Token stream of [`SnowballStemFilter`].
pub(crate) struct SnowballStemStream<S> {
    tail: S,
    /// This thread's cache, looked up once per text rather than per token.
    cache: Rc<RefCell<StemCache>>,
}

impl<S: TokenStream> TokenStream for SnowballStemStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_with(&self.cache, &mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

    use super::*;

    fn stems(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(SnowballStem).build();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.text.clone());
        }
        out
    }

    #[test]
    fn stems_each_token() {
        assert_eq!(stems("военного парада прошел блестяще"), ["воен", "парад", "прошел", "блестящ"]);
    }

    #[test]
    fn latin_and_numbers_pass_through() {
        assert_eq!(stems("kursk 2025 5,5"), ["kursk", "2025", "5,5"]);
    }

    #[test]
    fn keeps_offsets() {
        let mut analyzer = TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(SnowballStem).build();
        let mut stream = analyzer.token_stream("встреча лидеров");
        assert!(stream.advance());
        assert!(stream.advance());
        let t = stream.token();
        assert_eq!((t.text.as_str(), t.offset_from, t.offset_to, t.position), ("лидер", 15, 29, 1));
    }
}
