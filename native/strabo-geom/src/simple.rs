//! Simplicity, as GEOS's `IsSimpleOp` decides it (PostGIS's `ST_IsSimple`).
use std::ops::ControlFlow;

use geo::{Coord, Geometry, LineString};

use crate::noding::{bits, box_pairs, meet, Meeting};
use crate::Geo;

/// Whether `geometry` is simple in OGC's sense, as GEOS decides it:
/// - points are simple; a multipoint is simple when no point repeats;
/// - line strings and multilinestrings are simple when their lines meet themselves and each
///   other only at ends that are boundary points under the mod-2 rule: the two ends of one
///   closed line may meet, and ends of different lines may meet, but not the end of a closed
///   line (its ends are interior);
/// - a polygon or multipolygon is simple when each of its rings, taken alone, is: rings may
///   touch or cross one another (that is validity's concern, [`crate::validity`]);
/// - a collection is simple when each member is.
///
/// Empty geometries and parts are simple; repeated consecutive points are ignored. NaN
/// coordinates compare as no point, so a component with them may be reported simple.
pub fn is_simple(geometry: &Geo) -> bool {
    geometry.shape().is_none_or(|shape| is_simple_shape(&shape))
}

fn is_simple_shape(shape: &Geometry<f64>) -> bool {
    match shape {
        Geometry::Point(_) => true,
        Geometry::MultiPoint(points) => {
            let mut seen = std::collections::HashSet::new();
            points.iter().all(|p| seen.insert(bits(p.0)))
        }
        Geometry::Line(_) | Geometry::Rect(_) | Geometry::Triangle(_) => true,
        Geometry::LineString(line) => lines_are_simple(std::slice::from_ref(line)),
        Geometry::MultiLineString(lines) => lines_are_simple(&lines.0),
        Geometry::Polygon(polygon) => rings_are_simple(std::slice::from_ref(polygon)),
        Geometry::MultiPolygon(polygons) => rings_are_simple(&polygons.0),
        Geometry::GeometryCollection(parts) => parts.iter().all(is_simple_shape),
    }
}

fn rings_are_simple(polygons: &[geo::Polygon<f64>]) -> bool {
    polygons.iter().all(|polygon| {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .all(|ring| lines_are_simple(std::slice::from_ref(ring)))
    })
}

/// Whether `lines`, taken together, meet only at ends that the mod-2 rule makes boundary.
fn lines_are_simple(lines: &[LineString<f64>]) -> bool {
    let strings: Vec<Vec<Coord<f64>>> = lines
        .iter()
        .map(|line| {
            let mut coords = line.0.clone();
            coords.dedup();
            coords
        })
        .collect();
    let views: Vec<&[Coord<f64>]> = strings.iter().map(Vec::as_slice).collect();
    let mut simple = true;
    box_pairs(&views, |a, b| {
        let (sa, sb) = (views[a.string], views[b.string]);
        let (p0, p1) = (sa[a.index], sa[a.index + 1]);
        let (q0, q1) = (sb[b.index], sb[b.index + 1]);
        let at = match meet(p0, p1, q0, q1) {
            None => return ControlFlow::Continue(()),
            // Overlapping segments meet inside both.
            Some(Meeting::Overlap(..)) | Some(Meeting::Point { proper: true, .. }) => {
                simple = false;
                return ControlFlow::Break(());
            }
            Some(Meeting::Point { at, .. }) => at,
        };
        let inside = |s0: Coord<f64>, s1: Coord<f64>| at != s0 && at != s1;
        if inside(p0, p1) || inside(q0, q1) {
            simple = false;
            return ControlFlow::Break(());
        }
        let same = a.string == b.string;
        if same && b.index - a.index <= 1 {
            return ControlFlow::Continue(());
        }
        // Both segments meet at one of their vertices: fine only at ends of the lines.
        let is_end = |s: &[Coord<f64>], index: usize, start: Coord<f64>| {
            if at == start {
                index == 0
            } else {
                index + 2 == s.len()
            }
        };
        if !(is_end(sa, a.index, p0) && is_end(sb, b.index, q0)) {
            simple = false;
            return ControlFlow::Break(());
        }
        let closed = |s: &[Coord<f64>]| s.len() > 1 && s[0] == s[s.len() - 1];
        if !same && (closed(sa) || closed(sb)) {
            simple = false;
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    });
    simple
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    /// Expected values from shapely 2.1.2 (GEOS 3.13.1): `shapely.is_simple(wkt)`; for the
    /// collections, for which shapely answers `False` without asking GEOS, from `GEOSisSimple_r`
    /// of the libgeos_c 3.13.1 bundled with shapely, called through ctypes.
    #[test]
    fn simplicity_matches_geos() {
        let cases = [
            ("POINT(1 1)", true),
            ("POINT EMPTY", true),
            ("MULTIPOINT((0 0),(1 1))", true),
            ("MULTIPOINT((0 0),(0 0))", false),
            ("LINESTRING(0 0,2 2,2 0,0 2)", false),
            ("LINESTRING(0 0,1 0,1 1,0 1,0 0)", true),
            ("LINESTRING(0 0,2 0,1 0)", false),
            ("LINESTRING(0 0,1 0,1 0,2 0)", true),
            ("LINESTRING(0 0,2 0,2 2,0 2,0 0,-1 -1)", false),
            ("LINESTRING(0 0,2 0,1 1,1 0)", false),
            ("MULTILINESTRING((0 0,1 0),(1 0,2 0))", true),
            ("MULTILINESTRING((0 0,1 0),(1 0,2 0),(1 0,1 1))", true),
            ("MULTILINESTRING((0 0,2 0),(1 0,1 1))", false),
            ("MULTILINESTRING((0 0,2 0),(1 -1,1 1))", false),
            ("MULTILINESTRING((0 0,1 0,1 1,0 0),(0 0,-1 0))", false),
            ("MULTILINESTRING((0 0,1 0),(0 0,1 0))", false),
            ("POLYGON((0 0,2 2,2 0,0 2,0 0))", false),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 5))", true),
            ("POLYGON((0 0,4 0,4 4,2 4,3 3,1 3,2 4,0 4,0 0))", false),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(2 2,6 2,6 6,2 6,2 2))", true),
            (
                "GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 1,0 0)),POLYGON((0 0,1 0,1 1,0 1,0 0)))",
                true,
            ),
            (
                "GEOMETRYCOLLECTION(LINESTRING(0 0,1 1),LINESTRING(0 1,1 0))",
                true,
            ),
            ("GEOMETRYCOLLECTION(POINT(0 0),POINT(0 0))", true),
            (
                "GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,2 0,1 0))",
                false,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(is_simple(&geo(&wkb(text))), expected, "{text}");
        }
    }
}
