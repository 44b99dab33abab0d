//! The baseline's own reading of the input: what an application on plain
//! tantivy does with the same files, so that its indexing time includes
//! reading them as poisk's does.
//!
//! A JSONL line (gzip-compressed or not) is parsed by `serde_json` into
//! its `id`, `date`, `title` and `body`; a seed-format `.txt` file gives
//! its first line as the title and the rest as the body. Nothing else of
//! poisk's parsing is done: no agency leads, related-article boxes or
//! quotations. Files are listed by [`poisk::input::collect_inputs`], the
//! same files `poisk index` reads. Lines that do not parse are counted and
//! skipped.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;
use poisk::Article;
use poisk::input::{InputFile, InputKind, collect_inputs};
use serde::Deserialize;

/// One article as the baseline indexes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The article's id.
    pub id: String,
    /// Days since 1970-01-01, when the article has a date.
    pub day: Option<i64>,
    /// Headline.
    pub title: String,
    /// Text.
    pub body: String,
}

impl From<&Article> for Record {
    fn from(article: &Article) -> Record {
        Record {
            id: article.id.clone(),
            day: article.date.map(poisk::Date::days_since_epoch),
            title: article.title.clone(),
            body: article.body.clone(),
        }
    }
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
}

/// What [`read`] found besides the records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Lines or files that could not be read or parsed.
    pub bad: usize,
}

/// Reads the articles of `paths` (files, directories, `-`) the way the
/// baseline does, handing each to `take`.
///
/// # Errors
/// Only what `take` returns; unreadable inputs are counted in [`Skipped`].
pub fn read<E>(paths: &[PathBuf], mut take: impl FnMut(Record) -> Result<(), E>) -> Result<Skipped, E> {
    let (files, errors) = collect_inputs(paths);
    let mut skipped = Skipped { bad: errors.len() };
    for file in &files {
        match file.kind() {
            InputKind::Jsonl => {
                let Ok(reader) = open(file) else {
                    skipped.bad += 1;
                    continue;
                };
                for line in BufReader::with_capacity(1 << 16, reader).lines() {
                    let Ok(line) = line else {
                        skipped.bad += 1;
                        break;
                    };
                    if line.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Line>(&line) {
                        Ok(line) => take(record(line))?,
                        Err(_) => skipped.bad += 1,
                    }
                }
            }
            InputKind::Seed => match file.path().map(std::fs::read_to_string) {
                Some(Ok(text)) => {
                    let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
                    let record = Record {
                        id: file.name().to_owned(),
                        day: None,
                        title: title.trim().to_owned(),
                        body: body.trim().to_owned(),
                    };
                    take(record)?;
                }
                _ => skipped.bad += 1,
            },
        }
    }
    Ok(skipped)
}

fn open(file: &InputFile) -> io::Result<Box<dyn Read>> {
    let Some(path) = file.path() else { return Ok(Box::new(io::stdin())) };
    let raw = File::open(path)?;
    let gzipped = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gzipped { Box::new(MultiGzDecoder::new(raw)) } else { Box::new(raw) })
}

fn record(line: Line) -> Record {
    let day = line.date.as_deref().and_then(|d| d.parse::<poisk::Date>().ok()).map(poisk::Date::days_since_epoch);
    Record {
        id: line.id.unwrap_or_default(),
        day,
        title: line.title.unwrap_or_default(),
        body: line.body.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jsonl_gzip_and_seed_files_and_counts_bad_lines() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let lines =
            "{\"id\":\"a\",\"date\":\"2025-09-03\",\"title\":\"Т\",\"body\":\"Текст\"}\n\nnot json\n{\"id\":\"b\"}\n";
        std::fs::write(dir.path().join("plain.jsonl"), lines).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(lines.as_bytes()).unwrap();
        std::fs::write(dir.path().join("packed.jsonl.gz"), gz.finish().unwrap()).unwrap();
        std::fs::write(dir.path().join("seed.txt"), " date 2025-09-03 Заголовок\n\nПервый абзац.\n").unwrap();
        let mut records = Vec::new();
        let skipped = read::<()>(&[dir.path().to_path_buf()], |r| {
            records.push(r);
            Ok(())
        })
        .unwrap();
        assert_eq!(skipped.bad, 2, "one bad line in each JSONL file");
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "a", "b", "seed.txt"]);
        assert_eq!(records[0].day, Some(20_334));
        assert_eq!(records[0].body, "Текст");
        assert_eq!(records[4].body, "Первый абзац.");
    }
}
