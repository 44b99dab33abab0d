//! poisk: full-text search for Russian news, and the quotations in it.
//!
//! poisk indexes news articles with a Russian analyzer (word segmentation,
//! lowercase, ё→е, Snowball stemming), extracts every «quotation» with its
//! speaker as a searchable unit of its own, and answers queries with BM25
//! ranking, phrase and proximity scoring, and ranked snippets whose byte
//! ranges any renderer can highlight. It is built on [tantivy].
//!
//! # Index and search
//!
//! ```
//! use poisk::{Index, SearchRequest};
//!
//! // An index in memory; `Index::create(dir)` / `Index::open(dir)` for one on disk.
//! let index = Index::in_memory()?;
//! let mut writer = index.writer()?;
//! for article in poisk::seed_articles()? {
//!     writer.add(&article)?; // the article and each of its quotes
//! }
//! writer.commit()?;
//!
//! let searcher = index.searcher()?;
//! searcher.reload()?; // see the commit now rather than after a short delay
//! let results = searcher.search(&SearchRequest::new("Курскую область"))?;
//! let hit = &results.hits[0];
//! assert_eq!(hit.title, "Путин и Ким Чен Ын проводят переговоры в Пекине");
//!
//! // Snippets are whole sentences; highlights are byte ranges inside them.
//! let snippet = &hit.snippets[0];
//! let marked: Vec<&str> = snippet.highlights.iter().map(|&(s, e)| &snippet.text[s..e]).collect();
//! assert_eq!(marked, ["Курской", "области"]);
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! # Quotes and speakers
//!
//! ```
//! let article = &poisk::seed_articles()?[0];
//! let quotes = poisk::extract_quotes(&article.body);
//! assert_eq!(quotes.len(), 4); // «Аурус» is a car's name, not a quote
//! let debt = &quotes[2];
//! assert_eq!(debt.speaker.as_deref(), Some("Ким Чен Ын"));
//! assert_eq!(debt.attribution.as_ref().map(|a| a.mention.as_str()), Some("лидер КНДР"));
//! // `start..end` covers the guillemets in the body.
//! assert!(article.body[debt.start..debt.end].starts_with("«Если что-то есть"));
//!
//! // Search quotes only, by speaker in any form of the name.
//! let index = poisk::seed_index()?;
//! let request = poisk::SearchRequest::new("долг").speaker("Ким Чен Ына");
//! let results = index.searcher()?.search(&request)?;
//! assert_eq!(results.hits[0].quote.as_ref().map(|q| q.start), Some(debt.start));
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! # The analyzer on its own
//!
//! ```
//! let tokens = poisk::analyze("В Курской области");
//! let stems: Vec<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
//! assert_eq!(stems, ["в", "курск", "област"]);
//! assert_eq!(&"В Курской области"[tokens[1].start..tokens[1].end], "Курской");
//! ```
//!
//! [`russian_analyzer`] gives the same pipeline as a tantivy
//! `TextAnalyzer`, for your own schemas; [`register_analyzers`] registers it
//! under [`RUSSIAN_ANALYZER`].
//!
//! # Reading articles
//!
//! [`parse_article`] reads the seed format (` date YYYY-MM-DD Title`, a blank
//! line, paragraphs); [`read_jsonl`] reads JSONL, gzip-compressed or not;
//! [`collect_inputs`] and [`read_input`] walk files and directories the way
//! `poisk index` does. Every input error names the file and line.
//!
//! # Threads
//!
//! [`Searcher`] is `Send + Sync` and cheap to clone: share one, or clone one
//! per thread. One [`Writer`] per index at a time (a second one gets
//! [`Error::Locked`]); searchers see each commit.
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
mod statistics;
mod stats;
mod timeline;

pub use analyzer::{
    AnalyzedToken, EXACT_ANALYZER, MAX_WORD_CHARS, RUSSIAN_ANALYZER, analyze, exact_analyzer, register_analyzers,
    russian_analyzer, stem,
};
pub use article::{
    Article, Articles, Date, InputFile, InputKind, JsonlReader, collect_inputs, parse_article, read_input, read_jsonl,
};
pub use document::quote_id;
pub use error::{Error, Result};
pub use index::{Index, Writer, WriterOptions};
pub use query::expand::MAX_EXPANSIONS;
pub use query::explain::Explanation;
pub use quote::{Attribution, AttributionMethod, Quote, extract_quotes};
pub use search::{Hit, Kind, QuoteRef, SearchRequest, SearchResults, Searcher, Sort};
pub use seeds::{seed_articles, seed_index};
pub use snippet::{Snippet, SnippetConfig, SnippetQuery, highlight_all, snippets};
pub use stats::IndexStats;
pub use timeline::{Bucket, Interval, Timeline, TimelineRequest};

// The README's Rust examples run as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
