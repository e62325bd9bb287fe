//! Validity as OGC defines it and GEOS's `IsValidOp` checks it (PostGIS's `ST_IsValid`,
//! `ST_IsValidReason`), with GEOS's reasons and the point each one is found at.
//!
//! The checks run in GEOS's order and the first failing one is reported: coordinates that are
//! not finite; components with too few distinct points; rings that cross or overlap one another
//! or themselves ("Self-intersection"), or touch themselves ("Ring Self-intersection"); holes
//! outside their shell; holes inside other holes; polygons of a multipolygon inside one another;
//! and an interior split by rings that touch in two points or in a cycle.
//!
//! Where an invalid geometry has several such points, GEOS reports the first one its spatial
//! index happens to reach; this module reports the first in ring order (for crossings, the pair
//! of segments that comes first), which is the same point whenever there is only one and may be
//! another one of them otherwise.
use std::fmt;
use std::ops::ControlFlow;

use geo::coordinate_position::{coord_pos_relative_to_ring, CoordPos};
use geo::{BoundingRect, Coord, CoordinatePosition, Geometry, LineString, Polygon, Rect};

use crate::noding::{box_pairs, compare_angle, meet, Meeting, SegmentId};
use crate::Geo;

/// Why a geometry is invalid, in GEOS's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A coordinate is NaN or infinite.
    InvalidCoordinate,
    /// A line string with fewer than 2 distinct points, or a ring with fewer than 4.
    TooFewPoints,
    /// Rings cross, or overlap along a stretch.
    SelfIntersection,
    /// A ring touches itself at a point.
    RingSelfIntersection,
    HoleOutsideShell,
    NestedHoles,
    /// Holes touching the shell or each other in two points, or in a cycle, cut the interior.
    DisconnectedInterior,
    /// A polygon of a multipolygon lies inside another one.
    NestedShells,
}

impl Problem {
    /// GEOS's text for the problem.
    pub fn message(self) -> &'static str {
        match self {
            Problem::InvalidCoordinate => "Invalid Coordinate",
            Problem::TooFewPoints => "Too few points in geometry component",
            Problem::SelfIntersection => "Self-intersection",
            Problem::RingSelfIntersection => "Ring Self-intersection",
            Problem::HoleOutsideShell => "Hole lies outside shell",
            Problem::NestedHoles => "Holes are nested",
            Problem::DisconnectedInterior => "Interior is disconnected",
            Problem::NestedShells => "Nested shells",
        }
    }
}

/// A problem and where it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Invalidity {
    pub problem: Problem,
    pub at: Coord<f64>,
}

impl fmt::Display for Invalidity {
    /// As `ST_IsValidReason` writes it, e.g. `Self-intersection[1 1]`: the coordinates with 15
    /// significant digits (C's `%.15g`, which GEOS uses).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{} {}]",
            self.problem.message(),
            format_g15(self.at.x),
            format_g15(self.at.y)
        )
    }
}

/// Whether `geometry` is valid (OGC rules, as GEOS checks them). Empty geometries, and empty
/// parts, are valid.
pub fn is_valid(geometry: &Geo) -> bool {
    validate(geometry).is_none()
}

/// `"Valid Geometry"`, or the first problem found and where, as PostGIS's `ST_IsValidReason`
/// reports it (e.g. `"Hole lies outside shell[5 5]"`).
pub fn is_valid_reason(geometry: &Geo) -> String {
    match validate(geometry) {
        None => "Valid Geometry".to_string(),
        Some(invalidity) => invalidity.to_string(),
    }
}

/// The first problem that makes `geometry` invalid, if any.
pub fn validate(geometry: &Geo) -> Option<Invalidity> {
    geometry.shape().and_then(|shape| check(&shape, Rules::Ogc))
}

/// Which rules a geometry is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rules {
    /// OGC's, as `IsValidOp` checks them.
    Ogc,
    /// What the overlays need of their inputs: OGC's, except that a ring may touch itself at a
    /// point (without crossing) and touching rings may split an interior. Both keep every edge
    /// with the interior on one side, which is all the overlays rely on.
    OverlayInput,
}

/// The first problem of `shape` under `rules`.
pub(crate) fn check(shape: &Geometry<f64>, rules: Rules) -> Option<Invalidity> {
    match shape {
        Geometry::Point(p) => check_point(p.0),
        Geometry::MultiPoint(ps) => ps.iter().find_map(|p| check_point(p.0)),
        Geometry::Line(l) => check_line(&LineString::from(vec![l.start, l.end])),
        Geometry::LineString(l) => check_line(l),
        Geometry::MultiLineString(ls) => ls.iter().find_map(check_line),
        Geometry::Polygon(p) => check_polygons(std::slice::from_ref(p), rules),
        Geometry::MultiPolygon(ps) => check_polygons(&ps.0, rules),
        Geometry::Rect(r) => check_polygons(&[r.to_polygon()], rules),
        Geometry::Triangle(t) => check_polygons(&[t.to_polygon()], rules),
        Geometry::GeometryCollection(parts) => parts.iter().find_map(|g| check(g, rules)),
    }
}

fn invalid(problem: Problem, at: Coord<f64>) -> Option<Invalidity> {
    Some(Invalidity { problem, at })
}

/// A point of NaNs is how WKB writes an empty point, and is valid.
fn check_point(c: Coord<f64>) -> Option<Invalidity> {
    if c.x.is_nan() && c.y.is_nan() {
        return None;
    }
    check_coords(&[c])
}

fn check_coords(coords: &[Coord<f64>]) -> Option<Invalidity> {
    coords
        .iter()
        .find(|c| !c.x.is_finite() || !c.y.is_finite())
        .and_then(|&c| invalid(Problem::InvalidCoordinate, c))
}

/// Whether `coords` has at least `min` points, not counting repeated consecutive ones.
fn has_distinct_points(coords: &[Coord<f64>], min: usize) -> bool {
    let mut count = 0;
    let mut previous: Option<Coord<f64>> = None;
    for &c in coords {
        if previous != Some(c) {
            count += 1;
            if count >= min {
                return true;
            }
        }
        previous = Some(c);
    }
    count >= min
}

fn check_line(line: &LineString<f64>) -> Option<Invalidity> {
    if line.0.is_empty() {
        return None;
    }
    check_coords(&line.0).or_else(|| {
        (!has_distinct_points(&line.0, 2)).then(|| Invalidity {
            problem: Problem::TooFewPoints,
            at: line.0[0],
        })
    })
}

fn rings(polygon: &Polygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .filter(|r| !r.0.is_empty())
}

/// The checks of a polygon or a multipolygon, in GEOS's order.
fn check_polygons(polygons: &[Polygon<f64>], rules: Rules) -> Option<Invalidity> {
    let polygons: Vec<&Polygon<f64>> = polygons
        .iter()
        .filter(|p| !p.exterior().0.is_empty())
        .collect();
    for polygon in &polygons {
        for ring in rings(polygon) {
            if let Some(bad) = check_coords(&ring.0) {
                return Some(bad);
            }
        }
        for ring in rings(polygon) {
            if !has_distinct_points(&ring.0, 4) {
                return invalid(Problem::TooFewPoints, ring.0[0]);
            }
        }
    }
    let analysis = RingAnalysis::new(&polygons, rules);
    if let Some(bad) = analysis.invalid {
        return Some(bad);
    }
    for polygon in &polygons {
        if let Some(at) = hole_outside_shell(polygon) {
            return invalid(Problem::HoleOutsideShell, at);
        }
    }
    for polygon in &polygons {
        if let Some(at) = nested_hole(polygon) {
            return invalid(Problem::NestedHoles, at);
        }
    }
    if let Some(at) = nested_shell(&polygons) {
        return invalid(Problem::NestedShells, at);
    }
    if rules == Rules::Ogc {
        if let Some(at) = analysis.disconnection() {
            return invalid(Problem::DisconnectedInterior, at);
        }
    }
    None
}

/// One ring, without repeated points, and which polygon it bounds.
struct Ring {
    coords: Vec<Coord<f64>>,
    polygon: usize,
    /// Whether touches of this ring are tracked: its polygon has holes, so touching rings could
    /// cut its interior.
    tracked: bool,
}

/// How the rings of a polygon or multipolygon meet one another.
struct RingAnalysis {
    rings: Vec<Ring>,
    /// The first crossing, overlap or self-touch.
    invalid: Option<Invalidity>,
    /// The first pair of rings of one polygon found touching in a second point.
    double_touch: Option<Coord<f64>>,
    /// Where each pair of rings of one polygon touch (one point each: a second one is a double
    /// touch), by ring, in ring order.
    touches: Vec<Vec<(usize, Coord<f64>)>>,
}

impl RingAnalysis {
    fn new(polygons: &[&Polygon<f64>], rules: Rules) -> RingAnalysis {
        let mut all = Vec::new();
        for (index, polygon) in polygons.iter().enumerate() {
            let tracked = rules == Rules::Ogc && !polygon.interiors().is_empty();
            for ring in rings(polygon) {
                let mut coords = ring.0.clone();
                coords.dedup();
                all.push(Ring {
                    coords,
                    polygon: index,
                    tracked,
                });
            }
        }
        let mut analysis = RingAnalysis {
            touches: vec![Vec::new(); all.len()],
            rings: all,
            invalid: None,
            double_touch: None,
        };
        let strings: Vec<&[Coord<f64>]> =
            analysis.rings.iter().map(|r| r.coords.as_slice()).collect();
        let mut meetings = Vec::new();
        box_pairs(&strings, |a, b| {
            let (p0, p1) = segment(&strings, a);
            let (q0, q1) = segment(&strings, b);
            if let Some(meeting) = meet(p0, p1, q0, q1) {
                meetings.push((a, b, meeting));
            }
            ControlFlow::Continue(())
        });
        // A spike (a ring that turns back along its previous segment) first: GEOS 3.13 reports
        // that overlap, not the ring's touch at the spike's foot (every spiked polygon of the
        // differential corpus); otherwise the first meeting in ring order.
        meetings.sort_by_key(|&(a, b, meeting)| {
            let spike = matches!(meeting, Meeting::Overlap(..))
                && a.string == b.string
                && (b.index == a.index + 1
                    || (a.index == 0 && b.index + 2 == strings[a.string].len()));
            (!spike, a, b)
        });
        for (a, b, meeting) in meetings {
            match analysis.classify(a, b, meeting, rules) {
                Outcome::Invalid(problem, at) => {
                    analysis.invalid = invalid(problem, at);
                    break;
                }
                Outcome::Touch(at) => {
                    if analysis.add_touch(a.string, b.string, at) {
                        analysis.double_touch = Some(at);
                        break;
                    }
                }
                Outcome::Fine => {}
            }
        }
        analysis
    }

    /// Whether the meeting of segments `a` and `b` makes the polygon invalid, as GEOS's
    /// `PolygonIntersectionAnalyzer` decides.
    fn classify(&self, a: SegmentId, b: SegmentId, meeting: Meeting, rules: Rules) -> Outcome {
        let at = match meeting {
            Meeting::Point { proper: true, at } => {
                return Outcome::Invalid(Problem::SelfIntersection, at)
            }
            Meeting::Overlap(at, _) => return Outcome::Invalid(Problem::SelfIntersection, at),
            Meeting::Point { at, .. } => at,
        };
        let same_ring = a.string == b.string;
        let ring_a = &self.rings[a.string].coords;
        let count = ring_a.len();
        if same_ring && (b.index - a.index <= 1 || b.index - a.index >= count - 2) {
            return Outcome::Fine;
        }
        if same_ring && rules == Rules::Ogc {
            return Outcome::Invalid(Problem::RingSelfIntersection, at);
        }
        let ring_b = &self.rings[b.string].coords;
        // A touch at the end of a segment is also one at the start of the next.
        if at == ring_a[a.index + 1] || at == ring_b[b.index + 1] {
            return Outcome::Fine;
        }
        let (e00, e01) = path_through(ring_a, a.index, at);
        let (e10, e11) = path_through(ring_b, b.index, at);
        if is_crossing(at, e00, e01, e10, e11) {
            return Outcome::Invalid(Problem::SelfIntersection, at);
        }
        if same_ring {
            Outcome::Fine
        } else {
            Outcome::Touch(at)
        }
    }

    /// Records that rings `a` and `b` touch at `at`; whether they already touched elsewhere.
    fn add_touch(&mut self, a: usize, b: usize, at: Coord<f64>) -> bool {
        let (ra, rb) = (&self.rings[a], &self.rings[b]);
        if !ra.tracked || !rb.tracked || ra.polygon != rb.polygon {
            return false;
        }
        let earlier = self.touches[a].iter().find(|(other, _)| *other == b);
        if let Some(&(_, point)) = earlier {
            return point != at;
        }
        for (ring, other) in [(a, b), (b, a)] {
            let list = &mut self.touches[ring];
            let position = list.partition_point(|(o, _)| *o < other);
            list.insert(position, (other, at));
        }
        false
    }

    /// Where touching rings cut a polygon's interior: at a second touch of two rings, or where
    /// rings touching one another in different points close a cycle.
    fn disconnection(&self) -> Option<Coord<f64>> {
        if self.double_touch.is_some() {
            return self.double_touch;
        }
        let mut root: Vec<Option<usize>> = vec![None; self.rings.len()];
        for start in 0..self.rings.len() {
            if !self.rings[start].tracked || root[start].is_some() {
                continue;
            }
            root[start] = Some(start);
            let mut stack: Vec<(usize, Coord<f64>)> = Vec::new();
            for &(ring, at) in &self.touches[start] {
                root[ring] = Some(start);
                stack.push((ring, at));
            }
            while let Some((ring, entry)) = stack.pop() {
                for &(next, at) in &self.touches[ring] {
                    // Touches at the entry point are the same touch seen from this ring.
                    if at == entry {
                        continue;
                    }
                    if root[next] == Some(start) {
                        return Some(at);
                    }
                    root[next] = Some(start);
                    stack.push((next, at));
                }
            }
        }
        None
    }
}

enum Outcome {
    Fine,
    Invalid(Problem, Coord<f64>),
    Touch(Coord<f64>),
}

fn segment(strings: &[&[Coord<f64>]], id: SegmentId) -> (Coord<f64>, Coord<f64>) {
    let s = strings[id.string];
    (s[id.index], s[id.index + 1])
}

/// The two directions in which a ring leaves point `at` of its segment `index`: to the previous
/// vertex and the next one when `at` is the segment's start, else both ends of the segment.
fn path_through(ring: &[Coord<f64>], index: usize, at: Coord<f64>) -> (Coord<f64>, Coord<f64>) {
    if at == ring[index] {
        let previous = if index == 0 {
            ring.len() - 2
        } else {
            index - 1
        };
        (ring[previous], ring[index + 1])
    } else {
        (ring[index], ring[index + 1])
    }
}

/// Whether the path `a0 node a1` crosses the path `b0 node b1` at `node` (rather than touching
/// it): `b0` and `b1` lie strictly on different sides of the angle `a0 node a1`.
fn is_crossing(
    node: Coord<f64>,
    a0: Coord<f64>,
    a1: Coord<f64>,
    b0: Coord<f64>,
    b1: Coord<f64>,
) -> bool {
    let (low, high) = if is_angle_greater(node, a0, a1) {
        (a1, a0)
    } else {
        (a0, a1)
    };
    let side = |b: Coord<f64>| {
        let to_low = compare_angle(node, b, low);
        let to_high = compare_angle(node, b, high);
        if to_low.is_eq() || to_high.is_eq() {
            None
        } else {
            Some(to_low.is_gt() && to_high.is_lt())
        }
    };
    match (side(b0), side(b1)) {
        (Some(s0), Some(s1)) => s0 != s1,
        _ => false,
    }
}

fn is_angle_greater(origin: Coord<f64>, p: Coord<f64>, q: Coord<f64>) -> bool {
    compare_angle(origin, p, q).is_gt()
}

fn covers(outer: &Rect<f64>, inner: &Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

/// Whether ring `test` lies inside ring `target`, given that the two do not cross: by its first
/// point, or, when that lies on `target`, by the direction in which `test` leaves it.
fn is_ring_nested(test: &LineString<f64>, target: &LineString<f64>) -> bool {
    let p0 = test.0[0];
    match coord_pos_relative_to_ring(p0, target) {
        CoordPos::Outside => false,
        CoordPos::Inside => true,
        CoordPos::OnBoundary => {
            let p1 = test
                .0
                .iter()
                .skip(1)
                .find(|&&c| c != p0)
                .copied()
                .unwrap_or(p0);
            is_incident_segment_in_ring(p0, p1, &target.0)
        }
    }
}

/// Whether the segment from `p0`, a point on `ring`, to `p1` starts into the ring's interior.
fn is_incident_segment_in_ring(p0: Coord<f64>, p1: Coord<f64>, ring: &[Coord<f64>]) -> bool {
    let n = ring.len();
    let Some(index) = (0..n - 1).find_map(|i| {
        let on = crate::noding::orient(ring[i], ring[i + 1], p0)
            == geo::kernels::Orientation::Collinear
            && p0.x >= ring[i].x.min(ring[i + 1].x)
            && p0.x <= ring[i].x.max(ring[i + 1].x)
            && p0.y >= ring[i].y.min(ring[i + 1].y)
            && p0.y <= ring[i].y.max(ring[i + 1].y);
        on.then(|| if p0 == ring[i + 1] { i + 1 } else { i })
    }) else {
        return false;
    };
    let previous_index = |i: usize| if i == 0 { n - 2 } else { i - 1 };
    let next_index = |i: usize| if i >= n - 2 { 0 } else { i + 1 };
    let mut i = index;
    while ring[i] == p0 {
        i = previous_index(i);
    }
    let mut previous = ring[i];
    let mut j = index + 1;
    while ring[j] == p0 {
        j = next_index(j);
    }
    let mut next = ring[j];
    // With the interior on the right of the ring's direction, the interior lies clockwise of
    // the way in and counter-clockwise of the way out.
    if is_ccw(ring) {
        std::mem::swap(&mut previous, &mut next);
    }
    is_interior_segment(p0, previous, next, p1)
}

/// Whether direction `node → b` lies in the interior of the corner `a0 node a1` of a ring that
/// has its interior on the right.
fn is_interior_segment(node: Coord<f64>, a0: Coord<f64>, a1: Coord<f64>, b: Coord<f64>) -> bool {
    let (low, high, interior_between) = if is_angle_greater(node, a0, a1) {
        (a1, a0, false)
    } else {
        (a0, a1, true)
    };
    let between = is_angle_greater(node, b, low) && !is_angle_greater(node, b, high);
    between == interior_between
}

fn is_ccw(ring: &[Coord<f64>]) -> bool {
    use geo::winding_order::{Winding, WindingOrder};
    LineString::from(ring.to_vec()).winding_order() == Some(WindingOrder::CounterClockwise)
}

/// The first point of the first hole that lies outside its shell.
fn hole_outside_shell(polygon: &Polygon<f64>) -> Option<Coord<f64>> {
    let shell = polygon.exterior();
    let shell_box = shell.bounding_rect()?;
    polygon
        .interiors()
        .iter()
        .filter(|h| !h.0.is_empty())
        .find(|hole| {
            let inside = hole
                .bounding_rect()
                .is_some_and(|hole_box| covers(&shell_box, &hole_box))
                && is_ring_nested(hole, shell);
            !inside
        })
        .map(|hole| hole.0[0])
}

/// The first point of the first hole inside another hole.
fn nested_hole(polygon: &Polygon<f64>) -> Option<Coord<f64>> {
    let holes: Vec<(&LineString<f64>, Rect<f64>)> = polygon
        .interiors()
        .iter()
        .filter_map(|h| Some((h, h.bounding_rect()?)))
        .collect();
    for (i, (hole, hole_box)) in holes.iter().enumerate() {
        for (j, (other, other_box)) in holes.iter().enumerate() {
            if i != j && covers(other_box, hole_box) && is_ring_nested(hole, other) {
                return Some(hole.0[0]);
            }
        }
    }
    None
}

/// A point of the first polygon of a multipolygon found inside another one.
fn nested_shell(polygons: &[&Polygon<f64>]) -> Option<Coord<f64>> {
    if polygons.len() < 2 {
        return None;
    }
    let boxes: Vec<Option<Rect<f64>>> = polygons.iter().map(|p| p.bounding_rect()).collect();
    for (i, polygon) in polygons.iter().enumerate() {
        let shell = polygon.exterior();
        for (j, outer) in polygons.iter().enumerate() {
            let (Some(inner_box), Some(outer_box)) = (boxes[i], boxes[j]) else {
                continue;
            };
            if i == j || !covers(&outer_box, &inner_box) {
                continue;
            }
            if let Some(at) = nested_point(shell, outer) {
                return Some(at);
            }
        }
    }
    None
}

/// A point of `shell` inside polygon `outer`, given that they do not cross: its first or second
/// point, or, when both lie on `outer`'s boundary, its first point if it leaves that boundary
/// into `outer` (and not into one of `outer`'s holes).
fn nested_point(shell: &LineString<f64>, outer: &Polygon<f64>) -> Option<Coord<f64>> {
    for &point in shell.0.iter().take(2) {
        match outer.coordinate_position(&point) {
            CoordPos::Outside => return None,
            CoordPos::Inside => return Some(point),
            CoordPos::OnBoundary => {}
        }
    }
    if !is_ring_nested(shell, outer.exterior()) {
        return None;
    }
    let shell_box = shell.bounding_rect()?;
    let in_hole = outer.interiors().iter().any(|hole| {
        hole.bounding_rect()
            .is_some_and(|hole_box| covers(&hole_box, &shell_box))
            && is_ring_nested(shell, hole)
    });
    (!in_hole).then_some(shell.0[0])
}

/// `value` as C's `printf("%.15g")` writes it (and GEOS's reasons do): 15 significant digits,
/// trailing zeros dropped, an exponent below 1e-4 and from 1e15.
pub(crate) fn format_g15(value: f64) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.into();
    }
    if value == 0.0 {
        return if value.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let scientific = format!("{value:.14e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("scientific notation has an exponent");
    let exponent: i32 = exponent.parse().expect("the exponent is a number");
    let trim = |digits: &str| -> String {
        if digits.contains('.') {
            digits
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            digits.to_string()
        }
    };
    if !(-4..15).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mantissa), exponent.abs())
    } else {
        let decimals = (14 - exponent) as usize;
        trim(&format!("{value:.decimals$}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn reason(text: &str) -> String {
        is_valid_reason(&geo(&wkb(text)))
    }

    /// Expected texts from shapely 2.1.2 (GEOS 3.13.1): `shapely.is_valid_reason(wkt)`.
    #[test]
    fn reasons_and_locations_match_geos() {
        let cases = [
            ("POINT(1 2)", "Valid Geometry"),
            ("POLYGON EMPTY", "Valid Geometry"),
            ("GEOMETRYCOLLECTION EMPTY", "Valid Geometry"),
            ("LINESTRING(0 0,2 2,2 0,0 2)", "Valid Geometry"),
            ("POLYGON((0 0,2 2,2 0,0 2,0 0))", "Self-intersection[1 1]"),
            (
                "POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 5))",
                "Hole lies outside shell[5 5]",
            ),
            (
                "LINESTRING(0 0,0 0)",
                "Too few points in geometry component[0 0]",
            ),
            (
                "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,3 1,3 3,1 3,1 1),(1.5 1.5,2 1.5,2 2,1.5 1.5))",
                "Holes are nested[1.5 1.5]",
            ),
            (
                "MULTIPOLYGON(((0 0,4 0,4 4,0 4,0 0)),((1 1,2 1,2 2,1 1)))",
                "Nested shells[1 1]",
            ),
            ("POLYGON((0 0,4 0,4 4,0 4,2 2,0 0))", "Valid Geometry"),
            (
                "POLYGON((0 0,4 0,2 2,4 4,0 4,2 2,0 0))",
                "Ring Self-intersection[2 2]",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(reason(text), expected, "{text}");
        }
        let exact = [
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 2,2 1,2 3,0 2))", "Valid Geometry"),
            ("POLYGON((0 0,6 0,6 6,0 6,0 0),(1 1,3 1,2 2,1 1),(3 1,5 1,4 2,3 1),(2 2,4 2,3 3,2 2))", "Interior is disconnected[4 2]"),
            ("POLYGON((0 0,6 0,6 6,0 6,0 0),(1 1,3 1,2 2,1 1),(3 1,5 1,4 2,3 1),(2 2,4 2,3 3,2 2),(3 3,1 1,1 3,3 3))", "Self-intersection[2 2]"),
            ("POLYGON((0 0,6 0,6 6,0 6,0 0),(1 1,3 1,3 3,1 3,1 1),(3 3,5 3,5 5,3 5,3 3))", "Valid Geometry"),
            ("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 0,2 0,2 1,1 1,1 0)))", "Self-intersection[1 1]"),
            ("MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((1 1,2 1,2 2,1 2,1 1)))", "Valid Geometry"),
            ("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(1 1,9 1,9 9,1 9,1 1)),((2 2,8 2,8 8,2 8,2 2)))", "Valid Geometry"),
            ("POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,1 9,9 9,9 1,1 1))", "Valid Geometry"),
            ("POLYGON((0 0,0 0,1 0,1 1,0 1,0 0))", "Valid Geometry"),
            ("POLYGON((0 0,1 0,1 0,0 0))", "Too few points in geometry component[0 0]"),
            ("POLYGON((0 0,1 1,1 1,0 0))", "Too few points in geometry component[0 0]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(4 2,5 1,5 3,4 2))", "Hole lies outside shell[4 2]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 0,1 1,1 2,0 0))", "Valid Geometry"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 0,0 2,1 1,0 0))", "Self-intersection[0 0]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 1,0 3,1 2,0 1))", "Self-intersection[0 1]"),
            ("POLYGON((0 0,4 0,4 4,2 4,3 3,1 3,2 4,0 4,0 0))", "Ring Self-intersection[2 4]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0,1 1,1 3,3 3,3 1,1 1,0 0))", "Ring Self-intersection[0 0]"),
            ("POLYGON((0 0,4 0,0 4,4 4,0 0))", "Self-intersection[2 2]"),
            ("MULTILINESTRING((0 0,1 1),(2 2,2 2))", "Too few points in geometry component[2 2]"),
            ("MULTIPOINT((0 0),(0 0))", "Valid Geometry"),
            ("GEOMETRYCOLLECTION(POINT(0 0),POLYGON((0 0,2 2,2 0,0 2,0 0)))", "Self-intersection[1 1]"),
            ("GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 1,0 0)),POLYGON((0 0,1 0,1 1,0 1,0 0)))", "Valid Geometry"),
            ("POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 2,1 1),(2 2,3 2,3 3,2 3,2 2),(1 2,1 3,2 3,1 2))", "Interior is disconnected[2 3]"),
            ("POLYGON((0 0,1 0,0.5 0.5,1 1,0 1,0.5 0.5,0 0))", "Ring Self-intersection[0.5 0.5]"),
            ("POLYGON((0 0,3 0,3 3,0 3,0 0),(0 0,1 1,2 0,0 0))", "Self-intersection[2 0]"),
            ("POLYGON((0 0,10 0,10 10,0 10,0 0),(0 0,5 5,10 10,5 2,0 0))", "Interior is disconnected[10 10]"),
            ("POLYGON((0 0,0.3 0.1,1 0,1 1,0 1,0 0))", "Valid Geometry"),
            ("POLYGON((0 0,1e20 0,1e20 1e20,0 0),(1 1,2 1,2 2,1 1))", "Self-intersection[2 2]"),
            ("POLYGON((0 0,3 1,0 2,3 0,0 0))", "Self-intersection[2 0.666666666666667]"),
            ("POLYGON((3 2,10 2,10 9,6.5 9,6.5 11,6.5 9,3 9,3 2))", "Self-intersection[6.5 11]"),
        ];
        let problem_only = [
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 2,2 0,4 2,2 4,0 2))", "Interior is disconnected[2 0]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 2,2 1,4 2,2 3,0 2))", "Interior is disconnected[4 2]"),
            ("MULTIPOLYGON(((0 0,2 0,2 2,0 2,0 0)),((1 1,3 1,3 3,1 3,1 1)))", "Self-intersection[1 2]"),
            ("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0),(1 1,9 1,9 9,1 9,1 1)),((1 1,9 1,9 9,1 9,1 1)))", "Self-intersection[9 9]"),
            ("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((0 0,10 0,10 10,0 10,0 0)))", "Self-intersection[10 10]"),
            ("MULTIPOLYGON(((0 0,10 0,10 10,0 10,0 0)),((0 0,5 0,5 5,0 5,0 0)))", "Self-intersection[0 5]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(2 2,6 2,6 6,2 6,2 2))", "Self-intersection[2 4]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(0 0,4 0,4 4,0 4,0 0))", "Self-intersection[4 4]"),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1),(1 1,2 1,2 2,1 1))", "Self-intersection[2 1]"),
            ("POLYGON((0 0,2 0,1 0,0 0))", "Self-intersection[1 0]"),
            ("POLYGON((0 0,3 0,3 3,0 3,0 0),(1 1,2 1,2 2,1 2,1 1),(1 1,2 1,2 2,1 2,1 1))", "Self-intersection[2 2]"),
            ("POLYGON((0.5 0.5,3 0.5,3 2.5,0.5 2.5,0.5 0.5),(1 1,1 2,2.5 2,3.5 1,1 1))", "Self-intersection[3 1]"),
            ("POLYGON((0 0,10 0,10 10,0 10,0 0),(0 0,5 5,10 0,0 0))", "Self-intersection[0 0]"),
        ];
        for (text, expected) in exact {
            assert_eq!(reason(text), expected, "{text}");
        }
        // Several points are invalid; GEOS's index reports one, this module another.
        for (text, expected) in problem_only {
            let got = reason(text);
            assert_eq!(
                got.split('[').next(),
                expected.split('[').next(),
                "{text}: {got}"
            );
        }
    }

    /// Expected from shapely 2.1.2: `is_valid_reason` of `LINESTRING(0 0,nan 1)`.
    #[test]
    fn coordinates_that_are_not_finite_are_invalid() {
        let mut bytes = wkb("LINESTRING(0 0,5 1)");
        let at = bytes.len() - 16;
        bytes[at..at + 8].copy_from_slice(&f64::NAN.to_le_bytes());
        assert_eq!(is_valid_reason(&geo(&bytes)), "Invalid Coordinate[nan 1]");
        // An empty point, written as NaNs, is valid.
        let points = geo::Geometry::MultiPoint(geo::MultiPoint(vec![
            geo::Point::new(f64::NAN, f64::NAN),
            geo::Point::new(1.0, 1.0),
        ]));
        let mut bytes = Vec::new();
        crate::write_wkb(&points, &mut bytes);
        assert!(is_valid(&geo(&bytes)));
    }

    #[test]
    fn formats_like_printf_g15() {
        assert_eq!(format_g15(1.0), "1");
        assert_eq!(format_g15(-2.5), "-2.5");
        assert_eq!(format_g15(1.0 / 3.0), "0.333333333333333");
        assert_eq!(format_g15(1e20), "1e+20");
        assert_eq!(format_g15(1.5e-7), "1.5e-07");
        assert_eq!(format_g15(123456789012345678.0), "1.23456789012346e+17");
        assert_eq!(format_g15(0.0001), "0.0001");
        assert_eq!(format_g15(999999999999999.0), "999999999999999");
        assert_eq!(format_g15(f64::NAN), "nan");
        assert_eq!(format_g15(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn touching_holes_are_tracked_per_polygon() {
        let polygon: Polygon<f64> = Polygon::new(
            LineString::from(vec![(0., 0.), (4., 0.), (4., 4.), (0., 4.), (0., 0.)]),
            vec![LineString::from(vec![
                (0., 2.),
                (1., 1.),
                (1., 3.),
                (0., 2.),
            ])],
        );
        let analysis = RingAnalysis::new(&[&polygon], Rules::Ogc);
        assert!(analysis.invalid.is_none());
        assert_eq!(analysis.touches[0], vec![(1, Coord { x: 0., y: 2. })]);
        assert_eq!(analysis.disconnection(), None);
    }
}
