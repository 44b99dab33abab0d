//! The query language's vocabulary: the tree a query parses into, and the
//! words it reserves (operators and field names), listed once for the
//! parser and for the keyboard-layout fix, which must leave them as typed.
//!
//! The tree is plain data with no engine in it: poisk compiles it for
//! tantivy (`build.rs`), and another engine can compile it for its own.
//!
//! ```
//! use poisk::query::{Form, Node, Scope, Term, parse};
//!
//! let parsed = parse("title:пекин \"курской области\"~2 -путен~1")?;
//! let Node::And(parts) = &parsed.node else { panic!("three parts") };
//! assert_eq!(parts[0], Node::Term(Term { scope: Scope::Title, text: "пекин".into(), form: Form::Word }));
//! assert_eq!(parts[1], Node::Term(Term { scope: Scope::Any, text: "курской области".into(), form: Form::Phrase { slop: 2 } }));
//! let terms: Vec<(&str, bool)> = parsed.node.terms().iter().map(|(t, negated)| (t.text.as_str(), *negated)).collect();
//! assert_eq!(terms, [("пекин", false), ("курской области", false), ("путен", true)]);
//! # Ok::<(), poisk::Error>(())
//! ```

use crate::date::Date;

/// Either side will do.
pub(crate) const OR: &str = "OR";
/// Both sides (the same as a space).
pub(crate) const AND: &str = "AND";
/// Without what follows (the same as `-`).
pub(crate) const NOT: &str = "NOT";
/// The operator words, upper case as they must be typed.
pub(crate) const OPERATORS: [&str; 3] = [OR, AND, NOT];
/// The signs other engines use for the operators, read as them: `||` and
/// `|` (Lucene, Manticore) for [`OR`], `&&` (Lucene) for [`AND`].
pub(crate) const OR_SIGNS: [&str; 2] = ["||", "|"];
/// See [`OR_SIGNS`].
pub(crate) const AND_SIGN: &str = "&&";
/// Manticore's proximity operator, `NEAR/N` between two words.
pub(crate) const NEAR: &str = "NEAR/";

/// What a field name before `:` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldName {
    /// A field words are looked for in.
    Scope(Scope),
    /// `date:`, whose value is a date or a range.
    Date,
}

/// The field names a query may put before `:`, lower case.
pub(crate) const FIELDS: [(&str, FieldName); 5] = [
    ("title", FieldName::Scope(Scope::Title)),
    ("body", FieldName::Scope(Scope::Body)),
    ("speaker", FieldName::Scope(Scope::Speaker)),
    ("source", FieldName::Scope(Scope::Source)),
    ("date", FieldName::Date),
];

/// The field a term is looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// Title and body (the quote's words, in a search of quotes).
    Any,
    /// The title only (`title:`).
    Title,
    /// The body only (`body:`).
    Body,
    /// A quote's speaker's name (`speaker:`).
    Speaker,
    /// The article's source, the whole value as written (`source:ng.ru`,
    /// `source:"CentralAsia (CA)"`; `source:ria*` for those that begin so):
    /// a filter, which neither scores nor is highlighted.
    Source,
}

impl Term {
    /// True for a term that filters rather than looks for words:
    /// `source:`.
    pub fn is_filter(&self) -> bool {
        self.scope == Scope::Source
    }
}

/// How a term's text is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Form {
    /// A word as typed, in any of its forms. The analyzer may find several
    /// words in it (`Народно-Демократической`), which then must stand
    /// together.
    Word,
    /// Words that must stand together, `slop` extra words allowed between
    /// them (`"…"~N`).
    Phrase {
        /// Extra words allowed between.
        slop: u32,
    },
    /// Words that begin with the text (`курск*`), in their forms as
    /// written.
    Prefix {
        /// The term's character position in the query, for errors.
        at: usize,
    },
    /// A word whose stem is at most `distance` edits from that of the text
    /// (`путен~1`).
    Fuzzy {
        /// Edits allowed, 0 to [`MAX_FUZZY_DISTANCE`](crate::limits::MAX_FUZZY_DISTANCE).
        distance: u8,
        /// The term's character position in the query, for errors.
        at: usize,
    },
    /// The exact forms of the words of the text, not stemmed (`="Курской"`);
    /// several words must stand together, as in a phrase.
    Exact {
        /// Extra words allowed between.
        slop: u32,
    },
    /// Two words within `distance` words of each other, in either order
    /// (`путин NEAR/3 пекин`, Manticore's `NEAR/N`): at most
    /// `distance - 1` other words between them. The text is the two words,
    /// separated by a space.
    Near {
        /// The largest distance in words: 1 for neighbours.
        distance: u32,
    },
}

/// A word or words to look for: the one kind of leaf of the tree besides
/// dates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// Where to look.
    pub scope: Scope,
    /// The text as typed, without the syntax around it (quotes, `*`, `~N`,
    /// `=`).
    pub text: String,
    /// How to match it.
    pub form: Form,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Node {
    /// A word, phrase, prefix, typo-tolerant word or exact form.
    Term(Term),
    /// Publication date within `from..=to`.
    Dates {
        /// The first day.
        from: Date,
        /// The last day.
        to: Date,
    },
    /// All of these.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
    /// Not this.
    Not(Box<Node>),
    /// This, its score multiplied (`word^2`, `"…"^0.5`, `(…)^3`, as in
    /// Lucene).
    Boost {
        /// What is boosted.
        node: Box<Node>,
        /// The factor in hundredths: `^2` is 200, `^0.5` is 50.
        percent: u32,
    },
}

impl Node {
    /// Every term of the tree, left to right, each with whether it is
    /// excluded (under a `-` or `NOT`).
    pub fn terms(&self) -> Vec<(&Term, bool)> {
        let mut terms = Vec::new();
        self.collect_terms(false, &mut terms);
        terms
    }

    fn collect_terms<'a>(&'a self, negated: bool, out: &mut Vec<(&'a Term, bool)>) {
        match self {
            Node::Term(term) => out.push((term, negated)),
            Node::And(children) | Node::Or(children) => children.iter().for_each(|c| c.collect_terms(negated, out)),
            Node::Not(inner) => inner.collect_terms(true, out),
            Node::Boost { node, .. } => node.collect_terms(negated, out),
            Node::Dates { .. } => {}
        }
    }

    /// True for a tree of filters only (dates, sources), which must hold
    /// whether or not a search is relaxed to any of its words.
    pub fn is_filter(&self) -> bool {
        match self {
            Node::Term(term) => term.is_filter(),
            Node::Dates { .. } => true,
            Node::And(children) | Node::Or(children) => !children.is_empty() && children.iter().all(Node::is_filter),
            Node::Boost { node, .. } => node.is_filter(),
            Node::Not(_) => false,
        }
    }

    /// The top level of the tree: the parts of an `And`, or the tree itself.
    pub(crate) fn top_level(&self) -> &[Node] {
        match self {
            Node::And(children) => children,
            other => std::slice::from_ref(other),
        }
    }
}
