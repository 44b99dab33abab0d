//! Typo correction, in the manner of Meilisearch and of a search engine's
//! "showing results for": a word of the query that the index does not have
//! (or that finds almost nothing) is replaced by the closest word form the
//! index has, when that one is in many more articles; and the words of a
//! keyboard-layout correction must be words the index has.
//!
//! The vocabulary is the index's own: the word forms as written
//! (`title_exact`, `body_exact`), looked through with tantivy's
//! Levenshtein automaton (the one of `FuzzyTermQuery`), so a correction is
//! a form that occurs in the text (`скрипаль`), shown as the user would have
//! typed it (`Скрипаль`). Each lookup is one walk of a term dictionary, as
//! a `word~N` is: at most [`MAX_CORRECTED_WORDS`] words of a query, within
//! [`MAX_EXPANDED_WORDS`] with its own prefix and typo words, and within
//! the request's time budget.

use std::collections::HashMap;

use tantivy::Term as IndexTerm;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;

use super::budget::Budget;
use super::parse::parse;
use super::syntax::{Form, Scope, Term};
use crate::analyzer::{AnalyzedToken, analyze};
use crate::index::Fields;
use crate::limits::{MAX_CORRECTED_WORDS, MAX_EXPANDED_WORDS};

/// The shortest word that is corrected (in characters): one edit from a
/// short word reaches too many others (`zzz`, `мир`).
const MIN_CHARS: usize = 5;
/// From this many characters on, two edits are allowed (Meilisearch's
/// default: one typo from 5 characters, two from 9).
const TWO_EDITS_CHARS: usize = 9;
/// A word in at most this many articles "finds almost nothing".
pub(crate) const RARE: u64 = 2;
/// A correction must be in at least this many articles, and this many
/// times as many as the word typed.
const GAIN: u64 = 10;

/// The query with its unknown words corrected, or `None` when no word
/// needs or has a correction. A word is corrected when the index does not
/// have it, or, when `found_little` (the query as typed found almost
/// nothing, or only relaxed to any word), when it is in at most [`RARE`]
/// articles. Words in phrases, prefixes, exact forms, excluded words and
/// speakers' names are kept as typed.
///
/// # Errors
/// When the index cannot be read.
pub(crate) fn correct(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    query: &str,
    found_little: bool,
    budget: &Budget,
) -> tantivy::Result<Option<String>> {
    let Ok(parsed) = parse(query) else {
        return Ok(None);
    };
    let terms = parsed.node.terms();
    let expanded = terms.iter().filter(|(t, _)| matches!(t.form, Form::Prefix { .. } | Form::Fuzzy { .. })).count();
    let mut allowed = MAX_CORRECTED_WORDS.min(MAX_EXPANDED_WORDS.saturating_sub(expanded));
    let mut out = String::with_capacity(query.len());
    // Where in `query` the next term is looked for.
    let mut cursor = 0;
    let mut changed = false;
    for (term, negated) in terms {
        let Some(token) = correctable(term, negated) else {
            continue;
        };
        let Some(at) = query[cursor..].find(term.text.as_str()).map(|i| cursor + i) else {
            continue;
        };
        let chars = token.text.chars().count();
        if allowed == 0 || budget.is_spent() {
            continue;
        }
        let found = doc_freq(searcher, &[fields.title, fields.body], &token.stem)?;
        if found > 0 && !(found_little && found <= RARE) {
            continue;
        }
        allowed -= 1;
        let distance = if chars >= TWO_EDITS_CHARS { 2 } else { 1 };
        let Some(better) = closest(searcher, &[fields.title_exact, fields.body_exact], &token.text, distance)?
            .filter(|&(_, docs)| docs >= GAIN.max(found * GAIN))
            .map(|(form, _)| form)
        else {
            continue;
        };
        let typed = &term.text[token.start..token.end];
        out.push_str(&query[cursor..at + token.start]);
        out.push_str(&same_case(typed, &better));
        cursor = at + token.end;
        changed = true;
    }
    if !changed {
        return Ok(None);
    }
    out.push_str(&query[cursor..]);
    Ok(Some(out))
}

/// The word of a term that [`correct`] may replace: a plain word (not in a
/// phrase, prefix, exact form, speaker's name, nor excluded) of
/// [`MIN_CHARS`] letters or more.
fn correctable(term: &Term, negated: bool) -> Option<AnalyzedToken> {
    if negated || term.form != Form::Word || !matches!(term.scope, Scope::Any | Scope::Title | Scope::Body) {
        return None;
    }
    let [token] = <[AnalyzedToken; 1]>::try_from(analyze(&term.text)).ok()?;
    let long = token.text.chars().count() >= MIN_CHARS;
    (long && token.text.chars().all(char::is_alphabetic)).then_some(token)
}

/// The word forms of `query` (lowercase, ё as е) that typo correction
/// would look at: an engine without the local index's vocabulary can tell
/// whether it has them, and say so when it has not.
///
/// ```
/// assert_eq!(poisk::query::correctable_words("Скрипль -Путина \"Курской области\" мир"), ["скрипль"]);
/// ```
pub fn correctable_words(query: &str) -> Vec<String> {
    let Ok(parsed) = parse(query) else {
        return Vec::new();
    };
    parsed.node.terms().into_iter().filter_map(|(term, negated)| correctable(term, negated)).map(|t| t.text).collect()
}

/// True when every word of `query` with a Cyrillic letter is a word form
/// of the index: a query converted from the Latin keyboard layout that
/// makes up words (`zzz` → `яяя`) is no correction.
///
/// # Errors
/// When the index cannot be read.
pub(crate) fn all_known(searcher: &tantivy::Searcher, fields: &Fields, query: &str) -> tantivy::Result<bool> {
    all_known_by(query, |form| Ok(doc_freq(searcher, &[fields.title_exact, fields.body_exact], form)? > 0))
}

/// [`all_known`] with `known` telling whether a word form (lowercase, ё
/// as е) is one an index has.
///
/// # Errors
/// `known`'s.
pub(crate) fn all_known_by<E>(query: &str, mut known: impl FnMut(&str) -> Result<bool, E>) -> Result<bool, E> {
    // The terms of the query, not its text: `title:` is no word.
    let Ok(parsed) = parse(query) else {
        return Ok(false);
    };
    for (term, _) in parsed.node.terms() {
        for token in analyze(&term.text) {
            if token.text.chars().any(|c| matches!(c, 'а'..='я' | 'ё')) && !known(&token.text)? {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// In how many documents `text` is a term of any of `fields` (a document
/// with it in two fields counts twice: an upper bound).
fn doc_freq(searcher: &tantivy::Searcher, fields: &[Field], text: &str) -> tantivy::Result<u64> {
    let mut total = 0;
    for &field in fields {
        total += searcher.doc_freq(&IndexTerm::from_field_text(field, text))?;
    }
    Ok(total)
}

/// The term of `fields` closest to `word` (1 to `distance` edits), and the
/// documents it is in: the fewest edits first, then the most documents,
/// then the first in term order.
fn closest(
    searcher: &tantivy::Searcher,
    fields: &[Field],
    word: &str,
    distance: u8,
) -> tantivy::Result<Option<(String, u64)>> {
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    for &field in fields {
        let automaton = FuzzyTermQuery::new(IndexTerm::from_field_text(field, word), distance, true).automaton()?;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().search(&automaton).into_stream()?;
            while stream.advance() {
                *found.entry(stream.key().to_vec()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let best = found
        .into_iter()
        .filter_map(|(key, docs)| String::from_utf8(key).ok().map(|k| (k, docs)))
        .filter(|(k, _)| k != word)
        .map(|(k, docs)| (super::expand::edit_distance(word, &k), k, docs))
        .min_by(|(ea, a, da), (eb, b, db)| ea.cmp(eb).then_with(|| db.cmp(da)).then_with(|| a.cmp(b)));
    Ok(best.map(|(_, k, docs)| (k, docs)))
}

/// `correction` (lower case, as the index holds it) in the case of
/// `typed`: `Скрипль` → `Скрипаль`, `ЛАВРОФ` → `ЛАВРОВ`.
fn same_case(typed: &str, correction: &str) -> String {
    if typed.chars().count() > 1 && typed.chars().all(|c| !c.is_lowercase()) {
        return correction.to_uppercase();
    }
    match typed.chars().next().filter(|c| c.is_uppercase()) {
        Some(_) => {
            let mut chars = correction.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        }
        None => correction.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn searcher() -> (Fields, tantivy::Searcher) {
        let mut bodies =
            vec!["Скрипаль и его дочь были отравлены в Солсбери."; 11];
        bodies.extend(["Скрипль: опечатка в одной статье.", "Лавров ответил Лондону."]);
        let articles: Vec<crate::Article> = bodies.iter().map(|b| crate::Article::new(*b, "", *b)).collect();
        crate::index::test_searcher(&articles)
    }

    #[test]
    fn case_follows_the_typed_word() {
        assert_eq!(same_case("Скрипль", "скрипаль"), "Скрипаль");
        assert_eq!(same_case("ЛАВРОФ", "лавров"), "ЛАВРОВ");
        assert_eq!(same_case("лавроф", "лавров"), "лавров");
    }

    #[test]
    fn unknown_words_become_the_closest_frequent_form() {
        let (fields, searcher) = searcher();
        let budget = Budget::unlimited();
        let fix = |q: &str, little: bool| correct(&searcher, &fields, q, little, &budget).unwrap();
        assert_eq!(fix("дочь Салсбери", false).as_deref(), Some("дочь Солсбери"));
        assert_eq!(fix("дочь -Салсбери", false), None, "an excluded word is kept");
        assert_eq!(fix("\"Салсбери\"", false), None, "a phrase is kept");
        // In one article: corrected only when the query found little.
        assert_eq!(fix("Скрипль", false), None);
        assert_eq!(fix("Скрипль", true).as_deref(), Some("Скрипаль"));
        // One article of Лавров is not enough of a gain; short words and
        // nonsense have no correction.
        assert_eq!(fix("Лавроф", true), None);
        assert_eq!(fix("zzz дочь", true), None);
        assert_eq!(fix("Скрипаль", true), None);
    }

    #[test]
    fn layout_corrections_must_be_words() {
        let (fields, searcher) = searcher();
        assert!(all_known(&searcher, &fields, "title:скрипаль дочь").unwrap());
        assert!(!all_known(&searcher, &fields, "яяя").unwrap());
    }
}
