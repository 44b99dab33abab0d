//! The `.txt` format (the seed format): ` date YYYY-MM-DD Title`, a blank line, paragraphs.
//!
//! ```text
//!  date 2025-09-03 Путин и Ким Чен Ын проводят переговоры в Пекине
//!
//! CentralAsia (CA) - Президент России Владимир Путин и лидер КНДР …
//!
//! Переговоры проходят после завершения военного парада, …
//! ```
//!
//! The layout is read leniently, the content strictly. A byte-order mark,
//! CRLF line ends, blank lines before the header, a missing leading space,
//! extra spaces, a missing blank line after the header and runs of blank
//! lines between paragraphs are all accepted. What makes the file an article
//! is not negotiable: a header with a valid date and a title, and some text.

use std::ops::Range;

use super::dateline::split_dateline;
use super::related::drop_related_boxes;
use super::{Article, Date, check_id};
use crate::error::{Error, Result};

/// The keyword that opens the header line.
const HEADER_KEYWORD: &str = "date";
/// How much of a bad line an error message quotes, in characters.
const EXCERPT_CHARS: usize = 40;

/// Parses one article in the seed format.
///
/// `id` becomes [`Article::id`]; `origin` (usually the file path) names the
/// input in errors. The body is the paragraphs joined by `"\n\n"`, with CRLF
/// turned into LF and each paragraph trimmed; line breaks inside a
/// paragraph are kept. An agency dateline opening the first paragraph
/// (`CentralAsia (CA) - `) becomes [`Article::source`] and is not part of
/// the body, and neither are boxes of links to other stories (see
/// [`Article::body`]).
///
/// # Errors
/// [`crate::Error::Parse`] naming `origin`, the line and the problem: an empty
/// file, binary content (NUL or other control characters), a first line that
/// is not a header, a header without a valid date or without a title, and a
/// header with no text after it ("article has a title but no body").
///
/// # Example
/// ```
/// let text = " date 2025-09-03 Переговоры в Пекине\n\nМосква (ИТАР-ТАСС) - Первый абзац.\n\nВторой.";
/// let article = poisk::input::parse_article(text, "a.txt", "corpus/a.txt")?;
/// assert_eq!(article.title, "Переговоры в Пекине");
/// assert_eq!(article.source.as_deref(), Some("Москва (ИТАР-ТАСС)"));
/// assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), ["Первый абзац.", "Второй."]);
/// # Ok::<(), poisk::Error>(())
/// ```
pub fn parse_article(text: &str, id: &str, origin: &str) -> Result<Article> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_id(id, "the id (the file's path)").map_err(|message| Error::parse(origin, None, message))?;
    let fail = |line: usize, message: String| Error::parse(origin, Some(line), message);
    check_is_text(text).map_err(|(line, message)| fail(line, message))?;
    let mut lines = numbered_lines(text).skip_while(|line| line.is_blank());
    let header = lines.next().ok_or_else(|| fail(1, empty_file_message(text)))?;
    let (date, title) = parse_header(header.content).map_err(|message| fail(header.number, message))?;
    let mut paragraphs = Paragraphs::new(text, lines);
    let first = paragraphs.next().ok_or_else(|| fail(header.number, "article has a title but no body".to_string()))?;
    let (source, first) = match split_dateline(first) {
        Some((dateline, rest)) => (Some(dateline.to_string()), rest),
        None => (None, first),
    };
    let mut article = Article {
        id: id.to_string(),
        date: Some(date),
        title: title.to_string(),
        source,
        url: None,
        body: String::with_capacity(text.len()),
        paragraphs: Vec::new(),
    };
    push_paragraph(&mut article, first);
    for paragraph in paragraphs {
        push_paragraph(&mut article, paragraph);
    }
    drop_related_boxes(&mut article);
    Ok(article)
}

/// Rejects binary content, naming the line of the first control character.
///
/// Tabs, line and page breaks are text; NUL and the other C0 controls are
/// not (DEL is left alone: it occurs in real scraped news).
fn check_is_text(text: &str) -> Result<(), (usize, String)> {
    let Some(at) =
        text.find(|c: char| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{7f}'))
    else {
        return Ok(());
    };
    let line = 1 + text[..at].bytes().filter(|&b| b == b'\n').count();
    let code = text.as_bytes()[at];
    Err((line, format!("binary data, not text: control character 0x{code:02X}")))
}

fn empty_file_message(text: &str) -> String {
    if text.is_empty() { "file is empty" } else { "file holds only whitespace" }.to_string()
}

/// Splits the header line into its date and title.
fn parse_header(line: &str) -> Result<(Date, &str), String> {
    let expected = || format!("expected a header ` date YYYY-MM-DD Title`, found {:?}", excerpt(line));
    let line = line.trim();
    let keyword = line.get(..HEADER_KEYWORD.len()).ok_or_else(expected)?;
    let after = &line[HEADER_KEYWORD.len()..];
    if !keyword.eq_ignore_ascii_case(HEADER_KEYWORD) || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return Err(expected());
    }
    let after = after.trim_start();
    let (date, title) = after.split_once(char::is_whitespace).unwrap_or((after, ""));
    if date.is_empty() {
        return Err("header has `date` but no date after it".to_string());
    }
    let date = date.parse::<Date>().and_then(Date::indexable).map_err(|e| format!("header date: {e}"))?;
    let title = title.trim();
    if title.is_empty() {
        return Err(format!("header has the date {date} but no title"));
    }
    Ok((date, title))
}

/// The first [`EXCERPT_CHARS`] characters of `line`, for error messages.
fn excerpt(line: &str) -> &str {
    line.char_indices().nth(EXCERPT_CHARS).map_or(line, |(at, _)| &line[..at])
}

/// Appends `paragraph` to the body, turning CRLF and a lone CR (old Mac
/// line ends) into LF, and records its range.
fn push_paragraph(article: &mut Article, paragraph: &str) {
    if !article.paragraphs.is_empty() {
        article.body.push_str("\n\n");
    }
    let start = article.body.len();
    for (i, piece) in paragraph.split("\r\n").enumerate() {
        if i > 0 {
            article.body.push('\n');
        }
        for (j, part) in piece.split('\r').enumerate() {
            if j > 0 {
                article.body.push('\n');
            }
            article.body.push_str(part);
        }
    }
    article.paragraphs.push(start..article.body.len());
}

/// One line of the input, without its line end.
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// Byte range of `content` inside the text.
    range: Range<usize>,
    content: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.content.trim().is_empty()
    }
}

/// The lines of `text` with their numbers and byte ranges; `\n` and `\r\n`
/// both end a line.
fn numbered_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').enumerate().map(move |(i, raw)| {
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let line = Line { number: i + 1, range: start..start + content.len(), content };
        start += raw.len();
        line
    })
}

/// Groups lines into paragraphs: runs of non-blank lines, as trimmed slices
/// of the original text (so inner line ends are still CRLF where they were).
struct Paragraphs<'a, I> {
    text: &'a str,
    lines: I,
}

impl<'a, I: Iterator<Item = Line<'a>>> Paragraphs<'a, I> {
    fn new(text: &'a str, lines: I) -> Self {
        Paragraphs { text, lines }
    }
}

impl<'a, I: Iterator<Item = Line<'a>>> Iterator for Paragraphs<'a, I> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let first = self.lines.by_ref().find(|line| !line.is_blank())?;
        let mut range = first.range;
        for line in self.lines.by_ref() {
            if line.is_blank() {
                break;
            }
            range.end = line.range.end;
        }
        Some(self.text[range].trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
    const SHORT: &str = " date 2025-09-03 Заголовок статьи\n\nCentralAsia (CA) - Первый абзац.\n\nВторой абзац.";

    fn parse(text: &str) -> Article {
        parse_article(text, "a.txt", "dir/a.txt").unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    fn paragraphs(article: &Article) -> Vec<&str> {
        article.paragraph_texts().collect()
    }

    /// Asserts that `text` is rejected at `line` with a message containing `needle`.
    fn assert_rejected(text: &str, line: usize, needle: &str) {
        match parse_article(text, "a.txt", "dir/a.txt") {
            Err(Error::Parse { origin, line: got, message }) => {
                assert_eq!(origin, "dir/a.txt");
                assert_eq!(got, Some(line), "line of {message:?} for {text:?}");
                assert!(message.contains(needle), "{message:?} should mention {needle:?}");
            }
            other => panic!("{text:?} should be a parse error, got {other:?}"),
        }
    }

    /// Body and paragraph ranges agree: paragraphs joined by a blank line are the body.
    fn assert_consistent(article: &Article) {
        assert_eq!(paragraphs(article).join("\n\n"), article.body);
        assert!(paragraphs(article).iter().all(|p| !p.is_empty() && p.trim() == *p && !p.contains('\r')));
    }

    #[test]
    fn related_article_boxes_are_not_part_of_the_body() {
        let text =
            " date 2025-09-03 Заголовок\n\nПервый абзац.\n\nТакже по теме\n\nДругая статья\n\nЕё начало...\n\nВторой.";
        let article = parse(text);
        assert_eq!(paragraphs(&article), ["Первый абзац.", "Второй."]);
        assert_eq!(article.body, "Первый абзац.\n\nВторой.");
    }

    #[test]
    fn parses_the_seed_article() {
        let article = parse(SEED);
        assert_eq!(article.id, "a.txt");
        assert_eq!(article.date, Some("2025-09-03".parse().unwrap()));
        assert_eq!(article.title, "Путин и Ким Чен Ын проводят переговоры в Пекине");
        assert_eq!(article.source.as_deref(), Some("CentralAsia (CA)"));
        assert_eq!(article.paragraphs.len(), 10);
        assert!(article.body.starts_with("Президент России Владимир Путин и лидер КНДР Ким Чен Ын"));
        assert!(article.body.ends_with("благосостояния наших народов», - сказал он."));
        assert!(!article.body.contains("CentralAsia"));
        assert_consistent(&article);
    }

    #[test]
    fn splits_paragraphs_and_takes_the_dateline() {
        let article = parse(SHORT);
        assert_eq!(article.source.as_deref(), Some("CentralAsia (CA)"));
        assert_eq!(paragraphs(&article), ["Первый абзац.", "Второй абзац."]);
        assert_eq!(article.body, "Первый абзац.\n\nВторой абзац.");
        assert_eq!(article.paragraphs, [0..24, 26..50]);
    }

    #[test]
    fn a_dateline_only_counts_in_the_first_paragraph() {
        let article = parse(" date 2025-09-03 Т\n\nПервый.\n\nМосква (AP) - второй.");
        assert_eq!(article.source, None);
        assert_eq!(paragraphs(&article), ["Первый.", "Москва (AP) - второй."]);
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_end() {
        let article = parse(" date 2025-09-03 А\n«\rё");
        assert_eq!(article.body, "«\nё");
        let article = parse(" date 2025-09-03 Стихи\n\nПервая строка,\rвторая строка.");
        assert_eq!(article.body, "Первая строка,\nвторая строка.");
    }

    #[test]
    fn tolerates_bom_crlf_spaces_and_loose_blank_lines() {
        let messy = "\u{feff}\r\n  DATE   2025-09-03   Заголовок статьи  \r\nCentralAsia (CA) - Первый абзац.\r\n\r\n \t\r\n\r\nВторой абзац.\r\n\r\n";
        assert_eq!(parse(messy), parse(SHORT));
        let no_space = SHORT.trim_start();
        assert_eq!(parse(no_space), parse(SHORT));
    }

    #[test]
    fn keeps_line_breaks_inside_a_paragraph_as_lf() {
        let article = parse(" date 2025-09-03 Стихи\r\n\r\nПервая строка,\r\nвторая строка.\r\n\r\nЕщё.");
        assert_eq!(paragraphs(&article), ["Первая строка,\nвторая строка.", "Ещё."]);
        assert_consistent(&article);
    }

    #[test]
    fn rejects_files_that_are_not_articles() {
        assert_rejected("", 1, "empty");
        assert_rejected(" \n\t\r\n\n", 1, "only whitespace");
        assert_rejected("Просто текст без заголовка.\n\nИ ещё абзац.", 1, "expected a header");
        assert_rejected("\n\n dated 2025-09-03 Т\n\nТекст.", 3, "expected a header");
        assert_rejected(" date\n\nТекст.", 1, "no date");
        assert_rejected(" date Заголовок без даты\n\nТекст.", 1, "not a date");
        assert_rejected(" date 2025-13-45 Т\n\nТекст.", 1, "month 13");
        assert_rejected(" date 2025-02-29 Т\n\nТекст.", 1, "day 29");
        assert_rejected(" date 2025-09-03\n\nТекст.", 1, "no title");
        assert_rejected(" date 2025-09-03 Заголовок\n\n \n", 1, "title but no body");
        assert_rejected(" date 2025-09-03 Заголовок", 1, "title but no body");
        assert_rejected(" date 2025-09-03 Т\n\nТекст\0\u{1}\u{2}", 3, "binary data");
        assert_rejected("\u{89}PNG\r\n\u{1a}\n\0\0\0\rIHDR", 2, "0x1A");
        assert_rejected(" date 2500-01-01 Т\n\nТекст.", 1, "header date: \"2500-01-01\" is outside the dates an index");
        assert_rejected(" date 1000-01-01 Т\n\nТекст.", 1, "outside the dates an index can hold, 1678-01-01 to 2261");
    }

    #[test]
    fn an_id_longer_than_the_limit_is_refused() {
        let text = " date 2025-09-03 Т\n\nТекст.";
        let id = format!("{}/a.txt", "d".repeat(5000));
        let err = parse_article(text, &id, "news/long.txt").unwrap_err();
        let expected =
            "news/long.txt: the id (the file's path) is 5006 bytes long; an article id may be at most 4096 bytes";
        assert_eq!(err.to_string(), expected);
        assert!(parse_article(text, &"d".repeat(4096), "x").is_ok());
    }

    #[test]
    fn error_names_origin_and_line() {
        let err = parse_article(" date 2025-09-03 Т\n\nТекст\n\u{0}", "a.txt", "dir/a.txt").unwrap_err();
        assert_eq!(err.to_string(), "dir/a.txt:4: binary data, not text: control character 0x00");
    }

    #[test]
    #[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
    fn parses_every_file_of_the_real_corpus() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/txt");
        let entries = std::fs::read_dir(dir).expect("the corpus");
        let (mut files, mut datelines, mut paragraph_count) = (0, 0, 0);
        for entry in entries {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let article = parse_article(&text, "id", &path.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
            assert_consistent(&article);
            assert!(text.starts_with(&format!(" date {} {}", article.date.unwrap(), article.title)));
            files += 1;
            datelines += usize::from(article.source.is_some());
            paragraph_count += article.paragraphs.len();
        }
        eprintln!("{files} seed files, {paragraph_count} paragraphs, {datelines} agency datelines");
        assert_eq!(files, 2049);
        // The corpus comes from newspapers and sites, not wires: no paragraph
        // opens with an agency dateline, though three have the `X (Y) – ` shape.
        assert_eq!(datelines, 0);
    }
}
