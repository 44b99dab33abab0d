//! The quote stages' text helpers: the words and sentences of `crate::text`
//! (one rule for quotes and snippets), and the punctuation and verbs that
//! introduce or follow speech.
//!
//! Everything here borrows from the body and works on byte offsets, so the
//! stages never allocate per word.

use crate::text::sentence_start_within;
pub(crate) use crate::text::{
    Word, char_at, is_word_char, lowercase, opens_sentence, sentence_end, sentence_start, words, words_in_line,
};

/// Start of a short window before `pos`: at most `max` bytes back, and
/// never across a sentence end or line break (an initial's dot is none:
/// `президент В. В. Путин`). For looking at the few words in front of a
/// name.
pub(crate) fn window_before(text: &str, pos: usize, max: usize) -> usize {
    let from = (pos.saturating_sub(max)..=pos).find(|&i| text.is_char_boundary(i)).unwrap_or(pos);
    sentence_start_within(text, pos, max).max(from)
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
        // `», —пояснил Тремасов`: a dash glued to a speech verb (not a
        // hyphen, and not `«Газпром»—крупнейшая`).
        let word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let glued = dash != '-' && word.starts_with(char::is_lowercase) && is_speech_verb(word);
        return glued.then(|| text.len() - after.len());
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
    // The ending first: it rules out most words without the list.
    looks_like_verb(word) && SPEECH_STEMS.iter().any(|stem| word.starts_with(stem))
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

/// True when the lower-case `word` right after a quote's dash reads as a
/// finite verb or a word of belief: in `«…», — возмутился он`, `«…?» -
/// задаётся вопросом Петров`, `«…», — уверен эксперт` any verb hands the
/// quote to its speaker, speech verb or not.
pub(crate) fn is_attributing_word(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "л", "ла", "ло", "ли", "лся", "лась", "лось", "лись", "ет", "ёт", "ит", "ют", "ят", "ут", "ется", "ётся",
        "ится", "ются", "ятся",
    ];
    BELIEF.contains(&word) || (word.chars().count() > 3 && ENDINGS.iter().any(|e| word.ends_with(e)))
}

/// Words of belief that attribute a quote as a verb does: `«…», — уверен эксперт`.
const BELIEF: &[&str] = &["уверен", "уверена", "уверены", "убеждён", "убежден", "убеждена", "убеждены"];

/// `уверены`, `убеждены`: a word of belief with a plural subject.
pub(crate) fn is_plural_belief(word: &str) -> bool {
    BELIEF.contains(&word) && word.ends_with('ы')
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

/// The start of the sentence that holds `pos`, read back over line
/// breaks that links leave inside it (`Мэттис заявил, что КНДР столкнётся
/// \n с «возросшим давлением»`): a line break after a word, not after
/// sentence punctuation, before a space or a lower-case word; three at
/// most.
pub(crate) fn clause_start(body: &str, pos: usize) -> usize {
    let mut start = sentence_start(body, pos);
    for _ in 0..3 {
        let rest = &body[start..];
        let continues = rest.starts_with([' ', '\u{a0}']) || rest.chars().next().is_some_and(char::is_lowercase);
        let Some(before) = body[..start].trim_end_matches([' ', '\u{a0}']).strip_suffix('\n') else {
            break;
        };
        let before = before.trim_end_matches([' ', '\u{a0}']);
        let ended = before.is_empty() || before.ends_with(['.', '!', '?', '…', ':', '»', '"']);
        if !continues || ended {
            break;
        }
        start = sentence_start(body, before.len());
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words and sentences of `crate::text`'s conformance table, as the
    /// quote stages read them: [`words`], the backward scans of `scan.rs`,
    /// and the sentence around each word.
    #[test]
    fn reads_the_conformance_table() {
        for case in crate::text::conformance::CASES {
            let text = case.text;
            let found: Vec<Word<'_>> = words(text, 0, text.len()).collect();
            assert_eq!(found.iter().map(|w| w.text).collect::<Vec<_>>(), case.words, "{text}");
            for pair in found.windows(2) {
                assert_eq!(super::super::scan::word_before(text, 0, pair[1].start), Some(pair[0]), "{text}");
            }
            let mut sentences: Vec<&str> = Vec::new();
            for w in &found {
                let sentence = text[sentence_start(text, w.start)..sentence_end(text, w.start)].trim();
                if sentences.last() != Some(&sentence) {
                    sentences.push(sentence);
                }
            }
            assert_eq!(sentences, case.sentences, "{text}");
        }
    }

    /// The speakers `extract_quotes` finds in `body`, in order.
    fn speakers(body: &str) -> Vec<Option<String>> {
        super::super::extract_quotes(body).into_iter().map(|q| q.speaker).collect()
    }

    // The quote stages read sentences by the rule of `crate::text`; each
    // test below failed under the rule they had of their own, which ended a
    // sentence at every `.`, `!` or `?` before a space except after a single
    // letter or one of 13 abbreviations.

    #[test]
    fn initials_and_domain_names_do_not_cut_off_a_role() {
        let body = "Вчера президент России В. В. Путин заявил журналистам: «Мы готовы к переговорам».";
        assert_eq!(speakers(body), [Some("Путин".to_string())]);
        let body = "По мнению главного редактора портала Nuclear.ru Ильи Платонова, рынок вырастет. \
                    «Спрос есть», — отметил эксперт.";
        assert!(speakers(body)[0].as_ref().is_some_and(|s| s.ends_with("Платонов")), "{:?}", speakers(body));
    }

    #[test]
    fn a_question_in_guillemets_ends_its_sentence() {
        // The answer is not the asker's.
        let body = "Иван Петров спросил: «Вы готовы подписать договор?» Министр ответил: «Нет, мы пока не готовы его подписать».";
        assert_eq!(speakers(body), [Some("Иван Петров".to_string()), None]);
    }

    #[test]
    fn an_amount_before_a_capital_ends_its_sentence() {
        // `млн.` ends the sentence, so `Петров` is not the fragment's subject.
        let body = "Иван Петров сказал, что расходы составили $81 млн. Смехотворность «российских денег» признали все.";
        assert_eq!(speakers(body), [None]);
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
