//! Stock tantivy, the baseline: the same stored fields as poisk's articles
//! (`id`, `date`, `title` and `body`, the last two stored) analysed by
//! tantivy's own pipeline for Russian, searched with its `QueryParser` and
//! given snippets by its `SnippetGenerator`. [`crate::input`] reads its
//! articles from the files as an application on plain tantivy would.

use std::path::Path;

use poisk::Article;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{DateTime, Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::input::Record;

/// The name the stock analyzer is registered under.
pub const ANALYZER: &str = "ru_stock";
/// Longest token kept, in bytes (tantivy's `RemoveLongFilter` counts bytes).
const MAX_TOKEN_BYTES: usize = 40;
/// Snippet length, as poisk's default.
const SNIPPET_CHARS: usize = 200;

/// tantivy's stock pipeline for Russian: `SimpleTokenizer` →
/// `RemoveLongFilter(40)` → `LowerCaser` → `Stemmer(Russian)`.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Russian))
        .build()
}

/// The baseline schema and its field handles.
#[derive(Clone)]
pub struct Fields {
    /// The schema.
    pub schema: Schema,
    /// Article id, a raw stored string.
    pub id: Field,
    /// Publication day, indexed and stored.
    pub date: Field,
    /// Headline, analysed and stored.
    pub title: Field,
    /// Text, analysed and stored.
    pub body: Field,
}

impl Fields {
    /// Builds the schema.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let text = TextOptions::default().set_indexing_options(indexing).set_stored();
        let date =
            DateOptions::default().set_indexed().set_fast().set_stored().set_precision(DateTimePrecision::Seconds);
        let id = b.add_text_field("id", STRING | STORED);
        let date = b.add_date_field("date", date);
        let title = b.add_text_field("title", text.clone());
        let body = b.add_text_field("body", text);
        Fields { schema: b.build(), id, date, title, body }
    }
}

impl Default for Fields {
    fn default() -> Fields {
        Fields::new()
    }
}

fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// Indexes parsed `articles` into a new index in `dir` with `threads`
/// threads and a budget of `memory_mb` megabytes, as poisk's writer
/// would be given.
///
/// # Errors
/// When the index cannot be written.
pub fn index(dir: &Path, articles: &[Article], threads: usize, memory_mb: usize) -> tantivy::Result<()> {
    index_records(dir, articles.iter().map(Record::from), threads, memory_mb)
}

/// Indexes `records` into a new index in `dir` (see [`index`]).
///
/// # Errors
/// When the index cannot be written.
pub fn index_records(
    dir: &Path,
    records: impl IntoIterator<Item = Record>,
    threads: usize,
    memory_mb: usize,
) -> tantivy::Result<()> {
    let mut writer = Writer::create(dir, threads, memory_mb)?;
    for record in records {
        writer.add(&record)?;
    }
    writer.finish()
}

/// A new baseline index being written.
pub struct Writer {
    inner: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
}

impl Writer {
    /// Creates the index in `dir` (and `dir` when needed) and its writer, with `threads` indexing
    /// threads sharing `memory_mb` megabytes.
    ///
    /// # Errors
    /// When the index cannot be created.
    pub fn create(dir: &Path, threads: usize, memory_mb: usize) -> tantivy::Result<Writer> {
        std::fs::create_dir_all(dir)?;
        let fields = Fields::new();
        let index = Index::create_in_dir(dir, fields.schema.clone())?;
        register(&index);
        let inner = index.writer_with_num_threads::<TantivyDocument>(threads, memory_mb << 20)?;
        Ok(Writer { inner, fields })
    }

    /// Adds one article.
    ///
    /// # Errors
    /// When the indexing threads failed.
    pub fn add(&mut self, record: &Record) -> tantivy::Result<()> {
        self.inner.add_document(document(&self.fields, record))?;
        Ok(())
    }

    /// Commits and waits for merges.
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn finish(mut self) -> tantivy::Result<()> {
        self.inner.commit()?;
        self.inner.wait_merging_threads()
    }
}

fn document(f: &Fields, record: &Record) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &record.id);
    if let Some(day) = record.day {
        doc.add_date(f.date, DateTime::from_timestamp_secs(day * 86_400));
    }
    doc.add_text(f.title, &record.title);
    doc.add_text(f.body, &record.body);
    doc
}

/// Searches a stock index the way an application on plain tantivy would.
pub struct Searcher {
    reader: IndexReader,
    parser: QueryParser,
    fields: Fields,
}

impl Searcher {
    /// Opens the index in `dir`.
    ///
    /// # Errors
    /// When it cannot be read.
    pub fn open(dir: &Path) -> tantivy::Result<Searcher> {
        let index = Index::open_in_dir(dir)?;
        register(&index);
        let fields = Fields::new();
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        // All words must match, as in poisk.
        let mut parser = QueryParser::for_index(&index, vec![fields.title, fields.body]);
        parser.set_conjunction_by_default();
        Ok(Searcher { reader, parser, fields })
    }

    /// Top 10 (and the total count, as poisk reports it) with one
    /// `SnippetGenerator` fragment of the body per hit (stock tantivy makes
    /// one per document); returns the number of hits and of non-empty
    /// snippets.
    ///
    /// # Errors
    /// When the query is malformed or the index cannot be read.
    pub fn search(&self, query: &str) -> tantivy::Result<(usize, usize)> {
        let searcher = self.reader.searcher();
        let query = self.parser.parse_query(query)?;
        let (_total, top) = searcher.search(&query, &(Count, TopDocs::with_limit(10).order_by_score()))?;
        let mut generator = SnippetGenerator::create(&searcher, &*query, self.fields.body)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        let mut snippets = 0;
        for (_score, address) in &top {
            let doc: TantivyDocument = searcher.doc(*address)?;
            // Read the title as an application would, to show it.
            let title = doc.get_first(self.fields.title).and_then(|v| v.as_str());
            let snippet = generator.snippet_from_doc(&doc);
            snippets += usize::from(!snippet.is_empty() && title.is_some());
        }
        Ok((top.len(), snippets))
    }
}
