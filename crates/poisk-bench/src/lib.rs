//! Measuring poisk against stock tantivy, for `poisk bench` (a user's own
//! files) and `cargo bench` (the repository's benchmarks): the baseline
//! engine ([`stock`]) and its reading of the input ([`input`]), the
//! measurements that criterion does not make ([`measure`]), and the query
//! set ([`queries`]).
//!
//! The baseline is what an application on plain tantivy would do with the
//! same files: parse each JSONL line with `serde_json`, index `id`, `date`,
//! `title` and `body` with tantivy's Russian stemmer, search with its
//! `QueryParser` (all words must match, as in poisk) and make a snippet
//! with its `SnippetGenerator`. Both engines get the same threads and
//! memory budget.
#![deny(missing_docs)]

pub mod input;
pub mod measure;
pub mod stock;

use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The built-in query set (`benches/queries.txt`, one per line): single
/// words, inflected phrases, names and quoted phrases of Russian news.
pub fn queries() -> Vec<String> {
    parse_queries(include_str!("../../../benches/queries.txt"))
}

/// The queries of a query file: one per line, blank lines and lines
/// starting with `#` left out.
pub fn parse_queries(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|q| !q.is_empty() && !q.starts_with('#')).map(str::to_owned).collect()
}

/// What indexing one input with one engine measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexRun {
    /// Wall-clock seconds from opening the input to the last commit with
    /// merges done.
    pub seconds: f64,
    /// Articles indexed.
    pub articles: u64,
    /// Bytes of title and body text indexed (the throughput unit).
    pub text_bytes: u64,
    /// Quotations indexed (poisk only).
    pub quotes: u64,
    /// Size of the index on disk, in bytes.
    pub index_bytes: u64,
    /// Peak resident memory of the process that indexed, in kilobytes
    /// (0 where the system does not say).
    pub peak_rss_kb: u64,
}

impl IndexRun {
    /// Megabytes (10^6 bytes) of text per second.
    pub fn mb_per_second(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }

    /// Articles per second.
    pub fn articles_per_second(&self) -> f64 {
        self.articles as f64 / self.seconds.max(1e-9)
    }
}

/// Search latencies of one engine over a query set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchRun {
    /// Queries in the set.
    pub queries: usize,
    /// Queries with at least one hit.
    pub answered: usize,
    /// Times each query was timed.
    pub repetitions: usize,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
    /// Mean latency, milliseconds.
    pub mean_ms: f64,
}

impl SearchRun {
    /// The percentiles of `times` (each query × repetition).
    pub fn from_times(mut times: Vec<Duration>, queries: usize, answered: usize, repetitions: usize) -> SearchRun {
        times.sort();
        let mean = if times.is_empty() { 0.0 } else { measure::ms(times.iter().sum()) / times.len() as f64 };
        SearchRun {
            queries,
            answered,
            repetitions,
            p50_ms: measure::ms(measure::percentile(&times, 50.0)),
            p99_ms: measure::ms(measure::percentile(&times, 99.0)),
            mean_ms: mean,
        }
    }
}

/// One poisk search as the benchmarks time it: top 10 with the default 2
/// snippets per hit and the matching quotes; returns the number of hits.
///
/// # Errors
/// When the query is malformed or the index cannot be read.
pub fn poisk_search(searcher: &poisk::Searcher, query: &str) -> poisk::Result<usize> {
    Ok(searcher.search(&poisk::SearchRequest::new(query).limit(10))?.hits.len())
}

/// Times every query `repetitions` times on both engines, alternating
/// (after one untimed pass that warms the caches), calling `tick` after
/// each timed query pair.
///
/// # Errors
/// When an engine fails to search, or answers a query differently from
/// its warm-up pass.
pub fn search_both(
    poisk_dir: &Path,
    stock_dir: &Path,
    queries: &[String],
    repetitions: usize,
    mut tick: impl FnMut(),
) -> Result<(SearchRun, SearchRun), String> {
    let poisk = poisk::Index::open(poisk_dir).and_then(|i| i.searcher()).map_err(|e| e.to_string())?;
    let stock = stock::Searcher::open(stock_dir).map_err(|e| format!("stock tantivy: {e}"))?;
    let mut expected = Vec::with_capacity(queries.len());
    for query in queries {
        // A query stock's parser refuses counts as no hits for stock.
        let p = poisk_search(&poisk, query).map_err(|e| format!("{query:?}: {e}"))?;
        let s = stock.search(query).map_or(None, |(hits, _)| Some(hits));
        expected.push((p, s));
    }
    let mut times = (Vec::new(), Vec::new());
    for _ in 0..repetitions {
        for (query, &(p, s)) in queries.iter().zip(&expected) {
            let started = Instant::now();
            let hits = poisk_search(&poisk, query).map_err(|e| format!("{query:?}: {e}"))?;
            times.0.push(started.elapsed());
            if hits != p {
                return Err(format!("poisk answered {query:?} with {hits} hits, before with {p}"));
            }
            if s.is_some() {
                let started = Instant::now();
                let hits = stock.search(query).ok().map(|(hits, _)| hits);
                times.1.push(started.elapsed());
                if hits != s {
                    return Err(format!("stock tantivy answered {query:?} differently from before"));
                }
            }
            tick();
        }
    }
    let answered = (expected.iter().filter(|e| e.0 > 0).count(), expected.iter().filter(|e| e.1 > Some(0)).count());
    let stock_queries = expected.iter().filter(|e| e.1.is_some()).count();
    Ok((
        SearchRun::from_times(times.0, queries.len(), answered.0, repetitions),
        SearchRun::from_times(times.1, stock_queries, answered.1, repetitions),
    ))
}

/// Queries per second when `threads` threads share one engine, each
/// running every query `passes` times (each thread starting at its own
/// place in the list).
///
/// # Errors
/// When a search fails.
pub fn queries_per_second<E: Send>(
    search: &(dyn Fn(&str) -> Result<usize, E> + Sync),
    queries: &[String],
    threads: usize,
    passes: usize,
) -> Result<f64, E> {
    let threads = threads.max(1);
    let started = Instant::now();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let start = t * queries.len() / threads;
                    for _ in 0..passes {
                        for query in queries[start..].iter().chain(&queries[..start]) {
                            search(query)?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(result) => result?,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(())
    })?;
    let searched = (threads * passes * queries.len()) as f64;
    Ok(searched / started.elapsed().as_secs_f64().max(1e-9))
}

/// Throughput of both engines with one thread and with `threads` threads
/// sharing one searcher: `[poisk, stock]`, each `(one thread, threads)` in
/// queries per second.
///
/// # Errors
/// When an engine fails to search.
pub fn throughput_both(
    poisk_dir: &Path,
    stock_dir: &Path,
    queries: &[String],
    threads: usize,
    passes: usize,
) -> Result<[(f64, f64); 2], String> {
    let poisk = poisk::Index::open(poisk_dir).and_then(|i| i.searcher()).map_err(|e| e.to_string())?;
    let stock = stock::Searcher::open(stock_dir).map_err(|e| format!("stock tantivy: {e}"))?;
    // Queries stock's parser refuses are left out of both.
    let queries: Vec<String> = queries.iter().filter(|q| stock.search(q).is_ok()).cloned().collect();
    let poisk_search = |q: &str| poisk_search(&poisk, q).map_err(|e| e.to_string());
    let stock_search = |q: &str| stock.search(q).map(|(hits, _)| hits).map_err(|e| e.to_string());
    let mut out = [(0.0, 0.0); 2];
    for (slot, search) in
        out.iter_mut().zip([&poisk_search as &(dyn Fn(&str) -> Result<usize, String> + Sync), &stock_search])
    {
        *slot =
            (queries_per_second(search, &queries, 1, passes)?, queries_per_second(search, &queries, threads, passes)?);
    }
    Ok(out)
}

/// Indexes `paths` with the baseline into a new index in `dir`, reading
/// the files as [`input::read`] does, and measures it (peak memory is
/// this process's).
///
/// # Errors
/// When the index cannot be written.
pub fn stock_index(
    dir: &Path,
    paths: &[std::path::PathBuf],
    threads: usize,
    memory_mb: usize,
) -> Result<IndexRun, String> {
    let started = Instant::now();
    let mut run = IndexRun::default();
    let engine = |e: tantivy::TantivyError| format!("stock tantivy: {e}");
    let mut writer = stock::Writer::create(dir, threads, memory_mb).map_err(engine)?;
    input::read::<String>(paths, |record| {
        run.articles += 1;
        run.text_bytes += (record.title.len() + record.body.len()) as u64;
        writer.add(&record).map_err(engine)
    })?;
    writer.finish().map_err(engine)?;
    run.seconds = started.elapsed().as_secs_f64();
    run.index_bytes = measure::dir_size(dir);
    run.peak_rss_kb = measure::peak_rss_kb().unwrap_or(0);
    Ok(run)
}
