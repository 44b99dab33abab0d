//! Near-duplicate articles: collapsing them in a result list, finding
//! those of one article, and [`Searcher::similar`]: articles about the
//! same story, by tantivy's more-like-this over an article's most
//! distinctive words.

use std::collections::BTreeMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, DocSet, TERMINATED, TantivyDocument, Term};

use super::bm25::KindStatistics;
use super::{Hit, Ranked, SearchResults, Searcher};
use crate::error::{EngineResult, Result};
use crate::index::{Fields, Fingerprints, Kind, Stored, id_term, near, near_terms};
use crate::limits::{MAX_DUPLICATES_LISTED, MAX_RESULT_WINDOW};
use crate::query::STOP_WORDS;
use crate::snippet::{SnippetConfig, SnippetQuery, snippets};

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

/// For each article at `addresses`, the ids of the other articles of the
/// index whose text is nearly its own, at most [`MAX_DUPLICATES_LISTED`],
/// in order of id.
///
/// Only articles have bands, and near fingerprints share one. The bands
/// of the whole page are read in one pass over each segment's postings:
/// a boolean query of six terms for each hit built a weight and a scorer
/// for every band in every segment, and collapsing cost 0.9 ms of a
/// search's p50 (`poisk search --format json -n 10 --snippets 2 -` over
/// benches/queries.txt five times, whole corpus: 2.1 ms, 1.2 ms with
/// `--no-collapse`); it costs 0.35 ms this way (1.6 ms), most of it in
/// the term dictionary's lookups. A term set query would be slower still:
/// it fills a bitset as large as the segment for each hit.
pub(super) fn duplicates(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    prints: &Prints,
    addresses: &[DocAddress],
) -> Result<Vec<Vec<String>>> {
    let targets: Vec<Option<u64>> = addresses.iter().map(|&a| prints.get(a)).collect();
    // Each band term once, with the hits whose fingerprint has it.
    let mut bands: BTreeMap<Term, Vec<usize>> = BTreeMap::new();
    for (i, print) in targets.iter().enumerate() {
        for term in print.map(|p| near_terms(fields, p)).unwrap_or_default() {
            bands.entry(term).or_default().push(i);
        }
    }
    let mut found: Vec<Vec<DocAddress>> = vec![Vec::new(); addresses.len()];
    let Some(field) = bands.keys().next().map(Term::field) else {
        return Ok(found.into_iter().map(|_| Vec::new()).collect());
    };
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(column) = prints.0.get(ord) else { continue };
        let inverted = segment.inverted_index(field).engine()?;
        for (term, hits) in &bands {
            let postings = inverted.read_postings(term, IndexRecordOption::Basic);
            let Some(mut postings) = postings.map_err(tantivy::TantivyError::from).engine()? else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let alive = segment.alive_bitset().is_none_or(|alive| alive.is_alive(doc));
                if let (true, Some(print)) = (alive, column.get(doc)) {
                    let other = DocAddress::new(ord as u32, doc);
                    for &i in hits {
                        if other != addresses[i] && targets[i].is_some_and(|t| near(t, print)) {
                            found[i].push(other);
                        }
                    }
                }
                doc = postings.advance();
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
            let doc: TantivyDocument = searcher.doc(other).engine()?;
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
        let doc: TantivyDocument = searcher.doc(address).engine()?;
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
        let mut duplicates = duplicates(&searcher, f, &prints, &addresses)?.into_iter();
        let config = SnippetConfig { max_fragments: 1, ..SnippetConfig::default() };
        let mut hits = Vec::with_capacity(shown.len());
        for (i, (score, hit_address)) in shown.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(hit_address).engine()?;
            let stored = Stored::new(&doc, f);
            let mut hit = Hit::of_article(&stored, snippets(stored.body(), &SnippetQuery::default(), &config))
                .ranked(i + 1, score);
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
