//! The people an article names, so that a mention (`Путина`, `лидер КНДР`,
//! `он`) can be turned into the fullest nominative name the article gives.
//!
//! A person mention is a run of capitalised words outside guillemets
//! (`Президент России Владимир Путин` → `Владимир Путин` once the role and the
//! place in front are trimmed). A name is whatever the article writes as
//! one, and a surname is matched across case endings by its stem (`Путин`,
//! `Путина`, `Путиным`). The only names listed are common women's given
//! names (`WOMEN`), whose genitive (`Марии`, `Елены`) has the shape of a
//! place's (`России`, `Москвы`) or a plural's.

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::{HashMap, HashSet};

use super::introductions::Introductions;
use super::lexicon::{ADVERBS, PARTICLES, is_article_name, is_not_name, is_role};
use super::scan::{next_upper_word, word_before};
use super::spans::Span;
use super::stems::{MEN_IN_A, StemIndex, WOMEN, fits_nominative, is_consonant, same_stem, to_nominative};
use super::text::{Gender, Word, is_past_verb, is_speech_verb, opens_sentence, words, words_in_line};

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
    /// The mention is a person by the article's own evidence: a name in
    /// Cyrillic letters of two words or more, a single word introduced by a
    /// role as the subject of a verb (`эксперт Иванов заметил`), or a surname
    /// that some longer name ends with. `Госдумы`, `Twitter`, `Киевом`,
    /// `представитель Госдепа` are not.
    pub person: bool,
}

/// All person mentions of one article, in text order.
#[derive(Debug)]
pub(crate) struct Persons<'a> {
    body: &'a str,
    mentions: Vec<Mention>,
    /// The surnames as written, for lookups by stem.
    surnames: StemIndex<'a>,
    /// For each surname of `surnames`, by its id: its mentions in text
    /// order, and the last of them whose gender is known.
    by_surname: Vec<(Vec<usize>, Option<usize>)>,
}

impl<'a> Persons<'a> {
    /// Collects the person mentions of `body`, skipping the text inside
    /// `spans` but for the attribution clauses inside split quotes
    /// (`insides`, one for each span: see
    /// [`inside_attribution`](super::attribute::inside_attribution)).
    pub fn collect(body: &'a str, spans: &[Span], insides: &[Option<(usize, usize)>]) -> Self {
        let mut mentions = Vec::new();
        let mut from = 0;
        for (span, inside) in spans.iter().zip(insides.iter().chain(std::iter::repeat(&None))) {
            collect_runs(body, from, span.start.max(from), &mut mentions);
            // The attribution inside a split quote names its speaker:
            // `«…, — сказал Иван Петров. — …»`.
            if let Some((start, end)) = inside.filter(|&(start, _)| start >= from) {
                collect_runs(body, start, end, &mut mentions);
            }
            from = span.end.max(from);
        }
        collect_runs(body, from, body.len(), &mut mentions);
        let mut persons = Persons { body, mentions, surnames: StemIndex::default(), by_surname: Vec::new() };
        persons.drop_lone_sentence_starts();
        persons.mark_persons();
        persons.index_surnames();
        persons
    }

    /// Groups the mentions by surname, for [`Persons::same_surname`].
    fn index_surnames(&mut self) {
        let body = self.body;
        let (surnames, ids) = StemIndex::with_ids(self.mentions.iter().map(|m| &body[m.last_start..m.end]));
        let mut by_surname: Vec<(Vec<usize>, Option<usize>)> = Vec::new();
        for (i, (m, id)) in self.mentions.iter().zip(ids).enumerate() {
            if id == by_surname.len() {
                by_surname.push((Vec::new(), None));
            }
            by_surname[id].0.push(i);
            if m.gender != Gender::Unknown {
                by_surname[id].1 = Some(i);
            }
        }
        self.surnames = surnames;
        self.by_surname = by_surname;
    }

    /// The mentions whose surname is `surname` in some case form, in text
    /// order.
    fn same_surname(&self, surname: &'a str) -> Vec<&Mention> {
        let mut found: Vec<usize> =
            self.surnames.matches(surname).into_iter().flat_map(|id| self.by_surname[id].0.iter().copied()).collect();
        found.sort_unstable();
        found.into_iter().map(|i| &self.mentions[i]).collect()
    }

    /// The mentions, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The text of a mention's name.
    pub fn name(&self, mention: &Mention) -> &'a str {
        &self.body[mention.start..mention.end]
    }

    /// The first word of a mention's name.
    fn first_word(&self, mention: &Mention) -> &'a str {
        let name = self.name(mention);
        name.split(' ').next().unwrap_or(name)
    }

    /// The surname (last word) of a mention.
    pub fn surname(&self, mention: &Mention) -> &'a str {
        &self.body[mention.last_start..mention.end]
    }

    /// The gender the article gives the person with this surname, through
    /// the verbs after any of their mentions.
    pub fn gender_of(&self, surname: &'a str) -> Gender {
        let mut last = None;
        self.surnames.for_each_match(surname, |id| last = last.max(self.by_surname[id].1));
        last.map_or(Gender::Unknown, |i| self.mentions[i].gender)
    }

    /// The fullest nominative form of the person whose surname is `surname`
    /// (in any case), as the article writes it.
    pub fn canonical(&self, surname: &'a str, gender: Gender) -> String {
        let gender = if gender == Gender::Unknown { self.gender_of(surname) } else { gender };
        let same = self.same_surname(surname);
        // `— рассказал Роман`: a given name alone is the one person the
        // article names in full with it (`Роман Старков`).
        if same.iter().all(|m| m.words == 1)
            && let Some(full) = self.named_in_full(surname)
        {
            // That very name: its surname may be a relative's too
            // (`Наталья Венгер` and her son `Богдан Венгер`).
            let name = self.name(full);
            // (`— говорит Оксана` after `Оксаны Ферреро`: the full name's
            // own gender when no verb gives one.)
            let gender = if gender == Gender::Unknown { full.gender } else { gender };
            return if name.split(' ').all(|w| fits_nominative(w, gender)) {
                name.to_string()
            } else {
                to_nominative(name, gender)
            };
        }
        let best_form = self.best_surname_form(&same, surname, gender);
        // `Леонида Слуцкого`, `Олега Неменского`: only a man's surname
        // ends so, in the genitive.
        let gender =
            if gender == Gender::Unknown && best_form.ends_with("ого") { Gender::Masculine } else { gender };
        let indeclinable = !fits_nominative(best_form, gender)
            && same.iter().any(|m| {
                self.surname(m) == best_form
                    && ((subject_of_speech_verb(self.body, m) && !looks_declined(best_form)) || self.reported_last(m))
            });
        if indeclinable {
            return self.indeclinable_name(&same, best_form, gender);
        }
        let nominative = fits_nominative(best_form, gender)
            || same.iter().any(|m| self.surname(m) == best_form && self.is_indeclinable(m));
        let fullest = same
            .iter()
            .filter_map(|m| match nominative {
                // `Оксаны Ферреро`, `Дарьи Мастикашевой` beside
                // `Мастикашева`: a woman's given name in the genitive.
                true if m.words == 2
                    && gender == Gender::Feminine
                    && (is_feminine_given_genitive(self.first_word(m)) || self.first_word(m).ends_with("ны")) =>
                {
                    let name = to_nominative(self.name(m), gender);
                    name.ends_with(best_form).then_some(Cow::Owned(name))
                }
                _ if self.surname(m) != best_form => None,
                true => Some(Cow::Borrowed(self.nominative_tail(m, gender))),
                false => Some(Cow::Borrowed(self.name(m))),
            })
            .max_by_key(|name| name.split(' ').count().min(4));
        let name = fullest.unwrap_or(Cow::Borrowed(best_form));
        if nominative { name.into_owned() } else { to_nominative(&name, gender) }
    }

    /// True when `word`, never part of a longer name of its own, is the
    /// given name of the one person the article names in full with it
    /// (`Роман` and `Роман Старков`): a person whatever the verbs say.
    pub fn is_given_name(&self, word: &'a str) -> bool {
        self.same_surname(word).iter().all(|m| m.words == 1) && self.named_in_full(word).is_some()
    }

    /// True when some mention of this surname is a person: a name that
    /// speaks in one place is a person where it is only cited (`заявил
    /// Шойгу` and `— цитирует РИА Новости слова Шойгу`).
    pub fn is_person_surname(&self, surname: &'a str) -> bool {
        self.same_surname(surname).iter().any(|m| m.person)
    }

    /// A mention of the one person whose full name opens with `given` in
    /// some case form; none when no one or several people do.
    fn named_in_full(&self, given: &'a str) -> Option<&Mention> {
        let mut found: Option<&Mention> = None;
        for m in self.mentions.iter().filter(|m| m.person && m.words > 1) {
            if !same_stem(self.first_word(m), given) {
                continue;
            }
            match found {
                Some(other) if !same_stem(self.surname(other), self.surname(m)) => return None,
                // The form in the nominative, if the article gives it.
                Some(other) if fits_nominative(self.surname(other), m.gender) && other.words >= m.words => {}
                _ => found = Some(m),
            }
        }
        found
    }

    /// The fullest name of the person whose surname does not decline
    /// (`Шойгу`, `Каррера`), with the given names in front put in the
    /// nominative: `Сергея Шойгу` → `Сергей Шойгу`.
    fn indeclinable_name(&self, same: &[&Mention], form: &str, gender: Gender) -> String {
        let with_form = || same.iter().filter(|m| self.surname(m) == form);
        // `Юлии Тимошенко`: a woman's given name in the genitive.
        if let Some(m) = with_form().find(|m| m.words == 2 && is_feminine_given_genitive(self.first_word(m))) {
            return to_nominative(self.name(m), Gender::Feminine);
        }
        // A mention whose given names are in the nominative already
        // (`Сергей Шойгу`), places and roles in front trimmed.
        // The gender read from the verbs may be wrong for a surname that
        // does not decline: a nominative given name settles it.
        for gender in [gender, Gender::Masculine] {
            let tail = with_form().map(|m| self.nominative_tail(m, gender)).max_by_key(|t| t.split(' ').count().min(4));
            if let Some(tail) = tail.filter(|t| t.contains(' ')) {
                return tail.to_string();
            }
        }
        // Else the given name of a name of two words, put in the
        // nominative.
        let Some(m) = with_form().filter(|m| m.words == 2).last() else {
            return form.to_string();
        };
        let nominative = to_nominative(self.name(m), gender);
        let given = nominative.rsplit_once(' ').map_or("", |(given, _)| given);
        format!("{given} {form}")
    }

    /// A masculine given name (or patronymic) in the nominative right in
    /// front of a surname that looks oblique: the surname does not decline
    /// (`Сергей Шойгу`, `Василий Небензя`), since a given name and its
    /// surname share a case.
    fn is_indeclinable(&self, m: &Mention) -> bool {
        let given = self.name(m).rsplit(' ').nth(1).unwrap_or_default();
        m.words > 1
            && given.chars().last().is_some_and(|c| c == 'й' || is_consonant(c))
            && !fits_nominative(self.surname(m), Gender::Masculine)
            && !self.surname(m).ends_with("ом")
            && !self.surname(m).ends_with("ым")
    }

    /// `…, — заявил Шойгу.`: a name a speech verb reports at the end of its
    /// clause is that verb's subject, in the nominative (`сказал Путину,
    /// что …` names the addressee).
    fn reported_last(&self, m: &Mention) -> bool {
        let body = self.body;
        // Only after the quote or the clause it reports (`», — заявил
        // Шойгу.`, `…, заявил Шойгу.`): a name right after a verb inside
        // a clause may be its object (`раскритиковал Авакова.`).
        let Some(verb) = word_before(body, 0, m.start) else { return false };
        // `— цитирует Абу Хилала.`: whose words a citing verb gives.
        let citing = ["цитир", "привод", "привел", "привёл"].iter().any(|c| verb.text.starts_with(c));
        if citing || !body[..verb.start].trim_end().ends_with([',', '—', '–']) || looks_declined(self.surname(m)) {
            return false;
        }
        let rest = &body[m.end..];
        let ends_clause = rest.starts_with('.')
            || rest.strip_prefix(',').is_some_and(|r| {
                let next = r.trim_start().split([' ', ',']).next().unwrap_or("");
                !matches!(next, "что" | "чтобы" | "как" | "о")
            });
        ends_clause && after_speech_verb(self.body, m.start)
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
    /// gender and stands as a subject most often. Of forms that score the
    /// same, the one whose last use comes last wins (`fallback` after all).
    fn best_surname_form<'m>(&self, same: &[&'m Mention], fallback: &'m str, gender: Gender) -> &'m str
    where
        'a: 'm,
    {
        // Each form's uses (1, and 3 more as a subject) and its last place.
        let mut forms: HashMap<&'m str, (usize, usize)> = HashMap::default();
        for (place, m) in same.iter().enumerate() {
            let form: &'m str = &self.body[m.last_start..m.end];
            let entry = forms.entry(form).or_insert((0, 0));
            *entry = (entry.0 + 1 + 3 * usize::from(m.subject), place);
        }
        forms.entry(fallback).or_insert((0, 0)).1 = same.len();
        let score = |form: &str, uses: usize| uses + 100 * usize::from(fits_nominative(form, gender));
        forms
            .into_iter()
            .max_by_key(|&(form, (uses, last))| (score(form, uses), last))
            .map_or(fallback, |(form, _)| form)
    }

    /// Decides which mentions are people (see [`Mention::person`]).
    fn mark_persons(&mut self) {
        let body = self.body;
        // Surnames of full names, bucketed by their first letter: `same_stem`
        // only matches words that share it.
        // (Only of names that can be a person's: not `Западный Афганистан`,
        // whose `Афганистана` is no person.)
        let surnames = self.mentions.iter().filter(|m| m.words > 1 && !is_adjective(self.first_word(m)));
        let surnames = surnames.map(|m| &body[m.last_start..m.end]);
        let full = StemIndex::new(surnames.filter(|s| !is_place_ending(s) && !is_place_name(s)));
        // Given names of full names: `Роман` after `Роман Старков`.
        // (Indexed only when a lone word asks: most articles have none.)
        let given: Vec<&'a str> = self
            .mentions
            .iter()
            .filter(|m| m.words > 1)
            .map(|m| self.first_word(m))
            .filter(|g| !is_place_ending(g) && !is_adjective(g))
            .collect();
        let mut given_index: Option<StemIndex<'a>> = None;
        // Only the kept mentions need their introduction read, so it is not
        // read in `flush`.
        let mut introductions = Introductions::new(body);
        for m in &mut self.mentions {
            let surname = &body[m.last_start..m.end];
            m.introduced = introductions.before(m.run_start);
            // Russian news writes people's names in Cyrillic: a name in
            // Latin letters is an outlet, a company or a document
            // (`журналистам Reuters`, `Nuclear Posture Review`).
            // A single word after a role is a person only as the subject
            // of a verb (`эксперт Иванов считает`); otherwise it is as often
            // an organisation in the genitive (`представитель Госдепа`).
            let lone_introduced = m.introduced && m.subject;
            // `Путин заявил`, `— подчеркнул Лавров`: a lone surname that
            // speaks, by its ending; many articles never give the full name.
            // (The cheap tests first: most mentions are no lone surname.)
            let speaks = || m.subject || after_speech_verb(body, m.start);
            let lone_surname = m.words == 1 && !m.introduced && is_surname(surname) && speaks();
            // `— заявил Шойгу`, `Гутерреш подчеркнул`, `— рассказала
            // Елена`: a lone word that a speech verb in the past reports
            // with a man's or a woman's ending, and that names no
            // institution or place, is a person: a surname of another
            // shape, or a given name alone.
            let lone_speaker = m.words == 1
                && !m.introduced
                && m.gender != Gender::Unknown
                && ((after_speech_verb(body, m.start) && ends_phrase(body, m.end)) || subject_of_speech_verb(body, m))
                && !is_adjective(surname)
                && !names_no_one(surname);
            let first = body[m.start..m.end].split(' ').next().unwrap_or(surname);
            m.person = has_cyrillic(surname)
                && !is_place_ending(surname)
                && !(m.words > 1 && (is_adjective(first) || is_place_name(surname)))
                && (m.words > 1
                    || lone_introduced
                    || lone_surname
                    || lone_speaker
                    || full.has_stem_of(surname)
                    || (m.gender != Gender::Unknown
                        && !given.is_empty()
                        && given_index
                            .get_or_insert_with(|| StemIndex::new(given.iter().copied()))
                            .has_stem_of(surname)
                        && !names_no_one(surname)));
        }
    }

    /// Single capitalised words that only ever start sentences (`Переговоры`,
    /// `Несколько`) are not names; keep them only when the same stem also
    /// appears inside a sentence or in a longer name.
    fn drop_lone_sentence_starts(&mut self) {
        let body = self.body;
        let lone: Vec<bool> = self.mentions.iter().map(|m| m.words == 1 && opens_sentence(body, m.start)).collect();
        let kept = self.mentions.iter().zip(&lone).filter(|(_, lone)| !**lone);
        let anchors = StemIndex::new(kept.map(|(m, _)| &body[m.last_start..m.end]));
        let keep: Vec<bool> = self
            .mentions
            .iter()
            .zip(&lone)
            .map(|(m, lone)| {
                let surname = &body[m.last_start..m.end];
                !lone || anchors.has_stem_of(surname)
            })
            .collect();
        let mut keep = keep.into_iter();
        self.mentions.retain(|_| keep.next().unwrap_or(false));
    }
}

/// Collects the capitalised runs of `body[from..to]` as mentions. Jumps
/// from one capitalised word to the next with a byte scan: most words of an
/// article are lower-case and only the ones around a run matter.
fn collect_runs(body: &str, from: usize, to: usize, out: &mut Vec<Mention>) {
    let mut run: Vec<Word<'_>> = Vec::new();
    let mut cursor = from;
    while let Some(word) = next_upper_word(body, from, cursor, to) {
        cursor = word.end;
        if is_name_word(&word) {
            run.clear();
            run.push(word);
            // The word before the run: `как заявил Песков` makes Песков the subject.
            let before_run = word_before(body, from, word.start);
            cursor = collect_run(body, &mut run, before_run, to, out);
        }
    }
}

/// A capitalised word that may be part of a name.
fn is_name_word(word: &Word<'_>) -> bool {
    (word.is_capitalised() && !is_not_name(word.text)) || is_article_name(word.text)
}

/// Extends the run that `run` starts (one name word) up to `to` and flushes
/// it, and any run right after it, as mentions. Returns where the scan for
/// the next run resumes.
fn collect_run<'a>(
    body: &'a str,
    run: &mut Vec<Word<'a>>,
    mut before_run: Option<Word<'a>>,
    to: usize,
    out: &mut Vec<Mention>,
) -> usize {
    let Some(&first) = run.first() else {
        return to;
    };
    let mut prev = first;
    let mut iter = words(body, first.end, to).peekable();
    while let Some(word) = iter.next() {
        let joins = body[prev.end..word.start] == *" ";
        if is_name_word(&word) {
            if !joins {
                flush(body, run, before_run, None, out);
                run.clear();
                before_run = Some(prev);
            }
            run.push(word);
            prev = word;
            continue;
        }
        if joins && PARTICLES.contains(&word.text) && iter.peek().is_some_and(Word::is_capitalised) {
            run.push(word);
            prev = word;
            continue;
        }
        let next = joins.then_some(word);
        // (A full name only: a place in the genitive reads like a woman's
        // name, `взглядами Киева на историю … призвала`.)
        let after = next.and_then(|n| {
            if run.len() >= 2 && PREPOSITIONS.contains(&n.text) {
                Some(verb_after_circumstance(body, n).unwrap_or(n))
            } else {
                skip_adverb(body, n, &mut iter)
            }
        });
        flush(body, run, before_run, after, out);
        return word.end;
    }
    flush(body, run, before_run, None, out);
    to
}

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
    words_in_line(body, second.end).next().filter(|w| body[second.end..w.start] == *" ")
}

/// Prepositions that open a circumstance between a subject and its verb.
const PREPOSITIONS: &[&str] = &["в", "во", "на", "до", "после", "с", "со", "по", "при", "за"];

/// `Александр Шпрыгин до заседания отмечал`, `Иван Коновалов в
/// разговоре с RT предположил`: the past-tense verb after a circumstance
/// of four words at most that opens with the preposition `at`, nothing but
/// blanks between its words and no capitalised Cyrillic word among them
/// (`посол Польши в США Петр Вильчек назвал`: a name of its own).
fn verb_after_circumstance<'a>(body: &'a str, at: Word<'a>) -> Option<Word<'a>> {
    let mut end = at.end;
    for w in words_in_line(body, at.end).take(4) {
        if !body[end..w.start].chars().all(|c| c == ' ' || c == '\u{a0}')
            || (w.is_capitalised() && has_cyrillic(w.text))
        {
            return None;
        }
        if is_past_verb(&w) {
            return Some(w);
        }
        end = w.end;
    }
    None
}

/// Turns a run of capitalised words into a mention: trims the role and place
/// words in front and reads the verb after it.
fn flush(body: &str, run: &[Word<'_>], prev: Option<Word<'_>>, next: Option<Word<'_>>, out: &mut Vec<Mention>) {
    // `— приводит слова Басурина Интерфакс`, `— цитирует Зуму The
    // Telegraph`: a news agency, or an outlet in Latin letters, after the
    // name is no part of it.
    let mut end = run.len();
    while end > 1 && (is_agency(run[end - 1].text) || is_latin_after_cyrillic(&run[..end])) {
        end -= 1;
    }
    // Names have at most four words; a longer run holds places in front.
    // `— цитирует ТАСС Бачинскую`: an agency in front is no part either.
    let mut first = end.saturating_sub(4);
    // `Одновременно Саакашвили …`, `Изначально Трамп …`: an adverb opening
    // the sentence, capitalised there, is no given name.
    if end - first > 1 && first == 0 && is_adverb_in_no(run[0].text) && opens_sentence(body, run[0].start) {
        first = 1;
    }
    while end - first > 1
        && (is_agency(run[first].text)
            || (is_leading_non_name(run[first].text, run[end - 1].text)
                && !is_feminine_genitive_name(&run[first..end])
                && !is_masculine_genitive_name(&run[first..end]))
            || disagrees_in_case(&run[first..end]))
    {
        first += 1;
    }
    let name = &run[first..end];
    let (Some(head), Some(last)) = (name.first(), name.last()) else {
        return;
    };
    // The verb that agrees with the name: after it (`Путин сказал`, `Джонсон
    // не намерен`) or just before it (`как заявил Песков`).
    let after = next.filter(|w| is_past_verb(w) || is_short_adjective(w));
    let before = prev.filter(|w| is_past_verb(w) && is_speech_verb(w.text));
    // `Ответил Знарок`: the verb trimmed from the front reports the name.
    let trimmed_verb = first.checked_sub(1).map(|v| run[v]).filter(|w| is_capitalised_verb(w.text));
    let gender = after.or(before).or(trimmed_verb).map_or(Gender::Unknown, |v| gender_of_predicate(v.text));
    let surname_ok = fits_nominative(last.text, gender);
    let subject = gender != Gender::Unknown && surname_ok;
    // `Оксаны Ферреро`, `Марии Захаровой`: a woman's given name in the
    // genitive says whose name it is when no verb does.
    let gender = match gender {
        Gender::Unknown if is_feminine_genitive_name(name) => Gender::Feminine,
        // `Никиты Данюка`: a man's given name in `-а` in the genitive.
        Gender::Unknown if is_masculine_genitive_name(name) => Gender::Masculine,
        gender => gender,
    };
    out.push(Mention {
        start: head.start,
        end: last.end,
        run_start: run[0].start,
        last_start: last.start,
        words: name.len(),
        gender,
        subject,
        // Read once the lone sentence starts are dropped (see `mark_persons`).
        introduced: false,
        person: false,
    });
}

/// A news agency that stands right after the name whose words it gives
/// (`приводит слова Басурина Интерфакс`, `цитирует Пескова ТАСС`).
fn is_agency(word: &str) -> bool {
    matches!(word, "Интерфакс" | "ТАСС" | "РИА" | "Новости" | "Спутник")
}

/// The last word of `run` is in Latin letters and a word before it in
/// Cyrillic ones: an outlet or a company after a name (`Зуму The
/// Telegraph`), not part of it.
fn is_latin_after_cyrillic(run: &[Word<'_>]) -> bool {
    let Some((last, before)) = run.split_last() else {
        return false;
    };
    last.text.is_ascii() && before.iter().any(|w| has_cyrillic(w.text))
}

/// The first word of `name` is in another case than the rest, so it is
/// no given name but a word the run took in front (`Кремля Дмитрий
/// Песков`, `Вене Павел Климкин`, `Стоуну Путин`): a given name agrees in
/// case with its surname. In front of two more words, a first word ending
/// like a genitive, dative or prepositional (`-а`, `-я`, `-у`, `-ю`,
/// `-е`) unless a patronymic follows (`Никита Сергеевич Хрущёв`); in front
/// of a surname alone that ends in a consonant, a dative `-у`/`-ю`.
fn disagrees_in_case(name: &[Word<'_>]) -> bool {
    let (Some(first), Some(last)) = (name.first(), name.last()) else {
        return false;
    };
    if first.text.chars().count() <= 2 || name.iter().any(|w| PARTICLES.contains(&w.text)) {
        return false;
    }
    match name.len() {
        0 | 1 => false,
        2 => first.text.ends_with(['у', 'ю']) && last.text.chars().last().is_some_and(is_consonant),
        _ => {
            let patronymic = ["вич", "вна", "чна", "ична"].iter().any(|e| name[1].text.ends_with(e));
            let plural_genitive = first.text.ends_with("ов") || first.text.ends_with("ев");
            // `Дальнего Востока Евгений Ким`, `Республики Беларусь Пётр
            // Петровский`: an adjective or a noun in `-ии`/`-ики` in an
            // oblique case, which no given name ends like (`-ей` does:
            // `Андрей`, `-им` too: `Максим`).
            let oblique = ["ого", "его", "ому", "ему", "ой", "ых", "ии", "ики"].iter().any(|e| first.text.ends_with(e))
                // `Штатах Анатолий Антонов`, `Барановичах Александр
                // Лукашенко`: a plural prepositional (`Шах` is a name).
                || (["ах", "ях"].iter().any(|e| first.text.ends_with(e)) && first.text.chars().count() > 4);
            // `Казахстан Булат Султанов`: a land in `-стан` in front of a
            // full name (`Тристан Харрис` is one).
            let land = is_place_name(first.text);
            (first.text.ends_with(['а', 'я', 'у', 'ю', 'е']) || plural_genitive || oblique || land) && !patronymic
        }
    }
}

/// A word with a Cyrillic letter.
fn has_cyrillic(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
}

/// True when a speech verb stands right before `pos`, only blanks between
/// or the outlet it was said to (`— подчеркнул Лавров`, `— рассказал RT
/// Вакин`, `— цитирует РИА Новости Соломонова`, `— отметил в беседе с RT
/// Неменский`): whom that verb reports.
pub(crate) fn after_speech_verb(body: &str, pos: usize) -> bool {
    // The words between, read backwards; on the stack, as this runs for
    // most capitalised words.
    let mut between = [Word { text: "", start: 0, end: 0 }; MAX_TOLD_WORDS];
    let mut pos = pos;
    for n in 0..=MAX_TOLD_WORDS {
        let Some(w) = word_before(body, 0, pos) else { return false };
        if !body[w.end..pos].trim().is_empty() {
            return false;
        }
        if w.is_lowercase() && is_speech_verb(w.text) {
            let between = &mut between[..n];
            between.reverse();
            return said_to(between);
        }
        // (Most words before a name are none of these: the cheap way out.)
        if n == MAX_TOLD_WORDS || !(is_addressee(&w) || matches!(w.text, "в" | "с" | "со") || is_talk(w.text)) {
            return false;
        }
        between[n] = w;
        pos = w.start;
    }
    false
}

/// How many words `said_to` reads: `в беседе с РИА Новости`.
const MAX_TOLD_WORDS: usize = 5;

/// `words`, between a speech verb and a name, say whom it was said to or
/// where, or nothing: an outlet (`RT`, `РИА Новости`, `журналистам`),
/// after an interview (`в беседе с`, `в интервью`) or without one.
pub(crate) fn said_to(words: &[Word<'_>]) -> bool {
    let rest = match words {
        [at, talk, with, rest @ ..] if at.text == "в" && is_talk(talk.text) && matches!(with.text, "с" | "со") => {
            rest
        }
        [at, talk, rest @ ..] if at.text == "в" && is_talk(talk.text) => rest,
        rest => rest,
    };
    rest.iter().all(is_addressee)
}

/// `беседе`, `интервью`: a talk in which words were said.
fn is_talk(word: &str) -> bool {
    matches!(word, "беседе" | "разговоре" | "интервью" | "эфире")
}

/// An outlet or an audience a speech verb names before whom it reports
/// (`— рассказал RT Вакин`, `— сказал журналистам Борисов`): a word in
/// Latin letters, a news agency, `СМИ`, or a word for the press.
pub(crate) fn is_addressee(word: &Word<'_>) -> bool {
    const PRESS: &[&str] =
        &["журналистам", "изданию", "агентству", "газете", "телеканалу", "корреспонденту", "репортёрам", "репортерам"];
    if word.is_lowercase() {
        return PRESS.contains(&word.text);
    }
    word.text.chars().all(|c| c.is_ascii_alphanumeric()) || is_agency(word.text) || word.text == "СМИ"
}

/// Nothing but a conjunction or an adverb stands between the start of the
/// clause and `pos`: a name there before its verb is the subject, not a
/// genitive (`жительница Мариуполя рассказала`) or an addressee
/// (`интервью Оливеру Стоуну рассказал`).
fn opens_clause(body: &str, pos: usize) -> bool {
    const LEADING: &[&str] =
        &["и", "а", "но", "также", "же", "тогда", "однако", "затем", "позже", "ранее", "вновь", "сам", "сама"];
    let Some(prev) = word_before(body, 0, pos) else { return true };
    body[prev.end..pos].contains(['.', ',', ';', ':', '—', '–', '(', '«', '"', '!', '?', '\n'])
        || LEADING.contains(&&*prev.text.to_lowercase())
        || (!prev.is_lowercase() && opens_sentence(body, prev.start))
}

/// The name at `end` ends its phrase: punctuation follows, or a
/// preposition or a word for an outlet (`— заявил Шойгу.`, `— сказал
/// Гутерреш на пресс-конференции`, `— сообщил Шойгу журналистам`), not a
/// noun it qualifies (`отмечал Новый год`).
fn ends_phrase(body: &str, end: usize) -> bool {
    const NEXT: &[&str] =
        &["в", "во", "на", "по", "с", "со", "из", "у", "при", "после", "перед", "о", "об", "для", "за"];
    const OUTLETS: &[&str] = &["журналист", "издани", "газет", "телеканал", "агентств", "радио", "корреспондент"];
    let rest = &body[end..];
    let Some(next) = words_in_line(body, end).next() else { return true };
    if !body[end..next.start].trim().is_empty() || !rest.starts_with(' ') {
        return true;
    }
    !next.is_lowercase() || NEXT.contains(&next.text) || OUTLETS.iter().any(|o| next.text.starts_with(o))
}

/// `Авакова`, `Лаврову`, `Захаровой`: a surname of the usual Russian
/// shape in an oblique case, which a verb can govern; `Шойгу`, `Каррера`
/// and `Луческу` have no such shape.
fn looks_declined(word: &str) -> bool {
    let stem = word.trim_end_matches(['а', 'у', 'ы', 'е', 'ю', 'я']);
    let stem =
        stem.strip_suffix("ым").or_else(|| stem.strip_suffix("ом")).or_else(|| stem.strip_suffix("ой")).unwrap_or(stem);
    stem != word && is_surname(stem)
}

/// `Гутерреш подчеркнул`: the mention opens its clause and a past-tense
/// speech verb follows it, so it is that verb's subject.
fn subject_of_speech_verb(body: &str, m: &Mention) -> bool {
    opens_clause(body, m.start) && before_speech_verb(body, m.end)
}

/// True when a past-tense speech verb follows `pos`, only a blank between
/// (`Гутерреш подчеркнул`).
fn before_speech_verb(body: &str, pos: usize) -> bool {
    words_in_line(body, pos)
        .next()
        .is_some_and(|w| body[pos..w.start] == *" " && is_past_verb(&w) && is_speech_verb(w.text))
}

/// A lone capitalised word that speaks in the news without being a person:
/// an acronym (`МИД`), an institution (`Минобороны`, `Ведомство`,
/// `Роскомнадзор`), a role or group opening a sentence (`Министр`,
/// `Эксперт`), a country in `-ия` (`Турция`, not `Мария`) or a capital or
/// country that stands for its government (`Киев`, `Вашингтон`, `Китай`).
fn names_no_one(word: &str) -> bool {
    const INSTITUTION_STEMS: &[&str] = &[
        "Минобор",
        "Минфин",
        "Минздрав",
        "Минтранс",
        "Минэнерго",
        "Минюст",
        "Минтруд",
        "Минэконом",
        "Минприрод",
        "Минкульт",
        "Минспорт",
        "Минсельхоз",
        "Минстрой",
        "Минпромторг",
        "Минкомсвяз",
        "Минцифр",
        "Минпрос",
        "Минобр",
        "Минвосток",
        "Минкавказ",
        "Минрегион",
        "Роском",
        "Росгвард",
        "Роспотреб",
        "Росавиац",
        "Роскосм",
        "Росстат",
        "Ростех",
        "Росатом",
        "Роснефт",
        "Россельхоз",
        "Росздрав",
        "Рособр",
        "Росфин",
        "Росреестр",
        "Росприрод",
        "Ростуризм",
        "Роструд",
        "Росгидромет",
        "Роснедр",
        "Роснано",
        "Газпром",
        "Сбербанк",
        "Центробанк",
        "Госдум",
        "Госдеп",
        "Совфед",
        "Совбез",
        "Евросоюз",
        "Еврокомисс",
        "Европарламент",
        "Кремл",
        "Пентагон",
        "Белый",
        "Ватикан",
        "Конгресс",
        "Сенат",
        "Бундестаг",
        "Интерпол",
        "Интерфакс",
        "Рейтер",
        "Гринпис",
        "Яндекс",
        "Аэрофлот",
        "Коммерсант",
        "Фонтанка",
        "Медуза",
        "Генштаб",
        "Штаб",
        "Нью-",
        "Сан-",
        "Лос-",
    ];
    // Rarer women's given names in `-ия` than those of `WOMEN`.
    const MORE_WOMEN_IN_IA: &[&str] = &["Таисия", "Эмилия", "Амалия", "Лия", "Алия", "Ия"];
    let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    // `Турция`, `Японию`, `Германией`: a country in `-ия`.
    let country = ["ия", "ию", "ией"].iter().any(|e| {
        word.strip_suffix(e)
            .is_some_and(|s| !WOMEN.iter().chain(MORE_WOMEN_IN_IA).any(|w| w.strip_suffix("ия") == Some(s)))
    });
    acronym
        || is_place_name(word)
        || is_agency(word)
        || INSTITUTION_STEMS.iter().any(|s| word.starts_with(s))
        || country
        || super::institutions::is_institution_head(word)
        || {
            let lower = word.to_lowercase();
            is_role(&lower) || super::institutions::is_group_word(&lower)
        }
}

/// Capitals, countries and regions that the news makes speak or that
/// end names (`Киев`, `Китай`, `Западный Афганистан`).
const PLACES: &[&str] = &[
    "Москва",
    "Беларусь",
    "Белоруссия",
    "Киев",
    "Вашингтон",
    "Лондон",
    "Пекин",
    "Париж",
    "Берлин",
    "Токио",
    "Анкара",
    "Тегеран",
    "Дамаск",
    "Минск",
    "Варшава",
    "Брюссель",
    "Рим",
    "Сеул",
    "Пхеньян",
    "Баку",
    "Ереван",
    "Тбилиси",
    "Кишинёв",
    "Кишинев",
    "Рига",
    "Вильнюс",
    "Таллин",
    "Астана",
    "Ташкент",
    "Бишкек",
    "Душанбе",
    "Дели",
    "Каир",
    "Багдад",
    "Кабул",
    "Оттава",
    "Мадрид",
    "Афины",
    "Прага",
    "Будапешт",
    "Белград",
    "Бухарест",
    "Вена",
    "Хельсинки",
    "Стокгольм",
    "Осло",
    "Копенгаген",
    "Гавана",
    "Каракас",
    "Иерусалим",
    "Тель-Авив",
    "Эр-Рияд",
    "Доха",
    "Бейрут",
    "Амман",
    "Стамбул",
    "Женева",
    "Страсбург",
    "Нью-Йорк",
    "Донецк",
    "Луганск",
    "Крым",
    "Китай",
    "Иран",
    "Ирак",
    "Израиль",
    "Украина",
    "Америка",
    "Польша",
    "Литва",
    "Европа",
    "Запад",
    "Россия",
    "Аргентина",
    "Венесуэла",
    "Вьетнам",
    "Египет",
    "Йемен",
    "Канада",
    "Катар",
    "Корея",
    "Куба",
    "Ливан",
    "Мексика",
    "Молдова",
    "Палестина",
    "Перу",
    "Чили",
    "Тунис",
    "Алжир",
    "Марокко",
    "Судан",
    "Непал",
    "Таиланд",
    "Сингапур",
    "Кипр",
    "Косово",
    "Донбасс",
    "Кавказ",
    "Сибирь",
    "Урал",
    "Кубань",
    "Чечня",
    "Карабах",
    "Техас",
    "Флорида",
    "Сирия",
    "Дананг",
    "Гаага",
    "Мюнхен",
    "Гамбург",
    "Барселона",
    "Сочи",
    "Петербург",
    "Екатеринбург",
    "Новосибирск",
    "Казань",
    "Харьков",
    "Одесса",
    "Львов",
    "Мариуполь",
    "Алеппо",
    "Идлиб",
    "Мосул",
    "Ракка",
    "Восток",
    "Африн",
];

/// Every case form of every place of [`PLACES`] (see [`is_form_of_place`]).
static PLACE_FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    const ENDINGS: &[&str] = &["", "а", "у", "е", "ом", "ем", "ы", "и", "ой", "ою", "ю", "ей", "я", "ём", "ью"];
    let mut forms = HashSet::default();
    for place in PLACES {
        forms.insert((*place).to_string());
        let Some(last) = place.chars().last() else { continue };
        let stem = if "аяь".contains(last) { &place[..place.len() - last.len_utf8()] } else { place };
        for ending in ENDINGS {
            let form = format!("{stem}{ending}");
            if is_form_of_place(&form, place) {
                forms.insert(form);
            }
        }
    }
    forms
});

/// A place of [`PLACES`] or [`CITIES`] in any case, or a land in `-стан`
/// (`Афганистан`, `Узбекистана`, `Дагестаном`).
fn is_place_name(word: &str) -> bool {
    let land = ["стан", "стана", "стану", "станом", "стане"].iter().any(|e| word.ends_with(e));
    land || CITIES.contains(&word) || PLACE_FORMS.contains(word)
}

/// True when `word` is `place` in some case: `Москвы`, `Брюсселе`,
/// `Россией`; not another word of the same stem (`Росси`).
fn is_form_of_place(word: &str, place: &str) -> bool {
    if word == place {
        return true;
    }
    let Some(last) = place.chars().last() else { return false };
    let (stem, endings): (&str, &[&str]) = match last {
        'а' => (&place[..place.len() - 'а'.len_utf8()], &["ы", "и", "е", "у", "ой", "ою"]),
        'я' => (&place[..place.len() - 'я'.len_utf8()], &["и", "ю", "ей", "е"]),
        'ь' => (&place[..place.len() - 'ь'.len_utf8()], &["я", "ю", "е", "ем", "ём", "и", "ью"]),
        'о' | 'е' | 'и' | 'у' | 'ы' => return false,
        _ => (place, &["а", "у", "е", "ом", "ем"]),
    };
    word.strip_prefix(stem).is_some_and(|ending| endings.contains(&ending))
}

/// Places of the news with the ending of a surname (see [`is_surname`]).
const CITIES: &[&str] = &[
    "Киев",
    "Пекин",
    "Берлин",
    "Львов",
    "Харьков",
    "Кишинёв",
    "Кишинев",
    "Ростов",
    "Псков",
    "Саратов",
    "Тамбов",
    "Чернигов",
    "Кремлин",
    "Пхеньян",
    "Штатов",
    "Советов",
    "Эмиратов",
    "Островов",
];

/// A word with the ending of a Russian or Ukrainian surname in the
/// nominative (`Путин`, `Лавров`, `Захарова`, `Порошенко`), and no place
/// of the news that shares one (`Киев`, `Пекин`, `Штатов`).
fn is_surname(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ов",
        "ев",
        "ёв",
        "ин",
        "ын",
        "ова",
        "ева",
        "ёва",
        "ский",
        "ская",
        "цкий",
        "цкая",
        "енко",
        "ук",
        "юк",
        "вич",
        "ян",
        "дзе",
        "швили",
    ];

    word.chars().count() > 3 && ENDINGS.iter().any(|e| word.ends_with(e)) && !CITIES.contains(&word)
}

/// Last words that end names of places and groups, not people:
/// `России`, `Кореи`, `Штаты`, `Объединённых`.
fn is_place_ending(word: &str) -> bool {
    ["ии", "еи", "ых", "их"].iter().any(|e| word.ends_with(e)) || word.ends_with('ы')
}

/// A word in the nominative or accusative of an adjective, which opens
/// names of places and bodies (`Саудовская Аравия`, `Южную Корею`, `Белое
/// море`) and no Russian given name. `-ий` is left out: `Дмитрий`, `Юрий`.
fn is_adjective(word: &str) -> bool {
    // (`Николая`: a given name in the genitive.)
    ["ая", "яя", "ый", "ое", "ее", "ые", "ую", "юю"].iter().any(|e| word.ends_with(e)) && word != "Николая"
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

/// `Светланы Гречулиной`: a given name and a surname in the feminine
/// genitive, where the given name's `-ы` would read as a place's
/// (`Москвы`, `Госдумы`).
fn is_feminine_genitive_name(name: &[Word<'_>]) -> bool {
    let [given, surname] = name else {
        return false;
    };
    // A surname in the feminine genitive (`Гречулиной`, `Поклонской`), or
    // one that does not decline (`Юлии Тимошенко`, `Оксаны Ферреро`).
    let feminine = surname.text.chars().count() > 4 && surname.text.ends_with("ой");
    let indeclinable = surname.text.chars().count() > 3
        && surname.text.ends_with(['о', 'е', 'и', 'у', 'ю'])
        && !surname.text.ends_with("ого")
        && !surname.text.ends_with("ое");
    // (`Илоны Егиазаровой`: a given name in `-ны` of no list.)
    (feminine && given.text.ends_with("ны")) || (is_feminine_given_genitive(given.text) && (feminine || indeclinable))
}

/// A woman's given name in the genitive: `Светланы`, `Марии`, `Натальи`,
/// `Ольги`, `Терезы` (of [`WOMEN`]). Words of the same shape are often
/// something else: places (`Москвы`, `Германии`), plurals (`Промоутеры`),
/// men's names (`Никиты`, `Ильи`).
fn is_feminine_given_genitive(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('ы').or_else(|| word.strip_suffix('и')) else { return false };
    // `Анны` → `Анна`, `Ольги` → `Ольга`, `Марии` → `Мария`, `Натальи`
    // → `Наталья`.
    WOMEN.iter().any(|nominative| nominative.strip_suffix(['а', 'я']) == Some(stem))
}

/// `Никиты Данюка`, `Ильи Кутепова`: a man's given name in `-а`/`-я` in
/// the genitive (`MEN_IN_A`), before a surname in the genitive or one
/// that does not decline. (`Никиты` ends like a place in the genitive.)
fn is_masculine_genitive_name(name: &[Word<'_>]) -> bool {
    let [given, surname] = name else {
        return false;
    };
    let genitive = surname.text.chars().count() > 3
        && surname.text.ends_with(['а', 'я', 'о', 'е', 'и', 'у', 'ю'])
        && !surname.text.ends_with("ой");
    genitive && MEN_IN_A.iter().any(|(_, g)| *g == given.text)
}

/// An adverb made of an adjective (`одновременно`, `изначально`,
/// `попутно`): `-но` after a consonant or `ь`. Given names end so only
/// after a vowel (`Бруно`, `Бенигно` aside, which is read this way only
/// where it opens a sentence).
fn is_adverb_in_no(word: &str) -> bool {
    let Some(stem) = word.strip_suffix("но") else { return false };
    stem.chars().count() >= 3
        && stem.chars().last().is_some_and(|c| is_consonant(c) || c == 'й' || c == 'ь')
        && stem.chars().skip(1).all(|c| c.is_lowercase())
}

/// A verb in the past opening a sentence in front of its subject
/// (`Ответил Знарок`, `Высказался Джикия`, `Был Александр Богданович`):
/// a speech verb, a reflexive one or a form of `быть`. No given name
/// ends so (`Михаил` and `Павел` are no speech verbs).
fn is_capitalised_verb(word: &str) -> bool {
    // The cheap test of the ending first: most words are none.
    if !["л", "ла", "ли", "лся", "лась", "лись"].iter().any(|e| word.ends_with(e)) {
        return false;
    }
    let lower = word.to_lowercase();
    is_speech_verb(&lower)
        || ["лся", "лась", "лись"].iter().any(|e| lower.ends_with(e))
        || matches!(&*lower, "был" | "была" | "были")
}

/// Words in front of a name that are not part of it: places or
/// organisations in the genitive (`России`, `Эстонии`, `Белого`, `Госдумы`,
/// `Москвы`: no Russian given name ends in `-ы`), a role opening the
/// sentence (`Поэтесса Нина Краснова`), or a Latin word before a Cyrillic
/// name (`аналитик Veta Илья Жарский`).
fn is_leading_non_name(word: &str, last: &str) -> bool {
    const ENDINGS: &[&str] = &["ии", "еи", "ой", "ого", "ых", "их", "ства", "ции", "ском", "ы"];
    // Capitalised where they open a sentence: `Про Павла Грудинина`.
    const PREPOSITIONS: &[&str] = &["Про", "По", "На", "Для", "При", "Без", "Над", "Под", "От", "До", "За", "Из", "Об"];
    // `Назвать Манчини`: an infinitive; `Макроэкономист Михаил Хазин`: a
    // trade the role list lacks.
    let infinitive = ["ать", "ять", "еть", "ить", "уть", "ыть"].iter().any(|e| word.ends_with(e));
    if ENDINGS.iter().any(|e| word.ends_with(e))
        || is_capitalised_verb(word)
        || infinitive
        || word.ends_with("ист")
        || PREPOSITIONS.contains(&word)
        || CITIES.contains(&word)
        || PLACE_FORMS.contains(word)
        || super::institutions::is_institution_head(word)
    {
        return true;
    }
    if word.is_ascii() {
        return !last.is_ascii();
    }
    is_role(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::spans::find_spans;
    use crate::quote::stems::same_stem;

    fn persons(body: &str) -> Persons<'_> {
        Persons::collect(body, &find_spans(body), &[])
    }

    fn names<'a>(p: &Persons<'a>) -> Vec<&'a str> {
        p.mentions().iter().map(|m| p.name(m)).collect()
    }

    #[test]
    fn surnames_of_the_russian_shape_in_an_oblique_case() {
        for word in ["Авакова", "Лаврову", "Захаровой", "Лавровым", "Песковым"] {
            assert!(looks_declined(word), "{word}");
        }
        for word in ["Шойгу", "Каррера", "Луческу", "Аваков", "Гутерреш", "Дутерте"]
        {
            assert!(!looks_declined(word), "{word}");
        }
    }

    #[test]
    fn places_in_any_case_and_not_words_of_the_same_stem() {
        for word in [
            "Москвы",
            "Москвой",
            "Брюсселе",
            "Брюсселем",
            "Россией",
            "Киеву",
            "Сибирью",
            "Узбекистана",
            "Израиль",
            "Сирия",
        ] {
            assert!(is_place_name(word), "{word}");
        }
        for word in ["Росси", "Москвин", "Киевский", "Брюсселя-Столица", "Сибиряков"]
        {
            assert!(!is_place_name(word), "{word}");
        }
    }

    #[test]
    fn a_place_that_ends_a_longer_name_is_no_surname() {
        // `Северный Рейн` is no person, so neither is `Рейна`; nor is
        // `Афганистана` after `Западный Афганистан`.
        let body = "Наводнение затопило Северный Рейн. Вода ушла из долины Рейна только в мае, сказал Олаф Шольц. \
                    Талибы заняли Западный Афганистан, а затем и юг Афганистана. \
                    Переговоры о Ближнем Востоке продолжатся.";
        let p = persons(body);
        let people: Vec<&str> = p.mentions().iter().filter(|m| m.person).map(|m| p.name(m)).collect();
        assert_eq!(people, ["Олаф Шольц"]);
    }

    #[test]
    fn places_institutions_and_roles_name_no_one() {
        for word in
            ["Киев", "Брюсселе", "Москву", "Турция", "Японию", "Минздрав", "МИД", "Пентагон", "Интерфакс", "Министр"]
        {
            assert!(names_no_one(word), "{word}");
        }
        for word in ["Шойгу", "Гутерреш", "Мария", "Юлию", "Елена", "Знарок", "Меркель", "Росси", "Навальный"]
        {
            assert!(!names_no_one(word), "{word}");
        }
    }

    #[test]
    fn places_trades_and_prepositions_in_front_are_no_part_of_the_name() {
        let body = "Олимпиада прошла в Сочи Ксения Столбова выступила. Экономист и Макроэкономист Михаил Хазин ответил. \
                    Про Павла Грудинина писали. Заявление Белого дома Джона Келли вышло. Тристан Харрис ответил. \
                    Фермер Олег Васильев ответил. Телеведущий Александр Невзоров ответил.";
        assert_eq!(
            names(&persons(body)),
            [
                "Ксения Столбова",
                "Михаил Хазин",
                "Павла Грудинина",
                "Белого",
                "Джона Келли",
                "Тристан Харрис",
                "Олег Васильев",
                "Александр Невзоров"
            ]
        );
    }

    #[test]
    fn a_region_or_country_in_an_oblique_case_in_front_is_no_part_of_the_name() {
        let body = "Так считает эксперт по странам Ближнего Востока Сергей Балмасов. \
                    Так сказал президент Республики Беларусь Пётр Петровский. \
                    Так сказал посол Республики Казахстан Булат Султанов. \
                    Так сказал министр Коста-Рики Лаура Чинчилья. Никита Сергеевич Хрущёв промолчал. \
                    Так сказал посол России в Соединённых Штатах Анатолий Антонов.";
        assert_eq!(
            names(&persons(body)),
            [
                "Сергей Балмасов",
                "Пётр Петровский",
                "Булат Султанов",
                "Лаура Чинчилья",
                "Никита Сергеевич Хрущёв",
                "России",
                "Анатолий Антонов"
            ]
        );
    }

    #[test]
    fn a_verb_opening_the_sentence_is_no_given_name() {
        let body = "Ответил Знарок на все вопросы. Высказался Георгий Джикия коротко. Был Александр Богданович \
                    там же. Павел Дуров промолчал. Михаил Саакашвили ответил.";
        assert_eq!(
            names(&persons(body)),
            ["Знарок", "Георгий Джикия", "Александр Богданович", "Павел Дуров", "Михаил Саакашвили"]
        );
    }

    #[test]
    fn trims_roles_and_places() {
        let body = "Президент России Владимир Путин и лидер КНДР Ким Чен Ын встретились. \
                    Министр иностранных дел Великобритании Борис Джонсон заявил. Мэр Билл де Блазио.";
        assert_eq!(names(&persons(body)), ["Владимир Путин", "Ким Чен Ын", "Борис Джонсон", "Билл де Блазио"]);
    }

    #[test]
    fn an_adverb_opening_the_sentence_is_no_given_name() {
        let body = "Одновременно Саакашвили призвал сторонников выйти на улицы. Затем Трамп ответил. \
                    Изначально Иван Петров отказался. Сказал и президент Бенигно Акино.";
        assert_eq!(names(&persons(body)), ["Саакашвили", "Трамп", "Иван Петров", "Бенигно Акино"]);
    }

    #[test]
    fn trims_organisations_roles_and_latin_words_in_front() {
        let body = "Об этом заявил депутат Госдумы Дмитрий Гудков. Мэр Москвы Сергей Собянин ответил. \
                    Поэтесса Нина Краснова прочла стихи. Аналитик Veta Илья Жарский сказал. Партнёр Law Firm Алим Бишенов. \
                    Министр Мария Захарова и Юлия Тимошенко. Конгрессмен Бен Кардин возразил. \
                    Протоиерей Всеволод Чаплин ответил.";
        assert_eq!(
            names(&persons(body)),
            [
                "Дмитрий Гудков",
                "Сергей Собянин",
                "Нина Краснова",
                "Илья Жарский",
                "Алим Бишенов",
                "Мария Захарова",
                "Юлия Тимошенко",
                "Бен Кардин",
                "Всеволод Чаплин"
            ]
        );
    }

    /// The names of `body` that are persons by the article's evidence.
    fn people<'a>(p: &Persons<'a>) -> Vec<&'a str> {
        p.mentions().iter().filter(|m| m.person).map(|m| p.name(m)).collect()
    }

    #[test]
    fn a_lone_word_after_a_role_is_a_person_only_as_a_subject() {
        let body = "Эксперт выступил. Так считает представитель Госдепа, у США свои интересы. \
                    При этом эксперт Иванов заметил, что сроки сдвинутся.";
        assert_eq!(people(&persons(body)), ["Иванов"]);
    }

    #[test]
    fn an_agency_after_a_name_is_no_part_of_it() {
        let p = persons("Эдуард Басурин выступил. «Экипаж отклонился», — приводит слова Басурина Интерфакс.");
        assert_eq!(names(&p), ["Эдуард Басурин", "Басурина"]);
    }

    #[test]
    fn an_outlet_in_latin_letters_after_a_name_is_no_part_of_it() {
        let p = persons(
            "Джейкоб Зума выступил. «Мы не уйдём», — цитирует Зуму The Telegraph. \
             «Всё решено», — цитирует ТАСС Бачинскую.",
        );
        assert_eq!(names(&p), ["Джейкоб Зума", "Зуму", "Бачинскую"]);
    }

    #[test]
    fn a_lone_surname_that_speaks_is_a_person() {
        let body = "В пятницу Путин заявил о переговорах. Об этом сообщил Лавров. Вчера Киев заявил протест. \
                    Представители Соединённых Штатов ответили.";
        assert_eq!(people(&persons(body)), ["Путин", "Лавров"]);
    }

    #[test]
    fn places_are_no_persons() {
        let body = "Саудовская Аравия ввязалась в войну. Власти Северной Кореи ответили. \
                    Юрий Ушаков сказал, что Трамп посетит Южную Корею.";
        assert_eq!(people(&persons(body)), ["Юрий Ушаков"]);
    }

    #[test]
    fn names_in_latin_letters_are_no_persons() {
        let body = "Об этом написала газета New York Times, а Дональд Трамп ответил. Агентство Reuters сообщило.";
        assert_eq!(people(&persons(body)), ["Дональд Трамп"]);
    }

    #[test]
    fn words_opening_a_sentence_are_not_part_of_the_name() {
        let body = "Ведь Путин говорил об этом. Сегодня Ferrari показала машину. Кстати, Песков ответил.";
        assert_eq!(names(&persons(body)), ["Путин", "Ferrari", "Песков"]);
    }

    #[test]
    fn a_word_in_another_case_is_not_the_given_name() {
        let body = "Об этом сказал пресс-секретарь Кремля Дмитрий Песков. В Вене Павел Климкин выступил. \
                    Отвечая Стоуну Путин сказал. Первый секретарь Никита Сергеевич Хрущёв прибыл. \
                    Президент Соединённых Штатов Дональд Трамп ответил.";
        assert_eq!(
            names(&persons(body)),
            ["Дмитрий Песков", "Павел Климкин", "Путин", "Никита Сергеевич Хрущёв", "Дональд Трамп"]
        );
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
    fn a_womans_given_name_in_the_genitive_is_part_of_her_name() {
        let body = "По словам Марии Захаровой, визит отложен. Слова Юлии Тимошенко поддержали. По оценке Эльвиры Набиуллиной, рост будет. \
                    По словам гражданки Франции Оксаны Ферреро, Вальс плох. Промоутеры Кличко заявили. \
                    По мнению кинокритика Илоны Егиазаровой, сериал плох. Министр Натальи Поклонской нет.";
        let p = persons(body);
        assert_eq!(
            names(&p),
            [
                "Марии Захаровой",
                "Юлии Тимошенко",
                "Эльвиры Набиуллиной",
                "Оксаны Ферреро",
                "Вальс",
                "Кличко",
                "Илоны Егиазаровой",
                "Натальи Поклонской"
            ]
        );
        let canonical: Vec<String> = p.mentions().iter().map(|m| p.canonical(p.surname(m), m.gender)).collect();
        assert_eq!(canonical[0], "Мария Захарова");
        assert_eq!(canonical[1], "Юлия Тимошенко");
        assert_eq!(canonical[2], "Эльвира Набиуллина");
        assert_eq!(canonical[3], "Оксана Ферреро");
        assert_eq!(canonical[6], "Илона Егиазарова");
        assert_eq!(canonical[7], "Наталья Поклонская");
        // A plural in `-ы` is no woman's given name: `Кличко` is no woman.
        assert_eq!(p.mentions()[5].gender, Gender::Unknown);
    }

    #[test]
    fn a_mans_given_name_in_a_in_the_genitive_is_part_of_his_name() {
        let body = "По словам замдиректора Никиты Данюка, США вмешивались. Слова Ильи Кутепова поддержали.";
        let p = persons(body);
        assert_eq!(names(&p), ["Никиты Данюка", "Ильи Кутепова"]);
        let canonical: Vec<String> = p.mentions().iter().map(|m| p.canonical(p.surname(m), m.gender)).collect();
        assert_eq!(canonical[0], "Никита Данюк");
        assert_eq!(canonical[1], "Илья Кутепов");
    }

    #[test]
    fn surnames_that_do_not_decline_keep_their_form() {
        let body = "Министр обороны Сергей Шойгу прибыл. По словам Шойгу, учения прошли. \
                    Постпред Василий Небензя заявил, что Небензя ответит. Ждут ответа Ивана Петрова.";
        let p = persons(body);
        assert_eq!(p.canonical("Шойгу", Gender::Masculine), "Сергей Шойгу");
        assert_eq!(p.canonical("Небензя", Gender::Masculine), "Василий Небензя");
        // A given name in the genitive: the surname is declined, as before.
        assert_eq!(p.canonical("Петрова", Gender::Masculine), "Иван Петров");
    }

    #[test]
    fn nominative_from_oblique_only() {
        let body = "Цитирует главного тренера Дениса Тихомирова издание.";
        assert_eq!(persons(body).canonical("Тихомирова", Gender::Masculine), "Денис Тихомиров");
    }

    #[test]
    fn a_feminine_given_name_in_the_genitive_stays_in_the_name() {
        let body = "По словам экономиста Светланы Гречулиной, спрос упал. Мэр Москвы Сергей Собянин ответил. \
                    Депутат Госдумы Ирины Петровой нет.";
        assert_eq!(names(&persons(body)), ["Светланы Гречулиной", "Сергей Собянин", "Ирины Петровой"]);
        let p = persons("По словам экономиста Светланы Гречулиной, спрос упал.");
        assert_eq!(p.canonical("Гречулиной", Gender::Feminine), "Светлана Гречулина");
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
