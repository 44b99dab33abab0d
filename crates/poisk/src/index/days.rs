//! Matching documents counted per day, from the `date` column: every
//! match is counted and no stored document is loaded. Timelines bucket
//! these counts; [`IndexStats`](super::IndexStats) takes the first and
//! last day of the articles.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::document::Days;

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

/// Counts the matching documents per day.
pub(crate) struct DayCollector;

impl Collector for DayCollector {
    type Fruit = DayCounts;
    type Child = SegmentDays;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays { days: Days::of(segment)?, counts: DayCounts::default() })
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
    days: Days,
    counts: DayCounts,
}

impl SegmentCollector for SegmentDays {
    type Fruit = DayCounts;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.days.day(doc) {
            Some(day) => *self.counts.dated.entry(day).or_default() += 1,
            None => self.counts.undated += 1,
        }
    }

    fn harvest(self) -> DayCounts {
        self.counts
    }
}
