//! GeoMesa's named date-time partition schemes (`DateTimeScheme.Formats`).
use chrono::{
    DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Timelike,
    Utc, Weekday,
};

use crate::error::PartitionError;

/// The calendar unit a time partition spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
}

/// How a time partition is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `yyyy/MM/dd/HH/mm` cut after the unit.
    Calendar,
    /// `yyyy/DDD/HH/mm` (day of year) cut after the unit.
    Julian,
    /// `YYYY/'W'ww`: ISO week-based year and week.
    IsoWeek,
}

/// A named time scheme: `minute`, `hourly`, `daily`, `weekly`, `monthly`, `julian-minute`,
/// `julian-hourly` or `julian-daily`, with an optional `step` (partitions span `step` units,
/// counted from the start of the enclosing hour, day, year or ISO week-year, as GeoMesa does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeScheme {
    name: &'static str,
    unit: Unit,
    layout: Layout,
    step: u32,
}

const FORMATS: [(&str, Unit, Layout); 8] = [
    ("minute", Unit::Minutes, Layout::Calendar),
    ("hourly", Unit::Hours, Layout::Calendar),
    ("daily", Unit::Days, Layout::Calendar),
    ("weekly", Unit::Weeks, Layout::IsoWeek),
    ("monthly", Unit::Months, Layout::Calendar),
    ("julian-minute", Unit::Minutes, Layout::Julian),
    ("julian-hourly", Unit::Hours, Layout::Julian),
    ("julian-daily", Unit::Days, Layout::Julian),
];

impl TimeScheme {
    /// The scheme GeoMesa names `name` (case-insensitively), if it is a time scheme.
    pub(crate) fn named(name: &str) -> Option<Self> {
        FORMATS
            .iter()
            .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
            .map(|&(name, unit, layout)| Self {
                name,
                unit,
                layout,
                step: 1,
            })
    }

    /// This scheme with partitions spanning `step` units (at least 1).
    pub(crate) fn with_step(self, step: u32) -> Self {
        Self {
            step: step.max(1),
            ..self
        }
    }

    /// GeoMesa's name of the scheme, e.g. `daily`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Partitions span this many units.
    pub fn step(&self) -> u32 {
        self.step
    }

    /// The GeoMesa date pattern of the partition names, e.g. `yyyy/MM/dd`.
    pub fn pattern(&self) -> &'static str {
        match (self.layout, self.unit) {
            (Layout::IsoWeek, _) => "YYYY/'W'ww",
            (Layout::Calendar, Unit::Minutes) => "yyyy/MM/dd/HH/mm",
            (Layout::Calendar, Unit::Hours) => "yyyy/MM/dd/HH",
            (Layout::Calendar, Unit::Months) => "yyyy/MM",
            (Layout::Calendar, _) => "yyyy/MM/dd",
            (Layout::Julian, Unit::Minutes) => "yyyy/DDD/HH/mm",
            (Layout::Julian, Unit::Hours) => "yyyy/DDD/HH",
            (Layout::Julian, _) => "yyyy/DDD",
        }
    }

    /// How many `/`-separated levels a partition name has (GeoMesa counts the pattern's `/`).
    pub fn depth(&self) -> usize {
        self.pattern().matches('/').count() + 1
    }

    /// The partition of an instant, in ms since the epoch.
    pub fn partition(&self, millis: i64) -> Result<String, PartitionError> {
        let start = self.partition_start(to_datetime(millis)?);
        self.format(&start)
            .ok_or(PartitionError::TimeOutOfRange(millis))
    }

    /// The partitions overlapping `[start, end)` (ms since the epoch), in order; `None` (no
    /// pruning) if there would be more than `limit`, or an end lies outside the years a name
    /// can show, as for an open-ended query passing `i64::MAX`.
    pub fn partitions(&self, start: i64, end: i64, limit: usize) -> Option<Vec<String>> {
        let mut names = Vec::new();
        if start >= end {
            return Some(names);
        }
        let end_time = to_datetime(end).ok()?;
        let mut current = self.partition_start(to_datetime(start).ok()?);
        while current < end_time {
            if names.len() == limit {
                return None;
            }
            names.push(self.format(&current)?);
            current = self.next_partition_start(current);
        }
        Some(names)
    }

    /// The first and last partition names overlapping `[start, end)`, or `None` if the interval
    /// is empty. A side whose instant can't be named is `None`, i.e. unbounded. Names of one
    /// scheme sort as their times do, so a partition overlaps iff its name lies between these.
    pub(crate) fn name_bounds(
        &self,
        start: i64,
        end: i64,
    ) -> Option<(Option<String>, Option<String>)> {
        if start >= end {
            return None;
        }
        let name = |millis: i64| self.partition(millis).ok();
        Some((name(start), name(end - 1)))
    }

    /// The start of the partition holding `t`: truncated to the unit, then back to a multiple
    /// of `step` within the enclosing hour, day, year or ISO week-year.
    fn partition_start(&self, t: NaiveDateTime) -> NaiveDateTime {
        let date = t.date();
        let step = self.step;
        match self.unit {
            Unit::Minutes => {
                let minute = t.minute() - t.minute() % step;
                midnight(date)
                    + TimeDelta::hours(i64::from(t.hour()))
                    + TimeDelta::minutes(i64::from(minute))
            }
            Unit::Hours => midnight(date) + TimeDelta::hours(i64::from(t.hour() - t.hour() % step)),
            Unit::Days => {
                let back = (date.ordinal() - 1) % step;
                midnight(date - TimeDelta::days(i64::from(back)))
            }
            Unit::Weeks => {
                let iso = date.iso_week();
                let week = iso.week() - (iso.week() - 1) % step;
                let monday =
                    NaiveDate::from_isoywd_opt(iso.year(), week, Weekday::Mon).unwrap_or(date);
                midnight(monday)
            }
            Unit::Months => {
                let month = date.month() - (date.month() - 1) % step;
                midnight(NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date))
            }
        }
    }

    /// The start of the partition after the one starting at `start`: `step` units on, but
    /// never past the start of the next cycle, where step counting restarts. Saturates at
    /// chrono's last instant, which ends any enumeration.
    fn next_partition_start(&self, start: NaiveDateTime) -> NaiveDateTime {
        let step = i64::from(self.step);
        let date = start.date();
        let add = |delta: Option<TimeDelta>| delta.and_then(|d| start.checked_add_signed(d));
        let (stepped, cycle_end) = match self.unit {
            Unit::Minutes => (
                add(TimeDelta::try_minutes(step)),
                start
                    .with_minute(0)
                    .and_then(|hour| hour.checked_add_signed(TimeDelta::hours(1))),
            ),
            Unit::Hours => (
                add(TimeDelta::try_hours(step)),
                date.succ_opt().map(midnight),
            ),
            Unit::Days => (add(TimeDelta::try_days(step)), year_start(date.year() + 1)),
            Unit::Weeks => (
                add(TimeDelta::try_weeks(step)),
                NaiveDate::from_isoywd_opt(date.iso_week().year() + 1, 1, Weekday::Mon)
                    .map(midnight),
            ),
            Unit::Months => (
                start.checked_add_months(Months::new(self.step)),
                year_start(date.year() + 1),
            ),
        };
        let bound = stepped
            .unwrap_or(NaiveDateTime::MAX)
            .min(cycle_end.unwrap_or(NaiveDateTime::MAX));
        let next = self.partition_start(bound);
        // A partition start at or before `start` can only come from saturation.
        if next > start {
            next
        } else {
            NaiveDateTime::MAX
        }
    }

    fn format(&self, t: &NaiveDateTime) -> Option<String> {
        let year = match self.layout {
            Layout::IsoWeek => t.date().iso_week().year(),
            _ => t.year(),
        };
        // Java pads `yyyy` to 4 digits and signs longer years; keep to years that need neither.
        if !(1..=9999).contains(&year) {
            return None;
        }
        let mut name = format!("{year:04}");
        match self.layout {
            Layout::IsoWeek => name.push_str(&format!("/W{:02}", t.date().iso_week().week())),
            Layout::Julian => name.push_str(&format!("/{:03}", t.ordinal())),
            Layout::Calendar => {
                name.push_str(&format!("/{:02}", t.month()));
                if self.unit != Unit::Months {
                    name.push_str(&format!("/{:02}", t.day()));
                }
            }
        }
        if matches!(self.unit, Unit::Hours | Unit::Minutes) {
            name.push_str(&format!("/{:02}", t.hour()));
        }
        if self.unit == Unit::Minutes {
            name.push_str(&format!("/{:02}", t.minute()));
        }
        Some(name)
    }
}

fn year_start(year: i32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(year, 1, 1).map(midnight)
}

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

fn to_datetime(millis: i64) -> Result<NaiveDateTime, PartitionError> {
    Utc.timestamp_millis_opt(millis)
        .single()
        .map(|t: DateTime<Utc>| t.naive_utc())
        .ok_or(PartitionError::TimeOutOfRange(millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    fn scheme(name: &str, step: u32) -> TimeScheme {
        TimeScheme::named(name).unwrap().with_step(step)
    }

    // DateTimeSchemeTest.scala "partition based on week": "2017/W05", and ten weeks out "2017/W10".
    #[test]
    fn weekly_names_the_iso_week_year_and_week() {
        let weekly = scheme("weekly", 1);
        assert_eq!(
            weekly.partition(millis("2017-02-03T10:15:30Z")).unwrap(),
            "2017/W05"
        );
        let ten_weeks_out = millis("2017-01-01T00:00:00Z") + (9 * 7 + 1) * 86_400_000;
        assert_eq!(weekly.partition(ten_weeks_out).unwrap(), "2017/W10");
    }

    // DateTimeSchemeTest.scala "partition based on date with slash delimiter": yyyy/DDD/HH gives
    // "2017/034/10"; the other named layouts follow their GeoMesa patterns.
    #[test]
    fn names_follow_geomesas_patterns() {
        let t = millis("2017-02-03T10:15:30Z");
        let expected = [
            ("julian-hourly", "2017/034/10"),
            ("julian-minute", "2017/034/10/15"),
            ("julian-daily", "2017/034"),
            ("minute", "2017/02/03/10/15"),
            ("hourly", "2017/02/03/10"),
            ("daily", "2017/02/03"),
            ("monthly", "2017/02"),
            ("weekly", "2017/W05"),
        ];
        for (name, partition) in expected {
            assert_eq!(scheme(name, 1).partition(t).unwrap(), partition, "{name}");
        }
    }

    // DateTimeScheme.Formats: each named scheme's pattern.
    #[test]
    fn patterns_match_geomesas_formats() {
        let expected = [
            ("minute", "yyyy/MM/dd/HH/mm", 5),
            ("hourly", "yyyy/MM/dd/HH", 4),
            ("daily", "yyyy/MM/dd", 3),
            ("monthly", "yyyy/MM", 2),
            ("julian-minute", "yyyy/DDD/HH/mm", 4),
            ("julian-hourly", "yyyy/DDD/HH", 3),
            ("julian-daily", "yyyy/DDD", 2),
            ("weekly", "YYYY/'W'ww", 2),
        ];
        for (name, pattern, depth) in expected {
            assert_eq!(scheme(name, 1).pattern(), pattern);
            assert_eq!(scheme(name, 1).depth(), depth, "{name}");
        }
    }

    // The 5.2.2 example-csv-lines fixture store (daily) and the 2.3.0 example-csv one (monthly)
    // hold partitions "2015/06/02" and "2015/06".
    #[test]
    fn names_match_the_fixture_stores() {
        let t = millis("2015-06-02T12:00:00Z");
        assert_eq!(scheme("daily", 1).partition(t).unwrap(), "2015/06/02");
        assert_eq!(scheme("monthly", 1).partition(t).unwrap(), "2015/06");
    }

    // DateTimeSchemeTest.scala "simplify filters": [00:00, 01:55) on 2016-08-03 touches two hours.
    #[test]
    fn an_interval_covers_the_partitions_it_touches() {
        let hourly = scheme("julian-hourly", 1);
        let parts = hourly
            .partitions(
                millis("2016-08-03T00:00:00Z"),
                millis("2016-08-03T01:55:00Z"),
                100,
            )
            .unwrap();
        assert_eq!(parts, ["2016/216/00", "2016/216/01"]);
    }

    // DateTimeSchemeTest.scala "simplify filters with step > 1": with 2-hour steps the same
    // interval is "2016/216/00" alone, and [00:00, 02:55) is "2016/216/00" and "2016/216/02".
    #[test]
    fn steps_group_units_into_one_partition() {
        let two_hours = scheme("julian-hourly", 2);
        let start = millis("2016-08-03T00:00:00Z");
        assert_eq!(
            two_hours
                .partitions(start, millis("2016-08-03T01:55:00Z"), 100)
                .unwrap(),
            ["2016/216/00"]
        );
        assert_eq!(
            two_hours
                .partitions(start, millis("2016-08-03T02:55:00Z"), 100)
                .unwrap(),
            ["2016/216/00", "2016/216/02"]
        );
    }

    // DateTimeSchemeTest.scala "calculate intersecting partitions for filters": for every named
    // format and steps 1, 2 and 12, [partition start, start + step units) is exactly that partition.
    #[test]
    fn a_partitions_own_span_intersects_only_itself() {
        let t = millis("2017-02-03T10:15:30Z");
        for (name, _, _) in FORMATS {
            for step in [1, 2, 12] {
                let s = scheme(name, step);
                let start = s.partition_start(to_datetime(t).unwrap());
                let end = match s.unit {
                    Unit::Minutes => start + TimeDelta::minutes(i64::from(step)),
                    Unit::Hours => start + TimeDelta::hours(i64::from(step)),
                    Unit::Days => start + TimeDelta::days(i64::from(step)),
                    Unit::Weeks => start + TimeDelta::weeks(i64::from(step)),
                    Unit::Months => start + Months::new(step),
                };
                let span = s.partitions(
                    start.and_utc().timestamp_millis(),
                    end.and_utc().timestamp_millis(),
                    100,
                );
                assert_eq!(
                    span.unwrap(),
                    [s.partition(t).unwrap()],
                    "{name} step {step}"
                );
            }
        }
    }

    // PartitionSchemeTest.scala "2 bit z2 with date": a day of an hourly scheme is 24 partitions.
    #[test]
    fn a_day_is_24_hourly_partitions() {
        let day = scheme("hourly", 1).partitions(
            millis("2016-08-03T00:00:00Z"),
            millis("2016-08-04T00:00:00Z"),
            100,
        );
        assert_eq!(day.unwrap().len(), 24);
    }

    #[test]
    fn enumeration_stops_at_the_limit() {
        let year = scheme("daily", 1).partitions(
            millis("2016-01-01T00:00:00Z"),
            millis("2017-01-01T00:00:00Z"),
            100,
        );
        assert_eq!(year, None);
    }

    #[test]
    fn huge_steps_do_not_overflow() {
        let t = millis("2017-02-03T10:15:30Z");
        for (name, _, _) in FORMATS {
            let s = scheme(name, u32::MAX);
            // Step counting restarts each hour, day, year or week-year, so a long interval
            // still yields one partition per cycle.
            let parts = s.partitions(t, t + 1000, 100).unwrap();
            assert_eq!(parts, [s.partition(t).unwrap()], "{name}");
            let day = s.partitions(t, t + 86_400_000, 100).unwrap();
            assert!(!day.is_empty() && day.len() <= 25, "{name}: {day:?}");
        }
    }

    // Name order is time order, across month, year and ISO week-year edges.
    #[test]
    fn names_sort_as_their_times() {
        let times = [
            "2015-12-28T00:00:00Z",
            "2015-12-31T23:00:00Z",
            "2016-01-01T00:00:00Z",
            "2016-02-29T10:00:00Z",
            "2016-12-31T00:00:00Z",
            "2017-01-02T00:00:00Z",
        ];
        for (name, _, _) in FORMATS {
            let s = scheme(name, 1);
            let names: Vec<String> = times
                .iter()
                .map(|t| s.partition(millis(t)).unwrap())
                .collect();
            assert!(names.windows(2).all(|w| w[0] <= w[1]), "{name}: {names:?}");
        }
        let daily = scheme("daily", 1);
        let bounds = daily.name_bounds(
            millis("2017-06-05T04:03:00Z"),
            millis("2017-06-07T00:00:00Z"),
        );
        assert_eq!(
            bounds,
            Some((Some("2017/06/05".into()), Some("2017/06/06".into())))
        );
        assert_eq!(daily.name_bounds(5, 5), None);
        assert_eq!(
            daily.name_bounds(0, i64::MAX),
            Some((Some("1970/01/01".into()), None))
        );
    }

    #[test]
    fn open_ended_intervals_are_not_pruned() {
        let daily = scheme("daily", 1);
        assert_eq!(daily.partitions(0, i64::MAX, usize::MAX), None);
        assert_eq!(daily.partitions(i64::MIN, 0, usize::MAX), None);
        assert_eq!(daily.partitions(5, 5, 100), Some(Vec::new()));
    }

    #[test]
    fn iso_week_years_differ_from_calendar_years_at_the_edges() {
        // 2016-01-01 is a Friday in ISO week 53 of 2015; 2018-12-31 is in week 1 of 2019.
        assert_eq!(
            scheme("weekly", 1)
                .partition(millis("2016-01-01T00:00:00Z"))
                .unwrap(),
            "2015/W53"
        );
        assert_eq!(
            scheme("weekly", 1)
                .partition(millis("2018-12-31T00:00:00Z"))
                .unwrap(),
            "2019/W01"
        );
    }
}
