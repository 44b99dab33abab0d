//! A fast, non-cryptographic hasher for the stem cache.
//!
//! The cache is looked up once per token, and with the standard library's
//! SipHash the lookup costs about as much as the rest of the pipeline. The
//! keys are short words from the text being indexed; HashDoS resistance buys
//! nothing there, since an attacker who controls the text can only slow down
//! the indexing of their own document. This is the multiply-rotate hash of
//! rustc (`FxHasher`), written out here to avoid a dependency for 20 lines.

use std::hash::{BuildHasherDefault, Hasher};

/// `BuildHasher` for [`FxHasher`].
pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// rustc's multiply-rotate hasher.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

/// An odd constant with well-mixed bits (from rustc-hash).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The last chunk is zero-padded, so mix in the length to keep "аб"
        // and "аб\0" apart.
        self.add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    fn hash(word: &str) -> u64 {
        FxBuildHasher::default().hash_one(word)
    }

    #[test]
    fn near_words_hash_apart() {
        // Word forms of one lemma differ only in their last bytes.
        let forms = ["переговоры", "переговоров", "переговорам", "переговорах", "переговор"];
        let mut hashes: Vec<u64> = forms.iter().map(|w| hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), forms.len());
    }

    #[test]
    fn a_prefix_does_not_hash_like_the_word() {
        // Zero padding of the last chunk must not make these collide.
        assert_ne!(hash("аб"), hash("аб\0"));
    }
}
