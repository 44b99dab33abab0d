//! poisk on a Sphinx/Manticore cluster over SphinxQL: the same analysis,
//! quotes and output as the local index, with the articles sharded over
//! several `searchd` nodes.
//!
//! poisk analyses, the engine stores and matches: documents go to the
//! shards already analysed (poisk's stems and word forms, encoded as
//! Sphinx keywords by [`token`]), queries are compiled from poisk's query
//! tree into Sphinx's extended syntax ([`compile`]), and hits come back
//! with the stored article, from which poisk makes its own snippets; the
//! best of them are scored again with poisk's own BM25, over the cluster's
//! counts of documents, tokens and terms
//! ([`poisk::search::Rescorer`]).
//!
//! - [`ClusterWriter`] writes an article and its quotes to shard
//!   `hash(id) mod N`, replacing the old version.
//! - [`Cluster`] searches through the aggregator's distributed tables and
//!   answers [`poisk::search::Backend`]: the same requests and results as
//!   the local [`poisk::Searcher`], corrected by the same rules from the
//!   cluster's words ([`poisk::search::Vocabulary`]).
//! - [`Layout`] writes the `searchd` configurations of N shards and an
//!   aggregator (`poisk cluster config`).
//!
//! | file | what |
//! |---|---|
//! | `escape.rs` | values into SphinxQL: string literals, `MATCH()` text |
//! | `token.rs` | poisk's tokens as Sphinx keywords |
//! | `schema.rs` | the tables' fields and attributes, named once |
//! | `document.rs` | poisk's documents as rows, and back |
//! | `vocabulary.rs` | the word forms as rows of trigrams, and the lookup of those near a word |
//! | `compile.rs` | the query tree as `MATCH()` text |
//! | `client.rs` | addresses, connections, errors |
//! | `write.rs` | [`ClusterWriter`] |
//! | `search.rs` | [`Cluster`] |
//! | `correct.rs` | [`Cluster`] as the vocabulary of typo and layout corrections |
//! | `config.rs` | [`Layout`]: the nodes' configurations |
#![deny(missing_docs)]

mod client;
pub mod compile;
mod config;
mod correct;
pub mod document;
pub mod escape;
pub mod schema;
mod search;
pub mod token;
pub mod vocabulary;
mod write;

pub use client::{Node, NodeError, SCHEME, parse_url};
pub use config::{Layout, MAX_SHARDS, NodeConfig};
pub use search::{Cluster, ClusterStats};
pub use write::ClusterWriter;
