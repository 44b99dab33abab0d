//! How good a window of sentences is as a snippet.
//!
//! The score rewards, from most to least: each distinct phrase found, each
//! distinct query term, each distinct word of a phrase found without its
//! phrase, a few repeats of terms, and query words close together. A mild
//! penalty for the position in the text breaks ties in favour of the lead.

use super::r#match::{Hit, Matcher, PhraseHit};

/// Weight of each distinct phrase in the window.
const PHRASE: f32 = 4.0;
/// Weight of each distinct query term.
const TERM: f32 = 2.0;
/// Weight of each distinct word that only belongs to phrases.
const PHRASE_WORD: f32 = 0.5;
/// Weight of each repeated term, and the most repeats that count.
const REPEAT: f32 = 0.25;
const MAX_REPEATS: u32 = 4;
/// Most the position penalty takes away, for the last sentence of the text.
const POSITION: f32 = 0.5;

/// The query matches in a window of sentences.
pub(super) struct WindowMatches<'a> {
    /// Word hits, in text order.
    pub hits: &'a [Hit],
    /// Phrase hits wholly inside the window, in text order.
    pub phrases: &'a [PhraseHit],
}

/// Scores a window that starts at byte `start` of a text of `text_len`
/// bytes.
pub(super) fn score(matcher: &Matcher, window: &WindowMatches<'_>, start: usize, text_len: usize) -> f32 {
    let (mut terms, mut words, mut term_hits) = (0u64, 0u64, 0u32);
    for hit in window.hits {
        if matcher.is_term(hit.key) {
            terms |= 1 << hit.key;
            term_hits += 1;
        } else {
            words |= 1 << hit.key;
        }
    }
    let phrases = window.phrases.iter().fold(0u64, |mask, p| mask | 1 << p.phrase);
    let repeats = (term_hits - terms.count_ones()).min(MAX_REPEATS);
    let position = POSITION * start as f32 / text_len.max(1) as f32;
    PHRASE * phrases.count_ones() as f32
        + TERM * terms.count_ones() as f32
        + PHRASE_WORD * words.count_ones() as f32
        + REPEAT * repeats as f32
        + proximity(window.hits)
        - position
}

/// Up to one point per extra distinct word, less the further apart the
/// closest group of all the distinct words is.
fn proximity(hits: &[Hit]) -> f32 {
    let distinct = hits.iter().fold(0u64, |mask, h| mask | 1 << h.key).count_ones();
    if distinct < 2 {
        return 0.0;
    }
    let span = shortest_span(hits, distinct);
    let extra = span.saturating_sub(distinct) as f32;
    (distinct - 1) as f32 / (1.0 + extra / 4.0)
}

/// The fewest consecutive words that hold one hit of each of the `distinct`
/// stems among `hits` (in text order): a sliding window with counts per stem.
fn shortest_span(hits: &[Hit], distinct: u32) -> u32 {
    let mut counts = [0u32; super::r#match::MAX_KEYS];
    let (mut covered, mut left, mut best) = (0, 0, u32::MAX);
    for right in 0..hits.len() {
        let key = hits[right].key;
        counts[key] += 1;
        if counts[key] == 1 {
            covered += 1;
        }
        while covered == distinct {
            best = best.min(hits[right].pos - hits[left].pos + 1);
            let gone = hits[left].key;
            counts[gone] -= 1;
            if counts[gone] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippet::SnippetQuery;

    fn hit(key: usize, pos: u32) -> Hit {
        Hit { key, start: 0, end: 0, pos, sentence: 0 }
    }

    fn matcher(terms: &[&str], phrases: &[&[&str]]) -> Matcher {
        Matcher::new(&SnippetQuery {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            phrases: phrases.iter().map(|p| (p.iter().map(|t| t.to_string()).collect(), 0)).collect(),
            ..SnippetQuery::default()
        })
    }

    fn score_of(m: &Matcher, hits: &[Hit], phrases: &[PhraseHit], start: usize) -> f32 {
        score(m, &WindowMatches { hits, phrases }, start, 1000)
    }

    #[test]
    fn shortest_span_finds_the_tightest_group() {
        let hits = [hit(0, 1), hit(1, 10), hit(0, 12), hit(2, 13), hit(1, 14)];
        assert_eq!(shortest_span(&hits, 3), 3);
        assert_eq!(shortest_span(&hits[..2], 2), 10);
    }

    #[test]
    fn distinct_terms_outweigh_repeats() {
        let m = matcher(&["путин", "ким"], &[]);
        let two = score_of(&m, &[hit(0, 1), hit(1, 30)], &[], 0);
        let repeats = score_of(&m, &[hit(0, 1), hit(0, 5), hit(0, 9), hit(0, 12), hit(0, 20)], &[], 0);
        assert!(two > repeats, "{two} <= {repeats}");
    }

    #[test]
    fn a_phrase_outweighs_its_words_apart() {
        let m = matcher(&[], &[&["курск", "област"]]);
        let phrase = PhraseHit { phrase: 0, start: 0, end: 0, first_sentence: 0, last_sentence: 0 };
        let together = score_of(&m, &[hit(0, 1), hit(1, 2)], &[phrase], 0);
        let apart = score_of(&m, &[hit(0, 1), hit(1, 9)], &[], 0);
        assert!(together > apart + 3.0, "{together} vs {apart}");
    }

    #[test]
    fn closer_words_and_earlier_sentences_score_higher() {
        let m = matcher(&["путин", "ким"], &[]);
        let near = score_of(&m, &[hit(0, 1), hit(1, 2)], &[], 0);
        let far = score_of(&m, &[hit(0, 1), hit(1, 20)], &[], 0);
        let late = score_of(&m, &[hit(0, 1), hit(1, 2)], &[], 900);
        assert!(near > far && near > late, "{near} {far} {late}");
        assert!(late > far, "position should be a mild preference only");
    }
}
