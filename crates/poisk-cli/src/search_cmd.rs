//! `poisk search`: one query, or one per line of stdin.

use std::io::{self, BufRead, BufWriter, Write};

use anyhow::Context;
use poisk::limits::MAX_QUERY_CHARS;
use poisk::search::Backend;
use poisk::snippet::SnippetConfig;
use poisk::{SearchRequest, Searcher};

use crate::args::{SearchArgs, SortBy, time_budget};
use crate::printer::{SearchPrinter, use_color};
use crate::{Outcome, open};

/// The longest line of a batch read as a query: [`MAX_QUERY_CHARS`]
/// characters of up to four bytes each. A longer line is refused without
/// being kept in memory.
const MAX_LINE_BYTES: usize = MAX_QUERY_CHARS * 4;

pub fn run(args: &SearchArgs) -> anyhow::Result<Outcome> {
    let searcher = open::backend(&args.location, "searching")?;
    let searcher = searcher.as_ref();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut printer = SearchPrinter::new(args.format, use_color(args.color), args.count);
    let found = if args.query == "-" {
        let batch = batch(searcher, args, &mut printer, &mut out)?;
        out.flush()?;
        if batch.failed > 0 {
            let lines = if batch.failed == 1 { "line" } else { "lines" };
            anyhow::bail!("{} {lines} of {} could not be answered (see above)", batch.failed, batch.queries);
        }
        batch.found
    } else {
        let results = searcher.search(&request(args, &args.query)).map_err(|e| explain_query_error(&args.query, e))?;
        printer.results(&mut out, &results)?;
        // Something matched, even when `-n 0` or `--offset` shows none of it.
        results.total > 0
    };
    out.flush()?;
    Ok(if found { Outcome::Found } else { Outcome::NotFound })
}

/// How a batch went.
struct Batch {
    /// Non-empty lines read.
    queries: usize,
    /// Lines that were not answered: not a query, or the search failed.
    failed: usize,
    /// True when some query found something.
    found: bool,
}

/// Answers each line of stdin as a query, in turn. A line that cannot be
/// answered is reported with its number (`<stdin>:LINE: …` on stderr, or a
/// JSON object with `"line"`), and the batch goes on.
fn batch(
    searcher: &dyn Backend,
    args: &SearchArgs,
    printer: &mut SearchPrinter,
    out: &mut impl Write,
) -> anyhow::Result<Batch> {
    let mut batch = Batch { queries: 0, failed: 0, found: false };
    let mut lines = QueryLines { reader: io::stdin().lock(), max: MAX_LINE_BYTES, number: 0 };
    while let Some((number, line)) = lines.next_line().context("reading queries from stdin")? {
        let problem = match &line {
            Line::Text(text) if text.trim().is_empty() => continue,
            Line::Text(text) => {
                let query = text.trim();
                match searcher.search(&request(args, query)) {
                    Ok(results) => {
                        batch.found |= results.total > 0;
                        printer.results(out, &results)?;
                        None
                    }
                    Err(err) => Some((Some(query), crate::describe(&err), query_position(&err))),
                }
            }
            Line::TooLong(bytes) => {
                let size = megabytes(*bytes);
                Some((None, format!("the line is {size}; a query may be at most {MAX_QUERY_CHARS} characters"), None))
            }
            Line::NotUtf8 { byte } => {
                Some((None, format!("not UTF-8 text: invalid byte at byte {byte} of the line"), None))
            }
        };
        batch.queries += 1;
        if let Some((query, message, position)) = problem {
            batch.failed += 1;
            printer.error(out, number, query, &message, position)?;
        }
        // Answer each query as it comes, for scripts that talk to us over a
        // pipe.
        out.flush()?;
    }
    Ok(batch)
}

/// `1234 bytes`, or `5.2 MB` from a megabyte on.
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 { format!("{bytes} bytes") } else { format!("{:.1} MB", bytes as f64 / 1e6) }
}

fn query_position(err: &poisk::Error) -> Option<usize> {
    match err {
        poisk::Error::Query { position, .. } => Some(*position),
        _ => None,
    }
}

/// One line of a batch.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Text(String),
    /// A line longer than the reader keeps, and its length in bytes.
    TooLong(u64),
    /// A line that is not UTF-8, and the offset of its first bad byte.
    NotUtf8 {
        byte: usize,
    },
}

/// The lines of a reader, each kept whole only when it has at most `max`
/// bytes: a longer one is read to its end and dropped as it goes, so a
/// line of any length takes `max` bytes of memory.
struct QueryLines<R> {
    reader: R,
    max: usize,
    /// The number of the last line read, from 1.
    number: usize,
}

impl<R: BufRead> QueryLines<R> {
    /// The next line and its number; None at the end.
    fn next_line(&mut self) -> io::Result<Option<(usize, Line)>> {
        let mut kept = Vec::new();
        let mut length: u64 = 0;
        let mut read_any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                if !read_any {
                    return Ok(None);
                }
                break;
            }
            read_any = true;
            let newline = chunk.iter().position(|&b| b == b'\n');
            let end = newline.unwrap_or(chunk.len());
            let room = (self.max + 1).saturating_sub(kept.len());
            kept.extend_from_slice(&chunk[..end.min(room)]);
            length += end as u64;
            self.reader.consume(end + usize::from(newline.is_some()));
            if newline.is_some() {
                break;
            }
        }
        self.number += 1;
        if kept.last() == Some(&b'\r') && length as usize == kept.len() {
            kept.pop();
            length -= 1;
        }
        let line = if length > self.max as u64 {
            Line::TooLong(length)
        } else {
            match String::from_utf8(kept) {
                Ok(text) => Line::Text(text),
                Err(e) => Line::NotUtf8 { byte: e.utf8_error().valid_up_to() },
            }
        };
        Ok(Some((self.number, line)))
    }
}

fn request(args: &SearchArgs, query: &str) -> SearchRequest {
    // A count reads no hit.
    let limit = if args.count { 0 } else { args.limit };
    let request = args.facet.iter().fold(SearchRequest::new(args.filters.matching(query)), |r, f| r.facet(f.facet()));
    request
        .facet_values(args.facet_values)
        .collapse(!args.no_collapse)
        .limit(limit)
        .offset(args.offset)
        .snippets(SnippetConfig { max_fragments: args.snippets, ..SnippetConfig::default() })
        .sort(match args.sort {
            SortBy::Relevance => poisk::search::Sort::Relevance,
            SortBy::Date => poisk::search::Sort::Date,
        })
        .explain(args.explain)
        .time_budget(time_budget(args.timeout))
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

// Searcher must stay shareable across threads (see the library docs).
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Searcher>();
};

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(usize, Line)> {
        // A tiny buffer, so that lines span many reads.
        let mut lines = QueryLines { reader: io::BufReader::with_capacity(3, input), max, number: 0 };
        std::iter::from_fn(|| lines.next_line().unwrap()).collect()
    }

    #[test]
    fn long_and_invalid_lines_are_refused_by_number() {
        let input = b"\xd0\xba\xd0\xb8\xd0\xbc\r\n0123456789ab\n\xff\xfe\n\nlast";
        assert_eq!(
            lines(input, 10),
            [
                (1, Line::Text("ким".into())),
                (2, Line::TooLong(12)),
                (3, Line::NotUtf8 { byte: 0 }),
                (4, Line::Text(String::new())),
                (5, Line::Text("last".into())),
            ]
        );
        // Exactly `max` bytes is a line; CR LF counts as a line end.
        assert_eq!(lines(b"0123456789\r\n", 10), [(1, Line::Text("0123456789".into()))]);
        assert!(lines(b"", 10).is_empty());
    }
}
