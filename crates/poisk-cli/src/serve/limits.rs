//! What the server allows one client, on top of the library's caps on a
//! query ([`poisk::limits`]): each is a constant here or a `poisk serve`
//! option, so the README's table and the tests name the same numbers.

use std::time::Duration;

/// The most hits one request returns (`limit`): a page of results, not an
/// export. More is lowered, with a warning.
pub const MAX_PAGE: usize = 100;

/// The most quotes one `GET /quotes` lists; more is lowered, with a
/// warning.
pub const MAX_QUOTES_PAGE: usize = 1_000;

/// Requests being answered at once, across all routes; past it, a request
/// is refused at once with 503 (`Retry-After: 1`) instead of queueing
/// without bound.
pub const MAX_IN_FLIGHT: usize = 512;

/// Open connections at once; past it, new connections wait in the
/// operating system's queue until one closes (an idle one closes after
/// `--idle-timeout`).
pub const MAX_CONNECTIONS: usize = 1_024;

/// A request (other than `POST /articles`) that takes longer than the
/// search's time budget plus this is answered with 503: the margin covers
/// waiting for a worker and writing snippets.
pub const REQUEST_MARGIN: Duration = Duration::from_secs(5);

/// How long a client may take to send the body of `POST /articles`.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a graceful shutdown waits for requests in flight before it
/// stops serving them (a write under way still ends whole: see
/// `serve::run`).
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// The writer of `POST /articles`: one thread, a small memory budget; a
/// request's articles are a few megabytes at most.
pub const WRITER_MEMORY_MB: usize = 64;
