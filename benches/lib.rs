//! Shared helpers of the benchmarks in this folder (`cargo bench`): the
//! corpus and the queries, stock tantivy as the baseline, and the
//! measurements that criterion does not make (percentiles, peak memory,
//! index size).
//!
//! Both engines index the same parsed articles with the same threads and
//! memory budget, so that the figures of one run can be compared.
#![deny(missing_docs)]

pub use poisk_bench::{measure, stock};

use std::path::{Path, PathBuf};

use poisk::index::WriterOptions;
use poisk::{Article, Index, SearchRequest, Searcher};

/// Environment variable naming the JSONL corpus.
pub const CORPUS_ENV: &str = "POISK_CORPUS";
/// Environment variable that cuts the corpus to its first N articles.
pub const ARTICLES_ENV: &str = "POISK_BENCH_ARTICLES";
/// Indexing threads of both engines.
pub const THREADS: usize = 2;
/// Memory budget of both engines' writers, in megabytes.
pub const MEMORY_MB: usize = 400;
/// How many copies of the seed article make the fallback corpus.
const SEED_COPIES: usize = 200;

/// The corpus file: `$POISK_CORPUS`, else `<repo>/../shared/corpus/news.jsonl.gz`.
pub fn corpus_path() -> PathBuf {
    match std::env::var_os(CORPUS_ENV) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/news.jsonl.gz"),
    }
}

/// `$POISK_BENCH_ARTICLES` when set to a number.
pub fn article_limit() -> Option<usize> {
    std::env::var(ARTICLES_ENV).ok()?.trim().parse().ok()
}

/// Parsed articles, and where they came from (for the report).
pub struct Corpus {
    /// The articles, in file order.
    pub articles: Vec<Article>,
    /// The file read, or a note that the seed fallback is used.
    pub origin: String,
}

impl Corpus {
    /// Title plus body bytes of every article: the indexing throughput unit.
    pub fn text_bytes(&self) -> u64 {
        self.articles.iter().map(|a| (a.title.len() + a.body.len()) as u64).sum()
    }
}

/// Loads at most `limit` articles of the corpus; when the corpus file is
/// absent, says so and falls back to copies of the seed article so that the
/// benchmarks still run (their figures then mean little).
///
/// # Errors
/// When the corpus exists but cannot be read.
pub fn load_corpus(limit: Option<usize>) -> poisk::Result<Corpus> {
    let path = corpus_path();
    if !path.exists() {
        eprintln!(
            "corpus {} is absent (set {CORPUS_ENV}); benchmarking {SEED_COPIES} copies of the seed article instead",
            path.display()
        );
        return seed_corpus(limit);
    }
    let mut articles = Vec::new();
    let mut bad = 0usize;
    for article in poisk::input::read_jsonl(&path)?.take(limit.unwrap_or(usize::MAX)) {
        match article {
            Ok(article) => articles.push(article),
            Err(_) => bad += 1,
        }
    }
    if bad > 0 {
        eprintln!("{bad} lines of {} could not be parsed and are left out", path.display());
    }
    Ok(Corpus { articles, origin: path.display().to_string() })
}

fn seed_corpus(limit: Option<usize>) -> poisk::Result<Corpus> {
    let seeds = poisk::builtin::articles()?;
    let copies = limit.unwrap_or(SEED_COPIES).min(SEED_COPIES);
    let articles = (0..copies)
        .flat_map(|n| seeds.iter().map(move |seed| Article { id: format!("{}-{n}", seed.id), ..seed.clone() }))
        .collect();
    Ok(Corpus { articles, origin: format!("{copies} copies of the seed article") })
}

/// The benchmark queries (`benches/queries.txt`, one per line).
pub fn queries() -> Vec<String> {
    poisk_bench::queries()
}

/// Indexes `articles` with poisk (quotes included) into a new index in
/// `dir`, with [`THREADS`] threads and [`MEMORY_MB`]; returns the number of
/// quotes indexed.
///
/// # Errors
/// When the index cannot be written.
pub fn poisk_index(dir: &Path, articles: &[Article]) -> poisk::Result<usize> {
    let index = Index::create(dir)?;
    let mut writer = index.writer_with(&WriterOptions { threads: Some(THREADS), memory_mb: MEMORY_MB })?;
    let mut quotes = 0;
    // A new index of distinct ids, as `poisk index` fills one: without a
    // deletion by id before each article, which stock does not make
    // either (`Writer::add` makes one, and tantivy applies each to every
    // segment it writes).
    for article in articles {
        quotes += writer.add_new_from(article, None)?;
    }
    writer.commit()?;
    writer.finish()?;
    Ok(quotes)
}

/// One poisk search of the benchmark: top 10 with the default 2 snippets
/// per hit; returns the number of hits and of snippets.
///
/// # Errors
/// When the query is malformed or the index cannot be read.
pub fn poisk_search(searcher: &Searcher, query: &str) -> poisk::Result<(usize, usize)> {
    let results = searcher.search(&SearchRequest::new(query).limit(10))?;
    let snippets = results.hits.iter().map(|h| h.snippets.len()).sum();
    Ok((results.hits.len(), snippets))
}
