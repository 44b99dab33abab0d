//! `poisk search`: one query, or one per line of stdin.

use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Context;
use poisk::{SearchRequest, Searcher, SnippetConfig};

use crate::Outcome;
use crate::args::{Format, SearchArgs, SortBy};
use crate::open::open_index;
use crate::printer::{JsonPrinter, TextPrinter, use_color};

pub fn run(args: &SearchArgs) -> anyhow::Result<Outcome> {
    let index = open_index(&args.location, "searching")?;
    let searcher = index.searcher()?;
    let color = use_color(args.color);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut printer = match args.format {
        Format::Text => Printer::Text(TextPrinter::new(color)),
        Format::Json => Printer::Json(JsonPrinter),
    };
    let mut found = false;
    if args.query == "-" {
        let mut failed = false;
        for line in io::stdin().lock().lines() {
            let line = line.context("reading queries from stdin")?;
            let query = line.trim();
            if query.is_empty() {
                continue;
            }
            match searcher.search(&request(args, query)) {
                Ok(results) => {
                    found |= !results.hits.is_empty();
                    printer.results(&mut out, &results)?;
                }
                Err(err) => {
                    failed = true;
                    printer.error(&mut out, query, &err)?;
                }
            }
            // Answer each query as it comes, for scripts that talk to us
            // over a pipe.
            out.flush()?;
        }
        if failed {
            anyhow::bail!("some queries could not be parsed (see above)");
        }
    } else {
        let results = searcher.search(&request(args, &args.query)).map_err(|e| explain_query_error(&args.query, e))?;
        found = !results.hits.is_empty();
        printer.results(&mut out, &results)?;
    }
    out.flush()?;
    Ok(if found { Outcome::Found } else { Outcome::NotFound })
}

fn request(args: &SearchArgs, query: &str) -> SearchRequest {
    let request = SearchRequest::new(query)
        .limit(args.limit)
        .offset(args.offset)
        .snippets(SnippetConfig { max_fragments: args.snippets, ..SnippetConfig::default() })
        .sort(match args.sort {
            SortBy::Relevance => poisk::Sort::Relevance,
            SortBy::Date => poisk::Sort::Date,
        })
        .explain(args.explain);
    args.filters.apply(request)
}

/// Adds a caret under the position of a query error.
pub fn explain_query_error(query: &str, err: poisk::Error) -> anyhow::Error {
    match &err {
        poisk::Error::Query { position, .. } => {
            anyhow::anyhow!("{err}\n  {query}\n  {}^", " ".repeat(*position))
        }
        _ => err.into(),
    }
}

enum Printer {
    Text(TextPrinter),
    Json(JsonPrinter),
}

impl Printer {
    fn results(&mut self, out: &mut impl Write, results: &poisk::SearchResults) -> io::Result<()> {
        match self {
            Printer::Text(p) => p.results(out, results),
            Printer::Json(p) => p.results(out, results),
        }
    }

    fn error(&mut self, out: &mut impl Write, query: &str, err: &poisk::Error) -> io::Result<()> {
        match self {
            Printer::Text(_) => {
                eprintln!("poisk: {query}: {err}");
                Ok(())
            }
            Printer::Json(p) => p.error(out, query, err),
        }
    }
}

// Searcher must stay shareable across threads (see the library docs).
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Searcher>();
};
