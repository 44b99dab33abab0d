//! The library's one error type.

use std::path::PathBuf;

/// A specialised `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in poisk.
///
/// Every variant names the thing at fault: the file and line of a bad
/// article, the position of a query error, the directory of an index. The
/// enum is `#[non_exhaustive]`: match the variants you handle and keep a
/// `_` arm. Errors from underneath (I/O, tantivy) are kept as the
/// [`source`](std::error::Error::source).
///
/// ```
/// use std::error::Error as _;
/// use poisk::{Error, SearchRequest};
///
/// let searcher = poisk::seed_index()?.searcher()?;
/// match searcher.search(&SearchRequest::new("\"Курской области")) {
///     Err(Error::Query { position, .. }) => assert_eq!(position, 0),
///     other => panic!("expected a query error, got {other:?}"),
/// }
/// let missing = poisk::Index::open("/nonexistent/poisk-index").err();
/// assert!(matches!(missing, Some(Error::NoIndex { .. })));
/// let unreadable = poisk::read_jsonl("/nonexistent/news.jsonl".as_ref()).err();
/// assert!(unreadable.and_then(|e| e.source().map(|s| s.to_string())).is_some());
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input (file, JSONL line, stdin) is not a valid article.
    ///
    /// `origin` is a path or a name such as `<stdin>`; `line` is 1-based
    /// when the problem sits on a line.
    #[error("{origin}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The file or stream the article came from.
        origin: String,
        /// The 1-based line at fault, when one applies.
        line: Option<usize>,
        /// What is wrong, in plain words.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A query string could not be parsed.
    #[error("query error at position {position}: {message}")]
    Query {
        /// 0-based character position in the query text.
        position: usize,
        /// What is wrong.
        message: String,
    },
    /// A request asks for more than poisk gives, such as results past the
    /// first [`MAX_RESULT_WINDOW`](crate::limits::MAX_RESULT_WINDOW) (see
    /// [`crate::limits`]).
    #[error("{message}")]
    Request {
        /// What is too much, and the cap.
        message: String,
    },
    /// No index exists at the given directory.
    #[error("no index at {}", path.display())]
    NoIndex {
        /// Where the index was expected.
        path: PathBuf,
    },
    /// The index at the directory was written by an incompatible version,
    /// or is damaged.
    #[error("index at {} cannot be read: {message}; rebuild it with `poisk index --rebuild`", path.display())]
    BadIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The directory holds something other than a poisk index, so poisk
    /// will neither read it nor write an index into it.
    #[error("{} is not a poisk index: {message}; name a new or empty directory for the index", path.display())]
    NotAnIndex {
        /// The directory.
        path: PathBuf,
        /// What is there instead.
        message: String,
    },
    /// Another process is writing to the index.
    #[error("index at {} is being written by another process", path.display())]
    Locked {
        /// The index directory.
        path: PathBuf,
    },
    /// An error from the tantivy engine underneath.
    #[error("index engine: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// Builds a [`Error::Parse`] for `origin` at an optional line.
    pub(crate) fn parse(origin: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::Parse { origin: origin.into(), line, message: message.into() }
    }
}
