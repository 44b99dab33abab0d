//! What a word and a sentence are, once for every stage that reads text
//! without the analyzer: quote extraction (`quote/`) and snippets
//! (`snippet/`).
//!
//! - `chars.rs`: which characters belong to a word (letters, digits, and the
//!   stress marks and invisible characters the analyzer reads through) and
//!   how letters compare (lower case, `ё` as `е`).
//! - `words.rs`: words with their byte ranges, found by byte scans that
//!   decode no Cyrillic and allocate nothing.
//! - `sentence.rs`: where sentences end (not at initials such as `В. В.
//!   Путин`, abbreviations, or before a lower-case word), as an iterator over
//!   a whole text and as lookups around one position.
//!
//! The analyzer (`analyzer/`) cuts words by UAX #29 for indexing and
//! queries; the words here agree with its words on Russian news (a test in
//! `snippet/` checks the stems of Snowball's vocabulary against them) but
//! are found without its tables, since the quote stages and snippets read
//! every character of every body they see. `conformance.rs` holds one table
//! of words and sentences that quotes and snippets both pass.

mod chars;
#[cfg(test)]
pub(crate) mod conformance;
mod sentence;
mod words;

pub(crate) use crate::analyzer::is_invisible;
pub(crate) use chars::{char_at, fold, is_accent, is_word_char};
pub(crate) use sentence::{opens_sentence, sentence_end, sentence_start, sentence_start_within, sentences};
pub(crate) use words::{Word, lowercase, word_end, word_start, words, words_in_line};
