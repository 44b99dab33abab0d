//! `poisk index`, then `poisk search` on what was indexed.

use crate::util::{Dir, SEED, SEED_TITLE};

#[test]
fn indexes_seed_files_and_jsonl_then_searches_them() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let record = serde_json::json!({
        "id": "j1", "date": "2024-01-15", "title": "Санкции против России",
        "source": "test", "body": "Новые санкции против России обсуждали в Брюсселе.\nРешение отложили."
    });
    dir.write("news/more.jsonl", format!("{record}\n"));
    let run = dir.poisk(&["index", "--index", "idx", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("indexed 2 articles"), "{}", run.stderr);

    let run = dir.poisk(&["search", "--index", "idx", "--format", "json", "санкций против России"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["hits"][0]["id"], "j1");
    let run = dir.poisk(&["search", "--index", "idx", "--format", "json", "Курской области"]);
    assert_eq!(run.json()["hits"][0]["title"], SEED_TITLE);
    assert_eq!(run.json()["hits"][0]["id"], "seed.txt");
}

#[test]
fn reindexing_the_same_input_changes_nothing() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    for _ in 0..2 {
        let run = dir.poisk(&["index", "--index", "idx", "news"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = dir.poisk(&["search", "--index", "idx", "--format", "json", "Пекине"]);
    assert_eq!(run.json()["total"], 1);
}

#[test]
fn merge_leaves_one_segment_that_finds_what_the_runs_before_indexed() {
    let dir = Dir::new();
    dir.write("a/seed.txt", SEED);
    let record = serde_json::json!({"id": "j1", "title": "Санкции", "body": "Новые санкции против России."});
    dir.write("b/more.jsonl", format!("{record}\n"));
    let run = dir.poisk(&["index", "--index", "idx", "a"]);
    assert!(!run.stderr.contains("merged"), "{}", run.stderr);
    let run = dir.poisk(&["index", "--index", "idx", "--merge", "b"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" segments merged into one in "), "{}", run.stderr);
    let segments = std::fs::read_dir(dir.path().join("idx"))
        .unwrap()
        .filter(|entry| entry.as_ref().unwrap().path().extension().is_some_and(|e| e == "store"))
        .count();
    assert_eq!(segments, 1);
    for (query, id) in [("санкций", "j1"), ("Курской области", "seed.txt")] {
        let run = dir.poisk(&["search", "--index", "idx", "--format", "json", query]);
        assert_eq!(run.json()["hits"][0]["id"], id, "{query}");
    }
    // Without input, --merge merges the index as it is, which must exist.
    let run = dir.poisk(&["index", "--index", "idx", "--merge"]);
    assert_eq!((run.code, run.stderr.trim()), (0, "poisk: idx is one segment or none: nothing to merge"));
    let run = dir.poisk(&["index", "--index", "nowhere", "--merge"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no index at nowhere"), "{}", run.stderr);
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    let dir = Dir::new();
    dir.write("news/good.txt", SEED);
    dir.write("news/bad-date.txt", " date 2025-13-45 Плохая дата\n\nТекст.");
    dir.write("news/lines.jsonl", "{\"id\": \"a\", \"title\": \"Т\", \"body\": \"Текст статьи.\"}\nnot json\n");
    let run = dir.poisk(&["index", "--index", "idx", "news"]);
    assert_eq!(run.code, 1, "skipped input makes the exit status non-zero: {}", run.stderr);
    assert!(run.stderr.contains("bad-date.txt:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("lines.jsonl:2:"), "{}", run.stderr);
    assert!(run.stderr.contains("indexed 2 articles"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped 2"), "{}", run.stderr);
}

#[test]
fn a_named_index_that_does_not_exist_is_an_error() {
    let dir = Dir::new();
    for args in [&["search", "Пекин"][..], &["timeline", "Пекин"], &["stats"], &["quotes"], &["speakers"]] {
        let mut all = args.to_vec();
        all.extend(["--index", "nowhere"]);
        let run = dir.poisk(&all);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "poisk: no index at nowhere: run `poisk index --index nowhere PATH` first, or pass another --index\n",
            "{args:?}"
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn rebuild_replaces_an_index_of_another_format() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    dir.write("idx/poisk.json", "{\"format\": 0}\n");
    let run = dir.poisk(&["search", "--index", "idx", "Пекине"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("format version 0") && run.stderr.contains("--rebuild"), "{}", run.stderr);
    let run = dir.poisk(&["index", "--index", "idx", "--rebuild", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.poisk(&["search", "--index", "idx", "Пекине"]).code, 0);
}
