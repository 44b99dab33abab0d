//! `kill -9` in the middle of `poisk index`, searching while another
//! process indexes, and a second writer at the same time.

use std::io::Write;
use std::process::Child;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::{IDX, assert_error, index, quote_count, spawn};
use crate::util::{Dir, SEED};

/// `--commit-every` of these tests: 100 kB, some 25 articles, so that a
/// debug build commits every few tenths of a second.
const COMMIT_BYTES: usize = 100_000;

/// JSONL articles that all have the same size, so that the commits fall
/// after known numbers of them: the seed article's body under a numbered
/// title. Each has the seed's four quotes, one of them with «братским
/// долгом».
struct Articles {
    lines: Vec<String>,
    /// Bytes of article text in each.
    size: usize,
}

impl Articles {
    fn new(count: usize) -> Articles {
        let body = SEED.split_once("\n\n").unwrap().1.replace("CentralAsia (CA) - ", "");
        let title = |i: usize| format!("Статья {i:06}");
        let lines: Vec<String> = (0..count)
            .map(|i| format!("{}\n", serde_json::json!({"id": format!("a{i:06}"), "title": title(i), "body": body})))
            .collect();
        let size = title(0).len() + body.len();
        Articles { lines, size }
    }

    /// How many articles each commit of a run over all of them leaves in
    /// the index, as `poisk index` promises: the first after
    /// `--commit-every` bytes of text, each later one when the text since
    /// the last reaches `--commit-every` or half of what is committed,
    /// whichever is more; the last at the end.
    fn commit_points(&self) -> Vec<u64> {
        let (mut points, mut committed, mut uncommitted) = (Vec::new(), 0, 0);
        for n in 1..=self.lines.len() as u64 {
            uncommitted += self.size;
            if uncommitted >= COMMIT_BYTES.max(committed / 2) {
                points.push(n);
                committed += uncommitted;
                uncommitted = 0;
            }
        }
        points.push(self.lines.len() as u64);
        points
    }

    fn write(&self, dir: &Dir, name: &str) {
        dir.write(name, self.lines.concat());
    }
}

/// Articles and quotes of the committed index, or `None` when there is no
/// index yet (a kill before the first commit of a new index).
fn committed(dir: &Dir) -> Option<(u64, u64)> {
    let count = |quotes: bool| {
        let mut args = vec!["search", "--index", IDX, "--format", "json", "-n", "1", "--snippets", "0"];
        args.extend(if quotes { &["--quotes", "братским долгом"][..] } else { &["Пекине"][..] });
        let run = dir.poisk(&args);
        if run.code == 2 && run.stderr.contains("no index at") {
            return None;
        }
        assert!(run.code <= 1, "the index must open after a kill: {}", run.stderr);
        Some(run.json()["total"].as_u64().unwrap())
    };
    Some((count(false)?, count(true)?))
}

/// Waits for `child` up to `limit`; `None` if it is still running.
fn wait_for(child: &mut Child, limit: Duration) -> Option<i32> {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status.code().unwrap_or(-1));
        }
        sleep(Duration::from_millis(20));
    }
    None
}

/// When to kill a run.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// As soon as a search sees at least this many articles, so that some
    /// kills fall in the middle of the run however fast the machine is.
    Committed(u64),
}

/// Starts `args` and kills it (`SIGKILL`) at `when`; true if it was still
/// running then.
fn run_and_kill(dir: &Dir, args: &[&str], when: KillAt) -> bool {
    let mut child = spawn(dir, args);
    let KillAt::Committed(n) = when;
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && committed(dir).is_none_or(|(found, _)| found < n) {
        assert!(started.elapsed() < Duration::from_secs(120), "no commit of {n} articles");
        sleep(Duration::from_millis(20));
    }
    child.kill().is_ok() && child.wait().unwrap().code().is_none()
}

#[test]
fn kill_9_leaves_the_last_commit_and_a_rerun_completes_the_job() {
    let dir = Dir::new();
    let articles = Articles::new(500);
    articles.write(&dir, "news.jsonl");
    let total = articles.lines.len() as u64;
    let commits = articles.commit_points();
    // The commits grow: fewer than one per 200 kB.
    assert!(commits.len() < total as usize * articles.size / COMMIT_BYTES / 2, "{commits:?}");
    let commit = (COMMIT_BYTES as f64 / 1e6).to_string();
    let args = ["index", "--index", IDX, "--commit-every", &commit, "--threads", "1", "news.jsonl"];
    let (mut last, mut in_the_middle) = (0, 0);
    let points = [KillAt::Committed(1), KillAt::Committed(total / 4), KillAt::Committed(total / 2)];
    for when in points {
        let killed = run_and_kill(&dir, &args, when);
        let Some((found, quotes)) = committed(&dir) else {
            assert_eq!(last, 0, "an index that had commits cannot vanish");
            continue;
        };
        eprintln!("kill at {when:?}: {found} of {total} articles committed (killed: {killed})");
        assert_eq!(quotes, found, "every committed article has its quote");
        assert_eq!(quote_count(&dir) as u64, 4 * found, "and all four: nothing half-added");
        assert!(commits.contains(&found), "{found} is not a commit point of {commits:?}");
        assert!(found >= last, "a later run never loses what an earlier one committed");
        in_the_middle += usize::from(killed && found > 0 && found < total);
        last = found;
    }
    assert!(in_the_middle > 0, "no run was killed between two commits");
    let run = dir.poisk(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("indexed {total} articles")), "{}", run.stderr);
    assert_eq!(committed(&dir), Some((total, total)));
    assert_eq!(quote_count(&dir) as u64, 4 * total);
}

#[test]
fn searches_see_each_commit_while_another_process_indexes() {
    let dir = Dir::new();
    let articles = Articles::new(100);
    let commit = (COMMIT_BYTES as f64 / 1e6).to_string();
    let mut writer = spawn(&dir, &["index", "--index", IDX, "--commit-every", &commit, "-"]);
    let mut stdin = writer.stdin.take().unwrap();
    stdin.write_all(articles.lines.concat().as_bytes()).unwrap();
    stdin.flush().unwrap();
    // The writer is now blocked on stdin, holding the index, with at least
    // one commit behind it.
    let points = articles.commit_points();
    let started = Instant::now();
    let seen = loop {
        if let Some((found, _)) = committed(&dir).filter(|&(found, _)| found > 0) {
            break found;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no commit became visible");
        sleep(Duration::from_millis(100));
    };
    assert!(points.contains(&seen), "a search sees whole commits only: {seen} of {points:?}");

    // A second writer gets a clear error at once, not a hang.
    let started = Instant::now();
    dir.write("more.jsonl", &articles.lines[0]);
    let second = index(&dir, &["more.jsonl"]);
    assert_error(&second, &["index at idx is being written by another process"]);
    assert!(started.elapsed() < Duration::from_secs(20), "the second writer waited");

    drop(stdin);
    assert_eq!(wait_for(&mut writer, Duration::from_secs(120)), Some(0), "the first writer finishes");
    let all = articles.lines.len() as u64;
    assert_eq!(committed(&dir), Some((all, all)));
}

/// The names of the files in the index directory.
fn files(dir: &Dir) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(dir.path().join(IDX))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[test]
fn kill_9_during_a_rebuild_keeps_the_old_index_which_searches_see_throughout() {
    let dir = Dir::new();
    let old = Articles::new(40);
    old.write(&dir, "old.jsonl");
    assert_eq!(index(&dir, &["old.jsonl"]).code, 0);
    // 3,000 other articles (some 10 MB): other ids, another title word.
    let new: Vec<String> = Articles::new(3_000)
        .lines
        .iter()
        .map(|line| line.replace("\"id\":\"a", "\"id\":\"b").replace("Статья", "Заметка"))
        .collect();
    let before = files(&dir);
    let check = |dir: &Dir| {
        assert_eq!(committed(dir), Some((40, 40)), "the old index, whole");
        assert_eq!(super::total(dir, "Заметка"), 0, "nothing of the rebuild");
    };

    // The rebuild reads stdin, which stays open: once it has written
    // segments of its own it is blocked in the middle of its work, and
    // the kill lands there on every run, however fast the machine.
    let mut rebuild = spawn(
        &dir,
        &["index", "--index", IDX, "--rebuild", "--commit-every", "0.1", "--memory", "16", "--threads", "1", "-"],
    );
    let mut stdin = rebuild.stdin.take().unwrap();
    stdin.write_all(new.concat().as_bytes()).unwrap();
    stdin.flush().unwrap();
    let started = Instant::now();
    while files(&dir).difference(&before).count() < 2 {
        check(&dir);
        assert!(rebuild.try_wait().unwrap().is_none(), "the rebuild stopped early");
        assert!(started.elapsed() < Duration::from_secs(300), "the rebuild wrote no segment");
        sleep(Duration::from_millis(100));
    }
    check(&dir);
    rebuild.kill().unwrap();
    assert_eq!(rebuild.wait().unwrap().code(), None, "killed");
    drop(stdin);
    check(&dir);
    let verified = dir.poisk(&["check", "--index", IDX]);
    assert_eq!(verified.code, 0, "{}", verified.stderr);

    // The same rebuild, left to finish, replaces the old index.
    dir.write("new.jsonl", new.concat());
    let run = index(&dir, &["--rebuild", "new.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(super::total(&dir, "Статья"), 0);
    assert_eq!(super::total(&dir, "Заметка"), 3_000);
}
