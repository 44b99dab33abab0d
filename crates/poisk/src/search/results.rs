//! What a search answers: [`SearchResults`] holding [`Hit`]s, each an
//! article with its matching quotes or one quote ([`HitKind`]), and how a
//! hit is made from a stored document.
//!
//! Like the requests, these are plain data with no engine in them.

use serde::{Deserialize, Serialize};

use super::Explanation;
use super::request::Facet;
use crate::date::Date;
use crate::index::{Kind, Stored};
use crate::quote::Quote;
use crate::snippet::{Finder, Snippet};

/// The answer to one [`SearchRequest`](super::SearchRequest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many documents match in all (not only those returned).
    pub total: usize,
    /// True when no document had all the words, so any of them was enough.
    pub relaxed: bool,
    /// The query that was searched instead of the one given, when that one
    /// was typed on the Latin keyboard layout by mistake (`курской области`
    /// for `rehcrjq j,kfcnb`) or has a word the index does not have
    /// (`Скрипаль` for `Скрипль`); [`SearchResults::correction`] says which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// Why [`SearchResults::corrected`] was searched instead of the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// Milliseconds spent searching and making snippets.
    pub took_ms: f64,
    /// True when the search stopped at its time budget
    /// ([`SearchRequest::time_budget`](super::SearchRequest::time_budget)):
    /// `total` counts the matches found until then, and the hits are the
    /// best of those (or fewer, when the time ran out while they were
    /// loaded).
    #[serde(default)]
    pub partial: bool,
    /// What poisk lowered to keep the request within its caps
    /// ([`crate::limits`]), in words for people: a phrase's slop, the
    /// snippets per hit, explanations for the first hits only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// The matches counted by each facet the request asked for
    /// ([`SearchRequest::facet`](super::SearchRequest::facet)), in the
    /// order of [`Facet::ALL`]: all the matches, not only the hits shown.
    ///
    /// ```
    /// use poisk::search::{Facet, Match, SearchRequest};
    ///
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let results = searcher.search(&SearchRequest::new(Match::new("")).facet(Facet::Year).facet(Facet::Source))?;
    /// let [source, year] = &results.facets[..] else { panic!("two facets") };
    /// assert_eq!((source.facet, year.facet), (Facet::Source, Facet::Year));
    /// let counted: usize = year.values.iter().map(|v| v.count).sum();
    /// assert_eq!(counted + year.missing, results.total);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<FacetCounts>,
}

/// The matches of a search counted by one [`Facet`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCounts {
    /// What they are counted by.
    pub facet: Facet,
    /// Each value and how many matches have it: for sources and speakers
    /// the most frequent first (ties by value), at most
    /// [`Show::facet_values`](super::Show#structfield.facet_values) of
    /// them; years and months in order of time, all of them.
    pub values: Vec<FacetValue>,
    /// How many values were left off the list.
    pub other_values: usize,
    /// The counts of the values left off, added up (a match counts once
    /// for each value it has: an article quoting two speakers, for each).
    pub other: usize,
    /// How many matches have no value: no source, no speaker, no date.
    pub missing: usize,
}

/// One value of a facet and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// `ng.ru`, `Владимир Путин`, `2018`, `2018-03`.
    pub value: String,
    /// How many matches have it.
    pub count: usize,
}

/// Why a query was searched otherwise than typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Correction {
    /// Typed on the Latin keyboard layout by mistake.
    Layout,
    /// A word the index does not have (or that found almost nothing)
    /// replaced by the closest word it has in many more articles.
    Typos,
}

/// One search result: an article or a quote (example: [the crate
/// docs](crate)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// 1-based position in the whole ranking (offset included).
    pub rank: usize,
    /// An article and its matching quotes, or a quote.
    #[serde(flatten)]
    pub kind: HitKind,
    /// The document's id (`ARTICLE_ID#qN` for a quote).
    pub id: String,
    /// The article's id (the same as `id` for an article).
    pub article_id: String,
    /// The article's title.
    pub title: String,
    /// The article's date.
    pub date: Option<Date>,
    /// The agency or site.
    pub source: Option<String>,
    /// Where the article was read from.
    pub path: Option<String>,
    /// Where the article was published (the JSONL `url`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Relevance score (BM25 with boosts); higher is better.
    pub score: f32,
    /// The best fragments of the body; for a quote hit, the whole quote.
    pub snippets: Vec<Snippet>,
    /// The ids of the other articles of the index whose text is nearly
    /// the same as this article's (a story republished), at most
    /// [`MAX_DUPLICATES_LISTED`](crate::limits::MAX_DUPLICATES_LISTED):
    /// a search shows such articles once, the best ranked
    /// ([`Show::collapse`](super::Show#structfield.collapse)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// How the score was built, when the request asked
    /// ([`SearchRequest::explain`](super::SearchRequest::explain)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// What a [`Hit`] is, and the quotes it carries: an article hit lists the
/// quotes in it that match the query; a quote hit is one quote.
///
/// It compares equal to the [`Kind`] it is:
///
/// ```
/// use poisk::{Kind, SearchRequest};
/// use poisk::search::{HitKind, Match};
///
/// let searcher = poisk::builtin::index()?.searcher()?;
/// let articles = searcher.search(&SearchRequest::new("долг"))?;
/// let HitKind::Article { quotes } = &articles.hits[0].kind else { panic!("an article") };
/// assert_eq!(quotes[0].quote.speaker.as_deref(), Some("Ким Чен Ын"));
/// let quotes = searcher.search(&SearchRequest::new(Match::new("долг").kind(Kind::Quote)))?;
/// assert_eq!(quotes.hits[0].kind, Kind::Quote);
/// assert_eq!(quotes.hits[0].quote().map(|q| q.id.as_str()), Some(quotes.hits[0].id.as_str()));
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum HitKind {
    /// An article, with its quotes that match the query, best first (at
    /// most [`Show::quotes_per_hit`](super::Show#structfield.quotes_per_hit)).
    Article {
        /// The matching quotes.
        quotes: Vec<QuoteRef>,
    },
    /// A quote.
    Quote {
        /// The quote.
        quote: QuoteRef,
    },
}

impl HitKind {
    /// Article or quote.
    pub fn as_kind(&self) -> Kind {
        match self {
            HitKind::Article { .. } => Kind::Article,
            HitKind::Quote { .. } => Kind::Quote,
        }
    }
}

impl PartialEq<Kind> for HitKind {
    fn eq(&self, kind: &Kind) -> bool {
        self.as_kind() == *kind
    }
}

/// A quote as found in the index (example: [`HitKind`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRef {
    /// The quote's id, `ARTICLE_ID#qN`.
    pub id: String,
    /// The quote: its words, speaker, and place in the article's body.
    #[serde(flatten)]
    pub quote: Quote,
    /// Byte ranges of matched words inside the quote's text.
    pub highlights: Vec<(usize, usize)>,
}

impl QuoteRef {
    /// The quote a stored quote document holds, with `highlight`'s words
    /// marked in it.
    pub(super) fn read(stored: &Stored<'_>, highlight: &Finder) -> QuoteRef {
        let quote = stored.quote();
        QuoteRef { id: stored.id().to_owned(), highlights: highlight.highlight_all(&quote.text), quote }
    }
}

impl Hit {
    /// The quote of a quote hit; `None` for an article.
    pub fn quote(&self) -> Option<&QuoteRef> {
        match &self.kind {
            HitKind::Quote { quote } => Some(quote),
            HitKind::Article { .. } => None,
        }
    }

    /// An article hit of a stored article, with these snippets of its body.
    pub(super) fn of_article(stored: &Stored<'_>, snippets: Vec<Snippet>) -> Hit {
        Hit::of(stored, HitKind::Article { quotes: Vec::new() }, snippets)
    }

    /// A quote hit of a stored quote, `highlight`'s words marked; its one
    /// snippet is the whole quote.
    pub(super) fn of_quote(stored: &Stored<'_>, highlight: &Finder) -> Hit {
        let quote = QuoteRef::read(stored, highlight);
        let whole = Snippet {
            text: quote.quote.text.clone(),
            start: 0,
            end: quote.quote.text.len(),
            highlights: quote.highlights.clone(),
            cut_before: false,
            cut_after: false,
        };
        Hit::of(stored, HitKind::Quote { quote }, vec![whole])
    }

    fn of(stored: &Stored<'_>, kind: HitKind, snippets: Vec<Snippet>) -> Hit {
        Hit {
            rank: 0,
            kind,
            id: stored.id().to_owned(),
            article_id: stored.article_id().to_owned(),
            title: stored.title().to_owned(),
            date: stored.date(),
            source: stored.source().map(str::to_owned),
            path: stored.path().map(str::to_owned),
            url: stored.url().map(str::to_owned),
            score: 0.0,
            snippets,
            duplicates: Vec::new(),
            explanation: None,
        }
    }

    /// The hit at 1-based `rank` with `score`.
    pub(super) fn ranked(mut self, rank: usize, score: f32) -> Hit {
        self.rank = rank;
        self.score = score;
        self
    }
}
