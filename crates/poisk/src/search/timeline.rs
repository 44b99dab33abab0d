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
//! use poisk::search::{Interval, TimelineRequest};
//!
//! let searcher = poisk::builtin::index()?.searcher()?;
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

use super::plan::{Found, Plan, Target, with_corrections};
use super::results::Correction;
use super::{Match, Searcher};
use crate::date::{Date, Interval};
use crate::error::{EngineResult, Result};
use crate::index::Kind;
use crate::index::days::{DayCollector, DayCounts};
use crate::limits::DEFAULT_TIME_BUDGET;
use crate::query::typo::Terms;

/// What to count and per how long.
///
/// What to count is a [`Match`], as for a search, and means the same:
///
/// ```
/// use poisk::Kind;
/// use poisk::search::{Interval, Match, TimelineRequest};
/// let request = TimelineRequest::new(Match::new("санкций").kind(Kind::Quote)).by(Interval::Year);
/// assert_eq!(request.interval, Interval::Year);
/// assert_eq!(request.matching.query, "санкций");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimelineRequest {
    /// What to count.
    pub matching: Match,
    /// The length of each bar.
    pub interval: Interval,
    /// How long counting may take (see [`TimelineRequest::time_budget`]).
    pub time_budget: Duration,
}

impl TimelineRequest {
    /// Counts what `matching` matches per month.
    pub fn new(matching: impl Into<Match>) -> TimelineRequest {
        TimelineRequest { matching: matching.into(), interval: Interval::Month, time_budget: DEFAULT_TIME_BUDGET }
    }

    /// Counts per day, week, month (the default) or year.
    #[must_use]
    pub fn by(mut self, interval: Interval) -> TimelineRequest {
        self.interval = interval;
        self
    }

    /// How long counting may take, as
    /// [`SearchRequest::time_budget`](super::SearchRequest::time_budget);
    /// when the time is up, the timeline counts what was found until then
    /// and says so in [`Timeline::partial`].
    #[must_use]
    pub fn time_budget(mut self, budget: Duration) -> TimelineRequest {
        self.time_budget = budget;
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
    /// Why [`Timeline::corrected`] was counted instead of the query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
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
    /// [`crate::Error::Query`] for a malformed query;
    /// [`crate::Error::Request`] for a speaker's name past the caps of a
    /// query; index read errors; [`crate::Error::BadIndex`] when the index
    /// engine fails on damaged files.
    pub fn timeline(&self, request: &TimelineRequest) -> Result<Timeline> {
        let started = Instant::now();
        let mut target = Target::new(&request.matching, request.time_budget)?;
        self.guarded(|| target.resolve(&self.reader.searcher(), &self.fields).engine())?;
        let count = |query: &str| self.count_days(&target, query);
        let found = |c: &Counted| Found { total: c.days.total(), relaxed: c.relaxed };
        let searcher = self.reader.searcher();
        let terms = Terms::new(&searcher, &self.fields, &target.budget);
        let (counted, corrected) = self.guarded(|| with_corrections(target.matching, &terms, count, found))?;
        let (corrected, correction) = corrected.unzip();
        Ok(Timeline {
            query: request.matching.query.clone(),
            corrected,
            correction,
            relaxed: counted.relaxed,
            kind: counted.kind,
            interval: request.interval,
            total: counted.days.total(),
            undated: counted.days.undated,
            buckets: Bucket::spanning(&counted.days.dated, request.interval),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            partial: target.budget.was_spent(),
            warnings: counted.warnings,
        })
    }

    /// The matches of `query` per day, and how they were counted.
    fn count_days(&self, target: &Target<'_>, query: &str) -> Result<Counted> {
        let mut plan = Plan::new(&self.fields, target, query)?;
        let searcher = self.reader.searcher();
        let mut days = searcher.search(&plan.query(), &DayCollector).engine()?;
        if days.total() == 0 && plan.relax() {
            days = searcher.search(&plan.query(), &DayCollector).engine()?;
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

impl Bucket {
    /// The buckets of a [`Timeline`] from matches per day (days since
    /// 1970-01-01, [`Date::days_since_epoch`]): from the one holding the
    /// first day to the one holding the last, empty ones included. For
    /// engines other than the local index, which count matches per day.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    /// use poisk::search::{Bucket, Interval};
    /// let day = |s: &str| s.parse::<poisk::Date>().map(|d| d.days_since_epoch());
    /// let days = BTreeMap::from([(day("2018-01-15")?, 2), (day("2018-03-02")?, 1)]);
    /// let counts: Vec<usize> = Bucket::spanning(&days, Interval::Month).iter().map(|b| b.count).collect();
    /// assert_eq!(counts, [2, 0, 1]);
    /// # Ok::<(), String>(())
    /// ```
    pub fn spanning(days: &BTreeMap<i64, usize>, interval: Interval) -> Vec<Bucket> {
        buckets(days, interval)
    }
}

/// The buckets from the one holding the first day of `days` to the one
/// holding the last, empty ones included.
fn buckets(days: &BTreeMap<i64, usize>, interval: Interval) -> Vec<Bucket> {
    let (Some((&first, _)), Some((&last, _))) = (days.first_key_value(), days.last_key_value()) else {
        return Vec::new();
    };
    let mut buckets = Vec::new();
    let mut start = interval.start_of(Date::from_days_since_epoch(first));
    let last = Date::from_days_since_epoch(last);
    while start <= last {
        let next = interval.next(start);
        let range = start.days_since_epoch()..next.days_since_epoch();
        buckets.push(Bucket {
            label: interval.label(start),
            start,
            end: Date::from_days_since_epoch(range.end - 1),
            count: days.range(range).map(|(_, n)| n).sum(),
        });
        start = next;
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchRequest;

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
            let article = crate::input::JsonlReader::new(line.as_bytes(), "t.jsonl").next().unwrap().unwrap();
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
        let quotes = searcher
            .timeline(&TimelineRequest::new(Match::new("санкции").kind(Kind::Quote)).by(Interval::Year))
            .unwrap();
        assert_eq!((quotes.total, quotes.undated, quotes.kind), (5, 2, Kind::Quote));
        assert_eq!(table(&quotes.buckets), [row("2018", "2018-01-01", "2018-12-31", 3)]);
        // Date filters and the query language apply as in a search.
        let march = searcher.timeline(&TimelineRequest::new(Match::new("санкции").since(date("2018-02-01")))).unwrap();
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
        let typed = searcher.timeline(&TimelineRequest::new(Match::new("cfyrwbb").fix_layout(false))).unwrap();
        assert_eq!((typed.corrected, typed.total), (None, 0));
    }
}
