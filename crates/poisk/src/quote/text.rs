//! Small text helpers shared by the quote stages: words with byte ranges,
//! letter case, and the punctuation that introduces or follows speech.
//!
//! Everything here borrows from the body and works on byte offsets, so the
//! stages never allocate per word.

/// A word of the body: letters, digits and inner hyphens, with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    /// `Путин`, `Ын`, `Чен`: an upper-case letter followed by lower-case ones.
    /// All-capital acronyms (`КНДР`, `RT`) are not names of people.
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        first.is_uppercase() && chars.next().is_some_and(char::is_lowercase)
    }

    /// True when the word starts with a lower-case letter.
    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// True when the word ends with `suffix` (compared as written).
    pub fn ends_with(&self, suffix: &str) -> bool {
        self.text.ends_with(suffix)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text[from..to]`, in order. Hyphenated words (`Народно-Демократической`)
/// stay one word.
pub(crate) fn words(text: &str, from: usize, to: usize) -> impl Iterator<Item = Word<'_>> {
    let slice = &text[from..to];
    let mut iter = slice.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next word character.
        let (start, _) = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = slice.len();
        while let Some(&(i, c)) = iter.peek() {
            let joins = c == '-' && slice[i + 1..].chars().next().is_some_and(is_word_char);
            if is_word_char(c) || joins {
                iter.next();
            } else {
                end = i;
                break;
            }
        }
        Some(Word { text: &slice[start..end], start: from + start, end: from + end })
    })
}

/// Start of the sentence that contains `pos`: just past the `.`, `!`, `?`,
/// `…` or line break that ends the sentence before it.
pub(crate) fn sentence_start(text: &str, pos: usize) -> usize {
    let head = &text[..pos];
    let mut start = 0;
    for (i, c) in head.char_indices().rev() {
        if c == '\n' {
            start = i + 1;
            break;
        }
        if matches!(c, '.' | '!' | '?' | '…') && head[i + c.len_utf8()..].starts_with(' ') {
            // `Д. Песков` and `т. е.` do not end sentences: the word before a
            // full stop must be longer than one letter.
            if c != '.' || !is_abbreviation(&head[..i]) {
                start = i + c.len_utf8();
                break;
            }
        }
    }
    start
}

/// End of the sentence that contains `pos`: just before `.`, `!`, `?` or the
/// line break that closes it, or the end of the text.
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    let tail = &text[pos..];
    for (i, c) in tail.char_indices() {
        if c == '\n' {
            return pos + i;
        }
        if matches!(c, '.' | '!' | '?') {
            let next = tail[i + 1..].chars().next();
            let at_break = next.is_none_or(|n| n == ' ' || n == '\n');
            if at_break && (c != '.' || !is_abbreviation(&text[..pos + i])) {
                return pos + i;
            }
        }
    }
    text.len()
}

/// True when the text before a full stop ends with an initial (`В.`) or a
/// common abbreviation (`св.`, `им.`, `млн.`), which do not end
/// sentences.
fn is_abbreviation(before: &str) -> bool {
    const SHORT: &[&str] = &["св", "им", "ул", "гг", "вв", "пр", "см", "ст", "тыс", "млн", "млрд", "руб", "долл"];
    let start =
        before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    word.chars().count() == 1 || SHORT.contains(&word)
}

/// End of the paragraph (the next `\n`, or the end of the text) from `pos`.
pub(crate) fn paragraph_end(text: &str, pos: usize) -> usize {
    text[pos..].find('\n').map_or(text.len(), |i| pos + i)
}

/// Start of the paragraph that contains `pos`.
pub(crate) fn paragraph_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// If `text[pos..]` begins with the dash that hands over from a quote to its
/// attribution (`, — `, `, - `, `,— `, ` — `, `— `), the offset just past it.
/// `comma` says whether the comma is required.
pub(crate) fn skip_speech_dash(text: &str, pos: usize, comma: bool) -> Option<usize> {
    let tail = &text[pos..];
    let (tail, had_comma) = match tail.strip_prefix(',') {
        Some(rest) => (rest, true),
        None => (tail, false),
    };
    if comma && !had_comma {
        return None;
    }
    let tail_trim = tail.trim_start_matches(' ');
    let dash = tail_trim.chars().next()?;
    if !matches!(dash, '—' | '–' | '-') {
        return None;
    }
    let after = &tail_trim[dash.len_utf8()..];
    if !after.starts_with(' ') {
        return None;
    }
    Some(text.len() - after.trim_start_matches(' ').len())
}

/// The speech verbs that attribute a quote, by their stem. They are words
/// about speaking, not names: `сказал`, `заявила`, `говорится`, `пишет`.
const SPEECH_STEMS: &[&str] = &[
    "сказ",
    "заяв",
    "отмет",
    "отмеч",
    "добав",
    "подчерк",
    "подчёрк",
    "рассказ",
    "поясн",
    "написа",
    "пишет",
    "сообщ",
    "говор",
    "призна",
    "уточн",
    "заключ",
    "считает",
    "полага",
    "ответ",
    "отвеч",
    "цитир",
    "процитир",
    "привод",
    "констатир",
    "резюмир",
    "объясн",
    "утвержд",
    "указ",
    "напомн",
    "предупред",
    "коммент",
    "восклик",
    "завер",
    "убежд",
    "уверен",
    "парир",
    "продолж",
    "выраз",
    "сет",
    "посет",
    "жалу",
    "подел",
    "дел",
    "спрашива",
    "спрос",
    "возмущ",
    "настаива",
    "акцент",
    "подыто",
    "переда",
    "рассужда",
    "размышля",
    "вспомина",
    "вспомн",
    "пошут",
    "шут",
    "иронизир",
    "замет",
    "обрат",
    "призв",
    "призыва",
    "пообещ",
    "обеща",
    "заверя",
    "убежда",
    "поделил",
    "высказ",
    "твит",
    "предполож",
    "допуск",
    "допуст",
    "оценил",
    "оценива",
    "описа",
    "описыва",
    "признаё",
    "признае",
    "сформулир",
    "провозгла",
    "объявил",
    "объявля",
    "возраз",
    "согласи",
    "соглаша",
    "подтверд",
    "подтвержда",
    "опроверг",
    "настоя",
    "убеди",
    "заключа",
    "ответил",
    "прокоммент",
    "рассуди",
    "пожалова",
    "похвал",
    "похвастал",
    "предложи",
    "предлага",
    "добавля",
    "вырази",
    "поясня",
    "пояснил",
    "посчита",
    "дума",
    "подумал",
    "крикну",
    "крича",
    "кричал",
    "отрапорт",
    "доложи",
    "резюм",
    "сообща",
    "извини",
    "поблагодар",
    "благодари",
    "признал",
    "сокруша",
    "негодуе",
    "смеё",
    "смеет",
    "улыба",
    "вздохну",
    "уточня",
    "заверил",
];

/// True when `word` (lower-case) is a speech verb: `сказал`, `заявила`,
/// `говорится`, `отмечается`, `пишет`.
pub(crate) fn is_speech_verb(word: &str) -> bool {
    SPEECH_STEMS.iter().any(|stem| word.starts_with(stem)) && looks_like_verb(word)
}

/// A cheap test that a lower-case Russian word is a finite verb or a
/// participle of speech (`сказал`, `пишет`, `говорится`, `отметив`).
pub(crate) fn looks_like_verb(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "л", "ла", "ли", "ло", "лся", "лась", "лись", "ет", "ит", "ют", "ят", "ут", "ется", "ится", "ются", "ятся",
        "ется", "ав", "ив", "ев", "ёт", "ешь", "им", "ем",
    ];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Grammatical gender implied by a past-tense verb: `сказал` is masculine,
/// `сказала` feminine; other forms say nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Masculine,
    Feminine,
    Unknown,
}

impl Gender {
    /// The gender a past-tense verb agrees with.
    pub fn of_verb(word: &str) -> Gender {
        if word.ends_with("ла") || word.ends_with("лась") {
            Gender::Feminine
        } else if word.ends_with('л') || word.ends_with("лся") {
            Gender::Masculine
        } else {
            Gender::Unknown
        }
    }

    /// True unless the two genders are known and differ.
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// True when `word` is a past-tense verb (`назвал`, `предлагал`, `отметила`).
pub(crate) fn is_past_verb(word: &Word<'_>) -> bool {
    word.is_lowercase()
        && word.text.chars().count() > 3
        && (word.ends_with("л")
            || word.ends_with("ла")
            || word.ends_with("ли")
            || word.ends_with("лся")
            || word.ends_with("лась"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_texts(text: &str) -> Vec<&str> {
        words(text, 0, text.len()).map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_hyphens_and_ranges() {
        let text = "лидер КНДР Ким Чен Ын, «Северный поток-2» - сказал";
        assert_eq!(word_texts(text), ["лидер", "КНДР", "Ким", "Чен", "Ын", "Северный", "поток-2", "сказал"]);
        let w = words(text, 0, text.len()).nth(2).unwrap();
        assert_eq!(&text[w.start..w.end], "Ким");
    }

    #[test]
    fn capitalised_excludes_acronyms() {
        let text = "Путин КНДР RT путин Ын";
        let caps: Vec<bool> = words(text, 0, text.len()).map(|w| w.is_capitalised()).collect();
        assert_eq!(caps, [true, false, false, false, true]);
    }

    #[test]
    fn speech_dash_variants() {
        for tail in ["», — сказал", "», - сказал", "»,— сказал", "» — сказал"] {
            let pos = '»'.len_utf8();
            let at = skip_speech_dash(tail, pos, false).unwrap();
            assert_eq!(&tail[at..], "сказал", "{tail}");
        }
        assert_eq!(skip_speech_dash("» — сказал", 2, true), None);
        assert_eq!(skip_speech_dash("», а потом", 2, false), None);
    }

    #[test]
    fn sentence_bounds_skip_initials() {
        let text = "Первое. Сказал В. Путин, что «да». Конец";
        let quote = text.find('«').unwrap();
        assert_eq!(&text[sentence_start(text, quote)..quote], " Сказал В. Путин, что ");
        assert_eq!(&text[quote..sentence_end(text, quote)], "«да»");
    }

    #[test]
    fn speech_verbs_and_gender() {
        assert!(is_speech_verb("сказал"));
        assert!(is_speech_verb("говорится"));
        assert!(is_speech_verb("подчёркивает"));
        assert!(!is_speech_verb("сказка"));
        assert_eq!(Gender::of_verb("добавила"), Gender::Feminine);
        assert_eq!(Gender::of_verb("добавил"), Gender::Masculine);
        assert_eq!(Gender::of_verb("пишет"), Gender::Unknown);
    }
}
