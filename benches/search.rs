//! Search: poisk top 10 with 2 snippets per hit against stock tantivy top
//! 10 with one `SnippetGenerator` fragment per hit, warm, on one thread,
//! over indexes of the whole corpus (or `$POISK_BENCH_ARTICLES` articles)
//! built at the start of the run.
//!
//! Two parts, both run by `cargo bench -p poisk-benches --bench search`:
//!
//! 1. Latency percentiles: every query of `benches/queries.txt` is timed
//!    alone, `$POISK_BENCH_REPS` times (default 30), engines alternating;
//!    p50 and p99 are taken over all queries × repetitions.
//! 2. Criterion groups `search/poisk` and `search/stock`: one iteration
//!    runs every query once, so the mean reads as queries per second.
//!
//! `POISK_BENCH_DUMP=FILE` also writes every poisk answer in full (hits,
//! scores, snippets, highlights, quotes; `took_ms` zeroed), so that a
//! speed change can be checked with `diff` to give the same results.

use std::error::Error;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use poisk::{Index, SearchRequest, Searcher};
use poisk_benches::measure::{dir_size, load_average, ms, percentile};
use poisk_benches::{article_limit, load_corpus, poisk_index, poisk_search, queries, stock};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const REPS_ENV: &str = "POISK_BENCH_REPS";
const DUMP_ENV: &str = "POISK_BENCH_DUMP";

fn main() {
    if let Err(err) = run() {
        eprintln!("search benchmark failed: {err}");
        std::process::exit(1);
    }
}

/// Both engines, ready to search, with the hit count each gives per query.
struct Engines {
    poisk: Searcher,
    stock: stock::Searcher,
    queries: Vec<String>,
    poisk_hits: Vec<usize>,
    stock_hits: Vec<usize>,
    // Kept so that the indexes outlive the searchers.
    _dirs: [tempfile::TempDir; 2],
}

fn run() -> Result<()> {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // then a small corpus and criterion's quick test pass are enough.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let engines = build(if benchmarking { article_limit() } else { Some(50) })?;
    if benchmarking {
        let reps = std::env::var(REPS_ENV).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(30);
        percentiles(&engines, reps)?;
    }
    let mut criterion = Criterion::default().configure_from_args();
    criterion_groups(&mut criterion, &engines);
    criterion.final_summary();
    Ok(())
}

fn build(limit: Option<usize>) -> Result<Engines> {
    let corpus = load_corpus(limit)?;
    let dirs = [tempfile::tempdir()?, tempfile::tempdir()?];
    let started = Instant::now();
    poisk_index(dirs[0].path(), &corpus.articles)?;
    stock::index(dirs[1].path(), &corpus.articles, poisk_benches::THREADS, poisk_benches::MEMORY_MB)?;
    println!(
        "search: indexed {} articles of {} with both engines in {:.1} s; poisk {:.1} MB, stock {:.1} MB on disk",
        corpus.articles.len(),
        corpus.origin,
        started.elapsed().as_secs_f64(),
        dir_size(dirs[0].path()) as f64 / 1e6,
        dir_size(dirs[1].path()) as f64 / 1e6,
    );
    let poisk = Index::open(dirs[0].path())?.searcher()?;
    let stock = stock::Searcher::open(dirs[1].path())?;
    let queries = queries();
    let mut poisk_hits = Vec::new();
    let mut stock_hits = Vec::new();
    let mut poisk_snippets = 0;
    let mut stock_snippets = 0;
    // The first pass also warms the caches.
    for query in &queries {
        let (hits, snippets) = poisk_search(&poisk, query)?;
        let (s_hits, s_snippets) = stock.search(query)?;
        if hits == 0 || s_hits == 0 {
            println!("  query {query:?}: poisk {hits} hits, stock {s_hits} hits");
        }
        poisk_hits.push(hits);
        stock_hits.push(s_hits);
        poisk_snippets += snippets;
        stock_snippets += s_snippets;
    }
    println!(
        "  {} queries: poisk {} hits, {poisk_snippets} snippets; stock {} hits, {stock_snippets} snippets",
        queries.len(),
        poisk_hits.iter().sum::<usize>(),
        stock_hits.iter().sum::<usize>()
    );
    if let Some(path) = std::env::var_os(DUMP_ENV).filter(|p| !p.is_empty()) {
        dump(&poisk, &queries, std::path::Path::new(&path))?;
    }
    Ok(Engines { poisk, stock, queries, poisk_hits, stock_hits, _dirs: dirs })
}

/// Writes poisk's whole answer to every query to `path`, one block per
/// query, with the time zeroed so that two runs compare with `diff`.
fn dump(poisk: &Searcher, queries: &[String], path: &std::path::Path) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for query in queries {
        let mut results = poisk.search(&SearchRequest::new(query.as_str()).limit(10))?;
        results.took_ms = 0.0;
        writeln!(out, "{results:#?}")?;
    }
    out.flush()?;
    println!("  every poisk answer written to {}", path.display());
    Ok(())
}

fn percentiles(e: &Engines, reps: usize) -> Result<()> {
    println!(
        "search latency: {} queries x {reps} repetitions, one thread, warm; load {}",
        e.queries.len(),
        load_average()
    );
    let mut poisk = Vec::with_capacity(e.queries.len() * reps);
    let mut stock = Vec::with_capacity(e.queries.len() * reps);
    let mut per_query = vec![(Duration::ZERO, Duration::ZERO); e.queries.len()];
    for _ in 0..reps {
        for (i, query) in e.queries.iter().enumerate() {
            let started = Instant::now();
            let (hits, _) = poisk_search(&e.poisk, query)?;
            let took = started.elapsed();
            assert_eq!(hits, e.poisk_hits[i], "poisk answers {query:?} as before");
            poisk.push(took);
            per_query[i].0 += took;
            let started = Instant::now();
            let (hits, _) = e.stock.search(query)?;
            let took = started.elapsed();
            assert_eq!(hits, e.stock_hits[i], "stock answers {query:?} as before");
            stock.push(took);
            per_query[i].1 += took;
        }
    }
    poisk.sort();
    stock.sort();
    for (name, sorted) in [("poisk", &poisk), ("stock", &stock)] {
        println!(
            "  {name}: p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  max {:.3} ms  mean {:.3} ms",
            ms(percentile(sorted, 50.0)),
            ms(percentile(sorted, 90.0)),
            ms(percentile(sorted, 99.0)),
            ms(*sorted.last().unwrap_or(&Duration::ZERO)),
            ms(sorted.iter().sum::<Duration>()) / sorted.len().max(1) as f64,
        );
    }
    let ratio = |p| ms(percentile(&stock, p)) / ms(percentile(&poisk, p)).max(1e-9);
    println!(
        "  stock/poisk: {:.2}x at p50 (target >= 5x), {:.2}x at p99; targets p50 <= 1 ms, p99 <= 3 ms",
        ratio(50.0),
        ratio(99.0)
    );
    let mut slowest: Vec<_> = e.queries.iter().zip(&per_query).collect();
    slowest.sort_by_key(|(_, (poisk, _))| std::cmp::Reverse(*poisk));
    println!("  slowest for poisk (mean ms poisk / stock):");
    for (query, (p, s)) in slowest.iter().take(8) {
        println!("    {:7.3} / {:7.3}  {query}", ms(*p) / reps as f64, ms(*s) / reps as f64);
    }
    Ok(())
}

fn criterion_groups(c: &mut Criterion, e: &Engines) {
    let mut group = c.benchmark_group("search");
    group.sample_size(10).throughput(Throughput::Elements(e.queries.len() as u64));
    group.bench_function("poisk", |b| {
        b.iter(|| {
            for (query, &expected) in e.queries.iter().zip(&e.poisk_hits) {
                let (hits, _) = poisk_search(&e.poisk, query).expect("poisk searches");
                assert_eq!(hits, expected);
            }
        });
    });
    group.bench_function("stock", |b| {
        b.iter(|| {
            for (query, &expected) in e.queries.iter().zip(&e.stock_hits) {
                let (hits, _) = e.stock.search(query).expect("stock tantivy searches");
                assert_eq!(hits, expected);
            }
        });
    });
    group.finish();
}
