//! JSONL input: one article object per line, optionally gzip-compressed.

use std::io::BufRead;
use std::path::Path;

use super::Article;
use crate::error::Result;

/// Reads articles from JSONL, one per line, reporting errors by line.
pub struct JsonlReader<R> {
    reader: R,
    origin: String,
    line: usize,
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads from `reader`; `origin` names the input in errors.
    pub fn new(reader: R, origin: impl Into<String>) -> JsonlReader<R> {
        JsonlReader { reader, origin: origin.into(), line: 0 }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        let _ = (&mut self.reader, &self.origin, self.line);
        todo!("jsonl reader")
    }
}

/// Opens a `.jsonl` or `.jsonl.gz` file for reading.
///
/// # Errors
/// [`crate::Error::Io`] when the file cannot be opened.
pub fn read_jsonl(path: &Path) -> Result<JsonlReader<Box<dyn BufRead + Send>>> {
    let _ = path;
    todo!("open jsonl")
}
