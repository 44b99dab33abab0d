//! Dates: a calendar day without time zone, as news articles carry it;
//! the intervals a timeline counts by (day, ISO week, month, year); and the
//! conversion between a day and the instant the index stores for it.
//!
//! Everything that knows how many seconds a day has, what a week is or
//! where a month ends lives here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds in a day: the index stores a date as midnight UTC of its day.
const SECONDS_PER_DAY: i64 = 86_400;

/// A valid proleptic Gregorian date, written `YYYY-MM-DD`.
///
/// ```
/// use poisk::Date;
/// let d: Date = "2025-09-03".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2025, 9, 3));
/// assert!("2025-13-45".parse::<Date>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The earliest date an index holds: 1678-01-01. tantivy keeps a date
    /// as nanoseconds since 1970 in 64 bits, which reach from 1677-09-21 to
    /// 2262-04-11; an index holds the whole years inside that. An article
    /// dated outside [`Date::EARLIEST`]..=[`Date::LATEST`] is refused with
    /// an error (never stored as another date), and query dates outside it
    /// are moved to its ends, so that `--until 9999-12-31` means "no end".
    ///
    /// ```
    /// use poisk::Date;
    /// assert_eq!((Date::EARLIEST.to_string(), Date::LATEST.to_string()), ("1678-01-01".into(), "2261-12-31".into()));
    /// ```
    pub const EARLIEST: Date = Date { year: 1678, month: 1, day: 1 };
    /// The latest date an index holds: 2261-12-31 (see [`Date::EARLIEST`]).
    pub const LATEST: Date = Date { year: 2261, month: 12, day: 31 };

    /// Builds a date, or says why the parts are not one.
    ///
    /// # Errors
    /// A month outside 1–12 or a day outside the month.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not between 1 and 12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(format!("day {day} is not between 1 and {last} for month {month}"));
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date itself, when an index can hold it (see [`Date::EARLIEST`]),
    /// or why not.
    pub(crate) fn indexable(self) -> Result<Date, String> {
        if (Date::EARLIEST..=Date::LATEST).contains(&self) {
            Ok(self)
        } else {
            Err(format!("\"{self}\" is outside the dates an index can hold, {} to {}", Date::EARLIEST, Date::LATEST))
        }
    }

    /// The day after this one.
    pub fn next_day(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + 1)
    }

    /// 0 for Monday to 6 for Sunday.
    pub(crate) fn weekday(self) -> i64 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7)
    }

    /// The ISO 8601 week-numbering year and week of the date: weeks run
    /// Monday to Sunday, and belong to the year their Thursday falls in.
    pub(crate) fn iso_week(self) -> (i32, i64) {
        let days = self.days_since_epoch();
        let thursday = days - self.weekday() + 3;
        let year = Date::from_days_since_epoch(thursday).year();
        let first_of_year = first_of(year, 1).days_since_epoch();
        (year, (thursday - first_of_year) / 7 + 1)
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// The first day of a month, a date known to be valid.
fn first_of(year: i32, month: u32) -> Date {
    Date { year, month: month as u8, day: 1 }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("{s:?} is not a date of the form YYYY-MM-DD");
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return Err(bad());
        }
        let (y, m, d) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        Date::new(y, m, d).map_err(|e| format!("{s:?} is not a valid date: {e}"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

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

impl Interval {
    /// The first day of the interval that holds `date`.
    pub(crate) fn start_of(self, date: Date) -> Date {
        match self {
            Interval::Day => date,
            Interval::Week => Date::from_days_since_epoch(date.days_since_epoch() - date.weekday()),
            Interval::Month => first_of(date.year(), date.month()),
            Interval::Year => first_of(date.year(), 1),
        }
    }

    /// The first day of the interval after the one starting on `start`.
    pub(crate) fn next(self, start: Date) -> Date {
        let days = start.days_since_epoch();
        match self {
            Interval::Day => Date::from_days_since_epoch(days + 1),
            Interval::Week => Date::from_days_since_epoch(days + 7),
            Interval::Month if start.month() == 12 => first_of(start.year() + 1, 1),
            Interval::Month => first_of(start.year(), start.month() + 1),
            Interval::Year => first_of(start.year() + 1, 1),
        }
    }

    /// The label of the interval starting on `start`.
    pub(crate) fn label(self, start: Date) -> String {
        match self {
            Interval::Day => start.to_string(),
            Interval::Week => {
                let (year, week) = start.iso_week();
                format!("{year}-W{week:02}")
            }
            Interval::Month => format!("{:04}-{:02}", start.year(), start.month()),
            Interval::Year => format!("{:04}", start.year()),
        }
    }
}

/// Midnight UTC of a date, as the index stores dates. A query date outside
/// the dates an index holds ([`Date::EARLIEST`] to the day after
/// [`Date::LATEST`], an exclusive upper bound) is moved to that end, which
/// holds the same articles: `--until 9999-12-31` is no end, not an overflow.
pub(crate) fn to_index(date: Date) -> tantivy::DateTime {
    let date = date.clamp(Date::EARLIEST, Date::LATEST.next_day());
    tantivy::DateTime::from_timestamp_secs(date.days_since_epoch() * SECONDS_PER_DAY)
}

/// The day of an instant the index stored, in days since 1970-01-01.
pub(crate) fn index_day(instant: tantivy::DateTime) -> i64 {
    instant.into_timestamp_secs().div_euclid(SECONDS_PER_DAY)
}

/// The date of an instant the index stored.
pub(crate) fn from_index(instant: tantivy::DateTime) -> Date {
    Date::from_days_since_epoch(index_day(instant))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
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
            assert_eq!(date(day).iso_week(), want, "{day}");
        }
    }

    #[test]
    fn index_instants_are_midnight_utc_and_clamped() {
        let d = date("2025-09-03");
        assert_eq!(to_index(d).into_timestamp_secs(), 20_334 * SECONDS_PER_DAY);
        assert_eq!(from_index(to_index(d)), d);
        // An instant during the day belongs to that day, before 1970 too.
        let noon = tantivy::DateTime::from_timestamp_secs(-SECONDS_PER_DAY / 2);
        assert_eq!(from_index(noon), date("1969-12-31"));
        assert_eq!(from_index(to_index(date("9999-12-31"))), Date::LATEST.next_day());
        assert_eq!(from_index(to_index(date("0001-01-01"))), Date::EARLIEST);
    }

    #[test]
    fn parses_and_prints() {
        let d: Date = "2025-09-03".parse().unwrap();
        assert_eq!(d.to_string(), "2025-09-03");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2025-13-45", "2025-02-29", "2025-9-3", "20250903", "2025-00-10", "abcd-ef-gh", ""] {
            assert!(bad.parse::<Date>().is_err(), "{bad} should be rejected");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn indexable_dates_are_those_tantivy_can_store() {
        for ok in [Date::EARLIEST, Date::LATEST, "2025-09-03".parse().unwrap()] {
            assert_eq!(ok.indexable(), Ok(ok));
        }
        for bad in ["1677-12-31", "2262-01-01", "2500-01-01", "9999-12-31", "0000-01-01"] {
            let date: Date = bad.parse().unwrap();
            let message = date.indexable().unwrap_err();
            assert_eq!(message, format!("\"{bad}\" is outside the dates an index can hold, 1678-01-01 to 2261-12-31"));
        }
        // Midnight UTC of each end, and of the day after the last one (an
        // exclusive upper bound), fit tantivy's nanoseconds.
        let nanos = |d: Date| (d.days_since_epoch() * 86_400).checked_mul(1_000_000_000);
        assert!(nanos(Date::EARLIEST).is_some() && nanos(Date::LATEST.next_day()).is_some());
        assert!(nanos(Date::EARLIEST).is_some_and(|n| n > i64::MIN + 86_400 * 1_000_000_000));
    }

    #[test]
    fn epoch_days_round_trip() {
        let d: Date = "1970-01-01".parse().unwrap();
        assert_eq!(d.days_since_epoch(), 0);
        for days in [-800_000, -1, 0, 1, 11_000, 20_334, 60_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        let d: Date = "2025-09-03".parse().unwrap();
        assert_eq!(d.days_since_epoch(), 20_334);
    }
}
