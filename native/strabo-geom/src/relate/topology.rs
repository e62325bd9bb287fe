//! The DE-9IM matrix of two geometries, decided exactly from robust orientation tests, without
//! constructing a single intersection point.
//!
//! Every entry of the matrix is the highest dimension among facts of three kinds:
//! - points: where each point, line end, and vertex of one geometry that touches the other's
//!   linework lies in both geometries (dimension 0);
//! - pieces: each segment of each geometry's linework (lines and rings) is cut at the vertices
//!   of the other geometry's linework that lie on it (and, for a collection, of its own rings),
//!   which are exact points. Along an open piece, which lines and rings run along it is fixed,
//!   and which polygons contain it changes only where it crosses their rings. Those crossings
//!   are never computed: only which piece each falls in (from orientations), and, when a piece
//!   has several, their order along it (`exact.rs`). Each stretch between crossings lies in
//!   one part of each geometry (1), and each crossing is a point (0);
//! - sides: on either side of a piece, each geometry's areas cover the plane or not, so each
//!   piece tells which parts of the two geometries' interiors and exteriors meet (2). Two
//!   areas meet only along pieces of their rings, so nothing more is needed.
//!
//! Points are located in polygons by the ring edges around them (`area_after`) and by the
//! parity of the rings a ray crosses, both exact. Separate polygons may overlap or share edges
//! (those of a collection, or of an invalid multipolygon): the area is their union. Each
//! polygon must be valid, which `check_polygons` checks with the same index, in about
//! n log n (`geo`'s validation compares every pair of a ring's edges). A set of points is
//! related by locating its points, without walking the other geometry.
//!
//! Coordinates must be finite; the order of crossings is exact while products of four
//! coordinates stay within `f64`'s range.
use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::kernels::{Kernel, Orientation, RobustKernel};
use geo::Coord;

use super::exact::crossing_order;
use super::index::{bounds, overlap, Bounds, Index};
use super::matrix::IntersectionMatrix;
use super::parts::{Kind, Parts};
use super::Invalid;
use crate::GeomError;

use Dimensions::{OneDimensional as LINE, TwoDimensional as AREA, ZeroDimensional as POINT};

fn orient(p: Coord<f64>, q: Coord<f64>, r: Coord<f64>) -> Orientation {
    RobustKernel::orient2d(p, q, r)
}

struct Segment {
    start: Coord<f64>,
    end: Coord<f64>,
    kind: Kind,
}

impl Segment {
    fn contains(&self, c: Coord<f64>) -> bool {
        let [min_x, min_y, max_x, max_y] = bounds(self.start, self.end);
        (min_x..=max_x).contains(&c.x)
            && (min_y..=max_y).contains(&c.y)
            && orient(self.start, self.end, c) == Orientation::Collinear
    }

    fn polygon(&self) -> Option<usize> {
        match self.kind {
            Kind::Ring { polygon, .. } => Some(polygon),
            Kind::Line => None,
        }
    }
}

/// A geometry with its linework cut into segments (those with a length), indexed unless it is
/// only searched a few times.
struct Side<'p> {
    parts: &'p Parts<'p>,
    segments: Vec<Segment>,
    index: Option<Index>,
}

impl<'p> Side<'p> {
    fn new(parts: &'p Parts<'p>, indexed: bool) -> Side<'p> {
        let segments: Vec<Segment> = parts
            .paths()
            .flat_map(|(path, kind)| {
                path.windows(2).map(move |pair| Segment {
                    start: pair[0],
                    end: pair[1],
                    kind,
                })
            })
            .filter(|s| s.start != s.end)
            .collect();
        let index = indexed.then(|| Index::new(segments.iter().map(|s| bounds(s.start, s.end))));
        Side {
            parts,
            segments,
            index,
        }
    }

    /// Calls `found` with the position of each segment whose box meets `query`.
    fn search(&self, query: &Bounds, found: impl FnMut(usize)) {
        match &self.index {
            Some(index) => index.query(query, found),
            None => (0..self.segments.len())
                .filter(|&id| {
                    let s = &self.segments[id];
                    overlap(&bounds(s.start, s.end), query)
                })
                .for_each(found),
        }
    }

    /// The segments whose boxes meet the box of `start` and `end`.
    fn near(&self, start: Coord<f64>, end: Coord<f64>) -> Vec<&Segment> {
        let mut found = Vec::new();
        self.search(&bounds(start, end), |id| found.push(&self.segments[id]));
        found
    }

    /// Calls `crossed` with each ring segment that a ray from `c` towards +x crosses (from its
    /// lower end, up to but not including its upper end), and `through` with each ring segment
    /// through `c`.
    fn cast_ray<'s>(
        &'s self,
        c: Coord<f64>,
        mut crossed: impl FnMut(&'s Segment),
        mut through: impl FnMut(&'s Segment),
    ) {
        self.search(&[c.x, c.y, f64::INFINITY, c.y], |id| {
            let s = &self.segments[id];
            if s.polygon().is_none() {
                return;
            }
            if s.contains(c) {
                through(s);
                return;
            }
            let (low, high) = if s.start.y <= s.end.y {
                (s.start, s.end)
            } else {
                (s.end, s.start)
            };
            if low.y <= c.y && c.y < high.y && orient(low, high, c) == Orientation::CounterClockwise
            {
                crossed(s);
            }
        });
    }

    /// The polygons whose interior contains `c`, by the parity of their ring edges that a ray
    /// crosses; polygons whose rings pass through `c` are left out.
    fn containing(&self, c: Coord<f64>) -> Vec<usize> {
        let (mut odd, mut through) = (Vec::new(), Vec::new());
        self.cast_ray(
            c,
            |s| toggle(&mut odd, s.polygon().unwrap_or_default()),
            |s| through.extend(s.polygon()),
        );
        odd.retain(|p| !through.contains(p));
        odd
    }

    /// Refuses polygons that the walk cannot relate: a ring with fewer than 3 distinct points,
    /// rings of a polygon that cross or run along one another (or themselves), a hole outside
    /// its shell or inside another hole. Rings may touch at points. Separate polygons may
    /// overlap: the area is their union.
    fn check_polygons(&self) -> Result<(), GeomError> {
        let invalid = |polygon: usize, what: &str| {
            Err(GeomError::InvalidGeometry(format!(
                "polygon {}: {what}",
                polygon + 1
            )))
        };
        for (path, kind) in self.parts.paths() {
            if let Kind::Ring { polygon, .. } = kind {
                let mut distinct = path.to_vec();
                distinct.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y)));
                distinct.dedup();
                if distinct.len() < 3 {
                    return invalid(polygon, "a ring has fewer than 3 distinct points");
                }
            }
        }
        for (id, s) in self.segments.iter().enumerate() {
            let Some(polygon) = s.polygon() else {
                continue;
            };
            let mut bad = None;
            self.search(&bounds(s.start, s.end), |other| {
                let t = &self.segments[other];
                if other > id && t.polygon() == Some(polygon) && (crosses(s, t) || runs_along(s, t))
                {
                    bad = Some(s.start);
                }
            });
            if let Some(at) = bad {
                let what = format!(
                    "rings cross or run along each other near ({} {})",
                    at.x, at.y
                );
                return invalid(polygon, &what);
            }
        }
        for (path, kind) in self.parts.paths() {
            let Kind::Ring { polygon, ring, .. } = kind else {
                continue;
            };
            if ring == 0 {
                continue;
            }
            // A vertex of the hole on no other ring of its polygon: which rings surround it.
            let other_ring = |s: &Segment| match s.kind {
                Kind::Ring {
                    polygon: p,
                    ring: r,
                    ..
                } => p == polygon && r != ring,
                Kind::Line => false,
            };
            let Some(&vertex) = path.iter().find(|&&v| {
                !self
                    .near(v, v)
                    .iter()
                    .any(|s| other_ring(s) && s.contains(v))
            }) else {
                continue;
            };
            let mut around = Vec::new();
            self.cast_ray(
                vertex,
                |s| {
                    if let Kind::Ring { ring: r, .. } = s.kind {
                        if other_ring(s) {
                            toggle(&mut around, r);
                        }
                    }
                },
                |_| {},
            );
            if !around.contains(&0) {
                return invalid(polygon, "a hole lies outside its shell");
            }
            if around.len() > 1 {
                return invalid(polygon, "a hole lies inside another hole");
            }
        }
        Ok(())
    }

    /// Where `c` lies: in the areas first, then on the lines, then the points.
    fn locate(&self, c: Coord<f64>) -> CoordPos {
        let near = self.near(c, c);
        let through: Vec<&Segment> = near
            .iter()
            .copied()
            .filter(|s| s.polygon().is_some() && s.contains(c))
            .collect();
        match self.locate_in_areas(c, &through) {
            CoordPos::Outside => {
                let on_line = near.iter().any(|s| s.kind == Kind::Line && s.contains(c));
                self.parts.locate_off_areas(c, on_line)
            }
            position => position,
        }
    }

    /// Where `c` lies in the areas, given the ring segments through it. On a ring, `c` is on
    /// the boundary, unless other polygons contain it or surround it.
    fn locate_in_areas(&self, c: Coord<f64>, through: &[&Segment]) -> CoordPos {
        if self.parts.polygon_count() == 0 {
            return CoordPos::Outside;
        }
        if through.is_empty() {
            return match self.containing(c).is_empty() {
                true => CoordPos::Outside,
                false => CoordPos::Inside,
            };
        }
        if !self.parts.overlapping {
            return CoordPos::OnBoundary;
        }
        let edges = half_edges(c, through);
        let surrounded = || {
            edges
                .iter()
                .all(|e| polygons_of(&edges).any(|p| area_after(c, e.far, &edges, p) == Some(true)))
        };
        if !self.containing(c).is_empty() || surrounded() {
            CoordPos::Inside
        } else {
            CoordPos::OnBoundary
        }
    }
}

/// Whether two segments cross at a point inside both.
fn crosses(s: &Segment, t: &Segment) -> bool {
    let opposite = |p: Orientation, q: Orientation| {
        p != Orientation::Collinear && q != Orientation::Collinear && p != q
    };
    opposite(
        orient(s.start, s.end, t.start),
        orient(s.start, s.end, t.end),
    ) && opposite(
        orient(t.start, t.end, s.start),
        orient(t.start, t.end, s.end),
    )
}

/// Whether two segments share a stretch of positive length.
fn runs_along(s: &Segment, t: &Segment) -> bool {
    if orient(s.start, s.end, t.start) != Orientation::Collinear
        || orient(s.start, s.end, t.end) != Orientation::Collinear
    {
        return false;
    }
    let axis = Axis::new(s.start, s.end);
    let (a, b) = (axis.key(t.start), axis.key(t.end));
    a.min(b).max(axis.key(s.start)) < a.max(b).min(axis.key(s.end))
}

fn toggle(polygons: &mut Vec<usize>, polygon: usize) {
    match polygons.iter().position(|&p| p == polygon) {
        Some(i) => {
            polygons.swap_remove(i);
        }
        None => polygons.push(polygon),
    }
}

/// A ring edge leaving a point: its far end, its polygon, and whether the polygon is on its
/// counter-clockwise side.
struct HalfEdge {
    far: Coord<f64>,
    polygon: usize,
    area_counter_clockwise: bool,
}

/// The ring edges leaving `at`, from the ring segments through it.
fn half_edges(at: Coord<f64>, through: &[&Segment]) -> Vec<HalfEdge> {
    let mut edges = Vec::new();
    for s in through {
        if let Kind::Ring {
            polygon,
            interior_on_left,
            ..
        } = s.kind
        {
            if at != s.end {
                edges.push(HalfEdge {
                    far: s.end,
                    polygon,
                    area_counter_clockwise: interior_on_left,
                });
            }
            if at != s.start {
                edges.push(HalfEdge {
                    far: s.start,
                    polygon,
                    area_counter_clockwise: !interior_on_left,
                });
            }
        }
    }
    edges
}

fn polygons_of(edges: &[HalfEdge]) -> impl Iterator<Item = usize> + '_ {
    edges
        .iter()
        .enumerate()
        .filter(|&(i, e)| edges[..i].iter().all(|f| f.polygon != e.polygon))
        .map(|(_, e)| e.polygon)
}

/// The angular position of the ray from `at` through `far`, counter-clockwise from the ray
/// through `towards`, as a rank of half-planes (the ray through `towards` itself last, so that
/// it is nearest "clockwise"); within a rank, [`ccw_order`] orders them.
fn angle_rank(at: Coord<f64>, towards: Coord<f64>, far: Coord<f64>) -> u8 {
    match orient(at, towards, far) {
        Orientation::CounterClockwise => 1,
        Orientation::Collinear if same_direction(at, towards, far) => 4,
        Orientation::Collinear => 2,
        Orientation::Clockwise => 3,
    }
}

fn ccw_order(at: Coord<f64>, p: Coord<f64>, q: Coord<f64>) -> std::cmp::Ordering {
    match orient(at, p, q) {
        Orientation::CounterClockwise => std::cmp::Ordering::Less,
        Orientation::Clockwise => std::cmp::Ordering::Greater,
        Orientation::Collinear => std::cmp::Ordering::Equal,
    }
}

/// Whether `polygon` covers the directions from `at` just counter-clockwise of the ray
/// through `towards`: its edge leaving `at` nearest clockwise of that ray (or along it) has the
/// polygon on its counter-clockwise side. `None` if no edge of the polygon leaves `at`.
fn area_after(
    at: Coord<f64>,
    towards: Coord<f64>,
    edges: &[HalfEdge],
    polygon: usize,
) -> Option<bool> {
    edges
        .iter()
        .filter(|e| e.polygon == polygon)
        .max_by(|e, f| {
            angle_rank(at, towards, e.far)
                .cmp(&angle_rank(at, towards, f.far))
                .then_with(|| ccw_order(at, e.far, f.far))
        })
        .map(|e| e.area_counter_clockwise)
}

/// Whether `p` and `q`, collinear with `at` and distinct from it, lie on the same side of it.
fn same_direction(at: Coord<f64>, p: Coord<f64>, q: Coord<f64>) -> bool {
    p.x.total_cmp(&at.x) == q.x.total_cmp(&at.x) && p.y.total_cmp(&at.y) == q.y.total_cmp(&at.y)
}

/// The DE-9IM matrix of `a` and `b`. Polygons are refused if they are invalid
/// ([`Side::check_polygons`]) and the other geometry has lines or areas; points are located in
/// invalid polygons by the parity of the rings around them.
pub(super) fn relate(a: &Parts, b: &Parts) -> Result<IntersectionMatrix, Invalid> {
    if a.dimension() == POINT {
        return Ok(points_against(a, b));
    }
    if b.dimension() == POINT {
        return Ok(points_against(b, a).transposed());
    }
    let (a, b) = (Side::new(a, true), Side::new(b, true));
    for (arg, side, other) in [(0, &a, &b), (1, &b, &a)] {
        if other.parts.dimension() >= LINE {
            side.check_polygons()
                .map_err(|error| Invalid { arg, error })?;
        }
    }
    let mut matrix = IntersectionMatrix::empty();
    matrix.include(CoordPos::Outside, CoordPos::Outside, AREA);
    let mut nodes = Vec::new();
    walk(&a, &b, &mut nodes, &mut |in_a, in_b, dimension| {
        matrix.include(in_a, in_b, dimension)
    });
    walk(&b, &a, &mut nodes, &mut |in_b, in_a, dimension| {
        matrix.include(in_a, in_b, dimension)
    });
    nodes.extend(a.parts.points());
    nodes.extend(b.parts.points());
    nodes.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y)));
    nodes.dedup();
    for node in nodes {
        matrix.include(a.locate(node), b.locate(node), POINT);
    }
    Ok(matrix)
}

/// How many points are located by scanning the other geometry, rather than indexing it.
const SCANNED_POINTS: usize = 8;

/// The matrix of a set of points and another geometry, from where the points lie in it: the
/// rest of the other's interior and boundary (all of it unless it is points too) lies in the
/// exterior of the points.
fn points_against(points: &Parts, other: &Parts) -> IntersectionMatrix {
    let mut matrix = IntersectionMatrix::empty();
    matrix.include(CoordPos::Outside, CoordPos::Outside, AREA);
    // A few points are located by scanning the other's parts, many through an index. On a
    // ring of one of several polygons, whether others surround a point takes the edges around
    // it.
    let many = points.points().nth(SCANNED_POINTS).is_some();
    let side = std::cell::OnceCell::new();
    let side = || side.get_or_init(|| Side::new(other, many));
    for point in points.points() {
        let position = if many {
            side().locate(point)
        } else {
            match other.locate_in_polygons(point) {
                CoordPos::OnBoundary if other.overlapping => side().locate(point),
                CoordPos::Outside => other.locate_off_areas(point, other.on_line(point)),
                position => position,
            }
        };
        matrix.include(CoordPos::Inside, position, POINT);
    }
    let dimension = other.dimension();
    let uncovered = |c: &Coord<f64>| !points.has_point(*c);
    if dimension > POINT || other.points().any(|c| uncovered(&c)) {
        matrix.include(CoordPos::Outside, CoordPos::Inside, dimension);
    }
    let boundary = other.boundary_dimension();
    if boundary > POINT || other.boundary_points().any(|c| uncovered(&c)) {
        matrix.include(CoordPos::Outside, CoordPos::OnBoundary, boundary);
    }
    matrix
}

/// The matrix of two geometries that do not meet: each one's interior and boundary lie in the
/// other's exterior.
pub(super) fn apart(a: &Parts, b: &Parts) -> IntersectionMatrix {
    let mut matrix = IntersectionMatrix::empty();
    matrix.include(CoordPos::Inside, CoordPos::Outside, a.dimension());
    matrix.include(
        CoordPos::OnBoundary,
        CoordPos::Outside,
        a.boundary_dimension(),
    );
    matrix.include(CoordPos::Outside, CoordPos::Inside, b.dimension());
    matrix.include(
        CoordPos::Outside,
        CoordPos::OnBoundary,
        b.boundary_dimension(),
    );
    matrix.include(CoordPos::Outside, CoordPos::Outside, AREA);
    matrix
}

/// Records that a part of the walked geometry and a part of the other meet, and in what
/// dimension.
type Record<'r> = dyn FnMut(CoordPos, CoordPos, Dimensions) + 'r;

/// Relates the linework of `this` to `other`, piece by piece; the points of `this`'s linework
/// that touch `other`'s are added to `nodes`, to be located in both.
fn walk(this: &Side, other: &Side, nodes: &mut Vec<Coord<f64>>, record: &mut Record) {
    for (path, kind) in this.parts.paths() {
        let mut theirs = Areas::new(other, None, other.parts.polygon_count() > 0);
        // A line lies in its collection's areas before itself, and a ring of a collection may
        // lie in its other polygons.
        let mut mine = match kind {
            Kind::Line => Areas::new(this, None, this.parts.polygon_count() > 0),
            Kind::Ring { polygon, .. } => Areas::new(this, Some(polygon), this.parts.overlapping),
        };
        for pair in path.windows(2) {
            if pair[0] != pair[1] {
                let segment = Walked {
                    start: pair[0],
                    end: pair[1],
                    kind,
                };
                segment.walk(this, other, &mut theirs, &mut mine, nodes, record);
            }
        }
    }
}

/// The polygons of one geometry that contain the walk's current position, among those it
/// tracks: all of the other geometry's, or the walked geometry's own but the walked ring's.
struct Areas<'s> {
    side: &'s Side<'s>,
    excluded: Option<usize>,
    active: bool,
    /// `None` until the walk's first point is located.
    inside: Option<Vec<usize>>,
}

impl<'s> Areas<'s> {
    fn new(side: &'s Side<'s>, excluded: Option<usize>, active: bool) -> Areas<'s> {
        Areas {
            side,
            excluded,
            active,
            inside: None,
        }
    }

    fn tracks(&self, s: &Segment) -> bool {
        self.active && s.polygon().is_some_and(|p| Some(p) != self.excluded)
    }

    /// Moves to the exact point `at` of the walk, facing `towards`: the polygons whose rings
    /// pass through `at` (among `near`) contain what follows if it enters them.
    fn enter(&mut self, near: &[&Segment], at: Coord<f64>, towards: Coord<f64>) {
        if !self.active {
            return;
        }
        let through: Vec<&Segment> = near
            .iter()
            .copied()
            .filter(|s| self.tracks(s) && s.contains(at))
            .collect();
        let excluded = self.excluded;
        let side = self.side;
        let inside = self.inside.get_or_insert_with(|| {
            let mut inside = side.containing(at);
            inside.retain(|&p| Some(p) != excluded);
            inside
        });
        let edges = half_edges(at, &through);
        for polygon in polygons_of(&edges) {
            inside.retain(|&p| p != polygon);
            let along = edges
                .iter()
                .any(|e| e.polygon == polygon && angle_rank(at, towards, e.far) == 4);
            if !along && area_after(at, towards, &edges, polygon) == Some(true) {
                inside.push(polygon);
            }
        }
    }

    fn any(&self) -> bool {
        self.inside
            .as_ref()
            .is_some_and(|inside| !inside.is_empty())
    }

    fn cross(&mut self, s: &Segment) {
        if let (Some(inside), Some(polygon)) = (&mut self.inside, s.polygon()) {
            toggle(inside, polygon);
        }
    }
}

/// How a stretch of the walked segment runs along a segment of either geometry.
#[derive(Clone, Copy)]
enum Along {
    TheirLine,
    /// Along a ring of the other geometry, whose polygon is on the walked segment's left or
    /// right.
    TheirRing {
        left: bool,
    },
    /// Along a ring of the walked geometry's tracked polygons.
    MyRing {
        left: bool,
    },
}

/// Whether the areas of one geometry cover the left and the right side of a piece.
type Cover = (bool, bool);

fn position(covered: bool) -> CoordPos {
    if covered {
        CoordPos::Inside
    } else {
        CoordPos::Outside
    }
}

/// Where a piece lies among areas covering it on `cover`'s sides, or else on a line or not.
fn piece_position(cover: Cover, on_line: bool) -> CoordPos {
    match cover {
        (true, true) => CoordPos::Inside,
        (true, false) | (false, true) => CoordPos::OnBoundary,
        (false, false) if on_line => CoordPos::Inside,
        (false, false) => CoordPos::Outside,
    }
}

/// A segment's points ordered by one coordinate, increasing from its start to its end: the
/// axis along which it extends most, negated if it runs backwards. Exact, for points on it.
struct Axis {
    by_x: bool,
    forward: bool,
}

impl Axis {
    fn new(start: Coord<f64>, end: Coord<f64>) -> Axis {
        let by_x = (end.x - start.x).abs() >= (end.y - start.y).abs();
        let forward = if by_x {
            end.x > start.x
        } else {
            end.y > start.y
        };
        Axis { by_x, forward }
    }

    fn key(&self, c: Coord<f64>) -> f64 {
        let along = if self.by_x { c.x } else { c.y };
        if self.forward {
            along
        } else {
            -along
        }
    }
}

/// A segment of the linework being walked.
struct Walked {
    start: Coord<f64>,
    end: Coord<f64>,
    kind: Kind,
}

/// A segment crossing the walked one at a point inside both, and whose it is.
struct Crossing<'s> {
    segment: &'s Segment,
    mine: bool,
}

impl Walked {
    /// Relates this segment to `other`, `theirs` and `mine` tracking the polygons containing
    /// the walk.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        this: &Side,
        other: &Side,
        theirs: &mut Areas,
        mine: &mut Areas,
        nodes: &mut Vec<Coord<f64>>,
        record: &mut Record,
    ) {
        let (start, end) = (self.start, self.end);
        let axis = Axis::new(start, end);
        let (low, high) = (axis.key(start), axis.key(end));
        let their_near = other.near(start, end);
        let my_near: Vec<&Segment> = if mine.active {
            this.near(start, end)
                .into_iter()
                .filter(|s| mine.tracks(s))
                .collect()
        } else {
            Vec::new()
        };

        // Cut at the ends, and at every vertex of the segments met that lies on this one.
        let mut cuts = vec![start, end];
        let mut stretches: Vec<(f64, f64, Along)> = Vec::new();
        let mut crossings: Vec<Crossing> = Vec::new();
        let met = their_near.iter().map(|s| (*s, false));
        for (s, is_mine) in met.chain(my_near.iter().map(|s| (*s, true))) {
            let (o1, o2) = (orient(start, end, s.start), orient(start, end, s.end));
            if o1 == Orientation::Collinear && o2 == Orientation::Collinear {
                let (a, b) = (axis.key(s.start), axis.key(s.end));
                let (from, to) = (a.min(b).max(low), a.max(b).min(high));
                if from < to {
                    let left = match s.kind {
                        Kind::Ring {
                            interior_on_left, ..
                        } => interior_on_left == (a < b),
                        Kind::Line => false,
                    };
                    let along = match (is_mine, s.kind) {
                        (false, Kind::Line) => Along::TheirLine,
                        (false, _) => Along::TheirRing { left },
                        (true, _) => Along::MyRing { left },
                    };
                    stretches.push((from, to, along));
                }
            } else if o1 == o2 {
                continue;
            } else {
                let (o3, o4) = (orient(s.start, s.end, start), orient(s.start, s.end, end));
                if o3 == o4 && o3 != Orientation::Collinear {
                    continue;
                }
                if [o1, o2, o3, o4]
                    .iter()
                    .all(|&o| o != Orientation::Collinear)
                {
                    crossings.push(Crossing {
                        segment: s,
                        mine: is_mine,
                    });
                    continue;
                }
            }
            for vertex in [s.start, s.end] {
                let k = axis.key(vertex);
                if low < k && k < high && orient(start, end, vertex) == Orientation::Collinear {
                    cuts.push(vertex);
                }
            }
        }
        cuts.sort_by(|p, q| axis.key(*p).total_cmp(&axis.key(*q)));
        cuts.dedup_by(|p, q| axis.key(*p) == axis.key(*q));
        nodes.extend(
            cuts.iter()
                .copied()
                .filter(|&c| their_near.iter().any(|s| s.contains(c))),
        );

        // The piece each crossing falls in: after the cuts on the side of the crossing segment
        // where this one starts. A crossing at a cut is at a vertex, where `enter` sees it.
        let mut in_piece: Vec<Vec<Crossing>> = (1..cuts.len()).map(|_| Vec::new()).collect();
        for crossing in crossings {
            let s = crossing.segment;
            let before = orient(s.start, s.end, start);
            let after_cuts = cuts.partition_point(|&c| orient(s.start, s.end, c) == before);
            if orient(s.start, s.end, cuts[after_cuts]) != Orientation::Collinear {
                in_piece[after_cuts - 1].push(crossing);
            }
        }

        for (piece, mut crossings) in in_piece.into_iter().enumerate() {
            let (k0, k1) = (axis.key(cuts[piece]), axis.key(cuts[piece + 1]));
            theirs.enter(&their_near, cuts[piece], end);
            mine.enter(&my_near, cuts[piece], end);
            let (mut their_along, mut my_along, mut on_their_line) =
                ((false, false), (false, false), false);
            for &(from, to, along) in &stretches {
                if from <= k0 && k1 <= to {
                    match along {
                        Along::TheirLine => on_their_line = true,
                        Along::TheirRing { left } => set_side(&mut their_along, left),
                        Along::MyRing { left } => set_side(&mut my_along, left),
                    }
                }
            }
            if crossings.len() > 1 {
                crossings.sort_by(|x, y| {
                    let (x, y) = (x.segment, y.segment);
                    crossing_order(start, end, (x.start, x.end), (y.start, y.end))
                });
            }
            let covers = |theirs: &Areas, mine: &Areas| {
                let their = cover(theirs, their_along);
                let my = cover(mine, my_along);
                let my = match self.kind {
                    Kind::Ring {
                        interior_on_left, ..
                    } => (interior_on_left || my.0, !interior_on_left || my.1),
                    Kind::Line => my,
                };
                (my, their)
            };
            let mut rest = crossings.as_slice();
            loop {
                let (my, their) = covers(theirs, mine);
                let here = piece_position(my, self.kind == Kind::Line);
                let there = piece_position(their, on_their_line);
                record(here, there, LINE);
                record(position(my.0), position(their.0), AREA);
                record(position(my.1), position(their.1), AREA);
                let Some(first) = rest.first() else {
                    break;
                };
                // The crossings at the same point as the first.
                let at = rest
                    .iter()
                    .take_while(|c| {
                        let (x, y) = (first.segment, c.segment);
                        crossing_order(start, end, (x.start, x.end), (y.start, y.end))
                            == std::cmp::Ordering::Equal
                    })
                    .count();
                let (group, later) = rest.split_at(at);
                rest = later;
                for crossing in group {
                    if crossing.mine {
                        mine.cross(crossing.segment);
                    } else {
                        theirs.cross(crossing.segment);
                    }
                }
                let (my_after, their_after) = covers(theirs, mine);
                let crosses = |mine: bool, ring: bool| {
                    group
                        .iter()
                        .any(|c| c.mine == mine && c.segment.polygon().is_some() == ring)
                };
                let all = |a: Cover, b: Cover| a.0 && a.1 && b.0 && b.1;
                let point_here = if crosses(true, true) {
                    on_ring(all(my, my_after))
                } else {
                    here
                };
                let point_there = if crosses(false, true) {
                    on_ring(all(their, their_after))
                } else {
                    piece_position(their, on_their_line || crosses(false, false))
                };
                record(point_here, point_there, POINT);
            }
        }
    }
}

fn set_side(cover: &mut Cover, left: bool) {
    if left {
        cover.0 = true;
    } else {
        cover.1 = true;
    }
}

/// Which sides of a piece `areas` cover: both if a polygon contains it, else those of the
/// rings it runs along.
fn cover(areas: &Areas, along: Cover) -> Cover {
    let inside = areas.any();
    (inside || along.0, inside || along.1)
}

/// Where a point on a ring lies: inside if the areas surround it, else on the boundary.
fn on_ring(surrounded: bool) -> CoordPos {
    if surrounded {
        CoordPos::Inside
    } else {
        CoordPos::OnBoundary
    }
}
