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

pub(crate) mod build;
pub(crate) mod parse;
