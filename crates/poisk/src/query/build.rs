//! Query tree → tantivy query, plus what the snippet generator should
//! highlight.

use std::cell::RefCell;
use std::ops::Bound;
use std::sync::Arc;

use tantivy::Term as IndexTerm;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::bonus::WithBonuses;
use super::budget::Budget;
use super::expand::ExpandedQuery;
use super::explain::Part;
use super::sloppy::SloppyPhraseQuery;
use super::syntax::{Form, Node, Scope, Term};
use super::words::{Outline, Pattern, Role as OutlineRole, TopLevel, forms, highlights_and_typos, stems, typos};
use crate::date::{Date, to_index};
use crate::index::Fields;
use crate::quote::name_keys;
use crate::snippet::SnippetQuery;

/// How much a match in the title weighs against one in the body. Equal:
/// on the dev half of the question set (QUALITY.md, "Questions"), ×2
/// ranked the answering article lower (MRR@10 0.852 against 0.879 at ×1,
/// 0.876 at ×0.7); the relevance set of leads is searched without titles.
const TITLE_BOOST: f32 = 1.0;
/// How much a match among the first words of the body (the `lead` field)
/// adds to one anywhere in the body. On the RT leads of the relevance set,
/// 0.2 to 0.4 are level, no lead and 0.6 or more lose (QUALITY.md, "Tried
/// and not kept").
const LEAD_BOOST: f32 = 0.4;
/// Bonus weight of all plain query words standing together as typed.
const PHRASE_BONUS: f32 = 1.5;
/// Bonus weight of each pair of neighbouring query words standing close.
const PAIR_BONUS: f32 = 0.5;
/// How many words may separate a neighbouring pair for [`PAIR_BONUS`].
const PAIR_SLOP: u32 = 2;
/// A query ready to run, as it is typed or relaxed to any of its words,
/// and what to highlight in its hits.
///
/// Compiled once per search: [`Compiled::query`] assembles either form
/// from the same top-level clauses.
pub(crate) struct Compiled {
    /// The query's top-level parts, each compiled.
    clauses: Vec<Clause>,
    /// Bonus clauses for the plain words standing close together.
    bonuses: Vec<Box<dyn Query>>,
    pub highlight: SnippetQuery,
    /// True when the query requires several words and could be relaxed to
    /// any of them.
    pub relaxable: bool,
    /// For questions of several words: how many of the words a document
    /// must have before relaxing to any ([`Outline::at_least`]).
    most: Option<usize>,
    /// The scoring parts of the query, labelled, to explain scores with.
    pub parts: Vec<Part>,
    /// Typo-tolerant words (`путен~1`) whose matching stems are to be
    /// highlighted: only the index knows them (see [`Compiled::resolve`]).
    fuzzy: Vec<Pattern>,
    /// The field whose text the snippets show.
    shown: Field,
    /// The request's budget, which holds the expansions looked up.
    budget: Arc<Budget>,
}

/// One top-level part of a query.
struct Clause {
    role: Role,
    /// The part compiled; `None` when it has no word to look for.
    query: Option<Box<dyn Query>>,
    /// True for a part with no indexable word (a lone dash), which is left
    /// out rather than making the query match nothing.
    droppable: bool,
}

/// What a top-level part does to the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Words: all required, or any of them once relaxed.
    Words,
    /// Dates and sources: always required.
    Filter,
    /// `-word`: always excluded.
    Excluded,
}

impl Compiled {
    /// The query as typed (all its words required), or `relaxed` to any
    /// of its words.
    pub fn query(&self, relaxed: bool) -> Box<dyn Query> {
        if self.clauses.is_empty() {
            // No words and no filter: a search by its request's filters
            // alone, or of everything.
            return Box::new(AllQuery);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut most: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Relaxed, any of the words will do; but beside a required part
        // (a filter) tantivy takes optional clauses for scoring only, so
        // they are required together, as one clause.
        let mut any_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in &self.clauses {
            if relaxed && clause.role == Role::Words {
                any_word.extend(clause.query.as_ref().map(|q| (Occur::Should, q.box_clone())));
                continue;
            }
            if self.most.is_some() && clause.role == Role::Words {
                most.extend(clause.query.as_ref().map(|q| (Occur::Should, q.box_clone())));
                continue;
            }
            let occur = match clause.role {
                Role::Excluded => Occur::MustNot,
                Role::Filter | Role::Words => Occur::Must,
            };
            match &clause.query {
                Some(query) => clauses.push((occur, query.box_clone())),
                // A required part that can match nothing makes the whole
                // query match nothing.
                None if occur == Occur::Must && !clause.droppable => {
                    clauses.push((Occur::Must, Box::new(EmptyQuery)));
                }
                None => {}
            }
        }
        if let Some(at_least) = self.most.filter(|_| !most.is_empty()) {
            clauses.push((Occur::Must, Box::new(BooleanQuery::with_minimum_required_clauses(most, at_least))));
        }
        match any_word.len() {
            0 if relaxed => clauses.push((Occur::Must, Box::new(EmptyQuery))),
            0 => {}
            1 => clauses.extend(any_word.pop().map(|(_, q)| (Occur::Must, q))),
            _ => clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_word)))),
        }
        let bonuses: Vec<Box<dyn Query>> = self.bonuses.iter().map(|q| q.box_clone()).collect();
        if clauses.iter().any(|(o, _)| *o == Occur::Must) && !bonuses.is_empty() {
            // The bonuses only score what the other clauses match: checked
            // on those documents alone (see `bonus.rs`).
            return Box::new(WithBonuses::new(Box::new(BooleanQuery::new(clauses)), bonuses));
        }
        clauses.extend(bonuses.into_iter().map(|q| (Occur::Should, q)));
        if clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
            Box::new(BooleanQuery::new(clauses))
        } else {
            Box::new(EmptyQuery)
        }
    }

    /// True when the query has words to score matches by; a query of
    /// filters only (`date:2018`, `source:ng.ru`, or none) scores every
    /// match alike.
    pub fn scores(&self) -> bool {
        self.clauses.iter().any(|c| c.role == Role::Words)
    }

    /// Adds to the highlights the stems that the typo-tolerant words stand
    /// for in `searcher`: the same ones the query looks for.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn resolve(&mut self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        for pattern in std::mem::take(&mut self.fuzzy) {
            self.highlight.terms.extend(self.budget.expansions(searcher, self.shown, &pattern)?.iter().cloned());
        }
        Ok(())
    }
}

/// Compiles a parsed query. With `quotes`, words are looked for in quote
/// texts instead of article titles and bodies. Prefixes and typos look up
/// their terms through `budget`, once per request.
pub(crate) fn compile(node: &Node, fields: &Fields, quotes: bool, budget: &Arc<Budget>) -> Compiled {
    let builder = Builder::new(fields, quotes, budget.clone());
    let outline = Outline::of(node);
    let (highlight, fuzzy) = highlights_and_typos(&TopLevel::of(node).parts);
    let mut clauses = Vec::new();
    for part in &outline.parts {
        let role = match part.role {
            OutlineRole::Excluded => Role::Excluded,
            OutlineRole::Filter => Role::Filter,
            OutlineRole::Words => Role::Words,
        };
        let query = builder.node(&part.node);
        let droppable = query.is_none() && part.droppable;
        clauses.push(Clause { role, query, droppable });
    }
    let bonuses = builder.proximity(&outline.proximity);
    let shown = if quotes { fields.quote } else { fields.body };
    let parts = builder.parts.into_inner();
    let words = clauses.iter().filter(|c| c.role == Role::Words && c.query.is_some()).count();
    Compiled {
        clauses,
        bonuses,
        highlight,
        relaxable: outline.relaxable,
        most: outline.at_least(words),
        parts,
        fuzzy,
        shown,
        budget: budget.clone(),
    }
}

/// Which copy of the text words are looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    /// The stems: any form of the word.
    Stemmed,
    /// The words as written (lowercase, ё→е).
    Exact,
}

struct Builder<'a> {
    fields: &'a Fields,
    /// Quote documents keep their words in a field of their own, so that
    /// their many short texts do not skew the BM25 statistics of bodies.
    quotes: bool,
    /// Every scoring part built so far, labelled, for explanations.
    parts: RefCell<Vec<Part>>,
    /// Where prefixes and typos look up their terms.
    budget: Arc<Budget>,
}

impl Builder<'_> {
    fn new(fields: &Fields, quotes: bool, budget: Arc<Budget>) -> Builder<'_> {
        Builder { fields, quotes, parts: RefCell::new(Vec::new()), budget }
    }

    fn node(&self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::Term(term) => self.term(term),
            Node::Dates { from, to } => Some(self.dates(*from, *to)),
            Node::And(children) => self.group(children, Occur::Must),
            Node::Or(children) => self.group(children, Occur::Should),
            Node::Boost { node, percent } => {
                let inner = self.node(node)?;
                Some(Box::new(BoostQuery::new(inner, *percent as f32 / 100.0)))
            }
            Node::Not(inner) => {
                // A bare negation inside a group: everything but it.
                let inner = self.node(inner)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(tantivy::query::AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, inner),
                ])))
            }
        }
    }

    fn term(&self, term: &Term) -> Option<Box<dyn Query>> {
        let Term { scope, text, form } = term;
        // A speaker's name is looked up by the keys of its words, the same
        // in every case form (`Пескова`, `Дмитрия Пескова`, `Песков`).
        if *scope == Scope::Speaker && matches!(form, Form::Word | Form::Phrase { .. } | Form::Exact { .. }) {
            return self.words(Scope::Speaker, &name_keys(text), 0);
        }
        if *scope == Scope::Source {
            return Some(source_query(self.fields, text, matches!(form, Form::Prefix { .. })));
        }
        match *form {
            Form::Word => self.words(*scope, &stems(text), 0),
            Form::Phrase { slop } => self.words(*scope, &stems(text), slop),
            Form::Exact { slop } => self.exact(*scope, &forms(text), slop),
            Form::Prefix { .. } => self.prefix(*scope, forms(text)),
            Form::Fuzzy { distance, .. } => self.fuzzy(*scope, &typos(text, distance)),
            Form::Near { distance } => self.near(*scope, text, distance),
        }
    }

    /// Two words (the text's two halves) at most `distance - 1` words
    /// apart, in either order.
    fn near(&self, scope: Scope, text: &str, distance: u32) -> Option<Box<dyn Query>> {
        let (left, right) = text.split_once(' ').unwrap_or((text, ""));
        let (left, right) = (stems(left), stems(right));
        if left.is_empty() || right.is_empty() || scope == Scope::Speaker {
            return self.words(scope, &[left, right].concat(), 0);
        }
        let slop = distance - 1;
        let forward = [left.as_slice(), right.as_slice()].concat();
        let backward = [right.as_slice(), left.as_slice()].concat();
        let what = format!("{} NEAR/{distance} {}", left.join(" "), right.join(" "));
        self.in_fields(scope, Text::Stemmed, &what, |field| {
            let either = vec![
                (Occur::Should, words_in(field, &forward, slop)),
                (Occur::Should, words_in(field, &backward, slop)),
            ];
            Box::new(BooleanQuery::new(either))
        })
    }

    fn group(&self, children: &[Node], occur: Occur) -> Option<Box<dyn Query>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = children
            .iter()
            .filter_map(|child| match child {
                Node::Not(inner) => self.node(inner).map(|q| (Occur::MustNot, q)),
                other => self.node(other).map(|q| (occur, q)),
            })
            .collect();
        if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
            return None;
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The fields of a scope in one copy of the text, with their weights.
    fn targets(&self, scope: Scope, form: Text) -> Vec<(Field, f32)> {
        let f = self.fields;
        let (title, body, quote) = match form {
            Text::Stemmed => (f.title, f.body, f.quote),
            Text::Exact => (f.title_exact, f.body_exact, f.quote_exact),
        };
        match scope {
            Scope::Any | Scope::Body if self.quotes => vec![(quote, 1.0)],
            // The lead field holds stems only: exact forms and prefixes
            // look in the whole body.
            Scope::Any if matches!(form, Text::Stemmed) => {
                vec![(title, TITLE_BOOST), (body, 1.0), (f.lead, LEAD_BOOST)]
            }
            Scope::Any => vec![(title, TITLE_BOOST), (body, 1.0)],
            Scope::Title => vec![(title, 1.0)],
            Scope::Body => vec![(body, 1.0)],
            Scope::Speaker => vec![(f.speaker_key, 1.0)],
            // Not words: see `source_query`.
            Scope::Source => Vec::new(),
        }
    }

    /// `make`'s query in each field of the scope, weighted and labelled
    /// `field: what`; a match in any field will do.
    fn in_fields(
        &self,
        scope: Scope,
        form: Text,
        what: &str,
        make: impl Fn(Field) -> Box<dyn Query>,
    ) -> Option<Box<dyn Query>> {
        let per_field: Vec<(Occur, Box<dyn Query>)> = self
            .targets(scope, form)
            .into_iter()
            .map(|(field, boost)| {
                let name = self.fields.schema.get_field_name(field);
                (Occur::Should, self.part(format!("{name}: {what}"), boosted(make(field), boost), boost))
            })
            .collect();
        one_or_any(per_field)
    }

    /// Records `query` as a scoring part under `label` (with its boost).
    fn part(&self, label: String, query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
        let label = if boost == 1.0 { label } else { format!("{label} ×{boost}") };
        self.parts.borrow_mut().push(Part { label, query: query.box_clone() });
        query
    }

    /// Stems in the scope's fields: one term, or a phrase of several.
    fn words(&self, scope: Scope, stems: &[String], slop: u32) -> Option<Box<dyn Query>> {
        if stems.is_empty() {
            return None;
        }
        if scope == Scope::Speaker {
            // Every word of a name must be in the speaker's name, in any
            // order: `Ким Чен Ын`, `Путина`, `Владимир Путин`.
            let speaker = self.fields.speaker_key;
            let name = self.fields.schema.get_field_name(speaker);
            let all: Vec<(Occur, Box<dyn Query>)> = stems
                .iter()
                .map(|s| (Occur::Must, self.part(format!("{name}: {s}"), term_query(speaker, s), 1.0)))
                .collect();
            return Some(Box::new(BooleanQuery::new(all)));
        }
        self.in_fields(scope, Text::Stemmed, &describe(stems, slop), |field| words_in(field, stems, slop))
    }

    /// Exact word forms in the scope's unstemmed fields.
    fn exact(&self, scope: Scope, forms: &[String], slop: u32) -> Option<Box<dyn Query>> {
        if forms.is_empty() {
            return None;
        }
        let what = format!("={}", describe(forms, slop));
        self.in_fields(scope, Text::Exact, &what, |field| words_in(field, forms, slop))
    }

    /// Words that begin with the last of `forms`; the words before it
    /// (`северо-зап*`) must be there as written.
    fn prefix(&self, scope: Scope, mut forms: Vec<String>) -> Option<Box<dyn Query>> {
        let prefix = forms.pop()?;
        // Speakers' names are kept as keys only; a key begins its word.
        let form = if scope == Scope::Speaker { Text::Stemmed } else { Text::Exact };
        let what = format!("{}*", forms.iter().chain([&prefix]).cloned().collect::<Vec<_>>().join(" "));
        self.in_fields(scope, form, &what, |field| {
            let pattern = Pattern::Prefix(prefix.clone());
            let expanded: Box<dyn Query> = Box::new(ExpandedQuery::new(field, pattern, self.budget.clone()));
            let mut all: Vec<(Occur, Box<dyn Query>)> =
                forms.iter().map(|w| (Occur::Must, term_query(field, w))).collect();
            all.push((Occur::Must, expanded));
            one_or_all(all)
        })
    }

    /// Stems close to each word (see [`typos`]); all of the words.
    fn fuzzy(&self, scope: Scope, patterns: &[Pattern]) -> Option<Box<dyn Query>> {
        if patterns.is_empty() {
            return None;
        }
        let what = patterns.iter().map(Pattern::describe).collect::<Vec<_>>().join(" ");
        self.in_fields(scope, Text::Stemmed, &what, |field| {
            let all = patterns
                .iter()
                .map(|p| {
                    let expanded = ExpandedQuery::new(field, p.clone(), self.budget.clone());
                    (Occur::Must, Box::new(expanded) as Box<dyn Query>)
                })
                .collect();
            one_or_all(all)
        })
    }

    fn dates(&self, from: Date, to: Date) -> Box<dyn Query> {
        let lower = IndexTerm::from_field_date(self.fields.date, to_index(from));
        let upper = IndexTerm::from_field_date(self.fields.date, to_index(to.next_day()));
        let range = RangeQuery::new(Bound::Included(lower), Bound::Excluded(upper));
        Box::new(ConstScoreQuery::new(Box::new(range), 0.0))
    }

    /// Bonus clauses that rank articles where the plain query words stand
    /// together above those where they are scattered.
    fn proximity(&self, words: &[String]) -> Vec<Box<dyn Query>> {
        if words.len() < 2 {
            return Vec::new();
        }
        let f = self.fields;
        let bonus = |field: Field, stems: &[String], slop: u32, boost: f32| {
            let name = f.schema.get_field_name(field);
            let label = format!("proximity bonus: {} in {name}", describe(stems, slop));
            self.part(label, boosted(words_in(field, stems, slop), boost), boost)
        };
        if self.quotes {
            return vec![bonus(f.quote, words, 0, PHRASE_BONUS)];
        }
        let mut bonuses =
            vec![bonus(f.body, words, 0, PHRASE_BONUS), bonus(f.title, words, 0, PHRASE_BONUS * TITLE_BOOST)];
        if words.len() > 2 {
            bonuses.extend(words.windows(2).map(|pair| bonus(f.body, pair, PAIR_SLOP, PAIR_BONUS)));
        }
        bonuses
    }
}

/// `курск`, or `"курск област"~2` for several words.
fn describe(words: &[String], slop: u32) -> String {
    match words {
        [one] => one.clone(),
        _ if slop == 0 => format!("\"{}\"", words.join(" ")),
        _ => format!("\"{}\"~{slop}", words.join(" ")),
    }
}

/// The one clause, or any of several.
fn one_or_any(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Option<Box<dyn Query>> {
    match clauses.len() {
        0 => None,
        1 => clauses.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(clauses))),
    }
}

/// The one clause, or all of several.
fn one_or_all(mut clauses: Vec<(Occur, Box<dyn Query>)>) -> Box<dyn Query> {
    match clauses.len() {
        1 => clauses.pop().map_or_else(|| Box::new(EmptyQuery) as Box<dyn Query>, |(_, q)| q),
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

/// One stem, or a phrase of several. A phrase of three words or more with
/// slop is a [`SloppyPhraseQuery`]: tantivy's takes memory exponential in
/// its length there (see `sloppy.rs`).
fn words_in(field: Field, stems: &[String], slop: u32) -> Box<dyn Query> {
    if let [single] = stems {
        return term_query(field, single);
    }
    if slop > 0 && stems.len() > 2 {
        let terms = stems.iter().map(|s| IndexTerm::from_field_text(field, s)).collect();
        return Box::new(SloppyPhraseQuery::new(field, terms, slop));
    }
    let terms = stems.iter().enumerate().map(|(i, s)| (i, IndexTerm::from_field_text(field, s))).collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn term_query(field: Field, stem: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(IndexTerm::from_field_text(field, stem), IndexRecordOption::WithFreqs))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 { query } else { Box::new(BoostQuery::new(query, boost)) }
}

/// Documents dated within `since..=until` (either end may be open).
pub(crate) fn date_filter(fields: &Fields, since: Option<Date>, until: Option<Date>) -> Option<Box<dyn Query>> {
    if since.is_none() && until.is_none() {
        return None;
    }
    let lower =
        since.map_or(Bound::Unbounded, |d| Bound::Included(IndexTerm::from_field_date(fields.date, to_index(d))));
    let upper = until
        .map_or(Bound::Unbounded, |d| Bound::Excluded(IndexTerm::from_field_date(fields.date, to_index(d.next_day()))));
    Some(Box::new(ConstScoreQuery::new(Box::new(RangeQuery::new(lower, upper)), 0.0)))
}

/// Documents of the source `name`, as written, or with `prefix` of every
/// source that begins with it; scoring nothing.
fn source_query(fields: &Fields, name: &str, prefix: bool) -> Box<dyn Query> {
    let term = |text: &str| IndexTerm::from_field_text(fields.source, text);
    let query: Box<dyn Query> = if prefix {
        // Every value that begins so sorts from the prefix up to the
        // prefix and the last code point.
        let upper = format!("{name}{}", char::MAX);
        Box::new(RangeQuery::new(Bound::Included(term(name)), Bound::Excluded(term(&upper))))
    } else {
        Box::new(TermQuery::new(term(name), IndexRecordOption::Basic))
    };
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Documents of the source `name`, exactly as written (a request's
/// [`Match::source`](crate::search::Match::source)).
pub(crate) fn source_filter(fields: &Fields, name: &str) -> Box<dyn Query> {
    source_query(fields, name, false)
}

/// Quotes whose speaker's name has every one of these keys
/// ([`name_keys`]).
pub(crate) fn speaker_filter(fields: &Fields, keys: &[String]) -> Box<dyn Query> {
    let builder = Builder::new(fields, true, Budget::unlimited());
    match builder.words(Scope::Speaker, keys, 0) {
        Some(q) => Box::new(ConstScoreQuery::new(q, 0.0)),
        None => Box::new(EmptyQuery),
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;

    use super::*;
    use crate::query::parse::parse;

    fn compiled(query: &str, quotes: bool) -> Compiled {
        compile(&parse(query).unwrap().node, &Fields::new(), quotes, &Budget::unlimited())
    }

    #[test]
    fn parts_are_labelled_by_field() {
        let labels: Vec<String> = compiled("Курской области", false).parts.into_iter().map(|p| p.label).collect();
        assert_eq!(
            labels,
            [
                "title: курск",
                "body: курск",
                "lead: курск ×0.4",
                "title: област",
                "body: област",
                "lead: област ×0.4",
                "proximity bonus: \"курск област\" in body ×1.5",
                "proximity bonus: \"курск област\" in title ×1.5",
            ]
        );
        let labels: Vec<String> = compiled("курск* =Курской", true).parts.into_iter().map(|p| p.label).collect();
        assert_eq!(labels, ["quote_exact: курск*", "quote_exact: =курской"]);
    }

    #[test]
    fn one_compilation_runs_as_typed_or_relaxed() {
        let articles = ["Путин прибыл в Пекин.", "Бегемот в зоопарке.", "Переговоры отложили."]
            .map(|body| crate::Article::new(body, "", body));
        let (_, searcher) = crate::index::test_searcher(&articles);
        let count = |query: &dyn Query| searcher.search(query, &Count).unwrap();
        let both = compiled("Путин бегемот -переговоры", false);
        assert!(both.relaxable);
        assert_eq!((count(both.query(false).as_ref()), count(both.query(true).as_ref())), (0, 2));
        // Excluded words and dates stay required when relaxed.
        let excluded = compiled("Путин бегемот -зоопарк", false);
        assert_eq!(count(excluded.query(true).as_ref()), 1);
        let dated = compiled("Путин бегемот date:2025", false);
        assert_eq!(count(dated.query(true).as_ref()), 0);
        // A required part with nothing to look for matches nothing; a lone
        // dash is left out.
        assert_eq!(count(compiled("Путин (-бегемот -зоопарк)", false).query(false).as_ref()), 0);
        assert_eq!(count(compiled("Путин -", false).query(false).as_ref()), 1);
        assert!(!compiled("Путин", false).relaxable);
    }
}
