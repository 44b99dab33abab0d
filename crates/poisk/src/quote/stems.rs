//! Case forms of names: matching a surname across its case endings by stem
//! (`Путин`, `Путина`, `Путиным`), telling whether a form can be
//! nominative, and turning an oblique form into a nominative one.

use std::cell::RefCell;
use std::hash::BuildHasher;

use foldhash::HashMap;

use super::text::Gender;
pub(crate) use crate::text::fold;

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
fn first_folded(word: &str) -> char {
    word.chars().next().map_or(' ', fold)
}

/// Words to look up by [`same_stem`]: which of them are a given word in
/// another case form. Built once per article and asked once for each name,
/// so a lookup must not read every word: `same_stem` holds only between
/// words that share all but their last few letters, so each word is kept
/// under the few (prefix, length) pairs such a partner can ask for.
///
/// Two words match when their common folded prefix `c` is the shorter
/// word whole and they differ in length by at most two (shorter up to three
/// letters), or else when `c` lacks at most one letter of the shorter and at
/// most three of the longer. So a word of `l` letters that matches one of
/// `L` letters has `|l - L| <= 3` and shares its first `l - 1` or `l`
/// letters, or the other's first `L - 1` or `L`: each word goes under its
/// prefixes of `l - 4` to `l` letters (with its length), and a lookup asks
/// for at most seven pairs, each holding the words that differ from one
/// another in their last letters only.
#[derive(Debug, Default)]
pub(crate) struct StemIndex<'a> {
    /// The distinct words, in the order first given.
    words: Vec<&'a str>,
    /// Their first letters, folded: [`same_stem`] matches only words that
    /// share it, so reading a few words compares these first.
    first_letters: Vec<char>,
    /// (key of a folded prefix and a length, word id) for each pair a word
    /// is kept under, sorted; empty when there are so few words that
    /// reading them all is quicker. Words of one pair are the few that
    /// differ in their last letters; two pairs may share a key, which costs
    /// a few more `same_stem` calls, never a wrong answer.
    keys: Vec<(u64, u32)>,
    /// The seed of the keys, random so that no input can pile words under one.
    seed: u64,
    /// Answers given so far, by word (a name is asked about often): a range
    /// of `found`.
    answers: RefCell<HashMap<&'a str, (u32, u32)>>,
    found: RefCell<Vec<u32>>,
}

/// Up to this many words a lookup reads them all, comparing first letters
/// (most articles name a few dozen people).
const FEW_WORDS: usize = 256;

impl<'a> StemIndex<'a> {
    /// Indexes `words` (duplicates are kept once).
    pub fn new(words: impl IntoIterator<Item = &'a str>) -> Self {
        StemIndex::with_ids(words).0
    }

    /// Indexes `words` (duplicates are kept once), and gives the id of
    /// each word given, in order: the ids that [`StemIndex::matches`]
    /// answers with.
    pub fn with_ids(words: impl IntoIterator<Item = &'a str>) -> (Self, Vec<usize>) {
        let mut index = StemIndex::default();
        let mut given = Vec::new();
        let mut ids: HashMap<&'a str, usize> = HashMap::default();
        for word in words {
            let next = index.words.len();
            let id = *ids.entry(word).or_insert(next);
            if id == next {
                index.words.push(word);
                index.first_letters.push(first_folded(word));
            }
            given.push(id);
        }
        if index.words.len() > FEW_WORDS {
            index.index_prefixes();
        }
        (index, given)
    }

    /// Keeps each word under its (prefix, length) pairs.
    fn index_prefixes(&mut self) {
        self.seed = std::hash::RandomState::new().hash_one(self.words.len());
        for (id, word) in self.words.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            let len = word.chars().count();
            let first = len.saturating_sub(4).max(1);
            self.keys.extend(prefix_keys(self.seed, word, len).skip(first - 1).map(|key| (key, id)));
        }
        self.keys.sort_unstable();
    }

    /// The word of an id that [`StemIndex::matches`] gave.
    #[cfg(test)]
    pub fn word(&self, id: usize) -> &'a str {
        self.words[id]
    }

    /// The ids of the words that are `word` in another case form (or
    /// `word` itself), in the order the words were first given.
    pub fn matches(&self, word: &'a str) -> Vec<usize> {
        let mut ids = Vec::new();
        self.for_each_match(word, |id| ids.push(id));
        ids
    }

    /// Calls `found` with the id of each word that [`StemIndex::matches`]
    /// gives, in that order.
    pub fn for_each_match(&self, word: &'a str, mut found: impl FnMut(usize)) {
        if self.keys.is_empty() {
            let first = first_folded(word);
            for (id, (w, &c)) in self.words.iter().zip(&self.first_letters).enumerate() {
                if c == first && same_stem(w, word) {
                    found(id);
                }
            }
            return;
        }
        if let Some(&(from, to)) = self.answers.borrow().get(word) {
            self.found.borrow()[from as usize..to as usize].iter().for_each(|&id| found(id as usize));
            return;
        }
        let len = word.chars().count();
        // (prefix length, word length) of the words that can match (see above).
        let mut pairs = Vec::with_capacity(7);
        if len > 0 {
            let (prefix, longest) = if len <= 3 { (len, len + 2) } else { (len - 1, len + 3) };
            pairs.extend((len..=longest).map(|l| (prefix, l)));
            pairs.extend((len.saturating_sub(3).max(1)..len).map(|l| (if l <= 3 { l } else { l - 1 }, l)));
        }
        let mut ids: Vec<u32> = Vec::new();
        for (prefix, l) in pairs {
            let Some(key) = prefix_keys(self.seed, word, l).nth(prefix - 1) else { continue };
            let from = self.keys.partition_point(|&(k, _)| k < key);
            let bucket = self.keys[from..].iter().take_while(|&&(k, _)| k == key);
            ids.extend(bucket.map(|&(_, id)| id).filter(|&id| same_stem(self.words[id as usize], word)));
        }
        ids.sort_unstable();
        ids.dedup();
        let mut answers = self.found.borrow_mut();
        let from = u32::try_from(answers.len()).unwrap_or(u32::MAX);
        answers.extend_from_slice(&ids);
        let to = u32::try_from(answers.len()).unwrap_or(u32::MAX);
        self.answers.borrow_mut().insert(word, (from, to));
        ids.into_iter().for_each(|id| found(id as usize));
    }

    /// True when some word is `word` in another case form.
    pub fn has_stem_of(&self, word: &'a str) -> bool {
        if self.keys.is_empty() {
            let first = first_folded(word);
            return self.words.iter().zip(&self.first_letters).any(|(w, &c)| c == first && same_stem(w, word));
        }
        !self.matches(word).is_empty()
    }
}

/// The key of each prefix of `word` (1, 2, … letters, folded) with the
/// word length `len`: a multiply-rotate hash from `seed`.
fn prefix_keys(seed: u64, word: &str, len: usize) -> impl Iterator<Item = u64> {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = seed;
    word.chars().map(move |c| {
        hash = (hash.rotate_left(23) ^ u64::from(u32::from(fold(c)))).wrapping_mul(K);
        (hash ^ len as u64).wrapping_mul(K).rotate_left(31)
    })
}

/// Whether a surname form can be nominative for the gender.
pub(crate) fn fits_nominative(form: &str, gender: Gender) -> bool {
    // (`Никита`, `Илья`: a man's given name in `-а`, `-я`.)
    let oblique_m = ["а", "я", "у", "ю", "е", "ым", "ом", "ого"].iter().any(|e| form.ends_with(e))
        && !form.ends_with("ое")
        && !MEN_IN_A.iter().any(|(nominative, _)| *nominative == form);
    let nominative_f = form.ends_with('а') || form.ends_with('я');
    let oblique_f = ["ой", "ей", "ую", "ою"].iter().any(|e| form.ends_with(e));
    // A woman's given name in the genitive: `Оксаны`, `Марии`, `Натальи`.
    let given_f = || form.ends_with('ы') || form.ends_with("ии") || form.ends_with("ьи");
    match gender {
        Gender::Masculine => !oblique_m,
        Gender::Feminine => nominative_f || !(oblique_f || oblique_m || given_f()),
        Gender::Unknown => !oblique_m || nominative_f,
    }
}

/// Women's given names common in the news, in the nominative. Those in
/// `-ия` share the ending with a man's genitive (`Дмитрия`) or a country
/// (`Турция`); `Евгения` and `Валерия` are a man's genitive too.
pub(crate) const WOMEN: &[&str] = &[
    "Агата",
    "Алевтина",
    "Александра",
    "Алина",
    "Элина",
    "Илона",
    "Алиса",
    "Алла",
    "Алёна",
    "Алена",
    "Анастасия",
    "Ангела",
    "Анжела",
    "Анна",
    "Антонина",
    "Барбара",
    "Беата",
    "Валентина",
    "Валерия",
    "Варвара",
    "Вера",
    "Вероника",
    "Виктория",
    "Галина",
    "Дарья",
    "Диана",
    "Ева",
    "Евгения",
    "Екатерина",
    "Елена",
    "Елизавета",
    "Жанна",
    "Зарина",
    "Зоя",
    "Инна",
    "Ирина",
    "Карина",
    "Кира",
    "Клара",
    "Кристина",
    "Ксения",
    "Лариса",
    "Лидия",
    "Любовь",
    "Людмила",
    "Майя",
    "Маргарита",
    "Марина",
    "Мария",
    "Милана",
    "Моника",
    "Надежда",
    "Наталья",
    "Наталия",
    "Нина",
    "Оксана",
    "Олеся",
    "Ольга",
    "Полина",
    "Раиса",
    "Регина",
    "Роза",
    "Светлана",
    "Снежана",
    "София",
    "Софья",
    "Станислава",
    "Тамара",
    "Татьяна",
    "Тереза",
    "Ульяна",
    "Федерика",
    "Эльвира",
    "Эльмира",
    "Эмма",
    "Юлия",
    "Яна",
    "Ядвига",
    "Хелена",
    "Саманта",
    "Николь",
    "Сара",
    "Лаура",
    "Паола",
];

/// Men's given names in `-а`/`-я`, in the nominative and the genitive
/// (`Никиты` ends like a place in the genitive, `Никита` like an oblique
/// form of a man's name).
pub(crate) const MEN_IN_A: &[(&str, &str)] = &[
    ("Никита", "Никиты"),
    ("Илья", "Ильи"),
    ("Савва", "Саввы"),
    ("Фома", "Фомы"),
    ("Кузьма", "Кузьмы"),
    ("Лука", "Луки"),
    ("Данила", "Данилы"),
    ("Гаврила", "Гаврилы"),
];

/// A Russian consonant other than `й`, `ь`, `ъ`.
pub(crate) fn is_consonant(c: char) -> bool {
    "бвгджзклмнпрстфхцчшщ".contains(c)
}

/// Best-effort nominative of a name the article only gives in an oblique
/// case (`Дениса Тихомирова` → `Денис Тихомиров`, `Захаровой` → `Захарова`).
pub(crate) fn to_nominative(name: &str, gender: Gender) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len() - 1;
    let nominative = |(i, w): (usize, &&str)| {
        // A masculine given name in `-ия` (`Дмитрия` → `Дмитрий`), not a
        // woman's (`Мария`, read as a man's by mistake); a surname so may
        // be nominative (`Берия`).
        match w.strip_suffix("ия") {
            Some(stem)
                if i < last
                    && gender == Gender::Masculine
                    && (!WOMEN.contains(w) || matches!(*w, "Евгения" | "Валерия")) =>
            {
                format!("{stem}ий")
            }
            // `Сергея`, `Андрея`, `Алексея` → `Сергей`.
            _ if i < last && gender != Gender::Feminine && w.ends_with("ея") => format!("{}й", &w[..w.len() - 2]),
            _ if i < last && gender == Gender::Masculine => given_to_nominative(w),
            _ if i < last && gender == Gender::Feminine => feminine_given_to_nominative(w),
            // `Сергея Шойгу`, `Майя Санду`: after a given name in `-а` or
            // `-я` (a genitive, or a woman's), a surname in `-у` or `-е` does
            // not decline (`Франсуа` does not decline either: `Франсуа
            // Олланду` is a dative).
            _ if i > 0
                && words[i - 1].ends_with(['а', 'я'])
                && !words[i - 1].ends_with("уа")
                && w.ends_with(['у', 'е']) =>
            {
                (*w).to_string()
            }
            _ => word_to_nominative(w, gender),
        }
    };
    words.iter().enumerate().map(nominative).collect::<Vec<_>>().join(" ")
}

/// A man's given name in an oblique case: `Дмитрием` → `Дмитрий`,
/// `Сергеем` → `Сергей`, `Игорем`, `Игоря` → `Игорь`; else as a surname
/// declines (`Ивана` → `Иван`).
fn given_to_nominative(word: &str) -> String {
    // `Никиты` → `Никита`, `Ильи` → `Илья`.
    if let Some((nominative, _)) = MEN_IN_A.iter().find(|(_, g)| *g == word) {
        return (*nominative).to_string();
    }
    // Names that lose a vowel when they decline; `Франсуа` does not decline.
    match word {
        _ if word.ends_with("уа") => return word.to_string(),
        "Льва" | "Льву" | "Львом" => return "Лев".to_string(),
        "Павла" | "Павлу" | "Павлом" => return "Павел".to_string(),
        "Петра" | "Петру" | "Петром" => return "Пётр".to_string(),
        _ => {}
    }
    let consonant_before = |rest: &str| rest.chars().last().is_some_and(is_consonant);
    if let Some(stem) = word.strip_suffix("ием") {
        return format!("{stem}ий");
    }
    if let Some(stem) = word.strip_suffix("еем") {
        return format!("{stem}ей");
    }
    // `Николая`, `Николаем` → `Николай`.
    if let Some(stem) = word.strip_suffix("ая").or_else(|| word.strip_suffix("аем")) {
        return format!("{stem}ай");
    }
    if let Some(stem) = word.strip_suffix("ем").or_else(|| word.strip_suffix('я')).filter(|s| consonant_before(s)) {
        return format!("{stem}ь");
    }
    word_to_nominative(word, Gender::Masculine)
}

/// A woman's given name in the genitive: `Марии` → `Мария`, `Натальи` →
/// `Наталья`, `Ольги` → `Ольга`, `Эльвиры` → `Эльвира`; else as a surname
/// declines (`Елене` → `Елена`). (`Никки` does not decline.)
fn feminine_given_to_nominative(word: &str) -> String {
    for (genitive, nominative) in [("ии", "ия"), ("ьи", "ья"), ("ы", "а"), ("ги", "га")] {
        if let Some(stem) = word.strip_suffix(genitive) {
            return format!("{stem}{nominative}");
        }
    }
    word_to_nominative(word, Gender::Feminine)
}

fn word_to_nominative(word: &str, gender: Gender) -> String {
    let strip = |n: usize| word.char_indices().rev().nth(n - 1).map_or(word, |(i, _)| &word[..i]);
    match gender {
        // `Поклонской` → `Поклонская`, `Плицкой` → `Плицкая`.
        Gender::Feminine if word.ends_with("ской") || word.ends_with("цкой") => format!("{}ая", strip(2)),
        Gender::Feminine if word.ends_with("ой") || word.ends_with("ей") => {
            format!("{}а", strip(2))
        }
        Gender::Feminine if word.ends_with("ую") => format!("{}ая", strip(2)),
        Gender::Feminine if word.ends_with('у') => format!("{}а", strip(1)),
        // A given name: `Елены` → `Елена`.
        Gender::Feminine if word.ends_with("ны") => format!("{}а", strip(1)),
        Gender::Feminine if word.ends_with('ю') => format!("{}я", strip(1)),
        // `Слуцкого` → `Слуцкий`, `Навального` → `Навальный`: `-ий` after
        // a velar or a hushing consonant, else `-ый` (`Толстой`, stressed,
        // cannot be told).
        Gender::Masculine if word.ends_with("ого") => {
            let stem = strip(3);
            let soft = stem.chars().last().is_some_and(|c| "кгхжшщч".contains(c));
            format!("{stem}{}", if soft { "ий" } else { "ый" })
        }
        Gender::Masculine if word.ends_with("ым") || word.ends_with("ом") => strip(2).to_string(),
        Gender::Masculine if word.ends_with(['а', 'у', 'е']) && word.chars().count() > 3 => strip(1).to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_in_ia_become_nominative() {
        for (oblique, gender, nominative) in [
            ("Дмитрия Селюка", Gender::Masculine, "Дмитрий Селюк"),
            ("Сергеем Лавровым", Gender::Masculine, "Сергей Лавров"),
            ("Дмитрием Медведевым", Gender::Masculine, "Дмитрий Медведев"),
            ("Игоря Конашенкова", Gender::Masculine, "Игорь Конашенков"),
            ("Игорем Додоном", Gender::Masculine, "Игорь Додон"),
            ("Сергея Шойгу", Gender::Masculine, "Сергей Шойгу"),
            ("Франсуа Олланду", Gender::Masculine, "Франсуа Олланд"),
            ("Ивана Коновалова", Gender::Masculine, "Иван Коновалов"),
            ("Николая Калмыкова", Gender::Masculine, "Николай Калмыков"),
            ("Леонида Слуцкого", Gender::Masculine, "Леонид Слуцкий"),
            ("Алексея Навального", Gender::Masculine, "Алексей Навальный"),
            ("Льва Клепацкого", Gender::Masculine, "Лев Клепацкий"),
            ("Павла Чалого", Gender::Masculine, "Павел Чалый"),
            ("Елены Заевой", Gender::Feminine, "Елена Заева"),
            ("Марии Захаровой", Gender::Feminine, "Мария Захарова"),
            ("Натальи Поклонской", Gender::Feminine, "Наталья Поклонская"),
            ("Ольги Голодец", Gender::Feminine, "Ольга Голодец"),
            ("Эльвиры Набиуллиной", Gender::Feminine, "Эльвира Набиуллина"),
            ("Оксаны Ферреро", Gender::Feminine, "Оксана Ферреро"),
            ("Никки Хейли", Gender::Feminine, "Никки Хейли"),
        ] {
            assert_eq!(to_nominative(oblique, gender), nominative, "{oblique}");
        }
        assert!(!fits_nominative("Слуцкого", Gender::Unknown));
    }

    #[test]
    fn finds_case_forms() {
        let names = StemIndex::new(["Путин", "Захарова", "Ёлкин", "Путин"]);
        assert!(names.has_stem_of("Путиным"));
        assert!(names.has_stem_of("Захаровой"));
        assert!(names.has_stem_of("Елкина"));
        assert!(!names.has_stem_of("Песков"));
        assert!(!StemIndex::new([]).has_stem_of("Путин"));
        assert_eq!(names.matches("Путина"), [0]);
    }

    /// Words of a few letters from a small alphabet, so that many share
    /// prefixes and lengths differ by a little.
    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("[АаБбЁёЕеaA]{1,9}").expect("a valid pattern")
    }

    proptest::proptest! {
        #[test]
        fn matches_are_what_same_stem_says(words in proptest::collection::vec(word(), 0..600), query in word()) {
            let (index, ids) = StemIndex::with_ids(words.iter().map(String::as_str));
            for (word, id) in words.iter().zip(ids) {
                proptest::prop_assert_eq!(index.word(id), word);
            }
            let mut expected: Vec<&str> = Vec::new();
            for w in &words {
                if same_stem(w, &query) && !expected.contains(&w.as_str()) {
                    expected.push(w);
                }
            }
            let got: Vec<&str> = index.matches(&query).into_iter().map(|id| index.word(id)).collect();
            proptest::prop_assert_eq!(index.has_stem_of(&query), !expected.is_empty());
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
