//! Searching through the aggregator: [`Cluster`] answers poisk's requests
//! with poisk's results, through [`Backend`].

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mysql::Row;
use poisk::index::Document;
use poisk::query::{highlights, parse};
use poisk::quotes::QuoteKind;
use poisk::search::{
    Backend, Bucket, CollectionStatistics, Facet, FacetCounts, FacetValue, Found, Hit, HitKind, Match, QuoteFilter,
    QuoteRef, Rescorer, ScoredTerm, SearchResults, Show, Sort, Speaker, SpeakerCount, StoredArticle, Timeline,
    TimelineRequest, with_corrections,
};
use poisk::snippet::{Snippet, SnippetQuery, highlight_all, snippets};
use poisk::{Date, Kind, Result, SearchRequest};
use serde::{Deserialize, Serialize};

use crate::client::{Client, Node, error};
use crate::compile::{Compiled, compile, source_condition, speaker_condition};
use crate::document::{
    Stored, day_date, day_value, form_keyword, kind_value, parse_speaker_row, row_id, speaker_kind_value, speaker_names,
};
use crate::escape::{match_text, string_literal};
use crate::schema::{
    ARTICLE_KEY, COUNTED, DAY, Field, KIND, SOURCE, SPEAKER_IDS, SPEAKER_KIND, SPEAKER_ROW, SPEAKERS, STORED, TABLE,
};
use crate::token::encode;

/// The cluster's own ranking, which picks the matches poisk scores again
/// as the local index does ([`CANDIDATES`], [`Cluster::rescore`]) and orders
/// those past them: per field, the longest run of query words in query
/// order (Sphinx's `lcs`, as `proximity_bm25` takes it) before how often the
/// words occur there, up to 3 times (`hit_count`: local BM25 rewards a
/// word's repeats, saturating), then Sphinx's BM25; title and body count
/// alike, as locally, and the lead adds to the body. By itself its top 10
/// held 0.753 of the local top 10 on `benches/queries.txt` over the corpus
/// (0.689 with `proximity_bm25` and weights 4 : 2 : 1; Sphinx 2.2's `bm25f`
/// gave every match the same weight); its top 30, scored again, hold the
/// local top 10 but for a few (BENCHMARKS.md, "Cluster").
const RANKING: &str = "ranker = expr('sum(lcs * user_weight) * 1000 + sum(min(hit_count, 3) * user_weight) * 200 + bm25'), \
                       field_weights = (title = 2, body = 2, lead = 1, title_exact = 2, body_exact = 2)";
/// The ranking of prose, which poisk ranks by BM25 alone (no proximity
/// bonus): BM25F with BM25's usual k1 and b and the title counting twice
/// (Sphinx takes whole weights only, so the lead, 0.4 locally, counts 0).
const PROSE_RANKING: &str = "ranker = expr('10000 * bm25f(1.2, 0.75, {title = 2, body = 1, lead = 0})')";
/// How many of the cluster's best matches (by [`RANKING`]) are scored again
/// as the local index scores them ([`Cluster::rescore`]), and the step by
/// which that window grows to cover a page further down. On
/// `benches/queries.txt` over the corpus the top 10 of 20 held 0.920 of the
/// local top 10, of 30 0.954, of 50 0.976, of 100 0.989; each candidate
/// costs about half a millisecond of analysis and indexing.
const CANDIDATES: usize = 30;
/// The most matches scored again: past them, deep in a long list, the
/// cluster's order stands (a thousand take about half a second).
const MAX_RESCORED: usize = 1000;
/// How long the counts of documents and tokens are kept before they are
/// counted again (a scan of every row's attributes, some 10 ms for the
/// news corpus's 140,000 rows): half a minute's writes move BM25's averages and
/// totals by little.
const TOTALS_KEPT: Duration = Duration::from_secs(30);
/// Statements sent in one round trip at most: Sphinx 2.2 takes 32
/// queries in a batch.
pub(crate) const MAX_BATCH: usize = 32;
/// Values of the `kind` attribute, and more.
const MAX_KINDS: usize = 16;
/// Values of Sphinx's `field_mask` over the table's fields.
const MASKS: usize = 1 << Field::ALL.len();
/// Groups a timeline counts at most (days from the first match to the
/// last): 100,000 days are 270 years.
const MAX_GROUPS: usize = 100_000;
/// Rows read per page when listing quotes.
const PAGE: usize = 1000;

/// A cluster searched through its aggregator (`sphinxql://HOST:PORT`):
/// the same requests and results as the local index, through
/// [`Backend`].
///
/// A shard that fails or does not answer in time leaves its hits out:
/// the answer says so in [`SearchResults::partial`] and a warning naming
/// the shard, never silently.
pub struct Cluster {
    node: Node,
    /// Idle connections, one per thread that searched at once.
    idle: Mutex<Vec<Client>>,
    /// The documents and tokens counted last ([`Totals`]).
    totals: Mutex<Option<Totals>>,
}

/// What the whole cluster holds, as BM25 takes it: documents of each `kind`
/// attribute, and tokens of each field counted in [`COUNTED`].
#[derive(Debug, Clone)]
struct Totals {
    /// When they were counted.
    at: Instant,
    documents: BTreeMap<u64, u64>,
    tokens: [u64; COUNTED.len()],
}

/// What a cluster holds, as `poisk stats --engine` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterStats {
    /// The aggregator asked.
    pub engine: String,
    /// Articles.
    pub articles: usize,
    /// Articles without a date.
    pub undated_articles: usize,
    /// Quotations.
    pub quotes: usize,
    /// Distinct speakers of those quotations.
    pub speakers: usize,
    /// The date of the oldest dated article.
    pub first_date: Option<Date>,
    /// The date of the newest dated article.
    pub last_date: Option<Date>,
    /// True when a shard did not answer: the counts leave it out.
    pub partial: bool,
    /// What the shards said went wrong.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Rows and what `SHOW META` said of them.
pub(crate) struct Answer {
    pub(crate) rows: Vec<Row>,
    pub(crate) total: usize,
    pub(crate) warnings: Vec<String>,
}

impl Cluster {
    /// A cluster whose aggregator is `node`; connects once to check it
    /// answers.
    ///
    /// # Errors
    /// When the aggregator cannot be reached.
    pub fn connect(node: &Node) -> Result<Cluster> {
        let client = Client::connect(node)?;
        Ok(Cluster { node: node.clone(), idle: Mutex::new(vec![client]), totals: Mutex::new(None) })
    }

    /// The aggregator.
    pub(crate) fn node(&self) -> &Node {
        &self.node
    }

    /// Runs `query` and `SHOW META` on one connection.
    pub(crate) fn ask(&self, query: &str) -> Result<Answer> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut client = match taken {
            Some(client) => client,
            None => Client::connect(&self.node)?,
        };
        let rows = client.rows(query)?;
        let meta = client.meta()?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(client);
        }
        let total =
            meta.iter().find(|(k, _)| k == "total_found").and_then(|(_, v)| v.parse().ok()).unwrap_or(rows.len());
        let warnings = meta.into_iter().filter(|(k, _)| k == "warning").map(|(_, v)| format!("cluster: {v}")).collect();
        Ok(Answer { rows, total, warnings })
    }

    /// Runs `statements` (separated by `;`) in one round trip on one
    /// connection: the rows of each.
    pub(crate) fn ask_all(&self, statements: &str) -> Result<Vec<Vec<Row>>> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut client = match taken {
            Some(client) => client,
            None => Client::connect(&self.node)?,
        };
        let sets = client.sets(statements)?;
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(client);
        }
        Ok(sets)
    }

    /// The documents of `kind` matching `text` (a `MATCH()` text; empty
    /// or `None` for all) and the request's filters, as a `WHERE` clause.
    fn filter(kind: Kind, text: Option<&str>, matching: &Match) -> String {
        let mut clauses = Vec::new();
        let mut text = text.unwrap_or_default().to_owned();
        if let Some(source) = &matching.source {
            text = format!("{text} {}", source_condition(source)).trim().to_owned();
        }
        if !text.is_empty() {
            clauses.push(format!("MATCH({})", string_literal(&text)));
        }
        match kind {
            Kind::Article => clauses.push(format!("{KIND} = {}", kind_value(None))),
            Kind::Quote => {
                clauses.push(format!("{KIND} = {}", kind_value(Some(matching.quote_kind))));
                if let Some(speaker_kind) = matching.speaker_kind {
                    clauses.push(format!("{SPEAKER_KIND} = {}", speaker_kind_value(Some(speaker_kind))));
                }
            }
        }
        if let Some(since) = matching.since {
            clauses.push(format!("{DAY} >= {}", day_value(Some(since))));
        }
        if let Some(until) = matching.until {
            clauses.push(format!("{DAY} <= {} AND {DAY} > 0", day_value(Some(until))));
        }
        clauses.join(" AND ")
    }

    /// Decides, as the local index does, whether quotes given to the
    /// surname alone are `speaker`'s: from the full names of that surname
    /// the cluster holds ([`Speaker::resolve_among`]).
    fn resolve(&self, speaker: &mut Speaker) -> Result<()> {
        let Some(prefix) = speaker.namesakes_prefix() else { return Ok(()) };
        let answer = self.ask(&format!(
            "SELECT {SPEAKER_ROW}, COUNT(*) AS n FROM {TABLE} WHERE MATCH({}) GROUP BY {SPEAKER_ROW} \
             LIMIT 0, {MAX_GROUPS} OPTION max_matches = {MAX_GROUPS}",
            string_literal(&format!("@{} {}*", Field::Speaker.name(), match_text(&encode(&prefix))))
        ))?;
        let mut firsts: HashMap<String, usize> = HashMap::new();
        for row in &answer.rows {
            let (Some(Ok(text)), Some(Ok(n))) = (row.get_opt::<String, _>(0), row.get_opt::<usize, _>(1)) else {
                continue;
            };
            if let Some((name, _, _)) = parse_speaker_row(&text)
                && let Some(first) = poisk::quotes::name_keys(&name).into_iter().next()
            {
                *firsts.entry(first).or_default() += n;
            }
        }
        speaker.resolve_among(&firsts);
        Ok(())
    }

    /// The speaker of a request, resolved against the cluster.
    fn speaker(&self, name: Option<&str>) -> Result<Option<Speaker>> {
        let Some(name) = name else { return Ok(None) };
        let mut speaker = Speaker::new(name)?;
        self.resolve(&mut speaker)?;
        Ok(Some(speaker))
    }

    /// What one query text matches: the kind searched, its compiled form
    /// with the speaker's condition, and what to highlight.
    fn plan(&self, matching: &Match, speaker: Option<&Speaker>, query: &str) -> Result<Plan> {
        let parsed = if poisk::query::matches_all(query) { poisk::query::Parsed::all() } else { parse(query)? };
        let kind = matching.kind_searched(&parsed.node);
        let mut compiled = compile(&parsed.node, kind == Kind::Quote)?;
        if let Some(condition) = speaker.and_then(condition_of) {
            let add = |text: Option<String>| text.map(|t| format!("{t} {condition}").trim().to_owned());
            compiled = Compiled { typed: add(compiled.typed), relaxed: add(compiled.relaxed), ..compiled };
        }
        let mut warnings = parsed.warnings;
        if compiled.any_order {
            warnings.push(ANY_ORDER.to_owned());
        }
        if compiled.unboosted {
            warnings.push(UNBOOSTED.to_owned());
        }
        Ok(Plan { kind, highlight: highlights(&parsed.node), node: parsed.node, compiled, warnings })
    }

    fn search_text(
        &self,
        request: &SearchRequest,
        show: &Show,
        speaker: Option<&Speaker>,
        query: &str,
    ) -> Result<SearchResults> {
        let plan = self.plan(&request.matching, speaker, query)?;
        // As locally: a query of filters alone shows the newest first.
        let sort = if plan.compiled.scores { show.sort } else { Sort::Date };
        let order = match sort {
            Sort::Relevance => "w DESC, id ASC".to_owned(),
            _ => format!("{DAY} DESC, w DESC, id ASC"),
        };
        // Ranked by relevance, the best of a window of candidates are
        // scored again as the local index scores ([`Cluster::rescore`]);
        // pages within one window of CANDIDATES come from the same window.
        let rescoring = sort == Sort::Relevance;
        let (from, count) = if rescoring {
            (0, (show.offset + show.limit).div_ceil(CANDIDATES).max(1) * CANDIDATES)
        } else {
            (show.offset, show.limit.max(1))
        };
        let run = |text: &str| {
            self.ask(&format!(
                "SELECT id, WEIGHT() AS w, {STORED} FROM {TABLE} WHERE {} ORDER BY {order} LIMIT {from}, {count} \
                 OPTION max_matches = {}, {}",
                Self::filter(plan.kind, Some(text), &request.matching),
                (from + count).max(PAGE),
                ranking(plan.compiled.prose)
            ))
        };
        let mut relaxed = false;
        let mut answer = match &plan.compiled.typed {
            Some(text) => run(text)?,
            None => Answer { rows: Vec::new(), total: 0, warnings: Vec::new() },
        };
        if answer.total == 0
            && answer.warnings.is_empty()
            && let Some(text) = &plan.compiled.relaxed
        {
            answer = run(text)?;
            relaxed = true;
        }
        let mut found = Vec::with_capacity(answer.rows.len());
        for row in &answer.rows {
            let score: f64 = row.get_opt(1).and_then(|v| v.ok()).unwrap_or(0.0);
            found.push((score as f32, stored(&self.node, row, 2)?));
        }
        if rescoring {
            let rest = found.split_off(found.len().min(MAX_RESCORED));
            found = self.rescore(&request.matching, plan.kind, query, relaxed, found)?;
            found = found.into_iter().chain(rest).skip(show.offset).collect();
        }
        let mut hits = Vec::with_capacity(show.limit);
        for (i, (score, stored)) in found.into_iter().take(show.limit).enumerate() {
            hits.push(hit_of(stored, &plan.highlight, show).ranked(show.offset + i + 1, score));
        }
        let mut warnings = plan.warnings.clone();
        warnings.extend(answer.warnings.iter().cloned());
        if plan.kind == Kind::Article && show.quotes_per_hit > 0 && !hits.is_empty() {
            warnings.extend(self.attach_quotes(&plan, relaxed, speaker, show.quotes_per_hit, &mut hits)?);
        }
        let matched = if relaxed { &plan.compiled.relaxed } else { &plan.compiled.typed };
        let facets = match matched {
            Some(text) if !show.facets.is_empty() => {
                let (facets, facet_warnings) = self.facets(plan.kind, text, &request.matching, show)?;
                warnings.extend(facet_warnings);
                facets
            }
            _ => Vec::new(),
        };
        // A shard that failed the search fails the other queries too: say it once.
        warnings.dedup();
        let partial = !answer.warnings.is_empty();
        Ok(SearchResults {
            query: request.matching.query.clone(),
            total: answer.total,
            relaxed,
            corrected: None,
            correction: None,
            took_ms: 0.0,
            partial,
            warnings,
            hits,
            facets,
        })
    }

    /// The matches of `text` counted by the facets `show` asks for, with
    /// `GROUP BY` on the cluster: sources by the `source` attribute,
    /// speakers by `speaker_ids` (a row in the group of each of its
    /// speakers, as the local index counts), years and months from the
    /// days.
    fn facets(&self, kind: Kind, text: &str, matching: &Match, show: &Show) -> Result<(Vec<FacetCounts>, Vec<String>)> {
        let filter = Self::filter(kind, Some(text), matching);
        let mut warnings = Vec::new();
        let group = |attribute: &str| -> Result<Grouped> {
            let answer = self.ask(&format!(
                "SELECT {attribute}, COUNT(*) AS n FROM {TABLE} WHERE {filter} GROUP BY {attribute} \
                 LIMIT 0, {MAX_GROUPS} OPTION max_matches = {MAX_GROUPS}"
            ))?;
            let mut notes = answer.warnings;
            if answer.rows.len() >= MAX_GROUPS {
                notes.push(format!("cluster: a facet counts its first {MAX_GROUPS} values only"));
            }
            let mut values = Vec::with_capacity(answer.rows.len());
            for row in &answer.rows {
                let value: Option<String> = match row.get_opt::<String, _>(0) {
                    Some(Ok(text)) => Some(text),
                    _ => row.get_opt::<i64, _>(0).and_then(|v| v.ok()).map(|v| v.to_string()),
                };
                let count: Option<usize> = row.get_opt(1).and_then(|v| v.ok());
                if let (Some(value), Some(count)) = (value, count) {
                    values.push((value, count));
                }
            }
            Ok((values, notes))
        };
        let mut counts = Vec::new();
        let mut days: Option<Vec<(String, usize)>> = None;
        for facet in show.facets.iter() {
            match facet {
                Facet::Source => {
                    let (sources, notes) = group(SOURCE)?;
                    warnings.extend(notes);
                    counts.push(by_value(facet, sources, show.facet_values));
                }
                Facet::Year | Facet::Month => {
                    if days.is_none() {
                        let (grouped, notes) = group(DAY)?;
                        warnings.extend(notes);
                        days = Some(grouped);
                    }
                    let days = days.as_deref().unwrap_or_default();
                    counts.push(by_period(facet, days));
                }
                Facet::Speaker => {
                    let (speakers, notes) = self.speakers_of(&filter)?;
                    warnings.extend(notes);
                    counts.push(by_value(facet, speakers, show.facet_values));
                }
            }
        }
        Ok((counts, warnings))
    }

    /// The matches of `filter` (a `WHERE` clause) counted by whom they
    /// quote: one `GROUP BY` of the `speaker_ids` set, whose groups are
    /// named from the `speakers` of one of their rows, and the matches
    /// quoting no one (an empty value: missing).
    fn speakers_of(&self, filter: &str) -> Result<Grouped> {
        let answer = self.ask(&format!(
            "SELECT GROUPBY() AS g, {SPEAKERS}, COUNT(*) AS n FROM {TABLE} WHERE {filter} GROUP BY {SPEAKER_IDS} \
             LIMIT 0, {MAX_GROUPS} OPTION max_matches = {MAX_GROUPS}"
        ))?;
        let mut notes = answer.warnings;
        if answer.rows.len() >= MAX_GROUPS {
            notes.push(format!("cluster: a facet counts its first {MAX_GROUPS} values only"));
        }
        let mut values = Vec::with_capacity(answer.rows.len() + 1);
        let mut unnamed = 0;
        for row in &answer.rows {
            let group: Option<u64> = row.get_opt(0).and_then(|v| v.ok());
            let names: Option<String> = row.get_opt(1).and_then(|v| v.ok());
            let count: Option<usize> = row.get_opt(2).and_then(|v| v.ok());
            let (Some(group), Some(names), Some(count)) = (group, names, count) else { continue };
            match speaker_names(&names).find(|name| row_id(name) == group) {
                Some(name) => values.push((name.to_owned(), count)),
                None => unnamed += count,
            }
        }
        if unnamed > 0 {
            notes.push(format!("cluster: {unnamed} matches of a speaker whose name could not be read back"));
        }
        let none = self.ask(&format!("SELECT id FROM {TABLE} WHERE {filter} AND {SPEAKERS} = '' LIMIT 1"))?;
        notes.extend(none.warnings);
        values.push((String::new(), none.total));
        Ok((values, notes))
    }

    /// `found` (the cluster's best matches of `query`, as typed or
    /// `relaxed`, in its order) in the order of the local index's scores
    /// ([`Rescorer`]), with those scores; a match the local query does not
    /// make (a phrase with slop in another order) follows the scored ones,
    /// in the cluster's order, with no score.
    fn rescore(
        &self,
        matching: &Match,
        kind: Kind,
        query: &str,
        relaxed: bool,
        found: Vec<(f32, Stored)>,
    ) -> Result<Vec<(f32, Stored)>> {
        if found.is_empty() {
            return Ok(found);
        }
        let scores = {
            let documents: Vec<Document<'_>> = found.iter().map(|(_, stored)| stored.document()).collect();
            let rescorer = Rescorer::new(matching, query, relaxed, &documents)?;
            let kind = match kind {
                Kind::Article => kind_value(None),
                Kind::Quote => kind_value(Some(matching.quote_kind)),
            };
            rescorer.scores(&self.statistics(kind, &rescorer.terms()?)?)?
        };
        let mut ranked: Vec<(Option<f32>, usize, Stored)> =
            scores.into_iter().zip(found).enumerate().map(|(i, (score, (_, stored)))| (score, i, stored)).collect();
        // Higher scores first, then the cluster's order.
        ranked.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
        Ok(ranked.into_iter().map(|(score, _, stored)| (score.unwrap_or(0.0), stored)).collect())
    }

    /// BM25's statistics of the whole cluster (every shard, through the
    /// aggregator) for `terms`: the documents of the `kind` attribute
    /// searched, the tokens of each field (the sums of the `*_tokens`
    /// attributes), and per term the documents whose field holds it (the
    /// documents that hold the keyword anywhere, grouped by Sphinx's
    /// `field_mask`). A statement per keyword, 32 to a round trip, and the
    /// counts of documents and tokens when those kept are older than
    /// [`TOTALS_KEPT`].
    fn statistics(&self, kind: u8, terms: &[ScoredTerm]) -> Result<CollectionStatistics> {
        let kept = self.totals.lock().ok().and_then(|t| t.clone()).filter(|t| t.at.elapsed() < TOTALS_KEPT);
        let mut statements = Vec::new();
        if kept.is_none() {
            let sums: Vec<String> = COUNTED
                .iter()
                .filter_map(|f| f.tokens())
                .enumerate()
                .map(|(i, attribute)| format!("SUM({attribute}) AS t{i}"))
                .collect();
            statements.push(format!(
                "SELECT {KIND}, COUNT(*) AS n, {} FROM {TABLE} GROUP BY {KIND} LIMIT 0, {MAX_KINDS} \
                 OPTION max_matches = {MAX_KINDS}",
                sums.join(", ")
            ));
            statements.push("SHOW META".to_owned());
        }
        // Each keyword once, with the terms it stands for.
        let mut keywords: BTreeMap<String, Vec<(&ScoredTerm, Field)>> = BTreeMap::new();
        for term in terms {
            let Some(field) = Field::of_local(&term.field) else { continue };
            let keyword = match field {
                Field::TitleExact | Field::BodyExact | Field::QuoteExact => form_keyword(&term.text),
                _ => encode(&term.text),
            };
            keywords.entry(keyword).or_default().push((term, field));
        }
        statements.extend(keywords.keys().map(|keyword| count_by_fields(keyword, &[])));
        let mut sets = Vec::with_capacity(statements.len());
        for batch in statements.chunks(MAX_BATCH) {
            sets.extend(self.ask_all(&batch.join("; "))?);
        }
        let mut sets = sets.into_iter();
        let number = |row: &Row, at: usize| row.get_opt::<u64, _>(at).and_then(|v| v.ok()).unwrap_or(0);
        let totals = match kept {
            Some(totals) => totals,
            None => {
                let mut totals = Totals { at: Instant::now(), documents: BTreeMap::new(), tokens: [0; COUNTED.len()] };
                for row in sets.next().unwrap_or_default() {
                    totals.documents.insert(number(&row, 0), number(&row, 1));
                    for (i, sum) in totals.tokens.iter_mut().enumerate() {
                        *sum += number(&row, 2 + i);
                    }
                }
                // Counts that leave out a shard that did not answer are
                // used once, not kept.
                let meta = sets.next().unwrap_or_default();
                let warned = meta
                    .iter()
                    .any(|row| row.get_opt::<String, _>(0).and_then(|v| v.ok()).as_deref() == Some("warning"));
                if !warned && let Ok(mut kept) = self.totals.lock() {
                    *kept = Some(totals.clone());
                }
                totals
            }
        };
        let mut statistics = CollectionStatistics {
            documents: totals.documents.get(&u64::from(kind)).copied().unwrap_or(0),
            ..CollectionStatistics::default()
        };
        for field in Field::ALL {
            if let Some(at) = COUNTED.iter().position(|f| f.tokens().is_some() && f.tokens() == field.tokens()) {
                statistics.tokens.insert(field.local_name().to_owned(), totals.tokens[at]);
            }
        }
        for (terms, rows) in keywords.values().zip(sets) {
            for &(term, field) in terms {
                statistics.doc_freqs.insert(term.clone(), documents_in(&rows, &[field]));
            }
        }
        Ok(statistics)
    }

    /// Lists under each article hit its quotes that match the query.
    fn attach_quotes(
        &self,
        plan: &Plan,
        relaxed: bool,
        speaker: Option<&Speaker>,
        per_hit: usize,
        hits: &mut [Hit],
    ) -> Result<Vec<String>> {
        let in_quotes = compile(&plan.node, true)?;
        let text = if relaxed { in_quotes.relaxed } else { in_quotes.typed };
        let Some(mut text) = text else { return Ok(Vec::new()) };
        if let Some(condition) = speaker.and_then(condition_of) {
            text = format!("{text} {condition}").trim().to_owned();
        }
        let keys: Vec<String> = hits.iter().map(|h| row_id(&h.article_id).to_string()).collect();
        let limit = hits.len() * per_hit;
        // Every quote of every hit may match: ask for all, keep the best per hit.
        let answer = self.ask(&format!(
            "SELECT id, WEIGHT() AS w, {STORED} FROM {TABLE} WHERE MATCH({}) AND {KIND} = 1 AND {ARTICLE_KEY} IN ({}) \
             ORDER BY w DESC, id ASC LIMIT 0, {} OPTION max_matches = {}, {}",
            string_literal(&text),
            keys.join(","),
            PAGE.max(limit),
            PAGE.max(limit),
            ranking(in_quotes.prose)
        ))?;
        let position: HashMap<String, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.article_id.clone(), i)).collect();
        for row in &answer.rows {
            let stored = stored(&self.node, row, 2)?;
            let Some((n, quote)) = stored.quote else { continue };
            if let Some(&i) = position.get(&stored.article.id)
                && let HitKind::Article { quotes } = &mut hits[i].kind
                && quotes.len() < per_hit
            {
                let id = poisk::index::quote_id(&stored.article.id, n);
                quotes.push(QuoteRef { id, highlights: highlight_all(&quote.text, &plan.highlight), quote });
            }
        }
        Ok(answer.warnings)
    }

    fn count_days(&self, request: &TimelineRequest, speaker: Option<&Speaker>, query: &str) -> Result<Counted> {
        let plan = self.plan(&request.matching, speaker, query)?;
        let run = |text: &str| -> Result<(BTreeMap<i64, usize>, usize, Vec<String>)> {
            let answer = self.ask(&format!(
                "SELECT {DAY}, COUNT(*) AS n FROM {TABLE} WHERE {} GROUP BY {DAY} ORDER BY {DAY} ASC LIMIT 0, {MAX_GROUPS} \
                 OPTION max_matches = {MAX_GROUPS}",
                Self::filter(plan.kind, Some(text), &request.matching)
            ))?;
            let mut warnings = answer.warnings;
            if answer.rows.len() >= MAX_GROUPS {
                warnings.push(format!("cluster: the timeline counts the first {MAX_GROUPS} days with matches only"));
            }
            let mut days = BTreeMap::new();
            let mut undated = 0;
            for row in &answer.rows {
                let day: i64 = row
                    .get_opt(0)
                    .and_then(|v| v.ok())
                    .ok_or_else(|| error(&self.node, "a timeline row without a day"))?;
                let n: usize = row
                    .get_opt(1)
                    .and_then(|v| v.ok())
                    .ok_or_else(|| error(&self.node, "a timeline row without a count"))?;
                match day_date(day) {
                    Some(date) => *days.entry(date.days_since_epoch()).or_default() += n,
                    None => undated += n,
                }
            }
            Ok((days, undated, warnings))
        };
        let empty = || (BTreeMap::new(), 0, Vec::new());
        let mut relaxed = false;
        let mut counted = match &plan.compiled.typed {
            Some(text) => run(text)?,
            None => empty(),
        };
        if counted.0.is_empty()
            && counted.1 == 0
            && counted.2.is_empty()
            && let Some(text) = &plan.compiled.relaxed
        {
            counted = run(text)?;
            relaxed = true;
        }
        let (days, undated, shard_warnings) = counted;
        let mut warnings = plan.warnings;
        let partial = !shard_warnings.is_empty();
        warnings.extend(shard_warnings);
        Ok(Counted { days, undated, relaxed, kind: plan.kind, warnings, partial })
    }

    /// What the cluster holds.
    ///
    /// # Errors
    /// When the aggregator fails.
    pub fn stats(&self) -> Result<ClusterStats> {
        let count = |where_: &str| -> Result<(usize, Vec<String>)> {
            let answer = self.ask(&format!("SELECT id FROM {TABLE} WHERE {where_} LIMIT 1"))?;
            Ok((answer.total, answer.warnings))
        };
        let mut warnings = Vec::new();
        let mut take = |(n, w): (usize, Vec<String>)| {
            warnings.extend(w);
            n
        };
        let articles = take(count(&format!("{KIND} = 0"))?);
        let undated_articles = take(count(&format!("{KIND} = 0 AND {DAY} = 0"))?);
        let quotes = take(count(&format!("{KIND} = 1"))?);
        let speakers = self.speakers()?.len();
        let edge = |order: &str| -> Result<Option<Date>> {
            let answer = self.ask(&format!(
                "SELECT {DAY} FROM {TABLE} WHERE {KIND} = 0 AND {DAY} > 0 ORDER BY {DAY} {order} LIMIT 1"
            ))?;
            Ok(answer.rows.first().and_then(|r| r.get_opt::<i64, _>(0)).and_then(|v| v.ok()).and_then(day_date))
        };
        let (first_date, last_date) = (edge("ASC")?, edge("DESC")?);
        warnings.dedup();
        Ok(ClusterStats {
            engine: format!("{}{}", crate::client::SCHEME, self.node),
            articles,
            undated_articles,
            quotes,
            speakers,
            first_date,
            last_date,
            partial: !warnings.is_empty(),
            warnings,
        })
    }
}

/// The statement that counts the documents holding `keyword` (encoded) in
/// `fields` (any field, when empty) by the set of those fields that hold
/// it: per set, Sphinx's `field_mask` (the `WEIGHT()` of
/// `ranker = expr('field_mask')`) and the documents ([`documents_in`]).
pub(crate) fn count_by_fields(keyword: &str, fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    let scope = if names.is_empty() { String::new() } else { format!("@({}) ", names.join(",")) };
    format!(
        "SELECT WEIGHT() AS m, COUNT(*) AS n FROM {TABLE} WHERE MATCH({}) GROUP BY m LIMIT 0, {MASKS} \
         OPTION ranker = expr('field_mask'), max_matches = {MASKS}",
        string_literal(&format!("{scope}{}", match_text(keyword)))
    )
}

/// From the rows of a [`count_by_fields`] statement, the documents whose
/// field holds the keyword, added over `fields`: a document with it in two
/// of them counts twice, as the local index's document frequencies of two
/// fields add up.
pub(crate) fn documents_in(rows: &[Row], fields: &[Field]) -> u64 {
    let number = |row: &Row, at: usize| row.get_opt::<u64, _>(at).and_then(|v| v.ok()).unwrap_or(0);
    let mut total = 0;
    for row in rows {
        let mask = number(row, 0);
        total += number(row, 1) * fields.iter().filter(|f| mask & f.mask() != 0).count() as u64;
    }
    total
}

/// The `(value, count)` pairs of a `GROUP BY`, and the shards' warnings.
type Grouped = (Vec<(String, usize)>, Vec<String>);

/// A facet's counts from `(value, count)` pairs, most frequent first (ties
/// by value), `limit` of them; an empty value counts as missing.
fn by_value(facet: Facet, pairs: Vec<(String, usize)>, limit: usize) -> FacetCounts {
    let mut missing = 0;
    let mut values: Vec<FacetValue> = Vec::with_capacity(pairs.len());
    for (value, count) in pairs {
        if value.is_empty() {
            missing += count;
        } else {
            values.push(FacetValue { value, count });
        }
    }
    values.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    let rest = values.split_off(limit.min(values.len()));
    FacetCounts { facet, values, other_values: rest.len(), other: rest.iter().map(|v| v.count).sum(), missing }
}

/// Years or months from `(day attribute, count)` pairs, in order of time;
/// undated matches count as missing.
fn by_period(facet: Facet, days: &[(String, usize)]) -> FacetCounts {
    let mut periods: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing = 0;
    for (day, count) in days {
        match day.parse::<i64>().ok().and_then(day_date) {
            Some(date) if facet == Facet::Year => *periods.entry(format!("{:04}", date.year())).or_default() += count,
            Some(date) => *periods.entry(format!("{:04}-{:02}", date.year(), date.month())).or_default() += count,
            None => missing += count,
        }
    }
    let values = periods.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
    FacetCounts { facet, values, other_values: 0, other: 0, missing }
}

/// What the cluster says of a phrase with slop.
const ANY_ORDER: &str = "on the cluster a phrase with slop (\"…\"~N) finds its words within the window in any order, \
                         so a few more documents than the local index";

/// What the cluster says of a boost.
const UNBOOSTED: &str = "the cluster weighs boosts (word^N) only in the order of its best matches, \
                         which it picks without them";

/// Warnings for what a request asks that the cluster does not do.
fn unsupported(request: &SearchRequest, results: &SearchResults) -> Vec<String> {
    let mut warnings = Vec::new();
    if request.show.explain {
        warnings.push("the cluster does not explain scores".to_owned());
    }
    let articles = results.hits.iter().filter(|h| matches!(h.kind, HitKind::Article { .. })).count();
    if request.show.collapse && articles > 1 {
        warnings.push(
            "the cluster does not collapse near-duplicate articles (it keeps no fingerprints): each is a hit"
                .to_owned(),
        );
    }
    warnings
}

/// The `MATCH()` condition of a speaker's quotes.
fn condition_of(speaker: &Speaker) -> Option<String> {
    speaker_condition(speaker.keys(), speaker.lone_key().as_deref())
}

/// The `OPTION` of a query's ranking: prose's, or the usual one.
fn ranking(prose: bool) -> &'static str {
    if prose { PROSE_RANKING } else { RANKING }
}

/// One query text of a request, ready to run.
struct Plan {
    kind: Kind,
    node: poisk::query::Node,
    compiled: Compiled,
    highlight: SnippetQuery,
    warnings: Vec<String>,
}

/// Matches per day of one query text.
struct Counted {
    days: BTreeMap<i64, usize>,
    undated: usize,
    relaxed: bool,
    kind: Kind,
    warnings: Vec<String>,
    partial: bool,
}

impl Counted {
    fn total(&self) -> usize {
        self.days.values().sum::<usize>() + self.undated
    }
}

/// The `stored` column (at `at`) of a row.
fn stored(node: &Node, row: &Row, at: usize) -> Result<Stored> {
    let json: Vec<u8> =
        row.get_opt(at).and_then(|v| v.ok()).ok_or_else(|| error(node, "a row without its stored document"))?;
    serde_json::from_slice(&json).map_err(|e| error(node, format!("a stored document poisk cannot read: {e}")))
}

/// The hit of a stored document, with its snippets (a quote's is the whole
/// quote).
fn hit_of(stored: Stored, highlight: &SnippetQuery, show: &Show) -> Hit {
    let Stored { article, origin, quote } = stored;
    let (kind, id, shown) = match quote {
        None => {
            let shown = snippets(&article.body, highlight, &show.snippets);
            (HitKind::Article { quotes: Vec::new() }, article.id.clone(), shown)
        }
        Some((n, quote)) => {
            let id = poisk::index::quote_id(&article.id, n);
            let highlights = highlight_all(&quote.text, highlight);
            let whole = Snippet {
                text: quote.text.clone(),
                start: 0,
                end: quote.text.len(),
                highlights: highlights.clone(),
                cut_before: false,
                cut_after: false,
            };
            (HitKind::Quote { quote: QuoteRef { id: id.clone(), quote, highlights } }, id, vec![whole])
        }
    };
    Hit {
        rank: 0,
        kind,
        id,
        article_id: article.id,
        title: article.title,
        date: article.date,
        source: article.source,
        path: origin,
        url: article.url,
        score: 0.0,
        snippets: shown,
        duplicates: Vec::new(),
        explanation: None,
    }
}

/// `hit` at `rank` with `score`.
trait Ranked {
    fn ranked(self, rank: usize, score: f32) -> Hit;
}

impl Ranked for Hit {
    fn ranked(mut self, rank: usize, score: f32) -> Hit {
        self.rank = rank;
        self.score = score;
        self
    }
}

impl Backend for Cluster {
    fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let (show, mut warnings) = request.show.capped()?;
        let speaker = self.speaker(request.matching.speaker.as_deref())?;
        let search = |query: &str| self.search_text(request, &show, speaker.as_ref(), query);
        let found = |r: &SearchResults| Found { total: r.total, relaxed: r.relaxed };
        let (mut results, corrected) = with_corrections(&request.matching, self, search, found)?;
        (results.corrected, results.correction) = corrected.unzip();
        warnings.extend(unsupported(request, &results));
        warnings.append(&mut results.warnings);
        results.warnings = warnings;
        results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(results)
    }

    fn timeline(&self, request: &TimelineRequest) -> Result<Timeline> {
        let started = Instant::now();
        let speaker = self.speaker(request.matching.speaker.as_deref())?;
        let count = |query: &str| self.count_days(request, speaker.as_ref(), query);
        let found = |c: &Counted| Found { total: c.total(), relaxed: c.relaxed };
        let (counted, corrected) = with_corrections(&request.matching, self, count, found)?;
        let (corrected, correction) = corrected.unzip();
        Ok(Timeline {
            query: request.matching.query.clone(),
            correction,
            corrected,
            relaxed: counted.relaxed,
            kind: counted.kind,
            interval: request.interval,
            total: counted.total(),
            undated: counted.undated,
            buckets: Bucket::spanning(&counted.days, request.interval),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            partial: counted.partial,
            warnings: counted.warnings,
        })
    }

    fn quotes_matching(&self, filter: &QuoteFilter, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let speaker = self.speaker(filter.speaker.as_deref())?;
        let condition = speaker.as_ref().and_then(condition_of);
        let mut matching = Match::new("").quote_kind(filter.kind);
        matching.speaker_kind = filter.speaker_kind;
        let filter = Self::filter(Kind::Quote, condition.as_deref(), &matching);
        let none = SnippetQuery::default();
        let show = Show::default();
        let mut hits = Vec::new();
        let mut total = None;
        let mut last: u64 = 0;
        let mut skipped = 0;
        while hits.len() < limit {
            let answer = self.ask(&format!(
                "SELECT id, {STORED} FROM {TABLE} WHERE {filter} AND id > {last} ORDER BY id ASC LIMIT {PAGE} \
                 OPTION max_matches = {PAGE}"
            ))?;
            if !answer.warnings.is_empty() {
                return Err(error(&self.node, answer.warnings.join("; ")));
            }
            total.get_or_insert(answer.total);
            for row in &answer.rows {
                last = row.get_opt(0).and_then(|v| v.ok()).unwrap_or(last);
                if skipped < offset {
                    skipped += 1;
                    continue;
                }
                if hits.len() < limit {
                    let rank = offset + hits.len() + 1;
                    hits.push(hit_of(stored(&self.node, row, 1)?, &none, &show).ranked(rank, 0.0));
                }
            }
            if answer.rows.len() < PAGE {
                break;
            }
        }
        Ok((total.unwrap_or(0), hits))
    }

    fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        let answer = self.ask(&format!(
            "SELECT {SPEAKER_ROW}, COUNT(*) AS n FROM {TABLE} WHERE {KIND} = {} GROUP BY {SPEAKER_ROW} \
             LIMIT 0, {MAX_GROUPS} OPTION max_matches = {MAX_GROUPS}",
            kind_value(Some(QuoteKind::Quote))
        ))?;
        if !answer.warnings.is_empty() {
            return Err(error(&self.node, answer.warnings.join("; ")));
        }
        if answer.rows.len() >= MAX_GROUPS {
            return Err(error(
                &self.node,
                format!("more than {MAX_GROUPS} ways speakers are named: too many to count"),
            ));
        }
        let mut quotes = Vec::new();
        for row in &answer.rows {
            let (Some(Ok(text)), Some(Ok(n))) = (row.get_opt::<String, _>(0), row.get_opt::<usize, _>(1)) else {
                continue;
            };
            if let Some(speaker) = parse_speaker_row(&text) {
                quotes.extend(std::iter::repeat_n(speaker, n));
            }
        }
        Ok(SpeakerCount::tally(quotes))
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let key = row_id(id);
        let answer = self.ask(&format!("SELECT id, {STORED} FROM {TABLE} WHERE id = {key} LIMIT 1"))?;
        let Some(row) = answer.rows.first() else { return Ok(None) };
        let Stored { article, origin, .. } = stored(&self.node, row, 1)?;
        if article.id != id {
            return Ok(None);
        }
        let quotes = self.ask(&format!(
            "SELECT id, {STORED} FROM {TABLE} WHERE {ARTICLE_KEY} = {key} AND {KIND} = 1 LIMIT 0, {PAGE} OPTION max_matches = {PAGE}"
        ))?;
        let mut refs = Vec::new();
        for row in &quotes.rows {
            if let Some((n, quote)) = stored(&self.node, row, 1)?.quote {
                refs.push(QuoteRef { id: poisk::index::quote_id(id, n), quote, highlights: Vec::new() });
            }
        }
        refs.sort_by_key(|q| (q.quote.start, q.quote.end));
        Ok(Some(StoredArticle {
            id: article.id,
            title: article.title,
            date: article.date,
            source: article.source,
            path: origin,
            url: article.url,
            body: article.body,
            highlights: Vec::new(),
            quotes: refs,
        }))
    }
}
