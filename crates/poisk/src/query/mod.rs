//! Queries: text → [`parse`]d tree → the words it looks for → tantivy
//! query.
//!
//! The language, by example:
//!
//! | query | meaning |
//! |---|---|
//! | `курской области` | articles with both words, any form |
//! | `"курской области"` | the phrase; `"курской области"~2` allows two extra words |
//! | `путин -песков` | without a word |
//! | `путин OR ким`, `путин \|\| ким`, `путин \| ким` | either (`\|\|` and `\|` as in Lucene and Manticore; `&&` is AND, `!word` is `-word`) |
//! | `(путин OR ким) пекин` | grouping |
//! | `title:пекин`, `body:…`, `speaker:путин` | scope a word, phrase or group to a field |
//! | `date:2025-09`, `date:2025`, `date:2025-09-03`, `date:[2025-09-01 TO 2025-09-30]` | publication date |
//! | `курск*` | words that begin with `курск`, as written (`курско-белгородской` too); the [`MAX_EXPANSIONS`](crate::limits::MAX_EXPANSIONS) most frequent |
//! | `="Курской"`, `="Курской области"` | exactly these word forms, not stemmed |
//! | `путен~1` | a word whose stem is at most 1 edit (0 to 2) from `путен` or its stem: `Путин`, `Путина`; the closer terms weigh more |
//! | `санкции^2`, `"…"^0.5`, `(…)^3` | the score of that part multiplied, as Lucene's boosts |
//! | `путин NEAR/3 пекин` | the two words at most 3 words apart, in either order (Manticore's `NEAR/N`) |
//!
//! A search box never refuses what a person pastes: a `"` or `(` that is
//! never closed and a `)` never opened are left out with a warning. Other
//! engines' syntax that poisk does not have (`@field`, `/regex/`, `<<`,
//! `"…"/N`, `~0.8`) is searched as words, with a warning naming it.
//!
//! A query typed on the Latin keyboard layout by mistake (`layout.rs`) is
//! retried on the Russian one by the searcher. What a query may cost is
//! capped ([`crate::limits`]); a request's budget (`budget.rs`) stops it on
//! time.
//!
//! | file | what | engine |
//! |---|---|---|
//! | `syntax.rs` | the tree ([`Node`], one leaf type [`Term`]), the operator and field names | none |
//! | `parse.rs` | text → tree, errors at a character position | none |
//! | `words.rs` | stems, forms and typo patterns of the terms, prose, [`highlights`], the expansion cap | none |
//! | `layout.rs` | a query typed on the Latin layout, as meant | none |
//! | `build.rs` | tree → tantivy query (fields, boosts, proximity bonus), typed or relaxed | tantivy |
//! | `expand.rs`, `sloppy.rs` | prefix and typo words; phrases with slop in linear time | tantivy |
//! | `typo.rs` | words the index lacks, corrected from a vocabulary (the index's, or another engine's); layout corrections held to it | tantivy, or none |
//! | `budget.rs`, `explain.rs` | the time budget and expansions of a request; score explanations | tantivy |
//!
//! The public part is the engine-neutral one: another engine parses with
//! [`parse`], reads the tree's [`Term`]s, highlights with [`highlights`],
//! and counts edits with [`edit_distance`] as typo correction does.

pub(crate) mod bonus;
pub(crate) mod budget;
pub(crate) mod build;
pub(crate) mod expand;
pub(crate) mod explain;
pub(crate) mod layout;
pub(crate) mod parse;
pub(crate) mod sloppy;
mod syntax;
pub(crate) mod typo;
pub(crate) mod words;

pub use self::expand::edit_distance;
pub use self::parse::{Parsed, matches_all, parse};
pub use self::syntax::{Form, Node, Scope, Term};
pub use self::words::{Outline, OutlinePart, Role, STOP_WORDS, highlights};
