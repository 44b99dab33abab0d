//! `poisk timeline`: how many documents match per interval.

use std::io::{self, BufWriter, Write};

use poisk::search::TimelineRequest;

use crate::args::{Interval, TimelineArgs, time_budget};
use crate::printer::use_color;
use crate::search_cmd::explain_query_error;
use crate::{Outcome, open, printer};

pub fn run(args: &TimelineArgs) -> anyhow::Result<Outcome> {
    let backend = open::backend(&args.location, "counting matches in")?;
    let timeline = backend.timeline(&request(args)).map_err(|e| explain_query_error(&args.query, e))?;
    let mut out = BufWriter::new(io::stdout().lock());
    printer::timeline(&mut out, args.format, &timeline, use_color(args.color))?;
    out.flush()?;
    Ok(if timeline.total > 0 { Outcome::Found } else { Outcome::NotFound })
}

fn request(args: &TimelineArgs) -> TimelineRequest {
    TimelineRequest::new(args.filters.matching(&args.query))
        .by(match args.by {
            Interval::Day => poisk::search::Interval::Day,
            Interval::Week => poisk::search::Interval::Week,
            Interval::Month => poisk::search::Interval::Month,
            Interval::Year => poisk::search::Interval::Year,
        })
        .time_budget(time_budget(args.timeout))
}
