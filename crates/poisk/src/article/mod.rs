//! Articles: the unit of input, and the parsers that produce them.
//!
//! Two formats are read: the `.txt` seed format (`txt.rs`, one article per
//! file, see [`parse_article`]) and JSONL (one article per line, see
//! [`JsonlReader`]).
//! [`collect_inputs`] turns command-line paths into input files and
//! [`read_input`] reads each into articles.

mod dateline;
mod input;
mod jsonl;
mod record;
mod related;
mod txt;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::date::Date;

pub use input::{Articles, InputFile, InputKind, collect_inputs, read_input};
pub use jsonl::{JsonlReader, read_jsonl};
pub use txt::parse_article;

/// The largest article poisk reads, in bytes of its file or JSONL line.
///
/// The longest article of the news corpus is 67 kB; ten megabytes is a dump
/// or a runaway file, and indexing it would cost memory and make every
/// search that hits it slow.
pub(crate) const MAX_ARTICLE_BYTES: usize = 10_000_000;

/// The longest article id poisk indexes, in bytes: 4,096, the longest path
/// Linux takes (the id of a seed file is its path). tantivy drops longer
/// terms from its index without a word, so an article with a longer id
/// could not be found to be replaced and would be indexed anew each time.
pub const MAX_ID_BYTES: usize = 4096;

/// Why `id` cannot be an article id, if it cannot; `what` names it for the
/// message (`"id"`, `the path`).
fn check_id(id: &str, what: &str) -> Result<(), String> {
    if id.len() > MAX_ID_BYTES {
        return Err(format!("{what} is {} bytes long; an article id may be at most {MAX_ID_BYTES} bytes", id.len()));
    }
    Ok(())
}

/// The error message for an input of `bytes` bytes, when that is more than
/// [`MAX_ARTICLE_BYTES`]; `what` is "the file" or "the line".
fn too_big(what: &str, bytes: u64) -> String {
    let mb = |n: u64| n as f64 / 1_000_000.0;
    format!("{what} is {:.1} MB; an article may be at most {:.0} MB", mb(bytes), mb(MAX_ARTICLE_BYTES as u64))
}

/// One news article, as parsed from a seed file or a JSONL line, or built
/// with [`Article::new`] (which has an example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// A stable identifier: the JSONL `id`, or a file's path relative to
    /// the indexed root.
    pub id: String,
    /// Publication date, when known.
    pub date: Option<Date>,
    /// The headline.
    pub title: String,
    /// The agency or site the article came from (`CentralAsia (CA)`), when
    /// known.
    pub source: Option<String>,
    /// Where the article was published (the JSONL `url`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article text, without the boxes of links to other stories that
    /// news sites set between paragraphs (`Также по теме`, then a headline
    /// and the other story's opening). Quote and snippet offsets are byte
    /// offsets into it.
    pub body: String,
    /// Byte ranges of the paragraphs inside [`Article::body`], in order.
    pub paragraphs: Vec<Range<usize>>,
}

impl Article {
    /// An article from its parts, without date or source (see
    /// [`Article::with_date`] and [`Article::with_source`]). Each non-blank
    /// line of `body` is a paragraph, as in a JSONL `body`, and boxes of
    /// links to other stories are left out, as the parsers do.
    ///
    /// `id` identifies the article in the index: adding another article
    /// with the same id replaces it.
    ///
    /// # Example
    /// ```
    /// use poisk::{Article, Date};
    ///
    /// let article = Article::new("note-1", "Переговоры в Пекине", "Первый абзац.\n\nВторой.")
    ///     .with_date("2025-09-03".parse::<Date>()?)
    ///     .with_source("Моя газета");
    /// assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), ["Первый абзац.", "Второй."]);
    /// assert_eq!(article.source.as_deref(), Some("Моя газета"));
    /// # Ok::<(), String>(())
    /// ```
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Article {
        let body = body.into();
        let mut article = Article {
            id: id.into(),
            date: None,
            title: title.into(),
            source: None,
            url: None,
            paragraphs: record::line_ranges(&body),
            body,
        };
        related::drop_related_boxes(&mut article);
        article
    }

    /// The same article with this publication date. See [`Article::new`].
    #[must_use]
    pub fn with_date(mut self, date: Date) -> Article {
        self.date = Some(date);
        self
    }

    /// The same article with this source (agency or site). See
    /// [`Article::new`].
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>) -> Article {
        self.source = Some(source.into());
        self
    }

    /// The same article with the address it was published at. See
    /// [`Article::new`].
    #[must_use]
    pub fn with_url(mut self, url: impl Into<String>) -> Article {
        self.url = Some(url.into());
        self
    }

    /// Fails when the article cannot be indexed as it is: an id longer than
    /// [`MAX_ID_BYTES`], or a date outside [`Date::EARLIEST`] to
    /// [`Date::LATEST`]. The parsers refuse such articles already; this is
    /// the check for articles built in code. The error is
    /// [`Error::Parse`](crate::Error::Parse) naming `origin`, or the
    /// article's id (its first 40 characters) when there is none.
    pub(crate) fn check(&self, origin: Option<&str>) -> crate::Result<()> {
        let problem = check_id(&self.id, "the id")
            .and_then(|()| self.date.map_or(Ok(()), |d| d.indexable().map(drop).map_err(|e| format!("the date {e}"))));
        problem.map_err(|message| {
            let origin = origin.map_or_else(|| self.id.chars().take(40).collect(), str::to_string);
            crate::Error::parse(origin, None, message)
        })
    }

    /// The text of each paragraph, in order (example: [`Article::new`]).
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|r| &self.body[r.clone()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Error, Index};

    #[test]
    fn the_writer_refuses_what_an_index_cannot_hold() {
        let index = Index::in_memory().unwrap();
        let mut writer = index.writer().unwrap();
        let future = Article::new("note-1", "Т", "Текст.").with_date("2500-01-01".parse().unwrap());
        let err = writer.add(&future).unwrap_err();
        assert!(matches!(err, Error::Parse { .. }), "{err:?}");
        let expected =
            "note-1: the date \"2500-01-01\" is outside the dates an index can hold, 1678-01-01 to 2261-12-31";
        assert_eq!(err.to_string(), expected);
        let long = Article::new("x".repeat(MAX_ID_BYTES + 1), "Т", "Текст.");
        let err = writer.add_from(&long, Some("notes.jsonl:7")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "notes.jsonl:7: the id is 4097 bytes long; an article id may be at most 4096 bytes"
        );
        let edge = Article::new("x".repeat(MAX_ID_BYTES), "Т", "Текст.").with_date(Date::LATEST);
        writer.add(&edge).unwrap();
        writer.add(&edge).unwrap();
        writer.commit().unwrap();
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        assert_eq!(searcher.num_articles(), 1, "the longest id is replaced, not duplicated");
    }
}
