//! Speakers that are no person: organisations (`сообщили в Минобороны`),
//! documents (`говорится в заявлении МИД`) and groups (`рассказал
//! источник в полиции`, `считают эксперты`).
//!
//! A phrase is read from a few words of an attribution clause and given in
//! the nominative: the head noun by a small lexicon of institution and
//! document nouns (`сообщении` → `сообщение`), the adjectives in front of
//! it by their endings (`Следственном комитете` → `Следственный комитет`),
//! the genitive words after it as they are (`пресс-службы МВД`).

use std::sync::LazyLock;

use foldhash::HashMap;

use super::SpeakerKind;
use super::text::{Word, looks_like_verb, lowercase};

/// Head nouns of documents and institutions: the stem every case form of
/// the word starts with, the nominative, and what it names.
const HEADS: &[(&str, &str, SpeakerKind)] = &[
    ("сообщени", "сообщение", SpeakerKind::Document),
    ("заявлени", "заявление", SpeakerKind::Document),
    ("документ", "документ", SpeakerKind::Document),
    ("доклад", "доклад", SpeakerKind::Document),
    ("письм", "письмо", SpeakerKind::Document),
    ("резолюци", "резолюция", SpeakerKind::Document),
    ("законопроект", "законопроект", SpeakerKind::Document),
    ("постановлени", "постановление", SpeakerKind::Document),
    ("отчет", "отчёт", SpeakerKind::Document),
    ("отчёт", "отчёт", SpeakerKind::Document),
    ("исследовани", "исследование", SpeakerKind::Document),
    ("коммюнике", "коммюнике", SpeakerKind::Document),
    ("деклараци", "декларация", SpeakerKind::Document),
    ("соглашени", "соглашение", SpeakerKind::Document),
    ("обращени", "обращение", SpeakerKind::Document),
    ("пресс-релиз", "пресс-релиз", SpeakerKind::Document),
    ("релиз", "релиз", SpeakerKind::Document),
    ("приговор", "приговор", SpeakerKind::Document),
    ("стратеги", "стратегия", SpeakerKind::Document),
    ("меморандум", "меморандум", SpeakerKind::Document),
    ("ноте", "нота", SpeakerKind::Document),
    ("нота", "нота", SpeakerKind::Document),
    ("публикаци", "публикация", SpeakerKind::Document),
    ("телеграмм", "телеграмма", SpeakerKind::Document),
    ("текст", "текст", SpeakerKind::Document),
    // (Not `стать`, the verb.)
    ("статья", "статья", SpeakerKind::Document),
    ("статьи", "статья", SpeakerKind::Document),
    ("статье", "статья", SpeakerKind::Document),
    ("статью", "статья", SpeakerKind::Document),
    ("статьё", "статья", SpeakerKind::Document),
    ("статьей", "статья", SpeakerKind::Document),
    ("статей", "статья", SpeakerKind::Document),
    ("статьям", "статья", SpeakerKind::Document),
    ("статьях", "статья", SpeakerKind::Document),
    ("описани", "описание", SpeakerKind::Document),
    ("проект", "проект", SpeakerKind::Document),
    ("записк", "записка", SpeakerKind::Document),
    ("петици", "петиция", SpeakerKind::Document),
    ("материал", "материал", SpeakerKind::Document),
    ("послани", "послание", SpeakerKind::Document),
    ("указе", "указ", SpeakerKind::Document),
    ("приказ", "приказ", SpeakerKind::Document),
    ("закон", "закон", SpeakerKind::Document),
    ("обзор", "обзор", SpeakerKind::Document),
    ("анонс", "анонс", SpeakerKind::Document),
    ("пакт", "пакт", SpeakerKind::Document),
    ("твит", "твит", SpeakerKind::Document),
    ("поправк", "поправка", SpeakerKind::Document),
    ("техзадани", "техзадание", SpeakerKind::Document),
    ("пояснени", "пояснение", SpeakerKind::Document),
    ("справке", "справка", SpeakerKind::Document),
    ("справки", "справка", SpeakerKind::Document),
    ("протокол", "протокол", SpeakerKind::Document),
    ("решени", "решение", SpeakerKind::Document),
    ("заключени", "заключение", SpeakerKind::Document),
    ("комментари", "комментарий", SpeakerKind::Document),
    ("уведомлени", "уведомление", SpeakerKind::Document),
    ("видеообращени", "видеообращение", SpeakerKind::Document),
    ("прогнозе", "прогноз", SpeakerKind::Document),
    ("прогноза", "прогноз", SpeakerKind::Document),
    ("программе", "программа", SpeakerKind::Document),
    ("программы", "программа", SpeakerKind::Document),
    ("уставе", "устав", SpeakerKind::Document),
    ("устава", "устав", SpeakerKind::Document),
    // Where a text was published: `— говорится на сайте Гидрометцентра`,
    // `— написано в аккаунте Верховной рады`.
    ("ходатайств", "ходатайство", SpeakerKind::Document),
    ("тендере", "тендер", SpeakerKind::Document),
    ("контракте", "контракт", SpeakerKind::Document),
    ("правилах", "правила", SpeakerKind::Document),
    ("инструкци", "инструкция", SpeakerKind::Document),
    ("рекомендаци", "рекомендации", SpeakerKind::Document),
    ("разъяснени", "разъяснение", SpeakerKind::Document),
    ("сайт", "сайт", SpeakerKind::Document),
    // `— говорится в Twitter посольства`: a feed is the owner's.
    ("twitter", "Twitter", SpeakerKind::Document),
    ("твиттер", "Twitter", SpeakerKind::Document),
    ("facebook", "Facebook", SpeakerKind::Document),
    ("фейсбук", "Facebook", SpeakerKind::Document),
    ("telegram", "Telegram", SpeakerKind::Document),
    ("телеграм-канал", "телеграм-канал", SpeakerKind::Document),
    ("аккаунт", "аккаунт", SpeakerKind::Document),
    ("страниц", "страница", SpeakerKind::Document),
    ("страничк", "страничка", SpeakerKind::Document),
    ("блоге", "блог", SpeakerKind::Document),
    ("микроблоге", "микроблог", SpeakerKind::Document),
    ("пресс-служб", "пресс-служба", SpeakerKind::Organisation),
    ("министерств", "министерство", SpeakerKind::Organisation),
    ("ведомств", "ведомство", SpeakerKind::Organisation),
    ("дипведомств", "дипведомство", SpeakerKind::Organisation),
    ("посольств", "посольство", SpeakerKind::Organisation),
    ("консульств", "консульство", SpeakerKind::Organisation),
    ("правительств", "правительство", SpeakerKind::Organisation),
    ("администраци", "администрация", SpeakerKind::Organisation),
    ("комитет", "комитет", SpeakerKind::Organisation),
    ("комисси", "комиссия", SpeakerKind::Organisation),
    ("прокуратур", "прокуратура", SpeakerKind::Organisation),
    ("генпрокуратур", "генпрокуратура", SpeakerKind::Organisation),
    ("суде", "суд", SpeakerKind::Organisation),
    ("штабе", "штаб", SpeakerKind::Organisation),
    ("партии", "партия", SpeakerKind::Organisation),
    ("компани", "компания", SpeakerKind::Organisation),
    ("организаци", "организация", SpeakerKind::Organisation),
    ("департамент", "департамент", SpeakerKind::Organisation),
    ("управлени", "управление", SpeakerKind::Organisation),
    ("службе", "служба", SpeakerKind::Organisation),
    ("полици", "полиция", SpeakerKind::Organisation),
    ("мэри", "мэрия", SpeakerKind::Organisation),
    ("агентств", "агентство", SpeakerKind::Organisation),
    ("офисе", "офис", SpeakerKind::Organisation),
    ("аппарате", "аппарат", SpeakerKind::Organisation),
    ("канцеляри", "канцелярия", SpeakerKind::Organisation),
    ("совете", "совет", SpeakerKind::Organisation),
    ("палате", "палата", SpeakerKind::Organisation),
    ("думе", "дума", SpeakerKind::Organisation),
    ("парламенте", "парламент", SpeakerKind::Organisation),
    ("кремл", "Кремль", SpeakerKind::Organisation),
    ("пентагон", "Пентагон", SpeakerKind::Organisation),
    ("госдеп", "Госдеп", SpeakerKind::Organisation),
    ("госдепартамент", "Госдеп", SpeakerKind::Organisation),
    ("минобороны", "Минобороны", SpeakerKind::Organisation),
    ("минфин", "Минфин", SpeakerKind::Organisation),
    ("минздрав", "Минздрав", SpeakerKind::Organisation),
    ("минюст", "Минюст", SpeakerKind::Organisation),
    ("минэнерго", "Минэнерго", SpeakerKind::Organisation),
    ("минтруд", "Минтруд", SpeakerKind::Organisation),
    ("минэкономразвития", "Минэкономразвития", SpeakerKind::Organisation),
    ("центробанк", "Центробанк", SpeakerKind::Organisation),
    ("минобрнауки", "Минобрнауки", SpeakerKind::Organisation),
    ("минприроды", "Минприроды", SpeakerKind::Organisation),
    ("минкомсвязи", "Минкомсвязи", SpeakerKind::Organisation),
    ("минсельхоз", "Минсельхоз", SpeakerKind::Organisation),
    ("минкультуры", "Минкультуры", SpeakerKind::Organisation),
    ("минпромторг", "Минпромторг", SpeakerKind::Organisation),
    ("минтранс", "Минтранс", SpeakerKind::Organisation),
    ("минобразования", "Минобразования", SpeakerKind::Organisation),
    ("минпросвещения", "Минпросвещения", SpeakerKind::Organisation),
    ("минспорт", "Минспорт", SpeakerKind::Organisation),
    ("минстрой", "Минстрой", SpeakerKind::Organisation),
    ("минцифры", "Минцифры", SpeakerKind::Organisation),
    ("минэкономики", "Минэкономики", SpeakerKind::Organisation),
    ("минвостокразвития", "Минвостокразвития", SpeakerKind::Organisation),
    // Federal agencies: `— пояснили в Роспотребнадзоре`.
    ("роскомнадзор", "Роскомнадзор", SpeakerKind::Organisation),
    ("роспотребнадзор", "Роспотребнадзор", SpeakerKind::Organisation),
    ("россельхознадзор", "Россельхознадзор", SpeakerKind::Organisation),
    ("рособрнадзор", "Рособрнадзор", SpeakerKind::Organisation),
    ("росприроднадзор", "Росприроднадзор", SpeakerKind::Organisation),
    ("ростехнадзор", "Ростехнадзор", SpeakerKind::Organisation),
    ("росреестр", "Росреестр", SpeakerKind::Organisation),
    ("росстат", "Росстат", SpeakerKind::Organisation),
    ("росгварди", "Росгвардия", SpeakerKind::Organisation),
    ("росавиаци", "Росавиация", SpeakerKind::Organisation),
    ("ростуризм", "Ростуризм", SpeakerKind::Organisation),
    ("роскосмос", "Роскосмос", SpeakerKind::Organisation),
    ("генштаб", "Генштаб", SpeakerKind::Organisation),
    ("следком", "Следком", SpeakerKind::Organisation),
    ("совбез", "Совбез", SpeakerKind::Organisation),
    ("кабмин", "Кабмин", SpeakerKind::Organisation),
    ("госдум", "Госдума", SpeakerKind::Organisation),
    ("раде", "рада", SpeakerKind::Organisation),
    ("еврокомисси", "Еврокомиссия", SpeakerKind::Organisation),
    ("европарламент", "Европарламент", SpeakerKind::Organisation),
    ("евросоюз", "Евросоюз", SpeakerKind::Organisation),
    ("европол", "Европол", SpeakerKind::Organisation),
    ("интерпол", "Интерпол", SpeakerKind::Organisation),
    ("отделе", "отдел", SpeakerKind::Organisation),
    ("пресс-центр", "пресс-центр", SpeakerKind::Organisation),
    ("штаб-квартир", "штаб-квартира", SpeakerKind::Organisation),
    ("ассоциаци", "ассоциация", SpeakerKind::Organisation),
    ("федераци", "федерация", SpeakerKind::Organisation),
    ("союзе", "союз", SpeakerKind::Organisation),
    ("фонде", "фонд", SpeakerKind::Organisation),
    ("банке", "банк", SpeakerKind::Organisation),
    ("клубе", "клуб", SpeakerKind::Organisation),
    ("институте", "институт", SpeakerKind::Organisation),
    ("университете", "университет", SpeakerKind::Organisation),
    ("инспекци", "инспекция", SpeakerKind::Organisation),
    ("белом доме", "Белый дом", SpeakerKind::Organisation),
    ("белом", "Белый дом", SpeakerKind::Organisation),
];

/// Words that speak for unnamed people: the subject of `— рассказал
/// источник в министерстве`, `— считают эксперты`.
const GROUP_STEMS: &[&str] = &[
    "источник",
    "очевид",
    "житель",
    "жительниц",
    "пользовател",
    "собеседник",
    "участник",
    "участниц",
    "прохож",
    "эксперт",
    "аналитик",
    "специалист",
    "представител",
    "чиновник",
    "сотрудник",
    "сотрудниц",
    "врач",
    "медик",
    "полицейск",
    "военн",
    "власт",
    "депутат",
    "дипломат",
    "журналист",
    "родител",
    "родственник",
    "сосед",
    "болельщик",
    "фанат",
    "учен",
    "учён",
    "авторы",
    "организатор",
    "дама",
    "человек",
    "сторона",
    "нападавш",
    "пассажир",
];

/// Impersonal verbs that quote a document or an institution: `говорится
/// в …`, `отмечается в …`, `сообщается на сайте …`.
const IMPERSONAL_STEMS: &[&str] = &[
    "говорит",
    "отмеча",
    "указыва",
    "сообща",
    "подчеркива",
    "подчёркива",
    "утвержда",
    "поясня",
    "уточня",
    "констатир",
    "заявля",
];

/// True when `word` (lower-case) is an impersonal verb of quoting:
/// `говорится`, `отмечается`.
pub(crate) fn is_impersonal_verb(word: &str) -> bool {
    // `говорится`, `говорилось`, `сообщалось`; `сказано`, `написано`.
    let reflexive = word.ends_with("ся") || word.ends_with("лось");
    (reflexive && (IMPERSONAL_STEMS.iter().any(|s| word.starts_with(s)) || word.starts_with("говорил")))
        || PASSIVE.contains(&word)
        // `— следует из документа`.
        || matches!(word, "следует" | "следовало")
}

/// Short passive participles that quote a text: `— сказано в документе`.
const PASSIVE: &[&str] = &["сказано", "написано", "указано", "отмечено", "заявлено", "подчёркнуто", "подчеркнуто"];

/// True when `rest`, what follows a head's stem in a word, is a case
/// ending of a noun (`заявлени|ями`, `комитет|`), not the rest of another
/// word built on the stem (`закон|чилась`, `документ|альный`, `приказ|ал`,
/// `стратеги|ческих`, `Кремл|ёвский`).
fn is_case_ending(rest: &str) -> bool {
    matches!(
        rest,
        "" | "а"
            | "я"
            | "у"
            | "ю"
            | "е"
            | "и"
            | "ы"
            | "о"
            | "ь"
            | "й"
            | "ом"
            | "ем"
            | "ём"
            | "ой"
            | "ей"
            | "ёй"
            | "ою"
            | "ею"
            | "ов"
            | "ев"
            | "ам"
            | "ям"
            | "ами"
            | "ями"
            | "ах"
            | "ях"
    )
}

/// The institution or document head `word` names, in the nominative.
fn head_of(word: &str) -> Option<(&'static str, SpeakerKind)> {
    type Heads = Vec<(&'static str, &'static str, SpeakerKind)>;
    // The heads by the first letter of their stem, the rest of the stem
    // after it, in the order of `HEADS`: this runs on every capitalised
    // word, and on every word of the text before a quotation that a
    // `документ` points back from.
    static BY_FIRST: LazyLock<HashMap<char, Heads>> = LazyLock::new(|| {
        let mut by_first: HashMap<char, Heads> = HashMap::default();
        for &(stem, nominative, kind) in HEADS {
            let mut chars = stem.chars();
            if let Some(c) = chars.next() {
                by_first.entry(c).or_default().push((chars.as_str(), nominative, kind));
            }
        }
        by_first
    });
    let find = |first: char, rest: &str| {
        BY_FIRST
            .get(&first)?
            .iter()
            .find(|(stem, _, _)| rest.strip_prefix(stem).is_some_and(is_case_ending))
            .map(|&(_, nominative, kind)| (nominative, kind))
    };
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    // Without lowercasing the word: a capital may open it, the rest is
    // compared as it stands (`Заявление`); other capitals go the long way.
    if rest.chars().any(char::is_uppercase) {
        let lower = lowercase(word);
        let mut chars = lower.chars();
        let first = chars.next()?;
        return find(first, chars.as_str());
    }
    find(first.to_lowercase().next().unwrap_or(first), rest)
}

/// True when `word` opens the name of an institution or a document of the
/// lexicon (`Минобороны`, `Ведомство`, `Заявление`).
pub(crate) fn is_institution_head(word: &str) -> bool {
    head_of(word).is_some()
}

/// `сайт`, `аккаунт`, `страница`: where a text was published.
fn is_place_of_text(nominative: &str) -> bool {
    matches!(
        nominative,
        "сайт"
            | "аккаунт"
            | "страница"
            | "страничка"
            | "блог"
            | "микроблог"
            | "Twitter"
            | "Facebook"
            | "Telegram"
            | "телеграм-канал"
    )
}

/// True when `word` is a common noun of an institution or document
/// (`ведомство`, `Ведомство`, `документ`), not a proper name (`Минобороны`,
/// `Кремль`).
pub(crate) fn is_generic_head(word: &str) -> bool {
    head_of(word).is_some_and(|(nominative, _)| nominative.chars().next().is_some_and(char::is_lowercase))
}

/// True when `word` opens a group of unnamed people: `источник`,
/// `эксперты`, `очевидцы`.
pub(crate) fn is_group_word(word: &str) -> bool {
    // Most words are none: a cheap look at the first letter first.
    let first = word.chars().next().unwrap_or(' ');
    if !GROUP_STEMS.iter().any(|s| s.starts_with(first.to_lowercase().next().unwrap_or(first))) {
        return false;
    }
    let lower = lowercase(word);
    GROUP_STEMS.iter().any(|s| lower.starts_with(s))
}

/// An institution named by one word as a subject (`Ведомство сообщило`,
/// `Минобороны заявило`, `МИД`), in the nominative as it stands.
pub(crate) fn institution_subject(word: &str) -> Option<(String, SpeakerKind)> {
    let lower = lowercase(word);
    let nominative = HEADS.iter().find(|(stem, nominative, kind)| {
        *kind == SpeakerKind::Organisation && lower.starts_with(stem) && lowercase(nominative) == lower
    });
    match nominative {
        Some(_) => Some((word.to_string(), SpeakerKind::Organisation)),
        None if is_acronym(word) && word.chars().count() >= 3 => Some((word.to_string(), SpeakerKind::Organisation)),
        None => None,
    }
}

/// A document named in the nominative or the like accusative at the start
/// of `words`, with the genitive words after it: `заявление российской
/// компании`, `текст листовок` (`— приводит РИА Новости заявление …`).
pub(crate) fn document_named(body: &str, words: &[Word<'_>]) -> Option<String> {
    let head = words.first()?;
    let (nominative, kind) = head_of(head.text)?;
    // `— приводит слова Халеп официальный сайт турнира`: a site publishes
    // someone's words, it is no document of its own.
    if kind != SpeakerKind::Document || head.text != nominative || is_place_of_text(nominative) {
        return None;
    }
    let mut name = vec![head.text];
    let mut previous = head;
    for w in words[1..].iter().take(4) {
        // A lower-case word after a name opens another phrase (`заявление
        // Бастиса местные СМИ`).
        let after_name = !previous.is_lowercase() && w.is_lowercase();
        if !body[previous.end..w.start].trim().is_empty() || is_stop_word(w.text) || after_name {
            break;
        }
        name.push(w.text);
        previous = w;
    }
    Some(name.join(" "))
}

/// A speaker that is no person, read from `words`: `в сообщении
/// пресс-службы МВД`, `в Следственном комитете`, `в Минобороны`.
/// `words[0]` is the preposition `в`/`во`/`на`; the phrase runs to a comma,
/// a verb or a preposition, five words at most.
pub(crate) fn institution_after_preposition(body: &str, words: &[Word<'_>]) -> Option<(String, SpeakerKind)> {
    let first = words.first()?;
    if !matches!(first.text, "в" | "во" | "на" | "из") {
        return None;
    }
    // Adjectives in front of the head (`Следственном`, `американском`).
    let mut at = 1;
    while at < words.len() && at <= 3 && is_adjective_prepositional(words[at].text) {
        at += 1;
    }
    let head = words.get(at)?;
    let (nominative, kind) = match head_of(head.text) {
        Some(found) => found,
        None if is_acronym(head.text) => (head.text, SpeakerKind::Organisation),
        None => return None,
    };
    // `в закон добавили`: into a document, not in it.
    if kind == SpeakerKind::Document && lowercase(head.text) == nominative && nominative != "коммюнике" {
        return None;
    }
    // `на брифинге`, `на Украине` are places, not who spoke; `— следует
    // из документа` quotes a text, `из Минобороны` is no speaker.
    if matches!(first.text, "на" | "из") && kind != SpeakerKind::Document {
        return None;
    }
    let neuter = nominative.ends_with(['о', 'е']);
    let feminine = nominative.ends_with(['а', 'я']);
    let mut name: Vec<String> = words[1..at].iter().map(|w| adjective_nominative(w.text, neuter, feminine)).collect();
    name.push(if nominative == "Белый дом" {
        nominative.to_string()
    } else {
        keep_case(head.text, nominative)
    });
    let mut previous = head;
    let skip = usize::from(nominative == "Белый дом");
    for w in words[at + 1 + skip..].iter().take(4) {
        // A lower-case word after a name opens another phrase (`в МИД
        // России произошедшее назвали`).
        // (`Верховной рады`: after an adjective the noun goes on.)
        let adjective = ["ой", "ого", "его", "ей", "ый", "ий", "ая", "яя", "ых", "их", "ое", "ее"]
            .iter()
            .any(|e| previous.text.ends_with(e));
        // (`Службы сельского хозяйства`: a genitive goes on too.)
        let genitive = looks_genitive(w.text);
        let after_name =
            !std::ptr::eq(previous, head) && !previous.is_lowercase() && !adjective && w.is_lowercase() && !genitive;
        if !body[previous.end..w.start].trim().is_empty() || is_stop_word(w.text) || after_name {
            break;
        }
        name.push(w.text.to_string());
        previous = w;
    }
    Some((name.join(" "), kind))
}

/// `документ`, `текст`, `материал`: a common noun that stands for any
/// document named before it.
fn is_any_document(nominative: &str) -> bool {
    matches!(nominative, "документ" | "текст" | "материал")
}

/// Outlets, which speak as institutions only right after a verb (`—
/// пишет издание`, `— сообщает агентство Reuters`): the stem of their
/// case forms and the nominative.
const OUTLETS: &[(&str, &str)] = &[
    ("издани", "издание"),
    ("газет", "газета"),
    ("телеканал", "телеканал"),
    ("агентств", "агентство"),
    ("радиостанци", "радиостанция"),
];

/// The outlet `word` names, in the nominative.
fn outlet_of(word: &str) -> Option<&'static str> {
    let lower = lowercase(word);
    OUTLETS.iter().find(|(stem, _)| lower.starts_with(stem)).map(|&(_, nominative)| nominative)
}

/// An institution or outlet in the nominative at the start of `words`,
/// with the words after it that name it (`агентство Reuters`,
/// `пресс-служба ведомства`, `издание`): the speaker in `— пишет
/// издание`, `— сообщила пресс-служба ведомства`.
pub(crate) fn organisation_named(body: &str, words: &[Word<'_>]) -> Option<(String, SpeakerKind)> {
    let head = words.first()?;
    let (nominative, kind) = match outlet_of(head.text) {
        Some(outlet) => (outlet, SpeakerKind::Organisation),
        None => head_of(head.text)?,
    };
    // (`Минобороны`, `Кремль` alone are read where subjects are; with a
    // country after them, `Минобороны России`, here: as a name, the country
    // would be taken for the subject.)
    let proper = !head.is_lowercase() && words.get(1).is_some_and(|w| body[head.end..w.start] == *" ");
    if kind != SpeakerKind::Organisation || head.text != nominative || !(head.is_lowercase() || proper) {
        return None;
    }
    let specifier = specifier(body, head.end, &words[1..]);
    let name =
        if specifier.is_empty() { nominative.to_string() } else { format!("{nominative} {}", specifier.join(" ")) };
    Some((name, kind))
}

/// Document heads that name no text of their own when a later `документ`
/// points back: `решение президента`, `проект моста`, `программа визита`.
fn is_vague_document(nominative: &str) -> bool {
    matches!(nominative, "решение" | "проект" | "программа" | "комментарий" | "описание" | "прогноз" | "твит")
}

/// How far back, in bytes, a common noun may point: about three
/// paragraphs of news.
const EARLIER_NAME_REACH: usize = 2_000;

/// The fuller name the article gave, before byte `before`, to the
/// document or institution a quotation's speaker names only by its common
/// noun (`generic`, one word in the nominative: `— говорится в документе`
/// after `доклад Центра американского прогресса`, `— отметили в
/// министерстве` after `министерство обороны Японии`). The last phrase
/// whose head is `generic` (for `документ`, `текст` and `материал`, any
/// document that speaks; for `министерство` and `ведомство`, a ministry or
/// agency by its own name), when a name stands among the words after it;
/// `None` when the nearest such phrase has none, or there is none. A
/// `документ` is at least the kind of the text named before it
/// (`законопроект`) when that text has no name.
pub(crate) fn earlier_name(body: &str, quote: (usize, usize), generic: &str, kind: SpeakerKind) -> Option<String> {
    let any_outlet = generic == "издание";
    let outlet = outlet_of(generic).is_some_and(|o| o == generic);
    if generic.contains(' ') || !(is_generic_head(generic) || outlet) {
        return None;
    }
    let any_document = kind == SpeakerKind::Document && is_any_document(generic);
    let any_ministry =
        kind == SpeakerKind::Organisation && matches!(generic, "министерство" | "ведомство" | "дипведомство");
    // `дипведомство`: the foreign ministry only.
    let foreign = generic == "дипведомство";
    // The phrase for `words[i]` and the byte where it ends: `None` when
    // its head does not fit; no name when it fits without one after it.
    let phrase = |words: &[Word<'_>], i: usize| -> Option<(Option<String>, usize)> {
        let head = head_of(words[i].text);
        let ministry = any_ministry
            .then(|| ministry_of(words[i].text, head, generic == "ведомство"))
            .flatten()
            .filter(|m| !foreign || matches!(*m, "МИД" | "Госдеп"));
        let (nominative, head_kind) = match (ministry, outlet_of(words[i].text).filter(|_| outlet)) {
            (Some(found), _) => (found, SpeakerKind::Organisation),
            (None, Some(found)) => (found, SpeakerKind::Organisation),
            (None, None) => head?,
        };
        let fits = if ministry.is_some() {
            true
        } else if any_document {
            head_kind == SpeakerKind::Document
                && !is_any_document(nominative)
                && !is_vague_document(nominative)
                && !is_place_of_text(nominative)
        } else if any_outlet {
            outlet_of(nominative).is_some()
        } else {
            head_kind == kind && nominative == generic
        };
        // `представитель ведомства Мария Захарова`: the name after a role's
        // institution is the person's.
        let after_role = i > 0 && super::lexicon::is_role(&lowercase(words[i - 1].text));
        if !fits || after_role {
            return None;
        }
        let mut specifier = specifier(body, words[i].end, &words[i + 1..]);
        if ministry.is_some() {
            // Only the country after a ministry's own name (`МИД России`,
            // `Минобороны Южной Кореи`), not a person's name or a word of
            // the sentence (`МВД Казахстана Руслан …`, `Минобороны основной`).
            let country = |w: &&&str| {
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
                    && (is_acronym(w) || looks_genitive(w))
            };
            let mut kept = 0;
            for w in specifier.iter().take(3) {
                // (`Минздрав Ростовской области`: a region's noun after its adjective.)
                let noun_of_adjective =
                    kept > 0 && is_oblique_adjective(specifier[kept - 1]) && w.starts_with(char::is_lowercase);
                if !(country(&w) || noun_of_adjective) {
                    break;
                }
                kept += 1;
            }
            if kept > 0 && is_oblique_adjective(specifier[kept - 1]) {
                kept -= 1;
            }
            specifier.truncate(kept);
        }
        let end =
            specifier.last().map_or(words[i].end, |last| last.as_ptr() as usize - body.as_ptr() as usize + last.len());
        // A name among the words, or they may be anything in the genitive
        // (`законопроект заявлена`, `сообщение источников`).
        // (`Минобороны`, `МИД`: the head is a name itself.)
        let named = ministry.is_some() || specifier.iter().any(|w| !w.starts_with(char::is_lowercase));
        let name =
            if specifier.is_empty() { nominative.to_string() } else { format!("{nominative} {}", specifier.join(" ")) };
        // A `документ` is at least the kind of text named before it
        // (`законопроект`, `доклад`), when nothing names it further.
        // (Not `обращению с техникой`, handling, nor a `поправка`, which is
        // part of a text.)
        let kind_of_text =
            (any_document && !matches!(nominative, "обращение" | "поправка")).then(|| nominative.to_string());
        Some((if named { Some(name) } else { kind_of_text }, end))
    };
    // The clause after the quote names the speaker (`— говорится в
    // заявлении`, `— цитирует заявление полпредов`): a phrase there with
    // words after its head is the one meant; the bare head is the mention
    // being resolved.
    let line_end = body[quote.1..].find('\n').map_or(body.len(), |at| quote.1 + at);
    let clause_end = (line_end.min(quote.1 + 300)..=line_end).find(|&i| body.is_char_boundary(i)).unwrap_or(line_end);
    let after: Vec<Word<'_>> = super::text::words(body, quote.1, clause_end).collect();
    for i in 0..after.len() {
        if let Some((found, end)) = phrase(&after, i)
            && (found.is_some() || end > after[i].end)
        {
            return found;
        }
    }
    // Before the quote, the nearest phrase is the one meant (a head inside
    // another's words is part of it: `доклад Центра стратегических
    // исследований`); without a name there is nothing fuller to give.
    let from =
        (quote.0.saturating_sub(EARLIER_NAME_REACH)..quote.0).find(|&i| body.is_char_boundary(i)).unwrap_or(quote.0);
    let before: Vec<Word<'_>> = super::text::words(body, from, quote.0).collect();
    let mut nearest = None;
    let mut covered = 0;
    for i in 0..before.len() {
        if before[i].start < covered {
            continue;
        }
        if let Some((found, end)) = phrase(&before, i) {
            nearest = Some(found);
            covered = end;
        }
    }
    nearest.flatten()
}

/// The ministry `word` names by its own name, in the nominative, for a
/// later `министерство` to point back to (`Минобороны`, `Минфина`, `МИД`,
/// `Пентагона`); with `any_agency`, for `ведомство`, a federal service or
/// agency too (`Роскомнадзора`, `ФСБ`). `head` is the word's [`head_of`].
fn ministry_of<'w>(word: &'w str, head: Option<(&'static str, SpeakerKind)>, any_agency: bool) -> Option<&'w str> {
    const MINISTRIES: &[&str] = &["МИД", "МВД", "МЧС", "Минобороны"];
    const AGENCIES: &[&str] =
        &["ФСБ", "СВР", "ФСО", "ФСИН", "ФАС", "ФНС", "ФТС", "ФМС", "СК", "ЦБ", "ЦИК", "ФБР", "ЦРУ", "АНБ"];
    if MINISTRIES.contains(&word) || (any_agency && AGENCIES.contains(&word)) {
        return Some(word);
    }
    let (nominative, kind) = head?;
    let ministry = nominative.starts_with("Мин") || matches!(nominative, "Пентагон" | "Госдеп");
    let agency = nominative.starts_with("Рос") || matches!(nominative, "Генштаб" | "Следком" | "Центробанк");
    (kind == SpeakerKind::Organisation && (ministry || (any_agency && agency))).then_some(nominative)
}

/// `word` ends like an adjective in the genitive or another oblique case
/// (`Американского`, `Ростовской`, `Южной`).
fn is_oblique_adjective(word: &str) -> bool {
    ["ого", "его", "ой", "ей", "ых", "их"].iter().any(|e| word.ends_with(e))
}

/// `word` ends like a noun or adjective in the genitive (`МВД России`,
/// `Службы сельского хозяйства`).
fn looks_genitive(word: &str) -> bool {
    ["а", "я", "ы", "и", "ов", "ев", "ей", "ого", "его", "ой", "ых", "их"].iter().any(|e| word.ends_with(e))
}

/// The genitive words that name a head's owner or title right after it
/// (`Центра американского прогресса`, `«Ближневосточного квартета»`,
/// `Бобби Ли Раша`, `российской компании`): up to four words with only
/// spaces or guillemets between them, as they stand, guillemets kept.
fn specifier<'a>(body: &'a str, head_end: usize, after: &[Word<'a>]) -> Vec<&'a str> {
    let mut parts: Vec<&str> = Vec::new();
    let mut end = head_end;
    for w in after.iter().take(4) {
        let gap = body[end..w.start].trim();
        let opens = gap == "«";
        if !(gap.is_empty() || opens) {
            break;
        }
        let name = !w.is_lowercase();
        // (`заявлена`, `равносильна`, `якобы`: short participles and
        // adverbs end like genitives.)
        let short_form = ["ена", "ана", "яна", "ено", "ано", "ены", "аны", "обы"].iter().any(|e| w.text.ends_with(e));
        // (`исследований`: the genitive plural of nouns in `-ие` too.)
        let genitive = (looks_genitive(w.text) || w.text.ends_with("ий")) && !(w.is_lowercase() && short_form);
        // A lower-case word after a name opens another phrase, unless the
        // name is an adjective or the word a genitive (`Американского
        // совета`, `Центра американского прогресса`).
        let after_name = parts.last().is_some_and(|p| !p.starts_with(char::is_lowercase) && !is_oblique_adjective(p))
            && w.is_lowercase()
            && !genitive;
        if is_stop_word(w.text) || (after_name && !opens) || !(name || genitive || opens) {
            break;
        }
        let start = if opens { end + body[end..w.start].find('«').unwrap_or(0) } else { w.start };
        if opens {
            // A title in guillemets is taken whole, up to its `»`.
            let close = body[w.start..].find('»').filter(|&at| at < 120 && !body[w.start..w.start + at].contains('\n'));
            if let Some(at) = close {
                parts.push(&body[start..w.start + at + '»'.len_utf8()]);
            }
            break;
        }
        parts.push(&body[start..w.end]);
        end = w.end;
    }
    parts
}

/// A group of unnamed people from `words`, whose first word is a group
/// word (`источник в правоохранительных органах`, `федеральный
/// прокурор`): the words up to a comma, a verb or a quote, five at most.
pub(crate) fn group_phrase(body: &str, words: &[Word<'_>]) -> Option<String> {
    let first = words.first()?;
    let mut name = vec![first.text];
    let mut previous = first;
    for w in words[1..].iter().take(4) {
        if !body[previous.end..w.start].trim().is_empty() || (w.is_lowercase() && looks_like_verb(w.text)) {
            break;
        }
        if matches!(w.text, "что" | "который" | "которая" | "которые" | "пожелавший" | "попросивший")
        {
            break;
        }
        // A particle or an adverb ends the phrase: `эксперты скептически`,
        // `власти Лондона до сих пор`, `МОК же`.
        let adverb = w.is_lowercase() && ["ски", "чески", "ально", "енно"].iter().any(|e| w.text.ends_with(e));
        if adverb || (w.is_lowercase() && is_stop_word(w.text) && w.text.chars().count() > 2) || w.text == "же" {
            break;
        }
        name.push(w.text);
        previous = w;
    }
    // A trailing preposition says nothing: `источник в` → `источник`.
    while name.len() > 1 && name.last().is_some_and(|w| w.chars().count() <= 2) {
        name.pop();
    }
    Some(name.join(" "))
}

fn is_stop_word(word: &str) -> bool {
    const STOP: &[&str] = &[
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "о",
        "об",
        "для",
        "к",
        "и",
        "что",
        "который",
        "которая",
        "от",
        "до",
        "за",
        "из",
        "под",
        "при",
        "после",
        "перед",
        "через",
        "также",
        "уже",
        "же",
        "ли",
        "бы",
        "не",
        "ещё",
        "еще",
        "тоже",
        "лишь",
        "только",
        "сих",
    ];
    let lower = lowercase(word);
    STOP.contains(&&*lower)
        || word.chars().next().is_some_and(|c| c.is_ascii_digit())
        || (word.chars().next().is_some_and(char::is_lowercase) && looks_like_verb(&lower))
}

/// `МИД`, `ФСБ`, `ОБСЕ`: two to six capital letters.
fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n) && word.chars().all(|c| c.is_uppercase())
}

/// An adjective in the prepositional singular: `Следственном`,
/// `американском`, `Государственной`, `высшем`.
fn is_adjective_prepositional(word: &str) -> bool {
    let lower = lowercase(word);
    lower.chars().count() > 4 && ["ом", "ем", "ой", "ей"].iter().any(|e| lower.ends_with(e)) && head_of(word).is_none()
}

/// The nominative of a prepositional adjective that agrees with a head of
/// the given gender.
fn adjective_nominative(word: &str, neuter: bool, feminine: bool) -> String {
    let stem = &word[..word.len() - "ом".len()];
    let soft = word.ends_with("ем") || word.ends_with("ей");
    let velar = stem.ends_with(['к', 'г', 'х', 'ж', 'ш', 'щ', 'ч']);
    let ending = match (feminine, neuter, soft || velar) {
        (true, _, false) => "ая",
        (true, _, true) => {
            if velar {
                "ая"
            } else {
                "яя"
            }
        }
        (false, true, false) => "ое",
        (false, true, true) => {
            if velar {
                "ое"
            } else {
                "ее"
            }
        }
        (false, false, false) => "ый",
        (false, false, true) => "ий",
    };
    format!("{stem}{ending}")
}

/// The nominative with the word's own capital: `Комитете` → `Комитет`.
fn keep_case(word: &str, nominative: &str) -> String {
    if word.chars().next().is_some_and(char::is_uppercase) && nominative.chars().next().is_some_and(char::is_lowercase)
    {
        let mut chars = nominative.chars();
        chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
    } else {
        nominative.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::text::words;

    fn institution(text: &str) -> Option<(String, SpeakerKind)> {
        let w: Vec<Word<'_>> = words(text, 0, text.len()).collect();
        institution_after_preposition(text, &w)
    }

    #[test]
    fn institutions_in_the_nominative() {
        let org = |s: &str| Some((s.to_string(), SpeakerKind::Organisation));
        let doc = |s: &str| Some((s.to_string(), SpeakerKind::Document));
        assert_eq!(institution("в сообщении пресс-службы МВД."), doc("сообщение пресс-службы МВД"));
        assert_eq!(institution("в Следственном комитете."), org("Следственный комитет"));
        assert_eq!(institution("в американском посольстве, добавив"), org("американское посольство"));
        assert_eq!(institution("в Государственной думе"), org("Государственная дума"));
        assert_eq!(institution("в Минобороны России."), org("Минобороны России"));
        assert_eq!(institution("в Кремле"), org("Кремль"));
        assert_eq!(institution("в Роспотребнадзоре."), org("Роспотребнадзор"));
        assert_eq!(institution("в Госдуме"), org("Госдума"));
        assert_eq!(institution("в Верховной раде Украины"), org("Верховная рада Украины"));
        assert_eq!(institution("в Генштабе ВС России"), org("Генштаб ВС России"));
        assert_eq!(institution("в Минпромторге"), org("Минпромторг"));
        assert_eq!(institution("в МИД страны"), org("МИД страны"));
        assert_eq!(institution("в заявлении, распространённом вчера"), doc("заявление"));
        assert_eq!(institution("в тексте петиции."), doc("текст петиции"));
        assert_eq!(institution("в пояснительной записке к законопроекту"), doc("пояснительная записка"));
        assert_eq!(institution("в итоговом отчёте конгрессменов"), doc("итоговый отчёт конгрессменов"));
        assert_eq!(institution("в понедельник"), None);
        // A text on a site is the site's; a place is no speaker.
        assert_eq!(institution("на сайте ведомства"), doc("сайт ведомства"));
        assert_eq!(institution("на Украине"), None);
        assert_eq!(institution("на заседании комитета"), None);
        assert_eq!(institution("из Минобороны"), None);
        assert_eq!(institution("из документа"), doc("документ"));
        assert_eq!(institution("в Twitter посольства."), doc("Twitter посольства"));
        assert_eq!(institution("в рекомендациях РАН."), doc("рекомендации РАН"));
        assert_eq!(institution("в тендере."), doc("тендер"));
        // `контрактник`, `правильно`: only the case forms of the heads.
        assert_eq!(institution("в контрактниках"), None);
        // Nor other words built on a head's stem.
        for other in ["в документальном фильме", "в стратегическом плане", "в отчётливом виде", "в кремлёвском пуле"]
        {
            assert_eq!(institution(other), None, "{other}");
        }
    }

    #[test]
    fn documents_named_after_a_citing_verb() {
        let named = |text: &str| {
            let w: Vec<Word<'_>> = words(text, 0, text.len()).collect();
            document_named(text, &w)
        };
        assert_eq!(named("заявление российской компании."), Some("заявление российской компании".to_string()));
        assert_eq!(named("текст листовок, распространённых"), Some("текст листовок".to_string()));
        assert_eq!(named("заявлении МИД"), None);
        assert_eq!(named("представителя ведомства"), None);
    }

    /// `earlier_name` for the quote on the last line of `body`.
    fn earlier(body: &str, generic: &str, kind: SpeakerKind) -> Option<String> {
        let line = body.rfind('\n').expect("two lines");
        let start = line + body[line..].find('«').expect("a quote");
        let end = start + body[start..].find('»').expect("its end") + '»'.len_utf8();
        earlier_name(body, (start, end), generic, kind)
    }

    #[test]
    fn a_document_named_by_its_common_noun_takes_the_name_given_before() {
        let body = "Вчера вышел доклад Центра стратегических исследований о рынке.\n\
                    «Спрос восстановится не раньше весны», — говорится в документе.";
        assert_eq!(
            earlier(body, "документ", SpeakerKind::Document).as_deref(),
            Some("доклад Центра стратегических исследований")
        );
        let body = "Посольство опубликовало заявление «Ближневосточного квартета».\n\
                    «Переговоры продолжатся», — отмечается в заявлении.";
        assert_eq!(
            earlier(body, "заявление", SpeakerKind::Document).as_deref(),
            Some("заявление «Ближневосточного квартета»")
        );
        let body = "Ранее высказалось посольство России в Вашингтоне.\n«Мы удивлены», — заявили в посольстве.";
        assert_eq!(earlier(body, "посольство", SpeakerKind::Organisation).as_deref(), Some("посольство России"));
        // A ministry or agency named by its own name, with its country only.
        let body = "Особое внимание МИД России обратил на провокации.\n«Ответ будет», — отметили в ведомстве.";
        assert_eq!(earlier(body, "ведомство", SpeakerKind::Organisation).as_deref(), Some("МИД России"));
        let body = "Глава МВД Казахстана Руслан Иванов выступил. Решение приняло МВД Казахстана.\n\
                    «Проверка идёт», — заявили в министерстве.";
        assert_eq!(earlier(body, "министерство", SpeakerKind::Organisation).as_deref(), Some("МВД Казахстана"));
        let body =
            "Теперь для Минобороны основной интерес представляют обломки.\n«Работа идёт», — заявили в ведомстве.";
        assert_eq!(earlier(body, "ведомство", SpeakerKind::Organisation).as_deref(), Some("Минобороны"));
        let body = "Особое внимание МИД России обратил на провокации. Минобороны промолчало.\n\
                    «Ответ будет», — отметили в дипведомстве.";
        assert_eq!(earlier(body, "дипведомство", SpeakerKind::Organisation).as_deref(), Some("МИД России"));
        let body = "Об этом сообщили в Минздраве Ростовской области.\n«Все здоровы», — заявили в ведомстве.";
        assert_eq!(
            earlier(body, "ведомство", SpeakerKind::Organisation).as_deref(),
            Some("Минздрав Ростовской области")
        );
        // An agency is an `ведомство`, not a `министерство`.
        let body = "В ФСБ сообщили о задержании.\n«Задержан», — заявили в министерстве.";
        assert_eq!(earlier(body, "министерство", SpeakerKind::Organisation), None);
        // `стать` (the verb) and `законодательство` are no document in between.
        let body = "Законопроект Раша меняет курс. Так, конгрессмен считает, что Куба должна стать партнёром, \
                    а законодательство устарело.\n«Холодная война осталась в прошлом», — отмечается в документе.";
        assert_eq!(earlier(body, "документ", SpeakerKind::Document).as_deref(), Some("законопроект Раша"));
    }

    #[test]
    fn an_outlet_or_institution_right_after_the_verb() {
        let named = |text: &str| {
            let w: Vec<Word<'_>> = words(text, 0, text.len()).collect();
            organisation_named(text, &w).map(|(name, _)| name)
        };
        assert_eq!(named("агентство Bloomberg.").as_deref(), Some("агентство Bloomberg"));
        assert_eq!(named("пресс-служба МВД Казахстана.").as_deref(), Some("пресс-служба МВД Казахстана"));
        assert_eq!(named("издание.").as_deref(), Some("издание"));
        // Not in the nominative, or a proper name (read as subjects are).
        assert_eq!(named("издания The Times"), None);
        assert_eq!(named("Минобороны."), None);
        // An outlet named before stands for `издание`.
        let body = "Об этом сообщила газета The Times.\n«Рост будет высоким», — пишет издание.";
        assert_eq!(earlier(body, "издание", SpeakerKind::Organisation).as_deref(), Some("газета The Times"));
    }

    #[test]
    fn only_the_nearest_mention_counts_and_it_needs_a_name() {
        // The nearest `заявление` has no name after it: the older one is
        // another statement.
        let body = "Заявление Иванова вызвало споры. Затем ведомство выпустило заявление, которое обсуждают.\n\
                    «Мы против», — говорится в заявлении.";
        assert_eq!(earlier(body, "заявление", SpeakerKind::Document), None);
        // The clause after the quote names the statement, without a name.
        let body = "Заявление Иванова вызвало споры.\n«Мы против», — цитирует заявление полпредов агентство.";
        assert_eq!(earlier(body, "заявление", SpeakerKind::Document), None);
        // The name after a role's institution is the person's.
        let body = "Представитель ведомства Мария Захарова выступила.\n«Это провокация», — заявили в ведомстве.";
        assert_eq!(earlier(body, "ведомство", SpeakerKind::Organisation), None);
        // A decision or a plan is no text that speaks.
        let body = "Стало известно решение Совета Европы.\n«Цель поправок ясна», — говорится в документе.";
        assert_eq!(earlier(body, "документ", SpeakerKind::Document), None);
        // A text without a name is at least its kind; handling is no text.
        let body = "Законопроект подготовили конгрессмены.\n«Угроза растёт», — отмечается в документе.";
        assert_eq!(earlier(body, "документ", SpeakerKind::Document).as_deref(), Some("законопроект"));
        let body = "Американцы обучат военных обращению с техникой.\n«Угроза растёт», — отмечается в документе.";
        assert_eq!(earlier(body, "документ", SpeakerKind::Document), None);
    }

    #[test]
    fn a_long_clause_after_the_quote_is_cut_on_a_character() {
        let clause = "слово ".repeat(80);
        let body = format!("Доклад Минфина вышел.\n«Рост будет», — говорится в документе {clause}конец.");
        assert_eq!(earlier(&body, "документ", SpeakerKind::Document).as_deref(), Some("доклад Минфина"));
    }

    #[test]
    fn groups_stop_at_the_clause() {
        let text = "источник в правоохранительных органах, пожелавший остаться";
        let w: Vec<Word<'_>> = words(text, 0, text.len()).collect();
        assert_eq!(group_phrase(text, &w).as_deref(), Some("источник в правоохранительных органах"));
        let text = "эксперты опасаются";
        let w: Vec<Word<'_>> = words(text, 0, text.len()).collect();
        assert_eq!(group_phrase(text, &w).as_deref(), Some("эксперты"));
    }
}
