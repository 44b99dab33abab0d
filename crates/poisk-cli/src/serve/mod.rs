//! `poisk serve`: the index over HTTP, a JSON API with the JSON of the
//! other commands and a search page, on tokio, axum and tower.
//!
//! `router.rs` has the routes and the layers around them (limits, timeout,
//! compression, headers), `handlers.rs` one function per endpoint,
//! `params.rs` the query parameters, `error.rs` errors as JSON, `state.rs`
//! what the handlers share, `listen.rs` the connections (idle timeout, cap,
//! graceful shutdown), `assets.rs` the page's files compiled in,
//! `openapi.rs` the API's description, `limits.rs` the numbers.

mod assets;
mod error;
mod handlers;
pub mod limits;
mod listen;
mod openapi;
mod params;
mod router;
mod state;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use crate::Outcome;
use crate::args::ServeArgs;
use crate::open;
use state::{AppState, Options};

/// The environment variable that sets what the server logs on stderr, in
/// `tracing`'s filter syntax: `POISK_LOG=debug` logs every request.
const LOG_ENV: &str = "POISK_LOG";

/// The environment variable that gives the API key when `--api-key` does
/// not (a key on the command line is visible to other users in `ps`).
const KEY_ENV: &str = "POISK_API_KEY";

/// Searches at once by default: one per core, and one more. A search
/// hands its permit to the next only once its answer is written, and the
/// next starts after a trip through the scheduler, so with one per core a
/// core waits in between (BENCHMARKS.md, "Serving": 885 and 762 requests/s
/// at 8 connections against 659 and 723 with `--workers 2`).
fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) + 1
}

pub fn run(args: &ServeArgs) -> anyhow::Result<Outcome> {
    let filter = EnvFilter::try_from_env(LOG_ENV).unwrap_or_else(|_| EnvFilter::new("warn"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).try_init();
    let api_key = api_key(args)?;
    let index = open::to_read(&args.location, "serving")?;
    let workers = args.workers.map_or_else(default_workers, usize::from);
    let options = Options {
        workers,
        api_key,
        time_budget: Duration::from_secs_f64(args.timeout),
        max_body: args.max_body as usize * 1_000_000,
    };
    let writable = options.api_key.is_some();
    let state = Arc::new(AppState::new(index, options)?);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the server")?;
    runtime.block_on(async {
        let listener =
            TcpListener::bind(args.listen).await.with_context(|| format!("cannot listen on {}", args.listen))?;
        let address = listener.local_addr().context("the address listened on")?;
        if !address.ip().is_loopback() {
            let writes = if writable {
                "the API key travels unencrypted over plain HTTP: put a TLS proxy in front"
            } else {
                "without --api-key it is read-only"
            };
            eprintln!("poisk: warning: listening on {address} answers other machines too; {writes}");
        }
        let articles = match state.searcher.num_articles() {
            1 => "1 article".to_owned(),
            n => format!("{n} articles"),
        };
        let mode = if writable { "POST /articles takes the API key" } else { "read-only" };
        eprintln!("poisk: {articles}; listening on http://{address}/ ({mode}); Ctrl-C stops");
        let app = router::router(state.clone());
        listen::serve(listener, app, Duration::from_secs_f64(args.idle_timeout), async {
            listen::shutdown_signal().await;
            eprintln!("poisk: stopping: finishing the requests in flight");
        })
        .await;
        anyhow::Ok(())
    })?;
    // Dropping the runtime waits for work on blocking threads, so a write
    // whose request was cut short still ends with its commit or without
    // one, never half-way; tantivy's commits are atomic besides.
    drop(runtime);
    eprintln!("poisk: stopped");
    Ok(Outcome::Found)
}

/// The key of `--api-key`, else of `POISK_API_KEY`; an empty one is a
/// mistake, not "no key".
fn api_key(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    let key = args.api_key.clone().or_else(|| std::env::var(KEY_ENV).ok().filter(|k| !k.is_empty()));
    match key {
        Some(key) if key.trim().is_empty() => {
            anyhow::bail!("the API key is empty: give a key of some length, or none for a read-only server")
        }
        other => Ok(other),
    }
}
