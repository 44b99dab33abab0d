//! Corrections on the cluster: [`Cluster`] is the [`Vocabulary`] that
//! poisk's keyboard-layout and typo retries
//! ([`poisk::search::with_corrections`]) look words up in, so a query is
//! corrected on the cluster by the local index's rules, from the cluster's
//! words and counts.
//!
//! - Whether a word form is in some title or body, and in how many titles
//!   and bodies a stem or a form is: the documents of `MATCH()` over those
//!   fields, grouped by the fields that hold it, as BM25's counts are
//!   ([`count_by_fields`]).
//! - The forms near a word: the vocabulary table's forms that share enough
//!   of its trigrams and are about as long ([`vocabulary::candidates`]),
//!   those within the edits allowed then counted, 32 statements a round
//!   trip.
//!
//! A word costs three round trips to the aggregator: its stem's count, the
//! vocabulary's candidates, and their counts (one more round trip for each
//! 32 candidates within the distance past the first 32); a query corrects
//! at most [`MAX_CORRECTED_WORDS`](poisk::limits::MAX_CORRECTED_WORDS)
//! words.

use poisk::Result;
use poisk::query::edit_distance;
use poisk::search::Vocabulary;

use crate::client::error;
use crate::document::form_keyword;
use crate::escape::{match_text, string_literal};
use crate::schema::{Field, TABLE};
use crate::search::{Cluster, MAX_BATCH, count_by_fields, documents_in};
use crate::token::encode;
use crate::vocabulary;

/// The vocabulary's forms read per word at most, those sharing the most
/// trigrams with it first (Sphinx's default `max_matches`). Every form
/// within the edits allowed shares enough trigrams to be among the matches
/// of the lookup, and only when more than this many forms match could one
/// of them be left out. Short words match the most: a 5-letter word's
/// quorum is 3 of its 7 trigrams, which every form of 4 to 6 letters that
/// begins with its first three letters has (`стала`: `стало`, `станет`,
/// `старый`, …). A row is a word of a few bytes, and only the forms within
/// the edits allowed are counted.
const CANDIDATES: usize = 1000;

/// The fields of the words typo correction counts: titles and bodies, as
/// written.
const FORMS: [Field; 2] = [Field::TitleExact, Field::BodyExact];
/// The same, stemmed.
const STEMS: [Field; 2] = [Field::Title, Field::Body];

impl Vocabulary for Cluster {
    fn knows(&self, form: &str) -> Result<bool> {
        let fields = format!("@({},{})", Field::TitleExact.name(), Field::BodyExact.name());
        let text = format!("{fields} {}", match_text(&form_keyword(form)));
        let answer = self.ask(&format!("SELECT id FROM {TABLE} WHERE MATCH({}) LIMIT 1", string_literal(&text)))?;
        Ok(answer.total > 0)
    }

    fn stem_documents(&self, stem: &str) -> Result<u64> {
        let sets = self.ask_all(&count_by_fields(&encode(stem), &STEMS))?;
        Ok(sets.first().map_or(0, |rows| documents_in(rows, &STEMS)))
    }

    fn forms_near(&self, form: &str, distance: u8) -> Result<Vec<(String, u64)>> {
        let sets = self.ask_all(&vocabulary::candidates(form, distance, CANDIDATES))?;
        let mut near: Vec<String> = Vec::new();
        for row in sets.first().into_iter().flatten() {
            let word: String = row
                .get_opt(0)
                .and_then(|v| v.ok())
                .ok_or_else(|| error(self.node(), "a vocabulary row without its word"))?;
            if word != form && edit_distance(form, &word) <= usize::from(distance) {
                near.push(word);
            }
        }
        let mut counted = Vec::with_capacity(near.len());
        for batch in near.chunks(MAX_BATCH) {
            let statements: Vec<String> = batch.iter().map(|w| count_by_fields(&form_keyword(w), &FORMS)).collect();
            let sets = self.ask_all(&statements.join("; "))?;
            for (word, rows) in batch.iter().zip(&sets) {
                counted.push((word.clone(), documents_in(rows, &FORMS)));
            }
        }
        Ok(counted)
    }
}
