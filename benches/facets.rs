//! Facets: a search for a common word of the whole corpus counting its
//! matches by source, speaker, year and month, against the same search
//! without counts, and against stock tantivy's aggregations (`terms` on
//! the same `source` and `speakers` columns, a daily `date_histogram`)
//! over the same index and the word's term, in the same run.
//!
//! `cargo bench -p poisk-benches --bench facets` (the whole corpus, or
//! `$POISK_BENCH_ARTICLES` articles). Criterion group `facets`:
//!
//! - `poisk/hits`: top 10 with 2 snippets per hit, no counts;
//! - `poisk/hits+facets`: the same with the four facets;
//! - `poisk/facets`: no hits (limit 0), the four facets: matching and
//!   counting alone;
//! - `stock/aggregations`: tantivy's `AggregationCollector` on the word's
//!   term in `body`, articles only.

use std::error::Error;

use criterion::Criterion;
use poisk::search::{Facet, SearchRequest};
use poisk::{Index, Searcher};
use poisk_benches::measure::dir_size;
use poisk_benches::{article_limit, load_corpus, poisk_index};
use tantivy as tv;
use tv::aggregation::agg_req::Aggregations;
use tv::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tv::query::{BooleanQuery, Occur, Query, TermQuery};
use tv::schema::IndexRecordOption;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// A word of most articles' vocabulary: `России`.
const WORD: &str = "России";

fn main() {
    if let Err(err) = run() {
        eprintln!("facets benchmark failed: {err}");
        std::process::exit(1);
    }
}

fn with_facets(request: SearchRequest) -> SearchRequest {
    Facet::ALL.into_iter().fold(request, SearchRequest::facet)
}

/// Stock tantivy over poisk's index: the word's term, articles only, and
/// the aggregations that give what poisk's facets give.
struct Stock {
    reader: tv::IndexReader,
    query: BooleanQuery,
    aggregations: Aggregations,
}

impl Stock {
    fn open(dir: &std::path::Path) -> Result<Stock> {
        let index = tv::Index::open_in_dir(dir)?;
        let schema = index.schema();
        let stem = poisk::analysis::stem(WORD);
        let term = |field: &str, text: &str| -> Result<TermQuery> {
            Ok(TermQuery::new(tv::Term::from_field_text(schema.get_field(field)?, text), IndexRecordOption::Basic))
        };
        let clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(term("body", &stem)?)), (Occur::Must, Box::new(term("kind", "article")?))];
        let aggregations: Aggregations = serde_json::from_value(serde_json::json!({
            "source": {"terms": {"field": "source", "size": 10}},
            "speaker": {"terms": {"field": "speakers", "size": 10}},
            "day": {"date_histogram": {"field": "date", "fixed_interval": "1d"}},
        }))?;
        Ok(Stock { reader: index.reader()?, query: BooleanQuery::new(clauses), aggregations })
    }

    /// The aggregations' result, as JSON, and the number of matches.
    fn run(&self) -> Result<(serde_json::Value, usize)> {
        let collector = AggregationCollector::from_aggs(
            self.aggregations.clone(),
            AggContextParams::new(AggregationLimitsGuard::default(), Default::default()),
        );
        let (results, count) = self.reader.searcher().search(&self.query, &(collector, tv::collector::Count))?;
        Ok((serde_json::to_value(results)?, count))
    }
}

fn run() -> Result<()> {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let corpus = load_corpus(if benchmarking { article_limit() } else { Some(50) })?;
    let dir = tempfile::tempdir()?;
    poisk_index(dir.path(), &corpus.articles)?;
    let searcher: Searcher = Index::open(dir.path())?.searcher()?;
    let stock = Stock::open(dir.path())?;
    let hits = SearchRequest::new(WORD).limit(10);
    let counted = searcher.search(&with_facets(hits.clone()))?;
    let (aggregated, stock_matches) = stock.run()?;
    println!(
        "facets: {} articles of {} ({:.1} MB index); «{WORD}» matches {} articles (stock term query: {stock_matches})",
        corpus.articles.len(),
        corpus.origin,
        dir_size(dir.path()) as f64 / 1e6,
        counted.total,
    );
    for facet in &counted.facets {
        let top: Vec<String> = facet.values.iter().take(3).map(|v| format!("{} {}", v.value, v.count)).collect();
        println!(
            "  {}: {} values listed, {} missing; {}",
            facet.facet.name(),
            facet.values.len(),
            facet.missing,
            top.join(", ")
        );
    }
    let stock_sources = aggregated["source"]["buckets"].as_array().map_or(0, Vec::len);
    println!("  stock: {stock_sources} source buckets");

    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("facets");
    group.sample_size(30);
    group.bench_function("poisk/hits", |b| b.iter(|| searcher.search(&hits).expect("search")));
    let both = with_facets(hits.clone());
    group.bench_function("poisk/hits+facets", |b| b.iter(|| searcher.search(&both).expect("search")));
    let alone = with_facets(SearchRequest::new(WORD).limit(0));
    group.bench_function("poisk/facets", |b| b.iter(|| searcher.search(&alone).expect("search")));
    group.bench_function("stock/aggregations", |b| b.iter(|| stock.run().expect("aggregations")));
    group.finish();
    criterion.final_summary();
    Ok(())
}
