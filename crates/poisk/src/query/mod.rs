//! Queries: text → [`parse`]d tree → tantivy query ([`build`]).
//!
//! The language, by example:
//!
//! | query | meaning |
//! |---|---|
//! | `курской области` | articles with both words, any form |
//! | `"курской области"` | the phrase; `"курской области"~2` allows two extra words |
//! | `путин -песков` | without a word |
//! | `путин OR ким` | either |
//! | `(путин OR ким) пекин` | grouping |
//! | `title:пекин`, `body:…`, `speaker:путин` | scope a word, phrase or group to a field |
//! | `date:2025-09`, `date:2025`, `date:2025-09-03`, `date:[2025-09-01 TO 2025-09-30]` | publication date |
//! | `курск*` | words that begin with `курск`, as written (`курско-белгородской` too); the [`MAX_EXPANSIONS`](crate::limits::MAX_EXPANSIONS) most frequent |
//! | `="Курской"`, `="Курской области"` | exactly these word forms, not stemmed |
//! | `путен~1` | a word whose stem is at most 1 edit (0 to 2) from `путен` or its stem: `Путин`, `Путина` |
//!
//! A query typed on the Latin keyboard layout by mistake ([`layout`]) is
//! retried on the Russian one by the searcher. What a query may cost is
//! capped ([`crate::limits`]); a request's [`budget`] stops it on time.

pub(crate) mod budget;
pub(crate) mod build;
pub(crate) mod expand;
pub(crate) mod explain;
pub(crate) mod layout;
pub(crate) mod parse;
pub(crate) mod sloppy;
