//! `poisk quotes` and `poisk speakers`.

use std::io::{self, BufWriter, Write};

use poisk::index::quote_id;
use poisk::input::{collect_inputs, read_input};
use poisk::quotes::{QuoteKind, SpeakerKind, extract_spans};
use poisk::search::{QuoteFilter, Speaker};

use crate::args::{QuotesArgs, SpeakersArgs};
use crate::printer::QuoteLine;
use crate::{Outcome, open, printer};

pub fn run(args: &QuotesArgs) -> anyhow::Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut printed = 0;
    if args.paths.is_empty() {
        let backend = open::backend(&args.location, "listing the quotes of")?;
        let mut filter = QuoteFilter::default().kind(args.kind.into());
        if let Some(speaker) = &args.speaker {
            filter = filter.speaker(speaker.clone());
        }
        if let Some(kind) = args.speaker_kind {
            filter = filter.speaker_kind(kind.into());
        }
        for hit in backend.quotes_matching(&filter, 0, usize::MAX)?.1 {
            let Some(line) = QuoteLine::of_hit(&hit) else { continue };
            printer::quote(&mut out, args.format, &line)?;
            printed += 1;
        }
    } else {
        // The index's rule for a speaker's name, applied to quotes that are
        // not in it.
        let wanted = args.speaker.as_deref().map(Speaker::new).transpose()?;
        let (inputs, errors) = collect_inputs(&args.paths);
        let mut skipped = errors.len();
        for err in errors {
            eprintln!("poisk: {}", crate::describe(&err));
        }
        for input in &inputs {
            for article in read_input(input) {
                let article = match article {
                    Ok(article) => article,
                    Err(err) => {
                        eprintln!("poisk: {}", crate::describe(&err));
                        skipped += 1;
                        continue;
                    }
                };
                let kind: QuoteKind = args.kind.into();
                let speaker_kind: Option<SpeakerKind> = args.speaker_kind.map(Into::into);
                // Numbered as the index numbers them: every span of the article.
                for (n, quote) in extract_spans(&article.body).iter().enumerate() {
                    let by = |wanted: &Speaker| quote.speaker.as_deref().is_some_and(|name| wanted.matches(name));
                    let of_kind = speaker_kind.is_none_or(|k| quote.speaker_kind == Some(k));
                    if quote.kind == kind && of_kind && wanted.as_ref().is_none_or(by) {
                        let id = quote_id(&article.id, n);
                        let line = QuoteLine::new(&id, &article.id, &article.title, article.date, quote);
                        printer::quote(&mut out, args.format, &line)?;
                        printed += 1;
                    }
                }
            }
        }
        if skipped > 0 {
            out.flush()?;
            let inputs = if skipped == 1 { "input" } else { "inputs" };
            anyhow::bail!("{skipped} {inputs} could not be read (see above)");
        }
    }
    out.flush()?;
    Ok(if printed > 0 { Outcome::Found } else { Outcome::NotFound })
}

pub fn speakers(args: &SpeakersArgs) -> anyhow::Result<Outcome> {
    let backend = open::backend(&args.location, "counting the speakers of")?;
    let mut speakers = backend.speakers()?;
    if args.limit > 0 {
        speakers.truncate(args.limit);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    printer::speakers(&mut out, args.format, &speakers)?;
    out.flush()?;
    Ok(if speakers.is_empty() { Outcome::NotFound } else { Outcome::Found })
}
