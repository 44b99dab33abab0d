//! poisk: full-text search for Russian news, and the quotations in it.
#![deny(missing_docs)]

mod analyzer;
mod article;
mod document;
mod error;
mod index;
mod query;
mod quote;
mod schema;
mod search;
mod seeds;
mod snippet;

pub use analyzer::{
    AnalyzedToken, EXACT_ANALYZER, MAX_WORD_CHARS, RUSSIAN_ANALYZER, analyze, exact_analyzer, register_analyzers,
    russian_analyzer, stem,
};
pub use article::{
    Article, Articles, Date, InputFile, InputKind, JsonlReader, collect_inputs, parse_article, read_input, read_jsonl,
};
pub use error::{Error, Result};
pub use index::{Index, Writer, WriterOptions};
pub use quote::{Attribution, AttributionMethod, Quote, extract_quotes};
pub use search::{Hit, Kind, QuoteRef, SearchRequest, SearchResults, Searcher};
pub use seeds::{seed_articles, seed_index};
pub use snippet::{Snippet, SnippetConfig, SnippetQuery, highlight_all, snippets};

// The README's Rust examples run as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
