//! BM25 statistics of one kind of document.
//!
//! Articles and quotes share one tantivy index, and tantivy's BM25 takes the
//! number of documents and the average field length over *all* documents:
//! with ~8 quote documents per article, none of which has a `body`, every
//! article would look eight times longer than the average body and every
//! word's idf would be computed against documents that cannot contain it.
//! A search of one kind therefore scores against the documents of that kind.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// [`Bm25StatisticsProvider`] that counts only the documents of one kind.
pub(crate) struct KindStatistics<'a> {
    searcher: &'a Searcher,
    /// Documents of the kind searched (deleted ones included, as tantivy
    /// counts them in `max_doc` and in document frequencies).
    docs: u64,
}

impl<'a> KindStatistics<'a> {
    /// Statistics over the documents whose `kind` field holds `kind`.
    pub(crate) fn new(searcher: &'a Searcher, kind: &Term) -> tantivy::Result<KindStatistics<'a>> {
        Ok(KindStatistics { searcher, docs: searcher.doc_freq(kind)? })
    }
}

impl Bm25StatisticsProvider for KindStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        // An empty kind still needs a positive count: BM25 divides by it.
        Ok(self.docs.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // Quotations, terms and names share the quote fields, so a word's
        // count may pass the documents of one of those kinds; tantivy's
        // BM25 panics on a count above the total.
        Ok(self.searcher.doc_freq(term)?.min(self.docs.max(1)))
    }
}
