//! Spatial predicates, with OGC/DE-9IM semantics as in GEOS and JTS.
//!
//! Each predicate first compares bounding boxes, read in place. A prepared polygonal constant
//! answers point containment from its interval-tree index instead of walking every edge, and a
//! point is never turned into more than two `f64`s when the other side can answer for it.
//!
//! Otherwise both sides are split into their areas, lines and points ([`Parts`]): a collection
//! is related as the union of its members, as GEOS does. Points are located exactly; lines
//! against lines are related exactly, from robust orientation tests and without constructing
//! intersection points (`lines.rs`); only areas go through `geo`'s DE-9IM graph. geo's own
//! `Contains`/`Covers` are not used: some of their pairs ignore holes wound like their shell
//! or the mod-2 boundary of multi-lines, and its graph relates collections member by member.
//!
//! The graph panics on some invalid geometries ("topology position conflict"). Those are
//! validated first, and an invalid one is refused with `geo`'s reason; a graph that still fails
//! (on near-degenerate coordinates that pass validation) is refused the same way rather than
//! taking the task down as an internal error.
mod lines;
mod parts;

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::{Intersects, Rect, Relate, Validation};

use crate::{Geo, GeomError};
use parts::Parts;

/// A predicate's argument that cannot be related, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// 0 for `a`, 1 for `b`.
    pub arg: usize,
    pub error: GeomError,
}

fn is_puntal(shape: &geo::Geometry<f64>) -> bool {
    matches!(
        shape,
        geo::Geometry::Point(_) | geo::Geometry::MultiPoint(_)
    )
}

/// Refuses two non-point geometries if either is invalid or has a coordinate that is not
/// finite: they may meet in `geo`'s graph.
fn check_relatable(a: &geo::Geometry<f64>, b: &geo::Geometry<f64>) -> Result<(), Invalid> {
    if is_puntal(a) || is_puntal(b) {
        return Ok(());
    }
    for (arg, shape) in [(0, a), (1, b)] {
        crate::value::check_finite(shape).map_err(|error| Invalid { arg, error })?;
        shape.check_validation().map_err(|reason| Invalid {
            arg,
            error: GeomError::InvalidGeometry(reason.to_string()),
        })?;
    }
    Ok(())
}

/// `a` contains `b`: no point of `b` lies outside `a`, and their interiors meet. A polygon does
/// not contain a point of its boundary.
#[inline]
pub fn contains(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    if let (Geo::Prepared(prepared), Geo::Point(point)) = (a, b) {
        if let Some(inside) = prepared.polygon_contains(*point) {
            return Ok(inside);
        }
    }
    relate_parts(a, b, |a, b| a.contains(b))
}

/// `a` lies within `b`; the converse of [`contains`].
pub fn within(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    contains(b, a).map_err(swap)
}

/// No point of `b` lies outside `a` (boundaries included, unlike [`contains`]).
pub fn covers(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    relate_parts(a, b, |a, b| a.covers(b))
}

/// `a` lies in `b`, boundaries included; the converse of [`covers`].
pub fn covered_by(a: &Geo, b: &Geo) -> Result<bool, Invalid> {
    covers(b, a).map_err(swap)
}

/// Relates the parts of `a` and `b` for a predicate that needs `b` inside `a`'s bounding box.
#[inline(never)]
fn relate_parts(
    a: &Geo,
    b: &Geo,
    predicate: impl FnOnce(&Parts, &Parts) -> Result<bool, GeomError>,
) -> Result<bool, Invalid> {
    let (Some(a_box), Some(b_box)) = (a.bbox(), b.bbox()) else {
        return Ok(false);
    };
    if !rect_covers(&a_box, &b_box) {
        return Ok(false);
    }
    let (Some(a), Some(b)) = (a.shape(), b.shape()) else {
        return Ok(false);
    };
    check_relatable(&a, &b)?;
    graph(|| {
        let a = Parts::of(&a).map_err(|error| Invalid { arg: 0, error })?;
        let b = Parts::of(&b).map_err(|error| Invalid { arg: 1, error })?;
        predicate(&a, &b).map_err(|error| Invalid { arg: 0, error })
    })
}

/// `a` and `b` share at least one point. A collection shares a point when one of its members
/// does, so `geo` answers this without its graph.
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

/// Runs a relation that may build a DE-9IM graph.
fn graph(relation: impl FnOnce() -> Result<bool, Invalid>) -> Result<bool, Invalid> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(relation)).unwrap_or_else(|_| {
        Err(Invalid {
            arg: 0,
            error: GeomError::InvalidGeometry(
                "the geometries cannot be related (is one self-intersecting or degenerate?)".into(),
            ),
        })
    })
}

/// Whether the interiors of two geometries meet, by `geo`'s DE-9IM graph.
fn graph_interiors_meet(a: &impl Relate<f64>, b: &impl Relate<f64>) -> bool {
    a.relate(b).get(CoordPos::Inside, CoordPos::Inside) != Dimensions::Empty
}

fn swap(invalid: Invalid) -> Invalid {
    Invalid {
        arg: 1 - invalid.arg,
        ..invalid
    }
}

#[inline]
fn rect_covers(outer: &Rect<f64>, inner: &Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use crate::Prepared;

    const SQUARE: &str = "POLYGON((0 0,4 0,4 4,0 4,0 0))";

    fn check(f: fn(&Geo, &Geo) -> Result<bool, Invalid>, a: &str, b: &str) -> bool {
        let (a, b) = (wkb(a), wkb(b));
        f(&geo(&a), &geo(&b)).unwrap()
    }

    #[test]
    fn contains_excludes_the_boundary_covers_includes_it() {
        assert!(check(contains, SQUARE, "POINT(1 2)"));
        assert!(!check(contains, SQUARE, "POINT(4 2)"));
        assert!(check(covers, SQUARE, "POINT(4 2)"));
        assert!(!check(covers, SQUARE, "POINT(5 2)"));
        assert!(check(covers, SQUARE, "LINESTRING(0 0,4 0)"));
        assert!(!check(contains, SQUARE, "LINESTRING(0 0,4 0)"));
        assert!(check(contains, SQUARE, "LINESTRING(1 1,2 2)"));
        assert!(check(within, "POINT(1 2)", SQUARE));
        assert!(check(covered_by, "POINT(0 2)", SQUARE));
    }

    #[test]
    fn prepared_polygons_agree_with_plain_ones() {
        let holed = "POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))";
        let bytes = wkb(holed);
        let prepared = Prepared::new(&bytes).unwrap();
        for (x, y) in [
            (1., 1.),
            (3., 3.),
            (2., 3.),
            (10., 5.),
            (11., 5.),
            (9.99, 9.99),
            (0., 0.),
        ] {
            let point = Geo::Point(geo::Coord { x, y });
            assert_eq!(
                contains(&prepared.as_geo(), &point).unwrap(),
                contains(&geo(&bytes), &point).unwrap(),
                "({x} {y})"
            );
        }
    }

    #[test]
    fn intersects_and_disjoint() {
        assert!(check(intersects, SQUARE, "POINT(4 2)"));
        assert!(check(intersects, "LINESTRING(-1 2,5 2)", SQUARE));
        assert!(!check(intersects, SQUARE, "POINT(5 5)"));
        assert!(check(disjoint, SQUARE, "POINT(5 5)"));
        assert!(!check(disjoint, SQUARE, "POINT(4 4)"));
    }

    #[test]
    fn invalid_geometries_are_refused_only_where_geo_would_need_its_graph() {
        let bowtie = "POLYGON((0 0,2 2,2 0,0 2,0 0))";
        assert!(check(contains, bowtie, "POINT(1.5 1)"));
        let err = within(
            &geo(&wkb("LINESTRING(0.5 0.2,1.5 0.2)")),
            &geo(&wkb(bowtie)),
        )
        .unwrap_err();
        assert_eq!(err.arg, 1);
        assert!(
            matches!(err.error, GeomError::InvalidGeometry(_)),
            "{err:?}"
        );
    }

    #[test]
    fn holes_wound_like_their_shell_are_holes() {
        let lake = "MULTIPOLYGON(((0 0,6 0,6 6,0 6,0 0),(1 1,5 1,5 5,1 5,1 1)))";
        assert!(!check(contains, lake, "MULTIPOINT((3 3))"));
        assert!(check(contains, lake, "MULTIPOINT((0.5 0.5),(5.5 3))"));
    }

    #[test]
    fn multi_line_boundaries_follow_the_mod_2_rule() {
        let joined = "MULTILINESTRING((0 0,2 0),(2 0,4 0))";
        assert!(check(contains, joined, "POINT(2 0)"));
        assert!(!check(contains, joined, "POINT(4 0)"));
        assert!(check(covers, joined, "POINT(4 0)"));
        assert!(check(contains, joined, "LINESTRING(1 0,3 0)"));
    }

    #[test]
    fn collections_are_the_union_of_their_members() {
        let halves =
            "GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((2 0,4 0,4 2,2 2,2 0)))";
        assert!(check(contains, halves, "POINT(2 1)"));
        assert!(check(contains, halves, "LINESTRING(1 1,3 1)"));
        assert!(check(covers, halves, "POLYGON((1 0,3 0,3 2,1 2,1 0))"));
        let apart = "GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(1 1,2 2))";
        assert!(check(contains, SQUARE, apart));
        assert!(check(within, apart, SQUARE));
        assert!(check(
            covers,
            SQUARE,
            "GEOMETRYCOLLECTION(LINESTRING(4 4,4 2),POLYGON((1 1,2 1,2 2,1 2,1 1)))"
        ));
    }

    #[test]
    fn collections_whose_lines_meet_their_polygons_answer_for_points_only() {
        let crossing =
            "GEOMETRYCOLLECTION(LINESTRING(2 10,7 0,10 7.5),POLYGON((9 8,9 10,3 10,3 8,9 8)))";
        // On the line and on the polygon's boundary: the boundary takes precedence.
        assert!(!check(contains, crossing, "POINT(3 8)"));
        assert!(check(covers, crossing, "POINT(3 8)"));
        assert!(check(contains, crossing, "POINT(6 9)"));
        assert!(check(contains, crossing, "POINT(4.5 5)"));
        // Whether it lies in another geometry is answered member by member.
        assert!(check(
            contains,
            "POLYGON((0 0,11 0,11 11,0 11,0 0))",
            crossing
        ));
        let (a, b) = (wkb(crossing), wkb("LINESTRING(3 9,4 9)"));
        let err = covers(&geo(&a), &geo(&b)).unwrap_err();
        assert_eq!(err.arg, 0);
        assert!(matches!(err.error, GeomError::Unsupported(_)), "{err:?}");
        assert_eq!(within(&geo(&b), &geo(&a)).unwrap_err().arg, 1);
    }

    #[test]
    fn empty_geometries_relate_to_nothing() {
        assert!(!check(contains, SQUARE, "POINT EMPTY"));
        assert!(!check(intersects, "POLYGON EMPTY", SQUARE));
        assert!(!check(within, "POINT EMPTY", SQUARE));
        assert!(!check(covers, SQUARE, "POINT EMPTY"));
        assert!(check(disjoint, "POINT EMPTY", SQUARE));
    }
}
