//! Stage 4: fold ё into е.
//!
//! Expects: tokens, preferably lowercased (an uppercase Ё is folded to Е too,
//! so the stage is correct in any order). Emits: the same tokens with every
//! `ё` replaced by `е` and `Ё` by `Е`.
//!
//! Russian writes ё as е in most printed text, so `партнёрстве` and
//! `партнерстве` are the same word and must meet in the index. The Snowball
//! Russian algorithm folds ё itself since 2018, but `rust-stemmers` predates
//! that: without this stage it stems 112 of the 49,785 words of the Snowball
//! test vocabulary differently from the reference output.
//!
//! ё and е both take two bytes in UTF-8, so the fold replaces in place.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter that folds ё to е.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FoldYo;

impl TokenFilter for FoldYo {
    type Tokenizer<T: Tokenizer> = FoldYoFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> FoldYoFilter<T> {
        FoldYoFilter { inner }
    }
}

/// [`FoldYo`] applied to a tokenizer.
#[derive(Clone, Debug)]
pub(crate) struct FoldYoFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for FoldYoFilter<T> {
    type TokenStream<'a> = FoldYoStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldYoStream { tail: self.inner.token_stream(text) }
    }
}

/// Token stream of [`FoldYoFilter`].
pub(crate) struct FoldYoStream<S> {
    tail: S,
}

impl<S: TokenStream> TokenStream for FoldYoStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        fold_yo(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Replaces every ё with е and Ё with Е, in place.
pub(crate) fn fold_yo(text: &mut String) {
    while let Some((at, replacement)) = find_yo(text) {
        // Same byte length, so this overwrites without moving the tail.
        text.replace_range(at..at + 2, replacement);
    }
}

/// The byte offset of the first ё or Ё and what replaces it.
///
/// Read as bytes: ё is `D1 91` and Ё `D0 81` in UTF-8. Their second bytes
/// are continuation bytes, so a text cannot begin with one, and `b & 0xEF
/// == 0x81` rules out every byte but those two at one comparison.
fn find_yo(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    for at in 1..bytes.len() {
        if bytes[at] & 0xEF == 0x81 {
            match (bytes[at - 1], bytes[at]) {
                (0xD1, 0x91) => return Some((at - 1, "е")),
                (0xD0, 0x81) => return Some((at - 1, "Е")),
                // `с` (`D1 81`), U+0111 `đ` (`C4 91`) and the like.
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        let mut text = text.to_string();
        fold_yo(&mut text);
        text
    }

    #[test]
    fn folds_lowercase_and_uppercase_yo() {
        assert_eq!(folded("партнёрстве"), "партнерстве");
        assert_eq!(folded("Ёлка"), "Елка");
        assert_eq!(folded("ёжёё"), "ежее");
    }

    #[test]
    fn leaves_other_text_alone() {
        assert_eq!(folded("партнерстве"), "партнерстве");
        assert_eq!(folded("Kursk"), "Kursk");
        assert_eq!(folded(""), "");
    }

    #[test]
    fn other_characters_with_the_same_last_byte_stay() {
        // U+0111 đ is `C4 91`, U+0101 ā `C4 81`, U+2011 `E2 80 91`.
        assert_eq!(folded("đā\u{2011}ё"), "đā\u{2011}е");
        assert_eq!(folded("ёđЁā"), "еđЕā");
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("{c}ё{c}Ё{c}");
            let expected: String = text
                .chars()
                .map(|c| match c {
                    'ё' => 'е',
                    'Ё' => 'Е',
                    c => c,
                })
                .collect();
            assert_eq!(folded(&text), expected, "{c:?}");
        }
    }

    #[test]
    fn keeps_byte_length() {
        let text = "актёр берёза";
        assert_eq!(folded(text).len(), text.len());
    }
}
