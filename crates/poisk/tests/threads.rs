//! Thread safety: many threads search while one writer adds and commits.
//!
//! What the crate docs promise under "Threads": a `Searcher` is `Send +
//! Sync + Clone`, searches never fail or panic while a writer commits,
//! what a searcher sees only grows while articles are only added, and a
//! searcher reloaded after a commit sees that commit.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use poisk::index::WriterOptions;
use poisk::search::Match;
use poisk::{Article, Index, Kind, SearchRequest, Searcher, Writer};

/// Checked by the compiler: the types a multi-threaded program shares or
/// moves between threads.
const _: () = {
    const fn shared<T: Send + Sync + Clone>() {}
    const fn moved<T: Send>() {}
    shared::<Searcher>();
    shared::<Index>();
    moved::<Writer>();
};

const READERS: usize = 6;
const COMMITS: usize = 25;
const ARTICLES_PER_COMMIT: usize = 4;

/// Article `n`: every one has the word Пекин and one quote by Иван Петров.
fn article(n: usize) -> Article {
    let body = format!(
        "Встреча номер {n} прошла в Пекине.\n«Переговоры идут хорошо», — сказал министр Иван Петров.\nПодробности позже."
    );
    Article::new(format!("note-{n}"), format!("Переговоры в Пекине, день {n}"), body)
}

/// What one reader saw of the index, in the order it saw it.
#[derive(Default)]
struct Seen {
    searches: usize,
    last_total: usize,
    last_quotes: usize,
    /// Every article total a search returned.
    totals: BTreeSet<usize>,
}

/// Searches until `done`, checking that nothing that was found vanishes and
/// that a reload shows at least what the writer had committed before it;
/// publishes the largest total it has seen in `observed`, which the writer
/// waits for before its next commit.
fn read(searcher: &Searcher, committed: &AtomicUsize, observed: &AtomicUsize, done: &AtomicBool) -> Seen {
    let mut seen = Seen::default();
    let articles = SearchRequest::new("Пекин").limit(3);
    let quotes = SearchRequest::new(Match::new("переговоры").kind(Kind::Quote)).limit(3);
    loop {
        // Read the flag first: the last round runs after the final commit.
        let finished = done.load(Ordering::SeqCst);
        let before = committed.load(Ordering::SeqCst);
        let reloaded = seen.searches % 5 == 0 || finished;
        if reloaded {
            searcher.reload().unwrap();
        }
        let found = searcher.search(&articles).unwrap();
        assert!(found.total >= seen.last_total, "article total went down: {} then {}", seen.last_total, found.total);
        if reloaded {
            assert!(found.total >= before, "a reload missed a commit: {before} committed, {} found", found.total);
        }
        assert_eq!(found.hits.len(), found.total.min(3));
        for hit in &found.hits {
            assert!(hit.title.starts_with("Переговоры в Пекине"), "{}", hit.title);
            assert!(!hit.snippets.is_empty());
        }
        let spoken = searcher.search(&quotes).unwrap();
        assert!(spoken.total >= seen.last_quotes, "quote total went down");
        for hit in &spoken.hits {
            let quote = &hit.quote().unwrap().quote;
            assert_eq!(quote.speaker.as_deref(), Some("Иван Петров"));
        }
        seen.last_total = found.total;
        seen.last_quotes = spoken.total;
        seen.totals.insert(found.total);
        seen.searches += 1;
        observed.fetch_max(found.total, Ordering::SeqCst);
        if finished {
            return seen;
        }
    }
}

/// Adds [`ARTICLES_PER_COMMIT`] articles and commits, [`COMMITS`] times,
/// publishing the number committed after each commit, and waits until
/// every reader has searched that commit before the next one: so every
/// commit overlaps searches, whatever the machine's load.
fn write(mut writer: Writer, committed: &AtomicUsize, observed: &[AtomicUsize], done: &AtomicBool) {
    for round in 0..COMMITS {
        let batch: Vec<Article> = (0..ARTICLES_PER_COMMIT).map(|i| article(round * ARTICLES_PER_COMMIT + i)).collect();
        assert_eq!(writer.add_many(&batch).unwrap(), ARTICLES_PER_COMMIT);
        writer.commit().unwrap();
        let total = (round + 1) * ARTICLES_PER_COMMIT;
        committed.store(total, Ordering::SeqCst);
        // A guard against a hang if a reader died, not a speed limit.
        let deadline = Instant::now() + Duration::from_secs(300);
        while observed.iter().any(|o| o.load(Ordering::SeqCst) < total) {
            if Instant::now() > deadline {
                done.store(true, Ordering::SeqCst);
                panic!("after commit {round} some reader never saw {total} articles");
            }
            std::thread::yield_now();
        }
    }
    writer.finish().unwrap();
    done.store(true, Ordering::SeqCst);
}

#[test]
fn many_threads_search_while_one_writer_commits() {
    let index = Index::in_memory().unwrap();
    let writer = index.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 }).unwrap();
    let searcher = index.searcher().unwrap();
    let committed = AtomicUsize::new(0);
    let observed: Vec<AtomicUsize> = (0..READERS).map(|_| AtomicUsize::new(0)).collect();
    let done = AtomicBool::new(false);

    let seen: Vec<Seen> = std::thread::scope(|scope| {
        // Half the readers share one searcher by reference, half own a clone.
        let readers: Vec<_> = (0..READERS)
            .map(|i| {
                let (committed, observed, done) = (&committed, &observed[i], &done);
                if i % 2 == 0 {
                    let searcher = &searcher;
                    scope.spawn(move || read(searcher, committed, observed, done))
                } else {
                    let searcher = searcher.clone();
                    scope.spawn(move || read(&searcher, committed, observed, done))
                }
            })
            .collect();
        scope.spawn(|| write(writer, &committed, &observed, &done));
        readers.into_iter().map(|r| r.join().expect("a reader panicked")).collect()
    });

    let all = COMMITS * ARTICLES_PER_COMMIT;
    let every_commit: BTreeSet<usize> = (1..=COMMITS).map(|round| round * ARTICLES_PER_COMMIT).collect();
    for s in &seen {
        // Each reader searched between every two commits.
        assert!(s.totals.is_superset(&every_commit), "a reader saw only {:?}", s.totals);
        assert_eq!((s.last_total, s.last_quotes), (all, all), "after the last commit and a reload, all is seen");
    }
    searcher.reload().unwrap();
    assert_eq!((searcher.num_articles(), searcher.num_quotes()), (all, all));
}

#[test]
fn a_second_writer_is_refused_while_the_first_lives() {
    let index = Index::in_memory().unwrap();
    let first = index.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 }).unwrap();
    let second = std::thread::scope(|scope| scope.spawn(|| index.writer().err()).join().unwrap());
    assert!(matches!(second, Some(poisk::Error::Locked { .. })), "{second:?}");
    drop(first);
    index.writer().unwrap();
}
