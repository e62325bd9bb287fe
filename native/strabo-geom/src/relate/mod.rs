//! Spatial predicates and the DE-9IM matrix, with the semantics of GEOS 3.13 (RelateNG), which
//! PostGIS and shapely use.
//!
//! Each predicate first compares bounding boxes, read in place. A prepared polygonal constant
//! answers point containment from its interval-tree index instead of walking every edge, and a
//! point is never turned into more than two `f64`s when the other side can answer for it.
//!
//! Otherwise both sides are split into their areas, lines and points (`parts.rs`) and their
//! DE-9IM matrix is computed exactly, from robust orientation tests, without constructing a
//! single intersection point (`topology.rs`). A collection is the union of its members, as in
//! GEOS (JTS's older relate refuses collections): where its members overlap, an area's
//! interior or boundary comes before a line, and a line before a point; its polygons may
//! overlap or share edges, and are not unioned (no coordinate moves). A multi-line's boundary
//! is the ends of an odd number of its lines (the mod-2 rule), and a line whose coordinates are
//! all equal is a point. The named predicates are read off the matrix as GEOS reads them, from
//! the dimensions of the non-empty parts.
//!
//! `geo`'s own `Relate` graph is not used: it ignores the mod-2 boundary in some pairs, relates
//! collections member by member, rounds crossing points (so that a line through a crossing may
//! no longer lie on itself), and panics on some invalid polygons. Nor is its validation, which
//! compares every pair of a ring's edges.
//!
//! An invalid polygon (rings that cross or run along each other, a hole outside its shell or
//! inside another) is refused when related to lines or areas, rather than answered wrongly;
//! points are still located in it, by the parity of its rings. GEOS answers for invalid
//! polygons too, with results that depend on how they are invalid. Overlapping parts of a
//! multipolygon are its union, as a collection's polygons are.
mod exact;
mod index;
mod matrix;
mod ordering;
mod parts;
mod topology;

#[cfg(test)]
mod tests;

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::{Geometry, Intersects, Rect};

use crate::{Geo, GeomError};
use parts::Parts;

pub use matrix::{relate_pattern, IntersectionMatrix, RelatePattern};
pub use ordering::ordering_equals;

/// A predicate's argument that cannot be related, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// 0 for `a`, 1 for `b`.
    pub arg: usize,
    pub error: GeomError,
}

/// The DE-9IM matrix of `a` and `b` (`ST_Relate(a, b)`), as GEOS computes it: see
/// [`IntersectionMatrix`], whose `Display` writes it as PostGIS returns it (`"212101212"`).
///
/// An empty geometry has only an exterior: related to anything, its row (or column) is
/// `FFF`, and the other's exterior meets the plane (`FFFFFF212` for an empty geometry and a
/// polygon, `FFFFFFFF2` for two empty ones). GEOS 3.13 takes the other side's nominal
/// dimension there, counting a collection's empty members and zero-length lines (so
/// `POINT EMPTY` and `LINESTRING(1 1,1 1)` give `FFFFFF1F2` in GEOS, and crash it with some
/// collections); this takes the dimension of the non-empty parts, as GEOS does against any
/// non-empty geometry (`FFFFFF0F2`).
///
/// Where GEOS 3.13 contradicts itself, this gives the exact matrix: GEOS gives a line whose
/// coordinates are all equal a 1-dimensional interior outside lines and areas (though it counts
/// it as a point elsewhere), stops locating line ends once one lies outside the other geometry
/// (so the order of a multi-line's parts changes its answer), and misrelates some collections
/// (adding a point far away changes an area's entries). `tests/relate_oracle.rs` counts each.
///
/// Refused ([`Invalid`]): a coordinate that is not finite ([`GeomError::InvalidParameter`]), or
/// an invalid polygon (see the module's documentation; [`GeomError::InvalidGeometry`]) related
/// to lines or areas whose box meets its own. Every predicate below refuses the same, once the
/// bounding boxes leave its answer open.
pub fn relate(a: &Geo, b: &Geo) -> Result<IntersectionMatrix, Invalid> {
    relation(a, b, boxes_meet(a, b)).map(|r| r.matrix)
}

/// `a` contains `b`: no point of `b` lies outside `a`, and their interiors meet (`T*****FF*`).
/// A polygon does not contain a line along its boundary. False when either is empty.
#[inline]
pub fn contains(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if let (Geo::Prepared(prepared), Geo::Point(point)) = (a, b) {
        if let Some(inside) = prepared.polygon_contains(*point) {
            return Ok(inside);
        }
    }
    if !box_covers(a, b) {
        return Ok(false);
    }
    Ok(relation(a, b, true)?.matrix.matches(b"T*****FF*"))
}

/// `a` lies within `b`; the converse of [`contains`].
pub fn within(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    contains(b, a).map_err(swap)
}

/// No point of `b` lies outside `a`, boundaries included, unlike [`contains`]. False when
/// either is empty.
pub fn covers(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if !box_covers(a, b) {
        return Ok(false);
    }
    let matrix = relation(a, b, true)?.matrix;
    Ok(matrix.matches(b"******FF*")
        && [b"T********", b"*T*******", b"***T*****", b"****T****"]
            .iter()
            .any(|pattern| matrix.matches(pattern)))
}

/// `a` lies in `b`, boundaries included; the converse of [`covers`].
pub fn covered_by(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    covers(b, a).map_err(swap)
}

/// `a` and `b` share at least one point. A collection shares a point when one of its members
/// does, so `geo` answers this without the matrix. Never refuses.
///
/// GEOS 3.13's own `intersects` misses a zero-length line that touches the other geometry
/// (`LINESTRING(1 1,1 1)` on a line through (1 1)), though its `relate` finds it; this one
/// does not.
#[inline]
pub fn intersects(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    let (Some(a_box), Some(b_box)) = (a.bbox(), b.bbox()) else {
        return Ok(false);
    };
    if !a_box.intersects(&b_box) {
        return Ok(false);
    }
    match (a.shape(), b.shape()) {
        (Some(a), Some(b)) => Ok(a.intersects(&*b)),
        _ => Ok(false),
    }
}

/// `a` and `b` share no point; empty geometries are disjoint from everything.
pub fn disjoint(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    intersects(a, b).map(|i| !i)
}

/// `a` and `b` cross: their interiors meet, but in less than the larger dimension, and each
/// has interior points outside the other. Read off the matrix by the dimensions of the
/// non-empty parts, as in GEOS: `T*T******` when `a`'s is lower (a point set and a line, a
/// line and an area), `T*****T**` when it is higher, `0********` for two lines; never for two
/// point sets or two areas. False when either is empty.
pub fn crosses(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if !boxes_meet(a, b) {
        return Ok(false);
    }
    let Relation { matrix, dimensions } = relation(a, b, true)?;
    Ok(match dimensions {
        [Dimensions::OneDimensional, Dimensions::OneDimensional] => {
            matrix.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::ZeroDimensional
        }
        [a, b] if a < b => matrix.matches(b"T*T******"),
        [a, b] if a > b => matrix.matches(b"T*****T**"),
        _ => false,
    })
}

/// `a` and `b` overlap: of the same dimension, their interiors meet in that dimension and each
/// has interior points outside the other (`T*T***T**` for point sets and areas, `1*T***T**`
/// for lines). Dimensions are those of the non-empty parts, as in GEOS. False when either is
/// empty.
pub fn overlaps(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if !boxes_meet(a, b) {
        return Ok(false);
    }
    let Relation { matrix, dimensions } = relation(a, b, true)?;
    Ok(match dimensions {
        [Dimensions::OneDimensional, Dimensions::OneDimensional] => matrix.matches(b"1*T***T**"),
        [a, b] if a == b => matrix.matches(b"T*T***T**"),
        _ => false,
    })
}

/// `a` and `b` touch: they share a point but their interiors do not meet (`FT*******`,
/// `F**T*****` or `F***T****`). Two point sets never touch, having no boundary. False when
/// either is empty.
pub fn touches(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if !boxes_meet(a, b) {
        return Ok(false);
    }
    let Relation { matrix, dimensions } = relation(a, b, true)?;
    Ok(dimensions != [Dimensions::ZeroDimensional; 2]
        && [b"FT*******", b"F**T*****", b"F***T****"]
            .iter()
            .any(|pattern| matrix.matches(pattern)))
}

/// `a` and `b` are topologically equal: the same point set (`T*F**FFF*`), whatever their types,
/// vertex order or repeated vertices: `LINESTRING(0 0,2 0)` equals `MULTILINESTRING((2 0,1 0),
/// (1 0,0 0))`. Their non-empty parts must have the same dimension. Two empty geometries are
/// equal, whatever their types (as in GEOS); an empty geometry equals no other. For the same
/// representation, see [`ordering_equals`].
pub fn equals(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    match (a.bbox(), b.bbox()) {
        (None, None) => return Ok(true),
        (Some(a_box), Some(b_box)) if a_box == b_box => {}
        _ => return Ok(false),
    }
    let Relation { matrix, dimensions } = relation(a, b, true)?;
    Ok(dimensions[0] == dimensions[1] && matrix.matches(b"T*F**FFF*"))
}

/// A DE-9IM matrix, and the dimensions of the non-empty parts of `a` and `b`.
struct Relation {
    matrix: IntersectionMatrix,
    dimensions: [Dimensions; 2],
}

/// Relates `a` and `b`, whose boxes `meet` or not (the caller has them).
#[inline(never)]
fn relation(a: &Geo, b: &Geo, meet: bool) -> Result<Relation, Invalid> {
    let (a_shape, b_shape) = (a.shape(), b.shape());
    let nothing = Geometry::GeometryCollection(Default::default());
    let (a_shape, b_shape) = (
        a_shape.as_deref().unwrap_or(&nothing),
        b_shape.as_deref().unwrap_or(&nothing),
    );
    for (arg, shape) in [(0, a_shape), (1, b_shape)] {
        crate::value::check_finite(shape).map_err(|error| Invalid { arg, error })?;
    }
    let (a_parts, b_parts) = (Parts::of(a_shape), Parts::of(b_shape));
    let matrix = if meet {
        topology::relate(&a_parts, &b_parts)?
    } else {
        topology::apart(&a_parts, &b_parts)
    };
    Ok(Relation {
        matrix,
        dimensions: [a_parts.dimension(), b_parts.dimension()],
    })
}

fn swap(invalid: Invalid) -> Invalid {
    Invalid {
        arg: 1 - invalid.arg,
        ..invalid
    }
}

fn boxes_meet(a: &Geo, b: &Geo) -> bool {
    matches!((a.bbox(), b.bbox()), (Some(a), Some(b)) if a.intersects(&b))
}

/// Whether `a`'s box covers `b`'s, which `a` covering `b` needs; false if either is empty.
fn box_covers(a: &Geo, b: &Geo) -> bool {
    matches!((a.bbox(), b.bbox()), (Some(a), Some(b)) if rect_covers(&a, &b))
}

#[inline]
fn rect_covers(outer: &Rect<f64>, inner: &Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}
