//! JSONL input: one article object per line, optionally gzip-compressed.
//!
//! Each line is an object with `id` (a string or an integer), `body` (a
//! string, paragraphs separated by `\n`) and optionally `date`
//! (`YYYY-MM-DD`, null or absent), `title` and `source`; other fields are
//! ignored. The body is kept exactly as given, since quote and snippet
//! offsets refer to it; its non-blank lines are the paragraphs.
//!
//! A bad line is an error for that line only: the reader goes on with the
//! next one. Binary data (a NUL byte, or bytes that are not UTF-8 where no
//! object starts) is one error for the whole stretch of lines it covers,
//! and reading goes on after it, so a damaged line never costs the good
//! ones after it. Reading ends early only on an I/O error (a damaged gzip
//! stream, a failing disk: nothing after it can be trusted), on UTF-16
//! text, and after a gigabyte of binary data in a row or of one line
//! (`MAX_SKIPPED_BYTES`), which is what `/dev/zero` or a stream that never
//! ends a line looks like.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

use super::record::parse_record;
use super::{Article, MAX_ARTICLE_BYTES, too_big};
use crate::error::{Error, Result};

/// The two bytes that open every gzip stream.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// The UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = "\u{feff}".as_bytes();

/// The most bytes of binary data in a row, or of one line, that a JSONL
/// input is read through before the rest of it is given up: a hundred
/// times the largest article. An input that goes on like that is not JSON
/// lines (`/dev/zero`, a disk image, a stream that never ends a line), and
/// reading it to its end could take forever.
pub(crate) const MAX_SKIPPED_BYTES: u64 = 100 * MAX_ARTICLE_BYTES as u64;

/// Reads articles from JSONL, one per line, reporting errors by line.
///
/// Yields one `Result<Article>` per non-blank line; errors are
/// [`Error::Parse`] with the 1-based line number, or a final [`Error::Io`].
/// A stretch of binary data is one error, at its first line, and the lines
/// after it are read.
///
/// # Example
/// ```
/// use poisk::input::JsonlReader;
/// let input = "{\"id\": \"a\", \"body\": \"Первый.\\nВторой.\"}\n[]\n\n{\"id\": 7, \"body\": \"Т\"}\n";
/// let results: Vec<_> = JsonlReader::new(input.as_bytes(), "news.jsonl").collect();
/// assert_eq!(results.len(), 3);
/// assert_eq!(results[0].as_ref().map(|a| a.paragraphs.len()).ok(), Some(2));
/// let error = results[1].as_ref().unwrap_err().to_string();
/// assert_eq!(error, "news.jsonl:2: expected a JSON object, found an array");
/// assert_eq!(results[2].as_ref().map(|a| a.id.as_str()).ok(), Some("7"));
/// ```
pub struct JsonlReader<R> {
    reader: R,
    origin: String,
    /// Number of the line last read, 1-based.
    lines_read: usize,
    /// The line the last item given out came from.
    line: usize,
    /// The current line's bytes, reused from line to line.
    buffer: Vec<u8>,
    /// Set after the end of input, an I/O error, or giving up.
    done: bool,
    /// The stretch of binary lines being read, not yet reported.
    binary: Option<BinaryRun>,
    /// An item read after a binary stretch, given out after its error.
    pending: Option<(usize, Result<Article>)>,
    /// `MAX_SKIPPED_BYTES`, smaller in tests.
    skip_limit: u64,
}

/// Consecutive lines of binary data.
#[derive(Debug, Clone, Copy)]
struct BinaryRun {
    first: usize,
    last: usize,
    bytes: u64,
}

/// What [`JsonlReader::read_line`] found.
enum Line {
    /// The end of the input.
    End,
    /// A line, now in the buffer.
    Kept,
    /// A line longer than an article may be, not kept: its length, and
    /// whether it holds a NUL byte.
    TooLong { bytes: u64, binary: bool },
    /// A line still going after `MAX_SKIPPED_BYTES`: the reading stops.
    Endless { binary: bool },
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads from `reader`; `origin` names the input in errors.
    pub fn new(reader: R, origin: impl Into<String>) -> JsonlReader<R> {
        JsonlReader {
            reader,
            origin: origin.into(),
            lines_read: 0,
            line: 0,
            buffer: Vec::new(),
            done: false,
            binary: None,
            pending: None,
            skip_limit: MAX_SKIPPED_BYTES,
        }
    }

    /// The 1-based number of the line the last item came from (0 before
    /// the first), so a caller can say where an article was read.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Reads the next line into the buffer. A line longer than an article
    /// may be is skipped, not kept, up to `MAX_SKIPPED_BYTES`.
    fn read_line(&mut self) -> io::Result<Line> {
        self.buffer.clear();
        let limit = MAX_ARTICLE_BYTES as u64 + 1;
        let read = (&mut self.reader).take(limit).read_until(b'\n', &mut self.buffer)?;
        if read == 0 {
            return Ok(Line::End);
        }
        self.lines_read += 1;
        if read as u64 == limit && !self.buffer.ends_with(b"\n") {
            let nul = memchr::memchr(0, &self.buffer).is_some();
            self.buffer.clear();
            let skipped = skip_line(&mut self.reader, self.skip_limit.saturating_sub(limit))?;
            let binary = nul || skipped.nul;
            return Ok(if skipped.ended {
                Line::TooLong { bytes: limit + skipped.bytes, binary }
            } else {
                Line::Endless { binary }
            });
        }
        Ok(Line::Kept)
    }

    /// Says whether the line in the buffer is binary data: a NUL byte
    /// (never in JSON text), or bytes that are not UTF-8 on a line that
    /// does not open an object. Inside a binary stretch any line that
    /// cannot be JSON text continues it (see `could_be_json`); a stray bad
    /// byte in an object spoils only its line (see `parse_line`).
    fn is_binary(&self) -> bool {
        let line = self.buffer.as_slice();
        if self.binary.is_some() {
            return !could_be_json(line);
        }
        memchr::memchr(0, line).is_some() || (!opens_object(line) && std::str::from_utf8(line).is_err())
    }

    /// UTF-16 text, told by its byte-order mark on the first line.
    fn is_utf16(&self) -> bool {
        let line = self.buffer.as_slice();
        self.lines_read == 1 && (line.starts_with(&[0xff, 0xfe]) || line.starts_with(&[0xfe, 0xff]))
    }

    /// Parses the line in the buffer; `None` when it is blank.
    fn parse_line(&self) -> Option<Result<Article>> {
        let complete = self.buffer.ends_with(b"\n");
        let mut bytes = self.buffer.as_slice();
        if self.lines_read == 1 {
            // Editors on Windows may open a UTF-8 file with a byte-order mark.
            bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        }
        let bytes = bytes.trim_ascii();
        if bytes.is_empty() {
            return None;
        }
        let parsed = match std::str::from_utf8(bytes) {
            Ok(line) => parse_record(line, complete),
            Err(e) => Err(format!("not UTF-8 text: invalid byte at byte {} of the line", e.valid_up_to() + 1)),
        };
        Some(parsed.map_err(|message| self.error(self.lines_read, message)))
    }

    fn error(&self, line: usize, message: impl Into<String>) -> Error {
        Error::parse(self.origin.as_str(), Some(line), message)
    }

    /// Adds `bytes` of the current line to the binary stretch; `true` when
    /// the stretch has grown past `MAX_SKIPPED_BYTES`.
    fn extend_binary(&mut self, bytes: u64) -> bool {
        let line = self.lines_read;
        let run = self.binary.get_or_insert(BinaryRun { first: line, last: line, bytes: 0 });
        run.last = line;
        run.bytes += bytes;
        run.bytes > self.skip_limit
    }

    /// The error for the binary stretch read so far, if any.
    fn binary_error(&mut self, ends_reading: bool) -> Option<(usize, Result<Article>)> {
        let run = self.binary.take()?;
        let mut message = "binary data, not JSON lines".to_string();
        if run.last > run.first {
            message.push_str(&format!(" (lines {} to {})", run.first, run.last));
        }
        if ends_reading {
            message.push_str(&format!(
                ", {} of it at least; the rest of the file is not read",
                gigabytes(self.skip_limit)
            ));
        }
        Some((run.first, Err(self.error(run.first, message))))
    }

    /// Gives out `item`, read at line `line`, after the error of a binary
    /// stretch before it, if there is one.
    fn give(&mut self, line: usize, item: Result<Article>) -> Result<Article> {
        let (line, item) = match self.binary_error(false) {
            Some(first) => {
                self.pending = Some((line, item));
                first
            }
            None => (line, item),
        };
        self.line = line;
        item
    }

    /// Stops reading: gives out the binary stretch, if any, then `item`.
    /// `gave_up` says that the stretch grew too long to read on.
    fn stop(&mut self, item: Option<(usize, Result<Article>)>, gave_up: bool) -> Option<Result<Article>> {
        self.done = true;
        let (line, item) = match (self.binary_error(gave_up), item) {
            (Some(first), Some(later)) => {
                self.pending = Some(later);
                first
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => return None,
        };
        self.line = line;
        Some(item)
    }
}

/// A number of bytes in gigabytes, for messages: `1.0 GB`.
fn gigabytes(bytes: u64) -> String {
    format!("{:.1} GB", bytes as f64 / 1e9)
}

/// True when `line` may be a line of JSON text that opens an object: `{`
/// first (after a byte-order mark and blanks), UTF-8, and no control
/// character but tabs and line ends, which JSON never holds unescaped.
fn could_be_json(line: &[u8]) -> bool {
    opens_object(line)
        && !line.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        && std::str::from_utf8(line).is_ok()
}

/// True when `line` starts with `{`, after a byte-order mark and blanks.
fn opens_object(line: &[u8]) -> bool {
    line.strip_prefix(UTF8_BOM).unwrap_or(line).trim_ascii_start().starts_with(b"{")
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        if let Some((line, item)) = self.pending.take() {
            self.line = line;
            return Some(item);
        }
        while !self.done {
            let read = match self.read_line() {
                Ok(read) => read,
                Err(source) => {
                    let error = Error::Io { path: PathBuf::from(&self.origin), source };
                    return self.stop(Some((self.lines_read, Err(error))), false);
                }
            };
            let line = self.lines_read;
            match read {
                Line::End => return self.stop(None, false),
                Line::Kept if self.is_utf16() => {
                    let message = "UTF-16 text, not UTF-8: convert the file to UTF-8; the rest of the file is not read";
                    return self.stop(Some((line, Err(self.error(line, message)))), false);
                }
                Line::Kept if self.is_binary() => {
                    if self.extend_binary(self.buffer.len() as u64) {
                        return self.stop(None, true);
                    }
                }
                Line::Kept => {
                    if let Some(item) = self.parse_line() {
                        return Some(self.give(line, item));
                    }
                }
                Line::TooLong { bytes, binary } if binary || self.binary.is_some() => {
                    if self.extend_binary(bytes) {
                        return self.stop(None, true);
                    }
                }
                Line::TooLong { bytes, .. } => {
                    let error = self.error(line, too_big("the line", bytes));
                    return Some(self.give(line, Err(error)));
                }
                Line::Endless { binary } if binary || self.binary.is_some() => {
                    self.extend_binary(self.skip_limit);
                    return self.stop(None, true);
                }
                Line::Endless { .. } => {
                    let message = format!(
                        "the line goes on for over {}; the rest of the file is not read",
                        gigabytes(self.skip_limit)
                    );
                    return self.stop(Some((line, Err(self.error(line, message)))), false);
                }
            }
        }
        None
    }
}

/// How [`skip_line`] ended.
struct Skipped {
    bytes: u64,
    /// The line ended (or the input did) within the limit.
    ended: bool,
    /// A NUL byte was among the bytes skipped.
    nul: bool,
}

/// Reads to the end of the current line (its `\n` included) without
/// keeping it, but no further than `limit` bytes.
fn skip_line(reader: &mut impl BufRead, limit: u64) -> io::Result<Skipped> {
    let mut skipped = Skipped { bytes: 0, ended: false, nul: false };
    while skipped.bytes < limit {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            skipped.ended = true;
            return Ok(skipped);
        }
        let room = usize::try_from(limit - skipped.bytes).unwrap_or(usize::MAX);
        let buffer = &buffer[..buffer.len().min(room)];
        let (used, done) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        skipped.nul |= memchr::memchr(0, &buffer[..used]).is_some();
        reader.consume(used);
        skipped.bytes += used as u64;
        if done {
            skipped.ended = true;
            return Ok(skipped);
        }
    }
    Ok(skipped)
}

/// Opens a `.jsonl` or `.jsonl.gz` file for reading.
///
/// Compression is recognised by the gzip magic bytes, not by the file name,
/// so a compressed file without `.gz` reads as well as a plain one.
///
/// # Errors
/// [`crate::Error::Io`] when the file cannot be opened or read.
pub fn read_jsonl(path: &Path) -> Result<JsonlReader<Box<dyn BufRead + Send>>> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let file = File::open(path).map_err(io_error)?;
    let reader = decompressed(file).map_err(io_error)?;
    Ok(JsonlReader::new(reader, path.display().to_string()))
}

/// Buffers `input`, decompressing it when it starts with the gzip magic.
///
/// Concatenated gzip members (as `cat a.gz b.gz` makes) are read as one
/// stream.
pub(super) fn decompressed(input: impl Read + Send + 'static) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::new(input);
    if buffered.fill_buf()?.starts_with(&GZIP_MAGIC) {
        Ok(Box::new(BufReader::new(MultiGzDecoder::new(buffered))))
    } else {
        Ok(Box::new(buffered))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::GzEncoder;

    use super::*;

    const GOOD: &str =
        r#"{"id":"a","date":"2025-09-03","title":"Т","body":"Путин и Ким Чен Ын провели переговоры.\nВторой абзац."}"#;

    /// Reads `input` and renders each result as `id` or the error message.
    fn outcomes(input: &[u8]) -> Vec<String> {
        JsonlReader::new(input, "in.jsonl").map(|r| r.map_or_else(|e| e.to_string(), |a| a.id)).collect()
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn one_bad_line_never_stops_the_file() {
        let input = [
            GOOD,
            "",
            "не JSON",
            "[1]",
            r#"{"body":"Т"}"#,
            r#"{"id":"b"}"#,
            r#"{"id":"c","body":5}"#,
            r#"{"id":"d","body":"Т","date":"2025-13-45"}"#,
            "   ",
            r#"{"id":9,"body":"Т"}"#,
            r#"{"id":"e","body":"Пере"#,
        ]
        .join("\n");
        let got = outcomes(input.as_bytes());
        let expected = [
            "a",
            "in.jsonl:3: not JSON: expected value at column 1",
            "in.jsonl:4: expected a JSON object, found an array",
            "in.jsonl:5: the object has no \"id\"",
            "in.jsonl:6: the object has no \"body\"",
            "in.jsonl:7: \"body\" is a number, not a string",
            "in.jsonl:8: \"date\": \"2025-13-45\" is not a valid date: month 13 is not between 1 and 12",
            "9",
            "in.jsonl:11: the last line is cut off: the file ends inside a JSON object",
        ];
        assert_eq!(got, expected);
    }

    #[test]
    fn a_50_mb_line_is_skipped_without_being_kept() {
        // A valid JSON object whose body alone is 50 MB: five times what an
        // article may be. Reading it must cost the cap, not the line.
        let mut input = br#"{"id":"big","body":""#.to_vec();
        input.resize(input.len() + 50_000_000, b'a');
        input.extend_from_slice(b"\"}\n");
        input.extend_from_slice(GOOD.as_bytes());
        let mut reader = JsonlReader::new(&input[..], "in.jsonl");
        let first = reader.next().map(|r| r.map_or_else(|e| e.to_string(), |a| a.id));
        let first = first.unwrap_or_default();
        assert!(first.starts_with("in.jsonl:1: "), "{first}");
        assert!(first.contains("the line is 50.0 MB"), "the error gives the line's size: {first}");
        assert!(
            reader.buffer.capacity() <= 2 * (MAX_ARTICLE_BYTES + 1),
            "the reader kept {} bytes for a line it skips",
            reader.buffer.capacity()
        );
        let second = reader.next().map(|r| r.map_or_else(|e| e.to_string(), |a| a.id));
        assert_eq!(second.as_deref(), Some("a"));
        assert_eq!(reader.line(), 2);
    }

    #[test]
    fn invalid_utf8_spoils_only_its_line() {
        let mut input = b"{\"id\":\"x\",\"body\":\"\xd0\xbf\xff\"}\r\n".to_vec();
        input.extend_from_slice(GOOD.as_bytes());
        let got = outcomes(&input);
        assert_eq!(got, ["in.jsonl:1: not UTF-8 text: invalid byte at byte 21 of the line", "a"]);
    }

    #[test]
    fn binary_data_is_one_error_and_the_lines_after_it_are_read() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n\xff{\n";
        assert_eq!(outcomes(png), ["in.jsonl:1: binary data, not JSON lines (lines 1 to 5)"]);
        let mut late = format!("{GOOD}\n").into_bytes();
        late.extend_from_slice(b"{\"id\":\0}\n\x01\x02\n\n");
        late.extend_from_slice(GOOD.as_bytes());
        let expected = ["a", "in.jsonl:2: binary data, not JSON lines (lines 2 to 4)", "a"];
        assert_eq!(outcomes(&late), expected);
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert!(outcomes(&utf16)[0].starts_with("in.jsonl:1: UTF-16 text, not UTF-8"));
    }

    #[test]
    fn one_nul_byte_costs_one_line() {
        let mut input = Vec::new();
        for i in 1..=1000 {
            let line = GOOD.replace("\"a\"", &format!("\"{i}\""));
            let line = if i == 100 { line.replace("Второй", "Вто\0рой") } else { line };
            input.extend_from_slice(line.as_bytes());
            input.push(b'\n');
        }
        let got = outcomes(&input);
        assert_eq!(got.len(), 1000);
        assert_eq!(got[99], "in.jsonl:100: binary data, not JSON lines");
        assert_eq!(got.iter().filter(|o| o.parse::<usize>().is_ok()).count(), 999);
        assert_eq!(got[100], "101");
    }

    #[test]
    fn lines_are_numbered_after_a_binary_stretch() {
        let input = format!("\0\n\0\n{GOOD}\n");
        let mut reader = JsonlReader::new(input.as_bytes(), "in.jsonl");
        assert!(reader.next().is_some_and(|r| r.is_err()));
        assert_eq!(reader.line(), 1);
        assert!(reader.next().is_some_and(|r| r.is_ok()));
        assert_eq!(reader.line(), 3);
        assert!(reader.next().is_none());
    }

    /// An endless input: `pattern` over and over.
    struct Cycle(&'static [u8]);

    impl Read for Cycle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            Ok(n)
        }
    }

    /// Reads `input` with a skip limit of `limit` bytes.
    fn outcomes_with_limit(input: impl BufRead, limit: u64) -> Vec<String> {
        let mut reader = JsonlReader::new(input, "in.jsonl");
        reader.skip_limit = limit;
        reader.map(|r| r.map_or_else(|e| e.to_string(), |a| a.id)).collect()
    }

    #[test]
    fn endless_input_is_given_up() {
        // `/dev/zero`: one NUL "line" without end.
        let zeros = BufReader::new(io::repeat(0));
        let got = outcomes_with_limit(zeros, 30_000_000);
        let expected =
            "in.jsonl:1: binary data, not JSON lines, 0.0 GB of it at least; the rest of the file is not read";
        assert_eq!(got, [expected]);
        // Binary lines without end, after blank ones.
        let lines = BufReader::new(b"\n\n".chain(Cycle(b"\0\n")));
        let got = outcomes_with_limit(lines, 20_000);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("in.jsonl:3: binary data, not JSON lines (lines 3 to 10003), "), "{}", got[0]);
        assert!(got[0].ends_with("the rest of the file is not read"), "{}", got[0]);
        // A line of text without end.
        let text = BufReader::new(GOOD.as_bytes().chain(io::repeat(b'x')));
        let got = outcomes_with_limit(text, 30_000_000);
        assert_eq!(got, ["in.jsonl:1: the line goes on for over 0.0 GB; the rest of the file is not read"]);
    }

    #[test]
    fn long_binary_stretches_under_the_limit_are_read_through() {
        let mut input = format!("{GOOD}\n").into_bytes();
        input.extend(std::iter::repeat_n(0u8, 25_000_000));
        input.extend_from_slice(format!("\n{GOOD}\n").as_bytes());
        let got = outcomes_with_limit(input.as_slice(), 30_000_000);
        assert_eq!(got, ["a", "in.jsonl:2: binary data, not JSON lines", "a"]);
    }

    #[test]
    fn bom_crlf_and_a_missing_final_newline_are_fine() {
        let input = format!("\u{feff}{GOOD}\r\n\r\n{GOOD}");
        assert_eq!(outcomes(input.as_bytes()), ["a", "a"]);
        let input = format!("{GOOD}\n\u{feff}{GOOD}");
        assert_eq!(outcomes(input.as_bytes())[1], "in.jsonl:2: not JSON: expected value at column 1");
        assert!(outcomes(b"").is_empty());
        assert!(outcomes(b"\n \n").is_empty());
    }

    #[test]
    fn reads_gzip_by_its_magic_bytes_whatever_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let plain = format!("{GOOD}\n{GOOD}\n");
        let mut two_members = gzip(plain.as_bytes());
        two_members.extend(gzip(GOOD.as_bytes()));
        for (name, data) in
            [("a.jsonl", plain.into_bytes()), ("b.jsonl", two_members.clone()), ("c.jsonl.gz", two_members)]
        {
            let path = dir.path().join(name);
            std::fs::write(&path, data).unwrap();
            let ids: Vec<_> = read_jsonl(&path).unwrap().map(|r| r.unwrap().id).collect();
            assert_eq!(ids.len(), if name == "a.jsonl" { 2 } else { 3 }, "{name}");
        }
    }

    #[test]
    fn a_damaged_gzip_stream_ends_with_one_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.jsonl.gz");
        let data = gzip(format!("{GOOD}\n").repeat(200).as_bytes());
        std::fs::write(&path, &data[..data.len() / 2]).unwrap();
        let results: Vec<_> = read_jsonl(&path).unwrap().collect();
        let (last, before) = results.split_last().unwrap();
        assert!(before.iter().all(Result::is_ok));
        assert!(matches!(last, Err(Error::Io { .. })), "{last:?}");
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let err = read_jsonl(Path::new("/nonexistent/news.jsonl")).err().unwrap();
        assert!(err.to_string().starts_with("/nonexistent/news.jsonl: "), "{err}");
    }

    #[test]
    #[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
    fn reads_every_record_of_the_real_corpus() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz"));
        let (mut articles, mut dated, mut paragraphs) = (0, 0, 0);
        let start = std::time::Instant::now();
        for result in read_jsonl(path).unwrap() {
            let article = result.unwrap_or_else(|e| panic!("{e}"));
            assert!(!article.paragraphs.is_empty(), "{} has no paragraphs", article.id);
            articles += 1;
            dated += usize::from(article.date.is_some());
            paragraphs += article.paragraphs.len();
        }
        let elapsed = start.elapsed();
        eprintln!("{articles} JSONL articles, {dated} dated, {paragraphs} paragraphs, read in {elapsed:.2?}");
        assert_eq!((articles, dated), (9184, 2049));
    }
}
