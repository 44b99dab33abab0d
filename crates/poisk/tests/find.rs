//! Finding without words and counting what matched: filters by source and
//! open date ranges, browsing by filters alone (newest first), and facets.
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::collections::BTreeMap;
use std::path::Path;

use poisk::index::WriterOptions;
use poisk::search::{Facet, FacetCounts, Match, SearchRequest, Sort};
use poisk::{Article, Index, Kind, SearchResults, Searcher};

/// Six articles of three sources over two years, one undated, some
/// quoting the same people.
fn searcher() -> Searcher {
    let day = |d: &str| d.parse().unwrap();
    let articles = [
        Article::new("n1", "Мост открыт", "Новый мост открыт.\n«Мост простоит век», — сказал мэр Иван Петров.")
            .with_date(day("2018-03-05"))
            .with_source("ng.ru"),
        Article::new("n2", "Мост закрыт на ремонт", "Старый мост закрыт.\n«Ремонт займёт месяц», — сказал мэр Иван Петров.\n«Объезд готов», — сказал инженер Пётр Сидоров.")
            .with_date(day("2018-03-20"))
            .with_source("ng.ru"),
        Article::new("n3", "Река и мост", "Река поднялась у моста.")
            .with_date(day("2018-04-02"))
            .with_source("ng.ru"),
        Article::new("r1", "Пробки у моста", "Пробки у моста выросли.\n«Пробки уйдут», — сказал мэр Иван Петров.")
            .with_date(day("2018-03-10"))
            .with_source("russian.rt.com"),
        Article::new("r2", "Зимний мост", "Мост чистят зимой.").with_date(day("2019-01-15")).with_source("ria.ru"),
        Article::new("u1", "Мост без даты", "Про мост без даты.").with_source("ng.ru"),
    ];
    indexed(&articles)
}

/// A searcher over an in-memory index of `articles`, committed.
fn indexed(articles: &[Article]) -> Searcher {
    let index = Index::in_memory().unwrap();
    let mut writer = index.writer().unwrap();
    for article in articles {
        writer.add(article).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.searcher().unwrap();
    searcher.reload().unwrap();
    searcher
}

fn search(searcher: &Searcher, request: SearchRequest) -> SearchResults {
    let query = request.matching.query.clone();
    searcher.search(&request.limit(100)).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

/// A facet's values and counts, and its missing count.
fn counted(counts: &FacetCounts) -> (Vec<(&str, usize)>, usize) {
    (counts.values.iter().map(|v| (v.value.as_str(), v.count)).collect(), counts.missing)
}

#[test]
fn a_source_is_a_filter_of_the_request_or_of_the_query() {
    let s = searcher();
    let by_request = search(&s, SearchRequest::new(Match::new("мост").source("ng.ru")));
    let mut found = ids(&by_request);
    found.sort_unstable();
    assert_eq!(found, ["n1", "n2", "n3", "u1"]);
    for query in ["мост source:ng.ru", "source:ng.ru мост", "source:\"ng.ru\" мост", "мост source:ng*"]
    {
        let by_query = search(&s, SearchRequest::new(query));
        assert_eq!(by_query.total, 4, "{query}");
        assert!(by_query.hits.iter().all(|h| h.source.as_deref() == Some("ng.ru")), "{query}");
    }
    // Exactly as written: no other source, no part of one.
    assert_eq!(search(&s, SearchRequest::new("мост source:ng")).total, 0);
    assert_eq!(search(&s, SearchRequest::new("мост source:NG.RU")).total, 0);
    assert_eq!(search(&s, SearchRequest::new("мост -source:ng.ru")).total, 2);
    assert_eq!(search(&s, SearchRequest::new("мост (source:ria.ru OR source:russian.rt.com)")).total, 2);
    // A source never relaxes away: no ng.ru article has both words.
    let strict = search(&s, SearchRequest::new("пробки река source:ng.ru"));
    assert_eq!((strict.relaxed, ids(&strict)), (true, vec!["n3"]));
    // Quotes carry their article's source.
    let quotes = search(&s, SearchRequest::new(Match::new("").kind(Kind::Quote).source("russian.rt.com")));
    assert_eq!(ids(&quotes), ["r1#q1"]);
}

#[test]
fn filters_alone_list_every_match_newest_first() {
    let s = searcher();
    let ng = search(&s, SearchRequest::new(Match::new("").source("ng.ru")));
    assert_eq!(ids(&ng), ["n3", "n2", "n1", "u1"], "newest first, undated last");
    assert_eq!(ids(&search(&s, SearchRequest::new(Match::new("*").source("ng.ru")))), ids(&ng));
    assert_eq!(ids(&search(&s, SearchRequest::new("source:ng.ru"))), ids(&ng));
    // However the request asks to sort: there is no relevance to sort by.
    assert_eq!(ids(&search(&s, SearchRequest::new("source:ng.ru").sort(Sort::Relevance))), ids(&ng));
    assert_eq!(ids(&search(&s, SearchRequest::new("date:2018-03"))), ["n2", "r1", "n1"]);
    let everything = search(&s, SearchRequest::new(""));
    assert_eq!(ids(&everything), ["r2", "n3", "n2", "r1", "n1", "u1"]);
    assert!(everything.hits.iter().all(|h| h.snippets.iter().all(|s| s.highlights.is_empty())));
    let petrov = search(&s, SearchRequest::new(Match::new("").speaker("Иван Петров")));
    assert_eq!(ids(&petrov), ["n2#q1", "r1#q1", "n1#q1"]);
    let dated =
        search(&s, SearchRequest::new(Match::new("").speaker("Иван Петров").since("2018-03-06".parse().unwrap())));
    assert_eq!(ids(&dated), ["n2#q1", "r1#q1"]);
}

#[test]
fn date_ranges_may_be_open_at_either_end() {
    let s = searcher();
    let sorted = |query: &str| {
        let results = search(&s, SearchRequest::new(query));
        let mut found: Vec<String> = ids(&results).into_iter().map(str::to_owned).collect();
        found.sort_unstable();
        found
    };
    assert_eq!(sorted("мост date:>2018-03"), ["n3", "r2"]);
    assert_eq!(sorted("мост date:>=2018-03"), ["n1", "n2", "n3", "r1", "r2"]);
    assert_eq!(sorted("мост date:<2018-03-10"), ["n1"]);
    assert_eq!(sorted("мост date:<=2018-03-10"), ["n1", "r1"]);
    assert_eq!(sorted("мост date:>2018"), ["r2"]);
    assert_eq!(sorted("мост date:[2018-04 TO *]"), ["n3", "r2"]);
    assert_eq!(sorted("мост date:[* TO 2018-03-05]"), ["n1"]);
    let since = search(&s, SearchRequest::new(Match::new("мост").since("2018-04-01".parse().unwrap())));
    assert_eq!(since.total, 2);
    for bad in ["мост date:>", "мост date:=>2018", "мост date:>2018-13", "мост date:<1678"] {
        assert!(matches!(s.search(&SearchRequest::new(bad)), Err(poisk::Error::Query { .. })), "{bad}");
    }
}

#[test]
fn facets_count_every_match_not_only_the_hits() {
    let s = searcher();
    let request =
        SearchRequest::new("мост").facet(Facet::Month).facet(Facet::Source).facet(Facet::Speaker).facet(Facet::Year);
    let results = s.search(&request.clone().limit(1)).unwrap();
    assert_eq!((results.total, results.hits.len()), (6, 1));
    let names: Vec<Facet> = results.facets.iter().map(|f| f.facet).collect();
    assert_eq!(names, Facet::ALL, "in the order of Facet::ALL, whatever the request's");
    let [source, speaker, year, month] = &results.facets[..] else { unreachable!() };
    assert_eq!(counted(source), (vec![("ng.ru", 4), ("ria.ru", 1), ("russian.rt.com", 1)], 0));
    // An article counts once for each speaker it quotes, however often.
    assert_eq!(counted(speaker), (vec![("Иван Петров", 3), ("Пётр Сидоров", 1)], 3));
    assert_eq!(counted(year), (vec![("2018", 4), ("2019", 1)], 1));
    assert_eq!(counted(month), (vec![("2018-03", 3), ("2018-04", 1), ("2019-01", 1)], 1));
    // Quotes count per quote.
    let quotes = search(&s, SearchRequest::new(Match::new("").kind(Kind::Quote)).facet(Facet::Speaker));
    assert_eq!(counted(&quotes.facets[0]), (vec![("Иван Петров", 3), ("Пётр Сидоров", 1)], 0));
    // The most frequent values, the rest added up.
    let top = search(&s, request.facet_values(1));
    assert_eq!(counted(&top.facets[0]), (vec![("ng.ru", 4)], 0));
    assert_eq!((top.facets[0].other_values, top.facets[0].other), (2, 2));
    assert_eq!(top.facets[2].values.len(), 2, "years are all listed");
    // A filter narrows the counts; no facet asked, none given.
    let ng = search(&s, SearchRequest::new(Match::new("").source("ng.ru")).facet(Facet::Source));
    assert_eq!(counted(&ng.facets[0]), (vec![("ng.ru", 4)], 0));
    assert!(search(&s, SearchRequest::new("мост")).facets.is_empty());
    let capped = s.search(&SearchRequest::new("мост").facet(Facet::Source).facet_values(1000)).unwrap();
    assert_eq!(capped.warnings, ["at most 100 values per facet: 1000 lowered to 100"]);
}

/// On a sample of the real corpus, the facets of a common word agree with
/// the sources and dates of all its hits.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn facets_agree_with_the_hits_on_real_news() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz"));
    let articles: Vec<Article> = poisk::input::read_jsonl(corpus).unwrap().map(Result::unwrap).step_by(10).collect();
    let s = indexed(&articles);
    let results = s
        .search(
            &SearchRequest::new("России")
                .limit(1000)
                .collapse(false)
                .facet(Facet::Source)
                .facet(Facet::Year)
                .facet_values(100),
        )
        .unwrap();
    assert!(results.total > 100 && results.total == results.hits.len(), "{}", results.total);
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    for hit in &results.hits {
        *sources.entry(hit.source.as_deref().unwrap()).or_default() += 1;
        if let Some(date) = hit.date {
            *years.entry(date.year().to_string()).or_default() += 1;
        }
    }
    let [source, year] = &results.facets[..] else { panic!("two facets") };
    let as_map = |c: &FacetCounts| c.values.iter().map(|v| (v.value.clone(), v.count)).collect::<BTreeMap<_, _>>();
    assert_eq!(as_map(source), sources.iter().map(|(k, v)| (k.to_string(), *v)).collect());
    assert_eq!(as_map(year), years);
    assert_eq!(year.missing, results.hits.iter().filter(|h| h.date.is_none()).count());
}

/// A story of some hundred and thirty words; below it is republished
/// once as it is and once with a word changed: nearly the same text.
const STORY: &str = "Городской совет утвердил план строительства нового моста через реку. По словам чиновников, \
работы начнутся весной и продлятся два года, а движение по старому мосту не прекратится. Жители давно просили \
построить второй мост, потому что в часы пик пробки растягиваются на несколько километров вдоль набережной. \
Проект обойдётся городу в четыре миллиарда рублей, половину суммы выделит область. Подрядчика выберут на \
открытом конкурсе в феврале, заявки уже подали шесть компаний, среди них две иностранные. Архитекторы \
предложили три варианта пролёта, и горожане смогут проголосовать за лучший на сайте мэрии до конца месяца. \
Экологи просят сохранить рощу на левом берегу, где гнездятся редкие птицы, и власти обещали перенести \
съезд с моста на двести метров ниже по течению. После открытия моста автобусы пустят по новым маршрутам, \
а старый мост отремонтируют и сделают пешеходным.";

fn duplicated() -> Searcher {
    let day = |d: &str| d.parse().unwrap();
    let articles = [
        Article::new("d1", "Новый мост", STORY).with_date(day("2018-03-01")),
        Article::new("d2", "Новый мост", STORY).with_date(day("2018-03-02")),
        Article::new(
            "d3",
            "Старый мост",
            "Старый мост закроют на ремонт летом, движение пустят в объезд по набережной.",
        )
        .with_date(day("2018-03-03")),
        Article::new("d4", "Новый мост", STORY.replace("шесть компаний", "семь компаний")).with_date(day("2018-03-04")),
    ];
    indexed(&articles)
}

#[test]
fn nearly_the_same_articles_are_shown_once() {
    let s = duplicated();
    let all = s.search(&SearchRequest::new("мост").collapse(false).limit(10)).unwrap();
    assert_eq!(all.hits.len(), 4);
    assert!(all.hits.iter().all(|h| h.duplicates.is_empty()));
    let once = s.search(&SearchRequest::new("мост").limit(10)).unwrap();
    assert_eq!(once.total, 4, "every match is counted");
    let shown: Vec<(&str, Vec<&str>)> =
        once.hits.iter().map(|h| (h.id.as_str(), h.duplicates.iter().map(String::as_str).collect())).collect();
    let story = shown.iter().find(|(id, _)| ["d1", "d2", "d4"].contains(id)).expect("the story");
    assert_eq!(shown.len(), 2, "{shown:?}");
    let mut group: Vec<&str> = story.1.clone();
    group.push(story.0);
    group.sort_unstable();
    assert_eq!(group, ["d1", "d2", "d4"]);
    assert!(shown.iter().any(|(id, dups)| *id == "d3" && dups.is_empty()));
    // Ranks and pages count what is shown.
    let second = s.search(&SearchRequest::new("мост").limit(1).offset(1)).unwrap();
    assert_eq!((second.hits.len(), second.hits[0].rank), (1, 2));
    assert_eq!(second.hits[0].id, once.hits[1].id);
    // Quotes are never collapsed; a date sort collapses too.
    let newest = s.search(&SearchRequest::new("мост").sort(Sort::Date).limit(10)).unwrap();
    assert_eq!(ids(&newest), ["d4", "d3"]);
    assert_eq!(newest.hits[0].duplicates, ["d1", "d2"]);
}

/// The near-duplicates of a hit are looked up in every segment of the
/// index, and an article replaced by another text stops being one (its
/// old document stays in its segment, deleted, beside `d1`).
#[test]
fn duplicates_are_found_across_commits_and_not_in_replaced_articles() {
    let day = |d: &str| d.parse().unwrap();
    let index = Index::in_memory().unwrap();
    // One thread: both articles of a commit in one segment.
    let mut writer = index.writer_with(&WriterOptions { threads: Some(1), ..WriterOptions::default() }).unwrap();
    writer.add(&Article::new("d1", "Новый мост", STORY).with_date(day("2018-03-01"))).unwrap();
    writer.add(&Article::new("d2", "Новый мост", STORY).with_date(day("2018-03-02"))).unwrap();
    writer.commit().unwrap();
    let changed = STORY.replace("шесть компаний", "семь компаний");
    writer.add(&Article::new("d4", "Новый мост", changed).with_date(day("2018-03-04"))).unwrap();
    writer.commit().unwrap();
    let searcher = index.searcher().unwrap();
    searcher.reload().unwrap();
    let newest = |s: &Searcher| s.search(&SearchRequest::new("мост").sort(Sort::Date).limit(10)).unwrap();
    let found = newest(&searcher);
    assert_eq!((ids(&found), found.hits[0].duplicates.clone()), (vec!["d4"], vec!["d1".to_owned(), "d2".to_owned()]));
    let weather = "Синоптики обещают дожди до пятницы, а в выходные похолодает до пяти градусов.";
    writer.add(&Article::new("d2", "Погода", weather).with_date(day("2018-03-02"))).unwrap();
    writer.commit().unwrap();
    searcher.reload().unwrap();
    let found = newest(&searcher);
    assert_eq!((ids(&found), found.hits[0].duplicates.clone()), (vec!["d4"], vec!["d1".to_owned()]));
}

#[test]
fn similar_lists_the_same_story_first() {
    let s = duplicated();
    let similar = s.similar("d3", 10).unwrap().unwrap();
    assert!(similar.hits.iter().all(|h| h.id != "d3"));
    let story = s.similar("d1", 10).unwrap().unwrap();
    let (first, also) = (&story.hits[0].id, &story.hits[0].duplicates);
    assert!(["d2", "d4"].contains(&first.as_str()), "{:?}", ids(&story));
    assert_eq!(also.len(), 2, "the article itself and its other copy: {also:?}");
    assert!(!ids(&story)[1..].iter().any(|id| ["d1", "d2", "d4"].contains(id)), "the same story once");
    assert!(s.similar("d9", 10).unwrap().is_none());
}

/// `poisk similar` on the corpus's Skripal stories: every 20th article of
/// the corpus and every one that names Skripal, indexed; for each of five
/// ng.ru stories with Skripal in the title (`poisk search Скрипаль` lists
/// them), the first similar article is about him too, and so are at least
/// four of the first five.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn similar_lists_other_skripal_stories_first_on_the_corpus() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz"));
    let about = |a: &Article| format!("{} {}", a.title, a.body).contains("Скрипал");
    let articles: Vec<Article> = poisk::input::read_jsonl(corpus)
        .unwrap()
        .map(Result::unwrap)
        .enumerate()
        .filter(|(i, a)| i % 20 == 0 || about(a))
        .map(|(_, a)| a)
        .collect();
    let s = indexed(&articles);
    let on_skripal = articles.iter().filter(|a| about(a)).count();
    assert!(on_skripal * 4 < articles.len(), "{on_skripal} of {}: the sample is mostly other news", articles.len());
    // ng.ru's: RT's are as much about the football World Cup some said
    // England should leave over the poisoning.
    let skripal: Vec<&Article> =
        articles.iter().filter(|a| a.title.contains("Скрипал") && a.source.as_deref() == Some("ng.ru")).collect();
    assert!(skripal.len() >= 5, "{}", skripal.len());
    for article in skripal.iter().take(5) {
        let similar = s.similar(&article.id, 5).unwrap().unwrap();
        let story: Vec<bool> =
            similar.hits.iter().map(|h| about(articles.iter().find(|a| a.id == h.id).unwrap())).collect();
        assert!(story.first() == Some(&true), "{}: the first is not about Skripal: {:?}", article.id, ids(&similar));
        let on_story = story.iter().filter(|&&b| b).count();
        assert!(on_story >= 4, "{}: {on_story} of 5 about Skripal: {:?}", article.id, ids(&similar));
    }
}
