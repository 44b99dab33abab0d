//! Every token the analyzer makes of the Snowball vocabulary is one Sphinx
//! keyword that decodes back to it, and its prefixes stay prefixes.

use std::collections::HashMap;

use poisk_sphinx::token::{CHARSET_TABLE, decode, encode};

const VOCABULARY: &str = "../poisk/tests/data/snowball-russian/voc.txt";
/// Sphinx keeps this many characters of a keyword.
const SPHINX_WORD_CHARS: usize = 42;

/// True for a character `CHARSET_TABLE` keeps in a word.
fn in_charset(c: char) -> bool {
    assert_eq!(CHARSET_TABLE, "0..9, a..z, A..D, U+430..U+44F");
    c.is_ascii_digit() || c.is_ascii_lowercase() || ('A'..='D').contains(&c) || ('\u{430}'..='\u{44F}').contains(&c)
}

#[test]
fn the_snowball_vocabulary_round_trips() {
    let text = std::fs::read_to_string(VOCABULARY).expect("the Snowball vocabulary");
    // Words of the vocabulary, and words with what UAX #29 keeps inside a
    // word that Sphinx would split at.
    let extra = ["o'neil", "u.s.a", "café", "straße", "東京都", "1,5", "ĳssel", "x²", "naïve"];
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut tokens = 0;
    for word in text.lines().chain(extra) {
        for token in poisk::analysis::analyze(word) {
            for t in [&token.stem, &token.text] {
                tokens += 1;
                let encoded = encode(t);
                assert!(encoded.chars().all(in_charset), "{t:?} → {encoded:?} leaves the charset");
                assert_eq!(decode(&encoded).as_deref(), Some(t.as_str()), "{t:?} → {encoded:?}");
                if t.chars().all(|c| ('а'..='я').contains(&c)) {
                    assert!(encoded.chars().count() <= SPHINX_WORD_CHARS, "{t:?} would be cut");
                }
                for (cut, _) in t.char_indices().skip(1) {
                    assert!(encoded.starts_with(&encode(&t[..cut])), "{t:?}: prefix {:?}", &t[..cut]);
                }
                if let Some(other) = seen.insert(encoded.clone(), t.clone()) {
                    assert_eq!(&other, t, "two tokens share the keyword {encoded:?}");
                }
            }
        }
    }
    assert!(tokens > 90_000, "only {tokens} tokens read");
}
