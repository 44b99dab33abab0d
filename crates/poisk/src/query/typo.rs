//! Typo correction, in the manner of Meilisearch and of a search engine's
//! "showing results for": a word of the query that the index does not have
//! (or that finds almost nothing) is replaced by the closest word form the
//! index has, when that one is in many more articles; and the words of a
//! keyboard-layout correction must be words the index has.
//!
//! The words are looked up in a [`Vocabulary`]: the rules here (which
//! words are corrected, how far, which form wins, how much more it must be
//! found) are the same for every engine, and an engine only answers what
//! it holds. The local index's vocabulary ([`Terms`]) is its own: the word
//! forms as written (`title_exact`, `body_exact`), looked through with
//! tantivy's Levenshtein automaton (the one of `FuzzyTermQuery`), so a
//! correction is a form that occurs in the text (`скрипаль`), shown as the
//! user would have typed it (`Скрипаль`). Each lookup is one walk of a
//! term dictionary, as a `word~N` is: at most [`MAX_CORRECTED_WORDS`] words
//! of a query, within [`MAX_EXPANDED_WORDS`] with its own prefix and typo
//! words, and within the request's time budget.

use std::collections::HashMap;

use tantivy::Term as IndexTerm;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;

use super::budget::Budget;
use super::expand::edit_distance;
use super::parse::parse;
use super::syntax::{Form, Scope, Term};
use crate::analyzer::{AnalyzedToken, analyze};
use crate::error::{EngineResult, Result};
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

/// The words of an engine's articles, as typo correction and the
/// keyboard-layout retry look them up
/// ([`with_corrections`](crate::search::with_corrections)): the local
/// index answers from its term dictionaries, another engine from what it
/// holds.
///
/// Articles are counted per field, as the local index's document
/// frequencies add up: the titles that hold a word and the bodies that do,
/// so an article with it in both counts twice.
pub trait Vocabulary {
    /// True when some article has the word form `form` (lowercase, ё as
    /// е) in its title or body, as written.
    ///
    /// # Errors
    /// When the engine fails.
    fn knows(&self, form: &str) -> Result<bool>;

    /// The titles and the bodies that hold the stem `stem`, added.
    ///
    /// # Errors
    /// When the engine fails.
    fn stem_documents(&self, stem: &str) -> Result<u64>;

    /// The word forms of titles and bodies at most `distance` edits from
    /// `form` ([`edit_distance`](crate::query::edit_distance)), each with
    /// the titles and the bodies that hold it, added. `form` itself, forms
    /// farther away and forms no article holds may be among them: they are
    /// left out.
    ///
    /// # Errors
    /// When the engine fails.
    fn forms_near(&self, form: &str, distance: u8) -> Result<Vec<(String, u64)>>;

    /// True when no more words are to be looked up: the request's time is
    /// spent. Never, unless an engine says so.
    fn exhausted(&self) -> bool {
        false
    }
}

/// The local index's [`Vocabulary`]: its term dictionaries, within a
/// request's time budget.
pub(crate) struct Terms<'a> {
    searcher: &'a tantivy::Searcher,
    fields: &'a Fields,
    budget: &'a Budget,
}

impl<'a> Terms<'a> {
    pub(crate) fn new(searcher: &'a tantivy::Searcher, fields: &'a Fields, budget: &'a Budget) -> Terms<'a> {
        Terms { searcher, fields, budget }
    }
}

impl Vocabulary for Terms<'_> {
    fn knows(&self, form: &str) -> Result<bool> {
        Ok(doc_freq(self.searcher, &[self.fields.title_exact, self.fields.body_exact], form).engine()? > 0)
    }

    fn stem_documents(&self, stem: &str) -> Result<u64> {
        doc_freq(self.searcher, &[self.fields.title, self.fields.body], stem).engine()
    }

    fn forms_near(&self, form: &str, distance: u8) -> Result<Vec<(String, u64)>> {
        near(self.searcher, &[self.fields.title_exact, self.fields.body_exact], form, distance).engine()
    }

    fn exhausted(&self) -> bool {
        self.budget.is_spent()
    }
}

/// The query with its unknown words corrected, or `None` when no word
/// needs or has a correction. A word is corrected when `vocabulary` does
/// not have it, or, when `found_little` (the query as typed found almost
/// nothing, or only relaxed to any word), when it is in at most [`RARE`]
/// articles. Words in phrases, prefixes, exact forms, excluded words and
/// speakers' names are kept as typed.
///
/// # Errors
/// The vocabulary's.
pub(crate) fn correct(vocabulary: &dyn Vocabulary, query: &str, found_little: bool) -> Result<Option<String>> {
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
        if allowed == 0 || vocabulary.exhausted() {
            continue;
        }
        let found = vocabulary.stem_documents(&token.stem)?;
        if found > 0 && !(found_little && found <= RARE) {
            continue;
        }
        allowed -= 1;
        let distance = if chars >= TWO_EDITS_CHARS { 2 } else { 1 };
        let Some(better) = closest(&token.text, distance, vocabulary.forms_near(&token.text, distance)?)
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

/// True when every word of `query` with a Cyrillic letter is a word form
/// `vocabulary` knows: a query converted from the Latin keyboard layout
/// that makes up words (`zzz` → `яяя`) is no correction.
///
/// # Errors
/// The vocabulary's.
pub(crate) fn all_known(vocabulary: &dyn Vocabulary, query: &str) -> Result<bool> {
    // The terms of the query, not its text: `title:` is no word.
    let Ok(parsed) = parse(query) else {
        return Ok(false);
    };
    for (term, _) in parsed.node.terms() {
        for token in analyze(&term.text) {
            if token.text.chars().any(|c| matches!(c, 'а'..='я' | 'ё')) && !vocabulary.knows(&token.text)? {
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

/// The terms of `fields` at most `distance` edits from `word`, each with
/// the documents it is in (added over the fields).
fn near(
    searcher: &tantivy::Searcher,
    fields: &[Field],
    word: &str,
    distance: u8,
) -> tantivy::Result<Vec<(String, u64)>> {
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
    Ok(found.into_iter().filter_map(|(key, docs)| String::from_utf8(key).ok().map(|k| (k, docs))).collect())
}

/// Of `forms` (word forms and the documents each is in), the closest to
/// `word` within `distance` edits, other than `word` and in some document:
/// the fewest edits first, then the most documents, then the first in
/// term order (byte order, as the index sorts its terms).
fn closest(word: &str, distance: u8, forms: Vec<(String, u64)>) -> Option<(String, u64)> {
    forms
        .into_iter()
        .filter(|(form, docs)| form != word && *docs > 0)
        .map(|(form, docs)| (edit_distance(word, &form), form, docs))
        .filter(|&(edits, _, _)| edits <= usize::from(distance))
        .min_by(|(ea, a, da), (eb, b, db)| ea.cmp(eb).then_with(|| db.cmp(da)).then_with(|| a.cmp(b)))
        .map(|(_, form, docs)| (form, docs))
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
    fn the_fewest_edits_win_then_the_most_documents_then_byte_order() {
        let forms = |list: &[(&str, u64)]| list.iter().map(|&(f, n)| (f.to_owned(), n)).collect::<Vec<_>>();
        // The word itself, a form in no document and one two edits away
        // are left out whatever their counts.
        let mut near = forms(&[("салсбери", 90), ("солсбери", 12), ("сарсбери", 12), ("алсбер", 500), ("салсберя", 0)]);
        assert_eq!(closest("салсбери", 1, near.clone()), Some(("сарсбери".to_owned(), 12)));
        near.push(("салсберии".to_owned(), 50));
        assert_eq!(closest("салсбери", 1, near.clone()), Some(("салсберии".to_owned(), 50)));
        assert_eq!(closest("салсбери", 2, near).map(|(f, _)| f).as_deref(), Some("салсберии"));
        assert_eq!(closest("салсбери", 1, forms(&[("алсбер", 500)])), None);
    }

    #[test]
    fn unknown_words_become_the_closest_frequent_form() {
        let (fields, searcher) = searcher();
        let budget = Budget::unlimited();
        let terms = Terms::new(&searcher, &fields, &budget);
        let fix = |q: &str, little: bool| correct(&terms, q, little).unwrap();
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
        let budget = Budget::unlimited();
        let terms = Terms::new(&searcher, &fields, &budget);
        assert!(all_known(&terms, "title:скрипаль дочь").unwrap());
        assert!(!all_known(&terms, "яяя").unwrap());
    }
}
