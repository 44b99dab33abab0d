//! Opening the index, the one way each command does it: to read (every
//! command but `index` and `check`), or to write (`index`).

use std::path::Path;

use poisk::Index;
use poisk::search::Backend;

use crate::args::IndexLocation;

/// Opens the index to read; with no index at the default location, the
/// seed articles compiled into the binary stand in for it, and a note on
/// stderr says so (`doing` is what the command does with them:
/// "searching").
///
/// # Errors
/// A named index (`--index`, `POISK_INDEX`) that does not exist is an
/// error that names the path and says how to make one; so is an index that
/// cannot be read.
pub fn to_read(location: &IndexLocation, doing: &str) -> anyhow::Result<Index> {
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

/// What a command searches: the cluster of `--engine`, or the index
/// opened to read as [`to_read`] does.
///
/// # Errors
/// As [`to_read`]; a bad `--engine` address, or an aggregator that cannot
/// be reached.
pub fn backend(location: &IndexLocation, doing: &str) -> anyhow::Result<Box<dyn Backend>> {
    match &location.engine {
        Some(url) => crate::cluster_cmd::search_backend(url),
        None => Ok(Box::new(to_read(location, doing)?.searcher()?)),
    }
}

/// Opens the index in `dir` to write, creating it if needed. With
/// `rebuild`, an index this poisk cannot read (another format version,
/// damage) is replaced; one it can read is kept, for the caller to empty
/// and fill in one commit.
///
/// # Errors
/// When the index cannot be opened or created.
pub fn to_write(dir: &Path, rebuild: bool) -> anyhow::Result<Index> {
    Ok(if rebuild { Index::open_or_replace(dir)? } else { Index::open_or_create(dir)? })
}

/// The error for a named index that does not exist.
pub fn no_index(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "no index at {}: run `poisk index --index {} PATH` first, or pass another --index",
        path.display(),
        path.display()
    )
}
