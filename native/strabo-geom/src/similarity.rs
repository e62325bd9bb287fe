//! How alike two geometries are in the plane: the discrete Hausdorff and Fréchet distances, as
//! GEOS computes them.
use geo::line_measures::FrechetDistance;
use geo::{Coord, CoordsIter, Euclidean, LineString};

use crate::nearest::{closest_on_segment, coord_distance, Facets};
use crate::{value::check_finite, Geo, GeomError};

/// GEOS's discrete Hausdorff distance (PostGIS's ST_HausdorffDistance, shapely's
/// `hausdorff_distance`): the largest distance from a vertex of either geometry to the other
/// geometry's points and linework. With `densify_fraction` f, each segment also contributes the
/// points that split it into round(1/f) equal parts, which brings the result nearer the true
/// Hausdorff distance. `None` if either geometry is empty (PostGIS: NULL; GEOS: NaN).
///
/// A polygon counts by its rings: a vertex inside a polygon is as far from it as from its
/// boundary, as in GEOS. `geo`'s `HausdorffDistance` is not used: it measures vertex to vertex
/// only, e.g. 5.099 rather than GEOS's 1 between LINESTRING(0 0,10 0) and LINESTRING(0 1,5 1,10
/// 1). A fraction outside (0, 1], one that would add more than a million points, and NaN or
/// infinite coordinates are refused.
pub fn hausdorff_distance(
    a: &Geo,
    b: &Geo,
    densify_fraction: Option<f64>,
) -> Result<Option<f64>, GeomError> {
    let parts = match densify_fraction {
        None => None,
        Some(f) if f > 0.0 && f <= 1.0 => Some((1.0 / f + 0.5).floor()),
        Some(f) => {
            return Err(GeomError::InvalidParameter(format!(
                "the densify fraction must be in (0, 1], got {f}"
            )))
        }
    };
    let (Some(a), Some(b)) = (a.shape(), b.shape()) else {
        return Ok(None);
    };
    check_finite(&a)?;
    check_finite(&b)?;
    let (facets_a, facets_b) = (Facets::of(&a), Facets::of(&b));
    if let Some(parts) = parts {
        let segments = facets_a.segment_count() + facets_b.segment_count();
        let points = segments as f64 * parts;
        if points > MAX_DENSIFIED_POINTS {
            return Err(GeomError::InvalidParameter(format!(
                "the densify fraction {:e} splits the {segments} segments into {points:.3e} points, \
                 more than {MAX_DENSIFIED_POINTS:e}: use a larger fraction",
                densify_fraction.unwrap_or_default()
            )));
        }
    }
    Ok(Some(
        oriented_hausdorff(&a, &facets_a, &facets_b, parts)
            .max(oriented_hausdorff(&b, &facets_b, &facets_a, parts)),
    ))
}

/// The most points the densified segments of both geometries may add: each is measured
/// against every segment of the other geometry, and a fraction of 1e-300 would never end.
const MAX_DENSIFIED_POINTS: f64 = 1e6;

/// The largest distance from the vertices of `shape` (and the points that split its segments
/// into `parts`) to `other`.
fn oriented_hausdorff(
    shape: &geo::Geometry<f64>,
    facets: &Facets,
    other: &Facets,
    parts: Option<f64>,
) -> f64 {
    let mut farthest = shape
        .coords_iter()
        .map(|c| distance_to(c, other))
        .fold(0.0, f64::max);
    if let Some(parts) = parts {
        for line in &facets.lines {
            for segment in line.windows(2) {
                let (p, q) = (segment[0], segment[1]);
                let (dx, dy) = ((q.x - p.x) / parts, (q.y - p.y) / parts);
                for i in 0..parts as u64 {
                    let at = Coord {
                        x: p.x + i as f64 * dx,
                        y: p.y + i as f64 * dy,
                    };
                    farthest = farthest.max(distance_to(at, other));
                }
            }
        }
    }
    farthest
}

/// Distance from `p` to the nearest point or segment of `facets` (GEOS's `DistanceToPoint`).
fn distance_to(p: Coord<f64>, facets: &Facets) -> f64 {
    let to_points = facets.points.iter().map(|&q| coord_distance(p, q));
    let to_segments = facets.lines.iter().flat_map(|line| {
        line.windows(2)
            .map(move |s| coord_distance(p, closest_on_segment(p, s[0], s[1])))
    });
    to_points.chain(to_segments).fold(f64::INFINITY, f64::min)
}

/// The discrete Fréchet distance between the coordinate sequences of two geometries (GEOS's
/// `DiscreteFrechetDistance`, PostGIS's ST_FrechetDistance, shapely's `frechet_distance`): the
/// least, over walks along both sequences in order, of the largest distance between paired
/// vertices. Every geometry type counts, by all its coordinates in order (a polygon's shell
/// then its holes, a collection's parts one after another), as in GEOS; `geo`'s
/// `FrechetDistance` computes it over those sequences. `None` if either is empty; NaN and
/// infinite coordinates are refused.
pub fn frechet_distance(a: &Geo, b: &Geo) -> Result<Option<f64>, GeomError> {
    let (Some(a), Some(b)) = (a.shape(), b.shape()) else {
        return Ok(None);
    };
    check_finite(&a)?;
    check_finite(&b)?;
    let (a, b) = (
        LineString(a.coords_iter().collect()),
        LineString(b.coords_iter().collect()),
    );
    Ok(Some(Euclidean.frechet_distance(&a, &b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn assert_close(actual: f64, expected: f64, what: &str) {
        assert!(
            (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "{what}: {actual} != {expected}"
        );
    }

    /// Every pairing of the types, a degenerate line and a line crossing a polygon. shapely
    /// 2.1.2 (GEOS 3.13.1): `hausdorff_distance(a, b)`, `hausdorff_distance(a, b,
    /// densify=0.25)`.
    const GEOS_HAUSDORFF: &[(&str, &str, f64, f64)] = &[
        ("POINT(1 2)", "POINT(1 2)", 0.0, 0.0),
        ("POINT(1 2)", "MULTIPOINT(0 0,4 4,-3 5)", 5.0, 5.0),
        (
            "POINT(1 2)",
            "LINESTRING(0 0,10 0,10 10)",
            12.041594578792296,
            12.041594578792296,
        ),
        (
            "POINT(1 2)",
            "LINESTRING(3 3,3 3)",
            2.23606797749979,
            2.23606797749979,
        ),
        (
            "POINT(1 2)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            24.186773244895647,
            24.186773244895647,
        ),
        (
            "POINT(1 2)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            6.4031242374328485,
            6.4031242374328485,
        ),
        (
            "POINT(1 2)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            17.69180601295413,
            17.69180601295413,
        ),
        (
            "POINT(1 2)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            8.06225774829855,
            8.06225774829855,
        ),
        (
            "POINT(1 2)",
            "LINESTRING(-1 3,12 3)",
            11.045361017187261,
            11.045361017187261,
        ),
        ("MULTIPOINT(0 0,4 4,-3 5)", "POINT(1 2)", 5.0, 5.0),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            0.0,
            0.0,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(0 0,10 0,10 10)",
            8.48528137423857,
            8.48528137423857,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(3 3,3 3)",
            6.324555320336759,
            6.324555320336759,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            21.02379604162864,
            21.02379604162864,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            4.47213595499958,
            4.47213595499958,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            14.142135623730951,
            14.142135623730951,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            6.324555320336759,
            6.324555320336759,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(-1 3,12 3)",
            8.06225774829855,
            8.06225774829855,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POINT(1 2)",
            12.041594578792296,
            12.041594578792296,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            8.48528137423857,
            8.48528137423857,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(0 0,10 0,10 10)",
            0.0,
            0.0,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(3 3,3 3)",
            9.899494936611665,
            9.899494936611665,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            15.0,
            15.0,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            6.0,
            6.0,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            10.0,
            11.0,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            9.055385138137417,
            9.055385138137417,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(-1 3,12 3)",
            7.0,
            7.0,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POINT(1 2)",
            2.23606797749979,
            2.23606797749979,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            6.324555320336759,
            6.324555320336759,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(0 0,10 0,10 10)",
            9.899494936611665,
            9.899494936611665,
        ),
        ("LINESTRING(3 3,3 3)", "LINESTRING(3 3,3 3)", 0.0, 0.0),
        (
            "LINESTRING(3 3,3 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            22.090722034374522,
            22.090722034374522,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            4.242640687119285,
            4.242640687119285,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            15.556349186104045,
            15.556349186104045,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            6.324555320336759,
            6.324555320336759,
        ),
        ("LINESTRING(3 3,3 3)", "LINESTRING(-1 3,12 3)", 9.0, 9.0),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POINT(1 2)",
            24.186773244895647,
            24.186773244895647,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            21.02379604162864,
            21.02379604162864,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(0 0,10 0,10 10)",
            15.0,
            15.0,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(3 3,3 3)",
            22.090722034374522,
            22.090722034374522,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            0.0,
            0.0,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            19.0,
            19.0,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            14.142135623730951,
            14.142135623730951,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            16.492422502470642,
            16.492422502470642,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(-1 3,12 3)",
            13.152946437965905,
            13.200378782444085,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POINT(1 2)",
            6.4031242374328485,
            6.4031242374328485,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            4.47213595499958,
            4.47213595499958,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(0 0,10 0,10 10)",
            6.0,
            6.0,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(3 3,3 3)",
            4.242640687119285,
            4.242640687119285,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            19.0,
            19.0,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            0.0,
            0.0,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            11.313708498984761,
            11.313708498984761,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            4.242640687119285,
            4.242640687119285,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(-1 3,12 3)",
            6.0,
            6.0,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POINT(1 2)",
            17.69180601295413,
            17.69180601295413,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            14.142135623730951,
            14.142135623730951,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(0 0,10 0,10 10)",
            10.0,
            11.0,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(3 3,3 3)",
            15.556349186104045,
            15.556349186104045,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            14.142135623730951,
            14.142135623730951,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            11.313708498984761,
            11.313708498984761,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            0.0,
            0.0,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            13.92838827718412,
            13.92838827718412,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(-1 3,12 3)",
            11.180339887498949,
            11.180339887498949,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POINT(1 2)",
            8.06225774829855,
            8.06225774829855,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            6.324555320336759,
            6.324555320336759,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(0 0,10 0,10 10)",
            9.055385138137417,
            9.055385138137417,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(3 3,3 3)",
            6.324555320336759,
            6.324555320336759,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            16.492422502470642,
            16.492422502470642,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            4.242640687119285,
            4.242640687119285,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            13.92838827718412,
            13.92838827718412,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            0.0,
            0.0,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(-1 3,12 3)",
            4.0,
            4.0,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "POINT(1 2)",
            11.045361017187261,
            11.045361017187261,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            8.06225774829855,
            8.06225774829855,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "LINESTRING(0 0,10 0,10 10)",
            7.0,
            7.0,
        ),
        ("LINESTRING(-1 3,12 3)", "LINESTRING(3 3,3 3)", 9.0, 9.0),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            13.152946437965905,
            13.200378782444085,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            6.0,
            6.0,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            11.180339887498949,
            11.180339887498949,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            4.0,
            4.0,
        ),
        ("LINESTRING(-1 3,12 3)", "LINESTRING(-1 3,12 3)", 0.0, 0.0),
    ];

    /// shapely 2.1.2 (GEOS 3.13.1): `frechet_distance(a, b)`.
    const GEOS_FRECHET: &[(&str, &str, f64)] = &[
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
        ("POINT(1 2)", "LINESTRING(-1 3,12 3)", 11.045361017187261),
        ("MULTIPOINT(0 0,4 4,-3 5)", "POINT(1 2)", 5.0),
        ("MULTIPOINT(0 0,4 4,-3 5)", "MULTIPOINT(0 0,4 4,-3 5)", 0.0),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(0 0,10 0,10 10)",
            13.92838827718412,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(3 3,3 3)",
            6.324555320336759,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            21.02379604162864,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            5.830951894845301,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            14.142135623730951,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            12.649110640673518,
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(-1 3,12 3)",
            15.132745950421556,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POINT(1 2)",
            12.041594578792296,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            13.92838827718412,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(0 0,10 0,10 10)",
            0.0,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(3 3,3 3)",
            9.899494936611665,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            23.323807579381203,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            11.313708498984761,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            20.591260281974,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            9.055385138137417,
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(-1 3,12 3)",
            7.280109889280518,
        ),
        ("LINESTRING(3 3,3 3)", "POINT(1 2)", 2.23606797749979),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            6.324555320336759,
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(0 0,10 0,10 10)",
            9.899494936611665,
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
        ("LINESTRING(3 3,3 3)", "LINESTRING(-1 3,12 3)", 9.0),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POINT(1 2)",
            24.186773244895647,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            21.02379604162864,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(0 0,10 0,10 10)",
            23.323807579381203,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(3 3,3 3)",
            22.090722034374522,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            0.0,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            20.0,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            15.811388300841896,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            19.235384061671343,
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(-1 3,12 3)",
            22.561028345356956,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POINT(1 2)",
            6.4031242374328485,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            5.830951894845301,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(0 0,10 0,10 10)",
            11.313708498984761,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(3 3,3 3)",
            4.242640687119285,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            20.0,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            0.0,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            14.142135623730951,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            7.0710678118654755,
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(-1 3,12 3)",
            10.04987562112089,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POINT(1 2)",
            17.69180601295413,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            14.142135623730951,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(0 0,10 0,10 10)",
            20.591260281974,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(3 3,3 3)",
            15.556349186104045,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            15.811388300841896,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            14.142135623730951,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            0.0,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            17.029386365926403,
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(-1 3,12 3)",
            20.223748416156685,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POINT(1 2)",
            8.06225774829855,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            12.649110640673518,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(0 0,10 0,10 10)",
            9.055385138137417,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(3 3,3 3)",
            6.324555320336759,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            19.235384061671343,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            7.0710678118654755,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            17.029386365926403,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            0.0,
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(-1 3,12 3)",
            6.4031242374328485,
        ),
        ("LINESTRING(-1 3,12 3)", "POINT(1 2)", 11.045361017187261),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            15.132745950421556,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "LINESTRING(0 0,10 0,10 10)",
            7.280109889280518,
        ),
        ("LINESTRING(-1 3,12 3)", "LINESTRING(3 3,3 3)", 9.0),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            22.561028345356956,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            10.04987562112089,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            20.223748416156685,
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            6.4031242374328485,
        ),
        ("LINESTRING(-1 3,12 3)", "LINESTRING(-1 3,12 3)", 0.0),
    ];

    #[test]
    fn hausdorff_matches_geos() {
        for &(a, b, plain, densified) in GEOS_HAUSDORFF {
            let (a_wkb, b_wkb) = (wkb(a), wkb(b));
            let (x, y) = (geo(&a_wkb), geo(&b_wkb));
            let what = format!("{a} / {b}");
            assert_close(
                hausdorff_distance(&x, &y, None).unwrap().unwrap(),
                plain,
                &what,
            );
            let dense = hausdorff_distance(&x, &y, Some(0.25)).unwrap().unwrap();
            assert_close(dense, densified, &what);
        }
    }

    #[test]
    fn frechet_matches_geos() {
        for &(a, b, expected) in GEOS_FRECHET {
            let (a_wkb, b_wkb) = (wkb(a), wkb(b));
            let found = frechet_distance(&geo(&a_wkb), &geo(&b_wkb))
                .unwrap()
                .unwrap();
            assert_close(found, expected, &format!("{a} / {b}"));
        }
    }

    #[test]
    fn empty_bad_fractions_and_nan() {
        let (empty, point) = (wkb("POINT EMPTY"), wkb("POINT(1 1)"));
        let (empty, point) = (geo(&empty), geo(&point));
        assert_eq!(hausdorff_distance(&empty, &point, None), Ok(None));
        assert_eq!(frechet_distance(&point, &empty), Ok(None));
        // GEOS: "Fraction is not in range (0.0 - 1.0]".
        for bad in [0.0, -0.5, 1.5, f64::NAN] {
            assert!(
                hausdorff_distance(&point, &point, Some(bad)).is_err(),
                "{bad}"
            );
        }
        assert_eq!(hausdorff_distance(&point, &point, Some(1.0)), Ok(Some(0.0)));
        let mut nan = Vec::new();
        crate::write_wkb(&geo::Point::new(f64::NAN, 1.0), &mut nan);
        assert!(hausdorff_distance(&geo(&nan), &point, None).is_err());
        assert!(frechet_distance(&point, &geo(&nan)).is_err());
        // A tiny fraction once split each segment into 1e300 parts, for ever.
        let line = wkb("LINESTRING(0 0,1 0,2 0)");
        let err = hausdorff_distance(&geo(&line), &point, Some(1e-300)).unwrap_err();
        assert!(
            err.to_string()
                .contains("fraction 1e-300 splits the 2 segments into 2.000e300 points"),
            "{err}"
        );
        assert!(hausdorff_distance(&geo(&line), &point, Some(1e-5)).is_ok());
    }
}
