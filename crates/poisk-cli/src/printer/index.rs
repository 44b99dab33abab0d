//! What `poisk index` did, as it reports it.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

/// What one run of `poisk index` did.
#[derive(Debug, Default)]
pub struct Tally {
    /// Distinct articles indexed.
    pub articles: usize,
    pub quotes: usize,
    /// Bad files and lines.
    pub skipped: usize,
    /// Articles replaced by a later one with the same id in this run.
    pub replaced: usize,
    /// Articles deleted by `--prune`.
    pub pruned: usize,
    pub bytes: usize,
}

/// `1 article`, `2 articles`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Bytes in decimal megabytes.
pub fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The line `poisk index` ends with, on stderr: what it indexed and
/// skipped, where, and how fast.
pub fn indexed(out: &mut impl Write, tally: &Tally, took: Duration, dir: &Path) -> io::Result<()> {
    let secs = took.as_secs_f64();
    let mut line = format!(
        "poisk: indexed {} ({}) into {}, skipped {}",
        count(tally.articles, "article", "articles"),
        count(tally.quotes, "quote", "quotes"),
        dir.display(),
        tally.skipped + tally.replaced
    );
    if tally.replaced > 0 {
        line.push_str(&format!(" ({} of them replaced by a later article with the same id)", tally.replaced));
    }
    if tally.pruned > 0 {
        line.push_str(&format!(", pruned {} whose input is gone", tally.pruned));
    }
    line.push_str(&format!(
        "; {:.1} MB in {secs:.1} s ({:.1} MB/s)",
        mb(tally.bytes),
        mb(tally.bytes) / secs.max(1e-9)
    ));
    writeln!(out, "{line}")
}
