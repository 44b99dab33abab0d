//! What a parsed query looks for, engine-neutral: the stems, word forms
//! and typo patterns of its terms, how a pasted paragraph is read (stars
//! are footnote marks, stop words and repeated words add nothing), what to
//! highlight in its hits, and the cap on prefix and typo words.
//!
//! `build.rs` turns these into tantivy queries; another engine would turn
//! them into its own and highlight with [`highlights`] and
//! [`snippets`](crate::snippet::snippets).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use super::syntax::{Form, Node, Scope, Term};
use crate::analyzer::analyze;
use crate::error::{Error, Result};
use crate::limits::MAX_EXPANDED_WORDS;
use crate::snippet::SnippetQuery;

/// From this many plain words on, a query is prose (a pasted lead or
/// paragraph), not keywords. On the RT leads of the relevance set, the
/// proximity bonuses lowered the MRR@10 of prose well below stock tantivy
/// and cost three quarters of the speed, while repeated words and stop
/// words only slow it down (QUALITY.md, "Tried and not kept"); keyword
/// queries keep both bonuses.
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

/// Question words, left out of a question (a query that ends in `?` or
/// begins with one of them) with the [`STOP_WORDS`]: a reader's question
/// names what it asks about with them, and no article that answers it need
/// have them.
#[rustfmt::skip]
pub const QUESTION_WORDS: &[&str] = &[
    "какой", "какая", "какое", "какие", "какого", "какую", "каким", "какими", "каких", "какому", "какое",
    "каков", "какова", "каково", "каковы", "кого", "кому", "кем", "чего", "чему", "чём", "чем", "почему",
    "зачем", "отчего", "сколько", "куда", "откуда", "где", "когда", "кто", "что", "как", "ли", "чей",
    "чья", "чьё", "чьи", "каким-то", "который", "которая", "которое", "которые",
];

/// What a prefix or typo-tolerant word stands for among an index's terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Pattern {
    /// Terms that begin with this text.
    Prefix(String),
    /// Terms at most `distance` edits (insertions, deletions, substitutions,
    /// transpositions of neighbours) away from any of `words`.
    Fuzzy { words: Vec<String>, distance: u8 },
}

impl Pattern {
    /// The pattern as the query language writes it.
    pub(crate) fn describe(&self) -> String {
        match self {
            Pattern::Prefix(p) => format!("{p}*"),
            Pattern::Fuzzy { words, distance } => format!("{}~{distance}", words.join("|")),
        }
    }
}

/// A query's top level as a search reads it: the parts of its `And` (or
/// the query itself), with a prose query's `word*` read as a plain word.
pub(crate) struct TopLevel<'a> {
    pub parts: Cow<'a, [Node]>,
    /// True for prose: [`PROSE_WORDS`] plain words or more.
    pub prose: bool,
    /// True for a question, or a query of five words or more ([`is_question`]).
    pub question: bool,
}

impl TopLevel<'_> {
    pub(crate) fn of(node: &Node) -> TopLevel<'_> {
        let parts = node.top_level();
        let question = is_question(parts);
        if !is_prose(parts) {
            return TopLevel { parts: Cow::Borrowed(parts), prose: false, question };
        }
        // A pasted `Meta*` is a footnote mark, not a prefix.
        TopLevel { parts: Cow::Owned(parts.iter().map(plain_prefix).collect()), prose: true, question }
    }

    /// True when words that add nothing are left out and the words need
    /// not stand together: prose and questions.
    pub(crate) fn loose(&self) -> bool {
        self.prose || self.question
    }
}

/// A question, or a query worded like one: five plain words or more, or
/// three or more of which the last ends in `?` or the first is a question
/// word. Questions of the dev set that named what they ask about in a few
/// nouns and no question word ranked 0.03 lower (MRR@10) when all their
/// words were required.
fn is_question(parts: &[Node]) -> bool {
    let plain = |n: &&Node| is_plain(n);
    let (Some(first), Some(last)) = (parts.iter().find(plain), parts.iter().rev().find(plain)) else {
        return false;
    };
    let text = |n: &Node| match n {
        Node::Term(t) => t.text.to_lowercase(),
        _ => String::new(),
    };
    let words = parts.iter().filter(plain).count();
    words >= 5
        || (words >= 3 && (text(last).ends_with('?') || QUESTION_WORDS.contains(&text(first).trim_end_matches(','))))
}

/// From this many words on (stop and question words left out), a question
/// or a query of five words or more needs some of its words, not all
/// (Elasticsearch's `minimum_should_match`): a reader words a question
/// otherwise than the article that answers it.
const MOST_WORDS_FROM: usize = 3;
/// The share of the words required, rounded down, but at least 2. Chosen
/// on the dev half of the question set (QUALITY.md, "Questions"): a third
/// ranked as well as any word (MRR@10 0.879), half lost 0.008.
const MOST_SHARE: f32 = 0.34;

/// What a top-level part does to a query ([`Outline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// Words: all required, or any of them once the query is relaxed.
    Words,
    /// Dates and sources (`date:`, `source:`): always required.
    Filter,
    /// `-word`: always excluded.
    Excluded,
}

/// One top-level part of a query, as an engine compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutlinePart {
    /// What the part does.
    pub role: Role,
    /// The part, without its `-` when excluded.
    pub node: Node,
    /// True for a part with no indexable word (a lone dash): when it
    /// compiles to nothing it is left out, where any other part that
    /// compiles to nothing makes the query match nothing.
    pub droppable: bool,
}

/// A query's top level as every engine compiles it, so that they agree
/// on what matches: the parts to require (or, relaxed, any of), exclude
/// and filter by, with the plain words of prose and questions that add
/// nothing left out, how many words a question needs, and the plain words
/// whose nearness the ranking rewards.
///
/// ```
/// use poisk::query::{Outline, Role, parse};
///
/// let outline = Outline::of(&parse("Курской области -Путин date:2025")?.node);
/// let roles: Vec<Role> = outline.parts.iter().map(|p| p.role).collect();
/// assert_eq!(roles, [Role::Words, Role::Words, Role::Excluded, Role::Filter]);
/// assert!(outline.relaxable);
/// assert_eq!(outline.proximity, ["курск", "област"]);
/// assert_eq!(outline.at_least(2), None);
///
/// let question = Outline::of(&parse("какие санкции ввели против российской нефти?")?.node);
/// assert_eq!(question.parts.len(), 5);
/// assert_eq!(question.at_least(5), Some(2));
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outline {
    /// The parts, in the order of the query.
    pub parts: Vec<OutlinePart>,
    /// True for prose (8 plain words or more): a `word*` is
    /// a plain word, and nearness earns no bonus ([`Outline::proximity`]
    /// is empty).
    pub prose: bool,
    /// True for a question, or a query of five words or more: stop words,
    /// question words and repeats are left out (as in prose), and some of
    /// the words will do ([`Outline::at_least`]).
    pub question: bool,
    /// True when the query requires several parts that are not filters,
    /// so it can be relaxed to any of them.
    pub relaxable: bool,
    /// The stems of the plain top-level words, in order, whose standing
    /// together ranks a document higher; empty for prose and for fewer
    /// than two words.
    pub proximity: Vec<String>,
}

impl Outline {
    /// The outline of a parsed query.
    pub fn of(node: &Node) -> Outline {
        let top = TopLevel::of(node);
        let (loose, question, prose) = (top.loose(), top.question, top.prose);
        let top_level = top.parts;
        let positives = top_level.iter().filter(|n| !matches!(n, Node::Not(_)) && !n.is_filter()).count();
        let mut seen = HashSet::new();
        let mut parts = Vec::new();
        for child in top_level.iter() {
            if loose && is_redundant(child, &mut seen) {
                continue;
            }
            let (role, inner) = match child {
                Node::Not(inner) => (Role::Excluded, inner.as_ref()),
                filter if filter.is_filter() => (Role::Filter, child),
                other => (Role::Words, other),
            };
            parts.push(OutlinePart { role, node: inner.clone(), droppable: is_droppable(inner) });
        }
        // Questions keep the bonus for words standing together (+0.003
        // MRR@10 on the dev questions); pasted prose has no use for it.
        let proximity: Vec<String> = if prose { Vec::new() } else { top_level.iter().filter_map(plain_stem).collect() };
        let proximity = if proximity.len() < 2 { Vec::new() } else { proximity };
        Outline { parts, prose, question, relaxable: positives > 1, proximity }
    }

    /// How many of `words` word parts (those that compiled to something)
    /// a document needs before the query is relaxed to any: some for a
    /// question of 3 words or more, `None` (all) else.
    /// Pasted prose keeps relaxing to any word: its words are the
    /// article's own, and requiring half of them lost held-out leads from
    /// the top 10 (QUALITY.md, "Ranking").
    pub fn at_least(&self, words: usize) -> Option<usize> {
        (self.question && words >= MOST_WORDS_FROM).then(|| most_of(words))
    }
}

/// How many of `words` words a document needs: [`MOST_SHARE`] of them,
/// rounded down, but at least 2.
fn most_of(words: usize) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let share = (words as f32 * MOST_SHARE).floor() as usize;
    share.clamp(2, words)
}

impl Term {
    /// The stems of the term's words, as the stemmed fields hold them.
    ///
    /// ```
    /// use poisk::query::{Form, Scope, Term};
    /// let term = Term { scope: Scope::Any, text: "Курской области".into(), form: Form::Phrase { slop: 0 } };
    /// assert_eq!(term.stems(), ["курск", "област"]);
    /// assert_eq!(term.forms(), ["курской", "области"]);
    /// ```
    pub fn stems(&self) -> Vec<String> {
        stems(&self.text)
    }

    /// The term's words as written, as the exact fields hold them
    /// (lowercase, ё→е).
    pub fn forms(&self) -> Vec<String> {
        forms(&self.text)
    }
}

/// Refuses a query with more than [`MAX_EXPANDED_WORDS`] prefix and typo
/// words, pointing at the first word past the cap. A top-level `word*` of
/// prose is a footnote mark, not a prefix, and does not count.
///
/// # Errors
/// [`Error::Query`] at the word past the cap.
pub(crate) fn check(node: &Node) -> Result<()> {
    let top = TopLevel::of(node);
    let mut count = 0;
    for (term, _) in top.parts.iter().flat_map(Node::terms).filter(|(term, _)| !term.is_filter()) {
        let (words, at) = match term.form {
            Form::Prefix { at } => (usize::from(!forms(&term.text).is_empty()), at),
            Form::Fuzzy { at, .. } => (analyze(&term.text).len(), at),
            Form::Word | Form::Phrase { .. } | Form::Exact { .. } | Form::Near { .. } => continue,
        };
        count += words;
        if count > MAX_EXPANDED_WORDS {
            let message = format!(
                "the query has more than {MAX_EXPANDED_WORDS} prefix and typo words (word*, word~N); use fewer"
            );
            return Err(Error::Query { position: at, message });
        }
    }
    Ok(())
}

/// A prefix word as a plain word; other nodes as they are.
fn plain_prefix(node: &Node) -> Node {
    match node {
        Node::Term(Term { scope, text, form: Form::Prefix { .. } }) => {
            Node::Term(Term { scope: *scope, text: format!("{text}*"), form: Form::Word })
        }
        other => other.clone(),
    }
}

/// The plain words of title and body, as prose counts them.
fn is_plain(node: &Node) -> bool {
    matches!(node, Node::Term(Term { scope: Scope::Any | Scope::Body, form: Form::Word | Form::Prefix { .. }, .. }))
}

/// True when the top level has [`PROSE_WORDS`] plain words or more (a
/// `word*` counts: pasted text marks footnotes so).
fn is_prose(top_level: &[Node]) -> bool {
    top_level.iter().filter(|n| is_plain(n)).count() >= PROSE_WORDS
}

/// The stem of a plain word looked for in title and body, when it has one.
pub(crate) fn plain_stem(node: &Node) -> Option<String> {
    match node {
        Node::Term(Term { scope: Scope::Any | Scope::Body, text, form: Form::Word }) => {
            let mut s = stems(text);
            (s.len() == 1).then(|| s.pop()).flatten()
        }
        _ => None,
    }
}

/// True for a plain word of prose or a question that adds nothing: a stop
/// word, a question word, or a word whose stem came earlier (`seen`
/// collects them).
pub(crate) fn is_redundant(node: &Node, seen: &mut HashSet<String>) -> bool {
    static STOP_STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    let Some(stem) = plain_stem(node) else {
        return false;
    };
    let stop = STOP_STEMS.get_or_init(|| STOP_WORDS.iter().chain(QUESTION_WORDS).flat_map(|w| stems(w)).collect());
    stop.contains(&stem) || !seen.insert(stem)
}

/// A term with no indexable word (a lone dash) is left out rather than
/// making the query fail.
pub(crate) fn is_droppable(node: &Node) -> bool {
    matches!(node, Node::Term(term) if analyze(&term.text).is_empty())
}

/// True when the query looks for a speaker (`speaker:…`, not excluded), so
/// it searches quotes.
pub(crate) fn names_speaker(node: &Node) -> bool {
    node.terms().iter().any(|(term, negated)| !negated && term.scope == Scope::Speaker)
}

/// The stems of the words of `text`.
pub(crate) fn stems(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.stem).collect()
}

/// The words of `text` as the exact fields hold them: lowercase, ё→е.
pub(crate) fn forms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

/// What each word of a typo-tolerant `text` stands for: stems close to the
/// word as typed, or to its stem. The stemmer may take a misspelt ending
/// for a real one and cut the word short (`путен` → `пут`, which is
/// `путь`), so a stem shorter than [`MIN_TYPO_STEM`] is not used; the word
/// as typed is one edit from the stem `путин`, and a longer stem still
/// finds inflected typos (`путеным` → `путен`).
pub(crate) fn typos(text: &str, distance: u8) -> Vec<Pattern> {
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

/// What to highlight in the hits of a parsed query, as a search does:
/// stems of its words and phrases, exact forms, prefixes; nothing for
/// excluded words and speakers' names.
///
/// Typo-tolerant words (`путен~1`) are left out: the words they stand for
/// are the index's terms close to them, which only the index knows; a
/// search adds those it looked for to [`SnippetQuery::terms`].
///
/// ```
/// use poisk::query::{highlights, parse};
///
/// let wanted = highlights(&parse("\"Курской области\" =Пекине -Путин")?.node);
/// assert_eq!(wanted.phrases, [(vec!["курск".to_owned(), "област".to_owned()], 0)]);
/// assert_eq!(wanted.exact, ["пекине"]);
/// assert!(wanted.terms.is_empty());
/// # Ok::<(), poisk::Error>(())
/// ```
pub fn highlights(node: &Node) -> SnippetQuery {
    highlights_and_typos(&TopLevel::of(node).parts).0
}

/// What the parts of a top level highlight, and its typo-tolerant words.
pub(crate) fn highlights_and_typos(parts: &[Node]) -> (SnippetQuery, Vec<Pattern>) {
    let mut out = SnippetQuery::default();
    let mut fuzzy = Vec::new();
    for (term, negated) in parts.iter().flat_map(Node::terms) {
        if negated || term.scope == Scope::Speaker || term.is_filter() {
            continue;
        }
        match term.form {
            Form::Prefix { .. } => {
                let mut words = forms(&term.text);
                out.prefixes.extend(words.pop());
                out.exact.extend(words);
            }
            Form::Fuzzy { distance, .. } => fuzzy.extend(typos(&term.text, distance)),
            Form::Exact { slop } => {
                let mut words = forms(&term.text);
                match words.len() {
                    0 => {}
                    1 => out.exact.extend(words.pop()),
                    _ => out.exact_phrases.push((words, slop)),
                }
            }
            Form::Near { .. } => out.terms.extend(stems(&term.text)),
            Form::Word | Form::Phrase { .. } => {
                let slop = if let Form::Phrase { slop } = term.form { slop } else { 0 };
                let mut s = stems(&term.text);
                match s.len() {
                    0 => {}
                    1 => out.terms.extend(s.pop()),
                    _ => out.phrases.push((s, slop)),
                }
            }
        }
    }
    (out, fuzzy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse::parse;

    fn top_level(query: &str) -> Vec<Node> {
        parse(query).unwrap().node.top_level().to_vec()
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

    #[test]
    fn prose_reads_footnote_stars_as_plain_words() {
        let lead = "Заявления Трампа о победе США над «Исламским государством»* в Сирии нескромны";
        let wanted = highlights(&parse(lead).unwrap().node);
        assert!(wanted.prefixes.is_empty());
        assert!(wanted.terms.contains(&"государств".to_owned()), "{wanted:?}");
        // In a keyword query, the star is a prefix.
        assert_eq!(highlights(&parse("государств* Сирия").unwrap().node).prefixes, ["государств"]);
    }

    #[test]
    fn exact_and_typo_words_highlight_their_own_way() {
        let node = parse("=Курской =\"Курской области\" путен~1 -Пекин speaker:Ким").unwrap().node;
        let (wanted, typos) = highlights_and_typos(&TopLevel::of(&node).parts);
        assert_eq!(wanted.exact, ["курской"]);
        assert_eq!(wanted.exact_phrases, [(vec!["курской".to_owned(), "области".to_owned()], 0)]);
        assert!(wanted.terms.is_empty(), "excluded words and speakers are not highlighted: {wanted:?}");
        let Some(Pattern::Fuzzy { words, distance: 1 }) = typos.first() else { panic!("{typos:?}") };
        assert!(words.contains(&"путен".to_owned()));
    }

    fn check_error(query: &str) -> Option<usize> {
        match parse(query) {
            Ok(_) => None,
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
}
