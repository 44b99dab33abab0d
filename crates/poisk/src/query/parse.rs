//! The query parser: text → [`Node`] tree, with errors that point at a
//! character position.

use super::syntax::{AND, AND_SIGN, FIELDS, FieldName, Form, NEAR, NOT, Node, OR, OR_SIGNS, Scope, Term};
use super::words::check;
use crate::analyzer::analyze;
use crate::date::{Date, Interval};
use crate::error::{Error, Result};
use crate::limits::{MAX_BOOST, MAX_DEPTH, MAX_FUZZY_DISTANCE, MAX_QUERY_CHARS, MAX_SLOP, MAX_WORDS};

/// A parsed query, and what the parser changed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parsed {
    /// The query's tree.
    pub node: Node,
    /// What was read otherwise than typed, in words for people: numbers
    /// lowered to a cap (a phrase's slop), stray `"`, `(` and `)` left out,
    /// other engines' syntax that poisk does not have.
    pub warnings: Vec<String>,
}

/// Parses `text` into a query tree, with warnings about what was lowered
/// to a cap ([`crate::limits`]): the query exactly as a search reads it,
/// refused where a search refuses it (example: [`Node`]).
///
/// # Errors
/// [`Error::Query`] with the character position of the problem: a
/// malformed query, or one past a cap.
pub fn parse(text: &str) -> Result<Parsed> {
    let parsed = parse_tree(text)?;
    check(&parsed.node)?;
    Ok(parsed)
}

/// True for a query with nothing in it to look for, empty or `*`: it
/// matches every document, so that a search by filters alone lists them
/// all (newest first). [`parse`] refuses it; a search reads it as
/// [`Parsed::all`].
///
/// ```
/// assert!(poisk::query::matches_all("") && poisk::query::matches_all(" * "));
/// assert!(!poisk::query::matches_all("путин"));
/// ```
pub fn matches_all(text: &str) -> bool {
    matches!(text.trim(), "" | "*")
}

impl Parsed {
    /// The query that matches every document: an empty `And`.
    pub fn all() -> Parsed {
        Parsed { node: Node::And(Vec::new()), warnings: Vec::new() }
    }
}

/// Parses `text` into a query tree, without the caps that depend on how
/// the words are read (see [`check`]).
fn parse_tree(text: &str) -> Result<Parsed> {
    check_size(text)?;
    let mut parser = Parser { chars: text.chars().collect(), pos: 0, depth: 0, words: 0, warnings: Vec::new() };
    let mut parts = Vec::new();
    loop {
        parts.extend(parser.or_expr(Scope::Any)?);
        parser.skip_space();
        if parser.pos >= parser.chars.len() {
            break;
        }
        // The only thing that stops an expression early is a stray ')':
        // pasted text is searched as if it were absent.
        parser.stray(parser.pos, ')', "is never opened");
        parser.pos += 1;
    }
    let node = match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Node::And(parts.into_iter().flat_map(|p| p.top_level().to_vec()).collect())),
    };
    match node {
        Some(node) if has_positive(&node) => Ok(Parsed { node, warnings: parser.warnings }),
        Some(_) => Err(parser.error_at(0, "the query only excludes; add a word to look for")),
        None => Err(parser.error_at(0, "the query is empty")),
    }
}

/// Refuses a query longer than [`MAX_QUERY_CHARS`] or with more than
/// [`MAX_WORDS`] words between spaces, before any work that grows with its
/// length.
fn check_size(text: &str) -> Result<()> {
    // A char is at least one byte, so a short text needs no counting.
    if text.len() > MAX_QUERY_CHARS && text.chars().nth(MAX_QUERY_CHARS).is_some() {
        let message = format!("the query is longer than {MAX_QUERY_CHARS} characters; shorten it");
        return Err(Error::Query { position: MAX_QUERY_CHARS, message });
    }
    // Words between spaces are counted at once; the parser counts them
    // again as the analyzer splits them.
    if let Some(position) = past_max_words(text) {
        return Err(Error::Query { position, message: too_many_words() });
    }
    Ok(())
}

fn too_many_words() -> String {
    format!("the query has more than {MAX_WORDS} words; shorten it")
}

/// The character position of the first word past [`MAX_WORDS`], if the
/// text has that many.
fn past_max_words(text: &str) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    for (position, c) in text.chars().enumerate() {
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words > MAX_WORDS {
                return Some(position);
            }
        }
        in_word = !space;
    }
    None
}

/// True when the tree looks for something (not only `-word`s).
fn has_positive(node: &Node) -> bool {
    match node {
        Node::Term(_) | Node::Dates { .. } => true,
        Node::And(children) | Node::Or(children) => children.iter().any(has_positive),
        Node::Boost { node, .. } => has_positive(node),
        Node::Not(_) => false,
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    /// Words read so far, as the analyzer counts them.
    words: usize,
    /// What was lowered to a cap, for [`Parsed::warnings`].
    warnings: Vec<String>,
}

impl Parser {
    fn error_at(&self, position: usize, message: impl Into<String>) -> Error {
        Error::Query { position, message: message.into() }
    }

    /// Warns that the sign `c` at character `at` is left out.
    fn stray(&mut self, at: usize, c: char, problem: &str) {
        self.warnings.push(format!("the '{c}' at character {} {problem}: searched without it", at + 1));
    }

    /// True at `OR`, `||` or `|`; moves past it.
    fn take_or(&mut self) -> bool {
        if self.at_keyword(OR) {
            self.pos += OR.len();
            return true;
        }
        for sign in OR_SIGNS {
            if self.at_sign(sign) {
                self.pos += sign.len();
                return true;
            }
        }
        false
    }

    /// True when `sign` starts here (`|` is a sign wherever it stands, so
    /// that `санкции|эмбарго` is two words).
    fn at_sign(&self, sign: &str) -> bool {
        let n = sign.chars().count();
        self.chars.get(self.pos..self.pos + n).is_some_and(|c| c.iter().copied().eq(sign.chars()))
            && (sign.starts_with('|')
                || self.chars.get(self.pos + n).is_none_or(|c| c.is_whitespace() || *c == '(' || *c == '"'))
    }

    /// `NEAR/N` here: its distance (lowered to [`MAX_SLOP`] with a
    /// warning) and its length in characters.
    fn at_near(&mut self) -> Option<(u32, usize)> {
        let n = NEAR.chars().count();
        if !self.chars.get(self.pos..self.pos + n)?.iter().copied().eq(NEAR.chars()) {
            return None;
        }
        let digits: String = self.chars[self.pos + n..].iter().take_while(|c| c.is_ascii_digit()).collect();
        let end = self.pos + n + digits.len();
        if digits.is_empty() || self.chars.get(end).is_some_and(|c| !c.is_whitespace()) {
            return None;
        }
        let typed = digits.trim_start_matches('0');
        let mut distance = if typed.len() > 9 { u32::MAX } else { typed.parse().unwrap_or(0) };
        if distance > MAX_SLOP {
            self.warnings.push(format!("NEAR/N allows at most {MAX_SLOP}: NEAR/{typed} searched as NEAR/{MAX_SLOP}"));
            distance = MAX_SLOP;
        }
        Some((distance.max(1), end - self.pos))
    }

    /// `^N` here, after a word, phrase or group: the factor in hundredths,
    /// lowered to [`MAX_BOOST`] with a warning.
    fn boost_suffix(&mut self) -> Option<u32> {
        if self.peek() != Some('^') {
            return None;
        }
        let rest: String = self.chars[self.pos + 1..]
            .iter()
            .take_while(|c| !(c.is_whitespace() || matches!(c, '(' | ')' | '"' | '|')))
            .collect();
        let percent = boost_percent(&rest)?;
        self.pos += 1 + rest.chars().count();
        Some(self.capped_boost(percent, &rest))
    }

    fn capped_boost(&mut self, percent: u32, typed: &str) -> u32 {
        if percent > MAX_BOOST * 100 {
            self.warnings.push(format!("a boost is at most ^{MAX_BOOST}: ^{typed} searched as ^{MAX_BOOST}"));
            return MAX_BOOST * 100;
        }
        percent
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// `and_expr (OR and_expr)*`
    fn or_expr(&mut self, scope: Scope) -> Result<Option<Node>> {
        let mut alternatives = Vec::new();
        loop {
            let start = self.pos;
            match self.and_expr(scope)? {
                Some(node) => alternatives.push(node),
                None if !alternatives.is_empty() => return Err(self.error_at(start, "OR needs a word after it")),
                None => {}
            }
            self.skip_space();
            let at = self.pos;
            if self.take_or() {
                if alternatives.is_empty() {
                    return Err(self.error_at(at, "OR needs a word before it"));
                }
            } else {
                break;
            }
        }
        Ok(match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Node::Or(alternatives)),
        })
    }

    /// A run of unary expressions, all required; `a NEAR/N b` joins two
    /// of them.
    fn and_expr(&mut self, scope: Scope) -> Result<Option<Node>> {
        let mut parts: Vec<Node> = Vec::new();
        // The right-hand word of the last `NEAR/N`, for a chain of them.
        let mut near_right: Option<Term> = None;
        loop {
            self.skip_space();
            match self.peek() {
                None | Some(')') => break,
                _ if self.at_keyword(OR) || OR_SIGNS.iter().any(|s| self.at_sign(s)) => break,
                _ if self.at_keyword(AND) => {
                    self.pos += AND.len();
                    continue;
                }
                _ if self.at_sign(AND_SIGN) => {
                    self.pos += AND_SIGN.len();
                    continue;
                }
                _ => {}
            }
            if let Some((distance, len)) = self.at_near() {
                let at = self.pos;
                self.pos += len;
                self.skip_space();
                let right = self.unary(scope)?;
                let left = near_right.take().or_else(|| match parts.last() {
                    Some(Node::Term(t)) if t.form == Form::Word => Some(t.clone()),
                    _ => None,
                });
                match (left, right) {
                    (Some(left), Some(Node::Term(right))) if right.form == Form::Word && left.scope == right.scope => {
                        if !matches!(parts.last(), Some(Node::Term(t)) if t.form != Form::Word) {
                            parts.pop();
                        }
                        let text = format!("{} {}", left.text, right.text);
                        parts.push(term(right.scope, text, Form::Near { distance }));
                        near_right = Some(right);
                    }
                    (_, right) => {
                        self.warnings.push(format!(
                            "NEAR/{distance} at character {} joins two words: the words around it searched without it",
                            at + 1
                        ));
                        parts.extend(right);
                    }
                }
                continue;
            }
            near_right = None;
            if let Some(node) = self.unary(scope)? {
                parts.push(node);
            }
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Node::And(parts)),
        })
    }

    /// `-x`, `NOT x`, `+x` or a primary.
    fn unary(&mut self, scope: Scope) -> Result<Option<Node>> {
        let start = self.pos;
        // `-21` in pasted text is a number, not "without 21".
        let negated = if self.peek() == Some('-')
            && self.chars.get(self.pos + 1).is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit())
        {
            self.pos += 1;
            true
        } else if self.at_keyword(NOT) {
            self.pos += NOT.len();
            self.skip_space();
            true
        } else if self.peek() == Some('!') && self.chars.get(self.pos + 1).is_some_and(|c| c.is_alphanumeric()) {
            // Manticore's and Lucene's `!word`.
            self.pos += 1;
            true
        } else {
            if self.peek() == Some('+') {
                self.pos += 1;
            }
            false
        };
        if !negated {
            return self.primary(scope);
        }
        self.descend(start)?;
        let warned = self.warnings.len();
        let inner = self.unary(scope)?;
        self.depth -= 1;
        match inner {
            Some(node) => Ok(Some(Node::Not(Box::new(node)))),
            // What followed was left out with a warning (`-"word`).
            None if self.warnings.len() > warned => Ok(None),
            None => Err(self.error_at(start, "nothing to exclude after '-'")),
        }
    }

    fn descend(&mut self, at: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(at, format!("the query nests deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    /// A group, a phrase, a field-scoped expression or a word, with an
    /// optional `^N` boost.
    fn primary(&mut self, scope: Scope) -> Result<Option<Node>> {
        let node = self.unboosted(scope)?;
        Ok(match (node, self.boost_suffix()) {
            (Some(node), Some(percent)) => Some(boost(node, percent)),
            (node, _) => node,
        })
    }

    fn unboosted(&mut self, scope: Scope) -> Result<Option<Node>> {
        let start = self.pos;
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                self.descend(start)?;
                let inner = self.or_expr(scope)?;
                self.depth -= 1;
                self.skip_space();
                if self.peek() == Some(')') {
                    self.pos += 1;
                } else {
                    // Only the end of the query stops a group otherwise.
                    self.stray(start, '(', "is never closed");
                }
                Ok(inner)
            }
            Some('"') => Ok(self.phrase()?.map(|(text, slop)| term(scope, text, Form::Phrase { slop }))),
            Some('=') if self.chars.get(self.pos + 1) == Some(&'"') => {
                self.pos += 1;
                Ok(self.phrase()?.map(|(text, slop)| term(scope, text, Form::Exact { slop })))
            }
            _ => {
                if let Some((field, len)) = self.field_prefix() {
                    self.pos += len;
                    return self.scoped(field, start);
                }
                self.word_node(scope)
            }
        }
    }

    /// A bare word, which may be `=exact`, `prefix*` or `fuzzy~N`.
    fn word_node(&mut self, scope: Scope) -> Result<Option<Node>> {
        let start = self.pos;
        let Some(text) = self.word() else {
            return Ok(None);
        };
        if let Some((word, percent)) = boost_in_word(&text) {
            let percent = self.capped_boost(percent, &text[word.len() + 1..]);
            let inner = self.plain_word_node(scope, word.to_owned(), start)?;
            return Ok(inner.map(|node| boost(node, percent)));
        }
        self.unsupported(&text, start);
        self.plain_word_node(scope, text, start)
    }

    /// Warns about another engine's syntax that poisk reads as words.
    fn unsupported(&mut self, text: &str, start: usize) {
        let at = start + 1;
        let what = if text.len() > 1 && text.starts_with('@') && text[1..].chars().all(char::is_alphanumeric) {
            format!("Manticore's field search '{text}' at character {at} is not supported (use title: or body:)")
        } else if text.len() > 2 && text.starts_with('/') && text.ends_with('/') {
            format!("regular expressions ('{text}' at character {at}) are not supported")
        } else if text == "<<" {
            format!("Manticore's strict order '<<' at character {at} is not supported")
        } else if let Some((_, similarity)) =
            text.rsplit_once('~').filter(|(w, s)| !w.is_empty() && s.starts_with("0."))
        {
            format!("Lucene's similarity '~{similarity}' at character {at} is not supported (use ~1 or ~2)")
        } else {
            return;
        };
        self.warnings.push(format!("{what}: searched as words"));
    }

    /// A word without a boost: `=exact`, `prefix*`, `fuzzy~N` or plain.
    fn plain_word_node(&mut self, scope: Scope, text: String, start: usize) -> Result<Option<Node>> {
        if let Some(exact) = text.strip_prefix('=').filter(|rest| !rest.is_empty()) {
            self.count_words(exact, start + 1)?;
            return Ok(Some(term(scope, exact.to_owned(), Form::Exact { slop: 0 })));
        }
        if let Some(prefix) = text.strip_suffix('*').filter(|rest| !rest.is_empty() && !rest.ends_with('*')) {
            self.count_words(prefix, start)?;
            return Ok(Some(term(scope, prefix.to_owned(), Form::Prefix { at: start })));
        }
        if let Some((word, distance)) = fuzzy_suffix(&text) {
            let Some(distance) = distance.filter(|&d| d <= MAX_FUZZY_DISTANCE) else {
                let tilde = start + word.chars().count();
                return Err(self.error_at(tilde, format!("typo tolerance goes from ~0 to ~{MAX_FUZZY_DISTANCE} edits")));
            };
            self.count_words(word, start)?;
            return Ok(Some(term(scope, word.to_owned(), Form::Fuzzy { distance, at: start })));
        }
        self.count_words(&text, start)?;
        Ok(Some(term(scope, text, Form::Word)))
    }

    /// Counts the words the analyzer finds in `text`, which starts at
    /// character `at` of the query, towards [`MAX_WORDS`]: `путин~2~2…~2`
    /// is one word between spaces, but a phrase of thousands.
    fn count_words(&mut self, text: &str, at: usize) -> Result<()> {
        let tokens = analyze(text);
        match tokens.get(MAX_WORDS.saturating_sub(self.words)) {
            Some(past) => Err(self.error_at(at + text[..past.start].chars().count(), too_many_words())),
            None => {
                self.words += tokens.len();
                Ok(())
            }
        }
    }

    /// `"…"` with an optional `~N`: the text and the slop; `None`, with a
    /// warning, for a `"` that is never closed, which is left out.
    fn phrase(&mut self) -> Result<Option<(String, u32)>> {
        let start = self.pos;
        self.pos += 1;
        let Some(len) = self.chars[self.pos..].iter().position(|&c| c == '"') else {
            self.stray(start, '"', "is never closed");
            return Ok(None);
        };
        let text: String = self.chars[self.pos..self.pos + len].iter().collect();
        self.count_words(&text, start + 1)?;
        self.pos += len + 1;
        let mut slop = 0;
        if self.peek() == Some('~') {
            let digits_start = self.pos + 1;
            let digits: String = self.chars[digits_start..].iter().take_while(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() {
                return Err(self.error_at(self.pos, "'~' after a phrase needs a number of words, like ~2"));
            }
            // Any number of digits is a number, however large: it is lowered
            // to the cap.
            let typed = digits.trim_start_matches('0');
            slop = if typed.len() > 9 { u32::MAX } else { typed.parse().unwrap_or(0) };
            if slop > MAX_SLOP {
                self.warnings.push(format!(
                    "a phrase allows at most {MAX_SLOP} words in between: ~{typed} searched as ~{MAX_SLOP}"
                ));
                slop = MAX_SLOP;
            }
            self.pos = digits_start + digits.len();
        }
        if self.peek() == Some('/') && self.chars.get(self.pos + 1).is_some_and(char::is_ascii_digit) {
            self.warnings.push(format!(
                "Manticore's quorum '\"…\"/N' at character {} is not supported: searched as the phrase",
                start + 1
            ));
            self.pos += 1 + self.chars[self.pos + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        }
        Ok(Some((text, slop)))
    }

    /// A bare word: everything up to white space, a parenthesis, a quote
    /// or a `|`.
    fn word(&mut self) -> Option<String> {
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_word_end(c)) {
            self.pos += 1;
        }
        (self.pos > start).then(|| self.chars[start..self.pos].iter().collect())
    }

    /// A known field name followed by ':' and no space, and its length.
    fn field_prefix(&self) -> Option<(FieldName, usize)> {
        FIELDS.into_iter().find_map(|(name, field)| {
            let n = name.chars().count();
            let candidate = self.chars.get(self.pos..self.pos + n + 1)?;
            let matches = candidate[..n].iter().zip(name.chars()).all(|(a, b)| a.to_ascii_lowercase() == b)
                && candidate[n] == ':'
                && self.chars.get(self.pos + n + 1).is_some_and(|c| !c.is_whitespace());
            matches.then_some((field, n + 1))
        })
    }

    /// What follows `field:`.
    fn scoped(&mut self, field: FieldName, start: usize) -> Result<Option<Node>> {
        let scope = match field {
            FieldName::Scope(scope) => scope,
            FieldName::Date => return self.dates(start).map(Some),
        };
        self.descend(start)?;
        let node = self.primary(scope)?;
        self.depth -= 1;
        Ok(node)
    }

    /// `date:2025`, `date:2025-09`, `date:2025-09-03`, `date:[A TO B]`
    /// (`*` for no end), `date:>2025-09`, `date:>=2025-09`, `date:<…`,
    /// `date:<=…`.
    fn dates(&mut self, start: usize) -> Result<Node> {
        let value_start = self.pos;
        let comparison: String = self.chars[self.pos..].iter().take_while(|c| matches!(c, '<' | '>' | '=')).collect();
        if !comparison.is_empty() {
            self.pos += comparison.chars().count();
            let value = self.word().unwrap_or_default();
            let (first, last) = date_span(&value).map_err(|m| self.error_at(value_start, m))?;
            let (from, to) = match comparison.as_str() {
                ">" => (last.next_day(), Date::LATEST),
                ">=" => (first, Date::LATEST),
                "<" => (Date::EARLIEST, Date::from_days_since_epoch(first.days_since_epoch() - 1)),
                "<=" => (Date::EARLIEST, last),
                _ => return Err(self.error_at(value_start, "compare a date with >, >=, < or <=: date:>2018-03")),
            };
            if from > to {
                return Err(self.error_at(value_start, "no date an index can hold is in this range"));
            }
            return Ok(Node::Dates { from, to });
        }
        if self.peek() == Some('[') {
            let Some(len) = self.chars[self.pos..].iter().position(|&c| c == ']') else {
                return Err(self.error_at(value_start, "'[' of a date range is never closed"));
            };
            let inner: String = self.chars[self.pos + 1..self.pos + len].iter().collect();
            self.pos += len + 1;
            let bounds: Vec<&str> = inner.split_whitespace().collect();
            let [from, to_kw, to] = bounds[..] else {
                return Err(self.error_at(value_start, "a date range reads [2025-09-01 TO 2025-09-30]"));
            };
            if !to_kw.eq_ignore_ascii_case("TO") {
                return Err(self.error_at(value_start, "a date range reads [2025-09-01 TO 2025-09-30]"));
            }
            let bound = |text: &str| match text {
                "*" => Ok((Date::EARLIEST, Date::LATEST)),
                text => date_span(text).map_err(|m| self.error_at(value_start, m)),
            };
            let ((from, _), (_, to)) = (bound(from)?, bound(to)?);
            if from > to {
                return Err(self.error_at(value_start, "the date range ends before it starts"));
            }
            return Ok(Node::Dates { from, to });
        }
        let value = self.word().unwrap_or_default();
        let (from, to) = date_span(&value).map_err(|m| self.error_at(start, m))?;
        Ok(Node::Dates { from, to })
    }
}

impl Parser {
    /// True when an upper-case operator word starts here and ends before a
    /// space, parenthesis or the end.
    fn at_keyword(&self, keyword: &str) -> bool {
        let n = keyword.len();
        let Some(candidate) = self.chars.get(self.pos..self.pos + n) else {
            return false;
        };
        candidate.iter().copied().eq(keyword.chars())
            && self.chars.get(self.pos + n).is_none_or(|c| c.is_whitespace() || *c == '(' || *c == '"')
    }
}

/// A term node.
fn term(scope: Scope, text: String, form: Form) -> Node {
    Node::Term(Term { scope, text, form })
}

fn boost(node: Node, percent: u32) -> Node {
    Node::Boost { node: Box::new(node), percent }
}

/// The characters a bare word ends before.
fn is_word_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '|')
}

/// `2`, `0.5`, `1.25` as hundredths; `None` for anything else, which is
/// then no boost but part of a word (`x^y`).
fn boost_percent(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 6 {
        return Some(u32::MAX);
    }
    let hundredths: String = fraction.chars().chain("00".chars()).take(2).collect();
    Some(whole.parse::<u32>().unwrap_or(0) * 100 + hundredths.parse::<u32>().unwrap_or(0))
}

/// Splits `санкции^2` into the word and its boost, when the text ends in
/// `^` and a number after a letter or digit.
fn boost_in_word(text: &str) -> Option<(&str, u32)> {
    let (word, number) = text.rsplit_once('^')?;
    if !word.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '*' || c == '~') {
        return None;
    }
    Some((word, boost_percent(number)?))
}

/// Splits `путен~1` into the word and its distance (`путен~` means 1;
/// `None` for a distance that is not a small number). `None` altogether
/// when the text does not end in `~` and digits after a letter, or has
/// another `~` before (`путин~2~2` is a plain word).
fn fuzzy_suffix(text: &str) -> Option<(&str, Option<u8>)> {
    let (word, digits) = text.rsplit_once('~')?;
    if !word.chars().last().is_some_and(char::is_alphanumeric)
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || word.contains('~')
    {
        return None;
    }
    let distance = if digits.is_empty() { Some(1) } else { digits.parse().ok() };
    Some((word, distance))
}

/// The first and last day of `2025`, `2025-09` or `2025-09-03`.
fn date_span(value: &str) -> std::result::Result<(Date, Date), String> {
    let bad = || format!("{value:?} is not a date: use 2025, 2025-09 or 2025-09-03");
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, len: usize| -> std::result::Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) { s.parse().map_err(|_| bad()) } else { Err(bad()) }
    };
    match parts[..] {
        [y] => {
            let y = number(y, 4)? as i32;
            Ok((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?))
        }
        [y, m] => {
            let (y, m) = (number(y, 4)? as i32, number(m, 2)?);
            let first = Date::new(y, m, 1)?;
            let next = Interval::Month.next(first);
            Ok((first, Date::from_days_since_epoch(next.days_since_epoch() - 1)))
        }
        [_, _, _] => {
            let d: Date = value.parse()?;
            Ok((d, d))
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree of `text`, without the caps of `words.rs`.
    fn parse(text: &str) -> Result<Node> {
        parse_tree(text).map(|parsed| parsed.node)
    }

    fn word(text: &str) -> Node {
        term(Scope::Any, text.into(), Form::Word)
    }

    fn error_position(query: &str) -> usize {
        match parse(query) {
            Err(Error::Query { position, .. }) => position,
            other => panic!("{query:?} should fail, got {other:?}"),
        }
    }

    #[test]
    fn at_most_max_words() {
        let longest = "слово ".repeat(MAX_WORDS);
        assert!(parse(&longest).is_ok());
        let too_long = format!("{longest} лишнее");
        assert_eq!(error_position(&too_long), longest.chars().count() + 1);
    }

    #[test]
    fn at_most_max_query_chars() {
        let longest = "переговорыпереговор ".repeat(MAX_QUERY_CHARS / 20);
        assert_eq!(longest.chars().count(), MAX_QUERY_CHARS);
        assert!(parse(&longest).is_ok());
        assert_eq!(error_position(&format!("{longest}ж")), MAX_QUERY_CHARS);
    }

    #[test]
    fn words_are_counted_as_the_analyzer_splits_them() {
        // One word between spaces, but the analyzer's `путин 2 2 2 …`.
        let tildes = format!("путин{}", "~2".repeat(MAX_WORDS));
        let past = 5 + 2 * (MAX_WORDS - 1) + 1;
        assert_eq!(error_position(&tildes), past);
        // `word~N` is one word.
        assert!(parse(&"путин~2 ".repeat(MAX_WORDS)).is_ok());
        // Words in phrases and exact forms count too.
        let phrase = format!("\"{}\"", "ким-чен ".repeat(MAX_WORDS / 2 + 1));
        assert_eq!(error_position(&phrase), 1 + "ким-чен ".chars().count() * MAX_WORDS / 2);
        assert_eq!(parse("путин~2~2").unwrap(), word("путин~2~2"));
    }

    #[test]
    fn a_large_slop_is_lowered_with_a_warning() {
        let parsed = parse_tree("\"путин пекин\"~1000").unwrap();
        assert_eq!(parsed.node, term(Scope::Any, "путин пекин".into(), Form::Phrase { slop: MAX_SLOP }));
        assert_eq!(parsed.warnings, ["a phrase allows at most 100 words in between: ~1000 searched as ~100"]);
        let huge = parse_tree("=\"путин пекин\"~000099999999999999999999").unwrap();
        assert_eq!(huge.node, term(Scope::Any, "путин пекин".into(), Form::Exact { slop: MAX_SLOP }));
        assert_eq!(
            huge.warnings,
            ["a phrase allows at most 100 words in between: ~99999999999999999999 searched as ~100"]
        );
        assert!(parse_tree("\"путин пекин\"~100").unwrap().warnings.is_empty());
    }

    #[test]
    fn plain_words_are_all_required() {
        assert_eq!(parse("Курской области").unwrap(), Node::And(vec![word("Курской"), word("области")]));
        assert_eq!(parse("  Аурус ").unwrap(), word("Аурус"));
    }

    #[test]
    fn phrases_with_slop() {
        assert_eq!(
            parse("\"курской области\"~2").unwrap(),
            term(Scope::Any, "курской области".into(), Form::Phrase { slop: 2 })
        );
    }

    #[test]
    fn operators_and_groups() {
        let q = parse("(путин OR ким) -песков пекин").unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                Node::Or(vec![word("путин"), word("ким")]),
                Node::Not(Box::new(word("песков"))),
                word("пекин"),
            ])
        );
        // Lower-case "or" is a word, and a dash inside a word is part of it.
        assert_eq!(parse("или or").unwrap(), Node::And(vec![word("или"), word("or")]));
        assert_eq!(parse("северо-запад").unwrap(), word("северо-запад"));
        // A lone dash in plain text is a word the analyzer drops.
        assert_eq!(parse("Москва - Пекин").unwrap(), Node::And(vec![word("Москва"), word("-"), word("Пекин")]));
        // A minus before a digit is a negative number.
        assert_eq!(parse("до -21 °С").unwrap(), Node::And(vec![word("до"), word("-21"), word("°С")]));
    }

    #[test]
    fn field_scopes() {
        assert_eq!(parse("title:Пекин").unwrap(), term(Scope::Title, "Пекин".into(), Form::Word));
        assert_eq!(
            parse("speaker:\"Ким Чен Ын\"").unwrap(),
            term(Scope::Speaker, "Ким Чен Ын".into(), Form::Phrase { slop: 0 })
        );
        // An unknown field or a colon in prose is plain text.
        assert_eq!(parse("Путин: мир").unwrap(), Node::And(vec![word("Путин:"), word("мир")]));
        assert_eq!(parse("foo:bar").unwrap(), word("foo:bar"));
    }

    #[test]
    fn prefixes_exact_forms_and_typos() {
        let any = Scope::Any;
        assert_eq!(parse("курск*").unwrap(), term(any, "курск".into(), Form::Prefix { at: 0 }));
        assert_eq!(parse("title:курск*").unwrap(), term(Scope::Title, "курск".into(), Form::Prefix { at: 6 }));
        assert_eq!(parse("=Курской").unwrap(), term(any, "Курской".into(), Form::Exact { slop: 0 }));
        assert_eq!(
            parse("=\"Курской области\"~1").unwrap(),
            term(any, "Курской области".into(), Form::Exact { slop: 1 })
        );
        assert_eq!(
            parse("путин -body:=\"Курской\"").unwrap(),
            Node::And(vec![
                word("путин"),
                Node::Not(Box::new(term(Scope::Body, "Курской".into(), Form::Exact { slop: 0 })))
            ])
        );
        assert_eq!(parse("путен~1").unwrap(), term(any, "путен".into(), Form::Fuzzy { distance: 1, at: 0 }));
        assert_eq!(parse("путен~").unwrap(), term(any, "путен".into(), Form::Fuzzy { distance: 1, at: 0 }));
        assert_eq!(parse("путен~0").unwrap(), term(any, "путен".into(), Form::Fuzzy { distance: 0, at: 0 }));
        assert_eq!(error_position("путин путен~3"), 11);
        // A phrase's ~N is still the words allowed in between.
        assert_eq!(parse("\"путин ким\"~2").unwrap(), term(any, "путин ким".into(), Form::Phrase { slop: 2 }));
    }

    #[test]
    fn the_new_signs_in_prose_are_words() {
        // Lone signs, signs inside words and `~500` are plain words.
        assert_eq!(
            parse("* = ~ ** x=5 ~500 ИГ*.").unwrap(),
            Node::And(["*", "=", "~", "**", "x=5", "~500", "ИГ*."].map(word).into())
        );
        // A footnote mark after a quoted name is a prefix to the parser; the
        // builder reads it as a plain word in prose (see build.rs).
        let lead = "над «Исламским государством»* в Сирии";
        match parse(lead).unwrap() {
            Node::And(children) => {
                assert_eq!(children[2], term(Scope::Any, "государством»".into(), Form::Prefix { at: 15 }));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dates() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(parse("date:2025-09").unwrap(), Node::Dates { from: d("2025-09-01"), to: d("2025-09-30") });
        assert_eq!(parse("date:2024-02").unwrap(), Node::Dates { from: d("2024-02-01"), to: d("2024-02-29") });
        assert_eq!(
            parse("date:[2025-09-01 TO 2025-09-30]").unwrap(),
            Node::Dates { from: d("2025-09-01"), to: d("2025-09-30") }
        );
        assert!(parse("date:2025-13").is_err());
    }

    #[test]
    fn other_engines_operators() {
        let or = Node::Or(vec![word("санкции"), word("эмбарго")]);
        for query in ["санкции || эмбарго", "санкции | эмбарго", "санкции|эмбарго", "санкции OR эмбарго"]
        {
            assert_eq!(parse(query).unwrap(), Node::Or(vec![word("санкции"), word("эмбарго")]), "{query}");
        }
        assert_eq!(parse("(санкции || эмбарго) && трамп").unwrap(), Node::And(vec![or, word("трамп")]));
        assert_eq!(
            parse("путин !песков").unwrap(),
            Node::And(vec![word("путин"), Node::Not(Box::new(word("песков")))])
        );
        // `!` ends a sentence; `||` needs words on both sides.
        assert_eq!(parse("Внимание!").unwrap(), word("Внимание!"));
        assert_eq!(error_position("|| путин"), 0);
    }

    #[test]
    fn boosts() {
        let boosted = |node: Node, percent| Node::Boost { node: Box::new(node), percent };
        assert_eq!(parse("санкции^2 трамп").unwrap(), Node::And(vec![boosted(word("санкции"), 200), word("трамп")]));
        assert_eq!(
            parse("\"курской области\"^0.5").unwrap(),
            boosted(term(Scope::Any, "курской области".into(), Form::Phrase { slop: 0 }), 50)
        );
        assert_eq!(parse("(путин OR ким)^1.25").unwrap(), boosted(Node::Or(vec![word("путин"), word("ким")]), 125));
        assert_eq!(
            parse("путен~1^3").unwrap(),
            boosted(term(Scope::Any, "путен".into(), Form::Fuzzy { distance: 1, at: 0 }), 300)
        );
        // A boost past the cap is lowered; `^` without a number is text.
        let huge = parse_tree("путин^1000000000000").unwrap();
        assert_eq!(huge.node, boosted(word("путин"), MAX_BOOST * 100));
        assert_eq!(huge.warnings, ["a boost is at most ^100: ^1000000000000 searched as ^100"]);
        assert_eq!(parse("x^y").unwrap(), word("x^y"));
    }

    #[test]
    fn near() {
        let near = |text: &str, distance| term(Scope::Any, text.into(), Form::Near { distance });
        assert_eq!(parse("путин NEAR/3 пекин").unwrap(), near("путин пекин", 3));
        assert_eq!(
            parse("ким путин NEAR/3 пекин NEAR/5 визит").unwrap(),
            Node::And(vec![word("ким"), near("путин пекин", 3), near("пекин визит", 5)])
        );
        // Not between two words: the words, with a warning.
        let phrase = parse_tree("\"курской области\" NEAR/2 пекин").unwrap();
        assert_eq!(
            phrase.node,
            Node::And(vec![term(Scope::Any, "курской области".into(), Form::Phrase { slop: 0 }), word("пекин")])
        );
        assert_eq!(
            phrase.warnings,
            ["NEAR/2 at character 19 joins two words: the words around it searched without it"]
        );
        // `NEAR` alone, or glued to a word, is a word.
        assert_eq!(parse("NEAR пекин").unwrap(), Node::And(vec![word("NEAR"), word("пекин")]));
    }

    #[test]
    fn stray_signs_are_left_out_with_a_warning() {
        let question = parse_tree("Что сказал \"министр обороны» о сроках учений?").unwrap();
        assert_eq!(
            question.node,
            Node::And(["Что", "сказал", "министр", "обороны»", "о", "сроках", "учений?"].map(word).into())
        );
        assert_eq!(question.warnings, ["the '\"' at character 12 is never closed: searched without it"]);
        let open = parse_tree("путин (ким OR пекин").unwrap();
        assert_eq!(open.node, Node::And(vec![word("путин"), Node::Or(vec![word("ким"), word("пекин")])]));
        assert_eq!(open.warnings, ["the '(' at character 7 is never closed: searched without it"]);
        let close = parse_tree("путин ) ким").unwrap();
        assert_eq!(close.node, Node::And(vec![word("путин"), word("ким")]));
        assert_eq!(close.warnings, ["the ')' at character 7 is never opened: searched without it"]);
        let excluded = parse_tree("путин -\"ким").unwrap();
        assert_eq!(excluded.node, Node::And(vec![word("путин"), word("ким")]));
    }

    #[test]
    fn unsupported_syntax_is_named() {
        for (query, named) in [
            ("@title путин", "'@title'"),
            ("/пут.н/ ким", "regular expressions"),
            ("путин << ким", "'<<'"),
            ("путен~0.8", "'~0.8'"),
            ("\"путин ким\"/2", "quorum"),
        ] {
            let parsed = parse_tree(query).unwrap();
            assert!(parsed.warnings.iter().any(|w| w.contains(named)), "{query}: {:?}", parsed.warnings);
        }
        assert!(parse_tree("путин ким").unwrap().warnings.is_empty());
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(error_position("OR путин"), 0);
        assert_eq!(error_position("путин OR"), 8);
        assert_eq!(error_position("-путин"), 0);
        assert_eq!(error_position("   "), 0);
        assert_eq!(error_position("date:[2025-09-01 2025-09-30]"), 5);
    }

    #[test]
    fn hostile_input_degrades_to_errors() {
        let nested = format!("{}путин{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(matches!(parse(&nested), Err(Error::Query { .. })));
        let negations = format!("{}путин", "-".repeat(10_000));
        assert!(parse(&negations).is_err());
        let many = "слово ".repeat(MAX_WORDS);
        match parse(&many).unwrap() {
            Node::And(children) => assert_eq!(children.len(), MAX_WORDS),
            other => panic!("expected a conjunction, got {other:?}"),
        }
        assert!(parse(&"слово ".repeat(100_000)).is_err());
    }
}
