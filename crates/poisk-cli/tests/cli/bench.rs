//! `poisk bench`.

use crate::util::{Dir, SEED, copy_corpus_sample};

#[test]
fn measures_both_engines_on_the_same_files_and_keeps_the_indexes_when_asked() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let other = serde_json::json!({"id": "o", "date": "2025-09-04", "title": "Погода", "body": "В Пекине дожди."});
    dir.write("news/more.jsonl", format!("{other}\n"));
    dir.write("queries.txt", "# two queries\nПекине\n\nпереговоры\n");
    let run = dir.poisk(&[
        "bench",
        "--format",
        "json",
        "--repeat",
        "3",
        "--runs",
        "2",
        "--queries",
        "queries.txt",
        "--keep",
        "kept",
        "news",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["input"]["articles"], 2, "{json}");
    assert_eq!(json["runs"], 2);
    let (poisk, stock) = (&json["poisk"], &json["stock"]);
    assert_eq!(poisk["index"]["articles"], 2);
    assert_eq!(poisk["index"]["quotes"], 4, "the seed's quotations");
    assert_eq!(stock["index"]["quotes"], 0);
    for engine in [poisk, stock] {
        assert!(engine["index"]["seconds"].as_f64().unwrap() > 0.0, "{engine}");
        assert!(engine["index"]["index_bytes"].as_u64().unwrap() > 1000, "{engine}");
        assert!(engine["mb_per_second"].as_f64().unwrap() > 0.0, "{engine}");
        assert_eq!(engine["search"]["queries"], 2);
        assert_eq!(engine["search"]["answered"], 2, "both words are in the seed: {engine}");
        assert_eq!(engine["search"]["repetitions"], 3);
        assert!(engine["search"]["p99_ms"].as_f64() >= engine["search"]["p50_ms"].as_f64());
        assert!(engine["queries_per_second_1_thread"].as_f64().unwrap() > 0.0, "{engine}");
        assert!(engine["queries_per_second_all_threads"].as_f64().unwrap() > 0.0, "{engine}");
    }
    if cfg!(target_os = "linux") {
        assert!(poisk["index"]["peak_rss_kb"].as_u64().unwrap() > 1000, "{poisk}");
    }
    let ratio = json["ratios"]["indexing_speed"].as_f64().unwrap();
    let seconds = |e: &serde_json::Value| e["index"]["seconds"].as_f64().unwrap();
    assert!((ratio - seconds(stock) / seconds(poisk)).abs() < 1e-9, "{json}");
    // The indexes stay, and poisk's is a poisk index.
    let search = dir.poisk(&["search", "--index", "kept/poisk", "-c", "Пекине"]);
    assert_eq!(search.stdout.trim(), "2", "{}", search.stderr);
    assert!(dir.path().join("kept/stock/meta.json").is_file());
    // A kept directory is never overwritten.
    let again = dir.poisk(&["bench", "--keep", "kept", "news"]);
    assert_eq!(again.code, 2);
    assert_eq!(again.stderr, "poisk: kept: not empty; --keep needs a new or empty directory\n");
}

#[test]
fn prints_a_table() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let run = dir.poisk(&["bench", "--repeat", "1", "--threads", "2", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "poisk bench: 1 article, 0.0 MB of title and body text, from news");
    let header = lines.iter().position(|l| l.contains("stock tantivy")).unwrap();
    let labels: Vec<&str> = lines[header + 1..header + 9].iter().map(|l| l.get(..24).unwrap_or(l).trim()).collect();
    assert_eq!(
        labels,
        [
            "indexing, MB/s",
            "indexing, articles/s",
            "peak memory (RSS), MB",
            "index size, MB",
            "search p50, ms",
            "search p99, ms",
            "searches/s, 1 thread",
            "searches/s, 2 threads"
        ]
    );
    assert!(
        lines[header + 5].ends_with("x faster") || lines[header + 5].ends_with("x slower"),
        "{}",
        lines[header + 5]
    );
    assert!(run.stdout.contains("79 queries timed 1 times each"), "{}", run.stdout);
}

#[test]
fn refuses_stdin_missing_files_and_empty_query_files() {
    let dir = Dir::new();
    dir.write("empty.txt", "# nothing\n\n");
    dir.write("news/seed.txt", SEED);
    let stdin = dir.poisk(&["bench", "-"]);
    assert_eq!((stdin.code, stdin.stdout.as_str()), (2, ""));
    assert_eq!(
        stdin.stderr,
        "poisk: poisk bench reads its input once for each engine: give files or directories, not -\n"
    );
    let missing = dir.poisk(&["bench", "nowhere"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.starts_with("poisk: nowhere: "), "{}", missing.stderr);
    let queries = dir.poisk(&["bench", "--queries", "empty.txt", "news"]);
    assert_eq!(queries.code, 2);
    assert_eq!(queries.stderr, "poisk: empty.txt: no queries in it (one a line)\n");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn real_news_every_article_indexed_by_both() {
    let dir = Dir::new();
    let ids = copy_corpus_sample(&dir, 20);
    let run = dir.poisk(&["bench", "--format", "json", "--repeat", "1", "txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["poisk"]["index"]["articles"].as_u64(), Some(ids.len() as u64), "{json}");
    assert_eq!(json["stock"]["index"]["articles"].as_u64(), Some(ids.len() as u64), "{json}");
    assert!(json["poisk"]["index"]["quotes"].as_u64().unwrap() > 0, "{json}");
    assert!(json["poisk"]["search"]["answered"].as_u64().unwrap() >= 50, "{json}");
}
