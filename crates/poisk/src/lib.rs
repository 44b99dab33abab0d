//! poisk: full-text search for Russian news, and the quotations in it.
//!
//! poisk indexes news articles with a Russian analyzer (word segmentation,
//! lowercase, ё→е, Snowball stemming), extracts every «quotation» with its
//! speaker as a searchable unit of its own, and answers queries with BM25
//! ranking, phrase and proximity scoring, and ranked snippets whose byte
//! ranges any renderer can highlight. It is built on [tantivy].
//!
//! # Index the seed article, search it, print its quotes
//!
//! With `poisk` as a dependency, this is a whole program (inside
//! `fn main() -> Result<(), poisk::Error>`):
//!
//! ```
//! use poisk::{Index, SearchRequest};
//!
//! // An index in memory; `Index::create(dir)` / `Index::open(dir)` for one on disk.
//! let index = Index::in_memory()?;
//!
//! // Add articles, here the seed article built into poisk; each goes in
//! // with every «quotation» in it. Nothing is searchable before the commit.
//! let mut writer = index.writer()?;
//! writer.add_many(poisk::seed_articles()?)?;
//! writer.commit()?;
//!
//! // Search. `reload` sees the commit now rather than after a short delay.
//! let searcher = index.searcher()?;
//! searcher.reload()?;
//! let results = searcher.search(&SearchRequest::new("Курскую область"))?;
//! let hit = &results.hits[0];
//! assert_eq!(hit.title, "Путин и Ким Чен Ын проводят переговоры в Пекине");
//! println!("{} of {} matching articles: {}", results.hits.len(), results.total, hit.title);
//!
//! // Snippets are whole sentences; highlights are byte ranges inside them.
//! for snippet in &hit.snippets {
//!     let marked: Vec<&str> = snippet.highlights.iter().map(|&(s, e)| &snippet.text[s..e]).collect();
//!     println!("  {} [{}]", snippet.text, marked.join(", "));
//! }
//!
//! // Every quotation in the index, with its speaker.
//! let quotes = searcher.quotes(None)?;
//! assert_eq!(quotes.len(), 4); // «Аурус» is a car's name, not a quote
//! for quote in quotes.into_iter().filter_map(|hit| hit.quote) {
//!     let speaker = quote.speaker.as_deref().unwrap_or("(speaker unknown)");
//!     println!("{speaker}: «{}»", quote.text);
//! }
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! Your own articles are [`Article::new`]`(id, title, body)`, or come from
//! files with [`parse_article`] and [`read_jsonl`]. Every result type
//! ([`SearchResults`], [`Hit`], [`Snippet`], [`Quote`], [`Article`]) is plain
//! data that derives serde's `Serialize` and `Deserialize`.
//!
//! # Queries
//!
//! [`SearchRequest::new`] takes a query in poisk's query language; every
//! word matches in any of its forms (`Курскую` finds `Курской`):
//!
//! | query | finds |
//! |---|---|
//! | `Курской области` | all the words; when no document has them all, any of them ([`SearchResults::relaxed`]) |
//! | `"курской области"`, `"путин пекин"~3` | the phrase; `~N` allows N other words in between |
//! | `путин -песков`, `путин NOT песков` | without a word |
//! | `путин OR ким`, `(путин OR ким) пекин` | either word; grouping |
//! | `title:пекин`, `body:…` | in the title or the body only |
//! | `speaker:путина` | quotes whose speaker's name has that word |
//! | `date:2025-09`, `date:[2025-09-01 TO 2025-09-30]` | articles of a year, month, day or range |
//! | `курск*` | words beginning so, as written (at most [`MAX_EXPANSIONS`] of them) |
//! | `="Курской"` | exactly this word form, not stemmed |
//! | `путен~1` | one typo (or 2) away, on stems |
//!
//! The rest of a search is set on the request: [`Kind`] (articles or
//! quotes), a speaker, dates, [`Sort`], paging, snippet sizes,
//! explanations, a [time budget](SearchRequest::time_budget). A malformed
//! query is [`Error::Query`], with the character position at fault.
//!
//! Every search is bounded, so that a query from anyone cannot take the
//! machine: [`limits`] caps the query's length, words, prefix and typo
//! words, phrase slop, paging, snippets and explanations (a query past a
//! cap is an error, a number past one is lowered with a warning in
//! [`SearchResults::warnings`]), and a search that runs out of time returns
//! what it found so far, [`SearchResults::partial`].
//!
//! ```
//! use poisk::{Error, Kind, SearchRequest, Sort};
//!
//! let searcher = poisk::seed_index()?.searcher()?;
//! let total = |query: &str| searcher.search(&SearchRequest::new(query)).map(|r| r.total);
//! assert_eq!(total("\"курской области\"")?, 1);
//! assert_eq!(total("title:пекин -аурус")?, 0); // «Аурус» is in the body
//! assert_eq!(total("курско* date:2025-09")?, 1);
//! assert_eq!(total("путен~1")?, 1);
//!
//! // Quotes by a speaker in any form of the name, newest first, two at most.
//! let request = SearchRequest::new("России").speaker("Ким Чен Ына").sort(Sort::Date).limit(2);
//! let results = searcher.search(&request)?;
//! assert_eq!(results.hits[0].kind, Kind::Quote);
//!
//! // A query error names its position.
//! match searcher.search(&SearchRequest::new("путин (ким")) {
//!     Err(Error::Query { position, message }) => assert_eq!((position, message.as_str()), (6, "'(' is never closed")),
//!     other => panic!("expected a query error, got {other:?}"),
//! }
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
//! under [`RUSSIAN_ANALYZER`]. poisk re-exports the [`tantivy`] it is built
//! on, so such a schema needs no tantivy dependency of its own (or one of
//! the same version); `examples/custom_schema.rs` shows one.
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
//! [`Searcher`] is `Send + Sync` and cheap to clone (a clone shares the
//! same reader): share one, or clone one per thread. Each search runs on
//! the commit that was current when it started, so a writer never disturbs
//! it. One [`Writer`] per index at a time (a second one gets
//! [`Error::Locked`]); it is `Send`, so it may work on a thread of its own.
//! Searchers see each commit after a short delay, or at once after
//! [`Searcher::reload`].
//!
//! ```
//! use poisk::{Article, Index, SearchRequest};
//!
//! let index = Index::in_memory()?;
//! let searcher = index.searcher()?;
//! let mut writer = index.writer()?;
//! std::thread::scope(|scope| -> poisk::Result<()> {
//!     // Four readers, each with its own clone, search while the writer works.
//!     let readers: Vec<_> = (0..4)
//!         .map(|_| {
//!             let searcher = searcher.clone();
//!             scope.spawn(move || -> poisk::Result<usize> {
//!                 let mut seen = 0;
//!                 for _ in 0..20 {
//!                     let found = searcher.search(&SearchRequest::new("Пекин"))?.total;
//!                     assert!(found >= seen, "commits only add articles here");
//!                     seen = found;
//!                 }
//!                 Ok(seen)
//!             })
//!         })
//!         .collect();
//!     for i in 0..3 {
//!         writer.add(&Article::new(format!("note-{i}"), "Переговоры", "Встреча прошла в Пекине."))?;
//!         writer.commit()?;
//!     }
//!     for reader in readers {
//!         reader.join().expect("a reader panicked")?;
//!     }
//!     Ok(())
//! })?;
//! searcher.reload()?;
//! assert_eq!(searcher.num_articles(), 3);
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! # Examples
//!
//! The `examples/` folder of the repository holds runnable programs
//! (`cargo run -p poisk-examples --example NAME`); `examples/run.sh` runs
//! each and checks its output.
//!
//! - `embed`: index your own articles in memory and search them.
//! - `quotes`: who said what about a topic, in the seed article or your
//!   files (`quotes QUERY [PATH]`).
//! - `custom_schema`: poisk's Russian analyzer inside your own tantivy schema.
//! - `serve`: a minimal HTTP JSON endpoint, `GET /search?q=…&limit=…`, over
//!   a [`Searcher`].
//! - `eval`: ranking quality on the news corpus, against stock tantivy.
#![deny(missing_docs)]

mod analyzer;
mod article;
mod check;
mod directory;
mod document;
mod error;
mod index;
pub mod limits;
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
    Article, Articles, Date, InputFile, InputKind, JsonlReader, MAX_ID_BYTES, collect_inputs, parse_article,
    read_input, read_jsonl,
};
pub use check::{Damage, IndexCheck};
pub use document::quote_id;
pub use error::{Error, Result};
pub use index::{Index, Writer, WriterOptions};
pub use limits::MAX_EXPANSIONS;
pub use query::build::STOP_WORDS;
pub use query::explain::Explanation;
pub use quote::{Attribution, AttributionMethod, Quote, extract_quotes};
pub use search::{Hit, Kind, QuoteRef, SearchRequest, SearchResults, Searcher, Sort};
pub use seeds::{seed_articles, seed_index};
pub use snippet::{Snippet, SnippetConfig, SnippetQuery, highlight_all, snippets};
pub use stats::IndexStats;
/// The tantivy that poisk is built on, for schemas of your own that use
/// [`russian_analyzer`] (see `examples/custom_schema.rs`).
pub use tantivy;
pub use timeline::{Bucket, Interval, Timeline, TimelineRequest};

// The README's Rust examples run as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
