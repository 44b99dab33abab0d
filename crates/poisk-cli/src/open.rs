//! Opening the index, the same way for every command that reads one.

use poisk::Index;

use crate::args::IndexLocation;

/// Opens the index; with no index at the default location, the seed
/// articles compiled into the binary stand in for it, and a note on stderr
/// says so (`doing` is what the command does with them: "searching").
///
/// # Errors
/// A named index (`--index`, `POISK_INDEX`) that does not exist is an
/// error that names the path and says how to make one; so is an index that
/// cannot be read.
pub fn open_index(location: &IndexLocation, doing: &str) -> anyhow::Result<Index> {
    let (dir, named) = location.resolve();
    match Index::open(&dir) {
        Err(poisk::Error::NoIndex { .. }) if !named => {
            eprintln!(
                "poisk: no index at {}; {doing} the seed articles built into poisk (build an index with `poisk index PATH`)",
                dir.display()
            );
            Ok(poisk::builtin::index()?)
        }
        Err(poisk::Error::NoIndex { path }) => Err(no_index(&path)),
        other => Ok(other?),
    }
}

/// The error for a named index that does not exist.
fn no_index(path: &std::path::Path) -> anyhow::Error {
    anyhow::anyhow!(
        "no index at {}: run `poisk index --index {} PATH` first, or pass another --index",
        path.display(),
        path.display()
    )
}
