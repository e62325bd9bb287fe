//! What a partition's name says of its features, under GeoMesa's partition schemes (GeoMesa 5.x
//! `DateTimeScheme`, `Z2Scheme`, `XZ2Scheme`, `ReceiptTimeScheme`, `CompositeScheme`): the time
//! span of a date partition (`2015/06/02` under `daily`) and the box of a spatial one (`0770`
//! under `z2-10bits`). A reader prunes partitions with them as GeoMesa's own query planner does.
//!
//! Names are read back, not enumerated: a name that does not parse under its scheme, or a part
//! of a scheme that says nothing of times or places (`attribute`, `flat`), gives no bound, and
//! the partition is read.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc, Weekday};

use crate::changelog::Bbox;
use crate::metadata::PartitionScheme;

/// What a partition's name bounds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PartitionBounds {
    /// The times of its date attribute: `[first, last]` epoch microseconds, both inclusive.
    pub time: Option<[i64; 2]>,
    /// The box its geometries lie in (for `xz2`, their envelopes).
    pub bbox: Option<Bbox>,
}

/// One part of a (possibly composite) scheme, and how many path parts of a name it takes.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    Time {
        pattern: Vec<Token>,
        unit: Unit,
        step: u32,
        /// A receipt-time scheme's slack: features' dates lie this far around the partition.
        buffer_micros: i64,
    },
    Z2 {
        bits: u32,
    },
    Xz2 {
        bits: u32,
    },
    /// One path part that bounds nothing (`attribute`).
    Opaque,
    /// No path part (`flat`).
    Flat,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

/// A piece of a `java.time.format.DateTimeFormatter` pattern.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A numeric field: its pattern letter and width (`yyyy`, `MM`, `DDD`).
    Field(char, usize),
    Literal(String),
}

impl PartitionScheme {
    /// What the partition named `partition` bounds, or the default (nothing) when the scheme
    /// or the name is not one this reads.
    pub fn bounds(&self, partition: &str) -> PartitionBounds {
        let mut bounds = PartitionBounds::default();
        let Some(parts) = self.parts() else {
            return bounds;
        };
        let mut segments = partition.split('/');
        for part in parts {
            let depth = part.depth();
            let name: Vec<&str> = segments.by_ref().take(depth).collect();
            if name.len() < depth {
                return PartitionBounds::default();
            }
            let name = name.join("/");
            match part {
                Part::Time {
                    pattern,
                    unit,
                    step,
                    buffer_micros,
                } => {
                    let Some(start) = parse_time(&pattern, &name) else {
                        return PartitionBounds::default();
                    };
                    let Some(end) = unit.add(start, step) else {
                        return PartitionBounds::default();
                    };
                    let micros = |t: DateTime<Utc>| t.timestamp_micros();
                    bounds.time = Some([
                        micros(start).saturating_sub(buffer_micros),
                        (micros(end) - 1).saturating_add(buffer_micros),
                    ]);
                }
                Part::Z2 { bits } => bounds.bbox = name.parse().ok().and_then(|z| z2_cell(bits, z)),
                Part::Xz2 { bits } => {
                    bounds.bbox = name.parse().ok().and_then(|code| xz2_element(bits, code))
                }
                Part::Opaque | Part::Flat => {}
            }
        }
        if segments.next().is_some() {
            return PartitionBounds::default();
        }
        bounds
    }

    /// The date attribute a time part of the scheme partitions by, if it names one.
    pub fn dtg_attribute(&self) -> Option<&str> {
        self.options.get("dtg-attribute").map(String::as_str)
    }

    /// The scheme's parts, or `None` when one of them is not understood: a composite's options
    /// are shared by all its parts (`CompositeScheme`).
    fn parts(&self) -> Option<Vec<Part>> {
        self.name
            .split(',')
            .map(|name| self.part(name.trim()))
            .collect()
    }

    fn part(&self, name: &str) -> Option<Part> {
        let option = |key: &str| self.options.get(key).map(String::as_str);
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "flat" => Part::Flat,
            "attribute" => Part::Opaque,
            "receipt-time" => {
                // Its delegate is a date scheme, never another receipt-time one.
                let delegate = option("datetime-scheme").unwrap_or("datetime");
                let Part::Time {
                    pattern,
                    unit,
                    step,
                    ..
                } = self.time_part(delegate)?
                else {
                    return None;
                };
                Part::Time {
                    pattern,
                    unit,
                    step,
                    buffer_micros: parse_duration_micros(option("buffer").unwrap_or("30 minutes"))?,
                }
            }
            _ => {
                if let Some(bits) = spatial_bits(&lower, "z2", option("z2-resolution")) {
                    Part::Z2 { bits }
                } else if let Some(bits) = spatial_bits(&lower, "xz2", option("xz2-resolution")) {
                    Part::Xz2 { bits }
                } else {
                    return self.time_part(name);
                }
            }
        })
    }

    /// A date scheme: one of GeoMesa's named ones, or `datetime` with its options.
    fn time_part(&self, name: &str) -> Option<Part> {
        let option = |key: &str| self.options.get(key).map(String::as_str);
        let step = option("step").map_or(Some(1), |s| s.trim().parse().ok().filter(|s| *s > 0))?;
        let builtin = |pattern: &str, unit| {
            Some(Part::Time {
                pattern: tokens(pattern)?,
                unit,
                step,
                buffer_micros: 0,
            })
        };
        Some(match name.to_ascii_lowercase().as_str() {
            "minute" => builtin("yyyy/MM/dd/HH/mm", Unit::Minutes)?,
            "hourly" => builtin("yyyy/MM/dd/HH", Unit::Hours)?,
            "daily" => builtin("yyyy/MM/dd", Unit::Days)?,
            "weekly" => builtin("YYYY/'W'ww", Unit::Weeks)?,
            "monthly" => builtin("yyyy/MM", Unit::Months)?,
            "julian-minute" => builtin("yyyy/DDD/HH/mm", Unit::Minutes)?,
            "julian-hourly" => builtin("yyyy/DDD/HH", Unit::Hours)?,
            "julian-daily" => builtin("yyyy/DDD", Unit::Days)?,
            _ if name == "datetime" => {
                let unit = Unit::parse(option("step-unit")?)?;
                builtin(option("datetime-format")?, unit)?
            }
            _ => return None,
        })
    }
}

impl Part {
    fn depth(&self) -> usize {
        match self {
            Part::Time { pattern, .. } => {
                1 + pattern
                    .iter()
                    .map(|t| match t {
                        Token::Literal(text) => text.matches('/').count(),
                        Token::Field(..) => 0,
                    })
                    .sum::<usize>()
            }
            Part::Flat => 0,
            _ => 1,
        }
    }
}

impl Unit {
    /// A `java.time.temporal.ChronoUnit` name, as the `datetime` scheme's `step-unit` gives it.
    fn parse(name: &str) -> Option<Unit> {
        Some(match name.trim().to_ascii_uppercase().as_str() {
            "MINUTES" => Unit::Minutes,
            "HOURS" => Unit::Hours,
            "DAYS" => Unit::Days,
            "WEEKS" => Unit::Weeks,
            "MONTHS" => Unit::Months,
            "YEARS" => Unit::Years,
            _ => return None,
        })
    }

    fn add(self, start: DateTime<Utc>, step: u32) -> Option<DateTime<Utc>> {
        let step = i64::from(step);
        match self {
            Unit::Minutes => start.checked_add_signed(TimeDelta::try_minutes(step)?),
            Unit::Hours => start.checked_add_signed(TimeDelta::try_hours(step)?),
            Unit::Days => start.checked_add_signed(TimeDelta::try_days(step)?),
            Unit::Weeks => start.checked_add_signed(TimeDelta::try_weeks(step)?),
            Unit::Months => start.checked_add_months(Months::new(u32::try_from(step).ok()?)),
            Unit::Years => start.checked_add_months(Months::new(u32::try_from(step * 12).ok()?)),
        }
    }
}

/// `z2`, `z2-<n>bit`, `z2-<n>bits` (bits in the name win over the resolution option); an even
/// count from 2 to 62.
fn spatial_bits(name: &str, curve: &str, resolution: Option<&str>) -> Option<u32> {
    let rest = name.strip_prefix(curve)?;
    let bits: u32 = if rest.is_empty() {
        resolution?.trim().parse().ok()?
    } else {
        let digits = rest.strip_prefix('-')?;
        let digits = digits
            .strip_suffix("bits")
            .or_else(|| digits.strip_suffix("bit"))?;
        digits.parse().ok()?
    };
    ((2..=62).contains(&bits) && bits.is_multiple_of(2)).then_some(bits)
}

/// A pattern of `DateTimeFormatter` letters the date schemes use (`y`, `Y`, `M`, `d`, `D`, `H`,
/// `m`, `s`, `w`), with quoted and other literals; `None` for any other letter.
fn tokens(pattern: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            let mut text = String::new();
            loop {
                match chars.next()? {
                    '\'' if chars.peek() == Some(&'\'') => {
                        chars.next();
                        text.push('\'');
                    }
                    '\'' => break,
                    other => text.push(other),
                }
            }
            tokens.push(Token::Literal(text));
        } else if c.is_ascii_alphabetic() {
            if !"yYMdDHmsw".contains(c) {
                return None;
            }
            let mut width = 1;
            while chars.peek() == Some(&c) {
                chars.next();
                width += 1;
            }
            tokens.push(Token::Field(c, width));
        } else {
            tokens.push(Token::Literal(c.to_string()));
        }
    }
    Some(tokens)
}

/// The start of the partition named `name` under `pattern`, in UTC as GeoMesa formats it.
/// Fields are read at their pattern's width (`yyyy` four digits, `DDD` three), as GeoMesa
/// writes them; fields the pattern lacks take their first value.
fn parse_time(pattern: &[Token], name: &str) -> Option<DateTime<Utc>> {
    let mut rest = name;
    let (mut year, mut week_year, mut month, mut day, mut day_of_year, mut week) =
        (None, None, None, None, None, None);
    let (mut hour, mut minute, mut second) = (0, 0, 0);
    for token in pattern {
        match token {
            Token::Literal(text) => rest = rest.strip_prefix(text.as_str())?,
            Token::Field(letter, width) => {
                let digits = rest.get(..*width)?;
                if !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                rest = &rest[*width..];
                let value: u32 = digits.parse().ok()?;
                match letter {
                    'y' => year = Some(i32::try_from(value).ok()?),
                    'Y' => week_year = Some(i32::try_from(value).ok()?),
                    'M' => month = Some(value),
                    'd' => day = Some(value),
                    'D' => day_of_year = Some(value),
                    'w' => week = Some(value),
                    'H' => hour = value,
                    'm' => minute = value,
                    's' => second = value,
                    _ => return None,
                }
            }
        }
    }
    if !rest.is_empty() {
        return None;
    }
    let date = match (year, week_year, week, day_of_year) {
        (_, Some(week_year), Some(week), _) => {
            NaiveDate::from_isoywd_opt(week_year, week, Weekday::Mon)?
        }
        (Some(year), _, _, Some(day_of_year)) => NaiveDate::from_yo_opt(year, day_of_year)?,
        (Some(year), _, None, None) => {
            NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))?
        }
        _ => return None,
    };
    Some(date.and_hms_opt(hour, minute, second)?.and_utc())
}

/// A Scala `Duration` as text (`30 minutes`, `1 hour`, `90s`), in microseconds.
fn parse_duration_micros(text: &str) -> Option<i64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let amount: i64 = text[..split].parse().ok()?;
    let unit = text[split..].trim().to_ascii_lowercase();
    let micros: i64 = match unit.trim_end_matches('s') {
        "m" if unit == "ms" => 1_000,
        "milli" | "millisecond" => 1_000,
        "" | "second" | "sec" => 1_000_000,
        "m" | "min" | "minute" => 60_000_000,
        "h" | "hour" => 3_600_000_000,
        "d" | "day" => 86_400_000_000,
        _ => return None,
    };
    amount.checked_mul(micros)
}

/// The cell of Z2 value `z` on a curve of `bits` bits (GeoMesa's `Z2SFC(bits / 2)`, which
/// `strabo-curve` restates): its centre, plus and minus half a cell.
fn z2_cell(bits: u32, z: u64) -> Option<Bbox> {
    if z >> bits != 0 {
        return None;
    }
    let curve = strabo_curve::Z2Sfc::new(bits / 2).ok()?;
    let (x, y) = curve.invert(z);
    let bins = (1u64 << (bits / 2)) as f64;
    let (half_width, half_height) = (180.0 / bins, 90.0 / bins);
    Some(Bbox {
        xmin: x - half_width,
        ymin: y - half_height,
        xmax: x + half_width,
        ymax: y + half_height,
    })
}

/// The extended element of XZ2 sequence code `code` on a curve of resolution `bits / 2`
/// (GeoMesa's `XZ2SFC`): the quadrant the code descends to, doubled up and to the right, as
/// an element holds every envelope whose lower corner is in its cell and that fits in twice it.
fn xz2_element(bits: u32, code: u64) -> Option<Bbox> {
    let g = bits / 2;
    let (mut xmin, mut ymin, mut xmax, mut ymax) = (-180.0, -90.0, 180.0, 90.0);
    let mut rest = code;
    let mut level = 0;
    while rest > 0 {
        if level >= g {
            return None;
        }
        rest -= 1;
        // Codes below each quadrant of this level: (4^(g - level) - 1) / 3.
        let below = (4u64.checked_pow(g - level)? - 1) / 3;
        let quadrant = rest / below;
        rest %= below;
        if quadrant > 3 {
            return None;
        }
        let (xc, yc) = ((xmin + xmax) / 2.0, (ymin + ymax) / 2.0);
        if quadrant & 1 == 0 {
            xmax = xc;
        } else {
            xmin = xc;
        }
        if quadrant < 2 {
            ymax = yc;
        } else {
            ymin = yc;
        }
        level += 1;
    }
    Some(Bbox {
        xmin,
        ymin,
        xmax: (xmax + (xmax - xmin)).min(180.0),
        ymax: (ymax + (ymax - ymin)).min(90.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn scheme(name: &str, options: &[(&str, &str)]) -> PartitionScheme {
        PartitionScheme {
            name: name.into(),
            options: options
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn micros(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .timestamp_micros()
    }

    fn span(start: &str, end: &str) -> Option<[i64; 2]> {
        Some([micros(start), micros(end) - 1])
    }

    #[test]
    fn date_schemes_bound_times() {
        let cases = [
            (
                "daily",
                "2015/06/02",
                "2015-06-02T00:00:00Z",
                "2015-06-03T00:00:00Z",
            ),
            (
                "hourly",
                "2015/06/02/10",
                "2015-06-02T10:00:00Z",
                "2015-06-02T11:00:00Z",
            ),
            (
                "minute",
                "2015/06/02/10/15",
                "2015-06-02T10:15:00Z",
                "2015-06-02T10:16:00Z",
            ),
            (
                "monthly",
                "2015/12",
                "2015-12-01T00:00:00Z",
                "2016-01-01T00:00:00Z",
            ),
            // GeoMesa's tests: 2017-02-03 is day 034 and ISO week 05; 2015-06-02 is day 153.
            (
                "julian-daily",
                "2015/153",
                "2015-06-02T00:00:00Z",
                "2015-06-03T00:00:00Z",
            ),
            (
                "julian-hourly",
                "2017/034/10",
                "2017-02-03T10:00:00Z",
                "2017-02-03T11:00:00Z",
            ),
            (
                "weekly",
                "2017/W05",
                "2017-01-30T00:00:00Z",
                "2017-02-06T00:00:00Z",
            ),
            (
                "weekly",
                "2020/W53",
                "2020-12-28T00:00:00Z",
                "2021-01-04T00:00:00Z",
            ),
        ];
        for (name, partition, start, end) in cases {
            let bounds = scheme(name, &[]).bounds(partition);
            assert_eq!(bounds.time, span(start, end), "{name} {partition}");
            assert_eq!(bounds.bbox, None);
        }
        // 2021 has 52 ISO weeks.
        assert_eq!(scheme("weekly", &[]).bounds("2021/W53").time, None);
    }

    #[test]
    fn the_datetime_scheme_follows_its_format_step_unit_and_step() {
        let two_hours = scheme(
            "datetime",
            &[
                ("datetime-format", "yyyy/DDD/HH"),
                ("step-unit", "HOURS"),
                ("step", "2"),
            ],
        );
        assert_eq!(
            two_hours.bounds("2016/216/02").time,
            span("2016-08-03T02:00:00Z", "2016-08-03T04:00:00Z")
        );
        let flat_days = scheme(
            "datetime",
            &[("datetime-format", "yyyy-MM-dd"), ("step-unit", "days")],
        );
        assert_eq!(
            flat_days.bounds("2017-02-03").time,
            span("2017-02-03T00:00:00Z", "2017-02-04T00:00:00Z")
        );
        let nested = scheme(
            "datetime",
            &[("datetime-format", "yyyy/yyyyMMdd"), ("step-unit", "DAYS")],
        );
        assert_eq!(
            nested.bounds("2017/20170102").time,
            span("2017-01-02T00:00:00Z", "2017-01-03T00:00:00Z")
        );
        // Required options missing, an unknown unit, a name that does not fit: no bound.
        assert_eq!(
            scheme("datetime", &[("step-unit", "DAYS")])
                .bounds("2017")
                .time,
            None
        );
        assert_eq!(
            scheme(
                "datetime",
                &[("datetime-format", "yyyy"), ("step-unit", "ERAS")]
            )
            .bounds("2017"),
            PartitionBounds::default()
        );
        for bad in [
            "2015/06",
            "2015/06/02/01",
            "2015/13/01",
            "2015/06/2x",
            "15/06/02",
            "",
        ] {
            assert_eq!(scheme("daily", &[]).bounds(bad).time, None, "{bad}");
        }
    }

    #[test]
    fn receipt_time_widens_by_its_buffer() {
        let receipt = scheme(
            "receipt-time",
            &[("datetime-scheme", "hourly"), ("buffer", "1 hour")],
        );
        assert_eq!(
            receipt.bounds("2015/06/02/10").time,
            span("2015-06-02T09:00:00Z", "2015-06-02T12:00:00Z")
        );
        // A receipt-time scheme delegating to itself (or to a non-date scheme) bounds nothing.
        for delegate in ["receipt-time", "z2-2bits", "flat"] {
            let looped = scheme("receipt-time", &[("datetime-scheme", delegate)]);
            assert_eq!(looped.bounds("2015/06/02"), PartitionBounds::default());
        }
        let default = scheme("receipt-time", &[("datetime-scheme", "daily")]);
        assert_eq!(
            default.bounds("2015/06/02").time,
            span("2015-06-01T23:30:00Z", "2015-06-03T00:30:00Z")
        );
    }

    /// GeoMesa's `Z2Scheme` index of a point (`strabo-curve`'s restatement of `Z2SFC`).
    fn z2_of(bits: u32, x: f64, y: f64) -> u64 {
        strabo_curve::Z2Sfc::new(bits / 2)
            .unwrap()
            .index(x, y)
            .unwrap()
    }

    #[test]
    fn z2_partitions_are_their_cells() {
        assert_eq!(z2_of(10, 10.0, 10.0), 770);
        assert_eq!(z2_of(10, -75.0, 38.0), 617);
        assert_eq!(z2_of(20, 10.0, 10.0), 789_456);
        let two = scheme("z2-2bits", &[]);
        let cell = |p: &str| two.bounds(p).bbox.unwrap();
        assert_eq!(
            cell("0"),
            Bbox {
                xmin: -180.0,
                ymin: -90.0,
                xmax: 0.0,
                ymax: 0.0
            }
        );
        assert_eq!(
            cell("3"),
            Bbox {
                xmin: 0.0,
                ymin: 0.0,
                xmax: 180.0,
                ymax: 90.0
            }
        );
        for (bits, name) in [(10, "z2-10bits"), (20, "z2-20bit")] {
            let scheme = scheme(name, &[]);
            for (x, y) in [(10.0, 10.0), (-75.0, 38.0), (179.9, -89.9), (-180.0, 90.0)] {
                let z = z2_of(bits, x, y);
                let cell = scheme.bounds(&z.to_string()).bbox.unwrap();
                assert!(
                    cell.xmin <= x && x <= cell.xmax && cell.ymin <= y && y <= cell.ymax,
                    "{name}: ({x} {y}) is in {z}, not {cell:?}"
                );
            }
        }
        assert_eq!(
            scheme("z2", &[("z2-resolution", "4")])
                .bounds("15")
                .bbox
                .unwrap()
                .xmax,
            180.0
        );
        assert_eq!(
            scheme("z2-2bits", &[]).bounds("4"),
            PartitionBounds::default()
        );
        assert_eq!(
            scheme("z2-3bits", &[]).bounds("1"),
            PartitionBounds::default()
        );
    }

    /// GeoMesa's `XZ2SFC` code of a point (`strabo-curve`'s restatement).
    fn xz2_of_point(bits: u32, x: f64, y: f64) -> u64 {
        let curve = strabo_curve::Xz2Sfc::new(bits / 2).unwrap();
        curve.index(&strabo_curve::BBox::new(x, y, x, y)).unwrap()
    }

    #[test]
    fn xz2_partitions_are_their_extended_elements() {
        assert_eq!(xz2_of_point(10, 10.0, 10.0), 1030);
        assert_eq!(xz2_of_point(10, -75.0, 38.0), 825);
        assert_eq!(xz2_of_point(20, 10.0, 10.0), 1_052_614);
        let scheme = scheme("xz2-10bits", &[]);
        for (x, y) in [(10.0, 10.0), (-75.0, 38.0), (0.0, 0.0)] {
            let code = xz2_of_point(10, x, y);
            let element = scheme.bounds(&format!("{code:04}")).bbox.unwrap();
            assert!(
                element.xmin <= x && x <= element.xmax && element.ymin <= y && y <= element.ymax
            );
            // A full-length element of resolution 5 is 2 × 360/32 wide.
            assert_eq!(element.xmax - element.xmin, 22.5, "{code}");
        }
        // Code 0 is the whole world (an envelope too big for any quadrant).
        assert_eq!(
            scheme.bounds("0000").bbox,
            Some(Bbox {
                xmin: -180.0,
                ymin: -90.0,
                xmax: 180.0,
                ymax: 90.0
            })
        );
    }

    #[test]
    fn composites_bound_by_each_part() {
        let composite = scheme("daily,z2-2bits", &[]);
        let bounds = composite.bounds("2015/06/02/3");
        assert_eq!(
            bounds.time,
            span("2015-06-02T00:00:00Z", "2015-06-03T00:00:00Z")
        );
        assert_eq!(
            bounds.bbox,
            Some(Bbox {
                xmin: 0.0,
                ymin: 0.0,
                xmax: 180.0,
                ymax: 90.0
            })
        );
        let spatial_first = scheme("z2-2bits,hourly", &[]);
        assert_eq!(
            spatial_first.bounds("1/2015/06/02/10").bbox.unwrap().ymax,
            0.0
        );
        let attribute = scheme("attribute,daily", &[("partitioned-attribute", "name")]);
        assert_eq!(
            attribute.bounds("cats/2015/06/02").time,
            span("2015-06-02T00:00:00Z", "2015-06-03T00:00:00Z")
        );
        // Too few or too many parts, or an unknown part: no bound.
        assert_eq!(composite.bounds("2015/06/02"), PartitionBounds::default());
        assert_eq!(
            composite.bounds("2015/06/02/3/1"),
            PartitionBounds::default()
        );
        assert_eq!(
            scheme("daily,h3", &[]).bounds("2015/06/02/x"),
            PartitionBounds::default()
        );
        assert_eq!(scheme("flat", &[]).bounds(""), PartitionBounds::default());
    }

    #[test]
    fn scala_durations() {
        for (text, micros) in [
            ("30 minutes", 1_800_000_000),
            ("1 hour", 3_600_000_000),
            ("2h", 7_200_000_000),
            ("90s", 90_000_000),
            ("500 ms", 500_000),
            ("1 day", 86_400_000_000),
        ] {
            assert_eq!(parse_duration_micros(text), Some(micros), "{text}");
        }
        assert_eq!(parse_duration_micros("soon"), None);
    }
}
