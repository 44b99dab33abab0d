//! Stage 5: Snowball Russian stemming.
//!
//! Expects: lowercase tokens with ё folded to е (stages 3 and 4); the
//! Snowball algorithm knows only lowercase Cyrillic, and `rust-stemmers`
//! does not fold ё itself. Emits: the same tokens with their text replaced by
//! its stem. Latin words and numbers pass through unchanged.
//!
//! Stems come from a per-analyzer [`StemCache`]; a clone of the analyzer
//! starts with an empty cache of its own, so indexing threads never share or
//! lock one.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::cache::StemCache;

/// Token filter that replaces each token with its Snowball Russian stem.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SnowballStem {
    cache_capacity: usize,
}

impl SnowballStem {
    /// A stemmer whose cache remembers at most `cache_capacity` words.
    pub(crate) fn with_cache(cache_capacity: usize) -> SnowballStem {
        SnowballStem { cache_capacity }
    }
}

impl TokenFilter for SnowballStem {
    type Tokenizer<T: Tokenizer> = SnowballStemFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> SnowballStemFilter<T> {
        SnowballStemFilter { inner, cache: StemCache::new(self.cache_capacity) }
    }
}

/// [`SnowballStem`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct SnowballStemFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for SnowballStemFilter<T> {
    type TokenStream<'a> = SnowballStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SnowballStemStream { tail: self.inner.token_stream(text), cache: &mut self.cache }
    }
}

/// Token stream of [`SnowballStemFilter`].
pub(crate) struct SnowballStemStream<'a, S> {
    tail: S,
    cache: &'a mut StemCache,
}

impl<S: TokenStream> TokenStream for SnowballStemStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem_in_place(&mut self.tail.token_mut().text);
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
        let mut analyzer =
            TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(SnowballStem::with_cache(8)).build();
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
        let mut analyzer =
            TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(SnowballStem::with_cache(8)).build();
        let mut stream = analyzer.token_stream("встреча лидеров");
        assert!(stream.advance());
        assert!(stream.advance());
        let t = stream.token();
        assert_eq!((t.text.as_str(), t.offset_from, t.offset_to, t.position), ("лидер", 15, 29, 1));
    }
}
