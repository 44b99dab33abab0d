//! One JSONL line, an article object, turned into an [`Article`].
//!
//! Fields are first read as loosely typed [`Field`]s and only then checked,
//! so that an error can name the field and say what it held
//! (`"body" is a number, not a string`) instead of serde's positional
//! `invalid type: integer, expected a string`.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::related::drop_related_boxes;
use super::{Article, Date, check_id};

/// The fields of an article object; the others are skipped unread.
#[derive(serde::Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    id: Field<'a>,
    #[serde(borrow, default)]
    date: Field<'a>,
    #[serde(borrow, default)]
    title: Field<'a>,
    #[serde(borrow, default)]
    source: Field<'a>,
    #[serde(borrow, default)]
    body: Field<'a>,
    #[serde(borrow, default)]
    url: Field<'a>,
}

/// A JSON value as far as an article field needs to know it.
#[derive(Debug, Default)]
enum Field<'a> {
    /// The key is not in the object.
    #[default]
    Absent,
    Null,
    /// A string, borrowed from the line when it has no escapes.
    Str(Cow<'a, str>),
    /// An integer (ids may be numbers).
    Integer(i128),
    /// Anything else, named for error messages.
    Other(&'static str),
}

/// Parses one JSONL line into an article.
///
/// The line must already be trimmed and non-empty. `complete` says whether
/// it ended with a newline; a line that is cut off is reported as such.
///
/// # Errors
/// What is wrong with the line, in plain words, without origin or line
/// number (the caller adds them).
pub(super) fn parse_record(line: &str, complete: bool) -> Result<Article, String> {
    check_is_object(line)?;
    let record: Record<'_> = serde_json::from_str(line).map_err(|e| json_error(&e, complete))?;
    record.into_article()
}

/// Says what the line is when it is not an object, so that `[1, 2]` is
/// "an array" rather than a confusing complaint about a struct.
fn check_is_object(line: &str) -> Result<(), String> {
    if line.starts_with('{') {
        return Ok(());
    }
    match serde_json::from_str::<IgnoredAny>(line) {
        Ok(_) => Err(format!("expected a JSON object, found {}", value_kind(line))),
        Err(e) => Err(format!("not JSON: {}", plain_message(&e))),
    }
}

/// The kind of the JSON value that `text` holds, from its first character.
fn value_kind(text: &str) -> &'static str {
    match text.as_bytes().first() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

fn json_error(e: &serde_json::Error, complete: bool) -> String {
    match (e.is_eof(), complete) {
        (true, false) => "the last line is cut off: the file ends inside a JSON object".to_string(),
        (true, true) => "the JSON object is not closed before the end of the line".to_string(),
        _ => format!("not valid JSON: {}", plain_message(e)),
    }
}

/// serde_json's message with "line 1" dropped: the caller knows the line.
fn plain_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let message = text.rfind(" at line ").map_or(text.as_str(), |at| &text[..at]);
    format!("{message} at column {}", e.column())
}

impl Record<'_> {
    fn into_article(self) -> Result<Article, String> {
        let id = required_id(self.id)?;
        let body = optional_string("body", self.body)?.ok_or("the object has no \"body\"")?;
        if body.trim().is_empty() {
            return Err("\"body\" is empty".to_string());
        }
        let date = optional_string("date", self.date)?.filter(|d| !d.is_empty());
        let date = date.map(|d| d.parse::<Date>().and_then(Date::indexable));
        let date = date.transpose().map_err(|e| format!("\"date\": {e}"))?;
        let title = optional_string("title", self.title)?.unwrap_or_default();
        let source = optional_string("source", self.source)?.filter(|s| !s.trim().is_empty());
        let url =
            optional_string("url", self.url)?.map(|u| repaired_url(u.trim()).to_owned()).filter(|u| !u.is_empty());
        let body = body.into_owned();
        let mut article = Article {
            id,
            date,
            title: title.into_owned(),
            source: source.map(Cow::into_owned),
            url,
            paragraphs: line_ranges(&body),
            body,
        };
        drop_related_boxes(&mut article);
        Ok(article)
    }
}

/// `url` without a site's address written before the whole address again
/// (`https://example.comhttps://example.com/a`, as some feeds export
/// their links): the second address when the first part is a bare
/// `scheme://host`. An address passed as a parameter
/// (`https://amp.example.com/?p=http://…`) has a path and stays whole.
fn repaired_url(url: &str) -> &str {
    let Some(host_at) = url.find("://").map(|at| at + 3) else {
        return url;
    };
    let again = ["http://", "https://"].iter().filter_map(|scheme| url[host_at..].find(scheme)).min();
    match again {
        Some(at) if !url[host_at..host_at + at].contains(['/', '?', '#', '=']) => &url[host_at + at..],
        _ => url,
    }
}

/// The id: a non-empty string, or an integer written as decimal digits.
fn required_id(field: Field<'_>) -> Result<String, String> {
    match field {
        Field::Absent | Field::Null => Err("the object has no \"id\"".to_string()),
        Field::Str(id) if id.trim().is_empty() => Err("\"id\" is empty".to_string()),
        Field::Str(id) => check_id(&id, "\"id\"").map(|()| id.into_owned()),
        Field::Integer(n) => Ok(n.to_string()),
        Field::Other(kind) => Err(format!("\"id\" is {kind}, not a string or an integer")),
    }
}

/// A string field that may be absent or null.
fn optional_string<'a>(name: &str, field: Field<'a>) -> Result<Option<Cow<'a, str>>, String> {
    match field {
        Field::Absent | Field::Null => Ok(None),
        Field::Str(text) => Ok(Some(text)),
        Field::Integer(_) => Err(format!("\"{name}\" is a number, not a string")),
        Field::Other(kind) => Err(format!("\"{name}\" is {kind}, not a string")),
    }
}

/// Byte ranges of the non-blank lines of `body`, each trimmed of surrounding
/// whitespace (a stray `\r` included).
pub(super) fn line_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for line in body.split('\n') {
        let trimmed = line.trim_start();
        let from = start + (line.len() - trimmed.len());
        let to = from + trimmed.trim_end().len();
        if to > from {
            ranges.push(from..to);
        }
        start += line.len() + 1;
    }
    ranges
}

impl<'de: 'a, 'a> Deserialize<'de> for Field<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Field<'de>, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field<'de>, E> {
        Ok(Field::Integer(i128::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field<'de>, E> {
        Ok(Field::Integer(i128::from(v)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Field<'de>, E> {
        Ok(Field::Other("a number with a fraction"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<'de>, E> {
        Ok(Field::Other("a boolean"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an array"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Field::Other("an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id":"rt-1","date":"2025-09-03","title":"Переговоры в Пекине","source":"russian.rt.com","body":"Первый абзац.\n\n  Второй «абзац».\r\n","url":"https://x","keywords":["кндр",{"a":1}]}"#;

    fn parse(line: &str) -> Article {
        parse_record(line, true).unwrap_or_else(|e| panic!("{line} should parse: {e}"))
    }

    fn assert_rejected(line: &str, needle: &str) {
        match parse_record(line, true) {
            Err(message) => assert!(message.contains(needle), "{message:?} should mention {needle:?}"),
            Ok(article) => panic!("{line} should be rejected, got {article:?}"),
        }
    }

    #[test]
    fn reads_all_fields_and_keeps_the_body_exact() {
        let article = parse(LINE);
        assert_eq!(article.id, "rt-1");
        assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2025-09-03"));
        assert_eq!(article.title, "Переговоры в Пекине");
        assert_eq!(article.source.as_deref(), Some("russian.rt.com"));
        assert_eq!(article.url.as_deref(), Some("https://x"));
        assert_eq!(article.body, "Первый абзац.\n\n  Второй «абзац».\r\n");
        assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), ["Первый абзац.", "Второй «абзац»."]);
    }

    #[test]
    fn a_site_address_written_before_the_whole_address_is_dropped() {
        let doubled =
            r#"{"id":"rt-3","body":"Текст.","url":"https://russian.rt.comhttps://russian.rt.com/world/article/1-a"}"#;
        assert_eq!(parse(doubled).url.as_deref(), Some("https://russian.rt.com/world/article/1-a"));
        let parameter = r#"{"id":"ng-1","body":"Текст.","url":"https://amp.ng.ru/?p=http://www.ng.ru/world/1.html"}"#;
        assert_eq!(parse(parameter).url.as_deref(), Some("https://amp.ng.ru/?p=http://www.ng.ru/world/1.html"));
        let plain = r#"{"id":"ng-2","body":"Текст.","url":"http://www.ng.ru/world/1.html"}"#;
        assert_eq!(parse(plain).url.as_deref(), Some("http://www.ng.ru/world/1.html"));
    }

    #[test]
    fn related_article_boxes_are_not_part_of_the_body() {
        let article = parse(
            r#"{"id":"rt-2","body":"Первый абзац.\n Также по теме \n Заголовок другой статьи \n Начало другой статьи... \nВторой абзац."}"#,
        );
        assert_eq!(article.paragraph_texts().collect::<Vec<_>>(), ["Первый абзац.", "Второй абзац."]);
        assert!(!article.body.contains("другой"), "{:?}", article.body);
    }

    #[test]
    fn optional_fields_may_be_null_or_absent_and_ids_numbers() {
        let article = parse(r#"{"id": 42, "date": null, "body": "Текст."}"#);
        assert_eq!((article.id.as_str(), article.date, article.title.as_str(), article.source), ("42", None, "", None));
        assert_eq!(parse(r#"{"id":"x","date":"","source":"","body":"Т"}"#).date, None);
    }

    #[test]
    fn names_the_field_at_fault() {
        assert_rejected(r#"{"date":"2025-09-03","body":"Т"}"#, "no \"id\"");
        assert_rejected(r#"{"id":null,"body":"Т"}"#, "no \"id\"");
        assert_rejected(r#"{"id":"","body":"Т"}"#, "\"id\" is empty");
        assert_rejected(r#"{"id":1.5,"body":"Т"}"#, "\"id\" is a number with a fraction");
        assert_rejected(r#"{"id":"x"}"#, "no \"body\"");
        assert_rejected(r#"{"id":"x","body":7}"#, "\"body\" is a number, not a string");
        assert_rejected(r#"{"id":"x","body":["a","b"]}"#, "\"body\" is an array");
        assert_rejected(r#"{"id":"x","body":" \n "}"#, "\"body\" is empty");
        assert_rejected(r#"{"id":"x","body":"Т","date":"2025-13-45"}"#, "\"date\": \"2025-13-45\" is not a valid date");
        assert_rejected(r#"{"id":"x","body":"Т","date":20250903}"#, "\"date\" is a number");
        assert_rejected(
            r#"{"id":"x","body":"Т","date":"2500-01-01"}"#,
            "\"date\": \"2500-01-01\" is outside the dates an index can hold, 1678-01-01 to 2261-12-31",
        );
        let long = format!(r#"{{"id":"{}","body":"Т"}}"#, "x".repeat(70_000));
        assert_rejected(&long, "\"id\" is 70000 bytes long; an article id may be at most 4096 bytes");
        let longest = format!(r#"{{"id":"{}","body":"Т"}}"#, "x".repeat(4096));
        assert_eq!(parse(&longest).id.len(), 4096);
        assert_rejected(r#"{"id":"x","body":"Т","title":{"ru":"Т"}}"#, "\"title\" is an object");
    }

    #[test]
    fn says_what_is_wrong_with_the_json() {
        assert_rejected("[1, 2]", "expected a JSON object, found an array");
        assert_rejected("\"Путин\"", "found a string");
        assert_rejected("Путин сказал", "not JSON");
        assert_rejected(r#"{"id":"x","body":"Т",}"#, "not valid JSON: trailing comma at column");
        assert_rejected(r#"{"id":"x","body":"Т"} {}"#, "trailing characters");
        assert_rejected(r#"{"id":"x","id":"y","body":"Т"}"#, "duplicate field `id`");
        assert_rejected(r#"{"id":"x","body":"Перег"#, "not closed");
        let cut = parse_record(r#"{"id":"x","body":"Перег"#, false).unwrap_err();
        assert_eq!(cut, "the last line is cut off: the file ends inside a JSON object");
    }

    #[test]
    fn line_ranges_skip_blank_lines_and_trim() {
        let body = "А\n\n \r\n  Б в \r\nГ";
        let texts: Vec<_> = line_ranges(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(texts, ["А", "Б в", "Г"]);
        assert!(line_ranges("").is_empty());
    }
}
