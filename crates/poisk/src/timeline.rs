//! Timelines: how many documents match a query per day, week, month or
//! year.
//!
//! A timeline counts every matching document, not the best few: a
//! collector reads the `date` fast field of each match, so no stored
//! document is loaded. It matches exactly what [`Searcher::search`] counts
//! in [`SearchResults::total`](crate::SearchResults::total): the same
//! query language, filters, relaxation to any word and keyboard-layout
//! correction.
//!
//! ```
//! use poisk::{Interval, TimelineRequest};
//!
//! let searcher = poisk::seed_index()?.searcher()?;
//! let timeline = searcher.timeline(&TimelineRequest::new("Курской области").by(Interval::Week))?;
//! assert_eq!(timeline.total, 1);
//! assert_eq!(timeline.buckets.len(), 1);
//! let week = &timeline.buckets[0];
//! assert_eq!(week.label, "2025-W36"); // ISO week: 2025-09-01 (Monday) to 2025-09-07
//! assert_eq!((week.start.to_string(), week.end.to_string()), ("2025-09-01".into(), "2025-09-07".into()));
//! assert_eq!(week.count, 1);
//! # Ok::<(), poisk::Error>(())
//! ```

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::article::Date;
use crate::error::{Result, guard};
use crate::query::budget::Budget;
use crate::schema::names;
use crate::search::{Kind, SearchRequest, Searcher, check_speaker, with_layout_fix};

/// The length of one bar of a timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// One day, labelled `2018-03-05`.
    Day,
    /// One ISO 8601 week, Monday to Sunday, labelled `2018-W10`. The year
    /// of the label is the ISO week-numbering year, the year of the week's
    /// Thursday: 2018-12-31 (a Monday) is in `2019-W01`, and 2021-01-03 (a
    /// Sunday) in `2020-W53`.
    Week,
    /// One calendar month, labelled `2018-03`.
    #[default]
    Month,
    /// One calendar year, labelled `2018`.
    Year,
}

/// What to count and per how long.
///
/// The query and its filters mean what they mean for a search:
///
/// ```
/// use poisk::{Interval, Kind, TimelineRequest};
/// let request = TimelineRequest::new("санкций").by(Interval::Year).kind(Kind::Quote);
/// assert_eq!(request.interval(), Interval::Year);
/// assert_eq!(request.query(), "санкций");
/// ```
#[derive(Debug, Clone)]
pub struct TimelineRequest {
    search: SearchRequest,
    interval: Interval,
}

/// A timeline of what `search` would find: its query, kind, speaker and
/// dates (its limit, snippets and sort play no part), counted per month.
impl From<SearchRequest> for TimelineRequest {
    fn from(search: SearchRequest) -> TimelineRequest {
        TimelineRequest { search, interval: Interval::Month }
    }
}

impl TimelineRequest {
    /// Counts articles matching `query` per month.
    pub fn new(query: impl Into<String>) -> TimelineRequest {
        TimelineRequest { search: SearchRequest::new(query), interval: Interval::Month }
    }

    /// The query text.
    pub fn query(&self) -> &str {
        self.search.query()
    }

    /// The length of each bar.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// Counts per day, week, month (the default) or year.
    pub fn by(mut self, interval: Interval) -> TimelineRequest {
        self.interval = interval;
        self
    }

    /// Counts articles (the default) or quotes.
    pub fn kind(mut self, kind: Kind) -> TimelineRequest {
        self.search = self.search.kind(kind);
        self
    }

    /// Counts only quotes by this speaker (any form of the name). Implies
    /// [`Kind::Quote`].
    pub fn speaker(mut self, name: impl Into<String>) -> TimelineRequest {
        self.search = self.search.speaker(name);
        self
    }

    /// Counts only documents dated on or after this day.
    pub fn since(mut self, date: Date) -> TimelineRequest {
        self.search = self.search.since(date);
        self
    }

    /// Counts only documents dated on or before this day.
    pub fn until(mut self, date: Date) -> TimelineRequest {
        self.search = self.search.until(date);
        self
    }

    /// Whether a query typed on the Latin keyboard layout by mistake is
    /// retried on the Russian one, as [`SearchRequest::fix_layout`]; on by
    /// default.
    pub fn fix_layout(mut self, fix: bool) -> TimelineRequest {
        self.search = self.search.fix_layout(fix);
        self
    }

    /// How long counting may take, as [`SearchRequest::time_budget`]; when
    /// the time is up, the timeline counts what was found until then and
    /// says so in [`Timeline::partial`].
    pub fn time_budget(mut self, budget: Duration) -> TimelineRequest {
        self.search = self.search.time_budget(budget);
        self
    }
}

/// How many documents match a [`TimelineRequest`], per interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// The query as given.
    pub query: String,
    /// The query counted instead of the one given, when that one was typed
    /// on the Latin keyboard layout by mistake (see
    /// [`SearchResults::corrected`](crate::SearchResults::corrected)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
    /// True when no document had all the words, so any of them was enough.
    pub relaxed: bool,
    /// Articles or quotes (quotes also when the query names a `speaker:`).
    pub kind: Kind,
    /// The length of each bucket.
    pub interval: Interval,
    /// Every matching document, dated or not.
    pub total: usize,
    /// Matching documents without a date, in no bucket.
    pub undated: usize,
    /// One bucket per interval from the first dated match to the last,
    /// oldest first, with the empty ones in between: a gap in the news shows
    /// as a gap. Empty when no match is dated.
    pub buckets: Vec<Bucket>,
    /// Milliseconds spent counting.
    pub took_ms: f64,
    /// True when counting stopped at the time budget
    /// ([`TimelineRequest::time_budget`]): the counts are of the matches
    /// found until then.
    #[serde(default)]
    pub partial: bool,
    /// What poisk lowered to keep the query within its caps
    /// ([`crate::limits`]), in words for people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One bar of a [`Timeline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bucket {
    /// `2018-03-05`, `2018-W10`, `2018-03` or `2018` (see [`Interval`]).
    pub label: String,
    /// The first day of the interval.
    pub start: Date,
    /// The last day of the interval (inclusive).
    pub end: Date,
    /// How many matching documents are dated within it.
    pub count: usize,
}

impl Searcher {
    /// Counts the documents matching `request` per interval.
    ///
    /// # Errors
    /// [`crate::Error::Query`] for a malformed query; index read errors;
    /// [`crate::Error::BadIndex`] when the index engine fails on damaged
    /// files.
    pub fn timeline(&self, request: &TimelineRequest) -> Result<Timeline> {
        let started = Instant::now();
        check_speaker(request.search.speaker_name())?;
        let budget = Budget::new(request.search.time_budget);
        let count = |query: &str| self.count_days(request, query, &budget);
        let (counted, corrected) =
            guard(self.dir.as_deref(), || with_layout_fix(&request.search, &budget, count, |c| c.days.total()))?;
        Ok(Timeline {
            query: request.query().to_owned(),
            corrected,
            relaxed: counted.relaxed,
            kind: counted.kind,
            interval: request.interval,
            total: counted.days.total(),
            undated: counted.days.undated,
            buckets: buckets(&counted.days.dated, request.interval),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            partial: budget.was_spent(),
            warnings: counted.warnings,
        })
    }

    /// The matches of `query` per day, and how they were counted.
    fn count_days(&self, request: &TimelineRequest, query: &str, budget: &std::sync::Arc<Budget>) -> Result<Counted> {
        let mut plan = self.plan(&request.search, query, budget)?;
        let searcher = self.tantivy();
        let mut days = searcher.search(&plan.query(), &DayCollector)?;
        if days.total() == 0 && plan.relax(self.fields()) {
            days = searcher.search(&plan.query(), &DayCollector)?;
        }
        Ok(Counted { days, relaxed: plan.relaxed, kind: plan.kind, warnings: plan.warnings })
    }
}

/// The matches of one query per day, whether the query had to be relaxed
/// to any word, the kind of document counted, and what the parser lowered.
struct Counted {
    days: DayCounts,
    relaxed: bool,
    kind: Kind,
    warnings: Vec<String>,
}

/// How many documents fall on each day (days since 1970-01-01), and how
/// many have no date.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct DayCounts {
    pub dated: BTreeMap<i64, usize>,
    pub undated: usize,
}

impl DayCounts {
    /// Every document counted.
    pub(crate) fn total(&self) -> usize {
        self.dated.values().sum::<usize>() + self.undated
    }

    fn add(&mut self, other: DayCounts) {
        for (day, n) in other.dated {
            *self.dated.entry(day).or_default() += n;
        }
        self.undated += other.undated;
    }
}

/// Counts the matching documents per day from the `date` fast field,
/// without loading them.
pub(crate) struct DayCollector;

impl Collector for DayCollector {
    type Fruit = DayCounts;
    type Child = SegmentDays;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays { dates: segment.fast_fields().date(names::DATE)?, counts: DayCounts::default() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<DayCounts>) -> tantivy::Result<DayCounts> {
        let mut all = DayCounts::default();
        for fruit in fruits {
            all.add(fruit);
        }
        Ok(all)
    }
}

/// [`DayCollector`] in one segment.
pub(crate) struct SegmentDays {
    dates: Column<tantivy::DateTime>,
    counts: DayCounts,
}

impl SegmentCollector for SegmentDays {
    type Fruit = DayCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.dates.first(doc) {
            // Dates are stored as midnight UTC of the day.
            Some(date) => *self.counts.dated.entry(date.into_timestamp_secs().div_euclid(86_400)).or_default() += 1,
            None => self.counts.undated += 1,
        }
    }

    fn harvest(self) -> DayCounts {
        self.counts
    }
}

/// The buckets from the one holding the first day of `days` to the one
/// holding the last, empty ones included.
pub(crate) fn buckets(days: &BTreeMap<i64, usize>, interval: Interval) -> Vec<Bucket> {
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value()) else {
        return Vec::new();
    };
    let mut buckets = Vec::new();
    let mut start = interval_start(Date::from_days_since_epoch(first), interval);
    let last = Date::from_days_since_epoch(last);
    while start <= last {
        let next = next_start(start, interval);
        let range = start.days_since_epoch()..next.days_since_epoch();
        buckets.push(Bucket {
            label: label(start, interval),
            start,
            end: Date::from_days_since_epoch(range.end - 1),
            count: days.range(range).map(|(_, n)| n).sum(),
        });
        start = next;
    }
    buckets
}

/// The first day of the interval that holds `date`.
fn interval_start(date: Date, interval: Interval) -> Date {
    let days = date.days_since_epoch();
    match interval {
        Interval::Day => date,
        Interval::Week => Date::from_days_since_epoch(days - weekday(days)),
        Interval::Month => ymd(date.year(), date.month(), 1),
        Interval::Year => ymd(date.year(), 1, 1),
    }
}

/// The first day of the interval after the one starting on `start`.
fn next_start(start: Date, interval: Interval) -> Date {
    let days = start.days_since_epoch();
    match interval {
        Interval::Day => Date::from_days_since_epoch(days + 1),
        Interval::Week => Date::from_days_since_epoch(days + 7),
        Interval::Month if start.month() == 12 => ymd(start.year() + 1, 1, 1),
        Interval::Month => ymd(start.year(), start.month() + 1, 1),
        Interval::Year => ymd(start.year() + 1, 1, 1),
    }
}

/// The label of the interval starting on `start`.
fn label(start: Date, interval: Interval) -> String {
    match interval {
        Interval::Day => start.to_string(),
        Interval::Week => {
            let (year, week) = iso_week(start);
            format!("{year}-W{week:02}")
        }
        Interval::Month => format!("{:04}-{:02}", start.year(), start.month()),
        Interval::Year => format!("{:04}", start.year()),
    }
}

/// The ISO 8601 week-numbering year and week of `date`: weeks run Monday
/// to Sunday, and belong to the year their Thursday falls in.
fn iso_week(date: Date) -> (i32, i64) {
    let days = date.days_since_epoch();
    let thursday = days - weekday(days) + 3;
    let year = Date::from_days_since_epoch(thursday).year();
    let first_of_year = ymd(year, 1, 1).days_since_epoch();
    (year, (thursday - first_of_year) / 7 + 1)
}

/// 0 for Monday to 6 for Sunday, of the day `days` after 1970-01-01 (a
/// Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// A date known to be valid (the first of a month).
fn ymd(year: i32, month: u32, day: u32) -> Date {
    Date::new(year, month, day).unwrap_or_else(|_| unreachable!("{year}-{month}-{day} is a valid date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// Day counts from `(date, count)` pairs.
    fn days(pairs: &[(&str, usize)]) -> BTreeMap<i64, usize> {
        pairs.iter().map(|&(d, n)| (date(d).days_since_epoch(), n)).collect()
    }

    /// `(label, start, end, count)` of each bucket.
    fn table(buckets: &[Bucket]) -> Vec<(String, String, String, usize)> {
        buckets.iter().map(|b| (b.label.clone(), b.start.to_string(), b.end.to_string(), b.count)).collect()
    }

    fn row(label: &str, start: &str, end: &str, count: usize) -> (String, String, String, usize) {
        (label.into(), start.into(), end.into(), count)
    }

    #[test]
    fn iso_weeks_at_year_boundaries() {
        for (day, want) in [
            ("2018-03-05", (2018, 10)),
            ("2018-12-31", (2019, 1)), // a Monday in the week of 2019-01-03
            ("2019-01-01", (2019, 1)),
            ("2021-01-03", (2020, 53)), // a Sunday; 2020 has 53 weeks
            ("2021-01-04", (2021, 1)),
            ("2015-12-31", (2015, 53)),
            ("2016-01-01", (2015, 53)),
            ("2016-01-04", (2016, 1)),
            ("1969-12-31", (1970, 1)), // before the epoch
        ] {
            assert_eq!(iso_week(date(day)), want, "{day}");
        }
    }

    #[test]
    fn weeks_across_the_new_year_include_the_empty_ones() {
        let counts = days(&[("2020-12-24", 2), ("2020-12-27", 1), ("2021-01-03", 4), ("2021-01-12", 1)]);
        assert_eq!(
            table(&buckets(&counts, Interval::Week)),
            [
                row("2020-W52", "2020-12-21", "2020-12-27", 3),
                row("2020-W53", "2020-12-28", "2021-01-03", 4),
                row("2021-W01", "2021-01-04", "2021-01-10", 0),
                row("2021-W02", "2021-01-11", "2021-01-17", 1),
            ]
        );
    }

    #[test]
    fn months_with_gaps_and_a_leap_february() {
        let counts = days(&[("2015-11-30", 1), ("2016-02-29", 2), ("2016-02-01", 1)]);
        assert_eq!(
            table(&buckets(&counts, Interval::Month)),
            [
                row("2015-11", "2015-11-01", "2015-11-30", 1),
                row("2015-12", "2015-12-01", "2015-12-31", 0),
                row("2016-01", "2016-01-01", "2016-01-31", 0),
                row("2016-02", "2016-02-01", "2016-02-29", 3),
            ]
        );
    }

    #[test]
    fn days_and_years() {
        let counts = days(&[("2016-12-31", 1), ("2017-01-02", 5)]);
        assert_eq!(
            table(&buckets(&counts, Interval::Day)),
            [
                row("2016-12-31", "2016-12-31", "2016-12-31", 1),
                row("2017-01-01", "2017-01-01", "2017-01-01", 0),
                row("2017-01-02", "2017-01-02", "2017-01-02", 5),
            ]
        );
        assert_eq!(
            table(&buckets(&counts, Interval::Year)),
            [row("2016", "2016-01-01", "2016-12-31", 1), row("2017", "2017-01-01", "2017-12-31", 5),]
        );
    }

    #[test]
    fn nothing_dated_gives_no_buckets() {
        assert!(buckets(&BTreeMap::new(), Interval::Month).is_empty());
    }

    /// An index of articles with these dates (None: undated), each with the
    /// word `санкции` and, in the title, its number.
    fn index_of(dates: &[Option<&str>]) -> crate::Index {
        let index = crate::Index::in_memory().unwrap();
        let mut writer = index.writer().unwrap();
        for (i, d) in dates.iter().enumerate() {
            let record = serde_json::json!({
                "id": format!("a{i}"),
                "date": d,
                "title": format!("Статья {i}"),
                "body": "Новые санкции. Министр заявил: «Санкции не помогут».",
            });
            let line = record.to_string();
            let article = crate::JsonlReader::new(line.as_bytes(), "t.jsonl").next().unwrap().unwrap();
            writer.add(&article).unwrap();
        }
        writer.commit().unwrap();
        index
    }

    #[test]
    fn counts_every_match_and_the_undated_apart() {
        let index = index_of(&[Some("2018-01-15"), Some("2018-03-02"), Some("2018-03-31"), None, None]);
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        let timeline = searcher.timeline(&TimelineRequest::new("санкций")).unwrap();
        assert_eq!((timeline.total, timeline.undated, timeline.kind), (5, 2, Kind::Article));
        let counts: Vec<(&str, usize)> = timeline.buckets.iter().map(|b| (b.label.as_str(), b.count)).collect();
        assert_eq!(counts, [("2018-01", 1), ("2018-02", 0), ("2018-03", 2)]);
        // Quotes carry their article's date.
        let quotes = searcher.timeline(&TimelineRequest::new("санкции").kind(Kind::Quote).by(Interval::Year)).unwrap();
        assert_eq!((quotes.total, quotes.undated, quotes.kind), (5, 2, Kind::Quote));
        assert_eq!(table(&quotes.buckets), [row("2018", "2018-01-01", "2018-12-31", 3)]);
        // Date filters and the query language apply as in a search.
        let march = searcher.timeline(&TimelineRequest::new("санкции").since(date("2018-02-01"))).unwrap();
        assert_eq!((march.total, march.buckets.len()), (2, 1));
        assert_eq!(searcher.timeline(&TimelineRequest::new("санкции date:2018-01")).unwrap().total, 1);
    }

    #[test]
    fn agrees_with_search_on_relaxing_and_the_keyboard_layout() {
        let index = index_of(&[Some("2018-01-15"), Some("2018-03-02"), None]);
        let searcher = index.searcher().unwrap();
        searcher.reload().unwrap();
        // No article has both words: any of them is enough, as in a search.
        let relaxed = searcher.timeline(&TimelineRequest::new("санкции бегемот")).unwrap();
        assert!(relaxed.relaxed);
        assert_eq!(relaxed.total, 3);
        let search = searcher.search(&SearchRequest::new("санкции бегемот")).unwrap();
        assert_eq!(search.total, relaxed.total);
        // `cfyrwbb` is `санкции` typed on the Latin layout.
        let corrected = searcher.timeline(&TimelineRequest::new("cfyrwbb")).unwrap();
        assert_eq!((corrected.corrected.as_deref(), corrected.total), (Some("санкции"), 3));
        let typed = searcher.timeline(&TimelineRequest::new("cfyrwbb").fix_layout(false)).unwrap();
        assert_eq!((typed.corrected, typed.total), (None, 0));
    }
}
