//! The query language on real news: prefixes, exact forms, typo tolerance,
//! the wrong keyboard layout, sorting by date and score explanations, over
//! an in-memory index of about 400 articles of `../shared/corpus`.
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use poisk::search::Match;
use poisk::search::{Correction, Explanation, Sort};
use poisk::{Article, Index, SearchRequest, SearchResults, Searcher};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz");

/// Every 25th article of the corpus (RT, ng.ru and the rest, dated and
/// not), and every article that mentions Kursk, so that the Kursk queries
/// have forms to tell apart.
fn sample() -> &'static (Vec<Article>, Searcher) {
    static SAMPLE: OnceLock<(Vec<Article>, Searcher)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let articles: Vec<Article> = poisk::input::read_jsonl(Path::new(CORPUS))
            .unwrap()
            .map(Result::unwrap)
            .enumerate()
            .filter(|(i, a)| i % 25 == 0 || format!("{} {}", a.title, a.body).to_lowercase().contains("курск"))
            .map(|(_, a)| a)
            .collect();
        let index = Index::in_memory().unwrap();
        let mut writer = index.writer().unwrap();
        for article in &articles {
            writer.add(article).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        (articles, searcher)
    })
}

/// All hits of a request (up to 1,000), near-duplicates included.
fn all(searcher: &Searcher, request: SearchRequest) -> SearchResults {
    let query = request.matching.query.clone();
    searcher.search(&request.limit(1000).collapse(false)).unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn ids(results: &SearchResults) -> BTreeSet<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

/// Ids of the sample articles that have a word (as the analyzer reads it:
/// lowercase, ё→е) for which `word` is true.
fn having(articles: &[Article], word: impl Fn(&str) -> bool) -> BTreeSet<&str> {
    articles
        .iter()
        .filter(|a| {
            poisk::analysis::analyze(&a.title).iter().chain(&poisk::analysis::analyze(&a.body)).any(|t| word(&t.text))
        })
        .map(|a| a.id.as_str())
        .collect()
}

/// The highlighted words of every snippet of every hit, lowercased.
fn highlighted(results: &SearchResults) -> Vec<String> {
    let mut words = Vec::new();
    for hit in &results.hits {
        for s in &hit.snippets {
            words.extend(s.highlights.iter().map(|&(a, b)| s.text[a..b].to_lowercase().replace('ё', "е")));
        }
    }
    words
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn prefix_finds_every_word_that_begins_so() {
    let (articles, s) = sample();
    let expected = having(articles, |w| w.starts_with("курск"));
    assert!(expected.len() >= 30, "the sample has only {} Kursk articles", expected.len());
    let results = all(s, SearchRequest::new("курск*"));
    assert_eq!(ids(&results), expected);
    assert_eq!(results.total, expected.len());
    let marked = highlighted(&results);
    assert!(marked.iter().any(|w| w == "курской") && marked.iter().any(|w| w == "курск"), "{marked:?}");
    assert!(marked.iter().all(|w| w.starts_with("курск")), "{marked:?}");
    // Upper case and ё are folded as in the index.
    assert_eq!(ids(&all(s, SearchRequest::new("КУРСК*"))), expected);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn prefix_is_over_words_as_written_not_stems() {
    let (articles, s) = sample();
    // `Курской`, `курского` and `курском` begin with `курско`; `Курская` and
    // `Курск` do not. Over stems (`курск`) the prefix would find none.
    let expected = having(articles, |w| w.starts_with("курско"));
    assert!(!expected.is_empty());
    let results = all(s, SearchRequest::new("курско*"));
    assert_eq!(ids(&results), expected);
    assert!(highlighted(&results).iter().all(|w| w.starts_with("курско")));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn a_one_letter_prefix_is_capped_not_exploded() {
    let (articles, s) = sample();
    let started = std::time::Instant::now();
    let results = all(s, SearchRequest::new("title:а*").explain(true));
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
    // The sample's titles have well over MAX_EXPANSIONS words in а; the
    // query looks for the most frequent of them only.
    let forms: BTreeSet<String> = articles
        .iter()
        .flat_map(|a| poisk::analysis::analyze(&a.title))
        .map(|t| t.text)
        .filter(|w| w.starts_with('а'))
        .collect();
    assert!(forms.len() > poisk::limits::MAX_EXPANSIONS, "only {} forms", forms.len());
    let with_any = having(articles, |w| w.starts_with('а'));
    assert!(results.total > 0 && results.total < with_any.len(), "{} of {}", results.total, with_any.len());
    let matched: BTreeSet<String> = results.hits.iter().flat_map(|h| terms(h.explanation.as_ref().unwrap())).collect();
    assert!(matched.len() <= poisk::limits::MAX_EXPANSIONS, "{} terms matched", matched.len());
}

/// The terms named in an explanation tree (`BM25, product of «курской»`).
fn terms(e: &Explanation) -> Vec<String> {
    let own = e.label.split_once('«').and_then(|(_, rest)| rest.strip_suffix('»')).map(str::to_owned);
    own.into_iter().chain(e.children.iter().flat_map(terms)).collect()
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn exact_form_bypasses_the_stemmer() {
    let (articles, s) = sample();
    let expected = having(articles, |w| w == "курской");
    let results = all(s, SearchRequest::new("=\"Курской\""));
    assert_eq!(ids(&results), expected);
    assert!(highlighted(&results).iter().all(|w| w == "курской"), "{:?}", highlighted(&results));
    // Articles with `Курская` but never `Курской` are found by the stemmed
    // word only.
    let stemmed = ids(&all(s, SearchRequest::new("Курской"))).into_iter().map(str::to_owned).collect::<BTreeSet<_>>();
    let only_other_forms: Vec<&str> = stemmed.iter().map(String::as_str).filter(|id| !expected.contains(id)).collect();
    assert!(!only_other_forms.is_empty(), "every Kursk article has `Курской`");
    assert_eq!(ids(&all(s, SearchRequest::new("=Курской"))), expected);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn exact_phrase_needs_those_forms_together() {
    let (articles, s) = sample();
    let expected: BTreeSet<&str> = articles
        .iter()
        .filter(|a| {
            let words: Vec<String> = poisk::analysis::analyze(&a.body).into_iter().map(|t| t.text).collect();
            words.windows(2).any(|w| w[0] == "курской" && w[1] == "области")
                || poisk::analysis::analyze(&a.title)
                    .windows(2)
                    .any(|w| w[0].text == "курской" && w[1].text == "области")
        })
        .map(|a| a.id.as_str())
        .collect();
    assert!(!expected.is_empty());
    let results = all(s, SearchRequest::new("=\"Курской области\""));
    assert_eq!(ids(&results), expected);
    assert!(highlighted(&results).iter().all(|w| w == "курской области"), "{:?}", highlighted(&results));
    // The stemmed phrase also finds `Курская область`.
    assert!(all(s, SearchRequest::new("\"Курской области\"")).total > expected.len());
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn typo_tolerance_on_request() {
    let (_, s) = sample();
    let putin = all(s, SearchRequest::new("Путин"));
    assert!(putin.total > 20);
    // Without `~`, the misspelling is just another word.
    let plain = all(s, SearchRequest::new("путен"));
    assert!(!highlighted(&plain).iter().any(|w| w.starts_with("путин")));
    let typo = all(s, SearchRequest::new("путен~1"));
    assert!(ids(&typo).is_superset(&ids(&putin)), "путен~1 misses some of Путин's articles");
    assert!(highlighted(&typo).iter().any(|w| w.starts_with("путин")), "{:?}", highlighted(&typo));
    // Two edits away needs ~2.
    assert!(!ids(&all(s, SearchRequest::new("пудэн~1"))).is_superset(&ids(&putin)));
    assert!(ids(&all(s, SearchRequest::new("пудэн~2"))).is_superset(&ids(&putin)));
    let too_far = s.search(&SearchRequest::new("путин путен~3"));
    assert!(matches!(too_far, Err(poisk::Error::Query { position: 11, .. })), "{too_far:?}");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn proximity_tilde_still_means_slop() {
    let (_, s) = sample();
    let together = all(s, SearchRequest::new("\"Курской области\"")).total;
    let apart = all(s, SearchRequest::new("\"Курской области\"~3")).total;
    assert!(apart >= together && together > 0);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn a_word_the_index_lacks_is_corrected() {
    let (articles, s) = sample();
    let meant = all(s, SearchRequest::new("Песков"));
    assert!(meant.total > 10, "{}", meant.total);
    let typed = all(s, SearchRequest::new("Пескоф"));
    assert_eq!((typed.corrected.as_deref(), typed.correction), (Some("Песков"), Some(Correction::Typos)));
    assert_eq!(ids(&typed), ids(&meant));
    // The other words stay as typed; the query finds all of its words.
    let two = all(s, SearchRequest::new("Пескоф заявил"));
    assert_eq!(two.corrected.as_deref(), Some("Песков заявил"));
    assert!(!two.relaxed && two.total > 0);
    // As typed, nothing; nonsense has no correction, nor a layout one.
    let exact = all(s, SearchRequest::new(Match::new("Пескоф").fix_typos(false)));
    assert_eq!((exact.total, exact.corrected), (0, None));
    let nonsense = all(s, SearchRequest::new("zzz"));
    assert_eq!((nonsense.total, nonsense.corrected), (0, None));
    // A word the index has is never corrected.
    assert!(all(s, SearchRequest::new("Песков")).corrected.is_none());
    // An explicit typo ranks the word typed above its neighbours.
    let sanctions = having(articles, |w| w.starts_with("санкц"));
    let fuzzy = all(s, SearchRequest::new("санкции~"));
    let top: Vec<&str> = fuzzy.hits.iter().take(10).map(|h| h.id.as_str()).collect();
    assert!(top.iter().all(|id| sanctions.contains(id)), "{top:?}");
    assert!(fuzzy.total > sanctions.len());
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn wrong_layout_is_recognised() {
    let (_, s) = sample();
    let meant = all(s, SearchRequest::new("курской области"));
    assert!(meant.total > 0);
    let typed = all(s, SearchRequest::new("rehcrjq j,kfcnb"));
    assert_eq!(typed.corrected.as_deref(), Some("курской области"));
    assert_eq!(typed.query, "rehcrjq j,kfcnb");
    assert_eq!(ids(&typed), ids(&meant));
    assert_eq!(typed.total, meant.total);
    let off = all(s, SearchRequest::new(Match::new("rehcrjq j,kfcnb").fix_layout(false)));
    assert_eq!((off.total, off.corrected), (0, None));
    // A Latin word that finds articles as typed stays as typed.
    let latin = all(s, SearchRequest::new("Twitter"));
    assert!(latin.total > 0 && latin.corrected.is_none());
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn sort_by_date_is_newest_first_with_undated_last() {
    let (_, s) = sample();
    let by_relevance = all(s, SearchRequest::new("Путин"));
    let by_date = all(s, SearchRequest::new("Путин").sort(Sort::Date));
    assert_eq!(by_date.total, by_relevance.total);
    assert_eq!(ids(&by_date), ids(&by_relevance));
    let dates: Vec<_> = by_date.hits.iter().map(|h| h.date).collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(dated > 5 && dated < dates.len(), "{dated} dated of {}", dates.len());
    assert!(dates[dated..].iter().all(Option::is_none), "an undated hit before a dated one");
    assert!(dates[..dated].windows(2).all(|w| w[0] >= w[1]), "not newest first: {dates:?}");
    // Paging goes on where the first page stopped.
    let page = s.search(&SearchRequest::new("Путин").sort(Sort::Date).limit(3).offset(3)).unwrap();
    let expected: Vec<&str> = by_date.hits[3..6].iter().map(|h| h.id.as_str()).collect();
    assert_eq!(page.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), expected);
    assert_eq!(page.total, by_date.total);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn explanations_add_up_to_the_score() {
    let (_, s) = sample();
    let results = s.search(&SearchRequest::new("Курской области").limit(5).explain(true)).unwrap();
    assert!(!results.hits.is_empty());
    for hit in &results.hits {
        let e = hit.explanation.as_ref().unwrap();
        assert!((e.value - hit.score).abs() < 1e-3, "{} vs {}", e.value, hit.score);
        let parts: f32 = e.children.iter().map(|c| c.value).sum();
        assert!((parts - hit.score).abs() < 1e-3 * hit.score.max(1.0), "{parts} vs {}", hit.score);
        assert!(e.children.iter().all(|c| c.label != "the rest"), "{e:#?}");
        let labels: Vec<&str> = e.children.iter().map(|c| c.label.as_str()).collect();
        assert!(labels.contains(&"body: курск") && labels.contains(&"body: област"), "{labels:?}");
        let bm25 = &e.children[0].children[0];
        assert!(flatten(bm25).iter().any(|l| l.starts_with("idf")), "{bm25:#?}");
    }
    // The best hit has the words together: a proximity bonus.
    let best = results.hits[0].explanation.as_ref().unwrap();
    assert!(best.children.iter().any(|c| c.label.starts_with("proximity bonus")), "{best:#?}");
    // Without asking, no explanation.
    let plain = s.search(&SearchRequest::new("Курской области").limit(5)).unwrap();
    assert!(plain.hits.iter().all(|h| h.explanation.is_none()));
}

fn flatten(e: &Explanation) -> Vec<String> {
    std::iter::once(e.label.clone()).chain(e.children.iter().flat_map(flatten)).collect()
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn pasted_leads_with_punctuation_are_searched_as_prose() {
    let (_, s) = sample();
    // RT leads mark banned organisations with `*`, and the temperature
    // minus is a number.
    let leads = [
        "Заявления Дональда Трампа о победе США над «Исламским государством»* в Сирии нескромны, \
         они не убеждают даже американские СМИ.",
        "Российское военное присутствие в Сирии усложняет проведение операций коалиции против ИГ*. \
         Такие выводы содержатся в отчёте, с текстом которого ознакомился RT.",
        "В Курской области ожидаются морозы до -21 °С, сообщили синоптики; = ~ * не мешают.",
    ];
    for lead in leads {
        let results = s.search(&SearchRequest::new(lead)).unwrap_or_else(|e| panic!("{lead}: {e}"));
        assert!(results.total > 0, "{lead}");
        assert!(results.corrected.is_none());
    }
}
