//! Planar distance and direction.
use std::f64::consts::{FRAC_PI_2, PI};

use geo::{BoundingRect, Distance, Euclidean};

use crate::{value::check_finite, Geo, GeomError};

/// Minimum planar distance between two geometries (0 if they intersect), or `None` if either is
/// empty (GEOS answers NaN there; SQL answers NULL). Two points never become shapes. A
/// coordinate that is NaN or infinite gives NaN, as it does between two points, and so do
/// coordinates so far apart (beyond about 1e153) that squared distances overflow, or so close
/// (below about 1e-154) that they underflow: geo's nearest neighbour search cannot order such
/// distances.
pub fn distance(a: &Geo, b: &Geo) -> Option<f64> {
    use geo::CoordsIter;
    if let (Some(p), Some(q)) = (a.as_point(), b.as_point()) {
        return Some((q.x - p.x).hypot(q.y - p.y));
    }
    let (a, b) = (a.shape()?, b.shape()?);
    let finite = |c: geo::Coord| c.x.is_finite() && c.y.is_finite();
    if !a.coords_iter().all(finite) || !b.coords_iter().all(finite) {
        return Some(f64::NAN);
    }
    // The search compares squared distances; where they overflow it cannot order them either.
    let (Some(a_box), Some(b_box)) = (a.bounding_rect(), b.bounding_rect()) else {
        return None;
    };
    let width = a_box.max().x.max(b_box.max().x) - a_box.min().x.min(b_box.min().x);
    let height = a_box.max().y.max(b_box.max().y) - a_box.min().y.min(b_box.min().y);
    if !(width * width + height * height).is_finite()
        || has_vanishing_segment(&a)
        || has_vanishing_segment(&b)
    {
        return Some(f64::NAN);
    }
    Some(Euclidean.distance(&*a, &*b))
}

/// Whether a segment is so short (below about 1e-154) that its squared length is 0 though its
/// ends differ: projecting onto it divides 0 by 0.
fn has_vanishing_segment(shape: &geo::Geometry<f64>) -> bool {
    use geo::Geometry as G;
    let vanishes = |line: &geo::LineString<f64>| {
        line.lines().any(|segment| {
            let (dx, dy) = (segment.dx(), segment.dy());
            dx * dx + dy * dy == 0.0 && (dx != 0.0 || dy != 0.0)
        })
    };
    let polygon =
        |p: &geo::Polygon<f64>| vanishes(p.exterior()) || p.interiors().iter().any(vanishes);
    match shape {
        G::LineString(l) => vanishes(l),
        G::Polygon(p) => polygon(p),
        G::MultiLineString(ls) => ls.iter().any(vanishes),
        G::MultiPolygon(ps) => ps.iter().any(polygon),
        G::GeometryCollection(parts) => parts.iter().any(has_vanishing_segment),
        G::Line(l) => vanishes(&(*l).into()),
        G::Rect(r) => polygon(&r.to_polygon()),
        G::Triangle(t) => polygon(&t.to_polygon()),
        G::Point(_) | G::MultiPoint(_) => false,
    }
}

/// Largest planar distance between a point of `a` and a point of `b` (PostGIS's
/// ST_MaxDistance), which two vertices always attain: measured between the vertices of the two
/// convex hulls. `None` if either geometry is empty; NaN and infinite coordinates are refused.
pub fn max_distance(a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
    let (Some(a), Some(b)) = (a.shape(), b.shape()) else {
        return Ok(None);
    };
    check_finite(&a)?;
    check_finite(&b)?;
    let (a, b) = (hull_vertices(&a), hull_vertices(&b));
    let farthest = a
        .iter()
        .flat_map(|p| b.iter().map(move |q| (q.x - p.x).hypot(q.y - p.y)))
        .fold(0.0, f64::max);
    Ok(Some(farthest))
}

/// The vertices of a shape's convex hull (its extreme points, for collinear input too).
/// `geo`'s quickhull panics where products of huge coordinates overflow; this one does not.
fn hull_vertices(shape: &geo::Geometry<f64>) -> Vec<geo::Coord<f64>> {
    use geo::CoordsIter;
    crate::hull::extreme_points(shape.coords_iter().collect())
}

/// PostGIS's ST_Azimuth for two points: the angle in radians, clockwise from north (+y), of
/// the direction from `a` to `b`, in [0, 2π). `None` when the points coincide (PostGIS: NULL)
/// or either is empty (PostGIS raises an error). Any other geometry type is refused, as in
/// PostGIS, and so are NaN and infinite coordinates (PostGIS answers NaN).
pub fn azimuth(a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
    let (Some(a), Some(b)) = (a.shape(), b.shape()) else {
        return Ok(None);
    };
    let (geo::Geometry::Point(p), geo::Geometry::Point(q)) = (a.as_ref(), b.as_ref()) else {
        return Err(GeomError::Unsupported(
            "st_azimuth takes two points".to_string(),
        ));
    };
    check_finite(&a)?;
    check_finite(&b)?;
    if p == q {
        return Ok(None);
    }
    // PostGIS's expression, so that directions a rounding away from north give 0 as it does.
    let (dx, dy) = (q.x() - p.x(), q.y() - p.y());
    Ok(Some((2.0 * PI + FRAC_PI_2 - dy.atan2(dx)) % (2.0 * PI)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use std::f64::consts::FRAC_PI_4;

    fn distance_of(a: &str, b: &str) -> Option<f64> {
        let (a, b) = (wkb(a), wkb(b));
        distance(&geo(&a), &geo(&b))
    }

    #[test]
    fn distances() {
        assert_eq!(distance_of("POINT(0 0)", "POINT(3 4)"), Some(5.0));
        assert_eq!(
            distance_of("POLYGON((0 0,4 0,4 4,0 4,0 0))", "POINT(1 1)"),
            Some(0.0)
        );
        assert_eq!(distance_of("LINESTRING(0 0,10 0)", "POINT(5 2)"), Some(2.0));
        assert_eq!(distance_of("POINT EMPTY", "POINT(5 2)"), None);
    }

    #[test]
    fn coordinates_that_are_not_finite_give_nan() {
        let of = |geometry: geo::Geometry| {
            let mut out = Vec::new();
            crate::write_wkb(&geometry, &mut out);
            out
        };
        let line = wkb("LINESTRING(0 0,1 1)");
        for bad in [
            of(geo::point!(x: f64::NAN, y: 2.0).into()),
            of(geo::LineString::from(vec![(0.0, 0.0), (f64::INFINITY, 0.0)]).into()),
            of(geo::LineString::from(vec![(0.0, 0.0), (-1e300, 1e300)]).into()),
            of(geo::LineString::from(vec![(0.0, 0.0), (1e-300, 0.0)]).into()),
        ] {
            assert!(distance(&geo(&line), &geo(&bad)).unwrap().is_nan());
            assert!(distance(&geo(&bad), &geo(&line)).unwrap().is_nan());
        }
    }

    /// PostGIS 3.3.2: `ST_MaxDistance(a, b)` for every pairing of the types, a degenerate line and
    /// collinear points.
    const POSTGIS_MAX_DISTANCES: &[(&str, &str, f64)] = &[
        ("POINT(1 2)", "POINT(1 2)", 0.0),
        ("POINT(1 2)", "MULTIPOINT(0 0,4 4,-3 5)", 5.0),
        (
            "POINT(1 2)",
            "LINESTRING(0 0,10 0,10 10)",
            12.041594578792296,
        ),
        ("POINT(1 2)", "LINESTRING(3 3,3 3)", 2.23606797749979),
        (
            "POINT(1 2)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            24.186773244895647,
        ),
        (
            "POINT(1 2)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            6.4031242374328485,
        ),
        (
            "POINT(1 2)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            17.69180601295413,
        ),
        (
            "POINT(1 2)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            8.06225774829855,
        ),
        (
            "POINT(1 2)",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            2.8284271247461903,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            7.0710678118654755,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(0 0,10 0,10 10)",
            14.142135623730951,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(3 3,3 3)",
            6.324555320336759,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            28.0,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            10.295630140987,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            19.79898987322333,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            12.649110640673518,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            // PostGIS's ST_MaxDistance answers NULL (its convex hull of these collinear points
            // is a line it then mishandles); this is its _ST_MaxDistance(a, b).
            7.810249675906654,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(0 0,10 0,10 10)",
            14.142135623730951,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(3 3,3 3)",
            9.899494936611665,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            25.495097567963924,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            14.142135623730951,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            20.591260281974,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            11.40175425099138,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            // PostGIS's ST_MaxDistance answers NULL (its convex hull of these collinear points
            // is a line it then mishandles); this is its _ST_MaxDistance(a, b).
            14.142135623730951,
        ),
        ("LINESTRING(3 3,3 3)", "LINESTRING(3 3,3 3)", 0.0),
        (
            "LINESTRING(3 3,3 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            22.090722034374522,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            4.242640687119285,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            15.556349186104045,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            6.324555320336759,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            4.242640687119285,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            35.6931365951495,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            25.495097567963924,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            33.37663853655727,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            22.090722034374522,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            // PostGIS's ST_MaxDistance answers NULL (its convex hull of these collinear points
            // is a line it then mishandles); this is its _ST_MaxDistance(a, b).
            25.495097567963924,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            8.48528137423857,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            19.79898987322333,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            10.295630140987,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            // PostGIS's ST_MaxDistance answers NULL, its _ST_MaxDistance 5.657 (to the hole
            // only); by hand, from (6 6) to (0 0): √72.
            8.48528137423857,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            26.076809620810597,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            17.029386365926403,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            19.79898987322333,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            6.324555320336759,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            9.055385138137417,
        ),
        (
            "LINESTRING(0 0,1 0,2 0,3 0)",
            "LINESTRING(0 0,1 0,2 0,3 0)",
            3.0,
        ),
    ];

    #[test]
    fn max_distances_match_postgis() {
        for &(a, b, expected) in POSTGIS_MAX_DISTANCES {
            for (x, y) in [(a, b), (b, a)] {
                let (x_wkb, y_wkb) = (wkb(x), wkb(y));
                let found = max_distance(&geo(&x_wkb), &geo(&y_wkb)).unwrap().unwrap();
                assert!(
                    (found - expected).abs() <= 1e-12 * expected,
                    "{x} / {y}: {found}"
                );
            }
        }
        let (empty, point) = (wkb("GEOMETRYCOLLECTION EMPTY"), wkb("POINT(0 0)"));
        assert_eq!(max_distance(&geo(&point), &geo(&empty)), Ok(None));
        // Products of these coordinates overflow: geo's quickhull once panicked on them.
        let huge = wkb("MULTIPOINT(0 0,1e200 1e200,-1e200 1e200,1e200 -1e200,1 1)");
        let found = max_distance(&geo(&huge), &geo(&huge)).unwrap().unwrap();
        assert_eq!(found, 2e200 * 2f64.sqrt());
    }

    /// PostGIS 3.3.2: `ST_Azimuth(a, b)`, directions a rounding away from north included
    /// (its values equal to π/4, π/2 and π written as those constants).
    const POSTGIS_AZIMUTHS: &[(&str, &str, f64)] = &[
        ("POINT(0 0)", "POINT(1 1)", FRAC_PI_4),
        ("POINT(0 0)", "POINT(-1 0)", 4.71238898038469),
        ("POINT(0 0)", "POINT(0 -1)", PI),
        ("POINT(0 0)", "POINT(0 1)", 0.0),
        ("POINT(0 0)", "POINT(1 0)", FRAC_PI_2),
        ("POINT(3 4)", "POINT(-2 -7)", 3.568220146716669),
        ("POINT(0 0)", "POINT(-1e-300 1)", 0.0),
        ("POINT(0 0)", "POINT(1e-300 -1)", PI),
        ("POINT(25 45)", "POINT(75 100)", 0.7378150601204645),
    ];

    #[test]
    fn azimuths_match_postgis() {
        for &(a, b, expected) in POSTGIS_AZIMUTHS {
            let (a_wkb, b_wkb) = (wkb(a), wkb(b));
            assert_eq!(
                azimuth(&geo(&a_wkb), &geo(&b_wkb)),
                Ok(Some(expected)),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn azimuth_edge_cases() {
        let of = |a: &str, b: &str| azimuth(&geo(&wkb(a)), &geo(&wkb(b)));
        // PostGIS: NULL for coincident points, an error for EMPTY ("Error extracting point").
        assert_eq!(of("POINT(1 1)", "POINT(1 1)"), Ok(None));
        assert_eq!(of("POINT EMPTY", "POINT(1 1)"), Ok(None));
        // PostGIS: "Argument must be POINT geometries".
        assert!(of("POINT(0 0)", "LINESTRING(0 0,1 1)").is_err());
        assert!(of("MULTIPOINT(1 1)", "POINT(0 0)").is_err());
        assert!(of("POINT Z(0 0 5)", "POINT M(1 0 7)").unwrap().is_some());
    }
}
