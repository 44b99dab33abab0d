//! Choosing the windows of sentences to show, and cutting them to length.
//!
//! Candidate windows are each sentence with a match, and each pair of
//! neighbouring matched sentences in one paragraph that fits the length
//! limit. They are ranked by [`score`], and the best ones that do not share
//! a sentence are taken. A chosen single sentence then takes in a neighbour
//! from its paragraph as context when both fit. A window longer than the
//! limit is cut around its densest group of matches, at word boundaries.

use super::r#match::{Hit, Matcher, PhraseHit};
use super::score::{WindowMatches, score};
use std::ops::Range;

/// What a pair of sentences must gain over its parts to be shown together:
/// more than a few repeats, less than one new query word.
const PAIR_COST: f32 = 1.0;
/// Weight of a phrase when placing the cut; a word weighs 1.
const PHRASE_ANCHOR: u32 = 3;
/// Share of the spare room that a cut leaves before the first match.
const LEAD_SHARE: usize = 3;

/// The sentences of a text and the query matches in them.
pub(super) struct Found {
    /// Sentence byte ranges, in order.
    pub sentences: Vec<Range<usize>>,
    /// Word hits, in text order.
    pub hits: Vec<Hit>,
    /// Phrase hits, in text order.
    pub phrases: Vec<PhraseHit>,
}

impl Found {
    /// The matches inside sentences `first..=last`.
    fn matches(&self, first: u32, last: u32) -> WindowMatches<'_> {
        let hits = slice(&self.hits, |h| h.sentence, first, last);
        let phrases = slice(&self.phrases, |p| p.first_sentence, first, last);
        WindowMatches { hits, phrases }
    }

    /// Byte range of sentences `first..=last`.
    pub fn span(&self, first: u32, last: u32) -> Range<usize> {
        self.sentences[first as usize].start..self.sentences[last as usize].end
    }

    /// Whether sentences `s` and `s + 1` are in one paragraph.
    fn same_paragraph(&self, text: &str, s: u32) -> bool {
        let gap = self.sentences[s as usize].end..self.sentences[s as usize + 1].start;
        !text[gap].contains('\n')
    }
}

/// The part of `items` (sorted by `sentence`) in sentences `first..=last`.
fn slice<T>(items: &[T], sentence: impl Fn(&T) -> u32, first: u32, last: u32) -> &[T] {
    let from = items.partition_point(|x| sentence(x) < first);
    let to = items.partition_point(|x| sentence(x) <= last);
    &items[from..to.max(from)]
}

/// Sentences `first..=last` and how good they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Window {
    pub first: u32,
    pub last: u32,
    pub score: f32,
}

impl Window {
    fn overlaps(&self, other: &Window) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

/// Up to `max` windows that share no sentence, best first.
pub(super) fn select(text: &str, found: &Found, matcher: &Matcher, max: usize, max_chars: usize) -> Vec<Window> {
    let mut candidates = candidates(text, found, matcher, max_chars);
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
    // `max` comes from the caller and may be anything: there are never more
    // windows than candidates.
    let mut chosen: Vec<Window> = Vec::with_capacity(max.min(candidates.len()));
    for window in candidates {
        if chosen.len() == max {
            break;
        }
        if !chosen.iter().any(|c| c.overlaps(&window)) {
            chosen.push(window);
        }
    }
    for i in 0..chosen.len() {
        chosen[i] = with_context(text, found, &chosen, i, max_chars);
    }
    chosen
}

/// Every matched sentence, and every matched pair that fits.
fn candidates(text: &str, found: &Found, matcher: &Matcher, max_chars: usize) -> Vec<Window> {
    let mut out = Vec::new();
    let mut previous = None;
    let sentences = found.hits.iter().map(|h| h.sentence);
    let mut last_seen = None;
    for s in sentences.filter(|&s| last_seen.replace(s) != Some(s)) {
        out.push(scored(text, found, matcher, s, s, 0.0));
        let pair = previous.filter(|&p| p + 1 == s && found.same_paragraph(text, p));
        if let Some(p) = pair.filter(|&p| fits(text, found.span(p, s), max_chars)) {
            out.push(scored(text, found, matcher, p, s, PAIR_COST));
        }
        previous = Some(s);
    }
    out
}

fn scored(text: &str, found: &Found, matcher: &Matcher, first: u32, last: u32, cost: f32) -> Window {
    let start = found.sentences[first as usize].start;
    let score = score(matcher, &found.matches(first, last), start, text.len()) - cost;
    Window { first, last, score }
}

/// `chosen[i]` with a neighbouring sentence of its paragraph added when it
/// is a single sentence and both fit; the next sentence is preferred.
fn with_context(text: &str, found: &Found, chosen: &[Window], i: usize, max_chars: usize) -> Window {
    let w = chosen[i];
    if w.first != w.last {
        return w;
    }
    let s = w.first;
    let next = (s as usize + 1 < found.sentences.len()).then_some(Window { first: s, last: s + 1, ..w });
    let previous = s.checked_sub(1).map(|p| Window { first: p, last: s, ..w });
    let usable = |c: &Window| {
        found.same_paragraph(text, c.first)
            && fits(text, found.span(c.first, c.last), max_chars)
            && chosen.iter().enumerate().all(|(j, other)| j == i || !other.overlaps(c))
    };
    next.into_iter().chain(previous).find(usable).unwrap_or(w)
}

/// Whether `text[range]` has at most `max_chars` characters.
fn fits(text: &str, range: Range<usize>, max_chars: usize) -> bool {
    range.len() <= max_chars || text[range].chars().nth(max_chars).is_none()
}

/// A byte range that should be shown, and how much it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Anchor {
    pub start: usize,
    pub end: usize,
    pub weight: u32,
}

/// The matches of `found` inside `range`, for [`cut`], in text order.
pub(super) fn anchors(found: &Found, range: &Range<usize>) -> Vec<Anchor> {
    let inside = |start: usize, end: usize| range.start <= start && end <= range.end;
    let words = found.hits.iter().map(|h| Anchor { start: h.start, end: h.end, weight: 1 });
    let phrases = found.phrases.iter().map(|p| Anchor { start: p.start, end: p.end, weight: PHRASE_ANCHOR });
    let mut out: Vec<Anchor> = words.chain(phrases).filter(|a| inside(a.start, a.end)).collect();
    out.sort_by_key(|a| (a.start, a.end));
    out
}

/// A fragment of a text: its byte range and whether it was shortened at
/// either end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cut {
    pub range: Range<usize>,
    pub before: bool,
    pub after: bool,
}

/// `text[range]` shortened to at most `max_chars` characters around its
/// heaviest group of `anchors` (sorted, inside `range`), at word boundaries
/// where possible.
pub(super) fn cut(text: &str, range: Range<usize>, anchors: &[Anchor], max_chars: usize) -> Cut {
    let window = &text[range.clone()];
    let chars = CharIndex::new(window, anchors, range.start);
    if chars.total <= max_chars {
        return Cut { range, before: false, after: false };
    }
    let (first, last_end) = heaviest_group(anchors, &chars, max_chars);
    let (from, to) = place(first, last_end, chars.total, max_chars);
    let from_byte = chars.byte_at(window, from);
    let to_byte = chars.byte_at(window, to);
    let anchor_start = anchors.get(first.index).map_or(from_byte, |a| a.start - range.start);
    let start = snap_start(window, from_byte, anchor_start.max(from_byte), to_byte);
    let end = snap_end(window, start, to_byte);
    Cut { range: range.start + start..range.start + end, before: start > 0, after: end < window.len() }
}

/// Where an anchor group starts: its index, and its first character.
#[derive(Debug, Clone, Copy)]
struct GroupStart {
    index: usize,
    char: usize,
}

/// The run of anchors, all within `max_chars` characters of the first, that
/// weighs most (earliest on ties); returns its start and the character at
/// which its last anchor ends.
fn heaviest_group(anchors: &[Anchor], chars: &CharIndex, max_chars: usize) -> (GroupStart, usize) {
    let mut best = (GroupStart { index: 0, char: 0 }, 0, 0);
    for (i, a) in anchors.iter().enumerate() {
        let begin = chars.of(a.start);
        let (mut weight, mut end) = (0, begin);
        for b in &anchors[i..] {
            let b_end = chars.of(b.end);
            if chars.of(b.start) >= begin + max_chars || b_end > begin + max_chars {
                break;
            }
            weight += b.weight;
            end = end.max(b_end);
        }
        if weight > best.2 {
            best = (GroupStart { index: i, char: begin }, end, weight);
        }
    }
    (best.0, best.1)
}

/// Character range of at most `max_chars` around the group from
/// `first.char` to `last_end`, leaving some context before it.
fn place(first: GroupStart, last_end: usize, total: usize, max_chars: usize) -> (usize, usize) {
    let spare = max_chars.saturating_sub(last_end.saturating_sub(first.char));
    // A start near the sentence start reads better than a cut one.
    let from = if first.char <= spare / 2 { 0 } else { first.char - spare / LEAD_SHARE };
    let to = (from + max_chars).min(total);
    (to.saturating_sub(max_chars).min(from), to)
}

/// `from` moved forward to the start of a word (or an opening quote), not
/// past `limit` (the first match) and not to `to`.
fn snap_start(window: &str, from: usize, limit: usize, to: usize) -> usize {
    if from == 0 || window[..from].ends_with(char::is_whitespace) {
        return from;
    }
    let after_space = window[from..limit].find(char::is_whitespace).map(|k| from + k);
    let word = after_space.and_then(|s| {
        window[s..limit].find(|c: char| c.is_alphanumeric() || matches!(c, '«' | '"' | '„' | '(')).map(|k| s + k)
    });
    word.unwrap_or(limit).min(limit).min(to.saturating_sub(1)).max(from).min(to)
}

/// `to` moved back to the end of a word, then past trailing punctuation that
/// should not end a fragment; unchanged if the fragment is one long word.
fn snap_end(window: &str, start: usize, to: usize) -> usize {
    if to == window.len() {
        return to;
    }
    let mid_word = window[to..].starts_with(char::is_alphanumeric) && window[..to].ends_with(char::is_alphanumeric);
    let end = if mid_word { window[start..to].rfind(char::is_whitespace).map_or(to, |k| start + k) } else { to };
    let trimmed = window[start..end].trim_end_matches(|c: char| c.is_whitespace() || is_dangling(c));
    if trimmed.is_empty() { to } else { start + trimmed.len() }
}

/// Punctuation that reads badly at the end of a cut fragment.
fn is_dangling(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '—' | '–' | '-' | '«' | '(' | '„')
}

/// Character positions of the anchor boundaries in a window, found in one
/// pass so that long windows with many matches stay linear.
struct CharIndex {
    /// (byte offset in the window, character offset), sorted by byte.
    marks: Vec<(usize, usize)>,
    total: usize,
    /// Byte offset of the window in the text.
    base: usize,
}

impl CharIndex {
    fn new(window: &str, anchors: &[Anchor], base: usize) -> CharIndex {
        let mut bytes: Vec<usize> = anchors.iter().flat_map(|a| [a.start - base, a.end - base]).collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut marks = Vec::with_capacity(bytes.len());
        let (mut next, mut count) = (bytes.iter().peekable(), 0);
        for (i, _) in window.char_indices() {
            while next.next_if(|&&b| b <= i).is_some() {
                marks.push((i, count));
            }
            count += 1;
        }
        marks.extend(next.map(|&b| (b, count)));
        CharIndex { marks, total: count, base }
    }

    /// Character offset of text byte `byte` (an anchor boundary).
    fn of(&self, byte: usize) -> usize {
        let b = byte - self.base;
        let k = self.marks.partition_point(|&(m, _)| m < b);
        self.marks.get(k).map_or(self.total, |&(_, c)| c)
    }

    /// Byte offset in `window` of character `char`.
    fn byte_at(&self, window: &str, char: usize) -> usize {
        window.char_indices().nth(char).map_or(window.len(), |(i, _)| i)
    }
}

/// Highlight ranges inside `range`, relative to it: every word hit of a
/// query term and every phrase hit, clipped, sorted and merged where they
/// overlap.
pub(super) fn highlights(found: &Found, matcher: &Matcher, range: &Range<usize>) -> Vec<(usize, usize)> {
    let terms = found.hits.iter().filter(|h| matcher.is_term(h.key)).map(|h| (h.start, h.end));
    let phrases = found.phrases.iter().map(|p| (p.start, p.end));
    let mut spans: Vec<(usize, usize)> = terms
        .chain(phrases)
        .map(|(s, e)| (s.max(range.start), e.min(range.end)))
        .filter(|(s, e)| s < e)
        .map(|(s, e)| (s - range.start, e - range.start))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(text: &str, word: &str, weight: u32) -> Anchor {
        let start = text.find(word).expect("word in text");
        Anchor { start, end: start + word.len(), weight }
    }

    fn assert_cut(text: &str, anchors: &[Anchor], max_chars: usize, expected: &str, before: bool, after: bool) {
        let cut = cut(text, 0..text.len(), anchors, max_chars);
        let shown = &text[cut.range.clone()];
        assert_eq!((shown, cut.before, cut.after), (expected, before, after));
        assert!(shown.chars().count() <= max_chars, "{shown:?} is longer than {max_chars}");
    }

    const LONG: &str = "Президент России Владимир Путин и лидер КНДР Ким Чен Ын проводят двустороннюю встречу в резиденции Дяоюйтай в Пекине, сообщает Кремль.";

    #[test]
    fn short_windows_are_not_cut() {
        assert_cut(LONG, &[], 200, LONG, false, false);
    }

    #[test]
    fn cuts_at_word_boundaries_keeping_the_match() {
        let a = [anchor(LONG, "двустороннюю", 1)];
        assert_cut(LONG, &a, 40, "проводят двустороннюю встречу в", true, true);
    }

    #[test]
    fn starts_at_the_window_start_when_the_match_is_near_it() {
        let a = [anchor(LONG, "Путин", 1)];
        assert_cut(LONG, &a, 60, "Президент России Владимир Путин и лидер КНДР Ким Чен Ын", false, true);
    }

    #[test]
    fn ends_at_the_window_end_when_the_match_is_near_it() {
        let a = [anchor(LONG, "Кремль", 1)];
        assert_cut(LONG, &a, 40, "Дяоюйтай в Пекине, сообщает Кремль.", true, false);
    }

    #[test]
    fn prefers_the_heaviest_group() {
        let a = [anchor(LONG, "России", 1), anchor(LONG, "Дяоюйтай", 1), anchor(LONG, "Пекине", 1)];
        let cut = cut(LONG, 0..LONG.len(), &a, 45);
        let shown = &LONG[cut.range];
        assert!(shown.contains("Дяоюйтай в Пекине") && !shown.contains("России"), "{shown}");
    }

    #[test]
    fn one_long_word_is_cut_inside() {
        let word = "о".repeat(30);
        assert_cut(&word, &[], 10, &"о".repeat(10), false, true);
    }

    #[test]
    fn highlights_merge_overlapping_spans() {
        let found = Found {
            sentences: std::iter::once(0..40).collect(),
            hits: vec![Hit { key: 0, start: 5, end: 10, pos: 1, sentence: 0 }],
            phrases: vec![PhraseHit { phrase: 0, start: 5, end: 20, first_sentence: 0, last_sentence: 0 }],
        };
        let matcher = Matcher::new(&crate::snippet::SnippetQuery { terms: vec!["а".into()], ..Default::default() });
        assert_eq!(highlights(&found, &matcher, &(0..40)), [(5, 20)]);
        assert_eq!(highlights(&found, &matcher, &(8..15)), [(0, 7)]);
        assert_eq!(highlights(&found, &matcher, &(20..40)), []);
    }
}
