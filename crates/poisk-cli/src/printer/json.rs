//! One JSON object per query, on one line. The output structs are separate
//! from the library's types so that the format only changes on purpose.

use std::io::{self, Write};

use serde::Serialize;

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    relaxed: bool,
    /// The query searched instead, when the one given was typed on the
    /// Latin layout by mistake; null otherwise.
    corrected: Option<&'a str>,
    took_ms: f64,
    /// True when the search stopped at its time budget: `total` counts the
    /// matches found until then.
    partial: bool,
    /// What poisk lowered to keep the request within its caps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<&'a str>,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    kind: &'static str,
    id: &'a str,
    article_id: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    path: Option<&'a str>,
    score: f32,
    snippets: Vec<JsonSnippet<'a>>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    quote: Option<JsonQuote<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<JsonQuote<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<JsonExplanation<'a>>,
}

#[derive(Serialize)]
struct JsonExplanation<'a> {
    label: &'a str,
    value: f32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<JsonExplanation<'a>>,
}

fn explanation(e: &poisk::Explanation) -> JsonExplanation<'_> {
    JsonExplanation { label: &e.label, value: e.value, children: e.children.iter().map(explanation).collect() }
}

#[derive(Serialize)]
struct JsonSnippet<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    highlights: Vec<[usize; 2]>,
    cut_before: bool,
    cut_after: bool,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    /// Set for quotes listed under an article; a quote hit has its own `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    text: &'a str,
    speaker: Option<&'a str>,
    attribution: Option<JsonAttribution<'a>>,
    start: usize,
    end: usize,
    unclosed: bool,
    highlights: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct JsonAttribution<'a> {
    method: &'static str,
    mention: &'a str,
}

fn pairs(ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    ranges.iter().map(|&(s, e)| [s, e]).collect()
}

fn quote(q: &poisk::QuoteRef, with_id: bool) -> JsonQuote<'_> {
    JsonQuote {
        id: with_id.then_some(q.id.as_str()),
        text: &q.text,
        speaker: q.speaker.as_deref(),
        attribution: q.attribution.as_ref().map(|a| JsonAttribution { method: a.method.as_str(), mention: &a.mention }),
        start: q.start,
        end: q.end,
        unclosed: q.unclosed,
        highlights: pairs(&q.highlights),
    }
}

fn hit(h: &poisk::Hit) -> JsonHit<'_> {
    JsonHit {
        rank: h.rank,
        kind: match h.kind {
            poisk::Kind::Article => "article",
            poisk::Kind::Quote => "quote",
        },
        id: &h.id,
        article_id: &h.article_id,
        title: &h.title,
        date: h.date.map(|d| d.to_string()),
        source: h.source.as_deref(),
        path: h.path.as_deref(),
        score: h.score,
        snippets: h
            .snippets
            .iter()
            .map(|s| JsonSnippet {
                text: &s.text,
                start: s.start,
                end: s.end,
                highlights: pairs(&s.highlights),
                cut_before: s.cut_before,
                cut_after: s.cut_after,
            })
            .collect(),
        quote: h.quote.as_ref().map(|q| quote(q, false)),
        quotes: (h.kind == poisk::Kind::Article).then(|| h.quotes.iter().map(|q| quote(q, true)).collect()),
        explanation: h.explanation.as_ref().map(explanation),
    }
}

/// Writes each result set as one line of JSON.
pub struct JsonPrinter;

impl JsonPrinter {
    pub fn results(&mut self, out: &mut impl Write, results: &poisk::SearchResults) -> io::Result<()> {
        let json = JsonResults {
            query: &results.query,
            total: results.total,
            relaxed: results.relaxed,
            corrected: results.corrected.as_deref(),
            took_ms: results.took_ms,
            partial: results.partial,
            warnings: results.warnings.iter().map(String::as_str).collect(),
            hits: results.hits.iter().map(hit).collect(),
        };
        serde_json::to_writer(&mut *out, &json)?;
        writeln!(out)
    }

    /// A query of line `line` of a batch that failed, as `{"line": …,
    /// "query": …, "error": …, "position": …}`: `query` is null for a line
    /// that could not be read as a query (too long, not UTF-8), and
    /// `position` for an error that is not at a place in the query.
    pub fn error(
        &mut self,
        out: &mut impl Write,
        line: usize,
        query: Option<&str>,
        error: &str,
        position: Option<usize>,
    ) -> io::Result<()> {
        let json = serde_json::json!({"line": line, "query": query, "error": error, "position": position});
        serde_json::to_writer(&mut *out, &json)?;
        writeln!(out)
    }
}
