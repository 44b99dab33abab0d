//! What an index holds, as `poisk stats` prints it: a few lines of text,
//! or one line of JSON.

use std::io::{self, Write};
use std::path::Path;

use poisk::index::IndexStats;
use serde::Serialize;
use utoipa::ToSchema;

use crate::args::Format;

/// The JSON form of the statistics, separate from the library's type so
/// that the output only changes on purpose (`GET /stats` answers it too).
#[derive(Serialize, ToSchema)]
pub struct JsonStats<'a> {
    /// The index directory; null for the seed articles built in.
    #[schema(value_type = Option<String>)]
    path: Option<&'a Path>,
    format_version: u32,
    articles: usize,
    undated_articles: usize,
    quotes: usize,
    speakers: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    terms: u64,
    size_bytes: u64,
    segments: usize,
    deleted_documents: u64,
}

/// Prints the statistics.
pub fn stats(out: &mut impl Write, format: Format, stats: &IndexStats) -> io::Result<()> {
    match format {
        Format::Text => text(out, stats),
        Format::Json => {
            serde_json::to_writer(&mut *out, &stats_json(stats))?;
            writeln!(out)
        }
    }
}

/// The JSON of the statistics.
pub fn stats_json(stats: &IndexStats) -> JsonStats<'_> {
    JsonStats {
        path: stats.path.as_deref(),
        format_version: stats.format_version,
        articles: stats.articles,
        undated_articles: stats.undated_articles,
        quotes: stats.quotes,
        speakers: stats.speakers,
        first_date: stats.first_date.map(|d| d.to_string()),
        last_date: stats.last_date.map(|d| d.to_string()),
        terms: stats.terms,
        size_bytes: stats.size_bytes,
        segments: stats.segments,
        deleted_documents: stats.deleted_documents,
    }
}

fn text(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    let place = stats
        .path
        .as_ref()
        .map_or_else(|| "the seed articles built into poisk".to_owned(), |p| p.display().to_string());
    writeln!(out, "index     {place} (format {})", stats.format_version)?;
    writeln!(out, "articles  {} ({} undated)", stats.articles, stats.undated_articles)?;
    writeln!(out, "quotes    {} by {} speakers", stats.quotes, stats.speakers)?;
    match (stats.first_date, stats.last_date) {
        (Some(first), Some(last)) => writeln!(out, "dates     {first} to {last}")?,
        _ => writeln!(out, "dates     none")?,
    }
    writeln!(out, "terms     {} distinct stems in article bodies", stats.terms)?;
    let where_ = if stats.path.is_some() { "on disk" } else { "in memory" };
    let segments = if stats.segments == 1 { "segment" } else { "segments" };
    write!(out, "size      {} {where_}, {} {segments}", size(stats.size_bytes), stats.segments)?;
    if stats.deleted_documents > 0 {
        write!(out, " ({} replaced or deleted documents not yet merged away)", stats.deleted_documents)?;
    }
    writeln!(out)
}

/// Bytes in decimal megabytes, as `poisk index` reports sizes, or in
/// kilobytes below one megabyte.
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1_000.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}
