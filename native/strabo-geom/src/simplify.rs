//! Line simplification: PostGIS's Douglas-Peucker (`ST_Simplify`) and GEOS's
//! topology-preserving simplifier (`ST_SimplifyPreserveTopology`). Results are 2D.
use std::cell::Cell;

use geo::kernels::{Kernel, Orientation};
use geo::line_intersection::{line_intersection, LineIntersection};
use geo::Polygon;
use geo::{Coord, Geometry, GeometryCollection, Line, LineString, MultiLineString, MultiPolygon};
use rstar::primitives::{GeomWithData, Line as IndexedLine};
use rstar::{RTree, AABB};

use crate::parts::{empty_of, finite_shape, kind_of, non_negative};
use crate::{Geo, GeomError};

/// The Douglas-Peucker simplification PostGIS's `ST_Simplify(geom, tolerance,
/// preserve_collapsed)` computes (its own, not GEOS's): every line and ring keeps the vertices
/// farther than `tolerance` from the simplified line, and its endpoints. Then:
/// - a line whose two remaining vertices coincide is dropped, unless `preserve_collapsed`;
/// - a ring left with fewer than 4 points is dropped, and with it the whole polygon if it is
///   the shell; with `preserve_collapsed` a shell keeps at least 4 points (and holes are
///   dropped as before);
/// - points and multipoints are returned unchanged; empty parts of collections are dropped.
///
/// [`Simplified::Unchanged`] when no vertex was removed: PostGIS returns its input as it is, even
/// a collapsed line (`LINESTRING(0 0,0 0)`), EMPTY, empty members and Z included. Otherwise the
/// 2D shape, `None` when everything collapsed (PostGIS returns NULL). Polygons are not
/// repaired: the result may be invalid (rings may cross), as in PostGIS;
/// [`simplify_preserve_topology`] keeps them valid. Differences from GEOS's
/// `DouglasPeuckerSimplifier` (`shapely.simplify(g, tol, preserve_topology=False)`), which
/// PostGIS does not use: GEOS keeps collapsed lines as two equal points, returns `POLYGON
/// EMPTY` rather than NULL, and repairs polygons (`buffer(0)`), which may split a polygon in
/// two. A simplified result has no Z or M. A negative or NaN tolerance and NaN or infinite
/// coordinates are refused.
pub fn simplify(
    geometry: &Geo,
    tolerance: f64,
    preserve_collapsed: bool,
) -> Result<Simplified, GeomError> {
    let tolerance = non_negative("tolerance", tolerance)?;
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(Simplified::Unchanged);
    };
    let simplifier = DouglasPeucker {
        tolerance,
        preserve_collapsed,
        removed_any: Cell::new(false),
    };
    let simplified = simplifier.geometry(&shape);
    if !simplifier.removed_any.get() {
        return Ok(Simplified::Unchanged);
    }
    Ok(Simplified::Shape(simplified))
}

/// What [`simplify`] makes of a geometry.
#[derive(Debug, PartialEq)]
pub enum Simplified {
    /// No vertex was removed: the input is the result, as it is.
    Unchanged,
    /// The simplified 2D shape; `None` when every part collapsed.
    Shape(Option<Geometry<f64>>),
}

/// PostGIS's simplification of a shape's lines and rings (`lwgeom_simplify_in_place`), without
/// the return of an unchanged input: what [`simplify`] computes, and what PostGIS applies with
/// tolerance 0 to each cut of [`crate::subdivide`].
pub(crate) fn simplify_shape(
    shape: &Geometry<f64>,
    tolerance: f64,
    preserve_collapsed: bool,
) -> Option<Geometry<f64>> {
    DouglasPeucker {
        tolerance,
        preserve_collapsed,
        removed_any: Cell::new(false),
    }
    .geometry(shape)
}

struct DouglasPeucker {
    tolerance: f64,
    preserve_collapsed: bool,
    removed_any: Cell<bool>,
}

impl DouglasPeucker {
    fn geometry(&self, shape: &Geometry<f64>) -> Option<Geometry<f64>> {
        match shape {
            Geometry::Point(_) | Geometry::MultiPoint(_) => Some(shape.clone()),
            Geometry::LineString(line) => self.line(line).map(Geometry::LineString),
            Geometry::Polygon(polygon) => self.polygon(polygon).map(Geometry::Polygon),
            Geometry::MultiLineString(lines) => {
                let lines: Vec<_> = lines.iter().filter_map(|l| self.line(l)).collect();
                (!lines.is_empty()).then_some(Geometry::MultiLineString(MultiLineString(lines)))
            }
            Geometry::MultiPolygon(polygons) => {
                let polygons: Vec<_> = polygons.iter().filter_map(|p| self.polygon(p)).collect();
                (!polygons.is_empty()).then_some(Geometry::MultiPolygon(MultiPolygon(polygons)))
            }
            Geometry::GeometryCollection(parts) => {
                let parts: Vec<_> = parts.iter().filter_map(|p| self.geometry(p)).collect();
                (!parts.is_empty())
                    .then_some(Geometry::GeometryCollection(GeometryCollection(parts)))
            }
            Geometry::Line(l) => {
                self.geometry(&Geometry::LineString(LineString(vec![l.start, l.end])))
            }
            Geometry::Rect(r) => self.geometry(&Geometry::Polygon(r.to_polygon())),
            Geometry::Triangle(t) => self.geometry(&Geometry::Polygon(t.to_polygon())),
        }
    }

    fn simplified(&self, coords: &[Coord<f64>], minimum: usize) -> Vec<Coord<f64>> {
        let kept = postgis_douglas_peucker(coords, self.tolerance, minimum);
        if kept.len() != coords.len() {
            self.removed_any.set(true);
        }
        kept
    }

    fn line(&self, line: &LineString<f64>) -> Option<LineString<f64>> {
        if line.0.is_empty() {
            return None;
        }
        let kept = self.simplified(&line.0, 2);
        let collapsed = kept.len() < 2 || (kept.len() == 2 && kept[0] == kept[1]);
        if collapsed && !self.preserve_collapsed {
            return None;
        }
        Some(LineString(kept))
    }

    fn polygon(&self, polygon: &Polygon<f64>) -> Option<Polygon<f64>> {
        let shell_minimum = if self.preserve_collapsed { 4 } else { 0 };
        let shell = self.simplified(&polygon.exterior().0, shell_minimum);
        if shell.len() < 4 {
            return None;
        }
        let holes = polygon
            .interiors()
            .iter()
            .map(|hole| self.simplified(&hole.0, 0))
            .filter(|hole| hole.len() >= 4)
            .map(LineString)
            .collect();
        Some(Polygon::new(LineString(shell), holes))
    }
}

/// PostGIS's Douglas-Peucker over one point list: the ends are kept, then the farthest vertex
/// of each stretch if it is farther than `tolerance` from the segment between the stretch's
/// ends (distance to the segment, not to its line); the first `minimum` vertices are kept
/// whatever their distance. With a tolerance of 0, only vertices lying on the segment between
/// their kept neighbours are dropped. Lists of fewer than 3 points, or no more than
/// `minimum`, are kept whole.
fn postgis_douglas_peucker(
    coords: &[Coord<f64>],
    tolerance: f64,
    minimum: usize,
) -> Vec<Coord<f64>> {
    let n = coords.len();
    if n < 3 || n <= minimum {
        return coords.to_vec();
    }
    if tolerance == 0.0 && minimum <= 2 {
        return drop_straight_vertices(coords);
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut kept = 2;
    // Stretches still to split, left ones first.
    let mut pending = vec![n - 1];
    let (mut first, mut last) = (0, n - 1);
    let squared = tolerance * tolerance;
    let threshold = |kept: usize| if kept >= minimum { squared } else { -1.0 };
    while !pending.is_empty() {
        match farthest_beyond(coords, first, last, threshold(kept)) {
            Some(split) => {
                keep[split] = true;
                kept += 1;
                pending.push(last);
                last = split;
            }
            None => {
                first = last;
                last = pending.pop().expect("a pending stretch");
            }
        }
    }
    coords
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(c, _)| *c)
        .collect()
}

/// The vertex strictly between `first` and `last` farthest from the segment joining them,
/// if its squared distance exceeds `squared` (the first of equals wins). Squared distances
/// are compared scaled by the segment's squared length, as PostGIS compares them.
fn farthest_beyond(
    coords: &[Coord<f64>],
    first: usize,
    last: usize,
    squared: f64,
) -> Option<usize> {
    if last - first < 2 {
        return None;
    }
    let (a, b) = (coords[first], coords[last]);
    let square = |v: Coord<f64>| v.x * v.x + v.y * v.y;
    let ab = b - a;
    let length = square(ab);
    let mut best = None;
    if length < f64::EPSILON {
        // The ends (nearly) coincide: distances to the first end.
        let mut max = squared;
        for (k, &c) in coords.iter().enumerate().take(last).skip(first + 1) {
            let d = square(c - a);
            if d > max {
                best = Some(k);
                max = d;
            }
        }
        return best;
    }
    let mut max = squared * length;
    for (k, &c) in coords.iter().enumerate().take(last).skip(first + 1) {
        let ac = c - a;
        let dot = ac.x * ab.x + ac.y * ab.y;
        let d = if dot <= 0.0 {
            square(ac) * length
        } else if dot >= length {
            square(c - b) * length
        } else {
            let cross = ac.x * ab.y - ac.y * ab.x;
            cross * cross
        };
        if d > max {
            best = Some(k);
            max = d;
        }
    }
    best
}

/// Drops each vertex that lies on the segment from the last kept vertex to the next one.
fn drop_straight_vertices(coords: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut out = vec![coords[0]];
    for pair in coords[1..].windows(2) {
        let (current, next) = (pair[0], pair[1]);
        let kept = *out.last().expect("the first vertex");
        let (ab, ac) = (next - kept, current - kept);
        let dot = ac.x * ab.x + ac.y * ab.y;
        let cross = ac.x * ab.y - ac.y * ab.x;
        if dot < 0.0 || dot > ab.x * ab.x + ab.y * ab.y || cross != 0.0 {
            out.push(current);
        }
    }
    out.push(coords[coords.len() - 1]);
    out
}

/// GEOS's `TopologyPreservingSimplifier` (`ST_SimplifyPreserveTopology`,
/// `shapely.simplify(g, tolerance)`): Douglas-Peucker over every line and ring, where a
/// stretch is replaced by the segment between its ends only if that segment crosses or
/// touches no other segment (of any part, kept or already simplified) away from shared
/// endpoints, and moves no other part (a hole, an island) to the other side. Lines keep at
/// least 2 points, closed lines and rings at least 4; a polygon ring may also lose its start
/// point (as GEOS 3.12+ does). So the result has the parts, rings and topology of the input
/// and is valid whenever the input is. Points are returned unchanged; EMPTY is returned as it
/// is. Z and M are dropped. A negative or NaN tolerance and NaN or infinite coordinates are
/// refused.
pub fn simplify_preserve_topology(
    geometry: &Geo,
    tolerance: f64,
) -> Result<Geometry<f64>, GeomError> {
    let tolerance = non_negative("tolerance", tolerance)?;
    let Some(shape) = finite_shape(geometry)? else {
        return Ok(empty_of(kind_of(geometry)));
    };
    let mut lines = Vec::new();
    collect_lines(&shape, &mut lines);
    let mut simplifier = TopologySimplifier::new(lines, tolerance);
    for line in 0..simplifier.lines.len() {
        simplifier.simplify(line);
    }
    let mut results = simplifier.lines.into_iter().map(|l| l.result_coords());
    Ok(rebuild(&shape, &mut results))
}

/// One line or ring being simplified.
struct TaggedLine {
    coords: Vec<Coord<f64>>,
    /// A polygon ring, whose start point may be simplified away too.
    is_ring: bool,
    minimum: usize,
    /// The segments of the result, in order.
    result: Vec<Line<f64>>,
}

impl TaggedLine {
    /// The number of points of the result.
    fn result_size(&self) -> usize {
        match self.result.len() {
            0 => 0,
            n => n + 1,
        }
    }

    fn result_coords(self) -> Vec<Coord<f64>> {
        if self.coords.len() < 2 {
            return self.coords;
        }
        let mut out = vec![self.result[0].start];
        out.extend(self.result.iter().map(|s| s.end));
        out
    }
}

/// The lines and rings of `shape`, in order: for each polygon its shell, then its holes.
fn collect_lines(shape: &Geometry<f64>, out: &mut Vec<TaggedLine>) {
    let mut add = |coords: &[Coord<f64>], is_ring: bool| {
        let closed = coords.len() > 1 && coords[0] == coords[coords.len() - 1];
        out.push(TaggedLine {
            coords: coords.to_vec(),
            is_ring,
            minimum: if closed { 4 } else { 2 },
            result: Vec::new(),
        })
    };
    match shape {
        Geometry::LineString(l) => add(&l.0, false),
        Geometry::MultiLineString(ls) => ls.iter().for_each(|l| add(&l.0, false)),
        Geometry::Polygon(p) => std::iter::once(p.exterior())
            .chain(p.interiors())
            .for_each(|r| add(&r.0, true)),
        Geometry::MultiPolygon(ps) => ps.iter().for_each(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .for_each(|r| add(&r.0, true))
        }),
        Geometry::GeometryCollection(parts) => parts.iter().for_each(|p| collect_lines(p, out)),
        Geometry::Line(l) => add(&[l.start, l.end], false),
        Geometry::Rect(r) => add(&r.to_polygon().exterior().0, true),
        Geometry::Triangle(t) => add(&t.to_polygon().exterior().0, true),
        Geometry::Point(_) | Geometry::MultiPoint(_) => {}
    }
}

/// `shape` with its lines and rings replaced, in [`collect_lines`]' order, by `results`.
fn rebuild(
    shape: &Geometry<f64>,
    results: &mut dyn Iterator<Item = Vec<Coord<f64>>>,
) -> Geometry<f64> {
    let mut next = || LineString(results.next().expect("one result per line"));
    let mut polygon = |p: &Polygon<f64>| {
        let shell = next();
        Polygon::new(shell, p.interiors().iter().map(|_| next()).collect())
    };
    match shape {
        Geometry::LineString(_) | Geometry::Line(_) => Geometry::LineString(next()),
        Geometry::MultiLineString(ls) => {
            Geometry::MultiLineString(MultiLineString(ls.iter().map(|_| next()).collect()))
        }
        Geometry::Polygon(p) => Geometry::Polygon(polygon(p)),
        Geometry::Rect(r) => Geometry::Polygon(polygon(&r.to_polygon())),
        Geometry::Triangle(t) => Geometry::Polygon(polygon(&t.to_polygon())),
        Geometry::MultiPolygon(ps) => {
            Geometry::MultiPolygon(MultiPolygon(ps.iter().map(&mut polygon).collect()))
        }
        Geometry::GeometryCollection(parts) => Geometry::GeometryCollection(GeometryCollection(
            parts.iter().map(|p| rebuild(p, results)).collect(),
        )),
        Geometry::Point(_) | Geometry::MultiPoint(_) => shape.clone(),
    }
}

/// An input segment: its line and its index in it.
type InputSegment = GeomWithData<IndexedLine<[f64; 2]>, (usize, usize)>;
type OutputSegment = GeomWithData<IndexedLine<[f64; 2]>, ()>;

struct TopologySimplifier {
    lines: Vec<TaggedLine>,
    /// The input segments not yet replaced.
    input: RTree<InputSegment>,
    /// The segments that replaced stretches.
    output: RTree<OutputSegment>,
    /// One vertex of each line (its second, as GEOS picks it), to tell whether a stretch
    /// would jump over the line.
    representatives: RTree<GeomWithData<[f64; 2], usize>>,
    tolerance: f64,
}

fn indexed(line: Line<f64>) -> IndexedLine<[f64; 2]> {
    IndexedLine::new([line.start.x, line.start.y], [line.end.x, line.end.y])
}

fn envelope(line: Line<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([line.start.x, line.start.y], [line.end.x, line.end.y])
}

impl TopologySimplifier {
    fn new(lines: Vec<TaggedLine>, tolerance: f64) -> TopologySimplifier {
        let segments = lines
            .iter()
            .enumerate()
            .flat_map(|(l, line)| {
                line.coords.windows(2).enumerate().map(move |(i, pair)| {
                    InputSegment::new(indexed(Line::new(pair[0], pair[1])), (l, i))
                })
            })
            .collect();
        let representatives = lines
            .iter()
            .enumerate()
            .filter_map(|(l, line)| {
                let point = line.coords.get(1).or(line.coords.first())?;
                Some(GeomWithData::new([point.x, point.y], l))
            })
            .collect();
        TopologySimplifier {
            lines,
            input: RTree::bulk_load(segments),
            output: RTree::new(),
            representatives: RTree::bulk_load(representatives),
            tolerance,
        }
    }

    fn simplify(&mut self, line: usize) {
        let n = self.lines[line].coords.len();
        if n < 2 {
            return;
        }
        self.simplify_section(line, 0, n - 1);
        let coords = &self.lines[line].coords;
        if self.lines[line].is_ring && coords[0] == coords[n - 1] {
            self.simplify_ring_start(line);
        }
    }

    /// Douglas-Peucker on stretch `i..j`, depth first so that the result's segments come in
    /// order. An explicit stack, not recursion: a line of a few thousand points can split one
    /// point at a time, and a recursion that deep overflows an executor thread's stack.
    fn simplify_section(&mut self, line: usize, i: usize, j: usize) {
        let mut stretches = vec![(i, j, 1)];
        while let Some((i, j, depth)) = stretches.pop() {
            let coords = &self.lines[line].coords;
            if i + 1 == j {
                let segment = Line::new(coords[i], coords[j]);
                self.lines[line].result.push(segment);
                continue;
            }
            let tagged = &self.lines[line];
            // Never flatten a stretch if, at worst, too few points would be left.
            let mut flatten = tagged.result_size() >= tagged.minimum || depth + 1 >= tagged.minimum;
            let (farthest, distance) = farthest_point(coords, i, j);
            flatten &= distance <= self.tolerance;
            let candidate = Line::new(coords[i], coords[j]);
            if flatten && self.keeps_topology(line, i, j, candidate) {
                self.flatten(line, i, j, candidate);
                continue;
            }
            stretches.push((farthest, j, depth + 1));
            stretches.push((i, farthest, depth + 1));
        }
    }

    fn flatten(&mut self, line: usize, i: usize, j: usize, segment: Line<f64>) {
        self.output.insert(OutputSegment::new(indexed(segment), ()));
        let coords = &self.lines[line].coords;
        for k in i..j {
            let entry = InputSegment::new(indexed(Line::new(coords[k], coords[k + 1])), (line, k));
            self.input.remove(&entry);
        }
        self.lines[line].result.push(segment);
    }

    /// Whether replacing stretch `i..j` of `line` by `candidate` crosses nothing and jumps
    /// over no other part.
    fn keeps_topology(&self, line: usize, i: usize, j: usize, candidate: Line<f64>) -> bool {
        if self.crosses_output(candidate) {
            return false;
        }
        let crosses_input = self
            .input
            .locate_in_envelope_intersecting(&envelope(candidate))
            .filter(|s| !(s.data.0 == line && s.data.1 >= i && s.data.1 < j))
            .any(|s| crosses(segment_of(s), candidate));
        if crosses_input {
            return false;
        }
        let section: Vec<Line<f64>> = self.lines[line].coords[i..=j]
            .windows(2)
            .map(|p| Line::new(p[0], p[1]))
            .collect();
        !self.jumps_a_part(line, &section, candidate)
    }

    fn crosses_output(&self, candidate: Line<f64>) -> bool {
        self.output
            .locate_in_envelope_intersecting(&envelope(candidate))
            .any(|s| crosses(segment_of(s), candidate))
    }

    /// GEOS 3.12+: a ring may lose its start point if the segment joining its neighbours is
    /// within tolerance and keeps the topology.
    fn simplify_ring_start(&mut self, line: usize) {
        let tagged = &self.lines[line];
        if tagged.result_size() <= tagged.minimum {
            return;
        }
        let (first, last) = (tagged.result[0], tagged.result[tagged.result.len() - 1]);
        let joined = Line::new(last.start, first.end);
        let start = first.start;
        if segment_distance(joined, start) > self.tolerance {
            return;
        }
        let flat = <f64 as geo::GeoNum>::Ker::orient2d(joined.start, joined.end, start)
            == Orientation::Collinear;
        let keeps = flat
            || !(self.crosses_output(joined)
                || self
                    .input
                    .locate_in_envelope_intersecting(&envelope(joined))
                    .any(|s| crosses(segment_of(s), joined))
                || self.jumps_a_part(line, &[first, last], joined));
        if keeps {
            let tagged = &mut self.lines[line];
            tagged.result[0].start = last.start;
            tagged.result.pop();
        }
    }

    /// Whether some other line's representative point lies on the other side of `candidate`
    /// than of `section`: replacing the one by the other would move that part across.
    fn jumps_a_part(&self, line: usize, section: &[Line<f64>], candidate: Line<f64>) -> bool {
        let Some(bounds) = section
            .iter()
            .map(|s| envelope(*s))
            .reduce(|a, b| rstar::Envelope::merged(&a, &b))
        else {
            return false;
        };
        self.representatives
            .locate_in_envelope(&bounds)
            .filter(|p| p.data != line)
            .any(|p| {
                let point = Coord {
                    x: p.geom()[0],
                    y: p.geom()[1],
                };
                crossing_count(point, section) % 2 != crossing_count(point, &[candidate]) % 2
            })
    }
}

fn segment_of<T>(entry: &GeomWithData<IndexedLine<[f64; 2]>, T>) -> Line<f64> {
    let (a, b) = (entry.geom().from, entry.geom().to);
    Line::new(Coord { x: a[0], y: a[1] }, Coord { x: b[0], y: b[1] })
}

/// Whether two segments are equal, or meet anywhere but at an endpoint of both.
fn crosses(a: Line<f64>, b: Line<f64>) -> bool {
    if (a.start == b.start && a.end == b.end) || (a.start == b.end && a.end == b.start) {
        return true;
    }
    let end_of_both = |p: Coord<f64>| (p == a.start || p == a.end) && (p == b.start || p == b.end);
    match line_intersection(a, b) {
        None => false,
        Some(LineIntersection::SinglePoint { intersection, .. }) => !end_of_both(intersection),
        Some(LineIntersection::Collinear { intersection }) => {
            !end_of_both(intersection.start) || !end_of_both(intersection.end)
        }
    }
}

/// How many of `segments` a ray from `p` towards +x crosses (each vertex counted once).
fn crossing_count(p: Coord<f64>, segments: &[Line<f64>]) -> usize {
    let mut count = 0;
    for s in segments {
        let (p1, p2) = (s.start, s.end);
        if p1.x < p.x && p2.x < p.x {
            continue;
        }
        if (p1.y > p.y && p2.y <= p.y) || (p2.y > p.y && p1.y <= p.y) {
            let mut orientation = <f64 as geo::GeoNum>::Ker::orient2d(p1, p2, p);
            if orientation == Orientation::Collinear {
                continue;
            }
            if p2.y < p1.y {
                orientation = match orientation {
                    Orientation::CounterClockwise => Orientation::Clockwise,
                    _ => Orientation::CounterClockwise,
                };
            }
            if orientation == Orientation::CounterClockwise {
                count += 1;
            }
        }
    }
    count
}

/// The vertex strictly between `i` and `j` farthest from the segment joining them (the first
/// of equals), and its distance; `i` and -1 if there is none.
/// The vertex strictly between `i` and `j` (which must have one) farthest from the segment
/// joining them, and its distance. A distance that overflows to NaN (coordinates near
/// `f64::MAX`) counts as infinite: such a vertex is kept, and every stretch split shrinks.
fn farthest_point(coords: &[Coord<f64>], i: usize, j: usize) -> (usize, f64) {
    let segment = Line::new(coords[i], coords[j]);
    let mut best = (i + 1, -1.0);
    for (k, &c) in coords.iter().enumerate().take(j).skip(i + 1) {
        let d = segment_distance(segment, c);
        let d = if d.is_nan() { f64::INFINITY } else { d };
        if d > best.1 {
            best = (k, d);
        }
    }
    best
}

fn segment_distance(segment: Line<f64>, p: Coord<f64>) -> f64 {
    use geo::{Distance, Euclidean};
    Euclidean.distance(&segment, &geo::Point(p))
}

#[cfg(test)]
mod tests;
