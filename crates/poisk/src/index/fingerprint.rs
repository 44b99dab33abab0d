//! Near-duplicate texts: a 64-bit SimHash of a text's word shingles
//! (Charikar 2002; Manku, Jain and Das Sarma 2007 for web pages), computed
//! when an article is indexed. Two texts that are nearly the same (a
//! story republished with a changed word, a dateline, a different last
//! line) have fingerprints a few bits apart; unrelated texts differ in
//! about half of the 64.
//!
//! The index keeps each article's fingerprint in a column. Its six bands
//! of 10 or 11 bits ([`bands`]) find the articles near one: two
//! fingerprints at most [`NEAR_BITS`] apart differ in five bands at most,
//! so agree on one, and a search looks up the articles of each band in a
//! table it builds per segment from the column (`search/duplicates.rs`),
//! then checks them bit by bit.

/// Fingerprints at most this many bits apart are of nearly the same text.
/// Manku et al. took 3 of 64 for web pages; a news article has fewer words,
/// so a changed word moves more bits (one word of 130 moved 7 in a test):
/// 5 groups more of the corpus's articles read twice and still no two
/// different stories (QUALITY.md, "Near-duplicates"). Two unrelated texts
/// are this close once in 10^12 pairs.
pub const NEAR_BITS: u32 = 5;

/// Where each band of [`bands`] starts, and its width: six bands, one more
/// than [`NEAR_BITS`].
const BANDS: [(u32, u32); 6] = [(0, 11), (11, 11), (22, 11), (33, 11), (44, 10), (54, 10)];

/// A text of fewer word shingles has no fingerprint: a few words say too
/// little for nearly the same to mean the same story.
const MIN_SHINGLES: usize = 16;

/// Words per shingle.
const SHINGLE: usize = 3;

/// The SimHash of `text`'s word shingles, or `None` for a text of fewer
/// than 18 words. Words are compared lowercase, with ё as е, without
/// punctuation; the hash is poisk's own, so a fingerprint stays the same
/// from one build to the next.
///
/// ```
/// use poisk::index::{fingerprint, near};
///
/// let story = "Президент заявил журналистам, что переговоры о поставках газа продолжатся на следующей неделе \
///              в Москве, а детали соглашения будут согласованы экспертами обеих стран до конца месяца.";
/// let again = story.to_uppercase().replace(",", ";");
/// let other = "Футбольный клуб объявил о подписании контракта с новым главным тренером, который до этого \
///              работал в Испании и Португалии, а также возглавлял молодёжную сборную на чемпионате Европы.";
/// let [a, b, c] = [story, again.as_str(), other].map(|t| fingerprint(t).expect("long enough"));
/// assert!(a == b && !near(a, c));
/// assert_eq!(fingerprint("Коротко."), None);
/// ```
pub fn fingerprint(text: &str) -> Option<u64> {
    fingerprint_of(&[text])
}

/// The [`fingerprint`] of `parts` joined by a line break, without joining
/// them.
pub(crate) fn fingerprint_of(parts: &[&str]) -> Option<u64> {
    let mut shingles = Shingles::default();
    for part in parts {
        for_each_word(part, |word| shingles.push(word));
    }
    shingles.finish()
}

/// The SimHash's running state: the last two words' hashes and, for each
/// of the 64 bits, how many shingle hashes had it set.
///
/// The counts are kept eight to a `u64`, one per byte, so that a shingle
/// costs eight additions instead of 64: `lanes[j]`'s byte `k` counts bit
/// `8k + j`. A byte holds 255 at most, so the lanes are emptied into
/// `ones` every 255 shingles.
struct Shingles {
    /// Hashes of the last two words, the older first.
    last: [u64; 2],
    words: usize,
    /// Shingles pushed since `lanes` was last emptied.
    pending: u32,
    lanes: [u64; 8],
    ones: [u32; 64],
}

impl Default for Shingles {
    fn default() -> Shingles {
        Shingles { last: [0; 2], words: 0, pending: 0, lanes: [0; 8], ones: [0; 64] }
    }
}

impl Shingles {
    fn push(&mut self, word: u64) {
        self.words += 1;
        if self.words >= SHINGLE {
            let hash = mix(self.last.iter().chain([&word]).fold(0u64, |h, &w| h.rotate_left(21) ^ w));
            for (j, lane) in self.lanes.iter_mut().enumerate() {
                *lane += hash >> j & 0x0101_0101_0101_0101;
            }
            self.pending += 1;
            if self.pending == 255 {
                self.empty_lanes();
            }
        }
        self.last = [self.last[1], word];
    }

    fn empty_lanes(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.ones[8 * k + j] += (*lane >> (8 * k) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Each bit set where more than half of the shingles had it set.
    fn finish(mut self) -> Option<u64> {
        let shingles = self.words.checked_sub(SHINGLE - 1)?;
        if shingles < MIN_SHINGLES {
            return None;
        }
        self.empty_lanes();
        Some(self.ones.iter().enumerate().fold(
            0u64,
            |fp, (bit, &n)| {
                if 2 * n as usize > shingles { fp | 1 << bit } else { fp }
            },
        ))
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// Calls `emit` with the hash of each word of `text` (a run of
/// alphanumeric characters), in order: FNV-1a over the word's lowercase
/// UTF-8 (ё as е), mixed.
///
/// ASCII and the Russian alphabet are read byte by byte, their lowercase
/// made from the bytes; any other character goes through Unicode's
/// tables. The hashes are those of hashing the lowercase characters one
/// by one, which the tests check.
fn for_each_word(text: &str, mut emit: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut hash = FNV_OFFSET;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Cyrillic U+0400..U+047F: a lead byte 0xD0 or 0xD1, then one
        // continuation byte (the text is valid UTF-8).
        let cyrillic = match (b, bytes.get(i + 1)) {
            (0xD0 | 0xD1, Some(&c)) => Some((u32::from(b & 0x1F) << 6) | u32::from(c & 0x3F)),
            _ => None,
        };
        let letter = match (b, cyrillic) {
            (0..=0x7F, _) => {
                i += 1;
                if b.is_ascii_alphanumeric() {
                    hash = fnv(hash, b.to_ascii_lowercase());
                    true
                } else {
                    false
                }
            }
            // А..Я, а..я, Ё, ё: letters, lowercase (and е for ё) as bytes.
            (_, Some(code @ (0x410..=0x44F | 0x401 | 0x451))) => {
                i += 2;
                let lower = match code {
                    0x401 | 0x451 => 0x435,
                    0x410..=0x42F => code + 0x20,
                    _ => code,
                };
                hash = fnv(hash, 0xC0 | (lower >> 6) as u8);
                hash = fnv(hash, 0x80 | (lower & 0x3F) as u8);
                true
            }
            _ => {
                let Some(c) = text[i..].chars().next() else { break };
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    for lower in c.to_lowercase() {
                        let lower = if lower == 'ё' { 'е' } else { lower };
                        let mut buf = [0u8; 4];
                        for &byte in lower.encode_utf8(&mut buf).as_bytes() {
                            hash = fnv(hash, byte);
                        }
                    }
                    true
                } else {
                    false
                }
            }
        };
        if letter {
            in_word = true;
        } else if in_word {
            emit(mix(hash));
            hash = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        emit(mix(hash));
    }
}

/// Whether two fingerprints are of nearly the same text: at most
/// [`NEAR_BITS`] bits apart.
pub fn near(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= NEAR_BITS
}

/// The bands of a fingerprint, each tagged with its place (`place << 16 |
/// bits`): two fingerprints [`near`] each other share at least one.
pub fn bands(fingerprint: u64) -> [u64; 6] {
    let mut out = [0; 6];
    for (i, (start, width)) in BANDS.into_iter().enumerate() {
        out[i] = (i as u64) << 16 | (fingerprint >> start & ((1 << width) - 1));
    }
    out
}

/// How many values a band can take: 2 to the widest band's width.
const BAND_VALUES: usize = 1 << 11;

/// How many slots [`band_slots`] numbers: one per band and value.
pub(crate) const BAND_SLOTS: usize = BANDS.len() * BAND_VALUES;

/// The bands of a fingerprint as slots below [`BAND_SLOTS`], one per band
/// (its place times [`BAND_VALUES`], plus its bits), for tables indexed by
/// band: two fingerprints [`near`] each other share at least one.
pub(crate) fn band_slots(fingerprint: u64) -> impl Iterator<Item = usize> {
    BANDS.into_iter().enumerate().map(move |(i, (start, width))| {
        debug_assert!(1 << width <= BAND_VALUES);
        i * BAND_VALUES + (fingerprint >> start & ((1 << width) - 1)) as usize
    })
}

/// The finaliser of MurmurHash3: every input bit moves every output bit.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of `n` distinct made-up words, `w0 w1 …`, with `changes`
    /// words replaced.
    fn text(n: usize, seed: &str, changes: &[usize]) -> String {
        (0..n)
            .map(|i| if changes.contains(&i) { format!("x{seed}{i}") } else { format!("{seed}{i}") })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A text's word hashes as first written, with the standard library's
    /// Unicode functions: the index keeps fingerprints, so a faster one
    /// must give the same.
    fn reference_words(text: &str) -> Vec<u64> {
        let hash = |word: &str| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for c in word.chars().flat_map(char::to_lowercase) {
                let c = if c == 'ё' { 'е' } else { c };
                let mut buf = [0u8; 4];
                for &byte in c.encode_utf8(&mut buf).as_bytes() {
                    hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            mix(hash)
        };
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(hash).collect()
    }

    /// The fingerprint as first written: one weight per bit, moved up or
    /// down by every shingle.
    fn reference(text: &str) -> Option<u64> {
        let words = reference_words(text);
        let shingles = words.len().checked_sub(SHINGLE - 1)?;
        if shingles < MIN_SHINGLES {
            return None;
        }
        let mut weights = [0i32; 64];
        for shingle in words.windows(SHINGLE) {
            let hash = mix(shingle.iter().fold(0u64, |h, &w| h.rotate_left(21) ^ w));
            for (bit, weight) in weights.iter_mut().enumerate() {
                *weight += if hash >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        Some(weights.iter().enumerate().fold(0u64, |fp, (bit, &w)| if w > 0 { fp | 1 << bit } else { fp }))
    }

    fn words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        for_each_word(text, |w| out.push(w));
        out
    }

    #[test]
    fn the_fast_letters_give_the_fingerprints_of_the_standard_library() {
        let seed = &crate::builtin::articles().unwrap()[0];
        let mixed = "ЁЖИК Ёлка İstanbul ÆSIR Ǆemal Σίσυφος straße ＡＢＣ ١٢٣ 42nd ½ Ⅻ Ꙁ ѣ Ѣ ґ Ґ ў Ў — «ЦИК» ".repeat(4);
        for text in [seed.body.as_str(), seed.title.as_str(), mixed.as_str(), &seed.body.to_uppercase()] {
            assert_eq!(fingerprint(text), reference(text), "{text:.40}");
            assert!(reference(text).is_some() || text == seed.title);
        }
        assert_eq!(fingerprint_of(&[&seed.title, &seed.body]), reference(&format!("{}\n{}", seed.title, seed.body)));
        // Every character of the first three planes, alone and inside a
        // Russian word.
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let text = format!("{c} Ж{c}ж {c}{c}");
            assert_eq!(words(&text), reference_words(&text), "{c:?}");
        }
        // A text long enough for the bit counts to be emptied more than
        // once (every 255 shingles).
        let long = seed.body.repeat(4);
        assert!(reference_words(&long).len() > 3 * 255);
        assert_eq!(fingerprint(&long), reference(&long));
    }

    proptest::proptest! {
        #[test]
        fn any_text_gets_the_fingerprint_of_the_standard_library(
            text in "([А-яЁё]{1,8}|[A-Za-z0-9]{1,5}|[ .,«»—\\n-]|\\PC){20,400}"
        ) {
            proptest::prop_assert_eq!(words(&text), reference_words(&text));
            proptest::prop_assert_eq!(fingerprint(&text), reference(&text));
        }
    }

    #[test]
    fn the_same_words_give_the_same_fingerprint_whatever_the_case_and_punctuation() {
        let a = fingerprint(&text(50, "слово", &[])).unwrap();
        let shouted = text(50, "слово", &[]).to_uppercase().replace(' ', ", ");
        assert_eq!(fingerprint(&shouted), Some(a));
        assert_eq!(fingerprint("Ёлка ёж ".repeat(20).as_str()), fingerprint("елка ЕЖ ".repeat(20).as_str()));
    }

    #[test]
    fn a_changed_word_in_a_long_text_stays_near_and_other_texts_are_far() {
        let base = fingerprint(&text(300, "слово", &[])).unwrap();
        // A word changes three shingles of the 298.
        let edited = fingerprint(&text(300, "слово", &[150])).unwrap();
        assert!(near(base, edited), "{} bits apart", (base ^ edited).count_ones());
        for seed in ["другое", "иное", "третье", "ещё"] {
            let other = fingerprint(&text(300, seed, &[])).unwrap();
            assert!((base ^ other).count_ones() > 16, "{seed}: {} bits apart", (base ^ other).count_ones());
        }
    }

    #[test]
    fn near_fingerprints_share_a_band() {
        let a = 0x1234_5678_9abc_def0u64;
        // One flip in each of five bands, the worst case.
        for flips in [1u64 << 3 | 1 << 20 | 1 << 30 | 1 << 40 | 1 << 50, 1 << 63 | 1 << 47 | 1 << 31 | 1 << 12 | 1] {
            let b = a ^ flips;
            assert!(near(a, b));
            assert!(bands(a).iter().any(|q| bands(b).contains(q)));
        }
        assert!(!near(a, a ^ 0b11_1111));
        let all = bands(u64::MAX);
        assert_eq!(all, [0x7ff, 1 << 16 | 0x7ff, 2 << 16 | 0x7ff, 3 << 16 | 0x7ff, 4 << 16 | 0x3ff, 5 << 16 | 0x3ff]);
        assert_eq!(bands(1 << 63), [0, 1 << 16, 2 << 16, 3 << 16, 4 << 16, 5 << 16 | 1 << 9]);
    }

    #[test]
    fn short_texts_have_none() {
        assert_eq!(fingerprint(&text(MIN_SHINGLES + SHINGLE - 2, "с", &[])), None);
        assert!(fingerprint(&text(MIN_SHINGLES + SHINGLE - 1, "с", &[])).is_some());
    }
}
