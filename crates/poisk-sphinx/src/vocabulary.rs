//! The vocabulary table: each word form of the articles' titles and bodies
//! once, by its trigrams, so that typo correction finds the forms near a
//! word the cluster lacks, as Sphinx's own `misc/suggest` does (Sphinx 2.2
//! cannot walk its dictionary by edit distance).
//!
//! A form's row holds its trigrams with two start and two end marks
//! (`скрипаль`: `__с _ск скр кри … ль_ ь__`, each encoded as one keyword
//! by [`crate::token`]), the form and its length. A word `k` edits from a
//! form of `n` trigrams shares at least `n - 4k` of them (an insertion,
//! deletion or substitution changes at most the three trigrams that hold
//! its place, a transposition of neighbours the four that hold either) and
//! differs in length by at most `k`, so a quorum of `n - 4k` trigrams and a
//! length within `k` find every form `k` edits away ([`candidates`]); poisk then
//! picks among them with the local index's own rules
//! ([`poisk::search::with_corrections`]).
//!
//! The row id is the form's hash, so writing a form again replaces it:
//! indexing the same articles twice leaves one row per form.

use std::fmt::Write as _;

use crate::document::row_id;
use crate::escape::{match_text, string_literal};
use crate::schema::{CHARS, TRIGRAMS, VOCABULARY, VOCABULARY_ATTRIBUTES, WORD};
use crate::token::encode_into;

/// The mark before and after a form in its trigrams: a character no word
/// holds.
const MARK: char = '\u{2}';

/// The distinct trigrams of `form`, with two marks before and after it,
/// each encoded as one keyword, in the order of the form.
///
/// ```
/// use poisk_sphinx::vocabulary::trigrams;
/// assert_eq!(trigrams("мир"), ["A2A2м", "A2ми", "мир", "ирA2", "рA2A2"]);
/// assert_eq!(trigrams("ааа").len(), 5);
/// assert_eq!(trigrams("аааа").len(), 5, "a trigram once");
/// ```
pub fn trigrams(form: &str) -> Vec<String> {
    let chars: Vec<char> = [MARK, MARK].into_iter().chain(form.chars()).chain([MARK, MARK]).collect();
    let mut out: Vec<String> = Vec::with_capacity(chars.len());
    let mut buffer = [0u8; 4];
    for window in chars.windows(3) {
        let mut keyword = String::new();
        for &c in window {
            encode_into(c.encode_utf8(&mut buffer), &mut keyword);
        }
        if !out.contains(&keyword) {
            out.push(keyword);
        }
    }
    out
}

/// The `REPLACE` statement's head, up to `VALUES`.
pub fn replace_head() -> String {
    let attributes: Vec<&str> = VOCABULARY_ATTRIBUTES.iter().map(|(name, _)| *name).collect();
    format!("REPLACE INTO {VOCABULARY} (id, {TRIGRAMS}, {}) VALUES ", attributes.join(", "))
}

/// The row of `form` (lowercase, ё as е, as the `*_exact` fields hold it
/// before encoding), `(…)`, in the order of [`replace_head`].
///
/// ```
/// use poisk_sphinx::vocabulary::row;
/// assert!(row("o'neil").ends_with(", 'o\\'neil', 6)"));
/// ```
pub fn row(form: &str) -> String {
    let mut out = String::with_capacity(form.len() * 8 + 32);
    let _ = write!(
        out,
        "({}, {}, {}, {})",
        row_id(form),
        string_literal(&trigrams(form).join(" ")),
        string_literal(form),
        form.chars().count()
    );
    out
}

/// The statement that finds the forms at most `distance` edits from
/// `form`, and others, at most `limit` of them, those that share the most
/// trigrams with it first: a quorum of the trigrams that every such form
/// shares (see the module docs) and a length within `distance`.
///
/// ```
/// let statement = poisk_sphinx::vocabulary::candidates("скрипль", 1, 64);
/// // 9 trigrams (`__с _ск скр … ь__`), of which a word one edit away shares 5.
/// assert!(statement.contains(" скр кри рип ипл пль ") && statement.contains("\"/5')"));
/// assert!(statement.contains("chars BETWEEN 6 AND 8"));
/// ```
pub fn candidates(form: &str, distance: u8, limit: usize) -> String {
    let keywords = trigrams(form);
    let quorum = keywords.len().saturating_sub(4 * usize::from(distance)).max(1);
    let keywords: Vec<String> = keywords.iter().map(|k| match_text(k)).collect();
    let text = format!("\"{}\"/{quorum}", keywords.join(" "));
    let chars = form.chars().count();
    let distance = usize::from(distance);
    format!(
        "SELECT {WORD}, WEIGHT() AS w FROM {VOCABULARY} WHERE MATCH({}) AND {CHARS} BETWEEN {} AND {} \
         ORDER BY w DESC, id ASC LIMIT 0, {limit} OPTION ranker = wordcount, max_matches = {limit}",
        string_literal(&text),
        chars.saturating_sub(distance),
        chars + distance
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use poisk::query::edit_distance;

    /// The trigrams two forms share.
    fn shared(a: &str, b: &str) -> usize {
        let b = trigrams(b);
        trigrams(a).iter().filter(|t| b.contains(t)).count()
    }

    #[test]
    fn forms_within_the_distance_share_the_quorum() {
        // Substitutions, insertions, deletions and transpositions, at the
        // ends and inside, of short and long words and repeated letters.
        let cases = [
            ("скрипль", "скрипаль", 1),
            ("салсбери", "солсбери", 1),
            ("лавроф", "лавров", 1),
            ("путен", "путин", 1),
            ("пуитн", "путин", 1),
            ("упитн", "путин", 2),
            ("ткрск", "курск", 2),
            ("пиутн", "путин", 2),
            ("аааааа", "ааааа", 1),
            ("абабаба", "бабабаб", 2),
            ("великобритании", "великобританиии", 1),
            ("гсударственной", "государственой", 2),
            ("zxcvb", "xzcvb", 1),
        ];
        for (typed, form, edits) in cases {
            assert_eq!(edit_distance(typed, form), edits, "{typed} {form}");
            let quorum = trigrams(typed).len().saturating_sub(4 * edits).max(1);
            assert!(shared(typed, form) >= quorum, "{typed} {form}: {} < {quorum}", shared(typed, form));
        }
    }
}
