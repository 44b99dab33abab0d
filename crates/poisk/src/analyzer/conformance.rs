//! Conformance with the reference Snowball Russian stemmer.
//!
//! `tests/data/snowball-russian/` holds the Snowball project's Russian test
//! vocabulary (`voc.txt`) and, line for line, the stems that the current
//! Snowball algorithm gives (`output.txt`). The whole pipeline must agree on
//! every word, in any letter case: a stemmer that drifts from the reference
//! would split one word's forms across several terms of the index.

use tantivy::tokenizer::TokenStream;

use super::*;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/snowball-russian");

/// The (word, expected stem) pairs of the Snowball vocabulary.
fn vocabulary() -> Vec<(String, String)> {
    let read = |name: &str| {
        std::fs::read_to_string(format!("{DATA}/{name}")).expect("Snowball test data is in the repository")
    };
    let (words, stems) = (read("voc.txt"), read("output.txt"));
    let pairs: Vec<(String, String)> =
        words.lines().zip(stems.lines()).map(|(w, s)| (w.to_string(), s.to_string())).collect();
    assert_eq!(pairs.len(), 49_785, "the vocabulary has 49,785 words");
    assert_eq!(stems.lines().count(), pairs.len(), "voc.txt and output.txt have one line per word");
    pairs
}

/// The single term that `analyzer` makes of `word`.
fn only_term(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    let term = stream.next().map(|t| t.text.clone());
    if stream.advance() { None } else { term }
}

/// Asserts that `stem_of` agrees with Snowball on every word; reports the
/// first disagreements.
fn assert_conforms(what: &str, mut stem_of: impl FnMut(&str) -> Option<String>) {
    let vocabulary = vocabulary();
    let wrong: Vec<String> = vocabulary
        .iter()
        .filter_map(|(word, expected)| {
            let got = stem_of(word);
            (got.as_deref() != Some(expected.as_str())).then(|| format!("{word}: {got:?}, expected {expected}"))
        })
        .collect();
    let right = vocabulary.len() - wrong.len();
    assert!(
        wrong.is_empty(),
        "{what}: {right} of {} words agree; first: {:?}",
        vocabulary.len(),
        &wrong[..10.min(wrong.len())]
    );
}

#[test]
fn russian_analyzer_stems_every_snowball_word_as_snowball_does() {
    let mut analyzer = russian_analyzer();
    assert_conforms("russian_analyzer", |word| only_term(&mut analyzer, word));
}

#[test]
fn uppercase_words_stem_alike() {
    let mut analyzer = russian_analyzer();
    assert_conforms("russian_analyzer, uppercase", |word| only_term(&mut analyzer, &word.to_uppercase()));
}

#[test]
fn query_side_stem_agrees_with_snowball() {
    assert_conforms("stem", |word| Some(stem(word)));
}

#[test]
fn analyze_agrees_with_snowball() {
    assert_conforms("analyze", |word| match analyze(word).as_slice() {
        [token] => Some(token.stem.clone()),
        _ => None,
    });
}

/// Documents why the ё stage exists: `rust-stemmers` alone differs from the
/// reference on exactly the vocabulary's words with ё, and agrees on the
/// rest. If a new `rust-stemmers` folds ё itself, this test says so.
#[test]
fn plain_rust_stemmers_differs_only_on_yo() {
    let stemmer = cache::russian();
    let vocabulary = vocabulary();
    let wrong: Vec<&str> =
        vocabulary.iter().filter(|(w, s)| stemmer.stem(w) != s.as_str()).map(|(w, _)| w.as_str()).collect();
    assert_eq!(vocabulary.len() - wrong.len(), 49_673);
    assert!(wrong.iter().all(|w| w.contains('ё')), "{wrong:?}");
}

/// `word` as a careful or careless typesetter may write it: a stress mark
/// after its first vowel, soft hyphens between its letters, a bidirectional
/// control after it.
fn marked(word: &str) -> String {
    let mut out = String::new();
    let mut stressed = false;
    for (i, c) in word.chars().enumerate() {
        if i > 0 && i % 3 == 0 {
            out.push('\u{AD}');
        }
        out.push(c);
        if !stressed && "аеиоуыэюяё".contains(c) {
            out.push('\u{301}');
            stressed = true;
        }
    }
    out.push('\u{202C}');
    out
}

#[test]
fn stress_marks_soft_hyphens_and_format_characters_change_no_stem() {
    assert_eq!(marked("пекине"), "пе\u{301}к\u{AD}ине\u{202C}");
    let mut analyzer = russian_analyzer();
    assert_conforms("russian_analyzer, marked", |word| only_term(&mut analyzer, &marked(word)));
    assert_conforms("stem, marked", |word| Some(stem(&marked(word))));
}

/// The normalisation stage leaves every word of the vocabulary as it is:
/// it changes only what a reader does not see.
#[test]
fn normalisation_leaves_the_vocabulary_alone() {
    let mut buffer = String::new();
    for (word, _) in vocabulary() {
        let mut normalized = word.clone();
        normalize::normalize_in_place(&mut normalized, &mut buffer);
        assert_eq!(normalized, word);
    }
}
