//! Counts of a search's matches by source, speaker, year and month, read
//! from the index's columns (fast fields) as the search collects its
//! matches: no stored document is loaded, whatever the number of matches.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::request::{Facet, Facets};
use super::results::{FacetCounts, FacetValue};
use crate::date::Date;
use crate::index::Names;
use crate::index::days::{DayCollector, DayCounts, SegmentDays};

/// Counts the matches by the facets of a request; with no facet it reads
/// no column and counts nothing.
pub(super) struct FacetCollector {
    facets: Facets,
}

impl FacetCollector {
    pub(super) fn new(facets: Facets) -> FacetCollector {
        FacetCollector { facets }
    }
}

/// What [`FacetCollector`] counted: each value by its text, and the
/// matches without one.
#[derive(Debug, Default)]
pub(super) struct Tallies {
    sources: Tally,
    speakers: Tally,
    days: DayCounts,
}

/// Counts per value of one text column, and the documents with none.
#[derive(Debug, Default)]
struct Tally {
    counts: HashMap<String, usize>,
    missing: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        for (value, n) in other.counts {
            *self.counts.entry(value).or_default() += n;
        }
        self.missing += other.missing;
    }

    /// The `limit` most frequent values (ties by value) and the rest.
    fn counts(self, facet: Facet, limit: usize) -> FacetCounts {
        let mut values: Vec<FacetValue> =
            self.counts.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
        values.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        let rest = values.split_off(limit.min(values.len()));
        FacetCounts {
            facet,
            values,
            other_values: rest.len(),
            other: rest.iter().map(|v| v.count).sum(),
            missing: self.missing,
        }
    }
}

impl Tallies {
    /// The counts of each facet of `facets`, in the order of
    /// [`Facet::ALL`]; at most `limit` values of a source or speaker facet.
    pub(super) fn counts(self, facets: Facets, limit: usize) -> Vec<FacetCounts> {
        let Tallies { sources, speakers, days } = self;
        let (mut sources, mut speakers) = (Some(sources), Some(speakers));
        facets
            .iter()
            .map(|facet| match facet {
                Facet::Source => sources.take().unwrap_or_default().counts(facet, limit),
                Facet::Speaker => speakers.take().unwrap_or_default().counts(facet, limit),
                Facet::Year => by_period(facet, &days, |d| d.year().to_string()),
                Facet::Month => by_period(facet, &days, |d| format!("{:04}-{:02}", d.year(), d.month())),
            })
            .collect()
    }
}

/// Day counts added up per period, in order of time; `label` names the
/// period of a day (`2018`, `2018-03`), and days are in order, so a
/// period's days are together.
fn by_period(facet: Facet, days: &DayCounts, label: impl Fn(Date) -> String) -> FacetCounts {
    let mut values: Vec<FacetValue> = Vec::new();
    for (&day, &count) in &days.dated {
        let value = label(Date::from_days_since_epoch(day));
        match values.last_mut() {
            Some(last) if last.value == value => last.count += count,
            _ => values.push(FacetValue { value, count }),
        }
    }
    FacetCounts { facet, values, other_values: 0, other: 0, missing: days.undated }
}

impl Collector for FacetCollector {
    type Fruit = Tallies;
    type Child = SegmentFacets;

    fn for_segment(&self, ordinal: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let column = |facet: Facet, open: fn(&SegmentReader) -> tantivy::Result<Names>| {
            let open = || -> tantivy::Result<ColumnTally> {
                let names = open(segment)?;
                Ok(ColumnTally { counts: vec![0; names.len()], names, missing: 0 })
            };
            self.facets.contains(facet).then(open).transpose()
        };
        let dated = self.facets.contains(Facet::Year) || self.facets.contains(Facet::Month);
        Ok(SegmentFacets {
            sources: column(Facet::Source, Names::sources)?,
            speakers: column(Facet::Speaker, Names::speakers)?,
            days: dated.then(|| DayCollector.for_segment(ordinal, segment)).transpose()?,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tallies>) -> tantivy::Result<Tallies> {
        let mut all = Tallies::default();
        let mut days = Vec::with_capacity(fruits.len());
        for fruit in fruits {
            all.sources.add(fruit.sources);
            all.speakers.add(fruit.speakers);
            days.push(fruit.days);
        }
        all.days = DayCollector.merge_fruits(days)?;
        Ok(all)
    }
}

/// [`FacetCollector`] in one segment.
pub(super) struct SegmentFacets {
    sources: Option<ColumnTally>,
    speakers: Option<ColumnTally>,
    days: Option<SegmentDays>,
}

/// Counts per ordinal of one segment's text column.
struct ColumnTally {
    names: Names,
    counts: Vec<usize>,
    missing: usize,
}

impl ColumnTally {
    fn collect(&mut self, doc: DocId) {
        let mut any = false;
        for ord in self.names.of(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
                any = true;
            }
        }
        self.missing += usize::from(!any);
    }

    /// The counts by value, the values read in one pass over the column's
    /// dictionary. A value the column cannot give back (a damaged
    /// dictionary, or not UTF-8) is left out.
    fn harvest(self) -> Tally {
        let ords: Vec<u64> = (0u64..).zip(&self.counts).filter(|(_, n)| **n > 0).map(|(ord, _)| ord).collect();
        let mut counts = HashMap::with_capacity(ords.len());
        let mut next = ords.iter();
        // Damage leaves the values read so far: the counts that can be
        // named are still right.
        let _ = self.names.values(&ords, |bytes| {
            let n = next.next().and_then(|&ord| self.counts.get(ord as usize)).copied().unwrap_or(0);
            if let Ok(value) = std::str::from_utf8(bytes) {
                *counts.entry(value.to_owned()).or_default() += n;
            }
        });
        Tally { counts, missing: self.missing }
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = Tallies;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some(sources) = &mut self.sources {
            sources.collect(doc);
        }
        if let Some(speakers) = &mut self.speakers {
            speakers.collect(doc);
        }
        if let Some(days) = &mut self.days {
            days.collect(doc, score);
        }
    }

    fn harvest(self) -> Tallies {
        Tallies {
            sources: self.sources.map(ColumnTally::harvest).unwrap_or_default(),
            speakers: self.speakers.map(ColumnTally::harvest).unwrap_or_default(),
            days: self.days.map(SegmentDays::harvest).unwrap_or_default(),
        }
    }
}
