//! `poisk check`: read every file of the index against its checksum.

use std::io::{self, BufWriter, Write};

use poisk::Index;

use crate::args::CheckArgs;
use crate::{Outcome, printer};

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let (dir, _) = args.location.resolve();
    let check = Index::check(&dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    printer::check(&mut out, args.format, &check)?;
    out.flush()?;
    if check.is_sound() {
        return Ok(Outcome::Found);
    }
    anyhow::bail!(
        "index at {} is damaged ({} of its files); rebuild it with `poisk index --rebuild`",
        dir.display(),
        check.damaged.len()
    )
}
