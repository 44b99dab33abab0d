//! Searching: a request in, ranked hits with snippets out; timelines and
//! quotes over the same index.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | [`Searcher`], and one search's run: top documents, hits, explanations |
//! | `backend.rs` | [`Backend`]: what the local index and any other engine answer |
//! | `request.rs` | [`SearchRequest`]: what to match ([`Match`], shared with timelines) and what to show ([`Show`]) |
//! | `results.rs` | [`SearchResults`], [`Hit`], [`HitKind`], [`QuoteRef`], and a hit made from a stored document |
//! | `duplicates.rs` | near-duplicate articles shown once, and [`Searcher::similar`] |
//! | `facets.rs` | counts of the matches by source, speaker, year, month, from the index's columns |
//! | `plan.rs` | a query parsed and compiled once, its filters, relaxing; [`with_corrections`]: the keyboard-layout and typo retries, over any engine's [`Vocabulary`] |
//! | `quotes.rs` | [`Searcher::quotes`], [`Searcher::speakers`], a [`Speaker`]'s name, quotes under article hits |
//! | `article.rs` | [`Searcher::article`]: one article by its id, whole, with its quotes |
//! | `bm25.rs` | BM25 statistics over the documents of one [`Kind`] |
//! | `rescore.rs` | [`Rescorer`]: another engine's candidates scored as the local index scores |
//! | `timeline.rs` | [`Searcher::timeline`]: matches per day, week, month or year |
//!
//! The request and result types are plain data with no engine in them.
//! Another engine answers the same [`SearchRequest`] and
//! [`TimelineRequest`] with the same [`SearchResults`] and [`Timeline`]
//! through [`Backend`], which [`Searcher`] implements for the local index
//! (see ARCHITECTURE.md), and corrects queries with the same rules through
//! [`with_corrections`] and its own [`Vocabulary`].

mod article;
mod backend;
mod bm25;
mod duplicates;
mod facets;
mod plan;
mod quotes;
mod request;
mod rescore;
mod results;
mod timeline;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::{Directory, WatchCallback, WatchHandle};
use tantivy::{DocAddress, DocId, IndexReader, Score, SegmentReader};

pub use self::article::StoredArticle;
pub use self::backend::Backend;
use self::bm25::KindStatistics;
use self::duplicates::Prints;
use self::facets::{FacetCollector, Tallies};
pub use self::plan::{Found, with_corrections};
use self::plan::{Plan, Target};
pub(crate) use self::quotes::group_speakers;
pub use self::quotes::{QuoteFilter, Speaker, SpeakerCount};
pub use self::request::{Facet, Facets, Match, SearchRequest, Show, Sort};
pub use self::rescore::{CollectionStatistics, Rescorer, ScoredTerm};
pub use self::results::{Correction, FacetCounts, FacetValue, Hit, HitKind, QuoteRef, SearchResults};
pub use self::timeline::{Bucket, Timeline, TimelineRequest};
pub use crate::date::Interval;
use crate::error::{EngineResult, Result, guard};
pub use crate::index::Kind;
use crate::index::{Days, DocStores, Fields, Stored};
use crate::limits::MAX_EXPLAINED_HITS;
use crate::query::explain::Explainer;
pub use crate::query::explain::Explanation;
use crate::query::typo::Terms;
pub use crate::query::typo::Vocabulary;
use crate::snippet::Finder;

/// Runs searches; cheap to clone, and `Send + Sync`, so one per thread or
/// one shared by all (example: [Threads](crate#threads) in the crate docs).
#[derive(Clone)]
pub struct Searcher {
    reader: IndexReader,
    fields: Fields,
    /// The index directory (`None` in memory), to name in errors.
    dir: Option<PathBuf>,
    /// Held while reloading (see [`Searcher::new`]).
    reloading: Arc<Mutex<()>>,
    /// Reloads after each commit while a clone of this searcher lives.
    _on_commit: Arc<WatchHandle>,
    /// The segments' articles by fingerprint band, for near-duplicates.
    bands: duplicates::BandCache,
    /// The segments' document stores, opened once.
    docs: DocStores,
}

/// Reloads `reader` while holding `lock`, one reload at a time.
fn reload_in_turn(reader: &IndexReader, lock: &Mutex<()>) -> tantivy::Result<()> {
    let _one_at_a_time = lock.lock().unwrap_or_else(PoisonError::into_inner);
    reader.reload()
}

impl Searcher {
    /// A searcher over what `reader` (opened with `ReloadPolicy::Manual`)
    /// reads, reloaded after each commit to `index`.
    ///
    /// tantivy's own reload on commit does not wait for a reload already
    /// under way, so two at once could leave the older view of the index in
    /// place, and what a searcher shared by threads saw went back a commit.
    /// The reader reloads through `reload_in_turn` only, on each commit as
    /// tantivy's `OnCommitWithDelay` did.
    pub(crate) fn new(
        index: &tantivy::Index,
        reader: IndexReader,
        fields: Fields,
        dir: Option<PathBuf>,
    ) -> Result<Searcher> {
        let reloading = Arc::new(Mutex::new(()));
        let (on_commit_reader, on_commit_lock) = (reader.clone(), Arc::clone(&reloading));
        let on_commit = index.directory().watch(WatchCallback::new(move || {
            // Errors reach the next search, which reads the same files.
            let _ = reload_in_turn(&on_commit_reader, &on_commit_lock);
        }));
        let on_commit = on_commit.engine()?;
        Ok(Searcher {
            reader,
            fields,
            dir,
            reloading,
            _on_commit: Arc::new(on_commit),
            bands: duplicates::BandCache::default(),
            docs: DocStores::default(),
        })
    }

    /// Number of articles in the index.
    pub fn num_articles(&self) -> usize {
        self.count(Kind::Article)
    }

    /// Number of quotes in the index.
    pub fn num_quotes(&self) -> usize {
        self.count(Kind::Quote)
    }

    fn count(&self, kind: Kind) -> usize {
        self.reader.searcher().search(&kind.query(&self.fields), &Count).unwrap_or(0)
    }

    /// Sees the latest commit now rather than after the usual short delay.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn reload(&self) -> Result<()> {
        reload_in_turn(&self.reader, &self.reloading).engine()?;
        Ok(())
    }

    /// A number that changes whenever this searcher moves to another
    /// commit (or to the segments of a merge), so that what is computed
    /// from the whole index can be kept until it does.
    pub fn generation(&self) -> u64 {
        self.reader.searcher().generation().generation_id()
    }

    /// Runs `work`, which reads the index, turning a failure of the index
    /// engine on damaged files into [`crate::Error::BadIndex`].
    fn guarded<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        guard(self.dir.as_deref(), work)
    }

    /// Runs a search.
    ///
    /// When the query has Latin letters and finds almost nothing, it is
    /// also tried as if typed on the Russian keyboard layout; when a word
    /// is unknown to the index, with the closest word it has. If that finds
    /// more, its results are returned, with [`SearchResults::corrected`]
    /// and [`SearchResults::correction`] set.
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
    /// [`MAX_RESULT_WINDOW`](crate::limits::MAX_RESULT_WINDOW) or a
    /// speaker's name past the caps of a query; index read errors;
    /// [`crate::Error::BadIndex`] when the index engine fails on damaged
    /// files.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let mut target = Target::new(&request.matching, request.time_budget)?;
        self.guarded(|| target.resolve(&self.reader.searcher(), &self.fields).engine())?;
        let (show, mut warnings) = request.show.capped()?;
        let search = |query: &str| {
            let plan = Plan::new(&self.fields, &target, query)?;
            let searcher = self.reader.searcher();
            Context {
                searcher,
                fields: &self.fields,
                bands: &self.bands,
                docs: &self.docs,
                target: &target,
                show: &show,
                plan,
            }
            .run()
        };
        let found = |r: &SearchResults| Found { total: r.total, relaxed: r.relaxed };
        let searcher = self.reader.searcher();
        let terms = Terms::new(&searcher, &self.fields, &target.budget);
        let (mut results, corrected) = self.guarded(|| with_corrections(target.matching, &terms, search, found))?;
        (results.corrected, results.correction) = corrected.unzip();
        results.partial = target.budget.was_spent();
        warnings.append(&mut results.warnings);
        results.warnings = warnings;
        results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(results)
    }
}

/// The addresses and scores of the documents to show, in order.
type Ranked = Vec<(f32, DocAddress)>;

/// One search of one query text (the request's, or its layout
/// correction): the commit it reads, what it shows, and its plan.
struct Context<'a> {
    searcher: tantivy::Searcher,
    fields: &'a Fields,
    bands: &'a duplicates::BandCache,
    docs: &'a DocStores,
    target: &'a Target<'a>,
    show: &'a Show,
    plan: Plan,
}

impl Context<'_> {
    /// Finds the best documents (relaxing the query when none has all its
    /// words), makes hits of them and lists their matching quotes.
    fn run(mut self) -> Result<SearchResults> {
        let (mut total, mut top, mut tallies) = self.top()?;
        if total == 0 && self.plan.relax() {
            (total, top, tallies) = self.top()?;
        }
        let prints = if self.collapses() { Some(Prints::new(&self.searcher).engine()?) } else { None };
        if let Some(prints) = &prints {
            top = duplicates::collapse(prints, top);
            top = top.into_iter().skip(self.show.offset).take(self.show.limit).collect();
        }
        self.plan.compiled.resolve(&self.searcher).engine()?;
        let mut hits = self.hits(top, prints.as_ref())?;
        let budget = &self.plan.budget;
        if self.plan.kind == Kind::Article && self.show.quotes_per_hit > 0 && !hits.is_empty() && !budget.is_spent() {
            self.attach_quotes(&mut hits)?;
        }
        Ok(SearchResults {
            query: self.target.matching.query.clone(),
            total,
            relaxed: self.plan.relaxed,
            corrected: None,
            correction: None,
            took_ms: 0.0,
            partial: false,
            warnings: self.plan.warnings,
            hits,
            facets: tallies.counts(self.show.facets, self.show.facet_values),
        })
    }

    /// How many documents match, the addresses and scores of those to
    /// show, in order, and the matches counted by the request's facets.
    /// A query with no words to score lists its matches newest first.
    fn top(&self) -> Result<(usize, Ranked, Tallies)> {
        let (searcher, show) = (&self.searcher, self.show);
        let query = self.plan.query();
        // Collapsing drops hits: rank more from the first, and page after.
        let top = if self.collapses() {
            TopDocs::with_limit(duplicates::window(show.offset, show.limit))
        } else {
            TopDocs::with_limit(show.limit.max(1)).and_offset(show.offset)
        };
        let facets = FacetCollector::new(show.facets);
        let statistics = KindStatistics::new(searcher, &self.plan.kind_term).engine()?;
        let sort = if self.plan.compiled.scores() { show.sort } else { Sort::Date };
        let (total, mut docs, tallies) = match sort {
            Sort::Relevance => searcher
                .search_with_statistics_provider(&query, &(Count, top.order_by_score(), facets), &statistics)
                .engine()?,
            Sort::Date => {
                let collector = (Count, top.tweak_score(newest_first), facets);
                let (total, docs, tallies) =
                    searcher.search_with_statistics_provider(&query, &collector, &statistics).engine()?;
                (total, docs.into_iter().map(|((_, score), address)| (score, address)).collect(), tallies)
            }
        };
        if !self.collapses() {
            docs.truncate(show.limit);
        }
        Ok((total, docs, tallies))
    }

    /// Whether this search shows near-duplicate articles once.
    fn collapses(&self) -> bool {
        self.show.collapse && self.plan.kind == Kind::Article
    }

    /// The hits of the documents at `top`, with snippets, their
    /// near-duplicates when `prints` are given and, when asked,
    /// explanations; as many as the time budget allows.
    fn hits(&mut self, top: Ranked, prints: Option<&Prints>) -> Result<Vec<Hit>> {
        let (searcher, fields, show) = (&self.searcher, self.fields, self.show);
        let (kind, highlight) = (self.plan.kind, &self.plan.compiled.highlight);
        let statistics = KindStatistics::new(searcher, &self.plan.kind_term).engine()?;
        let explainer = if show.explain {
            Some(Explainer::new(&self.plan.compiled.parts, searcher, &statistics).engine()?)
        } else {
            None
        };
        let mut duplicates = match prints {
            Some(prints) => {
                let addresses: Vec<DocAddress> = top.iter().map(|&(_, address)| address).collect();
                duplicates::duplicates(searcher, fields, prints, self.bands, self.docs, &addresses)?
            }
            None => Vec::new(),
        }
        .into_iter();
        let mut hits = Vec::with_capacity(top.len());
        let finder = Finder::new(highlight);
        for (i, (score, address)) in top.into_iter().enumerate() {
            // A hit is a stored document read and cut into snippets: a
            // fraction of a millisecond, but thousands add up.
            if self.plan.budget.is_spent() {
                break;
            }
            let doc = self.docs.get(searcher, address).engine()?;
            let stored = Stored::new(&doc, fields);
            let hit = match kind {
                Kind::Article => Hit::of_article(&stored, finder.snippets(stored.body(), &show.snippets)),
                Kind::Quote => Hit::of_quote(&stored, &finder),
            };
            let mut hit = hit.ranked(show.offset + i + 1, score);
            hit.duplicates = duplicates.next().unwrap_or_default();
            if let Some(explainer) = explainer.as_ref().filter(|_| i < MAX_EXPLAINED_HITS) {
                hit.explanation = Some(explainer.explain(address, score).engine()?);
            }
            hits.push(hit);
        }
        if show.explain && hits.len() > MAX_EXPLAINED_HITS {
            self.plan.warnings.push(format!("scores explained for the first {MAX_EXPLAINED_HITS} hits only"));
        }
        Ok(hits)
    }
}

/// The sort key of [`Sort::Date`] in one segment: the day (undated
/// documents lowest), then the score.
fn newest_first(segment: &SegmentReader) -> impl Fn(DocId, Score) -> (i64, Score) + use<> {
    let days = Days::or_none(segment);
    move |doc, score| (days.day(doc).unwrap_or(i64::MIN), score)
}
