//! `poisk quotes` and `poisk speakers`.

use std::io::{self, BufWriter, Write};

use poisk::input::{collect_inputs, read_input};
use poisk::quotes::{Attribution, extract_quotes};
use poisk::{Article, Quote};
use serde::Serialize;

use crate::Outcome;
use crate::args::{Format, QuotesArgs, SpeakersArgs};
use crate::open::open_index;

/// One quote as `poisk quotes` prints it.
#[derive(Serialize)]
struct QuoteLine<'a> {
    kind: &'static str,
    id: String,
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

pub fn run(args: &QuotesArgs) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    let wanted = args.speaker.as_deref().map(name_stems);
    let mut printed = 0;
    if args.paths.is_empty() {
        let index = open_index(&args.location, "listing the quotes of")?;
        for hit in index.searcher()?.quotes(args.speaker.as_deref())? {
            let Some(q) = hit.quote().map(|found| &found.quote) else { continue };
            let line = QuoteLine {
                kind: "quote",
                id: hit.id.clone(),
                article_id: &hit.article_id,
                title: &hit.title,
                date: hit.date.map(|d| d.to_string()),
                speaker: q.speaker.as_deref(),
                attribution: q.attribution.as_ref(),
                text: &q.text,
                start: q.start,
                end: q.end,
                unclosed: q.unclosed,
            };
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
            id: poisk::index::quote_id(&article.id, n),
            article_id: &article.id,
            title: &article.title,
            date: article.date.map(|d| d.to_string()),
            speaker: quote.speaker.as_deref(),
            attribution: quote.attribution.as_ref(),
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
    poisk::analysis::analyze(name).into_iter().map(|t| t.stem).collect()
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
                serde_json::to_writer(&mut out, &serde_json::json!({"speaker": name, "quotes": quotes}))?;
                writeln!(out)?;
            }
            Format::Text => writeln!(out, "{quotes:>6}  {name}")?,
        }
    }
    out.flush()?;
    Ok(if speakers.is_empty() { Outcome::NotFound } else { Outcome::Found })
}
