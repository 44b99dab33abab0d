//! The Russian analyzer: from text to the terms that the index stores.
//!
//! The analyzer is a pipeline of small stages, one file each:
//!
//! 1. `segment.rs`: Unicode word segmentation (UAX #29). Words keep their
//!    digits (`2025`, `5,5`) and Latin letters (`Kursk`, `Putin's`);
//!    punctuation and whitespace are dropped; hyphenated compounds are split.
//! 2. `normalize.rs`: remove what a reader does not see: stress marks on
//!    Cyrillic letters (`И́длиба` is `Идлиба`), soft hyphens, zero-width
//!    and bidirectional format characters; compose combining marks
//!    (и + U+0306 is `й`). The segmenter runs it on the words its fast path
//!    did not cut, the only ones that can hold such characters.
//! 3. `limit.rs`: drop words longer than [`MAX_WORD_CHARS`] characters.
//! 4. `lowercase.rs`: lowercase.
//! 5. `yo.rs`: fold ё to е, so `партнёрстве` and `партнерстве` meet.
//! 6. `stem.rs`: Snowball Russian stemming, behind a per-analyzer cache of
//!    word → stem (`cache.rs`).
//!
//! [`russian_analyzer`] runs all six stages and is what full-text fields
//! are indexed with; [`exact_analyzer`] stops before stemming, for searching
//! an exact word form. Every token carries the byte range of its word in the
//! original text, and stages 2–6 never move it. A text indexed both ways
//! is analysed once on a thread: `replay.rs` keeps the forms of the last
//! few texts stemmed there, and the exact analyzer gives them back for the
//! same text.
//!
//! The stems are exactly those of the reference Snowball Russian algorithm:
//! a test runs all 49,785 words of Snowball's test vocabulary through the
//! analyzer and compares them with Snowball's own output, and again with
//! stress marks, soft hyphens and format characters inserted.
//!
//! # Example
//!
//! ```
//! use poisk::analysis::{analyze, stem};
//!
//! let tokens = analyze("Военные Северной Кореи, 2025");
//! let stems: Vec<&str> = tokens.iter().map(|t| t.stem.as_str()).collect();
//! assert_eq!(stems, ["воен", "северн", "кор", "2025"]);
//!
//! // Byte ranges point into the text that was analysed.
//! assert_eq!(tokens[1].text, "северной");
//! assert_eq!((tokens[1].start, tokens[1].end), (15, 31));
//!
//! // The query side stems its words the same way.
//! assert_eq!(stem("СЕВЕРНОЙ"), "северн");
//! ```

mod cache;
mod hash;
mod limit;
mod lowercase;
mod normalize;
mod replay;
mod segment;
mod stem;
mod wordbreak;
mod yo;

#[cfg(test)]
mod conformance;

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{TextAnalyzer, TokenFilter, TokenStream, Tokenizer, TokenizerManager};

pub use self::limit::MAX_WORD_CHARS;
pub(crate) use self::normalize::is_invisible;
use self::{
    cache::{stem_with, thread_cache},
    limit::CharLimit,
    lowercase::{LowerCase, lowercase_in_place},
    normalize::normalize_in_place,
    replay::{Record, Replaying},
    segment::WordTokenizer,
    stem::SnowballStem,
    yo::{FoldYo, fold_yo},
};

/// Name under which [`russian_analyzer`] is registered with tantivy.
pub const RUSSIAN_ANALYZER: &str = "poisk_ru";

/// Name under which [`exact_analyzer`] is registered with tantivy.
pub const EXACT_ANALYZER: &str = "poisk_ru_exact";

/// One word of analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzedToken {
    /// The word, lowercased, with ё folded to е: what [`exact_analyzer`]
    /// indexes.
    pub text: String,
    /// The Snowball stem of [`AnalyzedToken::text`]: what
    /// [`russian_analyzer`] indexes.
    pub stem: String,
    /// Byte offset of the word in the analysed text.
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// 0-based word position; a word dropped for its length leaves a gap.
    pub position: usize,
}

/// The analyzer of full-text fields: UAX #29 words without stress marks
/// and invisible characters, at most [`MAX_WORD_CHARS`] characters,
/// lowercased, ё folded, Snowball-stemmed.
///
/// Stems go through a cache of the thread the analyzer runs on (at most
/// 131,072 word forms, about 9 MB at its peak; see `cache.rs`), shared by
/// every clone on that thread: tantivy clones the analyzer for every field
/// of every segment writer, and clones on separate threads need no lock.
///
/// # Example
///
/// ```
/// use poisk::tantivy::tokenizer::TokenStream;
///
/// let mut analyzer = poisk::tantivy::russian_analyzer();
/// let mut stream = analyzer.token_stream("Переговоры проходят в Пекине");
/// let mut stems = Vec::new();
/// while let Some(token) = stream.next() {
///     stems.push(token.text.clone());
/// }
/// assert_eq!(stems, ["переговор", "проход", "в", "пекин"]);
/// ```
pub fn russian_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(CharLimit::new(MAX_WORD_CHARS))
        .filter(LowerCase)
        .filter(FoldYo)
        // Keeps the forms for the exact field of the same text (`replay.rs`).
        .filter(Record)
        .filter(SnowballStem)
        .build()
}

/// The analyzer of exact word forms: [`russian_analyzer`] without stemming.
///
/// # Example
///
/// ```
/// use poisk::tantivy::tokenizer::TokenStream;
///
/// let mut analyzer = poisk::tantivy::exact_analyzer();
/// let mut stream = analyzer.token_stream("Партнёрстве");
/// assert_eq!(stream.next().map(|t| t.text.as_str()), Some("партнерстве"));
/// ```
pub fn exact_analyzer() -> TextAnalyzer {
    // The stages of `russian_analyzer` before `Record`, behind the replay
    // of what it kept (`replay.rs`).
    let stages =
        FoldYo.transform(LowerCase.transform(CharLimit::new(MAX_WORD_CHARS).transform(WordTokenizer::default())));
    TextAnalyzer::from(Replaying::new(stages))
}

/// Registers [`russian_analyzer`] as [`RUSSIAN_ANALYZER`] and
/// [`exact_analyzer`] as [`EXACT_ANALYZER`], e.g. with `index.tokenizers()`.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(RUSSIAN_ANALYZER, russian_analyzer());
    manager.register(EXACT_ANALYZER, exact_analyzer());
}

/// The beginning of `text` up to the end of its `n`-th word (the whole text
/// when it has fewer), as the analyzer segments words.
pub(crate) fn leading_words(text: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    let mut tokenizer = WordTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut end = text.len();
    for _ in 0..n {
        if !stream.advance() {
            return text;
        }
        end = stream.token().offset_to;
    }
    &text[..end]
}

/// Analyses `text` into words with their normalised forms, stems and byte
/// ranges: the tokens of [`exact_analyzer`] and [`russian_analyzer`] side by
/// side.
pub fn analyze(text: &str) -> Vec<AnalyzedToken> {
    if let Some(token) = one_cyrillic_word(text) {
        return vec![token];
    }
    thread_local! {
        // Snippets analyse every candidate word of every hit one at a time:
        // building an analyzer and a cold stem cache per call cost more than
        // the analysis. One per thread, warm across calls and queries.
        static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(exact_analyzer());
    }
    ANALYZER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut analyzer) => analyze_with(&mut analyzer, text),
        // Not reachable today (nothing analyses while analysing), but never
        // a panic: a fresh analyzer does the same work.
        Err(_) => analyze_with(&mut exact_analyzer(), text),
    })
}

/// The token of a text that is one word of Russian letters (`А`–`я`, `Ё`,
/// `ё`) of at most [`MAX_WORD_CHARS`], as [`analyze_with`] gives it,
/// without the tokenizer: what the snippets ask of most candidate words.
/// `None` for any other text.
fn one_cyrillic_word(text: &str) -> Option<AnalyzedToken> {
    let mut folded = String::with_capacity(text.len());
    for (n, c) in text.chars().enumerate() {
        let c = match c {
            'а'..='я' => c,
            'А'..='Я' => char::from_u32(c as u32 + 0x20)?,
            'ё' | 'Ё' => 'е',
            _ => return None,
        };
        if n == MAX_WORD_CHARS {
            return None;
        }
        folded.push(c);
    }
    if folded.is_empty() {
        return None;
    }
    let mut stem = folded.clone();
    stem_with(&thread_cache(), &mut stem);
    Some(AnalyzedToken { text: folded, stem, start: 0, end: text.len(), position: 0 })
}

fn analyze_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<AnalyzedToken> {
    let cache = thread_cache();
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        let mut stem = token.text.clone();
        stem_with(&cache, &mut stem);
        tokens.push(AnalyzedToken {
            text: token.text.clone(),
            stem,
            start: token.offset_from,
            end: token.offset_to,
            position: token.position,
        });
    }
    tokens
}

/// Normalises one word as the analyzers do (stress marks and invisible
/// characters removed, lowercase, ё→е) and returns its Snowball stem: the
/// query-side counterpart of [`russian_analyzer`].
///
/// `word` should be one word as [`analyze`] finds them; the function neither
/// splits it nor applies the length limit.
///
/// # Example
///
/// ```
/// assert_eq!(poisk::analysis::stem("Партнёрстве"), poisk::analysis::stem("партнерстве"));
/// assert_eq!(poisk::analysis::stem("Kursk"), "kursk");
/// assert_eq!(poisk::analysis::stem("И\u{301}длиба"), poisk::analysis::stem("Идлиба"));
/// ```
pub fn stem(word: &str) -> String {
    let mut word = word.to_string();
    let mut buffer = String::new();
    normalize_in_place(&mut word, &mut buffer);
    lowercase_in_place(&mut word, &mut buffer);
    fold_yo(&mut word);
    cache::snowball_stem(&cache::russian(), &word).into_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn texts(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.text).collect()
    }

    fn stems(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.stem).collect()
    }

    /// The terms that a tantivy analyzer emits for `text`.
    fn terms(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push(t.text.clone()));
        out
    }

    #[test]
    fn stems_a_sentence_of_the_seed_article() {
        let text = "Путин сказал, что военные Северной Кореи участвовали в боевых действиях в Курской области";
        assert_eq!(
            stems(text),
            [
                "путин",
                "сказа",
                "что",
                "воен",
                "северн",
                "кор",
                "участвова",
                "в",
                "боев",
                "действ",
                "в",
                "курск",
                "област",
            ]
        );
    }

    #[test]
    fn northkorean_is_one_word_with_its_stem() {
        let tokens = analyze("северокорейских военных");
        assert_eq!(tokens[0].text, "северокорейских");
        assert_eq!(tokens[0].stem, "северокорейск");
        assert_eq!(stem("Северокорейских"), "северокорейск");
    }

    #[test]
    fn hyphenated_compound_is_two_consecutive_words() {
        let text = "Корейской Народно-Демократической Республики";
        let tokens = analyze(text);
        assert_eq!(texts(text), ["корейской", "народно", "демократической", "республики"]);
        assert_eq!((tokens[1].position, tokens[2].position), (1, 2));
        assert_eq!(&text[tokens[1].start..tokens[2].end], "Народно-Демократической");
    }

    #[test]
    fn numbers_stay_whole_and_unstemmed() {
        let tokens = analyze("В 2025 году рост составил 5,5%");
        let numbers: Vec<(&str, &str)> =
            tokens.iter().filter(|t| t.text.starts_with(char::is_numeric)).map(|t| (&*t.text, &*t.stem)).collect();
        assert_eq!(numbers, [("2025", "2025"), ("5,5", "5,5")]);
    }

    #[test]
    fn latin_words_are_lowercased_not_stemmed() {
        assert_eq!(stems("Kursk Putin's"), ["kursk", "putin's"]);
    }

    #[test]
    fn yo_and_ye_spellings_meet() {
        assert_eq!(stems("партнёрстве ПАРТНЁРСТВЕ"), stems("партнерстве Партнерстве"));
        assert_eq!(texts("партнёрстве"), ["партнерстве"]);
    }

    #[test]
    fn positions_and_byte_ranges_follow_the_text() {
        let text = "«Я очень рад», — сказал Путин.";
        let tokens = analyze(text);
        let got: Vec<(&str, usize)> = tokens.iter().map(|t| (&text[t.start..t.end], t.position)).collect();
        assert_eq!(got, [("Я", 0), ("очень", 1), ("рад", 2), ("сказал", 3), ("Путин", 4)]);
    }

    #[test]
    fn stress_marks_soft_hyphens_and_format_characters_leave_the_word_as_it_reads() {
        let plain = analyze("Идлиба используется Идлиба");
        let text = "И\u{301}длиба ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся Идлиба\u{202C}";
        let marked = analyze(text);
        let words = |tokens: &[AnalyzedToken]| -> Vec<(String, String)> {
            tokens.iter().map(|t| (t.text.clone(), t.stem.clone())).collect()
        };
        assert_eq!(words(&marked), words(&plain));
        // The byte ranges still cover the words as written, marks included.
        let spans: Vec<&str> = marked.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spans, ["И\u{301}длиба", "ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся", "Идлиба\u{202C}"]);
        for t in &marked {
            assert_eq!(stem(&text[t.start..t.end]), t.stem);
        }
        assert_eq!(terms(russian_analyzer(), text), ["идлиб", "использ", "идлиб"]);
        assert_eq!(terms(exact_analyzer(), text), ["идлиба", "используется", "идлиба"]);
    }

    #[test]
    fn a_zero_width_space_is_a_word_boundary() {
        assert_eq!(texts("Идлиба\u{200B}"), ["идлиба"]);
        assert_eq!(texts("Ид\u{200B}либа"), ["ид", "либа"]);
    }

    #[test]
    fn a_decomposed_short_i_is_the_letter() {
        assert_eq!(stems("рекомендации\u{306}"), stems("рекомендаций"));
        assert_eq!(texts("И\u{306}ЕМЕН"), ["йемен"]);
    }

    #[test]
    fn the_length_limit_counts_visible_characters() {
        let forty = "а\u{AD}".repeat(MAX_WORD_CHARS);
        assert_eq!(analyze(&forty).len(), 1);
        assert!(analyze(&format!("{forty}а")).is_empty());
    }

    #[test]
    fn long_words_are_dropped_by_characters() {
        let long = "а".repeat(MAX_WORD_CHARS + 1);
        let text = format!("благотворительностью {long} предусмотрительностью");
        assert_eq!(texts(&text), ["благотворительностью", "предусмотрительностью"]);
        assert_eq!(analyze(&text)[1].position, 2);
    }

    #[test]
    fn analyzers_agree_with_analyze() {
        let text = "Лидер КНДР отправился к месту переговоров на автомобиле «Аурус».";
        let tokens = analyze(text);
        let exact: Vec<String> = tokens.iter().map(|t| t.text.clone()).collect();
        let stemmed: Vec<String> = tokens.iter().map(|t| t.stem.clone()).collect();
        assert_eq!(terms(exact_analyzer(), text), exact);
        assert_eq!(terms(russian_analyzer(), text), stemmed);
    }

    #[test]
    fn registered_names_resolve() {
        let manager = TokenizerManager::default();
        register_analyzers(&manager);
        let russian = manager.get(RUSSIAN_ANALYZER).expect("registered");
        let exact = manager.get(EXACT_ANALYZER).expect("registered");
        assert_eq!(terms(russian, "Пекине"), ["пекин"]);
        assert_eq!(terms(exact, "Пекине"), ["пекине"]);
    }

    #[test]
    fn seed_article_spans_restem_to_their_tokens() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
        let text = std::fs::read_to_string(path).expect("seed article is in the repository");
        let tokens = analyze(&text);
        assert!(tokens.len() > 300, "only {} tokens", tokens.len());
        for t in &tokens {
            assert_eq!(stem(&text[t.start..t.end]), t.stem);
        }
    }

    proptest! {
        #[test]
        fn any_text_gives_tokens_inside_it(text in any::<String>()) {
            let tokens = analyze(&text);
            let mut last_position = None;
            for t in &tokens {
                prop_assert!(t.start < t.end && t.end <= text.len());
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                prop_assert!(last_position < Some(t.position));
                let mut visible = text[t.start..t.end].to_string();
                normalize_in_place(&mut visible, &mut String::new());
                prop_assert!(visible.chars().count() <= MAX_WORD_CHARS);
                last_position = Some(t.position);
            }
        }

        #[test]
        fn one_russian_word_is_analysed_as_the_analyzer_does(text in "[а-яА-ЯёЁ]{1,44}|[а-яА-ЯёЁa-z0-9\u{301}\u{AD}-]{1,8}") {
            let full = analyze_with(&mut exact_analyzer(), &text);
            match one_cyrillic_word(&text) {
                Some(token) => prop_assert_eq!(&vec![token], &full),
                None => prop_assert!(text.chars().count() > MAX_WORD_CHARS || !text.chars().all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))),
            }
            prop_assert_eq!(analyze(&text), full);
        }

        #[test]
        fn russian_like_text_gives_tokens_inside_it(text in "[а-яА-ЯёЁa-zA-Z0-9 ,.'«»\u{301}-]{0,80}") {
            for t in analyze(&text) {
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                prop_assert_eq!(stem(&text[t.start..t.end]), t.stem);
            }
        }

        #[test]
        fn ascii_words_are_never_stemmed(word in "[a-z0-9']{1,20}") {
            let stemmer = cache::russian();
            prop_assert_eq!(stemmer.stem(&word), word.as_str());
        }
    }

    #[test]
    fn leading_words_ends_after_the_nth_word() {
        let text = "CentralAsia (CA) - Президент России Владимир Путин провёл переговоры.";
        assert_eq!(leading_words(text, 3), "CentralAsia (CA) - Президент");
        assert_eq!(leading_words(text, 100), text);
        assert_eq!(leading_words(text, 0), "");
        assert_eq!(leading_words("", 5), "");
    }
}
