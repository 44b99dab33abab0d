//! The index on disk or in memory, the writer that fills it, and what
//! it holds.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | [`Index`] (create, open, in memory) and [`Writer`] (add, delete, commit, roll back) |
//! | `schema.rs` | every field and analyzer name, and the format version |
//! | `document.rs` | [`Article`] and its quotes ↔ [`Document`]s ↔ tantivy documents: the only place that names a field when writing or reading one |
//! | `store.rs` | `DocStores`: stored documents read from tantivy's document store, texts checked by `simdutf8` |
//! | `fingerprint.rs` | [`fingerprint`]: the SimHash of a text, to find near-duplicate articles |
//! | `directory.rs` | tantivy's `MmapDirectory`, with `meta.json` following the umask and no lock to read |
//! | `days.rs` | matching documents counted per day from the `date` column (timelines and [`IndexStats`]) |
//! | `stats.rs` | [`Index::stats`]: articles, quotes, speakers, dates, terms, size |
//! | `check.rs` | [`Index::check`]: every file read against its checksum |

mod check;
pub(crate) mod days;
mod directory;
mod document;
mod fingerprint;
mod schema;
mod stats;
mod store;

use std::borrow::Borrow;
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::collector::DocSetCollector;
use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
use tantivy::store::Compressor;
use tantivy::{IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};

pub use self::check::{Damage, IndexCheck};
use self::directory::{IndexDirectory, WritesInFlight};
pub(crate) use self::document::{
    Days, Fingerprints, Names, Stored, article_term, id_term, span_kind_term, speaker_kind_query,
};
pub use self::document::{Document, Kind, documents, quote_id};
use self::document::{deletion, tantivy_documents};
pub(crate) use self::fingerprint::{BAND_SLOTS, band_slots};
pub use self::fingerprint::{NEAR_BITS, bands, fingerprint, near};
use self::schema::FORMAT_VERSION;
pub(crate) use self::schema::Fields;
pub use self::stats::IndexStats;
pub(crate) use self::store::DocStores;
use crate::article::Article;
use crate::error::{EngineResult, Error, Result, guard};
use crate::quote::{QuoteKind, extract_spans};
use crate::search::Searcher;

/// The file in an index directory that records poisk's format version.
const MARKER_FILE: &str = "poisk.json";
/// The file tantivy keeps its list of segments in; an index has one.
const TANTIVY_META: &str = "meta.json";
/// The size of the document store's blocks (tantivy's default is 16 KB).
/// Reading a document reads its whole block, and a search reads, besides
/// its ten articles (about 12 KB each, a block or two of their own at any
/// size), up to thirty quote documents of a few hundred bytes, each in a
/// block of its own: with 4 KB blocks a search ran 7% fewer instructions
/// than with 16 KB, for an index 4% larger (BENCHMARKS.md, "Search").
///
/// The blocks are not compressed: LZ4 (tantivy's default) was 15% of a
/// search's instructions and about a fifth of its p50 (1.15 against
/// 0.94 ms over the corpus's 79 benchmark queries), for a store half the
/// size (94 against 187 MB; the whole index 176 against 265 MB).
const DOCSTORE_BLOCK_BYTES: usize = 4096;
/// How many times opening an index is tried when a file vanishes under it.
const OPEN_ATTEMPTS: usize = 5;
/// The pause between those tries.
const OPEN_RETRY_DELAY: Duration = Duration::from_millis(50);
/// How long a writer that failed waits for threads still writing files
/// before it deletes what it does not need: enough for a thread to finish
/// a segment of the largest memory budget; a file still open after that
/// is collected by the next writer.
const WRITES_SETTLE_LIMIT: Duration = Duration::from_secs(60);
/// How long no new file must be opened after a writer that failed or
/// rolled back collected its garbage: an indexing thread still adding
/// documents in memory opens its segment's files only when it flushes.
const WRITES_QUIET: Duration = Duration::from_millis(500);
/// The pause before collecting garbage again while files of uncommitted
/// segments are left.
const GARBAGE_RETRY_DELAY: Duration = Duration::from_millis(20);

/// A poisk index: articles and their quotes, searchable.
///
/// ```
/// let index = poisk::Index::in_memory()?;
/// let mut writer = index.writer()?;
/// writer.add(&poisk::builtin::articles()?[0])?;
/// writer.commit()?;
/// assert_eq!(index.searcher()?.num_articles(), 1);
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Clone)]
pub struct Index {
    inner: tantivy::Index,
    fields: Fields,
    dir: Option<PathBuf>,
    writes: WritesInFlight,
}

impl Index {
    /// Creates an empty index in `dir`, creating the directory if needed.
    ///
    /// # Errors
    /// [`Error::BadIndex`] when `dir` already holds an index;
    /// [`Error::NotAnIndex`] when it holds other files; [`Error::Io`] when
    /// files cannot be written.
    pub fn create(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
        if dir.join(TANTIVY_META).exists() {
            return Err(Error::bad_index(dir, "an index already exists there"));
        }
        check_empty(dir)?;
        // The marker goes first: a crash before tantivy's meta.json leaves a
        // directory that `create` accepts again, never an index without a
        // marker.
        write_marker(dir)?;
        let directory = IndexDirectory::open(dir).map_err(TantivyError::from).engine()?;
        let writes = directory.writes();
        let fields = Fields::new();
        let inner = tantivy::Index::create(directory, fields.schema.clone(), settings()).engine()?;
        Ok(Index::wrap(inner, fields, Some(dir.to_path_buf()), writes))
    }

    /// The index in `dir`, read and written through `directory`, unchecked.
    #[cfg(test)]
    pub(crate) fn open_through(
        directory: impl tantivy::directory::Directory,
        writes: WritesInFlight,
        dir: &Path,
    ) -> Result<Index> {
        Ok(Index::wrap(tantivy::Index::open(directory).engine()?, Fields::new(), Some(dir.to_path_buf()), writes))
    }

    /// Opens the index in `dir`.
    ///
    /// The index is checked on the way: its format marker, its schema, and
    /// that every segment file it names can be opened.
    ///
    /// # Errors
    /// [`Error::NoIndex`] when there is none; [`Error::BadIndex`] when it was
    /// written by another format version or is damaged (its marker and
    /// segments are there but tantivy's `meta.json` is not, say);
    /// [`Error::NotAnIndex`] when the directory holds another program's
    /// tantivy index.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        let bad = |message: String| Error::bad_index(dir, message);
        if !dir.join(TANTIVY_META).exists() {
            if dir.join(MARKER_FILE).is_file() && holds_segments(dir) {
                return Err(bad(format!("{TANTIVY_META}, tantivy's list of segments, is missing")));
            }
            return Err(Error::NoIndex { path: dir.to_path_buf() });
        }
        let has_marker = check_marker(dir)?;
        let foreign = |message: &str| Error::NotAnIndex { path: dir.to_path_buf(), message: message.to_string() };
        let (inner, writes) = match guard(Some(dir), || Ok(open_readable(dir)))? {
            Ok(opened) => opened,
            Err(_) if !has_marker => return Err(foreign("it has no poisk.json and tantivy cannot read it")),
            Err(e) => return Err(bad(format!("it is damaged ({e})"))),
        };
        let fields = Fields::new();
        match (inner.schema() == fields.schema, has_marker) {
            (true, true) => Ok(Index::wrap(inner, fields, Some(dir.to_path_buf()), writes)),
            (true, false) => Err(bad(format!("{MARKER_FILE}, which records its format version, is missing"))),
            (false, true) => Err(bad("its schema differs from this poisk's".into())),
            (false, false) => Err(foreign("it holds a tantivy index of another program")),
        }
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

    /// Opens the index in `dir` to rebuild it: an index that opens is
    /// returned as it is (empty it with [`Writer::delete_all`] and fill it
    /// again in one commit, so that searches see the old index until the
    /// new one is complete); an index this poisk cannot read, written by
    /// another format version or damaged, is deleted and created anew;
    /// where there is none, one is created.
    ///
    /// Only a poisk index is ever deleted: a directory holding anything
    /// else is [`Error::NotAnIndex`], and is left as it is.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// std::fs::write(dir.path().join("poisk.json"), "{\"format\": 1}\n")?;
    /// std::fs::write(dir.path().join("meta.json"), "{}")?;
    /// assert!(matches!(poisk::Index::open(dir.path()), Err(poisk::Error::BadIndex { .. })));
    /// let index = poisk::Index::open_or_replace(dir.path())?;
    /// assert!(index.is_empty()?);
    /// poisk::Index::open(dir.path())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`Index::open`] and [`Index::create`], but for
    /// [`Error::BadIndex`]; [`Error::Io`] when the old index cannot be
    /// deleted.
    pub fn open_or_replace(dir: impl AsRef<Path>) -> Result<Index> {
        let dir = dir.as_ref();
        match Index::open_or_create(dir) {
            // Only an index is `BadIndex`, and only a directory that tantivy
            // or poisk wrote holds meta.json or poisk.json.
            Err(Error::BadIndex { .. }) if dir.join(TANTIVY_META).is_file() || dir.join(MARKER_FILE).is_file() => {
                fs::remove_dir_all(dir).map_err(|source| Error::Io { path: dir.to_path_buf(), source })?;
                Index::create(dir)
            }
            other => other,
        }
    }

    /// An index that lives in memory only (example: [`Index`]).
    ///
    /// # Errors
    /// Only when tantivy cannot set the index up.
    pub fn in_memory() -> Result<Index> {
        let fields = Fields::new();
        let directory = tantivy::directory::RamDirectory::create();
        let inner = tantivy::Index::create(directory, fields.schema.clone(), settings()).engine()?;
        Ok(Index::wrap(inner, fields, None, WritesInFlight::default()))
    }

    fn wrap(inner: tantivy::Index, fields: Fields, dir: Option<PathBuf>, writes: WritesInFlight) -> Index {
        crate::analyzer::register_analyzers(inner.tokenizers());
        Index { inner, fields, dir, writes }
    }

    /// True when the last commit holds no document: a new index, or one
    /// emptied. Then every article added is new to it (see
    /// [`Writer::add_new_from`]).
    ///
    /// # Errors
    /// When the list of segments cannot be read.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.inner.searchable_segment_metas().engine()?.iter().all(|segment| segment.num_docs() == 0))
    }

    /// The directory of the index; `None` for an in-memory index (example: [`Index`]).
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
            other => write_error(self.dir.as_deref(), other),
        })?;
        // A run that failed (a full disk, a crash) may have left the files
        // of segments it never committed; delete them before writing more.
        // Failing to delete them is no reason not to write.
        let _ = inner.garbage_collect_files().wait();
        Ok(Writer {
            inner,
            fields: self.fields.clone(),
            dir: self.dir.clone(),
            writes: self.writes.clone(),
            failed: false,
        })
    }

    /// How many segments the last commit holds: each commit of a writer
    /// adds one per indexing thread, and tantivy merges them only now and
    /// then.
    ///
    /// # Errors
    /// When the list of segments cannot be read.
    pub fn num_segments(&self) -> Result<usize> {
        Ok(self.inner.searchable_segment_metas().engine()?.len())
    }

    /// Merges every segment of the last commit into one, as Lucene's
    /// `forceMerge(1)` does, and returns how many there were (0 when there
    /// was one or none, and nothing was done). No writer may be open.
    ///
    /// A search looks each of its words up, and builds a scorer, once per
    /// segment, so one segment makes searching faster (BENCHMARKS.md,
    /// "Segments"). The merge rewrites the whole index, reading all of it,
    /// so it is worth it after a bulk load, not after adding a few
    /// articles (`poisk index --merge`).
    ///
    /// The merged segment replaces the others in one commit: a merge that
    /// fails or is killed leaves the index as it was, and the files it
    /// wrote are deleted (then, or by the next writer).
    ///
    /// ```
    /// let index = poisk::Index::in_memory()?;
    /// for article in poisk::builtin::articles()? {
    ///     // Two commits of two articles: two segments at least.
    ///     for copy in ["", "~copy"] {
    ///         let mut article = article.clone();
    ///         article.id.push_str(copy);
    ///         let mut writer = index.writer()?;
    ///         writer.add(&article)?;
    ///         writer.commit()?;
    ///         writer.finish()?;
    ///     }
    /// }
    /// assert!(index.num_segments()? > 1);
    /// index.merge_segments()?;
    /// assert_eq!(index.num_segments()?, 1);
    /// assert_eq!(index.searcher()?.num_articles(), 2);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Locked`] when a writer holds the index; when the merge
    /// fails (a full disk, say).
    pub fn merge_segments(&self) -> Result<usize> {
        let ids = self.inner.searchable_segment_ids().engine()?;
        if ids.len() < 2 {
            return Ok(0);
        }
        let mut writer = self.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 })?;
        writer.inner.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let merged = writer.inner.merge(&ids).wait();
        if merged.is_err() {
            writer.collect_garbage();
        }
        let finished = writer.finish();
        merged.map_err(|e| write_error(self.dir.as_deref(), e))?;
        finished?;
        Ok(ids.len())
    }

    /// A searcher that sees the last commit (and later ones as they come) (example: [`Index`]).
    ///
    /// # Errors
    /// When tantivy cannot open a reader.
    pub fn searcher(&self) -> Result<Searcher> {
        let reader = self.reader()?;
        guard(self.path(), || Searcher::new(&self.inner, reader, self.fields.clone(), self.dir.clone()))
    }

    /// A reader that sees the last commit; [`Searcher::new`] reloads it on
    /// each later one.
    fn reader(&self) -> Result<IndexReader> {
        // As in `Index::open`: a writer elsewhere may merge the files away.
        retry_when_files_vanish(
            |e: &Error| e.engine_error().is_some_and(is_missing_file),
            || {
                guard(self.path(), || {
                    self.inner.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().engine()
                })
            },
        )
    }
}

/// The settings of a new index.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        docstore_compression: Compressor::None,
        ..IndexSettings::default()
    }
}

/// A tantivy searcher over `articles` (without their quotes) indexed as
/// poisk indexes them, and the fields: for tests of the query compiler,
/// which works below [`Searcher`].
#[cfg(test)]
pub(crate) fn test_searcher(articles: &[Article]) -> (Fields, tantivy::Searcher) {
    let fields = Fields::new();
    let index = tantivy::Index::create_in_ram(fields.schema.clone());
    crate::analyzer::register_analyzers(index.tokenizers());
    let mut writer: IndexWriter = index.writer(15_000_000).unwrap();
    for article in articles {
        for doc in tantivy_documents(&fields, article, None, &[]) {
            writer.add_document(doc).unwrap();
        }
    }
    writer.commit().unwrap();
    (fields, index.reader().unwrap().searcher())
}

/// Fails unless `dir` is empty, or holds what a `create` that was
/// interrupted leaves: the format marker, and beside it tantivy's hidden
/// bookkeeping files (`.managed.json`, locks, temporary files).
fn check_empty(dir: &Path) -> Result<()> {
    let io = |source| Error::Io { path: dir.to_path_buf(), source };
    let interrupted = dir.join(MARKER_FILE).is_file();
    for entry in fs::read_dir(dir).map_err(io)? {
        let name = entry.map_err(io)?.file_name();
        let ours = name == MARKER_FILE || (interrupted && name.as_encoded_bytes().starts_with(b"."));
        if !ours {
            let message = format!("it is not empty (it holds {})", name.to_string_lossy());
            return Err(Error::NotAnIndex { path: dir.to_path_buf(), message });
        }
    }
    Ok(())
}

/// Whether `dir` holds a file other than the format marker and hidden
/// bookkeeping files: beside the marker, what tantivy wrote.
fn holds_segments(dir: &Path) -> bool {
    fs::read_dir(dir).into_iter().flatten().flatten().any(|entry| {
        let name = entry.file_name();
        name != MARKER_FILE && !name.as_encoded_bytes().starts_with(b".")
    })
}

/// Writes the format marker, durably.
fn write_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    let io = |source| Error::Io { path: path.clone(), source };
    let mut file = fs::File::create(&path).map_err(io)?;
    file.write_all(format!("{{\"format\": {FORMAT_VERSION}}}\n").as_bytes()).map_err(io)?;
    file.sync_all().map_err(io)
}

/// Checks the format marker of the index in `dir`: `Ok(true)` when it
/// names this version, `Ok(false)` when there is none.
fn check_marker(dir: &Path) -> Result<bool> {
    let bad = |message: String| Error::bad_index(dir, message);
    let marker = match fs::read_to_string(dir.join(MARKER_FILE)) {
        Ok(marker) => marker,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(bad(format!("{MARKER_FILE} cannot be read ({e})"))),
    };
    let version = serde_json::from_str::<serde_json::Value>(&marker)
        .ok()
        .and_then(|v| v.get("format")?.as_u64())
        .ok_or_else(|| bad(format!("{MARKER_FILE} is damaged")))?;
    if version != u64::from(FORMAT_VERSION) {
        return Err(bad(format!("it has format version {version}, this poisk reads version {FORMAT_VERSION}")));
    }
    Ok(true)
}

/// Opens the tantivy index in `dir` and every segment it names.
///
/// Another process's writer may merge segments away and delete their files
/// between our reading `meta.json` and opening them; that is retried with
/// the newer `meta.json`, not reported as damage.
fn open_readable(dir: &Path) -> tantivy::Result<(tantivy::Index, WritesInFlight)> {
    retry_when_files_vanish(is_missing_file, || open_once(dir))
}

/// One try of [`open_readable`].
fn open_once(dir: &Path) -> tantivy::Result<(tantivy::Index, WritesInFlight)> {
    let directory = IndexDirectory::open(dir).map_err(TantivyError::from)?;
    let writes = directory.writes();
    let index = tantivy::Index::open(directory)?;
    let _reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    Ok((index, writes))
}

/// Runs `open` until it succeeds, fails otherwise than by a file that
/// `vanished`, or has been tried [`OPEN_ATTEMPTS`] times, pausing
/// [`OPEN_RETRY_DELAY`] between tries.
fn retry_when_files_vanish<T, E>(
    vanished: impl Fn(&E) -> bool,
    mut open: impl FnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        match open() {
            Err(e) if vanished(&e) && attempt < OPEN_ATTEMPTS => {
                std::thread::sleep(OPEN_RETRY_DELAY);
                attempt += 1;
            }
            other => return other,
        }
    }
}

fn is_missing_file(error: &TantivyError) -> bool {
    matches!(error, TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_)))
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
/// [`Writer::commit`]. One writer per index at a time; it is `Send`.
///
/// ```
/// use poisk::{Article, Index};
///
/// let index = Index::in_memory()?;
/// let searcher = index.searcher()?;
/// let mut writer = index.writer()?;
/// writer.add(&Article::new("a", "Погода", "В Москве дожди."))?;
/// writer.add(&Article::new("b", "Спорт", "Матч перенесли."))?;
/// writer.commit()?;
/// writer.delete("a");
/// writer.add(&Article::new("c", "Кино", "Премьера в пятницу."))?;
/// writer.rollback()?; // neither the deletion nor "c" happened
/// writer.delete("b");
/// writer.commit()?;
/// writer.finish()?;
/// searcher.reload()?;
/// assert_eq!(searcher.num_articles(), 1);
/// # Ok::<(), poisk::Error>(())
/// ```
pub struct Writer {
    inner: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The index directory, to name in errors.
    dir: Option<PathBuf>,
    /// Files being written, by this writer's threads or by threads a
    /// failed write left running.
    writes: WritesInFlight,
    /// A write failed: nothing more may be added or committed.
    failed: bool,
}

impl Writer {
    /// Adds an article and its quotes, replacing any article with the same id.
    /// Returns how many quotes were indexed. Example: [`Writer`].
    ///
    /// # Errors
    /// [`Error::Parse`] when the article cannot be indexed (an id longer
    /// than [`crate::input::MAX_ID_BYTES`], a date outside [`crate::Date::EARLIEST`]
    /// to [`crate::Date::LATEST`]); otherwise when tantivy's indexing
    /// threads fail.
    pub fn add(&mut self, article: &Article) -> Result<usize> {
        self.add_from(article, None)
    }

    /// As [`Writer::add`], recording where the article came from (a path,
    /// or `file.jsonl:LINE`).
    ///
    /// # Errors
    /// As [`Writer::add`].
    pub fn add_from(&mut self, article: &Article, origin: Option<&str>) -> Result<usize> {
        self.add_documents(article, origin, true)
    }

    /// As [`Writer::add_from`], but without first deleting an article of
    /// the same id: for an article whose id is new, in neither the index
    /// nor what this writer added before (after [`Writer::delete_all`], or
    /// into an empty index). A deletion waits in memory until the next
    /// commit, about 100 bytes each, so a load of millions of new articles
    /// in one commit saves that memory. An id that is not new is then in
    /// the index twice.
    ///
    /// # Errors
    /// As [`Writer::add`].
    pub fn add_new_from(&mut self, article: &Article, origin: Option<&str>) -> Result<usize> {
        self.add_documents(article, origin, false)
    }

    fn add_documents(&mut self, article: &Article, origin: Option<&str>, replace: bool) -> Result<usize> {
        article.check(origin)?;
        let quotes = extract_spans(&article.body);
        // The old version's deletion, then each document on its own. Sending
        // them as one `IndexWriter::run` batch was tried: tantivy's queue
        // holds 10,000 messages, so batches let it hold 10,000 *articles*
        // and raised the peak memory of indexing the corpus from 439 to
        // 666 MB. A send only fails when the indexing threads are gone, and
        // then `commit` fails too, so a half-sent article is never committed.
        self.check_sound()?;
        if replace {
            self.inner.delete_query(deletion(&self.fields, &article.id)).engine()?;
        }
        for document in tantivy_documents(&self.fields, article, origin, &quotes) {
            let added = self.inner.add_document(document);
            self.fail_on(added)?;
        }
        // Terms and names are indexed too, but the count is of quotations.
        Ok(quotes.iter().filter(|q| q.kind == QuoteKind::Quote).count())
    }

    /// Adds articles one after another, as [`Writer::add`] does each, and
    /// returns how many were added. Items may be owned or borrowed
    /// articles, so both `add_many(poisk::builtin::articles()?)` and
    /// `add_many(&articles)` work.
    ///
    /// Nothing is searchable until [`Writer::commit`].
    ///
    /// # Errors
    /// When tantivy's indexing threads fail. Then nothing more can be
    /// committed, so no article is ever half-added to the index: those
    /// before the failure are added but not committed ([`Writer::rollback`]
    /// drops them). A failed writer is beyond repair; drop it and open
    /// another.
    ///
    /// # Example
    /// ```
    /// use poisk::{Article, Index};
    ///
    /// let index = Index::in_memory()?;
    /// let mut writer = index.writer()?;
    /// let mine = [
    ///     Article::new("a1", "Погода", "В Москве дожди."),
    ///     Article::new("a2", "Спорт", "«Мы готовы», — сказал тренер Иван Петров."),
    /// ];
    /// assert_eq!(writer.add_many(&mine)?, 2);
    /// assert_eq!(writer.add_many(poisk::builtin::articles()?)?, 1);
    /// writer.commit()?;
    /// let searcher = index.searcher()?;
    /// searcher.reload()?;
    /// assert_eq!(searcher.num_articles(), 3);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    pub fn add_many<A: Borrow<Article>>(&mut self, articles: impl IntoIterator<Item = A>) -> Result<usize> {
        let mut added = 0;
        for article in articles {
            self.add(article.borrow())?;
            added += 1;
        }
        Ok(added)
    }

    /// Deletes the article with this id and its quotes. Example: [`Writer`].
    pub fn delete(&mut self, article_id: &str) {
        // Only a query whose weight cannot be made fails; this one's can.
        let _ = self.inner.delete_query(deletion(&self.fields, article_id));
    }

    /// Deletes every committed article for which `keep(id, path)` is false,
    /// together with its quotes; returns how many. `path` is where the
    /// article was read from (see [`Writer::add_from`]). Articles added
    /// since the last commit are not offered to `keep`.
    ///
    /// This is how `poisk index --prune` drops articles whose files are gone.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn retain(&mut self, keep: impl FnMut(&str, Option<&str>) -> bool) -> Result<usize> {
        let dir = self.dir.clone();
        guard(dir.as_deref(), || self.retain_unguarded(keep))
    }

    fn retain_unguarded(&mut self, mut keep: impl FnMut(&str, Option<&str>) -> bool) -> Result<usize> {
        let reader: IndexReader =
            self.inner.index().reader_builder().reload_policy(ReloadPolicy::Manual).try_into().engine()?;
        let searcher = reader.searcher();
        let mut doomed = Vec::new();
        let docs = DocStores::default();
        for address in searcher.search(&Kind::Article.query(&self.fields), &DocSetCollector).engine()? {
            let doc = docs.get(&searcher, address).engine()?;
            let stored = Stored::new(&doc, &self.fields);
            if !keep(stored.article_id(), stored.path()) {
                doomed.push(stored.article_id().to_owned());
            }
        }
        for id in &doomed {
            self.delete(id);
        }
        Ok(doomed.len())
    }

    /// Deletes everything (visible after the next commit). Example: [`Writer`].
    ///
    /// # Errors
    /// When tantivy fails.
    pub fn delete_all(&mut self) -> Result<()> {
        self.inner.delete_all_documents().engine()?;
        Ok(())
    }

    /// Makes everything added or deleted so far durable and searchable. Example: [`Writer`].
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn commit(&mut self) -> Result<()> {
        self.check_sound()?;
        let committed = self.inner.commit();
        self.fail_on(committed)?;
        Ok(())
    }

    /// Drops everything added or deleted since the last commit, and the
    /// files written for it. Example: [`Writer`].
    ///
    /// # Errors
    /// When tantivy fails.
    pub fn rollback(&mut self) -> Result<()> {
        self.inner.rollback().engine()?;
        self.collect_garbage();
        Ok(())
    }

    /// Waits for background merges to end, then releases the index. Example: [`Writer`].
    ///
    /// # Errors
    /// When a merge failed; the files it wrote are deleted.
    pub fn finish(self) -> Result<()> {
        let index = self.inner.index().clone();
        let writes = self.writes.clone();
        if let Err(e) = self.inner.wait_merging_threads() {
            // The failed writer is gone with its lock; a new one collects
            // what the merge left, once the threads still writing are done.
            writes.wait_for_none(WRITES_SETTLE_LIMIT);
            if let Ok(writer) = index.writer_with_num_threads::<TantivyDocument>(1, 15 << 20) {
                let _ = writer.garbage_collect_files().wait();
            }
            return Err(Error::engine(e));
        }
        Ok(())
    }

    /// Fails when an earlier write failed.
    fn check_sound(&self) -> Result<()> {
        if self.failed {
            return Err(Error::engine(TantivyError::ErrorInThread(
                "an earlier write to the index failed; open another writer".into(),
            )));
        }
        Ok(())
    }

    /// Passes `result` on; when it is a failure, drops everything written
    /// since the last commit, files included, and refuses further writes.
    ///
    /// A write fails when the disk is full, among other reasons: left in
    /// place, the failed run's segment files kept the disk full, and every
    /// later run failed too.
    fn fail_on<T>(&mut self, result: tantivy::Result<T>) -> Result<T> {
        result.map_err(|e| {
            self.failed = true;
            // An add learns only that an indexing thread died; joining the
            // threads tells why (a full disk, say).
            let e = match e {
                TantivyError::ErrorInThread(_) => self.inner.prepare_commit().err().unwrap_or(e),
                other => other,
            };
            // The rollback replaces the failed tantivy writer with one that
            // knows only the committed segments; its garbage collection
            // then deletes every other file tantivy wrote.
            if self.inner.rollback().is_ok() {
                self.collect_garbage();
            }
            write_error(self.dir.as_deref(), e)
        })
    }

    /// After a rollback, deletes every file that no committed segment
    /// needs.
    ///
    /// A rollback stops tantivy's indexing threads, but not threads that
    /// a failed commit left behind (tantivy returns at the first thread
    /// that failed) nor merges under way: they go on writing segments that
    /// nothing will use. Their files are deleted only once they are
    /// written, so this waits for every file being written to be closed,
    /// for at most [`WRITES_SETTLE_LIMIT`]. Such a thread also keeps its
    /// segment alive in tantivy's eyes for a moment after closing its
    /// files, and a thread still indexing in memory opens no file until it
    /// flushes its segment, possibly after the collection: the collection
    /// is repeated until no file of an uncommitted segment is left and no
    /// file has been opened for [`WRITES_QUIET`].
    fn collect_garbage(&mut self) {
        let deadline = Instant::now() + WRITES_SETTLE_LIMIT;
        loop {
            self.writes.wait_for_none(deadline.saturating_duration_since(Instant::now()));
            let ever = self.writes.ever();
            let collected = self.inner.garbage_collect_files().wait();
            if Instant::now() >= deadline {
                break;
            }
            // A file the system refuses to delete stays; retrying is no use.
            if collected.as_ref().is_ok_and(|c| !c.failed_to_delete_files.is_empty()) {
                break;
            }
            if collected.is_err() || self.uncommitted_files_left() {
                std::thread::sleep(GARBAGE_RETRY_DELAY);
                continue;
            }
            if self.writes.stays_quiet(ever, WRITES_QUIET) {
                break;
            }
        }
    }

    /// Whether the directory still holds a file of a segment that the last
    /// commit does not list.
    fn uncommitted_files_left(&self) -> bool {
        let index = self.inner.index();
        let Ok(metas) = index.load_metas() else { return false };
        let committed: HashSet<String> = metas.segments.iter().map(|s| s.id().uuid_string()).collect();
        index.directory().list_managed_files().iter().any(|path| {
            let stem = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("");
            stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) && !committed.contains(stem)
        })
    }
}

/// The operating system's error code behind `error`, if there is one.
fn os_error(error: &std::io::Error) -> Option<i32> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if let Some(code) = e.downcast_ref::<std::io::Error>().and_then(std::io::Error::raw_os_error) {
            return Some(code);
        }
        cause = e.source();
    }
    None
}

/// A failure to write the index in `dir`: a file system error (no space
/// left, a read-only file system) as [`Error::Io`] on the directory, as
/// the system tells it; anything else as it is.
fn write_error(dir: Option<&Path>, error: TantivyError) -> Error {
    let io = match &error {
        TantivyError::IoError(io) | TantivyError::LockFailure(LockError::IoError(io), _) => Some(io.as_ref()),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(io_error.as_ref()),
        _ => None,
    };
    match (dir, io) {
        (Some(dir), Some(io)) => {
            // The system's own words, without the temporary file's name
            // that `tempfile` wraps them in.
            let source = os_error(io)
                .map_or_else(|| std::io::Error::new(io.kind(), io.to_string()), std::io::Error::from_raw_os_error);
            Error::Io { path: dir.to_path_buf(), source }
        }
        _ => Error::engine(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Article {
        crate::builtin::articles().unwrap().remove(0)
    }

    #[test]
    fn another_programs_tantivy_index_is_not_opened_or_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut schema = tantivy::schema::Schema::builder();
        schema.add_text_field("text", tantivy::schema::TEXT);
        tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
        // tantivy may leave a hidden lock file; nothing else may change.
        let visible = || {
            let mut names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            names.retain(|n| !n.as_encoded_bytes().starts_with(b"."));
            names.sort();
            (names, fs::read(dir.path().join(TANTIVY_META)).unwrap())
        };
        let before = visible();
        for result in [Index::open(dir.path()), Index::open_or_create(dir.path())] {
            let err = result.err().unwrap();
            assert!(matches!(err, Error::NotAnIndex { .. }), "{err}");
            assert!(
                err.to_string().ends_with("is not a poisk index: it holds a tantivy index of another program"),
                "{err}"
            );
        }
        assert_eq!(visible(), before);
    }

    #[test]
    fn a_create_interrupted_before_tantivy_wrote_its_files_is_created_again() {
        let dir = tempfile::tempdir().unwrap();
        write_marker(dir.path()).unwrap();
        // tantivy writes its list of files before meta.json.
        fs::write(dir.path().join(".managed.json"), "[]").unwrap();
        assert!(matches!(Index::open(dir.path()), Err(Error::NoIndex { .. })));
        let index = Index::open_or_create(dir.path()).unwrap();
        assert_eq!(index.searcher().unwrap().num_articles(), 0);
        drop(index);
        Index::open(dir.path()).unwrap();
    }

    /// A writer elsewhere merging segments away between our reading
    /// `meta.json` and opening the files, made to happen at one point: the
    /// first try finds a segment file gone, the second finds it back (as
    /// the newer `meta.json` would name existing files).
    #[test]
    fn a_segment_file_that_vanishes_while_opening_is_retried_not_reported_as_damage() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer.add(&seed()).unwrap();
        writer.commit().unwrap();
        drop((writer, index));
        let store = listing(dir.path()).into_iter().find(|n| n.ends_with(".store")).unwrap();
        let (here, away) = (dir.path().join(&store), dir.path().join("away"));
        let mut tries = 0;
        let opened = retry_when_files_vanish(is_missing_file, || {
            tries += 1;
            if tries == 1 {
                fs::rename(&here, &away).unwrap();
            } else if away.exists() {
                fs::rename(&away, &here).unwrap();
            }
            open_once(dir.path())
        });
        assert_eq!(tries, 2);
        assert!(opened.is_ok(), "{:?}", opened.err());
        // A file gone for good is still reported after the last try.
        fs::rename(&here, &away).unwrap();
        let mut tries = 0;
        let gone = retry_when_files_vanish(is_missing_file, || {
            tries += 1;
            open_once(dir.path())
        });
        assert_eq!(tries, OPEN_ATTEMPTS);
        assert!(gone.as_ref().is_err_and(is_missing_file), "{:?}", gone.err());
        // Other errors are not retried.
        let mut tries = 0;
        let other: Result<(), TantivyError> = retry_when_files_vanish(is_missing_file, || {
            tries += 1;
            Err(TantivyError::InvalidArgument("no".into()))
        });
        assert!(other.is_err());
        assert_eq!(tries, 1);
    }

    /// The names of the files in `dir`.
    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

    fn copy(n: usize) -> Article {
        Article { id: format!("copy-{n}"), ..seed() }
    }

    const SMALL: WriterOptions = WriterOptions { threads: Some(1), memory_mb: 15 };

    /// A new index on a disk whose room is the returned capacity (unbounded
    /// until set), and its directory.
    fn on_a_small_disk() -> (tempfile::TempDir, std::sync::Arc<std::sync::atomic::AtomicU64>, Index) {
        use std::sync::Arc;
        use std::sync::atomic::AtomicU64;

        use super::directory::testing::SmallDisk;

        let dir = tempfile::tempdir().unwrap();
        drop(Index::create(dir.path()).unwrap());
        let capacity = Arc::new(AtomicU64::new(u64::MAX));
        let disk = SmallDisk::new(dir.path(), Arc::clone(&capacity));
        let writes = disk.writes();
        let index = Index::open_through(disk, writes, dir.path()).unwrap();
        (dir, capacity, index)
    }

    #[test]
    fn a_full_disk_fails_the_run_and_leaves_the_last_commit_only() {
        use std::sync::atomic::Ordering;

        use super::directory::testing::used;

        let (dir, capacity, index) = on_a_small_disk();
        let mut writer = index.writer_with(&SMALL).unwrap();
        let empty = used(dir.path());
        writer.add(&seed()).unwrap();
        writer.commit().unwrap();
        let committed = (listing(dir.path()), used(dir.path()));
        // Room for three more articles, where 300 need far more.
        let room = 3 * (committed.1 - empty);
        capacity.store(committed.1 + room, Ordering::SeqCst);
        let run = (0..300).try_for_each(|n| writer.add(&copy(n)).map(drop)).and_then(|()| writer.commit());
        assert!(run.is_err(), "the disk is full");
        assert_eq!(listing(dir.path()), committed.0, "the failed run's files are gone");
        assert!(used(dir.path()) < committed.1 + 1_000, "{} bytes, {} committed", used(dir.path()), committed.1);
        // A failed writer takes nothing more: what it had is gone.
        assert!(writer.add(&copy(0)).is_err() && writer.commit().is_err());
        drop(writer);
        // The room is there for the next run.
        let mut writer = index.writer_with(&SMALL).unwrap();
        writer.add(&copy(1)).unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        let searcher = index.searcher().unwrap();
        assert_eq!(searcher.num_articles(), 2);
    }

    #[test]
    fn a_merge_on_a_full_disk_fails_and_leaves_the_index_as_it_was() {
        use std::sync::atomic::Ordering;

        use super::directory::testing::used;

        let (dir, capacity, index) = on_a_small_disk();
        for n in 0..3 {
            let mut writer = index.writer_with(&SMALL).unwrap();
            writer.add(&copy(n)).unwrap();
            writer.commit().unwrap();
            writer.finish().unwrap();
        }
        assert_eq!(index.num_segments().unwrap(), 3);
        let committed = (listing(dir.path()), used(dir.path()));
        // The merged segment needs about as much room as the three.
        capacity.store(committed.1 + committed.1 / 3, Ordering::SeqCst);
        assert!(index.merge_segments().is_err(), "the disk is full");
        assert_eq!(listing(dir.path()), committed.0, "the merge's files are gone");
        assert_eq!(index.num_segments().unwrap(), 3);
        let searcher = index.searcher().unwrap();
        assert_eq!(searcher.num_articles(), 3);
        // With room, it merges.
        capacity.store(u64::MAX, Ordering::SeqCst);
        assert_eq!(index.merge_segments().unwrap(), 3);
        assert_eq!((index.num_segments().unwrap(), index.merge_segments().unwrap()), (1, 0));
        searcher.reload().unwrap();
        assert_eq!(searcher.num_articles(), 3);
    }

    #[test]
    fn a_failed_write_deletes_the_files_of_threads_still_writing_once_they_end() {
        use std::io::Write as _;
        use std::sync::mpsc;

        use tantivy::directory::{Directory, TerminatingWrite};

        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut writer = index.writer_with(&SMALL).unwrap();
        writer.add(&seed()).unwrap();
        writer.commit().unwrap();
        let committed = listing(dir.path());
        // A thread a failed commit left running, as tantivy does: it has
        // one segment file open, and opens another after the failure.
        let directory = index.inner.directory().clone();
        let (opened, wait) = mpsc::channel();
        let late = std::thread::spawn(move || {
            let mut first = directory.open_write(Path::new("late.store")).unwrap();
            opened.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            let mut second = directory.open_write(Path::new("late.term")).unwrap();
            second.write_all(b"late").unwrap();
            second.terminate().unwrap();
            first.write_all(b"late").unwrap();
            first.terminate().unwrap();
        });
        wait.recv().unwrap();
        let failed = writer.fail_on::<()>(Err(TantivyError::InvalidArgument("a thread failed".into())));
        assert!(failed.is_err());
        late.join().unwrap();
        assert_eq!(listing(dir.path()), committed, "the late thread's files are gone");
    }

    #[test]
    fn opening_a_writer_deletes_the_files_of_a_run_that_never_committed() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut writer = index.writer_with(&SMALL).unwrap();
        writer.add(&seed()).unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        let committed = listing(dir.path());
        // A run that wrote a segment and ended before committing it.
        let mut dead = index.inner.writer_with_num_threads::<TantivyDocument>(1, 15 << 20).unwrap();
        for document in tantivy_documents(&index.fields, &copy(1), None, &[]) {
            dead.add_document(document).unwrap();
        }
        drop(dead.prepare_commit().unwrap());
        drop(dead);
        assert!(listing(dir.path()).len() > committed.len(), "a segment was written: {:?}", listing(dir.path()));
        drop(index.writer_with(&SMALL).unwrap());
        assert_eq!(listing(dir.path()), committed);
        assert_eq!(index.searcher().unwrap().num_articles(), 1);
    }

    #[test]
    fn retain_deletes_committed_articles_with_their_quotes() {
        let index = Index::in_memory().unwrap();
        let mut writer = index.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 }).unwrap();
        let mut other = seed();
        other.id = "other.txt".into();
        other.body = "Переговоры отложили.".into();
        other.paragraphs = std::iter::once(0..other.body.len()).collect();
        writer.add_from(&seed(), Some("news/seed.txt")).unwrap();
        writer.add_from(&other, Some("old/other.txt")).unwrap();
        writer.add(&Article { id: "nowhere".into(), ..other.clone() }).unwrap();
        writer.commit().unwrap();
        let mut offered = Vec::new();
        let deleted = writer
            .retain(|id, path| {
                offered.push((id.to_string(), path.map(str::to_string)));
                path.is_none_or(|p| p.starts_with("old/"))
            })
            .unwrap();
        writer.commit().unwrap();
        assert_eq!(deleted, 1);
        offered.sort();
        assert_eq!(offered.len(), 3, "each article once, quotes not offered: {offered:?}");
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        assert_eq!((searcher.num_articles(), searcher.num_quotes()), (2, 0), "the seed went with its four quotes");
    }
}
