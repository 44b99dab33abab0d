//! Every command's output goes through here: the commands compute, the
//! printers write, as text for people or JSON (CSV for timelines) for
//! programs. The JSON structs are separate from the library's types, so
//! that the output only changes on purpose; `poisk serve` answers with the
//! same structs, so the CLI and the HTTP API share one schema.
//!
//! | file | what | commands |
//! |---|---|---|
//! | `text.rs`, `json.rs` | search results, through [`SearchPrinter`]; an article ([`article`]) | `search`, `show` |
//! | `chart.rs` | a bar chart, CSV or JSON | `timeline` |
//! | `quotes.rs` | quotes ([`QuoteLine`]) and speakers | `quotes`, `speakers` |
//! | `stats.rs` | what an index holds | `stats` |
//! | `check.rs` | damaged files and a verdict | `check` |
//! | `index.rs` | the run's summary, on stderr | `index` |

mod chart;
mod check;
mod index;
pub mod json;
mod quotes;
mod stats;
mod text;

use std::io::{self, IsTerminal, Write};

pub use self::chart::{JsonTimeline, timeline_json};
pub use self::check::check;
pub use self::index::{Tally, indexed, mb};
use self::json::JsonPrinter;
pub use self::quotes::{QuoteLine, SpeakerLine, quote, speakers};
pub use self::stats::{JsonStats, stats, stats_json};
use self::text::TextPrinter;
use crate::args::{ChartFormat, Format, When};

/// Whether to colour what goes to stdout: as asked, or with `auto` only on
/// a terminal and when `NO_COLOR` is not set.
pub fn use_color(when: When) -> bool {
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The width of the terminal on stdout, if it is one.
pub fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Prints a timeline: a bar chart as wide as the terminal, CSV or JSON.
pub fn timeline(
    out: &mut impl Write,
    format: ChartFormat,
    timeline: &poisk::search::Timeline,
    color: bool,
) -> io::Result<()> {
    match format {
        ChartFormat::Text => chart::chart_text(out, timeline, terminal_width(), color),
        ChartFormat::Csv => chart::chart_csv(out, timeline),
        ChartFormat::Json => chart::chart_json(out, timeline),
    }
}

/// Prints one article, whole: as text, or one line of JSON (the body
/// of `GET /articles/{id}`).
pub fn article(
    out: &mut impl Write,
    format: Format,
    article: &poisk::search::StoredArticle,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Text => TextPrinter::new(color).article(out, article),
        Format::Json => {
            serde_json::to_writer(&mut *out, &json::article(article))?;
            writeln!(out)
        }
    }
}

/// Prints search results, one result set after another.
pub enum SearchPrinter {
    Text(TextPrinter),
    Json(JsonPrinter),
    /// `--count` as text: the number of matches alone, one line per query.
    Count,
}

impl SearchPrinter {
    pub fn new(format: Format, color: bool, count: bool) -> SearchPrinter {
        match format {
            Format::Text if count => SearchPrinter::Count,
            Format::Text => SearchPrinter::Text(TextPrinter::new(color)),
            Format::Json => SearchPrinter::Json(JsonPrinter),
        }
    }

    pub fn results(&mut self, out: &mut impl Write, results: &poisk::SearchResults) -> io::Result<()> {
        match self {
            SearchPrinter::Count => writeln!(out, "{}", results.total),
            SearchPrinter::Text(p) => p.results(out, results),
            SearchPrinter::Json(p) => p.results(out, results),
        }
    }

    /// A line of a batch that was not answered: `<stdin>:LINE: error` on
    /// stderr, or a JSON object on stdout.
    pub fn error(
        &mut self,
        out: &mut impl Write,
        line: usize,
        query: Option<&str>,
        error: &str,
        position: Option<usize>,
    ) -> io::Result<()> {
        match self {
            SearchPrinter::Text(_) | SearchPrinter::Count => {
                eprintln!("poisk: <stdin>:{line}: {error}");
                Ok(())
            }
            SearchPrinter::Json(p) => p.error(out, line, query, error, position),
        }
    }
}
