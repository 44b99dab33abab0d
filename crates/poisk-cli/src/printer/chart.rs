//! Timelines: a bar chart for people, CSV and JSON for programs.

use std::io::{self, Write};

use poisk::Kind;
use poisk::search::{Correction, Interval, Timeline};
use serde::Serialize;
use utoipa::ToSchema;

const BAR: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The width of a chart when stdout is not a terminal.
const PIPE_WIDTH: usize = 80;
/// The fewest columns a bar gets, however narrow the terminal.
const MIN_BAR: usize = 10;
/// A bar's last cell, by eighths filled (index 0: nothing).
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// Draws one bar per bucket, `label  count ████▌`, the longest bar as
/// wide as `width` (the terminal's, else 80 columns) allows less one
/// column, so that no terminal wraps the line; a non-zero
/// count always shows at least a sliver. Notes on layout correction,
/// relaxing and undated matches go above and below the bars.
pub fn chart_text(out: &mut impl Write, timeline: &Timeline, width: Option<usize>, color: bool) -> io::Result<()> {
    let (dim, bar, reset) = if color { (DIM, BAR, RESET) } else { ("", "", "") };
    for note in notes(timeline) {
        writeln!(out, "{dim}{note}{reset}")?;
    }
    let label_width = timeline.buckets.iter().map(|b| b.label.len()).max().unwrap_or(0);
    let max = timeline.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let count_width = max.to_string().len();
    let bar_width = width.unwrap_or(PIPE_WIDTH).saturating_sub(label_width + count_width + 4).max(MIN_BAR);
    for bucket in &timeline.buckets {
        let (label, count) = (&bucket.label, bucket.count);
        if count == 0 {
            writeln!(out, "{dim}{label:<label_width$}  {count:>count_width$}{reset}")?;
        } else {
            let drawn = bar_cells(count, max, bar_width);
            writeln!(out, "{label:<label_width$}  {count:>count_width$} {bar}{drawn}{reset}")?;
        }
    }
    writeln!(out, "{dim}{}{reset}", summary(timeline))
}

/// `count` out of `max` as a bar of at most `width` cells, in eighths of
/// a cell; at least one eighth when `count` is not zero.
fn bar_cells(count: usize, max: usize, width: usize) -> String {
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((count * width * 8 + max / 2) / max).max(1);
    let mut cells = "█".repeat(eighths / 8);
    cells.push_str(EIGHTHS[eighths % 8]);
    cells
}

/// What the reader should know before the bars.
fn notes(timeline: &Timeline) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(corrected) = &timeline.corrected {
        notes.push(match timeline.correction {
            Some(Correction::Typos) => format!("counting «{corrected}» (--as-typed counts «{}»)", timeline.query),
            _ => format!("«{}» looks typed on the Latin keyboard layout; counting «{corrected}»", timeline.query),
        });
    }
    if timeline.relaxed {
        notes.push(format!("no {} has all the words; counting those with any of them", noun(timeline.kind, 1)));
    }
    if timeline.partial {
        notes.push("counting ran out of time (--timeout): the counts are of the matches found until then".into());
    }
    notes.extend(timeline.warnings.iter().map(|w| format!("warning: {w}")));
    notes
}

/// The line under the chart: what was counted, how many in all, how many
/// of them without a date.
fn summary(timeline: &Timeline) -> String {
    let query = timeline.corrected.as_deref().unwrap_or(&timeline.query);
    let by = match timeline.interval {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Year => "year",
    };
    let verb = if timeline.total == 1 { "matches" } else { "match" };
    let at_least = if timeline.partial { "at least " } else { "" };
    let mut line = format!("{at_least}{} {} {verb} «{query}»", timeline.total, noun(timeline.kind, timeline.total));
    if let (Some(first), Some(last)) = (timeline.buckets.first(), timeline.buckets.last()) {
        line.push_str(&format!(", by {by} from {} to {}", first.label, last.label));
    }
    if timeline.undated > 0 {
        line.push_str(&format!("; {} undated, not in the chart", timeline.undated));
    }
    line.push_str(&format!(" ({:.1} ms)", timeline.took_ms));
    line
}

fn noun(kind: Kind, n: usize) -> &'static str {
    match (kind, n == 1) {
        (Kind::Article, true) => "article",
        (Kind::Article, false) => "articles",
        (Kind::Quote, true) => "quote",
        (Kind::Quote, false) => "quotes",
    }
}

/// `period,start,end,count`, one line per bucket; the notes go to stderr
/// so that the CSV stays a table.
pub fn chart_csv(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    for note in notes(timeline) {
        eprintln!("poisk: {note}");
    }
    if timeline.undated > 0 {
        eprintln!("poisk: {} of the {} matches have no date and are in no row", timeline.undated, timeline.total);
    }
    writeln!(out, "period,start,end,count")?;
    for b in &timeline.buckets {
        writeln!(out, "{},{},{},{}", b.label, b.start, b.end, b.count)?;
    }
    Ok(())
}

/// A timeline as `poisk timeline --format json` prints it and `GET
/// /timeline` answers.
#[derive(Serialize, ToSchema)]
pub struct JsonTimeline<'a> {
    query: &'a str,
    /// The query counted instead, when the one given was typed on the
    /// Latin layout by mistake or has a word the index lacks; null
    /// otherwise.
    corrected: Option<&'a str>,
    /// Why: `layout` or `typos`; absent when the query was counted as
    /// given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    correction: Option<Correction>,
    relaxed: bool,
    /// `article` or `quote`.
    #[schema(value_type = String)]
    kind: Kind,
    /// `day`, `week`, `month` or `year`.
    #[schema(value_type = String)]
    by: Interval,
    total: usize,
    undated: usize,
    took_ms: f64,
    /// True when counting stopped at the time budget.
    partial: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<&'a str>,
    buckets: Vec<JsonBucket<'a>>,
}

/// One bar of a timeline.
#[derive(Serialize, ToSchema)]
pub struct JsonBucket<'a> {
    /// `2018-03-05`, `2018-W10`, `2018-03` or `2018`.
    period: &'a str,
    /// The first day, `YYYY-MM-DD`.
    start: String,
    /// The last day, inclusive.
    end: String,
    count: usize,
}

/// The timeline as one JSON object on one line.
pub fn chart_json(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &timeline_json(timeline))?;
    writeln!(out)
}

/// The JSON of a timeline.
pub fn timeline_json(timeline: &Timeline) -> JsonTimeline<'_> {
    JsonTimeline {
        query: &timeline.query,
        corrected: timeline.corrected.as_deref(),
        correction: timeline.correction,
        relaxed: timeline.relaxed,
        kind: timeline.kind,
        by: timeline.interval,
        total: timeline.total,
        undated: timeline.undated,
        took_ms: timeline.took_ms,
        partial: timeline.partial,
        warnings: timeline.warnings.iter().map(String::as_str).collect(),
        buckets: timeline
            .buckets
            .iter()
            .map(|b| JsonBucket {
                period: &b.label,
                start: b.start.to_string(),
                end: b.end.to_string(),
                count: b.count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_in_eighths_with_a_sliver_for_small_counts() {
        assert_eq!(bar_cells(10, 10, 4), "████");
        assert_eq!(bar_cells(5, 10, 4), "██");
        assert_eq!(bar_cells(1, 16, 4), "▎");
        assert_eq!(bar_cells(3, 8, 4), "█▌");
        assert_eq!(bar_cells(1, 1000, 4), "▏");
        assert_eq!(bar_cells(0, 10, 4), "");
    }
}
