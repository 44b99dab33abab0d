//! poisk's documents as rows of the cluster's table, and back: the one
//! place that knows which value goes into which column.
//!
//! A row's full-text fields hold poisk's tokens, encoded
//! ([`crate::token`]): stems in `title`, `body`, `lead`, `quote` and
//! `speaker`, word forms (marked, see [`EXACT_MARK`]) in the `*_exact`
//! fields, and the document's day, month, year, decade and century in
//! `dates`. The `stored` attribute holds [`Stored`] as JSON; `speakers`
//! and `speaker_ids` whom the document quotes, for the speaker facet.

use std::collections::HashSet;
use std::fmt::Write as _;

use poisk::analysis::analyze;
use poisk::index::Document;
use poisk::quotes::{QuoteKind, SpeakerKind, index_keys};
use poisk::{Article, Date, Quote};
use serde::{Deserialize, Serialize};

use crate::escape::string_literal;
use crate::schema::{ATTRIBUTES, COUNTED, DAY_OFFSET, Field, TABLE};
use crate::token::{encode, encode_into};

/// The first character of every word form in the `*_exact` fields, so
/// that a `prefix*` expands among word forms only, not among the stems
/// that share the table's dictionary.
pub const EXACT_MARK: char = 'E';

/// What a hit shows of a document, as the `stored` attribute holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    /// The article; for a quote, its article without the body (and
    /// paragraphs), which the quote does not show.
    pub article: Article,
    /// Where the article was read from.
    pub origin: Option<String>,
    /// For a quote: its 0-based number in the article, and the quote.
    pub quote: Option<(usize, Quote)>,
}

impl Stored {
    /// The document as poisk's indexing takes it (a quote's article
    /// without its body, which the quote's document does not hold).
    pub fn document(&self) -> Document<'_> {
        Document {
            article: &self.article,
            origin: self.origin.as_deref(),
            quote: self.quote.as_ref().map(|(n, quote)| (*n, quote)),
            quotes: &[],
        }
    }
}

/// The row id of a document id: its 64-bit FNV-1a hash, in 63 bits and
/// never 0 (Sphinx's ids are positive). Two ids share a row with a chance
/// of about n²/2⁶⁴ among n documents: 5·10⁻⁴ for 100 million.
pub fn row_id(id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash & (u64::MAX >> 1)).max(1)
}

/// The shard of an article (and of its quotes) among `shards`.
pub fn shard_of(article_id: &str, shards: usize) -> usize {
    (row_id(article_id) % shards.max(1) as u64) as usize
}

/// The `day` attribute of a date; 0 when undated.
pub fn day_value(date: Option<Date>) -> i64 {
    date.map_or(0, |d| d.days_since_epoch() + DAY_OFFSET)
}

/// The date a `day` attribute holds.
pub fn day_date(value: i64) -> Option<Date> {
    (value > 0).then(|| Date::from_days_since_epoch(value - DAY_OFFSET))
}

/// The tokens of one date in the `dates` field: day, month, year, decade,
/// century.
pub fn date_tokens(date: Date) -> [String; 5] {
    let (y, m, d) = (date.year(), date.month(), date.day());
    [
        format!("d{y:04}{m:02}{d:02}"),
        format!("m{y:04}{m:02}"),
        format!("y{y:04}"),
        format!("x{:03}", y / 10),
        format!("c{:02}", y / 100),
    ]
}

/// The stems of `text`, encoded, separated by spaces.
pub fn stems_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in analyze(text) {
        encode_into(&token.stem, &mut out);
        out.push(' ');
    }
    out
}

/// The word forms of `text`, encoded and marked, separated by spaces.
pub fn forms_text(text: &str) -> String {
    forms_text_adding(text, &mut HashSet::new())
}

/// [`forms_text`], adding each form to `forms` (lowercase, ё as е: the
/// words of the vocabulary table).
fn forms_text_adding(text: &str, forms: &mut HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for token in analyze(text) {
        out.push(EXACT_MARK);
        encode_into(&token.text, &mut out);
        out.push(' ');
        forms.insert(token.text);
    }
    out
}

/// A word form as the `*_exact` fields hold it.
pub fn form_keyword(form: &str) -> String {
    let mut out = String::from(EXACT_MARK);
    encode_into(form, &mut out);
    out
}

/// The `kind` attribute of an article (`None`) or of a quote document of
/// this kind.
pub fn kind_value(quote: Option<QuoteKind>) -> u8 {
    match quote {
        None => 0,
        Some(QuoteKind::Quote) => 1,
        Some(QuoteKind::Term) => 2,
        Some(QuoteKind::Name) => 3,
    }
}

/// The `speaker_kind` attribute of a quote whose speaker is of this kind.
pub fn speaker_kind_value(kind: Option<SpeakerKind>) -> u8 {
    match kind {
        None => 0,
        Some(SpeakerKind::Person) => 1,
        Some(SpeakerKind::Organisation) => 2,
        Some(SpeakerKind::Group) => 3,
        Some(SpeakerKind::Document) => 4,
    }
}

/// The kind a `speaker_kind` attribute holds.
pub fn speaker_kind_of(value: u8) -> Option<SpeakerKind> {
    [SpeakerKind::Person, SpeakerKind::Organisation, SpeakerKind::Group, SpeakerKind::Document]
        .into_iter()
        .find(|&k| speaker_kind_value(Some(k)) == value)
}

/// A source's name as the `source_key` field holds it: the whole name,
/// as written, one keyword (`source:` matches it exactly, or by its start).
pub fn source_keyword(source: &str) -> String {
    encode(source)
}

/// Separates the speaker's kind, name and mention in the `speaker_row`
/// attribute.
pub const ROW_SEPARATOR: char = '\u{1f}';

/// A quote's speaker as the `speaker_row` attribute holds it: its kind,
/// name and mention; empty without a speaker.
fn speaker_row(quote: &Quote) -> String {
    let Some(name) = &quote.speaker else { return String::new() };
    let kind = quote.speaker_kind.map_or("", SpeakerKind::as_str);
    let mention = quote.attribution.as_ref().map_or("", |a| a.mention.as_str());
    format!("{kind}{ROW_SEPARATOR}{name}{ROW_SEPARATOR}{mention}")
}

/// The speaker, kind and mention a `speaker_row` attribute holds.
pub fn parse_speaker_row(row: &str) -> Option<(String, Option<SpeakerKind>, String)> {
    let mut parts = row.splitn(3, ROW_SEPARATOR);
    let (kind, name, mention) = (parts.next()?, parts.next()?, parts.next()?);
    let kind = [SpeakerKind::Person, SpeakerKind::Organisation, SpeakerKind::Group, SpeakerKind::Document]
        .into_iter()
        .find(|k| k.as_str() == kind);
    (!name.is_empty()).then(|| (name.to_owned(), kind, mention.to_owned()))
}

/// The column list of a `REPLACE`: `(id, fields…, attributes…)`.
pub fn columns() -> String {
    let names: Vec<&str> =
        std::iter::once("id").chain(Field::ALL.map(Field::name)).chain(ATTRIBUTES.map(|(name, _)| name)).collect();
    format!("({})", names.join(", "))
}

/// The `REPLACE` statement's head, up to `VALUES`.
pub fn replace_head() -> String {
    format!("REPLACE INTO {TABLE} {} VALUES ", columns())
}

/// One document's values, `(…)`, in the order of [`columns`]; `header`
/// is the article without its body, which a quote's row stores, and the
/// article has `quotes` quotes. The word forms of an article's title and
/// body are added to `forms`.
fn values(document: &Document<'_>, header: &Article, quotes: usize, forms: &mut HashSet<String>) -> String {
    let article = document.article;
    let mut fields: Vec<String> = vec![String::new(); Field::ALL.len()];
    let mut set = |field: Field, text: String| {
        if let Some(at) = Field::ALL.iter().position(|&f| f == field) {
            fields[at] = text;
        }
    };
    if let Some(date) = article.date {
        set(Field::Dates, date_tokens(date).join(" "));
    }
    if let Some(source) = &article.source {
        set(Field::SourceKey, source_keyword(source));
    }
    let (kind, speaker_kind, row, stored) = match document.quote {
        None => {
            set(Field::Title, stems_text(&article.title));
            set(Field::Body, stems_text(&article.body));
            set(Field::Lead, stems_text(document.lead().unwrap_or_default()));
            set(Field::TitleExact, forms_text_adding(&article.title, forms));
            set(Field::BodyExact, forms_text_adding(&article.body, forms));
            let stored = Stored { article: article.clone(), origin: document.origin.map(str::to_owned), quote: None };
            (kind_value(None), 0, String::new(), stored)
        }
        Some((n, quote)) => {
            set(Field::Quote, stems_text(&quote.text));
            set(Field::QuoteExact, forms_text(&quote.text));
            // As the local index: a speaker only with its attribution.
            let mut speaker_kind = 0;
            if let (Some(speaker), Some(_)) = (&quote.speaker, &quote.attribution) {
                let kind = quote.speaker_kind.unwrap_or(SpeakerKind::Person);
                let mut keys = String::new();
                for key in index_keys(speaker, kind == SpeakerKind::Person).split(' ') {
                    encode_into(key, &mut keys);
                    keys.push(' ');
                }
                set(Field::Speaker, keys);
                speaker_kind = speaker_kind_value(Some(kind));
            }
            let stored = Stored {
                article: header.clone(),
                origin: document.origin.map(str::to_owned),
                quote: Some((n, quote.clone())),
            };
            (kind_value(Some(quote.kind)), speaker_kind, speaker_row(quote), stored)
        }
    };
    // The token counts: each token is written with a space after it.
    let counts: Vec<usize> = COUNTED
        .iter()
        .map(|field| Field::ALL.iter().position(|f| f == field).map_or(0, |at| fields[at].matches(' ').count()))
        .collect();
    // Plain data of poisk's own types: serialising it cannot fail.
    let json = serde_json::to_string(&stored).unwrap_or_default();
    let mut out = String::with_capacity(json.len() * 3 + 256);
    let _ = write!(out, "({}", row_id(&document.id()));
    for text in fields {
        out.push_str(", ");
        out.push_str(&string_literal(&text));
    }
    let quotes = if document.quote.is_none() { quotes } else { 0 };
    let _ = write!(out, ", {kind}, {speaker_kind}, {}, {quotes}, {}", day_value(article.date), row_id(&article.id));
    for text in [
        document.id().as_str(),
        &article.id,
        document.origin.unwrap_or_default(),
        article.source.as_deref().unwrap_or_default(),
        &row,
        &json,
    ] {
        out.push_str(", ");
        out.push_str(&string_literal(text));
    }
    for count in counts {
        let _ = write!(out, ", {count}");
    }
    let speakers = document.speakers();
    let ids: Vec<String> = speakers.iter().map(|name| row_id(name).to_string()).collect();
    let names = speakers.join(&ROW_SEPARATOR.to_string());
    let _ = write!(out, ", {}, ({}))", string_literal(&names), ids.join(","));
    out
}

/// An article's rows and the words of its title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    /// The rows of the article and its quotes, each `(…)`, the article
    /// first.
    pub rows: Vec<String>,
    /// The word forms of its title and body, each once (lowercase, ё as
    /// е): the vocabulary's rows ([`crate::vocabulary::row`]).
    pub forms: HashSet<String>,
}

/// The rows of an article read from `origin` and its quotes, and the word
/// forms of its title and body.
pub fn rows(article: &Article, origin: Option<&str>, quotes: &[Quote]) -> Rows {
    let header = Article { body: String::new(), paragraphs: Vec::new(), ..article.clone() };
    let mut forms = HashSet::new();
    let rows = poisk::index::documents(article, origin, quotes)
        .iter()
        .map(|d| values(d, &header, quotes.len(), &mut forms))
        .collect();
    Rows { rows, forms }
}

/// The names of a `speakers` attribute ([`crate::schema::SPEAKERS`]).
pub fn speaker_names(value: &str) -> impl Iterator<Item = &str> {
    value.split(ROW_SEPARATOR).filter(|name| !name.is_empty())
}
