//! The Snowball Russian stemmer behind a bounded cache of word → stem.
//!
//! A news text repeats itself: on the corpus, a few thousand word forms make
//! up most tokens, and stemming a word costs several times more than looking
//! it up. The cache holds at most `capacity` words; when it is full it is
//! emptied and refills with the words that are frequent now, which is cheaper
//! than tracking recency and good enough for text whose vocabulary drifts
//! slowly.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::hash::FxBuildHasher;

/// How many words a [`StemCache`] remembers by default. An entry takes about
/// 120 bytes (two boxed strings and the table slot), so a full cache takes
/// about 2 MB per analyzer clone; the hit rate it reaches on the news corpus
/// is measured in `mod.rs`'s corpus test.
pub(crate) const DEFAULT_CAPACITY: usize = 16_384;

/// Snowball Russian stemmer with a bounded cache.
pub(crate) struct StemCache {
    stemmer: Stemmer,
    stems: HashMap<Box<str>, Box<str>, FxBuildHasher>,
    capacity: usize,
}

impl StemCache {
    /// An empty cache of at most `capacity` words.
    pub(crate) fn new(capacity: usize) -> StemCache {
        StemCache {
            stemmer: russian(),
            stems: HashMap::default(),
            capacity,
        }
    }

    /// Replaces `word` with its stem. `word` must be lowercase with ё folded.
    pub(crate) fn stem_in_place(&mut self, word: &mut String) {
        if word.is_ascii() {
            return; // see `snowball_stem`
        }
        if let Some(stem) = self.stems.get(word.as_str()) {
            replace_with_stem(word, stem);
            return;
        }
        let key: Box<str> = word.as_str().into();
        let stem: Box<str> = snowball_stem(&self.stemmer, &key).into();
        replace_with_stem(word, &stem);
        self.remember(key, stem);
    }

    fn remember(&mut self, word: Box<str>, stem: Box<str>) {
        if self.stems.len() >= self.capacity {
            self.stems.clear();
        }
        self.stems.insert(word, stem);
    }

    /// How many words the cache holds now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.stems.len()
    }
}

/// A fresh, empty cache: cloning an analyzer must not copy megabytes.
impl Clone for StemCache {
    fn clone(&self) -> StemCache {
        StemCache::new(self.capacity)
    }
}

impl std::fmt::Debug for StemCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemCache")
            .field("len", &self.stems.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}

/// The Snowball Russian stemmer.
pub(crate) fn russian() -> Stemmer {
    Stemmer::create(Algorithm::Russian)
}

/// The Snowball Russian stem of `word` (lowercase, ё folded).
pub(crate) fn snowball_stem<'w>(stemmer: &Stemmer, word: &'w str) -> Cow<'w, str> {
    // The algorithm only removes Cyrillic endings inside the region after the
    // first Cyrillic vowel, so an ASCII word comes back unchanged; skipping
    // it saves the call (numbers and Latin names are frequent in news).
    if word.is_ascii() {
        Cow::Borrowed(word)
    } else {
        stemmer.stem(word)
    }
}

/// Overwrites `word` with `stem`, without allocating: a stem is almost always
/// a prefix of its word, and then truncating is enough.
fn replace_with_stem(word: &mut String, stem: &str) {
    if word.starts_with(stem) {
        word.truncate(stem.len());
    } else {
        word.clear();
        word.push_str(stem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(cache: &mut StemCache, word: &str) -> String {
        let mut word = word.to_string();
        cache.stem_in_place(&mut word);
        word
    }

    #[test]
    fn stems_russian_word_forms_to_one_stem() {
        let mut cache = StemCache::new(100);
        for form in ["переговоры", "переговоров", "переговорах"] {
            assert_eq!(stemmed(&mut cache, form), "переговор", "{form}");
        }
        assert_eq!(stemmed(&mut cache, "северокорейских"), "северокорейск");
    }

    #[test]
    fn cached_stem_equals_fresh_stem() {
        let mut cache = StemCache::new(100);
        let first = stemmed(&mut cache, "встречу");
        assert_eq!(cache.len(), 1);
        assert_eq!(stemmed(&mut cache, "встречу"), first);
        assert_eq!(cache.len(), 1);
        assert_eq!(first, "встреч");
    }

    #[test]
    fn full_cache_starts_over_and_stays_correct() {
        let mut cache = StemCache::new(2);
        assert_eq!(stemmed(&mut cache, "странами"), "стран");
        assert_eq!(stemmed(&mut cache, "областях"), "област");
        assert_eq!(stemmed(&mut cache, "лидера"), "лидер");
        assert_eq!(cache.len(), 1);
        assert_eq!(stemmed(&mut cache, "странами"), "стран");
    }

    #[test]
    fn ascii_words_are_left_alone_and_not_cached() {
        let mut cache = StemCache::new(100);
        assert_eq!(stemmed(&mut cache, "kursk"), "kursk");
        assert_eq!(stemmed(&mut cache, "2025"), "2025");
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn clone_starts_empty() {
        let mut cache = StemCache::new(100);
        stemmed(&mut cache, "парада");
        assert_eq!(cache.clone().len(), 0);
    }

    #[test]
    fn replace_with_stem_handles_non_prefix_stems() {
        let mut word = "абв".to_string();
        replace_with_stem(&mut word, "аб");
        assert_eq!(word, "аб");
        replace_with_stem(&mut word, "где");
        assert_eq!(word, "где");
    }
}
