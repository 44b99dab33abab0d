//! Bad input to the real `poisk index`: each bad item is reported on stderr
//! as `path:line: what is wrong`, every good item is indexed, the summary
//! counts both, the exit status is 1, and nothing is half-added. `poisk
//! quotes` reports bad items the same way and lists the good ones.

use std::time::Instant;

use super::{IDX, index, quote_count, run_limited, total};
use crate::util::{Dir, Run, SEED, SEED_TITLE};

/// The first bytes of a PNG image.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66";

/// The numbers after `word ` in the summary line of a run.
fn summary_number(run: &Run, word: &str) -> usize {
    let summary = run.stderr.lines().find(|l| l.starts_with("poisk: indexed ")).expect("a summary line");
    let after = summary.split(word).nth(1).unwrap_or_else(|| panic!("no {word:?} in {summary}"));
    after.trim_start().split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
}

/// Indexes `news/` holding the seed article and `files`, then checks that
/// exactly the `errors` (`(location, what)`: a stderr line
/// `poisk: news/LOCATION: …what…`) were reported, that `indexed` articles
/// (the seed among them) went in and the rest were counted as skipped.
fn check(files: &[(&str, &[u8])], errors: &[(&str, &str)], indexed: usize) -> (Dir, Run) {
    let dir = Dir::new();
    dir.write("news/good.txt", SEED);
    for (name, contents) in files {
        dir.write(&format!("news/{name}"), contents);
    }
    let run = index(&dir, &["news"]);
    let reported: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("poisk: news/")).collect();
    assert_eq!(reported.len(), errors.len(), "one line per bad item: {}", run.stderr);
    for (location, what) in errors {
        let prefix = format!("poisk: news/{location}: ");
        assert!(
            reported.iter().any(|l| l.starts_with(&prefix) && l.contains(what)),
            "expected `{prefix}…{what}…` in:\n{}",
            run.stderr
        );
    }
    assert_eq!(run.code, if errors.is_empty() { 0 } else { 1 }, "{}", run.stderr);
    assert_eq!(summary_number(&run, "indexed"), indexed, "{}", run.stderr);
    assert_eq!(summary_number(&run, "skipped"), errors.len(), "{}", run.stderr);
    assert_eq!(total(&dir, "Пекине"), 1, "the seed article is indexed");
    (dir, run)
}

#[test]
fn an_empty_file() {
    check(&[("empty.txt", b"")], &[("empty.txt:1", "file is empty")], 1);
}

#[test]
fn a_file_of_whitespace_only() {
    check(&[("blank.txt", b" \n\t\r\n   \n")], &[("blank.txt:1", "file holds only whitespace")], 1);
}

#[test]
fn a_binary_file() {
    let not_text = "not UTF-8 text (a binary file, or another encoding)";
    let files: &[(&str, &[u8])] = &[("image.txt", PNG), ("image.jsonl", PNG), ("image.png", PNG)];
    // A .png is not an input at all: a directory walk takes only .txt and
    // .jsonl(.gz). A binary .jsonl is one error, not one per "line".
    let errors = [("image.txt:1", not_text), ("image.jsonl:1", "binary data, not JSON lines")];
    check(files, &errors, 1);
}

#[test]
fn one_nul_byte_in_a_jsonl_file_costs_one_line() {
    let mut jsonl = String::new();
    for i in 1..=1000 {
        let body = if i == 100 {
            "Санкции против\u{0}России."
        } else {
            "Санкции против России."
        };
        jsonl.push_str(&serde_json::json!({"id": format!("n{i}"), "title": "Т", "body": body}).to_string());
        jsonl.push('\n');
    }
    // serde_json writes the NUL as `\u0000`; the damage is a raw NUL byte.
    let jsonl = jsonl.replace("\\u0000", "\0");
    let (dir, _) =
        check(&[("news.jsonl", jsonl.as_bytes())], &[("news.jsonl:100", "binary data, not JSON lines")], 1000);
    assert_eq!(total(&dir, "санкции"), 999, "every line but the damaged one");
}

#[test]
fn dev_zero_named_as_an_input() {
    let dir = Dir::new();
    dir.write("good.txt", SEED);
    for name in ["x.txt", "y.jsonl", "z.jsonl.gz"] {
        std::os::unix::fs::symlink("/dev/zero", dir.path().join(name)).unwrap();
    }
    let args = ["index", "--index", IDX, "x.txt", "y.jsonl", "z.jsonl.gz", "good.txt"];
    let run = run_limited(&dir, &args, 600, 120);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "poisk: x.txt:1: binary data, not text: control character 0x00",
        "poisk: y.jsonl:1: binary data, not JSON lines, 1.0 GB of it at least; the rest of the file is not read",
        "poisk: z.jsonl.gz:1: binary data, not JSON lines, 1.0 GB of it at least; the rest of the file is not read",
    ];
    let reported: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("poisk: indexed")).collect();
    assert_eq!(reported, expected, "{}", run.stderr);
    assert!(run.stderr.contains("indexed 1 article (4 quotes) into idx, skipped 3"), "{}", run.stderr);
    assert_eq!(total(&dir, "Пекине"), 1);
}

#[test]
fn invalid_utf8_in_the_middle_of_an_article() {
    let mut seed = " date 2025-09-03 Статья\n\nПервый абзац.\n\nВторой ".as_bytes().to_vec();
    seed.extend_from_slice(b"\xff ");
    seed.extend_from_slice("абзац.\n".as_bytes());
    let good = r#"{"id":"j1","title":"Т","body":"Санкции против России."}"#;
    let mut jsonl = format!("{good}\n").into_bytes();
    jsonl.extend_from_slice(b"{\"id\":\"j2\",\"body\":\"\xd0\xa2\xff\"}\n");
    jsonl.extend_from_slice(format!("{}\n", good.replace("j1", "j3")).as_bytes());
    let errors = [("mixed.txt:5", "not UTF-8 text"), ("news.jsonl:2", "not UTF-8 text: invalid byte at byte 22")];
    let (dir, _) = check(&[("mixed.txt", &seed), ("news.jsonl", &jsonl)], &errors, 3);
    assert_eq!(total(&dir, "санкции"), 2, "the good lines around the bad one are indexed");
}

#[test]
fn a_utf8_byte_order_mark() {
    let dir = Dir::new();
    dir.write("news/bom.txt", format!("\u{feff}{SEED}"));
    let record = r#"{"id":"j1","title":"Санкции","body":"Новые санкции против России."}"#;
    dir.write("news/bom.jsonl", format!("\u{feff}{record}\n"));
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", "title:Пекине"]);
    assert_eq!(run.json()["hits"][0]["title"], SEED_TITLE, "no mark in the title");
    assert_eq!(run.json()["hits"][0]["id"], "bom.txt");
    assert_eq!(total(&dir, "санкции"), 1);
}

#[test]
fn crlf_line_ends() {
    let dir = Dir::new();
    dir.write("news/crlf.txt", SEED.replace('\n', "\r\n"));
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", "--snippets", "5", "Пекине"]);
    let hit = &run.json()["hits"][0];
    assert_eq!(hit["title"], SEED_TITLE);
    for snippet in hit["snippets"].as_array().unwrap() {
        assert!(!snippet["text"].as_str().unwrap().contains('\r'), "{snippet}");
    }
    assert_eq!(quote_count(&dir), 4, "the same quotes as with LF line ends");
}

#[test]
fn a_header_line_without_a_date() {
    let files: &[(&str, &[u8])] = &[
        ("nodate.txt", " date Заголовок без даты\n\nТекст.".as_bytes()),
        ("noheader.txt", "Просто текст без заголовка.\n\nИ ещё абзац.".as_bytes()),
    ];
    let errors = [("nodate.txt:1", "is not a date"), ("noheader.txt:1", "expected a header ` date YYYY-MM-DD Title`")];
    check(files, &errors, 1);
}

#[test]
fn an_impossible_date() {
    let jsonl = r#"{"id":"x","body":"Текст.","date":"2025-13-45"}"#;
    let files: &[(&str, &[u8])] =
        &[("date.txt", " date 2025-13-45 Заголовок\n\nТекст.".as_bytes()), ("date.jsonl", jsonl.as_bytes())];
    let errors = [("date.txt:1", "month 13"), ("date.jsonl:1", "\"date\": \"2025-13-45\" is not a valid date")];
    check(files, &errors, 1);
}

#[test]
fn dates_an_index_cannot_hold() {
    let line = |id: &str, date: &str| format!(r#"{{"id":"{id}","date":"{date}","title":"Т","body":"Санкции."}}"#);
    let jsonl =
        [line("a", "2500-01-01"), line("b", "9999-12-31"), line("c", "1000-01-01"), line("d", "2261-12-31")].join("\n");
    let files: &[(&str, &[u8])] =
        &[("future.txt", " date 2500-01-01 Заголовок\n\nСанкции.".as_bytes()), ("dates.jsonl", jsonl.as_bytes())];
    let outside = |date: &str| format!("\"{date}\" is outside the dates an index can hold, 1678-01-01 to 2261-12-31");
    let errors = [
        ("future.txt:1", format!("header date: {}", outside("2500-01-01"))),
        ("dates.jsonl:1", format!("\"date\": {}", outside("2500-01-01"))),
        ("dates.jsonl:2", format!("\"date\": {}", outside("9999-12-31"))),
        ("dates.jsonl:3", format!("\"date\": {}", outside("1000-01-01"))),
    ];
    let errors: Vec<(&str, &str)> = errors.iter().map(|(at, what)| (*at, what.as_str())).collect();
    let (dir, _) = check(files, &errors, 2);
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", "санкции"]);
    assert_eq!(run.json()["hits"][0]["date"], "2261-12-31", "the last date an index holds is stored as it is");
    // Query dates outside the range are moved to its ends: open ranges work.
    let found = |args: &[&str]| {
        let mut all = vec!["search", "--index", IDX, "--format", "json", "--snippets", "0"];
        all.extend_from_slice(args);
        let run = dir.poisk(&all);
        assert!(run.code <= 1, "{}", run.stderr);
        run.json()["total"].as_u64().unwrap()
    };
    assert_eq!(found(&["--until", "9999-12-31", "Пекине OR санкции"]), 2);
    assert_eq!(found(&["--since", "1000-01-01", "--until", "2261-12-31", "Пекине OR санкции"]), 2);
    assert_eq!(found(&["--since", "2262-01-01", "санкции"]), 0);
    assert_eq!(found(&["date:[1000-01-01 TO 3000-01-01] (Пекине OR санкции)"]), 2);
    assert_eq!(found(&["date:[0001-01-01 TO 2025-09-03] (Пекине OR санкции)"]), 1);
    assert_eq!(found(&["date:9999 санкции"]), 0);
}

#[test]
fn an_id_longer_than_tantivy_can_index() {
    let line = |id: &str, body: &str| serde_json::json!({"id": id, "title": "Т", "body": body}).to_string();
    let (long, longest) = ("x".repeat(70_000), "y".repeat(4096));
    let jsonl = [line(&long, "Санкции против России."), line(&longest, "Санкции снова.")].join("\n");
    let errors = [("ids.jsonl:1", "\"id\" is 70000 bytes long; an article id may be at most 4096 bytes")];
    let (dir, _) = check(&[("ids.jsonl", jsonl.as_bytes())], &errors, 2);
    // Re-indexing replaces the article with the longest id allowed.
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(total(&dir, "санкции"), 1, "no duplicate: {}", run.stderr);
}

#[test]
fn a_title_with_no_body() {
    let files: &[(&str, &[u8])] = &[
        ("title.txt", " date 2025-09-03 Только заголовок\n\n  \n".as_bytes()),
        ("title.jsonl", r#"{"id":"x","title":"Только заголовок","body":"  "}"#.as_bytes()),
    ];
    check(files, &[("title.txt:1", "has a title but no body"), ("title.jsonl:1", "\"body\" is empty")], 1);
}

#[test]
fn a_50_mb_article() {
    // Made of the seed's body, so it is a real article, only far too long.
    let body = SEED.split_once("\n\n").unwrap().1;
    let huge = body.repeat(50_000_000 / body.len() + 1);
    let seed_file = format!(" date 2025-09-03 Очень длинная статья\n\n{huge}");
    let line = |id: &str, body: &str| serde_json::json!({"id": id, "title": "Т", "body": body}).to_string();
    let jsonl =
        [line("small", "Санкции против России."), line("huge", &huge), line("after", "Санкции снова.")].join("\n");
    let started = Instant::now();
    let errors =
        [("huge.txt", "the file is 50.0 MB; an article may be at most 10 MB"), ("huge.jsonl:2", "the line is 5")];
    let (dir, _) = check(&[("huge.txt", seed_file.as_bytes()), ("huge.jsonl", jsonl.as_bytes())], &errors, 3);
    assert!(started.elapsed().as_secs() < 20, "refused without indexing it: {:.1?}", started.elapsed());
    assert_eq!(total(&dir, "санкции"), 2, "the lines around the huge one are indexed");
}

#[test]
fn a_jsonl_file_whose_last_line_is_cut_off() {
    let line =
        |id: &str| format!(r#"{{"id":"{id}","title":"Т","body":"Санкции против России обсуждали в Брюсселе."}}"#);
    let cut = format!("{}\n{}\n{}", line("a"), line("b"), line("c").chars().take(40).collect::<String>());
    let (dir, _) = check(&[("cut.jsonl", cut.as_bytes())], &[("cut.jsonl:3", "the last line is cut off")], 3);
    assert_eq!(total(&dir, "Брюсселе"), 2);
}

#[test]
fn jsonl_lines_that_are_not_articles() {
    let lines = [
        r#"{"id":"a","title":"Т","body":"Санкции против России."}"#,
        "[1, 2, 3]",
        r#""строка""#,
        r#"{"id":"b","title":"Т","body":42}"#,
        r#"{"id":"c","title":"Т"}"#,
        r#"{"title":"Т","body":"Текст."}"#,
        "не JSON вовсе",
    ];
    let errors = [
        ("lines.jsonl:2", "expected a JSON object, found an array"),
        ("lines.jsonl:3", "expected a JSON object, found a string"),
        ("lines.jsonl:4", "\"body\" is a number, not a string"),
        ("lines.jsonl:5", "the object has no \"body\""),
        ("lines.jsonl:6", "the object has no \"id\""),
        ("lines.jsonl:7", "not JSON"),
    ];
    check(&[("lines.jsonl", lines.join("\n").as_bytes())], &errors, 2);
}

#[test]
fn quotes_of_a_file_with_bad_lines_lists_the_good_ones_and_names_the_bad() {
    let dir = Dir::new();
    let lines =
        [r#"{"id":"a","title":"Т","body":"«Рынок растёт», — рассказал RT Вакин."}"#, r#"{"id":"b","title":"Т"}"#];
    dir.write("lines.jsonl", lines.join("\n").as_bytes());
    let run = dir.poisk(&["quotes", "lines.jsonl"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.contains("«Рынок растёт» — Вакин"), "{}", run.stdout);
    assert!(run.stderr.contains("lines.jsonl:2: the object has no \"body\""), "{}", run.stderr);
    assert!(run.stderr.contains("1 input could not be read"), "{}", run.stderr);
}

#[test]
fn duplicate_ids_in_one_batch_keep_the_later_article() {
    let record = |id: &str, body: &str| format!(r#"{{"id":"{id}","title":"Т","body":"{body}"}}"#);
    let jsonl = [
        record("d1", "Первая версия: «Мы ничего не решили», — сказал министр."),
        record("d2", "Другая статья о переговорах."),
        record("d1", "Вторая версия: «Мы всё решили», — сказал министр."),
    ]
    .join("\n");
    let errors =
        [("dups.jsonl:3", "id \"d1\" was already read from news/dups.jsonl:1; this article replaces that one")];
    let (dir, run) = check(&[("dups.jsonl", jsonl.as_bytes())], &errors, 3);
    assert!(run.stderr.contains("(1 of them replaced by a later article with the same id)"), "{}", run.stderr);
    assert!(run.stderr.contains("indexed 3 articles (5 quotes)"), "the replaced quote is not counted: {}", run.stderr);
    assert_eq!(total(&dir, "версия"), 1);
    assert_eq!(total(&dir, "вторая"), 1);
    assert_eq!(total(&dir, "первая"), 0, "the earlier version is gone");
    assert_eq!(quote_count(&dir), 5, "the seed's four quotes and the later version's one");
}

#[test]
fn unbalanced_guillemets_and_brackets_are_indexed() {
    let text = " date 2025-09-03 Незакрытые кавычки\n\n\
        Министр заявил: «Мы готовы к переговорам [без условий. Остальное потом.\n\n\
        Второй абзац) с лишней скобкой » и кавычкой».\n";
    let (dir, _) = check(&[("open.txt", text.as_bytes())], &[], 2);
    assert_eq!(total(&dir, "переговорам"), 2, "the seed and the unbalanced article");
    assert_eq!(total(&dir, "скобкой кавычкой"), 1, "the words after the stray closing marks");
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", "--quotes", "условий"]);
    assert_eq!(run.code, 0, "the unclosed quote is searchable: {}", run.stderr);
    let hit = &run.json()["hits"][0];
    assert!(hit["text"].as_str().unwrap().starts_with("Мы готовы к переговорам [без условий"), "{hit}");
}

#[test]
fn a_directory_with_a_symlink_loop() {
    let dir = Dir::new();
    dir.write("news/a/seed.txt", SEED);
    std::os::unix::fs::symlink(dir.path().join("news"), dir.path().join("news/a/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("news/a"), dir.path().join("news/again")).unwrap();
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_number(&run, "indexed"), 1, "each file once: {}", run.stderr);
    assert_eq!(total(&dir, "Пекине"), 1);
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Dir::new();
    let locked = dir.write("news/locked.txt", SEED);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let expected = if std::fs::read(&locked).is_err() {
        "Permission denied"
    } else {
        // Root reads through permission bits. A file that nobody can read:
        // /proc/self/mem fails at offset 0 for every process.
        eprintln!("running as root: using a link to /proc/self/mem as the unreadable file");
        std::fs::remove_file(&locked).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &locked).unwrap();
        "Input/output error"
    };
    dir.write("news/good.txt", SEED);
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.starts_with("poisk: news/locked.txt: ") && l.contains(expected)),
        "{}",
        run.stderr
    );
    assert_eq!((summary_number(&run, "indexed"), summary_number(&run, "skipped")), (1, 1), "{}", run.stderr);
}

#[test]
fn a_directory_of_10000_small_files() {
    let dir = Dir::new();
    for i in 0..10_000 {
        let text = format!(" date 2025-09-03 Заметка {i}\n\nКороткая заметка номер {i} о переговорах в Пекине.\n");
        dir.write(&format!("news/{:02}/{i:05}.txt", i % 100), text);
    }
    let started = Instant::now();
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_number(&run, "indexed"), 10_000, "{}", run.stderr);
    eprintln!("10,000 files indexed in {:.1?}", started.elapsed());
    assert_eq!(total(&dir, "заметка"), 10_000);
}
