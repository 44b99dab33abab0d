//! Stage 2: tell a quotation from a name in guillemets.
//!
//! Input: the body and one span from [`super::spans`]. The decision reads only
//! the text around the span, never a list of known names: `«Газпром»`,
//! `«Единая Россия»` are names because they are short, capitalised, carry no
//! sentence punctuation and nothing around them speaks; `«…», — сказал он`,
//! `заявил: «…»`, `назвал участие «братским долгом»` are quotes because of the
//! dash and verb after, the colon before, or the lower-case fragment.

use super::spans::Span;
use super::text::{
    Word, blank_to_line_end, blank_to_line_start, is_speech_verb, lowercase, skip_speech_dash, words, words_in_line,
};

/// Nouns that introduce the name of a thing: `компания «…»`, `закон «О …»`,
/// `в номинации «…»`. They describe kinds of things, not the things.
const KIND_STEMS: &[&str] = &[
    "компани",
    "закон",
    "законопроект",
    "фильм",
    "газет",
    "журнал",
    "парти",
    "движени",
    "организаци",
    "группировк",
    "клуб",
    "команд",
    "фонд",
    "банк",
    "завод",
    "операци",
    "программ",
    "проект",
    "фестивал",
    "кинофестивал",
    "конкурс",
    "преми",
    "номинаци",
    "телеканал",
    "канал",
    "радиостанци",
    "агентств",
    "издани",
    "издательств",
    "сайт",
    "портал",
    "книг",
    "роман",
    "сборник",
    "спектакл",
    "песн",
    "альбом",
    "сериал",
    "передач",
    "шоу",
    "театр",
    "музе",
    "стадион",
    "павильон",
    "фонтан",
    "гостиниц",
    "отел",
    "ресторан",
    "корабл",
    "крейсер",
    "фрегат",
    "подлодк",
    "ледокол",
    "самолет",
    "самолёт",
    "ракет",
    "комплекс",
    "орден",
    "медал",
    "доклад",
    "стратеги",
    "концепци",
    "договор",
    "соглашени",
    "указ",
    "постановлени",
    "кинокартин",
    "лент",
    "мюзикл",
    "балет",
    "опер",
    "турнир",
    "кубок",
    "чемпионат",
    "марк",
    "бренд",
    "сет",
    "магазин",
    "холдинг",
    "концерн",
    "корпораци",
    "предприяти",
    "объединени",
    "фракци",
    "коалици",
    "центр",
    "институт",
    "университет",
    "академи",
    "аэропорт",
    "вокзал",
    "станци",
    "месторождени",
    "газопровод",
    "нефтепровод",
    "трубопровод",
    "парк",
    "рубрик",
    "раздел",
    "глав",
    "сообществ",
    "ассоциаци",
    "союз",
    "блок",
    "флот",
    "полк",
    "дивизи",
    "бригад",
    "батальон",
    "отряд",
    "корпус",
    "училищ",
    "лицей",
    "гимнази",
    "школ",
    "кафе",
    "бар",
    "клиник",
    "больниц",
    "форум",
    "выставк",
    "акци",
    "кампани",
    "мисси",
    "платформ",
    "приложени",
    "сервис",
    "сеть",
    "сети",
    "пьес",
    "поэм",
    "повест",
    "рассказ",
    "стихотворени",
    "картин",
    "скульптур",
    "памятник",
    "монумент",
    "премьер",
    "постановк",
    "трилоги",
    "цикл",
    "статус",
    "звани",
    "марафон",
    "ралли",
];

/// Short designations that are always kinds: `ООО «…»`, `ФК «…»`, `ИА «…»`.
const KIND_ACRONYMS: &[&str] = &[
    "ООО", "ОАО", "ЗАО", "ПАО", "АО", "НКО", "ИА", "РИА", "ФК", "ХК", "ПБК", "БК", "ГК", "НПО", "ТРЦ", "ТЦ", "ЖК",
    "СК", "МФК", "ГУП", "ФГУП", "МУП", "АНО", "НИИ",
];

/// Nouns that introduce quoted words: `лозунг «…»`, `слова «…»`, `фраза «…»`.
const WORDING_STEMS: &[&str] = &[
    "лозунг",
    "слов",
    "фраз",
    "призыв",
    "девиз",
    "тезис",
    "выражени",
    "формулировк",
    "пословиц",
    "поговорк",
    "цитат",
    "надпис",
    "запрос",
    "клич",
    "реплик",
    "высказывани",
    "заявлени",
    "обещани",
    "шутк",
    "мем",
    "хештег",
];

/// Decides whether `span` of `body` is a quotation (`true`) or a name.
pub(crate) fn is_quote(body: &str, span: &Span) -> bool {
    let inner = body[span.text_start..span.text_end].trim();
    if inner.is_empty() {
        return false;
    }
    if speech_after(body, span) || speech_before(body, span) {
        return true;
    }
    let previous = previous_word(body, span.start);
    if previous.is_some_and(|w| is_kind_word(w.text)) {
        return false;
    }
    if previous.is_some_and(|w| has_stem(&lowercase(w.text), WORDING_STEMS)) {
        return true;
    }
    starts_lowercase(inner) || is_sentence_like(inner) || fills_paragraph(body, span)
}

/// `«…», — сказал он`, `«…!» — написала Азаренко`, `«…» — говорится`: the
/// dash after the span hands over to the speaker.
fn speech_after(body: &str, span: &Span) -> bool {
    if let Some(word) = skip_speech_dash(body, span.end, true) {
        return body[word..].chars().next().is_some_and(char::is_lowercase);
    }
    let Some(word) = skip_speech_dash(body, span.end, false) else {
        return false;
    };
    let inner = body[span.text_start..span.text_end].trim_end();
    let exclaims = inner.ends_with(['!', '?', '…']);
    let verb = words_in_line(body, word).take(3).any(|w| is_speech_verb(w.text));
    exclaims || verb
}

/// `Путин сказал: «…»`: a colon before the span. A name after a colon (`в
/// главах: «Основы …»`) counts only when a speech verb precedes the colon.
fn speech_before(body: &str, span: &Span) -> bool {
    let head = body[..span.start].trim_end_matches(' ');
    let Some(before_colon) = head.strip_suffix(':') else {
        return false;
    };
    let inner = body[span.text_start..span.text_end].trim();
    if starts_lowercase(inner) || is_sentence_like(inner) || inner.split_whitespace().count() >= 4 {
        return true;
    }
    previous_word(body, before_colon.len()).is_some_and(|w| is_speech_verb(&lowercase(w.text)))
}

/// The word just before `pos` in the same paragraph, if any. Looks back a
/// few dozen bytes only.
fn previous_word(body: &str, pos: usize) -> Option<Word<'_>> {
    let from = (pos.saturating_sub(80)..=pos).find(|&i| body.is_char_boundary(i)).unwrap_or(pos);
    let from = body[from..pos].rfind('\n').map_or(from, |nl| from + nl + 1);
    words(body, from, pos).last()
}

fn has_stem(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|stem| word.starts_with(stem))
}

fn is_kind_word(word: &str) -> bool {
    KIND_ACRONYMS.contains(&word) || has_stem(&lowercase(word), KIND_STEMS)
}

/// A lower-case first letter: a fragment of speech (`«братским долгом»`).
/// A stray literal `n` (a lost newline in some sources) before a capital is
/// skipped.
fn starts_lowercase(inner: &str) -> bool {
    let inner = inner.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut chars = inner.chars();
    match (chars.next(), chars.next()) {
        (Some('n'), Some(second)) if second.is_uppercase() => false,
        (Some(first), _) => first.is_lowercase(),
        (None, _) => false,
    }
}

/// Sentence punctuation inside the span (`, `, `. `, `!`, `?`, `;`), or many
/// words: names of things are short phrases without it. A dot inside a word
/// (`«Газета.ру»`) and a nested quoted name do not count.
fn is_sentence_like(inner: &str) -> bool {
    let outer = strip_nested(inner);
    let punct = outer.char_indices().any(|(i, c)| match c {
        '!' | '?' | '…' | ';' => true,
        ',' | '.' => outer[i + 1..].starts_with([' ', '\n']) || i + 1 == outer.len(),
        _ => false,
    });
    punct || outer.split_whitespace().count() >= 12
}

/// `inner` without its nested «…» names, so `«Завод «Новый Свет»` reads as
/// `Завод `.
fn strip_nested(inner: &str) -> &str {
    inner.find('«').map_or(inner, |i| &inner[..i])
}

/// A span that is a whole paragraph on its own is a quoted heading or a
/// quoted line, not a name inside a sentence.
fn fills_paragraph(body: &str, span: &Span) -> bool {
    blank_to_line_start(body, span.start) && blank_to_line_end(body, span.end, '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::spans::find_spans;

    /// The verdict on the first span of `body`.
    fn first_is_quote(body: &str) -> bool {
        let spans = find_spans(body);
        is_quote(body, &spans[0])
    }

    fn assert_quote(body: &str) {
        assert!(first_is_quote(body), "expected a quote: {body}");
    }

    fn assert_name(body: &str) {
        assert!(!first_is_quote(body), "expected a name: {body}");
    }

    #[test]
    fn names_of_things() {
        assert_name("Они отправились на одном автомобиле «Аурус».");
        assert_name("Акции «Газпрома» выросли.");
        assert_name("Лидер партии «Единая Россия» выступил.");
        assert_name("Строительство «Северного потока-2» продолжается.");
        assert_name("Об этом пишут «Известия».");
        assert_name("Госдума приняла закон «О таможенном тарифе», сокращающий срок.");
        assert_name("В 2009 году вышел закон «о предупреждении отмывания денег», согласно которому");
        assert_name("«Исламское государство» — террористическая группировка.");
        assert_name("Как сообщает «Газета.ру», акварель куплена.");
    }

    #[test]
    fn quotations() {
        assert_quote("«Хочу отметить, что мы не забудем», — добавил Путин.");
        assert_quote("«Молимся вместе с его семьёй», — написал политик.");
        assert_quote("«Наш сын родился здоровым!» — написала Азаренко в Twitter.");
        assert_quote("Трамп пообещал: «Мы обложим пошлинами Mercedes Benz, мы наложим пошлины на BMW».");
        assert_quote("Певица Рианна назвала президента США «аморальной свиньёй».");
        assert_quote("Толпа выкрикивала лозунги: «Смерть Америке!» и другие.");
        assert_quote("Это соответствует лозунгу «Америка — прежде всего» и связано с ним.");
        assert_quote("Текст.\n«Самый плохой президент»\nМногие пользователи недоумевают.");
    }
}
