//! `poisk quotes` and `poisk speakers`.

use std::io::{self, BufWriter, Write};

use poisk::{Article, Hit, Quote, collect_inputs, extract_quotes, read_input};
use serde::Serialize;
use utoipa::ToSchema;

use crate::Outcome;
use crate::args::{Format, QuotesArgs, SpeakersArgs};
use crate::open::open_index;
use crate::printer::json::{JsonAttribution, attribution};

/// One quote as `poisk quotes` prints it (and `GET /quotes` lists it).
#[derive(Serialize, ToSchema)]
pub struct QuoteLine<'a> {
    /// Always `quote`.
    kind: &'static str,
    /// The quote's id, `ARTICLE_ID#qN`.
    id: String,
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

/// The line of a quote hit of the index; None for an article hit.
pub fn quote_line(hit: &Hit) -> Option<QuoteLine<'_>> {
    let q = hit.quote.as_ref()?;
    Some(QuoteLine {
        kind: "quote",
        id: hit.id.clone(),
        article_id: &hit.article_id,
        title: &hit.title,
        date: hit.date.map(|d| d.to_string()),
        speaker: q.speaker.as_deref(),
        attribution: q.attribution.as_ref().map(attribution),
        text: &q.text,
        start: q.start,
        end: q.end,
        unclosed: q.unclosed,
    })
}

pub fn run(args: &QuotesArgs) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    let wanted = args.speaker.as_deref().map(name_stems);
    let mut printed = 0;
    if args.paths.is_empty() {
        let index = open_index(&args.location, "listing the quotes of")?;
        for hit in index.searcher()?.quotes(args.speaker.as_deref())? {
            let Some(line) = quote_line(&hit) else { continue };
            print_line(&mut out, args.format, &line)?;
            printed += 1;
        }
    } else {
        let (inputs, errors) = collect_inputs(&args.paths);
        let mut skipped = errors.len();
        for err in errors {
            eprintln!("poisk: {err}");
        }
        for input in &inputs {
            for article in read_input(input) {
                match article {
                    Ok(article) => printed += print_article_quotes(&mut out, args.format, &article, wanted.as_deref())?,
                    Err(err) => {
                        eprintln!("poisk: {err}");
                        skipped += 1;
                    }
                }
            }
        }
        if skipped > 0 {
            out.flush()?;
            anyhow::bail!("{skipped} inputs could not be read (see above)");
        }
    }
    out.flush()?;
    Ok(if printed > 0 { Outcome::Found } else { Outcome::NotFound })
}

/// Prints the quotes of one article read from a file; returns how many.
fn print_article_quotes(
    out: &mut impl Write,
    format: Format,
    article: &Article,
    wanted: Option<&[String]>,
) -> io::Result<usize> {
    let mut printed = 0;
    for (n, quote) in extract_quotes(&article.body).iter().enumerate() {
        if !speaker_matches(quote, wanted) {
            continue;
        }
        let line = QuoteLine {
            kind: "quote",
            id: poisk::quote_id(&article.id, n),
            article_id: &article.id,
            title: &article.title,
            date: article.date.map(|d| d.to_string()),
            speaker: quote.speaker.as_deref(),
            attribution: quote.attribution.as_ref().map(attribution),
            text: &quote.text,
            start: quote.start,
            end: quote.end,
            unclosed: quote.unclosed,
        };
        print_line(out, format, &line)?;
        printed += 1;
    }
    Ok(printed)
}

/// The stems of a name, to compare names in any grammatical form.
fn name_stems(name: &str) -> Vec<String> {
    poisk::analyze(name).into_iter().map(|t| t.stem).collect()
}

/// True when every word of the wanted name is in the quote's speaker's name,
/// as `speaker:` does in a search.
fn speaker_matches(quote: &Quote, wanted: Option<&[String]>) -> bool {
    let Some(wanted) = wanted else { return true };
    let Some(speaker) = &quote.speaker else { return false };
    let have = name_stems(speaker);
    wanted.iter().all(|w| have.contains(w))
}

fn print_line(out: &mut impl Write, format: Format, line: &QuoteLine<'_>) -> io::Result<()> {
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

pub fn speakers(args: &SpeakersArgs) -> anyhow::Result<Outcome> {
    let index = open_index(&args.location, "counting the speakers of")?;
    let mut speakers = index.searcher()?.speakers()?;
    if args.limit > 0 {
        speakers.truncate(args.limit);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (name, quotes) in &speakers {
        match args.format {
            Format::Json => {
                serde_json::to_writer(&mut out, &SpeakerLine::new(name, *quotes))?;
                writeln!(out)?;
            }
            Format::Text => writeln!(out, "{quotes:>6}  {name}")?,
        }
    }
    out.flush()?;
    Ok(if speakers.is_empty() { Outcome::NotFound } else { Outcome::Found })
}
