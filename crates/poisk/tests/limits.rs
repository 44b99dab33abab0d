//! The caps of `poisk::limits` through the library's API: numbers past a
//! cap are lowered with a warning or refused, never a panic or an
//! allocation of their size. The expensive cases run in the CLI tests,
//! under a memory limit (`crates/poisk-cli/tests/cli/reliability/queries.rs`).
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::sync::OnceLock;
use std::time::Duration;

use poisk::limits::{MAX_QUERY_CHARS, MAX_QUOTES_PER_HIT, MAX_RESULT_WINDOW, MAX_SNIPPETS, MAX_WORDS};
use poisk::search::TimelineRequest;
use poisk::search::{HitKind, Match};
use poisk::snippet::SnippetConfig;
use poisk::{Error, SearchRequest, Searcher};

fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| poisk::builtin::index().unwrap().searcher().unwrap())
}

#[test]
fn counts_of_any_size_are_lowered_with_a_warning() {
    let huge = SnippetConfig { max_fragments: usize::MAX, max_chars: usize::MAX };
    let request = SearchRequest::new("Пекин").snippets(huge).quotes_per_hit(usize::MAX);
    let results = searcher().search(&request).unwrap();
    assert_eq!(
        results.warnings,
        [
            format!("at most {MAX_SNIPPETS} snippets per hit: {} lowered to {MAX_SNIPPETS}", usize::MAX),
            format!("at most {MAX_QUOTES_PER_HIT} quotes per hit: {} lowered to {MAX_QUOTES_PER_HIT}", usize::MAX),
        ]
    );
    let hit = &results.hits[0];
    assert!(!hit.snippets.is_empty() && hit.snippets.len() <= MAX_SNIPPETS);
    // The seed article has four quotes; those that mention Пекин are listed.
    let HitKind::Article { quotes } = &hit.kind else { panic!("an article hit") };
    assert!(quotes.len() <= 4);
    assert!(!results.partial);
}

#[test]
fn paging_past_the_window_is_refused() {
    for (offset, limit) in [(0, usize::MAX), (usize::MAX, usize::MAX), (MAX_RESULT_WINDOW, 1), (1, MAX_RESULT_WINDOW)] {
        match searcher().search(&SearchRequest::new("Пекин").offset(offset).limit(limit)) {
            Err(Error::Request { message }) => assert!(message.contains("reaches past the first 10000"), "{message}"),
            other => panic!("offset {offset}, limit {limit}: expected a request error, got {other:?}"),
        }
    }
    let whole = searcher().search(&SearchRequest::new("Пекин").offset(0).limit(MAX_RESULT_WINDOW)).unwrap();
    assert_eq!(whole.total, 1);
}

#[test]
fn a_timeline_out_of_time_says_so() {
    let none = searcher().timeline(&TimelineRequest::new("Пекин").time_budget(Duration::ZERO)).unwrap();
    assert!(none.partial);
    assert_eq!(none.total, 0);
    let whole = searcher().timeline(&TimelineRequest::new("Пекин")).unwrap();
    assert!(!whole.partial);
    assert_eq!(whole.total, 1);
    // Warnings of the query, as for a search.
    let loose = searcher().timeline(&TimelineRequest::new("\"Путин Пекин\"~500")).unwrap();
    assert_eq!(loose.warnings, ["a phrase allows at most 100 words in between: ~500 searched as ~100"]);
}

#[test]
fn a_speaker_name_past_the_caps_is_refused() {
    let refused = |result: poisk::Result<()>| match result {
        Err(Error::Request { message }) => assert!(message.contains("a speaker's name may have at most"), "{message}"),
        other => panic!("expected a request error, got {other:?}"),
    };
    let many = "Ким ".repeat(MAX_WORDS + 1);
    let long = "Ким".repeat(MAX_QUERY_CHARS / 3 + 1);
    for name in [many.as_str(), long.as_str()] {
        refused(searcher().search(&SearchRequest::new(Match::new("Пекин").speaker(name))).map(|_| ()));
        refused(searcher().timeline(&TimelineRequest::new(Match::new("Пекин").speaker(name))).map(|_| ()));
        refused(searcher().quotes(Some(name)).map(|_| ()));
    }
    let name = "Ким ".repeat(MAX_WORDS);
    assert!(searcher().search(&SearchRequest::new(Match::new("Пекин").speaker(name.as_str()))).is_ok());
}
