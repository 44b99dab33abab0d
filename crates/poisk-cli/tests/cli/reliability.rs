//! Nothing lost: bad input, re-indexing, crashes and concurrent use (see
//! RELIABILITY.md at the repository root, which names each test here).

mod bad_input;
mod crash;
mod index_dir;
mod queries;
mod reindex;
mod storage;
mod text;

use std::process::{Child, Command, Stdio};

use crate::util::{Dir, Run};

/// The index directory every test here uses, inside its temporary directory.
pub const IDX: &str = "idx";

/// `poisk index --index idx ARGS...`.
pub fn index(dir: &Dir, args: &[&str]) -> Run {
    let mut all = vec!["index", "--index", IDX];
    all.extend_from_slice(args);
    dir.poisk(&all)
}

/// How many articles of the index match `query` (0 when none do).
pub fn total(dir: &Dir, query: &str) -> u64 {
    let run = dir.poisk(&["search", "--index", IDX, "--format", "json", "-n", "1", "--snippets", "0", query]);
    assert!(run.code <= 1, "search {query:?} failed: {}", run.stderr);
    run.json()["total"].as_u64().expect("total is a number")
}

/// How many quotes the index holds.
pub fn quote_count(dir: &Dir) -> usize {
    let run = dir.poisk(&["quotes", "--index", IDX, "--format", "json"]);
    assert!(run.code <= 1, "quotes failed: {}", run.stderr);
    run.stdout.lines().count()
}

/// Starts `poisk ARGS...` in `dir` without waiting for it; stdin is a pipe.
pub fn spawn(dir: &Dir, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_poisk"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("POISK_INDEX")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start poisk")
}

/// Asserts that `run` stopped with exit status 2 and an error (not a panic)
/// containing every one of `needles`.
pub fn assert_error(run: &Run, needles: &[&str]) {
    assert_eq!(run.code, 2, "expected an error exit: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "a panic: {}", run.stderr);
    for needle in needles {
        assert!(run.stderr.contains(needle), "stderr should mention {needle:?}: {}", run.stderr);
    }
}
