//! `st_asLatLonText`: a point as degrees, minutes and seconds, in PostGIS's format language.
use crate::{Geo, GeomError};

/// `ST_AsLatLonText`'s default format: degrees, minutes, seconds to 3 decimals, then N/S or E/W.
pub const DEFAULT_FORMAT: &str = "D°M'S.SSS\"C";

/// The latitude, then the longitude, of `point` (x the longitude, y the latitude, in degrees),
/// each written with `format`, separated by a space: `2°19'29.928"S 3°14'3.243"W` for
/// `POINT(-3.2342342 -2.32498)`, as PostGIS's `ST_AsLatLonText(point, format)` writes it. The
/// format is [`LatLonFormat::parse`]d, and the point written with [`LatLonFormat::write`]; a
/// caller that writes many points with one format parses it once.
pub fn as_lat_lon_text(point: &Geo, format: &str) -> Result<String, GeomError> {
    LatLonFormat::parse(format)?.write(point)
}

/// A format of PostGIS's `ST_AsLatLonText`, parsed.
///
/// The format language is PostGIS's: `D`, `M` and `S` stand for degrees, minutes and seconds,
/// repeated for the digits before and after a `.` (`DDD.DD`: at least 3 characters wide, 2
/// decimals, padded with spaces); `C` for the cardinal direction (N, S, E, W), without which a
/// negative value has a minus sign on its degrees; anything else is copied. Without `M` the
/// degrees carry the fraction, without `S` the minutes do. The sign is applied to the absolute
/// value split into parts, so -2.5° is `-2°30'`, not `-3°30'` (GeoMesa's version floors the
/// degrees and writes the latter). Seconds that would round up to 60 carry into the minutes, as
/// in PostGIS. An empty format is [`DEFAULT_FORMAT`].
#[derive(Debug)]
pub struct LatLonFormat(Vec<Piece>);

impl LatLonFormat {
    /// Errors, as PostGIS raises them: a format without `D`, with a token used twice, with `S`
    /// but no `M`, or longer than 1,024 bytes.
    pub fn parse(format: &str) -> Result<LatLonFormat, GeomError> {
        let format = if format.is_empty() {
            DEFAULT_FORMAT
        } else {
            format
        };
        if format.len() > 1024 {
            return Err(GeomError::InvalidParameter(
                "the format exceeds the maximum length (1024)".into(),
            ));
        }
        parse_format(format).map(LatLonFormat)
    }

    /// Writes `point`. The coordinates are first brought into range as PostGIS does: a
    /// latitude past a pole comes back down the other side with the longitude turned by 180°,
    /// and the longitude is wrapped into -180..=180 (PostGIS subtracts 360 in a loop, which
    /// never ends for huge values; the remainder taken here is the same for every value that
    /// loop finishes on).
    ///
    /// Errors, as PostGIS raises them: a geometry that is not a point, and an empty point; and
    /// a coordinate that is not finite (PostGIS would loop forever). Z and M are ignored.
    pub fn write(&self, point: &Geo) -> Result<String, GeomError> {
        let point = match point.shape().as_deref() {
            Some(geo::Geometry::Point(point)) => point.0,
            Some(_) => {
                return Err(GeomError::Unsupported(
                    "only a point has a latitude and a longitude".into(),
                ))
            }
            None => {
                return Err(GeomError::InvalidParameter(
                    "an empty point has no latitude and longitude".into(),
                ))
            }
        };
        if !point.x.is_finite() || !point.y.is_finite() {
            return Err(GeomError::InvalidParameter(format!(
                "the coordinates must be finite numbers, got ({} {})",
                point.x, point.y
            )));
        }
        let (lat, lon) = normalize(point.y, point.x);
        Ok(format!(
            "{} {}",
            dms(lat, ('N', 'S'), &self.0),
            dms(lon, ('E', 'W'), &self.0)
        ))
    }
}

/// Latitude in -90..=90 and longitude in -180..=180.
fn normalize(mut lat: f64, mut lon: f64) -> (f64, f64) {
    if lat > 270.0 {
        lat = 270.0 - (270.0 - lat).rem_euclid(360.0);
    } else if lat < -270.0 {
        lat = -270.0 + (lat + 270.0).rem_euclid(360.0);
    }
    if lat > 90.0 {
        lat = 180.0 - lat;
        lon += 180.0;
    } else if lat < -90.0 {
        lat = -180.0 - lat;
        lon += 180.0;
    }
    if lon > 180.0 {
        lon = 180.0 - (180.0 - lon).rem_euclid(360.0);
    } else if lon < -180.0 {
        lon = -180.0 + (lon + 180.0).rem_euclid(360.0);
    }
    (lat, lon)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Unit {
    Degrees,
    Minutes,
    Seconds,
}

/// A number of the format: at least `width` characters, `decimals` after the point.
#[derive(Clone, Copy, Debug)]
struct Number {
    unit: Unit,
    width: usize,
    decimals: usize,
}

/// A part of a format: text copied as it is, a number, or the cardinal direction.
#[derive(Debug)]
enum Piece {
    Text(String),
    Number(Number),
    Direction,
}

fn parse_format(format: &str) -> Result<Vec<Piece>, GeomError> {
    let bad = |reason: &str| GeomError::InvalidParameter(format!("bad format: {reason}"));
    let mut pieces: Vec<Piece> = Vec::new();
    // The number being read, and whether its decimal point was seen.
    let mut reading: Option<(Number, bool)> = None;
    let mut seen = (false, false, false, false);
    let finish = |pieces: &mut Vec<Piece>, reading: &mut Option<(Number, bool)>| {
        if let Some((number, _)) = reading.take() {
            pieces.push(Piece::Number(number));
        }
    };
    for c in format.chars() {
        let unit = match c {
            'D' => Some(Unit::Degrees),
            'M' => Some(Unit::Minutes),
            'S' => Some(Unit::Seconds),
            _ => None,
        };
        match (unit, &mut reading) {
            (Some(unit), Some((number, point))) if number.unit == unit => {
                if *point {
                    number.decimals += 1;
                } else {
                    number.width += 1;
                }
            }
            (Some(unit), _) => {
                finish(&mut pieces, &mut reading);
                let seen_before = match unit {
                    Unit::Degrees => std::mem::replace(&mut seen.0, true),
                    Unit::Minutes => std::mem::replace(&mut seen.1, true),
                    Unit::Seconds => std::mem::replace(&mut seen.2, true),
                };
                if seen_before {
                    return Err(bad(&format!("{c} cannot be used more than once")));
                }
                reading = Some((
                    Number {
                        unit,
                        width: 1,
                        decimals: 0,
                    },
                    false,
                ));
            }
            (None, Some((_, point))) if c == '.' => *point = true,
            (None, _) => {
                finish(&mut pieces, &mut reading);
                if c == 'C' {
                    if std::mem::replace(&mut seen.3, true) {
                        return Err(bad("C cannot be used more than once"));
                    }
                    pieces.push(Piece::Direction);
                } else {
                    match pieces.last_mut() {
                        Some(Piece::Text(text)) => text.push(c),
                        _ => pieces.push(Piece::Text(c.to_string())),
                    }
                }
            }
        }
    }
    finish(&mut pieces, &mut reading);
    match seen {
        (false, ..) => Err(bad("degrees (D) must be included")),
        (_, false, true, _) => Err(bad("seconds (S) cannot be used without minutes (M)")),
        _ => Ok(pieces),
    }
}

/// One value written with the format's pieces; `directions` are the positive and negative
/// cardinal letters.
fn dms(value: f64, directions: (char, char), pieces: &[Piece]) -> String {
    let number = |unit| {
        pieces.iter().find_map(|piece| match piece {
            Piece::Number(number) if number.unit == unit => Some(*number),
            _ => None,
        })
    };
    let (minutes_format, seconds_format) = (number(Unit::Minutes), number(Unit::Seconds));
    let negative = value < 0.0;
    let mut degrees = value.abs();
    let mut minutes = 0.0;
    let mut seconds = 0.0;
    if minutes_format.is_some() {
        minutes = degrees.fract() * 60.0;
        degrees = degrees.trunc();
    }
    if let Some(seconds_format) = seconds_format {
        seconds = minutes.fract() * 60.0;
        minutes = minutes.trunc();
        // Seconds printed as 60 carry into the minutes, and minutes that reach 60 into the
        // degrees; PostGIS compares the minutes at the seconds' precision too.
        let scale = 10f64.powi(seconds_format.decimals as i32);
        if (seconds * scale).round() >= 60.0 * scale {
            minutes += 1.0;
            seconds = 0.0;
            if (minutes * scale).round() >= 60.0 * scale {
                degrees += 1.0;
                minutes = 0.0;
            }
        }
    }
    let has_direction = pieces.iter().any(|piece| matches!(piece, Piece::Direction));
    if negative && !has_direction {
        degrees = -degrees;
    }
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(literal) => text.push_str(literal),
            Piece::Direction => text.push(if negative { directions.1 } else { directions.0 }),
            Piece::Number(number) => {
                let value = match number.unit {
                    Unit::Degrees => degrees,
                    Unit::Minutes => minutes,
                    Unit::Seconds => seconds,
                };
                text.push_str(&format!(
                    "{value:>width$.decimals$}",
                    width = number.width,
                    decimals = number.decimals
                ));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(x: f64, y: f64, format: &str) -> Result<String, GeomError> {
        as_lat_lon_text(&Geo::Point(geo::Coord { x, y }), format)
    }

    /// PostGIS's examples (https://postgis.net/docs/ST_AsLatLonText.html), all on
    /// `POINT(-3.2342342 -2.32498)` but the last, which is brought into range.
    #[test]
    fn formats_as_postgis_does() {
        for (x, y, format, expected) in [
            (-3.2342342, -2.32498, "", "2°19'29.928\"S 3°14'3.243\"W"),
            (-3.2342342, -2.32498, "D°M'S.SSS\"C", "2°19'29.928\"S 3°14'3.243\"W"),
            (
                -3.2342342,
                -2.32498,
                "D degrees, M minutes, S seconds to the C",
                "2 degrees, 19 minutes, 30 seconds to the S 3 degrees, 14 minutes, 3 seconds to the W",
            ),
            (-3.2342342, -2.32498, "D.DDDD degrees C", "2.3250 degrees S 3.2342 degrees W"),
            (-302.2342342, -792.32498, "", "72°19'29.928\"S 57°45'56.757\"E"),
        ] {
            assert_eq!(text(x, y, format).unwrap(), expected, "{format}");
        }
    }

    /// Without `C` the sign goes on the degrees of the absolute value split into parts:
    /// PostGIS gives `-2°19'29.928" -3°14'3.243"` for `POINT(-3.2342342 -2.32498)` (its
    /// documented example), where GeoMesa's `st_asLatLonText` floors the degrees and writes -3°
    /// and -4°.
    #[test]
    fn negative_values_keep_their_degrees() {
        assert_eq!(
            text(-3.2342342, -2.32498, "D°M'S.SSS\"").unwrap(),
            "-2°19'29.928\" -3°14'3.243\""
        );
    }

    /// From the documentation of PolarDB's PostGIS-compatible `ST_AsLatLonText`: no separators
    /// between the parts, a multi-byte character, and a longitude of 476 brought to 116.
    #[test]
    fn copies_other_characters_and_wraps_longitudes() {
        assert_eq!(
            text(116.0, 40.0, "DMS.SS秒 (C)").unwrap(),
            "4000.00秒 (N) 11600.00秒 (E)"
        );
        assert_eq!(
            text(476.0, 40.0, "").unwrap(),
            "40°0'0.000\"N 116°0'0.000\"E"
        );
    }

    /// PostGIS's own unit tests (liblwgeom `cunit/cu_print.c`): points around the globe in the
    /// default format, seconds that round up to 60, parts in any order, decimal parts, and
    /// parts written without separators.
    #[test]
    fn passes_postgis_unit_tests() {
        for (x, y, format, expected) in [
            (0.0, 0.0, "", "0°0'0.000\"N 0°0'0.000\"E"),
            (45.4545, 12.34567, "", "12°20'44.412\"N 45°27'16.200\"E"),
            (180.0, 90.0, "", "90°0'0.000\"N 180°0'0.000\"E"),
            (181.0, 91.0, "", "89°0'0.000\"N 1°0'0.000\"E"),
            (180.0001, 90.0001, "", "89°59'59.640\"N 0°0'0.360\"E"),
            (-181.0, -91.0, "", "89°0'0.000\"S 1°0'0.000\"W"),
            (-180.0001, -90.0001, "", "89°59'59.640\"S 0°0'0.360\"W"),
            (
                -2348982391.123456,
                -238749827.34879,
                "",
                "12°39'4.356\"N 31°7'24.442\"W",
            ),
            (76.6, -76.6, "", "76°36'0.000\"S 76°36'0.000\"E"),
            (-45.4545, -12.34567, "C DD MM SS", "S 12 20 44 W 45 27 16"),
            (-45.4545, -12.34567, "SS MM C DD", "44 20 S 12 16 27 W 45"),
            (-45.4545, -12.34567, "DD MM SS C", "12 20 44 S 45 27 16 W"),
            (21.9999999, 1.0, "D-M-S-C", "1-0-0-N 22-0-0-E"),
            (21.99999999999, 1.0, "D-M-S-C", "1-0-0-N 22-0-0-E"),
            (-45.4545, -12.34567, "DD.DDD", "-12.346 -45.455"),
            (-45.4545, -12.34567, "DD.DDD C", "12.346 S 45.455 W"),
            (
                -45.4545,
                -12.34567,
                "DD.DDD MM.MMM",
                "-12.000 20.740 -45.000 27.270",
            ),
            (
                -45.4545,
                -12.34567,
                "DD.DDD MM.MMM SS.SSS C",
                "12.000 20.000 44.412 S 45.000 27.000 16.200 W",
            ),
            (
                -45.4545,
                -12.34567,
                "DD.DDDMM.MMMSS.SSSC",
                "12.00020.00044.412S 45.00027.00016.200W",
            ),
            (-45.4545, -12.34567, "DDMM.MMM", "-1220.740 -4527.270"),
            (-45.4545, -12.34567, "DD.MM.MMM", "-1220.740 -4527.270"),
        ] {
            assert_eq!(
                text(x, y, format).unwrap(),
                expected,
                "POINT({x} {y}) {format}"
            );
        }
    }

    /// A format parsed once writes any number of points (PostGIS's unit test values).
    #[test]
    fn a_parsed_format_writes_many_points() {
        let format = LatLonFormat::parse("DD.DDD C").unwrap();
        let point = |x, y| Geo::Point(geo::Coord { x, y });
        assert_eq!(
            format.write(&point(-45.4545, -12.34567)).unwrap(),
            "12.346 S 45.455 W"
        );
        assert_eq!(
            format.write(&point(45.4545, 12.34567)).unwrap(),
            "12.346 N 45.455 E"
        );
        assert!(LatLonFormat::parse("DD MM SS MM").is_err());
    }

    #[test]
    fn bad_formats_and_coordinates_are_errors() {
        // The first five are PostGIS's unit tests of bad formats.
        for format in [
            "DD.DDD SS.SSS",
            "MM.MMM SS.SSS",
            "DD MM SS MM",
            "DD MM SS SS",
            "C DD.DDD C",
            "D D",
        ] {
            assert!(
                matches!(text(1.0, 2.0, format), Err(GeomError::InvalidParameter(_))),
                "{format}"
            );
        }
        assert!(text(1.0, 2.0, &"D".repeat(1025)).is_err());
        assert!(text(f64::NAN, 2.0, "").is_err());
        assert!(text(1.0, f64::INFINITY, "").is_err());
        // Huge values end: PostGIS's loop of subtractions would not.
        assert!(text(1e300, -1e300, "").is_ok());
        let line = crate::testing::wkb("LINESTRING(0 0,1 1)");
        assert!(matches!(
            as_lat_lon_text(&crate::testing::geo(&line), ""),
            Err(GeomError::Unsupported(_))
        ));
        let empty = crate::testing::wkb("POINT EMPTY");
        assert!(matches!(
            as_lat_lon_text(&crate::testing::geo(&empty), ""),
            Err(GeomError::InvalidParameter(_))
        ));
        // A point with Z is written from its x and y.
        let z = crate::testing::wkb("POINT Z (-3.2342342 -2.32498 7)");
        assert_eq!(
            as_lat_lon_text(&crate::testing::geo(&z), "").unwrap(),
            "2°19'29.928\"S 3°14'3.243\"W"
        );
    }
}
