//! `poisk search` over the seed articles built into the binary.

use crate::util::{Dir, SEED_TITLE, highlighted_words};

#[test]
fn seed_fallback_finds_the_article_and_says_so() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--color", "never", "Курской области"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(SEED_TITLE), "{}", run.stdout);
    assert!(run.stdout.contains("CentralAsia (CA)"), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "one line about the fallback: {}", run.stderr);
    assert!(run.stderr.contains("seed"), "{}", run.stderr);
}

#[test]
fn inflected_and_cased_forms_find_the_seed_with_highlights() {
    let dir = Dir::new();
    for (query, expected) in [
        ("Курской области", &["Курской области"][..]),
        ("курская область", &["Курской области"]),
        ("КУРСКУЮ ОБЛАСТЬ", &["Курской области"]),
        ("Курской", &["Курской"]),
        ("Ким Чен Ына", &["Ким Чен Ын"]),
        ("Аурус", &["Аурус"]),
    ] {
        let run = dir.poisk(&["search", "--format", "json", query]);
        assert_eq!(run.code, 0, "{query}: {}", run.stderr);
        let json = run.json();
        assert_eq!(json["query"], query);
        let hit = &json["hits"][0];
        assert_eq!(hit["title"], SEED_TITLE, "{query}");
        assert_eq!(hit["rank"], 1);
        let words = highlighted_words(hit).join(" ").to_lowercase();
        for want in expected {
            for word in want.split(' ') {
                assert!(words.contains(&word.to_lowercase()), "{query}: {word} not highlighted in {words:?}");
            }
        }
    }
}

#[test]
fn no_match_exits_one() {
    let run = Dir::new().poisk(&["search", "--format", "json", "Kursk"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"], 0);
    assert_eq!(json["hits"].as_array().map(Vec::len), Some(0));
}

#[test]
fn json_has_the_documented_shape() {
    let run = Dir::new().poisk(&["search", "--format", "json", "Пекине"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    for key in ["query", "total", "relaxed", "took_ms", "hits"] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert!(json["took_ms"].is_f64());
    let hit = &json["hits"][0];
    for key in ["rank", "id", "title", "date", "source", "path", "score", "snippets"] {
        assert!(hit.get(key).is_some(), "missing hits[0].{key}");
    }
    assert_eq!(hit["date"], "2025-09-03");
    let snippet = &hit["snippets"][0];
    let (start, end) = (snippet["start"].as_u64().unwrap(), snippet["end"].as_u64().unwrap());
    assert_eq!((end - start) as usize, snippet["text"].as_str().unwrap().len());
}

#[test]
fn relaxes_to_any_word_when_no_article_has_all() {
    let run = Dir::new().poisk(&["search", "--format", "json", "Пекине Kursk"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["relaxed"], true);
    assert_eq!(json["hits"][0]["title"], SEED_TITLE);
}

#[test]
fn batch_mode_answers_each_line() {
    let queries = "Курской области\nKursk\n\"Ким Чен Ын\"\n";
    let run = Dir::new().poisk_with_stdin(&["search", "--format", "json", "-"], queries);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["query"], "Kursk");
    assert_eq!(lines[1]["total"], 0);
    assert_eq!(lines[2]["hits"][0]["title"], SEED_TITLE);
}

#[test]
fn malformed_query_points_at_the_problem() {
    let run = Dir::new().poisk(&["search", "путин OR"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("position 8: OR needs a word after it"), "{}", run.stderr);
    assert!(run.stderr.contains("\n          ^"), "{}", run.stderr);
}

#[test]
fn a_pasted_question_with_a_stray_quote_runs_with_a_warning() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--color", "never", "Что сказал \"Путин» о Курской области?"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("warning: the '\"' at character 12 is never closed: searched without it"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(SEED_TITLE), "{}", run.stdout);
    let run = dir.poisk(&["search", "--format", "json", "путин (Пекине"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["warnings"][0], "the '(' at character 7 is never closed: searched without it");
}

#[test]
fn other_engines_syntax_is_read_as_they_mean_it() {
    let dir = Dir::new();
    let found = |query: &str| {
        let json = dir.poisk(&["search", "--format", "json", query]).json();
        (json["total"].as_u64(), json["relaxed"].as_bool())
    };
    // `||` and `|` are OR: the seed has one of the words, and that is all
    // that was asked (not all words, relaxed to any).
    assert_eq!(found("Пекине || эмбарго"), (Some(1), Some(false)));
    assert_eq!(found("эмбарго | Пекине"), (Some(1), Some(false)));
    assert_eq!(found("эмбарго Пекине"), (Some(1), Some(true)));
    // `^2` is a boost, not part of the word.
    assert_eq!(found("Пекине^2 Путин"), (Some(1), Some(false)));
    // NEAR/N: «Ким Чен Ын» are neighbours in the seed.
    assert_eq!(found("Ким NEAR/2 Ын"), (Some(1), Some(false)));
    let json = dir.poisk(&["search", "--format", "json", "@title Пекине"]).json();
    assert!(json["warnings"][0].as_str().unwrap().contains("'@title'"), "{json}");
}

#[test]
fn colour_only_when_asked() {
    let dir = Dir::new();
    let plain = dir.poisk(&["search", "Курской"]);
    assert!(!plain.stdout.contains('\x1b'), "piped output has no colour");
    let coloured = dir.poisk(&["search", "--color", "always", "Курской"]);
    assert!(coloured.stdout.contains("\x1b[1;31mКурской"), "{}", coloured.stdout);
}

#[test]
fn prefix_finds_and_highlights_words_that_begin_so() {
    let run = Dir::new().poisk(&["search", "--format", "json", "курск*"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hit = &run.json()["hits"][0];
    assert_eq!(hit["title"], SEED_TITLE);
    let words = highlighted_words(hit);
    assert!(!words.is_empty() && words.iter().all(|w| w == "Курской"), "{words:?}");
    // Prefixes are over words as written, not stems: `курской*` finds
    // `Курской` (whose stem is `курск`), `курская*` finds nothing.
    let run = Dir::new().poisk(&["search", "--format", "json", "курской*"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"].as_u64(), Some(1));
    assert_eq!(json["hits"][0]["title"], SEED_TITLE);
    let words = highlighted_words(&json["hits"][0]);
    assert!(!words.is_empty() && words.iter().all(|w| w == "Курской"), "{words:?}");
    let run = Dir::new().poisk(&["search", "--format", "json", "курская*"]);
    assert_eq!((run.code, run.json()["total"].as_u64()), (1, Some(0)), "{}", run.stderr);
}

#[test]
fn exact_form_bypasses_the_stemmer() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--format", "json", "=\"Курской области\""]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words = highlighted_words(&run.json()["hits"][0]);
    assert!(!words.is_empty() && words.iter().all(|w| w == "Курской области"), "{words:?}");
    // `Курская` is a form the seed never uses; only the stemmed word finds it.
    assert_eq!(dir.poisk(&["search", "--format", "json", "=Курская"]).code, 1);
    assert_eq!(dir.poisk(&["search", "--format", "json", "Курская"]).code, 0);
}

#[test]
fn typos_are_tolerated_on_request() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--format", "json", "путен~1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let words = highlighted_words(&run.json()["hits"][0]);
    assert!(words.iter().any(|w| w.starts_with("Путин")), "{words:?}");
    // `~3` is past the cap: an error at the `~` that says what is allowed,
    // not a search that drops the `~3` or lowers it to `~2`.
    let run = dir.poisk(&["search", "путен~3"]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert!(
        run.stderr.contains("query error at position 5: typo tolerance goes from ~0 to ~2 edits"),
        "{}",
        run.stderr
    );
    // `~2`, the most allowed, is searched as such.
    let run = dir.poisk(&["search", "--format", "json", "путен~2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(highlighted_words(&run.json()["hits"][0]).iter().any(|w| w.starts_with("Путин")));
}

#[test]
fn wrong_keyboard_layout_is_corrected_and_said() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--color", "never", "rehcrjq j,kfcnb"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("showing results for «курской области»"), "{}", run.stdout);
    assert!(run.stdout.contains(SEED_TITLE), "{}", run.stdout);
    let json = dir.poisk(&["search", "--format", "json", "rehcrjq j,kfcnb"]).json();
    assert_eq!(json["query"], "rehcrjq j,kfcnb");
    assert_eq!(json["corrected"], "курской области");
    // A query that needs no correction says so with null.
    let json = dir.poisk(&["search", "--format", "json", "Пекине"]).json();
    assert!(json["corrected"].is_null());
}

#[test]
fn sort_by_date_or_relevance() {
    let dir = Dir::new();
    for sort in ["date", "relevance"] {
        let run = dir.poisk(&["search", "--format", "json", "--sort", sort, "Пекине"]);
        assert_eq!(run.code, 0, "{sort}: {}", run.stderr);
        assert_eq!(run.json()["hits"][0]["title"], SEED_TITLE);
    }
    let run = dir.poisk(&["search", "--sort", "newest", "Пекине"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("relevance") && run.stderr.contains("date"), "{}", run.stderr);
}

#[test]
fn explain_shows_how_the_score_was_built() {
    let dir = Dir::new();
    let run = dir.poisk(&["search", "--color", "never", "--explain", "Курской области"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in ["score, sum of", "body: курск", "proximity bonus: \"курск област\" in body ×1.5", "idf"]
    {
        assert!(run.stdout.contains(line), "no {line:?} in {}", run.stdout);
    }
    let json = dir.poisk(&["search", "--format", "json", "--explain", "Курской области"]).json();
    let hit = &json["hits"][0];
    let explanation = &hit["explanation"];
    let (value, score) = (explanation["value"].as_f64().unwrap(), hit["score"].as_f64().unwrap());
    assert!((value - score).abs() < 1e-3, "{value} vs {score}");
    assert!(explanation["children"].as_array().is_some_and(|c| c.len() >= 3), "{explanation}");
    // Not asked, not given.
    let json = dir.poisk(&["search", "--format", "json", "Курской области"]).json();
    assert!(json["hits"][0].get("explanation").is_none());
}

#[test]
fn habits_of_other_tools() {
    let dir = Dir::new();
    // Something matched, though none is shown: exit 0, and the count says so.
    let run = dir.poisk(&["search", "-n", "0", "Пекине"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("1 match for «Пекине», none shown, in "), "{}", run.stdout);
    // -c prints the number alone.
    let run = dir.poisk(&["search", "-c", "Пекине"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "1\n"));
    let run = dir.poisk(&["search", "--count", "эмбарго"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, "0\n"));
    // `poisk QUERY` is `poisk search QUERY`.
    let run = dir.poisk(&["Пекине", "--format", "json"]);
    assert_eq!((run.code, &run.json()["hits"][0]["title"]), (0, &serde_json::Value::from(SEED_TITLE)));
    // A mistyped option is named, with the one meant, not searched for.
    let run = dir.poisk(&["search", "--limt", "5", "Пекине"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--limt is not an option of poisk search; did you mean --limit?"), "{}", run.stderr);
}
