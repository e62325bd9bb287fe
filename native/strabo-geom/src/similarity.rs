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
/// 1). A fraction outside (0, 1] and NaN or infinite coordinates are refused.
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
    Ok(Some(
        oriented_hausdorff(&a, &facets_a, &facets_b, parts)
            .max(oriented_hausdorff(&b, &facets_b, &facets_a, parts)),
    ))
}

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
