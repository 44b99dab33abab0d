//! Phrases of three words or more with slop (`"путин пекин ким"~3`), in
//! time and memory linear in the positions of their words.
//!
//! tantivy's phrase scorer carries, from one word of a phrase to the next,
//! every position it has passed, duplicates included, and counts the slop
//! spent in a `u8`. With repeated words its lists grow with the power of the
//! phrase length: on the news corpus `"путин россия …"~1000` (16 words)
//! took 2.7 GB and aborted, and `"в в …"~50` (16 words) 2.4 GB. Phrases of
//! two words, and phrases without slop, stay with tantivy, which is exact
//! and fast there.
//!
//! A phrase matches where its words stand at positions `q0, q1, …` whose
//! distances from where the phrase puts them add up to at most the slop:
//! `Σ |q(i) − q(i−1) − 1| ≤ slop`, and no word at the position of the word
//! before it (`"в в"~1` needs two of `в`). In order, that is the number of
//! other words in between, as the query language says; a word out of order
//! spends slop for each place it moved. [`SloppyPhraseScorer`] finds, for
//! each position of each word in turn, the least slop spent to reach it
//! ([`step`]); the occurrences counted for BM25 are the positions of the
//! last word that end a match.

use std::collections::HashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// Documents with the words of `terms` standing together, at most `slop`
/// places out of where the phrase puts them (see the module docs), scored
/// by BM25 of the number of occurrences as tantivy scores phrases.
#[derive(Debug, Clone)]
pub(crate) struct SloppyPhraseQuery {
    field: Field,
    terms: Vec<Term>,
    slop: u32,
}

impl SloppyPhraseQuery {
    /// The phrase of `terms`, all of one field, in order.
    pub(crate) fn new(field: Field, terms: Vec<Term>, slop: u32) -> SloppyPhraseQuery {
        SloppyPhraseQuery { field, terms, slop }
    }
}

impl Query for SloppyPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let entry = scoring.schema().get_field_entry(self.field);
        if !entry.field_type().get_index_record_option().is_some_and(IndexRecordOption::has_positions) {
            let name = entry.name();
            return Err(TantivyError::SchemaError(format!("phrase on field {name:?}, which has no positions")));
        }
        if self.terms.is_empty() {
            return Err(TantivyError::InvalidArgument("a phrase needs words".into()));
        }
        let bm25 = match scoring {
            EnableScoring::Enabled { statistics_provider, .. } => {
                Some(Bm25Weight::for_terms(statistics_provider, &self.terms)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(SloppyPhraseWeight { query: self.clone(), bm25 }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, true);
        }
    }
}

struct SloppyPhraseWeight {
    query: SloppyPhraseQuery,
    bm25: Option<Bm25Weight>,
}

impl SloppyPhraseWeight {
    /// The scorer, on the first match; None when a word is not in the
    /// segment.
    fn phrase_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<SloppyPhraseScorer>> {
        let SloppyPhraseQuery { field, terms, slop } = &self.query;
        // A word repeated in the phrase (`путин россия путин`) is read once.
        let mut distinct: HashMap<&Term, usize> = HashMap::new();
        let slots: Vec<usize> = terms
            .iter()
            .map(|term| {
                let next = distinct.len();
                *distinct.entry(term).or_insert(next)
            })
            .collect();
        let mut by_slot: Vec<(&Term, usize)> = distinct.into_iter().collect();
        by_slot.sort_by_key(|&(_, k)| k);
        let inverted = reader.inverted_index(*field)?;
        let mut postings = Vec::with_capacity(by_slot.len());
        for (term, _) in by_slot {
            match inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => postings.push(p),
                None => return Ok(None),
            }
        }
        let fieldnorms = match self.bm25 {
            Some(_) => reader.fieldnorms_readers().get_field(*field)?,
            None => None,
        };
        // The rarest word leads the search for documents with all of them.
        let mut order: Vec<usize> = (0..postings.len()).collect();
        order.sort_by_key(|&k| postings[k].size_hint());
        let mut scorer = SloppyPhraseScorer {
            positions: vec![Vec::new(); postings.len()],
            postings,
            order,
            slots,
            slop: *slop,
            bm25: self.bm25.as_ref().map(|w| w.boost_by(boost)),
            fieldnorms: fieldnorms.unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)),
            costs: Vec::new(),
            next: Vec::new(),
            doc: 0,
            occurrences: 0,
        };
        scorer.find_from(0);
        Ok(Some(scorer))
    }
}

impl Weight for SloppyPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.phrase_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let no_match = || TantivyError::InvalidArgument(format!("Document #({doc}) does not match"));
        let mut scorer = self.phrase_scorer(reader, 1.0)?.ok_or_else(no_match)?;
        if scorer.seek(doc) != doc {
            return Err(no_match());
        }
        // The same label as tantivy's phrases, so explanations read alike.
        let mut explanation = Explanation::new("Phrase Scorer", scorer.score());
        if let Some(bm25) = &self.bm25 {
            explanation.add_detail(bm25.explain(scorer.fieldnorms.fieldnorm_id(doc), scorer.occurrences));
        }
        Ok(explanation)
    }
}

/// A position of a word (minus its place in the phrase), and the least
/// slop spent to reach it from the first word.
type Reached = (i64, i64);

struct SloppyPhraseScorer {
    /// One per distinct word.
    postings: Vec<SegmentPostings>,
    /// Distinct words, rarest first.
    order: Vec<usize>,
    /// The distinct word at each place of the phrase.
    slots: Vec<usize>,
    slop: u32,
    bm25: Option<Bm25Weight>,
    fieldnorms: FieldNormReader,
    /// The current document's positions of each distinct word.
    positions: Vec<Vec<u32>>,
    costs: Vec<Reached>,
    next: Vec<Reached>,
    doc: DocId,
    occurrences: u32,
}

impl SloppyPhraseScorer {
    /// Moves to the first match at or after `target`.
    fn find_from(&mut self, mut target: DocId) -> DocId {
        loop {
            let doc = self.align(target);
            if doc == TERMINATED {
                self.doc = TERMINATED;
                return TERMINATED;
            }
            let occurrences = self.count_occurrences();
            if occurrences > 0 {
                (self.doc, self.occurrences) = (doc, occurrences);
                return doc;
            }
            target = doc + 1;
        }
    }

    /// The first document at or after `target` that has every word.
    fn align(&mut self, mut target: DocId) -> DocId {
        'candidates: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for &k in &self.order {
                let postings = &mut self.postings[k];
                let doc = if postings.doc() < target { postings.seek(target) } else { postings.doc() };
                if doc > target {
                    target = doc;
                    continue 'candidates;
                }
            }
            return target;
        }
    }

    /// How many times the phrase ends in the current document.
    fn count_occurrences(&mut self) -> u32 {
        for (postings, positions) in self.postings.iter_mut().zip(&mut self.positions) {
            postings.positions(positions);
        }
        let Some((&first, rest)) = self.slots.split_first() else {
            return 0;
        };
        self.costs.clear();
        self.costs.extend(self.positions[first].iter().map(|&p| (i64::from(p), 0)));
        for (place, &k) in rest.iter().enumerate() {
            let shift = place as i64 + 1;
            step(&self.costs, &self.positions[k], shift, i64::from(self.slop), &mut self.next);
            std::mem::swap(&mut self.costs, &mut self.next);
            if self.costs.is_empty() {
                return 0;
            }
        }
        u32::try_from(self.costs.len()).unwrap_or(u32::MAX)
    }
}

/// The positions of the next word (`positions`, each minus `shift`, its
/// place in the phrase) that can be reached from `reached` spending at most
/// `slop` in all, each with the least slop spent: the least over the
/// reached positions of their cost plus the distance. Two sweeps, one from
/// each side, so it takes time linear in the two lists.
///
/// A reached position `q` is the word before at `q + shift − 1`, and the
/// next word at `at` is at `at + shift`: the same position when
/// `q = at + 1`, which neither sweep takes (the left one takes `q ≤ at`,
/// the right one `q ≥ at + 2`).
fn step(reached: &[Reached], positions: &[u32], shift: i64, slop: i64, out: &mut Vec<Reached>) {
    out.clear();
    // From the left: the least `cost - position` at or before each position.
    let mut best = i64::MAX;
    let mut j = 0;
    for &p in positions {
        let at = i64::from(p) - shift;
        while let Some(&(q, cost)) = reached.get(j).filter(|&&(q, _)| q <= at) {
            best = best.min(cost - q);
            j += 1;
        }
        out.push((at, if best == i64::MAX { i64::MAX } else { at + best }));
    }
    // From the right: the least `cost + position` at or after each position.
    let mut best = i64::MAX;
    let mut j = reached.len();
    for entry in out.iter_mut().rev() {
        while let Some(&(q, cost)) = j.checked_sub(1).and_then(|i| reached.get(i)).filter(|&&(q, _)| q >= entry.0 + 2) {
            best = best.min(cost + q);
            j -= 1;
        }
        if best != i64::MAX {
            entry.1 = entry.1.min(best - entry.0);
        }
    }
    out.retain(|&(_, cost)| cost <= slop);
}

impl DocSet for SloppyPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.find_from(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        self.find_from(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.order.first().map_or(0, |&k| self.postings[k].size_hint())
    }
}

impl Scorer for SloppyPhraseScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.fieldnorms.fieldnorm_id(self.doc), self.occurrences),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// The ends of the phrase by trying every choice of positions: the
    /// definition [`step`] computes in linear time.
    fn brute_force(words: &[Vec<u32>], slop: i64) -> usize {
        fn ends(words: &[Vec<u32>], place: usize, last: u32, spent: i64, slop: i64, out: &mut Vec<u32>) {
            if place == words.len() {
                out.push(last);
                return;
            }
            for &q in words[place].iter().filter(|&&q| q != last) {
                let cost = spent + (i64::from(q) - i64::from(last) - 1).abs();
                if cost <= slop {
                    ends(words, place + 1, q, cost, slop, out);
                }
            }
        }
        let mut out = Vec::new();
        for &q in &words[0] {
            ends(words, 1, q, 0, slop, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out.len()
    }

    /// The ends of the phrase by [`step`].
    fn stepped(words: &[Vec<u32>], slop: i64) -> usize {
        let mut costs: Vec<Reached> = words[0].iter().map(|&p| (i64::from(p), 0)).collect();
        let mut next = Vec::new();
        for (place, positions) in words.iter().enumerate().skip(1) {
            step(&costs, positions, place as i64, slop, &mut next);
            std::mem::swap(&mut costs, &mut next);
        }
        costs.len()
    }

    proptest! {
        #[test]
        fn step_finds_every_end_within_the_slop(
            words in proptest::collection::vec(proptest::collection::btree_set(0u32..30, 1..6), 2..6),
            slop in 0i64..8,
        ) {
            let words: Vec<Vec<u32>> = words.into_iter().map(|w| w.into_iter().collect()).collect();
            prop_assert_eq!(stepped(&words, slop), brute_force(&words, slop));
        }
    }

    /// A searcher over documents of one text field, and that field.
    fn searcher(texts: &[String]) -> (tantivy::Searcher, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for t in texts {
            let mut doc = TantivyDocument::new();
            doc.add_text(text, t);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), text)
    }

    fn phrase(field: Field, words: &str, slop: u32) -> SloppyPhraseQuery {
        SloppyPhraseQuery::new(field, words.split(' ').map(|w| Term::from_field_text(field, w)).collect(), slop)
    }

    /// The numbers of the documents that match, in order.
    fn matching(searcher: &tantivy::Searcher, query: &SloppyPhraseQuery) -> Vec<u32> {
        let top = searcher.search(query, &TopDocs::with_limit(100).order_by_score()).unwrap();
        let mut docs: Vec<u32> = top.into_iter().map(|(_, a)| a.doc_id).collect();
        docs.sort_unstable();
        docs
    }

    #[test]
    fn slop_counts_the_words_in_between() {
        let texts = ["a b c", "a x b c", "a x b y c", "c b a", "a b", "b c a b c", "a b c a b c", "a b c x y z"];
        let (searcher, field) = searcher(&texts.map(String::from));
        assert_eq!(matching(&searcher, &phrase(field, "a b c", 0)), [0, 5, 6, 7]);
        assert_eq!(matching(&searcher, &phrase(field, "a b c", 1)), [0, 1, 5, 6, 7]);
        assert_eq!(matching(&searcher, &phrase(field, "a b c", 2)), [0, 1, 2, 5, 6, 7]);
        // Reversed, each of the two steps is two places off: 4 in all.
        assert_eq!(matching(&searcher, &phrase(field, "a b c", 3)), [0, 1, 2, 5, 6, 7]);
        assert_eq!(matching(&searcher, &phrase(field, "a b c", 4)), [0, 1, 2, 3, 5, 6, 7]);
        // Of two documents as long, the one with the phrase twice ranks first.
        let top = searcher.search(&phrase(field, "a b c", 1), &TopDocs::with_limit(8).order_by_score()).unwrap();
        let rank = |doc: u32| top.iter().position(|(_, a)| a.doc_id == doc);
        assert!(rank(6) < rank(7), "{top:?}");
    }

    #[test]
    fn repeated_words_with_a_large_slop_stay_linear() {
        // The shape that made tantivy's phrase scorer take gigabytes: a
        // document of one word repeated, and a long phrase of it.
        let dense = vec!["в"; 5_000].join(" ");
        let (searcher, field) = searcher(&[dense, "в и на".into()]);
        let query = phrase(field, &vec!["в"; 64].join(" "), 100);
        assert_eq!(searcher.search(&query, &Count).unwrap(), 1);
        let explained = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap()
            .explain(searcher.segment_reader(0), 0)
            .unwrap();
        assert!(explained.value() > 0.0);
    }
}
