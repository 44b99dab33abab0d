//! Articles and quotes ↔ index documents: the one place that knows which
//! value goes into which field, and how to read it back.
//!
//! An article becomes one document of [`Kind::Article`] and one of
//! [`Kind::Quote`] per quotation ([`documents`]). Writing turns each into
//! a tantivy document; reading ([`Stored`]) turns a stored document back
//! into the values a hit shows; the `kind` field's terms, the packing of a
//! quote's span and the `date` column are spelt here and nowhere else.
//! The rest of the library goes through these functions, so a field added
//! to the schema is written and read in this file only.

use serde::{Deserialize, Serialize};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader, TantivyDocument, TantivyError, Term};

use super::fingerprint::fingerprint_of;
use super::schema::{Fields, names};
use super::store::StoredDoc;
use crate::analyzer::leading_words;
use crate::article::Article;
use crate::date::{self, Date};
use crate::quote::{Attribution, AttributionMethod, Quote, QuoteKind, SpeakerKind, index_keys};

/// Which documents a search returns (example: [`SearchRequest`](crate::SearchRequest)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Articles, each with the quotes in it that match.
    #[default]
    Article,
    /// Quotations, each with its speaker and article.
    Quote,
}

impl Kind {
    /// The term of the `kind` field that documents of this kind carry.
    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Quote => "quote",
        }
    }

    /// The `kind` term of the documents of this kind.
    pub(crate) fn term(self, fields: &Fields) -> Term {
        Term::from_field_text(fields.kind, self.name())
    }

    /// The documents of this kind.
    pub(crate) fn query(self, fields: &Fields) -> TermQuery {
        TermQuery::new(self.term(fields), IndexRecordOption::Basic)
    }
}

/// The `kind` term of the span documents of `kind`: a quotation's is
/// [`Kind::Quote`]'s, a term's `term`, a name's `name`.
pub(crate) fn span_kind_term(fields: &Fields, kind: QuoteKind) -> Term {
    Term::from_field_text(fields.kind, kind.as_str())
}

/// The quotes whose speaker is of `kind`.
pub(crate) fn speaker_kind_query(fields: &Fields, kind: SpeakerKind) -> TermQuery {
    TermQuery::new(Term::from_field_text(fields.speaker_kind, kind.as_str()), IndexRecordOption::Basic)
}

/// The id of the `n`-th (0-based) quote of an article, as the index and
/// search hits give it: `ARTICLE_ID#qN`, counting from 1.
///
/// ```
/// assert_eq!(poisk::index::quote_id("seed.txt", 0), "seed.txt#q1");
/// ```
pub fn quote_id(article_id: &str, n: usize) -> String {
    format!("{article_id}#q{}", n + 1)
}

/// How many words of an article's body its `lead` field holds. On the RT
/// leads of the relevance set, windows of 30 to 100 words all gain, 60
/// most (QUALITY.md, "Tried and not kept").
const LEAD_WORDS: usize = 60;

/// One document of the index as plain values, before any search engine
/// sees it: an article, or one of its quotes. [`documents`] makes them;
/// poisk's tantivy index writes each into its fields, and another engine
/// can map the same values onto its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document<'a> {
    /// The article, or the article the quote is in: a quote document
    /// carries its article's id, date, source and title.
    pub article: &'a Article,
    /// Where the article was read from (a path, `file.jsonl:LINE`).
    pub origin: Option<&'a str>,
    /// For a quote document: the quote, and its 0-based number in the
    /// article.
    pub quote: Option<(usize, &'a Quote)>,
    /// All the quotes of the article.
    pub quotes: &'a [Quote],
}

impl<'a> Document<'a> {
    /// An article or a quote.
    pub fn kind(&self) -> Kind {
        if self.quote.is_some() { Kind::Quote } else { Kind::Article }
    }

    /// The document's id: the article's, or [`quote_id`] for a quote.
    pub fn id(&self) -> String {
        match self.quote {
            Some((n, _)) => quote_id(&self.article.id, n),
            None => self.article.id.clone(),
        }
    }

    /// The words a search looks for: the body of an article, the quoted
    /// words of a quote.
    pub fn text(&self) -> &'a str {
        match self.quote {
            Some((_, quote)) => &quote.text,
            None => &self.article.body,
        }
    }

    /// The first words of an article's body, which count extra in a
    /// search (news puts what an article is about first); `None` for a
    /// quote.
    pub fn lead(&self) -> Option<&'a str> {
        self.quote.is_none().then(|| leading_words(&self.article.body, LEAD_WORDS))
    }

    /// Whom the document quotes: a quote's speaker, when known; for an
    /// article, each speaker of its quotes once, in the order of the text.
    pub fn speakers(&self) -> Vec<&'a str> {
        let named = |q: &'a Quote| q.speaker.as_deref();
        match self.quote {
            Some((_, quote)) => named(quote).into_iter().collect(),
            None => {
                let mut seen = Vec::new();
                for name in self.quotes.iter().filter_map(named) {
                    if !seen.contains(&name) {
                        seen.push(name);
                    }
                }
                seen
            }
        }
    }

    /// An article's fingerprint, to find its near-duplicates: the
    /// [`fingerprint`](super::fingerprint) of its title and body (the
    /// title keeps apart articles of one boilerplate body, such as the
    /// same embedded script); `None` for a quote and for an article too
    /// short to have one.
    pub fn fingerprint(&self) -> Option<u64> {
        if self.quote.is_some() {
            return None;
        }
        fingerprint_of(&[&self.article.title, &self.article.body])
    }

    /// The tantivy document of these values.
    pub(crate) fn to_tantivy(self, f: &Fields) -> TantivyDocument {
        self.to_tantivy_only(f, &|_| true)
    }

    /// The tantivy document of these values in the fields `wanted` only
    /// (what is not wanted, a fingerprint say, is not computed).
    pub(crate) fn to_tantivy_only(self, f: &Fields, wanted: &dyn Fn(Field) -> bool) -> TantivyDocument {
        let article = self.article;
        let mut doc = TantivyDocument::default();
        let mut text = |field: Field, value: &str| {
            if wanted(field) {
                doc.add_text(field, value);
            }
        };
        // A quote document's kind is its span's: `quote`, `term` or `name`;
        // only `quote` is a [`Kind::Quote`].
        text(f.kind, self.quote.map_or(self.kind().name(), |(_, q)| q.kind.as_str()));
        text(f.id, &self.id());
        text(f.article_id, &article.id);
        if let Some(source) = &article.source {
            text(f.source, source);
        }
        if let Some(origin) = self.origin {
            text(f.path, origin);
        }
        if let Some(url) = &article.url {
            text(f.url, url);
        }
        for speaker in self.speakers() {
            text(f.speakers, speaker);
        }
        let mut numbers: Vec<(Field, u64)> = Vec::new();
        match self.quote {
            None => {
                text(f.title, &article.title);
                text(f.body, &article.body);
                if wanted(f.lead) {
                    text(f.lead, self.lead().unwrap_or_default());
                }
                text(f.title_exact, &article.title);
                text(f.body_exact, &article.body);
                if let Some(fingerprint) = wanted(f.fingerprint).then(|| self.fingerprint()).flatten() {
                    numbers.push((f.fingerprint, fingerprint));
                }
            }
            Some((_, quote)) => {
                // Stored only: quotes match on their own words.
                text(f.article_title, &article.title);
                text(f.quote, &quote.text);
                text(f.quote_exact, &quote.text);
                if let (Some(speaker), Some(attribution)) = (&quote.speaker, &quote.attribution) {
                    text(f.speaker, speaker);
                    let kind = quote.speaker_kind.unwrap_or(SpeakerKind::Person);
                    text(f.speaker_kind, kind.as_str());
                    text(f.speaker_key, &index_keys(speaker, kind == SpeakerKind::Person));
                    text(f.attribution, attribution.method.as_str());
                    text(f.mention, &attribution.mention);
                }
                numbers.extend(pack_span(quote).into_iter().map(|value| (f.span, value)));
            }
        }
        if let Some(day) = article.date.filter(|_| wanted(f.date)) {
            doc.add_date(f.date, date::to_index(day));
        }
        for (field, value) in numbers.into_iter().filter(|&(field, _)| wanted(field)) {
            doc.add_u64(field, value);
        }
        doc
    }
}

/// The documents of an article read from `origin`, whose quotes are
/// `quotes` ([`extract_quotes`](crate::quotes::extract_quotes) of its
/// body): the article first, then each quote in order.
///
/// ```
/// use poisk::{Article, Kind};
///
/// let article = Article::new("a1", "Погода", "«Будет тепло», — сказал синоптик Иван Петров.");
/// let quotes = poisk::quotes::extract_quotes(&article.body);
/// let documents = poisk::index::documents(&article, Some("notes.jsonl:1"), &quotes);
/// let ids: Vec<(Kind, String)> = documents.iter().map(|d| (d.kind(), d.id())).collect();
/// assert_eq!(ids, [(Kind::Article, "a1".to_owned()), (Kind::Quote, "a1#q1".to_owned())]);
/// assert_eq!(documents[1].text(), "Будет тепло");
/// ```
pub fn documents<'a>(article: &'a Article, origin: Option<&'a str>, quotes: &'a [Quote]) -> Vec<Document<'a>> {
    let quote = |(n, quote)| Document { article, origin, quote: Some((n, quote)), quotes };
    std::iter::once(Document { article, origin, quote: None, quotes })
        .chain(quotes.iter().enumerate().map(quote))
        .collect()
}

/// The tantivy documents of an article: see [`documents`].
pub(crate) fn tantivy_documents(
    fields: &Fields,
    article: &Article,
    origin: Option<&str>,
    quotes: &[Quote],
) -> Vec<TantivyDocument> {
    documents(article, origin, quotes).into_iter().map(|d| d.to_tantivy(fields)).collect()
}

/// A quote's place in its article's body, as the `span` field holds it:
/// `[start, end, unclosed]`.
fn pack_span(quote: &Quote) -> [u64; 3] {
    [quote.start as u64, quote.end as u64, u64::from(quote.unclosed)]
}

/// A document read back from the index (`DocStores::get`): the values
/// of its stored fields.
///
/// `lead` and the `*_exact` fields are indexed only, not stored.
pub(crate) struct Stored<'a> {
    doc: &'a StoredDoc,
    fields: &'a Fields,
}

impl<'a> Stored<'a> {
    pub(crate) fn new(doc: &'a StoredDoc, fields: &'a Fields) -> Stored<'a> {
        Stored { doc, fields }
    }

    fn text(&self, field: tantivy::schema::Field) -> Option<&'a str> {
        self.doc.text(field)
    }

    /// The document's id: the article's, or `ARTICLE_ID#qN`.
    pub(crate) fn id(&self) -> &'a str {
        self.text(self.fields.id).unwrap_or_default()
    }

    /// The id of the article the document belongs to.
    pub(crate) fn article_id(&self) -> &'a str {
        self.text(self.fields.article_id).unwrap_or_default()
    }

    /// The article's title, whether the document is the article or one of
    /// its quotes.
    pub(crate) fn title(&self) -> &'a str {
        self.text(self.fields.title).or_else(|| self.text(self.fields.article_title)).unwrap_or_default()
    }

    /// The article's date.
    pub(crate) fn date(&self) -> Option<Date> {
        self.doc.date(self.fields.date).map(date::from_index)
    }

    /// The article's source.
    pub(crate) fn source(&self) -> Option<&'a str> {
        self.text(self.fields.source)
    }

    /// Where the article was read from.
    pub(crate) fn path(&self) -> Option<&'a str> {
        self.text(self.fields.path)
    }

    /// Where the article was published.
    pub(crate) fn url(&self) -> Option<&'a str> {
        self.text(self.fields.url)
    }

    /// An article's body; empty for a quote.
    pub(crate) fn body(&self) -> &'a str {
        self.text(self.fields.body).unwrap_or_default()
    }

    /// A quote's speaker, when known.
    pub(crate) fn speaker(&self) -> Option<&'a str> {
        self.text(self.fields.speaker)
    }

    /// The quote a quote document holds, as [`Document::to_tantivy`] wrote it.
    pub(crate) fn quote(&self) -> Quote {
        let span: Vec<u64> = self.doc.u64s(self.fields.span).collect();
        let attribution = self
            .text(self.fields.attribution)
            .and_then(AttributionMethod::from_name)
            .map(|method| Attribution { method, mention: self.text(self.fields.mention).unwrap_or_default().into() });
        Quote {
            text: self.text(self.fields.quote).unwrap_or_default().to_owned(),
            start: span.first().map_or(0, |&v| v as usize),
            end: span.get(1).map_or(0, |&v| v as usize),
            kind: self.text(self.fields.kind).and_then(QuoteKind::from_name).unwrap_or_default(),
            speaker: self.speaker().map(str::to_owned),
            speaker_kind: self.text(self.fields.speaker_kind).and_then(SpeakerKind::from_name),
            attribution,
            unclosed: span.get(2).is_some_and(|&v| v != 0),
        }
    }
}

/// The days of the documents of one segment, from the `date` column: a
/// fast field, read without loading documents.
pub(crate) struct Days(Option<Column<tantivy::DateTime>>);

impl Days {
    /// The column of `segment`.
    ///
    /// # Errors
    /// When the segment cannot be read.
    pub(crate) fn of(segment: &SegmentReader) -> tantivy::Result<Days> {
        Ok(Days(Some(segment.fast_fields().date(names::DATE)?)))
    }

    /// The column of `segment`, or no days when it cannot be read (a sort
    /// key then puts every document last).
    pub(crate) fn or_none(segment: &SegmentReader) -> Days {
        Days::of(segment).unwrap_or(Days(None))
    }

    /// The day of document `doc` in days since 1970-01-01; `None` when
    /// it is undated.
    pub(crate) fn day(&self, doc: DocId) -> Option<i64> {
        self.0.as_ref()?.first(doc).map(date::index_day)
    }
}

/// A text column of one segment: each document's values as ordinals of
/// the segment's sorted values, read without loading documents.
pub(crate) struct Names(Option<StrColumn>);

impl Names {
    /// The `source` column of `segment`: one value per document at most.
    ///
    /// # Errors
    /// When the segment cannot be read.
    pub(crate) fn sources(segment: &SegmentReader) -> tantivy::Result<Names> {
        Ok(Names(segment.fast_fields().str(names::SOURCE)?))
    }

    /// The `speakers` column of `segment`: whom each document quotes.
    ///
    /// # Errors
    /// When the segment cannot be read.
    pub(crate) fn speakers(segment: &SegmentReader) -> tantivy::Result<Names> {
        Ok(Names(segment.fast_fields().str(names::SPEAKERS)?))
    }

    /// How many distinct values the segment holds (ordinals run below).
    pub(crate) fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |column| column.num_terms())
    }

    /// The ordinals of document `doc`'s values.
    pub(crate) fn of(&self, doc: DocId) -> impl Iterator<Item = u64> + '_ {
        self.0.iter().flat_map(move |column| column.ords().values_for_doc(doc))
    }

    /// The values of the ordinals `ords` (sorted, each once), passed to
    /// `each` in their order, in one pass over the column's dictionary: a
    /// lookup per ordinal would decode a dictionary block per value.
    /// Returns false when a value could not be found (a damaged
    /// dictionary); `each` has then seen the values before it.
    ///
    /// # Errors
    /// When the segment cannot be read.
    pub(crate) fn values(&self, ords: &[u64], each: impl FnMut(&[u8])) -> std::io::Result<bool> {
        match &self.0 {
            Some(column) => column.dictionary().sorted_ords_to_term_cb(ords, each),
            None => Ok(ords.is_empty()),
        }
    }
}

/// The fingerprints of the articles of one segment, from their column.
pub(crate) struct Fingerprints(Option<Column<u64>>);

impl Fingerprints {
    /// The column of `segment`.
    ///
    /// # Errors
    /// When the segment cannot be read.
    pub(crate) fn of(segment: &SegmentReader) -> tantivy::Result<Fingerprints> {
        Ok(Fingerprints(segment.fast_fields().u64(names::FINGERPRINT).ok()))
    }

    /// The fingerprint of document `doc`; `None` for a quote or a short
    /// article.
    pub(crate) fn get(&self, doc: DocId) -> Option<u64> {
        self.0.as_ref()?.first(doc)
    }

    /// Every document of a segment of `max_doc` that has a fingerprint,
    /// with it, in order: the column read row by row, not looked up by
    /// document (a rank in the column's index for each).
    pub(crate) fn all(&self, max_doc: DocId) -> Vec<(DocId, u64)> {
        let Some(column) = &self.0 else { return Vec::new() };
        match &column.index {
            ColumnIndex::Optional(index) => {
                index.iter_non_null_docs().zip(0..).map(|(doc, row)| (doc, column.values.get_val(row))).collect()
            }
            _ => (0..max_doc).filter_map(|doc| Some((doc, column.first(doc)?))).collect(),
        }
    }
}

/// The document whose own id is `id`: an article, or a quote
/// (`ARTICLE_ID#qN`).
pub(crate) fn id_term(fields: &Fields, id: &str) -> Term {
    Term::from_field_text(fields.id, id)
}

/// The documents of the article `article_id`, itself and its quotes, which
/// share its `article_id`.
pub(crate) fn article_term(fields: &Fields, article_id: &str) -> Term {
    Term::from_field_text(fields.article_id, article_id)
}

/// Deletes the documents of the article `article_id`, itself and its
/// quotes (for [`tantivy::IndexWriter::delete_query`]).
///
/// tantivy's own `delete_term` keeps a scoring `TermWeight` for every
/// deletion until the next commit, over 1 kB with its BM25 cache, so that
/// indexing a million small articles without a commit held a gigabyte of
/// deletions. This one keeps the term alone (about 100 bytes) and reads
/// the postings only when tantivy applies it to a segment.
pub(crate) fn deletion(fields: &Fields, article_id: &str) -> Box<dyn Query> {
    Box::new(Deletion(article_term(fields, article_id)))
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
    use super::*;
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

    #[test]
    fn every_stored_value_reads_back_as_written() {
        let fields = Fields::new();
        let article = Article::new("a1", "Погода", "Вступление. «Будет тепло», — сказал синоптик Иван Петров.")
            .with_date("2025-09-03".parse().unwrap())
            .with_source("Газета")
            .with_url("https://example.ru/a1");
        let mut quotes = crate::quote::extract_quotes(&article.body);
        quotes.push(Quote {
            unclosed: true,
            speaker: None,
            speaker_kind: None,
            attribution: None,
            ..quotes[0].clone()
        });
        let docs = tantivy_documents(&fields, &article, Some("notes.jsonl:3"), &quotes);
        assert_eq!(docs.len(), 3);
        // Through an index and back, as a search reads them.
        let analyzers = tantivy::tokenizer::TokenizerManager::default();
        crate::analyzer::register_analyzers(&analyzers);
        let index =
            tantivy::Index::builder().schema(fields.schema.clone()).tokenizers(analyzers).create_in_ram().unwrap();
        let mut writer = index.writer_with_num_threads(1, 15 << 20).unwrap();
        for doc in docs {
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let stores = super::super::store::DocStores::default();
        let read = [0, 1, 2].map(|doc| stores.get(&searcher, tantivy::DocAddress::new(0, doc)).unwrap());
        let [article_doc, quote_doc, unclosed] = [0, 1, 2].map(|i| Stored::new(&read[i], &fields));
        for (doc, id) in [(&article_doc, "a1"), (&quote_doc, "a1#q1"), (&unclosed, "a1#q2")] {
            assert_eq!(doc.id(), id);
            assert_eq!(doc.article_id(), "a1");
            assert_eq!(doc.title(), "Погода");
            assert_eq!(doc.date(), article.date);
            assert_eq!(doc.source(), Some("Газета"));
            assert_eq!(doc.path(), Some("notes.jsonl:3"));
            assert_eq!(doc.url(), Some("https://example.ru/a1"));
        }
        assert_eq!(article_doc.body(), article.body);
        assert_eq!(quote_doc.body(), "");
        assert_eq!(quote_doc.quote(), quotes[0]);
        assert_eq!(quote_doc.speaker(), Some("Иван Петров"));
        assert_eq!(unclosed.quote(), quotes[1]);
    }
}
