//! Edits of a geometry's vertices, as PostGIS makes them: reversal, densification, and the
//! vertex edits of a line string. The results keep the geometry's type and Z and M; vertices
//! are written as ISO WKB into `out`.
use crate::accessors::kind;
use crate::coords::{
    line_string, point, write_edited, write_line_string, CoordEdit, Dims, Role, Xyzm,
};
use crate::{ArgError, Geo, GeomError};

/// Appends `geometry` with the vertex order of each line and ring reversed (`ST_Reverse`):
/// points, the order of parts and empty parts stay as they are. Same as GEOS's reverse.
pub fn reverse(geometry: &Geo, out: &mut Vec<u8>) -> Result<(), GeomError> {
    struct Reverse;
    impl CoordEdit for Reverse {
        fn edit(&mut self, _: Role, _: Dims, coords: &mut Vec<Xyzm>) -> Result<(), GeomError> {
            coords.reverse();
            Ok(())
        }
    }
    write_edited(geometry, &mut Reverse, out)
}

/// The most coordinates [`segmentize`] writes for one geometry (16 MB of 2D WKB): past it the
/// call is refused rather than exhausting the executor's memory, as a few rows of 10 million
/// (160 MB each, and more once Spark copies them) would.
pub const MAX_SEGMENTIZED_COORDS: usize = 1_000_000;

/// Appends `geometry` with every segment of its lines and rings longer than
/// `max_segment_length` split into equal parts no longer than it (`ST_Segmentize`, planar):
/// a segment of length `l` becomes `ceil(l / max_segment_length)` parts, whose new vertices
/// have Z and M interpolated. Points are unchanged.
///
/// As PostGIS does, a line or ring of more than 2 vertices loses vertices that repeat the one
/// before (all of X, Y, Z and M equal); a line left with one vertex (e.g. `LINESTRING(0 0,0 0,
/// 0 0)`) or a ring with fewer than 4 is refused, as WKB readers refuse them. GEOS's densify
/// (`shapely.segmentize`) spaces vertices with other arithmetic (last-bit differences) and
/// rebuilds invalid polygons; PostGIS's arithmetic is kept here.
///
/// Refused: a `max_segment_length` that is not a positive number (NaN included), and results
/// of more than [`MAX_SEGMENTIZED_COORDS`] coordinates.
pub fn segmentize(
    geometry: &Geo,
    max_segment_length: f64,
    out: &mut Vec<u8>,
) -> Result<(), GeomError> {
    // NaN is refused too.
    if max_segment_length.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        return Err(GeomError::InvalidParameter(format!(
            "the maximum segment length must be a positive number, got {max_segment_length}"
        )));
    }
    let mut edit = Segmentize {
        max_segment_length,
        written: 0,
        densified: Vec::new(),
    };
    write_edited(geometry, &mut edit, out)
}

struct Segmentize {
    max_segment_length: f64,
    /// Coordinates written so far, for the limit.
    written: usize,
    /// The densified sequence, reused from one sequence to the next.
    densified: Vec<Xyzm>,
}

impl CoordEdit for Segmentize {
    fn edit(&mut self, role: Role, dims: Dims, coords: &mut Vec<Xyzm>) -> Result<(), GeomError> {
        if role == Role::Point || coords.is_empty() {
            return Ok(());
        }
        let same =
            |a: &Xyzm, b: &Xyzm| a.same_xy(b) && (!dims.z || a.z == b.z) && (!dims.m || a.m == b.m);
        let keep_repeats = coords.len() == 2;
        let dense = &mut self.densified;
        dense.clear();
        dense.push(coords[0]);
        for pair in coords.windows(2) {
            let (p1, p2) = (pair[0], pair[1]);
            let parts = ((p2.x - p1.x).hypot(p2.y - p1.y) / self.max_segment_length).ceil();
            let room = MAX_SEGMENTIZED_COORDS.saturating_sub(self.written + dense.len());
            if parts > room as f64 {
                return Err(GeomError::InvalidParameter(format!(
                    "segmentizing would write more than {MAX_SEGMENTIZED_COORDS} coordinates; \
                     use a larger maximum segment length"
                )));
            }
            // Checked against the limit just above, so it fits.
            let parts = parts as u32;
            for j in 1..parts {
                // PostGIS's arithmetic: p1 + (p2 - p1) * j / parts, for each ordinate.
                let at = |a: f64, b: f64| a + (b - a) * f64::from(j) / f64::from(parts);
                let vertex = Xyzm {
                    x: at(p1.x, p2.x),
                    y: at(p1.y, p2.y),
                    z: at(p1.z, p2.z),
                    m: at(p1.m, p2.m),
                };
                push_distinct(dense, vertex, same);
            }
            if keep_repeats {
                dense.push(p2);
            } else {
                push_distinct(dense, p2, same);
            }
        }
        let fewest = if role == Role::Ring { 4 } else { 2 };
        if dense.len() < fewest {
            return Err(GeomError::InvalidGeometry(format!(
                "without its repeated vertices, a {} is left with {} (from {})",
                if role == Role::Ring {
                    "ring"
                } else {
                    "line string"
                },
                dense.len(),
                coords.len()
            )));
        }
        self.written += dense.len();
        std::mem::swap(coords, dense);
        Ok(())
    }
}

fn push_distinct(coords: &mut Vec<Xyzm>, vertex: Xyzm, same: impl Fn(&Xyzm, &Xyzm) -> bool) {
    if coords.last().is_none_or(|last| !same(last, &vertex)) {
        coords.push(vertex);
    }
}

/// Appends `line` with its vertex at `index` replaced by `point` (`ST_SetPoint`): 0-based, a
/// negative index counts from the end (-1 is the last vertex). The point's ordinates that the
/// line has are taken, and 0 for those the point lacks.
///
/// Refused as PostGIS refuses them, blaming the argument (0 `line`, 1 `index`, 2 `point`): a
/// `line` that is not a line string, a `point` that is not a point, an empty line, and an index
/// outside `-n..n`. An empty point is refused too (PostGIS writes undefined coordinates).
pub fn set_point(line: &Geo, index: i64, point: &Geo, out: &mut Vec<u8>) -> Result<(), ArgError> {
    let (mut coords, dims) = line_coords(line).map_err(ArgError::at(0))?;
    let vertex = vertex_of(point).map_err(ArgError::at(2))?;
    if coords.is_empty() {
        return Err(ArgError::at(0)(GeomError::InvalidParameter(
            "the line string is empty".into(),
        )));
    }
    let n = coords.len() as i64;
    let at = if index < 0 { index + n } else { index };
    if !(0..n).contains(&at) {
        return Err(ArgError::at(1)(GeomError::InvalidParameter(format!(
            "vertex index {index} is out of range for a line string of {n} vertices (-{n} to {})",
            n - 1
        ))));
    }
    coords[at as usize] = vertex;
    write_line_string(out, dims, &coords);
    Ok(())
}

/// Appends `line` with `point` inserted before its vertex at `position` (`ST_AddPoint`):
/// 0-based, `n` or -1 (or `None`) appends; other negative positions are refused, as PostGIS
/// refuses them. The point's ordinates that the line has are taken, and 0 for those it lacks.
///
/// Refused, blaming the argument (0 `line`, 1 `point`, 2 `position`): a `line` that is not a
/// line string, a `point` that is not a point or is empty (PostGIS writes undefined
/// coordinates), and a position outside `-1..=n`. Adding to an empty line is refused too:
/// PostGIS makes a line string of one vertex, which WKB readers refuse.
pub fn add_point(
    line: &Geo,
    point: &Geo,
    position: Option<i64>,
    out: &mut Vec<u8>,
) -> Result<(), ArgError> {
    let (mut coords, dims) = line_coords(line).map_err(ArgError::at(0))?;
    let vertex = vertex_of(point).map_err(ArgError::at(1))?;
    let n = coords.len() as i64;
    let at = match position.unwrap_or(-1) {
        -1 => n,
        at if (0..=n).contains(&at) => at,
        other => {
            return Err(ArgError::at(2)(GeomError::InvalidParameter(format!(
                "position {other} is out of range for a line string of {n} vertices (0 to {n}, \
                 or -1 to append)"
            ))))
        }
    };
    if coords.is_empty() {
        return Err(ArgError::at(0)(GeomError::InvalidGeometry(
            "adding one vertex to an empty line string leaves a line string of one vertex".into(),
        )));
    }
    coords.insert(at as usize, vertex);
    write_line_string(out, dims, &coords);
    Ok(())
}

/// Appends `line` without its vertex at `index` (`ST_RemovePoint`): 0-based; negative indexes
/// are refused, as PostGIS refuses them.
///
/// Refused as PostGIS refuses them, blaming the argument (0 `line`, 1 `index`): a `line` that
/// is not a line string, an index outside `0..n`, and a line of fewer than 3 vertices (which
/// would be left with fewer than 2).
pub fn remove_point(line: &Geo, index: i64, out: &mut Vec<u8>) -> Result<(), ArgError> {
    let (mut coords, dims) = line_coords(line).map_err(ArgError::at(0))?;
    let n = coords.len() as i64;
    if !(0..n).contains(&index) {
        return Err(ArgError::at(1)(GeomError::InvalidParameter(format!(
            "vertex index {index} is out of range for a line string of {n} vertices (0 to {})",
            n - 1
        ))));
    }
    if n < 3 {
        return Err(ArgError::at(0)(GeomError::InvalidParameter(format!(
            "a line string of {n} vertices has none to spare"
        ))));
    }
    coords.remove(index as usize);
    write_line_string(out, dims, &coords);
    Ok(())
}

fn line_coords(line: &Geo) -> Result<(Vec<Xyzm>, Dims), GeomError> {
    line_string(line).ok_or_else(|| {
        GeomError::Unsupported(format!(
            "expected a LINESTRING, got a {}",
            kind(line).wkt_name()
        ))
    })
}

fn vertex_of(geometry: &Geo) -> Result<Xyzm, GeomError> {
    match point(geometry) {
        Some((Some(vertex), _)) => Ok(vertex),
        Some((None, _)) => Err(GeomError::InvalidParameter("the point is empty".into())),
        None => Err(GeomError::Unsupported(format!(
            "expected a POINT, got a {}",
            kind(geometry).wkt_name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn run<E>(input: &str, f: impl Fn(&Geo, &mut Vec<u8>) -> Result<(), E>) -> Result<Vec<u8>, E> {
        let bytes = wkb(input);
        let mut out = Vec::new();
        f(&geo(&bytes), &mut out).map(|()| out)
    }

    fn check<E: std::fmt::Debug>(
        input: &str,
        expected: &str,
        f: impl Fn(&Geo, &mut Vec<u8>) -> Result<(), E>,
    ) {
        let out = run(input, f).unwrap();
        assert_eq!(
            out,
            wkb(expected),
            "{input}: got {}",
            crate::wkt_codec::to_string(&geo(&out))
        );
    }

    #[test]
    fn reverses_lines_and_rings_as_postgis_and_geos() {
        // PostGIS 3.3.2: ST_AsBinary(ST_Reverse(input)); shapely 2.1.2 (GEOS 3.13.1):
        // shapely.reverse(input) gives the same.
        for (input, expected) in [
            ("POINT ZM(1 2 3 4)", "POINT ZM(1 2 3 4)"),
            ("LINESTRING Z(0 0 1,1 1 2,2 0 3)", "LINESTRING Z(2 0 3,1 1 2,0 0 1)"),
            ("LINESTRING EMPTY", "LINESTRING EMPTY"),
            (
                "POLYGON M((0 0 1,4 0 2,4 4 3,0 0 1),(1 1 5,2 1 6,2 2 7,1 1 5))",
                "POLYGON M((0 0 1,4 4 3,4 0 2,0 0 1),(1 1 5,2 2 7,2 1 6,1 1 5))",
            ),
            ("MULTIPOINT((0 0),(1 1),(2 2))", "MULTIPOINT((0 0),(1 1),(2 2))"),
            (
                "MULTILINESTRING((0 0,1 1),(2 2,3 3,4 4))",
                "MULTILINESTRING((1 1,0 0),(4 4,3 3,2 2))",
            ),
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
                "MULTIPOLYGON(((0 0,1 1,1 0,0 0)),((5 5,6 6,6 5,5 5)))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(LINESTRING(5 5,6 6)))",
                "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(1 1,0 0),GEOMETRYCOLLECTION(LINESTRING(6 6,5 5)))",
            ),
            ("LINESTRING(0 0,0 0,1 1)", "LINESTRING(1 1,0 0,0 0)"),
            ("POLYGON EMPTY", "POLYGON EMPTY"),
        ] {
            check(input, expected, reverse);
        }
    }

    #[test]
    fn segmentizes_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_Segmentize(input, max_segment_length)).
        for (input, max, expected) in [
            ("LINESTRING(0 0,10 0)", 3., "LINESTRING(0 0,2.5 0,5 0,7.5 0,10 0)"),
            (
                "LINESTRING ZM(0 0 0 0,10 0 10 20,10 1 10 20)",
                3.,
                "LINESTRING ZM(0 0 0 0,2.5 0 2.5 5,5 0 5 10,7.5 0 7.5 15,10 0 10 20,10 1 10 20)",
            ),
            (
                "LINESTRING(0 0,0.3 0.1,1 1)",
                0.1,
                "LINESTRING(0 0,0.075 0.025,0.15 0.05,0.22499999999999998 0.07500000000000001,0.3 0.1,0.35833333333333334 0.175,0.41666666666666663 0.25,0.475 0.325,0.5333333333333333 0.4,0.5916666666666667 0.475,0.6499999999999999 0.55,0.7083333333333333 0.625,0.7666666666666666 0.7,0.825 0.7749999999999999,0.8833333333333333 0.85,0.9416666666666667 0.925,1 1)",
            ),
            (
                "LINESTRING(0 0,0 0,1 0)",
                0.4,
                "LINESTRING(0 0,0.3333333333333333 0,0.6666666666666666 0,1 0)",
            ),
            ("LINESTRING(0 0,0 0)", 0.4, "LINESTRING(0 0,0 0)"),
            (
                "LINESTRING(0 0,1 0,1 0)",
                0.4,
                "LINESTRING(0 0,0.3333333333333333 0,0.6666666666666666 0,1 0)",
            ),
            (
                "POLYGON((0 0,3 0,3 3,0 0),(1 1,2 1,2 2,1 1))",
                1.,
                "POLYGON((0 0,1 0,2 0,3 0,3 1,3 2,3 3,2.4 2.4,1.8 1.8,1.2 1.2,0.6000000000000001 0.6000000000000001,0 0),(1 1,2 1,2 2,1.5 1.5,1 1))",
            ),
            (
                "POLYGON M((0 0 0,3 0 3,3 3 6,0 0 0))",
                1.5,
                "POLYGON M((0 0 0,1.5 0 1.5,3 0 3,3 1.5 4.5,3 3 6,2 2 4,1 1 2,0 0 0))",
            ),
            ("MULTIPOINT((0 0),(5 5))", 1., "MULTIPOINT((0 0),(5 5))"),
            ("POINT(1 1)", 1., "POINT(1 1)"),
            (
                "MULTILINESTRING((0 0,2 0),(5 5,5 7.5))",
                1.,
                "MULTILINESTRING((0 0,1 0,2 0),(5 5,5 5.833333333333333,5 6.666666666666667,5 7.5))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,1 1))",
                0.5,
                "GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,0.3333333333333333 0.3333333333333333,0.6666666666666666 0.6666666666666666,1 1))",
            ),
            ("LINESTRING EMPTY", 1., "LINESTRING EMPTY"),
            ("LINESTRING(0 0,10 0)", 100., "LINESTRING(0 0,10 0)"),
            (
                "LINESTRING(0 0,1 0.1)",
                1. / 3.,
                "LINESTRING(0 0,0.25 0.025,0.5 0.05,0.75 0.07500000000000001,1 0.1)",
            ),
            ("LINESTRING(0 0,7 3)", f64::INFINITY, "LINESTRING(0 0,7 3)"),
        ] {
            check(input, expected, |g, out| segmentize(g, max, out));
        }
    }

    #[test]
    fn segmentize_refuses_bad_lengths_collapses_and_huge_results() {
        for max in [0., -1., f64::NAN, f64::NEG_INFINITY] {
            assert!(matches!(
                run("LINESTRING(0 0,10 0)", |g, out| segmentize(g, max, out)),
                Err(GeomError::InvalidParameter(_))
            ));
        }
        // PostGIS 3.3.2 makes `LINESTRING(0 0)` of this, which no WKB reader takes back.
        assert!(matches!(
            run("LINESTRING(0 0,0 0,0 0)", |g, out| segmentize(g, 1., out)),
            Err(GeomError::InvalidGeometry(_))
        ));
        assert!(matches!(
            run("POLYGON((0 0,0 0,1 1,0 0))", |g, out| segmentize(
                g, 10., out
            )),
            Err(GeomError::InvalidGeometry(_))
        ));
        for input in [
            "LINESTRING(0 0,1e12 0)",
            "MULTILINESTRING((0 0,6e6 0),(0 0,6e6 0))",
        ] {
            assert!(matches!(
                run(input, |g, out| segmentize(g, 1., out)),
                Err(GeomError::InvalidParameter(_))
            ));
        }
        let huge = "LINESTRING(0 0,1.7e308 0)";
        assert!(run(huge, |g, out| segmentize(g, 1e-300, out)).is_err());
        // NaN coordinates give NaN lengths, which split nothing.
        let nan = run("LINESTRING(0 0,1 1)", |g, out| {
            let shifted = {
                let mut b = Vec::new();
                crate::affine::translate(g, f64::NAN, 0., 0., &mut b)?;
                b
            };
            segmentize(&geo(&shifted), 0.1, out)
        })
        .unwrap();
        assert_eq!(crate::accessors::num_points(&geo(&nan)), 2);
    }

    #[test]
    fn sets_points_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_SetPoint(line, index, point)).
        for (line, index, point, expected) in [
            (
                "LINESTRING(0 0,1 1,2 2)",
                -1,
                "POINT(9 9)",
                "LINESTRING(0 0,1 1,9 9)",
            ),
            (
                "LINESTRING(0 0,1 1,2 2)",
                -3,
                "POINT(9 9)",
                "LINESTRING(9 9,1 1,2 2)",
            ),
            (
                "LINESTRING(0 0,1 1,2 2)",
                1,
                "POINT(9 9)",
                "LINESTRING(0 0,9 9,2 2)",
            ),
            (
                "LINESTRING Z(0 0 1,1 1 1,2 2 1)",
                0,
                "POINT(9 9)",
                "LINESTRING Z(9 9 0,1 1 1,2 2 1)",
            ),
            (
                "LINESTRING(0 0,1 1,2 2)",
                0,
                "POINT Z(9 9 9)",
                "LINESTRING(9 9,1 1,2 2)",
            ),
            (
                "LINESTRING M(0 0 1,1 1 1,2 2 1)",
                0,
                "POINT Z(9 9 9)",
                "LINESTRING M(9 9 0,1 1 1,2 2 1)",
            ),
        ] {
            let point = wkb(point);
            check(line, expected, |g, out| {
                set_point(g, index, &geo(&point), out)
            });
        }
    }

    #[test]
    fn adds_points_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_AddPoint(line, point [, position])).
        for (line, point, position, expected) in [
            (
                "LINESTRING(0 0,1 1)",
                "POINT(9 9)",
                None,
                "LINESTRING(0 0,1 1,9 9)",
            ),
            (
                "LINESTRING(0 0,1 1)",
                "POINT(9 9)",
                Some(0),
                "LINESTRING(9 9,0 0,1 1)",
            ),
            (
                "LINESTRING(0 0,1 1)",
                "POINT(9 9)",
                Some(1),
                "LINESTRING(0 0,9 9,1 1)",
            ),
            (
                "LINESTRING(0 0,1 1)",
                "POINT(9 9)",
                Some(2),
                "LINESTRING(0 0,1 1,9 9)",
            ),
            (
                "LINESTRING(0 0,1 1)",
                "POINT(9 9)",
                Some(-1),
                "LINESTRING(0 0,1 1,9 9)",
            ),
            (
                "LINESTRING Z(0 0 1,1 1 1)",
                "POINT(9 9)",
                None,
                "LINESTRING Z(0 0 1,1 1 1,9 9 0)",
            ),
            (
                "LINESTRING ZM(0 0 1 2,1 1 1 2)",
                "POINT M(9 9 5)",
                None,
                "LINESTRING ZM(0 0 1 2,1 1 1 2,9 9 0 5)",
            ),
            (
                "LINESTRING(0 0,1 1)",
                "POINT ZM(9 9 5 6)",
                None,
                "LINESTRING(0 0,1 1,9 9)",
            ),
        ] {
            let point = wkb(point);
            check(line, expected, |g, out| {
                add_point(g, &geo(&point), position, out)
            });
        }
    }

    #[test]
    fn removes_points_as_postgis() {
        // PostGIS 3.3.2: ST_AsBinary(ST_RemovePoint(line, index)).
        for (line, index, expected) in [
            ("LINESTRING(0 0,1 1,2 2)", 0, "LINESTRING(1 1,2 2)"),
            ("LINESTRING(0 0,1 1,2 2)", 2, "LINESTRING(0 0,1 1)"),
            (
                "LINESTRING Z(0 0 1,1 1 2,2 2 3)",
                1,
                "LINESTRING Z(0 0 1,2 2 3)",
            ),
        ] {
            check(line, expected, |g, out| remove_point(g, index, out));
        }
    }

    #[test]
    fn vertex_edits_refuse_what_postgis_refuses_and_blame_the_argument() {
        let nine = wkb("POINT(9 9)");
        let nine = geo(&nine);
        let empty_point = wkb("POINT EMPTY");
        let empty_point = geo(&empty_point);
        let line_arg = wkb("LINESTRING(9 9,1 1)");
        let line_arg = geo(&line_arg);
        let line = "LINESTRING(0 0,1 1,2 2)";
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
        // PostGIS 3.3.2: 'abs(Point index) out of range (-)(0..2)'.
        invalid(1, run(line, |g, o| set_point(g, -4, &nine, o)));
        invalid(1, run(line, |g, o| set_point(g, 3, &nine, o)));
        // PostGIS 3.3.2: 'Line has no points'.
        invalid(0, run("LINESTRING EMPTY", |g, o| set_point(g, 0, &nine, o)));
        // PostGIS 3.3.2: 'First argument must be a LINESTRING', 'Third argument must be a POINT'.
        unsupported(0, run("POINT(0 0)", |g, o| set_point(g, 0, &nine, o)));
        unsupported(
            0,
            run("MULTILINESTRING((0 0,1 1))", |g, o| {
                set_point(g, 0, &nine, o)
            }),
        );
        unsupported(2, run(line, |g, o| set_point(g, 0, &line_arg, o)));
        invalid(2, run(line, |g, o| set_point(g, 0, &empty_point, o)));
        // PostGIS 3.3.2: 'LWGEOM_addpoint: Invalid offset'.
        for position in [3, -2, -3] {
            invalid(
                2,
                run("LINESTRING(0 0,1 1)", |g, o| {
                    add_point(g, &nine, Some(position), o)
                }),
            );
        }
        unsupported(0, run("POINT(0 0)", |g, o| add_point(g, &nine, None, o)));
        unsupported(1, run(line, |g, o| add_point(g, &line_arg, None, o)));
        invalid(1, run(line, |g, o| add_point(g, &empty_point, None, o)));
        // PostGIS 3.3.2 makes LINESTRING(9 9), one vertex, which WKB readers refuse.
        assert!(matches!(
            run("LINESTRING EMPTY", |g, o| add_point(g, &nine, None, o)),
            Err(ArgError {
                arg: 0,
                error: GeomError::InvalidGeometry(_)
            })
        ));
        // PostGIS 3.3.2: 'Point index out of range (0..2)', "Can't remove points from a single
        // segment line", 'First argument must be a LINESTRING'.
        invalid(1, run(line, |g, o| remove_point(g, 3, o)));
        invalid(1, run(line, |g, o| remove_point(g, -1, o)));
        invalid(0, run("LINESTRING(0 0,1 1)", |g, o| remove_point(g, 0, o)));
        invalid(1, run("LINESTRING EMPTY", |g, o| remove_point(g, 0, o)));
        unsupported(0, run("POINT(1 1)", |g, o| remove_point(g, 0, o)));
    }

    /// Inputs of every kind, dimension and degenerate shape, with NaN and infinite ordinates.
    fn corpus() -> Vec<Vec<u8>> {
        let mut all: Vec<Vec<u8>> = [
            "POINT(1 2)",
            "POINT EMPTY",
            "POINT ZM(1 2 3 4)",
            "LINESTRING Z(0 0 1,1 1 2,2 0 3)",
            "LINESTRING(0 0,0 0)",
            "LINESTRING(0 0,0 0,0 0)",
            "LINESTRING(0 0,1 0,0 0)",
            "LINESTRING EMPTY",
            "POLYGON M((0 0 1,4 0 2,4 4 3,0 0 1),(1 1 0,2 1 0,2 2 0,1 1 0))",
            "POLYGON((0 0,1 0,0 0,0 0))",
            "POLYGON((0 0,2 2,2 0,0 2,0 0))",
            "POLYGON EMPTY",
            "MULTIPOINT((0 0),(0 0),(1 1))",
            "MULTILINESTRING((0 0,1 1),(1 1,2 2),(1 1,1 1))",
            "MULTILINESTRING EMPTY",
            "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))",
            "GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1),POLYGON EMPTY,GEOMETRYCOLLECTION(LINESTRING(1 1,3 3)))",
            "GEOMETRYCOLLECTION EMPTY",
        ]
        .into_iter()
        .map(wkb)
        .collect();
        for shift in [f64::NAN, f64::INFINITY] {
            for text in [
                "LINESTRING(0 0,1 1,2 0)",
                "POLYGON((0 0,1 0,1 1,0 0))",
                "POINT(1 2)",
            ] {
                let mut moved = Vec::new();
                crate::affine::translate(&geo(&wkb(text)), shift, 0., 0., &mut moved).unwrap();
                all.push(moved);
            }
        }
        all
    }

    #[test]
    fn every_function_writes_wkb_it_reads_back() {
        type Function = fn(&Geo, &Geo, &mut Vec<u8>) -> Result<(), GeomError>;
        let functions: [(&str, Function); 17] = [
            ("reverse", |g, _, o| reverse(g, o)),
            ("segmentize", |g, _, o| segmentize(g, 0.5, o)),
            ("set_point", |g, p, o| Ok(set_point(g, -1, p, o)?)),
            ("add_point", |g, p, o| Ok(add_point(g, p, Some(1), o)?)),
            ("remove_point", |g, _, o| Ok(remove_point(g, 1, o)?)),
            ("normalize", |g, _, o| crate::normalize::normalize(g, o)),
            ("snap", |g, r, o| crate::snap::snap(g, r, 1.5, o)),
            ("interpolate", |g, _, o| {
                Ok(crate::linear_ref::line_interpolate_point(g, 0.3, o)?)
            }),
            ("substring", |g, _, o| {
                Ok(crate::linear_ref::line_substring(g, 0.2, 0.7, o).map(drop)?)
            }),
            ("merge", |g, _, o| {
                crate::line_merge::line_merge(g, false, o)
            }),
            ("merge directed", |g, _, o| {
                crate::line_merge::line_merge(g, true, o)
            }),
            ("rotate", |g, _, o| {
                crate::affine::rotate(g, 1., geo::Coord { x: 1., y: 2. }, o)
            }),
            ("scale", |g, _, o| crate::affine::scale(g, -1., 2., 3., o)),
            ("flip", |g, _, o| crate::affine::flip_coordinates(g, o)),
            ("force_2d", |g, _, o| crate::affine::force_2d(g, o)),
            ("exterior_ring", |g, _, o| {
                crate::accessors::exterior_ring(g, o);
                Ok(())
            }),
            ("start_point", |g, _, o| {
                crate::accessors::start_point(g, o);
                Ok(())
            }),
        ];
        let corpus = corpus();
        for input in &corpus {
            for other in &corpus {
                let (g, other_geo) = (geo(input), geo(other));
                for (name, function) in &functions {
                    let mut out = Vec::new();
                    if function(&g, &other_geo, &mut out).is_ok() && !out.is_empty() {
                        assert!(
                            Geo::read(&out).is_ok(),
                            "{name} of {:?} with {:?} wrote {:?}",
                            g,
                            other_geo,
                            Geo::read(&out).err()
                        );
                    }
                }
                let _ = crate::linear_ref::line_locate_point(&g, &other_geo);
                let _ = crate::accessors::is_ring(&g);
            }
        }
    }
}
