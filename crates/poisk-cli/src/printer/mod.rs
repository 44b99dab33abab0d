//! Printers: search results as text for people or JSON for programs, and
//! timelines as a bar chart, CSV or JSON.

mod chart;
pub mod json;
mod text;

use std::io::{self, IsTerminal};

pub use chart::{JsonTimeline, chart_csv, chart_json, chart_text, timeline_json};
pub use json::JsonPrinter;
pub use text::TextPrinter;

use crate::args::When;

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
