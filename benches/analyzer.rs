//! The analyzer: poisk's Russian pipeline against tantivy's stock one, on
//! the same real text.
//!
//! `cargo bench -p poisk-benches --bench analyzer` tokenises the bodies of
//! the first `$POISK_BENCH_ARTICLES` articles of the corpus (default 2,000)
//! with each pipeline:
//!
//! - `poisk_ru`: [`poisk::tantivy::russian_analyzer`], UAX #29 words → 40-char limit →
//!   lowercase → ё→е → Snowball with a stem cache;
//! - `stock`: `SimpleTokenizer` → `RemoveLongFilter(40)` → `LowerCaser` →
//!   `Stemmer(Russian)`.
//!
//! Each iteration runs on a new thread with a fresh analyzer, so poisk's
//! stem cache (one per thread) starts cold, and counts the tokens, which
//! are checked against a first pass so that no pipeline can skip work.
//! Throughput is in bytes of body text.

use criterion::{Criterion, Throughput};
use poisk_benches::{article_limit, load_corpus, stock};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// A named way to build an analyzer.
type Pipeline = (&'static str, fn() -> TextAnalyzer);

/// Bodies tokenised when `$POISK_BENCH_ARTICLES` is not set.
const DEFAULT_ARTICLES: usize = 2000;

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let limit = if benchmarking { article_limit().unwrap_or(DEFAULT_ARTICLES) } else { 20 };
    let corpus = match load_corpus(Some(limit)) {
        Ok(corpus) => corpus,
        Err(err) => {
            eprintln!("analyzer benchmark failed: {err}");
            std::process::exit(1);
        }
    };
    let bodies: Vec<&str> = corpus.articles.iter().map(|a| a.body.as_str()).collect();
    let bytes: u64 = bodies.iter().map(|b| b.len() as u64).sum();
    let pipelines: [Pipeline; 2] = [("poisk_ru", poisk::tantivy::russian_analyzer), ("stock", stock::analyzer)];
    for (name, make) in pipelines {
        eprintln!(
            "{name}: {} tokens in {} bodies, {bytes} bytes ({})",
            count(make, &bodies),
            bodies.len(),
            corpus.origin
        );
    }

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    for (name, make) in pipelines {
        let expected = count(make, &bodies);
        group.bench_function(name, |b| {
            b.iter(|| {
                let tokens = count(make, &bodies);
                assert_eq!(tokens, expected, "{name} gave a different token count");
                tokens
            });
        });
    }
    group.finish();
    criterion.final_summary();
}

/// Tokens of all `bodies` through a fresh analyzer from `make`, on a new
/// thread: poisk's stem cache is per thread, and must start cold.
fn count(make: fn() -> TextAnalyzer, bodies: &[&str]) -> usize {
    std::thread::scope(|scope| scope.spawn(|| count_here(make, bodies)).join()).unwrap_or(0)
}

fn count_here(make: fn() -> TextAnalyzer, bodies: &[&str]) -> usize {
    let mut analyzer = make();
    let mut tokens = 0;
    for body in bodies {
        let mut stream = analyzer.token_stream(body);
        while stream.advance() {
            tokens += 1;
        }
    }
    tokens
}
