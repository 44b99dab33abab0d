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
//! writer.add_many(poisk::builtin::articles()?)?;
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
//! for quote in quotes.iter().filter_map(|hit| hit.quote()).map(|found| &found.quote) {
//!     let speaker = quote.speaker.as_deref().unwrap_or("(speaker unknown)");
//!     println!("{speaker}: «{}»", quote.text);
//! }
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! Your own articles are [`Article::new`]`(id, title, body)`, or come from
//! files through [`input`]. Every result type ([`SearchResults`], [`Hit`],
//! [`Snippet`](snippet::Snippet), [`Quote`], [`Article`]) is plain data that
//! derives serde's `Serialize` and `Deserialize`.
//!
//! # Where things are
//!
//! The root holds the nouns of a search: [`Index`], [`Writer`],
//! [`Searcher`], [`SearchRequest`], [`SearchResults`], [`Hit`], [`Kind`],
//! [`Article`], [`Quote`], [`Date`], [`Error`] and [`Result`]. The rest
//! lives in modules, each named for what it does:
//!
//! | module | what |
//! |---|---|
//! | [`search`] | requests ([`Match`](search::Match): what to match; [`Show`](search::Show): what to show), results, timelines, quotes and speakers |
//! | [`index`] | the index, its writer, statistics and checks, and the documents it holds |
//! | [`query`] | the query language: its parser and tree, and what a query highlights |
//! | [`input`] | reading articles: seed-format `.txt` files, JSONL, directories |
//! | [`quotes`] | quotations and their speakers, found in a body |
//! | [`snippet`] | the best fragments of a text, with highlights |
//! | [`analysis`] | the Russian analyzer: words, forms and stems |
//! | [`limits`] | the caps on what one request may cost |
//! | [`builtin`] | the seed articles compiled into poisk |
//! | [`tantivy`](mod@tantivy) | the engine underneath, for your own schemas: the only place its types appear |
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
//! | `курск*` | words beginning so, as written (at most [`MAX_EXPANSIONS`](limits::MAX_EXPANSIONS) of them) |
//! | `="Курской"` | exactly this word form, not stemmed |
//! | `путен~1` | one typo (or 2) away, on stems |
//!
//! What to match besides the query is a [`Match`](search::Match): [`Kind`]
//! (articles or quotes), a speaker, dates. What to show is set on the
//! request: [`Sort`](search::Sort), paging, snippet sizes, explanations, a
//! [time budget](SearchRequest::time_budget). A malformed query is
//! [`Error::Query`], with the character position at fault.
//!
//! Every search is bounded, so that a query from anyone cannot take the
//! machine: [`limits`] caps the query's length, words, prefix and typo
//! words, phrase slop, paging, snippets and explanations (a query past a
//! cap is an error, a number past one is lowered with a warning in
//! [`SearchResults::warnings`]), and a search that runs out of time returns
//! what it found so far, [`SearchResults::partial`].
//!
//! ```
//! use poisk::search::{Match, Sort};
//! use poisk::{Error, Kind, SearchRequest};
//!
//! let searcher = poisk::builtin::index()?.searcher()?;
//! let total = |query: &str| searcher.search(&SearchRequest::new(query)).map(|r| r.total);
//! assert_eq!(total("\"курской области\"")?, 1);
//! assert_eq!(total("title:пекин -аурус")?, 0); // «Аурус» is in the body
//! assert_eq!(total("курско* date:2025-09")?, 1);
//! assert_eq!(total("путен~1")?, 1);
//!
//! // Quotes by a speaker in any form of the name, newest first, two at most.
//! let request = SearchRequest::new(Match::new("России").speaker("Ким Чен Ына")).sort(Sort::Date).limit(2);
//! let results = searcher.search(&request)?;
//! assert_eq!(results.hits[0].kind, Kind::Quote);
//!
//! // A query error names its position.
//! match searcher.search(&SearchRequest::new("путин OR")) {
//!     Err(Error::Query { position, message }) => assert_eq!((position, message.as_str()), (8, "OR needs a word after it")),
//!     other => panic!("expected a query error, got {other:?}"),
//! }
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! # Quotes and speakers
//!
//! ```
//! let article = &poisk::builtin::articles()?[0];
//! let quotes = poisk::quotes::extract_quotes(&article.body);
//! assert_eq!(quotes.len(), 4); // «Аурус» is a car's name, not a quote
//! let debt = &quotes[2];
//! assert_eq!(debt.speaker.as_deref(), Some("Ким Чен Ын"));
//! assert_eq!(debt.attribution.as_ref().map(|a| a.mention.as_str()), Some("лидер КНДР"));
//! // `start..end` covers the guillemets in the body.
//! assert!(article.body[debt.start..debt.end].starts_with("«Если что-то есть"));
//!
//! // Search quotes only, by speaker in any form of the name.
//! let index = poisk::builtin::index()?;
//! let request = poisk::SearchRequest::new(poisk::search::Match::new("долг").speaker("Ким Чен Ына"));
//! let results = index.searcher()?.search(&request)?;
//! assert_eq!(results.hits[0].quote().map(|found| found.quote.start), Some(debt.start));
//! # Ok::<(), poisk::Error>(())
//! ```
//!
//! # The analyzer on its own
//!
//! ```
//! let tokens = poisk::analysis::analyze("В Курской области");
//! let stems: Vec<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
//! assert_eq!(stems, ["в", "курск", "област"]);
//! assert_eq!(&"В Курской области"[tokens[1].start..tokens[1].end], "Курской");
//! ```
//!
//! [`tantivy::russian_analyzer`] gives the same pipeline as a tantivy
//! `TextAnalyzer`, for your own schemas; [`tantivy::register_analyzers`]
//! registers it under [`tantivy::RUSSIAN_ANALYZER`]. [`poisk::tantivy`](mod@tantivy)
//! is the tantivy poisk is built on, so such a schema needs no tantivy
//! dependency of its own (or one of the same version);
//! `examples/custom_schema.rs` shows one.
//!
//! # Reading articles
//!
//! [`input::parse_article`] reads the seed format (` date YYYY-MM-DD Title`,
//! a blank line, paragraphs); [`input::read_jsonl`] reads JSONL,
//! gzip-compressed or not; [`input::collect_inputs`] and
//! [`input::read_input`] walk files and directories the way `poisk index`
//! does. Every input error names the file and line.
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
//! - `eval`: ranking quality on the news corpus, against stock tantivy.
//!
//! `poisk serve`, in the `poisk-cli` crate (`src/serve/`), puts a
//! [`Searcher`] behind axum: an HTTP JSON API and a search page.
#![deny(missing_docs)]

mod analyzer;
mod article;
pub mod builtin;
mod date;
mod error;
pub mod index;
pub mod limits;
pub mod query;
mod quote;
pub mod search;
pub mod snippet;
mod text;

pub use article::Article;
pub use date::Date;
pub use error::{Error, Result};
pub use index::{Index, Kind, Writer};
pub use quote::Quote;
pub use search::{Hit, SearchRequest, SearchResults, Searcher};

pub mod analysis {
    //! The Russian analyzer: from text to words, their normalised forms and
    //! their stems, with byte ranges.
    //!
    //! ```
    //! use poisk::analysis::{analyze, stem};
    //!
    //! let tokens = analyze("Военные Северной Кореи, 2025");
    //! let stems: Vec<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
    //! assert_eq!(stems, ["воен", "северн", "кор", "2025"]);
    //!
    //! // Byte ranges point into the text that was analysed.
    //! assert_eq!(tokens[1].text, "северной");
    //! assert_eq!((tokens[1].start, tokens[1].end), (15, 31));
    //!
    //! // The query side stems its words the same way.
    //! assert_eq!(stem("СЕВЕРНОЙ"), "северн");
    //! ```
    //!
    //! The same pipeline as a tantivy analyzer is in [`poisk::tantivy`](mod@crate::tantivy).

    pub use crate::analyzer::{AnalyzedToken, MAX_WORD_CHARS, analyze, stem};
}

pub mod input {
    //! Reading articles: seed-format `.txt` files, JSONL (gzip-compressed or
    //! not), and the files and directories of a command line. Every input
    //! error names the file and line.

    pub use crate::article::{
        Articles, InputFile, InputKind, JsonlReader, MAX_ID_BYTES, collect_inputs, parse_article, read_input,
        read_jsonl,
    };
}

pub mod quotes {
    //! Quotations: every «…» of a body that is speech, with its speaker and
    //! how the speaker was found.
    //!
    //! ```
    //! let article = &poisk::builtin::articles()?[0];
    //! let quotes = poisk::quotes::extract_quotes(&article.body);
    //! assert_eq!(quotes[2].speaker.as_deref(), Some("Ким Чен Ын"));
    //! # Ok::<(), poisk::Error>(())
    //! ```

    pub use crate::quote::{
        Attribution, AttributionMethod, Quote, QuoteKind, SpeakerKind, extract_quotes, extract_spans, index_keys,
        name_keys,
    };
}

pub mod tantivy {
    //! The search engine underneath, tantivy, for your own schemas and
    //! indexes: the one place where poisk's API names tantivy's types.
    //!
    //! It is the tantivy crate poisk is built on (all of it, re-exported), and
    //! poisk's Russian analyzer as tantivy `TextAnalyzer`s, to register under
    //! the names [`RUSSIAN_ANALYZER`] and [`EXACT_ANALYZER`] with
    //! [`register_analyzers`]. Using this tantivy, your schema cannot disagree
    //! with poisk's about versions; `examples/custom_schema.rs` shows one.
    //! Everything outside this module stays the same when poisk moves to
    //! another tantivy.

    pub use crate::analyzer::{EXACT_ANALYZER, RUSSIAN_ANALYZER, exact_analyzer, register_analyzers, russian_analyzer};
    #[doc(no_inline)]
    pub use ::tantivy::*;
}

// The README's Rust examples run as doctests, so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
