//! ISO-8601 instants and durations as ECQL writes them, held as microseconds since the Unix
//! epoch (UTC), the unit of Spark's `TimestampType`.

const MICROS_PER_SECOND: i64 = 1_000_000;
const MICROS_PER_DAY: i64 = 86_400 * MICROS_PER_SECOND;

/// The earliest instant ECQL text can hold: 0000-01-01T00:00:00Z.
pub const MIN_INSTANT: i64 = -62_167_219_200 * MICROS_PER_SECOND;
/// The latest instant ECQL text can hold: 9999-12-31T23:59:59.999999Z.
pub const MAX_INSTANT: i64 = 253_402_300_800 * MICROS_PER_SECOND - 1;

/// Parses `YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z|±HH[:MM]]` into epoch microseconds. A missing
/// zone means UTC; digits of a fraction past the sixth (below a microsecond) are dropped.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = cursor.digits(4, "a 4-digit year")?;
    cursor.expect(b'-')?;
    let month = cursor.digits(2, "a 2-digit month")?;
    cursor.expect(b'-')?;
    let day = cursor.digits(2, "a 2-digit day")?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(format!(
            "{year:04}-{month:02}-{day:02} is not a calendar date"
        ));
    }
    let mut micros = days_from_civil(year, month, day) * MICROS_PER_DAY;
    if cursor.eat(b'T') {
        let hour = cursor.digits(2, "a 2-digit hour")?;
        cursor.expect(b':')?;
        let minute = cursor.digits(2, "2-digit minutes")?;
        let second = if cursor.eat(b':') {
            cursor.digits(2, "2-digit seconds")?
        } else {
            0
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(format!(
                "{hour:02}:{minute:02}:{second:02} is not a time of day"
            ));
        }
        micros += (hour * 3600 + minute * 60 + second) * MICROS_PER_SECOND;
        if cursor.eat(b'.') {
            micros += cursor.fraction_micros()?;
        }
        micros -= cursor.zone_offset_seconds()? * MICROS_PER_SECOND;
    }
    if cursor.at != cursor.bytes.len() {
        return Err(format!("unexpected '{}' in the instant", cursor.rest()));
    }
    if !(MIN_INSTANT..=MAX_INSTANT).contains(&micros) {
        return Err("the instant is outside the years 0000 to 9999".into());
    }
    Ok(micros)
}

/// Formats epoch microseconds as ECQL writes an instant: `2024-01-01T00:00:00Z`, with
/// `.SSS` or `.SSSSSS` only when the instant has a fraction of a second.
pub fn format_instant(micros: i64) -> String {
    let days = micros.div_euclid(MICROS_PER_DAY);
    let of_day = micros.rem_euclid(MICROS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let seconds = of_day / MICROS_PER_SECOND;
    let fraction = of_day % MICROS_PER_SECOND;
    let mut out = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if fraction % 1000 == 0 && fraction != 0 {
        out.push_str(&format!(".{:03}", fraction / 1000));
    } else if fraction != 0 {
        out.push_str(&format!(".{fraction:06}"));
    }
    out.push('Z');
    out
}

/// Parses an ISO-8601 duration of fixed length, `P[nW][nD][T[nH][nM][nS]]` or
/// `T[nH][nM][nS]`, into microseconds. Years and months have no fixed length and are refused.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let upper = text.to_ascii_uppercase();
    let (date_part, time_part) = match upper.strip_prefix('P') {
        Some(rest) => match rest.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (rest, None),
        },
        None => match upper.strip_prefix('T') {
            Some(time) => ("", Some(time)),
            None => return Err("a duration starts with P or T".into()),
        },
    };
    let mut total = 0i64;
    let mut parts = 0;
    for (number, unit) in duration_parts(date_part)? {
        let seconds = match unit {
            'W' => 7 * 86_400,
            'D' => 86_400,
            'Y' | 'M' => return Err("durations in years or months have no fixed length".into()),
            other => return Err(format!("'{other}' is not a unit of a date duration")),
        };
        total = add_scaled(total, number, seconds)?;
        parts += 1;
    }
    for (number, unit) in duration_parts(time_part.unwrap_or(""))? {
        let seconds = match unit {
            'H' => 3600,
            'M' => 60,
            'S' => 1,
            other => return Err(format!("'{other}' is not a unit of a time duration")),
        };
        total = add_scaled(total, number, seconds)?;
        parts += 1;
    }
    if parts == 0 {
        return Err("the duration has no length".into());
    }
    Ok(total)
}

/// `total + number * seconds` in microseconds, refusing overflow.
fn add_scaled(total: i64, number: i64, seconds: i64) -> Result<i64, String> {
    number
        .checked_mul(seconds * MICROS_PER_SECOND)
        .and_then(|micros| total.checked_add(micros))
        .ok_or_else(|| "the duration is too long".to_string())
}

/// `12D3H` as `[(12, 'D'), (3, 'H')]`.
fn duration_parts(text: &str) -> Result<Vec<(i64, char)>, String> {
    let mut parts = Vec::new();
    let mut number = String::new();
    for ch in text.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
        } else if number.is_empty() {
            return Err(format!("expected a number before '{ch}' in the duration"));
        } else {
            let value = number
                .parse::<i64>()
                .map_err(|_| "the duration is too long".to_string())?;
            parts.push((value, ch));
            number.clear();
        }
    }
    if !number.is_empty() {
        return Err("the duration ends in a number without a unit".into());
    }
    Ok(parts)
}

/// Reads the fixed-width fields of an instant.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> String {
        String::from_utf8_lossy(&self.bytes[self.at.min(self.bytes.len())..]).into_owned()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(format!("expected '{}' in the instant", byte as char))
        }
    }

    fn digits(&mut self, count: usize, what: &str) -> Result<i64, String> {
        let field = self
            .bytes
            .get(self.at..self.at + count)
            .filter(|field| field.iter().all(u8::is_ascii_digit))
            .ok_or_else(|| format!("expected {what} in the instant"))?;
        self.at += count;
        Ok(field
            .iter()
            .fold(0, |value, digit| value * 10 + i64::from(digit - b'0')))
    }

    /// Up to nine digits after the decimal point, as microseconds (truncated).
    fn fraction_micros(&mut self) -> Result<i64, String> {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let digits = &self.bytes[start..self.at];
        if digits.is_empty() || digits.len() > 9 {
            return Err("a fraction of a second has 1 to 9 digits".into());
        }
        Ok((0..6).fold(0, |micros, place| {
            micros * 10 + digits.get(place).map_or(0, |digit| i64::from(digit - b'0'))
        }))
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM` (none means UTC), as seconds east of UTC.
    fn zone_offset_seconds(&mut self) -> Result<i64, String> {
        if self.eat(b'Z') || self.at == self.bytes.len() {
            return Ok(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return Err(format!("expected Z or an offset, not '{}'", self.rest()));
        };
        let hours = self.digits(2, "2-digit offset hours")?;
        let minutes = if self.eat(b':') || self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.digits(2, "2-digit offset minutes")?
        } else {
            0
        };
        if hours > 18 || minutes > 59 {
            return Err("the zone offset is out of range".into());
        }
        Ok(sign * (hours * 3600 + minutes * 60))
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_instants_with_millis_and_offsets() {
        assert_eq!(parse_instant("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(
            parse_instant("2024-01-01T00:00:00Z"),
            Ok(1_704_067_200_000_000)
        );
        assert_eq!(
            parse_instant("2024-01-01T00:00:00.123Z"),
            Ok(1_704_067_200_123_000)
        );
        assert_eq!(
            parse_instant("2024-01-01T02:00:00+02:00"),
            Ok(1_704_067_200_000_000)
        );
        assert_eq!(
            parse_instant("2023-12-31T19:00:00-0500"),
            Ok(1_704_067_200_000_000)
        );
        assert_eq!(parse_instant("2024-01-01"), Ok(1_704_067_200_000_000));
        assert_eq!(parse_instant("1969-12-31T23:59:59.999999Z"), Ok(-1));
        assert_eq!(parse_instant("0000-01-01T00:00:00Z"), Ok(MIN_INSTANT));
        assert_eq!(
            parse_instant("9999-12-31T23:59:59.999999999Z"),
            Ok(MAX_INSTANT)
        );
    }

    #[test]
    fn refuses_malformed_instants() {
        for text in [
            "",
            "2024",
            "2024-13-01",
            "2023-02-29",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00.1234567890Z",
            "2024-01-01T00:00:00X",
            "2024-01-01T00:00:00Zjunk",
            "0000-01-01T00:00:00+01:00",
            "2024-01-01T00:00:00+19:00",
            "2024-01-01T00:00:00é",
        ] {
            assert!(parse_instant(text).is_err(), "{text}");
        }
    }

    #[test]
    fn formats_what_it_parses() {
        for text in [
            "2024-01-01T00:00:00Z",
            "2024-02-29T23:59:59.500Z",
            "1969-07-20T20:17:40.000001Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
        ] {
            let micros = parse_instant(text).unwrap();
            assert_eq!(format_instant(micros), text);
        }
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        let start = days_from_civil(1900, 1, 1);
        for days in start..start + 146_097 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn parses_fixed_durations_and_refuses_calendar_ones() {
        assert_eq!(parse_duration("T1S"), Ok(1_000_000));
        assert_eq!(parse_duration("P1D"), Ok(MICROS_PER_DAY));
        assert_eq!(
            parse_duration("P1W2DT3H4M5S"),
            Ok((9 * 86_400 + 3 * 3600 + 245) * MICROS_PER_SECOND)
        );
        for text in [
            "P1Y",
            "P2M",
            "P",
            "T",
            "P1",
            "PXD",
            "X1D",
            "P99999999999999999999D",
            "P9999999999999D",
        ] {
            assert!(parse_duration(text).is_err(), "{text}");
        }
    }
}
