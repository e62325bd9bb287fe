//! The overlay of two geometries of one dimension each, as GEOS's `OverlayNG` computes it.
//!
//! - Points against points are sets of coordinates.
//! - Points against lines or areas are located on them (the boundary counts as on); the line
//!   or area side is first unioned with itself (its lines cut where they cross) when it is part
//!   of the result.
//! - Lines and areas are overlaid as a graph: the linework of both is cut where it meets
//!   ([`crate::noding`]), each piece is labelled with where it lies in each input (on a line,
//!   on a ring with the interior on a known side, or inside or outside the area), and the
//!   operation decides which pieces and which sides are in the result. The areas of the result
//!   come from `geo`'s `BooleanOps` ([`crate::union::boolean_op`]); result lines are the pieces
//!   in the result that bound no result area, as GEOS outputs them (cut at every node, not
//!   merged); an intersection also yields the points where the inputs' linework meets with no
//!   result line or area there.
use foldhash::{HashMap, HashMapExt, HashSet};

use geo::bool_ops::OpType;
use geo::coordinate_position::CoordPos;
use geo::indexed::IntervalTreeMultiPolygon;
use geo::orient::Direction;
use geo::{
    BoundingRect, Contains, Coord, CoordinatePosition, Geometry, LineString, MultiPolygon, Orient,
    Polygon, Rect,
};

use super::input::{bbox_of, build, empty_of_dimension, Member};
use super::OverlayOp;
use crate::noding::{bits, node, orient};
use crate::validity::{check, Rules};
use crate::GeomError;

/// A geometry of one dimension as the overlay takes it.
#[derive(Clone, Debug, Default)]
pub(super) struct Operand {
    /// GEOS's dimension: 0, 1 or 2, or -1 for an empty collection.
    pub dimension: i8,
    pub points: Vec<Coord<f64>>,
    /// Without repeated points; lines of one distinct point are dropped, as GEOS drops them.
    pub lines: Vec<LineString<f64>>,
    /// Shells counter-clockwise, holes clockwise, no empty rings.
    pub polygons: Vec<Polygon<f64>>,
    /// The box of the geometry as given (dropped degenerate lines included).
    pub bbox: Option<Rect<f64>>,
    /// Which argument it comes from, for errors; `None` for one an overlay built (valid).
    pub source: Option<&'static str>,
}

impl Operand {
    /// The operand of elements of one dimension (`dimension`, which may exceed theirs when they
    /// are empty).
    pub(super) fn of_members(
        members: &[Member],
        dimension: i8,
        source: Option<&'static str>,
    ) -> Operand {
        let mut operand = Operand {
            dimension,
            source,
            bbox: bbox_of(members.iter().flat_map(|m| match m {
                Member::Point(p) => p.iter().copied().collect::<Vec<_>>(),
                Member::Line(l) => l.0.clone(),
                Member::Polygon(p) => p.exterior().0.clone(),
            })),
            ..Operand::default()
        };
        for member in members {
            match member {
                Member::Point(Some(c)) => operand.points.push(*c),
                Member::Point(None) => {}
                Member::Line(line) => operand.lines.extend(clean_line(line)),
                Member::Polygon(polygon) => operand.polygons.extend(oriented_polygon(polygon)),
            }
        }
        operand
    }

    /// No geometry: the missing second argument of a union with itself.
    pub(super) fn nothing() -> Operand {
        Operand {
            dimension: -1,
            ..Operand::default()
        }
    }

    pub(super) fn points(points: Vec<Coord<f64>>) -> Operand {
        Operand {
            dimension: if points.is_empty() { -1 } else { 0 },
            bbox: bbox_of(points.iter().copied()),
            points,
            ..Operand::default()
        }
    }

    pub(super) fn lines(lines: Vec<LineString<f64>>) -> Operand {
        Operand {
            dimension: if lines.is_empty() { -1 } else { 1 },
            bbox: bbox_of(lines.iter().flat_map(|l| l.0.iter().copied())),
            lines,
            ..Operand::default()
        }
    }

    /// Valid polygons, oriented.
    pub(super) fn polygons(polygons: Vec<Polygon<f64>>) -> Operand {
        Operand {
            dimension: if polygons.is_empty() { -1 } else { 2 },
            bbox: bbox_of(polygons.iter().flat_map(|p| p.exterior().0.iter().copied())),
            polygons,
            ..Operand::default()
        }
    }

    fn is_empty(&self) -> bool {
        self.points.is_empty()
            && self.lines.is_empty()
            && self.polygons.is_empty()
            && self.bbox.is_none()
    }

    /// Refuses polygons the overlay cannot label (see [`Rules::OverlayInput`]).
    pub(super) fn check_areas(&self) -> Result<(), GeomError> {
        let Some(source) = self.source else {
            return Ok(());
        };
        if self.polygons.is_empty() {
            return Ok(());
        }
        let shape = Geometry::MultiPolygon(MultiPolygon(self.polygons.clone()));
        match check(&shape, Rules::OverlayInput) {
            None => Ok(()),
            Some(invalidity) => Err(GeomError::InvalidGeometry(format!(
                "the {source} geometry is not valid ({invalidity}); st_makeValid repairs it"
            ))),
        }
    }
}

/// A line without repeated points, or nothing if it has fewer than two distinct ones.
fn clean_line(line: &LineString<f64>) -> Option<LineString<f64>> {
    let mut coords = line.0.clone();
    coords.dedup();
    (coords.len() >= 2).then_some(LineString(coords))
}

/// A non-empty polygon without empty holes, shell counter-clockwise and holes clockwise.
pub(crate) fn oriented_polygon(polygon: &Polygon<f64>) -> Option<Polygon<f64>> {
    if polygon.exterior().0.is_empty() {
        return None;
    }
    let holes = polygon
        .interiors()
        .iter()
        .filter(|h| !h.0.is_empty())
        .cloned()
        .collect();
    Some(Polygon::new(polygon.exterior().clone(), holes).orient(Direction::Default))
}

/// The parts of an overlay's result, and the dimension of the empty geometry to give if there
/// are none.
#[derive(Clone, Debug, Default)]
pub(super) struct Collected {
    pub polygons: Vec<Polygon<f64>>,
    pub lines: Vec<LineString<f64>>,
    pub points: Vec<Coord<f64>>,
    pub empty_dimension: i8,
}

impl Collected {
    fn empty(dimension: i8) -> Collected {
        Collected {
            empty_dimension: dimension,
            ..Collected::default()
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.polygons.is_empty() && self.lines.is_empty() && self.points.is_empty()
    }

    /// The result as GEOS builds it: polygons, then lines, then points.
    pub(super) fn into_geometry(self) -> Geometry<f64> {
        if self.is_empty() {
            return empty_of_dimension(self.empty_dimension);
        }
        let parts = self
            .polygons
            .into_iter()
            .map(Geometry::Polygon)
            .chain(self.lines.into_iter().map(Geometry::LineString))
            .chain(
                self.points
                    .into_iter()
                    .map(|c| Geometry::Point(geo::Point(c))),
            )
            .collect();
        build(parts)
    }
}

/// `op` on two geometries of one dimension each.
pub(super) fn overlay(a: &Operand, b: &Operand, op: OverlayOp) -> Result<Collected, GeomError> {
    let dimension = op.result_dimension(a.dimension, b.dimension);
    let empty = match op {
        OverlayOp::Intersection => match (a.bbox, b.bbox) {
            (Some(p), Some(q)) => !boxes_meet(&p, &q),
            _ => true,
        },
        OverlayOp::Difference => a.is_empty(),
        OverlayOp::Union | OverlayOp::SymDifference => a.is_empty() && b.is_empty(),
    };
    if empty {
        return Ok(Collected::empty(dimension));
    }
    if a.dimension == 0 && b.dimension == 0 {
        return Ok(points_with_points(a, b, op, dimension));
    }
    if a.dimension == 0 || b.dimension == 0 {
        return points_with_others(a, b, op, dimension);
    }
    lines_and_areas(a, b, op, dimension)
}

pub(super) fn boxes_meet(p: &Rect<f64>, q: &Rect<f64>) -> bool {
    p.min().x <= q.max().x
        && q.min().x <= p.max().x
        && p.min().y <= q.max().y
        && q.min().y <= p.max().y
}

fn unique(points: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut seen = HashSet::default();
    points
        .iter()
        .copied()
        .filter(|c| seen.insert(bits(*c)))
        .collect()
}

fn points_with_points(a: &Operand, b: &Operand, op: OverlayOp, dimension: i8) -> Collected {
    let in_b: HashSet<(u64, u64)> = b.points.iter().map(|c| bits(*c)).collect();
    let in_a: HashSet<(u64, u64)> = a.points.iter().map(|c| bits(*c)).collect();
    let from_a = unique(&a.points)
        .into_iter()
        .filter(|c| op.keeps(true, in_b.contains(&bits(*c))));
    let from_b = unique(&b.points)
        .into_iter()
        .filter(|c| !in_a.contains(&bits(*c)) && op.keeps(false, true));
    Collected {
        points: from_a.chain(from_b).collect(),
        ..Collected::empty(dimension)
    }
}

/// Points against lines or areas: GEOS's `OverlayMixedPoints`.
fn points_with_others(
    a: &Operand,
    b: &Operand,
    op: OverlayOp,
    dimension: i8,
) -> Result<Collected, GeomError> {
    let (points, other) = if a.dimension == 0 { (a, b) } else { (b, a) };
    let points = unique(&points.points);
    if dimension == 0 {
        // Only points come out: an intersection keeps those on the other side, the rest what
        // lies off it.
        let locator = Locator::new(&other.lines, &other.polygons);
        let keep = |c: &Coord<f64>| locator.covers(*c) == (op == OverlayOp::Intersection);
        return Ok(Collected {
            points: points.into_iter().filter(keep).collect(),
            ..Collected::empty(0)
        });
    }
    // The other side is part of the result: unioned with itself (lines cut where they cross).
    let other = lines_and_areas(
        other,
        &Operand::nothing(),
        OverlayOp::Union,
        other.dimension,
    )?;
    if op == OverlayOp::Difference {
        return Ok(other);
    }
    let locator = Locator::new(&other.lines, &other.polygons);
    let outside: Vec<Coord<f64>> = points.into_iter().filter(|&c| !locator.covers(c)).collect();
    Ok(Collected {
        points: outside,
        // GEOS builds this result from its parts alone: nothing is an empty collection.
        empty_dimension: -1,
        ..other
    })
}

/// Answers whether a point lies on lines or in areas (boundary included).
pub(super) struct Locator<'a> {
    lines: &'a [LineString<f64>],
    polygons: &'a [Polygon<f64>],
    index: Option<IntervalTreeMultiPolygon<f64>>,
}

impl<'a> Locator<'a> {
    /// Locates on `lines` and in `polygons` (oriented, as [`oriented_polygon`] makes them).
    pub(super) fn new(lines: &'a [LineString<f64>], polygons: &'a [Polygon<f64>]) -> Locator<'a> {
        Locator {
            lines,
            polygons,
            index: (!polygons.is_empty())
                .then(|| IntervalTreeMultiPolygon::new(&MultiPolygon(polygons.to_vec()))),
        }
    }

    pub(super) fn covers(&self, c: Coord<f64>) -> bool {
        if self.index.as_ref().is_some_and(|index| index.contains(&c)) {
            return true;
        }
        let on_area = self.polygons.iter().any(|p| {
            p.bounding_rect()
                .is_some_and(|r| boxes_meet(&r, &Rect::new(c, c)))
                && p.coordinate_position(&c) != CoordPos::Outside
        });
        on_area || self.lines.iter().any(|l| on_line(l, c))
    }
}

fn on_line(line: &LineString<f64>, c: Coord<f64>) -> bool {
    line.lines().any(|s| {
        c.x >= s.start.x.min(s.end.x)
            && c.x <= s.start.x.max(s.end.x)
            && c.y >= s.start.y.min(s.end.y)
            && c.y <= s.start.y.max(s.end.y)
            && orient(s.start, s.end, c) == geo::kernels::Orientation::Collinear
    })
}

/// Which side of a piece of linework, looking along its coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// A piece of the noded linework and where it lies in each input.
#[derive(Debug)]
struct Piece {
    coords: Vec<Coord<f64>>,
    on_line: [bool; 2],
    /// On a ring of the input, with the interior on this side.
    interior: [Option<Side>; 2],
    /// Not on a ring of the input but inside its area.
    inside: [bool; 2],
}

impl Piece {
    fn in_input(&self, g: usize) -> bool {
        self.on_line[g] || self.interior[g].is_some() || self.inside[g]
    }

    fn area_on(&self, g: usize, side: Side) -> bool {
        self.interior[g].map_or(self.inside[g], |interior| interior == side)
    }
}

/// Lines and areas against lines and areas.
fn lines_and_areas(
    a: &Operand,
    b: &Operand,
    op: OverlayOp,
    dimension: i8,
) -> Result<Collected, GeomError> {
    a.check_areas()?;
    b.check_areas()?;
    let polygons = match (a.polygons.is_empty(), b.polygons.is_empty()) {
        (false, false) => crate::union::boolean_op(&a.polygons, &b.polygons, op.op_type())?,
        (false, true) if op != OverlayOp::Intersection => a.polygons.clone(),
        (true, false) if matches!(op, OverlayOp::Union | OverlayOp::SymDifference) => {
            b.polygons.clone()
        }
        _ => Vec::new(),
    };
    // Only lines, or areas meeting in an intersection, leave lines and points.
    let no_lines = a.lines.is_empty() && b.lines.is_empty();
    if no_lines && op != OverlayOp::Intersection {
        return Ok(Collected {
            polygons,
            ..Collected::empty(dimension)
        });
    }
    let (pieces, shared) = label(a, b);
    let mut in_result = vec![false; pieces.len()];
    let mut lines = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let area_left = op.keeps(piece.area_on(0, Side::Left), piece.area_on(1, Side::Left));
        let area_right = op.keeps(piece.area_on(0, Side::Right), piece.area_on(1, Side::Right));
        if area_left || area_right {
            in_result[i] = true;
        } else if op.keeps(piece.in_input(0), piece.in_input(1)) {
            in_result[i] = true;
            lines.push(LineString(piece.coords.clone()));
        }
    }
    let mut points = Vec::new();
    if op == OverlayOp::Intersection && !shared.is_empty() {
        let mut ends: HashMap<(u64, u64), Vec<usize>> = HashMap::with_capacity(2 * pieces.len());
        for (i, piece) in pieces.iter().enumerate() {
            for end in [piece.coords[0], piece.coords[piece.coords.len() - 1]] {
                ends.entry(bits(end)).or_default().push(i);
            }
        }
        for at in unique(&shared) {
            let covered = ends
                .get(&bits(at))
                .is_some_and(|incident| incident.iter().any(|&i| in_result[i]));
            if !covered {
                points.push(at);
            }
        }
    }
    Ok(Collected {
        polygons,
        lines,
        points,
        empty_dimension: dimension,
    })
}

/// The linework of `a` and `b` noded together and labelled, and the points where the linework
/// of one meets the other's.
fn label(a: &Operand, b: &Operand) -> (Vec<Piece>, Vec<Coord<f64>>) {
    let mut strings: Vec<Vec<Coord<f64>>> = Vec::new();
    // The input each string comes from, and whether it is a ring (interior on its left).
    let mut owners: Vec<(usize, bool)> = Vec::new();
    for (g, operand) in [a, b].into_iter().enumerate() {
        for line in &operand.lines {
            strings.push(line.0.clone());
            owners.push((g, false));
        }
        for polygon in &operand.polygons {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let mut coords = ring.0.clone();
                coords.dedup();
                strings.push(coords);
                owners.push((g, true));
            }
        }
    }
    let views: Vec<&[Coord<f64>]> = strings.iter().map(Vec::as_slice).collect();
    let noded = node(&views);
    let mut pieces: Vec<Piece> = noded
        .edges
        .into_iter()
        .map(|edge| {
            let mut piece = Piece {
                coords: edge.coords,
                on_line: [false; 2],
                interior: [None; 2],
                inside: [false; 2],
            };
            for (string, forward) in edge.sources {
                let (g, ring) = owners[string];
                if ring {
                    piece.interior[g] = Some(if forward { Side::Left } else { Side::Right });
                } else {
                    piece.on_line[g] = true;
                }
            }
            piece
        })
        .collect();
    for (g, operand) in [a, b].into_iter().enumerate() {
        if operand.polygons.is_empty() {
            continue;
        }
        let index = IntervalTreeMultiPolygon::new(&MultiPolygon(operand.polygons.clone()));
        for piece in pieces.iter_mut().filter(|p| p.interior[g].is_none()) {
            // Pieces meet the rings only at their ends, so any inner point tells.
            let (p, q) = (piece.coords[0], piece.coords[1]);
            let middle = Coord {
                x: p.x / 2.0 + q.x / 2.0,
                y: p.y / 2.0 + q.y / 2.0,
            };
            piece.inside[g] = index.contains(&middle);
        }
    }
    let shared = noded
        .meetings
        .into_iter()
        .filter(|&(_, s, t)| owners[s].0 != owners[t].0)
        .map(|(at, _, _)| at)
        .collect();
    (pieces, shared)
}

impl OverlayOp {
    /// Whether a point in `a` (or not) and in `b` (or not) is in the result.
    pub(super) fn keeps(self, in_a: bool, in_b: bool) -> bool {
        match self {
            OverlayOp::Intersection => in_a && in_b,
            OverlayOp::Union => in_a || in_b,
            OverlayOp::Difference => in_a && !in_b,
            OverlayOp::SymDifference => in_a != in_b,
        }
    }

    /// The dimension of an empty result, from the inputs' (GEOS's `resultDimension`).
    pub(super) fn result_dimension(self, a: i8, b: i8) -> i8 {
        match self {
            OverlayOp::Intersection => a.min(b),
            OverlayOp::Union | OverlayOp::SymDifference => a.max(b),
            OverlayOp::Difference => a,
        }
    }

    fn op_type(self) -> OpType {
        match self {
            OverlayOp::Intersection => OpType::Intersection,
            OverlayOp::Union => OpType::Union,
            OverlayOp::Difference => OpType::Difference,
            OverlayOp::SymDifference => OpType::Xor,
        }
    }
}
