//! The cluster's tables: their names, full-text fields and attributes,
//! each spelt once here, for the configs (`config.rs`), the rows written
//! (`document.rs`, `vocabulary.rs`) and the queries (`compile.rs`,
//! `search.rs`, `correct.rs`).
//!
//! One table ([`TABLE`]) holds articles and quotes, as the local index
//! does. Full-text fields hold poisk's tokens, encoded ([`crate::token`]);
//! attributes hold what filters, sorts and groups, and `stored`, the JSON
//! of what a hit shows, so that a field added to poisk's articles or quotes
//! reaches the cluster's output through serde with no change here.
//!
//! A second table ([`VOCABULARY`]) holds each word form of the articles'
//! titles and bodies once, by its trigrams, for typo correction
//! ([`crate::vocabulary`]).

/// The table's name, on the shards and on the aggregator.
pub const TABLE: &str = "poisk";

/// A full-text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An article's title, stemmed.
    Title,
    /// An article's body, stemmed.
    Body,
    /// The first words of an article's body, stemmed (ranking only).
    Lead,
    /// The title as written (lowercase, ё→е).
    TitleExact,
    /// The body as written.
    BodyExact,
    /// A quote's words, stemmed.
    Quote,
    /// A quote's words as written.
    QuoteExact,
    /// A quote's speaker's name as the local index keys it
    /// ([`poisk::quotes::index_keys`]): the same in every case form.
    Speaker,
    /// The article's source as one token, for `source:` and a request's
    /// source ([`crate::document::source_keyword`]).
    SourceKey,
    /// Tokens of the document's day, month, year, decade and century, for
    /// `date:` anywhere in a query ([`crate::compile`]).
    Dates,
}

impl Field {
    /// Every field, in the order of the table.
    pub const ALL: [Field; 10] = [
        Field::Title,
        Field::Body,
        Field::Lead,
        Field::TitleExact,
        Field::BodyExact,
        Field::Quote,
        Field::QuoteExact,
        Field::Speaker,
        Field::SourceKey,
        Field::Dates,
    ];

    /// The field's name in the table.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Lead => "lead",
            Field::TitleExact => "title_exact",
            Field::BodyExact => "body_exact",
            Field::Quote => "quote",
            Field::QuoteExact => "quote_exact",
            Field::Speaker => "speaker",
            Field::SourceKey => "source_key",
            Field::Dates => "dates",
        }
    }

    /// The field that the local index names `name` (its `speaker_key` is
    /// the cluster's `speaker`); `None` for one the cluster has not.
    pub fn of_local(name: &str) -> Option<Field> {
        match name {
            "speaker_key" => Some(Field::Speaker),
            _ => Field::ALL.into_iter().find(|f| f.name() == name),
        }
    }

    /// The local index's name of the field.
    pub fn local_name(self) -> &'static str {
        match self {
            Field::Speaker => "speaker_key",
            _ => self.name(),
        }
    }

    /// The bit of the field in Sphinx's `field_mask`: its place in the table.
    pub fn mask(self) -> u64 {
        let at = Field::ALL.iter().position(|&f| f == self).unwrap_or_default();
        1 << at
    }

    /// The attribute that holds the field's number of poisk tokens (the
    /// length BM25 weighs a match by); `None` for the fields that do not
    /// score. A word form stands for each stem, so the `*_exact` fields
    /// count as their stemmed twins.
    pub fn tokens(self) -> Option<&'static str> {
        match self {
            Field::Title | Field::TitleExact => Some(TITLE_TOKENS),
            Field::Body | Field::BodyExact => Some(BODY_TOKENS),
            Field::Lead => Some(LEAD_TOKENS),
            Field::Quote | Field::QuoteExact => Some(QUOTE_TOKENS),
            Field::Speaker => Some(SPEAKER_TOKENS),
            Field::SourceKey | Field::Dates => None,
        }
    }
}

/// An attribute's type, as `rt_attr_*` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// 32-bit unsigned.
    Uint,
    /// 64-bit signed.
    Bigint,
    /// A string.
    String,
    /// A set of 64-bit values (`rt_attr_multi_64`): `GROUP BY` puts a row
    /// in the group of each of its values.
    Multi64,
}

impl AttrType {
    /// The type as `rt_attr_*` names it.
    pub fn name(self) -> &'static str {
        match self {
            AttrType::Uint => "uint",
            AttrType::Bigint => "bigint",
            AttrType::String => "string",
            AttrType::Multi64 => "multi_64",
        }
    }
}

/// The attributes: name and type.
pub const ATTRIBUTES: [(&str, AttrType); 18] = [
    (KIND, AttrType::Uint),
    (SPEAKER_KIND, AttrType::Uint),
    (DAY, AttrType::Uint),
    (QUOTES, AttrType::Uint),
    (ARTICLE_KEY, AttrType::Bigint),
    (DOC_ID, AttrType::String),
    (ARTICLE_ID, AttrType::String),
    (PATH, AttrType::String),
    (SOURCE, AttrType::String),
    (SPEAKER_ROW, AttrType::String),
    (STORED, AttrType::String),
    (TITLE_TOKENS, AttrType::Uint),
    (BODY_TOKENS, AttrType::Uint),
    (LEAD_TOKENS, AttrType::Uint),
    (QUOTE_TOKENS, AttrType::Uint),
    (SPEAKER_TOKENS, AttrType::Uint),
    (SPEAKERS, AttrType::String),
    (SPEAKER_IDS, AttrType::Multi64),
];

/// The scoring fields that count their tokens in an attribute
/// ([`Field::tokens`]), in the order of [`ATTRIBUTES`].
pub const COUNTED: [Field; 5] = [Field::Title, Field::Body, Field::Lead, Field::Quote, Field::Speaker];

/// 0 for an article; for a quote document, 1 for a quotation, 2 for a
/// term, 3 for a name ([`crate::document::kind_value`]).
pub const KIND: &str = "kind";
/// The kind of a quote's speaker: 0 for none, then person, organisation,
/// group, document ([`crate::document::speaker_kind_value`]).
pub const SPEAKER_KIND: &str = "speaker_kind";
/// The document's day: [`DAY_OFFSET`] + days since 1970-01-01; 0 when
/// undated.
pub const DAY: &str = "day";
/// An article's number of quotes (its quotes' row ids follow from it).
pub const QUOTES: &str = "quotes";
/// The row id of the article (of the quote's article, for a quote).
pub const ARTICLE_KEY: &str = "article_key";
/// The document's id (`ARTICLE_ID#qN` for a quote).
pub const DOC_ID: &str = "doc_id";
/// The article's id.
pub const ARTICLE_ID: &str = "article_id";
/// Where the article was read from.
pub const PATH: &str = "path";
/// The agency or site.
pub const SOURCE: &str = "source";
/// A quote's speaker as `poisk speakers` counts it: kind, name and
/// mention, separated by [`crate::document::ROW_SEPARATOR`] (for grouping
/// speakers); empty without a speaker.
pub const SPEAKER_ROW: &str = "speaker_row";
/// The JSON of what a hit shows ([`crate::document::Stored`]).
pub const STORED: &str = "stored";

/// The number of poisk tokens in the title (and in `title_exact`): the
/// cluster's sums of these are the local index's field lengths, which
/// BM25 takes the average of ([`crate::Cluster`] scores as locally).
pub const TITLE_TOKENS: &str = "title_tokens";
/// The number of tokens in the body.
pub const BODY_TOKENS: &str = "body_tokens";
/// The number of tokens in the lead.
pub const LEAD_TOKENS: &str = "lead_tokens";
/// The number of tokens in a quote's words.
pub const QUOTE_TOKENS: &str = "quote_tokens";
/// The number of a quote's speaker's name keys.
pub const SPEAKER_TOKENS: &str = "speaker_tokens";

/// Whom the document quotes, as the local index's speaker facet counts
/// them ([`poisk::index::Document::speakers`]): a quote's speaker; for an
/// article, each speaker of its quotes once. The names, separated by
/// [`crate::document::ROW_SEPARATOR`].
pub const SPEAKERS: &str = "speakers";
/// The row ids ([`crate::document::row_id`]) of the names in [`SPEAKERS`],
/// which the speaker facet groups by: a row counts once for each name.
pub const SPEAKER_IDS: &str = "speaker_ids";

/// The vocabulary table's name, on the shards and on the aggregator: each
/// word form of the articles' titles and bodies once, its row id the
/// form's ([`crate::document::row_id`]), on shard `hash(form) mod N`.
pub const VOCABULARY: &str = "vocabulary";
/// The vocabulary's one full-text field: the form's trigrams, encoded
/// ([`crate::vocabulary::trigrams`]).
pub const TRIGRAMS: &str = "trigrams";
/// The vocabulary's attributes: the form (lowercase, ё as е) and its
/// length in characters.
pub const VOCABULARY_ATTRIBUTES: [(&str, AttrType); 2] = [(WORD, AttrType::String), (CHARS, AttrType::Uint)];
/// The word form, as the `*_exact` fields hold it before encoding.
pub const WORD: &str = "word";
/// The form's length in characters, for the length filter of a lookup.
pub const CHARS: &str = "chars";

/// Added to days since 1970-01-01 so that every day poisk holds
/// ([`poisk::Date::EARLIEST`] is 1678) is a positive 32-bit number.
pub const DAY_OFFSET: i64 = 1_000_000;
