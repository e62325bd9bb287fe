//! The nearest points of two geometries in the plane, as GEOS's `DistanceOp` finds them
//! (shapely's `shortest_line`, GEOSNearestPoints).
use geo::line_intersection::{line_intersection, LineIntersection};
use geo::{Coord, CoordinatePosition, Line, LineString, Point, Polygon};

use crate::{value::check_finite, Geo, GeomError};

/// The point of `a` nearest to `b` (PostGIS's ST_ClosestPoint; GeoMesa's st_closestPoint, which
/// calls JTS's `DistanceOp`). `None` if either geometry is empty.
///
/// Where several points are equally near, the one GEOS picks: the search runs in GEOS's order
/// (a vertex of one geometry inside a polygon of the other first, then segment against segment,
/// segments against points, points against points, each in the geometries' order), keeps the
/// first strictly nearer pair and stops at distance 0; where two segments meet, the meeting
/// point is GEOS's (for overlapping segments, the first end of the overlap). PostGIS uses its
/// own search and may pick another of equally near points. NaN and infinite coordinates are
/// refused; so are coordinates so large that every distance overflows.
pub fn closest_point(a: &Geo, b: &Geo) -> Result<Option<Point<f64>>, GeomError> {
    Ok(nearest_points(a, b)?.map(|(on_a, _)| Point(on_a)))
}

/// The shortest line from `a` to `b` (PostGIS's ST_ShortestLine), from [`closest_point`]`(a, b)`
/// to the nearest point of `b`: two equal points where the geometries meet. `None` if either is
/// empty. Ties and refused input as for [`closest_point`].
pub fn shortest_line(a: &Geo, b: &Geo) -> Result<Option<LineString<f64>>, GeomError> {
    Ok(nearest_points(a, b)?.map(|(on_a, on_b)| LineString(vec![on_a, on_b])))
}

/// A point of `a` and a point of `b`.
type Pair = (Coord<f64>, Coord<f64>);

fn nearest_points(a: &Geo, b: &Geo) -> Result<Option<Pair>, GeomError> {
    let (Some(shape_a), Some(shape_b)) = (a.shape(), b.shape()) else {
        return Ok(None);
    };
    check_finite(&shape_a)?;
    check_finite(&shape_b)?;
    let (a, b) = (Facets::of(&shape_a), Facets::of(&shape_b));
    if let Some(point) = a.contains_any(&b.locations) {
        return Ok(Some((point, point)));
    }
    if let Some(point) = b.contains_any(&a.locations) {
        return Ok(Some((point, point)));
    }
    let mut best = Best::default();
    'lines: for line_a in &a.lines {
        for line_b in &b.lines {
            for segment_a in line_a.windows(2) {
                for segment_b in line_b.windows(2) {
                    let (a0, a1, b0, b1) = (segment_a[0], segment_a[1], segment_b[0], segment_b[1]);
                    let distance = segment_to_segment(a0, a1, b0, b1);
                    if distance < best.distance {
                        let (on_a, on_b) = closest_points(a0, a1, b0, b1);
                        best = Best::at(distance, on_a, on_b);
                    }
                    if best.distance <= 0.0 {
                        break 'lines;
                    }
                }
            }
        }
    }
    if best.distance > 0.0 {
        best.nearer_to_points(&a.lines, &b.points, false);
    }
    if best.distance > 0.0 {
        best.nearer_to_points(&b.lines, &a.points, true);
    }
    if best.distance > 0.0 {
        'points: for &p in &a.points {
            for &q in &b.points {
                let distance = coord_distance(p, q);
                if distance < best.distance {
                    best = Best::at(distance, p, q);
                }
                if best.distance <= 0.0 {
                    break 'points;
                }
            }
        }
    }
    match best.pair {
        Some(pair) => Ok(Some(pair)),
        None => Err(GeomError::InvalidParameter(
            "coordinates are too large for their distances to be computed".into(),
        )),
    }
}

/// A geometry's parts as `DistanceOp` walks them, each list in the geometry's order.
pub(crate) struct Facets {
    polygons: Vec<Polygon<f64>>,
    /// Lines and polygon rings.
    pub(crate) lines: Vec<Vec<Coord<f64>>>,
    pub(crate) points: Vec<Coord<f64>>,
    /// The first coordinate of each point, line and polygon.
    locations: Vec<Coord<f64>>,
}

impl Facets {
    pub(crate) fn of(shape: &geo::Geometry<f64>) -> Facets {
        let mut facets = Facets {
            polygons: Vec::new(),
            lines: Vec::new(),
            points: Vec::new(),
            locations: Vec::new(),
        };
        facets.add(shape);
        facets
    }

    /// How many segments the lines and rings have.
    pub(crate) fn segment_count(&self) -> usize {
        self.lines
            .iter()
            .map(|line| line.len().saturating_sub(1))
            .sum()
    }

    fn add(&mut self, shape: &geo::Geometry<f64>) {
        use geo::Geometry as G;
        match shape {
            G::Point(p) => self.add_point(p.0),
            G::MultiPoint(points) => points.iter().for_each(|p| self.add_point(p.0)),
            G::Line(line) => self.add_line(vec![line.start, line.end]),
            G::LineString(line) => self.add_line(line.0.clone()),
            G::MultiLineString(lines) => lines.iter().for_each(|l| self.add_line(l.0.clone())),
            G::Polygon(polygon) => self.add_polygon(polygon.clone()),
            G::MultiPolygon(polygons) => polygons.iter().for_each(|p| self.add_polygon(p.clone())),
            G::Rect(rect) => self.add_polygon(rect.to_polygon()),
            G::Triangle(triangle) => self.add_polygon(triangle.to_polygon()),
            G::GeometryCollection(parts) => parts.iter().for_each(|part| self.add(part)),
        }
    }

    fn add_point(&mut self, point: Coord<f64>) {
        self.points.push(point);
        self.locations.push(point);
    }

    /// Empty lines (parts of a multi-line) are skipped; lines of one point are refused when
    /// the WKB is read.
    fn add_line(&mut self, line: Vec<Coord<f64>>) {
        if let Some(&first) = line.first() {
            self.locations.push(first);
            self.lines.push(line);
        }
    }

    fn add_polygon(&mut self, polygon: Polygon<f64>) {
        if let Some(&first) = polygon.exterior().0.first() {
            self.locations.push(first);
        }
        self.lines.push(polygon.exterior().0.clone());
        self.lines
            .extend(polygon.interiors().iter().map(|ring| ring.0.clone()));
        self.polygons.push(polygon);
    }

    /// The first of `locations` inside or on a polygon of these facets.
    fn contains_any(&self, locations: &[Coord<f64>]) -> Option<Coord<f64>> {
        use geo::coordinate_position::CoordPos;
        locations.iter().copied().find(|location| {
            self.polygons
                .iter()
                .any(|polygon| polygon.coordinate_position(location) != CoordPos::Outside)
        })
    }
}

/// The nearest pair so far; none is recorded until a distance is finite.
struct Best {
    distance: f64,
    pair: Option<Pair>,
}

impl Default for Best {
    fn default() -> Self {
        Best {
            distance: f64::INFINITY,
            pair: None,
        }
    }
}

impl Best {
    fn at(distance: f64, on_a: Coord<f64>, on_b: Coord<f64>) -> Best {
        Best {
            distance,
            pair: Some((on_a, on_b)),
        }
    }

    /// Segments of `lines` against `points`; `flipped` when the lines belong to `b`.
    fn nearer_to_points(
        &mut self,
        lines: &[Vec<Coord<f64>>],
        points: &[Coord<f64>],
        flipped: bool,
    ) {
        for line in lines {
            for &point in points {
                for segment in line.windows(2) {
                    let distance = point_to_segment(point, segment[0], segment[1]);
                    if distance < self.distance {
                        let on_line = closest_on_segment(point, segment[0], segment[1]);
                        *self = if flipped {
                            Best::at(distance, point, on_line)
                        } else {
                            Best::at(distance, on_line, point)
                        };
                    }
                    if self.distance <= 0.0 {
                        return;
                    }
                }
            }
        }
    }
}

/// `sqrt(dx² + dy²)`, as GEOS measures between coordinates (its ties depend on it).
pub(crate) fn coord_distance(p: Coord<f64>, q: Coord<f64>) -> f64 {
    let (dx, dy) = (p.x - q.x, p.y - q.y);
    (dx * dx + dy * dy).sqrt()
}

/// Distance from `p` to the segment `a`–`b`, as GEOS's `Distance::pointToSegment` computes it.
fn point_to_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    if a == b {
        return coord_distance(p, a);
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let along = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
    if along <= 0.0 {
        return coord_distance(p, a);
    }
    if along >= 1.0 {
        return coord_distance(p, b);
    }
    let across = ((a.y - p.y) * dx - (a.x - p.x) * dy) / length2;
    across.abs() * length2.sqrt()
}

/// The point of segment `a`–`b` nearest to `p` (GEOS's `LineSegment::closestPoint`): the
/// projection where it falls strictly inside, else the nearer end (`b` on a tie).
pub(crate) fn closest_on_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> Coord<f64> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    if p != a && p != b && length2 > 0.0 {
        let along = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
        if along > 0.0 && along < 1.0 {
            return Coord {
                x: a.x + along * dx,
                y: a.y + along * dy,
            };
        }
    }
    if coord_distance(a, p) < coord_distance(b, p) {
        a
    } else {
        b
    }
}

/// Distance between the segments `a0`–`a1` and `b0`–`b1` (GEOS's `Distance::segmentToSegment`):
/// 0 if they cross, else the least distance from an end of one to the other.
fn segment_to_segment(a0: Coord<f64>, a1: Coord<f64>, b0: Coord<f64>, b1: Coord<f64>) -> f64 {
    if a0 == a1 {
        return point_to_segment(a0, b0, b1);
    }
    if b0 == b1 {
        return point_to_segment(b1, a0, a1);
    }
    let boxes_meet = a0.x.min(a1.x) <= b0.x.max(b1.x)
        && b0.x.min(b1.x) <= a0.x.max(a1.x)
        && a0.y.min(a1.y) <= b0.y.max(b1.y)
        && b0.y.min(b1.y) <= a0.y.max(a1.y);
    if boxes_meet {
        let denominator = (a1.x - a0.x) * (b1.y - b0.y) - (a1.y - a0.y) * (b1.x - b0.x);
        if denominator != 0.0 {
            let r = ((a0.y - b0.y) * (b1.x - b0.x) - (a0.x - b0.x) * (b1.y - b0.y)) / denominator;
            let s = ((a0.y - b0.y) * (a1.x - a0.x) - (a0.x - b0.x) * (a1.y - a0.y)) / denominator;
            if (0.0..=1.0).contains(&r) && (0.0..=1.0).contains(&s) {
                return 0.0;
            }
        }
    }
    point_to_segment(a0, b0, b1)
        .min(point_to_segment(a1, b0, b1))
        .min(point_to_segment(b0, a0, a1))
        .min(point_to_segment(b1, a0, a1))
}

/// The nearest points of two segments (GEOS's `LineSegment::closestPoints`): their
/// intersection as GEOS's robust intersector finds it, else the first strictly nearest of the
/// four end-to-segment pairs.
fn closest_points(
    a0: Coord<f64>,
    a1: Coord<f64>,
    b0: Coord<f64>,
    b1: Coord<f64>,
) -> (Coord<f64>, Coord<f64>) {
    match line_intersection(Line::new(a0, a1), Line::new(b0, b1)) {
        Some(LineIntersection::SinglePoint { intersection, .. }) => {
            return (intersection, intersection)
        }
        Some(LineIntersection::Collinear { intersection }) => {
            return (intersection.start, intersection.start)
        }
        None => {}
    }
    let candidates = [
        (closest_on_segment(b0, a0, a1), b0),
        (closest_on_segment(b1, a0, a1), b1),
        (a0, closest_on_segment(a0, b0, b1)),
        (a1, closest_on_segment(a1, b0, b1)),
    ];
    let mut best = candidates[0];
    let mut best_distance = coord_distance(best.0, best.1);
    for candidate in &candidates[1..] {
        let distance = coord_distance(candidate.0, candidate.1);
        if distance < best_distance {
            best = *candidate;
            best_distance = distance;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    /// shapely 2.1.2 (GEOS 3.13.1): `shortest_line(a, b).coords`, for every pairing of the
    /// types, a degenerate line and a line crossing a polygon.
    const GEOS_SHORTEST_LINES: &[(&str, &str, [f64; 4])] = &[
        ("POINT(1 2)", "POINT(1 2)", [1.0, 2.0, 1.0, 2.0]),
        (
            "POINT(1 2)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [1.0, 2.0, 0.0, 0.0],
        ),
        (
            "POINT(1 2)",
            "LINESTRING(0 0,10 0,10 10)",
            [1.0, 2.0, 1.0, 0.0],
        ),
        ("POINT(1 2)", "LINESTRING(3 3,3 3)", [1.0, 2.0, 3.0, 3.0]),
        (
            "POINT(1 2)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [1.0, 2.0, -5.0, -5.0],
        ),
        (
            "POINT(1 2)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [1.0, 2.0, 1.0, 2.0],
        ),
        (
            "POINT(1 2)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [1.0, 2.0, -6.0, 2.0],
        ),
        (
            "POINT(1 2)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [1.0, 2.0, 3.0, 3.0],
        ),
        ("POINT(1 2)", "LINESTRING(-1 3,12 3)", [1.0, 2.0, 1.0, 3.0]),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "POINT(1 2)",
            [0.0, 0.0, 1.0, 2.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(0 0,10 0,10 10)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(3 3,3 3)",
            [4.0, 4.0, 3.0, 3.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [0.0, 0.0, -5.0, -5.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [-3.0, 5.0, -6.0, 3.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [4.0, 4.0, 3.0, 3.0],
        ),
        (
            "MULTIPOINT(0 0,4 4,-3 5)",
            "LINESTRING(-1 3,12 3)",
            [4.0, 4.0, 4.0, 3.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POINT(1 2)",
            [1.0, 0.0, 1.0, 2.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(0 0,10 0,10 10)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(3 3,3 3)",
            [3.0, 0.0, 3.0, 3.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [0.0, 0.0, -5.0, -5.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [10.0, 10.0, 10.0, 10.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [8.0, 0.0, 8.0, 0.0],
        ),
        (
            "LINESTRING(0 0,10 0,10 10)",
            "LINESTRING(-1 3,12 3)",
            [10.0, 3.0, 10.0, 3.0],
        ),
        ("LINESTRING(3 3,3 3)", "POINT(1 2)", [3.0, 3.0, 1.0, 2.0]),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [3.0, 3.0, 4.0, 4.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(0 0,10 0,10 10)",
            [3.0, 3.0, 3.0, 0.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(3 3,3 3)",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [3.0, 3.0, -5.0, -5.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [3.0, 3.0, 3.0, 2.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [3.0, 3.0, -6.0, 3.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "LINESTRING(3 3,3 3)",
            "LINESTRING(-1 3,12 3)",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POINT(1 2)",
            [-5.0, -5.0, 1.0, 2.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [-5.0, -5.0, 0.0, 0.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(0 0,10 0,10 10)",
            [-5.0, -5.0, 0.0, 0.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(3 3,3 3)",
            [-5.0, -5.0, 3.0, 3.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [20.0, 0.0, 20.0, 0.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [-5.0, -5.0, 0.0, 0.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [-9.411764705882353, -2.3529411764705883, -8.0, 0.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [20.0, 0.0, 9.0, 1.0],
        ),
        (
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            "LINESTRING(-1 3,12 3)",
            [20.0, 0.0, 12.0, 3.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POINT(1 2)",
            [1.0, 2.0, 1.0, 2.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(0 0,10 0,10 10)",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(3 3,3 3)",
            [3.0, 2.0, 3.0, 3.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [0.0, 0.0, -5.0, -5.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [0.0, 0.0, 0.0, 0.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [6.0, 6.0, 10.0, 10.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [3.0, 2.0, 3.0, 3.0],
        ),
        (
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            "LINESTRING(-1 3,12 3)",
            [6.0, 3.0, 6.0, 3.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POINT(1 2)",
            [-6.0, 2.0, 1.0, 2.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [-6.0, 3.0, -3.0, 5.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(0 0,10 0,10 10)",
            [10.0, 10.0, 10.0, 10.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(3 3,3 3)",
            [-6.0, 3.0, 3.0, 3.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [-8.0, 0.0, -9.411764705882353, -2.3529411764705883],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [10.0, 10.0, 6.0, 6.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [10.0, 10.0, 10.0, 10.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [-6.0, 3.0, 3.0, 3.0],
        ),
        (
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            "LINESTRING(-1 3,12 3)",
            [-6.0, 3.0, -1.0, 3.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POINT(1 2)",
            [3.0, 3.0, 1.0, 2.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [3.0, 3.0, 4.0, 4.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(0 0,10 0,10 10)",
            [8.0, 0.0, 8.0, 0.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(3 3,3 3)",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [9.0, 1.0, 20.0, 0.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [3.0, 3.0, 3.0, 2.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [3.0, 3.0, -6.0, 3.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [7.0, -1.0, 7.0, -1.0],
        ),
        (
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            "LINESTRING(-1 3,12 3)",
            [3.0, 3.0, 3.0, 3.0],
        ),
        ("LINESTRING(-1 3,12 3)", "POINT(1 2)", [1.0, 3.0, 1.0, 2.0]),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOINT(0 0,4 4,-3 5)",
            [4.0, 3.0, 4.0, 4.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "LINESTRING(0 0,10 0,10 10)",
            [10.0, 3.0, 10.0, 3.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "LINESTRING(3 3,3 3)",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTILINESTRING((20 0,25 5),(-5 -5,-10 -2))",
            [12.0, 3.0, 20.0, 0.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,4 2,4 4,2 4,2 2))",
            [6.0, 3.0, 6.0, 3.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "MULTIPOLYGON(((10 10,14 10,14 14,10 10)),((-8 0,-6 0,-6 3,-8 0)))",
            [-1.0, 3.0, -6.0, 3.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "GEOMETRYCOLLECTION(POINT(3 3),LINESTRING(7 -1,9 1))",
            [3.0, 3.0, 3.0, 3.0],
        ),
        (
            "LINESTRING(-1 3,12 3)",
            "LINESTRING(-1 3,12 3)",
            [-1.0, 3.0, -1.0, 3.0],
        ),
    ];

    #[test]
    fn shortest_lines_match_geos() {
        for &(a, b, [x0, y0, x1, y1]) in GEOS_SHORTEST_LINES {
            let (a_wkb, b_wkb) = (wkb(a), wkb(b));
            let (x, y) = (geo(&a_wkb), geo(&b_wkb));
            let line = shortest_line(&x, &y).unwrap().unwrap();
            let found = [line.0[0].x, line.0[0].y, line.0[1].x, line.0[1].y];
            for (f, e) in found.iter().zip([x0, y0, x1, y1]) {
                assert!((f - e).abs() <= 1e-12, "{a} / {b}: {found:?}");
            }
            let point = closest_point(&x, &y).unwrap().unwrap();
            assert_eq!((point.x(), point.y()), (found[0], found[1]));
        }
    }

    #[test]
    fn empty_and_nan() {
        let (empty, point) = (wkb("LINESTRING EMPTY"), wkb("POINT(1 1)"));
        assert_eq!(closest_point(&geo(&empty), &geo(&point)), Ok(None));
        assert_eq!(shortest_line(&geo(&point), &geo(&empty)), Ok(None));
        let mut nan = Vec::new();
        crate::write_wkb(&geo::Point::new(1.0, f64::INFINITY), &mut nan);
        assert!(closest_point(&geo(&nan), &geo(&point)).is_err());
    }
}
