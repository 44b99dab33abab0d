//! `poisk index`: read articles, add them to the index, report.

use crate::Outcome;
use crate::args::IndexArgs;

pub fn run(args: &IndexArgs) -> anyhow::Result<Outcome> {
    let _ = args;
    anyhow::bail!("not yet")
}
