//! Re-indexing: the same input gives the same index, a changed article
//! replaces the old one, `--prune` drops articles whose input is gone and
//! `--rebuild` starts afresh.

use super::{IDX, index, quote_count, total};
use crate::util::{Dir, SEED};

/// The ids of all articles matching `query`, best first.
/// The ids of every article matching `query`, near-duplicates included
/// (the two seed copies differ in their title only).
fn ids(dir: &Dir, query: &str) -> Vec<String> {
    let args = ["search", "--index", IDX, "--format", "json", "-n", "100", "--snippets", "0", "--no-collapse", query];
    let run = dir.poisk(&args);
    run.json()["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

fn record(id: &str, body: &str) -> String {
    format!("{}\n", serde_json::json!({"id": id, "title": "Переговоры", "body": body}))
}

/// The summary line without its timing.
fn summary(stderr: &str) -> String {
    let line = stderr.lines().find(|l| l.starts_with("poisk: indexed")).expect("a summary");
    line.split(';').next().unwrap().to_owned()
}

/// A tree of two seed-format files and a JSONL file of two records.
fn news() -> Dir {
    let dir = Dir::new();
    dir.write("news/a.txt", SEED);
    dir.write("news/sub/b.txt", SEED.replace("Путин и Ким Чен Ын", "Лидеры России и КНДР"));
    let jsonl = record("x", "Санкции против России обсуждали в Брюсселе.")
        + &record("y", "Переговоры о санкциях в Брюсселе отложили.");
    dir.write("news/c.jsonl", jsonl);
    dir
}

#[test]
fn indexing_the_same_input_twice_gives_the_same_index() {
    let dir = news();
    let first = index(&dir, &["news"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = (ids(&dir, "переговоры OR санкции"), quote_count(&dir));
    assert_eq!(before.0.len(), 4, "{:?}", before.0);
    let second = index(&dir, &["news"]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(summary(&second.stderr), summary(&first.stderr));
    assert_eq!((ids(&dir, "переговоры OR санкции"), quote_count(&dir)), before, "no duplicates, same ids");
}

#[test]
fn a_changed_file_or_a_known_jsonl_id_replaces_the_old_version() {
    let dir = news();
    assert_eq!(index(&dir, &["news"]).code, 0);
    dir.write("news/a.txt", SEED.replace("проводят переговоры в Пекине", "встретились в Пекине"));
    let jsonl =
        record("x", "Новые пошлины ввели в Вашингтоне.") + &record("y", "Переговоры о санкциях в Брюсселе отложили.");
    dir.write("news/c.jsonl", jsonl);
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&dir, "title:встретились"), ["a.txt"]);
    assert_eq!(ids(&dir, "пошлинах"), ["x"], "the later record of id x replaced the earlier");
    assert_eq!(total(&dir, "Брюсселе"), 1, "only y still says Брюсселе");
    assert_eq!(ids(&dir, "переговоры OR санкции OR пошлинах").len(), 4, "still four articles");
}

#[test]
fn prune_drops_articles_whose_input_is_gone() {
    let dir = news();
    dir.write("other/d.txt", SEED.replace("Пекине", "Шанхае"));
    assert_eq!(index(&dir, &["news", "other"]).code, 0);
    std::fs::remove_file(dir.path().join("news/sub/b.txt")).unwrap();
    dir.write("news/c.jsonl", record("x", "Санкции против России обсуждали в Брюсселе."));
    let run = index(&dir, &["--prune", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("pruned 2 whose input is gone"), "{}", run.stderr);
    let mut left = ids(&dir, "переговоры OR санкции");
    left.sort();
    assert_eq!(left, ["a.txt", "d.txt", "x"], "b.txt and y are gone; other/ was not named, so d.txt stays");
    assert_eq!(quote_count(&dir), 8, "b.txt's quotes went with it");
}

#[test]
fn prune_keeps_the_articles_of_input_that_cannot_be_read() {
    let dir = news();
    assert_eq!(index(&dir, &["news"]).code, 0);
    // a.txt is damaged now, and one line of c.jsonl too: their old articles stay.
    dir.write("news/a.txt", " date 2025-13-45 Т\n\nТекст.");
    dir.write("news/c.jsonl", record("x", "Санкции против России обсуждали в Брюсселе.") + "{\"id\": \"y\", \"bo");
    let run = index(&dir, &["--prune", "news"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("pruned"), "{}", run.stderr);
    assert_eq!(ids(&dir, "переговоры OR санкции").len(), 4);
    // A directory that is not there prunes nothing either.
    std::fs::rename(dir.path().join("news"), dir.path().join("moved")).unwrap();
    let run = index(&dir, &["--prune", "news"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("poisk: news: No such file or directory"), "{}", run.stderr);
    assert_eq!(ids(&dir, "переговоры OR санкции").len(), 4);
}

#[test]
fn rebuild_starts_from_scratch() {
    let dir = news();
    assert_eq!(index(&dir, &["news"]).code, 0);
    std::fs::remove_dir_all(dir.path().join("news/sub")).unwrap();
    let run = index(&dir, &["--rebuild", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut left = ids(&dir, "переговоры OR санкции");
    left.sort();
    assert_eq!(left, ["a.txt", "x", "y"]);
}
