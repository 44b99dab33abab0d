//! Quotes over the index: every quote (by a speaker), the speakers by
//! number of quotes, and the matching quotes listed under article hits.

use std::collections::HashMap;

use serde::Serialize;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::bm25::KindStatistics;
use super::results::{Hit, HitKind, QuoteRef};
use super::{Context, Searcher};
use crate::error::{EngineResult, Error, Result};
use crate::index::{Fields, Kind, Stored, article_term, span_kind_term, speaker_kind_query};
use crate::limits::{MAX_QUERY_CHARS, MAX_WORDS};
use crate::query::budget::Budgeted;
use crate::query::build::speaker_filter;
use crate::quote::{LONE, QuoteKind, SpeakerKind, full_mark_prefix, is_generic_head, name_keys};
use crate::snippet::{Finder, SnippetQuery};

/// A speaker's name in any of its forms, as a search's speaker filter and
/// `speaker:` take it: a quote is by the speaker when every word of the
/// name is in the quote's speaker's name, in any case form and order
/// (`Путина`, `Владимир Путин` and `путин` all name `Владимир Путин`),
/// compared by [`name_keys`]. A full name also finds the quotes whose
/// article gives the surname alone (`Песков` for `Дмитрий Песков`), when
/// the index has no other person of that surname.
///
/// The index applies the same test to its quotes; this one is for quotes
/// that are not indexed:
///
/// ```
/// use poisk::search::Speaker;
///
/// let quotes = poisk::quotes::extract_quotes(&poisk::builtin::articles()?[0].body);
/// let kim = Speaker::new("Ким Чен Ына")?;
/// let by_kim = quotes.iter().filter(|q| q.speaker.as_deref().is_some_and(|s| kim.matches(s))).count();
/// assert_eq!(by_kim, 2);
/// assert!(Speaker::new("Дмитрия Пескова")?.matches("Дмитрий Песков"));
/// assert!(Speaker::new("Пескова")?.matches("Дмитрий Песков"));
/// assert!(Speaker::new(&"Путин ".repeat(5_000)).is_err());
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The keys of the name's words.
    keys: Vec<String>,
    /// The index has one person of this surname only: a quote whose
    /// speaker is the surname alone is theirs.
    join_lone: bool,
}

impl Speaker {
    /// The name, checked against the caps of a query: each of its words is
    /// a clause of the filter.
    ///
    /// # Errors
    /// [`Error::Request`] for a name past [`MAX_QUERY_CHARS`] characters or
    /// [`MAX_WORDS`] words.
    pub fn new(name: &str) -> Result<Speaker> {
        let too_long = name.len() > MAX_QUERY_CHARS && name.chars().nth(MAX_QUERY_CHARS).is_some();
        let keys = if too_long { Vec::new() } else { name_keys(name) };
        if too_long || keys.len() > MAX_WORDS {
            let message =
                format!("a speaker's name may have at most {MAX_WORDS} words and {MAX_QUERY_CHARS} characters");
            return Err(Error::Request { message });
        }
        Ok(Speaker { keys, join_lone: false })
    }

    /// True when `speaker` (a quote's speaker's name) is this speaker: it
    /// has every word of this name, or it is this name's surname alone.
    pub fn matches(&self, speaker: &str) -> bool {
        let have = name_keys(speaker);
        let all = self.keys.iter().all(|k| have.contains(k));
        let lone = self.keys.len() > 1 && have.len() == 1 && self.keys.last() == have.first();
        all || lone
    }

    /// The keys of the name's words ([`name_keys`]): a quote is by the
    /// speaker when its speaker's name has every one of them.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Looks in the index whether the name's surname belongs to one person
    /// only, whose first name is this name's (see [`Speaker`]).
    pub(super) fn resolve(&mut self, searcher: &tantivy::Searcher, fields: &Fields) -> tantivy::Result<()> {
        let Some(prefix) = self.namesakes_prefix() else {
            return Ok(());
        };
        // The full names of this surname in the index, by first name, with
        // their numbers of quotations.
        let mut firsts: HashMap<String, usize> = HashMap::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(fields.speaker_key)?;
            let mut stream = index.terms().range().ge(prefix.as_bytes()).into_stream()?;
            while stream.advance() && stream.key().starts_with(prefix.as_bytes()) && firsts.len() < MAX_NAMESAKES {
                let first = String::from_utf8_lossy(&stream.key()[prefix.len()..]).into_owned();
                *firsts.entry(first).or_default() += stream.value().doc_freq as usize;
            }
        }
        self.resolve_among(&firsts);
        Ok(())
    }

    /// For a full name, the start of the words an index of poisk's keeps
    /// for every full name of its surname (followed by the first name's
    /// key): what an engine looks up to find the namesakes that
    /// [`Speaker::resolve_among`] takes. `None` for a single word.
    ///
    /// ```
    /// use poisk::search::Speaker;
    /// assert_eq!(Speaker::new("Дмитрия Пескова")?.namesakes_prefix().as_deref(), Some("1песков0"));
    /// assert_eq!(Speaker::new("Пескова")?.namesakes_prefix(), None);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    pub fn namesakes_prefix(&self) -> Option<String> {
        let surname = self.keys.last().filter(|_| self.keys.len() > 1)?;
        Some(full_mark_prefix(surname))
    }

    /// Decides, from the full names of this name's surname that an index
    /// holds (`firsts`: each first name's key and its number of quotes),
    /// whether a quote given to the surname alone is this speaker's: when
    /// this name's first name owns the surname ([`Speaker`]).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use poisk::search::Speaker;
    /// let mut peskov = Speaker::new("Дмитрия Пескова")?;
    /// peskov.resolve_among(&HashMap::from([("дмитр".to_owned(), 40), ("иван".to_owned(), 1)]));
    /// assert_eq!(peskov.lone_key().as_deref(), Some("0песков"));
    /// # Ok::<(), poisk::Error>(())
    /// ```
    pub fn resolve_among(&mut self, firsts: &HashMap<String, usize>) {
        let (names, quotes): (Vec<&String>, Vec<usize>) = firsts.iter().map(|(k, &n)| (k, n)).unzip();
        let owner = dominant(&quotes).map(|i| names[i]);
        self.join_lone = names.len() < MAX_NAMESAKES && owner.is_some_and(|f| Some(f) == self.keys.first());
    }

    /// The index word of this name's surname given alone, when such quotes
    /// are this speaker's too ([`Speaker::resolve_among`]).
    pub fn lone_key(&self) -> Option<String> {
        self.keys.last().filter(|_| self.join_lone).map(|surname| format!("{LONE}{surname}"))
    }

    /// The index's filter for this speaker's quotes.
    pub(crate) fn filter(&self, fields: &Fields) -> Box<dyn Query> {
        let all = speaker_filter(fields, &self.keys);
        match self.lone_key() {
            Some(lone) => {
                let lone = Term::from_field_text(fields.speaker_key, &lone);
                let lone =
                    Box::new(ConstScoreQuery::new(Box::new(TermQuery::new(lone, IndexRecordOption::Basic)), 0.0));
                Box::new(BooleanQuery::new(vec![(Occur::Should, all), (Occur::Should, lone)]))
            }
            None => all,
        }
    }
}

/// Which quotes a listing holds: quotations by default; terms or names
/// when asked; only one speaker's, or one kind of speaker's.
///
/// ```
/// use poisk::search::QuoteFilter;
/// use poisk::quotes::{QuoteKind, SpeakerKind};
/// let searcher = poisk::builtin::index()?.searcher()?;
/// let kim = QuoteFilter::default().speaker("Ким Чен Ына").speaker_kind(SpeakerKind::Person);
/// assert_eq!(searcher.quotes_matching(&kim, 0, 10)?.0, 2);
/// let names = QuoteFilter::default().kind(QuoteKind::Name);
/// let (_, hits) = searcher.quotes_matching(&names, 0, 10)?;
/// assert!(hits.iter().any(|h| h.quote().is_some_and(|q| q.quote.text == "Аурус")));
/// # Ok::<(), poisk::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuoteFilter {
    /// Only quotes by this speaker, in any form of the name.
    pub speaker: Option<String>,
    /// Quotations, terms or names.
    pub kind: QuoteKind,
    /// Only quotes whose speaker is of this kind.
    pub speaker_kind: Option<SpeakerKind>,
}

impl QuoteFilter {
    /// Only quotes by this speaker.
    #[must_use]
    pub fn speaker(mut self, name: impl Into<String>) -> QuoteFilter {
        self.speaker = Some(name.into());
        self
    }

    /// Quotations, terms or names.
    #[must_use]
    pub fn kind(mut self, kind: QuoteKind) -> QuoteFilter {
        self.kind = kind;
        self
    }

    /// Only quotes whose speaker is of this kind.
    #[must_use]
    pub fn speaker_kind(mut self, kind: SpeakerKind) -> QuoteFilter {
        self.speaker_kind = Some(kind);
        self
    }
}

/// One speaker of the index with their quotations: the fullest name,
/// what they are, how many quotations, and the other forms of the name
/// the articles give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerCount {
    /// The fullest name (`Дмитрий Песков`).
    pub name: String,
    /// Person, organisation, group or document.
    pub kind: Option<SpeakerKind>,
    /// How many quotations.
    pub quotes: usize,
    /// The other names and mentions seen (`Песков`, `Пескова`), most
    /// frequent first.
    pub variants: Vec<String>,
}

impl SpeakerCount {
    /// The speakers of quotations given as `(speaker, kind, mention)`, one
    /// per quotation, one row per identity as [`Searcher::speakers`] counts
    /// them: for engines other than the local index.
    ///
    /// ```
    /// use poisk::search::SpeakerCount;
    /// let quotes = vec![
    ///     ("Дмитрий Песков".to_owned(), None, "Песков".to_owned()),
    ///     ("Песков".to_owned(), None, "Песков".to_owned()),
    /// ];
    /// let speakers = SpeakerCount::tally(quotes);
    /// assert_eq!((speakers[0].name.as_str(), speakers[0].quotes), ("Дмитрий Песков", 2));
    /// ```
    pub fn tally(quotes: Vec<(String, Option<SpeakerKind>, String)>) -> Vec<SpeakerCount> {
        group_speakers(quotes)
    }
}

impl Searcher {
    /// Every quotation in the index (only those by `speaker`, any form of
    /// the name, when given), in index order, as quote hits without scores.
    ///
    /// # Errors
    /// [`Error::Request`] for a speaker's name past the caps of a query;
    /// when the index cannot be read; [`crate::Error::BadIndex`] when the
    /// index engine fails on damaged files.
    pub fn quotes(&self, speaker: Option<&str>) -> Result<Vec<Hit>> {
        Ok(self.quotes_page(speaker, 0, usize::MAX)?.1)
    }

    /// A page of [`Searcher::quotes`]: how many quotes there are in all,
    /// and those at `offset..offset + limit` in index order. Only the
    /// page's quotes are read from the store, so a page costs little
    /// however many quotes the index has.
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let (total, page) = searcher.quotes_page(None, 1, 2)?;
    /// assert_eq!((total, page.len()), (4, 2));
    /// assert_eq!(page[0].id, searcher.quotes(None)?[1].id);
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Searcher::quotes`].
    pub fn quotes_page(&self, speaker: Option<&str>, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let filter = QuoteFilter { speaker: speaker.map(str::to_owned), ..QuoteFilter::default() };
        self.quotes_matching(&filter, offset, limit)
    }

    /// A page of the quotes that `filter` keeps, in index order (example:
    /// [`QuoteFilter`]).
    ///
    /// # Errors
    /// As [`Searcher::quotes`].
    pub fn quotes_matching(&self, filter: &QuoteFilter, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let mut speaker = filter.speaker.as_deref().map(Speaker::new).transpose()?;
        self.guarded(|| {
            if let Some(speaker) = speaker.as_mut() {
                speaker.resolve(&self.reader.searcher(), &self.fields).engine()?;
            }
            self.all_quotes(filter, speaker.as_ref(), offset, limit)
        })
    }

    fn all_quotes(
        &self,
        filter: &QuoteFilter,
        speaker: Option<&Speaker>,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<Hit>)> {
        let searcher = self.reader.searcher();
        let kind = TermQuery::new(span_kind_term(&self.fields, filter.kind), IndexRecordOption::Basic);
        let mut filters: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(ConstScoreQuery::new(Box::new(kind), 0.0)))];
        filters.extend(speaker.map(|s| (Occur::Must, s.filter(&self.fields))));
        if let Some(kind) = filter.speaker_kind {
            let query = speaker_kind_query(&self.fields, kind);
            filters.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(query), 0.0))));
        }
        let mut addresses: Vec<DocAddress> =
            searcher.search(&BooleanQuery::new(filters), &DocSetCollector).engine()?.into_iter().collect();
        // In index order, the document store reads each block once.
        addresses.sort();
        let none = Finder::new(&SnippetQuery::default());
        let total = addresses.len();
        let mut hits = Vec::with_capacity(total.saturating_sub(offset).min(limit));
        for (i, address) in addresses.into_iter().enumerate().skip(offset).take(limit) {
            let doc = self.docs.get(&searcher, address).engine()?;
            hits.push(Hit::of_quote(&Stored::new(&doc, &self.fields), &none).ranked(i + 1, 0.0));
        }
        Ok((total, hits))
    }

    /// Speakers and how many quotations each has, most quoted first (ties
    /// by name), one row per identity: the quotes of one name, in any case
    /// form, are one speaker's, and a person's surname given alone joins
    /// the one full name of the index that ends with it (it stays apart
    /// when two people of the index share the surname).
    ///
    /// ```
    /// let searcher = poisk::builtin::index()?.searcher()?;
    /// let speakers = searcher.speakers()?;
    /// assert_eq!(speakers[0].name, "Владимир Путин");
    /// assert_eq!(speakers[0].quotes, 2);
    /// assert!(speakers[0].variants.contains(&"Путин".to_string()));
    /// # Ok::<(), poisk::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn speakers(&self) -> Result<Vec<SpeakerCount>> {
        let mut quotes = Vec::new();
        for hit in self.quotes(None)? {
            if let HitKind::Quote { quote } = hit.kind
                && let Some(name) = quote.quote.speaker
            {
                let mention = quote.quote.attribution.map(|a| a.mention).unwrap_or_default();
                quotes.push((name, quote.quote.speaker_kind, mention));
            }
        }
        Ok(group_speakers(quotes))
    }
}

/// How many first names of one surname [`Speaker::resolve`] reads at most.
const MAX_NAMESAKES: usize = 1000;

/// The one of several people of a surname that a surname alone names: the
/// only one, or one with at least [`DOMINANT_SHARE`] of their quotations
/// (`Трамп` alone is `Дональд Трамп`, though `Иванка Трамп` speaks too, and
/// mangled full names such as `Хиллари Клинтон Трамп` take a few quotes).
/// `quotes` holds each one's number of quotations.
pub(crate) fn dominant(quotes: &[usize]) -> Option<usize> {
    let total: usize = quotes.iter().sum();
    let (best, &most) = quotes.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (quotes.len() == 1 || most as f64 >= DOMINANT_SHARE * total as f64).then_some(best)
}

/// The share of a surname's quotations that makes one person its owner.
const DOMINANT_SHARE: f64 = 0.8;

/// A speaker's name that is a proper name (`Минобороны`, `МИД России`,
/// `Симоньян`), not a common noun (`ведомство`, `Ведомство` opening a
/// sentence, `документ`).
fn is_proper_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or_default();
    let capital_later = words.any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let first_proper = first.chars().next().is_some_and(char::is_uppercase) && !is_generic_head(first);
    capital_later || first_proper
}

/// Groups quotations `(speaker, kind, mention)` into one row per identity
/// (see [`Searcher::speakers`]).
pub(crate) fn group_speakers(quotes: Vec<(String, Option<SpeakerKind>, String)>) -> Vec<SpeakerCount> {
    /// One identity while it is gathered: its keys, the names the index
    /// gives it and the mentions that are forms of them, with counts.
    struct Row {
        keys: Vec<String>,
        kind: Option<SpeakerKind>,
        /// How many of its quotations give each kind: the row takes the
        /// commonest (a lone `Путин` right after a verb may be read as an
        /// organisation in an article that never gives his full name).
        kinds: Vec<(Option<SpeakerKind>, usize)>,
        quotes: usize,
        names: HashMap<String, usize>,
        mentions: HashMap<String, usize>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut by_keys: HashMap<Vec<String>, usize> = HashMap::new();
    for (name, kind, mention) in quotes {
        let keys = name_keys(&name);
        let row = *by_keys.entry(keys.clone()).or_insert_with(|| {
            rows.push(Row {
                keys,
                kind,
                kinds: Vec::new(),
                quotes: 0,
                names: HashMap::new(),
                mentions: HashMap::new(),
            });
            rows.len() - 1
        });
        let row = &mut rows[row];
        row.quotes += 1;
        match row.kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => row.kinds.push((kind, 1)),
        }
        *row.names.entry(name).or_default() += 1;
        // A mention that is a form of the name (not `он`, `министр`, nor
        // a longer run of capitalised words around it).
        let mention_keys = name_keys(&mention);
        if !mention_keys.is_empty() && mention_keys.iter().all(|k| row.keys.contains(k)) {
            *row.mentions.entry(mention).or_default() += 1;
        }
    }
    // The commonest kind; between kinds given as often, the first of
    // person, organisation, group, document, none: not the first seen, so
    // that the rows are the same whatever order the quotes come in (the
    // index's, or a cluster's groups).
    let order = |k: Option<SpeakerKind>| match k {
        Some(SpeakerKind::Person) => 0,
        Some(SpeakerKind::Organisation) => 1,
        Some(SpeakerKind::Group) => 2,
        Some(SpeakerKind::Document) => 3,
        None => 4,
    };
    for row in &mut rows {
        let commonest = row.kinds.iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| order(b.0).cmp(&order(a.0))));
        if let Some(&(kind, _)) = commonest {
            row.kind = kind;
        }
    }
    // A surname alone joins the one full name of a person ending with it.
    let person = |r: &Row| r.kind.is_none_or(|k| k == SpeakerKind::Person);
    let mut full_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| person(r) && r.keys.len() > 1) {
        if let Some(last) = r.keys.last() {
            full_by_surname.entry(last.as_str()).or_default().push(i);
        }
    }
    let into: Vec<Option<usize>> = rows
        .iter()
        .map(|r| match (person(r), r.keys.as_slice()) {
            (true, [surname]) => {
                let fulls = full_by_surname.get(surname.as_str())?;
                let quotes: Vec<usize> = fulls.iter().map(|&f| rows[f].quotes).collect();
                dominant(&quotes).map(|i| fulls[i])
            }
            _ => None,
        })
        .collect();
    for (i, to) in into.iter().enumerate() {
        if let Some(to) = *to {
            let (quotes, names, mentions) =
                (rows[i].quotes, std::mem::take(&mut rows[i].names), std::mem::take(&mut rows[i].mentions));
            rows[to].quotes += quotes;
            for (form, n) in names.into_iter().chain(mentions) {
                *rows[to].mentions.entry(form).or_default() += n;
            }
        }
    }
    let by_count = |forms: HashMap<String, usize>| {
        let mut forms: Vec<(String, usize)> = forms.into_iter().collect();
        forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        forms
    };
    let mut speakers: Vec<SpeakerCount> = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        // Only identities: a named person or body, not `эксперты`,
        // `источник`, `документ`, which are many different speakers.
        let named = row.names.keys().any(|n| is_proper_name(n));
        if into[i].is_some() || row.kind == Some(SpeakerKind::Group) || !named {
            continue;
        }
        // The name the index gives most often names the row.
        let names = by_count(row.names);
        let Some(name) = names.first().map(|(n, _)| n.clone()) else { continue };
        let mut variants: Vec<String> = Vec::new();
        for (form, _) in names.into_iter().skip(1).chain(by_count(row.mentions)) {
            if form != name && !variants.contains(&form) {
                variants.push(form);
            }
        }
        speakers.push(SpeakerCount { name, kind: row.kind, quotes: row.quotes, variants });
    }
    speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    speakers
}

impl Context<'_> {
    /// Lists under each article hit its quotes that match the query.
    pub(super) fn attach_quotes(&self, hits: &mut [Hit]) -> Result<()> {
        let (fields, searcher, per_hit) = (self.fields, &self.searcher, self.show.quotes_per_hit);
        let mut in_quotes = self.plan.in_quotes(fields);
        in_quotes.resolve(searcher).engine()?;
        // A few term queries: a TermSetQuery would build an FST of the ids
        // on every search, which profiles showed costing a fifth of it.
        let ids: Vec<(Occur, Box<dyn Query>)> = hits
            .iter()
            .map(|h| {
                let term = article_term(fields, &h.article_id);
                (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
            })
            .collect();
        let query = BooleanQuery::new(vec![
            (Occur::Must, in_quotes.query(self.plan.relaxed)),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(Kind::Quote.query(fields)), 0.0))),
            (Occur::Must, Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(ids)), 0.0))),
        ]);
        let query = Budgeted::new(Box::new(query), self.plan.budget.clone());
        let statistics = KindStatistics::new(searcher, &Kind::Quote.term(fields)).engine()?;
        let top = TopDocs::with_limit(hits.len() * per_hit).order_by_score();
        let found = searcher.search_with_statistics_provider(&query, &top, &statistics).engine()?;
        let highlight = Finder::new(&in_quotes.highlight);
        let position: HashMap<String, usize> =
            hits.iter().enumerate().map(|(i, h)| (h.article_id.clone(), i)).collect();
        for (_, address) in found {
            let doc = self.docs.get(searcher, address).engine()?;
            let stored = Stored::new(&doc, fields);
            if let Some(&i) = position.get(stored.article_id())
                && let HitKind::Article { quotes } = &mut hits[i].kind
                && quotes.len() < per_hit
            {
                quotes.push(QuoteRef::read(&stored, &highlight));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(name: &str, mention: &str) -> (String, Option<SpeakerKind>, String) {
        (name.to_string(), Some(SpeakerKind::Person), mention.to_string())
    }

    #[test]
    fn an_identity_takes_the_kind_most_of_its_quotes_give_whatever_their_order() {
        let organisation = ("Сандерс".to_string(), Some(SpeakerKind::Organisation), "Сандерс".to_string());
        let mut quotes = vec![
            organisation,
            quote("Сандерс", "эксперт"),
            quote("Сандерс", "Он"),
            quote("Сара Сандерс", "она"),
            quote("Сара Сандерс", "Сандерс"),
        ];
        for _ in 0..2 {
            let speakers = group_speakers(quotes.clone());
            assert_eq!(
                (speakers[0].name.as_str(), speakers[0].kind, speakers[0].quotes),
                ("Сара Сандерс", Some(SpeakerKind::Person), 5)
            );
            quotes.reverse();
        }
    }

    #[test]
    fn one_row_per_identity() {
        let quotes = vec![
            quote("Дмитрий Песков", "Дмитрий Песков"),
            quote("Дмитрий Песков", "Пескова"),
            quote("Дмитрия Песков", "Дмитрия Пескова"),
            quote("Песков", "Песков"),
            quote("Сергей Иванов", "Иванов"),
            quote("Иван Иванов", "Иван Иванов"),
            quote("Иванов", "Иванов"),
            ("Ведомство".to_string(), Some(SpeakerKind::Organisation), "Ведомство".to_string()),
            ("МИД России".to_string(), Some(SpeakerKind::Organisation), "в".to_string()),
            ("эксперты".to_string(), Some(SpeakerKind::Group), "эксперты".to_string()),
        ];
        let rows = group_speakers(quotes);
        let names: Vec<(&str, usize)> = rows.iter().map(|r| (r.name.as_str(), r.quotes)).collect();
        // Two people named Иванов: the surname alone stays apart.
        assert_eq!(
            names,
            [("Дмитрий Песков", 4), ("Иван Иванов", 1), ("Иванов", 1), ("МИД России", 1), ("Сергей Иванов", 1)]
        );
        assert_eq!(rows[0].variants, ["Дмитрия Песков", "Песков", "Дмитрия Пескова", "Пескова"]);
    }

    #[test]
    fn a_surname_takes_the_kind_most_of_its_quotes_give() {
        // The first `Путин` of the index was read as an organisation (an
        // article that never gives his full name); most are a person's.
        let quotes = vec![
            ("Путин".to_string(), Some(SpeakerKind::Organisation), "Путин".to_string()),
            quote("Путин", "Путин"),
            quote("Путин", "Путина"),
            quote("Владимир Путин", "Путин"),
        ];
        let rows = group_speakers(quotes);
        let names: Vec<(&str, usize)> = rows.iter().map(|r| (r.name.as_str(), r.quotes)).collect();
        assert_eq!(names, [("Владимир Путин", 4)]);
        assert_eq!(rows[0].kind, Some(SpeakerKind::Person));
    }

    #[test]
    fn a_surname_alone_goes_to_the_one_who_has_nearly_all_its_quotes() {
        assert_eq!(dominant(&[5]), Some(0));
        assert_eq!(dominant(&[1, 95, 4]), Some(1));
        assert_eq!(dominant(&[60, 40]), None);
        let mut quotes = vec![quote("Трамп", "Трамп")];
        quotes.extend((0..19).map(|_| quote("Дональд Трамп", "Дональд Трамп")));
        quotes.push(quote("Иванка Трамп", "Иванка Трамп"));
        let rows = group_speakers(quotes);
        let names: Vec<(&str, usize)> = rows.iter().map(|r| (r.name.as_str(), r.quotes)).collect();
        assert_eq!(names, [("Дональд Трамп", 20), ("Иванка Трамп", 1)]);
    }
}
