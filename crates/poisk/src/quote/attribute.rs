//! Stage 3: find who said each quote.
//!
//! Input: the body, its quote spans in text order (names already dropped)
//! and the article's [`Persons`]. The rules, tried in order:
//! 1. after the quote: `», — сказал Путин`, `», — добавила она`, `», — сказал
//!    лидер КНДР`;
//! 2. inside a split quote: `«…, — считает Иван Петров. — …»`;
//! 3. before it: `Путин сказал: «…»`, `По словам Захаровой, «…»`, a
//!    sentence that opens with `По словам Брутера,`;
//! 4. a fragment inside a sentence: that sentence's subject;
//! 5. a quote that fills its paragraph: whom the sentence before reports;
//! 6. failing all, and failing a neighbour's speaker over paragraphs
//!    ([`continue_paragraphs`]): the subject of the sentence before it
//!    (`Политолог добавил, что …`, `В Минобороны пояснили, что …`).
//!
//! Pronouns resolve to the most recent speaker or subject of their gender;
//! roles to the person the article introduced with that role, else to whom
//! the sentence right before the quote reports (`Как отмечает Третьякова,
//! …` then `— подчёркивает эксперт`), else to the latest person. When
//! nothing names a person the quote stays without a speaker.

use std::cell::OnceCell;

use super::institutions::{
    document_named, group_phrase, institution_after_preposition, institution_subject, is_group_word,
    is_impersonal_verb, organisation_named,
};
use super::introductions::INTRODUCTION_BYTES;
use super::lexicon::is_role;
use super::persons::{Mention, Persons, after_speech_verb, is_addressee, said_to};
use super::spans::Span;
use super::stems::{StemIndex, fits_nominative, same_stem};
use super::text::{
    Gender, Word, clause_start, clause_window_before, is_attributing_word, is_plural_belief, is_plural_verb,
    is_speech_verb, looks_like_verb, lowercase, sentence_end, sentence_start, skip_speech_dash, words, words_in_line,
};
use super::{Attribution, AttributionMethod, SpeakerKind};

/// Words after a quote that say who spoke without naming them: `рассказал
/// источник`, `говорит один из жителей` (a group speaker), `сказали они`
/// (no speaker: see [`NO_ONE`]).
const ANONYMOUS: &[&str] = &[
    "источник",
    "источники",
    "очевидец",
    "очевидцы",
    "житель",
    "жительница",
    "жители",
    "пользователь",
    "пользователи",
    "один",
    "одна",
    "одного",
    "одной",
    "другой",
    "другая",
    "некоторые",
    "многие",
    "кто-то",
    "собеседники",
    "участник",
    "участница",
    "сотрудник",
    "сотрудница",
    "юрист",
    "беженец",
    "беженка",
    "ребёнок",
    "ребенок",
    "они",
    "те",
    "оно",
];

/// Words for someone met in the street (`— сообщил RT мужчина`), who
/// speaks as one of a group when the article names no one near.
const VOX_POP: &[&str] = &[
    "мужчина",
    "женщина",
    "девушка",
    "парень",
    "юноша",
    "дама",
    "прохожий",
    "прохожая",
    "пенсионер",
    "пенсионерка",
    "старушка",
    "студент",
    "студентка",
    "школьник",
    "школьница",
    "мальчик",
    "девочка",
    "водитель",
    "таксист",
    "продавец",
    "продавщица",
    "покупатель",
    "посетитель",
    "пассажир",
    "пассажирка",
    "горожанин",
    "горожанка",
    "москвич",
    "москвичка",
];

/// Words of [`ANONYMOUS`] that name no one at all.
const NO_ONE: &[&str] = &["они", "те", "оно", "кто-то", "некоторые", "многие", "другой", "другая"];

/// How far into a document's phrase (`сообщение официального
/// представителя Минобороны генерал-майора Игоря Конашенкова`) its author
/// may be named, in words.
const PHRASE_WORDS: usize = 8;

/// How long an aside between a subject and its verb may be, in words
/// (`Сергей Кисляк, завершивший свою миссию в июле, заявил`).
const ASIDE_WORDS: usize = 12;

/// How many line breaks may stand between the person an interlocutor
/// (`собеседник RT`) points back to and the quote.
const INTERLOCUTOR_LINES: usize = 2;

/// Words for someone unnamed (`источник`, `сотрудник холдинга`): the
/// interlocutor of a later quote may be that one rather than a person
/// named before.
const UNNAMED_STEMS: &[&str] =
    &["источник", "сотрудни", "очевид", "житель", "участни", "собеседни", "представител", "аноним"];

/// How far back a pronoun's lone person may be named, in bytes.
const LONE_PERSON_BYTES: usize = 1500;

/// How far back, in bytes, an interlocutor or a word for the speaker may
/// point (so that each such quote reads a bounded stretch of text).
const INTERLOCUTOR_BYTES: usize = 3000;

/// How far after a quote its attribution may reach, in words.
const AFTER_WORDS: usize = 18;

/// A speaker found for one quote: the mention's surname and gender, resolved
/// to a full name by the caller.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Offset of the surname of the person, in the body.
    pub surname: (usize, usize),
    /// The gender the attribution implies.
    pub gender: Gender,
    /// How it was found and the words that named the speaker.
    pub attribution: Attribution,
    /// The article gives evidence that the speaker is a person (see
    /// [`Mention::person`]); a name found only by standing right after the
    /// verb (`— сообщает Интерфакс`) may not be.
    pub person: bool,
    /// A speaker that is no person of the article's names: an organisation,
    /// a document or a group, in the nominative (then `surname` is empty).
    pub named: Option<(String, SpeakerKind)>,
}

/// Someone who spoke or acted in the text, for pronouns and roles.
#[derive(Debug, Clone, Copy)]
struct Event {
    pos: usize,
    surname: (usize, usize),
    gender: Gender,
}

/// Events by their gender (their own, or else their surname's in the
/// article), each list in text order. Two genders agree unless both are
/// known and differ, so a pronoun or role finds the latest event that
/// agrees with it by a binary search in two or three lists, where sorting
/// every event for each quote took time quadratic in the number of quotes.
#[derive(Debug, Default)]
struct ByGender {
    masculine: Vec<Event>,
    feminine: Vec<Event>,
    unknown: Vec<Event>,
}

impl ByGender {
    fn push(&mut self, event: Event, gender: Gender) {
        match gender {
            Gender::Masculine => self.masculine.push(event),
            Gender::Feminine => self.feminine.push(event),
            Gender::Unknown => self.unknown.push(event),
        }
    }

    /// The latest event before `pos` whose gender agrees with `gender`.
    fn last_before(&self, pos: usize, gender: Gender) -> Option<Event> {
        let lists: &[&Vec<Event>] = match gender {
            Gender::Masculine => &[&self.masculine, &self.unknown],
            Gender::Feminine => &[&self.feminine, &self.unknown],
            Gender::Unknown => &[&self.masculine, &self.feminine, &self.unknown],
        };
        let last = |list: &Vec<Event>| list.partition_point(|e| e.pos < pos).checked_sub(1).map(|i| list[i]);
        lists.iter().filter_map(|list| last(list)).max_by_key(|e| e.pos)
    }
}

/// The words in front of each person's name that may introduce them
/// (`лидер КНДР Ким Чен Ын`), indexed by stem for [`Attributor::introduced_as`].
#[derive(Debug)]
struct Introduced<'a> {
    words: StemIndex<'a>,
    /// For each word of `words`, by its id: the mentions it stands in
    /// front of, in text order.
    mentions: Vec<Vec<usize>>,
}

/// Attributes quotes in text order, remembering who spoke.
pub(crate) struct Attributor<'a, 'p> {
    body: &'a str,
    persons: &'p Persons<'a>,
    /// Persons named as subjects or introduced: the `он` of a later
    /// quote. Built at the first pronoun or role that needs it.
    named: OnceCell<ByGender>,
    /// Persons a speech verb reports or a role introduces, for an
    /// interlocutor (`собеседник RT`). Built at the first one that needs it.
    reporting: OnceCell<ByGender>,
    /// The speakers found so far.
    speakers: ByGender,
    /// Built at the first role that needs it.
    introduced: OnceCell<Introduced<'a>>,
    /// The speaker of the latest quote, when that quote asked a question.
    asker: Option<&'a str>,
    /// The latest speaker that is one unnamed person (`— сообщил директор
    /// агрохозяйства, пожелавший остаться неназванным`), with the end of
    /// their quote: the `он` of a later sentence when no person was named
    /// since.
    unnamed: Option<(usize, Found)>,
}

impl<'a, 'p> Attributor<'a, 'p> {
    /// An attributor over `body` with its persons.
    pub fn new(body: &'a str, persons: &'p Persons<'a>) -> Self {
        Attributor {
            body,
            persons,
            named: OnceCell::new(),
            reporting: OnceCell::new(),
            speakers: ByGender::default(),
            introduced: OnceCell::new(),
            asker: None,
            unnamed: None,
        }
    }

    /// Finds the speaker of the quote `span`, whose inside attribution
    /// clause (see [`inside_attribution`]) is `inside`. Call in text order.
    pub fn attribute(&mut self, span: &Span, inside: Option<(usize, usize)>) -> Option<Found> {
        let asker = self.asker.take();
        let found = self
            .after(span)
            .or_else(|| self.inside(span, inside))
            .or_else(|| self.before(span))
            .or_else(|| self.subject(span))
            .or_else(|| self.about_this(span))
            .or_else(|| self.paragraph_lead_in(span))?;
        let surname = &self.body[found.surname.0..found.surname.1];
        // `Петров спросил: «…?» Министр ответил: «…»`: a role or pronoun
        // falls back on the latest person, but the answer to a question is
        // not the asker's.
        let by_reference = matches!(found.attribution.method, AttributionMethod::Role | AttributionMethod::Pronoun);
        if by_reference && asker.is_some_and(|a| same_stem(a, surname)) {
            return None;
        }
        if self.body[span.text_start..span.text_end].trim_end().ends_with('?') {
            self.asker = Some(surname);
        }
        if found.named.as_ref().is_some_and(|(_, kind)| *kind == SpeakerKind::Group)
            && is_singular_noun(&found.attribution.mention)
        {
            self.unnamed = Some((span.end, found.clone()));
        }
        // Only a person can be the `он` or the `эксперт` of a later quote.
        if found.person {
            let event = Event { pos: span.end, surname: found.surname, gender: found.gender };
            self.speakers.push(event, resolved_gender(self.body, self.persons, &event));
        }
        Some(found)
    }

    /// The person named in the first words of `phrase`, before any
    /// punctuation ends it: whose statement or post a document is.
    fn person_in_phrase(&self, phrase: &[Word<'a>]) -> Option<&'p Mention> {
        let mut previous = phrase.first()?.start;
        for w in phrase.iter().take(PHRASE_WORDS) {
            // `в обращении в адрес Порошенко`: the addressee is no author;
            // `по`, `при` and `и` go on inside a role's body (`директора УЕФА
            // по лицензированию клубов и финансовому фэйр-плей Андреа
            // Траверсо`, `члена совета при Минобороны`).
            let preposition = w.is_lowercase()
                && (w.text.chars().count() <= 3 || w.text.starts_with("адрес"))
                && !matches!(w.text, "по" | "при" | "и");
            if preposition || self.body[previous..w.start].contains([',', '.', ';', ':', '«', '—']) {
                return None;
            }
            if let Some(m) = self.mention_at(w).filter(|m| m.person) {
                return Some(m);
            }
            previous = w.end;
        }
        None
    }

    /// `В.`: a capital letter alone, then a full stop.
    fn is_initial(&self, word: &Word<'_>) -> bool {
        let mut letters = word.text.chars();
        letters.next().is_some_and(char::is_uppercase)
            && letters.next().is_none()
            && self.body[word.end..].starts_with('.')
    }

    /// `», — сказал Путин`, `», — добавила она`, `», — сказал лидер КНДР`.
    fn after(&self, span: &Span) -> Option<Found> {
        let body = self.body;
        // `«…», отметил в El Pais Марио Варгас Льоса`: a comma and a speech
        // verb without the dash.
        let comma_verb = || {
            let rest = body[span.end..].strip_prefix(',')?;
            let verb = words_in_line(body, body.len() - rest.len()).next()?;
            (verb.is_lowercase() && is_speech_verb(verb.text) && rest.trim_start().starts_with(verb.text))
                .then_some(verb.start)
        };
        let from = skip_speech_dash(body, span.end, false).or_else(comma_verb)?;
        let region_end = clause_end(body, from);
        let region: Vec<Word<'a>> = words(body, from, region_end).take(AFTER_WORDS).collect();
        let comma = skip_speech_dash(body, span.end, true).is_some();
        // `«…?» - возмутился он`, `«…», — уверен эксперт`: right after the
        // dash any verb hands the quote over, speech verb or not.
        let verb = region.iter().take(4).position(|w| w.is_lowercase() && is_speech_verb(w.text)).or_else(|| {
            let first = region.first()?;
            let verb = is_attributing_word(first.text) || is_impersonal_verb(first.text);
            (first.start == from && first.is_lowercase() && verb).then_some(0)
        });
        if verb.is_none() && !comma {
            return None;
        }
        let gender = verb.map_or(Gender::Unknown, |v| Gender::of_verb(region[v].text));
        self.read_speaker(&region, gender, span.start, AttributionMethod::After, verb)
    }

    /// Reads the words of an attribution clause: a name, a pronoun, an
    /// anonymous source or a role, whichever comes first.
    fn read_speaker(
        &self,
        region: &[Word<'a>],
        gender: Gender,
        quote: usize,
        named: AttributionMethod,
        verb: Option<usize>,
    ) -> Option<Found> {
        let mut role: Option<usize> = None;
        // A speech verb anywhere in the clause, else the verb the caller
        // found right after the dash.
        let verb_at = region.iter().position(|w| w.is_lowercase() && is_speech_verb(w.text)).or(verb);
        // `— говорится в заявлении МИД`, `— сообщили в Минобороны`: an
        // impersonal or plural verb quotes an institution or a document.
        let unnamed_subject =
            verb_at.is_some_and(|v| is_impersonal_verb(region[v].text) || is_plural_verb(region[v].text));
        // `— сообщили в пресс-службе партии со ссылкой на депутата Элисон
        // Тьюлисс`: the person the institution cites speaks.
        if let Some(on) = region.windows(2).position(|p| p[0].text == "ссылкой" && p[1].text == "на") {
            let cited = region[on + 2..].iter().take(4).find_map(|w| self.mention_at(w).filter(|m| m.person));
            if let Some(m) = cited {
                return Some(self.found(m, Gender::Unknown, named, &self.body[m.start..m.end]));
            }
        }
        // `— приводит РИА Новости заявление российской компании`: a citing
        // verb quotes the document named after the outlet.
        // `— гласит заявление на сайте организации`: the document speaks.
        let citing = verb_at.filter(|&v| ["цитир", "привод", "глас"].iter().any(|s| region[v].text.starts_with(s)));
        if let Some(v) = citing {
            // `— цитируют заявление Бастиса СМИ`: a person's statement is
            // the person's words, read below.
            let document = (v + 1..region.len().min(v + 5)).find_map(|i| {
                let name = document_named(self.body, &region[i..])?;
                let of_person = region[i + 1..]
                    .iter()
                    .take(name.split(' ').count() - 1)
                    .any(|w| self.mention_at(w).is_some_and(|m| m.person));
                (!of_person).then(|| (name, region[i].text))
            });
            if let Some((name, word)) = document {
                return Some(self.named(name, SpeakerKind::Document, named, word));
            }
        }
        // `— пишет издание`, `— сообщает агентство Reuters`, `— сообщила
        // пресс-служба ведомства`: an institution or outlet in the
        // nominative right after the verb speaks.
        // (A citing verb quotes whom the outlet cites, read below: `—
        // приводит агентство слова Озерова`; a person's press service
        // speaks for the person.)
        if let Some(v) = verb_at.filter(|_| citing.is_none())
            && let Some(next) = region.get(v + 1)
            && self.body[region[v].end..next.start].trim().is_empty()
            && let Some((name, kind)) = organisation_named(self.body, &region[v + 1..])
            && !region[v + 2..]
                .iter()
                .take(name.split(' ').count() - 1)
                .any(|w| self.mention_at(w).is_some_and(|m| m.person))
        {
            return Some(self.named(name, kind, named, next.text));
        }
        for (i, word) in region.iter().enumerate() {
            // `— цитирует РИА Новости слова Назарбаева`, `— приводит слова
            // нападавшего Haaretz`: whose words, in the genitive.
            if matches!(word.text, "слова" | "словам")
                && verb_at.is_some_and(|v| i > v)
                && let Some(next) = region.get(i + 1)
            {
                if let Some(m) = self.mention_at(next).filter(|m| m.start == next.start) {
                    let gender = citing_gender(region, verb_at, self.surname_text(m)).agree(gender);
                    return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
                }
                if next.text.starts_with("собеседник") && !next.text.starts_with("собеседники") {
                    return self.interlocutor(quote, gender, next.text);
                }
                if next.is_lowercase() && (is_group_word(next.text) || is_role(next.text)) {
                    // `— приводит ТАСС слова президента федерации Елены
                    // Вяльбе`: the role of someone named.
                    if let Some(m) = self.person_in_phrase(&region[i + 1..]) {
                        let gender = genitive_gender(&self.body[m.start..m.end]).agree(gender);
                        return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
                    }
                    let name = group_phrase(self.body, &region[i + 1..])?;
                    return Some(self.named(name, SpeakerKind::Group, named, next.text));
                }
                // `— приводит ТАСС слова функционера`: a word for someone
                // the article named just before.
                if is_oblique_noun(next) {
                    let gender = citing_gender(region, verb_at, next.text).agree(gender);
                    return self.cited_word(quote, gender, next.text);
                }
            }
            if unnamed_subject
                && verb_at.is_some_and(|v| i > v && i <= v + 3)
                && let Some((name, kind)) = institution_after_preposition(self.body, &region[i..])
            {
                // `— говорилось в сообщении официального представителя
                // Минобороны генерал-майора Игоря Конашенкова`: a person's
                // statement is the person's words.
                if kind == SpeakerKind::Document
                    && let Some(m) = self.person_in_phrase(&region[i + 1..])
                {
                    return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
                }
                return Some(self.named(name, kind, named, word.text));
            }
            // A comma after the role ends the clause: `заявила эксперт, напомнив …`,
            // unless another role follows (`лидер группы, профессор Алан Купер`).
            if role.is_some()
                && i > 0
                && self.body[region[i - 1].end..word.start].contains(',')
                && !(word.is_lowercase() && is_role(word.text))
            {
                break;
            }
            // `— сказал «Известиям» профессор …`: a name in guillemets is
            // an outlet or a company, not who spoke.
            if self.body[..word.start].ends_with('«') {
                continue;
            }
            // `— цитирует РИА Новости Пескова`, `— рассказал RT Вакин`: the
            // outlet said to, before a name, is no speaker (`— пишет The
            // Washington Post` is).
            if verb_at.is_some_and(|v| i > v) && is_addressee(word) && self.name_after_outlet(region, i) {
                continue;
            }
            if let Some(m) = self.mention_at(word) {
                // Right after the verb any name counts (`— сказал Волков`);
                // further on only a person (`— цитирует сенатора РИА Новости`).
                // Initials may stand between: `— сказал В. В. Путин`.
                // So may the outlet it was said to, when the name ends the
                // clause: `— рассказал RT Вакин.`, but not another outlet
                // (`— цитирует РИА Новости …`) or a phrase (`— цитирует
                // ТАСС Верховного главнокомандующего`).
                let ends_clause = || self.body[m.end..].trim_start_matches(' ').starts_with(['.', ',', '\n']);
                let next_to_verb = verb_at.is_some_and(|v| {
                    i <= v + 1
                        || (i > v
                            && !is_addressee(word)
                            && (region[v + 1..i].iter().all(|w| self.is_initial(w)) || said_to(&region[v + 1..i]))
                            && ends_clause())
                });
                if m.person || next_to_verb {
                    let mention = &self.body[m.start..m.end];
                    let gender = citing_gender(region, verb_at, self.surname_text(m)).agree(gender);
                    return Some(self.found(m, gender, named, mention));
                }
                continue;
            }
            let lower = lowercase(word.text);
            if let Some(pronoun) = pronoun_gender(&lower) {
                // `…, сообщил генпрокурор Юрий Луценко. «…», — заявил он`:
                // failing a person named as a subject or introduced, the
                // one the sentence before reports.
                let gender = pronoun.agree(gender);
                return self
                    .resolve_pronoun(quote, gender, word.text)
                    .or_else(|| {
                        let mut found = self.lead_in(quote, gender, true)?;
                        found.attribution =
                            Attribution { method: AttributionMethod::Pronoun, mention: word.text.to_string() };
                        Some(found)
                    })
                    .or_else(|| self.lone_person_before(quote, gender, AttributionMethod::Pronoun, word.text));
            }
            // `— рассказал собеседник агентства`, `— приводит слова
            // собеседника`: whoever the sentence before named, or the
            // person who spoke just before (`— отметил анонимный
            // собеседник RT` is no one named).
            if lower.starts_with("собеседник") && !lower.starts_with("собеседники") {
                let anonymous = i.checked_sub(1).is_some_and(|p| region[p].text.starts_with("анонимн"));
                return if anonymous { None } else { self.interlocutor(quote, gender, word.text) };
            }
            if NO_ONE.contains(&&*lower) {
                // `— рассказал другой сотрудник больницы`: someone unnamed.
                let noun = region.get(i + 1).filter(|n| {
                    n.is_lowercase() && !looks_like_verb(n.text) && self.body[word.end..n.start].trim().is_empty()
                });
                let person = noun.is_some_and(|n| is_group_word(n.text) || is_role(n.text));
                if matches!(&*lower, "другой" | "другая") && person {
                    let name = group_phrase(self.body, &region[i..])?;
                    return Some(self.named(name, SpeakerKind::Group, named, word.text));
                }
                return None;
            }
            // A group word stands near the verb (`— рассказал RT источник в
            // министерстве`); further on it is part of something else.
            let near_verb = verb_at.map_or(i <= GROUP_WORDS, |v| i <= v + GROUP_WORDS);
            if ANONYMOUS.contains(&&*lower)
                || (near_verb && role.is_none() && word.is_lowercase() && is_group_word(&lower) && !is_role(&lower))
            {
                // `— рассказал RT старший научный сотрудник Центра … РАН
                // Борис Долгов`: the description ends in a name.
                if let Some(m) = self.named_after(region, i, gender) {
                    return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
                }
                let name = group_phrase(self.body, &region[i..])?;
                return Some(self.named(name, SpeakerKind::Group, named, word.text));
            }
            if role.is_none() && word.is_lowercase() && is_role(&lower) {
                role = Some(i);
            }
        }
        let Some(i) = role else {
            // `— подчеркнул республиканец`, `— цитирует испанца портал`: a
            // word for the speaker that is no role of the list.
            let next = region.get(verb_at? + 1)?;
            // Not an instrumental (`— сообщила с радостью`, `— сказал
            // шёпотом`): the noun names who speaks.
            let instrumental = ["ью", "ом", "ем", "ами", "ями"].iter().any(|e| next.text.ends_with(e));
            let noun = next.is_lowercase() && !looks_like_verb(next.text) && !instrumental;
            // A short word (`мать`, `отец`) names someone only with more
            // words after it.
            let long = next.text.chars().count() > 4;
            // `— сообщил RT мужчина`, `— добавила пенсионерка`: someone
            // met in the street, when no one is named near.
            let voice = if is_addressee(next) { region.get(verb_at? + 2) } else { Some(next) };
            if let Some(found) = voice.filter(|_| !unnamed_subject).and_then(|w| self.vox_pop(w, quote, named)) {
                return Some(found);
            }
            if unnamed_subject || !noun {
                return None;
            }
            if long && let Some(mut found) = self.lead_in(quote, gender, true) {
                found.attribution = Attribution { method: AttributionMethod::Role, mention: next.text.to_string() };
                return Some(found);
            }
            // `— утверждает газета`: no one the article names by this word.
            if matches!(next.text, "слова" | "словам") || OUTLETS.iter().any(|o| next.text.starts_with(o)) {
                return None;
            }
            // `— цитирует сноубордиста «Спорт-экспресс»`: a word for
            // someone the article named just before.
            if citing.is_some() && is_oblique_noun(next) {
                let gender = citing_gender(region, verb_at, next.text).agree(gender);
                return self.cited_word(quote, gender, next.text);
            }
            let v = verb_at? + 1;
            let after = region.get(v + 1).filter(|w| self.body[next.end..w.start].trim().is_empty());
            // `— рассказал маленький мальчик`, `— подчёркивает мать
            // школьника`, `— уверены конгрессмены`: an adjective before the
            // noun, a lower-case genitive after it or a plural verb
            // describes someone unnamed.
            // (`пятая ракетка мира` ranks someone named.)
            let ordinal = ORDINALS.iter().any(|o| next.text.starts_with(o));
            let adjective = is_new_entity_adjective(next.text) && !ordinal && after.is_some_and(|w| w.is_lowercase());
            let genitive = after.is_some_and(|w| w.is_lowercase() && is_genitive_word(w.text))
                && looks_like_singular_nominative(next.text)
                && (long || KIN.contains(&next.text))
                && !ordinal;
            let plural = is_plural_verb(region[v - 1].text) || region[v - 1].text.ends_with('ы');
            if (long && (adjective || plural)) || genitive {
                if let Some(m) = self.named_after(region, v, gender) {
                    return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
                }
                let name = group_phrase(self.body, &region[v..])?;
                return Some(self.named(name, SpeakerKind::Group, named, next.text));
            }
            // `— сказал градоначальник.`: a word alone at the end of the
            // clause points back as a role does.
            let alone = region.get(v + 1).is_none_or(|w| self.body[next.end..w.start].contains([',', '.', ';']));
            if !alone || !long || !looks_like_singular_nominative(next.text) {
                return None;
            }
            // Only a person the article introduced by that word: the latest
            // person named is often someone else (`— заявил колумбиец`
            // after a paragraph about a Russian politician); or the
            // speaker of the quote just before, when no one else was named
            // since (`«…», — сказал Осорио.¶«…», — добавил мексиканец`).
            let Some(m) = self.introduced_as(next.text, quote) else {
                return self.previous_speaker(quote, gender, next.text);
            };
            let gender = if gender == Gender::Unknown { m.gender } else { gender };
            return Some(self.found(m, gender, AttributionMethod::Role, next.text));
        };
        // `— считают эксперты`: a plural verb quotes a group, which is no
        // one person; `— сообщил директор хозяйства, пожелавший остаться
        // неназванным` is someone unnamed.
        let unnamed = region[i..].iter().any(|w| w.text.starts_with("неназва") || w.text.starts_with("анонимн"));
        // (`— уверены депутаты`: a plural word of belief is such a verb.)
        let plural = |w: &Word<'_>| is_plural_verb(w.text) || is_plural_belief(w.text);
        if unnamed || region[..i].iter().any(|w| w.is_lowercase() && plural(w)) {
            let name = group_phrase(self.body, &region[i..])?;
            return Some(self.named(name, SpeakerKind::Group, named, region[i].text));
        }
        // `— рассказал федеральный прокурор`: an adjective other than a
        // country's (`российский лидер`) introduces someone new and unnamed.
        if let Some(adjective) = i.checked_sub(1).map(|a| region[a])
            && verb_at.is_some_and(|v| v + 1 < i)
            && is_new_entity_adjective(adjective.text)
        {
            if let Some(m) = self.named_after(region, i, gender) {
                return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
            }
            let name = group_phrase(self.body, &region[i - 1..])?;
            return Some(self.named(name, SpeakerKind::Group, named, adjective.text));
        }
        if let Some(found) = self.vox_pop(&region[i], quote, named) {
            return Some(found);
        }
        // `— отметил RT востоковед, преподаватель НИУ ВШЭ Григорий
        // Лукьянов.`: the role opens a description that ends in a name.
        if let Some(m) = self.named_at_end(region, i, gender) {
            return Some(self.found(m, gender, named, &self.body[m.start..m.end]));
        }
        self.resolve_role(quote, &region[i..], gender)
    }

    /// `— сообщил RT мужчина`, `— добавила пенсионерка`: someone met in the
    /// street ([`VOX_POP`]) speaks as one of a group, when no person is
    /// named near the quote at `quote` (else the word may point back to
    /// them).
    fn vox_pop(&self, word: &Word<'a>, quote: usize, method: AttributionMethod) -> Option<Found> {
        if !VOX_POP.contains(&word.text) || self.person_named_near(quote) {
            return None;
        }
        Some(self.named(word.text.to_string(), SpeakerKind::Group, method, word.text))
    }

    /// The sentence just before the quote at `quote`, which opens its own
    /// sentence, when it reports speech (a speech verb, `по словам`,
    /// `по мнению`): the one person it names (or its one subject, or its
    /// opening `Он`/`Она`), or the anonymous source it names. `Филипп
    /// Батлер считает, что …¶«…»`, `— сообщил RT полковник Виктор
    /// Мураховский.¶«…», — рассказал собеседник агентства`, `Источник RT
    /// говорит, что … «…», — признал собеседник`. `gender` is the
    /// attribution's, when it has one. With `look_back`, a last sentence
    /// that names no one and reports no speech gives way to the one before
    /// it in its paragraph.
    fn lead_in(&self, quote: usize, gender: Gender, look_back: bool) -> Option<Found> {
        let body = self.body;
        let own = sentence_start(body, quote);
        if !body[own..quote].trim().is_empty() {
            return None;
        }
        let mut to = body[..own].trim_end().len();
        // Sentences the loop may still step back over: the one before the
        // quote, and with `look_back` the one before that.
        let mut steps_back = usize::from(look_back);
        let (from, sentence, verb) = loop {
            let last = body[..to].chars().next_back()?;
            let from = sentence_start(body, to - last.len_utf8());
            let sentence: Vec<Word<'a>> = words(body, from, to).collect();
            let cue = sentence.windows(2).any(|p| {
                matches!(p[0].text, "по" | "По") && (p[1].text.starts_with("слов") || p[1].text.starts_with("мнени"))
            });
            let verb = sentence.iter().find(|w| w.is_lowercase() && is_speech_verb(w.text)).copied();
            if verb.is_some() || cue {
                break (from, sentence, verb);
            }
            // `Иван Петров считает, что … . США хотят … .¶«…», — уверен
            // эксперт`: a sentence that names no one and reports no speech
            // goes on with what the sentence before it in its paragraph
            // reports. Only when an attribution after the quote asks: a
            // quote alone in its paragraph may be a heading.
            let before = body[..from].trim_end().len();
            let mentions = self.persons.mentions();
            // A subject pronoun (`Он опубликовал …`) speaks of someone
            // already; `по его словам` goes on with the one before.
            let named = mentions[mentions.partition_point(|m| m.end <= from)..].first().is_some_and(|m| m.start < to)
                || sentence.iter().any(|w| matches!(&*lowercase(w.text), "он" | "она" | "они"));
            if steps_back == 0 || named || body[before..from].contains('\n') {
                return None;
            }
            steps_back -= 1;
            to = before;
        };
        let verb_gender = verb.map_or(Gender::Unknown, |v| Gender::of_verb(v.text));
        let gender = if gender == Gender::Unknown { verb_gender } else { gender };
        // `Ферреро считает, что … с Марин Ле Пен`: who is spoken of after
        // `что` or a colon is not who speaks.
        let after_verb = verb.map_or(from, |v| v.end);
        let said = body[after_verb..to].find(':').map(|i| after_verb + i);
        let that = sentence.iter().find(|w| w.start >= after_verb && w.text == "что").map(|w| w.start);
        let to = [said, that].into_iter().flatten().min().unwrap_or(to);
        let mentions = self.persons.mentions();
        let first = mentions.partition_point(|m| m.start < from);
        let people: Vec<&Mention> = mentions[first..]
            .iter()
            .take_while(|m| m.end <= to)
            .filter(|m| m.person && self.may_speak(m, &sentence, gender))
            .collect();
        let distinct = |list: &[&&Mention]| {
            let surname = |m: &Mention| self.surname_text(m);
            list.split_first().is_some_and(|(one, rest)| rest.iter().all(|m| same_stem(surname(m), surname(one))))
        };
        let all: Vec<&&Mention> = people.iter().collect();
        let subjects: Vec<&&Mention> = people.iter().filter(|m| m.subject).collect();
        let pick = if distinct(&all) {
            all.first()
        } else if distinct(&subjects) {
            subjects.first()
        } else if !people.is_empty() {
            return None;
        } else {
            None
        };
        if let Some(m) = pick {
            let event = Event { pos: m.start, surname: (m.last_start, m.end), gender: m.gender };
            let own_gender = resolved_gender(body, self.persons, &event);
            if gender != Gender::Unknown && own_gender != Gender::Unknown && own_gender != gender {
                return None;
            }
            let gender = if gender == Gender::Unknown { own_gender } else { gender };
            return Some(self.found(m, gender, AttributionMethod::Role, &body[m.start..m.end]));
        }
        // `Он отметил, что …`, `Также он признался, что …`: a pronoun
        // opening the sentence or right before its verb.
        let before_verb = verb.and_then(|v| sentence.iter().rev().find(|w| w.end <= v.start));
        let after_verb = verb.and_then(|v| sentence.iter().find(|w| w.start >= v.end));
        for word in sentence.first().into_iter().chain(before_verb).chain(after_verb) {
            let lower = lowercase(word.text);
            if let Some(pronoun) = pronoun_gender(&lower).filter(|_| matches!(&*lower, "он" | "она")) {
                return self.resolve_pronoun(from, pronoun.agree(gender), word.text);
            }
        }
        let source = sentence.iter().position(|w| w.text.starts_with("источник") || w.text.starts_with("Источник"))?;
        let name = group_phrase(body, &lowercase_first_word(&sentence[source..]))?;
        Some(self.named(name, SpeakerKind::Group, AttributionMethod::Role, sentence[source].text))
    }

    /// `— рассказал собеседник RT`: whom the sentence before reports (see
    /// [`Attributor::lead_in`]), else the latest person who spoke or was
    /// named as a subject, when no more than [`INTERLOCUTOR_LINES`] line
    /// breaks stand between (`— уверен Балмасов.¶По словам эксперта, …¶«…»,
    /// — утверждает собеседник RT`); further back the interlocutor is often
    /// someone the article never names.
    fn interlocutor(&self, quote: usize, gender: Gender, word: &str) -> Option<Found> {
        let attribution = Attribution { method: AttributionMethod::Role, mention: word.to_string() };
        if let Some(mut found) = self.lead_in(quote, gender, true) {
            found.attribution = attribution;
            return Some(found);
        }
        // Whoever spoke: a speaker of a quote, or a person a speech verb
        // reports (`добавил Абзалов, Порошенко предложил …`) or a role
        // introduces.
        let reporting = self.reporting.get_or_init(|| self.events(|m| m.introduced || self.reported(m)));
        let event = match (reporting.last_before(quote, gender), self.speakers.last_before(quote, gender)) {
            (Some(named), Some(spoke)) => Some(if spoke.pos > named.pos { spoke } else { named }),
            (named, spoke) => named.or(spoke),
        }?;
        // The name may stand after `quote` (`«…». «…». Об этом сообщил X`).
        let between = &self.body[event.surname.1.max(event.pos).min(quote)..quote];
        if between.len() > INTERLOCUTOR_BYTES {
            return None;
        }
        // `Сотрудник холдинга рассказал RT, что …`: someone unnamed spoke
        // since.
        let unnamed = words(between, 0, between.len()).any(|w| {
            let lower = lowercase(w.text);
            UNNAMED_STEMS.iter().any(|s| lower.starts_with(s))
        });
        if unnamed || between.matches('\n').count() > INTERLOCUTOR_LINES {
            return None;
        }
        Some(Found {
            surname: event.surname,
            gender: if gender == Gender::Unknown { event.gender } else { gender },
            attribution,
            person: true,
            named: None,
        })
    }

    /// `— цитирует сноубордиста «Спорт-экспресс»`, `— приводит ТАСС слова
    /// функционера`: whom a citing verb's word in an oblique case stands
    /// for: the person the article introduced by that word, else whom the
    /// sentence before reports (see [`Attributor::lead_in`]), else the one
    /// person of the paragraph before (see
    /// [`Attributor::lone_person_before`]).
    fn cited_word(&self, quote: usize, gender: Gender, word: &'a str) -> Option<Found> {
        if let Some(m) = self.introduced_as(word, quote) {
            return Some(self.found(m, gender, AttributionMethod::Role, word));
        }
        if let Some(mut found) = self.lead_in(quote, gender, true) {
            found.attribution = Attribution { method: AttributionMethod::Role, mention: word.to_string() };
            return Some(found);
        }
        self.lone_person_before(quote, gender, AttributionMethod::Role, word)
    }

    /// The person who spoke the latest quote before `quote`, when at most
    /// [`INTERLOCUTOR_LINES`] line breaks stand between, no other name
    /// (even one not known for a person: `Фернандо`) stands between and the
    /// genders agree: whom a word for the speaker (`— добавил мексиканец`)
    /// points back to.
    fn previous_speaker(&self, quote: usize, gender: Gender, word: &str) -> Option<Found> {
        let event = self.speakers.last_before(quote, gender)?;
        let body = self.body;
        if quote - event.pos > INTERLOCUTOR_BYTES || body[event.pos..quote].matches('\n').count() > INTERLOCUTOR_LINES {
            return None;
        }
        let surname = &body[event.surname.0..event.surname.1];
        let mentions = self.persons.mentions();
        let first = mentions.partition_point(|m| m.start < event.pos);
        let others =
            mentions[first..].iter().take_while(|m| m.end <= quote).any(|m| !same_stem(self.surname_text(m), surname));
        let own_gender = resolved_gender(body, self.persons, &event);
        if others || (gender != Gender::Unknown && own_gender != Gender::Unknown && own_gender != gender) {
            return None;
        }
        Some(Found {
            surname: event.surname,
            gender: gender.agree(own_gender),
            attribution: Attribution { method: AttributionMethod::Role, mention: word.to_string() },
            person: true,
            named: None,
        })
    }

    /// `Политолог добавил, что …¶«…»`, `В Минобороны пояснили, что …¶«…»`:
    /// the subject of the speech verb of the sentence before the quote
    /// `span`, a role, a group or an institution, for a quote that fills
    /// its paragraph and has no attribution of its own nor a neighbour to
    /// continue (see [`continue_paragraphs`]): the last rule tried.
    pub fn lead_in_subject(&self, span: &Span) -> Option<Found> {
        if !fills_paragraph(self.body, span) {
            return None;
        }
        let quote = span.start;
        let body = self.body;
        let to = body[..quote].trim_end().len();
        let last = body[..to].chars().next_back()?;
        let from = sentence_start(body, to - last.len_utf8());
        let sentence: Vec<Word<'a>> = words(body, from, to).collect();
        let verb = sentence.iter().position(|w| w.is_lowercase() && is_speech_verb(w.text))?;
        self.subject_before(&sentence, verb, from, AttributionMethod::Before)
    }

    /// The person `m` of a lead-in `sentence` (see [`Attributor::lead_in`])
    /// may be who speaks in it, not only whom it speaks of: a name after a
    /// noun and not in the nominative of the verb's `gender` depends on
    /// that noun (a genitive: `в ответ на речь Дональда Трампа`) and is
    /// whom the sentence speaks of, unless a speech verb follows it.
    fn may_speak(&self, m: &Mention, sentence: &[Word<'a>], gender: Gender) -> bool {
        const CONJUNCTIONS: &[&str] =
            &["а", "и", "но", "однако", "также", "затем", "потом", "ранее", "тогда", "сам", "сама"];
        let previous = sentence.iter().rev().find(|w| w.end <= m.start);
        let after_noun = previous.is_some_and(|w| {
            w.is_lowercase() && !looks_like_verb(w.text) && !is_role(w.text) && !CONJUNCTIONS.contains(&w.text)
        });
        // `полковник запаса Виктор Мураховский` is in the nominative of
        // the verb's gender; `речь Дональда Трампа` is not.
        let nominative = self.body[m.start..m.end].split(' ').all(|w| fits_nominative(w, gender));
        let dependent = after_noun && !nominative;
        !dependent || sentence.iter().any(|w| w.start >= m.end && w.is_lowercase() && is_speech_verb(w.text))
    }

    /// `«…». Об этом сообщила глава автономии Ирина Влах.`, `«…». Такое
    /// мнение высказал сенатор Джон Маккейн.`: a quote that ends its
    /// sentence, followed in the same paragraph by a sentence that says
    /// who said it, read as an attribution after the quote.
    fn about_this(&self, span: &Span) -> Option<Found> {
        let body = self.body;
        let after = body[span.end..].trim_start_matches([' ', '\u{a0}']);
        let rest = after.strip_prefix('.').unwrap_or(after);
        let ended = rest.len() < after.len() || body[span.text_start..span.text_end].ends_with(['.', '!', '?']);
        let next = rest.trim_start_matches([' ', '\u{a0}']);
        if !ended || next.len() == rest.len() {
            return None;
        }
        let from = body.len() - next.len();
        let opener: Vec<Word<'a>> = words_in_line(body, from).take(2).collect();
        let [first, second] = opener.as_slice() else {
            return None;
        };
        let opens = match first.text {
            "Об" => second.text == "этом",
            "Такое" | "Такие" => matches!(second.text, "мнение" | "заявление" | "слова" | "предупреждение"),
            _ => false,
        };
        if !opens || first.start != from {
            return None;
        }
        let region: Vec<Word<'a>> = words(body, second.end, clause_end(body, second.end)).take(AFTER_WORDS).collect();
        let verb = region.iter().take(2).position(|w| w.is_lowercase() && is_speech_verb(w.text))?;
        // `Об этом, согласно тексту документа, …`: an aside first.
        if body[second.end..region[verb].start].contains(',') {
            return None;
        }
        // Only a speaker named there: a role or pronoun pointing back
        // would reach past the quote to whom it speaks of.
        let gender = Gender::of_verb(region[verb].text);
        self.read_speaker(&region, gender, span.start, AttributionMethod::After, Some(verb))
            .filter(|found| found.attribution.method == AttributionMethod::After)
    }

    /// `Филипп Батлер считает, что …¶«…».`: a quote that is its whole
    /// paragraph, attributed nowhere, gives the words of whom the sentence
    /// before reports (see [`Attributor::lead_in`]), unless that sentence
    /// holds a quote of its own (then the quote continues it: see
    /// [`continue_paragraphs`]).
    fn paragraph_lead_in(&self, span: &Span) -> Option<Found> {
        if !fills_paragraph(self.body, span) {
            return None;
        }
        let before = self.body[..span.start].trim_end();
        let from = sentence_start(self.body, before.len().checked_sub(1)?);
        if self.body[from..before.len()].contains('«') {
            return None;
        }
        let mut found = self.lead_in(span.start, Gender::Unknown, false)?;
        found.attribution.method = AttributionMethod::Before;
        Some(found)
    }

    /// A person named after `region[i]` within the same description, in
    /// the nominative of the verb's `gender`: no comma, colon or verb
    /// between (`сотрудник Института востоковедения РАН Борис Долгов`, but
    /// not `человек в команде Сергея Собянина`).
    fn named_after(&self, region: &[Word<'a>], i: usize, gender: Gender) -> Option<&'p Mention> {
        if gender == Gender::Unknown {
            return None;
        }
        for (j, w) in region.iter().enumerate().skip(i + 1) {
            if self.body[region[j - 1].end..w.start].contains([',', ':', ';', '—', '(']) {
                return None;
            }
            if let Some(m) = self.mention_at(w) {
                // A name after a lower-case noun is its genitive (`в
                // команде Собянина`); after an institution's capitals or a
                // role it is the one described.
                let previous = &region[j - 1];
                let apposed = !previous.is_lowercase() || is_role(previous.text);
                let name = &self.body[m.start..m.end];
                if m.person && apposed && name.split(' ').all(|word| fits_nominative(word, gender)) {
                    return Some(m);
                }
                continue;
            }
            if w.is_lowercase() && looks_like_verb(w.text) {
                return None;
            }
        }
        None
    }

    /// A person named at the end of the description that `region[i]`
    /// opens, across its commas, in the nominative of the verb's `gender`
    /// (`политолог, преподаватель НИУ ВШЭ Григорий Лукьянов.`): the name
    /// ends the sentence, no preposition governs it, and no verb, `что` or
    /// `который` comes between.
    fn named_at_end(&self, region: &[Word<'a>], i: usize, gender: Gender) -> Option<&'p Mention> {
        if gender == Gender::Unknown {
            return None;
        }
        for (j, w) in region.iter().enumerate().skip(i + 1).take(DESCRIPTION_WORDS) {
            let previous = &region[j - 1];
            if self.body[previous.end..w.start].contains([':', ';', '—', '(', '.', '«', '\n']) {
                return None;
            }
            if let Some(m) = self.mention_at(w) {
                // (Not `о Марин Ле Пен`: what a preposition governs.)
                let apposed = !(previous.is_lowercase() && previous.text.chars().count() <= 3);
                let name = &self.body[m.start..m.end];
                let after = self.body[m.end..].trim_start_matches([' ', '\u{a0}']);
                let ends = after.is_empty() || after.starts_with(['.', '\n', '—', '–']);
                if m.person && apposed && ends && name.split(' ').all(|word| fits_nominative(word, gender)) {
                    return Some(m);
                }
                if self.body[m.end..].trim_start().starts_with(['.', '\n']) {
                    return None;
                }
                continue;
            }
            if w.is_lowercase()
                && (looks_like_verb(w.text) || matches!(w.text, "что" | "который" | "которая" | "которые"))
            {
                return None;
            }
        }
        None
    }

    fn surname_text(&self, m: &Mention) -> &'a str {
        &self.body[m.last_start..m.end]
    }

    /// The mention that begins at (or contains) `word`.
    fn mention_at(&self, word: &Word<'_>) -> Option<&'p Mention> {
        let mentions = self.persons.mentions();
        let at = mentions.partition_point(|m| m.end <= word.start);
        mentions.get(at).filter(|m| m.start <= word.start && word.end <= m.end)
    }

    /// A speaker that is no person of the article's names.
    fn named(&self, name: String, kind: SpeakerKind, method: AttributionMethod, mention: &str) -> Found {
        Found {
            surname: (0, 0),
            gender: Gender::Unknown,
            attribution: Attribution { method, mention: mention.to_string() },
            person: false,
            named: Some((name, kind)),
        }
    }

    /// `«…, — сказал Путин. — …»`: an attribution clause inside the quote,
    /// between two dashes (see [`inside_attribution`]).
    fn inside(&self, span: &Span, inside: Option<(usize, usize)>) -> Option<Found> {
        let (from, to) = inside?;
        let region: Vec<Word<'a>> = words(self.body, from, to).take(AFTER_WORDS).collect();
        let verb = region.iter().take(4).find(|w| w.is_lowercase() && is_speech_verb(w.text))?;
        let gender = Gender::of_verb(verb.text);
        let mut found = self.read_speaker(&region, gender, span.start, AttributionMethod::Inside, None)?;
        if found.attribution.method == AttributionMethod::After {
            found.attribution.method = AttributionMethod::Inside;
        }
        Some(found)
    }

    fn found(&self, m: &Mention, gender: Gender, method: AttributionMethod, mention: &str) -> Found {
        let gender = if gender == Gender::Unknown { m.gender } else { gender };
        Found {
            surname: (m.last_start, m.end),
            gender,
            attribution: Attribution { method, mention: mention.to_string() },
            person: m.person,
            named: None,
        }
    }

    /// `Путин сказал: «…»`, `По словам Захаровой, «…»`, `Как отметил Песков, «…»`.
    fn before(&self, span: &Span) -> Option<Found> {
        let body = self.body;
        let mut start = sentence_start(body, span.start);
        let mut head = body[start..span.start].trim_end();
        // `Премьер сообщил:` ending the paragraph before the quote's.
        if head.is_empty() && start > 0 && body[..start].ends_with('\n') {
            let before = body[..start - 1].trim_end_matches([' ', '\u{a0}']);
            if before.ends_with(':') {
                start = sentence_start(body, before.len());
                head = &body[start..before.len()];
            }
        }
        if let Some(found) = self.opening_cue(start, start + head.len()) {
            return Some(found);
        }
        if let Some(clause) = head.strip_suffix(':') {
            let end = start + clause.len();
            return self.speaker_in_clause(start, end, span.start).or_else(|| {
                let clause: Vec<Word<'a>> = words(body, start, end).collect();
                let verb = clause.iter().rposition(|w| w.is_lowercase() && is_speech_verb(w.text))?;
                self.subject_before(&clause, verb, span.start, AttributionMethod::Before)
            });
        }
        let clause = head.strip_suffix(',')?;
        let lower = lowercase(clause);
        let cues = ["по словам", "по мнению", "по оценке", "по его словам", "по его мнению", "как "];
        let cue = cues.iter().filter_map(|cue| lower.rfind(cue)).max()?;
        self.speaker_in_clause(start + cue, start + clause.len(), span.start)
    }

    /// `По словам Брутера, несмотря на …, он остаётся «главным
    /// переговорщиком»`, `По его мнению, …, Трамп допустил ошибку: «…»`: a
    /// sentence `body[start..end]` (up to the quote) that opens with `по
    /// словам`, `по мнению` or `по оценке` and whoever's they are gives
    /// their words, unless a speech verb further on introduces someone
    /// else's (`По словам Пескова, Путин сказал: «…»`, `…, Путин заявил,
    /// что «…»`).
    fn opening_cue(&self, start: usize, end: usize) -> Option<Found> {
        let head = self.body[start..end].trim_start();
        let start = end - head.len();
        let cue = ["По словам ", "По мнению ", "По оценке ", "По его ", "По её ", "По ее "];
        if !cue.iter().any(|c| head.starts_with(c)) {
            return None;
        }
        let comma = start + head.find(',')?;
        let clause: Vec<Word<'a>> = words(self.body, comma, end).collect();
        let introduces = |(i, w): (usize, &Word<'a>)| {
            let next = clause.get(i + 1).map_or(&self.body[w.end..end], |n| &self.body[w.end..n.end]);
            w.is_lowercase() && is_speech_verb(w.text) && (next.starts_with(':') || next.starts_with(", что"))
        };
        if clause.iter().enumerate().any(introduces) {
            return None;
        }
        // A pronoun or role in the cue points back before its sentence.
        // Failing a person, the name that ends the cue speaks (`По словам
        // Ферреро,`), as a name right after a speech verb does.
        let mut found = self.speaker_in_clause(start, comma, start).or_else(|| {
            let mentions = self.persons.mentions();
            let last = mentions.partition_point(|m| m.end <= comma).checked_sub(1).map(|i| &mentions[i]);
            let m = last.filter(|m| m.start > start && self.body[m.end..comma].trim().is_empty())?;
            Some(self.found(m, Gender::Unknown, AttributionMethod::Before, &self.body[m.start..m.end]))
        })?;
        if found.attribution.method == AttributionMethod::After {
            found.attribution.method = AttributionMethod::Before;
        }
        Some(found)
    }

    /// The speaker named in `body[from..to]`: a subject if there is one, else
    /// the first person, else a pronoun (`По его словам`).
    fn speaker_in_clause(&self, from: usize, to: usize, quote: usize) -> Option<Found> {
        // Mentions are in text order and do not overlap: those of the clause
        // are a run of them.
        let mentions = self.persons.mentions();
        let first = mentions.partition_point(|m| m.start < from);
        let in_clause: Vec<&Mention> =
            mentions[first..].iter().take_while(|m| m.start < to).filter(|m| m.end <= to).collect();
        let people = || in_clause.iter().filter(|m| m.person);
        // A full name before a lone word (`… Института инновационного
        // развития Антон Мардасов в беседе с RT назвал`).
        let pick = people().find(|m| m.subject).or_else(|| people().find(|m| m.words > 1)).or_else(|| people().next());
        if let Some(m) = pick {
            let mention = &self.body[m.start..m.end];
            return Some(self.found(m, Gender::Unknown, AttributionMethod::Before, mention));
        }
        let region: Vec<Word<'a>> = words(self.body, from, to).collect();
        let pronoun = region.iter().find_map(|w| {
            let gender = pronoun_gender(&lowercase(w.text))?;
            self.resolve_pronoun(quote, gender, w.text)
        });
        pronoun.or_else(|| self.unnamed_in_clause(&region, quote))
    }

    /// An institution or document (`в докладе Twitter говорится`, `как
    /// говорится в заявлении МИД`), or a role (`по словам российского
    /// лидера`), in the words of an introducing clause.
    fn unnamed_in_clause(&self, region: &[Word<'a>], quote: usize) -> Option<Found> {
        let impersonal =
            region.iter().any(|w| w.is_lowercase() && (is_impersonal_verb(w.text) || is_plural_verb(w.text)));
        // `Как считает экс-сотрудник разведки, …:` speaks as `по мнению` does.
        let as_says = region.len() > 1 && matches!(region[0].text, "Как" | "как") && is_speech_verb(region[1].text);
        let cue = as_says || region.iter().any(|w| matches!(w.text, "словам" | "мнению" | "данным" | "оценке"));
        for (i, w) in region.iter().enumerate() {
            if impersonal
                && matches!(w.text, "в" | "во" | "В" | "Во")
                && let Some((name, kind)) = institution_after_preposition(self.body, &lowercase_first(region, i))
            {
                return Some(self.named(name, kind, AttributionMethod::Before, w.text));
            }
            if cue && w.is_lowercase() && is_role(w.text) {
                return self.resolve_role(quote, &region[i..], Gender::Unknown);
            }
        }
        None
    }

    /// A fragment inside a sentence (`назвал участие «братским долгом»`):
    /// the subject of that sentence, when it is a person.
    fn subject(&self, span: &Span) -> Option<Found> {
        let body = self.body;
        let start = clause_start(body, span.start);
        if body[start..span.start].trim().is_empty() {
            return None;
        }
        if let Some(found) = self.opening_cue(start, span.start) {
            return Some(found);
        }
        // Mentions are in text order: look only at the ones in this sentence.
        let mentions = self.persons.mentions();
        let first = mentions.partition_point(|m| m.start < start);
        let subject = mentions[first..]
            .iter()
            .take_while(|m| m.start < span.start)
            .filter(|m| m.person && m.end <= span.start)
            .find(|m| m.subject || (body[start..m.run_start].trim().is_empty() && !before_plural_verb(body, m.end)));
        if let Some(m) = subject {
            let mention = &body[m.start..m.end];
            return Some(self.found(m, Gender::Unknown, AttributionMethod::Subject, mention));
        }
        let head: Vec<Word<'a>> = words(body, start, span.start).collect();
        let pronoun = head.windows(2).find_map(|pair| {
            let gender = pronoun_gender(&lowercase(pair[0].text))?;
            let verb = Gender::of_verb(pair[1].text);
            (verb != Gender::Unknown).then(|| self.resolve_pronoun(span.start, gender, pair[0].text))?
        });
        // `…, добавляет Михаил Павловец, и «…»`: a speech verb followed by
        // the name of its speaker.
        // Only set off by commas (`…, пишет Абрамзон, «…»`, `как отмечает
        // Микаелян,`): `Троцкий сказал Кюльману, что …` names the addressee.
        let inverted = || {
            (1..head.len().saturating_sub(1)).rev().find_map(|v| {
                // The cheap tests first: most words stand after no comma.
                let opens = body[head[v - 1].end..head[v].start].contains([',', '—'])
                    || matches!(head[v - 1].text, "как" | "Как");
                let named = !head[v + 1].is_lowercase() || body[head[v + 1].end..].starts_with(',');
                if !opens || !named {
                    return None;
                }
                let verb = head[v].is_lowercase() && is_speech_verb(head[v].text) && !is_plural_verb(head[v].text);
                if !verb {
                    return None;
                }
                // `И поэтому, считает генерал, «…»`: a role set off so, when
                // the article introduced someone by it.
                let next = &head[v + 1];
                if next.is_lowercase() && is_role(next.text) && body[next.end..].starts_with(',') {
                    let m = self.introduced_as(next.text, span.start)?;
                    return Some(self.found(m, Gender::of_verb(head[v].text), AttributionMethod::Role, next.text));
                }
                let m = self.mention_at(next).filter(|m| m.person && m.start == next.start)?;
                body[m.end..].starts_with(',').then(|| {
                    self.found(m, Gender::of_verb(head[v].text), AttributionMethod::Subject, &body[m.start..m.end])
                })
            })
        };
        // `президент отметил, что «…»`, `Ведомство сообщило, что … «…»`:
        // the words before the sentence's last speech or citing verb.
        pronoun.or_else(inverted).or_else(|| {
            // The cheap test of a verb's ending first: most words are none.
            let verb = head.iter().rposition(|w| {
                w.is_lowercase() && looks_like_verb(w.text) && (is_speech_verb(w.text) || is_citing_verb(w.text))
            })?;
            self.subject_before(&head, verb, span.start, AttributionMethod::Subject)
        })
    }

    /// The subject in the few words before the verb `clause[verb]` of the
    /// same clause: a pronoun, a name, a role, a group of people or an
    /// institution (`турецкий лидер обвинил`, `Ведомство сообщило`,
    /// `власти республики сделали заявление`).
    fn subject_before(
        &self,
        clause: &[Word<'a>],
        verb: usize,
        quote: usize,
        method: AttributionMethod,
    ) -> Option<Found> {
        let body = self.body;
        let gender = Gender::of_verb(clause[verb].text);
        // `адвокаты Трампа заявили`: a plural verb has no one person for
        // its subject.
        let plural = is_plural_verb(clause[verb].text);
        // `в Еврокомиссии пояснили, что …`, `В заявлении также
        // подчёркивается, что …`: an institution or a document before a
        // plural or impersonal verb.
        if plural || is_impersonal_verb(clause[verb].text) {
            let near = verb.saturating_sub(SUBJECT_WORDS);
            for i in (near..verb).rev() {
                // A subject of its own (`В материале авторы назвали`).
                let subject = clause[i].is_lowercase() && (is_group_word(clause[i].text) || is_role(clause[i].text));
                if subject || body[clause[i].end..clause[i + 1].start].contains([',', ';', ':', '—']) {
                    break;
                }
                if matches!(clause[i].text, "в" | "во" | "В" | "Во" | "на" | "На")
                    && let Some((name, kind)) =
                        institution_after_preposition(body, &lowercase_first(&clause[..verb], i))
                {
                    return Some(self.named(name, kind, method, clause[i].text));
                }
            }
        }
        let from = verb.saturating_sub(SUBJECT_WORDS);
        for i in (from..verb).rev() {
            let word = &clause[i];
            // A comma between the word and the verb: another clause, or an
            // aside between the subject and its verb.
            if body[word.end..clause[i + 1].start].contains([',', ';', ':', '—']) {
                if i + 1 == verb && !plural {
                    return self.subject_before_aside(clause, verb, quote, gender, method);
                }
                break;
            }
            let lower = lowercase(word.text);
            // `Собчак, которая объявила, что …`: whom the relative pronoun
            // stands for (not `который отмечался «…» поведением`).
            if i + 1 == verb
                && !plural
                && !["ся", "сь"].iter().any(|e| clause[verb].text.ends_with(e))
                && matches!(&*lower, "который" | "которая")
                && let Some(m) = self.person_ending_before(clause, i)
            {
                return Some(self.found(m, gender, method, &body[m.start..m.end]));
            }
            if let Some(pronoun) = pronoun_gender(&lower).filter(|_| !plural && matches!(&*lower, "он" | "она")) {
                let mut found = self.resolve_pronoun(quote, pronoun.agree(gender), word.text)?;
                found.attribution.method = AttributionMethod::Pronoun;
                return Some(found);
            }
            if let Some(m) = self.mention_at(word).filter(|m| m.person) {
                // `пресс-секретарь Путина заявил`: a name after a role
                // noun is its genitive, and the role speaks.
                let before = clause[..i].iter().rev().find(|w| w.end <= m.start);
                let of_role = before.is_some_and(|w| w.is_lowercase() && (is_role(w.text) || is_group_word(w.text)));
                if !plural && !of_role {
                    return Some(self.found(m, gender, method, &body[m.start..m.end]));
                }
                continue;
            }
            if (word.is_lowercase() || i == 0) && is_role(&lower) {
                if plural {
                    let name = group_phrase(body, &clause[i..verb])?;
                    return Some(self.named(name, SpeakerKind::Group, method, word.text));
                }
                // `Проблемой премьер-министр назвал`: a capital opening the
                // sentence may be a noun in the instrumental, not an adjective.
                let adjective = i
                    .checked_sub(1)
                    .map(|a| &clause[a])
                    .filter(|a| a.is_lowercase() && is_new_entity_adjective(a.text));
                if let Some(adjective) = adjective {
                    let at = i - 1;
                    let name = group_phrase(body, &clause[at..verb])?;
                    return Some(self.named(name, SpeakerKind::Group, method, adjective.text));
                }
                return self.resolve_role(quote, &clause[i..verb], gender);
            }
            if is_group_word(&lower) {
                let at = if i > from && is_adjective_word(clause[i - 1].text) { i - 1 } else { i };
                let name = group_phrase(body, &clause[at..verb])?;
                return Some(self.named(name, SpeakerKind::Group, method, word.text));
            }
            if let Some(name) = institution_subject(word.text) {
                // `глава МИД России заявил`: the institution is the
                // role's, and the person the article introduced with that
                // role of that institution speaks; else the institution.
                let role = i.checked_sub(1).map(|r| &clause[r]).filter(|w| is_role(&lowercase(w.text)));
                if let Some(role) = role
                    && let Some(m) = self.introduced_with_body(role.text, word.text, quote)
                {
                    return Some(self.found(m, gender, AttributionMethod::Role, &body[role.start..word.end]));
                }
                return Some(self.named(name.0, name.1, method, word.text));
            }
        }
        None
    }

    /// `Сергей Кисляк, завершивший свою миссию в июле, заявил`, `Флинн,
    /// рассказывая о разговоре, подчёркивал`, `Мария Захарова, официальный
    /// представитель МИД, заявила`: the person whose name ends right before
    /// an aside set off by commas in front of the verb `clause[verb]`.
    fn subject_before_aside(
        &self,
        clause: &[Word<'a>],
        verb: usize,
        quote: usize,
        gender: Gender,
        method: AttributionMethod,
    ) -> Option<Found> {
        let body = self.body;
        let from = verb.saturating_sub(ASIDE_WORDS + 1).max(1);
        for open in (from..verb).rev() {
            let gap = &body[clause[open - 1].end..clause[open].start];
            if gap.contains([';', ':', '—', '«', '»', '.', '(', ')']) {
                return None;
            }
            if !gap.contains(',') {
                continue;
            }
            // Nor a clause of its own: `…, что Иванов, …, заявил`.
            let aside = &clause[open..verb];
            if aside.iter().any(|w| matches!(w.text, "что" | "и" | "а" | "но") || is_speech_verb(w.text)) {
                return None;
            }
            if let Some(m) = self.person_ending_before(clause, open) {
                let agrees = gender == Gender::Unknown || m.gender == Gender::Unknown || m.gender == gender;
                return agrees.then(|| self.found(m, gender, method, &body[m.start..m.end]));
            }
            // `юрист, представляющий интересы полиции, заявил в суде`: a
            // role or a word for unnamed people before the aside.
            let last = &clause[open - 1];
            let role = last.is_lowercase() && is_role(last.text);
            if role && let Some(found) = self.resolve_role(quote, &clause[open - 1..open], gender) {
                return Some(found);
            }
            // A role no one was named by is someone unnamed.
            let nominative =
                !["ами", "ями", "ом", "ем", "ой", "ей", "у", "ю", "е"].iter().any(|e| last.text.ends_with(e));
            let unnamed = is_group_word(last.text) || ANONYMOUS.contains(&last.text) || role;
            if last.is_lowercase() && nominative && unnamed {
                let at = if open >= 2 && is_adjective_word(clause[open - 2].text) { open - 2 } else { open - 1 };
                let name = group_phrase(body, &clause[at..open])?;
                return Some(self.named(name, SpeakerKind::Group, method, last.text));
            }
        }
        None
    }

    /// The words of an outlet from `region[i]` on are followed by a
    /// capitalised word of no outlet, with nothing but blanks between: the
    /// name of whom the outlet was told by.
    fn name_after_outlet(&self, region: &[Word<'a>], i: usize) -> bool {
        let mut j = i;
        while let Some(w) = region.get(j)
            && is_addressee(w)
        {
            let Some(next) = region.get(j + 1) else { return false };
            if !self.body[w.end..next.start].trim().is_empty() {
                return false;
            }
            j += 1;
        }
        region.get(j).is_some_and(|w| !w.is_lowercase())
    }

    /// True when a speech verb stands right before the mention `m`
    /// (`подчеркнул Путин`).
    fn reported(&self, m: &Mention) -> bool {
        after_speech_verb(self.body, m.start)
    }

    /// The person whose name ends with `clause[at - 1]`, right before a comma.
    fn person_ending_before(&self, clause: &[Word<'a>], at: usize) -> Option<&'p Mention> {
        let last = clause.get(at.checked_sub(1)?)?;
        if !self.body[last.end..clause[at].start].trim_start().starts_with(',') {
            return None;
        }
        self.mention_at(last).filter(|m| m.person && m.end == last.end)
    }

    /// True when a person is named in the paragraph of the quote at
    /// `quote`, before it, or in the paragraph before (within
    /// [`LONE_PERSON_BYTES`]).
    fn person_named_near(&self, quote: usize) -> bool {
        self.mentions_near(quote).any(|m| m.person)
    }

    /// The mentions before the quote at `quote` in its paragraph and the
    /// paragraph before, within [`LONE_PERSON_BYTES`], in text order.
    fn mentions_near(&self, quote: usize) -> impl Iterator<Item = &'p Mention> + use<'p> {
        let body = self.body;
        let own = body[..quote].rfind('\n').unwrap_or(0);
        let from = body[..own].rfind('\n').map_or(0, |i| i + 1);
        let from = from.max(floor_boundary(body, quote.saturating_sub(LONE_PERSON_BYTES)));
        let mentions = self.persons.mentions();
        let first = mentions.partition_point(|m| m.start < from);
        mentions[first..].iter().take_while(move |m| m.end <= quote)
    }

    /// `Президент Мексики Энрике Ньето не приедет: … «…», — заявил он`: a
    /// pronoun that no speaker or subject before resolves stands for the
    /// one person named in its paragraph and the paragraph before, when
    /// their gender agrees; two people there leave it unresolved.
    fn lone_person_before(&self, quote: usize, gender: Gender, method: AttributionMethod, word: &str) -> Option<Found> {
        // A word alone may be a place taken for a surname (`Украины`).
        let people: Vec<&Mention> =
            self.mentions_near(quote).filter(|m| m.person && (m.words > 1 || m.subject || m.introduced)).collect();
        let (last, rest) = people.split_last()?;
        let surname = self.surname_text(last);
        if rest.iter().any(|m| !same_stem(self.surname_text(m), surname)) {
            return None;
        }
        let event = Event { pos: last.start, surname: (last.last_start, last.end), gender: last.gender };
        let own_gender = resolved_gender(self.body, self.persons, &event);
        if gender != Gender::Unknown && own_gender != Gender::Unknown && own_gender != gender {
            return None;
        }
        let mut found = self.found(last, gender.agree(own_gender), method, word);
        found.person = true;
        Some(found)
    }

    /// The most recent speaker or subject before `pos` of a matching gender.
    fn resolve_pronoun(&self, pos: usize, gender: Gender, word: &str) -> Option<Found> {
        let event = self.last_person(pos, gender);
        // `— сообщил директор хозяйства. По его словам, он платит «за
        // спокойствие»`: an unnamed man who spoke after the last person named.
        if let Some((end, unnamed)) = &self.unnamed
            && gender == Gender::Masculine
            && *end <= pos
            && event.is_none_or(|e| e.pos < *end)
        {
            let mut found = unnamed.clone();
            found.attribution = Attribution { method: AttributionMethod::Pronoun, mention: word.to_string() };
            return Some(found);
        }
        let event = event?;
        Some(Found {
            surname: event.surname,
            gender: if gender == Gender::Unknown { event.gender } else { gender },
            attribution: Attribution { method: AttributionMethod::Pronoun, mention: word.to_string() },
            person: true,
            named: None,
        })
    }

    /// The latest speaker or subject before `pos` that agrees with `gender`
    /// (a subject before a speaker at the same place).
    fn last_person(&self, pos: usize, gender: Gender) -> Option<Event> {
        // (`…, — подчеркнул Путин`, `как отметил Путин`: whom a speech verb
        // reports counts as a subject.)
        let named = self.named.get_or_init(|| self.events(|m| m.subject || m.introduced || self.reported(m)));
        match (named.last_before(pos, gender), self.speakers.last_before(pos, gender)) {
            (Some(named), Some(spoke)) => Some(if spoke.pos > named.pos { spoke } else { named }),
            (named, spoke) => named.or(spoke),
        }
    }

    /// The person mentions that `keep` accepts, as events by gender.
    fn events(&self, keep: impl Fn(&Mention) -> bool) -> ByGender {
        let mut events = ByGender::default();
        for m in self.persons.mentions().iter().filter(|m| m.person && keep(m)) {
            let event = Event { pos: m.start, surname: (m.last_start, m.end), gender: m.gender };
            events.push(event, resolved_gender(self.body, self.persons, &event));
        }
        events
    }

    /// `сказал лидер КНДР`: the person introduced as `лидер КНДР Ким Чен Ын`,
    /// else the latest speaker or subject of the role's gender.
    fn resolve_role(&self, pos: usize, role: &[Word<'a>], gender: Gender) -> Option<Found> {
        let head = role.first()?;
        // The role's words after its head up to a speech verb, a comma or a
        // name in guillemets, four at most; the phrase that names the role
        // is the head and two of them at most.
        let mut end = head.end;
        let n = role[1..]
            .iter()
            .take(4)
            .take_while(|w| {
                let verb = is_speech_verb_near_role(w.text);
                let goes_on = !verb && !self.body[end..w.start].contains([',', '«']);
                end = w.end;
                goes_on
            })
            .count();
        let phrase = &self.body[head.start..role[n.min(2)].end];
        // `— сказал президент Украины`: whom the article introduced as
        // `президент` of Ukraine, not of France; `министр иностранных дел
        // России`, not of Saudi Arabia. Words in Latin letters are read as
        // an outlet (`— сказал президент CBS`), not as a body.
        let complement = complement_of(role[1..=n].iter().copied());
        let introduced = self
            .introduced_as(head.text, pos)
            .filter(|m| complement.is_none_or(|c| self.introduced_of(m, head.text).is_none_or(|o| same_body(o, c))));
        let (surname, person_gender) = match introduced {
            Some(m) => ((m.last_start, m.end), m.gender),
            None => {
                if let Some(mut found) = self.lead_in(pos, gender, true) {
                    found.attribution = Attribution { method: AttributionMethod::Role, mention: phrase.to_string() };
                    return Some(found);
                }
                let e = self.last_person(pos, gender)?;
                (e.surname, e.gender)
            }
        };
        Some(Found {
            surname,
            gender: if gender == Gender::Unknown { person_gender } else { gender },
            attribution: Attribution { method: AttributionMethod::Role, mention: phrase.to_string() },
            person: true,
            named: None,
        })
    }

    /// The latest person before `pos` introduced with the role `head` of
    /// the body `of` (`глава МИД России Сергей Лавров` for `глава` and
    /// `МИД`).
    fn introduced_with_body(&self, head: &'a str, of: &str, pos: usize) -> Option<&'p Mention> {
        self.introduced_as(head, pos).filter(|m| self.introduced_of(m, head).is_some_and(|o| same_body(o, of)))
    }

    /// The body the words that introduce `m` (see [`window_before_name`])
    /// give the role `head` (`Франции` of `президент Франции Эммануэль
    /// Макрон`), if any.
    fn introduced_of(&self, m: &Mention, head: &str) -> Option<&'a str> {
        let mentions = self.persons.mentions();
        let i = mentions.partition_point(|x| x.start < m.start);
        let window: Vec<Word<'a>> = words(self.body, window_before_name(self.body, mentions, i), m.start).collect();
        // (`Президент Франции Эммануэль Макрон`: the role may open the sentence.)
        let at = window.iter().rposition(|w| same_stem(&lowercase(w.text), head))?;
        complement_of(window[at + 1..].iter().copied())
    }

    /// The latest person before `pos` whose introduction, in the few words
    /// in front of the name, holds the role word `head`. The few latest
    /// names are read directly; in an article that names many more, the
    /// rest are looked up in an index of every introduction, built once.
    fn introduced_as(&self, head: &'a str, pos: usize) -> Option<&'p Mention> {
        let body = self.body;
        let mentions = self.persons.mentions();
        let before = mentions.partition_point(|m| m.end <= pos);
        let near = before.saturating_sub(NEAR_MENTIONS);
        let introduces = |i: usize| words(body, window_before_name(body, mentions, i), mentions[i].start);
        for i in (near..before).rev().filter(|&i| mentions[i].person) {
            // `политолог-американист` introduces a `политолог`.
            let names_role =
                |w: Word<'_>| same_stem(w.text, head) || w.text.split('-').next().is_some_and(|p| same_stem(p, head));
            if introduces(i).any(names_role) {
                return Some(&mentions[i]);
            }
        }
        let introduced = self.introduced.get_or_init(|| introductions(body, mentions));
        let latest = |id: usize| {
            let list = &introduced.mentions[id];
            list.partition_point(|&i| i < near).checked_sub(1).map(|at| list[at])
        };
        introduced.words.matches(head).into_iter().filter_map(latest).max().map(|i| &mentions[i])
    }
}

/// The body a role is of, among the words after it: the last word of the
/// first run of capitalised words (or acronyms), behind lower-case words
/// at most (`президент Франции`, `министр иностранных дел Саудовской Аравии`:
/// `Аравии`, `глава МИД РФ`: `РФ`). Two lower-case words at most stand
/// before the run, and no preposition: `президент в Москве` names no body;
/// nor does an outlet, whose words end the run.
fn complement_of<'a>(after: impl Iterator<Item = Word<'a>>) -> Option<&'a str> {
    let mut last = None;
    for (n, w) in after.enumerate() {
        // `— сказал американский лидер CBS`: the outlet told is no body.
        if is_addressee(&w) {
            break;
        }
        let upper = w.text.chars().next().is_some_and(char::is_uppercase);
        match (upper, last) {
            (true, _) => last = Some(w.text),
            (false, Some(_)) => break,
            (false, None) if n < 2 && w.is_lowercase() && !is_preposition(w.text) => {}
            (false, None) => break,
        }
    }
    last
}

/// Two words that name one body: of one stem, or one country.
fn same_body(a: &str, b: &str) -> bool {
    same_stem(a, b) || same_country(a, b)
}

/// `в`, `на`, `при`: a word that opens a place or a circumstance, not a body.
fn is_preposition(word: &str) -> bool {
    word.chars().count() <= 2 || matches!(word, "при" | "для" | "над" | "под" | "без" | "про" | "перед" | "после")
}

/// `РФ` and `России`, `США` and `Америки`: two names of one country.
fn same_country(a: &str, b: &str) -> bool {
    const COUNTRIES: &[&[&str]] = &[&["РФ", "Росси", "Российск"], &["США", "Америк", "Соединённ", "Соединенн"]];
    COUNTRIES.iter().any(|names| {
        let of = |word: &str| names.iter().any(|n| word.starts_with(n));
        of(a) && of(b)
    })
}

/// The words of `region` from `i`, the first (a preposition opening the
/// sentence, `В докладе …`) read as lower case.
fn lowercase_first<'a>(region: &[Word<'a>], i: usize) -> Vec<Word<'a>> {
    let mut words = region[i..].to_vec();
    if let Some(first) = words.first_mut() {
        first.text = match first.text {
            "В" => "в",
            "Во" => "во",
            "На" => "на",
            other => other,
        };
    }
    words
}

/// `words` with the first one in lower case when it is `Источник`.
fn lowercase_first_word<'a>(words: &[Word<'a>]) -> Vec<Word<'a>> {
    let mut words = words.to_vec();
    if let Some(first) = words.first_mut()
        && first.text == "Источник"
    {
        first.text = "источник";
    }
    words
}

/// The word after `pos` is a plural verb (`Адвокаты Петрова заявили`):
/// the name before it is no subject.
fn before_plural_verb(body: &str, pos: usize) -> bool {
    words_in_line(body, pos).next().is_some_and(|w| w.is_lowercase() && is_plural_verb(w.text))
}

/// How far after the speech verb a group word (`источник`) may stand, in
/// words.
const GROUP_WORDS: usize = 3;

/// How many words a role's description may run to before the name that
/// ends it: `востоковед, член Российского совета по международным делам
/// Евгений Грачиков` has nine.
const DESCRIPTION_WORDS: usize = 12;

/// How many words before a verb its subject may stand.
const SUBJECT_WORDS: usize = 6;

/// `директор`, `источник`, `житель`: a masculine noun in the singular
/// (no plural `-ы`/`-и`, no feminine `-а`/`-я`/`-ица`).
fn is_singular_noun(word: &str) -> bool {
    let lower = lowercase(word);
    !["ы", "и", "а", "я"].iter().any(|e| lower.ends_with(e))
}

/// `назвал`, `обвинил`, `призвала`: verbs that give someone's words in a
/// fragment without being speech verbs.
fn is_citing_verb(word: &str) -> bool {
    ["назва", "обвин", "призва", "пообеща"].iter().any(|s| word.starts_with(s))
        && ["л", "ла", "ли", "ет", "ют", "ит", "ят"].iter().any(|e| word.ends_with(e))
}

/// An adjective in the nominative: `американская`, `молодой`.
fn is_adjective_word(word: &str) -> bool {
    let lower = lowercase(word);
    lower.chars().count() > 3
        && ["ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие"].iter().any(|e| lower.ends_with(e))
}

/// RT's links leave line breaks inside a sentence (`— \nрассказал \n
/// лидер группы`): the end of the clause that starts at `from`, read over
/// a line break that follows a space and precedes a space or a lower-case
/// word, three at most.
fn clause_end(body: &str, from: usize) -> usize {
    let mut end = sentence_end(body, from);
    let mut line_from = from;
    for _ in 0..3 {
        let rest = &body[end..];
        let next = rest.strip_prefix('\n');
        let continues = next.is_some_and(|n| n.starts_with(' ') || n.chars().next().is_some_and(char::is_lowercase));
        // `отметил в \nEl Pais\n лауреат …`: a link's short line, the
        // clause going on after it.
        let link = next.is_some_and(is_link_line);
        // The line read so far ends with a space, or is itself a link's
        // (no sentence ends there).
        let ended = body[..end].trim_end().ends_with(['.', '!', '?', '…']);
        let open = !ended && (end - line_from <= LINK_LINE_BYTES || body[..end].ends_with(' '));
        if !((continues || link) && open) {
            break;
        }
        line_from = end + 1;
        end = sentence_end(body, end + 1);
    }
    end
}

/// `text` opens with a line of a few words without sentence punctuation
/// (a link's text, `El Pais`), after which the clause goes on: the next
/// line opens with a space or a lower-case letter.
fn is_link_line(text: &str) -> bool {
    let Some((line, after)) = text.split_once('\n') else {
        return false;
    };
    line.len() <= LINK_LINE_BYTES
        && !line.trim().is_empty()
        && !line.contains(['.', '!', '?', '«', '»'])
        && (after.starts_with(' ') || after.chars().next().is_some_and(char::is_lowercase))
}

/// Short nouns for someone by their family, which name a speaker with a
/// genitive after them: `— подчёркивает мать школьника`.
const KIN: &[&str] = &["мать", "отец", "сын", "дочь", "брат", "сестра", "жена", "муж", "вдова", "тётя", "дядя"];

/// The stems of ordinal adjectives: `первая`, `третий`, `пятая`.
const ORDINALS: &[&str] = &["перв", "втор", "трет", "четв", "пят", "шест", "седьм", "восьм", "девят", "десят"];

/// Nouns for a medium, which publishes words rather than saying them:
/// `— утверждает газета`, `— информирует издание`.
const OUTLETS: &[&str] = &[
    "газет",
    "издани",
    "журнал",
    "портал",
    "агентств",
    "телеканал",
    "канал",
    "радиостанц",
    "ресурс",
    "таблоид",
    "сайт",
    "регулятор",
];

/// A noun that may be in the nominative singular, by its ending: not
/// `ситуацию`, `подобного`, `текущие`, `детям`.
fn looks_like_singular_nominative(word: &str) -> bool {
    const OBLIQUE: &[&str] =
        &["ого", "его", "ому", "ему", "ую", "юю", "ие", "ые", "ых", "их", "ам", "ям", "ах", "ях", "ом", "ем", "ю", "у"];
    !OBLIQUE.iter().any(|e| word.ends_with(e))
}

/// A lower-case word in the genitive, by its ending: `школьника`,
/// `удостоверений`, `заболевших`, `больницы`.
fn is_genitive_word(word: &str) -> bool {
    word.chars().count() > 3
        && ["а", "я", "ов", "ев", "ей", "ий", "ых", "их", "ы", "и"].iter().any(|e| word.ends_with(e))
        && !looks_like_verb(word)
}

/// `федеральный`, `молодой`, `юная`, `старший`: an adjective in front of a
/// role that makes it someone new. A country's adjective (`российский
/// лидер`, `американский президент`) points back to someone named.
fn is_new_entity_adjective(word: &str) -> bool {
    let lower = lowercase(word);
    // `18-летний фигурист` is someone named before, by their age.
    let adjective = ["ый", "ий", "ой", "ая", "яя"].iter().any(|e| lower.ends_with(e))
        && lower.chars().count() > 3
        && !lower.starts_with(|c: char| c.is_ascii_digit());
    let of_a_country = ["ский", "цкий", "ская", "цкая"].iter().any(|e| lower.ends_with(e));
    // `летающая лыжница`: an epithet (a participle) describes someone
    // already named.
    // (`бывший` is no participle: `— отметил бывший чиновник`.)
    let epithet = ["ющий", "ющая", "ащий", "ащая", "ящий", "ящая", "вший", "вшая"].iter().any(|e| lower.ends_with(e))
        && !lower.starts_with("бывш");
    adjective && !of_a_country && !epithet && !is_role(&lower)
}

/// How long a link's line inside a clause may be, in bytes (`\nAsia
/// Times\n`).
const LINK_LINE_BYTES: usize = 40;

/// How far into a quote its inside attribution may begin, in bytes.
const INSIDE_BYTES: usize = 1500;

/// `«Рынок восстановится, — считает Иван Петров. — Спрос слабый»`: the
/// attribution clause inside a quote, from the word after the first dash
/// that follows sentence punctuation and comes before a speech verb, to
/// the next dash or the end of its sentence. Reads the first
/// [`INSIDE_BYTES`] of the quote at most.
pub(crate) fn inside_attribution(body: &str, span: &Span) -> Option<(usize, usize)> {
    let limit = floor_boundary(body, (span.text_start + INSIDE_BYTES).min(span.text_end));
    let text = &body[span.text_start..limit];
    // A byte scan: `-` is ASCII, `—` and `–` start with 0xE2 (a lead byte,
    // so a char boundary); the rest is checked only there.
    for i in memchr::memchr2_iter(b'-', 0xE2, text.as_bytes()) {
        let Some(c) = text[i..].chars().next().filter(|c| matches!(c, '—' | '–' | '-')) else {
            continue;
        };
        let before = text[..i].trim_end_matches([' ', '\u{a0}']);
        let after = &text[i + c.len_utf8()..];
        if before.len() == i || !after.starts_with([' ', '\u{a0}']) || !before.ends_with([',', '.', '!', '?', '…']) {
            continue;
        }
        let from = span.text_start + i + c.len_utf8();
        let first_words: Vec<Word<'_>> = words(body, from, span.text_end).take(3).collect();
        if !first_words.iter().any(|w| w.is_lowercase() && is_speech_verb(w.text)) {
            continue;
        }
        return Some((from, inside_clause_end(&body[..span.text_end], from)));
    }
    None
}

/// How long a name in guillemets inside an attribution clause may be, in
/// bytes (`— сказал «НГР» исламовед …`).
const CLAUSE_NAME_BYTES: usize = 60;

/// The end of an inside attribution clause that starts at `from`: the next
/// dash, full stop or line break, or a « that opens more than a short name
/// closed on the same line (`— сказал «Известиям» профессор Иван Петров.`
/// names an outlet; a longer « opens a quotation inside the quotation).
fn inside_clause_end(text: &str, from: usize) -> usize {
    let mut chars = text[from..].char_indices().skip(1);
    while let Some((j, c)) = chars.next() {
        match c {
            '—' | '–' | '.' | '\n' => return from + j,
            '«' => {
                let rest = &text[from + j..];
                let close = rest.find('»').filter(|&k| k <= CLAUSE_NAME_BYTES && !rest[..k].contains(['\n', '.']));
                let Some(close) = close else {
                    return from + j;
                };
                // Skip the name: the iterator goes on after its ».
                while chars.next().is_some_and(|(k, _)| k < j + close) {}
            }
            _ => {}
        }
    }
    text.len()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A quotation over several paragraphs whose own paragraph names no one:
/// it takes the speaker of the quote in the paragraph right before it
/// (`«…», — сказал Петров.` then `«…»`), or else of the quote opening the
/// paragraph right after it when that one is attributed after its end.
/// Only quotes that fill their paragraph are continued.
pub(crate) fn continue_paragraphs(body: &str, quotes: &[&Span], found: &mut [Option<Found>]) {
    for i in 0..quotes.len() {
        if found[i].is_some() || !fills_paragraph(body, quotes[i]) {
            continue;
        }
        let previous = i.checked_sub(1).filter(|&p| {
            found[p].is_some()
                && opens_paragraph(body, quotes[p].start)
                && next_paragraph(body, quotes[p].end, quotes[i].start)
        });
        let next = (i + 1 < quotes.len()).then_some(i + 1).filter(|&n| {
            found[n].as_ref().is_some_and(|f| f.attribution.method == AttributionMethod::After)
                && next_paragraph(body, quotes[i].end, quotes[n].start)
                && opens_paragraph(body, quotes[n].start)
        });
        if let Some(from) = previous.or(next) {
            let mut copy = found[from].clone();
            if let Some(f) = copy.as_mut() {
                f.attribution.method = AttributionMethod::Continued;
            }
            found[i] = copy;
        }
    }
}

/// Only blanks (and a stray full stop) between `from` and `to` but for one
/// line break, and before it at most a short attribution clause.
fn next_paragraph(body: &str, from: usize, to: usize) -> bool {
    if to < from || to - from > 400 {
        return false;
    }
    let between = &body[from..to];
    between.matches('\n').count() == 1 && between.split('\n').nth(1).is_some_and(|s| s.trim().is_empty())
}

/// Only blanks between the start of the line and `pos` (a few at most).
fn opens_paragraph(body: &str, pos: usize) -> bool {
    let mut before = body[..pos].chars().rev();
    for _ in 0..8 {
        match before.next() {
            None | Some('\n') => return true,
            Some(c) if c.is_whitespace() => {}
            Some(_) => return false,
        }
    }
    false
}

/// The quote is all its paragraph holds (a full stop after it aside).
fn fills_paragraph(body: &str, span: &Span) -> bool {
    let mut after = body[span.end..].chars();
    let closes = (0..4).find_map(|_| match after.next() {
        None | Some('\n') => Some(true),
        Some(c) if c.is_whitespace() || c == '.' => None,
        Some(_) => Some(false),
    });
    opens_paragraph(body, span.start) && closes == Some(true)
}

/// How many names before a quote [`Attributor::introduced_as`] reads
/// directly.
const NEAR_MENTIONS: usize = 32;

/// A speech verb among the words of a role: `дел` of `министр
/// иностранных дел` looks like a speech verb's past tense and is none.
fn is_speech_verb_near_role(word: &str) -> bool {
    word != "дел" && is_speech_verb(word)
}

/// Where the introduction of the name of mention `i` may begin: between
/// the previous name and this one (in `Президент Путин и лидер КНДР Ким Чен
/// Ын` Ким is the leader), in the name's clause, a few words at most, and
/// after a speech verb (in `Президент США призвал коллегу Владимира
/// Путина` the president is the verb's subject, not Путин).
fn window_before_name(body: &str, mentions: &[Mention], i: usize) -> usize {
    let m = &mentions[i];
    let previous_end = i.checked_sub(1).map_or(0, |p| mentions[p].end);
    let start = clause_window_before(body, m.run_start, INTRODUCTION_BYTES).max(previous_end).min(m.run_start);
    let verb = words(body, start, m.run_start).filter(|w| w.is_lowercase() && is_speech_verb_near_role(w.text)).last();
    verb.map_or(start, |v| v.end)
}

/// The words in front of each person's name that may introduce them (see
/// [`window_before_name`]). Only a person is introduced: in `игрок сборной
/// России` the role word stands in front of a place, not of the player.
fn introductions<'a>(body: &'a str, mentions: &[Mention]) -> Introduced<'a> {
    let mut of_word: Vec<(&'a str, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.person) {
        of_word.extend(words(body, window_before_name(body, mentions, i), m.start).map(|w| (w.text, i)));
    }
    let (words, ids) = StemIndex::with_ids(of_word.iter().map(|&(word, _)| word));
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for ((_, i), id) in of_word.into_iter().zip(ids) {
        if id == lists.len() {
            lists.push(Vec::new());
        }
        if lists[id].last() != Some(&i) {
            lists[id].push(i);
        }
    }
    Introduced { words, mentions: lists }
}

/// The gender an event agrees with: its own, or else the one the article
/// gives its surname.
fn resolved_gender<'a>(body: &'a str, persons: &Persons<'a>, event: &Event) -> Gender {
    match event.gender {
        Gender::Unknown => persons.gender_of(&body[event.surname.0..event.surname.1]),
        known => known,
    }
}

/// `сноубордиста`, `функционера`, `атлета`: a lower-case noun in the
/// genitive or accusative of a person (`-а`, `-я`), no adjective and no
/// verb, after a citing verb.
fn is_oblique_noun(word: &Word<'_>) -> bool {
    word.is_lowercase()
        && word.text.chars().count() > 4
        && word.text.ends_with(['а', 'я'])
        && !looks_like_verb(word.text)
        && !is_adjective_word(word.text)
        && !matches!(word.text, "слова" | "словам")
}

/// The gender a name in the genitive shows: `Марии Захаровой` a woman's,
/// `Павла Колобкова` a man's; of a surname that does not decline
/// (`Вяльбе`, `Гончаренко`), a man's given name in `-а`, `-я` (`Виктора
/// Гончаренко`).
fn genitive_gender(name: &str) -> Gender {
    let mut words = name.rsplit(' ');
    let surname = words.next().unwrap_or_default();
    if surname.ends_with("ой") {
        Gender::Feminine
    } else if surname.ends_with(['а', 'я']) || words.next().is_some_and(|given| given.ends_with(['а', 'я'])) {
        Gender::Masculine
    } else {
        Gender::Unknown
    }
}

/// `— цитирует тренера Дениса Тихомирова`, `— приводит слова Кривко`: after
/// a citing verb the name is in an oblique case, whose ending tells the
/// gender (masculine `-а`, feminine `-ой`, `-у`).
fn citing_gender(region: &[Word<'_>], verb_at: Option<usize>, surname: &str) -> Gender {
    let citing = verb_at
        .and_then(|v| region.get(v))
        .is_some_and(|v| v.text.starts_with("цитир") || v.text.starts_with("привод"));
    if !citing {
        return Gender::Unknown;
    }
    // The accusative of a woman's surname (`цитирует Захарову`), else as
    // the genitive tells.
    if surname.ends_with(['у', 'ю']) { Gender::Feminine } else { genitive_gender(surname) }
}

/// The gender of a personal pronoun, if `word` is one.
fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "он" | "его" => Some(Gender::Masculine),
        "она" | "её" | "ее" => Some(Gender::Feminine),
        _ => None,
    }
}

impl Gender {
    /// The pronoun's own gender wins over the verb's.
    fn agree(self, verb: Gender) -> Gender {
        if self == Gender::Unknown { verb } else { self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::classify::is_quote;
    use crate::quote::spans::find_spans;

    /// (speaker canonical name, method, mention) of every quote of `body`.
    fn attributions(body: &str) -> Vec<Option<(String, AttributionMethod, String)>> {
        let spans = find_spans(body);
        let insides: Vec<Option<(usize, usize)>> = spans.iter().map(|s| inside_attribution(body, s)).collect();
        let persons = Persons::collect(body, &spans, &insides);
        let mut attributor = Attributor::new(body, &persons);
        let quotes: Vec<(&Span, &Option<(usize, usize)>)> =
            spans.iter().zip(&insides).filter(|(s, _)| is_quote(body, s)).collect();
        let mut found: Vec<Option<Found>> =
            quotes.iter().map(|(s, inside)| attributor.attribute(s, **inside)).collect();
        let spans: Vec<&Span> = quotes.iter().map(|(s, _)| *s).collect();
        continue_paragraphs(body, &spans, &mut found);
        for (span, f) in spans.iter().zip(&mut found).filter(|(_, f)| f.is_none()) {
            *f = attributor.lead_in_subject(span);
        }
        found
            .into_iter()
            .map(|f| {
                f.map(|f| {
                    let name = match f.named {
                        Some((name, _)) => name,
                        None => persons.canonical(&body[f.surname.0..f.surname.1], f.gender),
                    };
                    (name, f.attribution.method, f.attribution.mention)
                })
            })
            .collect()
    }

    fn assert_speaker(body: &str, index: usize, name: &str, method: AttributionMethod, mention: &str) {
        let all = attributions(body);
        let got = all.get(index).cloned().flatten();
        assert_eq!(got, Some((name.to_string(), method, mention.to_string())), "quote {index} of: {body}");
    }

    #[test]
    fn a_dash_glued_to_the_verb() {
        let body = "Аналитик Кирилл Тремасов оценил бюджет.\n«Резервы могут удвоиться», —пояснил Тремасов.";
        assert_speaker(body, 0, "Кирилл Тремасов", AttributionMethod::After, "Тремасов");
    }

    #[test]
    fn an_outlet_after_the_verb_speaks_unless_it_cites_someone() {
        let body = "Агентство Bloomberg изучило отчёты.\n\
                    «Голосование прошло спокойно», — отмечает агентство Bloomberg.";
        assert_speaker(body, 0, "агентство Bloomberg", AttributionMethod::After, "агентство");
        let body = "Депутат Виктор Озеров выступил.\n«Это провокация», — приводит агентство слова Озерова.";
        assert_speaker(body, 0, "Виктор Озеров", AttributionMethod::After, "Озерова");
    }

    #[test]
    fn after_with_role_and_name() {
        let body = "Официальный представитель МИД Мария Захарова выступила.\n\
                    «Это провокация», — заявила официальный представитель МИД Мария Захарова.";
        assert_speaker(body, 0, "Мария Захарова", AttributionMethod::After, "Мария Захарова");
    }

    #[test]
    fn a_plural_verb_quotes_a_group_or_an_institution() {
        let body = "Эксперт Иван Петров выступил.\n\
                    «Рост продолжится», — считают эксперты.\n\
                    «Визы выдадут», — сказали в посольстве.";
        assert_speaker(body, 0, "эксперты", AttributionMethod::After, "эксперты");
        assert_speaker(body, 1, "посольство", AttributionMethod::After, "в");
    }

    #[test]
    fn documents_and_institutions_after_the_quote() {
        let body = "«Учения прошли успешно», — говорится в сообщении пресс-службы МВД.\n\
                    «Ответ будет жёстким», — подчёркивается в заявлении Минобороны.\n\
                    «Переговоры идут», — сообщили в Следственном комитете.";
        assert_speaker(body, 0, "сообщение пресс-службы МВД", AttributionMethod::After, "в");
        assert_speaker(body, 1, "заявление Минобороны", AttributionMethod::After, "в");
        assert_speaker(body, 2, "Следственный комитет", AttributionMethod::After, "в");
    }

    #[test]
    fn any_verb_right_after_the_dash_attributes() {
        let body = "Министр финансов Иван Петров выступил в Думе.\n\
                    «Рынок восстановится», — уверен министр.\n\
                    «Кто за это заплатит?» - возмутился он.\n\
                    «Почему бюджет не исполнен?» — задаётся вопросом Петров.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "министр");
        assert_speaker(body, 1, "Иван Петров", AttributionMethod::Pronoun, "он");
        assert_speaker(body, 2, "Иван Петров", AttributionMethod::After, "Петров");
        // A verb further on is no attribution: the dash opens a sentence.
        let body = "«Мы будем бороться до конца!» — эти слова стали лозунгом протестующих.";
        assert_eq!(attributions(body), [None], "{body}");
    }

    #[test]
    fn a_persons_statement_is_the_persons_words_not_the_addressees() {
        let body = "Игорь Конашенков выступил на брифинге.\n\
                    «Удары нанесены», — говорилось в сообщении официального представителя Минобороны \
                    генерал-майора Игоря Конашенкова.\n\
                    «Закон нарушает права меньшинств», — уточняется в обращении в адрес Петра Порошенко.";
        assert_speaker(body, 0, "Игорь Конашенков", AttributionMethod::After, "Игоря Конашенкова");
        assert_speaker(body, 1, "обращение", AttributionMethod::After, "в");
    }

    #[test]
    fn a_participle_before_a_role_describes_someone_named() {
        let body = "Ирина Аввакумова заняла четвёртое место.\n\
                    «Это не очень хороший результат», — подвела итог летающая лыжница.";
        assert_speaker(body, 0, "Ирина Аввакумова", AttributionMethod::Role, "лыжница");
    }

    #[test]
    fn an_aside_between_the_subject_and_its_verb() {
        let body = "В августе Сергей Кисляк, завершивший свою миссию в июле, заявил, что общался с \
                    Майклом Флинном «о самых простых вещах».\n\
                    Сам Флинн, рассказывая о разговоре, подчёркивал, что «не пересёк ни одной границы».\n\
                    Неожиданно их поддержал маршал Сената Станислав Карчевский, который заявил, что реформа \
                    «не будет действовать» до решения суда.\n\
                    Тренерам пришлось «пороть» Александра Петрова, который отмечался «девиантным» поведением.";
        assert_speaker(body, 0, "Сергей Кисляк", AttributionMethod::Subject, "Сергей Кисляк");
        assert_speaker(body, 1, "Флинн", AttributionMethod::Subject, "Флинн");
        assert_speaker(body, 2, "Станислав Карчевский", AttributionMethod::Subject, "Станислав Карчевский");
        let all = attributions(body);
        assert_eq!(all.get(4), Some(&None), "{body}");
    }

    #[test]
    fn texts_published_on_a_site_and_documents_that_follow() {
        let body = "«Потепление продлится до пятницы», — говорится на сайте Гидрометцентра России.\n\
                    «Программа будет продлена», — указано в документе.\n\
                    «Льготы отменяются», — следует из поправки.\n\
                    «Мы приветствуем решение», — гласит заявление на сайте организации.\n\
                    Мария Иванова выиграла турнир.\n\
                    «Я сделала всё, что могла», — приводит слова Ивановой официальный сайт турнира.";
        assert_speaker(body, 0, "сайт Гидрометцентра России", AttributionMethod::After, "на");
        assert_speaker(body, 1, "документ", AttributionMethod::After, "в");
        assert_speaker(body, 2, "поправка", AttributionMethod::After, "из");
        assert_speaker(body, 3, "заявление", AttributionMethod::After, "заявление");
        assert_speaker(body, 4, "Мария Иванова", AttributionMethod::After, "Ивановой");
    }

    #[test]
    fn a_word_for_someone_unnamed_or_introduced_after_the_verb() {
        let body = "На данный момент зарегистрировано 152 случая болезни.\n\
                    «Я домой зашёл, а потом ничего не помню», — рассказал маленький мальчик.\n\
                    «Рвота у них была», — поделилась мать заболевших детей из села Калачи.\n\
                    «У детей она протекает тяжелее», — рассказал другой сотрудник больницы.\n\
                    «Минобороны запрещается их использовать», — уверены конгрессмены.\n\
                    Маньяков давно изучает психиатр-криминалист Михаил Виноградов.\n\
                    «Такое бывает», — считает психиатр-криминалист.\n\
                    «Это большое событие», — заявила третья ракетка мира.";
        assert_speaker(body, 0, "маленький мальчик", AttributionMethod::After, "маленький");
        assert_speaker(body, 1, "мать заболевших детей", AttributionMethod::After, "мать");
        assert_speaker(body, 2, "другой сотрудник больницы", AttributionMethod::After, "другой");
        assert_speaker(body, 3, "конгрессмены", AttributionMethod::After, "конгрессмены");
        assert_speaker(body, 4, "Михаил Виноградов", AttributionMethod::Role, "психиатр-криминалист");
        // A ranking describes someone named, but the article named no one.
        assert_eq!(attributions(body).get(5), Some(&None), "{body}");
    }

    #[test]
    fn an_institution_or_document_before_a_plural_or_impersonal_verb() {
        let body = "В Следственном комитете пояснили, что выплаты определят «на основе объективных данных».\n\
                    В документе отмечается, что Москва «ведёт враждебную пропаганду».\n\
                    В МИД России произошедшее назвали «сознательной провокацией».\n\
                    В материале авторы назвали «подозрительным» поведение сайтов.\n\
                    Незабываемый полуостров: в закон добавили «возвращение Крыма в состав Украины».";
        assert_speaker(body, 0, "Следственный комитет", AttributionMethod::Subject, "В");
        assert_speaker(body, 1, "документ", AttributionMethod::Subject, "В");
        assert_speaker(body, 2, "МИД России", AttributionMethod::Subject, "В");
        assert_speaker(body, 3, "авторы", AttributionMethod::Subject, "авторы");
        let all = attributions(body);
        assert_eq!(all.len(), 5, "{body}");
        assert_ne!(all[4].clone().map(|f| f.0), Some("закон".to_string()), "{body}");
    }

    #[test]
    fn a_speaker_set_off_by_commas_after_the_verb() {
        let body = "Ломоносов принадлежал науке. Тредиаковский, пишет Татьяна Абрамзон, «совершил прорыв».\n\
                    Власти, подчёркивает Владимир Вятрович, используют историю как «инструмент рейтинга».\n\
                    Троцкий сказал Рихарду Кюльману, «что они договариваются с делегацией».";
        assert_speaker(body, 0, "Татьяна Абрамзон", AttributionMethod::Subject, "Татьяна Абрамзон");
        assert_speaker(body, 1, "Владимир Вятрович", AttributionMethod::Subject, "Владимир Вятрович");
        let all = attributions(body);
        assert_eq!(all.len(), 3, "{body}");
        assert_ne!(all[2].clone().map(|f| f.0).as_deref(), Some("Рихард Кюльман"), "{body}");
        // `по его словам` inside the sentence, as at its start.
        let body = "О кампусе рассказал Михаил Павловец. Рядом с кампусом, по его словам, «есть храм».";
        assert_speaker(body, 0, "Михаил Павловец", AttributionMethod::Pronoun, "его");
    }

    #[test]
    fn whom_a_speech_verb_reports_is_the_latest_person() {
        let body = "Проблем с территориями нет, подчеркнул Иван Петров, выступая в Думе.\n\
                    «Россия готова к диалогу», — сказал министр.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "министр");
    }

    #[test]
    fn a_role_of_one_body_is_not_the_person_introduced_for_another() {
        let body = "Президент Франции Эммануэль Макрон провёл переговоры. \
                    Пётр Порошенко заявил, что встреча прошла хорошо.\n\
                    «Мы договорились», — сказал президент Украины.\n\
                    Президент РФ Владимир Путин выступил на форуме.\n\
                    «Всё будет хорошо», — сказал президент России.";
        assert_speaker(body, 0, "Пётр Порошенко", AttributionMethod::Role, "президент Украины");
        // Two names of one country are one complement.
        assert_speaker(body, 1, "Владимир Путин", AttributionMethod::Role, "президент России");
    }

    #[test]
    fn a_role_before_a_speech_verb_introduces_no_name_after_it() {
        // The president is the subject of `призвал`, not Путин's role.
        let body = "Президент США Дональд Трамп дал интервью. \
                    Президент США призвал своего коллегу Владимира Путина остановиться.\n\
                    «Мы готовы к переговорам», — сказал президент США.";
        assert_speaker(body, 0, "Дональд Трамп", AttributionMethod::Role, "президент США");
    }

    #[test]
    fn an_institution_after_a_role_is_the_role_s_and_its_person_speaks() {
        let body = "Председатель КНР Си Цзиньпин прибыл в Москву.\n\
                    Председатель КНР заявил: «Мы готовы к переговорам».\n\
                    Представитель МИД заявил: «Визит пройдёт по плану».";
        assert_speaker(body, 0, "Си Цзиньпин", AttributionMethod::Role, "Председатель КНР");
        // No one was introduced with the role of that body: the body speaks.
        let got = attributions(body);
        assert_eq!(got[1].as_ref().map(|a| a.0.as_str()), Some("МИД"), "{got:?}");
    }

    #[test]
    fn the_body_of_a_role_may_follow_lower_case_words_or_be_an_acronym() {
        // `министр иностранных дел России` is not the minister of Saudi
        // Arabia introduced last; `глава ПКР` not the head of another body.
        let body = "Министр иностранных дел Саудовской Аравии Адель аль-Джубейр прибыл в Москву. \
                    Его встретил глава МИД РФ Сергей Лавров.\n\
                    «Мы договорились», — заявил министр иностранных дел России.\n\
                    Глава МПК Филип Крэйвен отказал спортсменам, сообщил Владимир Лукин.\n\
                    «Мы не поедем», — добавил глава ПКР.";
        assert_speaker(body, 0, "Сергей Лавров", AttributionMethod::Role, "министр иностранных дел");
        assert_speaker(body, 1, "Владимир Лукин", AttributionMethod::Role, "глава ПКР");
        // The outlet told is no body.
        let body = "Президент США Дональд Трамп выступил в Конгрессе. Премьер Японии Синдзо Абэ его поддержал.\n\
                    «Может быть», — сказал президент CBS.";
        assert_speaker(body, 0, "Дональд Трамп", AttributionMethod::Role, "президент CBS");
    }

    #[test]
    fn whose_words_a_role_with_prepositions_names() {
        // `по`, `при` and `и` go on inside the body of the role; `в` does not.
        let body = "Текст.\n«Мы изучим всё», — приводит L'Equipe слова директора УЕФА по лицензированию \
                    и финансам Андрея Петрова.\n\
                    «Мы против», — говорится в заявлении члена совета при Минобороны Игоря Коротченко.";
        assert_speaker(body, 0, "Андрей Петров", AttributionMethod::After, "Андрея Петрова");
        assert_speaker(body, 1, "Игоря Коротченко", AttributionMethod::After, "Игоря Коротченко");
    }

    #[test]
    fn an_institution_by_its_proper_name_with_its_country_after_the_verb() {
        // As a name, `Минобороны` would be cut off in front of `России`,
        // leaving a country for the speaker.
        let body = "Текст.\n«Американцы в безопасности», — заключает Минобороны России.\n\
                    «Сумма будет больше», — сообщает Минфин России.";
        assert_speaker(body, 0, "Минобороны России", AttributionMethod::After, "Минобороны");
        assert_speaker(body, 1, "Минфин России", AttributionMethod::After, "Минфин");
    }

    #[test]
    fn trades_and_ranks_are_roles() {
        let body = "Нападающий Иван Ребров получил травму. Руководитель медицинского департамента клуба \
                    Михаил Вартапетов осмотрел его.\n«Выводы делать рано», — сказал врач.";
        assert_speaker(body, 0, "Михаил Вартапетов", AttributionMethod::Role, "врач");
    }

    #[test]
    fn a_subject_may_stand_before_a_circumstance_and_its_verb() {
        let body = "Адвокат Иван Кузнецов выступил в суде.\n\
                    Александр Шпрыгин до заседания отмечал положительную динамику.\n\
                    «Мы надеемся», — заявил он RT.\n\
                    Директор центра Мария Петрова в разговоре с RT предположила, что всё решено.\n\
                    «Это конец», — сказала она.";
        assert_speaker(body, 0, "Александр Шпрыгин", AttributionMethod::Pronoun, "он");
        assert_speaker(body, 1, "Мария Петрова", AttributionMethod::Pronoun, "она");
        // A place in the genitive is no subject of the verb after its circumstance.
        let body = "Посол Анна Иванова выступила.\n\
                    Варшава недовольна взглядами Киева на историю и уже призвала украинские власти \
                    не назначать на должности людей «с такими взглядами».";
        let first = attributions(body).first().cloned().flatten().map(|(name, _, _)| name);
        assert_ne!(first.as_deref(), Some("Киева"));
    }

    #[test]
    fn a_role_with_a_long_body_introduces_the_name_after_it() {
        // The introduction begins nine words before the name.
        let body = "Как заявил RT испанский экономист Пол Круз, ситуация сложная.\n\
                    По мнению директора Международного института новейших государств Алексея Мартынова, \
                    обстановка была допущена Брюсселем.\n\
                    «Это было ожидаемо», — сказал он RT.";
        assert_speaker(body, 0, "Алексей Мартынов", AttributionMethod::Pronoun, "он");
    }

    #[test]
    fn a_name_with_the_arabic_article_is_one_name() {
        let body = "Премьер-министр Ирака Хайдер аль-Абади прибыл в Москву.\n\
                    «Мы победим», — заявил аль-Абади.\n\
                    Гуманитарный координатор ООН Али аз-Заатари выступил с заявлением.\n\
                    «Помощь доходит», — сказал координатор ООН.";
        assert_speaker(body, 0, "Хайдер аль-Абади", AttributionMethod::After, "аль-Абади");
        assert_speaker(body, 1, "Али аз-Заатари", AttributionMethod::Role, "координатор");
    }

    #[test]
    fn the_outlet_said_to_stands_between_the_verb_and_the_name() {
        let body = "Текст.\n«Рынок растёт», — рассказал RT Вакин.\n\
                    «Спрос слабый», — цитирует РИА Новости Соломонова.\n\
                    «Цены выросли», — цитирует РИА Новости пресс-секретаря президента Дмитрия Пескова.\n\
                    «Рынок упадёт», — пишет The Washington Post.\n\
                    «Рынок восстановится», — отметил в беседе с RT Неменский.\n\
                    «Мы против», — заявили в Вашингтоне.";
        assert_speaker(body, 0, "Вакин", AttributionMethod::After, "Вакин");
        assert_speaker(body, 4, "Неменский", AttributionMethod::After, "Неменский");
        // A place after `в` is no interview.
        assert_eq!(attributions(body)[5], None);
        assert_speaker(body, 1, "Соломонов", AttributionMethod::After, "Соломонова");
        assert_speaker(body, 2, "Дмитрий Песков", AttributionMethod::After, "Дмитрия Пескова");
        assert_speaker(body, 3, "The Washington Post", AttributionMethod::After, "The Washington Post");
        // A phrase after the outlet is not a name (`Верховного
        // главнокомандующего`).
        let body = "Текст.\n«Техника поступила», — цитирует ТАСС Верховного главнокомандующего.";
        let first = attributions(body).first().cloned().flatten().map(|(name, _, _)| name);
        assert_ne!(first.as_deref(), Some("Верховный"));
    }

    #[test]
    fn a_role_whose_description_ends_in_a_name_is_that_person() {
        let body = "«Сроки сдвинутся», — отмечает Иван Петров.\n\
                    «Переговоры продолжатся», — отметил в интервью RT востоковед, преподаватель НИУ ВШЭ Пётр Сидоров.\n\
                    «Это повысит авторитет ШОС», — сказал российский политолог, член совета по международным делам Олег Орлов.\n\
                    «Рынок восстановится», — сказал экономист, отвечая на вопрос о Петре Сидорове.";
        assert_speaker(body, 1, "Пётр Сидоров", AttributionMethod::After, "Пётр Сидоров");
        assert_speaker(body, 2, "Олег Орлов", AttributionMethod::After, "Олег Орлов");
        // A name a preposition governs is whom the description speaks of.
        let last = attributions(body).get(3).cloned().flatten().map(|(name, _, _)| name);
        assert_ne!(last.as_deref(), Some("Пётр Сидоров"));
    }

    #[test]
    fn a_role_or_an_unnamed_speaker_before_an_aside() {
        let body = "Так, юрист, представляющий интересы полиции, заявил в суде: «Сделка была фиктивной, деньги ушли в офшор, а документы подделаны».";
        assert_speaker(body, 0, "юрист", AttributionMethod::Before, "юрист");
    }

    #[test]
    fn a_paragraph_quote_after_a_sentence_whose_subject_speaks() {
        let body = "Политолог Иван Петров выступил в Думе.\n\
                    Политолог добавил, что рост расходов на охрану границ не решит проблему миграции.\n\
                    «Полумерами эта проблема не будет решена, нужна новая политика».\n\
                    В Минобороны пояснили, что удары были нанесены ночью.\n\
                    «Все цели поражены, потерь среди военнослужащих нет».";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "Политолог");
        assert_speaker(body, 1, "Минобороны", AttributionMethod::Before, "В");
    }

    #[test]
    fn a_role_after_the_quote_reads_past_a_sentence_that_names_no_one() {
        let body = "Иван Петров, в свою очередь, утверждает, что переворот исключать нельзя. \
                    Однако, по его словам, организуют его не военные.\n\
                    «Это будут спецслужбы», — отмечает политолог.\n\
                    Анна Смирнова считает, что кризис затянется. Рынки ждут решений.\n\
                    «Новая стратегия»\n\
                    Правительство готовит план.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "политолог");
        // A quote alone in its paragraph, attributed nowhere, may be a
        // heading: it reads the sentence just before it only.
        assert_eq!(attributions(body)[1], None);
    }

    #[test]
    fn a_site_an_estimate_and_a_role_set_off_by_commas() {
        let body = "На сайте организации также отмечается, что «интересы Америки в регионе исчерпаны».\n\
                    Министр обороны Сергей Шойгу представил нового командующего.\n\
                    По оценке министра, «на этом сложном участке он зарекомендовал себя».\n\
                    Об этом рассказал генерал Иван Петров. И поэтому, считает генерал, «армии готовы».";
        assert_speaker(body, 0, "сайт организации", AttributionMethod::Subject, "На");
        assert_speaker(body, 1, "Сергей Шойгу", AttributionMethod::Role, "министра");
        assert_speaker(body, 2, "Иван Петров", AttributionMethod::Role, "генерал");
    }

    #[test]
    fn an_adjective_before_a_role_introduces_someone_unnamed() {
        let body = "Иван Петров выступил в суде.\n«Он гордился содеянным», — рассказал федеральный прокурор.";
        assert_speaker(body, 0, "федеральный прокурор", AttributionMethod::After, "федеральный");
        // A country's adjective points back to the leader named before.
        let body = "Президент Владимир Путин выступил.\n«Мы готовы», — сказал российский лидер.";
        assert_speaker(body, 0, "Владимир Путин", AttributionMethod::Role, "лидер");
    }

    #[test]
    fn a_colon_ending_the_paragraph_before_introduces_the_quote() {
        let body = "Председатель правительства Иван Петров выступил на форуме.\n\
                    Впрочем, российский премьер сообщил:\n«Экономика растёт быстрее прогнозов».";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "премьер");
    }

    #[test]
    fn the_subject_of_a_speech_verb_before_a_fragment() {
        let body = "Министр Анна Смирнова выступила. Также она говорит, что не видит «ни одной причины для паники».";
        assert_speaker(body, 0, "Анна Смирнова", AttributionMethod::Pronoun, "она");
        let body = "Ведомство сообщило, что правила «остаются в силе».";
        assert_speaker(body, 0, "Ведомство", AttributionMethod::Subject, "Ведомство");
        // A plural verb: the lawyers speak, not the man they defend.
        let body =
            "Иван Петров молчит. Адвокаты Петрова заявили, что декларации не отражают «никаких доходов из-за рубежа».";
        assert_speaker(body, 0, "Адвокаты Петрова", AttributionMethod::Subject, "Адвокаты");
    }

    #[test]
    fn introducing_clauses_name_institutions_and_roles() {
        let body = "В докладе Минфина от 2 марта говорится следующее: «Рост продолжится, но медленно».";
        assert_speaker(body, 0, "доклад Минфина", AttributionMethod::Before, "В");
        let body = "Президент Иван Петров прибыл в Минск. По словам российского лидера, «переговоры были трудными».";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "лидера");
        let body =
            "«Ключ к ядерной катастрофе у него в руках, и это пугает», отметил в интервью писатель Марио Варгас Льоса.";
        assert_speaker(body, 0, "Марио Варгас Льоса", AttributionMethod::After, "Марио Варгас Льоса");
    }

    #[test]
    fn whose_words_a_citing_verb_gives() {
        let body = "«Мы готовы к переговорам», — цитирует агентство слова Назарбаева.";
        assert_speaker(body, 0, "Назарбаев", AttributionMethod::After, "Назарбаева");
        let body = "«Это позор», — приводит слова нападавшего Haaretz.";
        assert_speaker(body, 0, "нападавшего Haaretz", AttributionMethod::After, "нападавшего");
        // A role in front of the name is no group: whose role it is speaks.
        let body = "«Готовим документы в CAS», — приводит ТАСС слова президента федерации Елены Вяльбе.";
        assert_speaker(body, 0, "Елена Вяльбе", AttributionMethod::After, "Елены Вяльбе");
        let body = "«Медали вернут», — передаёт «Р-Спорт» слова министра спорта Павла Колобкова.";
        assert_speaker(body, 0, "Павел Колобков", AttributionMethod::After, "Павла Колобкова");
        let body = "«Визы выдадут», — передаёт ТАСС слова источника в посольстве.";
        assert_speaker(body, 0, "источника в посольстве", AttributionMethod::After, "источника");
    }

    #[test]
    fn line_breaks_left_by_links_stay_inside_the_attribution() {
        let body = "«Это отдельный вид, и мы его назвали», — \nрассказал \n профессор Иван Петров.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::After, "Иван Петров");
    }

    #[test]
    fn split_quotes_name_their_speaker_inside() {
        for dash in ["—", "–", "-"] {
            let body = format!(
                "«Рынок восстановится не раньше весны, {dash} считает Иван Петров, профессор экономики. {dash} Спрос пока слабый»."
            );
            assert_speaker(&body, 0, "Иван Петров", AttributionMethod::Inside, "Иван Петров");
        }
    }

    #[test]
    fn an_outlet_in_guillemets_stays_inside_the_split_attribution() {
        let body = "«Версия о теракте неоспорима, – сказал «Вестнику» проректор университета Олег Смирнов, бывший министр. – Видео это доказывает». \
                    Смирнов уверен, что виновны «старые кланы».";
        assert_speaker(body, 0, "Олег Смирнов", AttributionMethod::Inside, "Олег Смирнов");
        assert_speaker(body, 1, "Олег Смирнов", AttributionMethod::Subject, "Смирнов");
    }

    #[test]
    fn initials_before_a_surname_after_the_quote() {
        let body = "Переговоры начались. «Мы готовы к диалогу», — сказал В. В. Путин.";
        assert_speaker(body, 0, "Путин", AttributionMethod::After, "Путин");
    }

    #[test]
    fn a_title_ending_with_an_exclamation_keeps_its_sentence() {
        // `!»` in a title named in passing ends no sentence, so the quote's
        // subject is the host named after it.
        let body = "Ведущий программы «Говорите громче!» Андрей Сидельников заявил, что «эфир отменён».";
        assert_speaker(body, 0, "Андрей Сидельников", AttributionMethod::Subject, "Андрей Сидельников");
    }

    #[test]
    fn a_quote_over_paragraphs_takes_its_neighbours_speaker() {
        let body = "«Первая часть ответа», — сказала Анна Смирнова.\n«Вторая часть ответа без подписи».\nДругая тема.";
        let all = attributions(body);
        assert_eq!(all[0].as_ref().map(|a| a.0.as_str()), Some("Анна Смирнова"));
        assert_eq!(all[1].as_ref().map(|a| (a.0.as_str(), a.1)), Some(("Анна Смирнова", AttributionMethod::Continued)));
        let quotes = crate::quote::extract_quotes(body);
        assert_eq!(quotes[1].speaker.as_deref(), Some("Анна Смирнова"));
        assert_eq!(quotes[1].attribution.as_ref().map(|a| a.method), Some(AttributionMethod::Continued));
    }

    #[test]
    fn a_role_in_front_of_a_place_introduces_no_one() {
        // `игрок сборной России`: the role word stands before a place, and
        // the player is the last person named.
        let body = "Об этом рассказал игрок сборной России. Александр Головин поделился впечатлениями.\n\
                    «Было душно», — добавил игрок.";
        assert_speaker(body, 0, "Александр Головин", AttributionMethod::Role, "игрок");
    }

    #[test]
    fn before_colon_and_po_slovam() {
        let body = "Пресс-секретарь президента Дмитрий Песков выступил. Песков сказал: «Нет». \
                    По словам Пескова, «всё идёт по плану».";
        assert_speaker(body, 0, "Дмитрий Песков", AttributionMethod::Before, "Песков");
        assert_speaker(body, 1, "Дмитрий Песков", AttributionMethod::Before, "Пескова");
    }

    #[test]
    fn an_opening_po_slovam_gives_the_fragments_of_its_sentence() {
        let body = "Политолог Олег Смирнов выступил на форуме. По словам Смирнова, несмотря на трудности, \
                    он остаётся нашим «главным переговорщиком» в регионе. По его мнению, подписав закон, \
                    Иван Петров допустил ошибку: «Он подставил себя, и это прецедент».";
        assert_speaker(body, 0, "Олег Смирнов", AttributionMethod::Before, "Смирнова");
        assert_speaker(body, 1, "Олег Смирнов", AttributionMethod::Pronoun, "его");
        let body = "Польский экономист Марек Белька выступил с докладом. По его мнению, мир ждут перемены, \
                    и связаны они с «закатом» США. По словам гражданки Франции Оксаны Ферреро, Вальс плох, и за \
                    годы, которые он провёл «у руля», ничего не добился.";
        assert_speaker(body, 0, "Марек Белька", AttributionMethod::Pronoun, "его");
        assert_speaker(body, 1, "Оксана Ферреро", AttributionMethod::Before, "Оксаны Ферреро");
        let body = "Политолог Олег Смирнов выступил. По мнению Петрова, Смирнов сказал: «Нет, это не так».";
        // A speech verb after the cue introduces whose words they are.
        assert_speaker(body, 0, "Олег Смирнов", AttributionMethod::Before, "Смирнов");
    }

    #[test]
    fn a_pronoun_after_an_unnamed_speaker_is_that_speaker() {
        let body = "Министр Арсен Аваков выступил.\n«Поля поджигают», — сообщил RT директор агрохозяйства, \
                    пожелавший остаться неназванным. По его словам, он платит «за спокойствие» бандитам.";
        assert_speaker(body, 1, "директор агрохозяйства", AttributionMethod::Pronoun, "его");
    }

    #[test]
    fn a_role_or_interlocutor_is_who_the_sentence_before_reports() {
        // The role was never given with the name: the sentence before says
        // who speaks, not the latest person named.
        let body = "«Сроки сорваны», — сказал вице-премьер Иван Петров.\nКак отмечает Мария Смирнова, главная \
                    проблема в другом.\n«Позиция правительства неясна», — подчёркивает эксперт.";
        assert_speaker(body, 1, "Мария Смирнова", AttributionMethod::Role, "эксперт");
        let body = "Министр Иван Петров выступил. Мост смывало и раньше, сообщил РИА Новости главный редактор \
                    журнала «Арсенал» Олег Смирнов.\n«Это не первый случай», — рассказал собеседник агентства.";
        assert_speaker(body, 0, "Олег Смирнов", AttributionMethod::Role, "собеседник");
        let body = "Министр Иван Петров выступил. Источник RT в ведомстве рассказывает, что опытные сыщики \
                    уволились. «На их места приходят новички», — признался собеседник RT.";
        assert_speaker(body, 0, "источник RT в ведомстве", AttributionMethod::Role, "собеседник");
        // Whom the sentence before speaks of is not who speaks.
        let body = "Олег Смирнов ответил. Затем он признался, что занятия с Иваном Петровым помогли. \
                    «Я знал, что он силён», — сказал спортсмен.";
        assert_speaker(body, 0, "Олег Смирнов", AttributionMethod::Role, "спортсмен");
    }

    #[test]
    fn a_pronoun_with_no_subject_before_is_the_one_person_of_its_paragraph() {
        let body = "Президент Франции Жан Леруа не приедет на саммит: он отменил визит.\n\
                    «Мы сообщили об этом утром», — заявил он.";
        assert_speaker(body, 0, "Жан Леруа", AttributionMethod::Pronoun, "он");
        // Two people named there, or only a word alone: no one.
        let body = "Хуан Перес не приедет на встречу с Карлосом Гомесом.\n«Мы сообщили об этом утром», — заявил он.";
        assert_eq!(attributions(body)[0], None);
        let body = "Школы Чили закрыты на карантин.\n«Мы сообщили об этом утром», — заявил он.";
        assert_eq!(attributions(body)[0], None);
    }

    #[test]
    fn a_citing_verbs_word_for_someone_is_the_person_named_just_before() {
        let body = "Россию в квалификации представит Пётр Орлов.\n\
                    «Хочется попасть в призы», — цитирует сноубордиста «Спорт-экспресс».";
        assert_speaker(body, 0, "Пётр Орлов", AttributionMethod::Role, "сноубордиста");
        let body = "Позицию союза подтвердил глава федерации Иван Фазель.\n\
                    «Мы попросили принять решение», — приводит ТАСС слова функционера.";
        assert_speaker(body, 0, "Иван Фазель", AttributionMethod::Role, "функционера");
        // Two people named before: no one.
        let body = "Никита Орлов и Пётр Седов прошли в финал.\n\
                    «Хочется попасть в призы», — цитирует сноубордиста «Спорт-экспресс».";
        assert_eq!(attributions(body)[0], None);
    }

    #[test]
    fn someone_met_in_the_street_speaks_as_a_group_when_no_one_is_named_near() {
        let body = "На улицах города корреспонденты спрашивали прохожих о выборах.\n\
                    «Я ни за кого не голосую», — сообщил RT мужчина.";
        assert_speaker(body, 0, "мужчина", AttributionMethod::After, "мужчина");
        let body = "Ольга Смирнова шла по переходу.\n«Я услышала взрыв», — рассказала девушка.";
        assert_ne!(attributions(body)[0].as_ref().map(|a| a.0.as_str()), Some("девушка"));
    }

    #[test]
    fn a_sentence_after_the_quote_says_who_said_it() {
        let body = "Фактически это означает принцип «две сим-карты в одни руки». \
                    Об этом сообщила глава автономии Ирина Влах.";
        assert_speaker(body, 0, "Ирина Влах", AttributionMethod::After, "Ирина Влах");
        let body = "В итоге закон стал «шагом назад для страны». Такое мнение высказал сенатор Джон Смит.";
        assert_speaker(body, 0, "Джон Смит", AttributionMethod::After, "Джон Смит");
        // Another paragraph, or an aside before the verb: no one.
        let body = "В итоге закон стал «шагом назад для страны».\nОб этом сообщил сенатор Джон Смит.";
        assert_eq!(attributions(body)[0], None);
        let body = "В итоге закон стал «шагом назад для страны». Об этом, по данным газеты, сообщил сенатор Джон Смит.";
        assert_eq!(attributions(body)[0], None);
    }

    #[test]
    fn a_word_for_the_speaker_is_who_spoke_just_before() {
        let body = "«Мы готовились к этому матчу год», — заявил Хуан Осорио.\n\
                    Тренер рассказал и о турнире.\n\
                    «Матч был непростым», — добавил мексиканец.";
        assert_speaker(body, 1, "Хуан Осорио", AttributionMethod::Role, "мексиканец");
        // Someone else named since: no one.
        let body = "«Мы готовились к этому матчу год», — заявил Хуан Осорио.\n\
                    Судья мог удалить Фернандо с поля.\n\
                    «Матч был непростым», — добавил бразилец.";
        assert_eq!(attributions(body)[1], None);
    }

    #[test]
    fn an_interlocutor_is_the_person_who_spoke_just_before() {
        let body = "«Цены вырастут», — уверен аналитик Игорь Смирнов.\n\
                    По словам эксперта, спрос пока слабый.\n\
                    «Весной всё изменится», — отметил собеседник RT.";
        assert_speaker(body, 1, "Игорь Смирнов", AttributionMethod::Role, "собеседник");
        // Someone unnamed spoke since, or the person is far back: no one.
        let body = "«Цены вырастут», — уверен аналитик Игорь Смирнов.\n\
                    Сотрудник банка рассказал RT, что спрос пока слабый.\n\
                    «Весной всё изменится», — отметил собеседник RT.";
        assert_eq!(attributions(body)[1], None);
        let body = "«Цены вырастут», — уверен аналитик Игорь Смирнов.\nСпрос слабый.\nЗима тёплая.\nРынок стоит.\n\
                    «Весной всё изменится», — отметил собеседник RT.";
        assert_eq!(attributions(body)[1], None);
        // Whom a speech verb reports, not the subject after it.
        let body = "Кроме того, добавил Игорь Смирнов, Пётр Иванов предложил закон.\n\
                    «Закон не сработает», — отметил собеседник RT.\n\
                    «Весной всё изменится», — отметил анонимный собеседник RT.";
        assert_speaker(body, 0, "Игорь Смирнов", AttributionMethod::Role, "собеседник");
        assert_eq!(attributions(body)[1], None);
    }

    #[test]
    fn a_word_for_the_speaker_outside_the_role_list_is_who_the_sentence_before_reports() {
        let body = "Сенатор Иван Петров раскритиковал позицию Олега Смирнова, заявив, что не понимает её.\n\
                    «Это неуместно», — подчеркнул республиканец.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "республиканец");
        let body = "Иван Петров давно уехал в Канаду. По мнению олимпийского чемпиона Ивана Петрова, причина в подготовке.\n\
                    «Сборная сыграла средне», — цитирует экс-игрока «Баффало» портал Hockey.ru.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "экс-игрока");
        // An age points back to someone named: `Он отметил` is Петров.
        let body = "На турнире Иван Петров занял восьмое место. Он отметил, что старался.\n\
                    «Было много недочётов», — рассказал 18-летний фигурист.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Role, "фигурист");
    }

    #[test]
    fn a_paragraph_quote_after_reported_speech_is_the_reporters() {
        let body = "Министр Олег Смирнов выступил.\nЖурналист Иван Петров считает, что меры ударят по бедным.\n\
                    «Политики не ищут других способов».\nДругая тема.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Before, "Иван Петров");
        // A sentence that reports no speech lends no speaker.
        let body = "Министр Олег Смирнов приехал в Лондон.\n«Политики не ищут других способов».";
        assert_eq!(attributions(body), [None]);
    }

    #[test]
    fn an_attribution_goes_on_over_a_links_line_and_an_apposition() {
        let body = "Учёные нашли кости. «Сигналы были очень специфичны», — \nрассказал\n лидер группы \
                    исследователей из университета, профессор Алан Купер.\nДругое.";
        assert_speaker(body, 0, "Алан Купер", AttributionMethod::After, "Алан Купер");
        let body = "У лидера есть «ключ к ядерной катастрофе», отметил в \nEl Pais\n лауреат премии по \
                    литературе Марио Варгас Льоса.\nДругое.";
        assert_speaker(body, 0, "Марио Варгас Льоса", AttributionMethod::After, "Марио Варгас Льоса");
    }

    #[test]
    fn a_pronoun_with_no_subject_before_is_whom_the_sentence_before_reports() {
        // `Иван Петров` stands after the verb: no subject, not introduced
        // by a listed role.
        let body = "Прокуратура завершила расследование, сообщил надзиратель Иван Петров. «Работа выполнена», \
                    — заявил он.";
        assert_speaker(body, 0, "Иван Петров", AttributionMethod::Pronoun, "он");
    }

    #[test]
    fn whose_words_an_outlet_gives_is_who_the_sentence_before_names() {
        let body = "Министр Иван Петров выступил. Это подтвердил источник в верхней палате парламента. \
                    «Проход будет закрыт», — приводит РИА Новости слова собеседника.";
        assert_speaker(body, 0, "источник в верхней палате парламента", AttributionMethod::Role, "собеседника");
    }

    #[test]
    fn a_full_name_in_a_colon_clause_before_a_lone_word() {
        // `Института` is a person's surname elsewhere by mistake (`Доцент
        // Института`); the full name speaks.
        let body = "Начальник отдела Института развития Антон Мардасов в беседе с RT назвал сделку делом \
                    будущего: «Контракты заблокируют в Совбезе».\nДоцент Института наук Олег Смирнов призвал \
                    не питать иллюзий.";
        assert_speaker(body, 0, "Антон Мардасов", AttributionMethod::Before, "Антон Мардасов");
    }

    #[test]
    fn a_capital_before_a_role_is_no_adjective() {
        let body = "Премьер-министр Дмитрий Медведев выступил на форуме. Проблемой премьер-министр назвал \
                    «дефицит инвестиций и паралич кредитов».";
        assert_speaker(body, 0, "Дмитрий Медведев", AttributionMethod::Role, "премьер-министр");
    }

    #[test]
    fn a_long_description_that_ends_in_a_name() {
        let body = "Министр Иван Петров выступил.\n«Протесты спровоцированы извне», — рассказал RT старший \
                    научный сотрудник Центра арабских исследований Института востоковедения РАН Борис Долгов.";
        assert_speaker(body, 0, "Борис Долгов", AttributionMethod::After, "Борис Долгов");
        // A name after a lower-case noun is whose team, not who speaks.
        let body = "Мэр Сергей Собянин выступил.\n«Критиковать можно», — рассказал человек в команде \
                    Сергея Собянина.";
        assert_speaker(body, 0, "человек в команде Сергея Собянина", AttributionMethod::After, "человек");
    }

    #[test]
    fn a_press_service_citing_a_person_quotes_that_person() {
        let body = "Партия выступила.\n«Это отвратительная мера», — сообщили в пресс-службе партии со ссылкой \
                    на слова депутата Элисон Тьюлисс.";
        assert_speaker(body, 0, "Элисон Тьюлисс", AttributionMethod::After, "Элисон Тьюлисс");
    }

    #[test]
    fn a_fragment_after_a_links_line_break_keeps_its_sentence() {
        let body = "«Удар неизбежен», — заключил он.\nРанее министр обороны США Джеймс Мэттис заявил, что КНДР \
                    столкнётся \nс «возросшим давлением»\n Джеймс Мэттис \n Reuters";
        assert_speaker(body, 1, "Джеймс Мэттис", AttributionMethod::Subject, "Джеймс Мэттис");
    }

    #[test]
    fn as_says_a_role_before_a_colon() {
        let body = "«Их потолок — слова», — заявил RT экс-сотрудник разведки Арсен Петров.\nКак считает \
                    экс-сотрудник разведки, единственное, на что способны соседи, — это диверсии: «Мы слышали \
                    угрозы взорвать мост»";
        assert_speaker(body, 1, "Арсен Петров", AttributionMethod::Role, "экс-сотрудник разведки");
    }

    #[test]
    fn an_outlet_citing_a_document_quotes_the_document() {
        let body = "Компания выступила.\n«Баланс нарушен», — приводит РИА Новости заявление российской компании.";
        assert_speaker(body, 0, "заявление российской компании", AttributionMethod::After, "заявление");
        // A person's statement gives the person's words.
        let body = "Министр Миндаугас Бастис ушёл в отставку.\n«Я ухожу», — цитируют заявление Бастиса местные СМИ.";
        assert_speaker(body, 0, "Миндаугас Бастис", AttributionMethod::After, "Бастиса");
    }

    #[test]
    fn a_lone_name_a_speech_verb_reports_is_a_person() {
        // A surname of no Russian shape, never given in full: the role
        // after the next quote points back to it.
        let body = "Удары наносились по складам, заявил Шойгу.\n\
                    «За неделю боевики применили отравляющие вещества дважды», — сказал министр.";
        assert_speaker(body, 0, "Шойгу", AttributionMethod::Role, "министр");
        let body = "Реформу ООН в среду поддержал и Гутерреш. Гутерреш подчеркнул, что она назрела.\n\
                    «Организация должна стать гибче», — добавил генсек.";
        assert_speaker(body, 0, "Гутерреш", AttributionMethod::Role, "генсек");
        // A place or an institution that speaks is no person to point back to.
        for subject in ["Киев", "Пентагон", "Минздрав", "Турция"] {
            let body = format!(
                "Об этом заявил {subject}.\n«За неделю боевики применили отравляющие вещества дважды», — сказал министр."
            );
            assert_eq!(attributions(&body)[0], None, "{body}");
        }
        // Nor a place in the genitive after someone unnamed.
        let body = "Жительница Мариуполя рассказала о ценах.\n«Цены выросли вдвое», — сказала она.";
        assert_ne!(attributions(body)[0].as_ref().map(|f| f.0.as_str()), Some("Мариуполя"));
    }

    #[test]
    fn a_surname_that_does_not_decline_keeps_its_form() {
        let body = "Наставник «Спартака» Массимо Каррера доволен игрой.\n\
                    «Мы сыграли так, как готовились», — объяснил Каррера.";
        assert_speaker(body, 0, "Массимо Каррера", AttributionMethod::After, "Каррера");
        // The given name in an oblique case is put in the nominative.
        let body = "По словам министра обороны Сергея Шойгу, операция завершена.\n\
                    «Территория освобождена полностью», — заявил Шойгу.";
        assert_speaker(body, 0, "Сергей Шойгу", AttributionMethod::After, "Шойгу");
        // A man's surname in `-ого` is a genitive, whatever the verbs say.
        let body = "По словам главы комитета Леонида Слуцкого, «решение будет принято до конца года».";
        assert_speaker(body, 0, "Леонид Слуцкий", AttributionMethod::Before, "Леонида Слуцкого");
    }

    #[test]
    fn a_given_name_alone_is_the_person_named_in_full_with_it() {
        let body = "Весной в деревню приехал фермер Роман Старков.\n\
                    «Дорога есть, линия высоковольтная рядом», — рассказал Роман.";
        assert_speaker(body, 0, "Роман Старков", AttributionMethod::After, "Роман");
        // Her name given in the genitive, and a verb of the present.
        let body = "По словам гражданки Франции Оксаны Ферреро, Вальс плох.\n\
                    «Вальс ничего не добился», — говорит Оксана.";
        assert_speaker(body, 0, "Оксана Ферреро", AttributionMethod::After, "Оксана");
        // Two people with that given name: no one in particular.
        let body = "Роман Старков и Роман Ильин приехали в деревню.\n\
                    «Дорога есть», — рассказал Роман.";
        assert_eq!(attributions(body)[0].as_ref().map(|f| f.0.as_str()), Some("Роман"));
    }

    #[test]
    fn pronoun_takes_gender() {
        let body = "Мария Захарова заявила о протесте. Сергей Лавров согласился.\n\
                    «Это недопустимо», — добавила она.";
        assert_speaker(body, 0, "Мария Захарова", AttributionMethod::Pronoun, "она");
    }

    #[test]
    fn an_anonymous_source_is_a_group() {
        let body = "Владимир Путин выступил.\n«Ситуация сложная», — рассказал RT источник в министерстве.";
        assert_speaker(body, 0, "источник в министерстве", AttributionMethod::After, "источник");
        let body = "Владимир Путин выступил.\n«Ситуация сложная», — сказали они.";
        assert_eq!(attributions(body), [None]);
    }

    #[test]
    fn an_introduction_stays_in_its_clause() {
        // `Москва` is not the expert: a comma and a verb stand between them.
        let body = "По мнению эксперта, модельным регионом является Москва. Однако, считает он, \
                    не стоит сбрасывать со счетов внешний фактор: «Западные партнеры третируют нашу страну».";
        assert_eq!(attributions(body), [None]);
        // A name right after the comma is the role's apposition.
        let body = "Об этом говорил помощник президента по безопасности, Герберт Макмастер. \
                    Он сообщил, что правительство обеспокоено «подрывными действиями».";
        assert_speaker(body, 0, "Герберт Макмастер", AttributionMethod::Pronoun, "Он");
        // But `по его мнению` has its person before the comma.
        let body = "Эксперт выступил. По его мнению, Австрия проявляет интерес к проекту. \
                    «В Европе нуждаются в сигнале», — добавил эксперт.";
        assert_eq!(attributions(body), [None]);
    }

    #[test]
    fn a_speaker_that_is_no_person_is_not_the_next_he() {
        // `Интерфакс` is named right after the verb, so it speaks, but a
        // later `он` is the last person, Лавров.
        let body = "Сергей Лавров выступил в Москве.\n«Всё готово», — сообщает Интерфакс.\n\
                    «Переговоры продолжатся», — добавил он.";
        let got = attributions(body);
        assert_eq!(got[0].as_ref().map(|a| a.0.as_str()), Some("Интерфакс"));
        assert_eq!(got[1].as_ref().map(|a| a.0.as_str()), Some("Сергей Лавров"));
    }

    #[test]
    fn a_lone_latin_word_after_a_role_is_no_person() {
        let body = "Александр Лукашенко приехал в Рим. Там он говорил с журналистами Reuters.\n\
                    «Это святая земля», — добавил он.";
        assert_speaker(body, 0, "Александр Лукашенко", AttributionMethod::Pronoun, "он");
    }

    #[test]
    fn fragment_goes_to_subject() {
        let body = "Так, певица Рианна назвала президента США «аморальной свиньёй».";
        assert_speaker(body, 0, "Рианна", AttributionMethod::Subject, "Рианна");
    }
}
