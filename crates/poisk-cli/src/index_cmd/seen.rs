//! The ids a run of `poisk index` has read, with where each was read, in
//! 24 bytes an id however long it is.
//!
//! An id is kept as a 96-bit hash from random keys: two ids of one run
//! share one with a chance of 2^-33 even among four billion ids, and input
//! cannot be made to collide without knowing the keys. The table is split
//! into 64 parts that grow one at a time, so that growing never holds a
//! second copy of the whole.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

/// Where an article was read: the number of its input, and its line (0
/// for a seed file, which is one article).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub input: u32,
    pub line: u64,
}

/// The hash of an id (see [`SeenIds::key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    hash: u64,
    check: u32,
}

/// What is kept of one id beside the first 64 bits of its key.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The last 32 bits of the key.
    check: u32,
    /// The article's quotes, once the writer has it.
    quotes: u32,
    /// [`Place`] in 64 bits: the input in 24, the line in 40.
    place: u64,
}

const LINE_BITS: u32 = 40;
const PARTS: usize = 64;

impl Entry {
    fn new(check: u32, place: Place) -> Entry {
        let input = u64::from(place.input).min((1 << (64 - LINE_BITS)) - 1);
        let line = place.line.min((1 << LINE_BITS) - 1);
        Entry { check, quotes: 0, place: (input << LINE_BITS) | line }
    }

    fn place(self) -> Place {
        let input = u32::try_from(self.place >> LINE_BITS).unwrap_or(u32::MAX);
        Place { input, line: self.place & ((1 << LINE_BITS) - 1) }
    }
}

/// Hashes a key that is already a random number by mixing it once.
#[derive(Default)]
struct Mixed(u64);

impl Hasher for Mixed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
}

type Part = HashMap<u64, Entry, BuildHasherDefault<Mixed>>;

/// The ids read so far (see the module docs).
pub struct SeenIds {
    seeds: (RandomState, RandomState),
    parts: Vec<Part>,
    /// Ids whose first 64 bits another id already has, by their 96 bits.
    shared: HashMap<(u64, u32), Entry>,
}

impl SeenIds {
    pub fn new() -> SeenIds {
        SeenIds {
            seeds: (RandomState::new(), RandomState::new()),
            parts: (0..PARTS).map(|_| Part::default()).collect(),
            shared: HashMap::new(),
        }
    }

    /// The key of `id`.
    pub fn key(&self, id: &str) -> Key {
        let check = self.seeds.1.hash_one(id);
        Key { hash: self.seeds.0.hash_one(id), check: (check >> 32) as u32 }
    }

    fn part(&mut self, key: Key) -> &mut Part {
        &mut self.parts[(key.hash >> 58) as usize]
    }

    /// Records `key` as read at `place`; gives where it was read before,
    /// and that article's quotes, if it was.
    pub fn insert(&mut self, key: Key, place: Place) -> Option<(Place, u32)> {
        let new = Entry::new(key.check, place);
        let entry = match self.part(key).get_mut(&key.hash) {
            None => {
                self.part(key).insert(key.hash, new);
                return None;
            }
            Some(entry) if entry.check == key.check => entry,
            Some(_) => return self.shared.insert((key.hash, key.check), new).map(|old| (old.place(), old.quotes)),
        };
        let old = (entry.place(), entry.quotes);
        *entry = new;
        Some(old)
    }

    fn get_mut(&mut self, key: Key) -> Option<&mut Entry> {
        let in_part = self.parts[(key.hash >> 58) as usize].get(&key.hash).is_some_and(|e| e.check == key.check);
        if in_part { self.part(key).get_mut(&key.hash) } else { self.shared.get_mut(&(key.hash, key.check)) }
    }

    /// Sets the quotes of the article read last under `key`.
    pub fn set_quotes(&mut self, key: Key, quotes: usize) {
        if let Some(entry) = self.get_mut(key) {
            entry.quotes = u32::try_from(quotes).unwrap_or(u32::MAX);
        }
    }

    /// True when `key` was read.
    pub fn contains(&self, key: Key) -> bool {
        match self.parts[(key.hash >> 58) as usize].get(&key.hash) {
            Some(entry) if entry.check == key.check => true,
            Some(_) => self.shared.contains_key(&(key.hash, key.check)),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_where_each_id_was_read() {
        let mut seen = SeenIds::new();
        let at = |input, line| Place { input, line };
        let (a, b) = (seen.key("a"), seen.key("b"));
        assert_eq!(seen.insert(a, at(0, 1)), None);
        assert_eq!(seen.insert(b, at(1, 0)), None);
        seen.set_quotes(a, 3);
        assert_eq!(seen.insert(a, at(2, 1 << 39)), Some((at(0, 1), 3)));
        assert_eq!(seen.insert(a, at(0, 5)), Some((at(2, 1 << 39), 0)));
        assert!(seen.contains(b) && !seen.contains(seen.key("c")));
    }

    #[test]
    fn ids_that_share_64_bits_stay_apart() {
        let mut seen = SeenIds::new();
        let (a, b) = (Key { hash: 7, check: 1 }, Key { hash: 7, check: 2 });
        let at = |line| Place { input: 0, line };
        assert_eq!(seen.insert(a, at(1)), None);
        assert_eq!(seen.insert(b, at(2)), None);
        seen.set_quotes(b, 4);
        assert!(seen.contains(a) && seen.contains(b) && !seen.contains(Key { hash: 7, check: 3 }));
        assert_eq!(seen.insert(b, at(3)), Some((at(2), 4)));
        assert_eq!(seen.insert(a, at(4)), Some((at(1), 0)));
    }
}
