//! What the text codecs (GeoJSON, EWKT, GML, KML) share: numbers printed as PostGIS prints them,
//! coordinates read with their Z and M, and the last step of every reader (checks, then ISO WKB).
use std::fmt::Write;

use geo_traits::{CoordTrait, Dimensions, GeometryTrait, GeometryType};

use crate::GeomError;

/// How deeply the text readers let geometries nest (a collection in a collection …), as the
/// `wkb` crate caps WKB at 128 levels: a reader recurses once per level, and an executor
/// thread's stack is not the place to find out how deep a user's input goes.
pub(crate) const MAX_NESTING_DEPTH: usize = 64;

/// Appends `value` as PostGIS's `lwprint_double` prints an ordinate: at most
/// `max_decimal_digits` digits after the point, trailing zeros dropped, in fixed notation when
/// 1e-8 < |value| < 1e15 and in exponent notation otherwise (`1e15`, `2.5e-9`; PostGIS writes
/// `1e+15`). A value that needs fewer digits to read back exactly is printed with those (its
/// shortest round-trip form), so `0.1` stays `0.1`. Zero, of either sign, is `0`. NaN and the
/// infinities have no spelling in these formats and are refused.
pub(crate) fn write_ordinate(
    out: &mut String,
    value: f64,
    max_decimal_digits: u8,
    format: &'static str,
) -> Result<(), GeomError> {
    if !value.is_finite() {
        return Err(GeomError::Encode {
            format,
            reason: format!("the coordinate {value} is not a finite number"),
        });
    }
    if value == 0.0 {
        out.push('0');
        return Ok(());
    }
    if !write_fixed_quickly(out, value, max_decimal_digits) {
        write_by_core_fmt(out, value, max_decimal_digits);
    }
    Ok(())
}

/// 10^k for k up to 15, each exact.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// [`write_ordinate`] for the common case, 1e-5 <= |value| < 1e15, without `core::fmt`'s float
/// printing (which took most of `st_asGeoJSON`'s time: a 17-vertex polygon's GeoJSON went from
/// 9.4 to 3.5 µs): the shortest form from `zmij`, or, where it has more than `digits`
/// decimals, the value rounded to them as an integer count of 10^-digits. Writes nothing and
/// returns false where it cannot be sure of `core::fmt`'s answer: outside that range, with 16
/// or 17 significant digits, and where the scaled value lies within rounding of a half (a tie,
/// which `core::fmt` breaks on the exact decimal expansion).
fn write_fixed_quickly(out: &mut String, value: f64, digits: u8) -> bool {
    let abs = value.abs();
    if !(1e-5..1e15).contains(&abs) || usize::from(digits) >= POWERS_OF_TEN.len() {
        return false;
    }
    let mut buffer = zmij::Buffer::new();
    let shortest = buffer.format_finite(value);
    if shortest.contains('e') {
        return false;
    }
    let shortest = shortest.strip_suffix(".0").unwrap_or(shortest);
    let decimals = shortest.find('.').map_or(0, |dot| shortest.len() - dot - 1);
    if decimals <= usize::from(digits) {
        // With 16 or 17 significant digits, two shortest forms may be equally near the value
        // (207376023212474.625 is .62 to zmij, .63 to core::fmt): core::fmt decides those.
        let significant = shortest
            .trim_start_matches(['-', '0', '.'])
            .bytes()
            .filter(u8::is_ascii_digit)
            .count();
        if significant >= 16 {
            return false;
        }
        out.push_str(shortest);
        return true;
    }
    let scale = POWERS_OF_TEN[usize::from(digits)];
    // Rounded once from abs · scale, so off by at most half an ulp: only a fraction that close
    // to one half leaves the nearest integer in doubt.
    let scaled = abs * scale;
    if scaled >= 2f64.powi(52) {
        return false;
    }
    let whole = scaled.floor();
    let fraction = scaled - whole;
    if (fraction - 0.5).abs() <= 4.0 * f64::EPSILON * scaled.max(1.0) {
        return false;
    }
    let count = whole as u64 + u64::from(fraction > 0.5);
    if count == 0 {
        // Rounded to zero, it keeps no sign, as zero itself.
        out.push('0');
        return true;
    }
    if value < 0.0 {
        out.push('-');
    }
    let unit = 10u64.pow(u32::from(digits));
    write!(out, "{}", count / unit).expect("writing to a String cannot fail");
    let rest = count % unit;
    if rest != 0 {
        let start = out.len();
        write!(out, ".{rest:0width$}", width = usize::from(digits))
            .expect("writing to a String cannot fail");
        trim_fraction(out, start, out.len());
    }
    true
}

/// [`write_ordinate`] through `core::fmt` for every finite non-zero value.
fn write_by_core_fmt(out: &mut String, value: f64, max_decimal_digits: u8) {
    let digits = usize::from(max_decimal_digits);
    let abs = value.abs();
    let start = out.len();
    if abs > 1e-8 && abs < 1e15 {
        // Display prints the shortest form that reads back as the same f64, never an exponent.
        write!(out, "{value}").expect("writing to a String cannot fail");
        let decimals = out[start..]
            .find('.')
            .map_or(0, |dot| out.len() - start - dot - 1);
        if decimals > digits {
            out.truncate(start);
            write!(out, "{value:.digits$}").expect("writing to a String cannot fail");
            trim_fraction(out, start, out.len());
        }
    } else {
        write!(out, "{value:e}").expect("writing to a String cannot fail");
        let exponent = start + out[start..].find('e').expect("`{:e}` writes an exponent");
        let decimals = out[start..exponent]
            .find('.')
            .map_or(0, |dot| exponent - start - dot - 1);
        if decimals > digits {
            let shortest = out.split_off(start);
            write!(out, "{value:.digits$e}").expect("writing to a String cannot fail");
            let exponent = start + out[start..].find('e').expect("`{:e}` writes an exponent");
            trim_fraction(out, start, exponent);
            // Rounded up past f64::MAX (1.797693135e308 at 9 digits), the number would read
            // back as infinite, or not at all: such a value keeps its shortest form.
            if out[start..].parse::<f64>().map_or(true, f64::is_infinite) {
                out.truncate(start);
                out.push_str(&shortest);
            }
        }
    }
    // A value rounded to zero keeps no sign, as zero itself.
    if &out[start..] == "-0" {
        out.replace_range(start.., "0");
    }
}

/// Drops the trailing zeros of the fraction in `out[start..end]`, and its point if nothing is
/// left after it.
fn trim_fraction(out: &mut String, start: usize, end: usize) {
    if !out[start..end].contains('.') {
        return;
    }
    let kept = out[start..end]
        .trim_end_matches('0')
        .trim_end_matches('.')
        .len();
    out.replace_range(start + kept..end, "");
}

/// The ordinates of a coordinate: x, y, then Z and M where its dimensions have them.
pub(crate) struct Ordinates {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) z: Option<f64>,
    pub(crate) m: Option<f64>,
}

impl Ordinates {
    pub(crate) fn of(coord: &impl CoordTrait<T = f64>) -> Ordinates {
        let (z, m) = match coord.dim() {
            Dimensions::Xyz => (coord.nth(2), None),
            Dimensions::Xym => (None, coord.nth(2)),
            Dimensions::Xyzm => (coord.nth(2), coord.nth(3)),
            Dimensions::Xy | Dimensions::Unknown(_) => (None, None),
        };
        Ordinates {
            x: coord.x(),
            y: coord.y(),
            z,
            m,
        }
    }
}

/// Whether a geometry's dimensions include Z, and M.
pub(crate) fn has_z_m(dim: Dimensions) -> (bool, bool) {
    match dim {
        Dimensions::Xyz => (true, false),
        Dimensions::Xym => (false, true),
        Dimensions::Xyzm => (true, true),
        Dimensions::Xy | Dimensions::Unknown(_) => (false, false),
    }
}

/// The standard geometry a rectangle, triangle or line stands for (a polygon, a polygon, a line
/// string), for writers that only know the seven OGC types; `None` for those seven.
pub(crate) fn standard_form(geometry: &impl GeometryTrait<T = f64>) -> Option<geo::Geometry<f64>> {
    use geo_traits::to_geo::{ToGeoLine, ToGeoRect, ToGeoTriangle};
    match geometry.as_type() {
        GeometryType::Rect(rect) => Some(geo::Geometry::Polygon(crate::value::rect_polygon(
            &rect.to_rect(),
        ))),
        GeometryType::Triangle(triangle) => {
            Some(geo::Geometry::Polygon(triangle.to_triangle().to_polygon()))
        }
        GeometryType::Line(line) => Some(geo::Geometry::LineString(line.to_line().into())),
        _ => None,
    }
}

/// The last step of every text reader: the checks WKT and WKB input gets too (point counts of
/// lines and rings, one dimension throughout), then the geometry appended to `out` as ISO WKB.
pub(crate) fn finish(geometry: &wkt::Wkt<f64>, out: &mut Vec<u8>) -> Result<(), GeomError> {
    crate::wkb_codec::check_point_counts(geometry)?;
    crate::wkt_codec::check_member_dimensions(geometry)?;
    crate::write_wkb(geometry, out);
    Ok(())
}

/// Gives every coordinate of a geometry read from text a Z (0 where it had none) when
/// `keep_z`, or none, so that the geometry has one dimension throughout, as WKB needs. Text
/// readers take coordinates as they come and decide afterwards, each as PostGIS decides for its
/// format.
pub(crate) fn uniform_z(geometry: wkt::Wkt<f64>, keep_z: bool) -> wkt::Wkt<f64> {
    use wkt::types::{
        Coord, Dimension, GeometryCollection, LineString, MultiLineString, MultiPoint,
        MultiPolygon, Point, Polygon,
    };
    let dim = if keep_z {
        Dimension::XYZ
    } else {
        Dimension::XY
    };
    let coord = |c: Coord<f64>| Coord {
        z: keep_z.then(|| c.z.unwrap_or(0.0)),
        m: None,
        ..c
    };
    let point = |p: Point<f64>| Point::new(p.into_inner().0.map(coord), dim);
    let line = |l: LineString<f64>| {
        LineString::new(l.into_inner().0.into_iter().map(coord).collect(), dim)
    };
    let polygon =
        |p: Polygon<f64>| Polygon::new(p.into_inner().0.into_iter().map(line).collect(), dim);
    match geometry {
        wkt::Wkt::Point(p) => wkt::Wkt::Point(point(p)),
        wkt::Wkt::LineString(l) => wkt::Wkt::LineString(line(l)),
        wkt::Wkt::Polygon(p) => wkt::Wkt::Polygon(polygon(p)),
        wkt::Wkt::MultiPoint(ps) => wkt::Wkt::MultiPoint(MultiPoint::new(
            ps.into_inner().0.into_iter().map(point).collect(),
            dim,
        )),
        wkt::Wkt::MultiLineString(ls) => wkt::Wkt::MultiLineString(MultiLineString::new(
            ls.into_inner().0.into_iter().map(line).collect(),
            dim,
        )),
        wkt::Wkt::MultiPolygon(ps) => wkt::Wkt::MultiPolygon(MultiPolygon::new(
            ps.into_inner().0.into_iter().map(polygon).collect(),
            dim,
        )),
        wkt::Wkt::GeometryCollection(parts) => {
            wkt::Wkt::GeometryCollection(GeometryCollection::new(
                parts
                    .into_inner()
                    .0
                    .into_iter()
                    .map(|part| uniform_z(part, keep_z))
                    .collect(),
                dim,
            ))
        }
    }
}

/// `EPSG:4326`, `urn:ogc:def:crs:EPSG::4326`, `http://www.opengis.net/gml/srs/epsg.xml#4326`
/// or `http://www.opengis.net/def/crs/EPSG/0/4326`: the SRID a CRS name of GeoJSON or GML
/// gives, where it names an EPSG code.
pub(crate) fn srid_of_crs_name(name: &str) -> Option<i32> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    let code = ["epsg:", "urn:ogc:def:crs:epsg:", "urn:x-ogc:def:crs:epsg:"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .map(|rest| rest.rsplit(':').next().unwrap_or(rest))
        .or_else(|| lower.strip_prefix("http://www.opengis.net/gml/srs/epsg.xml#"))
        .or_else(|| lower.strip_prefix("http://www.opengis.net/def/crs/epsg/0/"))?;
    code.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(value: f64, digits: u8) -> String {
        let mut out = String::new();
        write_ordinate(&mut out, value, digits, "test").unwrap();
        out
    }

    #[test]
    fn ordinates_are_printed_as_postgis_prints_them() {
        // Rounded to the digits asked for, trailing zeros dropped.
        assert_eq!(printed(5.234234233242, 5), "5.23423");
        assert_eq!(printed(6.34534534534, 5), "6.34535");
        assert_eq!(printed(1.0, 9), "1");
        assert_eq!(printed(-2.5, 9), "-2.5");
        assert_eq!(printed(0.1, 15), "0.1");
        assert_eq!(printed(0.30000000000000004, 15), "0.3");
        assert_eq!(printed(0.30000000000000004, 17), "0.30000000000000004");
        assert_eq!(printed(123.456, 0), "123");
        assert_eq!(printed(-0.0000001, 3), "0");
        assert_eq!(printed(-0.0, 9), "0");
        // Exponent notation outside (1e-8, 1e15).
        assert_eq!(printed(1e15, 9), "1e15");
        assert_eq!(printed(-1.23456789e20, 3), "-1.235e20");
        assert_eq!(printed(2.5e-9, 9), "2.5e-9");
        assert_eq!(printed(999_999_999_999_999.9, 0), "1000000000000000");
        assert_eq!(printed(f64::MAX, 9), "1.7976931348623157e308");
        assert_eq!(printed(-f64::MAX, 3), "-1.7976931348623157e308");
        let mut out = String::new();
        assert!(write_ordinate(&mut out, f64::NAN, 9, "GeoJSON").is_err());
        assert!(write_ordinate(&mut out, f64::INFINITY, 9, "GeoJSON").is_err());
    }

    #[test]
    fn the_quick_path_prints_what_core_fmt_prints() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut quick, mut total) = (0, 0);
        for i in 0..3_000_000u64 {
            let digits = (next() % 18) as u8;
            let r = next();
            let value = match i % 4 {
                // Any bits from 2^-24 to 2^120, in the quick path's range and out of it.
                0 => f64::from_bits(0x3e70_0000_0000_0000 + r % 0x0900_0000_0000_0000),
                // Short decimals, as data often holds.
                1 => (r % 100_000_000) as f64 / POWERS_OF_TEN[(next() % 9) as usize],
                // Halves at the digits printed, and their neighbours.
                2 => {
                    let tie =
                        ((r % 1_000_000) as f64 + 0.5) / POWERS_OF_TEN[usize::from(digits % 8)];
                    f64::from_bits(tie.to_bits().wrapping_add(next() % 3).wrapping_sub(1))
                }
                // Longitudes and latitudes.
                _ => (r % 360_000_000_000) as f64 / 1e9 - 180.0 + 1e-13 * (next() % 1000) as f64,
            };
            let value = if next() % 2 == 0 { value } else { -value };
            if !value.is_finite() || value == 0.0 {
                continue;
            }
            let mut fast = String::new();
            let mut slow = String::new();
            write_by_core_fmt(&mut slow, value, digits);
            total += 1;
            if write_fixed_quickly(&mut fast, value, digits) {
                quick += 1;
                assert_eq!(fast, slow, "{value:e} at {digits} digits");
            }
        }
        // The quick path must serve most values, or it serves no purpose.
        assert!(quick * 2 > total, "{quick} of {total}");
    }

    #[test]
    fn crs_names_give_epsg_codes() {
        for name in [
            "EPSG:4326",
            "urn:ogc:def:crs:EPSG::4326",
            "urn:ogc:def:crs:EPSG:6.6:4326",
            "http://www.opengis.net/gml/srs/epsg.xml#4326",
            "http://www.opengis.net/def/crs/EPSG/0/4326",
        ] {
            assert_eq!(srid_of_crs_name(name), Some(4326), "{name}");
        }
        assert_eq!(srid_of_crs_name("urn:ogc:def:crs:OGC:1.3:CRS84"), None);
        assert_eq!(srid_of_crs_name("EPSG:x"), None);
    }
}
