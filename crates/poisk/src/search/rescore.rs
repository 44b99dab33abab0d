//! Another engine's candidates scored as the local index scores them.
//!
//! An engine that holds the collection elsewhere (the Sphinx cluster of
//! `poisk-sphinx`) finds the documents and ranks them by its own factors.
//! [`Rescorer`] gives the best of them the local index's scores: the
//! candidates are indexed in memory with poisk's schema and analyzers, and
//! the query compiled as a local search compiles it (fields and their
//! weights, the lead's share, proximity bonuses) runs over them, with BM25's
//! statistics of the whole collection ([`CollectionStatistics`]) given by
//! the engine in place of those of the few documents in memory. A
//! document's own field lengths and word positions come from its text, as
//! they do locally.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::collector::TopDocs;
use tantivy::directory::RamDirectory;
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query};
use tantivy::schema::{Field, FieldType};
use tantivy::store::Compressor;
use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};
use tantivy::{DocAddress, IndexSettings, Term};

use super::request::Match;
use crate::error::{EngineResult, Result};
use crate::index::{Document, Fields, Kind};
use crate::query::budget::Budget;
use crate::query::build::compile;
use crate::query::{Form, Node, Parsed, matches_all, parse};

/// The memory budget of the candidates' segment. It sizes tantivy's term
/// table up front, which is cleared and walked whole: a small one costs
/// less, and grows when the candidates hold more terms.
const MEMORY: usize = 200_000;

/// A term a query scores by: the local index's name of its field (`title`,
/// `body`, `lead`, `title_exact`, `body_exact`, `quote`, `quote_exact`,
/// `speaker_key`) and its text there (a stem, a word form in the `*_exact`
/// fields, a name key in `speaker_key`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScoredTerm {
    /// The field's name.
    pub field: String,
    /// The term's text.
    pub text: String,
}

/// What BM25 takes from the whole collection, as the local index counts it
/// (`bm25.rs`): the documents of the kind searched, and per field and term
/// the documents and tokens of any kind (only articles have titles and
/// bodies; quotations, terms and names share the quote fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectionStatistics {
    /// Documents of the kind searched.
    pub documents: u64,
    /// Tokens in each field over all documents, by field name.
    pub tokens: HashMap<String, u64>,
    /// Documents that hold each term.
    pub doc_freqs: HashMap<ScoredTerm, u64>,
}

/// Candidates of one query, indexed in memory to be scored as the local
/// index would score them.
///
/// ```
/// use poisk::search::{CollectionStatistics, Match, Rescorer, ScoredTerm};
/// use poisk::{Article, index::documents};
///
/// // The same words, as many of them: only their places differ.
/// let articles = [
///     Article::new("a", "", "Курск и область прошли учения."),
///     Article::new("b", "", "В Курской области прошли учения."),
/// ];
/// let docs: Vec<_> = articles.iter().flat_map(|a| documents(a, None, &[])).collect();
/// let rescorer = Rescorer::new(&Match::new("Курской области"), "Курской области", false, &docs)?;
/// // The statistics the scores need: here a collection of 1,000 articles
/// // where `област` is common and `курск` rare.
/// let mut statistics = CollectionStatistics { documents: 1000, ..Default::default() };
/// for ScoredTerm { field, text } in rescorer.terms()? {
///     statistics.tokens.insert(field.clone(), 50_000);
///     let n = if text == "област" { 600 } else { 20 };
///     statistics.doc_freqs.insert(ScoredTerm { field, text }, n);
/// }
/// let scores = rescorer.scores(&statistics)?;
/// // Both match; the words standing together as typed score more.
/// assert!(scores[1].unwrap() > scores[0].unwrap());
/// # Ok::<(), poisk::Error>(())
/// ```
pub struct Rescorer {
    searcher: tantivy::Searcher,
    fields: Fields,
    query: Box<dyn Query>,
    /// Candidates indexed: document ids are their positions.
    len: usize,
}

impl Rescorer {
    /// Indexes `documents` (all of the kind `matching` searches, articles
    /// or quote documents) in memory, and compiles `query` (the request's
    /// query text, or its correction) as a local search of `matching` does,
    /// as typed or `relaxed` to any of its words.
    ///
    /// Only the query's words score: the request's filters (kind, dates,
    /// source, speaker) score nothing locally, and the candidates are ones
    /// the engine found with them.
    ///
    /// # Errors
    /// [`crate::Error::Query`] for a malformed query or one past a cap;
    /// when the documents cannot be indexed.
    pub fn new(matching: &Match, query: &str, relaxed: bool, documents: &[Document<'_>]) -> Result<Rescorer> {
        let Parsed { node, .. } = if matches_all(query) { Parsed::all() } else { parse(query)? };
        let kind = matching.kind_searched(&node);
        let fields = Fields::new();
        let query = compile(&node, &fields, kind == Kind::Quote, &Budget::unlimited()).query(relaxed);
        // Analysing and indexing the candidates is most of the work: only
        // the fields the query scores in are indexed, with the words it
        // looks for there ([`Keeping`]; all of them for prefixes and typos,
        // whose terms are known once the candidates are), and nothing is
        // compressed.
        let settings = IndexSettings {
            docstore_compression: Compressor::None,
            docstore_compress_dedicated_thread: false,
            ..IndexSettings::default()
        };
        let analyzers = TokenizerManager::default();
        crate::analyzer::register_analyzers(&analyzers);
        let builder = |analyzers: TokenizerManager| {
            tantivy::Index::builder().schema(fields.schema.clone()).tokenizers(analyzers).settings(settings.clone())
        };
        let mut wanted = vec![fields.kind, fields.date, fields.source];
        if expands(&node) {
            wanted.extend(fields.schema.fields().map(|(field, _)| field));
        } else {
            let empty = builder(analyzers.clone()).create_in_ram().engine()?;
            let asked = record(query.as_ref(), &empty.reader().engine()?.searcher())?;
            let mut keep: HashMap<String, HashSet<String>> = HashMap::new();
            for term in &asked {
                wanted.push(term.field());
                if let (Some(analyzer), Some(text)) = (analyzer_of(&fields, term.field()), term.value().as_str()) {
                    keep.entry(analyzer.to_owned()).or_default().insert(text.to_owned());
                }
            }
            for (name, keep) in keep {
                if let Some(inner) = analyzers.get(&name) {
                    analyzers.register(&name, Keeping { inner, keep: Arc::new(keep) });
                }
            }
        }
        // One segment, written in the documents' order, by this thread.
        let mut writer = builder(analyzers).single_segment_index_writer(RamDirectory::create(), MEMORY).engine()?;
        for document in documents {
            writer.add_document(document.to_tantivy_only(&fields, &|field| wanted.contains(&field))).engine()?;
        }
        let index = writer.finalize().engine()?;
        let searcher = index.reader().engine()?.searcher();
        Ok(Rescorer { searcher, fields, query, len: documents.len() })
    }

    /// The terms whose document counts the scores take, each once, in
    /// order; prefixes and typos stand for the terms of the candidates.
    ///
    /// # Errors
    /// When the query cannot be prepared on the candidates.
    pub fn terms(&self) -> Result<Vec<ScoredTerm>> {
        let asked = record(self.query.as_ref(), &self.searcher)?;
        Ok(asked.iter().map(|term| scored_term(&self.fields, term)).collect::<BTreeSet<_>>().into_iter().collect())
    }

    /// The local score of each candidate, in the order given, with the
    /// collection's `statistics`; `None` for one the query does not match
    /// (the engine matched what the local index would not). A term or
    /// field missing from `statistics` counts as in the candidates alone.
    ///
    /// # Errors
    /// When the query cannot run on the candidates.
    pub fn scores(&self, statistics: &CollectionStatistics) -> Result<Vec<Option<f32>>> {
        let mut scores = vec![None; self.len];
        if self.len == 0 {
            return Ok(scores);
        }
        let given = Given { searcher: &self.searcher, fields: &self.fields, statistics };
        let top = TopDocs::with_limit(self.len).order_by_score();
        let found: Vec<(f32, DocAddress)> =
            self.searcher.search_with_statistics_provider(self.query.as_ref(), &top, &given).engine()?;
        for (score, address) in found {
            if let Some(slot) = scores.get_mut(address.doc_id as usize) {
                *slot = Some(score);
            }
        }
        Ok(scores)
    }
}

/// The [`ScoredTerm`] of a tantivy term.
fn scored_term(fields: &Fields, term: &Term) -> ScoredTerm {
    ScoredTerm {
        field: fields.schema.get_field_name(term.field()).to_owned(),
        text: term.value().as_str().unwrap_or_default().to_owned(),
    }
}

/// True when `node` has words that stand for the terms of an index:
/// prefixes and typos.
fn expands(node: &Node) -> bool {
    match node {
        Node::Term(term) => matches!(term.form, Form::Prefix { .. } | Form::Fuzzy { .. }),
        Node::And(children) | Node::Or(children) => children.iter().any(expands),
        Node::Boost { node, .. } | Node::Not(node) => expands(node),
        Node::Dates { .. } => false,
    }
}

/// The name of the analyzer of a text field.
fn analyzer_of(fields: &Fields, field: Field) -> Option<&str> {
    match fields.schema.get_field_entry(field).field_type() {
        FieldType::Str(options) => options.get_indexing_options().map(|o| o.tokenizer()),
        _ => None,
    }
}

/// An analyzer that passes on the tokens of `inner` in `keep` as they are,
/// and every other one empty, at its place: a field keeps its length (its
/// number of tokens) and the positions of the words kept, and besides
/// those only one term, the empty one, is indexed.
#[derive(Clone)]
struct Keeping {
    inner: TextAnalyzer,
    keep: Arc<HashSet<String>>,
}

impl Tokenizer for Keeping {
    type TokenStream<'a> = KeepingStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KeepingStream<'a> {
        KeepingStream { inner: self.inner.token_stream(text), keep: &self.keep }
    }
}

/// The tokens of [`Keeping`].
struct KeepingStream<'a> {
    inner: BoxTokenStream<'a>,
    keep: &'a HashSet<String>,
}

impl TokenStream for KeepingStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        if !self.keep.contains(&self.inner.token().text) {
            self.inner.token_mut().text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

/// The terms `query` asks the statistics of on `searcher`.
fn record(query: &dyn Query, searcher: &tantivy::Searcher) -> Result<Vec<Term>> {
    let recorder = Recorder { asked: Mutex::new(Vec::new()) };
    query.weight(EnableScoring::enabled_from_statistics_provider(&recorder, searcher)).engine()?;
    Ok(recorder.asked.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Records the terms a query asks the statistics of.
struct Recorder {
    asked: Mutex<Vec<Term>>,
}

impl Bm25StatisticsProvider for Recorder {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(1)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(1)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(term.clone());
        }
        Ok(0)
    }
}

/// The collection's statistics, where given; the candidates' otherwise.
struct Given<'a> {
    searcher: &'a tantivy::Searcher,
    fields: &'a Fields,
    statistics: &'a CollectionStatistics,
}

impl Bm25StatisticsProvider for Given<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.statistics.tokens.get(self.fields.schema.get_field_name(field)) {
            Some(&n) => Ok(n),
            None => Bm25StatisticsProvider::total_num_tokens(self.searcher, field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        // BM25 divides by it.
        Ok(self.statistics.documents.max(1))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let n = match self.statistics.doc_freqs.get(&scored_term(self.fields, term)) {
            Some(&n) => n,
            None => self.searcher.doc_freq(term)?,
        };
        // As locally (`bm25.rs`): a count of several kinds may pass the
        // documents of the one searched, and BM25 panics on that.
        Ok(n.min(self.statistics.documents.max(1)))
    }
}
