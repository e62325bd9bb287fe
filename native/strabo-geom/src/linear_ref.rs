//! Linear referencing along line strings, as PostGIS computes it: points at a fraction of a
//! line's length, the fraction of the point nearest to another, and the part between two
//! fractions. Lengths are planar (X and Y); Z and M are interpolated along.
use crate::accessors::kind;
use crate::coords::{line_string, write_point, Dims, Shape, Xyzm};
use crate::{ArgError, Geo, GeomError};

/// Appends the point at `fraction` of the length of `line` as ISO WKB, Z and M interpolated
/// (`ST_LineInterpolatePoint`): 0 is the first vertex, 1 the last; an empty line gives an
/// empty point. A line of zero length gives its last vertex, as PostGIS does (GEOS gives the
/// first).
///
/// Refused as PostGIS refuses them, blaming the argument (0 `line`, 1 `fraction`): a fraction
/// outside [0, 1] and a geometry that is not a line string (a multi line string included). A
/// NaN fraction is refused too (PostGIS returns the last vertex).
pub fn line_interpolate_point(
    line: &Geo,
    fraction: f64,
    out: &mut Vec<u8>,
) -> Result<(), ArgError> {
    check_fraction("fraction", fraction).map_err(ArgError::at(1))?;
    let (coords, dims) = line_coords(line).map_err(ArgError::at(0))?;
    let (Some(first), Some(last)) = (coords.first(), coords.last()) else {
        write_point(out, dims, None);
        return Ok(());
    };
    if fraction == 0.0 || fraction == 1.0 {
        write_point(out, dims, Some(if fraction == 0.0 { first } else { last }));
        return Ok(());
    }
    // PostGIS's walk: the total by `sqrt`, each segment's share by `hypot`.
    let length = length_2d(&coords);
    let mut consumed = 0.0;
    for pair in coords.windows(2) {
        let share = pair[0].distance(&pair[1]) / length;
        if fraction < consumed + share {
            let at = pair[0].lerp(&pair[1], (fraction - consumed) / share);
            write_point(out, dims, Some(&at));
            return Ok(());
        }
        consumed += share;
    }
    // Rounding (or a zero length) left the fraction past the last segment.
    write_point(out, dims, Some(last));
    Ok(())
}

/// The fraction of the length of `line` at which its point nearest to `point` lies
/// (`ST_LineLocatePoint`, planar): on the first of the nearest segments; 1 when the nearest
/// point is within 1e-12 of the last vertex (PostGIS's tolerance), so 1 for a line of zero
/// length, as PostGIS answers (GEOS NaN). 0 for an empty line, and for an empty point
/// (PostGIS answers an undefined value, GEOS NaN).
///
/// Refused as PostGIS refuses them, blaming the argument (0 `line`, 1 `point`): a `line` that
/// is not a line string (a multi line string included) and a `point` that is not a point.
pub fn line_locate_point(line: &Geo, point: &Geo) -> Result<f64, ArgError> {
    let (coords, _) = line_coords(line).map_err(ArgError::at(0))?;
    let Some((target, _)) = crate::coords::point(point) else {
        return Err(ArgError::at(1)(GeomError::Unsupported(format!(
            "expected a POINT, got a {}",
            kind(point).wkt_name()
        ))));
    };
    let Some(p) = target.filter(|_| coords.len() > 1) else {
        return Ok(0.0);
    };
    let mut nearest = 0;
    let mut least = f64::MAX;
    for (i, pair) in coords.windows(2).enumerate() {
        let d = distance_squared_to_segment(&p, &pair[0], &pair[1]);
        if d < least {
            least = d;
            nearest = i;
            if d == 0.0 {
                break;
            }
        }
    }
    let projected = closest_on_segment(&p, &coords[nearest], &coords[nearest + 1]);
    let last = coords[coords.len() - 1];
    let within = |a: f64, b: f64| (a - b).abs() <= 1e-12;
    if nearest + 2 >= coords.len() && within(projected.x, last.x) && within(projected.y, last.y) {
        return Ok(1.0);
    }
    let total = length_2d(&coords);
    if total == 0.0 {
        return Ok(0.0);
    }
    let before: f64 = coords[..=nearest]
        .windows(2)
        .fold(0.0, |sum, pair| sum + pair[0].distance(&pair[1]));
    Ok((before + coords[nearest].distance(&projected)) / total)
}

/// Appends the part of `line` between the fractions `start` and `end` of its length as ISO
/// WKB (`ST_LineSubstring`), Z and M interpolated at its ends: a line string, or a point when
/// it has one vertex (`start` = `end`). A multi line string is cut as PostGIS cuts it, each
/// member over its share of the total length: a multi line string, or a collection when a
/// member is cut to a point. Returns `false` (NULL) for an empty line string or multi line
/// string, as PostGIS does.
///
/// Refused as PostGIS refuses them, blaming the argument (0 `line`, 1 `start`, 2 `end`):
/// fractions outside [0, 1] (NaN included, which PostGIS lets through to undefined output),
/// `start` > `end` (blamed on `start`), and a geometry that is neither a line string nor a
/// multi line string. shapely's `substring` also takes fractions in reverse order or negative
/// (from the end); PostGIS and this do not.
pub fn line_substring(
    line: &Geo,
    start: f64,
    end: f64,
    out: &mut Vec<u8>,
) -> Result<bool, ArgError> {
    check_fraction("start fraction", start).map_err(ArgError::at(1))?;
    check_fraction("end fraction", end).map_err(ArgError::at(2))?;
    if start > end {
        return Err(ArgError::at(1)(GeomError::InvalidParameter(format!(
            "the start fraction ({start}) is past the end fraction ({end})"
        ))));
    }
    let (shape, dims) = Shape::read(line);
    let cut = match shape {
        Shape::LineString(_) | Shape::MultiLineString(_) if line.is_empty() => return Ok(false),
        Shape::LineString(coords) => line_or_point(substring(&coords, start, end, dims)),
        Shape::MultiLineString(members) => {
            let lines: Vec<Vec<Xyzm>> = members
                .into_iter()
                .filter_map(|member| match member {
                    Shape::LineString(coords) => Some(coords),
                    _ => None,
                })
                .collect();
            multi_substring(&lines, start, end, dims)
        }
        // Empty ones included, as PostGIS refuses them.
        _ => {
            return Err(ArgError::at(0)(GeomError::Unsupported(format!(
                "expected a LINESTRING or MULTILINESTRING, got a {}",
                kind(line).wkt_name()
            ))))
        }
    };
    cut.write(dims, out);
    Ok(true)
}

/// PostGIS's cut of a multi line string: each member over its share of the total length.
fn multi_substring(lines: &[Vec<Xyzm>], start: f64, end: f64, dims: Dims) -> Shape {
    let length_of = |coords: &Vec<Xyzm>| {
        if coords.len() > 1 {
            length_2d(coords)
        } else {
            0.0
        }
    };
    let total: f64 = lines.iter().map(length_of).fold(0.0, |a, b| a + b);
    let mut parts = Vec::new();
    let mut points = false;
    let (mut so_far, mut upper) = (0.0, 0.0);
    for coords in lines {
        so_far += length_of(coords);
        let lower = upper;
        upper = so_far / total;
        // An empty member holds nothing to cut (PostGIS reads past it).
        if coords.is_empty() || start > upper || end < lower {
            continue;
        }
        let mut from = 0.0;
        let mut to = 0.0;
        if end >= upper {
            to = 1.0;
        }
        if start > lower && start <= upper {
            from = (start - lower) / (upper - lower);
        }
        if end < upper && end >= lower {
            to = (end - lower) / (upper - lower);
        }
        let cut = substring(coords, from, to, dims);
        if cut.is_empty() {
            continue;
        }
        let part = line_or_point(cut);
        points |= matches!(part, Shape::Point(_));
        parts.push(part);
    }
    if points {
        Shape::GeometryCollection(parts)
    } else {
        Shape::MultiLineString(parts)
    }
}

fn line_or_point(coords: Vec<Xyzm>) -> Shape {
    match coords.as_slice() {
        [only] => Shape::Point(Some(*only)),
        _ => Shape::LineString(coords),
    }
}

/// The vertices of `coords` between the fractions `from` and `to` of its length, as PostGIS's
/// `ptarray_substring` (with no tolerance) walks them, without repeating a vertex.
fn substring(coords: &[Xyzm], from: f64, to: f64, dims: Dims) -> Vec<Xyzm> {
    let mut cut = Vec::new();
    let push = |cut: &mut Vec<Xyzm>, c: Xyzm| {
        let repeats = cut.last().is_some_and(|last: &Xyzm| {
            last.same_xy(&c) && (!dims.z || last.z == c.z) && (!dims.m || last.m == c.m)
        });
        if !repeats {
            cut.push(c);
        }
    };
    let length = length_2d(coords);
    let (from, to) = (length * from, length * to);
    let mut walked = 0.0;
    let mut inside = false;
    for pair in coords.windows(2) {
        let (p1, p2) = (pair[0], pair[1]);
        let segment = p1.distance(&p2);
        let reached = walked + segment;
        if !inside {
            if from == reached {
                push(&mut cut, p2);
                inside = true;
                walked = reached;
                continue;
            } else if from == walked {
                push(&mut cut, p1);
                inside = true;
            } else if from > reached {
                walked = reached;
                continue;
            } else {
                push(&mut cut, p1.lerp(&p2, (from - walked) / segment));
                inside = true;
            }
        }
        if to == reached {
            push(&mut cut, p2);
            break;
        } else if to == walked {
            push(&mut cut, p1);
            break;
        } else if to > reached {
            push(&mut cut, p2);
        } else if to < reached {
            push(&mut cut, p1.lerp(&p2, (to - walked) / segment));
            break;
        }
        walked = reached;
    }
    cut
}

/// The planar length as PostGIS sums it (`sqrt` of squares).
fn length_2d(coords: &[Xyzm]) -> f64 {
    coords.windows(2).fold(0.0, |sum, pair| {
        let (dx, dy) = (pair[0].x - pair[1].x, pair[0].y - pair[1].y);
        sum + (dx * dx + dy * dy).sqrt()
    })
}

/// The squared distance from `p` to the segment `a`–`b`, with PostGIS's arithmetic.
fn distance_squared_to_segment(p: &Xyzm, a: &Xyzm, b: &Xyzm) -> f64 {
    let squared = |q: &Xyzm| (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y);
    if a.same_xy(b) {
        return squared(a);
    }
    let (bx, by) = (b.x - a.x, b.y - a.y);
    let length_squared = bx * bx + by * by;
    let (cx, cy) = (p.x - a.x, p.y - a.y);
    let dot = cx * bx + cy * by;
    if dot <= 0.0 {
        return squared(a);
    }
    if dot >= length_squared {
        return squared(b);
    }
    let cross = cx * by - cy * bx;
    cross * cross / length_squared
}

/// The point of the segment `a`–`b` nearest to `p`, Z and M interpolated (PostGIS's
/// `closest_point_on_segment`, which takes a segment shorter than 1e-12 as its start).
fn closest_on_segment(p: &Xyzm, a: &Xyzm, b: &Xyzm) -> Xyzm {
    let near = |u: f64, v: f64| (u - v).abs() <= 1e-12;
    if near(a.x, b.x) && near(a.y, b.y) {
        return *a;
    }
    let r = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y))
        / ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
    if r <= 0.0 {
        *a
    } else if r >= 1.0 {
        *b
    } else {
        a.lerp(b, r)
    }
}

fn check_fraction(what: &str, fraction: f64) -> Result<(), GeomError> {
    if (0.0..=1.0).contains(&fraction) {
        return Ok(());
    }
    Err(GeomError::InvalidParameter(format!(
        "the {what} must be within [0, 1], got {fraction}"
    )))
}

fn line_coords(line: &Geo) -> Result<(Vec<Xyzm>, Dims), GeomError> {
    line_string(line).ok_or_else(|| {
        GeomError::Unsupported(format!(
            "expected a LINESTRING, got a {}",
            kind(line).wkt_name()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn written(
        input: &str,
        f: impl Fn(&Geo, &mut Vec<u8>) -> Result<(), ArgError>,
    ) -> Result<Vec<u8>, ArgError> {
        let bytes = wkb(input);
        let mut out = Vec::new();
        f(&geo(&bytes), &mut out).map(|()| out)
    }

    fn check(input: &str, expected: &str, f: impl Fn(&Geo, &mut Vec<u8>) -> Result<(), ArgError>) {
        let out = written(input, f).unwrap();
        assert_eq!(
            out,
            wkb(expected),
            "{input}: got {}",
            crate::wkt_codec::to_string(&geo(&out))
        );
    }

    // The functions below agreed with PostGIS 3.3.2 on 3,000 random line strings and multi
    // line strings (Z, M, repeated vertices, zero lengths) and fractions before these were
    // kept; PostGIS writes an empty multi line string result in 2D, where its input's
    // dimensions are kept here.

    #[test]
    fn interpolates_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_LineInterpolatePoint(line, fraction)).
        for (line, fraction, expected) in [
            (
                "LINESTRING ZM(0 0 0 0,10 0 10 20)",
                0.25,
                "POINT ZM(2.5 0 2.5 5)",
            ),
            ("LINESTRING(0 0,10 0,10 10)", 0.75, "POINT(10 5)"),
            ("LINESTRING(0 0,1 0,1 0,2 0)", 0.5, "POINT(1 0)"),
            ("LINESTRING(0 0,10 0)", 0.0, "POINT(0 0)"),
            ("LINESTRING(0 0,10 0)", 1.0, "POINT(10 0)"),
            ("LINESTRING(1 1,1 1)", 0.5, "POINT(1 1)"),
            (
                "LINESTRING M(0 0 1,3 4 2,3 0 5)",
                0.3,
                "POINT M(1.6199999999999997 2.1599999999999997 1.54)",
            ),
            (
                "LINESTRING Z(0.1 0.2 0.3,1.7 2.9 3.1,-4.2 0.5 7)",
                0.6180339887,
                "POINT Z(-0.8359675771288761 1.868419968625542 4.776317550983494)",
            ),
        ] {
            check(line, expected, |g, out| {
                line_interpolate_point(g, fraction, out)
            });
        }
        // PostGIS 3.3.2: the empty point of an empty line, in its dimensions.
        check("LINESTRING Z EMPTY", "POINT Z EMPTY", |g, out| {
            line_interpolate_point(g, 0.5, out)
        });
    }

    #[test]
    fn locates_as_postgis() {
        // PostGIS 3.3.2: ST_LineLocatePoint(line, point).
        for (line, point, expected) in [
            ("LINESTRING(0 0,10 0)", "POINT(3 4)", 0.3),
            ("LINESTRING(0 0,10 0)", "POINT(-3 4)", 0.),
            ("LINESTRING(0 0,10 0,0 0)", "POINT(3 4)", 0.15),
            ("LINESTRING(1 1,1 1)", "POINT(3 4)", 1.),
            ("LINESTRING EMPTY", "POINT(3 4)", 0.),
            ("LINESTRING Z(0 0 0,10 0 100)", "POINT Z(3 4 100)", 0.3),
            (
                "LINESTRING(0 0,10 0,10 10)",
                "POINT(12 9.99999999999999)",
                1.,
            ),
            (
                "LINESTRING(0.1 0.2,1.7 2.9,-4.2 0.5)",
                "POINT(0.3 1.1)",
                0.09215706458308352,
            ),
            // PostGIS 3.3.2 answers an undefined value (such as 6.7e-311); 0 here.
            ("LINESTRING(0 0,10 0)", "POINT EMPTY", 0.),
        ] {
            let (line, point) = (wkb(line), wkb(point));
            assert_eq!(
                line_locate_point(&geo(&line), &geo(&point)),
                Ok(expected),
                "{}",
                crate::wkt_codec::to_string(&geo(&line))
            );
        }
    }

    #[test]
    fn cuts_substrings_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_LineSubstring(line, start, end)).
        for (line, start, end, expected) in [
            ("LINESTRING ZM(0 0 0 0,10 0 10 20,10 10 20 40)", 0.25, 0.75, "LINESTRING ZM(5 0 5 10,10 0 10 20,10 5 15 30)"),
            ("LINESTRING(0 0,10 0)", 0.5, 0.5, "POINT(5 0)"),
            ("LINESTRING(1 1,1 1)", 0.1, 0.5, "POINT(1 1)"),
            ("MULTILINESTRING((0 0,10 0),(10 0,10 10))", 0.25, 0.75, "MULTILINESTRING((5 0,10 0),(10 0,10 5))"),
            ("MULTILINESTRING((0 0,10 0),(20 0,20 10))", 0.25, 0.5, "GEOMETRYCOLLECTION(LINESTRING(5 0,10 0),POINT(20 0))"),
            ("MULTILINESTRING((0 0,10 0),(20 0,20 10))", 0.5, 0.5, "GEOMETRYCOLLECTION(POINT(10 0),POINT(20 0))"),
            ("MULTILINESTRING((0 0,10 0),(20 0,20 10))", 0.6, 0.8, "MULTILINESTRING((20 1.9999999999999996,20 6.000000000000001))"),
            ("MULTILINESTRING((0 0,0 0),(0 0,0 0))", 0.0, 0.8, "GEOMETRYCOLLECTION(POINT(0 0),POINT(0 0))"),
            ("LINESTRING(0 0,1 0,2 0,3 0)", 0.5, 1.0, "LINESTRING(1.5 0,2 0,3 0)"),
            ("LINESTRING(0 0,1 0,1 0,2 0)", 0.25, 0.5, "LINESTRING(0.5 0,1 0)"),
            ("LINESTRING(0 0,1 0,2 0)", 0.4999999999999999, 0.5, "LINESTRING(0.9999999999999998 0,1 0)"),
            ("LINESTRING Z(0 0 1,10 0 1)", 0.2, 0.8, "LINESTRING Z(2 0 1,8 0 1)"),
            ("LINESTRING M(0.1 0.2 3,1.7 2.9 4,-4.2 0.5 5)", 0.1, 0.9, "LINESTRING M(0.5847165104868263 1.0179591114465194 3.3029478190542663,1.7 2.9 4,-3.31928487788172 0.8582569988277751 4.850726250488427)"),
        ] {
            check(line, expected, |g, out| {
                assert!(line_substring(g, start, end, out)?);
                Ok(())
            });
        }
        // PostGIS 3.3.2: NULL for an empty line or multi line string.
        for empty in ["LINESTRING EMPTY", "MULTILINESTRING EMPTY"] {
            let out = written(empty, |g, out| {
                assert!(!line_substring(g, 0.1, 0.5, out)?);
                Ok(())
            });
            assert_eq!(out, Ok(Vec::new()));
        }
    }

    #[test]
    fn refuses_what_postgis_refuses_and_blames_the_argument() {
        // The blamed argument and the kind of error.
        let invalid = |arg: usize, r: Result<Vec<u8>, ArgError>| {
            assert!(
                matches!(&r, Err(ArgError { arg: a, error: GeomError::InvalidParameter(_) }) if *a == arg),
                "{r:?}"
            )
        };
        let unsupported = |arg: usize, r: Result<Vec<u8>, ArgError>| {
            assert!(
                matches!(&r, Err(ArgError { arg: a, error: GeomError::Unsupported(_) }) if *a == arg),
                "{r:?}"
            )
        };
        let substring =
            |start, end| move |g: &Geo, o: &mut Vec<u8>| line_substring(g, start, end, o).map(drop);
        let line = "LINESTRING(0 0,10 0)";
        // PostGIS 3.3.2: "line_interpolate_point: 2nd arg isn't within [0,1]" (NaN is let
        // through there, refused here), "3rd arg isn't within [0,1]" for the substring's end.
        for fraction in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
            invalid(
                1,
                written(line, |g, o| line_interpolate_point(g, fraction, o)),
            );
            invalid(1, written(line, substring(fraction, 1.)));
            invalid(2, written(line, substring(0., fraction)));
            // The fraction is checked before the geometry, as in PostGIS.
            invalid(
                1,
                written("POINT(0 0)", |g, o| line_interpolate_point(g, fraction, o)),
            );
        }
        // PostGIS 3.3.2: "2nd arg must be smaller then 3rd arg".
        invalid(1, written(line, substring(0.7, 0.5)));
        // PostGIS 3.3.2: "1st arg isn't a line" (a multi line string for the point functions).
        let point = wkb("POINT(0 0)");
        for other in [
            "MULTILINESTRING((0 0,1 1))",
            "POINT(0 0)",
            "POLYGON((0 0,1 0,1 1,0 0))",
        ] {
            unsupported(0, written(other, |g, o| line_interpolate_point(g, 0.5, o)));
            unsupported(
                0,
                written(other, |g, _| line_locate_point(g, &geo(&point)).map(drop)),
            );
        }
        // PostGIS 3.3.2 refuses empty ones too ("line_substring: 1st arg isn't a line").
        for other in [
            "POINT(0 0)",
            "POLYGON((0 0,1 0,1 1,0 0))",
            "GEOMETRYCOLLECTION(LINESTRING(0 0,1 1))",
            "POINT EMPTY",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION EMPTY",
        ] {
            unsupported(0, written(other, substring(0.1, 0.5)));
        }
        // PostGIS 3.3.2: "line_locate_point: 2nd arg isn't a point".
        let not_a_point = wkb("LINESTRING(0 0,1 1)");
        unsupported(
            1,
            written(line, |g, _| {
                line_locate_point(g, &geo(&not_a_point)).map(drop)
            }),
        );
    }
}
