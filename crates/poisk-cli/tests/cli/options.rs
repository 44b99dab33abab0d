//! Options and query forms each checked by a test that fails without them:
//! paging, snippets, date order, index resolution, `NOT`, scopes, years,
//! a closed pipe, a batch with a bad line, `--commit-every`, deleted
//! documents, the seed fallback of `quotes` and `speakers`, CRLF input,
//! the layout retry's thresholds, `NO_COLOR` on a terminal.
//!
//! The articles are invented for these tests, each with a date, so that
//! orders and filters have something to tell apart.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::util::{Dir, SEED};

/// Five dated articles about grain (зерно) in seed format; two quote Иван
/// Петров, one Анна Смирнова.
const ARTICLES: [(&str, &str); 5] = [
    (
        "a1.txt",
        " date 2024-01-10 Переговоры в Минске\n\nМинистр Иван Петров провёл в Минске переговоры о поставках зерна.\n\n«Мы договорились о новых поставках зерна», — сказал Иван Петров.\n\nСтороны обсудили цены на удобрения.",
    ),
    (
        "a2.txt",
        " date 2025-03-05 Рынок зерна растёт\n\nЦены на зерно выросли за месяц на пять процентов.\n\n«Спрос на зерно останется высоким до осени», — заявил Иван Петров.",
    ),
    (
        "a3.txt",
        " date 2025-07-01 Урожай в южных областях\n\nАграрии южных областей собрали больше зерна, чем ожидали.\n\nПогода в июне была тёплой.",
    ),
    ("a4.txt", " date 2023-05-05 Погода на выходные\n\nСиноптики обещают дожди и ветер в субботу и воскресенье."),
    (
        "a5.txt",
        " date 2025-09-09 Зерно и пошлины\n\nЭкспорт зерна обложат новой пошлиной.\n\n«Пошлина защитит внутренний рынок зерна», — сказала Анна Смирнова.",
    ),
];

/// A directory with the articles in `txt/` and an index of them in `idx`.
fn indexed() -> Dir {
    let dir = Dir::new();
    for (name, text) in ARTICLES {
        dir.write(&format!("txt/{name}"), text);
    }
    let run = dir.poisk(&["index", "--index", "idx", "txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// The ids of a JSON search's hits, in order.
fn ids(dir: &Dir, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--index", "idx", "--format", "json"];
    all.extend_from_slice(args);
    let run = dir.poisk(&all);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()["hits"].as_array().expect("hits").iter().map(|h| h["id"].as_str().expect("id").to_owned()).collect()
}

#[test]
fn limit_and_offset_page_through_the_same_ranking() {
    let dir = indexed();
    let all = ids(&dir, &["зерно"]);
    assert_eq!(all.len(), 4, "{all:?}");
    assert_eq!(ids(&dir, &["-n", "2", "зерно"]), all[..2]);
    assert_eq!(ids(&dir, &["-n", "2", "--offset", "1", "зерно"]), all[1..3]);
    assert_eq!(ids(&dir, &["--offset", "3", "зерно"]), all[3..]);
}

#[test]
fn snippets_option_sets_how_many_fragments_a_hit_gets() {
    let dir = indexed();
    let count = |args: &[&str]| {
        let mut all = vec!["search", "--index", "idx", "--format", "json"];
        all.extend_from_slice(args);
        let json = dir.poisk(&all).json();
        json["hits"][0]["snippets"].as_array().expect("snippets").len()
    };
    // a1 holds зерно in two paragraphs.
    assert_eq!(count(&["--snippets", "0", "поставках"]), 0);
    assert_eq!(count(&["--snippets", "1", "поставках"]), 1);
    assert_eq!(count(&["--snippets", "3", "поставках"]), 2);
}

#[test]
fn sort_by_date_puts_the_newest_first_and_relevance_does_not() {
    let dir = indexed();
    let by_date = ids(&dir, &["--sort", "date", "зерно"]);
    assert_eq!(by_date, ["a5.txt", "a3.txt", "a2.txt", "a1.txt"]);
    let by_score = ids(&dir, &["зерно"]);
    assert_ne!(by_score, by_date, "relevance order differs from date order on this set");
}

#[test]
fn not_excludes_and_scopes_restrict_where_a_word_counts() {
    let dir = indexed();
    assert_eq!(ids(&dir, &["зерно NOT пошлина"]), {
        let mut v = ids(&dir, &["зерно"]);
        v.retain(|id| id != "a5.txt");
        v
    });
    // Урожай is in a3's title only.
    assert_eq!(ids(&dir, &["урожай"]), ["a3.txt"]);
    assert!(ids(&dir, &["body:урожай"]).is_empty());
    // Петров speaks in a1 and a2; a5's speaker is Смирнова.
    let mut spoken = ids(&dir, &["--quotes", "speaker:Петров зерно"]);
    spoken.iter_mut().for_each(|id| *id = id.split('#').next().unwrap_or_default().to_owned());
    spoken.sort();
    assert_eq!(spoken, ["a1.txt", "a2.txt"]);
}

#[test]
fn a_year_in_the_query_keeps_that_year() {
    let dir = indexed();
    let mut in_2025 = ids(&dir, &["зерно date:2025"]);
    in_2025.sort();
    assert_eq!(in_2025, ["a2.txt", "a3.txt", "a5.txt"]);
    assert_eq!(ids(&dir, &["зерно date:2024"]), ["a1.txt"]);
}

#[test]
fn the_index_comes_from_poisk_index_then_the_working_directory() {
    let dir = indexed();
    let run = |envs: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_poisk"));
        command.args(["search", "--format", "json", "пошлина"]).current_dir(dir.path()).env_remove("POISK_INDEX");
        for (k, v) in envs {
            command.env(k, v);
        }
        let out = command.output().expect("run poisk");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON")
    };
    // No ./poisk-index: the seed, which has no пошлина.
    assert_eq!(run(&[])["total"], 0);
    assert_eq!(run(&[("POISK_INDEX", "idx")])["hits"][0]["id"], "a5.txt");
    std::fs::rename(dir.path().join("idx"), dir.path().join("poisk-index")).expect("rename");
    assert_eq!(run(&[])["hits"][0]["id"], "a5.txt");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly_with_status_zero() {
    let dir = indexed();
    let mut child = Command::new(env!("CARGO_BIN_EXE_poisk"))
        .args(["search", "--index", "idx", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run poisk");
    // Enough output to fill the pipe many times over.
    let queries = "зерно\n".repeat(20_000);
    let mut stdin = child.stdin.take().expect("stdin");
    let feeder = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, queries.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    let _ = feeder.join();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn a_batch_with_a_query_it_cannot_answer_exits_two_after_answering_the_rest() {
    let dir = indexed();
    // Past the query length cap (`poisk::limits::MAX_QUERY_CHARS`).
    let too_long = "зерно ".repeat(4_000);
    let input = format!("зерно\n{too_long}\nпошлина\n");
    let run = dir.poisk_with_stdin(&["search", "--index", "idx", "--format", "json", "-"], &input);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["hits"][0]["id"], "a5.txt");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().is_some_and(|e| e.contains("longer than")), "{}", lines[1]["error"]);
    assert_eq!(lines[2]["hits"][0]["id"], "a5.txt");
}

#[test]
fn commit_every_takes_zero_and_refuses_what_is_not_a_size() {
    let dir = Dir::new();
    for (name, text) in ARTICLES {
        dir.write(&format!("txt/{name}"), text);
    }
    let run = dir.poisk(&["index", "--index", "idx", "--commit-every", "0", "txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.poisk(&["stats", "--index", "idx", "--format", "json"]).json()["articles"], 5);
    for bad in ["many", "NaN", "1.2.3"] {
        let run = dir.poisk(&["index", "--index", "other", "--commit-every", bad, "txt"]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--commit-every"), "{bad}: {}", run.stderr);
        assert!(!dir.path().join("other").exists(), "{bad}: nothing is created");
    }
}

#[test]
fn stats_count_the_documents_a_replacement_deleted() {
    let dir = Dir::new();
    let record = |id: &str, body: &str| serde_json::json!({"id": id, "title": "Заметка", "body": body}).to_string();
    let many: Vec<String> =
        (0..60).map(|n| record(&format!("n{n}"), &format!("Короткая заметка номер {n}."))).collect();
    dir.write("many.jsonl", many.join("\n") + "\n");
    assert_eq!(dir.poisk(&["index", "--index", "idx", "many.jsonl"]).code, 0);
    let before = dir.poisk(&["stats", "--index", "idx", "--format", "json"]).json();
    assert_eq!(before["deleted_documents"], 0, "{before}");
    // n7 again from another file, now with a quote: the old n7 is deleted
    // in a segment of 60 documents, which keeps it as deleted.
    dir.write("one.jsonl", record("n7", "«Заметка исправлена», — сказал Иван Петров.") + "\n");
    assert_eq!(dir.poisk(&["index", "--index", "idx", "one.jsonl"]).code, 0);
    let after = dir.poisk(&["stats", "--index", "idx", "--format", "json"]).json();
    let counts = (after["articles"].as_u64(), after["quotes"].as_u64(), after["deleted_documents"].as_u64());
    assert_eq!(counts, (Some(60), Some(1), Some(1)), "{after}");
}

#[test]
fn quotes_and_speakers_fall_back_to_the_seed() {
    let dir = Dir::new();
    let quotes = dir.poisk(&["quotes", "--format", "json"]);
    assert_eq!(quotes.code, 0, "{}", quotes.stderr);
    let speakers: Vec<String> =
        quotes.json_lines().iter().map(|q| q["speaker"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(speakers, ["Владимир Путин", "Владимир Путин", "Ким Чен Ын", "Ким Чен Ын"], "{}", quotes.stdout);
    let listed = dir.poisk(&["speakers"]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(listed.stdout.contains("Владимир Путин") && listed.stdout.contains("Ким Чен Ын"), "{}", listed.stdout);
    assert!(listed.stderr.contains("seed"), "the fallback is said: {}", listed.stderr);
}

#[test]
fn crlf_line_ends_give_the_same_quotes() {
    let dir = Dir::new();
    dir.write("lf/seed.txt", SEED);
    dir.write("crlf/seed.txt", SEED.replace('\n', "\r\n"));
    let quotes = |path: &str| {
        let run = dir.poisk(&["quotes", "--format", "json", path]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.json_lines()
            .iter()
            .map(|q| (q["text"].as_str().unwrap_or_default().to_owned(), q["speaker"].as_str().map(str::to_owned)))
            .collect::<Vec<_>>()
    };
    let lf = quotes("lf");
    assert_eq!(lf.len(), 4);
    assert_eq!(quotes("crlf"), lf);
}

#[test]
fn json_hits_carry_their_kind_article_quotes_and_snippet_text() {
    let dir = indexed();
    let json = dir.poisk(&["search", "--index", "idx", "--format", "json", "пошлина"]).json();
    let hit = &json["hits"][0];
    assert_eq!(
        (hit["kind"].as_str(), hit["id"].as_str(), hit["article_id"].as_str()),
        (Some("article"), Some("a5.txt"), Some("a5.txt"))
    );
    let quote = &hit["quotes"][0];
    assert_eq!(quote["speaker"], "Анна Смирнова");
    assert_eq!(quote["text"], "Пошлина защитит внутренний рынок зерна");
    let snippet = &hit["snippets"][0];
    let text = snippet["text"].as_str().expect("snippet text");
    assert_eq!(text, "Экспорт зерна обложат новой пошлиной.");
    let [start, end] = [0, 1].map(|i| snippet["highlights"][0][i].as_u64().expect("highlight") as usize);
    assert_eq!(&text[start..end], "пошлиной");

    let spoken = dir.poisk(&["search", "--index", "idx", "--format", "json", "--quotes", "пошлина"]).json();
    let hit = &spoken["hits"][0];
    assert_eq!((hit["kind"].as_str(), hit["article_id"].as_str()), (Some("quote"), Some("a5.txt")));
    assert_eq!((hit["speaker"].as_str(), hit["text"].as_str()), (Some("Анна Смирнова"), quote["text"].as_str()));
}

#[test]
fn text_output_says_when_it_relaxed_and_shows_quotes_and_a_summary() {
    let dir = indexed();
    let run = dir.poisk(&["search", "--index", "idx", "--color", "never", "пошлина трактор"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "no article has all the words; showing those with any of them", "{}", run.stdout);
    // The header names the article's id; the line under it, where it was read from.
    assert!(lines[1].starts_with(" 1. 2025-09-09  Зерно и пошлины  a5.txt  score "), "{}", run.stdout);
    assert_eq!(lines[2], "    txt/a5.txt", "{}", run.stdout);
    assert!(lines.contains(&"    ❝ «Пошлина защитит внутренний рынок зерна» — Анна Смирнова"), "{}", run.stdout);
    let summary = lines.last().unwrap();
    assert!(summary.contains("of 1 match for «пошлина трактор» in "), "{summary}");

    let spoken = dir.poisk(&["search", "--index", "idx", "--color", "never", "--quotes", "Петров договорились"]);
    assert_eq!(spoken.code, 0, "{}", spoken.stderr);
    assert!(
        spoken.stdout.contains("    «Мы договорились о новых поставках зерна» — Иван Петров\n"),
        "{}",
        spoken.stdout
    );
}

/// An index of `latin` articles holding the Latin-letter word `pthyj` (what
/// `зерно` becomes when typed on the Latin layout) and `russian` articles
/// holding `зерно`, in JSONL.
fn layout_index(latin: usize, russian: usize) -> Dir {
    let dir = Dir::new();
    let mut lines = String::new();
    for i in 0..latin {
        lines.push_str(&format!(
            "{{\"id\":\"l{i}\",\"date\":\"2025-01-01\",\"title\":\"Код {i}\",\"body\":\"Артикул pthyj в каталоге.\"}}\n"
        ));
    }
    for i in 0..russian {
        lines.push_str(&format!(
            "{{\"id\":\"r{i}\",\"date\":\"2025-01-01\",\"title\":\"Урожай {i}\",\"body\":\"Аграрии собрали зерно.\"}}\n"
        ));
    }
    dir.write("in.jsonl", lines);
    let run = dir.poisk(&["index", "--index", "idx", "in.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// The query searched instead of `pthyj`, if any.
fn corrected(dir: &Dir) -> Option<String> {
    let run = dir.poisk(&["search", "--index", "idx", "--format", "json", "pthyj"]);
    assert!(run.code <= 1, "{}", run.stderr);
    run.json()["corrected"].as_str().map(str::to_owned)
}

#[test]
fn the_layout_retry_needs_almost_nothing_typed_and_five_times_more_converted() {
    // Typed finds 1; converted must find more than 5 times that.
    assert_eq!(corrected(&layout_index(1, 5)), None);
    assert_eq!(corrected(&layout_index(1, 6)).as_deref(), Some("зерно"));
    // Typed finds 2, still almost nothing: 11 converted is enough.
    assert_eq!(corrected(&layout_index(2, 11)).as_deref(), Some("зерно"));
    // Typed finds 3: the typed query stands, however much more converted finds.
    assert_eq!(corrected(&layout_index(3, 40)), None);
}

/// Runs `poisk search` on a pseudo-terminal (through `script`) and returns
/// what it printed.
fn on_a_terminal(dir: &Dir, no_color: bool) -> String {
    let command = format!("{} search --index idx зерно", env!("CARGO_BIN_EXE_poisk"));
    let mut script = Command::new("script");
    script.args(["-qec", &command, "/dev/null"]).current_dir(dir.path()).env_remove("POISK_INDEX");
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    let output = script.stdin(Stdio::null()).output().expect("run script (util-linux)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn colour_on_a_terminal_unless_no_color_is_set() {
    let dir = indexed();
    let coloured = on_a_terminal(&dir, false);
    assert!(coloured.contains("\u{1b}["), "a terminal gets colour: {coloured}");
    let plain = on_a_terminal(&dir, true);
    assert!(plain.contains("Рынок зерна растёт"), "{plain}");
    assert!(!plain.contains("\u{1b}["), "NO_COLOR turns colour off: {plain}");
}
