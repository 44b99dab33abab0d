//! What `poisk check` found, as it prints it: a line per damaged file and
//! a verdict, or one line of JSON.

use std::io::{self, Write};
use std::path::Path;

use poisk::index::IndexCheck;
use serde::Serialize;

use crate::args::Format;

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

/// Prints what the check found.
pub fn check(out: &mut impl Write, format: Format, check: &IndexCheck) -> io::Result<()> {
    match format {
        Format::Text => text(out, check),
        Format::Json => {
            serde_json::to_writer(&mut *out, &json(check))?;
            writeln!(out)
        }
    }
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
