//! Query tree → tantivy query, plus what the snippet generator should
//! highlight.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Bound;
use std::sync::{Arc, OnceLock};

use tantivy::DateTime;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::budget::Budget;
use super::expand::{ExpandedQuery, Pattern};
use super::explain::Part;
use super::parse::{Node, Scope};
use super::sloppy::SloppyPhraseQuery;
use crate::analyzer::analyze;
use crate::article::Date;
use crate::error::{Error, Result};
use crate::limits::MAX_EXPANDED_WORDS;
use crate::schema::Fields;
use crate::snippet::SnippetQuery;

/// How much a match in the title weighs against one in the body.
pub(crate) const TITLE_BOOST: f32 = 2.0;
/// How much a match among the first words of the body (the `lead` field)
/// adds to one anywhere in the body. Measured on RT leads (QUALITY.md):
/// 0.3–0.6 all gain, 0.4 most; 1.0 gains less.
const LEAD_BOOST: f32 = 0.4;
/// Bonus weight of all plain query words standing together as typed.
const PHRASE_BONUS: f32 = 1.5;
/// Bonus weight of each pair of neighbouring query words standing close.
const PAIR_BONUS: f32 = 0.5;
/// How many words may separate a neighbouring pair for [`PAIR_BONUS`].
const PAIR_SLOP: u32 = 2;
/// From this many plain words on, a query is prose (a pasted lead or
/// paragraph), not keywords. Measured on 1,000 RT leads (QUALITY-ranking.md):
/// for prose the proximity bonuses lower MRR@10 from 0.852 to 0.813 and cost
/// three quarters of the speed, while repeated words and stop words only
/// slow it down; keyword queries keep both bonuses.
const PROSE_WORDS: usize = 8;
/// The shortest stem of a typo-tolerant word that is looked for besides the
/// word itself: shorter ones are mostly a misspelt ending cut off, and one
/// edit from a three-letter stem reaches dozens of unrelated words.
const MIN_TYPO_STEM: usize = 4;
/// Function words left out of prose queries (eight plain words or more, such
/// as a pasted paragraph): they match nearly every article, so they add work
/// but no ranking signal. Stemmed on first use. Keyword queries keep them.
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "во", "вот", "все",
    "всё", "всех", "вы", "где", "да", "для", "до", "его", "ее", "её", "если", "есть", "ещё", "же",
    "за", "и", "из", "или", "им", "их", "к", "как", "ко", "когда", "кто", "ли", "между", "мы", "на",
    "над", "нас", "не", "него", "нее", "неё", "нет", "ни", "них", "но", "о", "об", "он", "она",
    "они", "оно", "от", "по", "под", "при", "про", "с", "со", "так", "также", "там", "то", "тоже",
    "только", "у", "уже", "чем", "что", "чтобы", "это", "этого", "этой", "этом", "эти", "этих", "я",
];

/// A query ready to run, and what to highlight in its hits.
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub highlight: SnippetQuery,
    /// True when the query requires several words and could be relaxed to
    /// any of them.
    pub relaxable: bool,
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

impl Compiled {
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

/// Compiles a parsed query. With `relaxed`, the top-level words are
/// alternatives instead of requirements. With `quotes`, words are looked for
/// in quote texts instead of article titles and bodies. Prefixes and typos
/// look up their terms through `budget`, once per request.
pub(crate) fn compile(node: &Node, fields: &Fields, relaxed: bool, quotes: bool, budget: &Arc<Budget>) -> Compiled {
    let builder = Builder::new(fields, quotes, budget.clone());
    let mut top_level: Cow<'_, [Node]> = match node {
        Node::And(children) => Cow::Borrowed(children),
        other => Cow::Borrowed(std::slice::from_ref(other)),
    };
    let prose = is_prose(&top_level);
    if prose {
        // A pasted `Meta*` is a footnote mark, not a prefix.
        top_level = Cow::Owned(top_level.iter().map(plain_prefix).collect());
    }
    let mut highlight = SnippetQuery::default();
    let mut fuzzy = Vec::new();
    top_level.iter().for_each(|n| collect_highlights(n, &mut highlight, &mut fuzzy));
    let positives = top_level.iter().filter(|n| !matches!(n, Node::Not(_))).count();
    let mut seen = HashSet::new();
    let mut clauses = Vec::new();
    for child in top_level.iter() {
        if prose && is_redundant(child, &mut seen) {
            continue;
        }
        let (occur, inner) = match child {
            Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
            Node::Dates { .. } => (Occur::Must, child),
            other if relaxed => (Occur::Should, other),
            other => (Occur::Must, other),
        };
        if let Some(q) = builder.node(inner) {
            clauses.push((occur, q));
        } else if occur == Occur::Must && !is_droppable(inner) {
            // A required part that can match nothing makes the whole query
            // match nothing.
            clauses.push((Occur::Must, Box::new(EmptyQuery) as Box<dyn Query>));
        }
    }
    if !prose {
        clauses.extend(builder.proximity(&top_level).into_iter().map(|q| (Occur::Should, q)));
    }
    let query: Box<dyn Query> = if clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
        Box::new(BooleanQuery::new(clauses))
    } else {
        Box::new(EmptyQuery)
    };
    let shown = if quotes { fields.quote } else { fields.body };
    let parts = builder.parts.into_inner();
    Compiled { query, highlight, relaxable: !relaxed && positives > 1, parts, fuzzy, shown, budget: budget.clone() }
}

/// Refuses a query with more than [`MAX_EXPANDED_WORDS`] prefix and typo
/// words, pointing at the first word past the cap. A top-level `word*` of
/// prose is a footnote mark, not a prefix (see [`compile`]), and does not
/// count.
///
/// # Errors
/// [`Error::Query`] at the word past the cap.
pub(crate) fn check(node: &Node) -> Result<()> {
    let top_level = match node {
        Node::And(children) => children.as_slice(),
        other => std::slice::from_ref(other),
    };
    let prose = is_prose(top_level);
    let mut count = 0;
    top_level
        .iter()
        .filter(|n| !(prose && matches!(n, Node::Prefix { .. })))
        .try_for_each(|n| count_expanded(n, &mut count))
}

/// Adds to `count` the prefix and typo words of `node` (one per word the
/// analyzer finds in a typo-tolerant word); an error once past the cap.
fn count_expanded(node: &Node, count: &mut usize) -> Result<()> {
    let (words, at) = match node {
        Node::Prefix { text, at, .. } => (usize::from(!forms(text).is_empty()), *at),
        Node::Fuzzy { text, at, .. } => (analyze(text).len(), *at),
        Node::And(children) | Node::Or(children) => {
            return children.iter().try_for_each(|c| count_expanded(c, count));
        }
        Node::Not(inner) => return count_expanded(inner, count),
        Node::Word { .. } | Node::Phrase { .. } | Node::Exact { .. } | Node::Dates { .. } => return Ok(()),
    };
    *count += words;
    if *count > MAX_EXPANDED_WORDS {
        let message =
            format!("the query has more than {MAX_EXPANDED_WORDS} prefix and typo words (word*, word~N); use fewer");
        return Err(Error::Query { position: at, message });
    }
    Ok(())
}

/// A prefix word as a plain word; other nodes as they are.
fn plain_prefix(node: &Node) -> Node {
    match node {
        Node::Prefix { scope, text, .. } => Node::Word { scope: *scope, text: format!("{text}*") },
        other => other.clone(),
    }
}

/// The stem of a plain word looked for in title and body, when it has one.
fn plain_stem(node: &Node) -> Option<String> {
    match node {
        Node::Word { scope: Scope::Any | Scope::Body, text } => {
            let mut s = stems(text);
            (s.len() == 1).then(|| s.pop()).flatten()
        }
        _ => None,
    }
}

/// True when the top level has [`PROSE_WORDS`] plain words or more (a
/// `word*` counts: pasted text marks footnotes so).
fn is_prose(top_level: &[Node]) -> bool {
    top_level
        .iter()
        .filter(|n| {
            matches!(
                n,
                Node::Word { scope: Scope::Any | Scope::Body, .. }
                    | Node::Prefix { scope: Scope::Any | Scope::Body, .. }
            )
        })
        .count()
        >= PROSE_WORDS
}

/// True for a plain word of prose that adds nothing: a stop word, or a word
/// whose stem came earlier (`seen` collects them).
fn is_redundant(node: &Node, seen: &mut HashSet<String>) -> bool {
    static STOP_STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    let Some(stem) = plain_stem(node) else {
        return false;
    };
    let stop = STOP_STEMS.get_or_init(|| STOP_WORDS.iter().flat_map(|w| stems(w)).collect());
    stop.contains(&stem) || !seen.insert(stem)
}

/// A word with no indexable token (a lone dash) is left out rather than
/// making the query fail.
fn is_droppable(node: &Node) -> bool {
    match node {
        Node::Word { text, .. }
        | Node::Phrase { text, .. }
        | Node::Prefix { text, .. }
        | Node::Fuzzy { text, .. }
        | Node::Exact { text, .. } => analyze(text).is_empty(),
        _ => false,
    }
}

pub(crate) fn names_speaker(node: &Node) -> bool {
    match node {
        Node::Word { scope, .. }
        | Node::Phrase { scope, .. }
        | Node::Prefix { scope, .. }
        | Node::Fuzzy { scope, .. }
        | Node::Exact { scope, .. } => *scope == Scope::Speaker,
        Node::And(children) | Node::Or(children) => children.iter().any(names_speaker),
        Node::Not(_) | Node::Dates { .. } => false,
    }
}

fn stems(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.stem).collect()
}

/// The words of `text` as the exact fields hold them: lowercase, ё→е.
fn forms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

/// What each word of a typo-tolerant `text` stands for: stems close to the
/// word as typed, or to its stem. The stemmer may take a misspelt ending
/// for a real one and cut the word short (`путен` → `пут`, which is
/// `путь`), so a stem shorter than [`MIN_TYPO_STEM`] is not used; the word
/// as typed is one edit from the stem `путин`, and a longer stem still
/// finds inflected typos (`путеным` → `путен`).
fn typos(text: &str, distance: u8) -> Vec<Pattern> {
    analyze(text)
        .into_iter()
        .map(|t| {
            let mut words = vec![t.text];
            if t.stem != words[0] && t.stem.chars().count() >= MIN_TYPO_STEM {
                words.push(t.stem);
            }
            Pattern::Fuzzy { words, distance }
        })
        .collect()
}

/// Adds what `node` should highlight to `out`, and its typo-tolerant words
/// to `fuzzy`.
fn collect_highlights(node: &Node, out: &mut SnippetQuery, fuzzy: &mut Vec<Pattern>) {
    match node {
        Node::Word { scope: Scope::Speaker, .. }
        | Node::Phrase { scope: Scope::Speaker, .. }
        | Node::Prefix { scope: Scope::Speaker, .. }
        | Node::Fuzzy { scope: Scope::Speaker, .. }
        | Node::Exact { scope: Scope::Speaker, .. } => {}
        Node::Prefix { text, .. } => {
            let mut words = forms(text);
            out.prefixes.extend(words.pop());
            out.exact.extend(words);
        }
        Node::Fuzzy { text, distance, .. } => fuzzy.extend(typos(text, *distance)),
        Node::Exact { text, slop, .. } => {
            let mut words = forms(text);
            match words.len() {
                0 => {}
                1 => out.exact.extend(words.pop()),
                _ => out.exact_phrases.push((words, *slop)),
            }
        }
        Node::Word { text, .. } => {
            let mut s = stems(text);
            match s.len() {
                0 => {}
                1 => out.terms.extend(s.pop()),
                _ => out.phrases.push((s, 0)),
            }
        }
        Node::Phrase { text, slop, .. } => {
            let mut s = stems(text);
            match s.len() {
                0 => {}
                1 => out.terms.extend(s.pop()),
                _ => out.phrases.push((s, *slop)),
            }
        }
        Node::And(children) | Node::Or(children) => {
            children.iter().for_each(|c| collect_highlights(c, out, fuzzy));
        }
        Node::Not(_) | Node::Dates { .. } => {}
    }
}

/// Which copy of the text words are looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
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
            Node::Word { scope, text } => self.words(*scope, &stems(text), 0),
            Node::Phrase { scope, text, slop } => self.words(*scope, &stems(text), *slop),
            // Speakers' names are kept stemmed only.
            Node::Exact { scope: Scope::Speaker, text, slop } => self.words(Scope::Speaker, &stems(text), *slop),
            Node::Exact { scope, text, slop } => self.exact(*scope, &forms(text), *slop),
            Node::Prefix { scope, text, .. } => self.prefix(*scope, forms(text)),
            Node::Fuzzy { scope, text, distance, .. } => self.fuzzy(*scope, &typos(text, *distance)),
            Node::Dates { from, to } => Some(self.dates(*from, *to)),
            Node::And(children) => self.group(children, Occur::Must),
            Node::Or(children) => self.group(children, Occur::Should),
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
    fn targets(&self, scope: Scope, form: Form) -> Vec<(Field, f32)> {
        let f = self.fields;
        let (title, body, quote) = match form {
            Form::Stemmed => (f.title, f.body, f.quote),
            Form::Exact => (f.title_exact, f.body_exact, f.quote_exact),
        };
        match scope {
            Scope::Any | Scope::Body if self.quotes => vec![(quote, 1.0)],
            // The lead field holds stems only: exact forms and prefixes
            // look in the whole body.
            Scope::Any if matches!(form, Form::Stemmed) => {
                vec![(title, TITLE_BOOST), (body, 1.0), (f.lead, LEAD_BOOST)]
            }
            Scope::Any => vec![(title, TITLE_BOOST), (body, 1.0)],
            Scope::Title => vec![(title, 1.0)],
            Scope::Body => vec![(body, 1.0)],
            Scope::Speaker => vec![(f.speaker, 1.0)],
        }
    }

    /// `make`'s query in each field of the scope, weighted and labelled
    /// `field: what`; a match in any field will do.
    fn in_fields(
        &self,
        scope: Scope,
        form: Form,
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
            let speaker = self.fields.speaker;
            let name = self.fields.schema.get_field_name(speaker);
            let all: Vec<(Occur, Box<dyn Query>)> = stems
                .iter()
                .map(|s| (Occur::Must, self.part(format!("{name}: {s}"), term_query(speaker, s), 1.0)))
                .collect();
            return Some(Box::new(BooleanQuery::new(all)));
        }
        self.in_fields(scope, Form::Stemmed, &describe(stems, slop), |field| words_in(field, stems, slop))
    }

    /// Exact word forms in the scope's unstemmed fields.
    fn exact(&self, scope: Scope, forms: &[String], slop: u32) -> Option<Box<dyn Query>> {
        if forms.is_empty() {
            return None;
        }
        let what = format!("={}", describe(forms, slop));
        self.in_fields(scope, Form::Exact, &what, |field| words_in(field, forms, slop))
    }

    /// Words that begin with the last of `forms`; the words before it
    /// (`северо-зап*`) must be there as written.
    fn prefix(&self, scope: Scope, mut forms: Vec<String>) -> Option<Box<dyn Query>> {
        let prefix = forms.pop()?;
        // Speakers' names are kept stemmed only; a stem begins its word.
        let form = if scope == Scope::Speaker { Form::Stemmed } else { Form::Exact };
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
        self.in_fields(scope, Form::Stemmed, &what, |field| {
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
        let lower = Term::from_field_date(self.fields.date, day_start(from));
        let upper = Term::from_field_date(self.fields.date, day_start(to.next_day()));
        let range = RangeQuery::new(Bound::Included(lower), Bound::Excluded(upper));
        Box::new(ConstScoreQuery::new(Box::new(range), 0.0))
    }

    /// Bonus clauses that rank articles where the plain query words stand
    /// together above those where they are scattered.
    fn proximity(&self, top_level: &[Node]) -> Vec<Box<dyn Query>> {
        let words: Vec<String> = top_level.iter().filter_map(plain_stem).collect();
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
            return vec![bonus(f.quote, &words, 0, PHRASE_BONUS)];
        }
        let mut bonuses =
            vec![bonus(f.body, &words, 0, PHRASE_BONUS), bonus(f.title, &words, 0, PHRASE_BONUS * TITLE_BOOST)];
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
        let terms = stems.iter().map(|s| Term::from_field_text(field, s)).collect();
        return Box::new(SloppyPhraseQuery::new(field, terms, slop));
    }
    let terms = stems.iter().enumerate().map(|(i, s)| (i, Term::from_field_text(field, s))).collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

fn term_query(field: Field, stem: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, stem), IndexRecordOption::WithFreqs))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 { query } else { Box::new(BoostQuery::new(query, boost)) }
}

/// Midnight UTC of a date, as tantivy stores dates. A query date outside
/// the dates an index holds ([`Date::EARLIEST`] to the day after
/// [`Date::LATEST`], an exclusive upper bound) is moved to that end, which
/// holds the same articles: `--until 9999-12-31` is no end, not an overflow.
pub(crate) fn day_start(date: Date) -> DateTime {
    let date = date.clamp(Date::EARLIEST, Date::LATEST.next_day());
    DateTime::from_timestamp_secs(date.days_since_epoch() * 86_400)
}

/// Documents dated within `since..=until` (either end may be open).
pub(crate) fn date_filter(fields: &Fields, since: Option<Date>, until: Option<Date>) -> Option<Box<dyn Query>> {
    if since.is_none() && until.is_none() {
        return None;
    }
    let lower = since.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_date(fields.date, day_start(d))));
    let upper = until
        .map_or(Bound::Unbounded, |d| Bound::Excluded(Term::from_field_date(fields.date, day_start(d.next_day()))));
    Some(Box::new(ConstScoreQuery::new(Box::new(RangeQuery::new(lower, upper)), 0.0)))
}

/// Quotes whose speaker's name has every word of `name`, in any form.
pub(crate) fn speaker_filter(fields: &Fields, name: &str, budget: &Arc<Budget>) -> Box<dyn Query> {
    let builder = Builder::new(fields, true, budget.clone());
    match builder.words(Scope::Speaker, &stems(name), 0) {
        Some(q) => Box::new(ConstScoreQuery::new(q, 0.0)),
        None => Box::new(EmptyQuery),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse::parse;

    fn top_level(query: &str) -> Vec<Node> {
        match parse(query).unwrap() {
            Node::And(children) => children,
            other => vec![other],
        }
    }

    /// The plain words of `query` that a prose query keeps, in order.
    fn kept(query: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        top_level(query).iter().filter(|n| !is_redundant(n, &mut seen)).filter_map(plain_stem).collect()
    }

    #[test]
    fn prose_starts_at_eight_plain_words() {
        assert!(!is_prose(&top_level("санкций против России")));
        assert!(!is_prose(&top_level("\"Ким Чен Ын\" -Путин title:Пекин date:2025 Китай")));
        let lead = "Президент России Владимир Путин провёл переговоры с лидером КНДР Ким Чен Ыном в Пекине.";
        assert!(is_prose(&top_level(lead)));
    }

    #[test]
    fn prose_reads_footnote_stars_as_plain_words() {
        let fields = Fields::new();
        let lead = "Заявления Трампа о победе США над «Исламским государством»* в Сирии нескромны";
        let compiled = compile(&parse(lead).unwrap(), &fields, false, false, &Budget::unlimited());
        assert!(compiled.highlight.prefixes.is_empty());
        assert!(compiled.highlight.terms.contains(&"государств".to_owned()), "{:?}", compiled.highlight);
        // In a keyword query, the star is a prefix.
        let compiled = compile(&parse("государств* Сирия").unwrap(), &fields, false, false, &Budget::unlimited());
        assert_eq!(compiled.highlight.prefixes, ["государств"]);
    }

    #[test]
    fn exact_and_typo_words_highlight_their_own_way() {
        let fields = Fields::new();
        let compiled = compile(
            &parse("=Курской =\"Курской области\" путен~1").unwrap(),
            &fields,
            false,
            false,
            &Budget::unlimited(),
        );
        assert_eq!(compiled.highlight.exact, ["курской"]);
        assert_eq!(compiled.highlight.exact_phrases, [(vec!["курской".to_owned(), "области".to_owned()], 0)]);
        assert!(compiled.highlight.terms.is_empty());
        let Some(Pattern::Fuzzy { words, distance: 1 }) = compiled.fuzzy.first() else {
            panic!("{:?}", compiled.fuzzy)
        };
        assert!(words.contains(&"путен".to_owned()));
    }

    #[test]
    fn parts_are_labelled_by_field() {
        let fields = Fields::new();
        let compiled = compile(&parse("Курской области").unwrap(), &fields, false, false, &Budget::unlimited());
        let labels: Vec<&str> = compiled.parts.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "title: курск ×2",
                "body: курск",
                "lead: курск ×0.4",
                "title: област ×2",
                "body: област",
                "lead: област ×0.4",
                "proximity bonus: \"курск област\" in body ×1.5",
                "proximity bonus: \"курск област\" in title ×3",
            ]
        );
        let compiled = compile(&parse("курск* =Курской").unwrap(), &fields, false, true, &Budget::unlimited());
        let labels: Vec<&str> = compiled.parts.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["quote_exact: курск*", "quote_exact: =курской"]);
    }

    fn check_error(query: &str) -> Option<usize> {
        match check(&parse(query).unwrap()) {
            Ok(()) => None,
            Err(Error::Query { position, .. }) => Some(position),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn at_most_max_expanded_words_in_the_whole_query() {
        let words = |n: usize, word: &str| vec![word; n].join(" OR ");
        assert_eq!(check_error(&words(MAX_EXPANDED_WORDS, "п*")), None);
        // The word past the cap: `п* OR ` is 6 characters.
        assert_eq!(check_error(&words(MAX_EXPANDED_WORDS + 1, "п*")), Some(6 * MAX_EXPANDED_WORDS));
        // Negated and scoped words count; the position is the word's own.
        let negated = format!("({}) -путен~1", words(MAX_EXPANDED_WORDS, "путен~1"));
        assert_eq!(check_error(&negated), Some(negated.chars().count() - 7));
        let scoped = format!("путин {}", words(MAX_EXPANDED_WORDS + 1, "speaker:пут*"));
        assert_eq!(check_error(&scoped), Some(scoped.chars().count() - 4));
        // A typo-tolerant word counts each word the analyzer finds in it.
        let hyphens = format!("{}~1", vec!["а"; MAX_EXPANDED_WORDS + 1].join("-"));
        assert_eq!(check_error(&hyphens), Some(0));
        // Footnote marks in prose are not prefixes.
        let prose = "Meta* и ИГ* запрещены, сообщил Песков. ".repeat(10);
        assert_eq!(check_error(&prose), None);
        let grouped = format!("{prose} ({})", words(MAX_EXPANDED_WORDS + 1, "а*"));
        assert_eq!(check_error(&grouped), Some(grouped.chars().count() - 3));
    }

    #[test]
    fn prose_drops_stop_words_and_repeats() {
        let lead = "Путин и Ким провели переговоры в Пекине, а на переговорах Путин ответил на вопросы";
        assert_eq!(kept(lead), ["путин", "ким", "провел", "переговор", "пекин", "ответ", "вопрос"]);
        // A negated or scoped word is never dropped.
        let mut seen = HashSet::new();
        assert!(!is_redundant(&top_level("путин -и")[1], &mut seen));
        assert!(!is_redundant(&top_level("title:и")[0], &mut seen));
    }
}
