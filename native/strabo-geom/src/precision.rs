//! Precision reduction: PostGIS's `ST_ReducePrecision` (GEOS's `GeometryPrecisionReducer`, as
//! `GEOSGeom_setPrecision` runs it by default).
use geo::{Coord, Geometry, GeometryCollection, LineString, MultiPolygon, Polygon};
use i_overlay::core::fill_rule::FillRule;
use i_overlay::core::overlay::{IntOverlayOptions, Overlay};
use i_overlay::core::overlay_rule::OverlayRule;
use i_overlay::core::solver::Solver;
use i_overlay::i_float::int::point::IntPoint;

use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;

use geo::kernels::Orientation;

use crate::noding::{box_pairs, meet, orient, Meeting};
use crate::validity::{check, Rules};
use crate::{Geo, GeomError};

/// `geometry` with its coordinates rounded to a grid of `grid_size` (PostGIS's
/// `ST_ReducePrecision`), kept valid as GEOS keeps it:
/// - points are rounded (a multipoint keeps points that round together);
/// - line strings are rounded and lose repeated points; one that collapses to a point becomes
///   empty, and is dropped from a multilinestring;
/// - polygons are rounded and unioned on the grid, so a polygon narrower than the grid
///   vanishes, polygons that round onto each other merge, and a crossing of edges is placed on
///   the grid too (snap rounding, as GEOS's overlay does it);
/// - a collection is reduced member by member, empty results dropped; a multi-geometry stays
///   one (`MULTIPOLYGON EMPTY` when all its polygons vanish).
///
/// A grid size of 0 returns the geometry unchanged; a negative one counts as its absolute
/// value; one that is not finite is refused. Coordinates are rounded as GEOS rounds them (half
/// up, after snapping a grid size or its inverse within 1e-5 of an integer to it).
///
/// Polygons must be valid (except for rings touching themselves, as in the overlays), else they
/// are refused, where GEOS fails with a `TopologyException`. Coordinates that are not finite are
/// refused. Polygons are computed on `i_overlay`'s integer grid, so one polygonal geometry may
/// span at most 2^30 grid steps; a finer grid is refused.
pub fn reduce_precision(geometry: &Geo, grid_size: f64) -> Result<Geometry<f64>, GeomError> {
    if !grid_size.is_finite() {
        return Err(GeomError::InvalidParameter(format!(
            "the grid size must be a finite number, got {grid_size}"
        )));
    }
    let shape = crate::shape::read(geometry);
    if grid_size == 0.0 {
        return Ok(shape);
    }
    // The shape without its empty points (points of NaNs), which have no coordinates to
    // round; a vertex of NaNs elsewhere is refused, since the overlay cannot order it.
    if let Some(without_empties) = geometry.shape() {
        crate::value::check_finite(&without_empties)?;
    }
    Grid::new(grid_size.abs()).reduce(&shape)
}

/// A grid as GEOS's `PrecisionModel` defines it from a grid size.
#[derive(Clone, Copy, Debug)]
enum Grid {
    /// Coordinates are multiples of this grid size, larger than 1.
    Size(f64),
    /// Coordinates are integers divided by this scale.
    Scale(f64),
}

impl Grid {
    fn new(grid_size: f64) -> Grid {
        let scale = 1.0 / grid_size;
        if scale < 1.0 {
            let size = snap_to_integer(1.0 / scale);
            if size > 1.0 {
                return Grid::Size(size);
            }
            return Grid::Scale(scale);
        }
        Grid::Scale(snap_to_integer(scale))
    }

    /// The index of the grid line nearest `value`.
    fn index(self, value: f64) -> f64 {
        match self {
            Grid::Size(size) => round_half_up(value / size),
            Grid::Scale(scale) => round_half_up(value * scale),
        }
    }

    fn value(self, index: f64) -> f64 {
        match self {
            Grid::Size(size) => index * size,
            Grid::Scale(scale) => index / scale,
        }
    }

    fn round(self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: self.value(self.index(c.x)),
            y: self.value(self.index(c.y)),
        }
    }

    /// A line rounded, without repeated points; `None` if it collapses to a point.
    fn line(self, line: &LineString<f64>) -> Option<LineString<f64>> {
        let mut coords: Vec<Coord<f64>> = line.0.iter().map(|&c| self.round(c)).collect();
        coords.dedup();
        (coords.len() >= 2).then_some(LineString(coords))
    }

    fn reduce(self, shape: &Geometry<f64>) -> Result<Geometry<f64>, GeomError> {
        Ok(match shape {
            Geometry::Point(p) if p.x().is_nan() => shape.clone(),
            Geometry::Point(p) => Geometry::Point(geo::Point(self.round(p.0))),
            Geometry::MultiPoint(ps) => Geometry::MultiPoint(geo::MultiPoint(
                ps.iter()
                    .filter(|p| !p.x().is_nan())
                    .map(|p| geo::Point(self.round(p.0)))
                    .collect(),
            )),
            Geometry::LineString(l) => {
                Geometry::LineString(self.line(l).unwrap_or_else(|| LineString(Vec::new())))
            }
            Geometry::MultiLineString(ls) => Geometry::MultiLineString(geo::MultiLineString(
                ls.iter().filter_map(|l| self.line(l)).collect(),
            )),
            Geometry::Polygon(p) => {
                let mut polygons = self.areas(std::slice::from_ref(p))?;
                match polygons.len() {
                    0 => Geometry::Polygon(Polygon::empty()),
                    1 => Geometry::Polygon(polygons.remove(0)),
                    _ => Geometry::MultiPolygon(MultiPolygon(polygons)),
                }
            }
            Geometry::MultiPolygon(ps) => Geometry::MultiPolygon(MultiPolygon(self.areas(&ps.0)?)),
            Geometry::GeometryCollection(gs) => {
                let mut members = Vec::new();
                for g in gs {
                    let reduced = self.reduce(g)?;
                    if !is_empty(&reduced) {
                        members.push(reduced);
                    }
                }
                Geometry::GeometryCollection(GeometryCollection(members))
            }
            Geometry::Rect(r) => self.reduce(&Geometry::Polygon(r.to_polygon()))?,
            Geometry::Triangle(t) => self.reduce(&Geometry::Polygon(t.to_polygon()))?,
            Geometry::Line(l) => self.reduce(&Geometry::LineString(LineString::from(vec![
                l.start, l.end,
            ])))?,
        })
    }

    /// The union of `polygons` with their coordinates on the grid: the area their rounded rings
    /// wind around, computed by `i_overlay` in integers, so every vertex of the result,
    /// crossings included, is on the grid.
    fn areas(self, polygons: &[Polygon<f64>]) -> Result<Vec<Polygon<f64>>, GeomError> {
        let polygons: Vec<Polygon<f64>> = polygons
            .iter()
            .filter_map(crate::overlay::oriented_polygon)
            .collect();
        let shape = Geometry::MultiPolygon(MultiPolygon(polygons.clone()));
        if let Some(invalidity) = check(&shape, Rules::OverlayInput) {
            return Err(GeomError::InvalidGeometry(format!(
                "the geometry is not valid ({invalidity}); st_makeValid repairs it"
            )));
        }
        let rings = self.snap_round(&polygons);
        let indices = || rings.iter().flatten();
        let (Some(min_x), Some(min_y)) = (
            indices().map(|p| p.0).reduce(f64::min),
            indices().map(|p| p.1).reduce(f64::min),
        ) else {
            return Ok(Vec::new());
        };
        let max_x = indices().map(|p| p.0).fold(min_x, f64::max);
        let max_y = indices().map(|p| p.1).fold(min_y, f64::max);
        // Centred, the overlay's integers stay within ±2^30.
        let (middle_x, middle_y) = (
            ((min_x + max_x) / 2.0).floor(),
            ((min_y + max_y) / 2.0).floor(),
        );
        let half = (max_x - middle_x)
            .max(middle_x - min_x)
            .max(max_y - middle_y)
            .max(middle_y - min_y);
        if half >= f64::from(1u32 << 30) {
            return Err(GeomError::InvalidParameter(format!(
                "a grid size this small spans {:e} steps across the polygons; at most 2^31 can \
                 be computed",
                2.0 * half
            )));
        }
        let contours: Vec<Vec<IntPoint>> = rings
            .iter()
            .map(|ring| {
                let mut points: Vec<IntPoint> = ring
                    .iter()
                    .map(|&(x, y)| IntPoint::new((x - middle_x) as i32, (y - middle_y) as i32))
                    .collect();
                points.pop();
                points
            })
            .collect();
        let shapes = Overlay::with_contours_custom(
            &contours,
            &[],
            IntOverlayOptions::ogc(),
            Solver::default(),
        )
        .overlay(OverlayRule::Subject, FillRule::Positive);
        let to_ring = |contour: &Vec<IntPoint>| {
            let mut coords: Vec<Coord<f64>> = contour
                .iter()
                .map(|p| Coord {
                    x: self.value(f64::from(p.x) + middle_x),
                    y: self.value(f64::from(p.y) + middle_y),
                })
                .collect();
            coords.push(coords[0]);
            LineString(coords)
        };
        Ok(shapes
            .iter()
            .filter(|shape| !shape.is_empty())
            .filter_map(|shape| {
                let polygon =
                    Polygon::new(to_ring(&shape[0]), shape[1..].iter().map(to_ring).collect());
                crate::overlay::oriented_polygon(&polygon)
            })
            .collect())
    }

    /// The scale GEOS's hot pixels work in: coordinates times it are in grid steps.
    fn scale(self) -> f64 {
        match self {
            Grid::Size(size) => 1.0 / size,
            Grid::Scale(scale) => scale,
        }
    }

    /// The rings of `polygons` snap-rounded onto the grid as GEOS's `SnapRoundingNoder` does
    /// it, as grid indices: every vertex, and every point where edges cross or touch (or where
    /// a vertex lies within a hundredth of a step of another edge), makes a "hot pixel" (the
    /// grid cell around a grid point, its top and right sides open), and each edge is bent
    /// through the centre of every hot pixel it passes through. Snapped edges then meet only at
    /// grid points, so the overlay of them is on the grid too.
    fn snap_round(self, polygons: &[Polygon<f64>]) -> Vec<Vec<(f64, f64)>> {
        let rings: Vec<Vec<Coord<f64>>> = polygons
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| {
                let mut coords = r.0.clone();
                coords.dedup();
                coords
            })
            .collect();
        let pixel = |c: Coord<f64>| (self.index(c.x), self.index(c.y));
        let mut pixels: Vec<(f64, f64)> = rings.iter().flatten().map(|&c| pixel(c)).collect();
        // Points added inside segments, by ring and segment.
        let mut inside: HashMap<(usize, usize), Vec<Coord<f64>>> = HashMap::new();
        let nearness = 0.01 / self.scale();
        let views: Vec<&[Coord<f64>]> = rings.iter().map(Vec::as_slice).collect();
        box_pairs(&views, |a, b| {
            let (p0, p1) = (views[a.string][a.index], views[a.string][a.index + 1]);
            let (q0, q1) = (views[b.string][b.index], views[b.string][b.index + 1]);
            let points = match meet(p0, p1, q0, q1) {
                Some(Meeting::Point { at, .. }) => vec![at],
                Some(Meeting::Overlap(c0, c1)) => vec![c0, c1],
                None => Vec::new(),
            };
            let end_of = |c: Coord<f64>, s0: Coord<f64>, s1: Coord<f64>| c == s0 || c == s1;
            let interior = points
                .iter()
                .any(|&c| !end_of(c, p0, p1) || !end_of(c, q0, q1));
            if interior {
                for &c in &points {
                    pixels.push(pixel(c));
                    inside.entry((a.string, a.index)).or_default().push(c);
                    inside.entry((b.string, b.index)).or_default().push(c);
                }
                return ControlFlow::Continue(());
            }
            // A vertex very near the inside of another segment is taken to touch it.
            for (vertex, (s0, s1), segment) in [
                (p0, (q0, q1), (b.string, b.index)),
                (p1, (q0, q1), (b.string, b.index)),
                (q0, (p0, p1), (a.string, a.index)),
                (q1, (p0, p1), (a.string, a.index)),
            ] {
                let far_from_ends =
                    distance(vertex, s0) >= nearness && distance(vertex, s1) >= nearness;
                if far_from_ends && distance_to_segment(vertex, s0, s1) < nearness {
                    pixels.push(pixel(vertex));
                    inside.entry(segment).or_default().push(vertex);
                }
            }
            ControlFlow::Continue(())
        });
        let mut columns: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
        for &(x, y) in &pixels {
            columns.entry(x as i64).or_default().push(y);
        }
        let scale = self.scale();
        rings
            .iter()
            .enumerate()
            .map(|(r, ring)| {
                let mut out: Vec<(f64, f64)> = vec![pixel(ring[0])];
                for i in 0..ring.len() - 1 {
                    let mut stops = vec![ring[i]];
                    if let Some(extra) = inside.get(&(r, i)) {
                        let mut extra = extra.clone();
                        let along = |c: &Coord<f64>| {
                            (c.x - ring[i].x) * (ring[i + 1].x - ring[i].x)
                                + (c.y - ring[i].y) * (ring[i + 1].y - ring[i].y)
                        };
                        extra.sort_by(|p, q| along(p).total_cmp(&along(q)));
                        stops.extend(extra);
                    }
                    stops.push(ring[i + 1]);
                    for piece in stops.windows(2) {
                        let (q0, q1) = (piece[0], piece[1]);
                        if pixel(q1) == *out.last().expect("started") {
                            continue;
                        }
                        let scaled = |c: Coord<f64>| (c.x * scale, c.y * scale);
                        let (s0, s1) = (scaled(q0), scaled(q1));
                        let mut hit: Vec<(f64, f64)> = columns
                            .range(
                                (s0.0.min(s1.0) - 0.5).floor() as i64
                                    ..=(s0.0.max(s1.0) + 0.5).ceil() as i64,
                            )
                            .flat_map(|(&x, ys)| ys.iter().map(move |&y| (x as f64, y)))
                            .filter(|&centre| pixel_meets_segment(centre, s0, s1))
                            .collect();
                        let along = |p: &(f64, f64)| {
                            (p.0 - s0.0) * (s1.0 - s0.0) + (p.1 - s0.1) * (s1.1 - s0.1)
                        };
                        hit.sort_by(|p, q| along(p).total_cmp(&along(q)));
                        hit.push(pixel(q1));
                        for h in hit {
                            if *out.last().expect("started") != h {
                                out.push(h);
                            }
                        }
                    }
                }
                out
            })
            .collect()
    }
}

fn distance(p: Coord<f64>, q: Coord<f64>) -> f64 {
    (p.x - q.x).hypot(p.y - q.y)
}

fn distance_to_segment(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2).clamp(0.0, 1.0);
    distance(
        p,
        Coord {
            x: a.x + t * dx,
            y: a.y + t * dy,
        },
    )
}

/// Whether the segment `p q` (in grid steps) passes through the hot pixel around `centre`: the
/// square half a step around it, its top and right sides excluded, as GEOS's `HotPixel`
/// decides it (a segment through a corner is in when it enters the square there).
fn pixel_meets_segment(centre: (f64, f64), p: (f64, f64), q: (f64, f64)) -> bool {
    let (p, q) = if p.0 > q.0 { (q, p) } else { (p, q) };
    let (min_x, max_x) = (centre.0 - 0.5, centre.0 + 0.5);
    let (min_y, max_y) = (centre.1 - 0.5, centre.1 + 0.5);
    if p.0.min(q.0) >= max_x || p.0.max(q.0) < min_x {
        return false;
    }
    if p.1.min(q.1) >= max_y || p.1.max(q.1) < min_y {
        return false;
    }
    if p.0 == q.0 || p.1 == q.1 {
        return true;
    }
    let side = |x: f64, y: f64| match orient(
        Coord { x: p.0, y: p.1 },
        Coord { x: q.0, y: q.1 },
        Coord { x, y },
    ) {
        Orientation::CounterClockwise => 1,
        Orientation::Clockwise => -1,
        Orientation::Collinear => 0,
    };
    let rising = p.1 < q.1;
    let upper_left = side(min_x, max_y);
    if upper_left == 0 {
        return !rising;
    }
    let upper_right = side(max_x, max_y);
    if upper_right == 0 {
        return rising;
    }
    if upper_left != upper_right {
        return true;
    }
    let lower_left = side(min_x, min_y);
    if lower_left == 0 || lower_left != upper_left {
        return true;
    }
    let lower_right = side(max_x, min_y);
    if lower_right == 0 {
        return !rising;
    }
    lower_left != lower_right || lower_right != upper_right
}

fn is_empty(shape: &Geometry<f64>) -> bool {
    crate::value::bbox_of(shape).is_none()
}

/// `value` snapped to the nearest integer when within 1e-5 of it, as GEOS snaps grid sizes and
/// scales (so that a grid size of 0.1 has a scale of exactly 10).
fn snap_to_integer(value: f64) -> f64 {
    let integer = value.round();
    if (value - integer).abs() < 1e-5 {
        integer
    } else {
        value
    }
}

/// Rounding half up, towards positive infinity, as Java's and GEOS's `round` do.
fn round_half_up(value: f64) -> f64 {
    let whole = value.trunc();
    let fraction = (value - whole).abs();
    if value >= 0.0 {
        if fraction < 0.5 {
            value.floor()
        } else if fraction > 0.5 {
            value.ceil()
        } else {
            whole + 1.0
        }
    } else if fraction < 0.5 {
        value.ceil()
    } else if fraction > 0.5 {
        value.floor()
    } else {
        whole
    }
}

#[cfg(test)]
mod tests;
