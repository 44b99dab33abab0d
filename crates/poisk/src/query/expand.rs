//! Prefixes (`курск*`) and typo-tolerant words (`путен~1`): the index terms
//! a pattern stands for, and a query that looks for the most frequent of
//! them.
//!
//! tantivy's own `FuzzyTermQuery` and `RegexQuery` give every match the same
//! score and take every matching term. [`ExpandedQuery`] instead picks the
//! [`MAX_EXPANSIONS`] terms found in the most documents (for a typo, the
//! fewest edits away first) and ranks with BM25 over them, so `курск*`
//! ranks like a search for those words and `а*` cannot turn into a query for
//! tens of thousands of terms.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, FuzzyTermQuery, Occur, Query, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermDictionary;
use tantivy::{TantivyError, Term};

use super::budget::Budget;
use super::words::Pattern;
use crate::limits::MAX_EXPANSIONS;

/// A matching term: how many edits from the pattern, in how many documents.
#[derive(Debug, Default, Clone, Copy)]
struct Candidate {
    edits: usize,
    doc_freq: u64,
}

/// The terms of `field` that match `pattern`, at most [`MAX_EXPANSIONS`]:
/// the closest first (for a typo-tolerant word), then those in the most
/// documents, then in term order.
///
/// # Errors
/// When the index cannot be read, or the distance is above 2.
pub(crate) fn expand(searcher: &tantivy::Searcher, field: Field, pattern: &Pattern) -> tantivy::Result<Vec<String>> {
    let mut found: HashMap<Vec<u8>, Candidate> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        collect(inverted.terms(), field, pattern, &mut found)?;
    }
    let mut terms: Vec<(Vec<u8>, Candidate)> = found.into_iter().collect();
    terms.sort_by(|(a, fa), (b, fb)| {
        fa.edits.cmp(&fb.edits).then_with(|| fb.doc_freq.cmp(&fa.doc_freq)).then_with(|| a.cmp(b))
    });
    Ok(terms.into_iter().filter_map(|(t, _)| String::from_utf8(t).ok()).take(MAX_EXPANSIONS).collect())
}

/// Adds each term of one segment's dictionary that matches `pattern`, with
/// its document frequency.
fn collect(
    dictionary: &TermDictionary,
    field: Field,
    pattern: &Pattern,
    out: &mut HashMap<Vec<u8>, Candidate>,
) -> tantivy::Result<()> {
    match pattern {
        Pattern::Prefix(prefix) => {
            let mut stream = dictionary.range().ge(prefix.as_bytes()).into_stream()?;
            while stream.advance() && stream.key().starts_with(prefix.as_bytes()) {
                out.entry(stream.key().to_vec()).or_default().doc_freq += u64::from(stream.value().doc_freq);
            }
        }
        Pattern::Fuzzy { words, distance } => {
            // A term that several words reach counts its documents once.
            let mut here: HashMap<Vec<u8>, Candidate> = HashMap::new();
            for word in words {
                let query = FuzzyTermQuery::new(Term::from_field_text(field, word), *distance, true);
                let mut stream = dictionary.search(query.automaton()?).into_stream()?;
                while stream.advance() {
                    let edits = edit_distance(word, &String::from_utf8_lossy(stream.key()));
                    let doc_freq = u64::from(stream.value().doc_freq);
                    let entry = here.entry(stream.key().to_vec()).or_insert(Candidate { edits, doc_freq });
                    entry.edits = entry.edits.min(edits);
                }
            }
            for (term, f) in here {
                let entry = out.entry(term).or_insert(Candidate { edits: f.edits, doc_freq: 0 });
                entry.edits = entry.edits.min(f.edits);
                entry.doc_freq += f.doc_freq;
            }
        }
    }
    Ok(())
}

/// Edits from `a` to `b`, in characters: insertions, deletions,
/// substitutions and transpositions of neighbours (optimal string
/// alignment, as tantivy's automaton counts them). Typo tolerance and typo
/// correction count with it, in every engine.
///
/// ```
/// use poisk::query::edit_distance;
/// assert_eq!(edit_distance("скрипль", "скрипаль"), 1);
/// assert_eq!(edit_distance("путен", "путин"), 1);
/// assert_eq!(edit_distance("пиутн", "путин"), 2);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // Rows i-2, i-1 and i of the distance table.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j] + 1).min(row[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()]
}

/// How much a term one edit from a typo-tolerant word weighs against the
/// word itself; two edits weigh its square. A typo match must rank below
/// an exact one (Meilisearch's "typo" rule): with equal weights, a rare
/// near word (`санкт` for `санкции~`) outranked the word typed.
pub(crate) const TYPO_WEIGHT: f32 = 0.25;

impl Pattern {
    /// The weight of `term` among the terms the pattern stands for: 1 for
    /// a prefix's terms and a typo's exact match, [`TYPO_WEIGHT`] per edit
    /// otherwise.
    fn weight(&self, term: &str) -> f32 {
        match self {
            Pattern::Prefix(_) => 1.0,
            Pattern::Fuzzy { words, .. } => {
                let edits = words.iter().map(|w| edit_distance(w, term)).min().unwrap_or(0);
                TYPO_WEIGHT.powi(i32::try_from(edits).unwrap_or(i32::MAX))
            }
        }
    }
}

/// Documents with any of the terms that `pattern` stands for in `field`,
/// scored by BM25 as if those terms had been typed as alternatives, a
/// typo's terms weighed down by their edits ([`TYPO_WEIGHT`]).
///
/// The terms are looked up when the query runs, in the searcher it runs on,
/// once per request ([`Budget::expansions`]).
#[derive(Clone)]
pub(crate) struct ExpandedQuery {
    field: Field,
    pattern: Pattern,
    budget: Arc<Budget>,
}

impl fmt::Debug for ExpandedQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExpandedQuery").field("field", &self.field).field("pattern", &self.pattern).finish()
    }
}

impl ExpandedQuery {
    pub(crate) fn new(field: Field, pattern: Pattern, budget: Arc<Budget>) -> ExpandedQuery {
        ExpandedQuery { field, pattern, budget }
    }
}

impl Query for ExpandedQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            return Err(TantivyError::InvalidArgument(format!(
                "{} can only run on a searcher, which has the terms it stands for",
                self.pattern.describe()
            )));
        };
        let terms = self.budget.expansions(searcher, self.field, &self.pattern)?;
        if terms.is_empty() {
            return EmptyQuery.weight(scoring);
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|t| {
                let term = Term::from_field_text(self.field, t);
                let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                let weight = self.pattern.weight(t);
                let query = if weight == 1.0 { query } else { Box::new(BoostQuery::new(query, weight)) };
                (Occur::Should, query)
            })
            .collect();
        BooleanQuery::new(clauses).weight(scoring)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert_eq!(edit_distance("путен", "путин"), 1);
        assert_eq!(edit_distance("пудэн", "путин"), 2);
        assert_eq!(edit_distance("пuтин", "путин"), 1);
        assert_eq!(edit_distance("пітун", "путин"), 2);
        assert_eq!(edit_distance("тупик", "путин"), 3);
        assert_eq!(edit_distance("пиутн", "путин"), 2);
        assert_eq!(edit_distance("", "путин"), 5);
        assert_eq!(edit_distance("курск", "курск"), 0);
    }

    fn article(id: &str, body: &str) -> crate::Article {
        crate::Article {
            id: id.into(),
            date: None,
            title: String::new(),
            source: None,
            url: None,
            body: body.into(),
            paragraphs: std::iter::once(0..body.len()).collect(),
        }
    }

    /// A searcher over a few small articles.
    fn searcher(bodies: &[String]) -> (crate::index::Fields, tantivy::Searcher) {
        let articles: Vec<crate::Article> =
            bodies.iter().enumerate().map(|(i, body)| article(&i.to_string(), body)).collect();
        crate::index::test_searcher(&articles)
    }

    #[test]
    fn prefixes_expand_to_the_most_frequent_words_up_to_the_cap() {
        let many: Vec<String> =
            "бвгджзклмн".chars().flat_map(|a| "бвгдеж".chars().map(move |b| format!("па{a}{b}"))).collect();
        let bodies =
            ["Путин приехал.", "Путина ждали, Путин говорил.", "Путь и пути.", &many.join(" ")].map(String::from);
        let (fields, searcher) = searcher(&bodies);
        let put = expand(&searcher, fields.body_exact, &Pattern::Prefix("пут".into())).unwrap();
        assert_eq!(put, ["путин", "пути", "путина", "путь"]);
        let pa = expand(&searcher, fields.body_exact, &Pattern::Prefix("па".into())).unwrap();
        assert_eq!((many.len(), pa.len()), (60, MAX_EXPANSIONS));
        // Typos: the closest stems first, then the most frequent.
        let typo = Pattern::Fuzzy { words: vec!["пут".into(), "путен".into()], distance: 1 };
        assert_eq!(expand(&searcher, fields.body, &typo).unwrap(), ["пут", "путин"]);
    }
}
