//! What a search asks for: what to match ([`Match`]: the query and its
//! filters, shared with timelines) and what to show of it ([`Show`]:
//! paging, order, snippets, quotes, explanations).
//!
//! These are plain data with no engine in them, so any search engine
//! behind a [`Searcher`](super::Searcher) answers the same request.

use std::time::Duration;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::index::Kind;
use serde::{Deserialize, Serialize};

use crate::limits::{DEFAULT_TIME_BUDGET, MAX_FACET_VALUES, MAX_QUOTES_PER_HIT, MAX_RESULT_WINDOW, MAX_SNIPPETS};
use crate::query::Node;
use crate::query::words::names_speaker;
use crate::quote::{QuoteKind, SpeakerKind};
use crate::snippet::SnippetConfig;

/// What to match: a query in poisk's query language, the kind of document,
/// and filters. A [`SearchRequest`] shows the best of what matches; a
/// [`TimelineRequest`](super::TimelineRequest) counts all of it.
///
/// A query with no words (empty, or `*`) matches every document the
/// filters let through, newest first: browsing rather than searching
/// (`Match::new("").source("ng.ru")`).
///
/// A `&str` or `String` is a [`Match`] of articles with no filters, so
/// `SearchRequest::new("Курской области")` works as it reads.
///
/// ```
/// use poisk::Kind;
/// use poisk::search::{Match, SearchRequest};
///
/// let request = SearchRequest::new(Match::new("Курской области").kind(Kind::Quote)).limit(5);
/// assert_eq!(request.matching.query, "Курской области");
/// assert_eq!(request.matching.kind, Kind::Quote);
/// assert_eq!(request.show.limit, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Match {
    /// The query (see the query language in the crate docs).
    pub query: String,
    /// Articles or quotes. A speaker, here or in the query
    /// (`speaker:путин`), means quotes whatever this says.
    pub kind: Kind,
    /// Only quotes by this speaker, in any form of the name (`Путина`,
    /// `Владимир Путин`). A name is held to the caps of a query's length
    /// and words ([`crate::limits`]).
    pub speaker: Option<String>,
    /// In a quote search: quotations (the default), the author's terms,
    /// or names in guillemets.
    pub quote_kind: QuoteKind,
    /// In a quote search: only quotes whose speaker is of this kind.
    pub speaker_kind: Option<SpeakerKind>,
    /// Only documents of this source (agency or site), exactly as the
    /// articles name it (`ng.ru`); the same as `source:ng.ru` in the query.
    pub source: Option<String>,
    /// Only documents dated on or after this day.
    pub since: Option<Date>,
    /// Only documents dated on or before this day.
    pub until: Option<Date>,
    /// Whether a query typed on the Latin keyboard layout by mistake
    /// (`rehcrjq j,kfcnb`) is retried on the Russian one (`курской
    /// области`) when it finds almost nothing; on by default. See
    /// [`SearchResults::corrected`](super::SearchResults::corrected).
    pub fix_layout: bool,
    /// Whether a word the index does not have (`Скрипль`), or one that
    /// finds almost nothing, is retried as the closest word form the index
    /// has in many more articles (`Скрипаль`), as Meilisearch's typo
    /// tolerance; on by default. See
    /// [`SearchResults::correction`](super::SearchResults::correction).
    pub fix_typos: bool,
}

impl Match {
    /// Articles matching `query`, with no filters.
    pub fn new(query: impl Into<String>) -> Match {
        Match {
            query: query.into(),
            kind: Kind::Article,
            speaker: None,
            quote_kind: QuoteKind::Quote,
            speaker_kind: None,
            source: None,
            since: None,
            until: None,
            fix_layout: true,
            fix_typos: true,
        }
    }

    /// Articles or quotes.
    #[must_use]
    pub fn kind(mut self, kind: Kind) -> Match {
        self.kind = kind;
        self
    }

    /// Only quotes by this speaker (any form of the name); implies
    /// [`Kind::Quote`].
    #[must_use]
    pub fn speaker(mut self, name: impl Into<String>) -> Match {
        self.speaker = Some(name.into());
        self.kind = Kind::Quote;
        self
    }

    /// Quotations, terms or names; implies [`Kind::Quote`].
    #[must_use]
    pub fn quote_kind(mut self, kind: QuoteKind) -> Match {
        self.quote_kind = kind;
        self.kind = Kind::Quote;
        self
    }

    /// Only quotes whose speaker is of this kind; implies [`Kind::Quote`].
    #[must_use]
    pub fn speaker_kind(mut self, kind: SpeakerKind) -> Match {
        self.speaker_kind = Some(kind);
        self.kind = Kind::Quote;
        self
    }

    /// Only documents of this source, as the articles name it.
    #[must_use]
    pub fn source(mut self, source: impl Into<String>) -> Match {
        self.source = Some(source.into());
        self
    }

    /// Only documents dated on or after this day.
    #[must_use]
    pub fn since(mut self, date: Date) -> Match {
        self.since = Some(date);
        self
    }

    /// Only documents dated on or before this day.
    #[must_use]
    pub fn until(mut self, date: Date) -> Match {
        self.until = Some(date);
        self
    }

    /// Whether a query typed on the wrong keyboard layout is retried (see
    /// [`Match::fix_layout`](Match#structfield.fix_layout)).
    #[must_use]
    pub fn fix_layout(mut self, fix: bool) -> Match {
        self.fix_layout = fix;
        self
    }

    /// Whether a word the index lacks is retried as the closest word it
    /// has (see [`Match::fix_typos`](Match#structfield.fix_typos)).
    #[must_use]
    pub fn fix_typos(mut self, fix: bool) -> Match {
        self.fix_typos = fix;
        self
    }

    /// The kind of document searched for `query` (this match's query,
    /// parsed, or its correction): quotes when a speaker or a kind of
    /// speaker is named, here or in the query (`speaker:…`, not excluded),
    /// or terms or names are asked for, else
    /// [`Match::kind`](Match#structfield.kind).
    ///
    /// ```
    /// use poisk::Kind;
    /// use poisk::search::Match;
    /// let parsed = poisk::query::parse("speaker:Путин санкции")?;
    /// assert_eq!(Match::new("speaker:Путин санкции").kind_searched(&parsed.node), Kind::Quote);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    pub fn kind_searched(&self, query: &Node) -> Kind {
        let quotes = self.speaker.is_some() || self.speaker_kind.is_some() || self.quote_kind != QuoteKind::Quote;
        if quotes || names_speaker(query) { Kind::Quote } else { self.kind }
    }
}

impl From<&str> for Match {
    fn from(query: &str) -> Match {
        Match::new(query)
    }
}

impl From<String> for Match {
    fn from(query: String) -> Match {
        Match::new(query)
    }
}

impl From<&String> for Match {
    fn from(query: &String) -> Match {
        Match::new(query.as_str())
    }
}

/// The order of hits (example: [the query language](crate#queries)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first (best match first within a day); undated documents
    /// last.
    Date,
}

/// What to show of the documents a search matches: which of them, in what
/// order, and with what around each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Show {
    /// How many hits at most (10 unless set). With the offset, at most
    /// [`MAX_RESULT_WINDOW`]: a request that reaches further is refused.
    pub limit: usize,
    /// How many of the best hits to skip, for paging.
    pub offset: usize,
    /// Best match first (the default), or newest first.
    pub sort: Sort,
    /// Snippet count and length; at most [`MAX_SNIPPETS`] snippets per hit
    /// (more is lowered, with a warning).
    pub snippets: SnippetConfig,
    /// How many matching quotes to list under each article hit (3 unless
    /// set); at most [`MAX_QUOTES_PER_HIT`] (more is lowered, with a
    /// warning).
    pub quotes_per_hit: usize,
    /// Whether each hit carries an
    /// [`Explanation`](super::Explanation) of its score (the first
    /// [`MAX_EXPLAINED_HITS`](crate::limits::MAX_EXPLAINED_HITS) hits).
    pub explain: bool,
    /// What to count the matches by, beside the hits
    /// ([`SearchResults::facets`](super::SearchResults::facets)).
    pub facets: Facets,
    /// Whether articles whose text is nearly the same as a better ranked
    /// hit's are left out, each hit listing them in
    /// [`Hit::duplicates`](super::Hit::duplicates) (on unless set; quotes
    /// are never collapsed). Ranks and paging count the hits shown;
    /// `total` counts every match.
    pub collapse: bool,
    /// How many values of a source or speaker facet to list, most
    /// frequent first (10 unless set); at most [`MAX_FACET_VALUES`] (more
    /// is lowered, with a warning). Years and months are all listed.
    pub facet_values: usize,
}

/// What matches can be counted by ([`SearchRequest::facet`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    /// The article's source (agency or site).
    Source,
    /// Whom a document quotes: a quote's speaker; for an article, each
    /// speaker it quotes (an article counts once for each).
    Speaker,
    /// The year of the article's date.
    Year,
    /// The month of the article's date, `2018-03`.
    Month,
}

impl Facet {
    /// Every facet, in the order results list them.
    pub const ALL: [Facet; 4] = [Facet::Source, Facet::Speaker, Facet::Year, Facet::Month];

    /// Its name: `source`, `speaker`, `year`, `month`.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Source => "source",
            Facet::Speaker => "speaker",
            Facet::Year => "year",
            Facet::Month => "month",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl std::str::FromStr for Facet {
    type Err = String;

    fn from_str(name: &str) -> std::result::Result<Facet, String> {
        Facet::ALL
            .into_iter()
            .find(|f| f.name() == name.trim())
            .ok_or_else(|| format!("{name:?} is not a facet: use source, speaker, year or month"))
    }
}

/// A set of [`Facet`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Facets(u8);

impl Facets {
    /// The set with `facet` in it too.
    #[must_use]
    pub fn with(self, facet: Facet) -> Facets {
        Facets(self.0 | facet.bit())
    }

    /// Whether `facet` is in the set.
    pub fn contains(self, facet: Facet) -> bool {
        self.0 & facet.bit() != 0
    }

    /// True for no facet.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The facets of the set, in the order of [`Facet::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Facet> {
        Facet::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Facet> for Facets {
    fn from_iter<I: IntoIterator<Item = Facet>>(facets: I) -> Facets {
        facets.into_iter().fold(Facets::default(), Facets::with)
    }
}

impl Default for Show {
    fn default() -> Show {
        Show {
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            snippets: SnippetConfig::default(),
            quotes_per_hit: 3,
            explain: false,
            facets: Facets::default(),
            collapse: true,
            facet_values: 10,
        }
    }
}

/// A search: what to match, what to show of it, and how long it may take.
///
/// The builder methods set what to show; what to match is a [`Match`], or
/// a query text for articles with no filters:
///
/// ```
/// use poisk::search::{Match, SearchRequest, Sort};
///
/// let simple = SearchRequest::new("Курской области").limit(5);
/// let narrow = SearchRequest::new(Match::new("России").speaker("Ким Чен Ына")).sort(Sort::Date).limit(2);
/// assert_eq!((simple.show.limit, narrow.show.sort), (5, Sort::Date));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SearchRequest {
    /// What to match.
    pub matching: Match,
    /// What to show of it.
    pub show: Show,
    /// How long the search may take (see [`SearchRequest::time_budget`]).
    pub time_budget: Duration,
}

impl SearchRequest {
    /// A search for what `matching` says, the best 10 hits.
    pub fn new(matching: impl Into<Match>) -> SearchRequest {
        SearchRequest { matching: matching.into(), show: Show::default(), time_budget: DEFAULT_TIME_BUDGET }
    }

    /// How many hits at most.
    #[must_use]
    pub fn limit(mut self, limit: usize) -> SearchRequest {
        self.show.limit = limit;
        self
    }

    /// How many of the best hits to skip (for paging).
    #[must_use]
    pub fn offset(mut self, offset: usize) -> SearchRequest {
        self.show.offset = offset;
        self
    }

    /// Best match first (the default), or newest first.
    #[must_use]
    pub fn sort(mut self, sort: Sort) -> SearchRequest {
        self.show.sort = sort;
        self
    }

    /// Snippet count and length (see [`Show::snippets`](Show#structfield.snippets)).
    #[must_use]
    pub fn snippets(mut self, config: SnippetConfig) -> SearchRequest {
        self.show.snippets = config;
        self
    }

    /// How many matching quotes to list under each article hit.
    #[must_use]
    pub fn quotes_per_hit(mut self, n: usize) -> SearchRequest {
        self.show.quotes_per_hit = n;
        self
    }

    /// Whether each hit carries an explanation of its score.
    #[must_use]
    pub fn explain(mut self, explain: bool) -> SearchRequest {
        self.show.explain = explain;
        self
    }

    /// Counts the matches by `facet` too, beside the hits (example:
    /// [`SearchResults::facets`](super::SearchResults::facets)).
    #[must_use]
    pub fn facet(mut self, facet: Facet) -> SearchRequest {
        self.show.facets = self.show.facets.with(facet);
        self
    }

    /// Whether near-duplicate articles are shown once (see
    /// [`Show::collapse`](Show#structfield.collapse)).
    #[must_use]
    pub fn collapse(mut self, collapse: bool) -> SearchRequest {
        self.show.collapse = collapse;
        self
    }

    /// How many values of a source or speaker facet to list.
    #[must_use]
    pub fn facet_values(mut self, n: usize) -> SearchRequest {
        self.show.facet_values = n;
        self
    }

    /// How long the search may take: [`DEFAULT_TIME_BUDGET`] unless set.
    /// When the time is up, the search stops where it is and returns what
    /// it found, with [`SearchResults::partial`](super::SearchResults::partial)
    /// set; `Duration::MAX` is no limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// use poisk::SearchRequest;
    ///
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let results = searcher.search(&SearchRequest::new("Пекин").time_budget(Duration::ZERO))?;
    /// assert!(results.partial);
    /// assert_eq!(results.total, 0); // no time to find anything
    /// assert!(!searcher.search(&SearchRequest::new("Пекин"))?.partial);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    #[must_use]
    pub fn time_budget(mut self, budget: Duration) -> SearchRequest {
        self.time_budget = budget;
        self
    }
}

impl Show {
    /// What to show within the caps of [`crate::limits`], and a warning
    /// for each number lowered.
    ///
    /// Every engine applies it before searching.
    ///
    /// # Errors
    /// [`Error::Request`] when `offset + limit` is past
    /// [`MAX_RESULT_WINDOW`].
    pub fn capped(&self) -> Result<(Show, Vec<String>)> {
        let reach = self.offset.saturating_add(self.limit);
        if reach > MAX_RESULT_WINDOW {
            let (offset, limit) = (self.offset, self.limit);
            return Err(Error::Request {
                message: format!(
                    "offset {offset} + limit {limit} reaches past the first {MAX_RESULT_WINDOW} results, \
                     as far as poisk ranks; narrow the query instead"
                ),
            });
        }
        let mut capped = *self;
        let mut warnings = Vec::new();
        if self.snippets.max_fragments > MAX_SNIPPETS {
            let asked = self.snippets.max_fragments;
            warnings.push(format!("at most {MAX_SNIPPETS} snippets per hit: {asked} lowered to {MAX_SNIPPETS}"));
            capped.snippets.max_fragments = MAX_SNIPPETS;
        }
        if self.quotes_per_hit > MAX_QUOTES_PER_HIT {
            let asked = self.quotes_per_hit;
            warnings
                .push(format!("at most {MAX_QUOTES_PER_HIT} quotes per hit: {asked} lowered to {MAX_QUOTES_PER_HIT}"));
            capped.quotes_per_hit = MAX_QUOTES_PER_HIT;
        }
        if self.facet_values > MAX_FACET_VALUES {
            let asked = self.facet_values;
            warnings
                .push(format!("at most {MAX_FACET_VALUES} values per facet: {asked} lowered to {MAX_FACET_VALUES}"));
            capped.facet_values = MAX_FACET_VALUES;
        }
        Ok((capped, warnings))
    }
}
