//! The normalized form of a geometry, as GEOS (3.13) makes it: one spelling of each geometry,
//! so that equal geometries written differently compare equal (`shapely.normalize`).
use std::cmp::Ordering;

use geo::kernels::{Kernel, Orientation, RobustKernel};

use crate::coords::{Shape, Xyzm};
use crate::{Geo, GeomError};

/// Appends the normalized form of `geometry` as ISO WKB (GEOS's `normalize`), Z and M kept
/// with their vertices:
///
/// - a polygon's shell starts at its least vertex (by X, then Y) and runs clockwise; its holes
///   start at their least vertex and run counter-clockwise, and are sorted in descending order;
/// - a closed line string starts at its least vertex and runs clockwise; an open one runs
///   from the lesser of its ends (comparing vertex pairs from both ends inwards);
/// - the members of multi-geometries and collections are normalized, then sorted in
///   descending order (so `MULTIPOINT((0 0),(1 1))` becomes `MULTIPOINT((1 1),(0 0))`).
///
/// Geometries are ordered as GEOS orders them: by type (point, multipoint, line string,
/// multi line string, polygon, multipolygon, collection), an empty one before a non-empty
/// one, then line strings and rings by vertex count before their vertices, polygons by shell,
/// hole count and holes, collections member by member. Vertices compare by X then Y; Z and M
/// never decide. A ring is clockwise as GEOS's `isCCW` finds (by the turn at its highest
/// vertex, so a self-intersecting ring is oriented by that lobe; a flat ring counts as
/// clockwise).
///
/// Where GEOS's order is undefined, this one is total: NaN ordinates sort after all numbers,
/// and parts that compare equal keep their order.
pub fn normalize(geometry: &Geo, out: &mut Vec<u8>) -> Result<(), GeomError> {
    let (mut shape, dims) = Shape::read(geometry);
    normalize_shape(&mut shape);
    shape.write(dims, out);
    Ok(())
}

fn normalize_shape(shape: &mut Shape) {
    match shape {
        Shape::Point(_) => {}
        Shape::LineString(coords) => normalize_line(coords),
        Shape::Polygon(rings) => {
            if let Some((shell, holes)) = rings.split_first_mut() {
                normalize_ring(shell, true);
                holes
                    .iter_mut()
                    .for_each(|hole| normalize_ring(hole, false));
                holes.sort_by(|a, b| compare_curves(b, a));
            }
        }
        Shape::MultiPoint(parts)
        | Shape::MultiLineString(parts)
        | Shape::MultiPolygon(parts)
        | Shape::GeometryCollection(parts) => {
            parts.iter_mut().for_each(normalize_shape);
            parts.sort_by(|a, b| compare(b, a));
        }
    }
}

/// A polygon ring from its least vertex, clockwise or not. As GEOS does, it is closed again
/// only if its new first and last vertices differ, which drops one vertex of a ring whose
/// least vertex repeats around its closing vertex; unless that would leave fewer than 4
/// vertices, a ring no reader takes back (GEOS writes it: `POLYGON((0 0,1 0,0 0,0 0))` becomes
/// `POLYGON((0 0,1 0,0 0))` there).
fn normalize_ring(ring: &mut Vec<Xyzm>, clockwise: bool) {
    if ring.is_empty() {
        return;
    }
    ring.pop();
    scroll_to_least(ring);
    if let (Some(&first), Some(last)) = (ring.first(), ring.last()) {
        if !first.same_xy(last) || ring.len() < 4 {
            ring.push(first);
        }
    }
    if is_ccw(ring) == clockwise {
        ring.reverse();
    }
}

fn normalize_line(coords: &mut Vec<Xyzm>) {
    let (Some(&first), Some(&last)) = (coords.first(), coords.last()) else {
        return;
    };
    if first.same_xy(&last) {
        coords.pop();
        scroll_to_least(coords);
        coords.push(coords[0]);
        if coords.len() >= 4 && is_ccw(coords) {
            coords.reverse();
        }
        return;
    }
    let n = coords.len();
    for i in 0..n / 2 {
        let (a, b) = (coords[i], coords[n - 1 - i]);
        if !a.same_xy(&b) {
            if compare_coords(&a, &b) == Ordering::Greater {
                coords.reverse();
            }
            return;
        }
    }
}

/// Rotates `coords` to start at the first of its least vertices.
fn scroll_to_least(coords: &mut [Xyzm]) {
    let least = (0..coords.len()).fold(0, |least, i| {
        if compare_coords(&coords[least], &coords[i]) == Ordering::Greater {
            i
        } else {
            least
        }
    });
    coords.rotate_left(least);
}

/// Whether a closed ring runs counter-clockwise, as GEOS's `Orientation::isCCW` decides it:
/// by the turn at the first highest vertex reached by a rising segment, or by the direction of
/// a flat top. A ring of fewer than 3 distinct vertices, or flat, is not counter-clockwise.
fn is_ccw(ring: &[Xyzm]) -> bool {
    let Some(n) = ring.len().checked_sub(1).filter(|&n| n >= 3) else {
        return false;
    };
    let mut high = 0;
    let mut below_high: Option<Xyzm> = None;
    for i in 1..=n {
        if ring[i].y > ring[i - 1].y && ring[i].y >= ring[high].y {
            high = i;
            below_high = Some(ring[i - 1]);
        }
    }
    let Some(up_low) = below_high else {
        return false;
    };
    let up_high = ring[high];
    let mut down_low = high;
    loop {
        down_low = (down_low + 1) % n;
        if down_low == high || ring[down_low].y != up_high.y {
            break;
        }
    }
    let down_high = ring[if down_low > 0 { down_low - 1 } else { n - 1 }];
    let down_low = ring[down_low];
    if !up_high.same_xy(&down_high) {
        // A flat top: its direction decides.
        return down_high.x - up_high.x < 0.0;
    }
    // A pointed top A-B-A is no turn.
    if up_low.same_xy(&up_high) || down_low.same_xy(&up_high) || up_low.same_xy(&down_low) {
        return false;
    }
    let xy = |c: Xyzm| geo::Coord { x: c.x, y: c.y };
    RobustKernel::orient2d(xy(up_low), xy(up_high), xy(down_low)) == Orientation::CounterClockwise
}

/// GEOS's order of geometries (`Geometry::compareTo`).
fn compare(a: &Shape, b: &Shape) -> Ordering {
    let by_type = type_rank(a).cmp(&type_rank(b));
    if by_type != Ordering::Equal {
        return by_type;
    }
    match (is_empty(a), is_empty(b)) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        (false, false) => {}
    }
    match (a, b) {
        (Shape::Point(Some(p)), Shape::Point(Some(q))) => compare_coords(p, q),
        (Shape::LineString(p), Shape::LineString(q)) => compare_curves(p, q),
        (Shape::Polygon(p), Shape::Polygon(q)) => compare_curves(&p[0], &q[0])
            .then(p.len().cmp(&q.len()))
            .then_with(|| {
                let holes = p[1..].iter().zip(&q[1..]);
                holes
                    .map(|(h, k)| compare_rings(h, k))
                    .find(|o| o.is_ne())
                    .unwrap_or(Ordering::Equal)
            }),
        (
            Shape::MultiPoint(p)
            | Shape::MultiLineString(p)
            | Shape::MultiPolygon(p)
            | Shape::GeometryCollection(p),
            Shape::MultiPoint(q)
            | Shape::MultiLineString(q)
            | Shape::MultiPolygon(q)
            | Shape::GeometryCollection(q),
        ) => p
            .iter()
            .zip(q)
            .map(|(g, h)| compare(g, h))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| p.len().cmp(&q.len())),
        _ => unreachable!("shapes of one rank have one variant"),
    }
}

/// Two rings in GEOS's order: an empty one first, then as curves.
fn compare_rings(a: &[Xyzm], b: &[Xyzm]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => compare_curves(a, b),
        (a_empty, b_empty) => b_empty.cmp(&a_empty),
    }
}

/// Line strings and rings in GEOS's order: by vertex count, then vertex by vertex.
fn compare_curves(a: &[Xyzm], b: &[Xyzm]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| {
        a.iter()
            .zip(b)
            .map(|(p, q)| compare_coords(p, q))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

/// By X, then Y, as GEOS compares coordinates (so -0 equals 0); NaN sorts after all numbers,
/// to keep the order total.
fn compare_coords(a: &Xyzm, b: &Xyzm) -> Ordering {
    fn number(p: f64, q: f64) -> Ordering {
        p.partial_cmp(&q)
            .unwrap_or_else(|| p.is_nan().cmp(&q.is_nan()))
    }
    number(a.x, b.x).then_with(|| number(a.y, b.y))
}

/// GEOS's sort index of each geometry type.
fn type_rank(shape: &Shape) -> u8 {
    match shape {
        Shape::Point(_) => 0,
        Shape::MultiPoint(_) => 1,
        Shape::LineString(_) => 2,
        Shape::MultiLineString(_) => 4,
        Shape::Polygon(_) => 5,
        Shape::MultiPolygon(_) => 6,
        Shape::GeometryCollection(_) => 7,
    }
}

fn is_empty(shape: &Shape) -> bool {
    match shape {
        Shape::Point(coord) => coord.is_none(),
        Shape::LineString(coords) => coords.is_empty(),
        Shape::Polygon(rings) => rings.first().is_none_or(|shell| shell.is_empty()),
        Shape::MultiPoint(parts)
        | Shape::MultiLineString(parts)
        | Shape::MultiPolygon(parts)
        | Shape::GeometryCollection(parts) => parts.iter().all(is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn normalized(input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        normalize(&geo(input), &mut out).unwrap();
        out
    }

    #[test]
    fn normalizes_as_geos() {
        // shapely 2.1.2 (GEOS 3.13.1): shapely.normalize(input). The same code agreed with it on
        // 15,000 random geometries of every type (Z, repeated vertices, flat and crossing
        // rings, empty parts) before these were kept.
        for (input, expected) in [
            ("POINT ZM(1 2 3 4)", "POINT ZM(1 2 3 4)"),
            ("POINT EMPTY", "POINT EMPTY"),
            ("LINESTRING(2 2,1 1,0 0)", "LINESTRING(0 0,1 1,2 2)"),
            ("LINESTRING Z(0 0 5,1 1 6)", "LINESTRING Z(0 0 5,1 1 6)"),
            ("LINESTRING M(2 2 1,1 1 2,0 0 3)", "LINESTRING M(0 0 3,1 1 2,2 2 1)"),
            ("LINESTRING(0 0,1 1,0 0)", "LINESTRING(0 0,1 1,0 0)"),
            ("LINESTRING(2 2,1 1,0 0,1 1,2 2)", "LINESTRING(0 0,1 1,2 2,1 1,0 0)"),
            ("LINESTRING(1 1,0 0,1 1)", "LINESTRING(0 0,1 1,0 0)"),
            ("LINESTRING(0 0,5 5,0 0)", "LINESTRING(0 0,5 5,0 0)"),
            ("LINESTRING(3 0,0 0,0 3,3 0)", "LINESTRING(0 0,0 3,3 0,0 0)"),
            ("LINESTRING(0 0,0 0)", "LINESTRING(0 0,0 0)"),
            ("LINESTRING EMPTY", "LINESTRING EMPTY"),
            ("POLYGON((0 0,10 0,10 10,0 10,0 0))", "POLYGON((0 0,0 10,10 10,10 0,0 0))"),
            ("POLYGON Z((5 5 1,10 0 2,0 0 3,5 5 1))", "POLYGON Z((0 0 3,5 5 1,10 0 2,0 0 3))"),
            ("POLYGON((0 0,0 10,10 10,10 0,0 0),(1 1,2 1,2 2,1 1),(5 5,6 5,6 6,5 5),(1 5,1 6,2 6,1 5))", "POLYGON((0 0,0 10,10 10,10 0,0 0),(5 5,6 5,6 6,5 5),(1 5,2 6,1 6,1 5),(1 1,2 1,2 2,1 1))"),
            ("POLYGON((0 0,2 2,2 0,0 2,0 0))", "POLYGON((0 0,0 2,2 0,2 2,0 0))"),
            ("POLYGON((0 0,1 0,2 0,0 0))", "POLYGON((0 0,1 0,2 0,0 0))"),
            ("POLYGON((1 1,0 0,1 1,2 0,1 1))", "POLYGON((0 0,1 1,2 0,1 1,0 0))"),
            ("POLYGON EMPTY", "POLYGON EMPTY"),
            ("MULTIPOINT((0 0),(1 1),(1 0))", "MULTIPOINT((1 1),(1 0),(0 0))"),
            ("MULTIPOINT Z((0 0 1),(0 0 2))", "MULTIPOINT Z((0 0 1),(0 0 2))"),
            ("MULTILINESTRING((0 0,1 1),(2 2,3 3))", "MULTILINESTRING((2 2,3 3),(0 0,1 1))"),
            ("MULTILINESTRING((5 5,1 1),(0 0,1 1,2 2))", "MULTILINESTRING((0 0,1 1,2 2),(1 1,5 5))"),
            ("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)),((0 0,1 1,0 1,0 0)))", "MULTIPOLYGON(((5 5,6 6,6 5,5 5)),((0 0,1 1,1 0,0 0)),((0 0,0 1,1 1,0 0)))"),
            ("MULTIPOLYGON EMPTY", "MULTIPOLYGON EMPTY"),
            ("GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,1 1),POLYGON((0 0,1 0,1 1,0 0)),MULTIPOINT((0 0),(1 1)),GEOMETRYCOLLECTION(POINT(5 5)))", "GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POINT(5 5)),POLYGON((0 0,1 1,1 0,0 0)),LINESTRING(0 0,1 1),MULTIPOINT((1 1),(0 0)),POINT(0 0))"),
            ("GEOMETRYCOLLECTION(POINT EMPTY,POINT(1 1),LINESTRING EMPTY)", "GEOMETRYCOLLECTION(LINESTRING EMPTY,POINT(1 1),POINT EMPTY)"),
            ("GEOMETRYCOLLECTION EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("GEOMETRYCOLLECTION M(LINESTRING M(1 1 1,0 0 2),POINT M(3 3 3))", "GEOMETRYCOLLECTION M(LINESTRING M(0 0 2,1 1 1),POINT M(3 3 3))"),
            ("POLYGON((0 0,1 0,1 1,0 0,0 0))", "POLYGON((0 0,1 1,1 0,0 0))"),
            ("POLYGON((1 0,0 0,0 0,1 1,1 0))", "POLYGON((0 0,0 0,1 1,1 0,0 0))"),
            ("LINESTRING(0 0,1 0,1 1,0 0,0 0)", "LINESTRING(0 0,0 0,1 1,1 0,0 0)"),
        ] {
            let out = normalized(&wkb(input));
            assert_eq!(
                out,
                wkb(expected),
                "{input}: got {}",
                crate::wkt_codec::to_string(&geo(&out))
            );
        }
    }

    #[test]
    fn rings_keep_four_vertices() {
        // shapely 2.1.2 (GEOS 3.13.1) gives 'POLYGON((0 0,1 0,0 0))' and 'POLYGON((0 0,0 0,0 0))',
        // rings of 3 vertices that no WKB reader takes back; they stay closed here.
        for (input, expected) in [
            ("POLYGON((0 0,1 0,0 0,0 0))", "POLYGON((0 0,1 0,0 0,0 0))"),
            ("POLYGON((0 0,0 0,0 0,0 0))", "POLYGON((0 0,0 0,0 0,0 0))"),
        ] {
            assert_eq!(normalized(&wkb(input)), wkb(expected), "{input}");
        }
    }

    #[test]
    fn empty_members_sort_first_and_stay() {
        // shapely 2.1.2 (GEOS 3.13.1): shapely.normalize('MULTIPOINT(EMPTY,(1 1),(0 0))') is
        // 'MULTIPOINT((1 1),(0 0),EMPTY)': descending, the empty point least.
        let xy = |x, y| Xyzm {
            x,
            y,
            ..Xyzm::default()
        };
        let multipoint = |members: Vec<Option<Xyzm>>| {
            let mut out = Vec::new();
            Shape::MultiPoint(members.into_iter().map(Shape::Point).collect())
                .write(crate::coords::Dims::XY, &mut out);
            out
        };
        let input = multipoint(vec![None, Some(xy(1., 1.)), Some(xy(0., 0.))]);
        let expected = multipoint(vec![Some(xy(1., 1.)), Some(xy(0., 0.)), None]);
        assert_eq!(normalized(&input), expected);
    }

    #[test]
    fn nan_ordinates_sort_last_without_panicking() {
        let line = wkb("MULTIPOINT((0 0),(1 1),(2 2))");
        let mut with_nan = Vec::new();
        crate::affine::affine(
            &geo(&line),
            &crate::affine::Affine::planar(1., 0., f64::NAN, 1., 0., 0.),
            &mut with_nan,
        )
        .unwrap();
        // y = NaN x + y: every point has a NaN Y.
        let out = normalized(&with_nan);
        assert_eq!(crate::accessors::num_points(&geo(&out)), 3);
    }
}
