//! Inputs: the files and directories named on a command line, walked into a
//! list of files, each read into articles.
//!
//! Collecting and reading are two steps so that a caller can count the
//! files, report the paths it cannot use, and only then read.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::jsonl::decompressed;
use super::{Article, JsonlReader, MAX_ARTICLE_BYTES, parse_article, too_big};
use crate::error::{Error, Result};

/// The name that stands for standard input on a command line.
const STDIN_ARG: &str = "-";
/// How standard input is named in errors.
const STDIN_ORIGIN: &str = "<stdin>";

/// What an input file holds (examples: [`InputKind::from_path`],
/// [`collect_inputs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// One article in the seed format (`.txt`, see [`crate::input::parse_article`]).
    Seed,
    /// Articles as JSON lines (`.jsonl`, or gzip-compressed `.jsonl.gz`).
    Jsonl,
}

impl InputKind {
    /// The kind a file name says: `.txt`, `.jsonl` or `.jsonl.gz` (in any
    /// letter case), or `None`.
    ///
    /// ```
    /// use poisk::input::InputKind;
    /// use std::path::Path;
    /// assert_eq!(InputKind::from_path(Path::new("a/2025-09-03.txt")), Some(InputKind::Seed));
    /// assert_eq!(InputKind::from_path(Path::new("news.JSONL.gz")), Some(InputKind::Jsonl));
    /// assert_eq!(InputKind::from_path(Path::new("news.json.gz")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".txt") {
            Some(InputKind::Seed)
        } else if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            Some(InputKind::Jsonl)
        } else {
            None
        }
    }
}

/// One input: a seed file, a JSONL file, or JSONL on standard input.
/// [`collect_inputs`] makes them, and its example reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// `None` for standard input.
    path: Option<PathBuf>,
    kind: InputKind,
    name: String,
}

impl InputFile {
    /// JSONL on standard input (`-` on a command line).
    pub fn stdin() -> InputFile {
        InputFile { path: None, kind: InputKind::Jsonl, name: STDIN_ARG.to_string() }
    }

    /// The size of the file on disk, or `None` for standard input (or a
    /// file whose size cannot be read).
    pub fn size(&self) -> Option<u64> {
        fs::metadata(self.path.as_deref()?).ok().map(|m| m.len())
    }

    /// The file, or `None` for standard input.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What the file holds.
    pub fn kind(&self) -> InputKind {
        self.kind
    }

    /// The file's path relative to the directory named on the command line,
    /// with `/` separators, or its file name when it was named itself (`-`
    /// for standard input). It is the [`Article::id`] of a seed file.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How errors name this input: its path as walked, or `<stdin>`.
    pub fn origin(&self) -> String {
        self.path.as_ref().map_or_else(|| STDIN_ORIGIN.to_string(), |p| p.display().to_string())
    }
}

/// Turns command-line paths into the input files they name.
///
/// `-` is JSONL on standard input. A file is taken by its extension (see
/// [`InputKind::from_path`]); one named explicitly with another extension is
/// an error. A directory is walked recursively in sorted order, skipping
/// hidden entries (names starting with `.`) and files of other extensions;
/// symbolic links are followed, but a directory already walked (through a
/// loop or a second link) is not walked again. Each path that cannot be
/// used (missing, unreadable, a broken link) is an error and the others are
/// still collected, so the result is both the files and the errors.
///
/// # Example
/// ```
/// use std::path::PathBuf;
/// // The repository's seed articles; `-` would add JSONL from stdin.
/// let (files, errors) = poisk::input::collect_inputs(&[PathBuf::from("../../seeds")]);
/// for error in &errors {
///     eprintln!("{error}");
/// }
/// assert!(!files.is_empty());
/// for file in &files {
///     for result in poisk::input::read_input(file) {
///         match result {
///             Ok(article) => println!("{}: {}", article.id, article.title),
///             Err(error) => eprintln!("{error}"),
///         }
///     }
/// }
/// ```
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<InputFile>, Vec<Error>) {
    let mut walker = Walker::default();
    for path in paths {
        walker.add_argument(path);
    }
    (walker.files, walker.errors)
}

/// Reads the articles of one input, lazily: the file is opened at the
/// first call to `next`.
///
/// A seed file yields one result; a JSONL input one per non-blank line.
/// Errors are [`Error::Parse`] (`origin:line: problem`) for bad content and
/// [`Error::Io`] for a file that cannot be read; after an error the rest of
/// a JSONL input is still read.
pub fn read_input(file: &InputFile) -> Articles {
    Articles { state: State::Unopened(file.clone()), read: Arc::new(AtomicU64::new(0)) }
}

/// The articles of one input, as [`read_input`] gives them.
pub struct Articles {
    state: State,
    /// Bytes of the file read so far, as stored (compressed for `.gz`).
    read: Arc<AtomicU64>,
}

impl Articles {
    /// How many bytes of the input have been read so far, as they are on
    /// disk (compressed bytes of a `.jsonl.gz`), to set against
    /// [`InputFile::size`] for a progress bar. Reading runs ahead of the
    /// articles returned by at most a buffer (a few dozen kilobytes).
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The line of a JSONL input that the last article or error came from;
    /// `None` for a seed file, where the article is the whole file.
    pub fn line(&self) -> Option<usize> {
        match &self.state {
            State::Jsonl(reader) => Some(reader.line()),
            State::Unopened(_) | State::Done => None,
        }
    }
}

enum State {
    Unopened(InputFile),
    Jsonl(Box<JsonlReader<Box<dyn BufRead + Send>>>),
    Done,
}

impl Iterator for Articles {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        if let State::Unopened(file) = &self.state {
            let (state, first) = open(file, &self.read);
            self.state = state;
            if first.is_some() {
                return first;
            }
        }
        match &mut self.state {
            State::Jsonl(reader) => reader.next(),
            State::Unopened(_) | State::Done => None,
        }
    }
}

/// Opens `file`: the state to go on in, and a result to give at once (the
/// article of a seed file, or the error that ends the input).
fn open(file: &InputFile, read: &Arc<AtomicU64>) -> (State, Option<Result<Article>>) {
    match (file.kind, file.path.as_deref()) {
        (InputKind::Seed, Some(path)) => {
            let article = read_seed(path, &file.name);
            read.store(file.size().unwrap_or(0), Ordering::Relaxed);
            (State::Done, Some(article))
        }
        // Only JSONL comes from stdin.
        (InputKind::Seed, None) => (State::Done, None),
        (InputKind::Jsonl, path) => match open_jsonl(path, read) {
            Ok(reader) => (State::Jsonl(Box::new(reader)), None),
            Err(error) => (State::Done, Some(Err(error))),
        },
    }
}

/// Reads and parses a seed file; its id is `name`.
fn read_seed(path: &Path, name: &str) -> Result<Article> {
    let origin = path.display().to_string();
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_ARTICLE_BYTES as u64 {
        return Err(Error::parse(origin, None, too_big("the file", size)));
    }
    // Read no more than the limit even if the file grows meanwhile.
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_ARTICLE_BYTES as u64).read_to_end(&mut bytes).map_err(io)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        Error::parse(origin.as_str(), Some(line), "not UTF-8 text (a binary file, or another encoding)")
    })?;
    parse_article(text, name, &origin)
}

fn open_jsonl(path: Option<&Path>, read: &Arc<AtomicU64>) -> Result<JsonlReader<Box<dyn BufRead + Send>>> {
    match path {
        Some(path) => {
            let io_error = |source| Error::Io { path: path.to_path_buf(), source };
            let file = fs::File::open(path).map_err(io_error)?;
            let reader = decompressed(Counted { inner: file, read: read.clone() }).map_err(io_error)?;
            Ok(JsonlReader::new(reader, path.display().to_string()))
        }
        None => {
            let stdin = Counted { inner: std::io::stdin(), read: read.clone() };
            let reader = decompressed(stdin).map_err(|source| Error::Io { path: STDIN_ORIGIN.into(), source })?;
            Ok(JsonlReader::new(reader, STDIN_ORIGIN))
        }
    }
}

/// A reader that counts the bytes it reads, for [`Articles::bytes_read`].
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The state of [`collect_inputs`].
#[derive(Default)]
struct Walker {
    files: Vec<InputFile>,
    errors: Vec<Error>,
    /// Canonical paths of the directories walked so far.
    visited: HashSet<PathBuf>,
    stdin_taken: bool,
}

impl Walker {
    fn add_argument(&mut self, path: &Path) {
        if path.as_os_str() == STDIN_ARG {
            self.add_stdin();
            return;
        }
        match fs::metadata(path) {
            Err(source) => self.errors.push(Error::Io { path: path.to_path_buf(), source }),
            Ok(meta) if meta.is_dir() => self.walk(path, Path::new("")),
            Ok(_) => self.add_named_file(path),
        }
    }

    fn add_stdin(&mut self) {
        if self.stdin_taken {
            self.errors.push(Error::parse(STDIN_ORIGIN, None, "standard input (`-`) is named more than once"));
        } else {
            self.stdin_taken = true;
            self.files.push(InputFile::stdin());
        }
    }

    /// A file named on the command line: its kind must be known.
    fn add_named_file(&mut self, path: &Path) {
        let Some(kind) = InputKind::from_path(path) else {
            let message = "not an input file: expected a .txt, .jsonl or .jsonl.gz file (or `-` for stdin)";
            self.errors.push(Error::parse(path.display().to_string(), None, message));
            return;
        };
        let name = path.file_name().map_or(path, Path::new);
        self.add_file(path.to_path_buf(), kind, name);
    }

    /// Adds a file whose path relative to the named directory is `relative`.
    fn add_file(&mut self, path: PathBuf, kind: InputKind, relative: &Path) {
        match (slash_separated(relative), kind) {
            (Some(name), _) => self.files.push(InputFile { path: Some(path), kind, name }),
            // A seed file's name is its article's id, which must be exact.
            (None, InputKind::Seed) => {
                let message = "the path is not UTF-8, so it cannot be an article id";
                self.errors.push(Error::parse(path.display().to_string(), None, message));
            }
            (None, InputKind::Jsonl) => {
                let name = relative.to_string_lossy().into_owned();
                self.files.push(InputFile { path: Some(path), kind, name });
            }
        }
    }

    /// Walks `dir`, whose path relative to the named directory is `relative`
    /// (empty for the named directory itself).
    fn walk(&mut self, dir: &Path, relative: &Path) {
        let canonical = match fs::canonicalize(dir) {
            Ok(canonical) => canonical,
            Err(source) => {
                self.errors.push(Error::Io { path: dir.to_path_buf(), source });
                return;
            }
        };
        // Seen before: a symlink loop, or a second way into the same tree.
        if !self.visited.insert(canonical) {
            return;
        }
        for name in self.sorted_entries(dir) {
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let path = dir.join(&name);
            let relative = relative.join(&name);
            match fs::metadata(&path) {
                Err(source) => self.errors.push(Error::Io { path, source }),
                Ok(meta) if meta.is_dir() => self.walk(&path, &relative),
                Ok(meta) if meta.is_file() => {
                    if let Some(kind) = InputKind::from_path(&path) {
                        self.add_file(path, kind, &relative);
                    }
                }
                // Sockets, pipes and devices inside a tree are not articles.
                Ok(_) => {}
            }
        }
    }

    /// The entry names of `dir` in byte order; errors are recorded.
    fn sorted_entries(&mut self, dir: &Path) -> Vec<OsString> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(source) => {
                self.errors.push(Error::Io { path: dir.to_path_buf(), source });
                return Vec::new();
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => names.push(entry.file_name()),
                Err(source) => self.errors.push(Error::Io { path: dir.to_path_buf(), source }),
            }
        }
        names.sort();
        names
    }
}

/// `relative` with `/` between its components, or `None` if it is not UTF-8.
fn slash_separated(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative.iter().map(OsStr::to_str).collect();
    Some(parts?.join("/"))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::{PermissionsExt, symlink};

    use super::*;

    const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");

    /// A temporary tree with the given files (parents created as needed).
    fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, data) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, data).unwrap();
        }
        dir
    }

    fn collect(paths: &[PathBuf]) -> (Vec<String>, Vec<String>) {
        let (files, errors) = collect_inputs(paths);
        (files.iter().map(|f| f.name().to_string()).collect(), errors.iter().map(ToString::to_string).collect())
    }

    /// Reads a file and renders each result as `id` or the error message.
    fn read(file: &InputFile) -> Vec<String> {
        read_input(file).map(|r| r.map_or_else(|e| e.to_string(), |a| a.id)).collect()
    }

    fn only_file(path: &Path) -> InputFile {
        let (mut files, errors) = collect_inputs(&[path.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(files.len(), 1);
        files.remove(0)
    }

    #[test]
    fn walks_directories_sorted_and_recursively() {
        let dir = tree(&[
            ("b.txt", b""),
            ("a/d.jsonl", b""),
            ("a/c.txt", b""),
            ("a/deeper/e.TXT", b""),
            ("notes.md", b""),
            ("z.jsonl.gz", b""),
            (".hidden.txt", b""),
            (".git/x.txt", b""),
        ]);
        let (files, errors) = collect_inputs(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<_> = files.iter().map(|f| (f.name(), f.kind())).collect();
        let expected = [
            ("a/c.txt", InputKind::Seed),
            ("a/d.jsonl", InputKind::Jsonl),
            ("a/deeper/e.TXT", InputKind::Seed),
            ("b.txt", InputKind::Seed),
            ("z.jsonl.gz", InputKind::Jsonl),
        ];
        assert_eq!(got, expected);
        assert_eq!(files[0].path(), Some(dir.path().join("a/c.txt").as_path()));
    }

    #[test]
    fn named_files_stdin_and_bad_arguments() {
        let dir = tree(&[("sub/a.txt", b""), ("notes.md", b"")]);
        let paths = [
            dir.path().join("sub/a.txt"),
            PathBuf::from("-"),
            dir.path().join("notes.md"),
            dir.path().join("missing.txt"),
            PathBuf::from("-"),
        ];
        let (names, errors) = collect(&paths);
        assert_eq!(names, ["a.txt", "-"]);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0]
                .ends_with("notes.md: not an input file: expected a .txt, .jsonl or .jsonl.gz file (or `-` for stdin)")
        );
        assert!(errors[1].contains("missing.txt: No such file or directory"), "{}", errors[1]);
        assert_eq!(errors[2], "<stdin>: standard input (`-`) is named more than once");
        assert_eq!(InputFile::stdin().origin(), "<stdin>");
    }

    #[test]
    fn follows_links_but_not_loops() {
        let dir = tree(&[("sub/a.txt", b""), ("b.txt", b"")]);
        symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        symlink(dir.path().join("sub"), dir.path().join("again")).unwrap();
        symlink(dir.path().join("b.txt"), dir.path().join("sub/link.txt")).unwrap();
        let (names, errors) = collect(&[dir.path().to_path_buf(), dir.path().join("sub")]);
        assert!(errors.is_empty(), "{errors:?}");
        // `again` and the second argument lead into `sub`, walked already.
        assert_eq!(names, ["again/a.txt", "again/link.txt", "b.txt"]);
    }

    #[test]
    fn broken_links_and_unreadable_entries_are_errors_naming_the_path() {
        let dir = tree(&[("a.txt", SEED.as_bytes())]);
        symlink(dir.path().join("gone.txt"), dir.path().join("broken.txt")).unwrap();
        let (names, errors) = collect(&[dir.path().to_path_buf()]);
        assert_eq!(names, ["a.txt"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("broken.txt: No such file or directory"), "{}", errors[0]);

        // Root reads through any permission bits, so the unreadable case can
        // only be checked when the tests do not run as root.
        let locked = dir.path().join("a.txt");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read(&locked).is_ok() {
            eprintln!("skipping the unreadable-file check: running as root");
            return;
        }
        let got = read(&only_file(&locked));
        assert_eq!(got.len(), 1);
        assert!(got[0].contains("a.txt: Permission denied"), "{}", got[0]);
    }

    #[test]
    fn a_file_gone_before_reading_is_one_io_error() {
        let dir = tree(&[("a.txt", SEED.as_bytes()), ("b.jsonl", b"")]);
        let files: Vec<_> = ["a.txt", "b.jsonl"].map(|name| only_file(&dir.path().join(name))).into();
        for file in &files {
            fs::remove_file(file.path().unwrap()).unwrap();
            let got = read(file);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(got[0].ends_with(": No such file or directory (os error 2)"), "{}", got[0]);
        }
    }

    #[test]
    fn bytes_read_reach_the_size_on_disk() {
        let line = r#"{"id":"a","date":null,"title":"Т","body":"Текст статьи."}"#;
        let jsonl = format!("{line}\n").repeat(2000);
        let dir = tree(&[("a.txt", SEED.as_bytes()), ("b.jsonl", jsonl.as_bytes())]);
        for name in ["a.txt", "b.jsonl"] {
            let file = only_file(&dir.path().join(name));
            let size = file.size().unwrap();
            let mut articles = read_input(&file);
            assert_eq!(articles.bytes_read(), 0, "nothing is read before the first article");
            articles.next().unwrap().unwrap();
            assert!(articles.bytes_read() > 0 && articles.bytes_read() <= size, "{name}");
            assert!(articles.all(|a| a.is_ok()));
        }
        // After the last article, every byte was read.
        let file = only_file(&dir.path().join("b.jsonl"));
        let mut articles = read_input(&file);
        assert_eq!(articles.by_ref().count(), 2000);
        assert_eq!(articles.bytes_read(), jsonl.len() as u64);
        assert_eq!(InputFile::stdin().size(), None);
    }

    #[test]
    fn reads_a_seed_file_with_its_relative_id() {
        let dir = tree(&[("2025/09/putin-kim.txt", SEED.as_bytes())]);
        let (files, _) = collect_inputs(&[dir.path().to_path_buf()]);
        let articles: Vec<_> = read_input(&files[0]).collect();
        assert_eq!(articles.len(), 1);
        let article = articles[0].as_ref().unwrap();
        assert_eq!(article.id, "2025/09/putin-kim.txt");
        assert_eq!(article.source.as_deref(), Some("CentralAsia (CA)"));
        assert_eq!(article.paragraphs.len(), 10);
    }

    #[test]
    fn a_seed_file_that_is_not_utf8_is_a_parse_error_with_its_line() {
        let dir =
            tree(&[("koi8.txt", b" date 2025-09-03 T\n\n\xf0\xd5\xd4\xc9\xce"), ("img.txt", b"\x89PNG\r\n\x1a\n")]);
        let got = read(&only_file(&dir.path().join("koi8.txt")));
        assert!(got[0].ends_with("koi8.txt:3: not UTF-8 text (a binary file, or another encoding)"), "{}", got[0]);
        let got = read(&only_file(&dir.path().join("img.txt")));
        assert!(got[0].ends_with("img.txt:1: not UTF-8 text (a binary file, or another encoding)"), "{}", got[0]);
    }

    #[test]
    fn reads_jsonl_past_bad_lines() {
        let lines = "{\"id\":\"a\",\"body\":\"Т\"}\n{\"id\":\"b\"}\nnot json\n{\"id\":\"c\",\"body\":\"Т\"}\n";
        let dir = tree(&[("news.jsonl", lines.as_bytes())]);
        let file = only_file(&dir.path().join("news.jsonl"));
        let origin = file.origin();
        let expected = [
            "a".to_string(),
            format!("{origin}:2: the object has no \"body\""),
            format!("{origin}:3: not JSON: expected ident at column 2"),
            "c".to_string(),
        ];
        assert_eq!(read(&file), expected);
    }

    #[test]
    #[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
    fn collects_the_real_corpus() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
        let (files, errors) = collect_inputs(&[dir.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let seeds = files.iter().filter(|f| f.kind() == InputKind::Seed && f.name().starts_with("txt/")).count();
        let jsonl: Vec<_> = files.iter().filter(|f| f.kind() == InputKind::Jsonl).map(InputFile::name).collect();
        assert_eq!((seeds, jsonl), (2049, vec!["news.jsonl.gz"]));
    }
}
