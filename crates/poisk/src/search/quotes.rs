//! Quotes over the index: every quote (by a speaker), the speakers by
//! number of quotes, and the matching quotes listed under article hits.

use std::collections::HashMap;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument};

use super::bm25::KindStatistics;
use super::results::{Hit, HitKind, QuoteRef};
use super::{Context, Searcher};
use crate::analyzer::analyze;
use crate::error::{EngineResult, Error, Result};
use crate::index::{Kind, Stored, article_term};
use crate::limits::{MAX_QUERY_CHARS, MAX_WORDS};
use crate::query::budget::Budgeted;
use crate::query::build::speaker_filter;
use crate::snippet::SnippetQuery;

/// A speaker's name in any of its forms, as a search's speaker filter and
/// `speaker:` take it: a quote is by the speaker when every word of the
/// name is in the quote's speaker's name, in any form and order
/// (`Путина`, `Владимир Путин` and `путин` all name `Владимир Путин`).
///
/// The index applies the same test to its quotes; this one is for quotes
/// that are not indexed:
///
/// ```
/// use poisk::search::Speaker;
///
/// let quotes = poisk::quotes::extract_quotes(&poisk::builtin::articles()?[0].body);
/// let kim = Speaker::new("Ким Чен Ына")?;
/// let by_kim = quotes.iter().filter(|q| q.speaker.as_deref().is_some_and(|s| kim.matches(s))).count();
/// assert_eq!(by_kim, 2);
/// assert!(Speaker::new(&"Путин ".repeat(5_000)).is_err());
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The stems of the name's words.
    stems: Vec<String>,
}

impl Speaker {
    /// The name, checked against the caps of a query: each of its words is
    /// a clause of the filter.
    ///
    /// # Errors
    /// [`Error::Request`] for a name past [`MAX_QUERY_CHARS`] characters or
    /// [`MAX_WORDS`] words.
    pub fn new(name: &str) -> Result<Speaker> {
        let too_long = name.len() > MAX_QUERY_CHARS && name.chars().nth(MAX_QUERY_CHARS).is_some();
        let stems = if too_long { Vec::new() } else { stems(name) };
        if too_long || stems.len() > MAX_WORDS {
            let message =
                format!("a speaker's name may have at most {MAX_WORDS} words and {MAX_QUERY_CHARS} characters");
            return Err(Error::Request { message });
        }
        Ok(Speaker { stems })
    }

    /// True when `speaker` (a quote's speaker's name) is this speaker.
    pub fn matches(&self, speaker: &str) -> bool {
        let have = stems(speaker);
        self.stems.iter().all(|s| have.contains(s))
    }

    /// The stems of the name's words.
    pub(super) fn stems(&self) -> &[String] {
        &self.stems
    }
}

fn stems(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.stem).collect()
}

impl Searcher {
    /// Every quote in the index (only those by `speaker`, any form of the
    /// name, when given), in index order, as quote hits without scores.
    ///
    /// # Errors
    /// [`Error::Request`] for a speaker's name past the caps of a query;
    /// when the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn quotes(&self, speaker: Option<&str>) -> Result<Vec<Hit>> {
        Ok(self.quotes_page(speaker, 0, usize::MAX)?.1)
    }

    /// A page of [`Searcher::quotes`]: how many quotes there are in all,
    /// and those at `offset..offset + limit` in index order. Only the
    /// page's quotes are read from the store, so a page costs little
    /// however many quotes the index has.
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let (total, page) = searcher.quotes_page(None, 1, 2)?;
    /// assert_eq!((total, page.len()), (4, 2));
    /// assert_eq!(page[0].id, searcher.quotes(None)?[1].id);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Searcher::quotes`].
    pub fn quotes_page(&self, speaker: Option<&str>, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let speaker = speaker.map(Speaker::new).transpose()?;
        self.guarded(|| self.all_quotes(speaker.as_ref(), offset, limit))
    }

    fn all_quotes(&self, speaker: Option<&Speaker>, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let searcher = self.reader.searcher();
        let mut filters: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(ConstScoreQuery::new(Box::new(Kind::Quote.query(&self.fields)), 0.0)))];
        filters.extend(speaker.map(|s| (Occur::Must, speaker_filter(&self.fields, s.stems()))));
        let mut addresses: Vec<DocAddress> =
            searcher.search(&BooleanQuery::new(filters), &DocSetCollector).engine()?.into_iter().collect();
        // In index order, the document store decompresses each block once.
        addresses.sort();
        let none = SnippetQuery::default();
        let total = addresses.len();
        let mut hits = Vec::with_capacity(total.saturating_sub(offset).min(limit));
        for (i, address) in addresses.into_iter().enumerate().skip(offset).take(limit) {
            let doc: TantivyDocument = searcher.doc(address).engine()?;
            hits.push(Hit::of_quote(&Stored::new(&doc, &self.fields), &none).ranked(i + 1, 0.0));
        }
        Ok((total, hits))
    }

    /// Speakers and how many quotes each has, most quoted first (ties by
    /// name).
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn speakers(&self) -> Result<Vec<(String, usize)>> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for hit in self.quotes(None)? {
            if let HitKind::Quote { quote } = hit.kind
                && let Some(name) = quote.quote.speaker
            {
                *counts.entry(name).or_default() += 1;
            }
        }
        let mut speakers: Vec<(String, usize)> = counts.into_iter().collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(speakers)
    }
}

impl Context<'_> {
    /// Lists under each article hit its quotes that match the query.
    pub(super) fn attach_quotes(&self, hits: &mut [Hit]) -> Result<()> {
        let (fields, searcher, per_hit) = (self.fields, &self.searcher, self.show.quotes_per_hit);
        let mut in_quotes = self.plan.in_quotes(fields);
        in_quotes.resolve(searcher).engine()?;
        // A few term queries: a TermSetQuery would build an FST of the ids
        // on every search, which profiles showed costing a fifth of it.
        let ids: Vec<(Occur, Box<dyn Query>)> = hits
            .iter()
            .map(|h| {
                let term = article_term(fields, &h.article_id);
                (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let query = BooleanQuery::new(vec![
            (Occur::Must, in_quotes.query(self.plan.relaxed)),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(Kind::Quote.query(fields)), 0.0))),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(ids)), 0.0))),
        ]);
        let query = Budgeted::new(Box::new(query), self.plan.budget.clone());
        let statistics = KindStatistics::new(searcher, &Kind::Quote.term(fields)).engine()?;
        let top = TopDocs::with_limit(hits.len() * per_hit).order_by_score();
        let found = searcher.search_with_statistics_provider(&query, &top, &statistics).engine()?;
        let position: HashMap<String, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.article_id.clone(), i)).collect();
        for (_, address) in found {
            let doc: TantivyDocument = searcher.doc(address).engine()?;
            let stored = Stored::new(&doc, fields);
            if let Some(&i) = position.get(stored.article_id())
                && let HitKind::Article { quotes } = &mut hits[i].kind
                && quotes.len() < per_hit
            {
                quotes.push(QuoteRef::read(&stored, &in_quotes.highlight));
            }
        }
        Ok(())
    }
}
