//! Near-duplicate articles: collapsing them in a result list, finding
//! those of one article, and [`Searcher::similar`]: articles about the
//! same story, by tantivy's more-like-this over an article's most
//! distinctive words.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, DocId};

use super::bm25::KindStatistics;
use super::{Hit, Ranked, SearchResults, Searcher};
use crate::error::{EngineResult, Result};
use crate::index::{BAND_SLOTS, DocStores, Fields, Fingerprints, Kind, Stored, band_slots, id_term, near};
use crate::limits::{MAX_DUPLICATES_LISTED, MAX_RESULT_WINDOW};
use crate::query::STOP_WORDS;
use crate::snippet::{Finder, SnippetConfig, SnippetQuery};

/// How many more documents than it shows a collapsing search ranks, so
/// that the hits it drops as duplicates leave the page full.
pub(super) fn window(offset: usize, limit: usize) -> usize {
    (offset + limit).saturating_mul(2).saturating_add(10).min(MAX_RESULT_WINDOW)
}

/// The fingerprint columns of a searcher's segments, opened once for a
/// whole search rather than once for each document looked at.
pub(super) struct Prints(Vec<Fingerprints>);

impl Prints {
    pub(super) fn new(searcher: &tantivy::Searcher) -> tantivy::Result<Prints> {
        searcher.segment_readers().iter().map(Fingerprints::of).collect::<tantivy::Result<_>>().map(Prints)
    }

    /// The fingerprint of the document at `address`, when it has one.
    fn get(&self, address: DocAddress) -> Option<u64> {
        self.0.get(address.segment_ord as usize)?.get(address.doc_id)
    }
}

/// `ranked` with each document that is nearly the same text as one above
/// it left out.
pub(super) fn collapse(prints: &Prints, ranked: Ranked) -> Ranked {
    let mut kept: Vec<u64> = Vec::with_capacity(ranked.len());
    let mut out = Vec::with_capacity(ranked.len());
    for (score, address) in ranked {
        let print = prints.get(address);
        let dropped = print.is_some_and(|p| kept.iter().any(|&k| near(k, p)));
        if !dropped {
            kept.extend(print);
            out.push((score, address));
        }
    }
    out
}

/// The articles of one segment by the bands of their fingerprints: for
/// each band and value, the articles whose fingerprint has it.
///
/// A segment never changes, so its table is built once, in one pass over
/// the fingerprint column, and kept while the segment is searched
/// ([`BandCache`]): 12 bytes per article, and 4 per article and band.
pub(super) struct BandTable {
    /// Each article of the segment with its fingerprint, in document order.
    articles: Vec<(DocId, u64)>,
    /// Where the articles of each band slot begin in `in_slots` (and the
    /// end).
    starts: Vec<u32>,
    /// Indices into `articles`, slot after slot.
    in_slots: Vec<u32>,
}

impl BandTable {
    fn new(prints: &Fingerprints, max_doc: DocId) -> BandTable {
        let articles = prints.all(max_doc);
        let mut starts = vec![0u32; BAND_SLOTS + 1];
        for &(_, print) in &articles {
            for slot in band_slots(print) {
                starts[slot + 1] += 1;
            }
        }
        for slot in 1..starts.len() {
            starts[slot] += starts[slot - 1];
        }
        let mut next = starts.clone();
        let mut in_slots = vec![0; starts[BAND_SLOTS] as usize];
        for (row, &(_, print)) in (0u32..).zip(&articles) {
            for slot in band_slots(print) {
                in_slots[next[slot] as usize] = row;
                next[slot] += 1;
            }
        }
        BandTable { articles, starts, in_slots }
    }

    /// The articles, with their fingerprints, that have the band in `slot`.
    fn articles(&self, slot: usize) -> impl Iterator<Item = (DocId, u64)> + '_ {
        let rows = &self.in_slots[self.starts[slot] as usize..self.starts[slot + 1] as usize];
        rows.iter().map(|&row| self.articles[row as usize])
    }
}

/// The band tables of the segments searched, shared by the clones of a
/// [`Searcher`]; a segment's table goes when a search no longer sees it.
#[derive(Clone, Default)]
pub(super) struct BandCache(Arc<Mutex<HashMap<SegmentId, Arc<BandTable>>>>);

impl BandCache {
    /// The table of each of `searcher`'s segments, built where missing.
    fn tables(&self, searcher: &tantivy::Searcher, prints: &Prints) -> Vec<Option<Arc<BandTable>>> {
        let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let segments = searcher.segment_readers();
        cache.retain(|id, _| segments.iter().any(|s| s.segment_id() == *id));
        segments
            .iter()
            .enumerate()
            .map(|(ord, segment)| {
                let prints = prints.0.get(ord)?;
                let table = cache
                    .entry(segment.segment_id())
                    .or_insert_with(|| Arc::new(BandTable::new(prints, segment.max_doc())));
                Some(Arc::clone(table))
            })
            .collect()
    }
}

/// For each article at `addresses`, the ids of the other articles of the
/// index whose text is nearly its own, at most [`MAX_DUPLICATES_LISTED`],
/// in order of id.
///
/// Only articles have bands, and near fingerprints share one. Each
/// segment's articles by band are kept in memory ([`BandTable`]): looking
/// the six band terms of each hit up in every segment's term dictionary
/// cost 0.25 ms of a search's p50, a sixth of it, on the corpus's eight
/// segments (BENCHMARKS.md, "Search").
pub(super) fn duplicates(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    prints: &Prints,
    cache: &BandCache,
    docs: &DocStores,
    addresses: &[DocAddress],
) -> Result<Vec<Vec<String>>> {
    let targets: Vec<Option<u64>> = addresses.iter().map(|&a| prints.get(a)).collect();
    let mut found: Vec<Vec<DocAddress>> = vec![Vec::new(); addresses.len()];
    if targets.iter().any(Option::is_some) {
        let tables = cache.tables(searcher, prints);
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(Some(table)) = tables.get(ord) else { continue };
            for (i, target) in targets.iter().enumerate() {
                let Some(target) = *target else { continue };
                for slot in band_slots(target) {
                    for (doc, print) in table.articles(slot) {
                        let alive = segment.alive_bitset().is_none_or(|alive| alive.is_alive(doc));
                        let other = DocAddress::new(ord as u32, doc);
                        if alive && other != addresses[i] && near(target, print) {
                            found[i].push(other);
                        }
                    }
                }
            }
        }
    }
    let mut all = Vec::with_capacity(found.len());
    for mut others in found {
        // An article near on two bands is found twice.
        others.sort_unstable();
        others.dedup();
        let mut ids = Vec::with_capacity(others.len());
        for other in others {
            let doc = docs.get(searcher, other).engine()?;
            ids.push(Stored::new(&doc, fields).id().to_owned());
        }
        ids.sort_unstable();
        ids.truncate(MAX_DUPLICATES_LISTED);
        all.push(ids);
    }
    Ok(all)
}

impl Searcher {
    /// Articles about the same story as the article `id`, most alike
    /// first: tantivy's more-like-this query over the 25 most distinctive
    /// words of its title and body (by frequency in it and rarity in the
    /// index), scored by BM25. Nearly the same texts are shown once, with
    /// the others in [`Hit::duplicates`]; the article's own duplicates
    /// come first. `None` when the index has no such article.
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let id = "2025-09-03-putin-kim-talks-beijing.txt";
    /// let similar = searcher.similar(id, 5)?.expect("the seed article");
    /// assert!(similar.hits.iter().all(|hit| hit.id != id));
    /// assert!(searcher.similar("no-such-article", 5)?.is_none());
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Option<SearchResults>> {
        self.guarded(|| self.similar_unguarded(id, limit))
    }

    fn similar_unguarded(&self, id: &str, limit: usize) -> Result<Option<SearchResults>> {
        let started = std::time::Instant::now();
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let Some(address) = self.article_address(&searcher, id)? else {
            return Ok(None);
        };
        let doc = self.docs.get(&searcher, address).engine()?;
        let stored = Stored::new(&doc, f);
        let text = |s: &str| vec![OwnedValue::Str(s.to_owned())];
        let stop_words: Vec<String> = STOP_WORDS.iter().map(|w| crate::analyzer::stem(w)).collect();
        let articles = searcher.search(&Kind::Article.query(f), &tantivy::collector::Count).engine()?;
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency((articles as u64 / 10).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(25)
            .with_stop_words(stop_words)
            .with_document_fields(vec![(f.title, text(stored.title())), (f.body, text(stored.body()))]);
        let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(like)),
            (Occur::Must, Box::new(Kind::Article.query(f))),
            (Occur::MustNot, Box::new(TermQuery::new(id_term(f, id), IndexRecordOption::Basic))),
        ];
        let query = BooleanQuery::new(clauses);
        let collector = (tantivy::collector::Count, TopDocs::with_limit(window(0, limit.max(1))).order_by_score());
        // Article statistics, as every search: quote documents (every «…»
        // span is one) would otherwise set the words' rarity.
        let statistics = KindStatistics::new(&searcher, &Kind::Article.term(f)).engine()?;
        let (total, top) = searcher.search_with_statistics_provider(&query, &collector, &statistics).engine()?;
        let prints = Prints::new(&searcher).engine()?;
        let mut shown = collapse(&prints, top);
        shown.truncate(limit);
        let addresses: Vec<DocAddress> = shown.iter().map(|&(_, address)| address).collect();
        let mut duplicates = duplicates(&searcher, f, &prints, &self.bands, &self.docs, &addresses)?.into_iter();
        let config = SnippetConfig { max_fragments: 1, ..SnippetConfig::default() };
        let mut hits = Vec::with_capacity(shown.len());
        let none = Finder::new(&SnippetQuery::default());
        for (i, (score, hit_address)) in shown.into_iter().enumerate() {
            let doc = self.docs.get(&searcher, hit_address).engine()?;
            let stored = Stored::new(&doc, f);
            let mut hit = Hit::of_article(&stored, none.snippets(stored.body(), &config)).ranked(i + 1, score);
            hit.duplicates = duplicates.next().unwrap_or_default();
            hits.push(hit);
        }
        Ok(Some(SearchResults {
            query: id.to_owned(),
            total,
            relaxed: false,
            corrected: None,
            correction: None,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            partial: false,
            warnings: Vec::new(),
            hits,
            facets: Vec::new(),
        }))
    }
}
