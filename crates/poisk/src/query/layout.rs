//! Queries typed on the wrong keyboard layout: `rehcrjq j,kfcnb` is what
//! `курской области` gives when the keyboard is set to Latin QWERTY instead
//! of the Russian ЙЦУКЕН layout.
//!
//! [`to_cyrillic`] maps each key back to the Cyrillic letter it carries.
//! Only letter keys are mapped, including the punctuation keys that hold
//! letters on ЙЦУКЕН (`[` х, `;` ж, `'` э, `,` б, `.` ю, `` ` `` ё); the
//! query syntax (`"`, `(`, `)`, `-`, `*`, `~`, `=`, `:`, digits), operator
//! words (`OR`, `AND`, `NOT`) and field names (`title:`) are kept.

use super::syntax::{FIELDS, FieldName, NEAR, OPERATORS};

/// Latin QWERTY keys and the ЙЦУКЕН letters on the same keys, lower case
/// first, then the shifted ones.
const KEYS: [(char, char); 66] = [
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ъ'),
    ('a', 'ф'),
    ('s', 'ы'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'э'),
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
    ('`', 'ё'),
    ('Q', 'Й'),
    ('W', 'Ц'),
    ('E', 'У'),
    ('R', 'К'),
    ('T', 'Е'),
    ('Y', 'Н'),
    ('U', 'Г'),
    ('I', 'Ш'),
    ('O', 'Щ'),
    ('P', 'З'),
    ('{', 'Х'),
    ('}', 'Ъ'),
    ('A', 'Ф'),
    ('S', 'Ы'),
    ('D', 'В'),
    ('F', 'А'),
    ('G', 'П'),
    ('H', 'Р'),
    ('J', 'О'),
    ('K', 'Л'),
    ('L', 'Д'),
    ('Z', 'Я'),
    ('X', 'Ч'),
    ('C', 'С'),
    ('V', 'М'),
    ('B', 'И'),
    ('N', 'Т'),
    ('M', 'Ь'),
    ('<', 'Б'),
    ('>', 'Ю'),
    ('~', 'Ё'),
    ('"', 'Э'),
    (':', 'Ж'),
];

/// The ЙЦУКЕН letter on the key of `c`, for the keys this module maps
/// (query syntax excluded).
fn cyrillic(c: char) -> Option<char> {
    if matches!(c, '~' | '"' | ':') {
        return None;
    }
    KEYS.iter().find(|&&(latin, _)| latin == c).map(|&(_, cyr)| cyr)
}

/// True when `query` has a Latin letter, so that it may have been typed on
/// the wrong layout.
pub(crate) fn has_latin(query: &str) -> bool {
    query.chars().any(|c| c.is_ascii_alphabetic())
}

/// `query` as it would read had it been typed on the Russian layout:
/// `rehcrjq j,kfcnb` → `курской области`.
///
/// Runs of white space, the syntax characters, operator words and field
/// names are kept, so `"rehcrjq j,kfcnb"~2 -title:gentyf` stays a phrase
/// with a slop and an excluded title word.
pub(crate) fn to_cyrillic(query: &str) -> String {
    let mut out = String::with_capacity(query.len() * 2);
    for (i, piece) in query.split(char::is_whitespace).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        convert_word(piece, &mut out);
    }
    out
}

/// Converts one white-space-separated piece of a query.
fn convert_word(piece: &str, out: &mut String) {
    let near = piece.strip_prefix(NEAR).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if OPERATORS.contains(&piece) || near {
        out.push_str(piece);
        return;
    }
    let mut rest = piece;
    // Leading syntax, then an optional field name: `-(title:…`.
    let lead = rest.len() - rest.trim_start_matches(['-', '+', '(', '"', '=']).len();
    out.push_str(&rest[..lead]);
    rest = &rest[lead..];
    // Field names stay as typed before their `:`, and a date as a whole.
    let named = FIELDS.iter().find(|(name, _)| rest.get(..name.len() + 1).is_some_and(|p| p == format!("{name}:")));
    if let Some((name, field)) = named {
        out.push_str(&rest[..name.len() + 1]);
        rest = &rest[name.len() + 1..];
        if *field == FieldName::Date {
            out.push_str(rest);
            return;
        }
    }
    out.extend(rest.chars().map(|c| cyrillic(c).unwrap_or(c)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_keys_become_russian_letters() {
        assert_eq!(to_cyrillic("rehcrjq j,kfcnb"), "курской области");
        assert_eq!(to_cyrillic("Rehcrjq J,KFCNB"), "Курской ОбЛАСТИ");
        assert_eq!(to_cyrillic("'rjyjvbrf ;ehyfk [jkjl ,tkfhecm"), "экономика журнал холод беларусь");
        assert_eq!(to_cyrillic("gj`n"), "поёт");
    }

    #[test]
    fn query_syntax_is_kept() {
        assert_eq!(to_cyrillic("\"rehcrjq j,kfcnb\"~2"), "\"курской области\"~2");
        assert_eq!(to_cyrillic("genby OR rbv -gtcrjd"), "путин OR ким -песков");
        assert_eq!(to_cyrillic("genby NEAR/3 rbv"), "путин NEAR/3 ким");
        assert_eq!(to_cyrillic("title:gtrby date:2025-09"), "title:пекин date:2025-09");
        assert_eq!(to_cyrillic("(rehcr* ghtpbltyn~1)"), "(курск* президент~1)");
        assert_eq!(to_cyrillic("=\"Rehcrjq\""), "=\"Курской\"");
    }

    #[test]
    fn every_key_maps_to_a_distinct_letter() {
        let mut letters: Vec<char> = KEYS.iter().map(|&(_, c)| c).collect();
        letters.sort_unstable();
        letters.dedup();
        assert_eq!(letters.len(), KEYS.len());
        // The 33 letters of the alphabet, in both cases.
        assert_eq!(letters.len(), 66);
        assert!(letters.iter().all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')));
    }

    #[test]
    fn only_latin_text_is_a_candidate() {
        assert!(has_latin("rehcrjq"));
        assert!(!has_latin("курской области 2025"));
    }
}
