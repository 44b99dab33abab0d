//! One table of words and sentences that quote extraction and snippets must
//! both read as written here: `quote/text.rs` runs it through the words and
//! sentence lookups of the quote stages, `snippet/mod.rs` through the
//! snippet matcher and the sentences it picks fragments from. A change to
//! one stage's idea of a word or a sentence fails one of the two.
//!
//! The one difference is deliberate: the quote stages read a hyphenated word
//! (`поток-2`) as one name, snippets as the analyzer's words (`поток`, `2`),
//! so that the highlights are the words a query matched. [`Case::parts`]
//! gives the words a snippet sees. (The quote stages also leave an
//! invisible character off a word's end, where a highlight keeps it as the
//! analyzer's token does; the table has none there.)

/// A text, its words (hyphenated ones whole) and its sentences (trimmed).
pub(crate) struct Case {
    pub text: &'static str,
    pub words: &'static [&'static str],
    pub sentences: &'static [&'static str],
}

impl Case {
    /// The words with hyphenated ones cut at their hyphens.
    pub fn parts(&self) -> Vec<&'static str> {
        self.words.iter().flat_map(|w| w.split('-')).collect()
    }
}

pub(crate) const CASES: &[Case] = &[
    Case {
        // Initials, spaced or not, do not end a sentence.
        text: "Встречу провёл В. В. Путин. Её оценил В.В. Путин и А. С. Пушкин. Всё.",
        words: &[
            "Встречу",
            "провёл",
            "В",
            "В",
            "Путин",
            "Её",
            "оценил",
            "В",
            "В",
            "Путин",
            "и",
            "А",
            "С",
            "Пушкин",
            "Всё",
        ],
        sentences: &["Встречу провёл В. В. Путин.", "Её оценил В.В. Путин и А. С. Пушкин.", "Всё."],
    },
    Case {
        // A stress mark and soft hyphens stay inside their word.
        text: "Это за\u{301}мок, а не замо\u{301}к. Ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся всё.",
        words: &["Это", "за\u{301}мок", "а", "не", "замо\u{301}к", "Ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся", "всё"],
        sentences: &["Это за\u{301}мок, а не замо\u{301}к.", "Ис\u{AD}поль\u{AD}зу\u{AD}ет\u{AD}ся всё."],
    },
    Case {
        // No sentence starts with a lower-case word.
        text: "«Куда?» — спросил он. Это т.е. все, и т.д. и т.п. Ну... и всё.",
        words: &["Куда", "спросил", "он", "Это", "т", "е", "все", "и", "т", "д", "и", "т", "п", "Ну", "и", "всё"],
        sentences: &["«Куда?» — спросил он.", "Это т.е. все, и т.д. и т.п.", "Ну... и всё."],
    },
    Case {
        // A year's `г.` may end a sentence, a town's does not.
        text: "Это было в 2000 г. Путин стал президентом. «Северный поток-2» обсуждали в г. Москва 5 млн. раз.",
        words: &[
            "Это",
            "было",
            "в",
            "2000",
            "г",
            "Путин",
            "стал",
            "президентом",
            "Северный",
            "поток-2",
            "обсуждали",
            "в",
            "г",
            "Москва",
            "5",
            "млн",
            "раз",
        ],
        sentences: &[
            "Это было в 2000 г.",
            "Путин стал президентом.",
            "«Северный поток-2» обсуждали в г. Москва 5 млн. раз.",
        ],
    },
    Case {
        // Closing quotes stay with their sentence; a line break always ends one.
        text: "«Мы рады», — сказал он». Затем ушли\nНовый абзац без точки\n\n«Я приеду!» Он приехал.",
        words: &[
            "Мы",
            "рады",
            "сказал",
            "он",
            "Затем",
            "ушли",
            "Новый",
            "абзац",
            "без",
            "точки",
            "Я",
            "приеду",
            "Он",
            "приехал",
        ],
        sentences: &["«Мы рады», — сказал он».", "Затем ушли", "Новый абзац без точки", "«Я приеду!»", "Он приехал."],
    },
    Case {
        // A no-break space, a zero-width space, a dash and `…` part words; a
        // joiner goes on inside one.
        text: "Мэй\u{a0}Мэй и\u{200B}Идлиб, Ид\u{200D}либ — карьер—Тереза…Мэй iPhone 3.5%",
        words: &["Мэй", "Мэй", "и", "Идлиб", "Ид\u{200D}либ", "карьер", "Тереза", "Мэй", "iPhone", "3", "5"],
        sentences: &["Мэй\u{a0}Мэй и\u{200B}Идлиб, Ид\u{200D}либ — карьер—Тереза…Мэй iPhone 3.5%"],
    },
];
