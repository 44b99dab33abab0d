//! Properties that must hold for any input, checked on generated text
//! made of Russian words, punctuation and guillemets (random bytes almost
//! never make an article, so "does not panic" is all they would check):
//!
//! - every valid JSONL line among garbage lines is read, each garbage line
//!   is one error;
//! - an article's paragraphs lie in its body in order, trimmed, and hold
//!   every word of it;
//! - a quote has a speaker exactly when it has an attribution, and a closed
//!   quote's span is exactly `«text»`;
//! - a search returns at most `limit` hits and at most `total`, ranked
//!   `offset + 1`, `offset + 2`, …, and every highlighted word of a snippet
//!   analyses to the stem of a query word.
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::collections::HashSet;
use std::io::Write;
use std::sync::OnceLock;

use poisk::analysis::analyze;
use poisk::quotes::extract_quotes;
use poisk::{Article, Index, SearchRequest, Searcher};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const WORDS: [&str; 24] = [
    "переговоры",
    "Пекине",
    "санкции",
    "санкций",
    "зерно",
    "зерна",
    "министр",
    "Иван",
    "Петров",
    "сказал",
    "заявил",
    "рынок",
    "цены",
    "выросли",
    "России",
    "Китая",
    "договор",
    "экспорт",
    "пошлина",
    "осенью",
    "лидер",
    "он",
    "в",
    "и",
];

const MARKS: [&str; 8] = ["«", "»", " — ", ", ", ". ", ": ", "\n", " "];

/// Text of words, marks and spaces.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => prop::sample::select(&WORDS[..]), 2 => prop::sample::select(&MARKS[..])],
        0..max,
    )
    .prop_map(|parts| {
        parts.iter().fold(String::new(), |mut out, part| {
            if !out.is_empty() && WORDS.contains(part) && !out.ends_with([' ', '\n', '«']) {
                out.push(' ');
            }
            out.push_str(part);
            out
        })
    })
}

/// A JSONL line: `Ok(body)` for a valid record, `Err(garbage)` for a line
/// that is not one.
fn line() -> impl Strategy<Value = Result<String, String>> {
    prop_oneof![
        3 => (prop::sample::select(&WORDS[..]), text(30)).prop_map(|(word, rest)| Ok(format!("{word} {rest}"))),
        // Text, not binary: a stretch of binary lines is one error.
        1 => (prop::sample::select(&WORDS[..]), text(10)).prop_map(|(word, rest)| Err(format!("{word} {rest}").replace('\n', " "))),
        1 => Just(Err("{\"id\": 5".to_owned())),
        1 => Just(Err("{\"id\": \"x\", \"body\": ".to_owned())),
        1 => Just(Err("{\"title\": \"нет id\", \"body\": \"текст\"}".to_owned())),
    ]
}

proptest! {
    #[test]
    fn every_valid_jsonl_line_among_garbage_is_read(lines in prop::collection::vec(line(), 1..30)) {
        let mut file = tempfile::NamedTempFile::with_suffix(".jsonl").unwrap();
        let mut wanted = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            match line {
                Ok(body) => {
                    let id = format!("a{n}");
                    writeln!(file, "{}", serde_json::json!({"id": id, "title": "Заголовок", "body": body})).unwrap();
                    wanted.push(id);
                }
                Err(garbage) => writeln!(file, "{garbage}").unwrap(),
            }
        }
        file.flush().unwrap();
        let (mut read, mut errors) = (Vec::new(), 0);
        for result in poisk::input::read_jsonl(file.path()).unwrap() {
            match result {
                Ok(article) => read.push(article.id),
                Err(_) => errors += 1,
            }
        }
        prop_assert_eq!(read, wanted);
        prop_assert_eq!(errors, lines.iter().filter(|l| l.is_err()).count());
    }

    #[test]
    fn paragraphs_cover_every_word_of_the_body_in_order(body in text(80)) {
        let article = Article::new("a", "Заголовок", body);
        let mut end = 0;
        let mut outside = String::new();
        for p in &article.paragraphs {
            prop_assert!(p.start >= end && p.start < p.end, "{:?}", article.paragraphs);
            let text = &article.body[p.clone()];
            prop_assert!(!text.contains('\n') && text.trim() == text, "{:?}", text);
            outside.push_str(&article.body[end..p.start]);
            end = p.end;
        }
        outside.push_str(&article.body[end..]);
        // The body is kept as given; what no paragraph holds is blank.
        prop_assert!(outside.trim().is_empty(), "{:?} left out of {:?}", outside, article.body);
    }

    #[test]
    fn speaker_goes_with_attribution_and_a_closed_span_is_the_quote(body in text(120)) {
        for quote in extract_quotes(&body) {
            prop_assert_eq!(quote.speaker.is_some(), quote.attribution.is_some(), "{:?}", quote);
            if !quote.unclosed {
                prop_assert_eq!(&body[quote.start..quote.end], format!("«{}»", quote.text));
            }
        }
    }

    #[test]
    fn hits_fit_the_limit_and_the_total_and_highlights_are_query_words(
        words in prop::collection::vec(prop::sample::select(&WORDS[..20]), 1..4),
        limit in 0usize..6,
        offset in 0usize..4,
    ) {
        let query = words.join(" ");
        let results = searcher().search(&SearchRequest::new(query.as_str()).limit(limit).offset(offset)).unwrap();
        prop_assert!(results.hits.len() <= limit && results.hits.len() <= results.total, "{} hits of {}", results.hits.len(), results.total);
        // Every word is in most of the 40 articles: the checks below see hits.
        prop_assert!(results.total > 0, "{query:?} found nothing");
        let ranks: Vec<usize> = results.hits.iter().map(|h| h.rank).collect();
        prop_assert_eq!(ranks, (offset + 1..=offset + results.hits.len()).collect::<Vec<_>>());
        let stems: HashSet<String> = analyze(&query).into_iter().map(|t| t.stem).collect();
        for hit in &results.hits {
            for snippet in &hit.snippets {
                for &(start, end) in &snippet.highlights {
                    let marked = &snippet.text[start..end];
                    prop_assert!(analyze(marked).iter().any(|t| stems.contains(&t.stem)), "{marked:?} for {query:?}");
                }
            }
        }
    }
}

/// An index of 40 generated articles, built once.
fn searcher() -> &'static Searcher {
    static SEARCHER: OnceLock<Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let index = Index::in_memory().unwrap();
        let mut writer = index.writer().unwrap();
        for n in 0..40 {
            let body = text(200).new_tree(&mut runner).unwrap().current();
            let title = text(6).new_tree(&mut runner).unwrap().current();
            writer.add(&Article::new(format!("a{n}"), title, body)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        searcher
    })
}
