//! Growth: the corpus replicated ×1, ×4 and ×16 (each copy of an article
//! under an id of its own), each indexed and searched by `poisk bench`
//! (poisk and stock tantivy in the same run); prints the table and draws
//! `docs/benchmarks/growth.svg`.
//!
//! ```sh
//! cargo build --release -p poisk-cli
//! cargo bench -p poisk-benches --bench growth
//! ```
//!
//! `POISK_GROWTH=1,2,4` chooses the factors; `POISK_CORPUS` the JSONL
//! file (gzip-compressed or not) to replicate; `POISK_BENCH_REPS` how
//! many times each query is timed (default 3). The replicated files
//! (`news-xN.jsonl`) are written to a temporary directory and deleted
//! afterwards, or with `POISK_GROWTH_KEEP=DIR` written to DIR and kept, to
//! time other commands on the same input. It needs the release `poisk`
//! binary beside this benchmark's executable.

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use plotters::prelude::*;
use poisk_benches::corpus_path;
use poisk_benches::measure::load_average;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const FACTORS_ENV: &str = "POISK_GROWTH";
const REPS_ENV: &str = "POISK_BENCH_REPS";
const KEEP_ENV: &str = "POISK_GROWTH_KEEP";

fn main() {
    if let Err(err) = run() {
        eprintln!("growth benchmark failed: {err}");
        std::process::exit(1);
    }
}

/// One factor's figures for one engine.
#[derive(Debug, Clone, Copy)]
struct Point {
    factor: u32,
    seconds: f64,
    text_mb: f64,
    rss_mb: f64,
    index_mb: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn run() -> Result<()> {
    // `cargo test --benches` builds and runs every bench without --bench:
    // then there is nothing to do.
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    let factors: Vec<u32> = match std::env::var(FACTORS_ENV) {
        Ok(list) => list.split(',').map(|f| f.trim().parse()).collect::<std::result::Result<_, _>>()?,
        Err(_) => vec![1, 4, 16],
    };
    let reps = std::env::var(REPS_ENV).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(3u32);
    let poisk = poisk_binary()?;
    let corpus = corpus_path();
    if !corpus.exists() {
        return Err(format!("the corpus {} is absent (set POISK_CORPUS)", corpus.display()).into());
    }
    let temp = tempfile::tempdir()?;
    let keep = std::env::var_os(KEEP_ENV).map(PathBuf::from);
    let dir = match &keep {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            dir.as_path()
        }
        None => temp.path(),
    };
    println!("growth: {} replicated {factors:?} times; load {}", corpus.display(), load_average());
    let mut points: [Vec<Point>; 2] = [Vec::new(), Vec::new()];
    for &factor in &factors {
        let file = dir.join(format!("news-x{factor}.jsonl"));
        replicate(&corpus, factor, &file)?;
        let output = Command::new(&poisk)
            .args(["bench", "--format", "json", "--progress", "never", "--repeat", &reps.to_string()])
            .arg(&file)
            .output()?;
        if !output.status.success() {
            return Err(format!("poisk bench x{factor}: {}", String::from_utf8_lossy(&output.stderr)).into());
        }
        if keep.is_none() {
            std::fs::remove_file(&file)?;
        }
        let report: serde_json::Value = serde_json::from_slice(&output.stdout)?;
        let text_mb = report["input"]["text_bytes"].as_f64().unwrap_or(0.0) / 1e6;
        for (slot, engine) in points.iter_mut().zip(["poisk", "stock"]) {
            let e = &report[engine];
            let number = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
            slot.push(Point {
                factor,
                seconds: number(&e["index"]["seconds"]),
                text_mb,
                rss_mb: number(&e["index"]["peak_rss_kb"]) / 1024.0,
                index_mb: number(&e["index"]["index_bytes"]) / 1e6,
                p50_ms: number(&e["search"]["p50_ms"]),
                p99_ms: number(&e["search"]["p99_ms"]),
            });
        }
        println!("  x{factor}: done; load {}", load_average());
    }
    print_table(&points);
    let svg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/benchmarks/growth.svg");
    std::fs::create_dir_all(svg.parent().unwrap_or(Path::new(".")))?;
    draw(&points, &svg)?;
    println!("figure: {}", svg.display());
    Ok(())
}

/// `target/release/poisk`, beside this executable's `deps/`.
fn poisk_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let release = exe.parent().and_then(Path::parent).ok_or("no directory above this executable")?;
    let poisk = release.join("poisk");
    if !poisk.is_file() {
        return Err(format!("{} is missing: run `cargo build --release -p poisk-cli` first", poisk.display()).into());
    }
    Ok(poisk)
}

/// Writes `factor` copies of every line of `corpus` to `out`, copy `c`
/// of an article under the id `ID~c` (the first copy keeps its id).
fn replicate(corpus: &Path, factor: u32, out: &Path) -> Result<()> {
    let raw = File::open(corpus)?;
    let gzipped = corpus.extension().is_some_and(|e| e == "gz");
    let reader: Box<dyn Read> = if gzipped { Box::new(flate2::read::MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    let lines: Vec<String> = BufReader::new(reader).lines().collect::<std::io::Result<_>>()?;
    let mut writer = BufWriter::new(File::create(out)?);
    for copy in 0..factor {
        for line in &lines {
            let mut article: serde_json::Value = match serde_json::from_str(line) {
                Ok(article) => article,
                Err(_) => continue,
            };
            if copy > 0 {
                let id = article["id"].as_str().unwrap_or_default().to_owned();
                article["id"] = serde_json::Value::String(format!("{id}~{copy}"));
            }
            serde_json::to_writer(&mut writer, &article)?;
            writer.write_all(b"\n")?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn print_table(points: &[Vec<Point>; 2]) {
    println!(
        "\n| engine | factor | text MB | indexing s | s per MB (vs x1) | peak RSS MB | index MB (vs x1 times the factor) | search p50 ms | p99 ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (engine, series) in ["poisk", "stock tantivy"].iter().zip(points) {
        let Some(first) = series.first() else { continue };
        for p in series {
            println!(
                "| {engine} | x{} | {:.1} | {:.2} | {:.4} ({:.2}) | {:.1} | {:.1} ({:.2}) | {:.3} | {:.3} |",
                p.factor,
                p.text_mb,
                p.seconds,
                p.seconds / p.text_mb,
                (p.seconds / p.text_mb) / (first.seconds / first.text_mb),
                p.rss_mb,
                p.index_mb,
                p.index_mb / (first.index_mb * f64::from(p.factor) / f64::from(first.factor.max(1))),
                p.p50_ms,
                p.p99_ms,
            );
        }
    }
}

/// Four panels against the factor: indexing seconds per MB, peak RSS,
/// index size, search p50 and p99; poisk in blue, stock in grey.
fn draw(points: &[Vec<Point>; 2], path: &Path) -> Result<()> {
    let root = SVGBackend::new(path, (1000, 700)).into_drawing_area();
    root.fill(&WHITE)?;
    let panels = root.split_evenly((2, 2));
    let max_factor = points.iter().flatten().map(|p| p.factor).max().unwrap_or(1) as f64;
    type Measure = fn(&Point) -> f64;
    let charts: [(&str, Vec<(&str, Measure)>); 4] = [
        ("indexing, seconds per MB of text", vec![("", |p| p.seconds / p.text_mb)]),
        ("peak RSS while indexing, MB", vec![("", |p| p.rss_mb)]),
        ("index size on disk, MB", vec![("", |p| p.index_mb)]),
        ("search latency, ms (p50 solid, p99 dashed)", vec![("p50", |p| p.p50_ms), ("p99", |p| p.p99_ms)]),
    ];
    let colours = [RGBColor(31, 119, 180), RGBColor(120, 120, 120)];
    for (panel, (title, measures)) in panels.iter().zip(charts) {
        let top = points.iter().flatten().flat_map(|p| measures.iter().map(move |(_, m)| m(p))).fold(0.0, f64::max);
        let mut chart = ChartBuilder::on(panel)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(0.0..max_factor * 1.05, 0.0..top * 1.15)?;
        chart.configure_mesh().x_desc("corpus copies").draw()?;
        for ((engine, series), colour) in ["poisk", "stock tantivy"].iter().zip(points).zip(colours) {
            for (name, measure) in &measures {
                let line: Vec<(f64, f64)> = series.iter().map(|p| (f64::from(p.factor), measure(p))).collect();
                let style = ShapeStyle::from(colour).stroke_width(2);
                let label = if name.is_empty() { (*engine).to_string() } else { format!("{engine} {name}") };
                if *name == "p99" {
                    chart
                        .draw_series(DashedLineSeries::new(line.clone(), 6, 4, style))?
                        .label(label)
                        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
                } else {
                    chart
                        .draw_series(LineSeries::new(line.clone(), style))?
                        .label(label)
                        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], style));
                }
                chart.draw_series(line.iter().map(|&(x, y)| Circle::new((x, y), 3, colour.filled())))?;
            }
        }
        chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    }
    root.present()?;
    Ok(())
}
