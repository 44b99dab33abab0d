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
    let words: Vec<u64> = parts
        .iter()
        .flat_map(|part| part.split(|c: char| !is_alphanumeric(c)))
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
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

/// `char::is_alphanumeric`, answered without Unicode's table search for
/// ASCII and the Russian alphabet: the search was a fifth of the time
/// spent outside tantivy while indexing the corpus.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' | 'А'..='я' | 'ё' | 'Ё' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// A word's hash: FNV-1a over its lowercase characters (ё as е), mixed.
fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |c: char| {
        let c = if c == 'ё' { 'е' } else { c };
        let mut buf = [0u8; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for c in word.chars() {
        // The common letters' lowercase without Unicode's tables.
        match c {
            'A'..='Z' | 'А'..='Я' => add(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'a'..='z' | 'а'..='я' => add(c),
            'Ё' => add('е'),
            _ => c.to_lowercase().for_each(&mut add),
        }
    }
    mix(hash)
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

    /// The fingerprint as first written, with the standard library's
    /// Unicode functions: the index keeps fingerprints, so a faster one
    /// must give the same.
    fn reference(text: &str) -> Option<u64> {
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
        let words: Vec<u64> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(hash).collect();
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

    #[test]
    fn the_fast_letters_give_the_fingerprints_of_the_standard_library() {
        let seed = &crate::builtin::articles().unwrap()[0];
        let mixed = "ЁЖИК Ёлка İstanbul ÆSIR Ǆemal Σίσυφος straße ＡＢＣ ١٢٣ 42nd ½ Ⅻ Ꙁ ѣ Ѣ ґ Ґ ў Ў — «ЦИК» ".repeat(4);
        for text in [seed.body.as_str(), seed.title.as_str(), mixed.as_str(), &seed.body.to_uppercase()] {
            assert_eq!(fingerprint(text), reference(text), "{text:.40}");
            assert!(reference(text).is_some() || text == seed.title);
        }
        assert_eq!(fingerprint_of(&[&seed.title, &seed.body]), reference(&format!("{}\n{}", seed.title, seed.body)));
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
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
