//! Sentences of Russian news text, one rule for snippets and quotes.
//!
//! A sentence ends at a paragraph break (`\n`), or at `.`, `!`, `?`, `…`
//! (or a run of them, as in `?!` or `...`), possibly followed by closing
//! quotes and brackets (`…сказал он».`, `«Куда?»`), when whitespace follows
//! and the next sentence plausibly starts there. What "plausibly" means:
//!
//! * The next letter (after whitespace, dashes and opening quotes) is not
//!   lowercase: Russian sentences start with a capital or a digit, so
//!   `т.е. все`, `и т.д. и т.п.`, `«Куда?» — спросил он` do not break.
//! * After a single `.`, a digit does not start a sentence when the word
//!   before the dot is an abbreviation (`млн. 5`, `в т.ч. 15`): one of a
//!   list, a single lowercase letter, or the last part of a dotted one.
//! * After a single `.`, a capital does not start a sentence when the word
//!   before the dot is an initial (`В. Путин`, `В.В. Путин`, `В. В. Путин`)
//!   or one of the few abbreviations that precede a name (`г. Москва`,
//!   `ул. Тверская`, `им. Ленина`, `см. Приложение`, `т.е. Россия`). `г.`
//!   after a number is a year (`в 2000 г. Путин стал…`), which may end a
//!   sentence.
//!
//! [`sentences`] splits a whole text: byte ranges trimmed of surrounding
//! whitespace. [`sentence_start`] and [`sentence_end`] find the sentence
//! around one position (a quote's) by the same rule, reading at most
//! [`MAX_SENTENCE`] bytes and a few bytes past each sentence end, so that
//! asking for every quote of a body costs time linear in its length. The
//! splitter allocates nothing.

use std::ops::Range;

/// Abbreviations that stand before a name, so that a capital after them does
/// not start a sentence. Dotted ones are written without their final dot.
const NAME_PREFIXES: &[&str] = &[
    "г",
    "ул",
    "им",
    "см",
    "ст",
    "пр",
    "пл",
    "пер",
    "просп",
    "наб",
    "д",
    "акад",
    "проф",
    "св",
    "ген",
    "т.е",
    "т.к",
    "т.н",
    "т.ч",
    "напр",
];

/// Abbreviations that stand before a number (`5 млн. 300 тыс. руб.`, `в
/// 1941–1945 гг. 27 млн`, `ст. 105`), so that a digit after them does not
/// start a sentence. A short word that is no abbreviation does end one:
/// `не принял мер. 21 декабря …`.
const NUMBER_PREFIXES: &[&str] = &[
    "тыс", "млн", "млрд", "трлн", "руб", "долл", "коп", "гг", "вв", "ст", "пп", "гл", "стр", "рис", "табл", "кв", "км",
    "кг", "см", "мм", "ок", "св", "им", "ул", "пр", "прим", "ред",
];

/// The most [`sentence_start`] and [`sentence_end`] read from their
/// position, in bytes: text without sentence ends (lists, lost line breaks)
/// must not make every lookup scan the whole body.
pub(crate) const MAX_SENTENCE: usize = 1000;

/// The most a sentence end's tests read around it, in bytes: the run of
/// terminal punctuation and closing quotes, the gap to the next letter, the
/// word before a dot. Anything longer is no abbreviation, initial or
/// ordinary gap; the bound keeps each test's cost constant.
const MAX_LOOK: usize = 256;

/// Splits `text` into sentences: trimmed, non-empty byte ranges in order.
pub(crate) fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, pos: 0 }
}

/// Start of the sentence that contains `pos`: just past the sentence end
/// before it (its terminal punctuation and closing quotes, or its line
/// break), or [`MAX_SENTENCE`] bytes back when there is none that close.
/// Whitespace after that end is not skipped.
pub(crate) fn sentence_start(text: &str, pos: usize) -> usize {
    // Most sentences are short: look back a little first, and further only
    // when no sentence ends that close.
    let mut reach = 128;
    loop {
        let floor = floor_char_boundary(text, pos.saturating_sub(reach));
        let start = sentence_start_within(text, pos, reach);
        if start > floor || floor == 0 || reach == MAX_SENTENCE {
            return start;
        }
        reach = (reach * 2).min(MAX_SENTENCE);
    }
}

/// True when the word at `pos` opens a sentence: only whitespace stands
/// between it and the end of the sentence before (or the start of the text).
pub(crate) fn opens_sentence(text: &str, pos: usize) -> bool {
    // Most words follow a letter or a comma: only a terminal, a closing
    // quote or a line break before the gap can end a sentence there.
    let mut before = text[..pos].chars().rev().take(MAX_LOOK).skip_while(|&c| c != '\n' && c.is_whitespace());
    match before.next() {
        None | Some('\n') => return true,
        Some(c) if !(is_terminal(c) || is_closer(c)) => return false,
        Some(_) => {}
    }
    let start = sentence_start_within(text, pos, 2 * MAX_LOOK);
    text[start..pos].chars().all(char::is_whitespace)
}

/// [`sentence_start`], looking back at most `reach` bytes: a sentence end
/// whose punctuation starts further back is not seen.
pub(crate) fn sentence_start_within(text: &str, pos: usize, reach: usize) -> usize {
    let mut start = floor_char_boundary(text, pos.saturating_sub(reach));
    while let Some((_, next)) = next_end(text, start, pos) {
        if next > pos {
            break;
        }
        start = next;
    }
    start
}

/// End of the sentence that contains `pos`: just past its terminal
/// punctuation and closing quotes, at its line break, or [`MAX_SENTENCE`]
/// bytes on (the end of the text at the latest).
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    let limit = floor_char_boundary(text, (pos + MAX_SENTENCE).min(text.len()));
    next_end(text, pos, limit).map_or(limit, |(end, _)| end)
}

/// The largest char boundary of `text` at or before `pos`.
fn floor_char_boundary(text: &str, pos: usize) -> usize {
    (0..=pos).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Iterator over the sentences of a text; see [`sentences`].
pub(crate) struct Sentences<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            let start = skip_space(self.text, self.pos);
            if start >= self.text.len() {
                self.pos = self.text.len();
                return None;
            }
            let end = next_end(self.text, start, self.text.len()).map_or(self.text.len(), |(end, _)| end);
            self.pos = end;
            let trimmed = trim_end(self.text, start, end);
            if trimmed > start {
                return Some(start..trimmed);
            }
        }
    }
}

/// The first sentence end whose punctuation or line break starts in
/// `from..limit`: where the sentence ends (past its terminal punctuation
/// and closing quotes, or at its line break) and where the next may begin
/// (there, or past the line break).
fn next_end(text: &str, from: usize, limit: usize) -> Option<(usize, usize)> {
    let bytes = &text.as_bytes()[..limit];
    let mut i = from;
    while let Some(k) = next_candidate(&bytes[i..]) {
        let at = i + k;
        match bytes[at] {
            b'\n' => return Some((at, at + 1)),
            0xE2 if !text[at..].starts_with('…') => {
                i = at + 1;
                continue;
            }
            _ => {}
        }
        let after = after_terminal(text, at);
        if is_boundary(text, at, after) {
            return Some((after, after));
        }
        i = after.max(at + 1).min(limit);
    }
    None
}

/// Offset of the first byte that may end a sentence: `.`, `!`, `?`, `\n`, or
/// 0xE2, the first byte of `…` (and of dashes and curly quotes). `memchr`
/// looks at many bytes at a time; this scan is most of the splitter's work.
fn next_candidate(bytes: &[u8]) -> Option<usize> {
    let common = memchr::memchr3(b'.', b'\n', 0xE2, bytes);
    let rare = memchr::memchr2(b'!', b'?', &bytes[..common.unwrap_or(bytes.len())]);
    rare.or(common)
}

/// Byte offset past the run of terminal punctuation and closing quotes or
/// brackets that begins at `i`, or past its first [`MAX_LOOK`] bytes (a
/// longer run ends no sentence in its middle, so scanning goes on from
/// there).
fn after_terminal(text: &str, i: usize) -> usize {
    let mut end = i;
    for (k, c) in text[i..].char_indices() {
        if !(is_terminal(c) || is_closer(c)) || k >= MAX_LOOK {
            return i + k;
        }
        end = i + k + c.len_utf8();
    }
    end
}

/// Whether the terminal run `text[at..after]` ends a sentence.
fn is_boundary(text: &str, at: usize, after: usize) -> bool {
    let rest = &text[after..];
    match rest.chars().next() {
        None => return true,
        Some(c) if !c.is_whitespace() => return false,
        Some(_) => {}
    }
    let Some(next) = next_significant(rest) else {
        return true;
    };
    if next == '\n' {
        return true;
    }
    if next.is_lowercase() || is_title_inside_sentence(text, at, after) {
        return false;
    }
    if !is_single_dot(text, at) {
        return true;
    }
    let word = word_before(text, at);
    if is_number(next) {
        return !looks_abbreviated(word);
    }
    !(is_initials(word) || is_name_prefix(text, at, word))
}

/// Whether the terminal run `text[at..after]` closes a title in guillemets
/// that a sentence names in passing: a `!`, `?` or `…` right before the
/// `»`, whose `«` follows a word with no colon or dash between
/// (`ведущий программы «Говорите громче!» Андрей Сидельников`). A quote
/// opened after a colon, a dash or a sentence end is speech, and its `?`
/// ends the sentence (`спросил: «Готовы?» Министр ответил`).
fn is_title_inside_sentence(text: &str, at: usize, after: usize) -> bool {
    if !matches!(text.as_bytes()[at], b'!' | b'?') && !text[at..].starts_with('…') {
        return false;
    }
    if !text[at..after].trim_start_matches(['!', '?', '…']).starts_with('»') {
        return false;
    }
    // The `«` of this span, a short title's length back.
    let from = floor_char_boundary(text, at.saturating_sub(MAX_LOOK));
    let Some(open) = text[from..at].rfind(['«', '»', '\n']).map(|i| from + i) else {
        return false;
    };
    if !text[open..].starts_with('«') {
        return false;
    }
    let mut before = text[..open].chars().rev().take(MAX_LOOK).skip_while(|&c| c == ' ' || c == '\u{a0}');
    before.next().is_some_and(|c| c != '\n' && is_letter(c)) && open > 0 && text[..open].ends_with([' ', '\u{a0}'])
}

/// The first character after whitespace, dashes and opening quotes, or a
/// line break if one comes first; `None` at the end of the text or past
/// [`MAX_LOOK`] bytes of such a gap.
fn next_significant(rest: &str) -> Option<char> {
    rest.char_indices()
        .take_while(|&(k, _)| k < MAX_LOOK)
        .map(|(_, c)| c)
        .find(|&c| c == '\n' || !(c.is_whitespace() || is_opener(c) || is_dash(c)))
}

/// Whether the terminal at `at` is a lone `.` right after a letter (not part
/// of `...` and not after a quote or a digit).
fn is_single_dot(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    bytes[at] == b'.' && bytes.get(at + 1) != Some(&b'.') && text[..at].chars().next_back().is_some_and(is_letter)
}

/// The dotted word that ends at `at`: letters and inner dots, e.g. `т.е`,
/// `В.В`, `млн`; its last [`MAX_LOOK`] bytes when longer.
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let mut start = at;
    for (k, c) in head.char_indices().rev() {
        if !(is_letter(c) || c == '.') || at - k > MAX_LOOK {
            break;
        }
        start = k;
    }
    head[start..].trim_start_matches('.')
}

/// `млн`, `руб`, `т.ч`, `п`: lowercase, and one of [`NUMBER_PREFIXES`], a
/// single letter or dotted.
fn looks_abbreviated(word: &str) -> bool {
    let lowercase = word.chars().all(|c| c == '.' || c.is_lowercase());
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    lowercase && (word.contains('.') || single || NUMBER_PREFIXES.contains(&word))
}

/// `В`, `В.В`: one or more single capital letters joined by dots.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        })
}

/// Whether `word` (ending at `at`) is an abbreviation that precedes a name.
/// `г.` after a number is a year, not a town.
fn is_name_prefix(text: &str, at: usize, word: &str) -> bool {
    if !NAME_PREFIXES.contains(&word) {
        return false;
    }
    if word != "г" {
        return true;
    }
    let mut before = text[..at - word.len()].chars().rev().take(MAX_LOOK);
    !before.find(|c| !c.is_whitespace()).is_some_and(|c| c.is_ascii_digit())
}

/// `char::is_alphabetic`, without its table lookup for the letters of
/// Russian and English text: every sentence end looks at the word before it.
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{45f}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_numeric`, without its table lookup for ASCII and Russian
/// letters.
fn is_number(c: char) -> bool {
    match c {
        '0'..='9' => true,
        _ if c.is_ascii() => false,
        '\u{400}'..='\u{45f}' => false,
        _ => c.is_numeric(),
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '"' | '”' | '“' | '’' | '\'' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '«' | '"' | '„' | '“' | '‘' | '\'' | '(' | '[')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

/// First byte at or after `pos` that is not whitespace.
fn skip_space(text: &str, pos: usize) -> usize {
    text[pos..].find(|c: char| !c.is_whitespace()).map_or(text.len(), |k| pos + k)
}

/// `end` moved back over trailing whitespace, not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");

    fn split(text: &str) -> Vec<&str> {
        sentences(text).map(|r| &text[r]).collect()
    }

    fn assert_split(text: &str, expected: &[&str]) {
        assert_eq!(split(text), expected, "splitting {text:?}");
    }

    #[test]
    fn letter_and_number_tests_agree_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_number(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn ends_at_terminal_punctuation() {
        assert_split(
            "Путин прибыл в Пекин. Встреча началась! Что дальше? Посмотрим… Итак.",
            &["Путин прибыл в Пекин.", "Встреча началась!", "Что дальше?", "Посмотрим…", "Итак."],
        );
    }

    #[test]
    fn ends_at_paragraph_breaks() {
        assert_split(
            "Первый абзац без точки\nВторой абзац.\n\n  Третий",
            &["Первый абзац без точки", "Второй абзац.", "Третий"],
        );
    }

    #[test]
    fn keeps_runs_and_closing_quotes_with_the_sentence() {
        assert_split(
            "Неужели?! Да... «Мы рады», — сказал он». Затем (после паузы.) Ушли.",
            &["Неужели?!", "Да...", "«Мы рады», — сказал он».", "Затем (после паузы.)", "Ушли."],
        );
        assert_split("«Я приеду!» Он приехал.", &["«Я приеду!»", "Он приехал."]);
    }

    #[test]
    fn a_title_in_guillemets_ends_no_sentence() {
        assert_split(
            "Ведущий программы «Говорите громче!» Андрей Петров пришёл. Он спросил: «Готовы?» Министр ответил.",
            &[
                "Ведущий программы «Говорите громче!» Андрей Петров пришёл.",
                "Он спросил: «Готовы?»",
                "Министр ответил.",
            ],
        );
        assert_split("Фильм «Куда?» Иван смотрел. «Что?» Никто.", &["Фильм «Куда?» Иван смотрел.", "«Что?»", "Никто."]);
    }

    #[test]
    fn no_break_before_lowercase() {
        assert_split(
            "«Куда?» — спросил он. Это т.е. все, и т.д. и т.п. Ну... и всё.",
            &["«Куда?» — спросил он.", "Это т.е. все, и т.д. и т.п.", "Ну... и всё."],
        );
    }

    #[test]
    fn no_break_on_initials() {
        assert_split(
            "Встречу провёл В. Путин. Её оценил В.В. Путин и А. С. Пушкин. Всё.",
            &["Встречу провёл В. Путин.", "Её оценил В.В. Путин и А. С. Пушкин.", "Всё."],
        );
    }

    #[test]
    fn no_break_on_name_prefixes() {
        assert_split(
            "Он живёт в г. Москва на ул. Тверская. Школа им. Ленина, см. Приложение. Конец.",
            &["Он живёт в г. Москва на ул. Тверская.", "Школа им. Ленина, см. Приложение.", "Конец."],
        );
    }

    #[test]
    fn year_abbreviation_may_end_a_sentence() {
        assert_split(
            "Это было в 2000 г. Путин стал президентом. В 1941-1945 гг. шла война.",
            &["Это было в 2000 г.", "Путин стал президентом.", "В 1941-1945 гг. шла война."],
        );
    }

    #[test]
    fn no_break_before_digits_after_abbreviations() {
        assert_split(
            "Потрачено 5 млн. руб. 20 тыс. 300 руб. ушло на налоги. Он уехал. 15 марта вернулся.",
            &["Потрачено 5 млн. руб. 20 тыс. 300 руб. ушло на налоги.", "Он уехал.", "15 марта вернулся."],
        );
    }

    #[test]
    fn a_short_word_before_a_number_still_breaks() {
        assert_split(
            "Он не принял мер. 21 декабря всё изменилось. Итог: 5 т. 300 кг.",
            &["Он не принял мер.", "21 декабря всё изменилось.", "Итог: 5 т. 300 кг."],
        );
    }

    #[test]
    fn abbreviation_at_the_end_of_a_sentence_still_breaks() {
        assert_split("Купили хлеб, молоко и т.д. Потом ушли.", &["Купили хлеб, молоко и т.д.", "Потом ушли."]);
    }

    #[test]
    fn no_break_inside_numbers_and_domains() {
        assert_split("Рост составил 3.5% по данным ria.ru за год.", &["Рост составил 3.5% по данным ria.ru за год."]);
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert_split("", &[]);
        assert_split(" \n\n \t", &[]);
    }

    #[test]
    fn splits_the_seed_article() {
        let found = split(SEED);
        assert!(found.contains(&"Путин сказал, что военные Северной Кореи участвовали в боевых действиях в Курской области по инициативе лидера КНДР."));
        assert!(found.contains(
            &"После мероприятия он и лидер КНДР отправились к месту переговоров на одном автомобиле «Аурус»."
        ));
        assert!(
            found.contains(
                &"«Я очень рад возможности на полях сегодняшних мероприятий провести с вами отдельную встречу."
            )
        );
        assert!(found.contains(
            &"Он поблагодарил Путина за то, что тот высоко оценил роль, которую сыграли северокорейские солдаты."
        ));
        // The quote ends with `»` and a comma, so the attribution stays with it.
        assert!(found.iter().any(|s| s.ends_with("помочь России», - сказал лидер КНДР.")));
        assert_eq!(found.len(), 16, "{found:#?}");
    }

    /// [`sentence_start`] and [`sentence_end`] find, around any position of a
    /// sentence, the sentence that [`sentences`] gives.
    #[test]
    fn lookups_agree_with_the_splitter() {
        let texts = [SEED, "Сказал В. В. Путин: «Да». «Куда?» — спросил он.\nИтак… Всё ...", "Без точки", ""];
        for text in texts {
            for r in sentences(text) {
                for pos in (r.start..r.end).filter(|&i| text.is_char_boundary(i)) {
                    let found = sentence_start(text, pos)..sentence_end(text, pos);
                    assert_eq!(text[found].trim(), &text[r.clone()], "at {pos} of {text:?}");
                }
            }
        }
    }

    #[test]
    fn lookups_read_a_bounded_stretch() {
        let text = "Начало. ".to_string() + &"слово ".repeat(500) + "«Да» " + &"и ещё ".repeat(500) + "Конец.";
        let quote = text.find('«').unwrap();
        assert_eq!(sentence_start(&text, quote), floor_char_boundary(&text, quote - MAX_SENTENCE));
        assert_eq!(sentence_end(&text, quote), floor_char_boundary(&text, quote + MAX_SENTENCE));
        let short = "Начало. Слово «Да» и ещё. Конец.";
        let quote = short.find('«').unwrap();
        assert_eq!(&short[sentence_start(short, quote)..sentence_end(short, quote)], " Слово «Да» и ещё.");
    }

    #[test]
    fn ranges_are_trimmed_and_in_order() {
        let mut last = 0;
        for r in sentences(SEED) {
            assert!(r.start >= last && r.start < r.end);
            let s = &SEED[r.clone()];
            assert_eq!(s, s.trim());
            assert!(!s.contains('\n'));
            last = r.end;
        }
    }
}
