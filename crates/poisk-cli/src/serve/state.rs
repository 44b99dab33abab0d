//! What every handler shares: the index and its searcher, the workers that
//! run searches, the writer's turn, the key for writes.

use std::sync::Arc;
use std::time::Duration;

use poisk::{Index, Searcher};
use subtle::ConstantTimeEq;
use tokio::sync::{Mutex, Semaphore};

use super::error::ApiError;

/// The settings of a server, from `poisk serve`'s options.
pub struct Options {
    /// Searches at once.
    pub workers: usize,
    pub api_key: Option<String>,
    pub time_budget: Duration,
    pub max_body: usize,
}

/// A value computed from the whole index (the speakers, the statistics:
/// each reads every quote, 0.4 to 0.6 s on the news corpus), kept until the
/// searcher moves to another commit. The lock is held while it is
/// computed, so that requests that come meanwhile wait for it rather than
/// compute it again.
pub struct Cached<T> {
    slot: std::sync::Mutex<Option<(u64, Arc<T>)>>,
}

impl<T> Default for Cached<T> {
    fn default() -> Cached<T> {
        Cached { slot: std::sync::Mutex::new(None) }
    }
}

impl<T> Cached<T> {
    /// The value for `generation`, computed by `compute` when the one kept
    /// is of another generation.
    pub fn get(&self, generation: u64, compute: impl FnOnce() -> Result<T, ApiError>) -> Result<Arc<T>, ApiError> {
        let mut slot = self.slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((kept, value)) = slot.as_ref()
            && *kept == generation
        {
            return Ok(value.clone());
        }
        let value = Arc::new(compute()?);
        *slot = Some((generation, value.clone()));
        Ok(value)
    }
}

pub struct AppState {
    pub index: Index,
    /// Sees each commit, of this server or of another process (`poisk
    /// index`), shortly after it lands; at once after [`Searcher::reload`].
    pub searcher: Searcher,
    /// One permit per search that may run at once: searches are CPU work,
    /// and many more of them than cores only slows each down.
    workers: Arc<Semaphore>,
    /// One `POST /articles` at a time writes: the index has a single writer.
    pub writer: Mutex<()>,
    /// The key that writes must send; `None`: the server is read-only.
    api_key: Option<String>,
    /// How long a search may take.
    pub time_budget: Duration,
    /// The largest body of a write, in bytes.
    pub max_body: usize,
    /// Speakers by number of quotes.
    pub speakers: Cached<Vec<poisk::search::SpeakerCount>>,
    /// The index's statistics.
    pub stats: Cached<poisk::index::IndexStats>,
}

impl AppState {
    pub fn new(index: Index, options: Options) -> poisk::Result<AppState> {
        let searcher = index.searcher()?;
        Ok(AppState {
            index,
            searcher,
            workers: Arc::new(Semaphore::new(options.workers.max(1))),
            writer: Mutex::new(()),
            api_key: options.api_key,
            time_budget: options.time_budget,
            max_body: options.max_body,
            speakers: Cached::default(),
            stats: Cached::default(),
        })
    }

    /// Runs `work` on a blocking thread once a worker is free. The permit
    /// goes with the work, so a request that times out while its search
    /// runs does not let another search start beside it.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self.workers.clone().acquire_owned().await.map_err(ApiError::internal)?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&state)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Whether writes are allowed at all.
    pub fn writable(&self) -> bool {
        self.api_key.is_some()
    }

    /// Whether `Authorization: Bearer KEY` carries the key, compared in
    /// constant time so that the time of a refusal tells nothing of it.
    pub fn key_matches(&self, authorization: Option<&str>) -> bool {
        let (Some(key), Some(given)) = (&self.api_key, authorization.and_then(|a| a.strip_prefix("Bearer "))) else {
            return false;
        };
        bool::from(key.as_bytes().ct_eq(given.trim().as_bytes()))
    }
}
