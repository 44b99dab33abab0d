//! Stage 1: find every «…» span of a body, whatever it holds.
//!
//! Input: the raw body (paragraphs separated by `\n`). Output: spans in text
//! order that never overlap, each from its opening « to its own closing ».
//! The guillemets and line breaks (marks) are found once; a span's closing
//! » is then looked up, not scanned for, so that quotes nested deep or
//! never closed cost a little each, not the rest of their paragraph (which
//! made a body of unclosed quotes take time quadratic in its length).
//!
//! The rules, all from Russian news typography:
//! - nested «…» and „…“ inside a quote do not end it;
//! - a quotation over several paragraphs leaves its paragraphs open and opens
//!   each next one with «; line breaks inside a quote (news sites break lines
//!   around links) are followed by the closing » a little later;
//! - one » may close both a nested and the outer quote (`фанатами «Юнайтед»,
//!   — заявил`): when the paragraph ends with the outer quote still open, the
//!   inner » that is followed by the attribution dash closes it;
//! - an opening « that is never closed ends where the attribution dash
//!   begins, or at the end of its paragraph, and is flagged.

use super::text::skip_speech_dash;

/// How many paragraphs one quotation may continue over.
const MAX_PARAGRAPHS: usize = 30;
/// How many lines ahead a line break inside a quote may find its closing ».
const LINE_BREAK_LOOKAHEAD: usize = 3;

/// One «…» span, before anyone decides whether it is a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Offset of the opening «.
    pub start: usize,
    /// Offset just past the closing » (or the cut, when unclosed).
    pub end: usize,
    /// Offset of the first byte inside the guillemets.
    pub text_start: usize,
    /// Offset just past the last byte inside the guillemets.
    pub text_end: usize,
    /// True when no closing » was found.
    pub unclosed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    LineBreak,
}

const GUILLEMET_LEAD: u8 = 0xC2;
const OPEN_TAIL: u8 = 0xAB;
const CLOSE_TAIL: u8 = 0xBB;
/// Both guillemets are two bytes long in UTF-8.
const MARK_LEN: usize = 2;

/// Finds all «…» spans of `body`.
pub(crate) fn find_spans(body: &str) -> Vec<Span> {
    let marks = Marks::new(body);
    let mut spans = Vec::new();
    let mut from = 0;
    let mut next = 0;
    while let Some(open) = marks.next_open(&mut next, from) {
        let span = scan_span(body, &marks, open);
        from = span.end;
        spans.push(span);
    }
    spans
}

/// The marks of a body in text order, with what the scan of a span looks
/// up in them.
struct Marks {
    /// Where each mark is, and what it is.
    at: Vec<(usize, Mark)>,
    /// For each mark `i`, the first `t > i` with `depth[t] <= depth[i]`
    /// (`at.len() + 1` when there is none), where `depth[i]` counts the
    /// opening minus the closing guillemets before mark `i`. A span that
    /// opens at mark `i` closes at mark `t - 1` unless a line break ends it
    /// first.
    closing: Vec<usize>,
    /// For each mark `i`, the first mark `>= i` that is a » followed by the
    /// attribution dash (`at.len()` when there is none).
    dash_close: Vec<usize>,
    /// For each mark `i`, the first mark `>= i` that is a line break.
    line_break: Vec<usize>,
}

impl Marks {
    fn new(body: &str) -> Marks {
        let bytes = body.as_bytes();
        let mut at = Vec::new();
        for i in memchr::memchr2_iter(b'\n', GUILLEMET_LEAD, bytes) {
            match (bytes[i], bytes.get(i + 1)) {
                (b'\n', _) => at.push((i, Mark::LineBreak)),
                (_, Some(&OPEN_TAIL)) => at.push((i, Mark::Open)),
                (_, Some(&CLOSE_TAIL)) => at.push((i, Mark::Close)),
                _ => {}
            }
        }
        let n = at.len();
        let mut depth = Vec::with_capacity(n + 1);
        depth.push(0i64);
        for &(_, mark) in &at {
            let step = match mark {
                Mark::Open => 1,
                Mark::Close => -1,
                Mark::LineBreak => 0,
            };
            depth.push(depth[depth.len() - 1] + step);
        }
        // The next index with a depth no greater, by a stack of indices
        // whose depths rise strictly.
        let mut closing = vec![n + 1; n + 1];
        let mut stack: Vec<usize> = Vec::new();
        for t in 0..=n {
            while stack.last().is_some_and(|&i| depth[t] <= depth[i]) {
                if let Some(i) = stack.pop() {
                    closing[i] = t;
                }
            }
            stack.push(t);
        }
        let mut dash_close = vec![n; n + 1];
        let mut line_break = vec![n; n + 1];
        for i in (0..n).rev() {
            let (pos, mark) = at[i];
            let dash = mark == Mark::Close && skip_speech_dash(body, pos + MARK_LEN, false).is_some();
            dash_close[i] = if dash { i } else { dash_close[i + 1] };
            line_break[i] = if mark == Mark::LineBreak { i } else { line_break[i + 1] };
        }
        Marks { at, closing, dash_close, line_break }
    }

    fn pos(&self, i: usize) -> usize {
        self.at[i].0
    }

    /// The first opening guillemet at or after byte `from`, searching on
    /// from mark `next` (which it moves along).
    fn next_open(&self, next: &mut usize, from: usize) -> Option<usize> {
        while let Some(&(pos, mark)) = self.at.get(*next) {
            if pos >= from && mark == Mark::Open {
                return Some(*next);
            }
            *next += 1;
        }
        None
    }
}

/// Follows the span that opens at mark `open` to its own closing ».
fn scan_span(body: &str, marks: &Marks, open: usize) -> Span {
    let start = marks.pos(open);
    let n = marks.at.len();
    // The mark whose depth a closing » returns to: the opening one, or the
    // « that reopens the quote in a later paragraph.
    let mut base = open;
    // The first mark of the paragraph being read.
    let mut from = open + 1;
    let mut paragraphs = 0;
    loop {
        let line_break = marks.line_break[from];
        let close = marks.closing[base] - 1;
        if close < line_break {
            return closed(start, marks.pos(close));
        }
        // No » at the quote's depth in this paragraph: one followed by the
        // attribution dash may close it.
        let dash_close = marks.dash_close[from];
        if dash_close < line_break {
            return closed(start, marks.pos(dash_close));
        }
        if line_break == n {
            return unclosed(body, start, body.len());
        }
        match continuation(body, marks, line_break) {
            Some(next) if paragraphs < MAX_PARAGRAPHS => {
                paragraphs += 1;
                if let Some(reopen) = next.reopened {
                    base = reopen;
                }
                from = next.resume;
            }
            _ => return unclosed(body, start, marks.pos(line_break)),
        }
    }
}

fn closed(open: usize, close: usize) -> Span {
    Span { start: open, end: close + MARK_LEN, text_start: open + MARK_LEN, text_end: close, unclosed: false }
}

/// Where scanning resumes when a quote goes on past a line break.
struct Continuation {
    /// The first mark to read.
    resume: usize,
    /// The mark of the « that reopened the quote in the next paragraph.
    reopened: Option<usize>,
}

/// Decides whether the quote still open at the line break (mark `nl`)
/// goes on.
fn continuation(body: &str, marks: &Marks, nl: usize) -> Option<Continuation> {
    let next = marks.pos(nl) + 1;
    let rest = &body[next..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with('«') {
        // Only blanks stand between: the « is the next mark.
        return Some(Continuation { resume: nl + 2, reopened: Some(nl + 1) });
    }
    // A line break inside the quote: the first guillemet of the next few
    // lines is the closing one.
    let mut lines = 0;
    for &(_, mark) in &marks.at[nl + 1..] {
        match mark {
            Mark::Close => return Some(Continuation { resume: nl + 1, reopened: None }),
            Mark::Open => return None,
            Mark::LineBreak => {
                lines += 1;
                if lines >= LINE_BREAK_LOOKAHEAD {
                    return None;
                }
            }
        }
    }
    None
}

/// A quote that is never closed: it ends where its attribution begins
/// (`…, — сказал он`) or at the end of its paragraph, and no further than
/// `para_end`. The text is read no further than that end, so that quotes
/// cut early cost little however long their paragraph.
fn unclosed(body: &str, open: usize, para_end: usize) -> Span {
    let text_start = open + MARK_LEN;
    let limit = para_end.max(text_start);
    let bytes = &body.as_bytes()[..limit];
    let mut line_end = limit;
    let mut cut = None;
    let mut from = text_start;
    while let Some(at) = memchr::memchr2(b',', b'\n', &bytes[from..]).map(|i| from + i) {
        if bytes[at] == b'\n' {
            line_end = at;
            break;
        }
        let speech = skip_speech_dash(body, at, true);
        if speech.is_some_and(|word| body[word..].chars().next().is_some_and(char::is_lowercase)) {
            cut = Some(at);
            break;
        }
        from = at + 1;
    }
    let end = cut.unwrap_or_else(|| text_start + body[text_start..line_end].trim_end().len());
    Span { start: open, end: end.max(text_start), text_start, text_end: end.max(text_start), unclosed: true }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans as the scan found them before marks were looked up: each
    /// span read mark by mark to its end. The test of `find_spans`.
    fn naive_spans(body: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(offset) = body[from..].find('«') {
            let span = naive_scan(body, from + offset);
            from = span.end;
            spans.push(span);
        }
        spans
    }

    /// The next guillemet or line break at or after `pos`.
    fn next_mark(bytes: &[u8], pos: usize) -> Option<(usize, Mark)> {
        let mut i = pos;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => return Some((i, Mark::LineBreak)),
                GUILLEMET_LEAD => match bytes.get(i + 1) {
                    Some(&OPEN_TAIL) => return Some((i, Mark::Open)),
                    Some(&CLOSE_TAIL) => return Some((i, Mark::Close)),
                    _ => {}
                },
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// Follows the span that opens at `open` to its own closing ».
    fn naive_scan(body: &str, open: usize) -> Span {
        let bytes = body.as_bytes();
        let mut depth = 1usize;
        let mut pos = open + MARK_LEN;
        // An inner » followed by the attribution dash: it may close both quotes.
        let mut double_close = None;
        let mut paragraphs = 0;
        while let Some((at, mark)) = next_mark(bytes, pos) {
            match mark {
                Mark::Open => depth += 1,
                Mark::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return closed(open, at);
                    }
                    if double_close.is_none() && skip_speech_dash(body, at + MARK_LEN, false).is_some() {
                        double_close = Some(at);
                    }
                }
                Mark::LineBreak => {
                    if let Some(close) = double_close {
                        return closed(open, close);
                    }
                    match naive_continuation(body, at) {
                        Some(next) if paragraphs < MAX_PARAGRAPHS => {
                            paragraphs += 1;
                            pos = next.resume;
                            if next.reopened {
                                depth = 1;
                            }
                            continue;
                        }
                        _ => return unclosed(body, open, at),
                    }
                }
            }
            pos = at + MARK_LEN;
        }
        match double_close {
            Some(close) => closed(open, close),
            None => unclosed(body, open, body.len()),
        }
    }

    /// Where scanning resumes when a quote goes on past a line break.
    struct NaiveContinuation {
        resume: usize,
        /// The next paragraph reopened the quote with «.
        reopened: bool,
    }

    /// Decides whether the quote still open at the line break `nl` goes on.
    fn naive_continuation(body: &str, nl: usize) -> Option<NaiveContinuation> {
        let next = nl + 1;
        let rest = &body[next..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('«') {
            let at = body.len() - trimmed.len();
            return Some(NaiveContinuation { resume: at + MARK_LEN, reopened: true });
        }
        // A line break inside the quote: the first guillemet of the next few
        // lines is the closing one.
        let bytes = body.as_bytes();
        let mut pos = next;
        let mut lines = 0;
        while let Some((at, mark)) = next_mark(bytes, pos) {
            match mark {
                Mark::Close => {
                    return Some(NaiveContinuation { resume: next, reopened: false });
                }
                Mark::Open => return None,
                Mark::LineBreak => {
                    lines += 1;
                    if lines >= LINE_BREAK_LOOKAHEAD {
                        return None;
                    }
                    pos = at + 1;
                }
            }
        }
        None
    }

    /// Guillemets, line breaks, dashes and a few letters, in any order.
    fn soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        const PIECES: &[&str] =
            &["«", "»", "\n", " ", "\t", ",", " — ", ", — сказал", "а", "Б", "«Да»", "«да, — ", "„", "“"];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #[test]
        fn spans_are_those_of_the_mark_by_mark_scan(body in soup()) {
            proptest::prop_assert_eq!(find_spans(&body), naive_spans(&body));
        }
    }

    /// The texts inside the guillemets of every span of `body`.
    fn inner(body: &str) -> Vec<&str> {
        find_spans(body).iter().map(|s| &body[s.text_start..s.text_end]).collect()
    }

    fn assert_spans(body: &str, expected: &[&str]) {
        assert_eq!(inner(body), expected, "body: {body}");
    }

    #[test]
    fn simple_and_nested() {
        assert_spans(
            "Он сказал: «Мы поддержим «Зенит» и „Спартак“». Потом «Аурус».",
            &["Мы поддержим «Зенит» и „Спартак“", "Аурус"],
        );
    }

    #[test]
    fn one_closer_for_two_quotes() {
        let body = "«Нас поддержали фанатами «Юнайтед», — заявил тренер. Матч «Зенита» прошёл.";
        assert_spans(body, &["Нас поддержали фанатами «Юнайтед", "Зенита"]);
    }

    #[test]
    fn quote_over_paragraphs_is_one_span() {
        let body = "«Первый абзац речи.\n«Второй абзац», — сказал он.\nДалее.";
        let spans = find_spans(body);
        assert_eq!(spans.len(), 1);
        assert_eq!(&body[spans[0].text_start..spans[0].text_end], "Первый абзац речи.\n«Второй абзац");
        assert!(!spans[0].unclosed);
    }

    #[test]
    fn line_breaks_inside_quote() {
        let body = "«Линии ВЛ (воздушной линии. — \nRT\n), по которым шёл ток», — говорится.";
        assert_spans(body, &["Линии ВЛ (воздушной линии. — \nRT\n), по которым шёл ток"]);
    }

    #[test]
    fn unclosed_ends_at_attribution_or_paragraph() {
        let body = "«Мы будем работать, — сказал он. «Газпром» вырос.\n«Без конца\nНовый абзац «Известия».";
        let spans = find_spans(body);
        let texts: Vec<&str> = spans.iter().map(|s| &body[s.text_start..s.text_end]).collect();
        assert_eq!(texts, ["Мы будем работать", "Газпром", "Без конца", "Известия"]);
        assert!(spans[0].unclosed && spans[2].unclosed && !spans[1].unclosed);
    }

    #[test]
    fn bracketed_insert_stays_inside() {
        let body = "«новым Договором [о всеобъемлющем партнёрстве», - сказал Путин.";
        assert_spans(body, &["новым Договором [о всеобъемлющем партнёрстве"]);
    }

    #[test]
    fn lone_guillemet_at_end() {
        let spans = find_spans("текст «");
        assert_eq!(spans.len(), 1);
        assert!(spans[0].start < spans[0].end && spans[0].unclosed);
    }
}
