//! One JSON object per query, on one line. The output structs are separate
//! from the library's types so that the format only changes on purpose;
//! `poisk serve` answers with the same structs, so the CLI and the HTTP API
//! share one schema (their `ToSchema` makes its OpenAPI description).

use std::io::{self, Write};

use poisk::search::HitKind;
use serde::Serialize;
use utoipa::ToSchema;

/// The answer to one search: `poisk search --format json`, `GET /search`.
#[derive(Serialize, ToSchema)]
pub struct JsonResults<'a> {
    /// The query as given.
    query: &'a str,
    /// How many documents match in all, not only those returned.
    total: usize,
    /// True when no document had all the words, so any of them was enough.
    relaxed: bool,
    /// The query searched instead, when the one given was typed on the
    /// Latin layout by mistake or has a word the index lacks; null
    /// otherwise.
    corrected: Option<&'a str>,
    /// Why: `layout` or `typos`; absent when the query was searched as
    /// given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    correction: Option<poisk::search::Correction>,
    /// Milliseconds spent searching and making snippets.
    took_ms: f64,
    /// True when the search stopped at its time budget: `total` counts the
    /// matches found until then.
    partial: bool,
    /// What poisk lowered to keep the request within its caps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<&'a str>,
    /// The hits, best first (newest first when sorted by date, and when
    /// the query has no words).
    hits: Vec<JsonHit<'a>>,
    /// With `facets`: all the matches counted by each facet asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    facets: Vec<JsonFacet<'a>>,
}

/// The matches counted by one facet.
#[derive(Serialize, ToSchema)]
pub struct JsonFacet<'a> {
    /// `source`, `speaker`, `year` or `month`.
    facet: &'static str,
    /// Sources and speakers most frequent first, at most `facet_values`
    /// of them; years (`2018`) and months (`2018-03`) in order of time.
    values: Vec<JsonFacetValue<'a>>,
    /// How many values were left off the list.
    other_values: usize,
    /// Their counts added up.
    other: usize,
    /// How many matches have no value (no source, no speaker, no date).
    missing: usize,
}

/// A value and how many matches have it.
#[derive(Serialize, ToSchema)]
pub struct JsonFacetValue<'a> {
    value: &'a str,
    count: usize,
}

fn facet(counts: &poisk::search::FacetCounts) -> JsonFacet<'_> {
    JsonFacet {
        facet: counts.facet.name(),
        values: counts.values.iter().map(|v| JsonFacetValue { value: &v.value, count: v.count }).collect(),
        other_values: counts.other_values,
        other: counts.other,
        missing: counts.missing,
    }
}

/// The JSON of a result set, as `poisk search --format json` prints it and
/// `GET /search` answers.
pub fn results(results: &poisk::SearchResults) -> JsonResults<'_> {
    JsonResults {
        query: &results.query,
        total: results.total,
        relaxed: results.relaxed,
        corrected: results.corrected.as_deref(),
        correction: results.correction,
        took_ms: results.took_ms,
        partial: results.partial,
        warnings: results.warnings.iter().map(String::as_str).collect(),
        hits: results.hits.iter().map(hit).collect(),
        facets: results.facets.iter().map(facet).collect(),
    }
}

/// One hit: an article, or a quote.
#[derive(Serialize, ToSchema)]
pub struct JsonHit<'a> {
    /// 1-based position in the whole ranking, offset included.
    rank: usize,
    /// `article`, or for a quote hit its kind: `quote` (with `--quotes`),
    /// `term` or `name` (with `--kind`).
    kind: &'static str,
    /// The document's id (`ARTICLE_ID#qN` for a quote).
    id: &'a str,
    /// The article's id (`GET /articles/{id}`).
    article_id: &'a str,
    /// The article's title.
    title: &'a str,
    /// `YYYY-MM-DD`, or null.
    date: Option<String>,
    /// The agency or site.
    source: Option<&'a str>,
    /// Where the article was read from.
    path: Option<&'a str>,
    /// Where the article was published (the JSONL `url`), or null.
    url: Option<&'a str>,
    /// Relevance score (BM25 with boosts); higher is better.
    score: f32,
    /// The best fragments of the body; for a quote hit, the whole quote.
    snippets: Vec<JsonSnippet<'a>>,
    /// The ids of other articles whose text is nearly the same, shown
    /// once as this hit (absent when there are none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    duplicates: &'a [String],
    /// For a quote hit: the quote's fields, at the top level of the hit.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    quote: Option<JsonQuote<'a>>,
    /// For an article hit: its quotes that match the query, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<Vec<JsonQuote<'a>>>,
    /// With `explain`: how the score was built.
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<JsonExplanation<'a>>,
}

/// A part of a score: its label, its value and the parts it is made of.
#[derive(Serialize, ToSchema)]
#[schema(no_recursion)]
pub struct JsonExplanation<'a> {
    label: &'a str,
    value: f32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<JsonExplanation<'a>>,
}

fn explanation(e: &poisk::search::Explanation) -> JsonExplanation<'_> {
    JsonExplanation { label: &e.label, value: e.value, children: e.children.iter().map(explanation).collect() }
}

/// A fragment of whole sentences of the body.
#[derive(Serialize, ToSchema)]
pub struct JsonSnippet<'a> {
    /// Exactly `body[start..end]`.
    text: &'a str,
    /// Byte offset of the fragment in the article body.
    start: usize,
    /// Byte offset past the fragment's end.
    end: usize,
    /// `[start, end]` byte offsets of the matched words within `text`.
    #[schema(value_type = Vec<Vec<usize>>)]
    highlights: Vec<[usize; 2]>,
    /// The fragment was shortened before its start.
    cut_before: bool,
    /// The fragment was shortened after its end.
    cut_after: bool,
}

/// A quotation with its speaker.
#[derive(Serialize, ToSchema)]
pub struct JsonQuote<'a> {
    /// Set for quotes listed under an article; a quote hit has its own `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The quoted words, without the guillemets.
    text: &'a str,
    /// `quote`, `term` or `name`. Absent in a quote hit, whose fields are
    /// the hit's own: its `kind` says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    /// The speaker, when known.
    speaker: Option<&'a str>,
    /// `person`, `organisation`, `group` or `document`, when the speaker is known.
    speaker_kind: Option<&'static str>,
    /// How the speaker was found.
    attribution: Option<JsonAttribution<'a>>,
    /// Byte offset of the opening « in the article body.
    start: usize,
    /// Byte offset past the closing ».
    end: usize,
    /// True when the quote is never closed in the text.
    unclosed: bool,
    /// `[start, end]` byte offsets of the matched words within `text`.
    #[schema(value_type = Vec<Vec<usize>>)]
    highlights: Vec<[usize; 2]>,
}

/// How a quote's speaker was found.
#[derive(Serialize, ToSchema)]
pub struct JsonAttribution<'a> {
    /// The rule that found the speaker: `after`, `before`, `pronoun`, `role`, `subject`,
    /// `inside` (a split quote) or `continued` (a quote over several paragraphs).
    pub method: &'static str,
    /// The words that named the speaker.
    pub mention: &'a str,
}

/// How a quote's speaker was found, as JSON.
pub fn attribution(a: &poisk::quotes::Attribution) -> JsonAttribution<'_> {
    JsonAttribution { method: a.method.as_str(), mention: &a.mention }
}

fn pairs(ranges: &[(usize, usize)]) -> Vec<[usize; 2]> {
    ranges.iter().map(|&(s, e)| [s, e]).collect()
}

pub fn quote(found: &poisk::search::QuoteRef, with_id: bool) -> JsonQuote<'_> {
    let q = &found.quote;
    JsonQuote {
        id: with_id.then_some(found.id.as_str()),
        text: &q.text,
        kind: with_id.then_some(q.kind.as_str()),
        speaker: q.speaker.as_deref(),
        speaker_kind: q.speaker_kind.map(poisk::quotes::SpeakerKind::as_str),
        attribution: q.attribution.as_ref().map(attribution),
        start: q.start,
        end: q.end,
        unclosed: q.unclosed,
        highlights: pairs(&found.highlights),
    }
}

fn hit(h: &poisk::Hit) -> JsonHit<'_> {
    JsonHit {
        rank: h.rank,
        kind: match &h.kind {
            HitKind::Article { .. } => "article",
            HitKind::Quote { quote } => quote.quote.kind.as_str(),
        },
        id: &h.id,
        article_id: &h.article_id,
        title: &h.title,
        date: h.date.map(|d| d.to_string()),
        source: h.source.as_deref(),
        path: h.path.as_deref(),
        url: h.url.as_deref(),
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
        duplicates: &h.duplicates,
        quote: h.quote().map(|q| quote(q, false)),
        quotes: match &h.kind {
            HitKind::Article { quotes } => Some(quotes.iter().map(|q| quote(q, true)).collect()),
            HitKind::Quote { .. } => None,
        },
        explanation: h.explanation.as_ref().map(explanation),
    }
}

/// One article, whole, with its quotes (`GET /articles/{id}`).
#[derive(Serialize, ToSchema)]
pub struct JsonArticle<'a> {
    id: &'a str,
    title: &'a str,
    /// `YYYY-MM-DD`, or null.
    date: Option<String>,
    source: Option<&'a str>,
    /// Where the article was read from, when known.
    path: Option<&'a str>,
    /// Where the article was published, when known.
    url: Option<&'a str>,
    /// The text; paragraphs are its non-blank lines, and quote offsets are
    /// byte offsets into it.
    body: &'a str,
    /// With a query (`poisk show --query`): `[start, end]` byte offsets of
    /// its words in `body`; absent otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Vec<usize>>)]
    highlights: Vec<[usize; 2]>,
    /// Every quotation of the article, in the order of the text.
    quotes: Vec<JsonQuote<'a>>,
}

/// The JSON of a stored article.
pub fn article(a: &poisk::search::StoredArticle) -> JsonArticle<'_> {
    JsonArticle {
        id: &a.id,
        title: &a.title,
        date: a.date.map(|d| d.to_string()),
        source: a.source.as_deref(),
        path: a.path.as_deref(),
        url: a.url.as_deref(),
        body: &a.body,
        highlights: pairs(&a.highlights),
        quotes: a.quotes.iter().map(|q| quote(q, true)).collect(),
    }
}

/// Writes each result set as one line of JSON.
pub struct JsonPrinter;

impl JsonPrinter {
    pub fn results(&mut self, out: &mut impl Write, results: &poisk::SearchResults) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &self::results(results))?;
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
