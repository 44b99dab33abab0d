//! Checking an index file by file, as `poisk check` does.
//!
//! Opening an index checks that its files are there and end with a valid
//! footer, not the bytes in between: reading every byte on each search
//! would cost too much. So bytes changed in place (a bad disk block, a
//! careless edit) show only when a search reads them, as wrong results or
//! a failure inside the index engine. [`Index::check`] reads every byte of
//! every segment file against the checksum tantivy wrote in its footer,
//! and opens every segment.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::{SegmentReader, TantivyError};

use super::directory::IndexDirectory;
use super::schema::Fields;
use super::{Index, MARKER_FILE, TANTIVY_META, check_marker};
use crate::error::{EngineResult, Error, Result, guard};

/// What [`Index::check`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexCheck {
    /// The index directory.
    pub path: PathBuf,
    /// Segments the index lists.
    pub segments: usize,
    /// Segment files whose every byte was read against their checksum.
    pub files: usize,
    /// Bytes of those files.
    pub bytes: u64,
    /// What is damaged, file by file (none in a sound index).
    pub damaged: Vec<Damage>,
}

/// One damaged file of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Damage {
    /// The file, relative to the index directory.
    pub file: PathBuf,
    /// What is wrong with it.
    pub problem: String,
}

impl IndexCheck {
    /// True when nothing is damaged.
    pub fn is_sound(&self) -> bool {
        self.damaged.is_empty()
    }
}

impl Index {
    /// Checks the index in `dir` file by file: that tantivy's list of
    /// segments can be read, that every segment file holds the bytes its
    /// checksum says, and that every segment opens. Damage is reported in
    /// the result, not as an error.
    ///
    /// # Example
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let index = poisk::Index::create(dir.path())?;
    /// let mut writer = index.writer()?;
    /// writer.add_many(poisk::builtin::articles()?)?;
    /// writer.commit()?;
    /// writer.finish()?;
    /// let check = poisk::Index::check(dir.path())?;
    /// assert!(check.is_sound());
    /// assert!(check.segments >= 1 && check.files >= 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NoIndex`] when there is no index; [`Error::BadIndex`]
    /// when it has another format version (it must be rebuilt whatever its
    /// files hold); [`Error::NotAnIndex`] for another program's tantivy
    /// index; [`Error::Io`] when the directory cannot be read.
    pub fn check(dir: impl AsRef<Path>) -> Result<IndexCheck> {
        let dir = dir.as_ref();
        let mut check = IndexCheck { path: dir.to_path_buf(), segments: 0, files: 0, bytes: 0, damaged: Vec::new() };
        let mut damage = |file: &str, problem: String| check.damaged.push(Damage { file: file.into(), problem });
        match Index::open(dir) {
            Ok(_) => {}
            // Damage that keeps the index from opening is what to list.
            Err(Error::BadIndex { message, .. }) if !dir.join(TANTIVY_META).exists() => {
                damage(TANTIVY_META, message);
                return Ok(check);
            }
            Err(Error::BadIndex { .. }) if !check_marker(dir)? => {
                damage(MARKER_FILE, "missing: it records the index's format version".into());
            }
            Err(Error::BadIndex { .. }) => {}
            Err(e) => return Err(e),
        }
        let opened = IndexDirectory::open(dir).map_err(TantivyError::from).and_then(tantivy::Index::open);
        let index = match opened {
            Ok(index) => index,
            Err(e) => {
                damage(TANTIVY_META, format!("tantivy cannot read it or .managed.json ({e})"));
                return Ok(check);
            }
        };
        if index.schema() != Fields::new().schema {
            damage(TANTIVY_META, "its schema differs from this poisk's".into());
            return Ok(check);
        }
        check_segments(dir, &index, &mut check)?;
        Ok(check)
    }
}

/// Reads every file of every segment of `index` against its checksum and
/// opens every segment, adding what fails to `check`.
fn check_segments(dir: &Path, index: &tantivy::Index, check: &mut IndexCheck) -> Result<()> {
    let metas = match index.load_metas() {
        Ok(metas) => metas,
        Err(e) => {
            check.damaged.push(Damage { file: TANTIVY_META.into(), problem: format!("it cannot be read ({e})") });
            return Ok(());
        }
    };
    check.segments = metas.segments.len();
    let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
    files.sort();
    for file in files {
        // The list names every file a segment may have; one it does not
        // have (deletions, say) is missed by the segment's opening below.
        let Ok(metadata) = fs::metadata(dir.join(&file)) else { continue };
        let verdict = guard(Some(dir), || Ok(index.directory().validate_checksum(&file)));
        let problem = match verdict {
            Ok(Ok(true)) => None,
            Ok(Ok(false)) => Some("its bytes do not match its checksum: they changed after it was written".into()),
            Ok(Err(e)) => Some(format!("it cannot be read ({e})")),
            Err(e) => Some(detail(&e)),
        };
        check.files += 1;
        check.bytes += metadata.len();
        if let Some(problem) = problem {
            check.damaged.push(Damage { file, problem });
        }
    }
    for segment in index.searchable_segments().engine()? {
        let opened = guard(Some(dir), || SegmentReader::open(&segment).map(drop).engine());
        if let Err(e) = opened {
            let file = format!("{}.*", segment.id().uuid_string());
            check
                .damaged
                .push(Damage { file: file.into(), problem: format!("the segment does not open: {}", detail(&e)) });
        }
    }
    Ok(())
}

/// What went wrong, with what the engine said when it failed inside.
fn detail(error: &Error) -> String {
    match error {
        Error::BadIndex { detail: Some(detail), .. } => {
            format!("the index engine failed reading it ({})", detail.replace('\n', " "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of the seed article in a new temporary directory.
    fn indexed() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut writer = index.writer_with(&crate::index::WriterOptions { threads: Some(1), memory_mb: 15 }).unwrap();
        writer.add_many(crate::builtin::articles().unwrap()).unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();
        dir
    }

    fn file_ending(dir: &Path, suffix: &str) -> PathBuf {
        let mut files = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path());
        files.find(|p| p.to_string_lossy().ends_with(suffix)).unwrap()
    }

    fn damaged(check: &IndexCheck) -> Vec<(String, &str)> {
        check.damaged.iter().map(|d| (d.file.to_string_lossy().into_owned(), d.problem.as_str())).collect()
    }

    #[test]
    fn a_sound_index_is_sound() {
        let dir = indexed();
        let check = Index::check(dir.path()).unwrap();
        assert!(check.is_sound(), "{:?}", check.damaged);
        assert_eq!((check.segments, check.files), (1, 6), "postings, positions, terms, store, fast fields, norms");
        assert!(check.bytes > 10_000);
    }

    #[test]
    fn changed_bytes_are_named_by_file() {
        let dir = indexed();
        let terms = file_ending(dir.path(), ".term");
        let mut bytes = fs::read(&terms).unwrap();
        let middle = bytes.len() / 2;
        for b in &mut bytes[middle..middle + 200] {
            *b = b.wrapping_add(1);
        }
        fs::write(&terms, bytes).unwrap();
        let check = Index::check(dir.path()).unwrap();
        let name = terms.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(damaged(&check), [(name, "its bytes do not match its checksum: they changed after it was written")]);
    }

    #[test]
    fn a_missing_file_and_a_missing_list_are_named() {
        let dir = indexed();
        let postings = file_ending(dir.path(), ".idx");
        fs::remove_file(&postings).unwrap();
        let check = Index::check(dir.path()).unwrap();
        assert_eq!(check.damaged.len(), 1, "{:?}", check.damaged);
        assert!(check.damaged[0].problem.starts_with("the segment does not open"), "{:?}", check.damaged);
        assert!(check.damaged[0].problem.contains(".idx"), "{:?}", check.damaged);
        fs::remove_file(dir.path().join(TANTIVY_META)).unwrap();
        let check = Index::check(dir.path()).unwrap();
        assert_eq!(damaged(&check), [(TANTIVY_META.into(), "meta.json, tantivy's list of segments, is missing")]);
    }

    #[test]
    fn no_index_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(Index::check(dir.path()), Err(Error::NoIndex { .. })));
    }
}
