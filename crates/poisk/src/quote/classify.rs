//! Stage 2: tell a quotation from a name in guillemets.
//!
//! Input: the body and one span from [`super::spans`]. The decision reads only
//! the text around the span, never a list of known names: `«Газпром»`,
//! `«Единая Россия»` are names because they are short, capitalised, carry no
//! sentence punctuation and nothing around them speaks; `«…», — сказал он`,
//! `заявил: «…»`, `назвал участие «братским долгом»` are quotes because of the
//! dash and verb after, the colon before, or the lower-case fragment.

use super::QuoteKind;
use super::spans::Span;
use super::text::{
    Word, blank_to_line_end, blank_to_line_start, clause_start, is_speech_verb, looks_like_verb, lowercase,
    sentence_end, skip_speech_dash, words, words_in_line,
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

/// What a span is: a quotation, the author's own term in guillemets, or a
/// name.
pub(crate) fn classify(body: &str, span: &Span) -> QuoteKind {
    if !is_quote(body, span) {
        QuoteKind::Name
    } else if is_term(body, span) {
        QuoteKind::Term
    } else {
        QuoteKind::Quote
    }
}

/// A fragment of one or two lower-case words with nothing around it that
/// speaks (`аресты всех «подозрительных» граждан`, `курс под названием
/// «абэномика»`) is the author's term, scare quotes or slang: a partial
/// quotation of so few words comes with its speaker's verb in the same
/// sentence (`обвинил европейцев в «фашизме»`, `заявил, что … «из
/// сострадания»`).
fn is_term(body: &str, span: &Span) -> bool {
    let inner = body[span.text_start..span.text_end].trim();
    // `nth(2)`, not a count: a quotation may be pages long.
    if inner.split_whitespace().nth(2).is_some() || !starts_lowercase(inner) || is_sentence_like(inner) {
        return false;
    }
    if speech_after(body, span) || speech_before(body, span) {
        return false;
    }
    if previous_word(body, span.start).is_some_and(|w| has_stem(&lowercase(w.text), WORDING_STEMS)) {
        return false;
    }
    // One word is a term even beside a speech verb (`подчеркнул, что
    // «чистые» спортсмены`, `отказался выполнять «просьбу»`), unless an
    // accusing or naming verb governs it (`обвинил европейцев в
    // «фашизме»`, `назвав решение «ошибкой»`) or the sentence says whose
    // opinion it gives: in the dev half 33 one-word spans in guillemets
    // are terms and 2 quotations.
    if inner.split_whitespace().nth(1).is_none() {
        let start = clause_start(body, span.start);
        let before: Vec<_> = words(body, start, span.start).collect();
        let governed = before.iter().rev().take(3).any(|w| {
            let lower = lowercase(w.text);
            has_stem(&lower, CITING_STEMS) && is_finite(&lower)
        });
        // `По его мнению, связаны перемены с «закатом» Запада`.
        let cue = before.windows(2).any(|p| {
            matches!(p[0].text, "по" | "По")
                && (p[1].text.starts_with("слов")
                    || p[1].text.starts_with("мнени")
                    || matches!(p[1].text, "его" | "её" | "ее" | "их"))
        });
        return !governed && !cue;
    }
    !speech_in_sentence(body, span)
}

/// Verbs that give someone's words without being speech verbs: `назвал
/// …`, `обвинил в …`, `призвал к …`.
const CITING_STEMS: &[&str] = &["назва", "назыв", "обвин", "призва", "призыв", "окрести", "охарактериз"];

/// A speech verb, a citing verb or `по словам`/`по мнению` in the sentence
/// of `span`, before it or in the few words after it.
fn speech_in_sentence(body: &str, span: &Span) -> bool {
    let start = clause_start(body, span.start);
    let end = sentence_end(body, span.end);
    let before = words(body, start, span.start);
    let after = words(body, span.end, end).take(AFTER_WORDS);
    let mut previous = "";
    for w in before.chain(after) {
        let lower = lowercase(w.text);
        let verb_like = looks_like_verb(&lower) || is_finite(&lower);
        if w.is_lowercase()
            && verb_like
            && (is_speech_verb(&lower) || (has_stem(&lower, CITING_STEMS) && is_finite(&lower)))
        {
            return true;
        }
        if previous == "по" && (lower.starts_with("слов") || lower.starts_with("мнени")) {
            return true;
        }
        // `по его словам`, `по её мнению`.
        let pronoun = previous == "по" && matches!(&*lower, "его" | "её" | "ее" | "их");
        previous = if lower == "по" || pronoun { "по" } else { "" };
    }
    false
}

/// `назвал`, `обвиняет`, `назвав`: a past, present or adverbial form, not
/// a noun of the same stem (`под названием`).
fn is_finite(word: &str) -> bool {
    ["л", "ла", "ли", "ет", "ют", "ит", "ят", "ав", "ив"].iter().any(|e| word.ends_with(e))
}

/// How many words after a short fragment may hold its speech verb.
const AFTER_WORDS: usize = 6;

/// Decides whether `span` of `body` is quoted words (a quotation or a term,
/// `true`) or a name.
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
        // A link may leave a line break after the dash (`», — \nсказал`).
        return body[word..].trim_start().chars().next().is_some_and(char::is_lowercase);
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

    fn kind_of_first(body: &str) -> QuoteKind {
        classify(body, &find_spans(body)[0])
    }

    #[test]
    fn terms_are_short_fragments_nobody_says() {
        for body in [
            "В стране начались аресты всех «подозрительных» граждан.",
            "Правительство проводит курс под названием «абэномика», который помог экономике.",
            "Спортсмен снова изобразил «бабочку» на прыжке.",
            "Команда рвалась в «ядерный клуб» много лет.",
            // One word is a term even beside a speech verb.
            "Генеральный секретарь подчеркнул, что «чистые» спортсмены должны поехать на Игры.",
            "Родченков заявил, что отказался выполнять «просьбу» тренера.",
        ] {
            assert_eq!(kind_of_first(body), QuoteKind::Term, "{body}");
        }
        for body in [
            "В ответ министр обвинил соседей в «предательстве».",
            "Ведомство заявило, что исключение было сделано «из милосердия».",
            "Мы не отступим, — сказал он, назвав решение «ошибкой».",
            "По словам эксперта, рынок ждёт «долгая зима».",
            "По его мнению, связаны перемены с «закатом» Запада.",
            "Министр заявил, что страна столкнётся \nс «возросшим давлением»\n Фото \n Reuters",
            "Он назвал участие «братским долгом».",
        ] {
            assert_eq!(kind_of_first(body), QuoteKind::Quote, "{body}");
        }
        assert_eq!(kind_of_first("Они приехали на «Аурусе»."), QuoteKind::Name);
    }
}
