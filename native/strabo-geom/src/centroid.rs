//! Centroids and interior points, with GEOS's semantics (`ST_Centroid`, `ST_PointOnSurface`).
use geo::{Coord, Geometry, LineString, Point, Polygon};

use crate::parts::{dimension, empty_point, finite_shape, for_each_part, ring_signed_area, Part};
use crate::{Geo, GeomError};

/// The centroid, as GEOS computes it (`ST_Centroid`): of the polygons' area when they have
/// one, else of the lines' length (polygon rings included), else the mean of the points. So
/// the highest dimension with a non-zero measure wins: a zero-area polygon has the centroid of
/// its ring, a zero-length line that of its first point. EMPTY gives `POINT EMPTY` (a point
/// with NaN coordinates, which is how WKB writes it). Invalid polygons are not refused: a
/// self-intersecting ring weighs its lobes with their signs, as in GEOS. NaN or infinite
/// coordinates are refused.
pub fn centroid(geometry: &Geo) -> Result<Geometry<f64>, GeomError> {
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(empty_point());
    };
    Ok(centroid_of(&shape).map_or_else(empty_point, Geometry::Point))
}

fn centroid_of(shape: &Geometry<f64>) -> Option<Point<f64>> {
    let mut sums = CentroidSums::default();
    for_each_part(shape, &mut |part| sums.add(part));
    sums.centroid()
}

/// Running sums of the three centroids, each weighted by its measure.
#[derive(Default)]
struct CentroidSums {
    /// The first shell vertex: triangles fan out from it, which keeps the sums small.
    area_base: Option<Coord<f64>>,
    /// Twice the area, and three times the centroid of each fan triangle weighted by it.
    twice_area: f64,
    area_moment: Coord<f64>,
    length: f64,
    length_moment: Coord<f64>,
    points: usize,
    point_sum: Coord<f64>,
}

impl CentroidSums {
    fn add(&mut self, part: Part<'_>) {
        match part {
            Part::Point(c) => self.add_point(c),
            Part::Line(line) => self.add_line(&line.0),
            Part::Polygon(polygon) => {
                self.add_ring(&polygon.exterior().0, true);
                for hole in polygon.interiors() {
                    self.add_ring(&hole.0, false);
                }
            }
        }
    }

    fn add_point(&mut self, c: Coord<f64>) {
        self.points += 1;
        self.point_sum = self.point_sum + c;
    }

    /// A segment of zero length adds nothing; a line of zero length adds its first point.
    fn add_line(&mut self, coords: &[Coord<f64>]) {
        let mut length = 0.0;
        for pair in coords.windows(2) {
            let segment = (pair[1].x - pair[0].x).hypot(pair[1].y - pair[0].y);
            if segment == 0.0 {
                continue;
            }
            length += segment;
            self.length_moment = self.length_moment + (pair[0] + pair[1]) * (segment / 2.0);
        }
        self.length += length;
        if length == 0.0 {
            if let Some(&first) = coords.first() {
                self.add_point(first);
            }
        }
    }

    /// A shell adds its area and a hole takes it away, whatever their winding; both add their
    /// length, for when the polygons have no area at all.
    fn add_ring(&mut self, coords: &[Coord<f64>], is_shell: bool) {
        if coords.is_empty() {
            return;
        }
        let base = *self.area_base.get_or_insert(coords[0]);
        let counter_clockwise = ring_signed_area(coords) > 0.0;
        let sign = if counter_clockwise == is_shell {
            1.0
        } else {
            -1.0
        };
        for pair in coords.windows(2) {
            let (p, q) = (pair[0], pair[1]);
            let twice = (p.x - base.x) * (q.y - base.y) - (q.x - base.x) * (p.y - base.y);
            self.twice_area += sign * twice;
            self.area_moment = self.area_moment + (base + p + q) * (sign * twice);
        }
        self.add_line(coords);
    }

    fn centroid(&self) -> Option<Point<f64>> {
        if self.twice_area != 0.0 {
            Some(Point(self.area_moment / (3.0 * self.twice_area)))
        } else if self.length > 0.0 {
            Some(Point(self.length_moment / self.length))
        } else if self.points > 0 {
            Some(Point(self.point_sum / self.points as f64))
        } else {
            None
        }
    }
}

/// A point on the geometry, as GEOS's `InteriorPoint` picks it (`ST_PointOnSurface`), from the
/// parts of the highest dimension only:
/// - polygons: a horizontal line is drawn between the two vertex heights nearest the middle of
///   each polygon's box, and the point is the middle of the widest stretch of it inside a
///   polygon; a polygon with no area gives its first vertex;
/// - lines: the inner vertex nearest the centroid, or the endpoint nearest it if no line has
///   inner vertices;
/// - points: the point nearest the centroid.
///
/// Ties go to the first. The point lies in the interior of a valid polygon; for invalid polygons
/// it is what GEOS picks, which may lie outside. EMPTY gives `POINT EMPTY`; NaN or infinite
/// coordinates are refused.
pub fn point_on_surface(geometry: &Geo) -> Result<Geometry<f64>, GeomError> {
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(empty_point());
    };
    let point = match dimension(&shape) {
        Some(2) => polygon_interior_point(&shape),
        Some(1) => line_interior_point(&shape),
        Some(_) => point_nearest_centroid(&shape),
        None => None,
    };
    Ok(point.map_or_else(empty_point, Geometry::Point))
}

fn polygon_interior_point(shape: &Geometry<f64>) -> Option<Point<f64>> {
    let mut best: Option<(Coord<f64>, f64)> = None;
    for_each_part(shape, &mut |part| {
        if let Part::Polygon(polygon) = part {
            let (point, width) = widest_section(polygon);
            if best.is_none_or(|(_, widest)| width > widest) {
                best = Some((point, width));
            }
        }
    });
    best.map(|(point, _)| Point(point))
}

/// The middle of the widest stretch inside `polygon` of the horizontal scan line, and its
/// width; the first vertex and 0 if the line crosses no area.
fn widest_section(polygon: &Polygon<f64>) -> (Coord<f64>, f64) {
    let y = scan_line_y(polygon);
    let mut crossings = Vec::new();
    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        for pair in ring.0.windows(2) {
            if let Some(x) = crossing(pair[0], pair[1], y) {
                crossings.push(x);
            }
        }
    }
    crossings.sort_by(f64::total_cmp);
    let mut best = (polygon.exterior().0[0], 0.0);
    for pair in crossings.chunks_exact(2) {
        let width = pair[1] - pair[0];
        if width > best.1 {
            best = (
                Coord {
                    x: (pair[0] + pair[1]) / 2.0,
                    y,
                },
                width,
            );
        }
    }
    best
}

/// Halfway between the vertex heights nearest the middle of the box, below (or at) and above
/// it, so the scan line passes through no vertex unless the polygon has none elsewhere.
fn scan_line_y(polygon: &Polygon<f64>) -> f64 {
    let ys = || {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.0.iter().map(|c| c.y))
    };
    let (min, max) = ys().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let centre = (min + max) / 2.0;
    let (mut below, mut above) = (min, max);
    for y in ys() {
        if y <= centre {
            below = below.max(y);
        } else {
            above = above.min(y);
        }
    }
    (below + above) / 2.0
}

/// Where the segment crosses the horizontal line at `y`, counting a vertex on the line once:
/// horizontal segments never cross, a segment going down does not cross at its start, one
/// going up does not cross at its end.
fn crossing(p: Coord<f64>, q: Coord<f64>, y: f64) -> Option<f64> {
    if p.y == q.y || (p.y > y && q.y > y) || (p.y < y && q.y < y) {
        return None;
    }
    if (p.y == y && q.y < y) || (q.y == y && p.y < y) {
        return None;
    }
    if p.x == q.x {
        return Some(p.x);
    }
    let slope = (q.y - p.y) / (q.x - p.x);
    Some(p.x + (y - p.y) / slope)
}

fn line_interior_point(shape: &Geometry<f64>) -> Option<Point<f64>> {
    let centroid = centroid_of(shape)?.0;
    let mut nearest = Nearest::new(centroid);
    let lines = line_parts(shape);
    for line in &lines {
        let inner = line.0.len().saturating_sub(1);
        line.0
            .iter()
            .take(inner)
            .skip(1)
            .for_each(|&c| nearest.add(c));
    }
    if nearest.best.is_none() {
        for line in &lines {
            nearest.add(line.0[0]);
            nearest.add(line.0[line.0.len() - 1]);
        }
    }
    nearest.best.map(Point)
}

fn line_parts(shape: &Geometry<f64>) -> Vec<LineString<f64>> {
    let mut lines = Vec::new();
    for_each_part(shape, &mut |part| {
        if let Part::Line(line) = part {
            lines.push(line.clone())
        }
    });
    lines
}

fn point_nearest_centroid(shape: &Geometry<f64>) -> Option<Point<f64>> {
    let mut nearest = Nearest::new(centroid_of(shape)?.0);
    for_each_part(shape, &mut |part| {
        if let Part::Point(c) = part {
            nearest.add(c)
        }
    });
    nearest.best.map(Point)
}

/// The first of the candidates nearest a target.
struct Nearest {
    target: Coord<f64>,
    best: Option<Coord<f64>>,
    distance: f64,
}

impl Nearest {
    fn new(target: Coord<f64>) -> Nearest {
        Nearest {
            target,
            best: None,
            distance: f64::INFINITY,
        }
    }

    fn add(&mut self, c: Coord<f64>) {
        let distance = (c.x - self.target.x).hypot(c.y - self.target.y);
        if distance < self.distance {
            self.best = Some(c);
            self.distance = distance;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, text_of, wkb};

    fn point_of(result: Geometry<f64>) -> Option<(f64, f64)> {
        match result {
            Geometry::Point(p) if p.x().is_nan() => None,
            Geometry::Point(p) => Some((p.x(), p.y())),
            other => panic!("not a point: {}", text_of(&other)),
        }
    }

    fn assert_near(actual: Option<(f64, f64)>, expected: Option<(f64, f64)>, text: &str) {
        match (actual, expected) {
            (Some(a), Some(e)) => assert!(
                (a.0 - e.0).abs() <= 1e-12 * (1.0 + e.0.abs())
                    && (a.1 - e.1).abs() <= 1e-12 * (1.0 + e.1.abs()),
                "{text}: got {a:?}, expected {e:?}"
            ),
            _ => assert_eq!(actual, expected, "{text}"),
        }
    }

    /// An expected point, `None` for `POINT EMPTY`.
    type Expected = Option<(f64, f64)>;

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.centroid(wkt.loads(text))` and
    /// `shapely.point_on_surface(wkt.loads(text))`; PostGIS 3.3.2 (GEOS 3.11.1) `ST_Centroid`
    /// and `ST_PointOnSurface` agree on every row.
    const CASES: &[(&str, Expected, Expected)] = &[
        ("POINT EMPTY", None, None),
        ("LINESTRING EMPTY", None, None),
        ("POLYGON EMPTY", None, None),
        ("GEOMETRYCOLLECTION EMPTY", None, None),
        ("POINT(1 2)", Some((1., 2.)), Some((1., 2.))),
        ("MULTIPOINT(0 0,1 1,2 2)", Some((1., 1.)), Some((1., 1.))),
        ("MULTIPOINT(0 0,0 0)", Some((0., 0.)), Some((0., 0.))),
        ("LINESTRING(0 0,1 1)", Some((0.5, 0.5)), Some((0., 0.))),
        ("LINESTRING(0 0,1 1,0 0)", Some((0.5, 0.5)), Some((1., 1.))),
        (
            "LINESTRING(0 0,1 0,1 1,0 0)",
            Some((0.6464466094067263, 0.3535533905932737)),
            Some((1., 0.)),
        ),
        (
            "MULTILINESTRING((0 0,1 0),(1 0,1 1))",
            Some((0.75, 0.25)),
            Some((1., 0.)),
        ),
        (
            "MULTILINESTRING((0 0,1 0),(1 0,1 1),(1 0,2 0))",
            Some((1., 0.1666666666666667)),
            Some((1., 0.)),
        ),
        (
            "POLYGON((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
            Some((1.0053763440860215, 1.010752688172043)),
            Some((1., 1.5)),
        ),
        (
            "MULTIPOLYGON(((0 0,1 0,0 1,0 0)),((5 5,6 5,5 6,5 5)))",
            Some((2.8333333333333335, 2.8333333333333335)),
            Some((0.25, 0.5)),
        ),
        (
            "GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(0 0,1 0))",
            Some((0.5, 0.)),
            Some((0., 0.)),
        ),
        ("POLYGON((0 0,1 1,2 2,0 0))", Some((1., 1.)), Some((0., 0.))),
    ];

    #[test]
    fn agrees_with_geos() {
        for &(text, centre, on_surface) in CASES {
            let bytes = wkb(text);
            assert_near(point_of(centroid(&geo(&bytes)).unwrap()), centre, text);
            assert_near(
                point_of(point_on_surface(&geo(&bytes)).unwrap()),
                on_surface,
                text,
            );
        }
    }

    type Xy = (f64, f64);

    /// Random star-shaped polygons, with holes and as a multipolygon. Oracle: shapely 2.1.2
    /// (GEOS 3.13.1), `shapely.centroid(g)` and `shapely.point_on_surface(g)`.
    const POLYGONS: &[(&str, Xy, Xy)] = &[
        (
            "POLYGON((8.669 0.0,6.363 5.339,1.7 9.641,-3.376 5.848,-6.499 2.366,-3.856 -1.403,-3.183 -5.513,0.958 -5.434,4.981 -4.179,8.669 0.0))",
            (1.1849802658802522, 1.4075437689466899),
            (1.2443092427101332, 1.183),
        ),
        (
            "POLYGON((4.118 0.0,4.082 2.966,2.408 7.412,-2.593 7.982,-6.453 4.689,-9.508 0.0,-3.751 -2.725,-2.224 -6.845,1.259 -3.875,5.901 -4.288,4.118 0.0),(1.925 0.3,0.949 -1.083,-1.016 -0.802,-1.118 1.475,0.961 1.719,1.925 0.3))",
            (-1.3872498478306567, 1.2380902257381086),
            (-5.01072708833305, 0.8875000000000001),
        ),
        (
            "POLYGON((6.71 0.0,2.639 1.696,2.998 6.566,-1.35 9.392,-3.663 4.228,-4.366 1.282,-7.783 -2.285,-6.149 -7.096,-1.092 -7.594,1.351 -2.958,3.949 -2.538,6.71 0.0))",
            (-1.2224202918934925, -0.04332080173258544),
            (0.0956643279293683, 0.641),
        ),
        (
            "POLYGON((8.756 0.0,5.27 3.042,3.434 5.948,0.0 8.665,-2.438 4.223,-7.866 4.542,-5.494 0.0,-7.954 -4.592,-3.527 -6.11,-0.0 -8.51,4.056 -7.025,2.774 -1.602,8.756 0.0),(2.018 0.3,1.045 -1.377,-1.016 -0.801,-0.689 1.164,1.062 2.029,2.018 0.3))",
            (-0.47563094864152367, -0.3536822925926689),
            (5.257538048713362, 0.15),
        ),
        (
            "MULTIPOLYGON(((2.437 0.0,1.917 2.404,-1.046 4.581,-1.831 0.882,-3.928 -1.892,-0.94 -4.119,1.672 -2.097,2.437 0.0)),((24.816 3.0,23.488 6.488,20.0 8.736,15.987 7.013,16.098 3.0,16.376 -0.624,20.0 -0.835,23.296 -0.296,24.816 3.0)))",
            (13.649239923005577, 2.4237878794247125),
            (20.100880388736606, 4.744),
        ),
    ];

    #[test]
    fn random_polygons_agree_with_geos() {
        for &(text, centre, on_surface) in POLYGONS {
            let bytes = wkb(text);
            assert_near(
                point_of(centroid(&geo(&bytes)).unwrap()),
                Some(centre),
                text,
            );
            assert_near(
                point_of(point_on_surface(&geo(&bytes)).unwrap()),
                Some(on_surface),
                text,
            );
        }
    }

    #[test]
    fn empty_results_are_written_as_point_empty() {
        let bytes = wkb("MULTIPOLYGON EMPTY");
        assert_eq!(text_of(&centroid(&geo(&bytes)).unwrap()), "POINT EMPTY");
    }

    #[test]
    fn nan_coordinates_are_refused() {
        let bytes = wkb("LINESTRING(0 0,1 1)");
        let mut nan = bytes.clone();
        nan[9..17].copy_from_slice(&f64::NAN.to_le_bytes());
        assert!(centroid(&geo(&nan)).is_err());
        assert!(point_on_surface(&geo(&nan)).is_err());
    }
}
