//! `poisk timeline`: how many documents match per interval.

use std::io::{self, BufWriter, Write};

use poisk::{SearchRequest, TimelineRequest};

use crate::Outcome;
use crate::args::{ChartFormat, Interval, TimelineArgs, time_budget};
use crate::open::open_index;
use crate::printer::{chart_csv, chart_json, chart_text, terminal_width, use_color};
use crate::search_cmd::explain_query_error;

pub fn run(args: &TimelineArgs) -> anyhow::Result<Outcome> {
    let index = open_index(&args.location, "counting matches in")?;
    let timeline = index.searcher()?.timeline(&request(args)).map_err(|e| explain_query_error(&args.query, e))?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ChartFormat::Text => chart_text(&mut out, &timeline, terminal_width(), use_color(args.color))?,
        ChartFormat::Csv => chart_csv(&mut out, &timeline)?,
        ChartFormat::Json => chart_json(&mut out, &timeline)?,
    }
    out.flush()?;
    Ok(if timeline.total > 0 { Outcome::Found } else { Outcome::NotFound })
}

fn request(args: &TimelineArgs) -> TimelineRequest {
    TimelineRequest::from(args.filters.apply(SearchRequest::new(&args.query)))
        .by(match args.by {
            Interval::Day => poisk::Interval::Day,
            Interval::Week => poisk::Interval::Week,
            Interval::Month => poisk::Interval::Month,
            Interval::Year => poisk::Interval::Year,
        })
        .time_budget(time_budget(args.timeout))
}
