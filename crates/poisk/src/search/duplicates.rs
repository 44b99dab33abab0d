//! Near-duplicate articles: collapsing them in a result list, finding
//! those of one article, and [`Searcher::similar`]: articles about the
//! same story, by tantivy's more-like-this over an article's most
//! distinctive words.

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, TantivyDocument};

use super::bm25::KindStatistics;
use super::{Hit, Ranked, SearchResults, Searcher};
use crate::error::{EngineResult, Result};
use crate::index::{Fields, Fingerprints, Kind, NEAR_BITS, Stored, id_term, near_terms};
use crate::limits::{MAX_DUPLICATES_LISTED, MAX_RESULT_WINDOW};
use crate::query::STOP_WORDS;
use crate::snippet::{SnippetConfig, SnippetQuery, snippets};

/// How many more documents than it shows a collapsing search ranks, so
/// that the hits it drops as duplicates leave the page full.
pub(super) fn window(offset: usize, limit: usize) -> usize {
    (offset + limit).saturating_mul(2).saturating_add(10).min(MAX_RESULT_WINDOW)
}

/// The fingerprint of the document at `address`, when it has one.
fn fingerprint_of(searcher: &tantivy::Searcher, address: DocAddress) -> tantivy::Result<Option<u64>> {
    let segment = searcher.segment_reader(address.segment_ord);
    Ok(Fingerprints::of(segment)?.get(address.doc_id))
}

/// `ranked` with each document that is nearly the same text as one above
/// it left out.
pub(super) fn collapse(searcher: &tantivy::Searcher, ranked: Ranked) -> tantivy::Result<Ranked> {
    let mut kept: Vec<Option<u64>> = Vec::with_capacity(ranked.len());
    let mut out = Vec::with_capacity(ranked.len());
    for (score, address) in ranked {
        let print = fingerprint_of(searcher, address)?;
        let dropped = print.is_some_and(|p| kept.iter().flatten().any(|&k| (k ^ p).count_ones() <= NEAR_BITS));
        if !dropped {
            kept.push(print);
            out.push((score, address));
        }
    }
    Ok(out)
}

/// The ids of the other articles of the index whose text is nearly that
/// of the article at `address`, at most [`MAX_DUPLICATES_LISTED`], in
/// order of id.
pub(super) fn duplicates(searcher: &tantivy::Searcher, fields: &Fields, address: DocAddress) -> Result<Vec<String>> {
    let Some(print) = fingerprint_of(searcher, address).engine()? else {
        return Ok(Vec::new());
    };
    // Only articles have bands. One term query per band reads six short
    // posting lists; a term set query would fill a bitset as large as the
    // segment for each hit shown, which made a page of ten hits five times
    // slower (`poisk search -` over benches/queries.txt: p50 6.3 ms
    // against 1.3 ms without collapsing).
    let clauses: Vec<(Occur, Box<dyn Query>)> = near_terms(fields, print)
        .into_iter()
        .map(|term| (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>))
        .collect();
    let mut found: Vec<DocAddress> =
        searcher.search(&BooleanQuery::new(clauses), &DocSetCollector).engine()?.into_iter().collect();
    found.sort();
    let mut ids = Vec::new();
    for other in found.into_iter().filter(|&a| a != address) {
        let near = fingerprint_of(searcher, other).engine()?.is_some_and(|p| (p ^ print).count_ones() <= NEAR_BITS);
        if near {
            let doc: TantivyDocument = searcher.doc(other).engine()?;
            ids.push(Stored::new(&doc, fields).id().to_owned());
        }
    }
    ids.sort_unstable();
    ids.truncate(MAX_DUPLICATES_LISTED);
    Ok(ids)
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
        let mut shown = collapse(&searcher, top).engine()?;
        shown.truncate(limit);
        let config = SnippetConfig { max_fragments: 1, ..SnippetConfig::default() };
        let mut hits = Vec::with_capacity(shown.len());
        for (i, (score, hit_address)) in shown.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(hit_address).engine()?;
            let stored = Stored::new(&doc, f);
            let mut hit = Hit::of_article(&stored, snippets(stored.body(), &SnippetQuery::default(), &config))
                .ranked(i + 1, score);
            hit.duplicates = duplicates(&searcher, f, hit_address)?;
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
