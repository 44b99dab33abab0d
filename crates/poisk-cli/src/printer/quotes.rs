//! Quotes and speakers, as `poisk quotes` and `poisk speakers` print them
//! (and `GET /quotes` and `GET /speakers` answer): one line of JSON or two
//! lines of text a quote, one a speaker.

use std::io::{self, Write};

use poisk::quotes::SpeakerKind;
use poisk::search::SpeakerCount;
use poisk::{Date, Hit, Quote};
use serde::Serialize;
use utoipa::ToSchema;

use super::json::{JsonAttribution, attribution};
use crate::args::Format;

// The same line for quotes from the index and from files read without
// indexing them: `QuoteLine::new` is its one constructor.
/// One quote as `poisk quotes` prints it (and `GET /quotes` lists it).
#[derive(Serialize, ToSchema)]
pub struct QuoteLine<'a> {
    /// `quote` (someone's words), `term` (the author's own words in
    /// guillemets) or `name`.
    kind: &'static str,
    /// The quote's id, `ARTICLE_ID#qN`.
    id: &'a str,
    article_id: &'a str,
    /// The article's title.
    title: &'a str,
    /// `YYYY-MM-DD`, or null.
    date: Option<String>,
    /// The speaker's fullest name in the article, when known.
    speaker: Option<&'a str>,
    /// `person`, `organisation`, `group` or `document`, when the speaker is known.
    speaker_kind: Option<&'static str>,
    attribution: Option<JsonAttribution<'a>>,
    text: &'a str,
    /// Byte offset of the opening « in the article's body.
    start: usize,
    /// Byte offset past the closing ».
    end: usize,
    /// True when the quote is never closed in the text.
    unclosed: bool,
}

impl<'a> QuoteLine<'a> {
    /// The quote `id` of the article `article_id`, titled `title`.
    pub fn new(id: &'a str, article_id: &'a str, title: &'a str, date: Option<Date>, quote: &'a Quote) -> Self {
        QuoteLine {
            kind: quote.kind.as_str(),
            id,
            article_id,
            title,
            date: date.map(|d| d.to_string()),
            speaker: quote.speaker.as_deref(),
            speaker_kind: quote.speaker_kind.map(SpeakerKind::as_str),
            attribution: quote.attribution.as_ref().map(attribution),
            text: &quote.text,
            start: quote.start,
            end: quote.end,
            unclosed: quote.unclosed,
        }
    }

    /// The line of a quote hit of the index; `None` for an article hit.
    pub fn of_hit(hit: &'a Hit) -> Option<Self> {
        let found = hit.quote()?;
        Some(QuoteLine::new(&hit.id, &hit.article_id, &hit.title, hit.date, &found.quote))
    }
}

/// One speaker and how many quotations they have, as `poisk speakers`
/// prints it: one row per person or organisation, whatever form of the
/// name each article gives.
#[derive(Serialize, ToSchema)]
pub struct SpeakerLine<'a> {
    /// The fullest name (`Дмитрий Песков`).
    speaker: &'a str,
    /// `person`, `organisation`, `group` or `document`.
    speaker_kind: Option<&'static str>,
    quotes: usize,
    /// The other forms of the name seen (`Песков`, `Пескова`), most frequent first.
    variants: &'a [String],
}

impl<'a> SpeakerLine<'a> {
    pub fn new(speaker: &'a SpeakerCount) -> SpeakerLine<'a> {
        SpeakerLine {
            speaker: &speaker.name,
            speaker_kind: speaker.kind.map(SpeakerKind::as_str),
            quotes: speaker.quotes,
            variants: &speaker.variants,
        }
    }
}

/// How many variants of a name a text row shows.
const VARIANTS_SHOWN: usize = 4;

/// Prints one quote.
pub fn quote(out: &mut impl Write, format: Format, line: &QuoteLine<'_>) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, line)?;
            writeln!(out)
        }
        Format::Text => {
            let date = line.date.as_deref().unwrap_or("----------");
            let speaker = match (line.speaker, &line.attribution) {
                (Some(name), Some(a)) => {
                    let kind = line.speaker_kind.filter(|k| *k != "person").map_or(String::new(), |k| format!("{k}, "));
                    format!("{name} ({kind}{}: {})", a.method, a.mention)
                }
                (Some(name), None) => name.to_owned(),
                _ => "speaker unknown".to_owned(),
            };
            let kind = if line.kind == "quote" { String::new() } else { format!("  ({})", line.kind) };
            writeln!(out, "{date}  {}  [{}]{kind}", line.title, line.id)?;
            writeln!(out, "    «{}» — {speaker}\n", line.text)
        }
    }
}

/// Prints speakers and their numbers of quotations, one a line: in text,
/// the count, the name, its kind when not a person, and a few variants.
pub fn speakers(out: &mut impl Write, format: Format, speakers: &[SpeakerCount]) -> io::Result<()> {
    for speaker in speakers {
        match format {
            Format::Json => {
                serde_json::to_writer(&mut *out, &SpeakerLine::new(speaker))?;
                writeln!(out)?;
            }
            Format::Text => {
                let (quotes, name) = (speaker.quotes, &speaker.name);
                let kind = speaker
                    .kind
                    .filter(|k| *k != SpeakerKind::Person)
                    .map_or(String::new(), |k| format!("  ({})", k.as_str()));
                let shown: Vec<&str> = speaker.variants.iter().take(VARIANTS_SHOWN).map(String::as_str).collect();
                let variants = if shown.is_empty() { String::new() } else { format!("  [{}]", shown.join(", ")) };
                writeln!(out, "{quotes:>6}  {name}{kind}{variants}")?;
            }
        }
    }
    Ok(())
}
