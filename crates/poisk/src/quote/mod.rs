//! Quotations: every «…» span of a body that is speech, with its speaker.

use serde::{Deserialize, Serialize};

/// How a quote's speaker was found.
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

/// How a speaker was attributed, and the words that named them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The rule that found the speaker.
    pub method: AttributionMethod,
    /// The words of the text that named the speaker (`он`, `лидер КНДР`).
    pub mention: String,
}

/// One quotation in an article body.
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
pub fn extract_quotes(body: &str) -> Vec<Quote> {
    let _ = body;
    Vec::new()
}
