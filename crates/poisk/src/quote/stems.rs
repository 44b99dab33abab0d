//! Case forms of names: matching a surname across its case endings by stem
//! (`Путин`, `Путина`, `Путиным`), telling whether a form can be
//! nominative, and turning an oblique form into a nominative one.

use super::text::Gender;

/// True when `a` and `b` are the same word in different case forms
/// (`Путин`, `Путина`, `Путиным`; `Захарова`, `Захаровой`).
pub(crate) fn same_stem(a: &str, b: &str) -> bool {
    // Words of different first letters never match; most pairs stop here.
    if a.chars().next().map(fold) != b.chars().next().map(fold) {
        return false;
    }
    let common = a.chars().map(fold).zip(b.chars().map(fold)).take_while(|(x, y)| x == y).count();
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let shorter = len_a.min(len_b);
    let longer = len_a.max(len_b);
    if shorter <= 3 {
        return common == shorter && longer - common <= 2;
    }
    common + 1 >= shorter && longer - common <= 3
}

/// The first letter of `word`, folded (see [`fold`]); a space when empty.
pub(crate) fn first_folded(word: &str) -> char {
    word.chars().next().map_or(' ', fold)
}

/// Lower case with `ё` read as `е`; Russian and ASCII letters by range.
pub(crate) fn fold(c: char) -> char {
    match c {
        'ё' | 'Ё' => 'е',
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'а'..='я' => c,
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Words grouped by their folded first letter: [`same_stem`] only matches
/// words that share it, so a lookup compares against one group. A sorted
/// vector, since an article has a few hundred names at most.
#[derive(Debug, Default)]
pub(crate) struct ByFirstLetter<'a> {
    words: Vec<(char, &'a str)>,
}

impl<'a> ByFirstLetter<'a> {
    /// Groups `words` by first letter.
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: Vec<(char, &'a str)> = words.into_iter().map(|w| (first_folded(w), w)).collect();
        words.sort_unstable_by_key(|&(first, _)| first);
        ByFirstLetter { words }
    }

    /// True when some word of the group is `word` in another case form.
    pub fn has_stem_of(&self, word: &str) -> bool {
        let first = first_folded(word);
        let from = self.words.partition_point(|&(c, _)| c < first);
        self.words[from..].iter().take_while(|&&(c, _)| c == first).any(|&(_, w)| same_stem(w, word))
    }
}

/// Whether a surname form can be nominative for the gender.
pub(crate) fn fits_nominative(form: &str, gender: Gender) -> bool {
    let oblique_m = ["а", "я", "у", "ю", "е", "ым", "ом"].iter().any(|e| form.ends_with(e)) && !form.ends_with("ое");
    let nominative_f = form.ends_with('а') || form.ends_with('я');
    let oblique_f = ["ой", "ей", "ую", "ою"].iter().any(|e| form.ends_with(e));
    match gender {
        Gender::Masculine => !oblique_m,
        Gender::Feminine => nominative_f || !(oblique_f || oblique_m),
        Gender::Unknown => !oblique_m || nominative_f,
    }
}

/// Best-effort nominative of a name the article only gives in an oblique
/// case (`Дениса Тихомирова` → `Денис Тихомиров`, `Захаровой` → `Захарова`).
pub(crate) fn to_nominative(name: &str, gender: Gender) -> String {
    name.split(' ').map(|w| word_to_nominative(w, gender)).collect::<Vec<_>>().join(" ")
}

fn word_to_nominative(word: &str, gender: Gender) -> String {
    let strip = |n: usize| word.char_indices().rev().nth(n - 1).map_or(word, |(i, _)| &word[..i]);
    match gender {
        Gender::Feminine if word.ends_with("ой") || word.ends_with("ей") => {
            format!("{}а", strip(2))
        }
        Gender::Feminine if word.ends_with("ую") => format!("{}ая", strip(2)),
        Gender::Feminine if word.ends_with('у') => format!("{}а", strip(1)),
        Gender::Feminine if word.ends_with('ю') => format!("{}я", strip(1)),
        Gender::Masculine if word.ends_with("ого") => format!("{}ий", strip(3)),
        Gender::Masculine if word.ends_with("ым") || word.ends_with("ом") => strip(2).to_string(),
        Gender::Masculine if word.ends_with(['а', 'у', 'е']) && word.chars().count() > 3 => strip(1).to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_find_case_forms_by_first_letter() {
        let names = ByFirstLetter::new(["Путин", "Захарова", "Ёлкин"]);
        assert!(names.has_stem_of("Путиным"));
        assert!(names.has_stem_of("Захаровой"));
        assert!(names.has_stem_of("Елкина"));
        assert!(!names.has_stem_of("Песков"));
        assert!(!ByFirstLetter::new([]).has_stem_of("Путин"));
    }
}
