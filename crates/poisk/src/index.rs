//! The index on disk or in memory, and the writer that fills it.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use crate::article::Article;
use crate::document::documents;
use crate::error::{Error, Result};
use crate::quote::extract_quotes;
use crate::schema::{FORMAT_VERSION, Fields};
use crate::search::Searcher;

/// The file in an index directory that records poisk's format version.
const MARKER_FILE: &str = "poisk.json";

/// A poisk index: articles and their quotes, searchable.
///
/// ```
/// let index = poisk::Index::in_memory()?;
/// let mut writer = index.writer()?;
/// writer.add(&poisk::seed_articles()?[0])?;
/// writer.commit()?;
/// assert_eq!(index.searcher()?.num_articles(), 1);
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Clone)]
pub struct Index {
    inner: tantivy::Index,
    fields: Fields,
    dir: Option<PathBuf>,
}

impl Index {
    /// Creates an empty index in `dir`, creating the directory if needed.
    ///
    /// # Errors
    /// When `dir` already holds an index or files cannot be written.
    pub fn create(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        if dir.join("meta.json").exists() {
            return Err(Error::BadIndex { path: dir.to_path_buf(), message: "an index already exists there".into() });
        }
        let fields = Fields::new();
        let inner = tantivy::Index::create_in_dir(dir, fields.schema.clone())?;
        let marker = format!("{{\"format\": {FORMAT_VERSION}}}\n");
        fs::write(dir.join(MARKER_FILE), marker).map_err(|source| Error::Io { path: dir.join(MARKER_FILE), source })?;
        Ok(Index::wrap(inner, fields, Some(dir.to_path_buf())))
    }

    /// Opens the index in `dir`.
    ///
    /// # Errors
    /// [`Error::NoIndex`] when there is none; [`Error::BadIndex`] when it was
    /// written by another format version or is damaged.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        if !dir.join("meta.json").exists() {
            return Err(Error::NoIndex { path: dir.to_path_buf() });
        }
        let bad = |message: String| Error::BadIndex { path: dir.to_path_buf(), message };
        let marker = fs::read_to_string(dir.join(MARKER_FILE))
            .map_err(|e| bad(format!("{MARKER_FILE} cannot be read ({e}); it is not a poisk index")))?;
        let version = serde_json::from_str::<serde_json::Value>(&marker)
            .ok()
            .and_then(|v| v.get("format")?.as_u64())
            .ok_or_else(|| bad(format!("{MARKER_FILE} is damaged")))?;
        if version != u64::from(FORMAT_VERSION) {
            return Err(bad(format!("it has format version {version}, this poisk reads version {FORMAT_VERSION}")));
        }
        let inner = tantivy::Index::open_in_dir(dir).map_err(|e| bad(e.to_string()))?;
        let fields = Fields::new();
        if inner.schema() != fields.schema {
            return Err(bad("its schema differs from this poisk's".into()));
        }
        Ok(Index::wrap(inner, fields, Some(dir.to_path_buf())))
    }

    /// Opens the index in `dir`, or creates it when there is none.
    ///
    /// # Errors
    /// As [`Index::open`] and [`Index::create`].
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index> {
        match Index::open(&dir) {
            Err(Error::NoIndex { .. }) => Index::create(dir),
            other => other,
        }
    }

    /// An index that lives in memory only.
    ///
    /// # Errors
    /// Only when tantivy cannot set the index up.
    pub fn in_memory() -> Result<Index> {
        let fields = Fields::new();
        let inner = tantivy::Index::create_in_ram(fields.schema.clone());
        Ok(Index::wrap(inner, fields, None))
    }

    fn wrap(inner: tantivy::Index, fields: Fields, dir: Option<PathBuf>) -> Index {
        crate::analyzer::register_analyzers(inner.tokenizers());
        Index { inner, fields, dir }
    }

    /// The directory of the index; `None` for an in-memory index.
    pub fn path(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// A writer with default options (see [`WriterOptions`]).
    ///
    /// # Errors
    /// [`Error::Locked`] when another writer holds the index.
    pub fn writer(&self) -> Result<Writer> {
        self.writer_with(&WriterOptions::default())
    }

    /// A writer with the given threads and memory budget.
    ///
    /// # Errors
    /// [`Error::Locked`] when another writer holds the index.
    pub fn writer_with(&self, options: &WriterOptions) -> Result<Writer> {
        let threads =
            options.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).clamp(1, 8);
        // tantivy needs at least 15 MB per thread.
        let budget = (options.memory_mb.max(15 * threads)) << 20;
        let inner = self.inner.writer_with_num_threads(threads, budget).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                Error::Locked { path: self.dir.clone().unwrap_or_default() }
            }
            other => Error::Tantivy(other),
        })?;
        Ok(Writer { inner, fields: self.fields.clone() })
    }

    /// A searcher that sees the last commit (and later ones as they come).
    ///
    /// # Errors
    /// When tantivy cannot open a reader.
    pub fn searcher(&self) -> Result<Searcher> {
        Searcher::new(&self.inner, self.fields.clone())
    }
}

/// Knobs of [`Index::writer_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// Indexing threads; `None` means one per core (at most 8).
    pub threads: Option<usize>,
    /// Memory budget in megabytes, shared by the threads.
    pub memory_mb: usize,
}

impl Default for WriterOptions {
    fn default() -> WriterOptions {
        WriterOptions { threads: None, memory_mb: 256 }
    }
}

/// Adds, replaces and deletes articles; nothing is visible until
/// [`Writer::commit`].
pub struct Writer {
    inner: IndexWriter<TantivyDocument>,
    fields: Fields,
}

impl Writer {
    /// Adds an article and its quotes, replacing any article with the same id.
    /// Returns how many quotes were indexed.
    ///
    /// # Errors
    /// When tantivy's indexing threads fail.
    pub fn add(&mut self, article: &Article) -> Result<usize> {
        self.add_from(article, None)
    }

    /// As [`Writer::add`], recording where the article came from (a path,
    /// or `file.jsonl:LINE`).
    ///
    /// # Errors
    /// When tantivy's indexing threads fail.
    pub fn add_from(&mut self, article: &Article, origin: Option<&str>) -> Result<usize> {
        let quotes = extract_quotes(&article.body);
        self.delete(&article.id);
        for doc in documents(&self.fields, article, origin, &quotes) {
            self.inner.add_document(doc)?;
        }
        Ok(quotes.len())
    }

    /// Deletes the article with this id and its quotes.
    pub fn delete(&mut self, article_id: &str) {
        self.inner.delete_term(Term::from_field_text(self.fields.article_id, article_id));
    }

    /// Deletes everything (visible after the next commit).
    ///
    /// # Errors
    /// When tantivy fails.
    pub fn delete_all(&mut self) -> Result<()> {
        self.inner.delete_all_documents()?;
        Ok(())
    }

    /// Makes everything added or deleted so far durable and searchable.
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn commit(&mut self) -> Result<()> {
        self.inner.commit()?;
        Ok(())
    }

    /// Drops everything added or deleted since the last commit.
    ///
    /// # Errors
    /// When tantivy fails.
    pub fn rollback(&mut self) -> Result<()> {
        self.inner.rollback()?;
        Ok(())
    }

    /// Waits for background merges to end, then releases the index.
    ///
    /// # Errors
    /// When a merge failed.
    pub fn finish(self) -> Result<()> {
        self.inner.wait_merging_threads()?;
        Ok(())
    }
}
