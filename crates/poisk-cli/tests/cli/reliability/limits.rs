//! Input whose size or shape once made `poisk index` run out of memory or
//! time. Each test runs the real binary under a memory limit and a time
//! limit (`run_limited`), scaled down to what still showed the problem;
//! RELIABILITY.md gives the full-size figures.

use super::{IDX, run_limited, total};
use crate::util::{Dir, Run};

/// The summary line of an index run.
fn summary(run: &Run) -> &str {
    run.stderr
        .lines()
        .find(|l| l.starts_with("poisk: indexed "))
        .unwrap_or_else(|| panic!("no summary: {}", run.stderr))
}

/// `poisk index` with the smallest memory budget, under a 160 MB limit.
fn index_limited(dir: &Dir, path: &str) -> Run {
    let args = ["index", "--index", IDX, "--progress", "never", "--memory", "16", "--threads", "1", path];
    run_limited(dir, &args, 160, 120)
}

#[test]
fn two_hundred_thousand_tiny_articles_twice() {
    // tantivy kept over 1 kB for each article's deletion of its old
    // version until the next commit, and commits fall every 32 MB of text:
    // a million tiny lines peaked at 1.6 GB.
    let dir = Dir::new();
    let lines: String = (0..200_000).map(|i| format!("{{\"id\":\"n{i}\",\"body\":\"Заметка {i}.\"}}\n")).collect();
    dir.write("tiny.jsonl", lines);
    for round in ["a new index", "the same ids again"] {
        let run = index_limited(&dir, "tiny.jsonl");
        assert_eq!(run.code, 0, "{round}: {}", run.stderr);
        assert!(summary(&run).starts_with("poisk: indexed 200000 articles (0 quotes) into idx, skipped 0;"), "{round}");
    }
    assert_eq!(total(&dir, "заметка"), 200_000);
}

#[test]
fn one_line_repeated_two_hundred_thousand_times() {
    // Every copy replaced the one before: a deletion that tantivy applied
    // to every earlier copy, time quadratic in the length of the file.
    let dir = Dir::new();
    let line = r#"{"id":"same","title":"Заметка","body":"Путин сказал: «Мы готовы к переговорам». Это заметка."}"#;
    dir.write("same.jsonl", format!("{line}\n").repeat(200_000));
    let run = index_limited(&dir, "same.jsonl");
    assert_eq!(run.code, 1, "replacing is reported: {}", summary(&run));
    let expected = "poisk: indexed 1 article (1 quote) into idx, skipped 199999 \
                    (199999 of them replaced by a later article with the same id);";
    assert!(summary(&run).starts_with(expected), "{}", summary(&run));
    let replaced = run.stderr.lines().filter(|l| l.contains("was already read from same.jsonl:")).count();
    assert_eq!(replaced, 199_999);
    assert!(run.stderr.contains("poisk: same.jsonl:200000: id \"same\" was already read from same.jsonl:199999;"));
    assert_eq!(total(&dir, "заметка"), 1);
}

/// Makes the next piece of an article.
type Piece = Box<dyn FnMut() -> String>;

#[test]
fn articles_of_a_megabyte_of_short_quotes() {
    // Each shape made quote extraction quadratic in the article's length
    // (9.4 MB of the first took 134 s): a search to the paragraph's end
    // for every quote, every mention compared with every other, each «
    // that is never closed read to the paragraph's end.
    let mut next = 7u64;
    let mut name = move || {
        let letters: Vec<char> = "абвгдежзиклмнопрстуфхэюя".chars().collect();
        let mut word = String::from("Ш");
        for _ in 0..7 {
            next = next.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            word.push(letters[(next >> 33) as usize % letters.len()]);
        }
        word + "ов"
    };
    let shapes: [(&str, Piece, bool); 5] = [
        ("after", Box::new(|| "«Да», — сказал Путин. ".to_string()), true),
        ("names", Box::new(|| "«Да» ".to_string()), false),
        ("role", Box::new(|| "Эксперт Иван Петров выступил. «Да», — сказал лидер. ".to_string()), true),
        ("unclosed", Box::new(|| "«Да, — сказал он ".to_string()), true),
        ("distinct", Box::new(move || format!("«Да», — сказал Иван {}. ", name())), true),
    ];
    let (mut lines, mut quotes) = (String::new(), 0);
    for (id, mut piece, is_quote) in shapes {
        let mut body = String::new();
        while body.len() < 1_000_000 {
            body.push_str(&piece());
            quotes += usize::from(is_quote);
        }
        lines.push_str(&serde_json::json!({"id": id, "title": "Т", "body": body}).to_string());
        lines.push('\n');
    }
    let dir = Dir::new();
    dir.write("quotes.jsonl", lines);
    let args = ["index", "--index", IDX, "--progress", "never", "--threads", "1", "quotes.jsonl"];
    let run = run_limited(&dir, &args, 600, 120);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(summary(&run).starts_with(&format!("poisk: indexed 5 articles ({quotes} quotes)")), "{}", summary(&run));
    let putin = dir.poisk(&["quotes", "--index", IDX, "--speaker", "Путин", "--format", "json"]);
    assert_eq!(putin.stdout.lines().count(), 1_000_000usize.div_ceil("«Да», — сказал Путин. ".len()));
}
