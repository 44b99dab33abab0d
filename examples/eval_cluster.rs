//! Ranking quality of a Sphinx cluster beside the local index, on the
//! relevance set of `eval.rs`, in the same run.
//!
//! ```text
//! cargo run --release -p poisk-examples --example eval_cluster -- \
//!     --shards HOST:PORT,HOST:PORT --aggregator HOST:PORT [--all]
//! ```
//!
//! As `eval.rs`: the corpus is indexed without titles, each editorial lead
//! of `qa-dev/rt_summary_to_article.tsv` is a query whose one relevant
//! answer is its own article, and the sample is the committed one of 1,000
//! queries (`data/eval-sample-42.txt`) unless `--all`. The cluster's
//! shards are emptied and filled with the same articles; both engines
//! answer through `poisk::search::Backend`, the code path of `poisk search`
//! and `poisk search --engine`. Reported: MRR@10, Recall@1, Recall@10 and
//! queries per second of each, and the average overlap of their top 10.
//! The cluster's ranking was not tuned on these queries.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use poisk::search::Backend;
use poisk::snippet::SnippetConfig;
use poisk::{Index, SearchRequest};
use poisk_sphinx::{Cluster, ClusterWriter, parse_url};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");
const SAMPLE_42: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval-sample-42.txt");
const DEPTH: usize = 10;

struct Judgment {
    query: String,
    article: String,
}

/// The judged queries (split on `\n` only, as `eval.rs` does), the sample
/// of `data/eval-sample-42.txt` unless `all`.
fn judgments(all: bool) -> Result<Vec<Judgment>> {
    let path = Path::new(CORPUS).join("qa-dev/rt_summary_to_article.tsv");
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let sample = std::fs::read_to_string(SAMPLE_42).context("reading data/eval-sample-42.txt")?;
    let wanted: HashSet<&str> = sample.lines().collect();
    let mut rows = Vec::new();
    for line in text.split('\n').skip(1).filter(|l| !l.is_empty()) {
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(query), Some(article)) = (fields.next(), fields.next(), fields.next()) else {
            bail!("{}: a line without query_id, query, article_id", path.display());
        };
        if all || wanted.contains(id) {
            rows.push(Judgment { query: query.into(), article: article.into() });
        }
    }
    Ok(rows)
}

/// MRR@10, R@1, R@10 and the rankings of one engine.
struct Tally {
    rr: f64,
    at_1: usize,
    at_10: usize,
    seconds: f64,
    rankings: Vec<Vec<String>>,
}

fn run(backend: &dyn Backend, rows: &[Judgment]) -> Result<Tally> {
    let mut tally = Tally { rr: 0.0, at_1: 0, at_10: 0, seconds: 0.0, rankings: Vec::new() };
    let started = Instant::now();
    for row in rows {
        let request = |q: &str| {
            SearchRequest::new(q)
                .limit(DEPTH)
                .snippets(SnippetConfig { max_fragments: 0, ..Default::default() })
                .quotes_per_hit(0)
        };
        let results = match backend.search(&request(&row.query)) {
            Err(poisk::Error::Query { .. }) => backend.search(&request(&poisk_examples::words_only(&row.query)))?,
            other => other?,
        };
        let ranking: Vec<String> = results.hits.into_iter().map(|h| h.id).collect();
        if let Some(rank) = ranking.iter().position(|id| *id == row.article).map(|i| i + 1) {
            tally.rr += 1.0 / rank as f64;
            tally.at_1 += usize::from(rank == 1);
            tally.at_10 += 1;
        }
        tally.rankings.push(ranking);
    }
    tally.seconds = started.elapsed().as_secs_f64();
    Ok(tally)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut shards, mut aggregator, mut all) = (None, None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--shards" => shards = args.next(),
            "--aggregator" => aggregator = args.next(),
            "--all" => all = true,
            other => bail!("unknown argument {other}; see the top of examples/eval_cluster.rs"),
        }
    }
    let (Some(shards), Some(aggregator)) = (shards, aggregator) else {
        bail!("--shards HOST:PORT,HOST:PORT and --aggregator HOST:PORT are needed");
    };
    let shards = parse_url(&format!("sphinxql://{shards}")).map_err(anyhow::Error::msg)?;
    let aggregator = parse_url(&format!("sphinxql://{aggregator}")).map_err(anyhow::Error::msg)?;
    let rows = judgments(all)?;

    let index = Index::in_memory()?;
    let mut local = index.writer()?;
    let mut cluster = ClusterWriter::connect(&shards)?;
    cluster.clear()?;
    let started = Instant::now();
    let mut n = 0;
    for article in poisk::input::read_jsonl(&Path::new(CORPUS).join("news.jsonl.gz"))? {
        let mut article = article?;
        article.title = String::new();
        local.add(&article)?;
        cluster.add(&article, None)?;
        n += 1;
    }
    local.commit()?;
    local.finish()?;
    cluster.finish()?;
    eprintln!("indexed {n} articles both ways in {:.1} s", started.elapsed().as_secs_f64());
    let searcher = index.searcher()?;
    searcher.reload()?;
    let cluster = Cluster::connect(&aggregator[0])?;

    let local = run(&searcher, &rows)?;
    let remote = run(&cluster, &rows)?;
    let q = rows.len().max(1) as f64;
    for (name, t) in [("local", &local), ("cluster", &remote)] {
        println!(
            "{name:<8} MRR@10 {:.4}  R@1 {:.4}  R@10 {:.4}  queries {}  {:.1} q/s",
            t.rr / q,
            t.at_1 as f64 / q,
            t.at_10 as f64 / q,
            rows.len(),
            rows.len() as f64 / t.seconds.max(1e-9)
        );
    }
    let overlap: f64 = local
        .rankings
        .iter()
        .zip(&remote.rankings)
        .map(|(l, c)| {
            let l: HashSet<&String> = l.iter().collect();
            if l.is_empty() { 1.0 } else { c.iter().filter(|id| l.contains(id)).count() as f64 / l.len() as f64 }
        })
        .sum::<f64>()
        / q;
    println!("top-10 overlap of the cluster with the local index: {overlap:.3}");
    Ok(())
}
