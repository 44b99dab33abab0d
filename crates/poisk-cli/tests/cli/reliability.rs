//! Nothing lost: bad input, re-indexing, crashes and concurrent use (see
//! RELIABILITY.md at the repository root, which names each test here).

mod bad_input;
mod crash;
mod index_dir;
mod limits;
mod queries;
mod reindex;
mod storage;
mod text;

use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

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

/// Runs `poisk ARGS...` in `dir` as [`Dir::poisk`] does, but with its heap
/// and anonymous memory limited to `memory_mb` (`ulimit -d`: unlike
/// `ulimit -v` it leaves out the index files tantivy maps and the address
/// space the allocator only reserves) and killed after `seconds`, so that a
/// regression fails the test instead of the machine. Stdin is empty.
pub fn run_limited(dir: &Dir, args: &[&str], memory_mb: u64, seconds: u64) -> Run {
    let out = tempfile::tempdir().expect("temp dir");
    let file = |name: &str| std::fs::File::create(out.path().join(name)).expect("output file");
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -d \"$1\" && shift && exec \"$@\"", "sh", &(memory_mb * 1024).to_string()])
        .arg(env!("CARGO_BIN_EXE_poisk"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("POISK_INDEX")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(file("stdout"))
        .stderr(file("stderr"))
        .spawn()
        .expect("run poisk");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for poisk") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(seconds) {
            child.kill().expect("kill poisk");
            child.wait().expect("wait for poisk");
            panic!("poisk {args:?} did not finish within {seconds} s");
        }
        sleep(Duration::from_millis(50));
    };
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).expect("UTF-8 output");
    Run { code: status.code().unwrap_or(-1), stdout: read("stdout"), stderr: read("stderr") }
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
