//! Articles and quotes → tantivy documents, and the deletion that takes
//! an article's documents out again.

use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, TantivyDocument, TantivyError, Term};

use crate::analyzer::leading_words;
use crate::article::Article;
use crate::quote::Quote;
use crate::schema::{Fields, kinds};

/// The id of the `n`-th (0-based) quote of an article, as the index and
/// search hits give it: `ARTICLE_ID#qN`, counting from 1.
///
/// ```
/// assert_eq!(poisk::quote_id("seed.txt", 0), "seed.txt#q1");
/// ```
pub fn quote_id(article_id: &str, n: usize) -> String {
    format!("{article_id}#q{}", n + 1)
}

/// How many words of an article's body its `lead` field holds. Measured on
/// 7,011 RT leads (QUALITY.md, "Ranking"): 40 to 100 words all gain, 60
/// gains most.
const LEAD_WORDS: usize = 60;

/// One document for the article, then one per quote.
pub(crate) fn documents(
    fields: &Fields,
    article: &Article,
    origin: Option<&str>,
    quotes: &[Quote],
) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(1 + quotes.len());
    docs.push(article_document(fields, article, origin));
    for (n, quote) in quotes.iter().enumerate() {
        docs.push(quote_document(fields, article, origin, quote, n));
    }
    docs
}

/// The fields every document of an article carries: kind, ids, date,
/// source and where it was read from.
fn common(f: &Fields, kind: &str, id: &str, article: &Article, origin: Option<&str>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kind);
    doc.add_text(f.id, id);
    doc.add_text(f.article_id, &article.id);
    if let Some(date) = article.date {
        doc.add_date(f.date, crate::date::to_index(date));
    }
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    if let Some(origin) = origin {
        doc.add_text(f.path, origin);
    }
    doc
}

fn article_document(f: &Fields, article: &Article, origin: Option<&str>) -> TantivyDocument {
    let mut doc = common(f, kinds::ARTICLE, &article.id, article, origin);
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    doc.add_text(f.lead, leading_words(&article.body, LEAD_WORDS));
    doc.add_text(f.title_exact, &article.title);
    doc.add_text(f.body_exact, &article.body);
    doc
}

fn quote_document(f: &Fields, article: &Article, origin: Option<&str>, quote: &Quote, n: usize) -> TantivyDocument {
    let mut doc = common(f, kinds::QUOTE, &quote_id(&article.id, n), article, origin);
    doc.add_text(f.article_title, &article.title);
    doc.add_text(f.quote, &quote.text);
    doc.add_text(f.quote_exact, &quote.text);
    if let (Some(speaker), Some(attribution)) = (&quote.speaker, &quote.attribution) {
        doc.add_text(f.speaker, speaker);
        doc.add_text(f.attribution, attribution.method.as_str());
        doc.add_text(f.mention, &attribution.mention);
    }
    doc.add_u64(f.span, quote.start as u64);
    doc.add_u64(f.span, quote.end as u64);
    doc.add_u64(f.span, u64::from(quote.unclosed));
    doc
}

/// Deletes the documents of the article `article_id`, itself and its
/// quotes, which share its `article_id` (for [`tantivy::IndexWriter::delete_query`]).
///
/// tantivy's own `delete_term` keeps a scoring `TermWeight` for every
/// deletion until the next commit, over 1 kB with its BM25 cache, so that
/// indexing a million small articles without a commit held a gigabyte of
/// deletions. This one keeps the term alone (about 100 bytes) and reads
/// the postings only when tantivy applies it to a segment.
pub(crate) fn deletion(fields: &Fields, article_id: &str) -> Box<dyn Query> {
    Box::new(Deletion(Term::from_field_text(fields.article_id, article_id)))
}

/// The query and the weight of [`deletion`]: the documents holding a term.
#[derive(Debug, Clone)]
struct Deletion(Term);

impl Query for Deletion {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for Deletion {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = reader.inverted_index(self.0.field())?.read_postings(&self.0, IndexRecordOption::Basic)?;
        Ok(match postings {
            Some(postings) => Box::new(ConstScorer::new(postings, boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, _: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        Err(TantivyError::InvalidArgument(format!("a deletion does not score document {doc}")))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Article, Index};

    #[test]
    fn a_deletion_takes_out_the_article_and_its_quotes_only() {
        let index = Index::in_memory().unwrap();
        let mut writer = index.writer().unwrap();
        let quoted = |id: &str| Article::new(id, "Т", "«Мы готовы», — сказал Иван Петров.");
        for id in ["a", "b", "a#q1"] {
            writer.add(&quoted(id)).unwrap();
        }
        writer.commit().unwrap();
        writer.delete("a");
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        assert_eq!((searcher.num_articles(), searcher.num_quotes()), (2, 2));
    }
}
