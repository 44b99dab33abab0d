//! The exact forms of a text, kept from its stemming for its exact field.
//!
//! poisk indexes a text twice: stemmed (`body`, `quote`, `title`) and as
//! exact forms (`body_exact`, …), through the same stages 1–4 (words,
//! length limit, lowercase, ё) but for the stemming. tantivy analyses a
//! document's fields one after the other on the thread indexing it, in the
//! order of the schema, which puts every stemmed field before the exact
//! ones. So [`Record`], right before stemming, keeps the forms of the last
//! few texts that thread stemmed ([`KEPT`]), and the exact analyzer
//! ([`Replaying`]) hands back a text's kept forms instead of analysing it
//! again. That was about a third of the analyzer's work while indexing.
//!
//! A text is known by its whole content, compared byte for byte, so a
//! replay gives exactly the tokens the stages would: offsets, positions
//! (with the gaps of dropped words) and forms. A text that was not kept
//! (another thread stemmed it, it was stemmed in several pieces, or other
//! texts came in between) is analysed as usual; so is one whose stream was
//! not read to its end, which is never kept.

use std::cell::RefCell;
use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// How many stemmed texts a thread keeps: an article document's title,
/// body and lead come before its `title_exact` and `body_exact`; a quote
/// document's quote and speaker before `quote_exact`.
const KEPT: usize = 3;

/// Texts longer than this (a news article is a few tens of kB) are not
/// kept: the buffers of a kept text stay allocated, at about four times its
/// size, so a rare huge text is analysed twice rather than held.
const MAX_KEPT_BYTES: usize = 128 << 10;

/// One token as the stages before stemming left it; its form is in the
/// forms buffer, up to `form_end`, after the previous token's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kept {
    form_end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

/// A text and the tokens of its stemming, before the stems.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    text: String,
    forms: String,
    tokens: Vec<Kept>,
}

impl Forms {
    fn clear(&mut self) {
        self.text.clear();
        self.forms.clear();
        self.tokens.clear();
    }

    fn push(&mut self, token: &Token) {
        self.forms.push_str(&token.text);
        self.tokens.push(Kept {
            form_end: self.forms.len(),
            offset_from: token.offset_from,
            offset_to: token.offset_to,
            position: token.position,
            position_length: token.position_length,
        });
    }
}

/// The last [`KEPT`] texts this thread stemmed to their end.
#[derive(Default)]
struct Recent {
    slots: [Forms; KEPT],
    /// The slot the next text goes to.
    next: usize,
}

thread_local! {
    static RECENT: RefCell<Recent> = RefCell::default();
}

/// Keeps `forms` (swapped with an emptied buffer) as the newest text.
fn keep(forms: &mut Forms) {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let slot = recent.next;
        recent.next = (slot + 1) % KEPT;
        mem::swap(&mut recent.slots[slot], forms);
    });
    forms.clear();
}

/// Takes the kept forms of `text` into `into` (its old content is given
/// back to the slot), if this thread kept them.
fn take(text: &str, into: &mut Forms) -> bool {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let Some(slot) = recent.slots.iter_mut().find(|slot| !slot.tokens.is_empty() && slot.text == text) else {
            return false;
        };
        mem::swap(slot, into);
        slot.clear();
        true
    })
}

/// Token filter that keeps the tokens it passes on, for [`Replaying`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Record;

impl TokenFilter for Record {
    type Tokenizer<T: Tokenizer> = RecordFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> RecordFilter<T> {
        RecordFilter { inner, forms: Forms::default() }
    }
}

/// [`Record`] applied to a tokenizer.
#[derive(Debug)]
pub(crate) struct RecordFilter<T> {
    inner: T,
    /// The text being read; kept once its stream has ended.
    forms: Forms,
}

impl<T: Clone> Clone for RecordFilter<T> {
    fn clone(&self) -> Self {
        RecordFilter { inner: self.inner.clone(), forms: Forms::default() }
    }
}

impl<T: Tokenizer> Tokenizer for RecordFilter<T> {
    type TokenStream<'a> = RecordStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.forms.clear();
        let recording = text.len() <= MAX_KEPT_BYTES;
        if recording {
            self.forms.text.push_str(text);
        }
        RecordStream { tail: self.inner.token_stream(text), forms: &mut self.forms, recording }
    }
}

/// Token stream of [`RecordFilter`].
pub(crate) struct RecordStream<'a, S> {
    tail: S,
    forms: &'a mut Forms,
    recording: bool,
}

impl<S: TokenStream> TokenStream for RecordStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            if mem::take(&mut self.recording) && !self.forms.tokens.is_empty() {
                keep(self.forms);
            }
            return false;
        }
        if self.recording {
            self.forms.push(self.tail.token());
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A tokenizer that gives the tokens [`Record`] kept for the same text on
/// this thread, and otherwise those of `inner`, which must be the stages
/// before `Record` in the stemming analyzer.
#[derive(Debug)]
pub(crate) struct Replaying<T> {
    inner: T,
    forms: Forms,
    token: Token,
}

impl<T> Replaying<T> {
    pub(crate) fn new(inner: T) -> Replaying<T> {
        Replaying { inner, forms: Forms::default(), token: Token::default() }
    }
}

impl<T: Clone> Clone for Replaying<T> {
    fn clone(&self) -> Self {
        Replaying::new(self.inner.clone())
    }
}

impl<T: Tokenizer> Tokenizer for Replaying<T> {
    type TokenStream<'a> = ReplayStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if take(text, &mut self.forms) {
            self.token.reset();
            ReplayStream::Kept { forms: &self.forms, token: &mut self.token, next: 0 }
        } else {
            ReplayStream::Fresh(self.inner.token_stream(text))
        }
    }
}

/// Token stream of [`Replaying`].
pub(crate) enum ReplayStream<'a, S> {
    Kept { forms: &'a Forms, token: &'a mut Token, next: usize },
    Fresh(S),
}

impl<S: TokenStream> TokenStream for ReplayStream<'_, S> {
    fn advance(&mut self) -> bool {
        match self {
            ReplayStream::Kept { forms, token, next } => {
                let Some(kept) = forms.tokens.get(*next) else {
                    return false;
                };
                let start = if *next == 0 { 0 } else { forms.tokens[*next - 1].form_end };
                *next += 1;
                token.text.clear();
                token.text.push_str(&forms.forms[start..kept.form_end]);
                token.offset_from = kept.offset_from;
                token.offset_to = kept.offset_to;
                token.position = kept.position;
                token.position_length = kept.position_length;
                true
            }
            ReplayStream::Fresh(stream) => stream.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            ReplayStream::Kept { token, .. } => token,
            ReplayStream::Fresh(stream) => stream.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            ReplayStream::Kept { token, .. } => token,
            ReplayStream::Fresh(stream) => stream.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TextAnalyzer;

    use super::*;
    use crate::analyzer::{exact_analyzer, russian_analyzer};

    /// Every token of `text` by `analyzer`: form, offsets, position.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position, t.position_length));
        }
        out
    }

    /// The exact forms of `text` on a thread that has stemmed nothing.
    fn fresh(text: &str) -> Vec<(String, usize, usize, usize, usize)> {
        let text = text.to_owned();
        std::thread::spawn(move || tokens(&mut exact_analyzer(), &text)).join().unwrap()
    }

    fn kept(text: &str) -> bool {
        RECENT.with(|recent| recent.borrow().slots.iter().any(|slot| !slot.tokens.is_empty() && slot.text == text))
    }

    #[test]
    fn the_exact_forms_of_a_stemmed_text_are_its_kept_ones() {
        let text = "Путин заявил: «Сотрудничество крепнет», — в Пекине 3.09.2025 г. Ёлка, ЁЖ и т.е. \
                    Северо-Восток; сверхдлинноесловокотороенепоместитсявсорокбукв дальше.";
        let (mut stemming, mut exact) = (russian_analyzer(), exact_analyzer());
        tokens(&mut stemming, text);
        assert!(kept(text));
        let replayed = tokens(&mut exact, text);
        assert!(!kept(text), "a kept text is given once");
        assert_eq!(replayed, fresh(text));
        // The overlong word leaves a gap in the positions, kept as well.
        assert!(replayed.windows(2).any(|w| w[1].3 == w[0].3 + 2), "{replayed:?}");
    }

    #[test]
    fn only_the_last_texts_read_to_their_end_are_kept() {
        let mut stemming = russian_analyzer();
        let texts = ["первый текст", "второй текст", "третий текст", "четвёртый текст"];
        for text in texts {
            tokens(&mut stemming, text);
        }
        assert!(!kept(texts[0]) && texts[1..].iter().all(|t| kept(t)));
        // A stream left before its end keeps nothing.
        let partial = "прочитан не до конца";
        assert!(stemming.token_stream(partial).next().is_some());
        assert!(!kept(partial));
        assert_eq!(tokens(&mut exact_analyzer(), partial), fresh(partial));
        // Nor does a text past the size limit.
        let huge = "слово ".repeat(MAX_KEPT_BYTES / 6 + 1);
        tokens(&mut stemming, &huge);
        assert!(!kept(&huge));
    }

    proptest::proptest! {
        #[test]
        fn replayed_forms_are_those_of_a_fresh_analysis(
            texts in proptest::collection::vec("([А-яЁё]{1,12}|[A-Za-z0-9]{1,6}|[ .,:«»—\\n-]|\\PC){0,40}", 1..5),
            exact_first in proptest::prelude::any::<bool>(),
        ) {
            let (mut stemming, mut exact) = (russian_analyzer(), exact_analyzer());
            for text in &texts {
                if exact_first {
                    tokens(&mut exact, text);
                }
                tokens(&mut stemming, text);
            }
            for text in texts.iter().rev() {
                proptest::prop_assert_eq!(tokens(&mut exact, text), fresh(text));
            }
        }
    }
}
