//! The Russian analyzer: segmentation, lowercase, ё→е, Snowball stemming.
//!
//! PLACEHOLDER implementation: the staged pipeline replaces it.

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;
use unicode_segmentation::UnicodeSegmentation;

/// Name under which the Russian analyzer is registered with tantivy.
pub const RUSSIAN_ANALYZER: &str = "poisk_ru";

/// One word of analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzedToken {
    /// The word, lowercased, with ё folded to е.
    pub text: String,
    /// The Snowball stem of [`AnalyzedToken::text`]: what the index stores.
    pub stem: String,
    /// Byte offset of the word in the analysed text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// 0-based word position.
    pub position: usize,
}

/// Analyses `text` into words with their stems and byte ranges.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Russian);
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .enumerate()
        .map(|(position, (start, w))| {
            let lower = w.to_lowercase().replace('ё', "е");
            let stem = stemmer.stem(&lower).into_owned();
            AnalyzedToken { text: lower, stem, start, end: start + w.len(), position }
        })
        .collect()
}

/// The analyzer as a tantivy [`TextAnalyzer`].
pub fn russian_analyzer() -> TextAnalyzer {
    todo!("tantivy analyzer")
}

/// Name of the analyzer without stemming, for exact word forms.
pub const EXACT_ANALYZER: &str = "poisk_ru_exact";

/// The analyzer without stemming.
pub fn exact_analyzer() -> TextAnalyzer {
    todo!("exact analyzer")
}
