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
use crate::error::{Error, Result};
use crate::index::{Fields, Kind, span_kind_term, speaker_kind_query};
use crate::query::budget::{Budget, Budgeted};
use crate::query::build::{Compiled, compile, date_filter, source_filter};
use crate::query::typo::{self, Vocabulary};
use crate::query::{Node, Parsed, layout, matches_all, parse};

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

/// What a search or timeline found, as the corrections judge it
/// ([`with_corrections`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Documents matched.
    pub total: usize,
    /// True when only any of the words matched.
    pub relaxed: bool,
}

/// Runs `run` on `matching`'s query, then on a correction of it when that
/// finds more, as every search and timeline of poisk does, on the local
/// index or another engine:
///
/// - when the query finds almost nothing and has Latin letters, the query
///   as if typed on the Russian keyboard layout, when its words are words
///   `vocabulary` knows and it finds more than 5 times as many (any, when the
///   typed one found none);
///   unless [`Match::fix_layout`](Match#structfield.fix_layout) is off;
/// - otherwise, when a word is unknown to `vocabulary` (or the query found
///   almost nothing, or only any of its words), the query with that word
///   replaced by the closest frequent word form `vocabulary` has
///   (`query/typo.rs`), when it finds more, or all its words where the
///   typed query found only some; unless
///   [`Match::fix_typos`](Match#structfield.fix_typos) is off.
///
/// Returns the answer, and the query searched instead with the kind of
/// correction. `found` tells what an answer found. A typed query that ran
/// out of time ([`Vocabulary::exhausted`]) is not tried again.
///
/// ```
/// use poisk::search::{Correction, Found, Match, Vocabulary, with_corrections};
///
/// /// Three word forms and the articles holding each (a form stems to
/// /// itself here).
/// struct Words;
/// const WORDS: [(&str, u64); 3] = [("скрипаль", 40), ("курской", 7), ("области", 9)];
/// impl Vocabulary for Words {
///     fn knows(&self, form: &str) -> poisk::Result<bool> {
///         Ok(WORDS.iter().any(|(w, _)| *w == form))
///     }
///     fn stem_documents(&self, stem: &str) -> poisk::Result<u64> {
///         Ok(WORDS.iter().filter(|(w, _)| w.starts_with(stem)).map(|(_, n)| n).sum())
///     }
///     fn forms_near(&self, form: &str, distance: u8) -> poisk::Result<Vec<(String, u64)>> {
///         let near = |w: &&(&str, u64)| poisk::query::edit_distance(form, w.0) <= usize::from(distance);
///         Ok(WORDS.iter().filter(near).map(|(w, n)| (w.to_string(), *n)).collect())
///     }
/// }
///
/// let run = |query: &str| Ok(match query { "Скрипаль" => 44, "курской области" => 7, _ => 0 });
/// let found = |total: &usize| Found { total: *total, relaxed: false };
/// let (total, corrected) = with_corrections(&Match::new("Скрипль"), &Words, run, found)?;
/// assert_eq!((total, corrected), (44, Some(("Скрипаль".to_owned(), Correction::Typos))));
/// let (total, corrected) = with_corrections(&Match::new("rehcrjq j,kfcnb"), &Words, run, found)?;
/// assert_eq!((total, corrected), (7, Some(("курской области".to_owned(), Correction::Layout))));
/// // Nonsense has no close word; `fix_typos(false)` searches as typed.
/// assert_eq!(with_corrections(&Match::new("zzzzz"), &Words, run, found)?, (0, None));
/// assert_eq!(with_corrections(&Match::new("Скрипль").fix_typos(false), &Words, run, found)?, (0, None));
/// # Ok::<(), poisk::Error>(())
/// ```
///
/// # Errors
/// The typed query's error; the vocabulary's; a corrected query's error
/// unless it is a query error (converting may break the syntax).
pub fn with_corrections<T>(
    matching: &Match,
    vocabulary: &dyn Vocabulary,
    run: impl Fn(&str) -> Result<T>,
    found: impl Fn(&T) -> Found,
) -> Result<(T, Option<(String, Correction)>)> {
    let query = &matching.query;
    let typed = run(query)?;
    let was = found(&typed);
    if vocabulary.exhausted() {
        return Ok((typed, None));
    }
    if matching.fix_layout && was.total <= ALMOST_NOTHING && layout::has_latin(query) {
        let converted = layout::to_cyrillic(query);
        if converted != *query && typo::all_known(vocabulary, &converted)? {
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
    if !matching.fix_typos || vocabulary.exhausted() {
        return Ok((typed, None));
    }
    let little = was.total <= ALMOST_NOTHING || was.relaxed;
    let Some(corrected) = typo::correct(vocabulary, query, little)? else {
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
