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
    /// With `--merge`: how many segments were merged into one at the end
    /// (0 when the index was one already), and in how long.
    pub merged: Option<(usize, Duration)>,
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
    // `poisk index --merge` without input: the merge is all there is to say.
    if let (Some((segments, _)), 0, 0) = (tally.merged, tally.articles + tally.skipped + tally.pruned, tally.bytes) {
        return match segments {
            0 => writeln!(out, "poisk: {} is one segment or none: nothing to merge", dir.display()),
            _ => writeln!(out, "poisk: merged the {segments} segments of {} into one in {secs:.1} s", dir.display()),
        };
    }
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
    if let Some((segments @ 1.., took)) = tally.merged {
        line.push_str(&format!(", {segments} segments merged into one in {:.1} s of it", took.as_secs_f64()));
    }
    writeln!(out, "{line}")
}
