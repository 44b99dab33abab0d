//! Indexing: poisk (quotes included) against stock tantivy, the same parsed
//! articles, 2 threads and a 400 MB budget each; JSON parsing is not timed.
//!
//! Two parts, both run by `cargo bench -p poisk-benches --bench indexing`:
//!
//! 1. The whole corpus (or its first `$POISK_BENCH_ARTICLES` articles) is
//!    indexed by each engine in a child process of its own (this executable
//!    run again with `POISK_BENCH_CHILD=poisk|stock`), `$POISK_BENCH_RUNS`
//!    times (default 3), engines alternating; the best run of each counts.
//!    A child reports its indexing time, the index size on disk and its
//!    peak resident memory (`VmHWM`), measured after parsing and after
//!    indexing, so that the memory of the parsed articles, equal for both,
//!    can be told apart.
//! 2. The whole pipeline, reading the file included: `poisk bench` on the
//!    corpus file (`poisk index` against the baseline reading the file
//!    itself), when the release binary is built (`cargo build --release -p
//!    poisk-cli`); skipped with a message otherwise.
//! 3. Criterion groups `indexing/poisk` and `indexing/stock` over the first
//!    `$POISK_BENCH_CRITERION_ARTICLES` articles (default 1,000): indexing
//!    the whole corpus ten times per engine would take many minutes.

use std::error::Error;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput};
use poisk::Article;
use poisk_benches::measure::{dir_size, load_average, peak_rss_kb};
use poisk_benches::{Corpus, article_limit, load_corpus, poisk_index, stock};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Set in a child process: the engine it measures.
const CHILD_ENV: &str = "POISK_BENCH_CHILD";
/// How many times each engine indexes the whole corpus.
const RUNS_ENV: &str = "POISK_BENCH_RUNS";
/// How many articles the criterion groups index.
const CRITERION_ARTICLES_ENV: &str = "POISK_BENCH_CRITERION_ARTICLES";
const ENGINES: [&str; 2] = ["poisk", "stock"];

fn main() {
    if let Err(err) = run() {
        eprintln!("indexing benchmark failed: {err}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    if let Ok(engine) = std::env::var(CHILD_ENV) {
        return child(&engine);
    }
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // then only criterion's quick test pass runs.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    if benchmarking {
        whole_corpus()?;
        whole_pipeline()?;
    }
    let limit = env_number(CRITERION_ARTICLES_ENV).unwrap_or(1000).min(article_limit().unwrap_or(usize::MAX));
    let corpus = load_corpus(Some(if benchmarking { limit } else { 50 }))?;
    let mut criterion = Criterion::default().configure_from_args();
    criterion_groups(&mut criterion, &corpus);
    criterion.final_summary();
    Ok(())
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// What one child process measured.
#[derive(Debug, Clone, Copy)]
struct Run {
    seconds: f64,
    text_bytes: u64,
    index_bytes: u64,
    rss_parsed_kb: u64,
    rss_peak_kb: u64,
    quotes: u64,
}

fn child(engine: &str) -> Result<()> {
    let corpus = load_corpus(article_limit())?;
    let rss_parsed_kb = peak_rss_kb().unwrap_or(0);
    let dir = tempfile::tempdir()?;
    let started = Instant::now();
    let quotes = index_with(engine, dir.path(), &corpus.articles)?;
    let seconds = started.elapsed().as_secs_f64();
    let rss_peak_kb = peak_rss_kb().unwrap_or(0);
    let index_bytes = dir_size(dir.path());
    println!(
        "RUN {seconds} {} {index_bytes} {rss_parsed_kb} {rss_peak_kb} {quotes} {}",
        corpus.text_bytes(),
        corpus.articles.len()
    );
    Ok(())
}

fn index_with(engine: &str, dir: &Path, articles: &[Article]) -> Result<u64> {
    match engine {
        "poisk" => Ok(poisk_index(dir, articles)? as u64),
        "stock" => {
            stock::index(dir, articles, poisk_benches::THREADS, poisk_benches::MEMORY_MB)?;
            Ok(0)
        }
        other => Err(format!("unknown engine {other}").into()),
    }
}

fn spawn(engine: &str) -> Result<Run> {
    let output = Command::new(std::env::current_exe()?).env(CHILD_ENV, engine).output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("RUN "))
        .ok_or_else(|| format!("the {engine} child reported nothing: {}", String::from_utf8_lossy(&output.stderr)))?;
    let v: Vec<f64> = line.split_whitespace().skip(1).map(str::parse).collect::<std::result::Result<_, _>>()?;
    let [seconds, text, index, parsed, peak, quotes, _articles] = v[..] else {
        return Err(format!("bad child report {line:?}").into());
    };
    Ok(Run {
        seconds,
        text_bytes: text as u64,
        index_bytes: index as u64,
        rss_parsed_kb: parsed as u64,
        rss_peak_kb: peak as u64,
        quotes: quotes as u64,
    })
}

fn whole_corpus() -> Result<()> {
    let runs = env_number(RUNS_ENV).unwrap_or(3).max(1);
    println!("indexing, whole corpus: {runs} runs per engine, each in its own process; load {}", load_average());
    let mut results: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for run in 0..runs {
        for (e, engine) in ENGINES.iter().enumerate() {
            let r = spawn(engine)?;
            println!(
                "  run {run} {engine:5}: {:7.2} s {:7.2} MB/s  index {:7.1} MB  peak RSS {:7.1} MB (after parsing {:7.1} MB)  quotes {}  load {}",
                r.seconds,
                r.text_bytes as f64 / 1e6 / r.seconds,
                r.index_bytes as f64 / 1e6,
                r.rss_peak_kb as f64 / 1024.0,
                r.rss_parsed_kb as f64 / 1024.0,
                r.quotes,
                load_average()
            );
            results[e].push(r);
        }
    }
    // The best run of each: on a shared machine the slower ones measure the
    // other load more than the engine.
    let best = |runs: &[Run]| runs.iter().copied().min_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let (Some(poisk), Some(stock)) = (best(&results[0]), best(&results[1])) else {
        return Ok(());
    };
    let mbps = |r: &Run| r.text_bytes as f64 / 1e6 / r.seconds;
    println!(
        "best run: poisk {:.2} MB/s, stock {:.2} MB/s: ratio {:.2}x (target >= 1.0x, goal 1.5x)",
        mbps(&poisk),
        mbps(&stock),
        mbps(&poisk) / mbps(&stock)
    );
    println!(
        "index size poisk {:.1} MB, stock {:.1} MB; peak RSS poisk {:.1} MB, stock {:.1} MB (indexing alone: poisk +{:.1} MB, stock +{:.1} MB)",
        poisk.index_bytes as f64 / 1e6,
        stock.index_bytes as f64 / 1e6,
        poisk.rss_peak_kb as f64 / 1024.0,
        stock.rss_peak_kb as f64 / 1024.0,
        poisk.rss_peak_kb.saturating_sub(poisk.rss_parsed_kb) as f64 / 1024.0,
        stock.rss_peak_kb.saturating_sub(stock.rss_parsed_kb) as f64 / 1024.0,
    );
    Ok(())
}

/// `poisk bench` on the corpus file: both engines read and parse it
/// themselves.
fn whole_pipeline() -> Result<()> {
    let exe = std::env::current_exe()?;
    let Some(poisk) = exe.parent().and_then(Path::parent).map(|release| release.join("poisk")) else {
        return Ok(());
    };
    if !poisk.is_file() {
        println!("whole pipeline: skipped, {} is not built (cargo build --release -p poisk-cli)", poisk.display());
        return Ok(());
    }
    let corpus = poisk_benches::corpus_path();
    if !corpus.is_file() {
        println!("whole pipeline: skipped, the corpus {} is absent", corpus.display());
        return Ok(());
    }
    let runs = env_number(RUNS_ENV).unwrap_or(3).max(1).to_string();
    let output = Command::new(&poisk)
        .args(["bench", "--format", "json", "--progress", "never", "--repeat", "3", "--memory", "400"])
        .args(["--threads", "2", "--runs", &runs])
        .arg(&corpus)
        .output()?;
    if !output.status.success() {
        return Err(format!("poisk bench failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    let r: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    println!(
        "whole pipeline (poisk bench, fastest of {runs} runs, reading {} included): poisk {:.2} MB/s ({:.2} s, peak RSS {:.1} MB), \
         stock {:.2} MB/s ({:.2} s, peak RSS {:.1} MB): ratio {:.2}x (target >= 1.0x), RSS {:.2}x (target <= 1); load {}",
        corpus.display(),
        f(&r["poisk"]["mb_per_second"]),
        f(&r["poisk"]["index"]["seconds"]),
        f(&r["poisk"]["index"]["peak_rss_kb"]) / 1024.0,
        f(&r["stock"]["mb_per_second"]),
        f(&r["stock"]["index"]["seconds"]),
        f(&r["stock"]["index"]["peak_rss_kb"]) / 1024.0,
        f(&r["ratios"]["indexing_speed"]),
        f(&r["ratios"]["peak_rss"]),
        load_average(),
    );
    Ok(())
}

fn criterion_groups(c: &mut Criterion, corpus: &Corpus) {
    let mut group = c.benchmark_group("indexing");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).throughput(Throughput::Bytes(corpus.text_bytes()));
    for engine in ENGINES {
        group.bench_function(engine, |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("a temporary directory for the index"),
                |dir| {
                    index_with(engine, dir.path(), &corpus.articles).expect("indexing succeeds");
                    assert_committed(dir.path());
                    // Returned, so that deleting it is not timed.
                    dir
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

/// The result check: a commit that recorded at least one segment.
fn assert_committed(dir: &Path) {
    let meta = std::fs::read_to_string(dir.join("meta.json")).expect("a committed index has meta.json");
    assert!(meta.contains("\"segment_id\""), "the index in {} has no segment", dir.display());
}
