//! poisk: full-text search for Russian news, and the quotations in it.
#![deny(missing_docs)]

mod analyzer;
mod article;
mod error;
mod quote;
mod snippet;

pub use analyzer::{AnalyzedToken, RUSSIAN_ANALYZER, analyze, russian_analyzer};
pub use article::{Article, Date, JsonlReader, parse_article, read_jsonl};
pub use error::{Error, Result};
pub use quote::{Attribution, AttributionMethod, Quote, extract_quotes};
pub use snippet::{Snippet, SnippetConfig, SnippetQuery, snippets};
