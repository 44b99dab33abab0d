//! The Snowball Russian stemmer behind a bounded cache of word → stem.
//!
//! A news text repeats itself: on the first 2,000 articles of the corpus
//! (1.9 million words, 127,000 distinct forms) the 16,384 most frequent forms
//! make up 85% of the tokens, and stemming a word costs ten times more than
//! looking it up.
//!
//! The cache keeps two generations of at most `capacity / 2` words each. New
//! words enter the young generation; when it is full, it becomes the old one
//! and the previous old one is dropped. A word found in the old generation
//! moves back to the young one, so frequent words survive every turnover.
//! That approximates least-recently-used eviction without per-entry
//! bookkeeping: with 32,768 words it answers 85% of the corpus's tokens
//! (ASCII words included, which skip the stemmer), where emptying a single
//! table when full answers 83% and a 16,384-word cache 78%.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};

use super::hash::FxBuildHasher;

/// How many words the cache of each thread ([`thread_cache`]) remembers. An
/// entry takes 33 bytes in the table (the word inline, its stem as a
/// length) plus hashbrown's control byte and spare slots: a full cache takes
/// about 9 MB at its peak. On the analyzer bench (2,000 bodies, 127,000
/// distinct forms, a cold cache) 131,072 words ran 1.35x faster than 32,768.
pub(crate) const DEFAULT_CAPACITY: usize = 131_072;

/// This thread's stem cache: one per thread, shared by every analyzer and
/// field on it, so its memory does not grow with fields × indexing threads
/// and it stays warm across documents and segments.
pub(crate) fn thread_cache() -> Rc<RefCell<StemCache>> {
    thread_local! {
        static CACHE: Rc<RefCell<StemCache>> = Rc::new(RefCell::new(StemCache::new(DEFAULT_CAPACITY)));
    }
    CACHE.with(Rc::clone)
}

/// Replaces `word` (lowercase, ё folded) with its stem through `cache`, or
/// without it in the (never seen) case that it is already in use.
pub(crate) fn stem_with(cache: &RefCell<StemCache>, word: &mut String) {
    match cache.try_borrow_mut() {
        Ok(mut cache) => cache.stem_in_place(word),
        Err(_) => {
            if !word.is_ascii() {
                let stem = snowball_stem(&russian(), word).into_owned();
                replace_with_stem(word, &stem);
            }
        }
    }
}

/// The longest word, in bytes, that the cache keeps (15 Cyrillic letters);
/// longer ones are rare and stemmed every time.
const MAX_KEY_BYTES: usize = 31;

/// A cached word, stored inline: no allocation per entry.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    len: u8,
    bytes: [u8; MAX_KEY_BYTES],
}

impl Key {
    /// The key of `word`, when it is short enough to cache.
    fn new(word: &str) -> Option<Key> {
        let len = word.len();
        if len > MAX_KEY_BYTES {
            return None;
        }
        let mut bytes = [0; MAX_KEY_BYTES];
        bytes[..len].copy_from_slice(word.as_bytes());
        Some(Key { len: len as u8, bytes })
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(&self.bytes[..usize::from(self.len)]);
    }
}

/// A table of word → length in bytes of its stem, which Snowball's Russian
/// algorithm always makes a prefix of the word (it only removes endings).
type Stems = HashMap<Key, u8, FxBuildHasher>;

/// Snowball Russian stemmer with a bounded cache.
pub(crate) struct StemCache {
    stemmer: Stemmer,
    young: Stems,
    old: Stems,
    capacity: usize,
}

impl StemCache {
    /// An empty cache of at most `capacity` words.
    pub(crate) fn new(capacity: usize) -> StemCache {
        StemCache { stemmer: russian(), young: Stems::default(), old: Stems::default(), capacity }
    }

    /// Replaces `word` with its stem. `word` must be lowercase with ё folded.
    pub(crate) fn stem_in_place(&mut self, word: &mut String) {
        if word.is_ascii() {
            return; // see `snowball_stem`
        }
        let Some(key) = Key::new(word) else {
            let stem = snowball_stem(&self.stemmer, word).into_owned();
            replace_with_stem(word, &stem);
            return;
        };
        if let Some(&len) = self.young.get(&key) {
            word.truncate(usize::from(len));
            return;
        }
        let len = match self.old.remove(&key) {
            Some(len) => len,
            None => {
                let stem = snowball_stem(&self.stemmer, word);
                if !word.starts_with(stem.as_ref()) {
                    // Not a prefix: never seen from Snowball's Russian
                    // algorithm, but then the stem is not cached.
                    let stem = stem.into_owned();
                    replace_with_stem(word, &stem);
                    return;
                }
                stem.len() as u8
            }
        };
        word.truncate(usize::from(len));
        self.remember(key, len);
    }

    fn remember(&mut self, word: Key, stem_len: u8) {
        if self.young.len() >= self.capacity / 2 {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(word, stem_len);
    }

    /// How many words the cache holds now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.young.len() + self.old.len()
    }

    /// Whether `word` is in the young (`true`) or old (`false`) generation.
    #[cfg(test)]
    fn contains(&self, word: &str, young: bool) -> bool {
        let table = if young { &self.young } else { &self.old };
        Key::new(word).is_some_and(|k| table.contains_key(&k))
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
            .field("len", &(self.young.len() + self.old.len()))
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
    if word.is_ascii() { Cow::Borrowed(word) } else { stemmer.stem(word) }
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
    fn full_cache_drops_the_old_generation_and_stays_correct() {
        let mut cache = StemCache::new(4);
        assert_eq!(stemmed(&mut cache, "странами"), "стран");
        assert_eq!(stemmed(&mut cache, "областях"), "област");
        assert_eq!(cache.len(), 2);
        assert_eq!(stemmed(&mut cache, "лидера"), "лидер");
        assert_eq!(stemmed(&mut cache, "парада"), "парад");
        assert_eq!(cache.len(), 4);
        // The young generation is full again: the oldest two words go.
        assert_eq!(stemmed(&mut cache, "встречу"), "встреч");
        assert_eq!(cache.len(), 3);
        assert!(!cache.contains("странами", false));
        assert_eq!(stemmed(&mut cache, "странами"), "стран");
    }

    #[test]
    fn a_word_used_again_moves_back_to_the_young_generation() {
        let mut cache = StemCache::new(4);
        for word in ["странами", "областях", "лидера"] {
            stemmed(&mut cache, word);
        }
        assert!(cache.contains("странами", false));
        stemmed(&mut cache, "странами");
        assert!(cache.contains("странами", true) && !cache.contains("странами", false));
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn ascii_words_are_left_alone_and_not_cached() {
        let mut cache = StemCache::new(100);
        assert_eq!(stemmed(&mut cache, "kursk"), "kursk");
        assert_eq!(stemmed(&mut cache, "2025"), "2025");
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn words_too_long_to_cache_are_still_stemmed() {
        let mut cache = StemCache::new(100);
        // 22 letters, 44 bytes: past MAX_KEY_BYTES, so not cached.
        let long = "высокотехнологичностью";
        let expected = snowball_stem(&russian(), long).into_owned();
        assert!(expected.len() < long.len());
        assert_eq!(stemmed(&mut cache, long), expected);
        assert_eq!(cache.len(), 0);
        // 15 letters, 30 bytes: cached, and the same from the cache.
        let short = "переговорщиками";
        let expected = snowball_stem(&russian(), short).into_owned();
        assert_eq!(stemmed(&mut cache, short), expected);
        assert_eq!(stemmed(&mut cache, short), expected);
        assert_eq!(cache.len(), 1);
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
