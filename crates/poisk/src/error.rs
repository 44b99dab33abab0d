//! The library's one error type.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use tantivy::TantivyError;

/// A specialised `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in poisk.
///
/// Every variant names the thing at fault: the file and line of a bad
/// article, the position of a query error, the directory of an index. The
/// messages say what is wrong, not what to do about it: a program built on
/// poisk knows its own commands (the `poisk` CLI adds "rebuild it with
/// `poisk index --rebuild`" to [`Error::BadIndex`]). The enum is
/// `#[non_exhaustive]`: match the variants you handle and keep a `_` arm.
/// Errors from underneath (I/O, the engine) are kept as the
/// [`source`](std::error::Error::source).
///
/// ```
/// use std::error::Error as _;
/// use poisk::{Error, SearchRequest};
///
/// let searcher = poisk::builtin::index()?.searcher()?;
/// match searcher.search(&SearchRequest::new("OR Курской области")) {
///     Err(Error::Query { position, .. }) => assert_eq!(position, 0),
///     other => panic!("expected a query error, got {other:?}"),
/// }
/// let missing = poisk::Index::open("/nonexistent/poisk-index").err();
/// assert!(matches!(missing, Some(Error::NoIndex { .. })));
/// let unreadable = poisk::input::read_jsonl("/nonexistent/news.jsonl".as_ref()).err();
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
    /// or is damaged: it must be built again.
    #[error("index at {} cannot be read: {message}", path.display())]
    BadIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
        /// Set only when the index engine failed inside, on damaged bytes
        /// (a panic): what it said, for a bug report, not part of the
        /// message. [`Index::check`](crate::Index::check) then names the
        /// damaged files.
        detail: Option<String>,
    },
    /// The directory holds something other than a poisk index, so poisk
    /// will neither read it nor write an index into it: the index belongs in
    /// a new or empty directory.
    #[error("{} is not a poisk index: {message}", path.display())]
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
    /// The search engine underneath (tantivy) failed. Its error is the
    /// [`source`](std::error::Error::source), kept opaque: the engine may
    /// change without this type changing.
    #[error("index engine: {source}")]
    Engine {
        /// The engine's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// Turns the engine's results into poisk's: its error becomes the opaque
/// source of [`Error::Engine`].
pub(crate) trait EngineResult<T> {
    fn engine(self) -> Result<T>;
}

impl<T> EngineResult<T> for tantivy::Result<T> {
    fn engine(self) -> Result<T> {
        self.map_err(Error::engine)
    }
}

impl Error {
    /// Builds an [`Error::Engine`] from the engine's error.
    pub(crate) fn engine(error: TantivyError) -> Error {
        Error::Engine { source: Box::new(error) }
    }

    /// The engine's error inside an [`Error::Engine`].
    pub(crate) fn engine_error(&self) -> Option<&TantivyError> {
        match self {
            Error::Engine { source } => source.downcast_ref(),
            _ => None,
        }
    }

    /// Builds a [`Error::Parse`] for `origin` at an optional line.
    pub(crate) fn parse(origin: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::Parse { origin: origin.into(), line, message: message.into() }
    }

    /// Builds a [`Error::BadIndex`] for the index in `path`.
    pub(crate) fn bad_index(path: &Path, message: impl Into<String>) -> Error {
        Error::BadIndex { path: path.to_path_buf(), message: message.into(), detail: None }
    }
}

/// Runs `work`, which reads the index in `dir` (`None` in memory) through
/// tantivy, and turns a panic inside it into [`Error::BadIndex`].
///
/// tantivy trusts the bytes of its files once their footers check out, so
/// changed bytes inside a term dictionary or a fast field make it index
/// out of bounds or unwrap garbage. That is damage to report (an index to build
/// again), not a crash. The panic's message goes into the error's
/// `detail`, and is not printed while the panic unwinds (see
/// [`quiet_panics`]). A data-corruption or I/O error from tantivy is
/// damage too: the files are memory-mapped, so reading them fails only
/// when their bytes make no sense.
pub(crate) fn guard<T>(dir: Option<&Path>, work: impl FnOnce() -> Result<T>) -> Result<T> {
    quiet_panics();
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(was_guarded));
    let path = dir.map_or_else(|| PathBuf::from("<in memory>"), Path::to_path_buf);
    match outcome {
        // What tantivy reports when it can tell that bytes make no sense.
        Ok(Err(e)) if matches!(e.engine_error(), Some(TantivyError::DataCorruption(_) | TantivyError::IoError(_))) => {
            let cause = e.engine_error().map(ToString::to_string).unwrap_or_default();
            Err(Error::BadIndex { path, message: format!("it is damaged ({cause})"), detail: None })
        }
        Ok(result) => result,
        Err(payload) => {
            let detail = CAUGHT.with(RefCell::take).unwrap_or_else(|| panic_message(payload.as_ref()));
            Err(Error::BadIndex {
                path,
                message: "it is damaged: the index engine failed reading it".into(),
                detail: Some(detail),
            })
        }
    }
}

thread_local! {
    /// Whether this thread runs inside [`guard`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The last panic caught by the quiet hook on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that keeps panics inside [`guard`] quiet
/// (their message and place go to `CAUGHT`) and hands every other panic
/// to the hook that was there before, so panics elsewhere are reported as
/// ever.
fn quiet_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                CAUGHT.with(|c| *c.borrow_mut() = Some(info.to_string()));
            } else {
                previous(info);
            }
        }));
    });
}

/// The message a panic was raised with.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_the_guard_is_a_bad_index_with_the_panic_as_detail() {
        let dir = Path::new("idx");
        let result: Result<()> = guard(Some(dir), || {
            let bytes: &[u8] = &[1, 2];
            let at = bytes.len() + usize::from(bytes[0]);
            assert!(bytes.get(at).is_some(), "index {at} out of range");
            Ok(())
        });
        match result {
            Err(Error::BadIndex { path, message, detail: Some(detail) }) => {
                assert_eq!(path, dir);
                assert!(message.starts_with("it is damaged"), "{message}");
                assert!(detail.contains("index 3 out of range") && detail.contains("error.rs"), "{detail}");
            }
            other => panic!("expected BadIndex, got {other:?}"),
        }
        // Outside the guard, and after it, nothing is caught.
        assert!(!GUARDED.with(Cell::get));
        assert_eq!(guard(None, || Ok(7)).unwrap(), 7);
        assert!(std::panic::catch_unwind(|| panic!("elsewhere")).is_err());
        assert!(CAUGHT.with(RefCell::take).is_none(), "a panic outside the guard is not recorded");
    }
}
