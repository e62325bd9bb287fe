//! Overlays of any two geometries: intersection, union, difference and symmetric difference
//! (PostGIS's `ST_Intersection`, `ST_Union`, `ST_Difference`, `ST_SymDifference`), and the
//! union of one geometry's parts (`ST_UnaryUnion`), with the results GEOS 3.13 gives.
//!
//! Every pairing of points, lines, areas and collections is computed (the `ng` submodule says
//! how):
//! - The result is the point set of the operation, taken dimension by dimension as GEOS takes
//!   it: areas first; then the lines of the result that no result area covers, cut wherever
//!   linework met (a line crossing another comes out in pieces, as GEOS gives it); then the
//!   points that no result line or area covers. An intersection keeps where its inputs only
//!   touch: two squares sharing an edge meet in a `LINESTRING`, at a corner in a `POINT`.
//! - Its type is GEOS's: one part is a `POLYGON`, `LINESTRING` or `POINT`; several of one kind
//!   the multi-geometry; mixed kinds a `GEOMETRYCOLLECTION`. An empty result is the empty
//!   geometry of GEOS's result dimension: `POLYGON EMPTY` for the intersection of disjoint
//!   polygons, `LINESTRING EMPTY` for a line against a disjoint polygon, `POINT EMPTY`, or
//!   `GEOMETRYCOLLECTION EMPTY` when an input is an empty collection.
//! - A union or symmetric difference of two geometries whose boxes are apart, each with one
//!   element, is the collection of their elements as given, without any noding (GEOS's fast
//!   path, so a self-crossing line stays whole there).
//! - A collection mixing dimensions, or one holding polygons, is unioned dimension by dimension
//!   and overlaid dimension by dimension (GEOS's `StructuredCollection`). Two GEOS 3.13 slips
//!   are not copied: its symmetric difference drops the second argument's lines and points,
//!   and its difference keeps points of the first argument lying on the second's lines; here
//!   both are computed as point sets.
//!
//! Inputs with NaN or infinite coordinates are refused. Polygons that are overlaid must be valid
//! by OGC's rules, except that a ring may touch itself at a point and touching rings may cut
//! an interior (GEOS overlays those too); others (crossing rings, holes outside their shell,
//! overlapping polygons of a multipolygon...) are refused with their validity problem, where
//! GEOS fails with a `TopologyException` or returns a wrong answer. A polygon only located
//! against (a point in it) is not checked, as GEOS does not check it. Where GEOS 3.13 fails on an
//! assertion (the intersection or difference of an empty input and a collection mixing
//! dimensions), `GEOMETRYCOLLECTION EMPTY` is returned.
//!
//! Precision: areas come from `geo`'s `BooleanOps` (the `i_overlay` crate), which computes on an
//! integer grid of 2^30 steps across each group of overlapping polygons. Result vertices that
//! are input vertices or crossings of input edges get their exact coordinates back (other
//! vertices may move by a step; all do where the exact ones would make the result invalid, as
//! when a sliver narrower than a step was closed), and a polygon spanning fewer than 16 steps is
//! refused rather than distorted ([`crate::union`]); an intersection overlays only the inputs'
//! common box, so a small polygon inside a huge one is fine there. Lines and points are exact,
//! crossings rounded as GEOS rounds them. Where rounded crossings leave pieces of linework
//! crossing, the linework is noded again with vertices within rounding distance of a line
//! taken to lie on it (GEOS falls back to its snapping noder then too); results of such
//! near-degenerate inputs, and GEOS's slivers a few ulps long, may differ from GEOS's.
mod input;
mod ng;

use geo::{Coord, Geometry, LineString, Polygon};

use crate::{Geo, GeomError};
pub(crate) use input::build;
use input::{empty_of_dimension, Input, Member};
pub(crate) use ng::oriented_polygon;
use ng::{boxes_meet, Collected, Locator, Operand};

/// The overlay operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverlayOp {
    Intersection,
    Union,
    Difference,
    SymDifference,
}

/// The points shared by `a` and `b` (PostGIS's `ST_Intersection`).
pub fn intersection(a: &Geo, b: &Geo) -> Result<Geometry<f64>, GeomError> {
    overlay(a, b, OverlayOp::Intersection)
}

/// The points of `a` or `b` (PostGIS's two-argument `ST_Union`).
pub fn union(a: &Geo, b: &Geo) -> Result<Geometry<f64>, GeomError> {
    overlay(a, b, OverlayOp::Union)
}

/// The points of `a` not in `b` (PostGIS's `ST_Difference`): lower-dimensional parts of `b`
/// take nothing from an area of `a`.
pub fn difference(a: &Geo, b: &Geo) -> Result<Geometry<f64>, GeomError> {
    overlay(a, b, OverlayOp::Difference)
}

/// The points in exactly one of `a` and `b` (PostGIS's `ST_SymDifference`).
pub fn sym_difference(a: &Geo, b: &Geo) -> Result<Geometry<f64>, GeomError> {
    overlay(a, b, OverlayOp::SymDifference)
}

/// `op` on `a` and `b`; see the module documentation for the semantics.
pub fn overlay(a: &Geo, b: &Geo, op: OverlayOp) -> Result<Geometry<f64>, GeomError> {
    overlay_inputs(&Input::of(a)?, &Input::of(b)?, op, ["first", "second"])
}

/// `op` on two `geo` shapes, e.g. an earlier result of this module (as an aggregate folding
/// [`intersection`] over rows keeps it). Empty geometries are written as [`empty`] ones are:
/// an empty point has NaN coordinates, other empties no coordinates.
pub fn overlay_shapes(
    a: &Geometry<f64>,
    b: &Geometry<f64>,
    op: OverlayOp,
) -> Result<Geometry<f64>, GeomError> {
    overlay_inputs(
        &Input::of_shape(a)?,
        &Input::of_shape(b)?,
        op,
        ["first", "second"],
    )
}

/// The empty geometry of dimension `dimension` as this module returns it: `POINT EMPTY` (a
/// point with NaN coordinates) for 0, `LINESTRING EMPTY` for 1, `POLYGON EMPTY` for 2 and
/// `GEOMETRYCOLLECTION EMPTY` otherwise (for instance for an aggregate over no rows).
pub fn empty(dimension: i8) -> Geometry<f64> {
    empty_of_dimension(dimension)
}

fn overlay_inputs(
    a: &Input,
    b: &Input,
    op: OverlayOp,
    names: [&'static str; 2],
) -> Result<Geometry<f64>, GeomError> {
    if matches!(op, OverlayOp::Union | OverlayOp::SymDifference) && combinable(a, b) {
        let parts = a
            .members
            .iter()
            .chain(&b.members)
            .filter(|m| !m.is_empty())
            .map(Member::to_geometry)
            .collect();
        return Ok(build(parts));
    }
    // GEOS splits by dimension a collection that mixes dimensions or holds polygons.
    let by_dimension = |input: &Input| {
        (input.is_mixed() && !input.is_empty()) || (input.is_collection && input.dimension == 2)
    };
    if by_dimension(a) || by_dimension(b) {
        return structured(a, b, op, names);
    }
    let a = Operand::of_members(&a.members, a.dimension, Some(names[0]));
    let b = Operand::of_members(&b.members, b.dimension, Some(names[1]));
    Ok(ng::overlay(&a, &b, op)?.into_geometry())
}

/// Whether GEOS joins two geometries without overlaying them: both have one element and their
/// boxes are apart.
fn combinable(a: &Input, b: &Input) -> bool {
    match (a.bbox(), b.bbox()) {
        (Some(p), Some(q)) => !boxes_meet(&p, &q) && a.single_element && b.single_element,
        _ => false,
    }
}

/// A geometry split by dimension, each dimension unioned.
struct ByDimension {
    points: Operand,
    lines: Operand,
    polygons: Operand,
    /// The highest dimension of its non-empty elements; -1 if it has none.
    dimension: i8,
}

impl ByDimension {
    /// Splits and unions elements, refusing invalid polygons (each on its own: polygons of a
    /// collection may overlap).
    fn of_members(members: &[Member], name: &str) -> Result<ByDimension, GeomError> {
        let mut points = Vec::new();
        let mut lines = Vec::new();
        let mut polygons = Vec::new();
        for member in members.iter().filter(|m| !m.is_empty()) {
            match member {
                Member::Point(Some(c)) => points.push(*c),
                Member::Point(None) => {}
                Member::Line(l) => lines.push(l.clone()),
                Member::Polygon(p) => polygons.push(checked_member(p, name)?),
            }
        }
        let dimension = members
            .iter()
            .filter(|m| !m.is_empty())
            .map(Member::dimension)
            .max()
            .unwrap_or(-1);
        ByDimension::unioned(points, lines, polygons, dimension)
    }

    fn of_parts(parts: Collected, dimension: i8) -> Result<ByDimension, GeomError> {
        ByDimension::unioned(parts.points, parts.lines, parts.polygons, dimension)
    }

    fn unioned(
        points: Vec<Coord<f64>>,
        lines: Vec<LineString<f64>>,
        polygons: Vec<Polygon<f64>>,
        dimension: i8,
    ) -> Result<ByDimension, GeomError> {
        let none = Operand::nothing();
        let points = ng::overlay(&Operand::points(points), &none, OverlayOp::Union)?.points;
        let lines = ng::overlay(&Operand::lines(lines), &none, OverlayOp::Union)?.lines;
        let polygons = crate::union::union_exact(&polygons)?;
        Ok(ByDimension {
            points: Operand::points(points),
            lines: Operand::lines(lines),
            polygons: Operand::polygons(polygons),
            dimension,
        })
    }

    /// The parts, with points on lines or areas and lines in areas dropped: points, then lines,
    /// then polygons.
    fn into_geometry(self, empty_dimension: i8) -> Result<Geometry<f64>, GeomError> {
        let lines = ng::overlay(&self.lines, &self.polygons, OverlayOp::Difference)?.lines;
        let locator = Locator::new(&self.lines.lines, &self.polygons.polygons);
        let parts: Vec<Geometry<f64>> = self
            .points
            .points
            .iter()
            .filter(|&&c| !locator.covers(c))
            .map(|&c| Geometry::Point(geo::Point(c)))
            .chain(lines.into_iter().map(Geometry::LineString))
            .chain(
                self.polygons
                    .polygons
                    .iter()
                    .cloned()
                    .map(Geometry::Polygon),
            )
            .collect();
        Ok(if parts.is_empty() {
            empty_of_dimension(empty_dimension)
        } else {
            build(parts)
        })
    }
}

/// A non-empty polygon of a collection, oriented, refused unless it is valid on its own (the
/// polygons of a collection may overlap one another).
fn checked_member(polygon: &Polygon<f64>, name: &str) -> Result<Polygon<f64>, GeomError> {
    let polygon = oriented_polygon(polygon).expect("non-empty");
    let shape = Geometry::Polygon(polygon.clone());
    match crate::validity::check(&shape, crate::validity::Rules::OverlayInput) {
        None => Ok(polygon),
        Some(invalidity) => Err(GeomError::InvalidGeometry(format!(
            "a polygon of the {name} geometry is not valid ({invalidity}); st_makeValid \
             repairs it"
        ))),
    }
}

/// Collections mixing dimensions, or holding polygons: each dimension unioned, then overlaid
/// dimension by dimension (GEOS's `StructuredCollection`, with its symmetric difference and
/// difference computed as point sets).
fn structured(
    a: &Input,
    b: &Input,
    op: OverlayOp,
    names: [&'static str; 2],
) -> Result<Geometry<f64>, GeomError> {
    let a = ByDimension::of_members(&a.members, names[0])?;
    let b = ByDimension::of_members(&b.members, names[1])?;
    let pairs: Vec<(&Operand, &Operand, OverlayOp)> = match op {
        OverlayOp::Union | OverlayOp::SymDifference => vec![
            (&a.polygons, &b.polygons, op),
            (&a.lines, &b.lines, op),
            (&a.points, &b.points, op),
        ],
        OverlayOp::Intersection => {
            let mut pairs = Vec::new();
            for x in [&a.polygons, &a.lines, &a.points] {
                for y in [&b.polygons, &b.lines, &b.points] {
                    pairs.push((x, y, op));
                }
            }
            pairs
        }
        OverlayOp::Difference => vec![(&a.polygons, &b.polygons, op)],
    };
    let mut parts = Collected::default();
    for (x, y, op) in pairs {
        let result = ng::overlay(x, y, op)?;
        parts.polygons.extend(result.polygons);
        parts.lines.extend(result.lines);
        parts.points.extend(result.points);
    }
    if op == OverlayOp::Difference {
        // What `b` covers, of any dimension, goes from the lines and points of `a`.
        let mut lines = a.lines.clone();
        let mut points = a.points.clone();
        for y in [&b.polygons, &b.lines, &b.points] {
            lines = Operand::lines(ng::overlay(&lines, y, op)?.lines);
            points = Operand::points(ng::overlay(&points, y, op)?.points);
        }
        parts.lines.extend(lines.lines);
        parts.points.extend(points.points);
    }
    let dimension = op.result_dimension(a.dimension, b.dimension);
    ByDimension::of_parts(parts, dimension)?.into_geometry(dimension)
}

/// The dimension GEOS gives `geometry` as an argument of an overlay: the highest of its
/// elements' (empty ones count: `POLYGON EMPTY` is 2), or -1 for a collection without
/// elements. The empty intersection of two geometries has the lower of their dimensions.
///
/// Refuses what an overlay may refuse of `geometry` whatever the other argument: coordinates
/// that are not finite, and polygons the overlays cannot take (see the module documentation),
/// judged as the overlays judge them, a polygon or multipolygon as a whole and the polygons
/// of a collection each on its own. The overlays only check what they overlay (not a polygon
/// whose box is apart from the other argument's, or that a point is located in), so an
/// aggregate folding [`overlay_shapes`] over rows checks each row with this first: whether a
/// group fails then does not depend on the order of its rows.
pub fn input_dimension(geometry: &Geo) -> Result<i8, GeomError> {
    let input = Input::of(geometry)?;
    if input.is_collection {
        for member in input.members.iter().filter(|m| !m.is_empty()) {
            if let Member::Polygon(polygon) = member {
                checked_member(polygon, "input")?;
            }
        }
    } else {
        Operand::of_members(&input.members, input.dimension, Some("input")).check_areas()?;
    }
    Ok(input.dimension)
}

/// The union of the parts of `geometry` (PostGIS's `ST_UnaryUnion`), as GEOS computes it:
/// polygons unioned, lines cut where they cross or touch and overlapping stretches kept once,
/// repeated points kept once, and then lines inside the polygons and points on lines or
/// polygons dropped.
///
/// A single polygon is returned as it is, even if invalid, as GEOS returns it; several polygons
/// must each be valid (they may overlap), or the union is refused. A line of one distinct point
/// is dropped. Empty input gives the empty geometry GEOS gives: `POINT EMPTY` or `LINESTRING
/// EMPTY` when the input has an (empty) point or line, else `GEOMETRYCOLLECTION EMPTY`.
/// Coordinates that are not finite are refused.
pub fn unary_union(geometry: &Geo) -> Result<Geometry<f64>, GeomError> {
    unary_union_input(&Input::of(geometry)?)
}

fn unary_union_input(input: &Input) -> Result<Geometry<f64>, GeomError> {
    let has = |dimension: i8| input.members.iter().any(|m| m.dimension() == dimension);
    let polygons: Vec<&Polygon<f64>> = input
        .members
        .iter()
        .filter_map(|m| match m {
            Member::Polygon(p) if !m.is_empty() => Some(p),
            _ => None,
        })
        .collect();
    let none = Operand::nothing();
    let points = has(0).then(|| {
        let coords = input
            .members
            .iter()
            .filter_map(|m| match m {
                Member::Point(c) => *c,
                _ => None,
            })
            .collect();
        Operand {
            dimension: 0,
            ..Operand::points(coords)
        }
    });
    let lines = if has(1) {
        let members: Vec<Member> = input
            .members
            .iter()
            .filter(|m| m.dimension() == 1)
            .cloned()
            .collect();
        let operand = Operand::of_members(&members, 1, None);
        Some(ng::overlay(&operand, &none, OverlayOp::Union)?)
    } else {
        None
    };
    let polygons = match polygons.as_slice() {
        [] => None,
        [single] => Some(Collected {
            polygons: vec![(*single).clone()],
            ..Collected::default()
        }),
        several => {
            let members: Vec<Member> = several
                .iter()
                .map(|p| Member::Polygon((*p).clone()))
                .collect();
            let parts = ByDimension::of_members(&members, "input")?;
            Some(Collected {
                polygons: parts.polygons.polygons,
                ..Collected::default()
            })
        }
    };
    let lines_and_polygons: Option<Geometry<f64>> = match (lines, polygons) {
        (None, None) => None,
        (Some(only), None) | (None, Some(only)) => Some(only.into_geometry()),
        // Joined as GEOS joins them, through the pairwise union (with its fast path).
        (Some(lines), Some(polygons)) => Some(overlay_inputs(
            &Input::of_shape(&lines.into_geometry())?,
            &Input::of_shape(&polygons.into_geometry())?,
            OverlayOp::Union,
            ["input", "input"],
        )?),
    };
    Ok(match (points, lines_and_polygons) {
        (None, None) => empty_of_dimension(-1),
        (Some(points), None) => ng::overlay(&points, &none, OverlayOp::Union)?.into_geometry(),
        (None, Some(other)) => other,
        (Some(points), Some(other)) => {
            let other_input = Input::of_shape(&other)?;
            let cover = Operand::of_members(&other_input.members, other_input.dimension, None);
            let locator = Locator::new(&cover.lines, &cover.polygons);
            let mut outside: Vec<Coord<f64>> = points
                .points
                .iter()
                .copied()
                .filter(|&c| !locator.covers(c))
                .collect();
            outside.sort_by(|p, q| crate::noding::compare_xy(*p, *q));
            outside.dedup();
            if outside.is_empty() {
                other
            } else {
                let mut parts: Vec<Geometry<f64>> = outside
                    .into_iter()
                    .map(|c| Geometry::Point(geo::Point(c)))
                    .collect();
                parts.extend(
                    other_input
                        .members
                        .iter()
                        .filter(|m| !m.is_empty())
                        .map(Member::to_geometry),
                );
                build(parts)
            }
        }
    })
}

#[cfg(test)]
mod tests;
