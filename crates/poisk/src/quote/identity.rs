//! One key per name word, the same in every case form, so that a speaker
//! is found by any form of their name: `Песков`, `Пескова`, `Дмитрия
//! Пескова`, `Песковым` all give the keys of `Дмитрий Песков`.
//!
//! A word's key is the word folded (lower case, `ё` as `е`) without its
//! case ending: the trailing vowels, `й` and `ь` go, and an instrumental
//! `-ом`/`-ым`/`-ем`/`-им` before them (`Сергей`, `Сергея`, `Сергеем` →
//! `серг`; `Лавров`, `Лаврова`, `Лавровым` → `лавров`; `Захарова`,
//! `Захаровой` → `захаров`). Snowball's stems do not serve here: it stems
//! `Песков` to `песк` but `Пескова` to `песков`.

use crate::text::{fold, is_accent, word_end, word_start};

/// Letters that end case forms and are dropped from a key.
fn is_ending_letter(c: char) -> bool {
    matches!(c, 'а' | 'я' | 'о' | 'е' | 'у' | 'ю' | 'ы' | 'и' | 'й' | 'ь' | 'э')
}

/// The key of one word (see the module's documentation).
fn word_key(word: &str) -> String {
    // Letters compare as everywhere in poisk (`text::fold`); stress marks
    // and invisible characters are no part of a key.
    let folded: Vec<char> = word.chars().filter(|&c| !is_accent(c)).map(fold).collect();
    let strip = |chars: &[char]| -> usize {
        let mut end = chars.len();
        while end > 2 && is_ending_letter(chars[end - 1]) {
            end -= 1;
        }
        end
    };
    let mut end = strip(&folded);
    // `Путиным`, `Сергеем`: an instrumental ending.
    if end > 3 && folded[end - 1] == 'м' && end == folded.len() && is_ending_letter(folded[end - 2]) {
        end = strip(&folded[..end - 1]);
    }
    folded[..end].iter().collect()
}

/// The keys of the words of a name, in order: the words as the analyzer
/// splits them (letters and digits), each without its case ending.
///
/// ```
/// use poisk::quotes::name_keys;
/// assert_eq!(name_keys("Дмитрия Пескова"), name_keys("Дмитрий Песков"));
/// assert_eq!(name_keys("Захаровой"), name_keys("Захарова"));
/// assert_eq!(name_keys("Сергеем Лавровым"), ["серг", "лавров"]);
/// ```
pub fn name_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut at = 0;
    while let Some(start) = word_start(name, at) {
        at = word_end(name, start);
        keys.push(word_key(&name[start..at]));
    }
    keys
}

/// The words the index keeps for a speaker's name: its keys, and for a
/// person a mark of how the name is given, so that a search for a full
/// name can also find the quotes where an article gives the surname alone
/// (`0песков`: the surname alone; `1песков0дмитр`: surname and first name).
///
/// ```
/// use poisk::quotes::index_keys;
/// assert_eq!(index_keys("Дмитрий Песков", true), "дмитр песков 1песков0дмитр");
/// assert_eq!(index_keys("Пескова", true), "песков 0песков");
/// ```
pub fn index_keys(name: &str, person: bool) -> String {
    let keys = name_keys(name);
    let mut words = keys.clone();
    if person {
        match keys.as_slice() {
            [surname] => words.push(format!("{LONE}{surname}")),
            [first, .., surname] => words.push(full_mark(surname, first)),
            [] => {}
        }
    }
    words.join(" ")
}

/// The mark of a surname given alone.
pub(crate) const LONE: char = '0';

/// The mark of a full name: its surname's key and its first name's.
fn full_mark(surname: &str, first: &str) -> String {
    format!("1{surname}0{first}")
}

/// The start of every [`full_mark`] of a surname.
pub(crate) fn full_mark_prefix(surname: &str) -> String {
    format!("1{surname}0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms_share_a_key() {
        for forms in [
            &["Путин", "Путина", "Путину", "Путиным", "Путине"][..],
            &["Лавров", "Лаврова", "Лаврову", "Лавровым"],
            &["Захарова", "Захаровой", "Захарову"],
            &["Сергей", "Сергея", "Сергею", "Сергеем"],
            &["Мария", "Марии", "Марию", "Марией"],
            &["Дмитрий", "Дмитрия", "Дмитрием"],
            &["Ын", "Ына", "Ыном"],
            &["Шойгу"],
        ] {
            let keys: Vec<String> = forms.iter().map(|f| word_key(f)).collect();
            assert!(keys.iter().all(|k| *k == keys[0]), "{forms:?} → {keys:?}");
        }
        assert_ne!(word_key("Путин"), word_key("Пушкин"));
        assert_ne!(word_key("Мария"), word_key("Марина"));
    }

    #[test]
    fn persons_carry_how_their_name_is_given() {
        assert_eq!(index_keys("Песков", true), "песков 0песков");
        assert_eq!(index_keys("Дмитрий Песков", true), "дмитр песков 1песков0дмитр");
        assert_eq!(index_keys("пресс-служба МВД", false), "пресс служб мвд");
        // A stress mark and a soft hyphen change no key.
        assert_eq!(name_keys("Пу\u{301}тина Ле\u{AD}сков"), name_keys("Путин Лесков"));
    }
}
