//! Quotations: every «…» span of a body that is speech, with its speaker.

mod attribute;
mod classify;
mod introductions;
mod lexicon;
mod persons;
mod scan;
mod spans;
mod stems;
mod text;

use foldhash::HashMap;
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
        }
    }

    /// Parses a name given by [`AttributionMethod::as_str`].
    pub fn from_name(name: &str) -> Option<AttributionMethod> {
        [Self::After, Self::Before, Self::Pronoun, Self::Role, Self::Subject].into_iter().find(|m| m.as_str() == name)
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
    /// The speaker's fullest nominative name in the article, when found.
    pub speaker: Option<String>,
    /// How the speaker was found; `None` exactly when `speaker` is `None`.
    pub attribution: Option<Attribution>,
    /// True when the opening « is never closed and the span was cut where
    /// the speech appears to end.
    pub unclosed: bool,
}

/// Finds the quotations of `body`, in order, with their speakers.
///
/// Names in guillemets (`«Газпром»`, `«Аурус»`) are left out; a quote whose
/// speaker the text does not name has `speaker: None`.
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
    let spans = spans::find_spans(body);
    if spans.is_empty() {
        return Vec::new();
    }
    let quotes: Vec<&spans::Span> = spans.iter().filter(|s| classify::is_quote(body, s)).collect();
    if quotes.is_empty() {
        return Vec::new();
    }
    let persons = persons::Persons::collect(body, &spans);
    let mut attributor = attribute::Attributor::new(body, &persons);
    // A speaker usually has several quotes; their name is looked up once.
    let mut names: HashMap<(&str, text::Gender), String> = HashMap::default();
    quotes
        .into_iter()
        .map(|span| {
            let found = attributor.attribute(span);
            let speaker = found.as_ref().map(|f| {
                let surname = &body[f.surname.0..f.surname.1];
                names.entry((surname, f.gender)).or_insert_with(|| persons.canonical(surname, f.gender)).clone()
            });
            Quote {
                text: body[span.text_start..span.text_end].to_string(),
                start: span.start,
                end: span.end,
                speaker,
                attribution: found.map(|f| f.attribution),
                unclosed: span.unclosed,
            }
        })
        .collect()
}
