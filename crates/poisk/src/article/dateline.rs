//! Agency datelines: the `CentralAsia (CA) - ` that opens some wire stories.
//!
//! A dateline is a short place or site name, an agency code in parentheses
//! and a dash, at the very start of the first paragraph:
//! `CentralAsia (CA) - `, `Moscow (AP) — `, `Нью-Йорк (ИТАР-ТАСС) – `.
//!
//! The rule is deliberately conservative. Russian prose often has the same
//! shape (`Юрий Мамлеев (1931–2015) – крупнейший…`, `Филипп Дарес
//! (Philippe Darees) – один из…`), and a dateline taken by mistake removes real
//! text from the body, while a dateline missed only leaves a few words in it.
//! So the name must be one to three capitalised words, and the code must
//! look like an agency code: it starts with a capital letter and has a word
//! with at least two capitals (`CA`, `AP`, `РИА Новости`, `ИТАР-ТАСС`).
//! `Moscow (Reuters) - ` is therefore not recognised; that is the price.

/// Longest dateline or site name before the parenthesis, in characters.
const MAX_NAME_CHARS: usize = 40;
/// Longest agency code inside the parentheses, in characters.
const MAX_CODE_CHARS: usize = 24;
/// Most words in the name, and in the code.
const MAX_WORDS: usize = 3;

/// Splits an agency dateline off the start of `paragraph`.
///
/// Returns the dateline without its dash (`CentralAsia (CA)`) and the text after
/// the dash and the spaces that follow it. `paragraph` must not start with
/// whitespace. A paragraph that is nothing but a dateline has no dateline: its text
/// stays in the body.
pub(super) fn split_dateline(paragraph: &str) -> Option<(&str, &str)> {
    let open = paragraph.find('(')?;
    let close = open + paragraph[open..].find(')')?;
    if !is_name(&paragraph[..open]) || !is_agency_code(&paragraph[open + 1..close]) {
        return None;
    }
    let rest = strip_dash(&paragraph[close + 1..])?;
    if rest.is_empty() {
        return None;
    }
    Some((&paragraph[..=close], rest))
}

/// A dateline or site name: `CentralAsia `, `Moscow `, `Санкт-Петербург `.
fn is_name(text: &str) -> bool {
    let text = text.trim_end();
    text.chars().count() <= MAX_NAME_CHARS
        && words_are(text, |word| starts_upper(word) && word.chars().all(is_name_char))
}

/// An agency code: `CA`, `AP`, `AFP`, `РИА Новости`, `ИТАР-ТАСС`.
fn is_agency_code(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= MAX_CODE_CHARS
        && starts_upper(text)
        && words_are(text, |word| word.chars().all(is_code_char))
        && text.split_whitespace().any(|word| word.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

/// Whether `text` has 1 to [`MAX_WORDS`] words and each passes `test`.
fn words_are(text: &str, test: impl Fn(&str) -> bool) -> bool {
    let mut count = 0;
    for word in text.split_whitespace() {
        count += 1;
        if count > MAX_WORDS || !test(word) {
            return false;
        }
    }
    count > 0
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’')
}

fn is_code_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '.' | '&' | '/')
}

/// Strips ` - `, ` – ` or ` — ` (spaces before optional, one after
/// required) from the start of `text` and returns what follows the spaces.
fn strip_dash(text: &str) -> Option<&str> {
    let text = text.trim_start_matches([' ', '\t', '\u{a0}']);
    let after = text.strip_prefix(['-', '–', '—'])?;
    let rest = after.trim_start_matches([' ', '\t', '\u{a0}']);
    // "(CA) -5 °C" or "(CA)-ready" is not a dateline: the dash must be a word of its own.
    (rest.len() < after.len()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_dateline(paragraph: &str, dateline: &str, rest: &str) {
        assert_eq!(split_dateline(paragraph), Some((dateline, rest)), "in {paragraph:?}");
    }

    fn assert_no_dateline(paragraph: &str) {
        assert_eq!(split_dateline(paragraph), None, "{paragraph:?} has no dateline");
    }

    #[test]
    fn recognises_wire_datelines_with_each_dash() {
        assert_dateline(
            "CentralAsia (CA) - Президент России Владимир Путин",
            "CentralAsia (CA)",
            "Президент России Владимир Путин",
        );
        assert_dateline("Moscow (AP) — Officials said", "Moscow (AP)", "Officials said");
        assert_dateline("Нью-Йорк (ИТАР-ТАСС) – Генсек ООН", "Нью-Йорк (ИТАР-ТАСС)", "Генсек ООН");
        assert_dateline("Москва (РИА Новости)\u{a0}— Премьер", "Москва (РИА Новости)", "Премьер");
        assert_dateline("WASHINGTON (AFP)- Le président", "WASHINGTON (AFP)", "Le président");
    }

    #[test]
    fn leaves_prose_of_the_same_shape_alone() {
        // Three first paragraphs from the real corpus (txt/), all `X (Y) – …`.
        assert_no_dateline("До окончания текущего сезона гонок мирового туринга (FIA WTCC) – еще два этапа");
        assert_no_dateline("Два с лишним года назад от нас ушел Юрий Мамлеев (1931–2015) – крупнейший");
        assert_no_dateline("Певец, композитор и музыкант Филипп Дарес (Philippe Darees) – один из лучших");
        assert_no_dateline("Юрий Мамлеев (1931–2015) – крупнейший русский писатель");
        assert_no_dateline("Филипп Дарес (Philippe Darees) – один из лучших");
    }

    #[test]
    fn needs_a_real_dash_and_text_after_it() {
        assert_no_dateline("CentralAsia (CA) Президент России");
        assert_no_dateline("CentralAsia (CA) -5 градусов");
        assert_no_dateline("CentralAsia (CA) - ");
        assert_no_dateline("CentralAsia (CA");
        assert_no_dateline("(CA) - Президент");
        assert_no_dateline("Очень Длинное Название Агентства (CA) - текст");
    }
}
