//! Hostile input to the library: arbitrary text never panics, and every
//! byte range the parsers, the quote extractor, the analyzer, the snippet
//! generator and search return lies on char boundaries inside its text.
//! (The quote extractor's and the analyzer's own properties are in
//! `tests/quotes.rs` and `src/analyzer/mod.rs`; these add the parsers, the
//! snippets of arbitrary text and the query language.)
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use poisk::analysis::analyze;
use poisk::input::{JsonlReader, parse_article};
use poisk::quotes::extract_quotes;
use poisk::snippet::{SnippetConfig, SnippetQuery, highlight_all, snippets};
use poisk::{Article, Error, SearchRequest, Searcher};
use proptest::prelude::*;

/// `range` is a non-empty slice of `text` on char boundaries.
fn assert_range_in(text: &str, range: Range<usize>) {
    assert!(range.start < range.end && range.end <= text.len(), "{range:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{range:?} splits a char");
}

/// Everything an [`Article`] promises about its body and paragraphs.
fn assert_article_sound(article: &Article) {
    assert!(!article.body.trim().is_empty(), "{article:?}");
    let mut last = 0;
    for range in &article.paragraphs {
        assert_range_in(&article.body, range.clone());
        assert!(range.start >= last, "paragraphs out of order: {:?}", article.paragraphs);
        last = range.end;
    }
    for quote in extract_quotes(&article.body) {
        assert_range_in(&article.body, quote.start..quote.end);
    }
}

/// A parse error names the input and a line that exists.
fn assert_parse_error(error: &Error, origin: &str, lines: usize) {
    match error {
        Error::Parse { origin: got, line, .. } => {
            assert_eq!(got, origin);
            assert!(line.is_none_or(|l| (1..=lines.max(1)).contains(&l)), "line {line:?} of {lines}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// Text in the shape of a seed file, with the characters that trouble
/// parsers: CR, BOM, guillemets, brackets, combining accents, controls.
fn seed_like() -> impl Strategy<Value = String> {
    let header = "[ \u{feff}]{0,2}(date|DATE|dat)? {0,2}(2025-09-03|2025-13-45|20x)? {0,2}[А-Яа-я ]{0,12}";
    let body = "[А-Яа-яЁё \n\r\t«»\"()\\[\\].,—\u{301}\u{0}\u{7f}a-z0-9-]{0,300}";
    (header, "(\r?\n){0,3}", body).prop_map(|(h, gap, b)| format!("{h}{gap}{b}"))
}

proptest! {
    #[test]
    fn the_seed_parser_takes_any_text(text in any::<String>()) {
        match parse_article(&text, "a.txt", "dir/a.txt") {
            Ok(article) => assert_article_sound(&article),
            Err(e) => assert_parse_error(&e, "dir/a.txt", text.lines().count()),
        }
    }

    #[test]
    fn the_seed_parser_takes_seed_like_text(text in seed_like()) {
        match parse_article(&text, "a.txt", "dir/a.txt") {
            Ok(article) => {
                assert_article_sound(&article);
                prop_assert!(!article.body.contains('\r'));
            }
            Err(e) => assert_parse_error(&e, "dir/a.txt", text.lines().count()),
        }
    }

    #[test]
    fn the_jsonl_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let lines = bytes.split(|&b| b == b'\n').count();
        for result in JsonlReader::new(bytes.as_slice(), "in.jsonl") {
            match result {
                Ok(article) => assert_article_sound(&article),
                Err(e) => assert_parse_error(&e, "in.jsonl", lines),
            }
        }
    }

    #[test]
    fn a_jsonl_body_is_kept_exactly(id in "[a-z0-9]{1,8}", body in any::<String>()) {
        let line = serde_json::json!({"id": id, "title": "Т", "body": body}).to_string();
        let results: Vec<_> = JsonlReader::new(line.as_bytes(), "in.jsonl").collect();
        prop_assert_eq!(results.len(), 1);
        match &results[0] {
            Ok(article) => {
                prop_assert_eq!(&article.body, &body);
                assert_article_sound(article);
            }
            Err(e) => prop_assert!(body.trim().is_empty(), "{e}"),
        }
    }

    #[test]
    fn snippets_of_any_text_lie_inside_it(text in any::<String>(), pick in 0usize..64, max_chars in 0usize..300) {
        let tokens = analyze(&text);
        let terms: Vec<String> = tokens.iter().skip(pick % tokens.len().max(1)).take(2).map(|t| t.stem.clone()).collect();
        let phrase = tokens.iter().take(2).map(|t| t.stem.clone()).collect();
        let query = SnippetQuery { terms, phrases: vec![(phrase, 1)], ..Default::default() };
        for snippet in snippets(&text, &query, &SnippetConfig { max_fragments: 3, max_chars }) {
            assert_range_in(&text, snippet.start..snippet.end);
            prop_assert_eq!(&snippet.text, &text[snippet.start..snippet.end]);
            for (s, e) in snippet.highlights {
                assert_range_in(&snippet.text, s..e);
            }
        }
        for (s, e) in highlight_all(&text, &query) {
            assert_range_in(&text, s..e);
        }
    }

    #[test]
    fn any_query_is_a_result_or_a_query_error(query in any::<String>()) {
        check_query(&query);
    }

    #[test]
    fn query_language_soup_is_a_result_or_a_query_error(
        query in "([()\"~:\\-*\\[\\] ]|OR|AND|NOT|TO|title:|speaker:|date:|2025-09|путин|Ким|[0-9]){0,40}",
    ) {
        check_query(&query);
    }
}

/// One searcher over the seed articles for all the query tests.
fn seed_searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| poisk::builtin::index().unwrap().searcher().unwrap())
}

/// Searching `query` gives hits whose ranges lie inside their texts, or a
/// query error at a position inside the query.
fn check_query(query: &str) {
    match seed_searcher().search(&SearchRequest::new(query)) {
        Ok(results) => {
            for hit in &results.hits {
                for snippet in &hit.snippets {
                    for &(s, e) in &snippet.highlights {
                        assert_range_in(&snippet.text, s..e);
                    }
                }
            }
        }
        Err(Error::Query { position, .. }) => {
            assert!(position <= query.chars().count(), "position {position} past the end of {query:?}")
        }
        Err(other) => panic!("{query:?}: not a query error: {other}"),
    }
}

/// Searches `query`, which must end within `limit`, and returns the result.
fn search_within(query: &str, limit: Duration) -> poisk::Result<poisk::SearchResults> {
    let started = Instant::now();
    let result = seed_searcher().search(&SearchRequest::new(query));
    let took = started.elapsed();
    assert!(took < limit, "{} bytes of query took {took:?}", query.len());
    result
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let nested = format!("{}путин{}", "(".repeat(9_000), ")".repeat(9_000));
    let error = search_within(&nested, Duration::from_secs(5)).unwrap_err();
    assert!(error.to_string().contains("nests deeper than"), "{error}");
    let unclosed = "(".repeat(10_000);
    assert!(matches!(search_within(&unclosed, Duration::from_secs(5)), Err(Error::Query { .. })));
    let negations = format!("{}путин", "-".repeat(10_000));
    assert!(matches!(search_within(&negations, Duration::from_secs(5)), Err(Error::Query { .. })));
}

#[test]
fn a_hundred_thousand_terms_are_refused_at_once() {
    let all = "путин ким пекин переговоры курской ".repeat(20_000);
    let any = "путин OR ".repeat(99_999) + "ким";
    let phrase = format!("\"{}\"", "путин ".repeat(100_000));
    // Refused by the parser's length limit; the time limit leaves room for
    // a loaded machine while still catching a hang.
    for query in [all, any, phrase] {
        match search_within(&query, Duration::from_secs(30)) {
            Err(Error::Query { message, position }) => {
                assert!(message.contains("longer than 20000 characters"), "{message}");
                assert_eq!(position, 20_000);
            }
            Err(other) => panic!("{other}"),
            Ok(results) => panic!("expected the length limit, got {} hits", results.total),
        }
    }
    // Short words reach the word limit first.
    let words = "ким ".repeat(2_001);
    match search_within(&words, Duration::from_secs(30)) {
        Err(Error::Query { message, position }) => {
            assert!(message.contains("more than 2000 words"), "{message}");
            assert_eq!(position, 8_000);
        }
        other => panic!("expected the word limit, got {other:?}"),
    }
}

#[test]
fn unbalanced_quotes_are_left_out_with_a_warning_naming_them() {
    for (query, character) in [("путин \"ким чен", 7), ("путин \"ким\" \"", 13)] {
        let results = search_within(query, Duration::from_secs(5)).unwrap();
        let warning = format!("the '\"' at character {character} is never closed: searched without it");
        assert_eq!(results.warnings, [warning], "{query}");
        assert_eq!(results.total, 1, "{query}");
    }
    // Nothing but a quote leaves nothing to search.
    assert!(matches!(search_within("\"", Duration::from_secs(5)), Err(Error::Query { .. })));
    // 50,000 empty phrases and a stray quote: refused or searched, in bounded time.
    let many = "\"".repeat(100_001);
    let _ = search_within(&many, Duration::from_secs(5));
}
