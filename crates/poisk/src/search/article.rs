//! One article by its id: the whole stored text and its quotes.

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::{QuoteRef, Searcher};
use crate::date::Date;
use crate::error::{EngineResult, Result};
use crate::index::{Kind, Stored, article_term, id_term};
use crate::query::{highlights, parse};
use crate::snippet::{Finder, SnippetQuery};

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
    /// Where the article was published, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article text; quote and snippet offsets are byte offsets into
    /// it. Paragraphs are its non-blank lines.
    pub body: String,
    /// Byte ranges of the body's words that a query looks for, after
    /// [`StoredArticle::highlight`]; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<(usize, usize)>,
    /// The quotations of the article, in the order of the text; their
    /// `start..end` are byte ranges of [`StoredArticle::body`], and they
    /// have highlights after [`StoredArticle::highlight`] only.
    pub quotes: Vec<QuoteRef>,
}

impl StoredArticle {
    /// Marks the words `query` looks for (in poisk's query language) in
    /// the body ([`StoredArticle::highlights`]) and in each quote, as a
    /// search's snippets mark them; typo-tolerant words (`путен~1`) are
    /// not marked, since only a search knows the words they stand for.
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let mut article = searcher.article("2025-09-03-putin-kim-talks-beijing.txt")?.expect("the seed article");
    /// article.highlight("переговоры")?;
    /// let (start, end) = article.highlights[0];
    /// assert_eq!(article.body[start..end].to_lowercase(), "переговоры");
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Query`] for a malformed query.
    pub fn highlight(&mut self, query: &str) -> Result<()> {
        let wanted = Finder::new(&highlights(&parse(query)?.node));
        self.highlights = wanted.highlight_all(&self.body);
        for quote in &mut self.quotes {
            quote.highlights = wanted.highlight_all(&quote.quote.text);
        }
        Ok(())
    }
}

impl Searcher {
    /// The article with this id (as [`crate::Hit::article_id`] gives it),
    /// with its quotes; `None` when the index has no such article.
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let article = searcher.article("2025-09-03-putin-kim-talks-beijing.txt")?.expect("the seed article");
    /// assert_eq!(article.title, "Путин и Ким Чен Ын проводят переговоры в Пекине");
    /// assert_eq!(article.quotes.len(), 4);
    /// let first = &article.quotes[0].quote;
    /// assert!(article.body[first.start..first.end].starts_with('«'));
    /// assert!(searcher.article("no-such-article")?.is_none());
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        self.guarded(|| self.article_unguarded(id))
    }

    /// The addresses of the documents of `kind` holding `term`, in index
    /// order.
    fn of_kind(&self, searcher: &tantivy::Searcher, kind: Kind, term: Term) -> Result<Vec<DocAddress>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(kind.query(&self.fields))),
            (Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))),
        ];
        let mut found: Vec<DocAddress> =
            searcher.search(&BooleanQuery::new(clauses), &DocSetCollector).engine()?.into_iter().collect();
        found.sort();
        Ok(found)
    }

    /// The address of the article `id`. Re-indexing replaces an article
    /// in one commit, so one at most is alive; the last one added wins
    /// should there be more.
    pub(super) fn article_address(&self, searcher: &tantivy::Searcher, id: &str) -> Result<Option<DocAddress>> {
        Ok(self.of_kind(searcher, Kind::Article, id_term(&self.fields, id))?.last().copied())
    }

    fn article_unguarded(&self, id: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let Some(address) = self.article_address(&searcher, id)? else {
            return Ok(None);
        };
        let doc = self.docs.get(&searcher, address).engine()?;
        let article = Stored::new(&doc, f);
        let none = Finder::new(&SnippetQuery::default());
        let mut quotes = Vec::new();
        for address in self.of_kind(&searcher, Kind::Quote, article_term(f, id))? {
            let quote = self.docs.get(&searcher, address).engine()?;
            quotes.push(QuoteRef::read(&Stored::new(&quote, f), &none));
        }
        quotes.sort_by_key(|q| (q.quote.start, q.quote.end));
        Ok(Some(StoredArticle {
            id: article.id().to_owned(),
            title: article.title().to_owned(),
            date: article.date(),
            source: article.source().map(str::to_owned),
            path: article.path().map(str::to_owned),
            url: article.url().map(str::to_owned),
            body: article.body().to_owned(),
            highlights: Vec::new(),
            quotes,
        }))
    }
}
