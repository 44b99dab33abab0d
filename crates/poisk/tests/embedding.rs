//! The library as another Rust program uses it: building articles, adding
//! many at once, results as serde data, errors with sources, and a
//! dependency list without terminal crates.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::error::Error as _;

use poisk::index::WriterOptions;
use poisk::search::Match;
use poisk::{Article, Date, Error, Index, Kind, SearchRequest, SearchResults};

fn small_writer(index: &Index) -> poisk::Writer {
    index.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 }).unwrap()
}

#[test]
fn article_new_splits_paragraphs_as_jsonl_does() {
    let body = "  Первый абзац.\r\n\n\nВторой абзац.  \n";
    let article = Article::new("x", "Заголовок", body).with_source("Газета").with_date(Date::new(2024, 2, 29).unwrap());
    assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), ["Первый абзац.", "Второй абзац."]);
    assert_eq!(
        (article.date.map(|d| d.to_string()), article.source.as_deref()),
        (Some("2024-02-29".into()), Some("Газета"))
    );
    let line = format!(r#"{{"id": "x", "title": "Заголовок", "body": {}}}"#, serde_json::to_string(body).unwrap());
    let from_jsonl = poisk::input::JsonlReader::new(line.as_bytes(), "t.jsonl").next().unwrap().unwrap();
    assert_eq!(from_jsonl.paragraphs, article.paragraphs);
}

#[test]
fn add_many_takes_owned_and_borrowed_articles_and_replaces_by_id() {
    let index = Index::in_memory().unwrap();
    let mut writer = small_writer(&index);
    let mine = vec![Article::new("a", "Первая", "Текст про Пекин."), Article::new("b", "Вторая", "Текст про Москву.")];
    assert_eq!(writer.add_many(&mine).unwrap(), 2);
    assert_eq!(writer.add_many(mine.iter().take(1)).unwrap(), 1);
    assert_eq!(writer.add_many(poisk::builtin::articles().unwrap()).unwrap(), 1);
    assert_eq!(writer.add_many(Vec::<Article>::new()).unwrap(), 0);
    writer.commit().unwrap();
    let searcher = index.searcher().unwrap();
    searcher.reload().unwrap();
    // "a" went in twice and is there once; the seed brought its four quotes.
    assert_eq!((searcher.num_articles(), searcher.num_quotes()), (3, 4));
    assert_eq!(searcher.search(&SearchRequest::new("Пекин")).unwrap().total, 2);
}

#[test]
fn an_article_replaced_in_one_add_many_keeps_only_its_last_version() {
    let index = Index::in_memory().unwrap();
    let mut writer = small_writer(&index);
    let old = Article::new("same", "Старая", "«Было плохо», — сказал Иван Петров.");
    let new = Article::new("same", "Новая", "«Стало лучше», — сказал Иван Петров.");
    writer.add_many([&old, &new]).unwrap();
    writer.commit().unwrap();
    let searcher = index.searcher().unwrap();
    searcher.reload().unwrap();
    assert_eq!((searcher.num_articles(), searcher.num_quotes()), (1, 1));
    let quotes = searcher.quotes(Some("Петров")).unwrap();
    assert_eq!(quotes[0].quote().map(|q| q.quote.text.as_str()), Some("Стало лучше"));
}

#[test]
fn results_survive_a_json_round_trip() {
    let searcher = poisk::builtin::index().unwrap().searcher().unwrap();
    for request in
        [SearchRequest::new("Курской области").explain(true), SearchRequest::new(Match::new("долг").kind(Kind::Quote))]
    {
        let results = searcher.search(&request).unwrap();
        assert!(!results.hits.is_empty());
        let json = serde_json::to_string(&results).unwrap();
        let mut back: SearchResults = serde_json::from_str(&json).unwrap();
        // serde_json parses floats to within one ulp unless its
        // `float_roundtrip` feature is on; a duration may come back a hair
        // off (1.183374 as 1.1833740000000001). Scores are f32 and exact.
        assert!((back.took_ms - results.took_ms).abs() < 1e-9);
        back.took_ms = results.took_ms;
        assert_eq!(back, results);
    }
    let article = &poisk::builtin::articles().unwrap()[0];
    let back: Article = serde_json::from_str(&serde_json::to_string(article).unwrap()).unwrap();
    assert_eq!(&back, article);
    let quotes = poisk::quotes::extract_quotes(&article.body);
    let back: Vec<poisk::Quote> = serde_json::from_str(&serde_json::to_string(&quotes).unwrap()).unwrap();
    assert_eq!(back, quotes);
}

#[test]
fn errors_carry_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "not a directory").unwrap();
    let err = Index::create(file.join("index")).err().unwrap();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.source().is_some(), "an I/O error keeps the io::Error underneath");
    assert!(err.to_string().contains("file"), "{err}");

    let err = poisk::builtin::index().unwrap().searcher().unwrap().search(&SearchRequest::new("OR путин")).unwrap_err();
    assert!(matches!(err, Error::Query { position: 0, .. }), "{err:?}");
    // Errors cross threads and box into the usual error types.
    let boxed: Box<dyn std::error::Error + Send + Sync> = err.into();
    assert!(boxed.to_string().starts_with("query error at position 0"));
}

#[test]
fn the_library_depends_on_no_terminal_crates() {
    // clap, colour and progress bars belong to the CLI; a program that
    // embeds poisk should not compile them.
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("\n[").next().unwrap();
    let names: Vec<&str> = dependencies
        .lines()
        .filter_map(|l| l.split(['=', '.']).next())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    assert!(names.contains(&"tantivy"), "the dependency list was not found: {names:?}");
    for terminal in
        ["clap", "indicatif", "terminal_size", "anstyle", "anstream", "termcolor", "owo-colors", "colored", "console"]
    {
        assert!(!names.contains(&terminal), "the library depends on {terminal}");
    }
}

#[test]
fn the_first_crate_doc_example_hides_nothing_but_its_result() {
    // The issue's "done when": that code, pasted into a new project's
    // `fn main() -> Result<(), poisk::Error>`, indexes the seed and prints its
    // quotes. A hidden `#` line would be missing from what a reader copies.
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let first = lib.split("//! ```\n").nth(1).unwrap();
    let hidden: Vec<&str> = first.lines().filter(|l| l.starts_with("//! # ") || *l == "//! #").collect();
    assert_eq!(hidden, ["//! # Ok::<(), poisk::Error>(())"]);
    assert!(first.contains("builtin::articles()") && first.contains("println!(\"{speaker}: «{}»\", quote.text)"));
}
