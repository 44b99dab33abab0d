//! Ranking quality on real relevance judgments: poisk against stock tantivy.
//!
//! ```text
//! cargo run --release -p poisk-examples --example eval -- \
//!     [--corpus PATH] [--qrels PATH] [--sample N --seed 42 | --all] [--out ranked.tsv] [--index DIR]
//! cargo run --release -p poisk-examples --example eval -- --questions [--index DIR]
//! ```
//!
//! The corpus (`../shared/corpus/news.jsonl.gz`) is indexed without titles
//! (the `summary` field is never read), and each editorial lead of
//! `qa-dev/rt_summary_to_article.tsv` is a query whose one relevant answer is
//! its own article. Both engines index the same bodies and answer the same
//! queries in the same run:
//!
//! - poisk through `Searcher::search`, the code path of `poisk search`;
//! - stock tantivy: SimpleTokenizer → RemoveLongFilter(40) → LowerCaser →
//!   Stemmer(Russian), its QueryParser over the body with OR between words,
//!   twice: `tantivy` over the JSONL bodies as they are (what stock tantivy
//!   is given), and `tantivy*` over the bodies as poisk's parser leaves them
//!   (related-article boxes taken out), which tells what poisk's parsing
//!   buys from what its ranking buys.
//!
//! The corpus holds some articles twice under two ids (329 bodies, 726
//! articles), and a judgment names one of the copies. Both engines are
//! scored alike: an article whose body is the same text as the judged
//! one (compared with runs of white space made one space) answers the
//! query as well, so neither engine gains or loses by which copy it puts
//! first. poisk, as `poisk search` does, shows near-duplicates once, the
//! others listed under the hit: a judged article listed there is found
//! at that hit's rank.
//!
//! Reported: MRR@10, Recall@1, Recall@10, the number of queries, how many
//! poisk relaxed and how many it could not parse (those are retried with
//! their words only), and queries per second. `--out` writes the ranked ids
//! of each query (`query_id rank article_id score`), and the baseline's
//! beside it (`….tantivy.tsv`), so that runs can be compared.
//!
//! `--questions` measures the question set instead (`data/questions-dev.tsv`
//! and `data/questions-test.tsv`: questions a reader would type about
//! randomly drawn articles, each with the article that answers it; see
//! `data/draw_question_articles.py`). The corpus is indexed with its
//! titles, as a user's index has them, by both engines (stock tantivy's
//! QueryParser over title and body, OR between words), and each half is
//! reported on its own: ranking was tuned on the dev half only, the test
//! half is only scored.
//!
//! The sample: `--sample 1000 --seed 42` (the default) is Python's
//! `random.Random(42).sample(rows, 1000)` over the data rows, whose query
//! ids are listed in `data/eval-sample-42.txt`; other sizes or seeds are not
//! reproduced, use `--all` for the whole set.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use poisk::index::WriterOptions;
use poisk::snippet::SnippetConfig;
use poisk::{Index, SearchRequest, Searcher};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer};
use tantivy::{TantivyDocument, doc};

/// Where the shared corpus lies, relative to this crate.
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");
/// The committed sample of `random.Random(42).sample(rows, 1000)`.
const SAMPLE_42: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval-sample-42.txt");
/// Cut-off of every metric.
const DEPTH: usize = 10;

struct Options {
    corpus: PathBuf,
    qrels: PathBuf,
    sample: Option<(usize, u64)>,
    out: Option<PathBuf>,
    index: Option<PathBuf>,
    questions: bool,
}

fn options() -> Result<Options> {
    let mut o = Options {
        corpus: Path::new(CORPUS).join("news.jsonl.gz"),
        qrels: Path::new(CORPUS).join("qa-dev/rt_summary_to_article.tsv"),
        sample: Some((1000, 42)),
        out: None,
        index: None,
        questions: false,
    };
    let mut args = std::env::args().skip(1);
    let (mut size, mut seed) = (1000, 42);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--corpus" => o.corpus = value()?.into(),
            "--qrels" => o.qrels = value()?.into(),
            "--sample" => size = value()?.parse().context("--sample N")?,
            "--seed" => seed = value()?.parse().context("--seed N")?,
            "--all" => o.sample = None,
            "--out" => o.out = Some(value()?.into()),
            "--index" => o.index = Some(value()?.into()),
            "--questions" => o.questions = true,
            other => bail!("unknown argument {other}; see the top of examples/eval.rs"),
        }
    }
    if o.sample.is_some() {
        o.sample = Some((size, seed));
    }
    Ok(o)
}

/// One judged query.
struct Judgment {
    id: String,
    query: String,
    article: String,
}

/// Reads the TSV, splitting lines on `\n` only: one lead holds a stray
/// `\r` that belongs to its field.
fn judgments(path: &Path) -> Result<Vec<Judgment>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in text.split('\n').enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(query), Some(article)) = (fields.next(), fields.next(), fields.next()) else {
            bail!("{}:{}: expected query_id, query, article_id", path.display(), n + 1);
        };
        rows.push(Judgment { id: id.into(), query: query.into(), article: article.into() });
    }
    Ok(rows)
}

/// The rows of Python's `random.Random(seed).sample(rows, size)`.
fn sample(rows: Vec<Judgment>, size: usize, seed: u64) -> Result<Vec<Judgment>> {
    if (size, seed) != (1000, 42) {
        bail!("only --sample 1000 --seed 42 is reproduced (data/eval-sample-42.txt); use --all otherwise");
    }
    let ids = std::fs::read_to_string(SAMPLE_42).context("reading data/eval-sample-42.txt")?;
    let wanted: HashSet<&str> = ids.lines().collect();
    let picked: Vec<Judgment> = rows.into_iter().filter(|r| wanted.contains(r.id.as_str())).collect();
    if picked.len() != wanted.len() {
        bail!("the sample names {} queries, the judgments have {} of them", wanted.len(), picked.len());
    }
    Ok(picked)
}

/// The question set's halves, relative to this crate.
const QUESTIONS: [(&str, &str); 2] = [
    ("dev", concat!(env!("CARGO_MANIFEST_DIR"), "/data/questions-dev.tsv")),
    ("test", concat!(env!("CARGO_MANIFEST_DIR"), "/data/questions-test.tsv")),
];

/// The stock tantivy index: body, and the title when indexed with titles.
struct Baseline {
    index: tantivy::Index,
    id: tantivy::schema::Field,
    title: tantivy::schema::Field,
    body: tantivy::schema::Field,
    /// The fields its QueryParser searches.
    searched: Vec<tantivy::schema::Field>,
}

const STOCK_ANALYZER: &str = "stock_ru";

impl Baseline {
    fn new(titles: bool) -> Baseline {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(STOCK_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let title = b.add_text_field("title", TextOptions::default().set_indexing_options(indexing.clone()));
        let body = b.add_text_field("body", TextOptions::default().set_indexing_options(indexing));
        let searched = if titles { vec![title, body] } else { vec![body] };
        let index = tantivy::Index::create_in_ram(b.build());
        let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::Russian))
            .build();
        index.tokenizers().register(STOCK_ANALYZER, analyzer);
        Baseline { index, id, title, body, searched }
    }
}

/// Which articles hold the same text: each id with a hash of its body,
/// runs of white space made one space.
#[derive(Default)]
struct Copies(HashMap<String, u64>);

impl Copies {
    fn add(&mut self, id: &str, body: &str) {
        let mut hasher = DefaultHasher::new();
        for word in body.split_whitespace() {
            word.hash(&mut hasher);
        }
        self.0.insert(id.to_owned(), hasher.finish());
    }

    /// Whether `id` is `wanted` or a copy of it.
    fn answers(&self, id: &str, wanted: &str) -> bool {
        id == wanted || matches!((self.0.get(id), self.0.get(wanted)), (Some(a), Some(b)) if a == b)
    }
}

/// Indexes the corpus into poisk (unless `reuse`) and the baseline, with
/// the bodies as poisk parses them, and their titles when `titles`; tells
/// which articles are copies of each other.
fn build(corpus: &Path, poisk: &Index, reuse: bool, baseline: &Baseline, titles: bool) -> Result<Copies> {
    let started = Instant::now();
    let mut writer = if reuse { None } else { Some(poisk.writer_with(&WriterOptions::default())?) };
    let mut stock = baseline.index.writer(256 << 20)?;
    let mut n = 0;
    let mut copies = Copies::default();
    for article in poisk::input::read_jsonl(corpus)? {
        let mut article = article?;
        copies.add(&article.id, &article.body);
        if !titles {
            article.title = String::new();
        }
        if let Some(w) = writer.as_mut() {
            w.add(&article)?;
        }
        stock.add_document(doc!(
            baseline.id => article.id.as_str(),
            baseline.title => article.title.as_str(),
            baseline.body => article.body.as_str()
        ))?;
        n += 1;
    }
    if let Some(mut w) = writer {
        w.commit()?;
        w.finish()?;
    }
    stock.commit()?;
    stock.wait_merging_threads()?;
    eprintln!("indexed {n} articles in {:.1} s", started.elapsed().as_secs_f64());
    Ok(copies)
}

/// Indexes the JSONL bodies as they are into the baseline, reading the
/// corpus with serde_json rather than poisk.
fn build_raw(corpus: &Path, baseline: &Baseline) -> Result<()> {
    let file = File::open(corpus).with_context(|| format!("opening {}", corpus.display()))?;
    let reader: Box<dyn BufRead> = if corpus.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut stock = baseline.index.writer(256 << 20)?;
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        let record: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{}:{}", corpus.display(), n + 1))?;
        let field = |name: &str| record.get(name).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        stock.add_document(doc!(baseline.id => field("id"), baseline.body => field("body")))?;
    }
    stock.commit()?;
    stock.wait_merging_threads()?;
    Ok(())
}

/// What one engine did with the queries.
#[derive(Default)]
struct Tally {
    queries: usize,
    reciprocal_ranks: f64,
    at_1: usize,
    at_10: usize,
    relaxed: usize,
    unparsed: usize,
    seconds: f64,
}

impl Tally {
    fn count(&mut self, rank: Option<usize>) {
        self.queries += 1;
        if let Some(rank) = rank.filter(|&r| r <= DEPTH) {
            self.reciprocal_ranks += 1.0 / rank as f64;
            self.at_1 += usize::from(rank == 1);
            self.at_10 += 1;
        }
    }

    fn report(&self, name: &str) {
        let n = self.queries.max(1) as f64;
        println!(
            "{name:<8} MRR@10 {:.4}  R@1 {:.4}  R@10 {:.4}  queries {}  relaxed {}  unparsed {}  {:.1} q/s",
            self.reciprocal_ranks / n,
            self.at_1 as f64 / n,
            self.at_10 as f64 / n,
            self.queries,
            self.relaxed,
            self.unparsed,
            self.queries as f64 / self.seconds.max(1e-9),
        );
    }
}

/// One place of a ranking: the article shown, its score, and the articles
/// shown with it as its near-duplicates (poisk only).
struct Place {
    id: String,
    score: f32,
    duplicates: Vec<String>,
}

/// A ranking, best first.
type Ranking = Vec<Place>;

fn poisk_search(searcher: &Searcher, query: &str, tally: &mut Tally) -> Result<Ranking> {
    let request = |q: &str| {
        SearchRequest::new(q)
            .limit(DEPTH)
            .snippets(SnippetConfig { max_fragments: 0, ..Default::default() })
            .quotes_per_hit(0)
    };
    let results = match searcher.search(&request(query)) {
        Ok(results) => results,
        Err(poisk::Error::Query { .. }) => {
            // Leads are prose pasted as is; a stray `"` or `(` is punctuation
            // there, not syntax. Retry with the words only.
            tally.unparsed += 1;
            searcher.search(&request(&poisk_examples::words_only(query)))?
        }
        Err(e) => return Err(e.into()),
    };
    tally.relaxed += usize::from(results.relaxed);
    Ok(results.hits.into_iter().map(|h| Place { id: h.id, score: h.score, duplicates: h.duplicates }).collect())
}

fn stock_search(baseline: &Baseline, searcher: &tantivy::Searcher, query: &str) -> Result<Ranking> {
    let parser = QueryParser::for_index(&baseline.index, baseline.searched.clone());
    let (query, _) = parser.parse_query_lenient(&stock_text(query));
    let top = searcher.search(&query, &TopDocs::with_limit(DEPTH).order_by_score())?;
    let mut ranking = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let id = doc.get_first(baseline.id).and_then(|v| v.as_str()).unwrap_or_default();
        ranking.push(Place { id: id.to_owned(), score, duplicates: Vec::new() });
    }
    Ok(ranking)
}

/// The query with tantivy's syntax characters, a leading `-` and its
/// upper-case keywords removed: its parser then sees words only.
fn stock_text(query: &str) -> String {
    const SYNTAX: &[char] =
        &['+', '^', '`', ':', '{', '}', '"', '\'', '[', ']', '(', ')', '!', '\\', '*', '~', '<', '>', '='];
    let spaced: String = query.chars().map(|c| if SYNTAX.contains(&c) { ' ' } else { c }).collect();
    spaced
        .split_whitespace()
        .map(|w| w.trim_start_matches('-'))
        .filter(|w| !w.is_empty() && !matches!(*w, "OR" | "AND" | "NOT" | "IN" | "TO"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rank of the first place that shows `wanted` or a copy of it, itself
/// or among its near-duplicates.
fn rank_of(ranking: &Ranking, wanted: &str, copies: &Copies) -> Option<usize> {
    let answers = |id: &String| copies.answers(id, wanted);
    ranking.iter().position(|place| answers(&place.id) || place.duplicates.iter().any(answers)).map(|i| i + 1)
}

fn write_rankings(path: &Path, rows: &[(&str, Ranking)]) -> Result<()> {
    let mut out = BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    writeln!(out, "query_id\trank\tarticle_id\tscore")?;
    for (query_id, ranking) in rows {
        for (i, Place { id, score, .. }) in ranking.iter().enumerate() {
            writeln!(out, "{query_id}\t{}\t{id}\t{score:.4}", i + 1)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn main() -> Result<()> {
    let o = options()?;
    if !o.corpus.exists() {
        bail!("no corpus at {}: see shared/corpus/README.md", o.corpus.display());
    }
    let mut rows = judgments(&o.qrels)?;
    if let Some((size, seed)) = o.sample {
        rows = sample(rows, size, seed)?;
    }
    let (index, reuse) = match &o.index {
        Some(dir) if dir.join("meta.json").exists() => (Index::open(dir)?, true),
        Some(dir) => (Index::create(dir)?, false),
        None => (Index::in_memory()?, false),
    };
    if o.questions {
        return questions(&o, &index, reuse);
    }
    let (raw, parsed) = (Baseline::new(false), Baseline::new(false));
    let copies = build(&o.corpus, &index, reuse, &parsed, false)?;
    build_raw(&o.corpus, &raw)?;
    let searcher = index.searcher()?;
    searcher.reload()?;

    let mut mine = Tally::default();
    let mut my_rankings = Vec::new();
    let started = Instant::now();
    for row in &rows {
        let ranking = poisk_search(&searcher, &row.query, &mut mine)?;
        mine.count(rank_of(&ranking, &row.article, &copies));
        my_rankings.push((row.id.as_str(), ranking));
    }
    mine.seconds = started.elapsed().as_secs_f64();
    let (stock, stock_rankings) = run_stock(&raw, &rows, &copies)?;
    let (stock_parsed, _) = run_stock(&parsed, &rows, &copies)?;

    mine.report("poisk");
    stock.report("tantivy");
    stock_parsed.report("tantivy*");
    if let Some(out) = &o.out {
        write_rankings(out, &my_rankings)?;
        write_rankings(&out.with_extension("tantivy.tsv"), &stock_rankings)?;
    }
    Ok(())
}

/// The question set: both halves, poisk and stock tantivy over titles and
/// bodies.
fn questions(o: &Options, index: &Index, reuse: bool) -> Result<()> {
    let stock = Baseline::new(true);
    let copies = build(&o.corpus, index, reuse, &stock, true)?;
    let searcher = index.searcher()?;
    searcher.reload()?;
    for (half, path) in QUESTIONS {
        let rows = judgments(Path::new(path))?;
        let mut mine = Tally::default();
        let started = Instant::now();
        for row in &rows {
            let ranking = poisk_search(&searcher, &row.query, &mut mine)?;
            mine.count(rank_of(&ranking, &row.article, &copies));
        }
        mine.seconds = started.elapsed().as_secs_f64();
        let (theirs, _) = run_stock(&stock, &rows, &copies)?;
        println!("questions-{half}");
        mine.report("poisk");
        theirs.report("tantivy");
    }
    Ok(())
}

/// Runs every query through one baseline.
fn run_stock<'a>(
    baseline: &Baseline,
    rows: &'a [Judgment],
    copies: &Copies,
) -> Result<(Tally, Vec<(&'a str, Ranking)>)> {
    let reader = baseline.index.reader()?;
    let searcher = reader.searcher();
    let mut tally = Tally::default();
    let mut rankings = Vec::with_capacity(rows.len());
    let started = Instant::now();
    for row in rows {
        let ranking = stock_search(baseline, &searcher, &row.query)?;
        tally.count(rank_of(&ranking, &row.article, copies));
        rankings.push((row.id.as_str(), ranking));
    }
    tally.seconds = started.elapsed().as_secs_f64();
    Ok((tally, rankings))
}
