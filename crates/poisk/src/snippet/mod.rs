//! Snippets: the best sentences of a hit, with matched words highlighted.
//!
//! [`snippets`] finds the query's stems and phrases in a text, ranks windows
//! of one or two whole sentences by what they match, and returns the best
//! few, cut to about [`SnippetConfig::max_chars`] characters at word
//! boundaries. Unlike tantivy's snippet generator it gives several
//! fragments, highlights whole phrases, and reports byte offsets into the
//! source text, so that any printer can render them.
//!
//! The example is on [`snippets`].

mod fragment;
// `match` is a keyword, hence the raw name of the module.
mod r#match;
mod score;

use fragment::{Cut, Found, anchors, cut, highlights, select};
use r#match::Matcher;
use serde::{Deserialize, Serialize};

/// What to look for in a text: stems of single words and phrases, and
/// words as written (exact forms, prefixes).
///
/// Words as written are lowercase with ё folded to е, as the `text` of
/// [`crate::analysis::analyze`]'s tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnippetQuery {
    /// Stems (as [`crate::analysis::analyze`] gives them) to highlight wherever they
    /// occur.
    pub terms: Vec<String>,
    /// Sequences of stems to highlight as whole phrases, with the number of
    /// extra words allowed between them (slop).
    pub phrases: Vec<(Vec<String>, u32)>,
    /// Word forms to highlight only where a word is written so (`="Курской"`
    /// marks `Курской`, not `Курская`).
    pub exact: Vec<String>,
    /// Sequences of exact word forms to highlight as whole phrases, with
    /// their slop.
    pub exact_phrases: Vec<(Vec<String>, u32)>,
    /// Beginnings of words: every word that begins so is highlighted
    /// (`курск` marks `Курской` and `курско-белгородской`'s `курско`).
    pub prefixes: Vec<String>,
}

/// Knobs of the snippet generator: [`snippets`] and
/// [`SearchRequest::snippets`](crate::SearchRequest::snippets).
///
/// ```
/// let few = poisk::snippet::SnippetConfig { max_fragments: 1, max_chars: 120 };
/// let request = poisk::SearchRequest::new("Пекин").snippets(few);
/// let results = poisk::builtin::index()?.searcher()?.search(&request)?;
/// assert_eq!(results.hits[0].snippets.len(), 1);
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnippetConfig {
    /// How many fragments per text at most.
    pub max_fragments: usize,
    /// About how many characters a fragment may have.
    pub max_chars: usize,
}

impl Default for SnippetConfig {
    fn default() -> SnippetConfig {
        SnippetConfig { max_fragments: 2, max_chars: 200 }
    }
}

/// One fragment of a text, as [`snippets`] and search hits give it; the
/// example on [`snippets`] reads its highlights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The fragment, exactly `text[start..end]` of the source text.
    pub text: String,
    /// Byte offset of the fragment in the source text.
    pub start: usize,
    /// Byte offset just past the fragment.
    pub end: usize,
    /// Byte ranges `[s, e]` of highlighted words inside [`Snippet::text`].
    pub highlights: Vec<(usize, usize)>,
    /// True when the fragment starts inside a sentence (show `…` before it).
    pub cut_before: bool,
    /// True when the fragment ends inside a sentence (show `…` after it).
    pub cut_after: bool,
}

/// Picks up to `config.max_fragments` fragments of `text`, best first.
///
/// Each fragment is one or two whole sentences around the best matches of
/// `query`, shortened to at most `config.max_chars` characters at word
/// boundaries (`cut_before`/`cut_after` tell where). Fragments do not overlap
/// and come best first, not in text order. Every occurrence of a query term
/// is highlighted, and every occurrence of a phrase as one range; a word that
/// belongs only to a phrase is not highlighted on its own.
///
/// When nothing matches, the opening sentence of the text (cut) is the only
/// fragment, without highlights, so that every hit has something to show. A
/// blank text, or `max_fragments == 0`, gives no fragments.
///
/// # Example
///
/// ```
/// use poisk::analysis::analyze;
/// use poisk::snippet::{SnippetConfig, SnippetQuery, snippets};
///
/// let text = "Переговоры прошли в Пекине.\nПутин вспомнил бои в Курской области.";
/// let query = SnippetQuery {
///     terms: vec![analyze("Путин")[0].stem.clone()],
///     phrases: vec![(analyze("курская область").into_iter().map(|t| t.stem).collect(), 0)],
///     ..SnippetQuery::default()
/// };
/// let found = snippets(text, &query, &SnippetConfig::default());
/// let best = &found[0];
/// assert_eq!(best.text, "Путин вспомнил бои в Курской области.");
/// let marked: Vec<&str> = best.highlights.iter().map(|&(s, e)| &best.text[s..e]).collect();
/// assert_eq!(marked, ["Путин", "Курской области"]);
/// ```
pub fn snippets(text: &str, query: &SnippetQuery, config: &SnippetConfig) -> Vec<Snippet> {
    Finder::new(query).snippets(text, config)
}

/// Byte ranges of every match of `query` in the whole of `text`, sorted and
/// non-overlapping: what to mark when the whole text is shown (a quote).
///
/// ```
/// use poisk::snippet::{SnippetQuery, highlight_all};
/// let query = SnippetQuery { terms: vec![poisk::analysis::stem("долгом")], ..SnippetQuery::default() };
/// let text = "Это братский долг, и мы помним о долге.";
/// let marked: Vec<&str> = highlight_all(text, &query).iter().map(|&(s, e)| &text[s..e]).collect();
/// assert_eq!(marked, ["долг", "долге"]);
/// ```
pub fn highlight_all(text: &str, query: &SnippetQuery) -> Vec<(usize, usize)> {
    Finder::new(query).highlight_all(text)
}

/// A [`SnippetQuery`] prepared once for the many texts of a search (each
/// hit, each quote under it): [`snippets`] and [`highlight_all`] without
/// preparing the query again for every text.
pub(crate) struct Finder(Matcher);

impl Finder {
    pub(crate) fn new(query: &SnippetQuery) -> Finder {
        Finder(Matcher::new(query))
    }

    /// [`snippets`] of `text`.
    pub(crate) fn snippets(&self, text: &str, config: &SnippetConfig) -> Vec<Snippet> {
        if config.max_fragments == 0 {
            return Vec::new();
        }
        let (matcher, max_chars) = (&self.0, config.max_chars.max(1));
        let found = find(text, matcher);
        let windows = select(text, &found, matcher, config.max_fragments, max_chars);
        if windows.is_empty() {
            return opening(text, &found, max_chars).into_iter().collect();
        }
        let fragment = |span: std::ops::Range<usize>| {
            let anchors = anchors(&found, &span);
            let cut = cut(text, span, &anchors, max_chars);
            let highlights = highlights(&found, matcher, &cut.range);
            snippet(text, cut, highlights)
        };
        windows.iter().map(|w| fragment(found.span(w.first, w.last))).collect()
    }

    /// [`highlight_all`] of `text`.
    pub(crate) fn highlight_all(&self, text: &str) -> Vec<(usize, usize)> {
        if self.0.is_empty() {
            return Vec::new();
        }
        // Only the matches: whole-text highlights need no sentences.
        let found = find_matches(text, &self.0);
        highlights(&found, &self.0, &(0..text.len()))
    }
}

/// Finds the query in `text`, and the sentences that hold the matches.
///
/// The words are scanned first, so that sentences need only be split up to
/// the one after the last match (context for it): for a text without a
/// match, that is just the opening sentence.
fn find(text: &str, matcher: &Matcher) -> Found {
    let mut found = Found { sentences: Vec::new(), hits: Vec::new(), phrases: Vec::new() };
    if !matcher.is_empty() {
        matcher.scan(text, 0..text.len(), &mut 0, &mut found.hits);
    }
    let last_end = found.hits.last().map_or(0, |h| h.end);
    let mut next_hit = 0;
    for range in crate::text::sentences(text) {
        let index = u32::try_from(found.sentences.len()).unwrap_or(u32::MAX);
        for hit in found.hits[next_hit..].iter_mut().take_while(|h| h.start < range.end) {
            hit.sentence = index;
            next_hit += 1;
        }
        let past_last = range.start >= last_end;
        found.sentences.push(range);
        if past_last {
            break;
        }
    }
    add_phrases(&mut found, matcher);
    found
}

/// [`find`] without the sentences (every match in sentence 0).
fn find_matches(text: &str, matcher: &Matcher) -> Found {
    let mut found = Found { sentences: Vec::new(), hits: Vec::new(), phrases: Vec::new() };
    matcher.scan(text, 0..text.len(), &mut 0, &mut found.hits);
    add_phrases(&mut found, matcher);
    found
}

/// The phrases among `found`'s hits, in text order.
fn add_phrases(found: &mut Found, matcher: &Matcher) {
    matcher.phrase_hits(&found.hits, &mut found.phrases);
    found.phrases.sort_by_key(|p| (p.start, p.end));
}

/// The first sentence of the text, cut, without highlights.
fn opening(text: &str, found: &Found, max_chars: usize) -> Option<Snippet> {
    let first = found.sentences.first()?.clone();
    Some(snippet(text, cut(text, first, &[], max_chars), Vec::new()))
}

fn snippet(text: &str, cut: Cut, highlights: Vec<(usize, usize)>) -> Snippet {
    Snippet {
        text: text[cut.range.clone()].to_string(),
        start: cut.range.start,
        end: cut.range.end,
        highlights,
        cut_before: cut.before,
        cut_after: cut.after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words and sentences of `crate::text`'s conformance table, as
    /// snippets read them: the matcher's words (asked for every word by its
    /// first character) and the sentences `find` gives fragments from.
    #[test]
    fn reads_the_conformance_table() {
        for case in crate::text::conformance::CASES {
            let text = case.text;
            // Every letter and digit of the text as a prefix: any word is a match.
            let letters = text.chars().filter(|c| c.is_alphanumeric()).map(String::from).collect();
            let matcher = Matcher::new(&SnippetQuery { prefixes: letters, ..SnippetQuery::default() });
            let found = find(text, &matcher);
            let words: Vec<&str> = found.hits.iter().map(|h| &text[h.start..h.end]).collect();
            assert_eq!(words, case.parts(), "{text}");
            let sentences: Vec<&str> = found.sentences.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(sentences, case.sentences, "{text}");
        }
    }
    use crate::analyzer::analyze;
    use proptest::prelude::*;

    const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");

    fn body() -> &'static str {
        SEED.split_once("\n\n").expect("seed has a header line").1
    }

    fn stems(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.stem).collect()
    }

    fn query(terms: &str, phrases: &[&str]) -> SnippetQuery {
        SnippetQuery {
            terms: stems(terms),
            phrases: phrases.iter().map(|p| (stems(p), 0)).collect(),
            ..SnippetQuery::default()
        }
    }

    fn config(max_fragments: usize, max_chars: usize) -> SnippetConfig {
        SnippetConfig { max_fragments, max_chars }
    }

    /// The highlighted parts of each fragment.
    fn marked(found: &[Snippet]) -> Vec<Vec<&str>> {
        found.iter().map(|s| s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect()).collect()
    }

    /// Every promise of [`Snippet`]: offsets, text, highlights, length, no
    /// overlap.
    fn assert_valid(text: &str, found: &[Snippet], config: &SnippetConfig) {
        assert!(found.len() <= config.max_fragments.max(1));
        for s in found {
            assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert_eq!(s.text, text[s.start..s.end]);
            assert!(s.text.chars().count() <= config.max_chars.max(1), "too long: {:?}", s.text);
            let mut last = 0;
            for &(a, b) in &s.highlights {
                assert!(last <= a && a < b && b <= s.text.len(), "{:?} in {s:?}", (a, b));
                assert!(s.text.is_char_boundary(a) && s.text.is_char_boundary(b));
                last = b;
            }
        }
        for (i, a) in found.iter().enumerate() {
            for b in &found[i + 1..] {
                assert!(a.end <= b.start || b.end <= a.start, "overlap: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn highlights_every_inflected_form() {
        let c = SnippetConfig::default();
        let found = snippets(body(), &query("Курская", &[]), &c);
        assert_valid(body(), &found, &c);
        assert_eq!(marked(&found), [vec!["Курской"], vec!["Курской"]]);
        let found = snippets(body(), &query("Путиным", &[]), &c);
        assert_eq!(found.len(), 2);
        assert!(marked(&found).concat().iter().all(|w| w.starts_with("Путин")), "{found:#?}");
    }

    #[test]
    fn prefers_sentences_with_more_distinct_terms() {
        let found = snippets(body(), &query("Ким поблагодарил Путина", &[]), &config(1, 200));
        assert_eq!(
            found[0].text,
            "Ким Чен Ын назвал участие в боевых действиях в Курской области братским долгом КНДР. \
             Он поблагодарил Путина за то, что тот высоко оценил роль, которую сыграли северокорейские солдаты."
        );
        assert_eq!(marked(&found), [vec!["Ким", "поблагодарил", "Путина"]]);
    }

    #[test]
    fn highlights_phrases_as_one_range() {
        let c = config(3, 200);
        let found = snippets(body(), &query("", &["братским долгом"]), &c);
        assert_valid(body(), &found, &c);
        assert_eq!(marked(&found), [vec!["братским долгом"], vec!["братским долгом"]]);
        // Best first; equal scores go in text order.
        assert!(found[0].start < found[1].start);
    }

    #[test]
    fn phrase_words_alone_are_not_highlighted() {
        let text = "Область выделила средства. Военные воевали в Курской области. Курская делегация уехала.";
        let found = snippets(text, &query("военные", &["курская область"]), &config(2, 200));
        assert_eq!(marked(&found)[0], ["Военные", "Курской области"]);
        assert!(marked(&found).concat().iter().all(|w| *w != "Область" && *w != "Курская"));
    }

    #[test]
    fn phrase_words_apart_still_choose_the_sentence() {
        let text = "Переговоры шли долго. Область, которую называют Курской, пострадала.";
        let found = snippets(text, &query("", &["курская область"]), &config(1, 50));
        assert_eq!(found[0].text, "Область, которую называют Курской, пострадала.");
        assert!(found[0].highlights.is_empty());
    }

    #[test]
    fn cuts_long_fragments_at_word_boundaries() {
        let c = config(2, 80);
        let found = snippets(body(), &query("спецподразделения", &[]), &c);
        assert_valid(body(), &found, &c);
        let best = &found[0];
        assert!(best.cut_before && best.cut_after, "{best:?}");
        assert_eq!(marked(&found)[0], ["спецподразделения"]);
        // Whole words at both ends.
        let (before, after) = (&body()[..best.start], &body()[best.end..]);
        assert!(before.ends_with(' ') && after.starts_with([' ', ',']), "{best:?}");
    }

    #[test]
    fn respects_max_chars_on_every_fragment() {
        for max_chars in [1, 5, 30, 80, 200, 1000] {
            let c = config(3, max_chars);
            let found = snippets(body(), &query("Путин Курской КНДР", &["братским долгом"]), &c);
            assert!(!found.is_empty());
            assert_valid(body(), &found, &c);
        }
    }

    #[test]
    fn no_match_gives_the_opening() {
        let c = config(2, 200);
        let found = snippets(body(), &query("Трамп", &[]), &c);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start, 0);
        assert!(found[0].text.starts_with("CentralAsia (CA) - Президент России"), "{:?}", found[0].text);
        assert!(found[0].text.ends_with("сообщает Кремль."));
        assert!(found[0].highlights.is_empty() && !found[0].cut_before && !found[0].cut_after);
        let short = snippets(body(), &SnippetQuery::default(), &config(2, 40));
        assert_eq!(short[0].text, "CentralAsia (CA) - Президент России");
        assert!(short[0].cut_after);
    }

    #[test]
    fn blank_text_gives_nothing() {
        assert!(snippets("", &query("Путин", &[]), &SnippetConfig::default()).is_empty());
        assert!(snippets(" \n ", &query("Путин", &[]), &SnippetConfig::default()).is_empty());
        assert!(snippets(body(), &query("Путин", &[]), &config(0, 200)).is_empty());
    }

    const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz");

    /// `(title, body)` of the first `limit` corpus articles.
    fn corpus(limit: usize) -> Vec<(String, String)> {
        use std::io::BufRead;
        let file = std::fs::File::open(CORPUS).expect("the corpus");
        let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
        let articles = reader.lines().take(limit).map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            (v["title"].as_str().unwrap_or("").to_string(), v["body"].as_str().unwrap_or("").to_string())
        });
        articles.collect()
    }

    /// A search-like query from a title: its first three words of four or
    /// more letters.
    fn title_query(title: &str) -> SnippetQuery {
        let words = analyze(title).into_iter().filter(|t| t.text.chars().count() >= 4);
        SnippetQuery { terms: words.take(3).map(|t| t.stem).collect(), ..SnippetQuery::default() }
    }

    #[test]
    #[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
    fn corpus_snippets_are_valid_and_highlighted() {
        let articles = corpus(1000);
        let c = SnippetConfig::default();
        let mut highlighted = 0;
        for (title, body) in &articles {
            let found = snippets(body, &title_query(title), &c);
            assert_valid(body, &found, &c);
            assert!(!body.trim().is_empty() || found.is_empty());
            highlighted += usize::from(found.iter().any(|s| !s.highlights.is_empty()));
        }
        // Title words nearly always recur in the body.
        assert!(highlighted * 100 >= articles.len() * 90, "{highlighted} of {}", articles.len());
    }

    #[test]
    fn any_number_of_fragments_and_characters_is_taken() {
        // Sizes come from requests: `usize::MAX` fragments once made the
        // generator reserve room for them and panic.
        let text = "Путин прибыл в Пекин. Переговоры шли весь день. Путин уехал.";
        let q = SnippetQuery { terms: stems("путин"), ..SnippetQuery::default() };
        let c = config(usize::MAX, usize::MAX);
        let found = snippets(text, &q, &c);
        assert_eq!(found.len(), 2);
        assert_valid(text, &found, &c);
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_valid(
            text in "[а-яА-ЯёЁa-z0-9 .,!?…«»\"()\\-—\n\u{301}]{0,400}",
            words in "[а-яё ]{0,30}",
            phrase in "[а-яё ]{0,20}",
            slop in 0u32..3,
            max_fragments in 0usize..4,
            max_chars in 0usize..250,
        ) {
            let q = SnippetQuery {
                terms: stems(&words),
                phrases: vec![(stems(&phrase), slop)],
                ..SnippetQuery::default()
            };
            let c = config(max_fragments, max_chars);
            let found = snippets(&text, &q, &c);
            assert_valid(&text, &found, &c);
        }

        #[test]
        fn query_words_taken_from_the_text_are_found(
            text in "[а-яА-Я ,!?\n]{1,300}",
            pick in 0usize..1000,
        ) {
            let words = analyze(&text);
            prop_assume!(!words.is_empty());
            let word = &words[pick % words.len()];
            let q = SnippetQuery { terms: vec![word.stem.clone()], ..SnippetQuery::default() };
            let found = snippets(&text, &q, &config(2, 1000));
            prop_assert!(found.iter().any(|s| !s.highlights.is_empty()), "{} not found in {:?}", word.text, text);
        }
    }
}
