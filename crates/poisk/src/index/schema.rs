//! The index schema: every field name and analyzer name, defined once.
//!
//! One tantivy document per article and one per quote. Both kinds share
//! the schema; `kind` tells them apart and `article_id` ties a quote to its
//! article (an article's own `article_id` is its `id`, so deleting by
//! `article_id` removes an article together with its quotes).

use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use crate::analyzer::{EXACT_ANALYZER, RUSSIAN_ANALYZER};

/// Version of the on-disk layout this build writes and reads.
///
/// Bump it whenever the schema, an analyzer or what is stored changes: an
/// index of another version must be rebuilt, not misread.
pub(crate) const FORMAT_VERSION: u32 = 8;

/// Field names, as they appear in the tantivy schema.
pub(crate) mod names {
    pub const KIND: &str = "kind";
    pub const ID: &str = "id";
    pub const ARTICLE_ID: &str = "article_id";
    pub const DATE: &str = "date";
    pub const TITLE: &str = "title";
    pub const SOURCE: &str = "source";
    pub const BODY: &str = "body";
    pub const LEAD: &str = "lead";
    pub const PATH: &str = "path";
    pub const URL: &str = "url";
    pub const SPEAKER: &str = "speaker";
    pub const SPEAKER_KIND: &str = "speaker_kind";
    pub const SPEAKER_KEY: &str = "speaker_key";
    pub const SPEAKERS: &str = "speakers";
    pub const ATTRIBUTION: &str = "attribution";
    pub const MENTION: &str = "mention";
    pub const SPAN: &str = "span";
    pub const FINGERPRINT: &str = "fingerprint";
    pub const ARTICLE_TITLE: &str = "article_title";
    pub const QUOTE: &str = "quote";
    pub const TITLE_EXACT: &str = "title_exact";
    pub const BODY_EXACT: &str = "body_exact";
    pub const QUOTE_EXACT: &str = "quote_exact";
}

/// Handles of every field of the schema.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    pub schema: Schema,
    /// `article` or `quote`.
    pub kind: Field,
    /// The document's own id: the article id, or `ARTICLE_ID#N` for a quote.
    pub id: Field,
    /// The article a document belongs to (itself for an article).
    pub article_id: Field,
    pub date: Field,
    pub title: Field,
    /// The agency or site, as written: indexed whole (`source:`,
    /// `--source`), stored, and a fast column for counts by source.
    pub source: Field,
    /// Article text.
    pub body: Field,
    /// The first words of the article text, indexed only: news puts what
    /// the article is about first, so a match there counts extra.
    pub lead: Field,
    /// A quote's words (without the guillemets).
    pub quote: Field,
    pub path: Field,
    /// Where the article was published, stored only.
    pub url: Field,
    pub speaker: Field,
    /// What the speaker is (`person`, `organisation`, `group`, `document`).
    pub speaker_kind: Field,
    /// The speaker's name as keys of any case form, with the marks of a
    /// surname alone or a full name (`quote::index_keys`), indexed only.
    pub speaker_key: Field,
    /// Whom a document quotes, each name whole, in a fast column only, for
    /// counts by speaker: a quote's speaker, and on an article every
    /// speaker of its quotes once.
    pub speakers: Field,
    /// How the speaker was found (`after`, `role`, …).
    pub attribution: Field,
    /// The words that named the speaker.
    pub mention: Field,
    /// A quote's `start`, `end` and `unclosed` flag in its article's body.
    pub span: Field,
    /// An article's SimHash (`fingerprint.rs`), in a fast column only.
    pub fingerprint: Field,
    /// A quote's article title, stored only: quotes match on their words.
    pub article_title: Field,
    /// The title's words unstemmed (lowercase, ё→е), indexed only: for
    /// exact forms (`="Курской"`) and prefixes (`курск*`).
    pub title_exact: Field,
    /// The body's words unstemmed, indexed only.
    pub body_exact: Field,
    /// A quote's words unstemmed, indexed only.
    pub quote_exact: Field,
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let indexed = |analyzer: &str| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            TextOptions::default().set_indexing_options(indexing)
        };
        let text = |analyzer: &str| indexed(analyzer).set_stored();
        let date =
            DateOptions::default().set_indexed().set_fast().set_stored().set_precision(DateTimePrecision::Seconds);
        let kind = b.add_text_field(names::KIND, STRING | FAST | STORED);
        let id = b.add_text_field(names::ID, STRING | STORED);
        let article_id = b.add_text_field(names::ARTICLE_ID, STRING | STORED);
        let date = b.add_date_field(names::DATE, date);
        let title = b.add_text_field(names::TITLE, text(RUSSIAN_ANALYZER));
        let source = b.add_text_field(names::SOURCE, STRING | STORED | FAST);
        let body = b.add_text_field(names::BODY, text(RUSSIAN_ANALYZER));
        let lead = b.add_text_field(names::LEAD, indexed(RUSSIAN_ANALYZER));
        let quote = b.add_text_field(names::QUOTE, text(RUSSIAN_ANALYZER));
        let path = b.add_text_field(names::PATH, STORED);
        let url = b.add_text_field(names::URL, STORED);
        let speaker = b.add_text_field(names::SPEAKER, text(RUSSIAN_ANALYZER));
        let speaker_kind = b.add_text_field(names::SPEAKER_KIND, STRING | STORED);
        let speaker_key = b.add_text_field(names::SPEAKER_KEY, indexed(EXACT_ANALYZER));
        let speakers = b.add_text_field(names::SPEAKERS, FAST);
        let attribution = b.add_text_field(names::ATTRIBUTION, STRING | STORED);
        let mention = b.add_text_field(names::MENTION, STORED);
        let span = b.add_u64_field(names::SPAN, STORED);
        let fingerprint = b.add_u64_field(names::FINGERPRINT, FAST);
        let article_title = b.add_text_field(names::ARTICLE_TITLE, STORED);
        let title_exact = b.add_text_field(names::TITLE_EXACT, indexed(EXACT_ANALYZER));
        let body_exact = b.add_text_field(names::BODY_EXACT, indexed(EXACT_ANALYZER));
        let quote_exact = b.add_text_field(names::QUOTE_EXACT, indexed(EXACT_ANALYZER));
        Fields {
            schema: b.build(),
            kind,
            id,
            article_id,
            date,
            title,
            source,
            body,
            lead,
            quote,
            path,
            url,
            speaker,
            speaker_kind,
            speaker_key,
            speakers,
            attribution,
            mention,
            span,
            fingerprint,
            article_title,
            title_exact,
            body_exact,
            quote_exact,
        }
    }
}
