//! `poisk bench`: how fast poisk indexes and searches the user's own
//! files, beside stock tantivy on the same files in the same run.
//!
//! Each engine indexes in a process of its own (this program run again
//! with the hidden `--child` option), so that the peak memory each reports
//! is its own; with `--runs N` the engines alternate and the fastest run of
//! each counts. poisk's child runs `poisk index` itself (quotations,
//! near-duplicate fingerprints and all); the baseline is
//! [`poisk_bench::stock`]. Then both indexes answer the same queries,
//! alternating, on one thread, after a warm-up pass.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use poisk_bench::{IndexRun, SearchRun};
use serde::Serialize;

use crate::Outcome;
use crate::args::{BenchArgs, BenchEngine, COMMIT_EVERY_MB, Format, IndexArgs, IndexLocation, When};

const ENGINES: [BenchEngine; 2] = [BenchEngine::Poisk, BenchEngine::Stock];

impl BenchEngine {
    fn name(self) -> &'static str {
        match self {
            BenchEngine::Poisk => "poisk",
            BenchEngine::Stock => "stock",
        }
    }
}

/// Everything `poisk bench` measured (`--format json`).
#[derive(Debug, Serialize)]
struct Report {
    input: Input,
    threads: usize,
    memory_mb: usize,
    runs: u32,
    load_average: String,
    poisk: Engine,
    stock: Engine,
    ratios: Ratios,
}

#[derive(Debug, Serialize)]
struct Input {
    paths: Vec<PathBuf>,
    articles: u64,
    /// Title and body text as the files hold it: the unit of both engines'
    /// throughput.
    text_bytes: u64,
}

#[derive(Debug, Serialize)]
struct Engine {
    index: IndexRun,
    mb_per_second: f64,
    articles_per_second: f64,
    search: SearchRun,
    /// Queries per second with one thread searching.
    queries_per_second_1_thread: f64,
    /// Queries per second with `threads` threads sharing one searcher.
    queries_per_second_all_threads: f64,
}

/// poisk against stock: speeds as poisk's over stock's, sizes as poisk's
/// over stock's, latencies as stock's over poisk's (above 1: poisk is
/// faster).
#[derive(Debug, Serialize)]
struct Ratios {
    indexing_speed: f64,
    peak_rss: f64,
    index_size: f64,
    search_p50_speedup: f64,
    search_p99_speedup: f64,
    throughput_all_threads: f64,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<Outcome> {
    if let Some(engine) = args.child {
        return child(args, engine);
    }
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("poisk bench reads its input once for each engine: give files or directories, not -");
    }
    let (files, errors) = poisk::input::collect_inputs(&args.paths);
    if let Some(error) = errors.first() {
        bail!("{}", crate::describe(error));
    }
    if files.is_empty() {
        bail!("no .txt, .jsonl or .jsonl.gz file under {}", display_paths(&args.paths));
    }
    let queries = match &args.queries {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            let queries = poisk_bench::parse_queries(&text);
            if queries.is_empty() {
                bail!("{}: no queries in it (one a line)", path.display());
            }
            queries
        }
        None => poisk_bench::queries(),
    };
    let temp = tempfile::tempdir().context("a temporary directory for the indexes")?;
    let root = match &args.keep {
        Some(dir) => {
            prepare_keep(dir)?;
            dir.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let progress = progress_bar(args.progress);
    let mut best: [Option<IndexRun>; 2] = [None, None];
    for run in 1..=args.runs {
        for (e, engine) in ENGINES.into_iter().enumerate() {
            progress.set_message(format!("indexing with {} (run {run} of {})", engine.name(), args.runs));
            let dir = root.join(engine.name());
            if dir.exists() {
                std::fs::remove_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
            }
            let measured = spawn(args, engine, &dir)?;
            if best[e].is_none_or(|b| measured.seconds < b.seconds) {
                best[e] = Some(measured);
            }
        }
    }
    let [Some(poisk), Some(stock)] = best else { bail!("no run was made") };
    // The last run's indexes are the ones searched; every run indexes the
    // same files the same way.
    progress.set_message("searching");
    progress.set_length((queries.len() * args.repeat as usize) as u64);
    progress.set_position(0);
    progress.set_style(style("{bar:30} {pos}/{len} searches  {msg}"));
    let (poisk_search, stock_search) =
        poisk_bench::search_both(&root.join("poisk"), &root.join("stock"), &queries, args.repeat as usize, || {
            progress.inc(1)
        })
        .map_err(anyhow::Error::msg)?;
    progress.set_style(style("{spinner} {elapsed} {msg}"));
    progress.set_message(format!("queries per second, 1 and {} threads", threads(args)));
    let throughput = poisk_bench::throughput_both(
        &root.join("poisk"),
        &root.join("stock"),
        &queries,
        threads(args),
        args.repeat as usize,
    )
    .map_err(anyhow::Error::msg)?;
    progress.finish_and_clear();
    let report = report(args, [(poisk, poisk_search), (stock, stock_search)], throughput);
    match args.format {
        Format::Json => println!("{}", serde_json::to_string(&report)?),
        Format::Text => print!("{}", text(&report)),
    }
    if let Some(dir) = &args.keep {
        eprintln!("poisk: the indexes are in {0}/poisk and {0}/stock", dir.display());
    }
    Ok(Outcome::Found)
}

/// Creates `dir` for `--keep`, which must not hold anything yet.
fn prepare_keep(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    let mut entries = std::fs::read_dir(dir).with_context(|| format!("{}", dir.display()))?;
    if entries.next().is_some() {
        bail!("{}: not empty; --keep needs a new or empty directory", dir.display());
    }
    Ok(())
}

fn threads(args: &BenchArgs) -> usize {
    args.threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 8)
}

/// Runs one engine's child and reads what it measured.
fn spawn(args: &BenchArgs, engine: BenchEngine, dir: &Path) -> anyhow::Result<IndexRun> {
    let exe = std::env::current_exe().context("finding this program to run it again")?;
    let mut command = Command::new(exe);
    command.args(["bench", "--progress", "never", "--child", engine.name()]).arg("--child-dir").arg(dir);
    command.arg("--memory").arg(args.memory.to_string()).arg("--threads").arg(threads(args).to_string());
    command.arg("--").args(&args.paths);
    let output = command.output().with_context(|| format!("running the {} indexing", engine.name()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("indexing with {} failed ({}): {}", engine.name(), output.status, stderr.trim());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim())
        .with_context(|| format!("the {} indexing reported {:?}; {}", engine.name(), stdout.trim(), stderr.trim()))
}

/// The child: index with one engine and print what was measured.
fn child(args: &BenchArgs, engine: BenchEngine) -> anyhow::Result<Outcome> {
    let Some(dir) = &args.child_dir else { bail!("--child needs --child-dir") };
    let threads = threads(args);
    let measured = match engine {
        BenchEngine::Poisk => {
            let index = IndexArgs {
                location: IndexLocation { dir: Some(dir.clone()), engine: None },
                paths: args.paths.clone(),
                threads: u16::try_from(threads).ok(),
                memory: args.memory,
                rebuild: false,
                progress: When::Never,
                commit_every: COMMIT_EVERY_MB,
                prune: false,
                merge: false,
            };
            let started = std::time::Instant::now();
            let (_, tally) = crate::index_cmd::index(&index)?;
            IndexRun {
                seconds: started.elapsed().as_secs_f64(),
                articles: tally.articles as u64,
                text_bytes: tally.bytes as u64,
                quotes: tally.quotes as u64,
                index_bytes: poisk_bench::measure::dir_size(dir),
                peak_rss_kb: poisk_bench::measure::peak_rss_kb().unwrap_or(0),
            }
        }
        BenchEngine::Stock => {
            let memory = (args.memory as usize).max(15 * threads);
            poisk_bench::stock_index(dir, &args.paths, threads, memory).map_err(anyhow::Error::msg)?
        }
    };
    println!("{}", serde_json::to_string(&measured)?);
    Ok(Outcome::Found)
}

fn report(args: &BenchArgs, runs: [(IndexRun, SearchRun); 2], throughput: [(f64, f64); 2]) -> Report {
    let [(poisk, p), (stock, s)] = runs;
    // One unit for both: the text as the files hold it (poisk's own count
    // is after it left out related-article boxes).
    let text_bytes = stock.text_bytes;
    let mbps = |run: &IndexRun| text_bytes as f64 / 1e6 / run.seconds.max(1e-9);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let ratios = Ratios {
        indexing_speed: ratio(stock.seconds, poisk.seconds),
        peak_rss: ratio(poisk.peak_rss_kb as f64, stock.peak_rss_kb as f64),
        index_size: ratio(poisk.index_bytes as f64, stock.index_bytes as f64),
        search_p50_speedup: ratio(s.p50_ms, p.p50_ms),
        search_p99_speedup: ratio(s.p99_ms, p.p99_ms),
        throughput_all_threads: ratio(throughput[0].1, throughput[1].1),
    };
    let engine = |index: IndexRun, search: SearchRun, (one, all): (f64, f64)| Engine {
        mb_per_second: mbps(&index),
        articles_per_second: index.articles_per_second(),
        index,
        search,
        queries_per_second_1_thread: one,
        queries_per_second_all_threads: all,
    };
    Report {
        input: Input { paths: args.paths.clone(), articles: stock.articles, text_bytes },
        threads: threads(args),
        memory_mb: args.memory as usize,
        runs: args.runs,
        load_average: poisk_bench::measure::load_average(),
        poisk: engine(poisk, p, throughput[0]),
        stock: engine(stock, s, throughput[1]),
        ratios,
    }
}

/// The report as a table.
fn text(r: &Report) -> String {
    let (p, s, x) = (&r.poisk, &r.stock, &r.ratios);
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let rss = |kb: u64| kb as f64 / 1024.0;
    let mut out = format!(
        "poisk bench: {} article{}, {:.1} MB of title and body text, from {}\n\
         {} threads and a {} MB budget for each engine; {}; load average {}\n\n",
        thousands(r.input.articles),
        if r.input.articles == 1 { "" } else { "s" },
        mb(r.input.text_bytes),
        display_paths(&r.input.paths),
        r.threads,
        r.memory_mb,
        if r.runs == 1 { "one run each".to_string() } else { format!("fastest of {} runs each", r.runs) },
        r.load_average,
    );
    let faster = |ratio: f64| match ratio {
        r if r >= 1.0 => format!("{r:.2}x faster"),
        r if r > 0.0 => format!("{:.2}x slower", 1.0 / r),
        _ => String::new(),
    };
    let all_threads = format!("searches/s, {} threads", r.threads);
    let rows: [(&str, String, String, String); 9] = [
        ("", "poisk".into(), "stock tantivy".into(), "poisk vs stock".into()),
        (
            "indexing, MB/s",
            format!("{:.2}", p.mb_per_second),
            format!("{:.2}", s.mb_per_second),
            format!("{:.2}x", x.indexing_speed),
        ),
        (
            "indexing, articles/s",
            format!("{:.0}", p.articles_per_second),
            format!("{:.0}", s.articles_per_second),
            String::new(),
        ),
        (
            "peak memory (RSS), MB",
            format!("{:.1}", rss(p.index.peak_rss_kb)),
            format!("{:.1}", rss(s.index.peak_rss_kb)),
            format!("{:.2}x", x.peak_rss),
        ),
        (
            "index size, MB",
            format!("{:.1}", mb(p.index.index_bytes)),
            format!("{:.1}", mb(s.index.index_bytes)),
            format!("{:.2}x", x.index_size),
        ),
        (
            "search p50, ms",
            format!("{:.3}", p.search.p50_ms),
            format!("{:.3}", s.search.p50_ms),
            faster(x.search_p50_speedup),
        ),
        (
            "search p99, ms",
            format!("{:.3}", p.search.p99_ms),
            format!("{:.3}", s.search.p99_ms),
            faster(x.search_p99_speedup),
        ),
        (
            "searches/s, 1 thread",
            format!("{:.0}", p.queries_per_second_1_thread),
            format!("{:.0}", s.queries_per_second_1_thread),
            String::new(),
        ),
        (
            &all_threads,
            format!("{:.0}", p.queries_per_second_all_threads),
            format!("{:.0}", s.queries_per_second_all_threads),
            format!("{:.2}x", x.throughput_all_threads),
        ),
    ];
    for (label, a, b, c) in rows {
        out += format!("{label:<24}{a:>10}{b:>16}   {c}").trim_end();
        out.push('\n');
    }
    out += &format!(
        "\nIndexing: {:.2} s for poisk, {:.2} s for stock, each reading the files itself; poisk also indexed \
         {} quotations, exact word forms and near-duplicate fingerprints.\n\
         Search: top 10 with 2 snippets per hit for poisk, 1 SnippetGenerator fragment for stock; {} queries \
         timed {} times each on one thread after a warm-up; {} found something with poisk, {} with stock; \
         searches/s: every query {} times over, by 1 thread and by {} threads sharing one searcher.\n",
        p.index.seconds,
        s.index.seconds,
        thousands(p.index.quotes),
        p.search.queries,
        p.search.repetitions,
        p.search.answered,
        s.search.answered,
        p.search.repetitions,
        r.threads,
    );
    out
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// `9184` as `9,184`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

fn progress_bar(when: When) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if when == When::Never || (when == When::Auto && bar.is_hidden()) {
        return ProgressBar::hidden();
    }
    bar.set_style(style("{spinner} {elapsed} {msg}"));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9184), "9,184");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
