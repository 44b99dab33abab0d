//! Hostile queries to the real `poisk search` and `poisk timeline`: each
//! ends in bounded time and memory, with a result, a partial result, a
//! warning or an error, and never a panic or an abort (RELIABILITY.md,
//! "Hostile queries"). Every child runs under a memory limit and a time
//! limit, so a regression fails the test rather than the machine.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::{IDX, index};
use crate::util::{Dir, SEED};

/// The address space a child may take: searching a small index takes well
/// under 100 MB; each case here took gigabytes before it was bounded.
const MEMORY_KB: u64 = 512 * 1024;

/// Wall-clock time a child may take; each case here answers in well under
/// a second, and took from seconds to minutes (or never ended) before.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What a bounded run printed and how it ended.
struct Bounded {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Bounded {
    /// Asserts the exit status, and that nothing panicked or aborted.
    fn assert_code(&self, code: i32) -> &Bounded {
        assert!(!self.stderr.contains("panicked"), "a panic: {}", self.stderr);
        assert!(!self.stderr.contains("memory allocation of"), "out of memory: {}", self.stderr);
        assert_eq!(self.code, Some(code), "stderr: {}", self.stderr);
        self
    }

    fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
    }

    fn json(&self) -> serde_json::Value {
        let mut lines = self.json_lines();
        assert_eq!(lines.len(), 1, "one JSON line: {}", self.stdout);
        lines.remove(0)
    }
}

/// Runs `poisk ARGS` in `dir` under [`MEMORY_KB`] and [`TIME_LIMIT`],
/// with `feed` writing its stdin on a thread of its own; a child still
/// running at the time limit is killed and fails the test.
fn bounded(dir: &Dir, args: &[&str], feed: impl FnOnce(&mut dyn Write) + Send + 'static) -> Bounded {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v \"$0\" && exec \"$@\"")
        .arg(MEMORY_KB.to_string())
        .arg(env!("CARGO_BIN_EXE_poisk"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("POISK_INDEX")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run poisk");
    let mut stdin = child.stdin.take().expect("stdin");
    // A child that stops reading closes the pipe: not the writer's concern.
    let writer = thread::spawn(move || feed(&mut stdin));
    let read = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("read output");
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for poisk") {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().expect("kill poisk");
            child.wait().expect("reap poisk");
            panic!("poisk {args:?} was still running after {TIME_LIMIT:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    Bounded { code: status.code(), stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") }
}

/// [`bounded`] with nothing on stdin.
fn search(dir: &Dir, args: &[&str]) -> Bounded {
    let mut all = vec!["search", "--index", IDX];
    all.extend_from_slice(args);
    bounded(dir, &all, |_| {})
}

/// An index of the seed article and `articles` (`(file name, text)` in the
/// seed format).
fn indexed(articles: &[(String, String)]) -> Dir {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    for (name, text) in articles {
        dir.write(&format!("news/{name}"), text);
    }
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// A seed-format article dated in January 2024.
fn article(n: usize, title: &str, body: &str) -> (String, String) {
    (format!("a{n:03}.txt"), format!(" date 2024-01-{:02} {title}\n\n{body}\n", n % 28 + 1))
}

/// Asserts that a search for `query` fails with a query error at
/// `position` whose message has `what`.
fn assert_query_error(dir: &Dir, query: &str, position: usize, what: &str) {
    let run = search(dir, &["--format", "json", query]);
    run.assert_code(2);
    assert!(run.stderr.contains(&format!("query error at position {position}: ")), "{}", run.stderr);
    assert!(run.stderr.contains(what), "{}", run.stderr);
}

#[test]
fn prefixes_and_typos_past_the_cap_are_a_query_error() {
    let dir = indexed(&[]);
    // `п* OR …` 1,000 times (7 kB) was 1,000 prefix expansions; the 21st
    // word is refused, at its position.
    let cap = "more than 20 prefix and typo words";
    assert_query_error(&dir, &vec!["п*"; 1_000].join(" OR "), 6 * 20, cap);
    assert_query_error(&dir, &vec!["путин~2"; 2_000].join(" "), 8 * 20, cap);
    // 2,000 different typo-tolerant words.
    let letters: Vec<char> = "абвгдежзиклмнопрстуф".chars().collect();
    let different: Vec<String> =
        (0..2_000).map(|i| format!("{}{}{}~2", letters[i % 20], letters[i / 20 % 20], letters[i / 400])).collect();
    assert_query_error(&dir, &different.join(" "), 6 * 20, cap);
    // Up to the cap, a query runs.
    let twenty = search(&dir, &["--format", "json", &vec!["пекин~1"; 20].join(" OR ")]);
    assert_eq!(twenty.assert_code(0).json()["total"], 1);
}

#[test]
fn a_word_of_ten_thousand_typo_marks_is_a_query_error() {
    let dir = indexed(&[]);
    // One word between spaces, thousands to the analyzer: it passed the
    // word cap and grew past 6 GB.
    let ten_thousand = format!("путин{}", "~2".repeat(10_000));
    assert_query_error(&dir, &ten_thousand, 20_000, "longer than 20000 characters");
    let shorter = format!("путин{}", "~2".repeat(2_500));
    assert_query_error(&dir, &shorter, 5 + 2 * 1_999 + 1, "more than 2000 words");
}

/// `n` words of a small vocabulary in a fixed pseudo-random order: the
/// phrase words stand close together many times, at irregular distances.
fn word_soup(n: usize) -> String {
    const WORDS: [&str; 8] = ["в", "путин", "россия", "и", "на", "слово", "день", "год"];
    let mut x: u64 = 1;
    let words: Vec<&str> = (0..n)
        .map(|_| {
            x = (x * 1_103_515_245 + 12_345) % (1 << 31);
            WORDS[(x >> 16) as usize % WORDS.len()]
        })
        .collect();
    words.join(" ") + "."
}

#[test]
fn sloppy_phrases_of_repeated_words_stay_small() {
    // On this text tantivy's phrase scorer took 5.8 to 7 GB for the first
    // two phrases, 4.4 GB for the third, and aborted.
    let dir = indexed(&[article(1, "Смесь", &word_soup(5_000))]);
    let pairs = ["путин россия"; 8].join(" ");
    let run = search(&dir, &["--format", "json", "--snippets", "0", &format!("\"{pairs}\"~1000")]);
    let json = run.assert_code(0).json();
    assert_eq!(json["hits"][0]["title"], "Смесь");
    assert_eq!(json["warnings"][0], "a phrase allows at most 100 words in between: ~1000 searched as ~100");
    let prepositions = vec!["в"; 16].join(" ");
    let run = search(&dir, &["--format", "json", "--snippets", "0", &format!("\"{prepositions}\"~50")]);
    assert!(run.assert_code(0).json()["total"].as_u64() >= Some(1));
    let long = vec!["путин россия"; 1_000].join(" ");
    let long = long.rsplit_once(' ').expect("two words").0;
    search(&dir, &["--format", "json", "--snippets", "0", &format!("\"{long}\"~99999")]).assert_code(1);
}

#[test]
fn explanations_are_bounded() {
    // 150 articles whose words begin with п, с and в.
    let articles: Vec<(String, String)> = (0..150)
        .map(|n| article(n, &format!("Сводка {n}"), &format!("Правительство сообщило в понедельник о выплате {n}.")))
        .collect();
    let dir = indexed(&articles);
    let run = search(&dir, &["--format", "json", "--explain", "--snippets", "0", "-n", "1000", "п* OR с* OR в*"]);
    let json = run.assert_code(0).json();
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 151);
    let explained = hits.iter().filter(|h| h.get("explanation").is_some()).count();
    assert_eq!(explained, 100);
    assert_eq!(json["warnings"][0], "scores explained for the first 100 hits only");
}

#[test]
fn limits_past_the_window_are_an_error_and_snippets_are_lowered() {
    let dir = indexed(&[]);
    let window = "reaches past the first 10000 results";
    for args in [
        ["--limit", "18446744073709551615"],
        ["--limit", "10000000000"],
        ["--offset", "1000000000000"],
        ["--offset", "18446744073709551615"],
    ] {
        let run = search(&dir, &[args[0], args[1], "Пекин"]);
        run.assert_code(2);
        assert!(run.stderr.contains(window), "{args:?}: {}", run.stderr);
    }
    let by_date = search(&dir, &["--sort", "date", "--limit", "1000000000", "Пекин"]);
    assert!(by_date.assert_code(2).stderr.contains(window), "{}", by_date.stderr);
    // The whole window is fine.
    // Something matched, though past the offset: found, exit 0.
    search(&dir, &["--limit", "9990", "--offset", "10", "Пекин"]).assert_code(0);
    search(&dir, &["--limit", "10000", "Пекин"]).assert_code(0);
    let snippets = search(&dir, &["--format", "json", "--snippets", "18446744073709551615", "Пекин"]);
    let json = snippets.assert_code(0).json();
    assert_eq!(json["warnings"][0], "at most 20 snippets per hit: 18446744073709551615 lowered to 20");
    assert!(!json["hits"][0]["snippets"].as_array().expect("snippets").is_empty());
    // Not a number of hits at all: clap says so.
    search(&dir, &["--limit", "1e10", "Пекин"]).assert_code(2);
}

#[test]
fn a_batch_answers_every_line_it_can_and_names_the_others() {
    let dir = indexed(&[]);
    // A line of 100 MB, sent as it is read, is refused by its number and
    // never echoed; a line of invalid UTF-8 is refused alone.
    let huge = 100 << 20;
    let feed = move |stdin: &mut dyn Write| {
        let _ = stdin.write_all(b"\xd0\x9f\xd0\xb5\xd0\xba\xd0\xb8\xd0\xbd\n\xff\xfe\xd0\xba\n");
        let chunk = "ж".repeat(1 << 19);
        for _ in 0..huge / chunk.len() {
            if stdin.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
        let _ = stdin.write_all("\nпутин OR\nКим Чен Ын\n".as_bytes());
    };
    let args = ["search", "--index", IDX, "--format", "json", "--snippets", "0", "-"];
    let run = bounded(&dir, &args, feed);
    run.assert_code(2);
    assert!(run.stderr.contains("3 lines of 5 could not be answered"), "{}", run.stderr);
    assert!(run.stdout.len() < 10_000, "the long line is not echoed: {} bytes", run.stdout.len());
    let lines = run.json_lines();
    let answered: Vec<(Option<u64>, Option<&str>)> =
        lines.iter().map(|l| (l["line"].as_u64(), l["error"].as_str())).collect();
    assert_eq!(
        answered,
        [
            (None, None),
            (Some(2), Some("not UTF-8 text: invalid byte at byte 0 of the line")),
            (Some(3), Some("the line is 104.9 MB; a query may be at most 20000 characters")),
            (Some(4), Some("query error at position 8: OR needs a word after it")),
            (None, None),
        ]
    );
    assert_eq!(lines[0]["query"], "Пекин");
    assert_eq!((lines[2]["query"].is_null(), lines[3]["position"].as_u64()), (true, Some(8)));
    assert_eq!(lines[4]["total"], 1);
    // As text, each refused line is one line on stderr.
    let text = bounded(&dir, &["search", "--index", IDX, "-"], |stdin| {
        let _ = stdin.write_all(b"\xff\n\xd0\x9f\xd0\xb5\xd0\xba\xd0\xb8\xd0\xbd\n");
    });
    text.assert_code(2);
    assert!(text.stderr.contains("poisk: <stdin>:1: not UTF-8 text"), "{}", text.stderr);
    assert!(text.stdout.contains("1 of 1 match for «Пекин»"), "{}", text.stdout);
}

#[test]
fn a_search_out_of_time_returns_what_it_found_so_far() {
    let dir = indexed(&[]);
    // A nanosecond: the time is up before the first document.
    let run = search(&dir, &["--format", "json", "--timeout", "0.000000001", "Пекин"]);
    let json = run.assert_code(1).json();
    assert_eq!((json["partial"].as_bool(), json["total"].as_u64()), (Some(true), Some(0)));
    let text = search(&dir, &["--timeout", "0.000000001", "Пекин"]);
    assert!(text.assert_code(1).stdout.contains("the search ran out of time"), "{}", text.stdout);
    assert!(text.stdout.contains("at least 0 matches for «Пекин», none shown"), "{}", text.stdout);
    // The default budget is ample for an ordinary search.
    let json = search(&dir, &["--format", "json", "Пекин"]).assert_code(0).json();
    assert_eq!((json["partial"].as_bool(), json["total"].as_u64()), (Some(false), Some(1)));
    let timeline =
        bounded(&dir, &["timeline", "--index", IDX, "--format", "json", "--timeout", "0.000000001", "Пекин"], |_| {});
    assert_eq!(timeline.assert_code(1).json()["partial"], true);
}
