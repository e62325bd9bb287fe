//! Time bins for the Z3 curve (GeoMesa's `BinnedTime`): a signed 16-bit count of periods since
//! 1970-01-01 UTC, plus an offset into the period.
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

use crate::CurveError;

const MILLIS_PER_DAY: i64 = 86_400_000;
const SECONDS_PER_WEEK: i64 = 604_800;

/// The period a Z3 bin spans, set in GeoMesa by the user data `geomesa.z3.interval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimePeriod {
    /// Days since the epoch; offset in milliseconds.
    Day,
    /// Weeks since the epoch (GeoMesa's default); offset in seconds.
    #[default]
    Week,
    /// Calendar months since the epoch; offset in seconds.
    Month,
    /// Calendar years since the epoch; offset in minutes.
    Year,
}

/// A time as a bin (periods since 1970) and an offset into that period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BinnedTime {
    /// Number of whole periods since 1970-01-01 UTC.
    pub bin: i16,
    /// Offset into the period, in the period's unit (see [`TimePeriod`]).
    pub offset: i64,
}

impl TimePeriod {
    /// GeoMesa's name: `day`, `week`, `month` or `year`.
    pub fn name(self) -> &'static str {
        match self {
            TimePeriod::Day => "day",
            TimePeriod::Week => "week",
            TimePeriod::Month => "month",
            TimePeriod::Year => "year",
        }
    }

    /// The largest offset into a period: a day in ms, a week in s, 31 days in s, and 366 days
    /// plus 10 minutes (GeoMesa's allowance for leap seconds) in minutes.
    pub fn max_offset(self) -> i64 {
        match self {
            TimePeriod::Day => MILLIS_PER_DAY,
            TimePeriod::Week => SECONDS_PER_WEEK,
            TimePeriod::Month => 86_400 * 31,
            TimePeriod::Year => 1_440 * 366 + 10,
        }
    }

    /// The first instant (ms since the epoch) past the last bin, `i16::MAX + 1` periods out.
    pub fn max_millis(self) -> i64 {
        const BINS: i64 = i16::MAX as i64 + 1;
        match self {
            TimePeriod::Day => BINS * MILLIS_PER_DAY,
            TimePeriod::Week => BINS * SECONDS_PER_WEEK * 1000,
            TimePeriod::Month => month_start(BINS),
            TimePeriod::Year => month_start(BINS * 12),
        }
    }

    /// The bin and offset of `millis` since the epoch; an error before 1970 or past
    /// [`max_millis`](Self::max_millis).
    pub fn binned_time(self, millis: i64) -> Result<BinnedTime, CurveError> {
        if !(0..self.max_millis()).contains(&millis) {
            return Err(CurveError::TimeOutOfRange {
                millis,
                period: self.name(),
                max_millis: self.max_millis(),
            });
        }
        let seconds = millis.div_euclid(1000);
        let (bin, offset) = match self {
            TimePeriod::Day => (millis / MILLIS_PER_DAY, millis % MILLIS_PER_DAY),
            TimePeriod::Week => {
                let weeks = millis / (SECONDS_PER_WEEK * 1000);
                (weeks, seconds - weeks * SECONDS_PER_WEEK)
            }
            TimePeriod::Month => {
                // ChronoUnit.MONTHS.between from the 1st at midnight counts whole calendar months.
                let months = months_since_epoch(millis);
                (months, seconds - month_start(months) / 1000)
            }
            TimePeriod::Year => {
                let years = months_since_epoch(millis) / 12;
                (years, (seconds - month_start(years * 12) / 1000) / 60)
            }
        };
        // The range check above keeps the bin within i16.
        Ok(BinnedTime {
            bin: bin as i16,
            offset,
        })
    }

    /// The bin of `millis` since the epoch.
    pub fn bin(self, millis: i64) -> Result<i16, CurveError> {
        self.binned_time(millis).map(|b| b.bin)
    }

    /// The instant (ms since the epoch) a binned time stands for, truncated to the offset unit.
    pub fn millis(self, time: BinnedTime) -> i64 {
        let bin = i64::from(time.bin);
        match self {
            TimePeriod::Day => bin * MILLIS_PER_DAY + time.offset,
            TimePeriod::Week => (bin * SECONDS_PER_WEEK + time.offset) * 1000,
            TimePeriod::Month => month_start(bin) + time.offset * 1000,
            TimePeriod::Year => month_start(bin * 12) + time.offset * 60_000,
        }
    }
}

impl fmt::Display for TimePeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TimePeriod {
    type Err = String;

    /// Parses GeoMesa's names (`day`, `week`, `month`, `year`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "day" => Ok(TimePeriod::Day),
            "week" => Ok(TimePeriod::Week),
            "month" => Ok(TimePeriod::Month),
            "year" => Ok(TimePeriod::Year),
            _ => Err(format!(
                "unknown time period '{s}' (expected day, week, month or year)"
            )),
        }
    }
}

fn utc(millis: i64) -> DateTime<Utc> {
    // Callers pass instants inside the bins' range, which chrono represents.
    Utc.timestamp_millis_opt(millis)
        .single()
        .unwrap_or_default()
}

/// Whole calendar months from 1970-01 to the month holding `millis`.
fn months_since_epoch(millis: i64) -> i64 {
    let date = utc(millis);
    i64::from(date.year() - 1970) * 12 + i64::from(date.month0())
}

/// Milliseconds from the epoch to the first of the month `months` after 1970-01.
fn month_start(months: i64) -> i64 {
    let year = 1970 + months.div_euclid(12);
    let month = months.rem_euclid(12) + 1;
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month as u32, 1))
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(i64::MAX, |d| d.and_utc().timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    // BinnedTime.scala's documented max dates: days 2059/09/18, months 4700/08/31 and years
    // 34737/12/31 are the last indexable days; weeks 2598/01/04 is the first day past the
    // last bin (week bins start on Thursdays, the epoch's weekday).
    #[test]
    fn the_last_bins_end_at_geomesas_max_dates() {
        let last_day = |p: TimePeriod| utc(p.max_millis() - 1).date_naive();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(last_day(TimePeriod::Day), day(2059, 9, 18));
        assert_eq!(
            utc(TimePeriod::Week.max_millis()).date_naive(),
            day(2598, 1, 4)
        );
        assert_eq!(day(2598, 1, 4).weekday(), chrono::Weekday::Thu);
        assert_eq!(last_day(TimePeriod::Month), day(4700, 8, 31));
        assert_eq!(last_day(TimePeriod::Year), day(34737, 12, 31));
        assert_eq!(TimePeriod::Day.max_millis() % 86_400_000, 0);
        for period in [
            TimePeriod::Day,
            TimePeriod::Week,
            TimePeriod::Month,
            TimePeriod::Year,
        ] {
            assert_eq!(period.bin(period.max_millis() - 1), Ok(i16::MAX));
            assert!(period.binned_time(period.max_millis()).is_err());
            assert!(period.binned_time(-1).is_err());
        }
    }

    // geomesa.md §5.3 / BinnedTime.maxOffset.
    #[test]
    fn max_offsets_match_geomesa() {
        assert_eq!(TimePeriod::Day.max_offset(), 86_400_000);
        assert_eq!(TimePeriod::Week.max_offset(), 604_800);
        assert_eq!(TimePeriod::Month.max_offset(), 2_678_400);
        assert_eq!(TimePeriod::Year.max_offset(), 527_050);
    }

    // BinnedTimeTest.scala checks against Joda's Days/Weeks/Months/YearsBetween from the epoch,
    // which count whole periods; these are such counts for fixed instants.
    #[test]
    fn bins_count_whole_periods_since_the_epoch() {
        let t = millis("2017-02-03T10:15:30.250Z");
        let days = 17_200; // 2017-02-03 is day 17200 since 1970-01-01
        assert_eq!(
            TimePeriod::Day.binned_time(t),
            Ok(BinnedTime {
                bin: days as i16,
                offset: 36_930_250
            })
        );
        assert_eq!(
            TimePeriod::Week.binned_time(t),
            Ok(BinnedTime {
                bin: (days / 7) as i16,
                offset: (days % 7) * 86_400 + 36_930
            })
        );
        let feb_seconds = 2 * 86_400 + 36_930;
        assert_eq!(
            TimePeriod::Month.binned_time(t),
            Ok(BinnedTime {
                bin: 47 * 12 + 1,
                offset: feb_seconds
            })
        );
        let year_minutes = (33 * 86_400 + 36_930) / 60;
        assert_eq!(
            TimePeriod::Year.binned_time(t),
            Ok(BinnedTime {
                bin: 47,
                offset: year_minutes
            })
        );
        // A month bin starts on the 1st: 1970-01-31 and 1970-02-01 straddle one.
        assert_eq!(
            TimePeriod::Month.bin(millis("1970-01-31T23:59:59.999Z")),
            Ok(0)
        );
        assert_eq!(TimePeriod::Month.bin(millis("1970-02-01T00:00:00Z")), Ok(1));
        assert_eq!(
            TimePeriod::Year.bin(millis("1970-12-31T23:59:59.999Z")),
            Ok(0)
        );
        assert_eq!(TimePeriod::Year.bin(millis("1971-01-01T00:00:00Z")), Ok(1));
    }

    // BinnedTimeTest.scala "convert to … and back": days keep ms, weeks and months keep
    // seconds, years keep minutes.
    #[test]
    fn round_trips_truncate_to_the_offset_unit() {
        for s in [
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z",
            "2017-02-03T10:15:30.250Z",
            "2008-02-29T12:34:56.789Z",
        ] {
            let t = millis(s);
            let back = |p: TimePeriod| p.millis(p.binned_time(t).unwrap());
            assert_eq!(back(TimePeriod::Day), t, "{s}");
            assert_eq!(back(TimePeriod::Week), t - t % 1000, "{s}");
            assert_eq!(back(TimePeriod::Month), t - t % 1000, "{s}");
            assert_eq!(back(TimePeriod::Year), t - t % 60_000, "{s}");
        }
    }

    #[test]
    fn parses_geomesa_period_names() {
        assert_eq!("month".parse(), Ok(TimePeriod::Month));
        assert_eq!(TimePeriod::default(), TimePeriod::Week);
        assert!("weekly".parse::<TimePeriod>().is_err());
    }
}
