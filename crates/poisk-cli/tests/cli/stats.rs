//! `poisk stats`.

use crate::util::{Dir, SEED, copy_corpus_sample};

#[test]
fn seed_fallback_shows_the_seed_and_says_so() {
    let run = Dir::new().poisk(&["stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no index at ./poisk-index") && run.stderr.contains("seed"), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "index     the seed articles built into poisk (format 8)");
    assert_eq!(lines[1], "articles  1 (0 undated)");
    assert_eq!(lines[2], "quotes    4 by 2 speakers");
    assert_eq!(lines[3], "dates     2025-09-03 to 2025-09-03");
    assert!(lines[4].starts_with("terms     ") && lines[4].ends_with(" distinct stems in article bodies"));
    assert!(lines[5].starts_with("size      ") && lines[5].contains("in memory, 1 segment"), "{}", lines[5]);
}

#[test]
fn json_of_an_index_on_disk() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let undated = serde_json::json!({"id": "u", "date": null, "title": "Без даты", "body": "Текст без даты."});
    dir.write("news/more.jsonl", format!("{undated}\n"));
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    let run = dir.poisk(&["stats", "--index", "idx", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["path"], "idx");
    assert_eq!(json["format_version"], 8);
    assert_eq!((json["articles"].as_u64(), json["undated_articles"].as_u64()), (Some(2), Some(1)));
    assert_eq!((json["quotes"].as_u64(), json["speakers"].as_u64()), (Some(4), Some(2)));
    assert_eq!((json["first_date"].as_str(), json["last_date"].as_str()), (Some("2025-09-03"), Some("2025-09-03")));
    // The undated article adds words the seed does not have (`без`, `дат`).
    let seed_terms = Dir::new().poisk(&["stats", "--format", "json"]).json()["terms"].as_u64().unwrap();
    assert!(json["terms"].as_u64().unwrap() > seed_terms, "{json}");
    let on_disk: u64 =
        std::fs::read_dir(dir.path().join("idx")).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert_eq!(json["size_bytes"].as_u64(), Some(on_disk));
    assert!(json["segments"].as_u64().unwrap() >= 1);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn real_corpus_counts_agree_with_the_other_commands() {
    let dir = Dir::new();
    let sample = copy_corpus_sample(&dir, 16);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "txt"]).code, 0);
    let json = dir.poisk(&["stats", "--index", "idx", "--format", "json"]).json();
    assert_eq!(json["articles"].as_u64(), Some(sample.len() as u64));
    assert_eq!(json["undated_articles"], 0);
    // File names start with the article's date.
    assert_eq!(json["first_date"].as_str(), sample.first().map(|n| &n[..10]));
    assert_eq!(json["last_date"].as_str(), sample.last().map(|n| &n[..10]));
    let quotes = dir.poisk(&["quotes", "--index", "idx", "--format", "json"]).json_lines();
    assert_eq!(json["quotes"].as_u64(), Some(quotes.len() as u64));
    let speakers = dir.poisk(&["speakers", "--index", "idx", "-n", "0", "--format", "json"]).json_lines();
    assert_eq!(json["speakers"].as_u64(), Some(speakers.len() as u64));
    assert!(json["terms"].as_u64().unwrap() > 5_000, "{json}");
}
