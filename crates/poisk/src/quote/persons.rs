//! The people an article names, so that a mention (`Путина`, `лидер КНДР`,
//! `он`) can be turned into the fullest nominative name the article gives.
//!
//! A person mention is a run of capitalised words outside guillemets
//! (`Президент России Владимир Путин` → `Владимир Путин` once the role and the
//! place in front are trimmed). No list of names is used: a name is whatever
//! the article writes as one, and a surname is matched across case endings by
//! its stem (`Путин`, `Путина`, `Путиным`).

use super::spans::Span;
use super::text::{Gender, Word, is_past_verb, is_speech_verb, paragraph_end, sentence_start, words};

/// Capitalised words that begin sentences or name roles, never people.
const NOT_NAMES: &[&str] = &[
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
    "губернатор",
    "мэр",
    "директор",
    "руководител",
    "тренер",
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
];

/// True when a lower-case `word` names a person's role (`лидер`, `эксперт`).
pub(crate) fn is_role(word: &str) -> bool {
    ROLE_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Lower-case particles inside foreign names: `Билл де Блазио`.
const PARTICLES: &[&str] = &["де", "ди", "да", "дер", "ван", "фон", "ибн", "бен", "аль", "ле", "ла"];

/// One place where the article names a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Offset of the first word of the name (after trimming roles and places).
    pub start: usize,
    /// Offset just past the last word.
    pub end: usize,
    /// Offset of the first word of the whole capitalised run, before trimming.
    pub run_start: usize,
    /// Offset of the last word (the surname).
    pub last_start: usize,
    /// Number of words of the name.
    pub words: usize,
    /// The gender of a past-tense verb right after the name, if any.
    pub gender: Gender,
    /// The name is followed by a singular past-tense verb: it is the subject.
    pub subject: bool,
    /// The name comes right after a role (`эксперт Иван Петров`) or after
    /// `по мнению`/`по словам`: the article introduces someone who speaks.
    pub introduced: bool,
    /// The mention is a person by the article's own evidence: a name of two
    /// words or more, an introduction by role, or a surname that some longer
    /// name ends with. `Госдумы`, `Twitter`, `Киевом` are not.
    pub person: bool,
}

/// All person mentions of one article, in text order.
#[derive(Debug)]
pub(crate) struct Persons<'a> {
    body: &'a str,
    mentions: Vec<Mention>,
}

impl<'a> Persons<'a> {
    /// Collects the person mentions of `body`, skipping the text inside `spans`.
    pub fn collect(body: &'a str, spans: &[Span]) -> Self {
        let mut mentions = Vec::new();
        let mut from = 0;
        for span in spans.iter().map(|s| (s.start, s.end)).chain([(body.len(), body.len())]) {
            collect_runs(body, from, span.0, &mut mentions);
            from = span.1.max(from);
        }
        let mut persons = Persons { body, mentions };
        persons.drop_lone_sentence_starts();
        persons.mark_persons();
        persons
    }

    /// The mentions, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The text of a mention's name.
    pub fn name(&self, mention: &Mention) -> &'a str {
        &self.body[mention.start..mention.end]
    }

    /// The surname (last word) of a mention.
    pub fn surname(&self, mention: &Mention) -> &'a str {
        &self.body[mention.last_start..mention.end]
    }

    /// The gender the article gives the person with this surname, through
    /// the verbs after any of their mentions.
    pub fn gender_of(&self, surname: &str) -> Gender {
        let mut found = Gender::Unknown;
        for m in self.mentions.iter().filter(|m| same_stem(self.surname(m), surname)) {
            if m.gender != Gender::Unknown {
                found = m.gender;
            }
        }
        found
    }

    /// The fullest nominative form of the person whose surname is `surname`
    /// (in any case), as the article writes it.
    pub fn canonical(&self, surname: &str, gender: Gender) -> String {
        let gender = if gender == Gender::Unknown { self.gender_of(surname) } else { gender };
        let same: Vec<&Mention> = self.mentions.iter().filter(|m| same_stem(self.surname(m), surname)).collect();
        let best_form = self.best_surname_form(&same, surname, gender);
        let nominative = fits_nominative(best_form, gender);
        let fullest = same
            .iter()
            .filter(|m| self.surname(m) == best_form)
            .map(|m| if nominative { self.nominative_tail(m, gender) } else { self.name(m) })
            .max_by_key(|name| name.split(' ').count().min(4));
        let name = fullest.unwrap_or(best_form);
        if nominative { name.to_string() } else { to_nominative(name, gender) }
    }

    /// The words at the end of a mention that can all be nominative:
    /// `Генштаба Герасимове Помпео` → `Помпео`.
    fn nominative_tail(&self, m: &Mention, gender: Gender) -> &'a str {
        let name = self.name(m);
        let mut start = m.last_start - m.start;
        for (i, _) in name.match_indices(' ').collect::<Vec<_>>().into_iter().rev() {
            let word = &name[..i].rsplit(' ').next().unwrap_or("");
            if !fits_nominative(word, gender) && !PARTICLES.contains(word) {
                break;
            }
            start = i - word.len();
        }
        &name[start..]
    }

    /// Picks the surname form that reads as nominative: it agrees with the
    /// gender and stands as a subject most often.
    fn best_surname_form<'m>(&self, same: &[&'m Mention], fallback: &'m str, gender: Gender) -> &'m str
    where
        'a: 'm,
    {
        let score = |form: &str| {
            let uses = same.iter().filter(|m| self.surname(m) == form);
            let count: usize = uses.map(|m| 1 + 3 * usize::from(m.subject)).sum();
            count + 100 * usize::from(fits_nominative(form, gender))
        };
        same.iter().map(|m| self.surname(m)).chain([fallback]).max_by_key(|form| score(form)).unwrap_or(fallback)
    }

    /// Decides which mentions are people (see [`Mention::person`]).
    fn mark_persons(&mut self) {
        let body = self.body;
        let full: Vec<(usize, usize)> = self
            .mentions
            .iter()
            .filter(|m| m.words > 1 && !is_place_ending(&body[m.last_start..m.end]))
            .map(|m| (m.last_start, m.end))
            .collect();
        for m in &mut self.mentions {
            let surname = &body[m.last_start..m.end];
            m.person = !is_place_ending(surname)
                && (m.words > 1 || m.introduced || full.iter().any(|&(s, e)| same_stem(&body[s..e], surname)));
        }
    }

    /// Single capitalised words that only ever start sentences (`Переговоры`,
    /// `Несколько`) are not names; keep them only when the same stem also
    /// appears inside a sentence or in a longer name.
    fn drop_lone_sentence_starts(&mut self) {
        let body = self.body;
        let starts_sentence = |m: &Mention| {
            let s = sentence_start(body, m.start);
            body[s..m.start].trim().is_empty()
        };
        let confirmed: Vec<bool> = self
            .mentions
            .iter()
            .map(|m| {
                m.words > 1
                    || !starts_sentence(m)
                    || self.mentions.iter().any(|o| {
                        o.start != m.start
                            && same_stem(&body[o.last_start..o.end], &body[m.last_start..m.end])
                            && (o.words > 1 || !starts_sentence(o))
                    })
            })
            .collect();
        let mut keep = confirmed.into_iter();
        self.mentions.retain(|_| keep.next().unwrap_or(false));
    }
}

/// Collects the capitalised runs of `body[from..to]` as mentions.
fn collect_runs(body: &str, from: usize, to: usize, out: &mut Vec<Mention>) {
    let mut run: Vec<Word<'_>> = Vec::new();
    // The word before the current run: `как заявил Песков` makes Песков the subject.
    let mut prev: Option<Word<'_>> = None;
    let mut before_run: Option<Word<'_>> = None;
    let mut iter = words(body, from, to).peekable();
    while let Some(word) = iter.next() {
        let joins = run.last().is_some_and(|prev| body[prev.end..word.start] == *" ");
        if word.is_capitalised() && !NOT_NAMES.contains(&word.text.to_lowercase().as_str()) {
            if !joins && !run.is_empty() {
                flush(body, &run, before_run, None, out);
                run.clear();
            }
            if run.is_empty() {
                before_run = prev;
            }
            run.push(word);
            prev = Some(word);
            continue;
        }
        if joins && PARTICLES.contains(&word.text) && iter.peek().is_some_and(Word::is_capitalised) {
            run.push(word);
            prev = Some(word);
            continue;
        }
        if !run.is_empty() {
            let next = (body[run[run.len() - 1].end..word.start] == *" ").then_some(word);
            let after = next.and_then(|n| skip_adverb(body, n, &mut iter));
            flush(body, &run, before_run, after, out);
            run.clear();
        }
        prev = Some(word);
    }
    if !run.is_empty() {
        flush(body, &run, before_run, None, out);
    }
}

/// Adverbs that may stand between a subject and its verb: `Гитлер даже
/// предлагал`, `Джонсон не намерен`.
const ADVERBS: &[&str] = &[
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

/// The word that can agree with a subject right after a name: `next`
/// itself, or the word after one adverb.
fn skip_adverb<'a, I>(body: &'a str, next: Word<'a>, iter: &mut std::iter::Peekable<I>) -> Option<Word<'a>>
where
    I: Iterator<Item = Word<'a>>,
{
    let is_adverb = |w: &Word<'_>| ADVERBS.contains(&w.text) || (w.is_lowercase() && w.text.ends_with('о'));
    if !is_adverb(&next) {
        return Some(next);
    }
    let second = iter.peek().copied().filter(|w| body[next.end..w.start] == *" ")?;
    if !is_adverb(&second) {
        return Some(second);
    }
    // Peeking further would consume the iterator; look the third word up in the text.
    words(body, second.end, paragraph_end(body, second.end)).next().filter(|w| body[second.end..w.start] == *" ")
}

/// Turns a run of capitalised words into a mention: trims the role and place
/// words in front and reads the verb after it.
fn flush(body: &str, run: &[Word<'_>], prev: Option<Word<'_>>, next: Option<Word<'_>>, out: &mut Vec<Mention>) {
    let mut first = 0;
    while run.len() - first > 1 && is_leading_non_name(run[first].text) {
        first += 1;
    }
    // Names have at most four words; a longer run holds places in front.
    first = first.max(run.len().saturating_sub(4));
    let name = &run[first..];
    let (Some(head), Some(last)) = (name.first(), name.last()) else {
        return;
    };
    // The verb that agrees with the name: after it (`Путин сказал`, `Джонсон
    // не намерен`) or just before it (`как заявил Песков`).
    let after = next.filter(|w| is_past_verb(w) || is_short_adjective(w));
    let before = prev.filter(|w| is_past_verb(w) && is_speech_verb(w.text));
    let gender = after.or(before).map_or(Gender::Unknown, |v| gender_of_predicate(v.text));
    let surname_ok = fits_nominative(last.text, gender);
    out.push(Mention {
        start: head.start,
        end: last.end,
        run_start: run[0].start,
        last_start: last.start,
        words: name.len(),
        gender,
        subject: gender != Gender::Unknown && surname_ok,
        introduced: is_introduced(body, run[0].start),
        person: false,
    });
}

/// A role word or `по мнению`/`по словам` among the few words before `pos`
/// in the same sentence.
fn is_introduced(body: &str, pos: usize) -> bool {
    let from = sentence_start(body, pos);
    let before: Vec<Word<'_>> = words(body, from, pos).collect();
    let near = &before[before.len().saturating_sub(6)..];
    near.iter().any(|w| w.is_lowercase() && (is_role(w.text) || w.text == "мнению" || w.text == "словам"))
}

/// Last words that end names of places and groups, not people:
/// `России`, `Штаты`, `Объединённых`.
fn is_place_ending(word: &str) -> bool {
    ["ии", "ых", "их"].iter().any(|e| word.ends_with(e)) || word.ends_with('ы')
}

/// `намерен`, `уверена`, `готов`: short adjectives that take a subject.
fn is_short_adjective(word: &Word<'_>) -> bool {
    const STEMS: &[&str] = &["намерен", "уверен", "готов", "убежд", "соглас", "вынужден", "доволен", "довольн"];
    STEMS.iter().any(|s| word.text.starts_with(s))
}

/// The gender of a predicate word: past verbs by `-л`/`-ла`, short
/// adjectives by a final `-а`.
fn gender_of_predicate(word: &str) -> Gender {
    if word.ends_with("ли") || word.ends_with("лись") || word.ends_with('ы') {
        return Gender::Unknown;
    }
    match Gender::of_verb(word) {
        Gender::Unknown if word.ends_with('а') => Gender::Feminine,
        Gender::Unknown => Gender::Masculine,
        known => known,
    }
}

/// Words in front of a name that are places or organisations in the
/// genitive (`России`, `Эстонии`, `Белого`), not given names.
fn is_leading_non_name(word: &str) -> bool {
    const ENDINGS: &[&str] = &["ии", "ой", "ого", "ых", "их", "ства", "ции", "ском"];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

/// True when `a` and `b` are the same word in different case forms
/// (`Путин`, `Путина`, `Путиным`; `Захарова`, `Захаровой`).
pub(crate) fn same_stem(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().map(fold).collect();
    let b: Vec<char> = b.chars().map(fold).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shorter = a.len().min(b.len());
    let longer = a.len().max(b.len());
    if shorter <= 3 {
        return common == shorter && longer - common <= 2;
    }
    common + 1 >= shorter && longer - common <= 3
}

fn fold(c: char) -> char {
    match c {
        'ё' | 'Ё' => 'е',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether a surname form can be nominative for the gender.
fn fits_nominative(form: &str, gender: Gender) -> bool {
    let oblique_m = ["а", "я", "у", "ю", "е", "ым", "ом"].iter().any(|e| form.ends_with(e)) && !form.ends_with("ое");
    let nominative_f = form.ends_with('а') || form.ends_with('я');
    let oblique_f = ["ой", "ей", "ую", "ою"].iter().any(|e| form.ends_with(e));
    match gender {
        Gender::Masculine => !oblique_m,
        Gender::Feminine => nominative_f || !(oblique_f || oblique_m),
        Gender::Unknown => !oblique_m || nominative_f,
    }
}

/// Best-effort nominative of a name the article only gives in an oblique
/// case (`Дениса Тихомирова` → `Денис Тихомиров`, `Захаровой` → `Захарова`).
fn to_nominative(name: &str, gender: Gender) -> String {
    name.split(' ').map(|w| word_to_nominative(w, gender)).collect::<Vec<_>>().join(" ")
}

fn word_to_nominative(word: &str, gender: Gender) -> String {
    let strip = |n: usize| word.char_indices().rev().nth(n - 1).map_or(word, |(i, _)| &word[..i]);
    match gender {
        Gender::Feminine if word.ends_with("ой") || word.ends_with("ей") => {
            format!("{}а", strip(2))
        }
        Gender::Feminine if word.ends_with("ую") => format!("{}ая", strip(2)),
        Gender::Feminine if word.ends_with('у') => format!("{}а", strip(1)),
        Gender::Feminine if word.ends_with('ю') => format!("{}я", strip(1)),
        Gender::Masculine if word.ends_with("ого") => format!("{}ий", strip(3)),
        Gender::Masculine if word.ends_with("ым") || word.ends_with("ом") => strip(2).to_string(),
        Gender::Masculine if word.ends_with(['а', 'у', 'е']) && word.chars().count() > 3 => strip(1).to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::spans::find_spans;

    fn persons(body: &str) -> Persons<'_> {
        Persons::collect(body, &find_spans(body))
    }

    fn names<'a>(p: &Persons<'a>) -> Vec<&'a str> {
        p.mentions().iter().map(|m| p.name(m)).collect()
    }

    #[test]
    fn trims_roles_and_places() {
        let body = "Президент России Владимир Путин и лидер КНДР Ким Чен Ын встретились. \
                    Министр иностранных дел Великобритании Борис Джонсон заявил. Мэр Билл де Блазио.";
        assert_eq!(names(&persons(body)), ["Владимир Путин", "Ким Чен Ын", "Борис Джонсон", "Билл де Блазио"]);
    }

    #[test]
    fn skips_names_inside_guillemets() {
        let body = "Путин ехал на «Аурусе», заявил Путин.";
        assert_eq!(names(&persons(body)), ["Путин", "Путин"]);
    }

    #[test]
    fn canonical_is_fullest_nominative() {
        let body = "Президент России Владимир Путин прибыл. Он поблагодарил Путина. \
                    Официальный представитель МИД Мария Захарова заявила. По словам Захаровой, да.";
        let p = persons(body);
        assert_eq!(p.canonical("Путина", Gender::Unknown), "Владимир Путин");
        assert_eq!(p.canonical("Захаровой", Gender::Unknown), "Мария Захарова");
    }

    #[test]
    fn nominative_from_oblique_only() {
        let body = "Цитирует главного тренера Дениса Тихомирова издание.";
        assert_eq!(persons(body).canonical("Тихомирова", Gender::Masculine), "Денис Тихомиров");
    }

    #[test]
    fn stems_match_across_cases() {
        assert!(same_stem("Путин", "Путиным"));
        assert!(same_stem("Захарова", "Захаровой"));
        assert!(same_stem("Ын", "Ын"));
        assert!(!same_stem("Путин", "Пушкин"));
        assert!(!same_stem("Ким", "Кимберли"));
    }
}
