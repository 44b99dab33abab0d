//! Searching an in-memory index of the seed article and a few small ones.
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use poisk::search::Match;
use poisk::{Article, Date, Index, Kind, SearchRequest, SearchResults, Searcher};

fn article(id: &str, date: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        date: Some(date.parse().expect("test date")),
        title: title.into(),
        source: None,
        url: None,
        body: body.into(),
        paragraphs: std::iter::once(0..body.len()).collect(),
    }
}

/// The seed article plus articles built to tell rankings apart.
fn searcher() -> Searcher {
    let mut articles = poisk::builtin::articles().unwrap();
    articles.extend([
        article(
            "scattered",
            "2024-03-01",
            "Обзор недели",
            "Против ожиданий рынок вырос. В России открылись новые заводы. Тема санкций обсуждалась мало.",
        ),
        article(
            "phrase",
            "2024-03-02",
            "Новый пакет",
            "Евросоюз готовит пакет санкций против России, сообщили дипломаты. Пакет санкций против России обсудят в марте.",
        ),
        article("kursk", "2023-08-10", "Курская область готовится к зиме", "В Курскую область доставили технику."),
        article("fuel", "2023-08-11", "Топливо", "В регионе подорожал бензин."),
    ]);
    searcher_of(&articles)
}

/// A searcher over an in-memory index of `articles` only.
fn searcher_of(articles: &[Article]) -> Searcher {
    let index = Index::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    for a in articles {
        writer.add(a).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.searcher().unwrap();
    searcher.reload().unwrap();
    searcher
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

fn search(searcher: &Searcher, query: &str) -> SearchResults {
    searcher.search(&SearchRequest::new(query)).unwrap_or_else(|e| panic!("{query}: {e}"))
}

#[test]
fn inflected_forms_match_each_other() {
    let s = searcher();
    for query in ["Курской области", "курская область", "КУРСКУЮ ОБЛАСТЬ", "курской"]
    {
        let results = search(&s, query);
        let found = ids(&results);
        assert!(found.contains(&"kursk"), "{query}: {found:?}");
        assert!(found.contains(&"2025-09-03-putin-kim-talks-beijing.txt"), "{query}: {found:?}");
    }
}

#[test]
fn adjacent_words_rank_above_scattered_ones() {
    let results = search(&searcher(), "санкций против России");
    assert_eq!(ids(&results), ["phrase", "scattered"]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn phrases_need_the_words_together() {
    let s = searcher();
    assert_eq!(ids(&search(&s, "\"санкций против России\"")), ["phrase"]);
    assert_eq!(ids(&search(&s, "\"против России\"")), ["phrase"]);
    // "Тема санкций обсуждалась" is two words away from "санкций ... мало"
    assert!(search(&s, "\"санкций мало\"").hits.is_empty());
    assert_eq!(ids(&search(&s, "\"санкций мало\"~1")), ["scattered"]);
}

#[test]
fn relaxes_only_when_nothing_has_all_words() {
    let s = searcher();
    let strict = search(&s, "бензин регионе");
    assert!(!strict.relaxed);
    let relaxed = search(&s, "бензин Пекин");
    assert!(relaxed.relaxed);
    assert_eq!(relaxed.total, 2);
}

#[test]
fn boolean_operators_and_title_scope() {
    let s = searcher();
    assert_eq!(ids(&search(&s, "курской -техника")), ["2025-09-03-putin-kim-talks-beijing.txt"]);
    let either = search(&s, "бензин OR техника");
    assert_eq!(either.total, 2);
    assert_eq!(ids(&search(&s, "title:курская")), ["kursk"]);
    assert_eq!(ids(&search(&s, "(бензин OR техника) date:2023-08-11")), ["fuel"]);
}

#[test]
fn date_filters() {
    let s = searcher();
    let date = |d: &str| d.parse::<Date>().unwrap();
    let results = s.search(&SearchRequest::new(Match::new("курской").since(date("2025-01-01")))).unwrap();
    assert_eq!(ids(&results), ["2025-09-03-putin-kim-talks-beijing.txt"]);
    let results = s.search(&SearchRequest::new(Match::new("курской").until(date("2024-12-31")))).unwrap();
    assert_eq!(ids(&results), ["kursk"]);
    assert_eq!(ids(&search(&s, "курской date:[2023-01-01 TO 2023-12-31]")), ["kursk"]);
}

#[test]
fn limit_offset_and_ranks() {
    let s = searcher();
    let all = s.search(&SearchRequest::new("России OR области").limit(10)).unwrap();
    assert!(all.total >= 3);
    let second = s.search(&SearchRequest::new("России OR области").limit(1).offset(1)).unwrap();
    assert_eq!(second.hits.len(), 1);
    assert_eq!(second.hits[0].rank, 2);
    assert_eq!(second.hits[0].id, all.hits[1].id);
    assert_eq!(second.total, all.total);
}

#[test]
fn malformed_queries_are_errors_not_panics() {
    let s = searcher();
    // An empty query is no error: it lists everything (tests/find.rs).
    for query in ["курской OR", "OR", "-курской"] {
        assert!(matches!(s.search(&SearchRequest::new(query)), Err(poisk::Error::Query { .. })), "{query}");
    }
    // A sign left open is left out, with a warning: a search box takes
    // what is pasted into it.
    for query in ["(курской", "\"курской"] {
        let results = s.search(&SearchRequest::new(query)).unwrap();
        assert!(results.total > 0 && results.warnings[0].contains("is never closed"), "{query}: {results:?}");
    }
}

#[test]
fn articles_are_the_default_kind() {
    let s = searcher();
    let results = search(&s, "Пекине");
    assert!(results.hits.iter().all(|h| h.kind == Kind::Article));
    assert_eq!(s.num_articles(), 5);
}

/// The score of the one hit for `query` in an index of `articles`.
fn only_score(articles: &[Article], query: &str) -> f32 {
    let results = searcher_of(articles).search(&SearchRequest::new(query)).unwrap();
    assert_eq!(results.hits.len(), 1, "{query}: {results:?}");
    results.hits[0].score
}

#[test]
fn quotes_do_not_change_article_scores() {
    // The same words with and without guillemets: the first article has 12
    // quote documents, the second none. tantivy counts every document of
    // the index in BM25 (number of documents, average body length), so
    // without per-kind statistics the quotes would change the score of an
    // article that has nothing to do with them.
    let said = "Министр заявил: «Мы ответим на любые шаги партнёров». ".repeat(12);
    let plain = said.replace(['«', '»'], "");
    let topic = article("topic", "2024-03-01", "Экономика", "Новые санкции против России ударили по экспорту.");
    let with_quotes = [topic.clone(), article("quotes", "2024-03-02", "Заявления", &said)];
    let without = [topic, article("quotes", "2024-03-02", "Заявления", &plain)];
    assert_eq!(poisk::quotes::extract_quotes(&said).len(), 12);
    assert_eq!(only_score(&with_quotes, "санкции"), only_score(&without, "санкции"));
}

#[test]
fn words_at_the_start_of_the_body_count_more() {
    // Two articles with the word once and the same length: the one that
    // opens with it is about it.
    let filler = "Рынок рос, заводы работали, погода стояла тёплая. ".repeat(20);
    let opening = article("opening", "2024-03-01", "Неделя", &format!("Бензин подорожал. {filler}"));
    let passing = article("passing", "2024-03-01", "Неделя", &format!("{filler}Бензин подорожал."));
    let searcher = searcher_of(&[passing, opening]);
    // Nearly the same text: shown once unless asked.
    let results = searcher.search(&SearchRequest::new("бензин").collapse(false)).unwrap();
    let ids: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["opening", "passing"]);
    assert!(results.hits[0].score > results.hits[1].score);
}

#[test]
fn a_related_article_box_lends_its_article_neither_words_nor_quotes() {
    // RT's layout: a box of three lines (marker, the other story's headline,
    // the start of its text) between two paragraphs of this one.
    let linking = Article::new(
        "linking",
        "Реакция горожан",
        "Жители продолжают обсуждать решение мэрии о ремонте моста.\n \
         Также по теме \n \
         «Дорога не для всех»: мэрия объяснила закрытие моста \n \
         Мэрия заявила, что закрывает мост для тяжёлых грузовиков. По словам чиновников, «это ненадолго»... \n\
         Водители назвали объезд через промзону неудобным.",
    );
    let other = Article::new(
        "other",
        "Дорога не для всех",
        "Мэрия заявила, что закрывает мост для тяжёлых грузовиков. По словам чиновников, «это ненадолго», \
         сказал представитель мэрии журналистам.",
    );
    let searcher = searcher_of(&[linking.clone(), other.clone()]);
    // Words found only in the box find only the article they belong to.
    assert_eq!(ids(&search(&searcher, "тяжёлых грузовиков")), ["other"]);
    assert_eq!(ids(&search(&searcher, "промзону")), ["linking"]);
    // And the teaser's quotation is not the linking article's.
    assert!(poisk::quotes::extract_quotes(&linking.body).is_empty(), "{:?}", linking.body);
    assert_eq!(poisk::quotes::extract_quotes(&other.body).len(), 1);
}

#[test]
fn names_and_terms_are_searched_with_words_their_quotations_share() {
    // «Аурус» is the seed's one name; «мы» is in three of its quotations,
    // more documents than there are names: BM25 must not take that count
    // against the names alone.
    let searcher = poisk::builtin::index().unwrap().searcher().unwrap();
    let names = |query: &str| {
        let request = SearchRequest::new(Match::new(query).quote_kind(poisk::quotes::QuoteKind::Name));
        searcher.search(&request).unwrap_or_else(|e| panic!("{query}: {e:?}"))
    };
    assert_eq!(names("мы").total, 0);
    let found = names("Аурус OR мы");
    assert_eq!((found.total, found.hits[0].title.as_str()), (1, "Путин и Ким Чен Ын проводят переговоры в Пекине"));
    assert!(found.hits[0].score > 0.0);
}
