//! poisk's tokens as Sphinx keywords.
//!
//! The cluster's tables do no analysis of their own: poisk sends its stems
//! and word forms as words separated by spaces, and a word matches on the
//! cluster exactly when it matches in the local index. A poisk token is a
//! UAX #29 word, which may hold characters Sphinx's `charset_table` would
//! split it at (`'`, `.`, accented Latin, other scripts), so each token is
//! written in an alphabet Sphinx keeps whole ([`CHARSET_TABLE`]):
//!
//! - digits, `a`–`z` and `а`–`я` stand for themselves;
//! - any other character is one upper-case marker and its code point in
//!   base 36 (digits and `a`–`z`): `A` before one digit, `B` two, `C`
//!   three, `D` four (`é`, U+E9 = 233, is `B6h`).
//!
//! Each character's code is fixed and none is the beginning of another,
//! so the encoding is one-to-one, every token is exactly one keyword, and
//! `p` is a prefix of a token exactly when `encode(p)` is a prefix of its
//! encoding: `prefix*` works on the cluster as it does locally.
//!
//! Sphinx keeps the first 42 characters of a keyword; poisk's words have
//! at most 40 ([`MAX_WORD_CHARS`](poisk::analysis::MAX_WORD_CHARS)), so
//! Cyrillic and Latin words are never cut. A word of another script longer
//! than about 8 characters is cut, in the index and in queries alike, so
//! it still matches itself, and may match another such word that begins
//! the same.

/// The `charset_table` of the cluster's tables: the characters of
/// encoded tokens, no case folding (the markers are upper case, and a
/// token never holds an upper-case letter of its own).
pub const CHARSET_TABLE: &str = "0..9, a..z, A..D, U+430..U+44F";

/// The markers of 1 to 4 base-36 digits.
const MARKERS: [char; 4] = ['A', 'B', 'C', 'D'];

/// True for a character that stands for itself.
fn plain(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_lowercase() || ('а'..='я').contains(&c)
}

/// `token` in the cluster's alphabet (see the module docs).
///
/// ```
/// use poisk_sphinx::token::{decode, encode};
/// assert_eq!(encode("курск"), "курск");
/// assert_eq!(encode("o'neil"), "oB13neil");
/// assert_eq!(encode("café"), "cafB6h");
/// assert_eq!(decode(&encode("café")).as_deref(), Some("café"));
/// ```
pub fn encode(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    encode_into(token, &mut out);
    out
}

/// [`encode`] onto the end of `out`.
pub fn encode_into(token: &str, out: &mut String) {
    for c in token.chars() {
        if plain(c) {
            out.push(c);
            continue;
        }
        let mut code = u32::from(c);
        let mut digits = [0u8; 4];
        let mut n = 0;
        loop {
            // `code % 36` is below 36: a base-36 digit.
            digits[n] = b"0123456789abcdefghijklmnopqrstuvwxyz"[(code % 36) as usize];
            n += 1;
            code /= 36;
            if code == 0 {
                break;
            }
        }
        // A code point is below 36^4, so it has at most four digits.
        out.push(MARKERS[n - 1]);
        digits[..n].iter().rev().for_each(|&d| out.push(char::from(d)));
    }
}

/// The token `encoded` stands for; `None` when it is not an encoding.
pub fn decode(encoded: &str) -> Option<String> {
    let mut out = String::with_capacity(encoded.len());
    let mut chars = encoded.chars();
    while let Some(c) = chars.next() {
        if plain(c) {
            out.push(c);
            continue;
        }
        let n = MARKERS.iter().position(|&m| m == c)? + 1;
        let mut code: u32 = 0;
        for _ in 0..n {
            code = code * 36 + chars.next()?.to_digit(36)?;
        }
        let decoded = char::from_u32(code)?;
        // A plain character has one code only.
        if plain(decoded) {
            return None;
        }
        out.push(decoded);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_class_round_trips() {
        for token in ["курск", "2025", "covid19", "o'neil", "u.s", "é", "ĳ", "東京", "𝔘", "\u{10FFFF}", "ё", "A", "a1b"]
        {
            let encoded = encode(token);
            assert!(encoded.chars().all(|c| plain(c) || MARKERS.contains(&c)), "{token} → {encoded}");
            assert_eq!(decode(&encoded).as_deref(), Some(token), "{token} → {encoded}");
        }
        assert_eq!(encode("東"), "Ckfl");
        // Not encodings: a bare marker, a short code, a plain character
        // written as a code.
        assert_eq!(decode("A"), None);
        assert_eq!(decode("Bz"), None);
        assert_eq!(decode("B2p"), None, "U+61 is `a`, which stands for itself");
        assert_eq!(decode("Z"), None);
    }

    #[test]
    fn prefixes_stay_prefixes_and_only_they() {
        let token = "l'été-2025";
        for (cut, _) in token.char_indices().skip(1) {
            assert!(encode(token).starts_with(&encode(&token[..cut])));
        }
        // The encoding of `о` does not begin the encoding of `ö`.
        assert!(!encode("ö").starts_with(&encode("o")));
        assert!(!encode("éa").starts_with(&encode("e")));
    }
}
