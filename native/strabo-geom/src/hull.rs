//! Convex and concave hulls (`ST_ConvexHull`, `ST_ConcaveHull`), with GEOS's semantics.
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use geo::{Coord, Geometry, LineString, MultiPolygon, Point, Polygon};

use crate::parts::{empty_collection, finite_shape, ring_signed_area, vertices};
use crate::triangulate::{self, TriangleMesh};
use crate::{Geo, GeomError};

/// The smallest convex geometry that contains `geometry` (`ST_ConvexHull`), as GEOS builds it:
/// a polygon (its ring clockwise, without collinear vertices), or a point when all vertices
/// coincide, or a line between the two extreme vertices when they are collinear. EMPTY gives
/// `GEOMETRYCOLLECTION EMPTY`, as GEOS and shapely do (PostGIS returns the empty input
/// unchanged). NaN or infinite coordinates are refused.
pub fn convex_hull(geometry: &Geo) -> Result<Geometry<f64>, GeomError> {
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(empty_collection());
    };
    // GEOS hulls a polygon by its shell alone (a valid polygon's holes lie within it), so an
    // invalid polygon whose hole strays outside its shell is hulled by its shell. It looks at
    // every vertex of a multipolygon or a collection.
    let points = match shape.as_ref() {
        Geometry::Polygon(polygon) => polygon.exterior().0.clone(),
        other => vertices(other),
    };
    Ok(hull_of_points(points))
}

fn hull_of_points(points: Vec<Coord<f64>>) -> Geometry<f64> {
    let mut hull = extreme_points(points);
    match hull.len() {
        0 => empty_collection(),
        1 => Geometry::Point(Point(hull[0])),
        2 => Geometry::LineString(LineString(hull)),
        _ => {
            // Closed, and clockwise as GEOS writes it.
            hull.push(hull[0]);
            hull.reverse();
            Geometry::Polygon(Polygon::new(LineString(hull), Vec::new()))
        }
    }
}

/// The corners of the convex hull of `points`, counter-clockwise and not closed; the two
/// extreme points when all are collinear, the one point when all coincide.
pub(crate) fn extreme_points(mut points: Vec<Coord<f64>>) -> Vec<Coord<f64>> {
    points.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    points.dedup();
    if points.len() < 2 {
        return points;
    }
    // Andrew's monotone chain: the lower hull left to right, the upper hull right to left,
    // each dropping the vertices where it does not turn left (collinear ones included).
    let half = |ordered: &mut dyn Iterator<Item = &Coord<f64>>| {
        let mut chain: Vec<Coord<f64>> = Vec::new();
        for &p in ordered {
            while chain.len() >= 2
                && cross(chain[chain.len() - 2], chain[chain.len() - 1], p) <= 0.0
            {
                chain.pop();
            }
            chain.push(p);
        }
        chain.pop();
        chain
    };
    let mut hull = half(&mut points.iter());
    hull.extend(half(&mut points.iter().rev()));
    if hull.len() < 3 {
        return vec![points[0], points[points.len() - 1]];
    }
    hull
}

/// Twice the signed area of the triangle `a b c`: positive when it turns left.
fn cross(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// A concave hull of the vertices of `geometry`, as GEOS's `ConcaveHull` computes it
/// (`GEOSConcaveHull`, `shapely.concave_hull(geometry, ratio, allow_holes)`): the Delaunay
/// triangulation of the vertices, eroded from its border by removing the triangles with the
/// longest outer edges while those are at least the target length, `ratio · (longest −
/// shortest) + shortest` over the triangulation's edges. A triangle is kept when removing it
/// would split the hull or leave a vertex out, so the result is one polygon holding every
/// vertex. With `allow_holes`, holes are then opened at inner triangles with an edge that long
/// (in GEOS's order, shortest first) and eroded the same way, never touching the border or each
/// other. `ratio` 1 gives the convex hull (with vertices on its edges kept), 0 the tightest
/// hull.
///
/// Fewer than three distinct vertices, or collinear ones, give the convex hull (a point or a
/// line). EMPTY gives `POLYGON EMPTY`. A ratio outside [0, 1] (or NaN) and NaN or infinite
/// coordinates are refused.
///
/// Differences: PostGIS 3.3+ (`ST_ConcaveHull(geom, pctconvex, allow_holes)`) gives the same
/// hull for points and lines, but hulls polygonal input with GEOS's `ConcaveHullOfPolygons`,
/// which keeps the polygons whole; here polygons are hulled by their vertices, as GEOS's and
/// shapely's `concave_hull` do, and the hull need not contain them. Where four or more
/// vertices lie on one circle (a grid) the Delaunay triangulation is not unique and the hull
/// may differ from GEOS's (see [`crate::triangulate`]); so may the choice between two
/// triangles whose edges and areas are equal.
pub fn concave_hull(
    geometry: &Geo,
    ratio: f64,
    allow_holes: bool,
) -> Result<Geometry<f64>, GeomError> {
    if !(0.0..=1.0).contains(&ratio) {
        return Err(GeomError::InvalidParameter(format!(
            "the concave hull ratio must be between 0 and 1, got {ratio}"
        )));
    }
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(Geometry::Polygon(Polygon::new(LineString(vec![]), vec![])));
    };
    let points = vertices(&shape);
    let mesh = triangulate::build(&points, 0.0)?.mesh();
    if mesh.triangles.is_empty() {
        return Ok(hull_of_points(points));
    }
    let mut hull = Erosion::new(mesh);
    let target = hull.target_length(ratio);
    hull.erode_border(target);
    if allow_holes {
        hull.erode_holes(target);
    }
    Ok(hull.into_geometry())
}

/// A triangulation from which triangles are removed.
struct Erosion {
    mesh: TriangleMesh,
    removed: Vec<bool>,
}

/// A triangle in the removal queue: largest size first, then largest area (GEOS's order).
struct Candidate {
    size: f64,
    area: f64,
    triangle: usize,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.size
            .total_cmp(&other.size)
            .then(self.area.total_cmp(&other.area))
            // Ties broken towards the earlier triangle, for repeatable results.
            .then(other.triangle.cmp(&self.triangle))
    }
}

impl Erosion {
    fn new(mesh: TriangleMesh) -> Erosion {
        Erosion {
            removed: vec![false; mesh.triangles.len()],
            mesh,
        }
    }

    fn corner(&self, t: usize, i: usize) -> Coord<f64> {
        self.mesh.vertices[self.mesh.triangles[t][i % 3]]
    }

    fn edge_length(&self, t: usize, i: usize) -> f64 {
        let (a, b) = (self.corner(t, i), self.corner(t, i + 1));
        (b.x - a.x).hypot(b.y - a.y)
    }

    fn area(&self, t: usize) -> f64 {
        cross(self.corner(t, 0), self.corner(t, 1), self.corner(t, 2)).abs() / 2.0
    }

    fn neighbour_count(&self, t: usize) -> usize {
        self.mesh.neighbours[t].iter().flatten().count()
    }

    fn border_length(&self, t: usize) -> f64 {
        (0..3)
            .filter(|&i| self.mesh.neighbours[t][i].is_none())
            .map(|i| self.edge_length(t, i))
            .sum()
    }

    fn longest_edge(&self, t: usize) -> f64 {
        (0..3).map(|i| self.edge_length(t, i)).fold(0.0, f64::max)
    }

    /// The length an outer edge must reach to be removed.
    fn target_length(&self, ratio: f64) -> f64 {
        if ratio == 0.0 {
            return 0.0;
        }
        let (mut shortest, mut longest) = (f64::INFINITY, 0.0f64);
        for t in 0..self.mesh.triangles.len() {
            for i in 0..3 {
                let length = self.edge_length(t, i);
                shortest = shortest.min(length);
                longest = longest.max(length);
            }
        }
        if ratio == 1.0 {
            // Nothing is removed: the convex hull.
            return 2.0 * longest;
        }
        ratio * (longest - shortest) + shortest
    }

    fn candidate(&self, t: usize, size: f64) -> Candidate {
        Candidate {
            size,
            area: self.area(t),
            triangle: t,
        }
    }

    /// Removes border triangles (those with one outer edge), longest outer edge first, until
    /// the longest is shorter than `target`.
    fn erode_border(&mut self, target: f64) {
        let mut queue: BinaryHeap<Candidate> = (0..self.mesh.triangles.len())
            .filter(|&t| self.neighbour_count(t) == 2)
            .map(|t| self.candidate(t, self.border_length(t)))
            .collect();
        // The size a triangle was queued with decides, as in GEOS, though its outer edges may
        // have grown since.
        while let Some(Candidate {
            size, triangle: t, ..
        }) = queue.pop()
        {
            if size < target {
                break;
            }
            if self.neighbour_count(t) != 2 || self.joins_at_border_vertex(t) {
                continue;
            }
            let neighbours = self.mesh.neighbours[t];
            self.remove(t);
            for n in neighbours.into_iter().flatten() {
                if self.neighbour_count(n) == 2 {
                    queue.push(self.candidate(n, self.border_length(n)));
                }
            }
        }
    }

    /// Whether the vertex facing the outer edge of a border triangle lies on the border too:
    /// removing the triangle would then split the hull there.
    fn joins_at_border_vertex(&self, t: usize) -> bool {
        let outer = (0..3)
            .find(|&i| self.mesh.neighbours[t][i].is_none())
            .expect("a border triangle has an outer edge");
        !self.is_interior_vertex(t, (outer + 2) % 3)
    }

    /// Whether the triangles around vertex `i` of `t` close all the way round it.
    fn is_interior_vertex(&self, t: usize, i: usize) -> bool {
        // Cross the edge leaving the vertex, into the next triangle round it.
        let (mut current, mut edge) = (t, i);
        loop {
            let Some(next) = self.mesh.neighbours[current][edge] else {
                return false;
            };
            let back = (0..3)
                .find(|&j| self.mesh.neighbours[next][j] == Some(current))
                .expect("neighbours link both ways");
            current = next;
            edge = (back + 1) % 3;
            if current == t {
                return true;
            }
        }
    }

    fn is_border(&self, t: usize) -> bool {
        self.neighbour_count(t) < 3
    }

    /// Whether a vertex of `t` is on the border though no edge of `t` is: removing `t` would
    /// make a hole touch the border there.
    fn touches_border(&self, t: usize) -> bool {
        let outer = |i: usize| self.mesh.neighbours[t][i % 3].is_none();
        (0..3).any(|i| !outer(i) && !outer(i + 2) && !self.is_interior_vertex(t, i))
    }

    /// After [`Self::erode_border`]: opens holes at inner triangles with an edge at least
    /// `target` long that touch no border, shortest first, each eroded outwards through the
    /// triangles whose outer edge is that long, as long as the hole touches nothing.
    fn erode_holes(&mut self, target: f64) {
        let mut seeds: Vec<Candidate> = (0..self.mesh.triangles.len())
            .filter(|&t| !self.removed[t] && self.longest_edge(t) >= target)
            .filter(|&t| !self.is_border(t) && !self.touches_border(t))
            .map(|t| self.candidate(t, self.longest_edge(t)))
            .collect();
        // Smallest first: GEOS sorts the seeds with its queue's less-than, so ascending
        // (though its comment says largest first); shapely's results follow that order.
        seeds.sort();
        for seed in seeds {
            let t = seed.triangle;
            if self.removed[t] || self.is_border(t) || self.touches_border(t) {
                continue;
            }
            let mut queue = BinaryHeap::from([seed]);
            while let Some(Candidate {
                size, triangle: h, ..
            }) = queue.pop()
            {
                if h != t && size < target {
                    break;
                }
                if h != t && (self.neighbour_count(h) != 2 || self.touches_border(h)) {
                    continue;
                }
                let neighbours = self.mesh.neighbours[h];
                self.remove(h);
                for n in neighbours.into_iter().flatten() {
                    if self.neighbour_count(n) == 2 {
                        queue.push(self.candidate(n, self.border_length(n)));
                    }
                }
            }
        }
    }

    fn remove(&mut self, t: usize) {
        self.removed[t] = true;
        for i in 0..3 {
            if let Some(n) = self.mesh.neighbours[t][i].take() {
                for link in self.mesh.neighbours[n].iter_mut() {
                    if *link == Some(t) {
                        *link = None;
                    }
                }
            }
        }
    }

    /// The remaining triangles as a polygon: their outer edges traced into rings, the
    /// counter-clockwise ones shells and the clockwise ones holes.
    fn into_geometry(self) -> Geometry<f64> {
        let mut outgoing: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for t in (0..self.removed.len()).filter(|&t| !self.removed[t]) {
            let corners = self.mesh.triangles[t];
            for i in 0..3 {
                if self.mesh.neighbours[t][i].is_none() {
                    outgoing.entry(corners[i]).or_default().push(edges.len());
                    edges.push((corners[i], corners[(i + 1) % 3]));
                }
            }
        }
        let at = |v: usize| self.mesh.vertices[v];
        let mut used = vec![false; edges.len()];
        let (mut shells, mut holes) = (Vec::new(), Vec::new());
        for first in 0..edges.len() {
            if used[first] {
                continue;
            }
            let mut ring = vec![at(edges[first].0)];
            let mut edge = first;
            while !used[edge] {
                used[edge] = true;
                let (from, to) = edges[edge];
                ring.push(at(to));
                // Where rings touch at a vertex, the interior left of the incoming edge
                // continues along the first outgoing edge clockwise from the way back.
                let back = at(from) - at(to);
                let turn = |e: &usize| {
                    let out = at(edges[*e].1) - at(to);
                    let angle =
                        (back.x * out.y - back.y * out.x).atan2(back.x * out.x + back.y * out.y);
                    // Clockwise angle from `back`, in (0, 2π].
                    if angle >= 0.0 {
                        2.0 * std::f64::consts::PI - angle
                    } else {
                        -angle
                    }
                };
                edge = *outgoing[&to]
                    .iter()
                    .min_by(|a, b| turn(a).total_cmp(&turn(b)))
                    .expect("a border edge ends where another starts");
            }
            if ring_signed_area(&ring) > 0.0 {
                shells.push(LineString(ring));
            } else {
                holes.push(LineString(ring));
            }
        }
        assemble(shells, holes)
    }
}

/// Polygons from shells and the holes inside them.
fn assemble(shells: Vec<LineString<f64>>, holes: Vec<LineString<f64>>) -> Geometry<f64> {
    use geo::Contains;
    if shells.len() == 1 {
        let shell = shells.into_iter().next().expect("one shell");
        return Geometry::Polygon(Polygon::new(shell, holes));
    }
    let mut polygons: Vec<Polygon<f64>> = shells
        .into_iter()
        .map(|shell| Polygon::new(shell, Vec::new()))
        .collect();
    for hole in holes {
        // The middle of a hole's edge is inside its shell: no edge lies on two rings.
        let middle = (hole.0[0] + hole.0[1]) / 2.0;
        if let Some(owner) = polygons.iter_mut().find(|p| p.contains(&Point(middle))) {
            owner.interiors_push(hole);
        }
    }
    Geometry::MultiPolygon(MultiPolygon(polygons))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::testing::assert_same_parts;
    use crate::testing::{geo, text_of, wkb};

    fn convex_of(text: &str) -> Geometry<f64> {
        convex_hull(&geo(&wkb(text))).unwrap()
    }

    fn concave_of(text: &str, ratio: f64, allow_holes: bool) -> Geometry<f64> {
        concave_hull(&geo(&wkb(text)), ratio, allow_holes).unwrap()
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.convex_hull(g)`; PostGIS 3.3.2
    /// `ST_ConvexHull` agrees but for EMPTY inputs, which it returns unchanged.
    #[test]
    fn convex_hull_agrees_with_geos() {
        for (text, expected) in [
            ("POINT(1 2)", "POINT(1 2)"),
            ("MULTIPOINT(0 0,1 1,2 2)", "LINESTRING(0 0,2 2)"),
            ("MULTIPOINT(0 0,0 0)", "POINT(0 0)"),
            ("LINESTRING(0 0,1 1)", "LINESTRING(0 0,1 1)"),
            ("LINESTRING(0 0,1 1,0 0)", "LINESTRING(0 0,1 1)"),
            ("LINESTRING(0 0,1 0,1 1,0 0)", "POLYGON((0 0,1 1,1 0,0 0))"),
            // Invalid: a hole outside its shell, which GEOS looks at in a multipolygon only.
            (
                "POLYGON((2 1,2 8,1 8,1 1,2 1),(4 1,4 8,3 8,3 1,4 1))",
                "POLYGON((1 1,1 8,2 8,2 1,1 1))",
            ),
            (
                "MULTIPOLYGON(((2 1,2 8,1 8,1 1,2 1),(4 1,4 8,3 8,3 1,4 1)))",
                "POLYGON((1 1,1 8,4 8,4 1,1 1))",
            ),
            (
                "MULTILINESTRING((0 0,1 0),(1 0,1 1),(1 0,2 0))",
                "POLYGON((0 0,1 1,2 0,0 0))",
            ),
            (
                "POLYGON((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
                "POLYGON((0 0,0 2,2 2,2 0,0 0))",
            ),
            (
                "MULTIPOLYGON(((0 0,1 0,0 1,0 0)),((5 5,6 5,5 6,5 5)))",
                "POLYGON((0 0,0 1,5 6,6 5,1 0,0 0))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(0 0,1 0))",
                "POLYGON((0 0,5 5,1 0,0 0))",
            ),
            ("POLYGON((0 0,1 1,2 2,0 0))", "LINESTRING(0 0,2 2)"),
            (
                "MULTIPOINT(0 0,1 0,2 0,2 1,2 2,1 1,0 2)",
                "POLYGON((0 0,0 2,2 2,2 0,0 0))",
            ),
        ] {
            assert_same_parts(&convex_of(text), expected);
        }
        for text in ["POINT EMPTY", "POLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY"] {
            assert_eq!(text_of(&convex_of(text)), "GEOMETRYCOLLECTION EMPTY");
        }
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.concave_hull(g, ratio, allow_holes)`.
    #[test]
    fn concave_hull_degenerate_inputs() {
        assert_same_parts(
            &concave_of("MULTIPOINT(0 0,2 0)", 0.5, false),
            "LINESTRING(0 0,2 0)",
        );
        assert_same_parts(
            &concave_of("MULTIPOINT(0 0,2 0,1 1)", 0.0, false),
            "POLYGON((0 0,1 1,2 0,0 0))",
        );
        assert_same_parts(&concave_of("POINT(3 4)", 0.0, true), "POINT(3 4)");
        assert_same_parts(
            &concave_of("MULTIPOINT(0 0,0 0,4 0,4 0,2 3,2 1,2 1)", 0.0, false),
            "POLYGON((2 1,0 0,2 3,4 0,2 1))",
        );
        assert_same_parts(
            &concave_of("POLYGON((0 0,1 1,2 2,0 0))", 0.3, false),
            "LINESTRING(0 0,2 2)",
        );
        assert_eq!(
            text_of(&concave_of("MULTIPOINT EMPTY", 0.2, false)),
            "POLYGON EMPTY"
        );
    }

    /// Forty random points. Oracle: shapely 2.1.2 (GEOS 3.13.1),
    /// `shapely.concave_hull(SITES, ratio, allow_holes)` for each row.
    const SITES: &str = "MULTIPOINT(62.29 74.18,79.52 94.25,73.99 92.23,2.9 46.56,94.34 64.9,90.09 11.32,46.91 24.66,54.38 57.39,1.31 21.67,27.95 91.63,76.57 15.96,79.71 13.88,61.75 12.67,0.18 87.14,20.95 21.55,98.24 87.24,28.93 96.15,53.92 67.78,20.48 94.1,69.06 96.66,89.37 29.88,36.12 16.6,14.57 6.51,30.14 60.31,0.34 67.79,33.79 31.0,81.85 48.07,31.58 48.12,70.47 5.7,97.51 2.29,74.98 84.49,1.81 78.77,36.62 57.85,0.91 4.67,18.09 95.52,19.65 75.57,92.97 94.2,34.44 35.48,52.47 77.56,10.81 74.84)";
    const SITES_HULLS: &[(f64, bool, &str)] = &[
        (0.0, false, "POLYGON ((1.81 78.77, 0.18 87.14, 10.81 74.84, 20.48 94.1, 18.09 95.52, 28.93 96.15, 27.95 91.63, 19.65 75.57, 30.14 60.31, 36.62 57.85, 54.38 57.39, 53.92 67.78, 52.47 77.56, 62.29 74.18, 74.98 84.49, 73.99 92.23, 69.06 96.66, 79.52 94.25, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 76.57 15.96, 79.71 13.88, 89.37 29.88, 90.09 11.32, 97.51 2.29, 70.47 5.7, 61.75 12.67, 46.91 24.66, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 20.95 21.55, 33.79 31, 34.44 35.48, 31.58 48.12, 2.9 46.56, 0.34 67.79, 1.81 78.77))"),
        (0.0, true, "POLYGON ((10.81 74.84, 20.48 94.1, 18.09 95.52, 28.93 96.15, 27.95 91.63, 19.65 75.57, 30.14 60.31, 36.62 57.85, 54.38 57.39, 53.92 67.78, 52.47 77.56, 62.29 74.18, 74.98 84.49, 73.99 92.23, 69.06 96.66, 79.52 94.25, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 76.57 15.96, 79.71 13.88, 89.37 29.88, 90.09 11.32, 97.51 2.29, 70.47 5.7, 61.75 12.67, 46.91 24.66, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 20.95 21.55, 33.79 31, 34.44 35.48, 31.58 48.12, 2.9 46.56, 0.34 67.79, 1.81 78.77, 0.18 87.14, 10.81 74.84))"),
        (0.1, false, "POLYGON ((1.81 78.77, 0.18 87.14, 10.81 74.84, 20.48 94.1, 18.09 95.52, 28.93 96.15, 27.95 91.63, 19.65 75.57, 30.14 60.31, 36.62 57.85, 54.38 57.39, 53.92 67.78, 52.47 77.56, 62.29 74.18, 74.98 84.49, 73.99 92.23, 69.06 96.66, 79.52 94.25, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 76.57 15.96, 79.71 13.88, 89.37 29.88, 90.09 11.32, 97.51 2.29, 70.47 5.7, 61.75 12.67, 46.91 24.66, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 20.95 21.55, 33.79 31, 34.44 35.48, 31.58 48.12, 2.9 46.56, 0.34 67.79, 1.81 78.77))"),
        (0.1, true, "POLYGON ((10.81 74.84, 20.48 94.1, 18.09 95.52, 28.93 96.15, 27.95 91.63, 19.65 75.57, 30.14 60.31, 36.62 57.85, 54.38 57.39, 53.92 67.78, 52.47 77.56, 62.29 74.18, 74.98 84.49, 73.99 92.23, 69.06 96.66, 79.52 94.25, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 76.57 15.96, 79.71 13.88, 89.37 29.88, 90.09 11.32, 97.51 2.29, 70.47 5.7, 61.75 12.67, 46.91 24.66, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 20.95 21.55, 33.79 31, 34.44 35.48, 31.58 48.12, 2.9 46.56, 0.34 67.79, 1.81 78.77, 0.18 87.14, 10.81 74.84))"),
        (0.3, false, "POLYGON ((0.34 67.79, 0.18 87.14, 18.09 95.52, 28.93 96.15, 52.47 77.56, 69.06 96.66, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 89.37 29.88, 97.51 2.29, 70.47 5.7, 61.75 12.67, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 2.9 46.56, 0.34 67.79))"),
        (0.3, true, "POLYGON ((0.18 87.14, 18.09 95.52, 28.93 96.15, 52.47 77.56, 69.06 96.66, 92.97 94.2, 98.24 87.24, 94.34 64.9, 81.85 48.07, 89.37 29.88, 97.51 2.29, 70.47 5.7, 61.75 12.67, 36.12 16.6, 14.57 6.51, 0.91 4.67, 1.31 21.67, 2.9 46.56, 0.34 67.79, 0.18 87.14), (34.44 35.48, 46.91 24.66, 54.38 57.39, 34.44 35.48))"),
        (0.6, false, "POLYGON ((0.34 67.79, 0.18 87.14, 18.09 95.52, 28.93 96.15, 69.06 96.66, 92.97 94.2, 98.24 87.24, 94.34 64.9, 89.37 29.88, 97.51 2.29, 70.47 5.7, 14.57 6.51, 0.91 4.67, 1.31 21.67, 0.34 67.79))"),
        (0.6, true, "POLYGON ((0.18 87.14, 18.09 95.52, 28.93 96.15, 69.06 96.66, 92.97 94.2, 98.24 87.24, 94.34 64.9, 89.37 29.88, 97.51 2.29, 70.47 5.7, 14.57 6.51, 0.91 4.67, 1.31 21.67, 0.34 67.79, 0.18 87.14))"),
        (1.0, false, "POLYGON ((0.34 67.79, 0.18 87.14, 18.09 95.52, 28.93 96.15, 69.06 96.66, 92.97 94.2, 98.24 87.24, 97.51 2.29, 0.91 4.67, 0.34 67.79))"),
        (1.0, true, "POLYGON ((0.18 87.14, 18.09 95.52, 28.93 96.15, 69.06 96.66, 92.97 94.2, 98.24 87.24, 97.51 2.29, 0.91 4.67, 0.34 67.79, 0.18 87.14))"),
    ];

    /// Two jittered circles of points, which leave a hole. Oracle as for [`SITES`].
    const RING: &str = "MULTIPOINT(10.594 0.0,10.354 2.774,7.858 4.537,7.702 7.702,4.591 7.952,2.506 9.352,0.0 10.222,-2.805 10.467,-4.84 8.383,-7.671 7.671,-8.738 5.045,-9.297 2.491,-9.634 0.0,-9.036 -2.421,-7.93 -4.578,-6.574 -6.574,-5.189 -8.988,-2.845 -10.619,-0.0 -9.323,2.355 -8.787,5.487 -9.503,7.118 -7.118,8.497 -4.906,9.152 -2.452,14.067 1.852,13.537 5.607,11.037 8.469,8.427 10.983,5.018 12.113,1.936 14.705,-1.705 12.954,-5.353 12.922,-8.935 11.644,-10.521 8.073,-13.362 5.535,-14.772 1.945,-14.139 -1.861,-13.466 -5.578,-10.483 -8.044,-8.443 -11.003,-5.089 -12.286,-1.917 -14.564,1.774 -13.473,5.322 -12.848,9.131 -11.899,11.666 -8.952,13.814 -5.722,13.788 -1.815)";
    const RING_HULLS: &[(f64, bool, &str)] = &[
        (0.0, false, "POLYGON ((-4.84 8.383, -8.935 11.644, -5.353 12.922, -2.805 10.467, -1.705 12.954, 0 10.222, 2.506 9.352, 1.936 14.705, 5.018 12.113, 4.591 7.952, 8.427 10.983, 11.037 8.469, 7.702 7.702, 7.858 4.537, 10.354 2.774, 13.537 5.607, 14.067 1.852, 13.788 -1.815, 10.594 0, 9.152 -2.452, 8.497 -4.906, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 7.118 -7.118, 5.487 -9.503, 5.322 -12.848, 2.355 -8.787, 0 -9.323, 1.774 -13.473, -1.917 -14.564, -2.845 -10.619, -5.089 -12.286, -5.189 -8.988, -8.443 -11.003, -10.483 -8.044, -6.574 -6.574, -7.93 -4.578, -9.036 -2.421, -13.466 -5.578, -14.139 -1.861, -9.634 0, -9.297 2.491, -14.772 1.945, -13.362 5.535, -8.738 5.045, -10.521 8.073, -7.671 7.671, -4.84 8.383))"),
        (0.0, true, "POLYGON ((-5.353 12.922, -2.805 10.467, -1.705 12.954, 0 10.222, 2.506 9.352, 1.936 14.705, 5.018 12.113, 4.591 7.952, 8.427 10.983, 11.037 8.469, 7.702 7.702, 7.858 4.537, 10.354 2.774, 13.537 5.607, 14.067 1.852, 13.788 -1.815, 10.594 0, 9.152 -2.452, 8.497 -4.906, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 7.118 -7.118, 5.487 -9.503, 5.322 -12.848, 2.355 -8.787, 0 -9.323, 1.774 -13.473, -1.917 -14.564, -2.845 -10.619, -5.089 -12.286, -5.189 -8.988, -8.443 -11.003, -10.483 -8.044, -6.574 -6.574, -7.93 -4.578, -9.036 -2.421, -13.466 -5.578, -14.139 -1.861, -9.634 0, -9.297 2.491, -14.772 1.945, -13.362 5.535, -8.738 5.045, -10.521 8.073, -7.671 7.671, -4.84 8.383, -8.935 11.644, -5.353 12.922))"),
        (0.2, false, "POLYGON ((-10.521 8.073, -8.935 11.644, -5.353 12.922, -1.705 12.954, 1.936 14.705, 5.018 12.113, 8.427 10.983, 11.037 8.469, 13.537 5.607, 14.067 1.852, 13.788 -1.815, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 5.322 -12.848, 1.774 -13.473, -1.917 -14.564, -5.089 -12.286, -8.443 -11.003, -10.483 -8.044, -13.466 -5.578, -14.139 -1.861, -14.772 1.945, -13.362 5.535, -10.521 8.073))"),
        (0.2, true, "POLYGON ((-8.935 11.644, -5.353 12.922, -1.705 12.954, 1.936 14.705, 5.018 12.113, 8.427 10.983, 11.037 8.469, 13.537 5.607, 14.067 1.852, 13.788 -1.815, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 5.322 -12.848, 1.774 -13.473, -1.917 -14.564, -5.089 -12.286, -8.443 -11.003, -10.483 -8.044, -13.466 -5.578, -14.139 -1.861, -14.772 1.945, -13.362 5.535, -10.521 8.073, -8.935 11.644), (0 10.222, -4.84 8.383, -8.738 5.045, -9.297 2.491, -9.036 -2.421, -7.93 -4.578, -6.574 -6.574, -5.189 -8.988, 0 -9.323, 2.355 -8.787, 7.118 -7.118, 8.497 -4.906, 9.152 -2.452, 10.594 0, 7.858 4.537, 4.591 7.952, 2.506 9.352, 0 10.222))"),
        (0.5, false, "POLYGON ((-13.362 5.535, -8.935 11.644, -5.353 12.922, 1.936 14.705, 8.427 10.983, 11.037 8.469, 13.537 5.607, 14.067 1.852, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 5.322 -12.848, -1.917 -14.564, -8.443 -11.003, -13.466 -5.578, -14.139 -1.861, -14.772 1.945, -13.362 5.535))"),
        (0.5, true, "POLYGON ((-8.935 11.644, -5.353 12.922, 1.936 14.705, 8.427 10.983, 11.037 8.469, 13.537 5.607, 14.067 1.852, 13.814 -5.722, 11.666 -8.952, 9.131 -11.899, 5.322 -12.848, -1.917 -14.564, -8.443 -11.003, -13.466 -5.578, -14.139 -1.861, -14.772 1.945, -13.362 5.535, -8.935 11.644), (-9.297 2.491, -7.93 -4.578, -6.574 -6.574, 2.355 -8.787, 9.152 -2.452, 7.858 4.537, 4.591 7.952, -4.84 8.383, -9.297 2.491))"),
    ];

    #[test]
    fn concave_hull_agrees_with_geos() {
        for (sites, hulls) in [(SITES, SITES_HULLS), (RING, RING_HULLS)] {
            for &(ratio, allow_holes, expected) in hulls {
                assert_same_parts(&concave_of(sites, ratio, allow_holes), expected);
            }
        }
        // Polygons are hulled by their vertices. Oracle: shapely as above; PostGIS 3.3.2
        // hulls the polygon whole instead (see `concave_hull`).
        assert_same_parts(
            &concave_of(
                "POLYGON((0 0,10 0,10 10,9 10,9 1,1 1,1 10,0 10,0 0))",
                0.1,
                false,
            ),
            "POLYGON ((1 1, 0 10, 1 10, 9 10, 10 10, 10 0, 9 1, 0 0, 1 1))",
        );
    }

    /// A wiggly polygon with a hole, whose hull has two holes: GEOS opens holes from the
    /// shortest qualifying edge up. Oracle: shapely 2.1.2 (GEOS 3.13.1),
    /// `shapely.concave_hull(g, 0.25, allow_holes=True)`.
    #[test]
    fn holes_open_in_geos_order() {
        assert_same_parts(
            &concave_of(
                "POLYGON((9.63 0.0,9.88 1.97,9.85 4.08,9.38 6.27,6.32 6.32,5.04 7.54,4.28 10.33,2.08 10.47,0.0 8.71,-1.75 8.81,-3.85 9.3,-5.77 8.63,-6.79 6.79,-8.95 5.98,-10.64 4.41,-11.32 2.25,-8.95 0.0,-9.6 -1.91,-9.76 -4.04,-7.98 -5.33,-7.25 -7.25,-5.01 -7.5,-3.32 -8.03,-1.66 -8.36,-0.0 -10.05,2.22 -11.18,4.39 -10.59,6.25 -9.36,7.09 -7.09,7.63 -5.1,9.78 -4.05,10.47 -2.08,9.63 0.0))",
                0.25,
                true,
            ),
            "POLYGON ((-10.64 4.41, -8.95 5.98, -5.77 8.63, -3.85 9.3, -1.75 8.81, 2.08 10.47, 4.28 10.33, 5.04 7.54, 9.38 6.27, 9.85 4.08, 9.88 1.97, 10.47 -2.08, 9.78 -4.05, 7.09 -7.09, 6.25 -9.36, 4.39 -10.59, 2.22 -11.18, 0 -10.05, -3.32 -8.03, -7.25 -7.25, -9.76 -4.04, -9.6 -1.91, -11.32 2.25, -10.64 4.41), (9.63 0, 6.32 6.32, 0 8.71, -1.66 -8.36, 7.63 -5.1, 9.63 0), (-5.01 -7.5, -8.95 0, -7.98 -5.33, -5.01 -7.5))",
        );
    }

    #[test]
    fn bad_ratios_and_coordinates_are_refused() {
        let bytes = wkb("MULTIPOINT(0 0,2 0,1 1)");
        for ratio in [-0.1, 1.5, f64::NAN] {
            assert!(concave_hull(&geo(&bytes), ratio, false).is_err());
        }
        let mut nan = bytes.clone();
        nan[14..22].copy_from_slice(&f64::NAN.to_le_bytes());
        assert!(concave_hull(&geo(&nan), 0.5, false).is_err());
        assert!(convex_hull(&geo(&nan)).is_err());
    }
}
