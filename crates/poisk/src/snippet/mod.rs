//! Snippets: the best sentences of a hit, with matched words highlighted.

use serde::{Deserialize, Serialize};

/// What to look for in a text: stems of single words and phrases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnippetQuery {
    /// Stems (as [`crate::analyze`] gives them) to highlight wherever they
    /// occur.
    pub terms: Vec<String>,
    /// Sequences of stems to highlight as whole phrases, with the number of
    /// extra words allowed between them (slop).
    pub phrases: Vec<(Vec<String>, u32)>,
}

/// Knobs of the snippet generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnippetConfig {
    /// How many fragments per text at most.
    pub max_fragments: usize,
    /// About how many characters a fragment may have.
    pub max_chars: usize,
}

impl Default for SnippetConfig {
    fn default() -> SnippetConfig {
        SnippetConfig { max_fragments: 2, max_chars: 200 }
    }
}

/// One fragment of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The fragment, exactly `text[start..end]` of the source text.
    pub text: String,
    /// Byte offset of the fragment in the source text.
    pub start: usize,
    /// Byte offset just past the fragment.
    pub end: usize,
    /// Byte ranges `[s, e]` of highlighted words inside [`Snippet::text`].
    pub highlights: Vec<(usize, usize)>,
    /// True when the fragment starts inside a sentence (show `…` before it).
    pub cut_before: bool,
    /// True when the fragment ends inside a sentence (show `…` after it).
    pub cut_after: bool,
}

/// Picks up to `config.max_fragments` fragments of `text`, best first.
pub fn snippets(text: &str, query: &SnippetQuery, config: &SnippetConfig) -> Vec<Snippet> {
    let _ = (text, query, config);
    Vec::new()
}

/// Byte ranges of every match of `query` in `text`, sorted.
pub fn highlights(text: &str, query: &SnippetQuery) -> Vec<(usize, usize)> {
    let _ = (text, query);
    Vec::new()
}
