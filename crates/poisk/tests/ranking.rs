//! A floor under ranking quality, on queries no ranking choice was made
//! from: 200 editorial leads of the relevance set's held-out half
//! (`tests/data/ranking-holdout.txt`, drawn by `draw_ranking_holdout.py`
//! from the leads outside the tuning sample `examples/data/eval-sample-42.txt`),
//! each of which should bring back its own article.
//!
//! The index holds the 200 articles asked for and every 4th article of the
//! corpus besides (about 2,500), without titles, as `examples/eval.rs`
//! indexes the whole corpus; the searches go through `Searcher::search`, the
//! code path of `poisk search`. The figure and the choice of the margin are
//! in QUALITY.md ("Ranking").
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use poisk::snippet::SnippetConfig;
use poisk::{Index, SearchRequest, Searcher};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
const HOLDOUT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ranking-holdout.txt");

/// MRR@10 measured on the held-out queries (QUALITY.md, "Ranking") less
/// the noise margin chosen there.
const MIN_MRR_AT_10: f64 = 0.93;
/// Recall@10 measured, less the same margin.
const MIN_RECALL_AT_10: f64 = 0.97;

/// `query_id -> (lead, article_id)` of the held-out queries.
fn queries() -> Vec<(String, String, String)> {
    let wanted: HashSet<String> =
        std::fs::read_to_string(HOLDOUT).unwrap().lines().filter(|l| !l.starts_with('#')).map(str::to_owned).collect();
    let qrels = std::fs::read_to_string(Path::new(CORPUS).join("qa-dev/rt_summary_to_article.tsv")).unwrap();
    // Lines split on `\n` only: one lead holds a stray `\r`.
    let rows: Vec<(String, String, String)> = qrels
        .split('\n')
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            Some((fields.next()?.to_owned(), fields.next()?.to_owned(), fields.next()?.to_owned()))
        })
        .filter(|(id, _, _)| wanted.contains(id))
        .collect();
    assert_eq!(rows.len(), wanted.len(), "every held-out query id is in the relevance set");
    rows
}

fn searcher(targets: &HashSet<&str>) -> Searcher {
    let index = Index::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    let articles = poisk::input::read_jsonl(&Path::new(CORPUS).join("news.jsonl.gz")).unwrap();
    for (i, article) in articles.enumerate() {
        let mut article = article.unwrap();
        if i % 4 == 0 || targets.contains(article.id.as_str()) {
            article.title = String::new();
            writer.add(&article).unwrap();
        }
    }
    writer.commit().unwrap();
    index.searcher().unwrap()
}

/// The query with the characters poisk's query language reads as syntax
/// (quotes, parentheses, a leading `-` or `+`, upper-case operators) made
/// plain: a pasted lead is prose. As `examples/eval.rs` retries.
fn words_only(query: &str) -> String {
    let spaced: String = query.chars().map(|c| if matches!(c, '"' | '(' | ')') { ' ' } else { c }).collect();
    spaced
        .split_whitespace()
        .map(|w| w.trim_start_matches(['-', '+']))
        .filter(|w| !matches!(*w, "OR" | "AND" | "NOT"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn rank(searcher: &Searcher, query: &str, wanted: &str) -> Option<usize> {
    let request = |q: &str| {
        SearchRequest::new(q)
            .limit(10)
            .snippets(SnippetConfig { max_fragments: 0, ..Default::default() })
            .quotes_per_hit(0)
    };
    let results = match searcher.search(&request(query)) {
        Ok(results) => results,
        Err(poisk::Error::Query { .. }) => searcher.search(&request(&words_only(query))).unwrap(),
        Err(e) => panic!("{query}: {e}"),
    };
    results.hits.iter().position(|hit| hit.id == wanted).map(|i| i + 1)
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn held_out_leads_find_their_articles() {
    let queries = queries();
    let targets: HashSet<&str> = queries.iter().map(|(_, _, article)| article.as_str()).collect();
    let searcher = searcher(&targets);
    let ranks: HashMap<&str, Option<usize>> =
        queries.iter().map(|(id, lead, article)| (id.as_str(), rank(&searcher, lead, article))).collect();
    let n = ranks.len() as f64;
    let mrr = ranks.values().flatten().map(|&r| 1.0 / r as f64).sum::<f64>() / n;
    let recall = ranks.values().flatten().count() as f64 / n;
    let at_1 = ranks.values().filter(|r| **r == Some(1)).count() as f64 / n;
    println!("held-out leads: {n} queries, MRR@10 {mrr:.4}, R@1 {at_1:.4}, R@10 {recall:.4}");
    let mut missed: Vec<&str> = ranks.iter().filter(|(_, r)| r.is_none()).map(|(id, _)| *id).collect();
    missed.sort_unstable();
    assert!(mrr >= MIN_MRR_AT_10, "MRR@10 {mrr:.4} below the floor {MIN_MRR_AT_10}; not in the top 10: {missed:?}");
    assert!(recall >= MIN_RECALL_AT_10, "R@10 {recall:.4} below the floor {MIN_RECALL_AT_10}; missed: {missed:?}");
}
