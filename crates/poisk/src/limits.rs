//! What one search may cost: caps on the query and the request, and a
//! time budget.
//!
//! A query comes from whoever types it, or over a network from anyone, so
//! every part of it that costs time or memory has a bound. Over a cap, poisk
//! does what Elasticsearch and Meilisearch do in the same place: a query the
//! user must shorten is an error (with the character position at fault, as
//! every query error), a number the user would accept lowered is lowered
//! with a warning in [`SearchResults::warnings`](crate::SearchResults::warnings).
//!
//! | cap | value | over it |
//! |---|---|---|
//! | query length | [`MAX_QUERY_CHARS`] characters | query error at the first character past it |
//! | words | [`MAX_WORDS`], counted between spaces and again as the analyzer splits them (`путин~2~2` is three) | query error at the first word past it |
//! | nesting of `(…)` and `-` | [`MAX_DEPTH`] levels | query error |
//! | prefix and typo words (`курск*`, `путен~1`) | [`MAX_EXPANDED_WORDS`] in the whole query | query error at the first word past it (Elasticsearch: `too_many_clauses`) |
//! | index terms per prefix or typo word | [`MAX_EXPANSIONS`] in each field, the most frequent | the rest left out (Elasticsearch: `max_expansions`) |
//! | typo distance | [`MAX_FUZZY_DISTANCE`] edits | query error |
//! | words allowed between the words of a phrase (`"…"~N`), or the distance of `NEAR/N` | [`MAX_SLOP`] | lowered, with a warning |
//! | the factor of a boost (`word^N`) | [`MAX_BOOST`] | lowered, with a warning |
//! | typo corrections tried when words find nothing | [`MAX_CORRECTED_WORDS`] words, each one lookup as `word~N`, within [`MAX_EXPANDED_WORDS`] and the time budget | the rest kept as typed |
//! | `offset + limit` | [`MAX_RESULT_WINDOW`] | [`Error::Request`](crate::Error::Request) (Elasticsearch: `index.max_result_window`) |
//! | a speaker's name ([`Match::speaker`](crate::search::Match::speaker), [`Searcher::quotes`](crate::Searcher::quotes)) | [`MAX_QUERY_CHARS`] characters, [`MAX_WORDS`] words | [`Error::Request`](crate::Error::Request) |
//! | snippets per hit | [`MAX_SNIPPETS`] | lowered, with a warning |
//! | quotes listed under an article hit | [`MAX_QUOTES_PER_HIT`] | lowered, with a warning |
//! | values listed per source or speaker facet | [`MAX_FACET_VALUES`] | lowered, with a warning (Meilisearch: `maxValuesPerFacet`) |
//! | hits with a score explanation | [`MAX_EXPLAINED_HITS`] | the rest unexplained, with a warning |
//! | time | [`DEFAULT_TIME_BUDGET`], or [`SearchRequest::time_budget`](crate::SearchRequest::time_budget) | the search stops and returns what it found, [`SearchResults::partial`](crate::SearchResults::partial) (Elasticsearch: `timed_out`) |
//!
//! Together the two expansion caps bound a query to
//! `MAX_EXPANDED_WORDS × MAX_EXPANSIONS` = 1,000 expanded index terms per
//! field, however the words are combined.
//!
//! ```
//! use poisk::{Error, SearchRequest, limits};
//!
//! let searcher = poisk::builtin::index()?.searcher()?;
//! let typos = vec!["путен~1"; limits::MAX_EXPANDED_WORDS + 1].join(" OR ");
//! match searcher.search(&SearchRequest::new(typos.as_str())) {
//!     // The first word past the cap: 21 words in, 11 characters each.
//!     Err(Error::Query { position, .. }) => assert_eq!(position, 11 * limits::MAX_EXPANDED_WORDS),
//!     other => panic!("expected a query error, got {other:?}"),
//! }
//! let far = searcher.search(&SearchRequest::new("Путин").offset(limits::MAX_RESULT_WINDOW));
//! assert!(matches!(far, Err(Error::Request { .. })));
//! let loose = searcher.search(&SearchRequest::new("\"Путин Пекин\"~1000"))?;
//! assert_eq!(loose.warnings, ["a phrase allows at most 100 words in between: ~1000 searched as ~100"]);
//! # Ok::<(), poisk::Error>(())
//! ```

use std::time::Duration;

/// The longest query, in characters (Unicode scalar values). A pasted
/// article of [`MAX_WORDS`] words is about 15,000.
pub const MAX_QUERY_CHARS: usize = 20_000;

/// The most words a query may have: a pasted article is a few hundred;
/// past this, each word only costs time (100,000 words took seconds to
/// compile and run). Counted between spaces, and again as the analyzer
/// splits the text into words (`северо-запад` is two, `путин~2~2` three).
pub const MAX_WORDS: usize = 2_000;

/// How deep parentheses and negations may nest; deeper input would be a
/// stack overflow.
pub const MAX_DEPTH: usize = 64;

/// The most prefix (`курск*`) and typo-tolerant (`путен~1`) words in one
/// query, counted after the analyzer (`северо-зап*~1` is two). Each looks
/// through the index's term dictionary when the query runs (a few
/// milliseconds per word and field on the news corpus), and stands for up
/// to [`MAX_EXPANSIONS`] terms. A footnote mark in pasted prose
/// (`Meta*`) is not a prefix and does not count.
pub const MAX_EXPANDED_WORDS: usize = 20;

/// At most this many index terms stand for one prefix or typo-tolerant word
/// in one field: those in the most documents (for a typo, the fewest edits
/// away first), as Elasticsearch's default `max_expansions`. [The query
/// language](crate#queries) in the crate docs shows prefixes and typos.
pub const MAX_EXPANSIONS: usize = 50;

/// The largest typo distance of `word~N`: from 3 edits on, most short stems
/// match most other short stems.
pub const MAX_FUZZY_DISTANCE: u8 = 2;

/// The most words a phrase may allow in between its words (`"…"~N`): a
/// larger `N` is searched as this one. Past a paragraph's length, more slop
/// finds the same articles as the words without quotes.
pub const MAX_SLOP: u32 = 100;

/// The largest factor of a boost (`word^N`): a larger one is searched as
/// this. A boost costs nothing to run; past a hundred, the boosted word
/// alone decides the ranking anyway.
pub const MAX_BOOST: u32 = 100;

/// How many words of one query the typo correction looks up: each is one
/// walk of the term dictionary, as a `word~N` is, and counts towards
/// [`MAX_EXPANDED_WORDS`] with the query's own prefix and typo words.
pub const MAX_CORRECTED_WORDS: usize = 5;

/// How far into the ranking a request may reach: `offset + limit` at most
/// this (Elasticsearch's `index.max_result_window`). The top of the ranking
/// is kept in memory while the search runs, so a limit of a billion would
/// need gigabytes; to read every match, narrow the query (dates, fields)
/// or use [`Searcher::timeline`](crate::Searcher::timeline) for counts.
pub const MAX_RESULT_WINDOW: usize = 10_000;

/// The most snippets per hit.
pub const MAX_SNIPPETS: usize = 20;

/// The most matching quotes listed under each article hit.
pub const MAX_QUOTES_PER_HIT: usize = 20;

/// The most values listed per source or speaker facet (the others are
/// counted together).
pub const MAX_FACET_VALUES: usize = 100;

/// The most near-duplicates listed under a hit
/// ([`Hit::duplicates`](crate::Hit::duplicates)).
pub const MAX_DUPLICATES_LISTED: usize = 20;

/// How many hits at most carry a score explanation
/// ([`SearchRequest::explain`](crate::SearchRequest::explain)); each costs
/// about as much as a small search.
pub const MAX_EXPLAINED_HITS: usize = 100;

/// How long a search or timeline runs at most unless the request sets its
/// own budget. Searches of the news corpus take milliseconds; a query that
/// takes longer than this is hostile or a mistake, and its results so far
/// are returned, marked partial.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(3);
