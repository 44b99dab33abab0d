//! Quotations: every «…» span of a body that is speech, with its speaker.

mod attribute;
mod classify;
mod identity;
mod institutions;
mod introductions;
mod lexicon;
mod persons;
mod scan;
mod spans;
mod stems;
mod text;

use foldhash::HashMap;

pub(crate) use identity::{LONE, full_mark_prefix};
pub use identity::{index_keys, name_keys};
pub(crate) use institutions::is_generic_head;
use serde::{Deserialize, Serialize};

/// How a quote's speaker was found.
///
/// ```
/// use poisk::quotes::AttributionMethod;
/// let quotes = poisk::quotes::extract_quotes("«Мы готовы», — сказал Иван Петров. «И всегда были», — добавил он.");
/// let methods: Vec<_> = quotes.iter().filter_map(|q| q.attribution.as_ref()).map(|a| a.method).collect();
/// assert_eq!(methods, [AttributionMethod::After, AttributionMethod::Pronoun]);
/// assert_eq!(AttributionMethod::from_name("pronoun"), Some(AttributionMethod::Pronoun));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionMethod {
    /// Named after the quote: `», — сказал Путин`.
    After,
    /// Named before it: `Путин сказал: «…»`, `По словам Захаровой, «…»`.
    Before,
    /// A pronoun (`сказал он`) resolved to the last person named.
    Pronoun,
    /// A role (`сказал лидер КНДР`) resolved to the person introduced with it.
    Role,
    /// A fragment quote attributed to its sentence's subject.
    Subject,
    /// Named inside the quote, which the attribution splits: `«…, — сказал
    /// Путин. — …»`.
    Inside,
    /// A quotation over several paragraphs, attributed in the paragraph
    /// before or after it.
    Continued,
}

impl AttributionMethod {
    /// The method's name as JSON and the index spell it (`after`, `role`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            AttributionMethod::After => "after",
            AttributionMethod::Before => "before",
            AttributionMethod::Pronoun => "pronoun",
            AttributionMethod::Role => "role",
            AttributionMethod::Subject => "subject",
            AttributionMethod::Inside => "inside",
            AttributionMethod::Continued => "continued",
        }
    }

    /// Parses a name given by [`AttributionMethod::as_str`].
    pub fn from_name(name: &str) -> Option<AttributionMethod> {
        [Self::After, Self::Before, Self::Pronoun, Self::Role, Self::Subject, Self::Inside, Self::Continued]
            .into_iter()
            .find(|m| m.as_str() == name)
    }
}

/// What the words in guillemets are.
///
/// ```
/// use poisk::quotes::{QuoteKind, extract_spans};
/// let spans = extract_spans("Министр назвал решение «ошибкой». Курс под названием «абэномика» провалился. Они ехали на «Аурусе».");
/// let kinds: Vec<QuoteKind> = spans.iter().map(|q| q.kind).collect();
/// assert_eq!(kinds, [QuoteKind::Quote, QuoteKind::Term, QuoteKind::Name]);
/// assert_eq!(QuoteKind::from_name("term"), Some(QuoteKind::Term));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words: speech, a statement, the wording of a document, a post.
    #[default]
    Quote,
    /// The author's own words in guillemets: scare quotes, irony, slang, a
    /// coined term (`аресты всех «подозрительных»`).
    Term,
    /// The name of a thing: a company, party, outlet, ship, work or event
    /// (`«Газпром»`, `«Аурус»`).
    Name,
}

impl QuoteKind {
    /// The kind's name as JSON, the index and `--kind` spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Quote => "quote",
            QuoteKind::Term => "term",
            QuoteKind::Name => "name",
        }
    }

    /// Parses a name given by [`QuoteKind::as_str`].
    pub fn from_name(name: &str) -> Option<QuoteKind> {
        [Self::Quote, Self::Term, Self::Name].into_iter().find(|k| k.as_str() == name)
    }
}

/// What kind of speaker a quotation has.
///
/// ```
/// use poisk::quotes::{SpeakerKind, extract_quotes};
/// let quotes = extract_quotes("«Учения завершены», — говорится в сообщении Минобороны.");
/// assert_eq!(quotes[0].speaker_kind, Some(SpeakerKind::Document));
/// assert_eq!(SpeakerKind::from_name("organisation"), Some(SpeakerKind::Organisation));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A person named in the article (`Сергей Лавров`).
    Person,
    /// An institution speaking as one: a ministry, press service, company,
    /// embassy, court, party (`Минобороны`, `пресс-служба МВД`).
    Organisation,
    /// Unnamed people: experts, witnesses, residents, sources (`эксперты`,
    /// `источник в правительстве`).
    Group,
    /// A text quoted by its wording: a law, resolution, report, statement,
    /// letter (`сообщение Минобороны`, `резолюция`).
    Document,
}

impl SpeakerKind {
    /// The kind's name as JSON, the index and `--speaker-kind` spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Group => "group",
            SpeakerKind::Document => "document",
        }
    }

    /// Parses a name given by [`SpeakerKind::as_str`].
    pub fn from_name(name: &str) -> Option<SpeakerKind> {
        [Self::Person, Self::Organisation, Self::Group, Self::Document].into_iter().find(|k| k.as_str() == name)
    }
}

/// How a speaker was attributed, and the words that named them (example:
/// [`AttributionMethod`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The rule that found the speaker.
    pub method: AttributionMethod,
    /// The words of the text that named the speaker (`он`, `лидер КНДР`).
    pub mention: String,
}

/// One quotation in an article body, as [`extract_quotes`] finds it (which
/// has an example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the outer guillemets.
    pub text: String,
    /// Byte offset of the opening « in the body.
    pub start: usize,
    /// Byte offset just past the closing » (or the end of the span when the
    /// quote is never closed).
    pub end: usize,
    /// A quotation, a term or a name.
    #[serde(default)]
    pub kind: QuoteKind,
    /// The speaker's fullest nominative name in the article, when found
    /// (quotations only).
    pub speaker: Option<String>,
    /// What the speaker is; `None` exactly when `speaker` is `None`.
    #[serde(default)]
    pub speaker_kind: Option<SpeakerKind>,
    /// How the speaker was found; `None` exactly when `speaker` is `None`.
    pub attribution: Option<Attribution>,
    /// True when the opening « is never closed and the span was cut where
    /// the speech appears to end.
    pub unclosed: bool,
}

/// Finds the quotations of `body`, in order, with their speakers: the
/// spans of [`extract_spans`] of kind [`QuoteKind::Quote`].
///
/// Names in guillemets (`«Газпром»`, `«Аурус»`) and the author's terms are
/// left out; a quote whose speaker the text does not name has `speaker:
/// None`.
///
/// # Example
///
/// ```
/// let body = "Президент России Владимир Путин прибыл на «Аурусе».\n\
///             «Рад встрече», — сказал Путин.";
/// let quotes = poisk::quotes::extract_quotes(body);
/// assert_eq!(quotes.len(), 1);
/// assert_eq!(quotes[0].text, "Рад встрече");
/// assert_eq!(quotes[0].speaker.as_deref(), Some("Владимир Путин"));
/// assert_eq!(&body[quotes[0].start..quotes[0].end], "«Рад встрече»");
/// ```
pub fn extract_quotes(body: &str) -> Vec<Quote> {
    let mut quotes = extract_spans(body);
    quotes.retain(|q| q.kind == QuoteKind::Quote);
    quotes
}

/// Finds every «…» span of `body`, in order, with its [`QuoteKind`]; the
/// quotations with their speakers (example: [`QuoteKind`]).
pub fn extract_spans(body: &str) -> Vec<Quote> {
    let spans = spans::find_spans(body);
    if spans.is_empty() {
        return Vec::new();
    }
    let kinds: Vec<QuoteKind> = spans.iter().map(|s| classify::classify(body, s)).collect();
    let quotes: Vec<&spans::Span> =
        spans.iter().zip(&kinds).filter(|(_, k)| **k == QuoteKind::Quote).map(|(s, _)| s).collect();
    let mut found: Vec<Option<attribute::Found>> = Vec::new();
    let mut persons = None;
    if !quotes.is_empty() {
        // The attribution clause inside each split quotation, read once.
        let insides: Vec<Option<(usize, usize)>> = spans
            .iter()
            .zip(&kinds)
            .map(|(s, k)| if *k == QuoteKind::Quote { attribute::inside_attribution(body, s) } else { None })
            .collect();
        let people = persons.insert(persons::Persons::collect(body, &spans, &insides));
        let mut attributor = attribute::Attributor::new(body, people);
        let quote_insides = insides.iter().zip(&kinds).filter(|(_, k)| **k == QuoteKind::Quote).map(|(i, _)| *i);
        found = quotes.iter().zip(quote_insides).map(|(span, inside)| attributor.attribute(span, inside)).collect();
        attribute::continue_paragraphs(body, &quotes, &mut found);
        for (span, f) in quotes.iter().zip(&mut found).filter(|(_, f)| f.is_none()) {
            *f = attributor.lead_in_subject(span);
        }
    }
    // A speaker usually has several quotes; their name is looked up once.
    let mut names: HashMap<(&str, text::Gender), String> = HashMap::default();
    let mut found = found.into_iter();
    spans
        .iter()
        .zip(kinds)
        .map(|(span, kind)| {
            let f = if kind == QuoteKind::Quote { found.next().flatten() } else { None };
            let (speaker, speaker_kind) = match (&f, &persons) {
                (Some(f), Some(persons)) => match &f.named {
                    // `— говорится в документе`: the name the article gave
                    // the document before, when it gave one.
                    Some((name, kind)) => {
                        let fuller = institutions::earlier_name(body, (span.start, span.end), name, *kind);
                        (Some(fuller.unwrap_or_else(|| name.clone())), Some(*kind))
                    }
                    None => {
                        let surname = &body[f.surname.0..f.surname.1];
                        let name = names
                            .entry((surname, f.gender))
                            .or_insert_with(|| persons.canonical(surname, f.gender))
                            .clone();
                        let person = f.person || persons.is_person_surname(surname) || persons.is_given_name(surname);
                        let kind = if person { SpeakerKind::Person } else { SpeakerKind::Organisation };
                        (Some(name), Some(kind))
                    }
                },
                _ => (None, None),
            };
            Quote {
                text: body[span.text_start..span.text_end].to_string(),
                start: span.start,
                end: span.end,
                kind,
                speaker,
                speaker_kind,
                attribution: f.map(|f| f.attribution),
                unclosed: span.unclosed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(body: &str) -> Vec<(Option<String>, Option<SpeakerKind>)> {
        extract_quotes(body).into_iter().map(|q| (q.speaker, q.speaker_kind)).collect()
    }

    #[test]
    fn a_name_that_speaks_is_a_person_where_it_is_only_cited() {
        let body = "«Мы начали большую операцию», — цитирует РИА Новости слова Шойгу.\n\
                    Удары наносились по складам, заявил Шойгу.";
        assert_eq!(speakers(body), [(Some("Шойгу".to_string()), Some(SpeakerKind::Person))]);
        // A given name alone, of someone named in full.
        let body = "Весной в деревню приехала Татьяна Дикая.\n«Я очень много ездила по городам», — говорит Татьяна.";
        assert_eq!(speakers(body), [(Some("Татьяна Дикая".to_string()), Some(SpeakerKind::Person))]);
        // An institution stays one.
        let body = "«Учения пройдут по плану», — заявил Пентагон.";
        assert_eq!(speakers(body), [(Some("Пентагон".to_string()), Some(SpeakerKind::Organisation))]);
    }
}
