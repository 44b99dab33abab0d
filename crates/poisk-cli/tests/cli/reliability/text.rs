//! Text as typesetters leave it: stress marks, soft hyphens and invisible
//! format characters inside words are searched and highlighted as the
//! words a reader sees.

use super::{IDX, assert_error, index};
use crate::util::{Dir, highlighted_words};

/// An index of three articles: a stress mark, soft hyphens, and a
/// bidirectional control character inside their words.
fn indexed() -> Dir {
    let dir = Dir::new();
    let records = [
        ("stress", "Бои у И\u{301}длиба продолжаются третий день."),
        ("hyphens", "Этот металл ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся в катализаторах."),
        ("bidi", "Колонна вошла в пригороды \u{202A}Идлиба\u{202C} утром."),
    ];
    let lines: String = records
        .iter()
        .map(|(id, body)| format!("{}\n", serde_json::json!({"id": id, "title": "Сводка", "body": body})))
        .collect();
    dir.write("news.jsonl", lines);
    let run = index(&dir, &["news.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// The ids and highlighted words of every hit of `query`.
fn hits(dir: &Dir, query: &str) -> Vec<(String, Vec<String>)> {
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", query]);
    assert!(run.code <= 1, "{}", run.stderr);
    let mut hits: Vec<(String, Vec<String>)> = run.json()["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|hit| (hit["id"].as_str().expect("id").to_owned(), highlighted_words(hit)))
        .collect();
    hits.sort();
    hits
}

fn hit(id: &str, words: &[&str]) -> (String, Vec<String>) {
    (id.to_owned(), words.iter().map(|w| w.to_string()).collect())
}

#[test]
fn stress_marks_soft_hyphens_and_format_characters_are_not_part_of_words() {
    let dir = indexed();
    let idlib = vec![hit("bidi", &["Идлиба\u{202C}"]), hit("stress", &["И\u{301}длиба"])];
    for query in ["Идлиба", "идлиб", "И\u{301}длиба", "Идлиба\u{202C}", "Идлиба\u{200B}", "\u{2066}Идлиба\u{2069}"]
    {
        assert_eq!(hits(&dir, query), idlib, "query {query:?}");
    }
    assert_eq!(hits(&dir, "=Идлиба"), idlib);
    let used = vec![hit("hyphens", &["ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся"])];
    assert_eq!(hits(&dir, "используется"), used);
    assert_eq!(hits(&dir, "ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся"), used);
    assert_eq!(
        hits(&dir, "\"металл используется\""),
        vec![hit("hyphens", &["металл ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся"])]
    );
}

#[test]
fn an_index_of_the_previous_format_must_be_rebuilt() {
    // Version 2 indexed words with their stress marks and soft hyphens;
    // version 7 had a field of fingerprint bands no search reads.
    let dir = indexed();
    for old in [2, 7] {
        dir.write("idx/poisk.json", format!("{{\"format\": {old}}}\n"));
        let run = dir.poisk(&["search", "--index", IDX, "Идлиба"]);
        assert_error(&run, &[&format!("it has format version {old}, this poisk reads version 8"), "--rebuild"]);
    }
}
