//! poisk's query tree → the text of a Sphinx `MATCH()`, in the extended
//! query syntax over the cluster's fields.
//!
//! What matches is what [`Outline`] says, as for the local index: each
//! top-level part is required (or, relaxed, any of them; for a question,
//! some of them first), `-` parts are excluded, `date:` and `source:`
//! parts always required. Every word goes in as an encoded token
//! ([`crate::token`]) through [`match_text`], so no text of a query
//! reaches the engine's syntax.
//!
//! | poisk | Sphinx |
//! |---|---|
//! | `курской` | `@(title,body,lead) курск` |
//! | `"курской области"`, `~N` | `@(title,body,lead) "курск област"`, `"…"~M` |
//! | `=Курской` | `@(title_exact,body_exact) Eкурской` |
//! | `курско*` | `@(title_exact,body_exact) Eкурско*` |
//! | `курской NEAR/3 области` | `@(title,body,lead) курск NEAR/3 област` |
//! | `title:`, `body:`, `speaker:` | `@title`, `@body`, `@speaker` (the keys of the name) |
//! | `source:ria.ru`, `source:ria*` | `@source_key …`, `…*` (the whole name, one keyword) |
//! | `a OR b`, `-a`, `( )`, `a^2` | `a \| b`, `-a`, `( )`, `a` (no boosts) |
//! | `date:2025-09` | `@dates m202509`; a range is the fewest day, month, year, decade and century tokens that cover it |
//! | a question of n words, k of them needed | `"w1 … wn"/k` for plain words, else any k of the parts |
//!
//! Adding an operator to poisk's query language is one arm of
//! `Compiler::node` or `Compiler::term` here.

use poisk::query::{Form, Node, Outline, Role, Scope, Term};
use poisk::quotes::name_keys;
use poisk::{Date, Error, Result};

use crate::document::{date_tokens, form_keyword, source_keyword};
use crate::escape::match_text;
use crate::schema::Field;
use crate::token::encode;

/// The most `AND` groups a question's "k of n words" may take when its
/// parts are not all plain words (`n choose k`); past it, the question
/// cannot run on the cluster.
const MAX_COMBINATIONS: usize = 256;

/// A query compiled for `MATCH()`, as typed and relaxed to any word.
/// An empty text matches every document (no `MATCH()` at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The query as typed; `None` when it can match nothing.
    pub typed: Option<String>,
    /// The query relaxed to any of its words; `None` when it cannot be
    /// relaxed or matches nothing so.
    pub relaxed: Option<String>,
    /// True for prose (a pasted paragraph, [`Outline::prose`]), which
    /// poisk ranks without rewarding nearness.
    pub prose: bool,
    /// True when the query has words to score by; a query of filters only
    /// scores every match alike.
    pub scores: bool,
    /// True when the query has a phrase with slop (`"…"~N`), which Sphinx
    /// matches within a window in any order: the local index's matches
    /// and a few more, where a word out of order spends slop there.
    pub any_order: bool,
    /// True when the query boosts a part (`word^2`), which Sphinx 2.2
    /// cannot weigh: it matches the same, ranked without the boost.
    pub unboosted: bool,
}

/// Compiles `node` for articles, or with `quotes` for quote documents.
///
/// # Errors
/// [`Error::Query`] for what the cluster cannot run: a typo-tolerant word
/// (`путен~1`; Sphinx has no edit distance), a negation inside `OR`, a
/// question whose "some of the words" takes too many groups.
pub fn compile(node: &Node, quotes: bool) -> Result<Compiled> {
    let outline = Outline::of(node);
    let compiler = Compiler { quotes, any_order: std::cell::Cell::new(false), unboosted: std::cell::Cell::new(false) };
    let mut words: Vec<Option<String>> = Vec::new();
    // Each word part that compiled: its stem when it is a plain word.
    let mut stems: Vec<Option<String>> = Vec::new();
    let mut required: Vec<String> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    let mut impossible = false;
    let mut filter_impossible = false;
    for part in &outline.parts {
        let compiled = compiler.node(&part.node)?;
        match part.role {
            Role::Words => {
                if compiled.is_none() && !part.droppable {
                    impossible = true;
                }
                if compiled.is_some() {
                    stems.push(plain_stem(&part.node));
                }
                if compiled.is_some() || !part.droppable {
                    words.push(compiled);
                }
            }
            Role::Filter => match compiled {
                Some(text) => required.push(text),
                None => filter_impossible = true,
            },
            Role::Excluded => excluded.extend(compiled.map(|text| format!("-({text})"))),
            _ => {}
        }
    }
    let no_parts = outline.parts.is_empty();
    let assemble = |positive: Vec<String>| {
        let mut all = positive;
        all.extend(required.iter().cloned());
        if all.is_empty() {
            // No part at all: every document. Negations alone: Sphinx
            // cannot run them; locally they match nothing too.
            return no_parts.then(String::new);
        }
        all.extend(excluded.iter().cloned());
        Some(all.join(" "))
    };
    let present: Vec<String> = words.iter().flatten().cloned().collect();
    let typed = if impossible || filter_impossible {
        None
    } else {
        match outline.at_least(present.len()) {
            Some(k) => assemble(vec![compiler.some_of(&present, &stems, k)?]),
            None => assemble(present.clone()),
        }
    };
    let relaxed = match present.len() {
        _ if !outline.relaxable || filter_impossible => None,
        0 | 1 => assemble(present),
        _ => assemble(vec![format!("({})", present.join(" | "))]),
    };
    Ok(Compiled {
        typed,
        relaxed,
        prose: outline.prose,
        scores: !words.is_empty(),
        any_order: compiler.any_order.get(),
        unboosted: compiler.unboosted.get(),
    })
}

/// The stem of a plain word (one stem, any field of the text), which a
/// quorum can take.
fn plain_stem(node: &Node) -> Option<String> {
    match node {
        Node::Term(term @ Term { scope: Scope::Any, form: Form::Word, .. }) => match term.stems().as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A speaker's name (the keys of its words, [`name_keys`]) as a
/// condition on quotes: every word in the speaker's name, in any order;
/// with `lone`, also the index word of the surname given alone.
pub fn speaker_condition(keys: &[String], lone: Option<&str>) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let all = keywords(keys.iter().map(|s| encode(s))).join(" ");
    Some(match lone {
        Some(lone) => format!("(@{} (({all}) | {}))", Field::Speaker.name(), match_text(&encode(lone))),
        None => format!("(@{} ({all}))", Field::Speaker.name()),
    })
}

/// Documents of the source `name`, exactly as written (a request's
/// source).
pub fn source_condition(name: &str) -> String {
    format!("(@{} {})", Field::SourceKey.name(), match_text(&source_keyword(name)))
}

struct Compiler {
    quotes: bool,
    /// Set when a phrase with slop was compiled ([`Compiled::any_order`]).
    any_order: std::cell::Cell<bool>,
    /// Set when a boost was left out ([`Compiled::unboosted`]).
    unboosted: std::cell::Cell<bool>,
}

/// Which copy of the text words are looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Text {
    Stemmed,
    Exact,
}

impl Compiler {
    fn node(&self, node: &Node) -> Result<Option<String>> {
        match node {
            Node::Term(term) => self.term(term),
            Node::Dates { from, to } => Ok(dates(*from, *to)),
            Node::And(children) => self.group(children, " "),
            Node::Or(children) => self.group(children, " | "),
            // Sphinx 2.2 weighs no part of a query above another.
            Node::Boost { node, .. } => {
                self.unboosted.set(true);
                self.node(node)
            }
            Node::Not(_) => Err(Error::Query {
                position: 0,
                message: "a negation standing alone inside a group cannot run on the cluster; write `a -b`".into(),
            }),
            _ => Err(Error::Query { position: 0, message: "this query cannot run on the cluster".into() }),
        }
    }

    fn group(&self, children: &[Node], joiner: &str) -> Result<Option<String>> {
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        for child in children {
            match child {
                Node::Not(inner) => negative.extend(self.node(inner)?.map(|t| format!("-({t})"))),
                other => positive.extend(self.node(other)?),
            }
        }
        if positive.is_empty() {
            return Ok(None);
        }
        let mut text = format!("({})", positive.join(joiner));
        for not in negative {
            text = format!("({text} {not})");
        }
        Ok(Some(text))
    }

    /// The fields of a scope in one copy of the text (as the local index's
    /// `targets`, `lead` included for ranking: it is part of `body`).
    fn fields(&self, scope: Scope, form: Text) -> Vec<Field> {
        let exact = form == Text::Exact;
        match scope {
            Scope::Any | Scope::Body if self.quotes => vec![if exact { Field::QuoteExact } else { Field::Quote }],
            Scope::Any if exact => vec![Field::TitleExact, Field::BodyExact],
            Scope::Any => vec![Field::Title, Field::Body, Field::Lead],
            Scope::Title => vec![if exact { Field::TitleExact } else { Field::Title }],
            Scope::Body => vec![if exact { Field::BodyExact } else { Field::Body }],
            _ => vec![Field::Speaker],
        }
    }

    fn term(&self, term: &Term) -> Result<Option<String>> {
        let Term { scope, form, text } = term;
        let scope = *scope;
        if scope == Scope::Source {
            let keyword = match_text(&source_keyword(text));
            let what = if matches!(form, Form::Prefix { .. }) { format!("{keyword}*") } else { keyword };
            return Ok(Some(format!("(@{} {what})", Field::SourceKey.name())));
        }
        match *form {
            Form::Word | Form::Phrase { .. } | Form::Exact { .. } if scope == Scope::Speaker => {
                Ok(speaker_condition(&name_keys(text), None))
            }
            Form::Near { distance } => Ok(self.near(scope, text, distance)),
            Form::Word => Ok(self.words(scope, Text::Stemmed, term.stems().iter().map(|s| encode(s)).collect(), 0)),
            Form::Phrase { slop } => {
                Ok(self.words(scope, Text::Stemmed, term.stems().iter().map(|s| encode(s)).collect(), slop))
            }
            Form::Exact { slop } => {
                Ok(self.words(scope, Text::Exact, term.forms().iter().map(|f| form_keyword(f)).collect(), slop))
            }
            Form::Prefix { .. } => Ok(self.prefix(scope, term.forms())),
            Form::Fuzzy { at, .. } => Err(Error::Query {
                position: at,
                message: "typo-tolerant words (word~N) cannot run on the cluster: Sphinx has no edit distance".into(),
            }),
            _ => Err(Error::Query { position: 0, message: "this kind of word cannot run on the cluster".into() }),
        }
    }

    /// Two words (the text's two halves) at most `distance - 1` words
    /// apart, in either order: Sphinx's `NEAR/N` (at most N - 1 words
    /// between).
    fn near(&self, scope: Scope, text: &str, distance: u32) -> Option<String> {
        let (left, right) = text.split_once(' ').unwrap_or((text, ""));
        let stems = |t: &str| Term { scope, text: t.to_owned(), form: Form::Word }.stems();
        let (left, right) = (stems(left), stems(right));
        if left.is_empty() || right.is_empty() || scope == Scope::Speaker {
            let all: Vec<String> = [left, right].concat();
            if scope == Scope::Speaker {
                return speaker_condition(&all, None);
            }
            return self.words(scope, Text::Stemmed, all.iter().map(|s| encode(s)).collect(), 0);
        }
        let side = |stems: &[String]| {
            let words = keywords(stems.iter().map(|s| encode(s)));
            if words.len() == 1 { words.join("") } else { format!("\"{}\"", words.join(" ")) }
        };
        let what = format!("{} NEAR/{distance} {}", side(&left), side(&right));
        Some(in_fields(&self.fields(scope, Text::Stemmed), &what))
    }

    /// At least `k` of the word parts `present` (`stems` holds each one's
    /// stem when it is a plain word): a quorum `"…"/n` over the plain
    /// words, for each set of the other parts a document may have with
    /// them. A document has k parts exactly when, for the j other parts it
    /// has (j ≤ k), it has k − j plain words.
    fn some_of(&self, present: &[String], stems: &[Option<String>], k: usize) -> Result<String> {
        let plain: Vec<String> = stems.iter().flatten().map(|s| match_text(&encode(s))).collect();
        let others: Vec<&str> =
            present.iter().zip(stems).filter(|(_, stem)| stem.is_none()).map(|(text, _)| text.as_str()).collect();
        let fields = self.fields(Scope::Any, Text::Stemmed);
        let quorum = |n: usize| match n {
            0 => None,
            n if n >= plain.len() => Some(in_fields(&fields, &format!("({})", plain.join(" ")))),
            n => Some(in_fields(&fields, &format!("\"{}\"/{n}", plain.join(" ")))),
        };
        let mut any: Vec<String> = Vec::new();
        for j in 0..=others.len().min(k) {
            if k - j > plain.len() {
                continue;
            }
            let sets = combinations(others.len(), j, MAX_COMBINATIONS.saturating_sub(any.len())).ok_or_else(|| {
                Error::Query {
                    position: 0,
                    message: format!(
                        "this question needs {k} of its {} words, {} of them not plain words: too many ways for the \
                         cluster; require all its words with AND",
                        present.len(),
                        others.len()
                    ),
                }
            })?;
            for set in sets {
                let mut all: Vec<String> = set.iter().map(|&i| others[i].to_owned()).collect();
                all.extend(quorum(k - j));
                any.push(if all.len() == 1 { all.remove(0) } else { format!("({})", all.join(" ")) });
            }
        }
        Ok(match any.len() {
            1 => any.remove(0),
            _ => format!("({})", any.join(" | ")),
        })
    }

    /// Keywords in the scope's fields: one, or a phrase of several.
    fn words(&self, scope: Scope, text: Text, words: Vec<String>, slop: u32) -> Option<String> {
        let words = keywords(words.into_iter());
        let what = match words.as_slice() {
            [] => return None,
            [one] => one.clone(),
            _ if slop == 0 => format!("\"{}\"", words.join(" ")),
            // Sphinx's `"…"~N` asks for the words within a window of
            // N + (words − 1) words … in any order.
            _ => {
                self.any_order.set(true);
                format!("\"{}\"~{}", words.join(" "), slop as usize + words.len() - 1)
            }
        };
        Some(in_fields(&self.fields(scope, text), &what))
    }

    /// Words that begin with the last of `forms`; the words before it must
    /// be there as written, in the same field.
    fn prefix(&self, scope: Scope, mut forms: Vec<String>) -> Option<String> {
        let last = forms.pop()?;
        let speaker = scope == Scope::Speaker;
        // Speakers' names are kept stemmed only; a stem begins its word.
        let keyword = |w: &str| if speaker { encode(w) } else { form_keyword(w) };
        let mut all = keywords(forms.iter().map(|w| keyword(w)));
        all.push(format!("{}*", match_text(&keyword(&last))));
        let text = if speaker { Text::Stemmed } else { Text::Exact };
        let fields = self.fields(scope, text);
        let what = if all.len() == 1 { all.remove(0) } else { format!("({})", all.join(" ")) };
        // All of them in one field, as in the local index: a field each.
        let mut per_field: Vec<String> = fields.iter().map(|f| in_fields(&[*f], &what)).collect();
        Some(if per_field.len() == 1 { per_field.remove(0) } else { format!("({})", per_field.join(" | ")) })
    }
}

/// Every set of `k` of `0..n`, in order (the empty set for `k` = 0);
/// `None` when there are more than `cap`.
fn combinations(n: usize, k: usize, cap: usize) -> Option<Vec<Vec<usize>>> {
    let mut out = Vec::new();
    let mut pick: Vec<usize> = (0..k).collect();
    if k > n {
        return Some(out);
    }
    if k == 0 {
        return (cap > 0).then(|| vec![Vec::new()]);
    }
    loop {
        if out.len() == cap {
            return None;
        }
        out.push(pick.clone());
        // The rightmost index that can still move right.
        let Some(i) = (0..k).rev().find(|&i| pick[i] < n - k + i) else {
            return Some(out);
        };
        pick[i] += 1;
        for j in i + 1..k {
            pick[j] = pick[j - 1] + 1;
        }
    }
}

/// Keywords as `MATCH()` text.
fn keywords(words: impl Iterator<Item = String>) -> Vec<String> {
    words.filter(|w| !w.is_empty()).map(|w| match_text(&w)).collect()
}

/// `what` limited to `fields`: `(@(title,body) what)`.
fn in_fields(fields: &[Field], what: &str) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    match names.as_slice() {
        [one] => format!("(@{one} {what})"),
        _ => format!("(@({}) {what})", names.join(",")),
    }
}

/// A date range as the fewest tokens of the `dates` field that cover it:
/// whole centuries, decades, years and months, days at the ends; `None`
/// for an empty range.
pub fn dates(from: Date, to: Date) -> Option<String> {
    let mut tokens = Vec::new();
    let mut day = from;
    while day <= to {
        let (y, m, d) = (day.year(), day.month(), day.day());
        let fits = |end: Option<Date>| end.is_some_and(|end| end <= to);
        let next_year = |years: i32| Date::new(y + years, 1, 1).ok();
        let before = |date: Option<Date>| date.map(|n| Date::from_days_since_epoch(n.days_since_epoch() - 1));
        let [day_token, month, year, decade, century] = date_tokens(day);
        let step = if m == 1 && d == 1 && y % 100 == 0 && fits(before(next_year(100))) {
            tokens.push(century);
            next_year(100)
        } else if m == 1 && d == 1 && y % 10 == 0 && fits(before(next_year(10))) {
            tokens.push(decade);
            next_year(10)
        } else if m == 1 && d == 1 && fits(before(next_year(1))) {
            tokens.push(year);
            next_year(1)
        } else {
            let next_month = if m == 12 { Date::new(y + 1, 1, 1).ok() } else { Date::new(y, m + 1, 1).ok() };
            if d == 1 && fits(before(next_month)) {
                tokens.push(month);
                next_month
            } else {
                tokens.push(day_token);
                Some(day.next_day())
            }
        };
        match step {
            Some(next) if next > day => day = next,
            _ => break,
        }
    }
    let words: Vec<String> = tokens.iter().map(|t| match_text(&encode(t))).collect();
    let what = match words.as_slice() {
        [] => return None,
        [one] => one.clone(),
        _ => format!("({})", words.join(" | ")),
    };
    Some(format!("(@{} {what})", Field::Dates.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(query: &str, quotes: bool) -> Option<String> {
        compile(&poisk::query::parse(query).unwrap().node, quotes).unwrap().typed
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn words_phrases_forms_and_prefixes() {
        assert_eq!(typed("Курской области", false).unwrap(), "(@(title,body,lead) курск) (@(title,body,lead) област)");
        assert_eq!(typed("\"курской области\"~2", false).unwrap(), "(@(title,body,lead) \"курск област\"~3)");
        assert_eq!(typed("=Курской", true).unwrap(), r"(@quote_exact \Eкурской)");
        assert_eq!(typed("title:курско*", false).unwrap(), r"(@title_exact \Eкурско*)");
        assert_eq!(
            typed("северо-зап*", false).unwrap(),
            r"((@title_exact (\Eсеверо \Eзап*)) | (@body_exact (\Eсеверо \Eзап*)))"
        );
        assert_eq!(typed("speaker:Путина", false).unwrap(), "(@speaker (путин))");
        assert_eq!(
            typed("путин OR (ким -песков)", false).unwrap(),
            "((@(title,body,lead) путин) | (((@(title,body,lead) ким)) -((@(title,body,lead) песк))))"
        );
    }

    #[test]
    fn sources_near_boosts_and_speakers() {
        assert_eq!(typed("России source:ria.ru", false).unwrap(), "(@(title,body,lead) росс) (@source_key riaB1aru)");
        assert_eq!(typed("source:ria*", false).unwrap(), "(@source_key ria*)");
        assert_eq!(
            typed("России -source:ria.ru", false).unwrap(),
            "(@(title,body,lead) росс) -((@source_key riaB1aru))"
        );
        assert_eq!(typed("Путин NEAR/3 заявил", false).unwrap(), "(@(title,body,lead) путин NEAR/3 заяв)");
        assert_eq!(typed("Путин^2", false).unwrap(), "(@(title,body,lead) путин)");
        assert!(compile(&poisk::query::parse("Путин^2").unwrap().node, false).unwrap().unboosted);
        // A speaker's name by the keys of its words, in any case form.
        assert_eq!(typed("speaker:\"Дмитрия Пескова\"", false).unwrap(), "(@speaker (дмитр песков))");
        assert_eq!(typed("speaker:\"Дмитрий Песков\"", false).unwrap(), "(@speaker (дмитр песков))");
        assert_eq!(speaker_condition(&["песков".into()], Some("0песков")).unwrap(), "(@speaker ((песков) | 0песков))");
    }

    #[test]
    fn a_question_needs_some_of_its_words() {
        let compiled =
            compile(&poisk::query::parse("какие санкции ввели против российской нефти?").unwrap().node, false);
        assert_eq!(compiled.unwrap().typed.unwrap(), "(@(title,body,lead) \"санкц ввел прот российск нефт\"/2)");
        // A part that is not a plain word: both plain words, or it and one.
        let compiled = compile(&poisk::query::parse("почему \"Северный поток\" газ Германия?").unwrap().node, false);
        assert_eq!(
            compiled.unwrap().typed.unwrap(),
            "((@(title,body,lead) (газ герман)) | ((@(title,body,lead) \"северн поток\") \
             (@(title,body,lead) \"газ герман\"/1)))"
        );
        // A pasted lead of many words, a few of them not plain: a quorum
        // for each set of those.
        let lead = "Министр иностранных дел России Сергей Лавров заявил, что Москва готова к диалогу с \
                    Вашингтоном по вопросам стратегической стабильности, а северо-западные регионы и \
                    Санкт-Петербург получат новые средства ПВО в ближайшие годы, сообщает агентство";
        let typed = compile(&poisk::query::parse(lead).unwrap().node, false).unwrap().typed.unwrap();
        assert_eq!(typed.matches(" | ").count(), 3, "{typed}");
        assert_eq!(combinations(4, 2, 100).unwrap().len(), 6);
        assert_eq!(combinations(30, 10, 256), None);
    }

    #[test]
    fn no_words_match_everything() {
        let all = compile(&poisk::query::Parsed::all().node, false).unwrap();
        assert_eq!((all.typed.as_deref(), all.scores), (Some(""), false));
    }

    #[test]
    fn relaxing_keeps_exclusions_and_dates() {
        let compiled = compile(&poisk::query::parse("путин бегемот -зоопарк date:2025").unwrap().node, false).unwrap();
        assert_eq!(
            compiled.relaxed.unwrap(),
            "((@(title,body,lead) путин) | (@(title,body,lead) бегемот)) (@dates y2025) -((@(title,body,lead) зоопарк))"
        );
        assert_eq!(compile(&poisk::query::parse("путин").unwrap().node, false).unwrap().relaxed, None);
        // A lone dash is left out.
        assert_eq!(typed("путин -", false).unwrap(), "(@(title,body,lead) путин)");
    }

    #[test]
    fn date_ranges_take_the_fewest_tokens() {
        let text = |from: &str, to: &str| dates(date(from), date(to)).unwrap();
        assert_eq!(text("2025-09-01", "2025-09-30"), "(@dates m202509)");
        assert_eq!(
            text("2025-09-29", "2025-11-02"),
            "(@dates (d20250929 | d20250930 | m202510 | d20251101 | d20251102))"
        );
        assert_eq!(text("1999-12-31", "2100-01-01"), "(@dates (d19991231 | c20 | d21000101))");
        let all = dates(Date::EARLIEST, Date::LATEST).unwrap();
        assert!(all.matches('|').count() < 60, "{all}");
        assert_eq!(dates(date("2025-09-03"), date("2025-09-02")), None);
    }

    #[test]
    fn what_the_cluster_cannot_run_is_a_query_error() {
        let err = compile(&poisk::query::parse("путин путен~1").unwrap().node, false).unwrap_err();
        assert!(matches!(err, Error::Query { position: 6, .. }), "{err}");
    }
}
