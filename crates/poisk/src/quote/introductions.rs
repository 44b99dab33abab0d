//! Whether a name is introduced by a role or by `по словам`/`по мнению` in
//! the few words before it (`лидер КНДР Ким Чен Ын`, `по словам Пескова`).
//!
//! The windows before neighbouring names overlap, so the words are read
//! once: [`Introductions`] remembers how far it has read and the last
//! introducing word it saw, and answers for names in text order.

use super::lexicon::is_role;
use super::text::{Word, clause_window_before, words};

/// How far before a name its introduction (`эксперт`, `лидер КНДР`) may
/// begin, in bytes: about nine words, as a role often names a long body
/// (`по мнению директора Международного института новейших государств
/// Алексея Мартынова`). 100 bytes left such names unintroduced.
pub(crate) const INTRODUCTION_BYTES: usize = 160;

/// A word that introduces the name after it: a role noun or `по
/// мнению`/`по словам`.
fn introduces(word: &Word<'_>) -> bool {
    word.is_lowercase() && (is_role(word.text) || word.text == "мнению" || word.text == "словам")
}

/// Answers "is the name at `pos` introduced?" for names in text order,
/// reading each word of the overlapping windows once.
#[derive(Debug)]
pub(crate) struct Introductions<'a> {
    body: &'a str,
    /// Where the current reading started and how far it got. The words read
    /// are `words(body, start, read_to)`.
    start: usize,
    read_to: usize,
    /// Start of the last introducing word read, if any.
    last: Option<usize>,
}

impl<'a> Introductions<'a> {
    /// Nothing read yet.
    pub fn new(body: &'a str) -> Self {
        Introductions { body, start: 0, read_to: 0, last: None }
    }

    /// True when an introducing word stands among the words of the window
    /// before `pos` (see [`clause_window_before`]) — the same answer as reading
    /// `words(body, window, pos)`. `pos` must start a word and must not
    /// decrease between calls.
    pub fn before(&mut self, pos: usize) -> bool {
        let body = self.body;
        let from = clause_window_before(body, pos, INTRODUCTION_BYTES);
        // The window's first word may be the tail of a longer word cut at
        // `from`; it is judged as the window reads it.
        let Some(first) = words(body, from, pos).next() else {
            return false;
        };
        if introduces(&first) {
            return true;
        }
        if from < self.start || from >= self.read_to || pos < self.read_to {
            // No overlap with what was read: start again at the window.
            *self = Introductions { body, start: from, read_to: from, last: None };
        }
        self.last = words(body, self.read_to, pos).filter(introduces).last().map(|w| w.start).or(self.last);
        self.read_to = pos;
        // After the first word both readings cut the same words.
        self.last.is_some_and(|start| start >= first.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asks about every capitalised word of `body` in order and checks each
    /// answer against reading its window afresh.
    fn assert_same_as_fresh_windows(body: &str) -> Vec<bool> {
        let mut introductions = Introductions::new(body);
        let mut answers = Vec::new();
        for w in words(body, 0, body.len()).filter(Word::is_capitalised) {
            let fresh =
                words(body, clause_window_before(body, w.start, INTRODUCTION_BYTES), w.start).any(|w| introduces(&w));
            assert_eq!(introductions.before(w.start), fresh, "{}", w.text);
            answers.push(fresh);
        }
        answers
    }

    #[test]
    fn roles_and_by_words_introduce() {
        let body = "Переговоры провели президент России Владимир Путин и лидер КНДР Ким Чен Ын. По словам Пескова, \
                    встреча прошла хорошо. Эксперт Иванов согласен.";
        let answers = assert_same_as_fresh_windows(body);
        // Переговоры, России … Ын, По, Пескова, Эксперт, Иванов: a role must
        // be written in lower case, so `Эксперт` at a sentence start is not one.
        assert_eq!(answers, [false, true, true, true, true, true, true, false, true, false, false]);
    }

    #[test]
    fn long_gaps_and_cut_words_match_fresh_windows() {
        let filler = "и снова долго говорили о погоде ".repeat(5);
        assert_same_as_fresh_windows(&format!("эксперт Иванов {filler}Петров, председатель-эксперт Сидоров"));
        assert_same_as_fresh_windows(&format!("{filler}руководителем Петров {filler}Орлов"));
    }
}
