//! Quotes and speakers, as `poisk quotes` and `poisk speakers` print them
//! (and `GET /quotes` and `GET /speakers` answer): one line of JSON or two
//! lines of text a quote, one a speaker.

use std::io::{self, Write};

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
    /// Always `quote`.
    kind: &'static str,
    /// The quote's id, `ARTICLE_ID#qN`.
    id: &'a str,
    article_id: &'a str,
    /// The article's title.
    title: &'a str,
    /// `YYYY-MM-DD`, or null.
    date: Option<String>,
    speaker: Option<&'a str>,
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
            kind: "quote",
            id,
            article_id,
            title,
            date: date.map(|d| d.to_string()),
            speaker: quote.speaker.as_deref(),
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

/// One speaker and how many quotes they have, as `poisk speakers` prints it.
#[derive(Serialize, ToSchema)]
pub struct SpeakerLine<'a> {
    speaker: &'a str,
    quotes: usize,
}

impl<'a> SpeakerLine<'a> {
    pub fn new(speaker: &'a str, quotes: usize) -> SpeakerLine<'a> {
        SpeakerLine { speaker, quotes }
    }
}

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
                (Some(name), Some(a)) => format!("{name} ({}: {})", a.method, a.mention),
                (Some(name), None) => name.to_owned(),
                _ => "speaker unknown".to_owned(),
            };
            writeln!(out, "{date}  {}  [{}]", line.title, line.id)?;
            writeln!(out, "    «{}» — {speaker}\n", line.text)
        }
    }
}

/// Prints speakers and their numbers of quotes, one a line.
pub fn speakers(out: &mut impl Write, format: Format, speakers: &[(String, usize)]) -> io::Result<()> {
    for (name, quotes) in speakers {
        match format {
            Format::Json => {
                serde_json::to_writer(&mut *out, &SpeakerLine::new(name, *quotes))?;
                writeln!(out)?;
            }
            Format::Text => writeln!(out, "{quotes:>6}  {name}")?,
        }
    }
    Ok(())
}
