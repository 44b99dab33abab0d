//! Small text helpers shared by the quote stages: words with byte ranges,
//! letter case, and the punctuation that introduces or follows speech.
//!
//! Everything here borrows from the body and works on byte offsets, so the
//! stages never allocate per word.

use std::borrow::Cow;

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
        is_upper(first) && chars.next().is_some_and(is_lower)
    }

    /// True when the word starts with a lower-case letter.
    pub fn is_lowercase(&self) -> bool {
        self.text.chars().next().is_some_and(is_lower)
    }

    /// True when the word ends with `suffix` (compared as written).
    pub fn ends_with(&self, suffix: &str) -> bool {
        self.text.ends_with(suffix)
    }
}

/// `char::is_uppercase`, with Russian and ASCII letters decided by range
/// (the Unicode tables are slow and this runs on every word).
fn is_upper(c: char) -> bool {
    match c {
        'А'..='Я' | 'Ё' | 'A'..='Z' => true,
        'а'..='я' | 'ё' | 'a'..='z' => false,
        c if c.is_ascii() => false,
        c => c.is_uppercase(),
    }
}

/// `char::is_lowercase`, with the same fast ranges as [`is_upper`].
fn is_lower(c: char) -> bool {
    match c {
        'а'..='я' | 'ё' | 'a'..='z' => true,
        'А'..='Я' | 'Ё' | 'A'..='Z' => false,
        c if c.is_ascii() => false,
        c => c.is_lowercase(),
    }
}

/// Letters and digits. Russian and ASCII letters are decided by range: the
/// general Unicode lookup is slow for Cyrillic and this runs on every
/// character of a body.
pub(crate) fn is_word_char(c: char) -> bool {
    match c {
        'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | 'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        c if c.is_ascii() => false,
        // The punctuation of Russian news, around every quote.
        '«' | '»' | '—' | '–' | '„' | '“' | '”' | '…' | '\u{a0}' => false,
        c => c.is_alphanumeric(),
    }
}

/// The char that starts at byte `i` of `text` and its length in bytes.
/// ASCII and two-byte sequences (all of Cyrillic) are decoded by hand, since
/// this runs on every character of a body; `i` must be a char boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let lead = bytes[i];
    if lead < 0x80 {
        return (char::from(lead), 1);
    }
    if lead & 0xE0 == 0xC0 {
        // A valid `str` holds the continuation byte after a two-byte lead.
        let code = (u32::from(lead & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        return (char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER), 2);
    }
    let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The words of `text[from..to]`, in order. Hyphenated words (`Народно-Демократической`)
/// stay one word.
pub(crate) fn words(text: &str, from: usize, to: usize) -> Words<'_> {
    Words { slice: &text[from..to], offset: from, pos: 0, in_line: false }
}

/// The words of `text` from `from` to the end of its line (paragraph, the
/// next `\n`), found without first searching for the line's end: reading a
/// few words costs a few words however long the line. (The helpers that
/// run for every quote read only such bounded stretches, here and in
/// [`blank_to_line_start`] and [`blank_to_line_end`]; searching each
/// quote's paragraph to its end made the quotes of a one-paragraph body
/// take time quadratic in its length.)
pub(crate) fn words_in_line(text: &str, from: usize) -> Words<'_> {
    Words { slice: &text[from..], offset: from, pos: 0, in_line: true }
}

/// Iterator over the words of a slice of the body (see [`words`]). Scans
/// bytes and decodes characters by hand: no allocation, no Unicode tables
/// for Russian text.
#[derive(Debug, Clone)]
pub(crate) struct Words<'a> {
    slice: &'a str,
    /// Offset of `slice` in the body.
    offset: usize,
    /// Where the scan resumes, in `slice`.
    pos: usize,
    /// Stop at the first line break.
    in_line: bool,
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let slice = self.slice;
        let len = slice.len();
        let mut i = self.pos;
        // Skip to the next word character.
        loop {
            if i >= len {
                self.pos = len;
                return None;
            }
            if self.in_line && slice.as_bytes()[i] == b'\n' {
                self.pos = len;
                return None;
            }
            let (is_word, n) = word_char_at(slice, i);
            if is_word {
                break;
            }
            i += n;
        }
        let start = i;
        while i < len {
            let (is_word, n) = word_char_at(slice, i);
            // A hyphen joins two word characters: `поток-2`.
            let joins = !is_word && slice.as_bytes()[i] == b'-' && i + 1 < len && word_char_at(slice, i + 1).0;
            if !(is_word || joins) {
                break;
            }
            i += n;
        }
        self.pos = i;
        Some(Word { text: &slice[start..i], start: self.offset + start, end: self.offset + i })
    }
}

/// Whether the char at byte `i` of `text` is a word character, and its
/// length. Chars with lead byte `0xD0`/`0xD1` (U+0400..U+047F) are all
/// Cyrillic letters, so they need no decoding.
#[inline(always)]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        0xD0 | 0xD1 => (true, 2),
        b if b < 0x80 => (b.is_ascii_alphanumeric(), 1),
        _ => {
            let (c, n) = char_at(text, i);
            (is_word_char(c), n)
        }
    }
}

/// `word` in lower case, as `str::to_lowercase` gives it, borrowed when it
/// already is. Russian and ASCII letters are mapped by range; other text
/// takes the general path.
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    let simple = |c: char| matches!(c, 'а'..='я' | 'ё' | 'А'..='Я' | 'Ё') || c.is_ascii();
    if !word.chars().all(simple) {
        return Cow::Owned(word.to_lowercase());
    }
    if !word.chars().any(|c| matches!(c, 'А'..='Я' | 'Ё' | 'A'..='Z')) {
        return Cow::Borrowed(word);
    }
    let lower = |c: char| match c {
        'Ё' => 'ё',
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c.to_ascii_lowercase(),
    };
    Cow::Owned(word.chars().map(lower).collect())
}

/// The longest sentence the helpers look through, in bytes.
const MAX_SENTENCE: usize = 1000;

/// The largest char boundary of `text` at or before `pos`.
fn floor_char_boundary(text: &str, pos: usize) -> usize {
    (0..=pos).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Start of the sentence that contains `pos`: just past the `.`, `!`, `?`,
/// `…` or line break that ends the sentence before it.
pub(crate) fn sentence_start(text: &str, pos: usize) -> usize {
    // Look back a bounded distance: text without sentence ends (lists, lost
    // newlines) must not make every lookup scan the whole body.
    let floor = floor_char_boundary(text, pos.saturating_sub(MAX_SENTENCE));
    let head = &text[..pos];
    let mut start = floor;
    for (i, c) in head[floor..].char_indices().rev() {
        let i = floor + i;
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

/// Start of a short window before `pos`: at most `max` bytes back, and
/// never across a sentence end or line break. For looking at the few words
/// in front of a name.
pub(crate) fn window_before(text: &str, pos: usize, max: usize) -> usize {
    let from = (pos.saturating_sub(max)..=pos).find(|&i| text.is_char_boundary(i)).unwrap_or(pos);
    // The stops are ASCII, so a byte search finds exactly what `rfind` would.
    let stop = text.as_bytes()[from..pos].iter().rposition(|b| matches!(b, b'.' | b'!' | b'?' | b'\n'));
    stop.map_or(from, |i| from + i + 1)
}

/// Like [`window_before`], but the window also stops after a `,`, `;` or
/// `:` that has a lower-case word between it and `pos`: the clause in
/// front of `pos`. An introduction (`лидер КНДР`, `по словам`) stands in
/// the name's own clause; in `по мнению эксперта, является Москва` the
/// comma cuts `Москва` off from `эксперта`. A name right after the comma is
/// an apposition and keeps the words before it (`помощника президента по
/// безопасности, Герберта Макмастера`), except after `по мнению`/`по
/// словам`, whose person stands before the comma.
pub(crate) fn clause_window_before(text: &str, pos: usize, max: usize) -> usize {
    let from = window_before(text, pos, max);
    let Some(stop) = text.as_bytes()[from..pos].iter().rposition(|b| matches!(b, b',' | b';' | b':')) else {
        return from;
    };
    let after = from + stop + 1;
    let clause = &text[after..pos];
    // `по его мнению, Австрия`: the person of `по словам`/`по мнению` stands
    // before its comma, so what follows is no apposition.
    let head = text[from..from + stop].trim_end();
    let cue_before = head.ends_with("мнению") || head.ends_with("словам");
    if cue_before || clause.chars().any(char::is_lowercase) { after } else { from }
}

/// End of the sentence that contains `pos`: just before `.`, `!`, `?` or the
/// line break that closes it, or the end of the text.
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    let limit = floor_char_boundary(text, (pos + MAX_SENTENCE).min(text.len()));
    let tail = &text[pos..limit];
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
    limit
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

/// True when `text[..pos]` holds only whitespace back to the start of its
/// line (the text's start or a `\n`), which it reads no further than its
/// first other character.
pub(crate) fn blank_to_line_start(text: &str, pos: usize) -> bool {
    text[..pos].chars().rev().take_while(|&c| c != '\n').all(char::is_whitespace)
}

/// True when `text[pos..]` holds only whitespace and `extra` characters up
/// to the end of its line, which it reads no further than its first other
/// character.
pub(crate) fn blank_to_line_end(text: &str, pos: usize, extra: char) -> bool {
    text[pos..].chars().take_while(|&c| c != '\n').all(|c| c.is_whitespace() || c == extra)
}

/// Spaces around a dash: typesetters often use a non-breaking one.
const SPACES: [char; 2] = [' ', '\u{a0}'];

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
    let tail_trim = tail.trim_start_matches(SPACES);
    let dash = tail_trim.chars().next()?;
    if !matches!(dash, '—' | '–' | '-') {
        return None;
    }
    let after = &tail_trim[dash.len_utf8()..];
    if !after.starts_with(SPACES) {
        return None;
    }
    Some(text.len() - after.trim_start_matches(SPACES).len())
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

/// True when the lower-case `word` reads as a verb with a plural subject:
/// `заявили`, `считают`, `говорят`. `говорится` and `сказал` do not.
pub(crate) fn is_plural_verb(word: &str) -> bool {
    word.chars().count() > 4 && ["ли", "лись", "ют", "ят", "ут", "ат"].iter().any(|e| word.ends_with(e))
}

/// Grammatical gender implied by a past-tense verb: `сказал` is masculine,
/// `сказала` feminine; other forms say nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    #[test]
    fn cyrillic_lead_bytes_are_letters() {
        for code in 0x400..0x480 {
            let c = char::from_u32(code).unwrap();
            assert!(is_word_char(c), "{c}");
        }
    }

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

    /// End of the paragraph (the next `\n`, or the end of the text) from `pos`.
    fn paragraph_end(text: &str, pos: usize) -> usize {
        text[pos..].find('\n').map_or(text.len(), |i| pos + i)
    }

    #[test]
    fn words_in_line_are_the_words_up_to_the_line_end() {
        let text = "«Да», — сказал он-\nПутин. Второй абзац\n\n- третий, поток-2 -";
        for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let bounded: Vec<Word<'_>> = words(text, from, paragraph_end(text, from)).collect();
            assert_eq!(words_in_line(text, from).collect::<Vec<_>>(), bounded, "from {from}");
        }
    }

    #[test]
    fn blank_line_ends_read_whitespace_only() {
        let text = "абв\n \t«Да». .\nгде";
        let (open, close) = (text.find('«').unwrap(), text.find('»').unwrap() + '»'.len_utf8());
        assert!(blank_to_line_start(text, open) && blank_to_line_end(text, close, '.'));
        assert!(!blank_to_line_start(text, 2) && !blank_to_line_end(text, close, ','));
        assert!(blank_to_line_start(text, 0) && blank_to_line_end(text, text.len(), '.'));
    }

    #[test]
    fn lowercase_matches_std() {
        for word in ["Путин", "путин", "ЁЛКА", "RT", "Émile", "КНДР-2", "ΣΟΦΊΑ", ""] {
            assert_eq!(lowercase(word), word.to_lowercase(), "{word}");
        }
        assert!(matches!(lowercase("сказал"), Cow::Borrowed(_)));
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
