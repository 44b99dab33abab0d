//! One article by its id: the whole stored text and its quotes.

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::article::Date;
use crate::error::{Result, guard};
use crate::search::{Kind, QuoteRef, Searcher};
use crate::snippet::SnippetQuery;

/// An article as the index holds it, with every quote in it: what a page
/// shows when a hit is opened (example: [`Searcher::article`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The article's id.
    pub id: String,
    /// The headline.
    pub title: String,
    /// Publication date, when known.
    pub date: Option<Date>,
    /// The agency or site, when known.
    pub source: Option<String>,
    /// Where the article was read from, when known.
    pub path: Option<String>,
    /// The article text; quote and snippet offsets are byte offsets into
    /// it. Paragraphs are its non-blank lines.
    pub body: String,
    /// The quotations of the article, in the order of the text; their
    /// `start..end` are byte ranges of [`StoredArticle::body`] and they
    /// have no highlights.
    pub quotes: Vec<QuoteRef>,
}

impl Searcher {
    /// The article with this id (as [`crate::Hit::article_id`] gives it),
    /// with its quotes; `None` when the index has no such article.
    ///
    /// ```
    /// let searcher = poisk::seed_index()?.searcher()?;
    /// let article = searcher.article("2025-09-03-putin-kim-talks-beijing.txt")?.expect("the seed article");
    /// assert_eq!(article.title, "Путин и Ким Чен Ын проводят переговоры в Пекине");
    /// assert_eq!(article.quotes.len(), 4);
    /// let first = &article.quotes[0];
    /// assert!(article.body[first.start..first.end].starts_with('«'));
    /// assert!(searcher.article("no-such-article")?.is_none());
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        guard(self.dir.as_deref(), || self.article_unguarded(id))
    }

    fn article_unguarded(&self, id: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.tantivy();
        let f = self.fields();
        let of_kind = |kind: Kind, field, value: &str| -> Result<Vec<DocAddress>> {
            let term = TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic);
            let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Must, Box::new(TermQuery::new(self.kind_term(kind), IndexRecordOption::Basic))),
                (Occur::Must, Box::new(term)),
            ];
            let mut found: Vec<DocAddress> =
                searcher.search(&BooleanQuery::new(clauses), &DocSetCollector)?.into_iter().collect();
            found.sort();
            Ok(found)
        };
        // Re-indexing replaces an article in one commit, so one at most is
        // alive; the last one added wins should there be more.
        let Some(&address) = of_kind(Kind::Article, f.id, id)?.last() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let date = doc
            .get_first(f.date)
            .and_then(|v| v.as_datetime())
            .map(|d| Date::from_days_since_epoch(d.into_timestamp_secs().div_euclid(86_400)));
        let none = SnippetQuery::default();
        let mut quotes = Vec::new();
        for address in of_kind(Kind::Quote, f.article_id, id)? {
            let quote: TantivyDocument = searcher.doc(address)?;
            quotes.push(self.quote_ref(&quote, &none));
        }
        quotes.sort_by_key(|q| (q.start, q.end));
        Ok(Some(StoredArticle {
            id: text(f.id).unwrap_or_default(),
            title: text(f.title).unwrap_or_default(),
            date,
            source: text(f.source),
            path: text(f.path),
            body: text(f.body).unwrap_or_default(),
            quotes,
        }))
    }
}
