//! What an index holds: articles, quotes, speakers, dates, terms, size.
//!
//! ```
//! let stats = poisk::builtin::index()?.stats()?;
//! assert_eq!((stats.articles, stats.quotes, stats.speakers), (1, 4, 2));
//! assert_eq!(stats.first_date.map(|d| d.to_string()).as_deref(), Some("2025-09-03"));
//! assert!(stats.terms > 100);
//! assert_eq!(stats.path, None); // the seed index lives in memory
//! # Ok::<(), poisk::Error>(())
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::DocAddress;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::termdict::TermMerger;

use super::days::DayCollector;
use super::schema::FORMAT_VERSION;
use super::{DocStores, Index, Kind, Stored};
use crate::date::Date;
use crate::error::{EngineResult, Error, Result, guard};
use crate::search::group_speakers;

/// What an index holds, as `poisk stats` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// The index directory; `None` for an index in memory.
    pub path: Option<PathBuf>,
    /// The on-disk format version (an index of another version must be
    /// rebuilt).
    pub format_version: u32,
    /// Articles in the index.
    pub articles: usize,
    /// Articles without a date.
    pub undated_articles: usize,
    /// Quotations in the index.
    pub quotes: usize,
    /// Speakers of those quotations, one per person or organisation (as
    /// `Searcher::speakers` lists them).
    pub speakers: usize,
    /// The date of the oldest dated article.
    pub first_date: Option<Date>,
    /// The date of the newest dated article.
    pub last_date: Option<Date>,
    /// Distinct terms (stems) of the article bodies. Terms of deleted
    /// articles count until their segment is merged.
    pub terms: u64,
    /// Bytes: of the files in the index directory, or for an index in
    /// memory of its segments.
    pub size_bytes: u64,
    /// Segments (tantivy's unit of the index; each commit adds one, and
    /// merges join them).
    pub segments: usize,
    /// Documents (articles and quotes) deleted or replaced but still taking
    /// space until their segment is merged.
    pub deleted_documents: u64,
}

impl Index {
    /// Counts what the index holds (at its last commit).
    ///
    /// Articles, quotes and dates are read from the index's counts and
    /// fast fields; speakers are counted by reading each quote, so this
    /// takes about as long as listing all quotes.
    ///
    /// # Errors
    /// When the index or its directory cannot be read;
    /// [`Error::BadIndex`] when the index engine fails on damaged files.
    pub fn stats(&self) -> Result<IndexStats> {
        let reader = self.reader()?;
        let mut stats = guard(self.path(), || self.count(&reader.searcher()))?;
        if let Some(dir) = self.path() {
            stats.path = Some(dir.to_path_buf());
            stats.size_bytes = dir_size(dir)?;
        }
        Ok(stats)
    }

    /// The statistics of [`Index::stats`], with the size of the segments
    /// and no path.
    fn count(&self, searcher: &tantivy::Searcher) -> Result<IndexStats> {
        let days = searcher.search(&Kind::Article.query(&self.fields), &DayCollector).engine()?;
        let day = |entry: Option<(&i64, &usize)>| entry.map(|(&d, _)| Date::from_days_since_epoch(d));
        Ok(IndexStats {
            path: None,
            format_version: FORMAT_VERSION,
            articles: days.total(),
            undated_articles: days.undated,
            quotes: searcher.search(&Kind::Quote.query(&self.fields), &Count).engine()?,
            speakers: self.count_speakers(searcher)?,
            first_date: day(days.dated.first_key_value()),
            last_date: day(days.dated.last_key_value()),
            terms: self.count_body_terms(searcher)?,
            size_bytes: searcher.space_usage().map_err(tantivy::TantivyError::from).engine()?.total().get_bytes(),
            segments: searcher.segment_readers().len(),
            deleted_documents: searcher.segment_readers().iter().map(|s| u64::from(s.num_deleted_docs())).sum(),
        })
    }

    /// Speakers over all quotations, one per identity, as
    /// [`Searcher::speakers`](crate::Searcher::speakers) lists them.
    fn count_speakers(&self, searcher: &tantivy::Searcher) -> Result<usize> {
        let quotes = Kind::Quote.query(&self.fields);
        let mut addresses: Vec<DocAddress> = searcher.search(&quotes, &DocSetCollector).engine()?.into_iter().collect();
        // In index order, the document store reads each block once.
        addresses.sort();
        let mut spoken = Vec::new();
        let docs = DocStores::default();
        for address in addresses {
            let doc = docs.get(searcher, address).engine()?;
            let quote = Stored::new(&doc, &self.fields).quote();
            if let Some(name) = quote.speaker {
                spoken.push((name, quote.speaker_kind, quote.attribution.map(|a| a.mention).unwrap_or_default()));
            }
        }
        Ok(group_speakers(spoken).len())
    }

    /// Distinct terms of the `body` field over all segments: the union of
    /// the segments' term dictionaries, since one term is usually in many.
    fn count_body_terms(&self, searcher: &tantivy::Searcher) -> Result<u64> {
        let field = self.fields.body;
        let indexes = searcher
            .segment_readers()
            .iter()
            .map(|s| s.inverted_index(field))
            .collect::<tantivy::Result<Vec<_>>>()
            .engine()?;
        let streams = indexes.iter().map(|i| i.terms().stream()).collect::<std::io::Result<Vec<_>>>();
        let mut merger = TermMerger::new(streams.map_err(tantivy::TantivyError::from).engine()?);
        let mut terms = 0;
        while merger.advance() {
            terms += 1;
        }
        Ok(terms)
    }
}

/// The bytes of the files in `dir` (an index directory is flat).
fn dir_size(dir: &Path) -> Result<u64> {
    let io = |source| Error::Io { path: dir.to_path_buf(), source };
    let mut bytes = 0;
    for entry in fs::read_dir(dir).map_err(io)? {
        let metadata = entry.map_err(io)?.metadata().map_err(io)?;
        if metadata.is_file() {
            bytes += metadata.len();
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_an_index_on_disk_after_a_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path().join("idx")).unwrap();
        let mut writer = index.writer().unwrap();
        let seed = crate::builtin::articles().unwrap().remove(0);
        writer.add(&seed).unwrap();
        writer.commit().unwrap();
        // The same article again replaces it (and its quotes): still one.
        writer.add(&seed).unwrap();
        let mut undated = seed.clone();
        undated.id = "undated".into();
        undated.date = None;
        writer.add(&undated).unwrap();
        writer.commit().unwrap();
        let stats = index.stats().unwrap();
        assert_eq!((stats.articles, stats.undated_articles, stats.quotes, stats.speakers), (2, 1, 8, 2));
        assert_eq!((stats.first_date, stats.last_date), (seed.date, seed.date));
        assert_eq!(stats.path.as_deref(), Some(dir.path().join("idx").as_path()));
        assert_eq!(stats.format_version, FORMAT_VERSION);
        // The two segments hold the same body text: the union counts each
        // term once, as the seed index alone does.
        assert_eq!(stats.terms, crate::builtin::index().unwrap().stats().unwrap().terms);
        assert!(stats.segments >= 1);
        assert!(stats.size_bytes > 10_000, "{}", stats.size_bytes);
    }
}
