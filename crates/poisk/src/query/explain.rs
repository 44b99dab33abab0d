//! Why a hit scored what it did: a tree of labelled values built from
//! tantivy's explanations of each scoring part of the query.

use serde::{Deserialize, Serialize};
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Weight};
use tantivy::{DocAddress, DocId, DocSet, SegmentReader};

/// How a hit's score was built: a value, what it is, and the values it was
/// computed from.
///
/// The root is the hit's score, the sum of its children: one per part of
/// the query that matched (a word in the title; in the body; a phrase;
/// a proximity bonus for the query words standing together). Below each
/// part, tantivy's BM25 terms: `idf` (from `n`, the documents with the
/// term, and `N`, all documents), `tf` (from `freq`, `dl` and `avgdl`) and
/// boosts.
///
/// ```
/// use poisk::SearchRequest;
/// let index = poisk::builtin::index()?;
/// let results = index.searcher()?.search(&SearchRequest::new("Курской области").explain(true))?;
/// let hit = &results.hits[0];
/// let explanation = hit.explanation.as_ref().expect("asked for");
/// assert!((explanation.value - hit.score).abs() < 1e-3);
/// let labels: Vec<&str> = explanation.children.iter().map(|c| c.label.as_str()).collect();
/// assert!(labels.contains(&"body: курск"), "{labels:?}");
/// assert!(labels.iter().any(|l| l.starts_with("proximity")), "{labels:?}");
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the value is: `lead: путин ×0.4`, `idf`, `freq`, `sum of`, ….
    pub label: String,
    /// The value.
    pub value: f32,
    /// What the value was computed from, as the label says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Explanation>,
}

/// One scoring part of a compiled query, with a label for people.
pub(crate) struct Part {
    pub label: String,
    pub query: Box<dyn Query>,
}

/// Explains the scores of hits: one child per part of the query that
/// matches the hit. Each part's weight is made once for all the hits (a
/// prefix part made per hit looked up its terms again each time).
pub(crate) struct Explainer<'a> {
    searcher: &'a tantivy::Searcher,
    /// Each part's label and weight.
    parts: Vec<(&'a str, Box<dyn Weight>)>,
}

impl<'a> Explainer<'a> {
    /// Weights for `parts` with the statistics the search scored with (its
    /// kind's documents only), so that the parts add up to the score.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub(crate) fn new(
        parts: &'a [Part],
        searcher: &'a tantivy::Searcher,
        statistics: &dyn Bm25StatisticsProvider,
    ) -> tantivy::Result<Explainer<'a>> {
        let parts = parts
            .iter()
            .map(|part| {
                let scoring = EnableScoring::enabled_from_statistics_provider(statistics, searcher);
                Ok((part.label.as_str(), part.query.weight(scoring)?))
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Explainer { searcher, parts })
    }

    /// Explains the score of the document at `address`.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub(crate) fn explain(&self, address: DocAddress, score: f32) -> tantivy::Result<Explanation> {
        let segment = self.searcher.segment_reader(address.segment_ord);
        let mut children = Vec::new();
        for (label, weight) in &self.parts {
            // A part that does not match the document explains nothing.
            if !matches(weight.as_ref(), segment, address.doc_id)? {
                continue;
            }
            if let Ok(explained) = weight.explain(segment, address.doc_id) {
                let detail = convert(&serde_json::to_value(&explained).unwrap_or_default());
                children.push(Explanation {
                    label: (*label).to_owned(),
                    value: explained.value(),
                    children: vec![detail],
                });
            }
        }
        let sum: f32 = children.iter().map(|c| c.value).sum();
        if (sum - score).abs() > 1e-3 * score.abs().max(1.0) {
            // Scores of negated groups (`-(…)` inside parentheses) are not
            // among the parts.
            children.push(Explanation { label: "the rest".into(), value: score - sum, children: Vec::new() });
        }
        Ok(Explanation { label: "score, sum of".into(), value: score, children })
    }
}

/// True when `weight` matches document `doc` of `segment`.
///
/// Asked first because tantivy's phrase scorer, asked to explain a document
/// before its first match, seeks backwards (a debug assertion).
fn matches(weight: &dyn Weight, segment: &SegmentReader, doc: DocId) -> tantivy::Result<bool> {
    let mut scorer = weight.scorer(segment, 1.0)?;
    Ok(scorer.doc() <= doc && scorer.seek(doc) == doc)
}

/// tantivy's explanation (as JSON: `value`, `description`, `details`,
/// `context`) → ours, with its formulas in plainer words.
fn convert(json: &serde_json::Value) -> Explanation {
    let value = json.get("value").and_then(serde_json::Value::as_f64).unwrap_or_default() as f32;
    let description = json.get("description").and_then(serde_json::Value::as_str).unwrap_or_default();
    let mut label = relabel(description);
    let contexts = json.get("context").and_then(serde_json::Value::as_array);
    for term in contexts.into_iter().flatten().filter_map(|c| c.as_str()).filter_map(term_text) {
        label.push_str(&format!(" «{term}»"));
    }
    let details = json.get("details").and_then(serde_json::Value::as_array);
    let children = details.into_iter().flatten().map(convert).collect();
    Explanation { label, value, children }
}

/// Plainer labels for tantivy's descriptions.
fn relabel(description: &str) -> String {
    match description {
        "TermQuery, product of..." => "BM25, product of".into(),
        "Phrase Scorer" => "phrase, BM25 of its occurrences".into(),
        "BooleanClause. sum of ..." => "sum of".into(),
        "freq / (freq + k1 * (1 - b + b * dl / avgdl))" => "tf = freq / (freq + k1 · (1 − b + b · dl / avgdl))".into(),
        "idf, computed as log(1 + (N - n + 0.5) / (n + 0.5))" => "idf = ln(1 + (N − n + 0.5) / (n + 0.5))".into(),
        other => match other.strip_prefix("Boost x").and_then(|rest| rest.strip_suffix(" of ...")) {
            Some(boost) => format!("boost ×{boost}, of"),
            None => other.to_owned(),
        },
    }
}

/// The text of a term from tantivy's `Term=Term(field=…, type=Str, "курск")`.
fn term_text(context: &str) -> Option<&str> {
    let inner = context.strip_prefix("Term=")?;
    let start = inner.find('"')? + 1;
    let end = inner.rfind('"')?;
    (start < end).then(|| &inner[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_tantivy_explanations() {
        let json = serde_json::json!({
            "value": 2.5,
            "description": "Boost x2 of ...",
            "details": [{
                "value": 1.25,
                "description": "TermQuery, product of...",
                "context": ["Term=Term(field=4, type=Str, \"курск\")"],
                "details": [{"value": 2.2, "description": "(K1+1)"}]
            }]
        });
        let e = convert(&json);
        assert_eq!(e.label, "boost ×2, of");
        assert_eq!(e.children[0].label, "BM25, product of «курск»");
        assert_eq!(e.children[0].children[0], Explanation { label: "(K1+1)".into(), value: 2.2, children: vec![] });
    }
}
