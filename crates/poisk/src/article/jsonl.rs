//! JSONL input: one article object per line, optionally gzip-compressed.
//!
//! Each line is an object with `id` (a string or an integer), `body` (a
//! string, paragraphs separated by `\n`) and optionally `date`
//! (`YYYY-MM-DD`, null or absent), `title` and `source`; other fields are
//! ignored. The body is kept exactly as given, since quote and snippet
//! offsets refer to it; its non-blank lines are the paragraphs.
//!
//! A bad line is an error for that line only: the reader goes on with the
//! next one. Only an I/O error (a damaged gzip stream, a failing disk) ends
//! the reading, as nothing after it can be trusted.

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

/// Reads articles from JSONL, one per line, reporting errors by line.
///
/// Yields one `Result<Article>` per non-blank line; errors are
/// [`Error::Parse`] with the 1-based line number, or a final [`Error::Io`].
///
/// # Example
/// ```
/// use poisk::JsonlReader;
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
    line: usize,
    /// The current line's bytes, reused from line to line.
    buffer: Vec<u8>,
    /// Set after the end of input or an I/O error.
    done: bool,
    /// The length of the current line when it was too long to keep.
    oversized: Option<u64>,
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads from `reader`; `origin` names the input in errors.
    pub fn new(reader: R, origin: impl Into<String>) -> JsonlReader<R> {
        JsonlReader { reader, origin: origin.into(), line: 0, buffer: Vec::new(), done: false, oversized: None }
    }

    /// The 1-based number of the line the last item came from (0 before
    /// the first), so a caller can say where an article was read.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Reads the next line into the buffer; `Ok(false)` at the end. A line
    /// longer than an article may be is skipped, not kept: the buffer is
    /// left empty and `oversized` says how long it was.
    fn read_line(&mut self) -> io::Result<bool> {
        self.buffer.clear();
        self.oversized = None;
        let limit = MAX_ARTICLE_BYTES as u64 + 1;
        let read = (&mut self.reader).take(limit).read_until(b'\n', &mut self.buffer)?;
        self.line += 1;
        if read as u64 == limit && !self.buffer.ends_with(b"\n") {
            let rest = skip_line(&mut self.reader)?;
            self.oversized = Some(limit + rest);
            self.buffer.clear();
        }
        Ok(read > 0)
    }

    /// Says why the input is not text at all, judging by the line in the
    /// buffer: a NUL byte (never in JSON text), UTF-16, or a first line
    /// that is neither UTF-8 nor the start of an object. A stray bad byte
    /// later on spoils only its line (see `parse_line`).
    fn binary_problem(&self) -> Option<&'static str> {
        let line = self.buffer.as_slice();
        if self.line == 1 && (line.starts_with(&[0xff, 0xfe]) || line.starts_with(&[0xfe, 0xff])) {
            return Some("UTF-16 text, not UTF-8: convert the file to UTF-8");
        }
        let first_is_binary = self.line == 1
            && !line.strip_prefix(UTF8_BOM).unwrap_or(line).trim_ascii_start().starts_with(b"{")
            && std::str::from_utf8(line).is_err();
        (first_is_binary || line.contains(&0)).then_some("binary data, not JSON lines")
    }

    /// Parses the line in the buffer; `None` when it is blank.
    fn parse_line(&self) -> Option<Result<Article>> {
        let complete = self.buffer.ends_with(b"\n");
        let mut bytes = self.buffer.as_slice();
        if self.line == 1 {
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
        Some(parsed.map_err(|message| Error::parse(self.origin.as_str(), Some(self.line), message)))
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        while !self.done {
            match self.read_line() {
                Ok(true) => {
                    if let Some(size) = self.oversized {
                        let message = too_big("the line", size);
                        return Some(Err(Error::parse(self.origin.as_str(), Some(self.line), message)));
                    }
                    if let Some(problem) = self.binary_problem() {
                        // One error for the file, not one per "line" of an image.
                        self.done = true;
                        let message = format!("{problem}; the rest of the file is not read");
                        return Some(Err(Error::parse(self.origin.as_str(), Some(self.line), message)));
                    }
                    if let Some(result) = self.parse_line() {
                        return Some(result);
                    }
                }
                Ok(false) => self.done = true,
                Err(source) => {
                    self.done = true;
                    let path = PathBuf::from(&self.origin);
                    return Some(Err(Error::Io { path, source }));
                }
            }
        }
        None
    }
}

/// Reads to the end of the current line (its `\n` included) without
/// keeping it; returns how many bytes that was.
fn skip_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(skipped);
        }
        let (used, done) = match memchr::memchr(b'\n', buffer) {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return Ok(skipped);
        }
    }
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
    fn invalid_utf8_spoils_only_its_line() {
        let mut input = b"{\"id\":\"x\",\"body\":\"\xd0\xbf\xff\"}\r\n".to_vec();
        input.extend_from_slice(GOOD.as_bytes());
        let got = outcomes(&input);
        assert_eq!(got, ["in.jsonl:1: not UTF-8 text: invalid byte at byte 21 of the line", "a"]);
    }

    #[test]
    fn binary_input_is_one_error_and_ends_the_file() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n{}\n";
        assert_eq!(outcomes(png), ["in.jsonl:1: binary data, not JSON lines; the rest of the file is not read"]);
        let mut late = format!("{GOOD}\n").into_bytes();
        late.extend_from_slice(b"{\"id\":\0}\n");
        late.extend_from_slice(GOOD.as_bytes());
        assert_eq!(outcomes(&late), ["a", "in.jsonl:2: binary data, not JSON lines; the rest of the file is not read"]);
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert!(outcomes(&utf16)[0].starts_with("in.jsonl:1: UTF-16 text, not UTF-8"));
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
    fn reads_every_record_of_the_real_corpus() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz"));
        if !path.exists() {
            eprintln!("skipping: no JSONL corpus at {}", path.display());
            return;
        }
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
