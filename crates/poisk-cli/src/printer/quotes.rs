//! Quotes and speakers, as `poisk quotes` and `poisk speakers` print them:
//! one line of JSON or two lines of text a quote, one a speaker.

use std::io::{self, Write};

use poisk::quotes::Attribution;
use poisk::{Date, Quote};
use serde::Serialize;

use crate::args::Format;

/// One quote as `poisk quotes` prints it, whether it comes from the index
/// or from files read without indexing them.
#[derive(Serialize)]
pub struct QuoteLine<'a> {
    kind: &'static str,
    id: &'a str,
    article_id: &'a str,
    title: &'a str,
    date: Option<String>,
    speaker: Option<&'a str>,
    attribution: Option<&'a Attribution>,
    text: &'a str,
    start: usize,
    end: usize,
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
            attribution: quote.attribution.as_ref(),
            text: &quote.text,
            start: quote.start,
            end: quote.end,
            unclosed: quote.unclosed,
        }
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
            let speaker = match (line.speaker, line.attribution) {
                (Some(name), Some(a)) => format!("{name} ({}: {})", a.method.as_str(), a.mention),
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
                serde_json::to_writer(&mut *out, &serde_json::json!({"speaker": name, "quotes": quotes}))?;
                writeln!(out)?;
            }
            Format::Text => writeln!(out, "{quotes:>6}  {name}")?,
        }
    }
    Ok(())
}
