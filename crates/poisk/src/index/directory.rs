//! The directory under an index on disk: tantivy's `MmapDirectory`, with
//! two changes.
//!
//! - **Files replaced whole follow the umask.** tantivy writes `meta.json`
//!   and `.managed.json` through a temporary file that `tempfile` creates
//!   with mode 0600, whatever the umask, while segment files get the usual
//!   0644. Another user who could read every segment could not read those
//!   two, and took the index as damaged. Here they are created like any
//!   other file (mode 0666 less the umask).
//! - **Reading takes no lock it cannot take.** A reader holds
//!   `.tantivy-meta.lock` while it opens segment files, so that a writer's
//!   clean-up does not delete them in between. On a read-only file system,
//!   or in a directory the user may not write, that lock file cannot be
//!   opened, and tantivy refused to read at all. There, reading goes on
//!   without the lock: on a read-only file system nothing can delete files;
//!   in a directory another user writes, a file deleted under the reader is
//!   retried by [`crate::Index::open`] and [`crate::Index::searcher`] with
//!   the newer `meta.json`. The writer's lock is never skipped.
//! - **Files being written are counted** ([`WritesInFlight`]). When an
//!   indexing thread fails, tantivy returns as soon as it has joined that
//!   thread and leaves the others running: they go on writing their
//!   segments after the writer has rolled back. Collecting garbage before
//!   they end leaves their files on the disk that just filled up; the
//!   writer waits for the count to reach zero first.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, META_LOCK, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// An index directory on disk (see the module docs).
#[derive(Clone, Debug)]
pub(crate) struct IndexDirectory {
    inner: Box<dyn Directory>,
    root: PathBuf,
    writes: WritesInFlight,
}

impl IndexDirectory {
    /// The directory at `root`, which must exist.
    pub(crate) fn open(root: &Path) -> Result<IndexDirectory, OpenDirectoryError> {
        Ok(IndexDirectory::wrap(Box::new(MmapDirectory::open(root)?), root))
    }

    /// `inner`, whose files live in `root`, with this module's changes.
    pub(crate) fn wrap(inner: Box<dyn Directory>, root: &Path) -> IndexDirectory {
        IndexDirectory { inner, root: root.to_path_buf(), writes: WritesInFlight::default() }
    }

    /// The count of files being written through this directory and its clones.
    pub(crate) fn writes(&self) -> WritesInFlight {
        self.writes.clone()
    }
}

/// How many files are open for writing through an [`IndexDirectory`]
/// (shared by its clones, which tantivy's threads hold), and how many
/// were ever opened.
#[derive(Clone, Debug, Default)]
pub(crate) struct WritesInFlight(Arc<(Mutex<Writes>, Condvar)>);

#[derive(Debug, Default)]
struct Writes {
    open: usize,
    ever: u64,
}

impl WritesInFlight {
    /// Waits until no file is open for writing, or `limit` has passed;
    /// returns whether none is.
    pub(crate) fn wait_for_none(&self, limit: Duration) -> bool {
        let (writes, changed) = &*self.0;
        let deadline = Instant::now() + limit;
        let mut writes = writes.lock().unwrap_or_else(PoisonError::into_inner);
        while writes.open > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            writes = changed.wait_timeout(writes, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        true
    }

    /// How many files were ever opened for writing.
    pub(crate) fn ever(&self) -> u64 {
        self.0.0.lock().unwrap_or_else(PoisonError::into_inner).ever
    }

    /// Waits up to `quiet` for a file to be opened after `ever` had been
    /// opened; returns true when none was.
    pub(crate) fn stays_quiet(&self, ever: u64, quiet: Duration) -> bool {
        let (writes, changed) = &*self.0;
        let deadline = Instant::now() + quiet;
        let mut writes = writes.lock().unwrap_or_else(PoisonError::into_inner);
        while writes.ever == ever {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            writes = changed.wait_timeout(writes, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        false
    }

    fn opened(&self) -> OpenWrite {
        let (writes, changed) = &*self.0;
        let mut writes = writes.lock().unwrap_or_else(PoisonError::into_inner);
        writes.open += 1;
        writes.ever += 1;
        changed.notify_all();
        OpenWrite(self.clone())
    }
}

/// One file open for writing; counted until dropped.
struct OpenWrite(WritesInFlight);

impl Drop for OpenWrite {
    fn drop(&mut self) {
        let (writes, changed) = &*self.0.0;
        let mut writes = writes.lock().unwrap_or_else(PoisonError::into_inner);
        writes.open = writes.open.saturating_sub(1);
        if writes.open == 0 {
            changed.notify_all();
        }
    }
}

/// A file being written, counted in [`WritesInFlight`] until it is dropped.
struct CountedWrite {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    _open: OpenWrite,
}

impl Write for CountedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for CountedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.terminate_ref(token)
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let open = self.writes.opened();
        let written = self.inner.open_write(path)?;
        let capacity = written.capacity();
        // Freshly opened, the buffer is empty: nothing is lost.
        let (inner, _) = written.into_parts();
        Ok(io::BufWriter::with_capacity(capacity, Box::new(CountedWrite { inner, _open: open })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    /// Writes a temporary file beside `path`, syncs it and renames it over
    /// `path`, as `MmapDirectory` does, but with the umask's permissions.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut file = builder.tempfile_in(&self.root)?;
        file.write_all(data)?;
        file.as_file_mut().sync_data()?;
        file.persist(self.root.join(path)).map_err(|e| e.error)?;
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) if lock.filepath == META_LOCK.filepath && cannot_write(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

/// Whether `e` says that the file system or directory may not be written.
fn cannot_write(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied)
}

#[cfg(test)]
pub(crate) mod testing {
    //! A directory on a small disk, to test what a full disk does.

    use std::fs;
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// An [`IndexDirectory`] whose files may together take at most
    /// `capacity` bytes; a write beyond that fails as on a full disk.
    #[derive(Clone, Debug)]
    pub(crate) struct SmallDisk {
        inner: IndexDirectory,
        capacity: Arc<AtomicU64>,
    }

    impl SmallDisk {
        pub(crate) fn new(root: &Path, capacity: Arc<AtomicU64>) -> SmallDisk {
            SmallDisk { inner: IndexDirectory::open(root).unwrap(), capacity }
        }

        pub(crate) fn writes(&self) -> WritesInFlight {
            self.inner.writes()
        }

        fn check_room(root: &Path, capacity: &AtomicU64, more: usize) -> io::Result<()> {
            if used(root) + more as u64 > capacity.load(Ordering::SeqCst) {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            Ok(())
        }
    }

    /// Bytes of the files in `root`.
    pub(crate) fn used(root: &Path) -> u64 {
        fs::read_dir(root).unwrap().map(|e| e.unwrap().metadata().map_or(0, |m| m.len())).sum()
    }

    struct SmallDiskWriter {
        inner: Box<dyn TerminatingWrite + Send + Sync>,
        root: PathBuf,
        capacity: Arc<AtomicU64>,
    }

    impl Write for SmallDiskWriter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            SmallDisk::check_room(&self.root, &self.capacity, buf.len())?;
            self.inner.write(buf)
        }

        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    impl TerminatingWrite for SmallDiskWriter {
        fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
            self.inner.terminate_ref(token)
        }
    }

    impl Directory for SmallDisk {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            self.inner.get_file_handle(path)
        }

        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            self.inner.delete(path)
        }

        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.inner.exists(path)
        }

        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            let (inner, _) = self.inner.open_write(path)?.into_parts();
            let writer = SmallDiskWriter { inner, root: self.inner.root.clone(), capacity: self.capacity.clone() };
            Ok(io::BufWriter::new(Box::new(writer)))
        }

        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.inner.atomic_read(path)
        }

        fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
            SmallDisk::check_room(&self.inner.root, &self.capacity, data.len())?;
            self.inner.atomic_write(path, data)
        }

        fn sync_directory(&self) -> io::Result<()> {
            self.inner.sync_directory()
        }

        fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
            self.inner.acquire_lock(lock)
        }

        fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.inner.watch(callback)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opened_after_a_collection_breaks_the_quiet() {
        let writes = WritesInFlight::default();
        let ever = writes.ever();
        assert!(writes.stays_quiet(ever, Duration::from_millis(20)), "nothing was opened");
        // A thread that flushes its segment late, as tantivy's indexing
        // threads do after a failed commit.
        let late = writes.clone();
        let flush = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(30));
            drop(late.opened());
        });
        assert!(!writes.stays_quiet(ever, Duration::from_secs(10)), "the late file is seen");
        flush.join().expect("the flushing thread");
        assert!(writes.wait_for_none(Duration::from_secs(1)));
        assert_eq!(writes.ever(), ever + 1);
    }

    /// A directory that refuses every write as a read-only file system does.
    #[derive(Clone, Debug)]
    struct ReadOnly(IndexDirectory);

    fn read_only() -> io::Error {
        io::Error::from(io::ErrorKind::ReadOnlyFilesystem)
    }

    impl Directory for ReadOnly {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            self.0.get_file_handle(path)
        }

        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            Err(DeleteError::IoError { io_error: Arc::new(read_only()), filepath: path.to_path_buf() })
        }

        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.0.exists(path)
        }

        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            Err(OpenWriteError::wrap_io_error(read_only(), path.to_path_buf()))
        }

        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.0.atomic_read(path)
        }

        fn atomic_write(&self, _: &Path, _: &[u8]) -> io::Result<()> {
            Err(read_only())
        }

        fn sync_directory(&self) -> io::Result<()> {
            Ok(())
        }

        /// What `MmapDirectory` meets when it opens a lock file.
        fn acquire_lock(&self, _: &Lock) -> Result<DirectoryLock, LockError> {
            Err(LockError::wrap_io_error(read_only()))
        }

        fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.0.watch(callback)
        }
    }

    #[test]
    fn an_index_on_a_read_only_file_system_is_read_without_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let index = crate::Index::create(dir.path()).unwrap();
        let mut writer = index.writer().unwrap();
        writer.add_many(crate::builtin::articles().unwrap()).unwrap();
        writer.commit().unwrap();
        writer.finish().unwrap();

        let read_only = ReadOnly(IndexDirectory::open(dir.path()).unwrap());
        let wrapped = IndexDirectory::wrap(Box::new(read_only.clone()), dir.path());
        let index = tantivy::Index::open(wrapped).unwrap();
        let reader = index.reader().unwrap();
        let spans = crate::quotes::extract_spans(&crate::builtin::articles().unwrap()[0].body).len();
        assert_eq!(reader.searcher().num_docs(), 1 + spans as u64, "the seed article and its «…» spans");
        reader.reload().unwrap();
        // Writing still needs its lock, and says why it cannot have it.
        let err = index.writer::<tantivy::TantivyDocument>(15 << 20).err().unwrap();
        assert!(matches!(err, tantivy::TantivyError::LockFailure(..)), "{err}");
        // Without the wrapper, tantivy refuses to read.
        let bare = tantivy::Index::open(read_only).unwrap();
        assert!(bare.reader().is_err());
    }

    #[cfg(unix)]
    #[test]
    fn files_written_whole_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let directory = IndexDirectory::open(dir.path()).unwrap();
        directory.atomic_write(Path::new("meta.json"), b"{}").unwrap();
        let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        // Whatever the umask, the file gets the mode a plain new file gets.
        std::fs::write(dir.path().join("plain"), b"").unwrap();
        assert_eq!(mode("meta.json"), mode("plain"));
        assert_eq!(std::fs::read(dir.path().join("meta.json")).unwrap(), b"{}");
        // The temporary file is gone.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
