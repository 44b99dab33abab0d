//! Stage 1: find every «…» span of a body, whatever it holds.
//!
//! Input: the raw body (paragraphs separated by `\n`). Output: spans in text
//! order that never overlap, each from its opening « to its own closing ».
//! The scan jumps from one guillemet or line break to the next, so the cost is
//! a byte search over the text plus a little work per mark.
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

use super::text::{paragraph_end, skip_speech_dash};

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
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(offset) = body[from..].find('«') {
        let span = scan_span(body, from + offset);
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
fn scan_span(body: &str, open: usize) -> Span {
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
                match continuation(body, at) {
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

fn closed(open: usize, close: usize) -> Span {
    Span { start: open, end: close + MARK_LEN, text_start: open + MARK_LEN, text_end: close, unclosed: false }
}

/// Where scanning resumes when a quote goes on past a line break.
struct Continuation {
    resume: usize,
    /// The next paragraph reopened the quote with «.
    reopened: bool,
}

/// Decides whether the quote still open at the line break `nl` goes on.
fn continuation(body: &str, nl: usize) -> Option<Continuation> {
    let next = nl + 1;
    let rest = &body[next..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with('«') {
        let at = body.len() - trimmed.len();
        return Some(Continuation { resume: at + MARK_LEN, reopened: true });
    }
    // A line break inside the quote: the first guillemet of the next few
    // lines is the closing one.
    let bytes = body.as_bytes();
    let mut pos = next;
    let mut lines = 0;
    while let Some((at, mark)) = next_mark(bytes, pos) {
        match mark {
            Mark::Close => {
                return Some(Continuation { resume: next, reopened: false });
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

/// A quote that is never closed: it ends where its attribution begins
/// (`…, — сказал он`) or at the end of its paragraph `para_end`.
fn unclosed(body: &str, open: usize, para_end: usize) -> Span {
    let text_start = open + MARK_LEN;
    let para_end = para_end.max(text_start).min(paragraph_end(body, text_start));
    let inside = &body[text_start..para_end];
    let cut = inside.match_indices(',').map(|(i, _)| text_start + i).find(|&comma| {
        skip_speech_dash(body, comma, true)
            .is_some_and(|word| body[word..].chars().next().is_some_and(char::is_lowercase))
    });
    let end = cut.unwrap_or_else(|| text_start + inside.trim_end().len());
    Span { start: open, end: end.max(text_start), text_start, text_end: end.max(text_start), unclosed: true }
}

#[cfg(test)]
mod tests {
    use super::*;

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
