//! From a request to what the index runs: the query parsed and compiled
//! once, its filters, relaxing to any word, and the retries of a query
//! typed on the wrong keyboard layout or with a typo. Searches and timelines both start here,
//! so they agree on what matches.

use std::sync::Arc;
use std::time::Duration;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::quotes::Speaker;
use super::request::Match;
use super::results::Correction;
use crate::error::{EngineResult, Error, Result};
use crate::index::{Fields, Kind, span_kind_term, speaker_kind_query};
use crate::query::budget::{Budget, Budgeted};
use crate::query::build::{Compiled, compile, date_filter, source_filter};
use crate::query::{Node, Parsed, layout, matches_all, parse, typo};

/// A query that finds at most this many documents finds "almost nothing",
/// so poisk tries it as if typed on the Russian keyboard layout.
const ALMOST_NOTHING: usize = 2;

/// The query converted from the Latin layout replaces the one typed when it
/// finds more than this many times as many documents (any, when the typed
/// one found none).
const LAYOUT_GAIN: usize = 5;

/// What one request matches, checked once for every query it runs (the
/// typed one and its layout correction): its [`Match`], the speaker's
/// name stemmed, and the request's time budget.
pub(super) struct Target<'a> {
    pub matching: &'a Match,
    speaker: Option<Speaker>,
    pub budget: Arc<Budget>,
}

impl<'a> Target<'a> {
    /// # Errors
    /// [`Error::Request`] for a speaker's name past the caps of a query.
    pub(super) fn new(matching: &'a Match, time_budget: Duration) -> Result<Target<'a>> {
        let speaker = matching.speaker.as_deref().map(Speaker::new).transpose()?;
        Ok(Target { matching, speaker, budget: Budget::new(time_budget) })
    }

    /// Looks up in the index whether the speaker's surname alone names
    /// them (see [`Speaker`]).
    pub(super) fn resolve(&mut self, searcher: &tantivy::Searcher, fields: &Fields) -> tantivy::Result<()> {
        match self.speaker.as_mut() {
            Some(speaker) => speaker.resolve(searcher, fields),
            None => Ok(()),
        }
    }
}

/// One query text of a request, parsed and compiled for the index.
pub(super) struct Plan {
    /// The parsed query, kept to compile it for quotes under article hits.
    node: Node,
    /// The kind of document searched: the request's, or quotes when a
    /// speaker is named.
    pub kind: Kind,
    /// The `kind` term of the documents searched (a quote search's is its
    /// span kind's: quotations, terms or names).
    pub kind_term: tantivy::Term,
    /// The query proper, with what to highlight and its scoring parts.
    pub compiled: Compiled,
    /// Kind, date and speaker filters, none of which scores.
    filters: Vec<Box<dyn Query>>,
    /// True once [`Plan::relax`] has turned all-words into any-word.
    pub relaxed: bool,
    /// The request's time budget and expansions.
    pub budget: Arc<Budget>,
    /// What the parser lowered to a cap.
    pub warnings: Vec<String>,
}

impl Plan {
    /// Parses and compiles `query` (the request's own, or its
    /// layout-corrected form) with the rest of `target`.
    ///
    /// # Errors
    /// [`Error::Query`] for a malformed query or one past a cap.
    pub(super) fn new(fields: &Fields, target: &Target<'_>, query: &str) -> Result<Plan> {
        let Parsed { node, warnings } = if matches_all(query) { Parsed::all() } else { parse(query)? };
        let kind = target.matching.kind_searched(&node);
        let compiled = compile(&node, fields, kind == Kind::Quote, &target.budget);
        // Quote documents hold quotations, terms and names: the request's kind.
        let kind_term = match kind {
            Kind::Quote => span_kind_term(fields, target.matching.quote_kind),
            Kind::Article => kind.term(fields),
        };
        let kind_query = TermQuery::new(kind_term.clone(), IndexRecordOption::Basic);
        let mut filters: Vec<Box<dyn Query>> = vec![Box::new(ConstScoreQuery::new(Box::new(kind_query), 0.0))];
        filters.extend(date_filter(fields, target.matching.since, target.matching.until));
        if let Some(source) = &target.matching.source {
            filters.push(source_filter(fields, source));
        }
        if let Some(speaker) = &target.speaker {
            filters.push(speaker.filter(fields));
        }
        if let (Kind::Quote, Some(speaker_kind)) = (kind, target.matching.speaker_kind) {
            filters.push(Box::new(ConstScoreQuery::new(Box::new(speaker_kind_query(fields, speaker_kind)), 0.0)));
        }
        Ok(Plan { node, kind, kind_term, compiled, filters, relaxed: false, budget: target.budget.clone(), warnings })
    }

    /// The query and its filters as one tantivy query, which stops when
    /// the time budget is spent.
    pub(super) fn query(&self) -> Budgeted {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, self.compiled.query(self.relaxed))];
        clauses.extend(self.filters.iter().map(|f| (Occur::Must, f.box_clone())));
        Budgeted::new(Box::new(BooleanQuery::new(clauses)), self.budget.clone())
    }

    /// Makes the top-level words alternatives instead of requirements, as
    /// a search does when no document has them all; false when the query
    /// has nothing to relax, or the time is up.
    pub(super) fn relax(&mut self) -> bool {
        if !self.compiled.relaxable || self.relaxed || self.budget.is_spent() {
            return false;
        }
        self.relaxed = true;
        true
    }

    /// The query compiled for quote documents, to find the quotes of
    /// article hits that match it; run it relaxed as the plan is.
    pub(super) fn in_quotes(&self, fields: &Fields) -> Compiled {
        compile(&self.node, fields, true, &self.budget)
    }
}

/// What a search or timeline found, as the corrections judge it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    /// Documents matched.
    pub total: usize,
    /// True when only any of the words matched.
    pub relaxed: bool,
}

/// Runs `run` on the request's query, then on a correction of it when
/// that finds more:
///
/// - when the query finds almost nothing and has Latin letters, the query
///   as if typed on the Russian keyboard layout, when its words are words
///   of the index and it finds many times more ([`LAYOUT_GAIN`]);
/// - otherwise, when a word is unknown to the index (or the query found
///   almost nothing, or only any of its words), the query with that word
///   replaced by the closest frequent word form of the index (`typo.rs`),
///   when it finds more, or all its words where the typed query found
///   only some.
///
/// Returns the answer, and the query searched instead with the kind of
/// correction. `found` tells what an answer found. A typed query that ran
/// out of time is not tried again.
pub(super) fn with_corrections<T>(
    target: &Target<'_>,
    index: (&tantivy::Searcher, &Fields),
    run: impl Fn(&str) -> Result<T>,
    found: impl Fn(&T) -> Found,
) -> Result<(T, Option<(String, Correction)>)> {
    let query = &target.matching.query;
    let typed = run(query)?;
    let was = found(&typed);
    if target.budget.is_spent() {
        return Ok((typed, None));
    }
    let (searcher, fields) = index;
    if target.matching.fix_layout && was.total <= ALMOST_NOTHING && layout::has_latin(query) {
        let converted = layout::to_cyrillic(query);
        if converted != *query && typo::all_known(searcher, fields, &converted).engine()? {
            match run(&converted) {
                Ok(answer) if found(&answer).total > was.total * LAYOUT_GAIN => {
                    return Ok((answer, Some((converted, Correction::Layout))));
                }
                // Converting may break the syntax (`,` is a letter there).
                Ok(_) | Err(Error::Query { .. }) => {}
                Err(other) => return Err(other),
            }
        }
    }
    if !target.matching.fix_typos || target.budget.is_spent() {
        return Ok((typed, None));
    }
    let little = was.total <= ALMOST_NOTHING || was.relaxed;
    let Some(corrected) = typo::correct(searcher, fields, query, little, &target.budget).engine()? else {
        return Ok((typed, None));
    };
    match run(&corrected) {
        Ok(answer) => {
            let now = found(&answer);
            if now.total > was.total || (was.relaxed && !now.relaxed && now.total > 0) {
                return Ok((answer, Some((corrected, Correction::Typos))));
            }
            Ok((typed, None))
        }
        Err(Error::Query { .. }) => Ok((typed, None)),
        Err(other) => Err(other),
    }
}

/// Runs `run` on `matching`'s query and, when that finds almost nothing
/// and the query has Latin letters, on the query as if typed on the Russian
/// keyboard layout, as every search and timeline of poisk does (unless
/// [`Match::fix_layout`](Match#structfield.fix_layout) is off). Returns the
/// converted query's answer, and the converted query, when its words are
/// words of the engine's (`known` tells whether a word form, lowercase
/// with ё as е, is in some document) and it finds many times more
/// (5 times); otherwise the typed query's answer. `total` tells
/// how many documents an answer found.
///
/// For engines other than the local index, which corrects typos besides
/// (`with_corrections`).
///
/// ```
/// use poisk::search::{Match, layout_retry};
///
/// let found = |query: &str| Ok(if query == "курской области" { 7 } else { 0 });
/// let known = |form: &str| Ok(["курской", "области"].contains(&form));
/// let (total, corrected) = layout_retry(&Match::new("rehcrjq j,kfcnb"), found, |n| *n, known)?;
/// assert_eq!((total, corrected.as_deref()), (7, Some("курской области")));
/// // A conversion into words no document has is no correction.
/// let (total, corrected) = layout_retry(&Match::new("rehcrjq j,kfcnb"), found, |n| *n, |_| Ok(false))?;
/// assert_eq!((total, corrected), (0, None));
/// # Ok::<(), poisk::Error>(())
/// ```
///
/// # Errors
/// The typed query's error; `known`'s; the converted query's error unless
/// it is a query error (converting may break the syntax).
pub fn layout_retry<T>(
    matching: &Match,
    run: impl Fn(&str) -> Result<T>,
    total: impl Fn(&T) -> usize,
    known: impl FnMut(&str) -> Result<bool>,
) -> Result<(T, Option<String>)> {
    let query = &matching.query;
    let typed = run(query)?;
    if !matching.fix_layout || total(&typed) > ALMOST_NOTHING || !layout::has_latin(query) {
        return Ok((typed, None));
    }
    let converted = layout::to_cyrillic(query);
    if converted == *query || !typo::all_known_by(&converted, known)? {
        return Ok((typed, None));
    }
    match run(&converted) {
        Ok(answer) if total(&answer) > total(&typed) * LAYOUT_GAIN => Ok((answer, Some(converted))),
        // Converting may break the syntax (`,` is a letter there).
        Ok(_) | Err(Error::Query { .. }) => Ok((typed, None)),
        Err(other) => Err(other),
    }
}
