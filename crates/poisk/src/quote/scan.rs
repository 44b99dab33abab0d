//! Byte scans that jump straight to the capitalised words of a body and find
//! the word before a position, so that collecting names does not walk every
//! lower-case word of an article.
//!
//! Both agree exactly with [`words`]: a word found here is a word `words`
//! yields over the same range, with the same byte range.

use super::lexicon::is_article_name;
use super::text::{Word, char_at, is_word_char, words};
use crate::text::{is_accent, is_invisible};

/// The next word of `text[from..to]` that starts at or after `cursor` and
/// whose first letter may be upper-case. `from` is where the word sequence
/// starts (a word is never cut there). Lower-case Cyrillic and ASCII bytes
/// are skipped without decoding.
pub(crate) fn next_upper_word(text: &str, from: usize, cursor: usize, to: usize) -> Option<Word<'_>> {
    let bytes = text.as_bytes();
    let mut i = cursor;
    while i < to {
        // Most of a Russian body is lower-case Cyrillic (two bytes), spaces
        // and punctuation: step over them without decoding.
        let step = match bytes[i] {
            b'A'..=b'Z' => 0,
            0xD0 if bytes.get(i + 1).is_some_and(|&b| b >= 0xB0) => 2,
            0xD1 if bytes.get(i + 1).is_some_and(|&b| b < 0xA0) => 2,
            lead if lead < 0xC0 => 1,
            _ => 0,
        };
        if step > 0 {
            i += step;
            continue;
        }
        // `i` starts a char that may be upper-case: an ASCII or Cyrillic
        // capital, another script's letter, or punctuation such as `«`.
        let (c, len) = char_at(text, i);
        // A mark goes on inside a word, never starts one.
        if !is_word_char(c) || is_accent(c) {
            i += len;
            continue;
        }
        if starts_word(text, from, i) {
            return words(text, i, to).next();
        }
        // `аль-Абади` is a name word that starts with its article.
        if let Some(start) = article_before(text, from, i) {
            return words(text, start, to).next();
        }
        // Inside a word (`Народно-Демократической`, `iPhone`): skip to its end.
        i = words(text, i, to).next().map_or(to, |w| w.end);
    }
    None
}

/// Where the word starts when the letter at `pos` follows an Arabic
/// article and its hyphen that start a word: `аль-` of `аль-Абади`.
fn article_before(text: &str, from: usize, pos: usize) -> Option<usize> {
    let hyphen = pos.checked_sub(1).filter(|&h| h >= from && text.as_bytes()[h] == b'-')?;
    let start = (1..=3).map(|letters| hyphen.checked_sub(2 * letters)).find_map(|start| {
        let start = start.filter(|&s| s >= from && text.is_char_boundary(s))?;
        (starts_word(text, from, start) && is_article_name(words(text, start, text.len()).next()?.text))
            .then_some(start)
    })?;
    Some(start)
}

/// True when a word of `text[from..]` starts at the char boundary `pos`:
/// the char before it (and before the marks in front of it, which go on
/// inside a word but never start one) neither is a letter nor a hyphen
/// after a letter.
fn starts_word(text: &str, from: usize, pos: usize) -> bool {
    let mut before = char_before(text, from, pos);
    while let Some((_, at)) = before.filter(|&(c, _)| is_word_char(c) && is_accent(c)) {
        before = char_before(text, from, at);
    }
    let Some((c, at)) = before else {
        return true;
    };
    if is_word_char(c) {
        return false;
    }
    c != '-' || !char_before(text, from, at).is_some_and(|(c, _)| is_word_char(c))
}

/// The word of `text[from..pos]` closest before `pos`, as [`words`] would cut it.
pub(crate) fn word_before(text: &str, from: usize, pos: usize) -> Option<Word<'_>> {
    let mut end = pos;
    loop {
        // Skip back over the gap between words.
        loop {
            let (c, at) = char_before(text, from, end)?;
            if is_word_char(c) {
                break;
            }
            end = at;
        }
        let mut start = end;
        while let Some((c, at)) = char_before(text, from, start) {
            if is_word_char(c) {
                start = at;
                continue;
            }
            // A hyphen between two letters is inside the word: `поток-2`.
            match char_before(text, from, at) {
                Some((prev, prev_at)) if c == '-' && is_word_char(prev) => start = prev_at,
                _ => break,
            }
        }
        let run_start = start;
        // A word starts at a letter or digit, past any marks in front of it.
        while let Some((_, n)) = (start < end).then(|| char_at(text, start)).filter(|&(c, _)| is_accent(c)) {
            start += n;
        }
        if start == end {
            // Marks alone are no word: look before them.
            end = run_start;
            continue;
        }
        // Nor do invisible characters end one.
        while let Some((_, at)) = char_before(text, start, end).filter(|&(c, _)| is_invisible(c)) {
            end = at;
        }
        return Some(Word { text: &text[start..end], start, end });
    }
}

/// The char that ends at `pos` and where it starts, unless that is before `from`.
fn char_before(text: &str, from: usize, pos: usize) -> Option<(char, usize)> {
    if pos <= from {
        return None;
    }
    let bytes = text.as_bytes();
    let mut at = pos - 1;
    while at > from && bytes[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    Some((char_at(text, at).0, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word that `next_upper_word` and `word_before` report agrees with `words`.
    fn assert_agrees_with_words(text: &str) {
        let all: Vec<Word<'_>> = words(text, 0, text.len()).collect();
        let upper: Vec<Word<'_>> = all.iter().copied().filter(|w| w.text.starts_with(char::is_uppercase)).collect();
        let mut found = Vec::new();
        let mut cursor = 0;
        while let Some(w) = next_upper_word(text, 0, cursor, text.len()) {
            cursor = w.end;
            if w.text.starts_with(char::is_uppercase) {
                found.push(w);
            }
        }
        assert_eq!(found, upper, "{text}");
        for (i, w) in all.iter().enumerate().skip(1) {
            assert_eq!(word_before(text, 0, w.start), Some(all[i - 1]), "{text}");
        }
    }

    #[test]
    fn finds_capitals_as_words_does() {
        assert_agrees_with_words("лидер КНДР Ким Чен Ын, «Северный поток-2» - сказал Путин.");
        assert_agrees_with_words("Народно-Демократической Республики iPhone x--Путин -Ын Émile Єва");
        assert_agrees_with_words("в 2025-м году, по словам В. Путина, — «Да»");
        assert_agrees_with_words("карьер—Тереза Мэй…Мэй\u{a0}Мэй «Ким»Чен");
        assert_agrees_with_words(
            "И\u{301}длиб Пу\u{301}тин \u{301}Ын «\u{AD}Ким» Чен-\u{301}Ын\u{202C} Мэй\u{200B}Мэй",
        );
        assert_agrees_with_words("Мухин\u{200F} \u{200F} Ын \u{301} горе\u{301} Ким\u{200F}Чен\u{200F}\u{301} Ын");
    }

    #[test]
    fn word_before_stops_at_the_range() {
        let text = "Путин-Ын сказал";
        let ын = text.find("Ын").unwrap();
        assert_eq!(word_before(text, ын - 1, ын + "Ын".len()).map(|w| w.text), Some("Ын"));
        assert_eq!(word_before(text, 0, 0), None);
        assert_eq!(word_before(text, 0, text.len() - "сказал".len()).map(|w| w.text), Some("Путин-Ын"));
    }
}
