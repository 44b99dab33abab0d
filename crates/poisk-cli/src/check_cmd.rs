//! `poisk check`: read every file of the index against its checksum.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use poisk::{Index, IndexCheck};
use serde::Serialize;

use crate::Outcome;
use crate::args::{CheckArgs, Format};

/// The JSON form of the check, separate from the library's type so that
/// the output only changes on purpose.
#[derive(Serialize)]
struct JsonCheck<'a> {
    path: &'a Path,
    sound: bool,
    segments: usize,
    files: usize,
    bytes: u64,
    damaged: Vec<JsonDamage<'a>>,
}

#[derive(Serialize)]
struct JsonDamage<'a> {
    file: &'a Path,
    problem: &'a str,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<Outcome> {
    let (dir, _) = args.location.resolve();
    let check = Index::check(&dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Text => text(&mut out, &check)?,
        Format::Json => {
            serde_json::to_writer(&mut out, &json(&check))?;
            writeln!(out)?;
        }
    }
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

fn json(check: &IndexCheck) -> JsonCheck<'_> {
    JsonCheck {
        path: &check.path,
        sound: check.is_sound(),
        segments: check.segments,
        files: check.files,
        bytes: check.bytes,
        damaged: check.damaged.iter().map(|d| JsonDamage { file: &d.file, problem: &d.problem }).collect(),
    }
}

fn text(out: &mut impl Write, check: &IndexCheck) -> io::Result<()> {
    for damage in &check.damaged {
        writeln!(out, "damaged  {}: {}", damage.file.display(), damage.problem)?;
    }
    let segments = if check.segments == 1 { "segment" } else { "segments" };
    let verdict = if check.is_sound() { "sound" } else { "damaged" };
    writeln!(
        out,
        "{}: {} files of {} {segments} read against their checksums ({:.1} MB): {verdict}",
        check.path.display(),
        check.files,
        check.segments,
        check.bytes as f64 / 1_000_000.0
    )
}
