//! The one search interface: what the local index and any other engine
//! behind poisk answer, so that a program (the `poisk` CLI among them)
//! is written once for both.

use super::{
    Hit, QuoteFilter, SearchRequest, SearchResults, Searcher, SpeakerCount, StoredArticle, Timeline, TimelineRequest,
};
use crate::error::Result;

/// What poisk asks of an engine that holds its articles and quotes: the
/// local index ([`Searcher`]) answers it, and so does a cluster of another
/// engine (the `poisk-sphinx` crate's, over SphinxQL), with the same
/// requests and results, so that their output is the same.
///
/// Each engine parses queries with [`crate::query::parse`], matches what
/// [`crate::query::Outline`] says, and makes snippets with
/// [`crate::snippet::snippets`].
///
/// ```
/// use poisk::SearchRequest;
/// use poisk::search::Backend;
///
/// fn count(backend: &dyn Backend, query: &str) -> poisk::Result<usize> {
///     Ok(backend.search(&SearchRequest::new(query))?.total)
/// }
/// let searcher = poisk::builtin::index()?.searcher()?;
/// assert_eq!(count(&searcher, "Курской области")?, 1);
/// # Ok::<(), poisk::Error>(())
/// ```
pub trait Backend: Send + Sync {
    /// Runs a search (see [`Searcher::search`]).
    ///
    /// # Errors
    /// A malformed query or one past a cap; a request past a cap; the
    /// engine's errors.
    fn search(&self, request: &SearchRequest) -> Result<SearchResults>;

    /// Counts the matches per interval (see [`Searcher::timeline`]).
    ///
    /// # Errors
    /// As [`Backend::search`].
    fn timeline(&self, request: &TimelineRequest) -> Result<Timeline>;

    /// How many quotes `filter` keeps, and those at `offset..offset +
    /// limit`, as quote hits without scores (see
    /// [`Searcher::quotes_matching`]).
    ///
    /// # Errors
    /// A speaker's name past the caps of a query; the engine's errors.
    fn quotes_matching(&self, filter: &QuoteFilter, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)>;

    /// Speakers and how many quotations each has, one row per identity,
    /// most quoted first, ties by name (see [`Searcher::speakers`]).
    ///
    /// # Errors
    /// The engine's errors.
    fn speakers(&self) -> Result<Vec<SpeakerCount>>;

    /// The article with this id, with its quotes (see [`Searcher::article`]).
    ///
    /// # Errors
    /// The engine's errors.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
}

impl Backend for Searcher {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        Searcher::search(self, request)
    }

    fn timeline(&self, request: &TimelineRequest) -> Result<Timeline> {
        Searcher::timeline(self, request)
    }

    fn quotes_matching(&self, filter: &QuoteFilter, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        Searcher::quotes_matching(self, filter, offset, limit)
    }

    fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        Searcher::speakers(self)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        Searcher::article(self, id)
    }
}
