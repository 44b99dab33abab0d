//! Bonus clauses (the proximity of the query's words) that raise the score
//! of documents the query matches anyway, checked on those documents only.
//!
//! As optional clauses of a `BooleanQuery` beside required ones, tantivy
//! runs them through a union that steps each of them over all its own
//! documents, a window of thousands at a time: a phrase of two common words
//! had its positions read in every document holding both, most of which the
//! required words then left out. `чемпионат мира по футболу` spent two
//! thirds of its time there. Here each bonus is asked about the documents
//! the required clauses match, in order, with `seek_danger`, which reads a
//! phrase's positions in that document only.
//!
//! Scores are those of the `BooleanQuery`: the required score plus the sum
//! of the bonuses that match, summed in clause order.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term};

/// `required`, scored with `bonuses` where they match (they never add a
/// document).
#[derive(Debug)]
pub(crate) struct WithBonuses {
    required: Box<dyn Query>,
    bonuses: Vec<Box<dyn Query>>,
}

impl Clone for WithBonuses {
    fn clone(&self) -> WithBonuses {
        WithBonuses {
            required: self.required.box_clone(),
            bonuses: self.bonuses.iter().map(|b| b.box_clone()).collect(),
        }
    }
}

impl WithBonuses {
    pub(crate) fn new(required: Box<dyn Query>, bonuses: Vec<Box<dyn Query>>) -> WithBonuses {
        WithBonuses { required, bonuses }
    }
}

impl Query for WithBonuses {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let required = self.required.weight(scoring)?;
        if !scoring.is_scoring_enabled() || self.bonuses.is_empty() {
            return Ok(required);
        }
        let bonuses = self.bonuses.iter().map(|b| b.weight(scoring)).collect::<tantivy::Result<_>>()?;
        Ok(Box::new(WithBonusesWeight { required, bonuses }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.required.query_terms(visitor);
        for bonus in &self.bonuses {
            bonus.query_terms(visitor);
        }
    }
}

struct WithBonusesWeight {
    required: Box<dyn Weight>,
    bonuses: Vec<Box<dyn Weight>>,
}

impl Weight for WithBonusesWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let required = self.required.scorer(reader, boost)?;
        let bonuses = self
            .bonuses
            .iter()
            .map(|w| {
                let scorer = w.scorer(reader, boost)?;
                let next = scorer.doc();
                Ok(Bonus { scorer, next })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(WithBonusesScorer { required, bonuses, scored: None }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let required = self.required.explain(reader, doc)?;
        let bonuses: Vec<Explanation> = self.bonuses.iter().filter_map(|b| b.explain(reader, doc).ok()).collect();
        let bonus: Score = bonuses.iter().map(Explanation::value).sum();
        let label = "sum of the required score and the bonuses that match";
        let mut explanation = Explanation::new(label, required.value() + bonus);
        explanation.add_detail(required);
        for bonus in bonuses {
            explanation.add_detail(bonus);
        }
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.required.count(reader)
    }
}

/// One bonus clause's scorer and the least document it may still match.
struct Bonus {
    scorer: Box<dyn Scorer>,
    /// No document before this one matches; at it, the scorer was left
    /// there by its first `doc()` or by a `seek_danger` that found it.
    next: DocId,
}

impl Bonus {
    /// True when the bonus matches `doc`; `doc` must grow from one call to
    /// the next.
    fn matches(&mut self, doc: DocId) -> bool {
        if doc < self.next || self.next == TERMINATED {
            return false;
        }
        match self.scorer.seek_danger(doc) {
            SeekDangerResult::Found => {
                self.next = doc;
                true
            }
            SeekDangerResult::SeekLowerBound(next) => {
                self.next = next.max(doc + 1);
                false
            }
        }
    }
}

struct WithBonusesScorer {
    required: Box<dyn Scorer>,
    bonuses: Vec<Bonus>,
    /// The score of the document it was last asked about.
    scored: Option<(DocId, Score)>,
}

impl DocSet for WithBonusesScorer {
    fn advance(&mut self) -> DocId {
        self.required.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.required.seek(target)
    }

    fn doc(&self) -> DocId {
        self.required.doc()
    }

    fn size_hint(&self) -> u32 {
        self.required.size_hint()
    }

    fn cost(&self) -> u64 {
        self.required.cost()
    }
}

impl Scorer for WithBonusesScorer {
    fn score(&mut self) -> Score {
        let doc = self.required.doc();
        if let Some((scored, score)) = self.scored
            && scored == doc
        {
            return score;
        }
        let mut bonus = 0.0;
        for b in &mut self.bonuses {
            if b.matches(doc) {
                bonus += b.scorer.score();
            }
        }
        let score = self.required.score() + bonus;
        self.scored = Some((doc, score));
        score
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, IndexWriter, doc};

    use super::*;

    /// Scores and order as the `BooleanQuery` of the same clauses gives
    /// them, and the same count, over documents where the bonus phrase
    /// stands in some, its words apart in others, and in some documents
    /// the required word does not match.
    #[test]
    fn scores_as_the_boolean_query_of_the_same_clauses() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
        let texts = [
            "кубок мира по футболу",
            "чемпионат мира по футболу",
            "мира чемпионат",
            "чемпионат мира",
            "мира и чемпионат и футбол",
            "чемпионат",
            "чемпионат мира чемпионат мира",
            "мира",
        ];
        for _ in 0..300 {
            for text in texts {
                writer.add_document(doc!(body => text))?;
            }
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let required = || Box::new(TermQuery::new(term("чемпионат"), IndexRecordOption::WithFreqs)) as Box<dyn Query>;
        let bonuses = || {
            vec![
                Box::new(PhraseQuery::new(vec![term("чемпионат"), term("мира")])) as Box<dyn Query>,
                Box::new(PhraseQuery::new_with_offset_and_slop(vec![(0, term("мира")), (1, term("футболу"))], 2)),
            ]
        };
        let mut clauses = vec![(Occur::Must, required())];
        clauses.extend(bonuses().into_iter().map(|b| (Occur::Should, b)));
        let boolean = BooleanQuery::new(clauses);
        let lazy = WithBonuses::new(required(), bonuses());
        let top = || TopDocs::with_limit(2000).order_by_score();
        let expected = searcher.search(&boolean, &(Count, top()))?;
        let got = searcher.search(&lazy, &(Count, top()))?;
        assert_eq!(got.0, 300 * 6);
        assert_eq!(got, expected);
        Ok(())
    }
}
