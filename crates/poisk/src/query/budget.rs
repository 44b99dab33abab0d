//! What one request may spend: a deadline, checked while documents are
//! collected, and the terms each prefix or typo word stands for, looked up
//! once.
//!
//! A [`Budget`] is made per request and shared by everything the request
//! runs: the query (wrapped in [`Budgeted`], whose scorer ends early once
//! the deadline has passed), the relaxed query, the quotes under the hits,
//! explanations and snippets. Whatever stopped early marks the budget
//! [spent](Budget::was_spent), and the results say they are partial.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use super::expand::expand;
use super::words::Pattern;

/// How many documents a [`Budgeted`] scorer moves past between two looks
/// at the clock. A look costs tens of nanoseconds; a document of a
/// capped query costs at most microseconds, so the deadline is overshot by
/// well under a millisecond.
const CHECK_EVERY: u32 = 32;

/// The terms a prefix or typo word stands for in one field of one commit.
type Key = (u64, Field, Pattern);

/// The time one request may take, and the expansions it has looked up.
pub(crate) struct Budget {
    /// None: no deadline.
    deadline: Option<Instant>,
    /// Set once something stopped early because the deadline had passed.
    spent: AtomicBool,
    expansions: Mutex<HashMap<Key, Arc<[String]>>>,
}

impl fmt::Debug for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budget").field("deadline", &self.deadline).field("spent", &self.was_spent()).finish()
    }
}

impl Budget {
    /// A budget of `time` from now; a time too long to add to the clock is
    /// no deadline at all.
    pub(crate) fn new(time: Duration) -> Arc<Budget> {
        Arc::new(Budget {
            deadline: Instant::now().checked_add(time),
            spent: AtomicBool::new(false),
            expansions: Mutex::new(HashMap::new()),
        })
    }

    /// A budget without a deadline.
    pub(crate) fn unlimited() -> Arc<Budget> {
        Budget::new(Duration::MAX)
    }

    /// True when the deadline has passed; the caller is to stop, and the
    /// budget remembers that something did.
    pub(crate) fn is_spent(&self) -> bool {
        if self.was_spent() {
            return true;
        }
        let over = self.deadline.is_some_and(|d| Instant::now() >= d);
        if over {
            self.spent.store(true, Ordering::Relaxed);
        }
        over
    }

    /// True when something stopped early: the results are partial.
    pub(crate) fn was_spent(&self) -> bool {
        self.spent.load(Ordering::Relaxed)
    }

    /// The terms `pattern` stands for in `field` of `searcher`'s commit
    /// (see [`expand`]), looked up once per request: a query compiled again
    /// (relaxed, over quotes, for explanations and highlights) reuses them,
    /// and so does a pattern typed twice. None are looked up once the
    /// deadline has passed.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub(crate) fn expansions(
        &self,
        searcher: &tantivy::Searcher,
        field: Field,
        pattern: &Pattern,
    ) -> tantivy::Result<Arc<[String]>> {
        let key = (searcher.generation().generation_id(), field, pattern.clone());
        if let Some(terms) = self.cache().get(&key) {
            return Ok(terms.clone());
        }
        if self.is_spent() {
            return Ok(Arc::from(Vec::new()));
        }
        let terms: Arc<[String]> = expand(searcher, field, pattern)?.into();
        self.cache().insert(key, terms.clone());
        Ok(terms)
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Arc<[String]>>> {
        // A panic elsewhere cannot leave a half-written entry: insert is
        // one call.
        self.expansions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `query`, stopping when the budget's deadline passes: its scorer ends
/// early and marks the budget spent, so collectors return what they have.
pub(crate) struct Budgeted {
    query: Box<dyn Query>,
    budget: Arc<Budget>,
}

impl Budgeted {
    pub(crate) fn new(query: Box<dyn Query>, budget: Arc<Budget>) -> Budgeted {
        Budgeted { query, budget }
    }
}

impl Clone for Budgeted {
    fn clone(&self) -> Budgeted {
        Budgeted { query: self.query.box_clone(), budget: self.budget.clone() }
    }
}

impl fmt::Debug for Budgeted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Budgeted").field("query", &self.query).field("budget", &self.budget).finish()
    }
}

impl Query for Budgeted {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(BudgetedWeight { weight: self.query.weight(scoring)?, budget: self.budget.clone() }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

struct BudgetedWeight {
    weight: Box<dyn Weight>,
    budget: Arc<Budget>,
}

impl Weight for BudgetedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        // Making a scorer positions it on its first match, which may take
        // a while: not once the time is up.
        if self.budget.is_spent() {
            return Ok(Box::new(EmptyScorer));
        }
        let scorer = self.weight.scorer(reader, boost)?;
        Ok(Box::new(BudgetedScorer { scorer, budget: self.budget.clone(), countdown: CHECK_EVERY, stopped: false }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.weight.explain(reader, doc)
    }
}

/// A scorer that looks at the clock every [`CHECK_EVERY`] documents and
/// ends once the budget is spent.
struct BudgetedScorer {
    scorer: Box<dyn Scorer>,
    budget: Arc<Budget>,
    countdown: u32,
    stopped: bool,
}

impl BudgetedScorer {
    /// True when the scorer is to end here.
    fn stop(&mut self) -> bool {
        self.countdown -= 1;
        if self.countdown == 0 {
            self.countdown = CHECK_EVERY;
            self.stopped |= self.budget.is_spent();
        }
        self.stopped
    }
}

impl DocSet for BudgetedScorer {
    fn advance(&mut self) -> DocId {
        if self.stop() {
            return TERMINATED;
        }
        self.scorer.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.stop() {
            return TERMINATED;
        }
        self.scorer.seek(target)
    }

    fn doc(&self) -> DocId {
        if self.stopped { TERMINATED } else { self.scorer.doc() }
    }

    fn size_hint(&self) -> u32 {
        self.scorer.size_hint()
    }

    fn cost(&self) -> u64 {
        self.scorer.cost()
    }
}

impl Scorer for BudgetedScorer {
    fn score(&mut self) -> Score {
        self.scorer.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// A searcher over `n` documents.
    fn searcher(n: usize) -> tantivy::Searcher {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for i in 0..n {
            let mut doc = TantivyDocument::new();
            doc.add_text(id, i.to_string());
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        index.reader().unwrap().searcher()
    }

    #[test]
    fn a_spent_budget_stops_collecting() {
        let searcher = searcher(1_000);
        let open = Budget::unlimited();
        let all = Budgeted::new(Box::new(AllQuery), open.clone());
        assert_eq!(searcher.search(&all, &Count).unwrap(), 1_000);
        assert!(!open.was_spent());
        let none = Budget::new(Duration::ZERO);
        let stopped = Budgeted::new(Box::new(AllQuery), none.clone());
        assert_eq!(searcher.search(&stopped, &Count).unwrap(), 0);
        assert!(none.was_spent());
    }

    #[test]
    fn expansions_are_looked_up_once_per_request() {
        let (fields, tantivy) =
            crate::index::test_searcher(&[crate::Article::new("a", "Путин", "Путин приехал, Путина ждали.")]);
        let budget = Budget::unlimited();
        let prefix = Pattern::Prefix("пут".into());
        let first = budget.expansions(&tantivy, fields.body_exact, &prefix).unwrap();
        assert_eq!(&first[..], ["путин", "путина"]);
        let again = budget.expansions(&tantivy, fields.body_exact, &prefix).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        // Once the time is up, nothing new is looked up.
        let spent = Budget::new(Duration::ZERO);
        assert!(spent.expansions(&tantivy, fields.body_exact, &prefix).unwrap().is_empty());
        assert!(spent.was_spent());
    }

    #[test]
    fn the_deadline_ends_a_scorer_between_documents() {
        let searcher = searcher(1_000);
        let budget = Budget::new(Duration::from_secs(3600));
        let weight = Budgeted::new(Box::new(AllQuery), budget.clone())
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap();
        let mut scorer = weight.scorer(searcher.segment_reader(0), 1.0).unwrap();
        for _ in 0..100 {
            scorer.advance();
        }
        assert_eq!(scorer.doc(), 100);
        // The deadline passes: the scorer ends at its next look at the clock.
        budget.spent.store(true, Ordering::Relaxed);
        let mut moved = 0;
        while scorer.advance() != TERMINATED {
            moved += 1;
        }
        assert!(moved < CHECK_EVERY, "{moved} documents after the deadline");
        assert_eq!(scorer.doc(), TERMINATED);
    }
}
