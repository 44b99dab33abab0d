//! The word lists the person stages use, and fast lookups in them: words
//! that are never names, role nouns, particles of foreign names, adverbs
//! between a subject and its verb.
//!
//! The lookups run on every capitalised word and on the few words before
//! every name, so they fold into stack buffers and index by first letter
//! instead of hashing or allocating.

use std::sync::LazyLock;

use super::stems::fold;

/// Capitalised words that begin sentences or name roles, never people.
pub(crate) const NOT_NAMES: &[&str] = &[
    "он",
    "она",
    "они",
    "оно",
    "я",
    "мы",
    "вы",
    "ты",
    "это",
    "этот",
    "эта",
    "эти",
    "тот",
    "та",
    "так",
    "также",
    "как",
    "по",
    "в",
    "во",
    "на",
    "при",
    "после",
    "однако",
    "но",
    "а",
    "и",
    "тогда",
    "ранее",
    "позже",
    "кроме",
    "между",
    "несмотря",
    "впрочем",
    "сейчас",
    "теперь",
    "там",
    "тут",
    "здесь",
    "все",
    "всё",
    "кто",
    "что",
    "где",
    "когда",
    "который",
    "которая",
    "сам",
    "сама",
    "президент",
    "министр",
    "глава",
    "лидер",
    "премьер",
    "премьер-министр",
    "председатель",
    "посол",
    "спикер",
    "мэр",
    "губернатор",
    "директор",
    "эксперт",
    "политолог",
    "аналитик",
    "экономист",
    "тренер",
    "бывший",
    "бывшая",
    "генсек",
    "представитель",
    "пресс-секретарь",
    "депутат",
    "сенатор",
    "канцлер",
    "король",
    "королева",
    "генерал",
    "полковник",
    "источник",
    "журналист",
    "автор",
    "профессор",
    "доктор",
    "вице-премьер",
    "госсекретарь",
    "замглавы",
    "его",
    "ее",
    "её",
    "их",
    "ему",
    "ей",
    "им",
    "с",
    "со",
    "из",
    "за",
    "к",
    "от",
    "до",
    "для",
    "об",
    "о",
    "у",
    "не",
    "ни",
    "уже",
    "еще",
    "ещё",
    "даже",
    "лишь",
    "только",
    "именно",
    "если",
    "чтобы",
    "потому",
    "поэтому",
    "хотя",
    "пока",
    "вместе",
    "против",
    "согласно",
    "помимо",
    // Particles, conjunctions and adverbs that open sentences (`Ведь Путин
    // …`, `Сегодня Ferrari …`): capitalised there, never part of a name.
    "ведь",
    "вот",
    "зато",
    "причем",
    "причём",
    "притом",
    "итак",
    "кстати",
    "конечно",
    "видимо",
    "возможно",
    "вероятно",
    "наконец",
    "например",
    "впервые",
    "сегодня",
    "вчера",
    "завтра",
    "тоже",
    "затем",
    "потом",
    "или",
    "либо",
    "разве",
    "неужели",
    "почему",
    "зачем",
];

/// Nouns of persons' roles, by stem: only these resolve to a person the
/// article introduced before (`сказал лидер КНДР`, `пояснил эксперт`).
pub(crate) const ROLE_STEMS: &[&str] = &[
    "эксперт",
    "аналитик",
    "политолог",
    "экономист",
    "политик",
    "специалист",
    "глав",
    "лидер",
    "президент",
    "премьер",
    "министр",
    "председател",
    "спикер",
    "депутат",
    "сенатор",
    "посол",
    "дипломат",
    "пресс-секретар",
    "постпред",
    "губернатор",
    "мэр",
    "директор",
    "руководител",
    "тренер",
    "фермер",
    "телеведущ",
    "учител",
    "наставник",
    "спортсмен",
    "спортсменк",
    "игрок",
    "футболист",
    "хоккеист",
    "теннисист",
    "теннисистк",
    "боец",
    "бойц",
    "россиян",
    "собеседни",
    "чиновни",
    "журналист",
    "писател",
    "актёр",
    "актер",
    "актрис",
    "певец",
    "певиц",
    "артист",
    "режиссёр",
    "режиссер",
    "учён",
    "учен",
    "профессор",
    "генерал",
    "командир",
    "адвокат",
    "вратар",
    "защитник",
    "нападающ",
    "полузащитник",
    "форвард",
    "шахматист",
    "фигурист",
    "биатлонист",
    "лыжни",
    "пловец",
    "пловчих",
    "гонщик",
    "боксёр",
    "боксер",
    "борец",
    "чемпион",
    "чемпионк",
    "призёр",
    "канцлер",
    "госсекретар",
    "генсек",
    "основател",
    "владел",
    "бизнесмен",
    "предпринимател",
    "певиц",
    "музыкант",
    "композитор",
    "поэт",
    "художни",
    "автор",
    "историк",
    "социолог",
    "юрист",
    "правозащитни",
    "активист",
    "блогер",
    "публицист",
    "комментатор",
    "зампред",
    "замминистр",
    "вице-премьер",
    "вице-президент",
    "редактор",
    "заместител",
    "муфти",
    "сотрудник",
    "представител",
    "американ",
    "британ",
    "немец",
    "француз",
    "украин",
    "итальян",
    "испан",
    "норвеж",
    "швед",
    "финн",
    "канад",
    "японец",
    "китаец",
    "белорус",
    "прокурор",
    "генпрокурор",
    "следовател",
    "судья",
    "женщин",
    "мужчин",
    "девушк",
    "пенсионер",
    "студент",
    "информатор",
    // Trades, ranks and offices news puts before a name (`Конгрессмен Бен
    // Кардин`, `Протоиерей Всеволод Чаплин`, `Адмирал Крис Пэрри`).
    "конгрессмен",
    "вице-спикер",
    "еврокомиссар",
    "обозревател",
    "корреспондент",
    "академик",
    "адмирал",
    "капитан",
    "полковник",
    "подполковник",
    "лейтенант",
    "сержант",
    "продюсер",
    "прозаик",
    "священник",
    "протоиерей",
    "митрополит",
    "епископ",
    "архиепископ",
    "патриарх",
    "изобретател",
    "врач",
    "инженер",
    "конструктор",
    "космонавт",
    "астронавт",
    "лётчик",
    "летчик",
    "волонтёр",
    "волонтер",
];

/// Words that start like a role but name an institution or a field:
/// `посольство` (not `посол`), `политология` (not `политолог`).
const NOT_ROLE_PREFIXES: &[&str] = &["посольств", "политологи"];

/// True when a lower-case `word` names a person's role (`лидер`, `эксперт`).
pub(crate) fn is_role(word: &str) -> bool {
    // `экс-министр`, `экс-сотрудник`: a former holder of the role.
    let word = word.strip_prefix("экс-").unwrap_or(word);
    if NOT_ROLE_PREFIXES.iter().any(|p| word.starts_with(p)) {
        return false;
    }
    // Stems by their first two letters: this runs on the words before every
    // name, and a pair holds one or two stems.
    static BY_PAIR: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut table = vec![Vec::new(); LETTERS * LETTERS];
        for stem in ROLE_STEMS {
            if let Some(slot) = pair_index(stem) {
                table[slot].push(*stem);
            }
        }
        table
    });
    pair_index(word).is_some_and(|slot| BY_PAIR[slot].iter().any(|s| word.starts_with(s))) || is_scholar(word)
}

/// `востоковед`, `литературоведа`, `материаловед`: a scholar of a field,
/// by the `-вед` every such noun ends in, before a case ending of the
/// masculine (so not `заповедь` or `исповеди`).
fn is_scholar(word: &str) -> bool {
    // (One search first: this runs on the words before every name.)
    word.contains("вед")
        && ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"]
            .iter()
            .filter_map(|ending| word.strip_suffix(ending))
            .any(|base| base.ends_with("овед") || base.ends_with("евед"))
}

/// Number of lower-case Russian letters, `а`..`я` and `ё`.
const LETTERS: usize = 33;

/// The index of a lower-case Russian letter; other chars have none. Stems
/// and entries are written in lower case, so capitalised words never match.
fn letter_index(c: char) -> Option<usize> {
    match c {
        'а'..='я' => Some(c as usize - 'а' as usize),
        'ё' => Some(LETTERS - 1),
        _ => None,
    }
}

/// The index of the first two letters of `word`, when both are lower-case Russian.
fn pair_index(word: &str) -> Option<usize> {
    let mut chars = word.chars();
    let first = letter_index(chars.next()?)?;
    let second = letter_index(chars.next()?)?;
    Some(first * LETTERS + second)
}

/// Lower-case particles inside foreign names: `Билл де Блазио`.
pub(crate) const PARTICLES: &[&str] = &["де", "ди", "да", "дер", "ван", "фон", "ибн", "бен", "аль", "ле", "ла"];

/// The Arabic article as Russian writes it, joined by a hyphen to the word
/// it defines: `аль-Абади`, `ас-Сиси`, `эль-Энани`.
const ARTICLES: &[&str] =
    &["аль", "ал", "ас", "аз", "ад", "ар", "аш", "ат", "ан", "эль", "эд", "эр", "эс", "эт", "эш", "уль"];

/// True when `word` is an Arabic article, a hyphen and a capitalised word:
/// `аль-Абади` is as much a name word as `Абади`.
pub(crate) fn is_article_name(word: &str) -> bool {
    let Some((article, rest)) = word.split_once('-') else {
        return false;
    };
    let mut chars = rest.chars();
    ARTICLES.contains(&article)
        && chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(char::is_lowercase)
}

/// True when the capitalised `word` is in [`NOT_NAMES`] once folded to lower
/// case (see [`fold`]). Entries are grouped by first letter and compared
/// only when the byte lengths agree, so nothing is allocated or hashed per
/// word and most names are rejected without reading them.
pub(crate) fn is_not_name(word: &str) -> bool {
    // Every entry starts with a lower-case Russian letter.
    static BY_FIRST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| by_first_letter(NOT_NAMES));
    let Some(slot) = word.chars().next().map(fold).and_then(letter_index) else {
        return false;
    };
    // Folding keeps the byte length of Russian and ASCII letters.
    BY_FIRST[slot].iter().filter(|e| e.len() == word.len()).any(|e| e.chars().eq(word.chars().map(fold)))
}

/// `words` grouped by the index of their first letter (see [`letter_index`]);
/// words that start otherwise are left out.
fn by_first_letter(words: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut table = vec![Vec::new(); LETTERS];
    for word in words {
        if let Some(slot) = word.chars().next().and_then(letter_index) {
            table[slot].push(*word);
        }
    }
    table
}

/// Adverbs that may stand between a subject and its verb: `Гитлер даже
/// предлагал`, `Джонсон не намерен`.
pub(crate) const ADVERBS: &[&str] = &[
    "не",
    "уже",
    "также",
    "тоже",
    "ещё",
    "еще",
    "даже",
    "давно",
    "ранее",
    "вновь",
    "снова",
    "вчера",
    "сегодня",
    "же",
    "лично",
    "тогда",
    "позже",
    "затем",
    "потом",
    "неоднократно",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_stem_in_lower_case_only() {
        assert!(is_role("лидер"));
        assert!(is_role("экс-министр"));
        assert!(is_role("эксперта"));
        assert!(!is_role("Лидер"));
        assert!(!is_role("лес"));
        assert!(!is_role(""));
        assert!(!is_role("л"));
        assert!(is_role("постпред"));
        assert!(!is_role("посольства"));
        assert!(!is_role("политологии"));
    }

    #[test]
    fn scholars_of_a_field_by_their_ending() {
        for scholar in
            ["востоковед", "литературоведа", "материаловед", "кореевед", "искусствоведов", "политолог-востоковед"]
        {
            assert!(is_role(scholar), "{scholar}");
        }
        for other in ["заповедь", "исповеди", "медведь", "ведомство", "вед"] {
            assert!(!is_role(other), "{other}");
        }
    }

    #[test]
    fn not_names_fold_case_and_yo() {
        assert!(is_not_name("Он"));
        assert!(is_not_name("После"));
        assert!(!is_not_name("Путин"));
        assert!(!is_not_name("Песков"));
    }
}
