//! `poisk stats`: what the index holds.

use std::io::{self, BufWriter, Write};

use crate::args::StatsArgs;
use crate::{Outcome, open, printer};

pub fn run(args: &StatsArgs) -> anyhow::Result<Outcome> {
    if let Some(url) = &args.location.engine {
        return crate::cluster_cmd::stats(url, args.format);
    }
    let index = open::to_read(&args.location, "showing the statistics of")?;
    let stats = index.stats()?;
    let mut out = BufWriter::new(io::stdout().lock());
    printer::stats(&mut out, args.format, &stats)?;
    out.flush()?;
    Ok(Outcome::Found)
}
