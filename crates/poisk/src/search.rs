//! Searching: a request in, ranked hits with snippets out.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::directory::{Directory, WatchCallback, WatchHandle};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocId, IndexReader, ReloadPolicy, Score, SegmentReader, TantivyDocument, Term};

use crate::article::Date;
use crate::error::{Error, Result, guard};
use crate::limits::{
    DEFAULT_TIME_BUDGET, MAX_EXPLAINED_HITS, MAX_QUERY_CHARS, MAX_QUOTES_PER_HIT, MAX_RESULT_WINDOW, MAX_SNIPPETS,
    MAX_WORDS,
};
use crate::query::budget::{Budget, Budgeted};
use crate::query::build::{Compiled, check, compile, date_filter, names_speaker, speaker_filter};
use crate::query::explain::{Explainer, Explanation};
use crate::query::layout;
use crate::query::parse::{Node, Parsed, parse_noting};
use crate::quote::{Attribution, AttributionMethod};
use crate::schema::{Fields, kinds, names};
use crate::snippet::{Snippet, SnippetConfig, SnippetQuery, snippets};
use crate::statistics::KindStatistics;

/// Which documents a search returns (example: [`SearchRequest`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Articles, each with the quotes in it that match.
    #[default]
    Article,
    /// Quotations, each with its speaker and article.
    Quote,
}

/// The order of hits (example: [the query language](crate#queries)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first (best match first within a day); undated documents
    /// last.
    Date,
}

/// A query that finds at most this many documents finds "almost nothing",
/// so poisk tries it as if typed on the Russian keyboard layout.
const ALMOST_NOTHING: usize = 2;

/// The query converted from the Latin layout replaces the one typed when it
/// finds more than this many times as many documents (any, when the typed
/// one found none).
const LAYOUT_GAIN: usize = 5;

/// What to search for and how much to return.
///
/// ```
/// use poisk::{Kind, SearchRequest};
/// let request = SearchRequest::new("Курской области").limit(5).kind(Kind::Quote);
/// assert_eq!(request.query(), "Курской области");
/// ```
#[derive(Debug, Clone)]
pub struct SearchRequest {
    query: String,
    limit: usize,
    offset: usize,
    kind: Kind,
    speaker: Option<String>,
    since: Option<Date>,
    until: Option<Date>,
    snippet_config: SnippetConfig,
    quotes_per_hit: usize,
    sort: Sort,
    explain: bool,
    fix_layout: bool,
    pub(crate) time_budget: Duration,
}

impl SearchRequest {
    /// A request for `query` (see the query language in the README), top 10.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            kind: Kind::Article,
            speaker: None,
            since: None,
            until: None,
            snippet_config: SnippetConfig::default(),
            quotes_per_hit: 3,
            sort: Sort::Relevance,
            explain: false,
            fix_layout: true,
            time_budget: DEFAULT_TIME_BUDGET,
        }
    }

    /// The query text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The speaker the request is narrowed to, if any.
    pub(crate) fn speaker_name(&self) -> Option<&str> {
        self.speaker.as_deref()
    }

    /// How many hits at most. With the offset, at most
    /// [`MAX_RESULT_WINDOW`]: [`Searcher::search`] refuses a request that
    /// reaches further.
    pub fn limit(mut self, limit: usize) -> SearchRequest {
        self.limit = limit;
        self
    }

    /// How many of the best hits to skip (for paging).
    pub fn offset(mut self, offset: usize) -> SearchRequest {
        self.offset = offset;
        self
    }

    /// Articles or quotes.
    pub fn kind(mut self, kind: Kind) -> SearchRequest {
        self.kind = kind;
        self
    }

    /// Only quotes by this speaker (any form of the name: `Путина`,
    /// `Владимир Путин`). Implies [`Kind::Quote`]. A name is held to the
    /// caps of a query's length and words ([`crate::limits`]).
    pub fn speaker(mut self, name: impl Into<String>) -> SearchRequest {
        self.speaker = Some(name.into());
        self.kind = Kind::Quote;
        self
    }

    /// Only documents dated on or after this day.
    pub fn since(mut self, date: Date) -> SearchRequest {
        self.since = Some(date);
        self
    }

    /// Only documents dated on or before this day.
    pub fn until(mut self, date: Date) -> SearchRequest {
        self.until = Some(date);
        self
    }

    /// Snippet count and length; at most [`MAX_SNIPPETS`] snippets per hit
    /// (more is lowered, with a warning).
    pub fn snippets(mut self, config: SnippetConfig) -> SearchRequest {
        self.snippet_config = config;
        self
    }

    /// How many matching quotes to list under each article hit; at most
    /// [`MAX_QUOTES_PER_HIT`] (more is lowered, with a warning).
    pub fn quotes_per_hit(mut self, n: usize) -> SearchRequest {
        self.quotes_per_hit = n;
        self
    }

    /// Best match first (the default), or newest first.
    pub fn sort(mut self, sort: Sort) -> SearchRequest {
        self.sort = sort;
        self
    }

    /// Whether each hit carries an [`Explanation`] of its score (the first
    /// [`MAX_EXPLAINED_HITS`] hits).
    pub fn explain(mut self, explain: bool) -> SearchRequest {
        self.explain = explain;
        self
    }

    /// Whether a query typed on the Latin keyboard layout by mistake
    /// (`rehcrjq j,kfcnb`) is retried on the Russian one (`курской области`)
    /// when it finds almost nothing; on by default. See
    /// [`SearchResults::corrected`].
    pub fn fix_layout(mut self, fix: bool) -> SearchRequest {
        self.fix_layout = fix;
        self
    }

    /// How long the search may take: [`DEFAULT_TIME_BUDGET`] unless set.
    /// When the time is up, the search stops where it is and returns what
    /// it found, with [`SearchResults::partial`] set; `Duration::MAX` is no
    /// limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// use poisk::SearchRequest;
    ///
    /// let searcher = poisk::seed_index()?.searcher()?;
    /// let results = searcher.search(&SearchRequest::new("Пекин").time_budget(Duration::ZERO))?;
    /// assert!(results.partial);
    /// assert_eq!(results.total, 0); // no time to find anything
    /// assert!(!searcher.search(&SearchRequest::new("Пекин"))?.partial);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    pub fn time_budget(mut self, budget: Duration) -> SearchRequest {
        self.time_budget = budget;
        self
    }

    /// The request with its numbers within the caps of [`crate::limits`],
    /// and a warning for each number lowered.
    ///
    /// # Errors
    /// [`Error::Request`] when `offset + limit` is past
    /// [`MAX_RESULT_WINDOW`].
    fn capped(&self) -> Result<(SearchRequest, Vec<String>)> {
        check_speaker(self.speaker.as_deref())?;
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
        let mut capped = self.clone();
        let mut warnings = Vec::new();
        if self.snippet_config.max_fragments > MAX_SNIPPETS {
            let asked = self.snippet_config.max_fragments;
            warnings.push(format!("at most {MAX_SNIPPETS} snippets per hit: {asked} lowered to {MAX_SNIPPETS}"));
            capped.snippet_config.max_fragments = MAX_SNIPPETS;
        }
        if self.quotes_per_hit > MAX_QUOTES_PER_HIT {
            let asked = self.quotes_per_hit;
            warnings
                .push(format!("at most {MAX_QUOTES_PER_HIT} quotes per hit: {asked} lowered to {MAX_QUOTES_PER_HIT}"));
            capped.quotes_per_hit = MAX_QUOTES_PER_HIT;
        }
        Ok((capped, warnings))
    }
}

/// The answer to one [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// How many documents match in all (not only those returned).
    pub total: usize,
    /// True when no document had all the words, so any of them was enough.
    pub relaxed: bool,
    /// The query that was searched instead of the one given, when that one
    /// was typed on the Latin keyboard layout by mistake: `курской области`
    /// for `rehcrjq j,kfcnb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// Milliseconds spent searching and making snippets.
    pub took_ms: f64,
    /// True when the search stopped at its time budget
    /// ([`SearchRequest::time_budget`]): `total` counts the matches found
    /// until then, and the hits are the best of those (or fewer, when the
    /// time ran out while they were loaded).
    #[serde(default)]
    pub partial: bool,
    /// What poisk lowered to keep the request within its caps
    /// ([`crate::limits`]), in words for people: a phrase's slop, the
    /// snippets per hit, explanations for the first hits only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The hits, best first.
    pub hits: Vec<Hit>,
}

/// One search result: an article or a quote (example: [the crate
/// docs](crate)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// 1-based position in the whole ranking (offset included).
    pub rank: usize,
    /// Article or quote.
    pub kind: Kind,
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
    /// Relevance score (BM25 with boosts); higher is better.
    pub score: f32,
    /// The best fragments of the body (of the quote text, for a quote hit).
    pub snippets: Vec<Snippet>,
    /// For a quote hit: the quote.
    pub quote: Option<QuoteRef>,
    /// For an article hit: its quotes that match the query, best first.
    pub quotes: Vec<QuoteRef>,
    /// How the score was built, when the request asked
    /// ([`SearchRequest::explain`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// A quote as found in the index (example: [the crate docs](crate)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRef {
    /// The quote's id, `ARTICLE_ID#qN`.
    pub id: String,
    /// The quoted words.
    pub text: String,
    /// The speaker, when known.
    pub speaker: Option<String>,
    /// How the speaker was found.
    pub attribution: Option<Attribution>,
    /// Byte offset of the opening « in the article body.
    pub start: usize,
    /// Byte offset past the closing » in the article body.
    pub end: usize,
    /// True when the quote is never closed in the text.
    pub unclosed: bool,
    /// Byte ranges of matched words inside [`QuoteRef::text`].
    pub highlights: Vec<(usize, usize)>,
}

/// Reloads `reader` while holding `lock`, one reload at a time.
fn reload_in_turn(reader: &IndexReader, lock: &Mutex<()>) -> tantivy::Result<()> {
    let _one_at_a_time = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    reader.reload()
}

/// Runs searches; cheap to clone, and `Send + Sync`, so one per thread or
/// one shared by all (example: [Threads](crate#threads) in the crate docs).
#[derive(Clone)]
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    /// The index directory (`None` in memory), to name in errors.
    pub(crate) dir: Option<PathBuf>,
    /// Held while reloading (see [`Searcher::new`]).
    reloading: Arc<Mutex<()>>,
    /// Reloads after each commit while a clone of this searcher lives.
    _on_commit: Arc<WatchHandle>,
}

impl Searcher {
    pub(crate) fn new(index: &tantivy::Index, fields: Fields, dir: Option<PathBuf>) -> Result<Searcher> {
        // tantivy's own reload on commit does not wait for a reload already
        // under way, so two at once could leave the older view of the index
        // in place, and what a searcher sees went back a commit. The reader
        // reloads through `reload_in_turn` only, on each commit as before.
        let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let reloading = Arc::new(Mutex::new(()));
        let (on_commit_reader, on_commit_lock) = (reader.clone(), Arc::clone(&reloading));
        let on_commit = index.directory().watch(WatchCallback::new(move || {
            // Errors reach the next search, which reads the same files.
            let _ = reload_in_turn(&on_commit_reader, &on_commit_lock);
        }))?;
        Ok(Searcher { reader, fields, dir, reloading, _on_commit: Arc::new(on_commit) })
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> usize {
        self.count_kind(kinds::ARTICLE)
    }

    /// Number of quotes in the index.
    pub fn num_quotes(&self) -> usize {
        self.count_kind(kinds::QUOTE)
    }

    fn count_kind(&self, kind: &str) -> usize {
        let query = TermQuery::new(Term::from_field_text(self.fields.kind, kind), IndexRecordOption::Basic);
        self.reader.searcher().search(&query, &Count).unwrap_or(0)
    }

    /// Sees the latest commit now rather than after the usual short delay.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn reload(&self) -> Result<()> {
        reload_in_turn(&self.reader, &self.reloading)?;
        Ok(())
    }

    /// Every quote in the index (only those by `speaker`, any form of the
    /// name, when given), in index order, as quote hits without scores.
    ///
    /// # Errors
    /// When the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn quotes(&self, speaker: Option<&str>) -> Result<Vec<Hit>> {
        check_speaker(speaker)?;
        guard(self.dir.as_deref(), || self.all_quotes(speaker))
    }

    fn all_quotes(&self, speaker: Option<&str>) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let mut request = SearchRequest::new("").kind(Kind::Quote);
        request.speaker = speaker.map(str::to_owned);
        let filters = self.filters(&request, Kind::Quote, &Budget::unlimited());
        let query = BooleanQuery::new(filters.into_iter().map(|f| (Occur::Must, f)).collect());
        let mut addresses: Vec<DocAddress> = searcher.search(&query, &DocSetCollector)?.into_iter().collect();
        addresses.sort();
        let none = SnippetQuery::default();
        let mut hits = Vec::with_capacity(addresses.len());
        for (i, address) in addresses.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&doc, i + 1, 0.0, Kind::Quote, &none, &request));
        }
        Ok(hits)
    }

    /// Speakers and how many quotes each has, most quoted first (ties by
    /// name).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn speakers(&self) -> Result<Vec<(String, usize)>> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for hit in self.quotes(None)? {
            if let Some(name) = hit.quote.and_then(|q| q.speaker) {
                *counts.entry(name).or_default() += 1;
            }
        }
        let mut speakers: Vec<(String, usize)> = counts.into_iter().collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(speakers)
    }

    /// Runs a search.
    ///
    /// When the query has Latin letters and finds almost nothing, it is
    /// also tried as if typed on the Russian keyboard layout; if that finds
    /// more, its results are returned, with [`SearchResults::corrected`] set.
    ///
    /// Every search is bounded ([`crate::limits`]): a query past a cap is
    /// an error, a number past one is lowered with a warning in
    /// [`SearchResults::warnings`], and a search that runs out of time
    /// ([`SearchRequest::time_budget`]) returns what it found, marked
    /// [`SearchResults::partial`].
    ///
    /// # Errors
    /// [`crate::Error::Query`] for a malformed query or one past a cap;
    /// [`crate::Error::Request`] for a request past
    /// [`MAX_RESULT_WINDOW`]; index read errors;
    /// [`crate::Error::BadIndex`] when the index engine fails on damaged
    /// files.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let (request, mut warnings) = request.capped()?;
        let budget = Budget::new(request.time_budget);
        let search = |query: &str| self.search_query(&request, query, &budget);
        let (mut results, corrected) =
            guard(self.dir.as_deref(), || with_layout_fix(&request, &budget, search, |r| r.total))?;
        results.corrected = corrected;
        results.partial = budget.was_spent();
        warnings.append(&mut results.warnings);
        results.warnings = warnings;
        results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(results)
    }

    /// Turns `query` (the request's own, or its layout-corrected form) and
    /// the rest of `request` into what tantivy runs. Searches and timelines
    /// both start here, so they agree on what matches.
    ///
    /// # Errors
    /// [`crate::Error::Query`] for a malformed query or one past a cap.
    pub(crate) fn plan(&self, request: &SearchRequest, query: &str, budget: &Arc<Budget>) -> Result<Plan> {
        let Parsed { node, warnings } = parse_noting(query)?;
        check(&node)?;
        let kind = if names_speaker(&node) { Kind::Quote } else { request.kind };
        let compiled = compile(&node, &self.fields, false, kind == Kind::Quote, budget);
        let filters = self.filters(request, kind, budget);
        Ok(Plan { node, kind, compiled, filters, relaxed: false, budget: budget.clone(), warnings })
    }

    /// The tantivy searcher of the current commit.
    pub(crate) fn tantivy(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The schema's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Runs `query` with the rest of `request`, within `budget`.
    fn search_query(&self, request: &SearchRequest, query: &str, budget: &Arc<Budget>) -> Result<SearchResults> {
        let mut plan = self.plan(request, query, budget)?;
        let searcher = self.reader.searcher();
        let (mut total, mut top) = self.run(&searcher, &plan, request)?;
        if total == 0 && plan.relax(&self.fields) {
            (total, top) = self.run(&searcher, &plan, request)?;
        }
        plan.compiled.resolve(&searcher)?;
        let kind = plan.kind;
        let statistics = KindStatistics::new(&searcher, &self.kind_term(kind))?;
        let explainer =
            if request.explain { Some(Explainer::new(&plan.compiled.parts, &searcher, &statistics)?) } else { None };
        let mut hits = Vec::with_capacity(top.len());
        for (i, (score, address)) in top.into_iter().enumerate() {
            // A hit is a stored document read and cut into snippets: a
            // fraction of a millisecond, but thousands add up.
            if budget.is_spent() {
                break;
            }
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = self.hit(&doc, request.offset + i + 1, score, kind, &plan.compiled.highlight, request);
            if let Some(explainer) = explainer.as_ref().filter(|_| i < MAX_EXPLAINED_HITS) {
                hit.explanation = Some(explainer.explain(address, score)?);
            }
            hits.push(hit);
        }
        if request.explain && hits.len() > MAX_EXPLAINED_HITS {
            plan.warnings.push(format!("scores explained for the first {MAX_EXPLAINED_HITS} hits only"));
        }
        if kind == Kind::Article && request.quotes_per_hit > 0 && !hits.is_empty() && !budget.is_spent() {
            let mut in_quotes = compile(&plan.node, &self.fields, plan.relaxed, true, budget);
            in_quotes.resolve(&searcher)?;
            self.attach_quotes(&searcher, &in_quotes, &mut hits, request, budget)?;
        }
        Ok(SearchResults {
            query: request.query.clone(),
            total,
            relaxed: plan.relaxed,
            corrected: None,
            took_ms: 0.0,
            partial: false,
            warnings: plan.warnings,
            hits,
        })
    }

    /// The term of the `kind` field that documents of `kind` carry.
    pub(crate) fn kind_term(&self, kind: Kind) -> Term {
        let name = match kind {
            Kind::Article => kinds::ARTICLE,
            Kind::Quote => kinds::QUOTE,
        };
        Term::from_field_text(self.fields.kind, name)
    }

    fn filters(&self, request: &SearchRequest, kind: Kind, budget: &Arc<Budget>) -> Vec<Box<dyn Query>> {
        let kind_term = TermQuery::new(self.kind_term(kind), IndexRecordOption::Basic);
        let mut filters: Vec<Box<dyn Query>> = vec![Box::new(ConstScoreQuery::new(Box::new(kind_term), 0.0))];
        filters.extend(date_filter(&self.fields, request.since, request.until));
        if let Some(name) = &request.speaker {
            filters.push(speaker_filter(&self.fields, name, budget));
        }
        filters
    }

    fn run(
        &self,
        searcher: &tantivy::Searcher,
        plan: &Plan,
        request: &SearchRequest,
    ) -> Result<(usize, Vec<(f32, DocAddress)>)> {
        let query = plan.query();
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let statistics = KindStatistics::new(searcher, &self.kind_term(plan.kind))?;
        let (total, mut docs) = match request.sort {
            Sort::Relevance => {
                searcher.search_with_statistics_provider(&query, &(Count, top.order_by_score()), &statistics)?
            }
            Sort::Date => {
                let collector = (Count, top.tweak_score(newest_first));
                let (total, docs) = searcher.search_with_statistics_provider(&query, &collector, &statistics)?;
                (total, docs.into_iter().map(|((_, score), address)| (score, address)).collect())
            }
        };
        docs.truncate(request.limit);
        Ok((total, docs))
    }

    fn hit(
        &self,
        doc: &TantivyDocument,
        rank: usize,
        score: f32,
        kind: Kind,
        highlight: &SnippetQuery,
        request: &SearchRequest,
    ) -> Hit {
        let f = &self.fields;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let date = doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)));
        let (title, quote, fragments) = match kind {
            Kind::Article => {
                // Borrowed: the body is the largest field, and only the
                // fragments are kept.
                let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or_default();
                let fragments = snippets(body, highlight, &request.snippet_config);
                (text(f.title).unwrap_or_default(), None, fragments)
            }
            Kind::Quote => {
                let quote = self.quote_ref(doc, highlight);
                let whole = Snippet {
                    text: quote.text.clone(),
                    start: 0,
                    end: quote.text.len(),
                    highlights: quote.highlights.clone(),
                    cut_before: false,
                    cut_after: false,
                };
                (text(f.article_title).unwrap_or_default(), Some(quote), vec![whole])
            }
        };
        Hit {
            rank,
            kind,
            id: text(f.id).unwrap_or_default(),
            article_id: text(f.article_id).unwrap_or_default(),
            title,
            date,
            source: text(f.source),
            path: text(f.path),
            score,
            snippets: fragments,
            quote,
            quotes: Vec::new(),
            explanation: None,
        }
    }

    fn quote_ref(&self, doc: &TantivyDocument, highlight: &SnippetQuery) -> QuoteRef {
        let f = &self.fields;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let span: Vec<u64> = doc.get_all(f.span).filter_map(|v| v.as_u64()).collect();
        let body = text(f.quote).unwrap_or_default();
        let attribution = text(f.attribution)
            .and_then(|m| AttributionMethod::from_name(&m))
            .map(|method| Attribution { method, mention: text(f.mention).unwrap_or_default() });
        QuoteRef {
            id: text(f.id).unwrap_or_default(),
            highlights: crate::snippet::highlight_all(&body, highlight),
            text: body,
            speaker: text(f.speaker),
            attribution,
            start: span.first().map_or(0, |&v| v as usize),
            end: span.get(1).map_or(0, |&v| v as usize),
            unclosed: span.get(2).is_some_and(|&v| v != 0),
        }
    }

    /// Lists under each article hit its quotes that match the query.
    fn attach_quotes(
        &self,
        searcher: &tantivy::Searcher,
        compiled: &Compiled,
        hits: &mut [Hit],
        request: &SearchRequest,
        budget: &Arc<Budget>,
    ) -> Result<()> {
        let f = &self.fields;
        // A few term queries: a TermSetQuery would build an FST of the ids
        // on every search, which profiles showed costing a fifth of it.
        let ids: Vec<(Occur, Box<dyn Query>)> = hits
            .iter()
            .map(|h| {
                let term = Term::from_field_text(f.article_id, &h.article_id);
                (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let kind = TermQuery::new(self.kind_term(Kind::Quote), IndexRecordOption::Basic);
        let query = BooleanQuery::new(vec![
            (Occur::Must, compiled.query.box_clone()),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(kind), 0.0))),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(ids)), 0.0))),
        ]);
        let query = Budgeted::new(Box::new(query), budget.clone());
        let wanted = hits.len() * request.quotes_per_hit;
        let statistics = KindStatistics::new(searcher, &self.kind_term(Kind::Quote))?;
        let found = searcher.search_with_statistics_provider(
            &query,
            &TopDocs::with_limit(wanted).order_by_score(),
            &statistics,
        )?;
        let position: HashMap<String, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.article_id.clone(), i)).collect();
        for (_, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let article = doc.get_first(f.article_id).and_then(|v| v.as_str()).unwrap_or_default();
            if let Some(&i) = position.get(article)
                && hits[i].quotes.len() < request.quotes_per_hit
            {
                hits[i].quotes.push(self.quote_ref(&doc, &compiled.highlight));
            }
        }
        Ok(())
    }
}

/// Refuses a speaker's name longer than a query may be: each of its words
/// is a clause of the speaker filter.
///
/// # Errors
/// [`Error::Request`] for a name past [`MAX_QUERY_CHARS`] characters or
/// [`MAX_WORDS`] words.
pub(crate) fn check_speaker(name: Option<&str>) -> Result<()> {
    let Some(name) = name else {
        return Ok(());
    };
    let too_long = name.len() > MAX_QUERY_CHARS && name.chars().nth(MAX_QUERY_CHARS).is_some();
    if too_long || crate::analyze(name).len() > MAX_WORDS {
        let message = format!("a speaker's name may have at most {MAX_WORDS} words and {MAX_QUERY_CHARS} characters");
        return Err(Error::Request { message });
    }
    Ok(())
}

/// A request compiled for tantivy: see [`Searcher::plan`].
pub(crate) struct Plan {
    /// The parsed query, kept to compile it again (relaxed, or over quotes).
    node: Node,
    /// The kind of document searched: the request's, or quotes when the
    /// query names a `speaker:`.
    pub kind: Kind,
    /// The query proper, with what to highlight and its scoring parts.
    pub compiled: Compiled,
    /// Kind, date and speaker filters, none of which scores.
    pub filters: Vec<Box<dyn Query>>,
    /// True once [`Plan::relax`] has turned all-words into any-word.
    pub relaxed: bool,
    /// The request's time budget and expansions.
    budget: Arc<Budget>,
    /// What the parser lowered to a cap.
    pub warnings: Vec<String>,
}

impl Plan {
    /// The query and its filters as one tantivy query, which stops when
    /// the time budget is spent.
    pub(crate) fn query(&self) -> Budgeted {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.compiled.query.box_clone())];
        clauses.extend(self.filters.iter().map(|f| (Occur::Must, f.box_clone())));
        Budgeted::new(Box::new(BooleanQuery::new(clauses)), self.budget.clone())
    }

    /// Makes the top-level words alternatives instead of requirements, as
    /// a search does when no document has them all; false when the query
    /// has nothing to relax, or the time is up.
    pub(crate) fn relax(&mut self, fields: &Fields) -> bool {
        if !self.compiled.relaxable || self.relaxed || self.budget.is_spent() {
            return false;
        }
        self.compiled = compile(&self.node, fields, true, self.kind == Kind::Quote, &self.budget);
        self.relaxed = true;
        true
    }
}

/// Runs `run` on the request's query and, when that finds almost nothing
/// and the query has Latin letters, on the query as if typed on the Russian
/// keyboard layout. Returns the converted query's answer, and the converted
/// query, when it finds many times more ([`LAYOUT_GAIN`]); otherwise the
/// typed query's answer. `total` tells how many documents an answer found.
/// A typed query that ran out of time is not tried again.
pub(crate) fn with_layout_fix<T>(
    request: &SearchRequest,
    budget: &Budget,
    run: impl Fn(&str) -> Result<T>,
    total: impl Fn(&T) -> usize,
) -> Result<(T, Option<String>)> {
    let typed = run(&request.query)?;
    if !request.fix_layout || total(&typed) > ALMOST_NOTHING || !layout::has_latin(&request.query) || budget.is_spent()
    {
        return Ok((typed, None));
    }
    let converted = layout::to_cyrillic(&request.query);
    if converted == request.query {
        return Ok((typed, None));
    }
    match run(&converted) {
        Ok(answer) if total(&answer) > total(&typed) * LAYOUT_GAIN => Ok((answer, Some(converted))),
        // Converting may break the syntax (`,` is a letter there).
        Ok(_) | Err(Error::Query { .. }) => Ok((typed, None)),
        Err(other) => Err(other),
    }
}

/// The sort key of [`Sort::Date`] in one segment: the date (undated
/// documents lowest), then the score.
fn newest_first(segment: &SegmentReader) -> impl Fn(DocId, Score) -> (i64, Score) + use<> {
    let dates = segment.fast_fields().date(names::DATE).ok();
    move |doc, score| {
        let date = dates.as_ref().and_then(|column| column.first(doc));
        (date.map_or(i64::MIN, |d| d.into_timestamp_secs()), score)
    }
}
