//! Query tree → tantivy query, plus what the snippet generator should
//! highlight.

use std::collections::HashSet;
use std::ops::Bound;
use std::sync::OnceLock;

use tantivy::DateTime;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::parse::{Node, Scope};
use crate::analyzer::analyze;
use crate::article::Date;
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
/// Function words left out of prose queries: they match nearly every
/// article, so they add work but no ranking signal. Stemmed on first use.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
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
}

/// Compiles a parsed query. With `relaxed`, the top-level words are
/// alternatives instead of requirements. With `quotes`, words are looked for
/// in quote texts instead of article titles and bodies.
pub(crate) fn compile(node: &Node, fields: &Fields, relaxed: bool, quotes: bool) -> Compiled {
    let builder = Builder { fields, quotes };
    let mut highlight = SnippetQuery::default();
    collect_highlights(node, &mut highlight);
    let top_level: &[Node] = match node {
        Node::And(children) => children,
        other => std::slice::from_ref(other),
    };
    let positives = top_level.iter().filter(|n| !matches!(n, Node::Not(_))).count();
    let prose = is_prose(top_level);
    let mut seen = HashSet::new();
    let mut clauses = Vec::new();
    for child in top_level {
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
        clauses.extend(builder.proximity(top_level).into_iter().map(|q| (Occur::Should, q)));
    }
    let query: Box<dyn Query> = if clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
        Box::new(BooleanQuery::new(clauses))
    } else {
        Box::new(EmptyQuery)
    };
    Compiled { query, highlight, relaxable: !relaxed && positives > 1 }
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

/// True when the top level has [`PROSE_WORDS`] plain words or more.
fn is_prose(top_level: &[Node]) -> bool {
    top_level.iter().filter(|n| matches!(n, Node::Word { scope: Scope::Any | Scope::Body, .. })).count() >= PROSE_WORDS
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
        Node::Word { text, .. } | Node::Phrase { text, .. } => analyze(text).is_empty(),
        _ => false,
    }
}

pub(crate) fn names_speaker(node: &Node) -> bool {
    match node {
        Node::Word { scope, .. } | Node::Phrase { scope, .. } => *scope == Scope::Speaker,
        Node::And(children) | Node::Or(children) => children.iter().any(names_speaker),
        Node::Not(_) | Node::Dates { .. } => false,
    }
}

fn stems(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.stem).collect()
}

fn collect_highlights(node: &Node, out: &mut SnippetQuery) {
    match node {
        Node::Word { scope: Scope::Speaker, .. } | Node::Phrase { scope: Scope::Speaker, .. } => {}
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
        Node::And(children) | Node::Or(children) => children.iter().for_each(|c| collect_highlights(c, out)),
        Node::Not(_) | Node::Dates { .. } => {}
    }
}

struct Builder<'a> {
    fields: &'a Fields,
    /// Quote documents keep their words in a field of their own, so that
    /// their many short texts do not skew the BM25 statistics of bodies.
    quotes: bool,
}

impl Builder<'_> {
    fn node(&self, node: &Node) -> Option<Box<dyn Query>> {
        match node {
            Node::Word { scope, text } => self.words(*scope, &stems(text), 0),
            Node::Phrase { scope, text, slop } => self.words(*scope, &stems(text), *slop),
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

    /// Stems in the scope's fields: one term, or a phrase of several.
    fn words(&self, scope: Scope, stems: &[String], slop: u32) -> Option<Box<dyn Query>> {
        if stems.is_empty() {
            return None;
        }
        let f = self.fields;
        let targets: &[(Field, f32)] = match scope {
            Scope::Any | Scope::Body if self.quotes => &[(f.quote, 1.0)],
            Scope::Any => &[(f.title, TITLE_BOOST), (f.body, 1.0), (f.lead, LEAD_BOOST)],
            Scope::Title => &[(f.title, 1.0)],
            Scope::Body => &[(f.body, 1.0)],
            Scope::Speaker => {
                // Every word of a name must be in the speaker's name, in any
                // order: `Ким Чен Ын`, `Путина`, `Владимир Путин`.
                let all: Vec<(Occur, Box<dyn Query>)> =
                    stems.iter().map(|s| (Occur::Must, term_query(f.speaker, s))).collect();
                return Some(Box::new(BooleanQuery::new(all)));
            }
        };
        let per_field: Vec<(Occur, Box<dyn Query>)> = targets
            .iter()
            .map(|&(field, boost)| (Occur::Should, boosted(words_in(field, stems, slop), boost)))
            .collect();
        Some(match per_field.len() {
            1 => per_field.into_iter().map(|(_, q)| q).next()?,
            _ => Box::new(BooleanQuery::new(per_field)),
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
        if self.quotes {
            return vec![boosted(words_in(f.quote, &words, 0), PHRASE_BONUS)];
        }
        let mut bonus = vec![
            boosted(words_in(f.body, &words, 0), PHRASE_BONUS),
            boosted(words_in(f.title, &words, 0), PHRASE_BONUS * TITLE_BOOST),
        ];
        if words.len() > 2 {
            bonus.extend(words.windows(2).map(|pair| boosted(words_in(f.body, pair, PAIR_SLOP), PAIR_BONUS)));
        }
        bonus
    }
}

fn words_in(field: Field, stems: &[String], slop: u32) -> Box<dyn Query> {
    if let [single] = stems {
        return term_query(field, single);
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

/// Midnight UTC of a date, as tantivy stores dates.
pub(crate) fn day_start(date: Date) -> DateTime {
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
pub(crate) fn speaker_filter(fields: &Fields, name: &str) -> Box<dyn Query> {
    let builder = Builder { fields, quotes: true };
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
    fn prose_drops_stop_words_and_repeats() {
        let lead = "Путин и Ким провели переговоры в Пекине, а на переговорах Путин ответил на вопросы";
        assert_eq!(kept(lead), ["путин", "ким", "провел", "переговор", "пекин", "ответ", "вопрос"]);
        // A negated or scoped word is never dropped.
        let mut seen = HashSet::new();
        assert!(!is_redundant(&top_level("путин -и")[1], &mut seen));
        assert!(!is_redundant(&top_level("title:и")[0], &mut seen));
    }
}
