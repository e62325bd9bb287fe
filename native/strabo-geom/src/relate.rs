//! Spatial predicates (OGC/DE-9IM semantics, as in GEOS and JTS).
//!
//! Each predicate first compares bounding boxes. When one side is prepared (a constant reused
//! across rows) and polygonal, and the other is a point, containment is answered by the
//! prepared interval-tree index instead of walking every edge.
use geo::{Contains, Geometry, Intersects, Rect};

use crate::{common_srid, Geom, GeomError};

/// `a` contains `b`: no point of `b` lies outside `a`, and their interiors meet.
pub fn contains(a: &Geom, b: &Geom) -> Result<bool, GeomError> {
    common_srid(a, b)?;
    let (Some(a_box), Some(b_box)) = (a.bbox()?, b.bbox()?) else {
        return Ok(false);
    };
    if !rect_covers(&a_box, &b_box) {
        return Ok(false);
    }
    if let (Some(prepared), Some(Geometry::Point(point))) = (a.prepared(), b.shape()?) {
        if let Some(index) = &prepared.polygon_index {
            return Ok(index.contains(point));
        }
    }
    match (a.shape()?, b.shape()?) {
        (Some(a), Some(b)) => Ok(a.contains(b)),
        _ => Ok(false),
    }
}

/// `a` lies within `b`; the converse of [`contains`].
pub fn within(a: &Geom, b: &Geom) -> Result<bool, GeomError> {
    contains(b, a)
}

/// `a` and `b` share at least one point.
pub fn intersects(a: &Geom, b: &Geom) -> Result<bool, GeomError> {
    common_srid(a, b)?;
    let (Some(a_box), Some(b_box)) = (a.bbox()?, b.bbox()?) else {
        return Ok(false);
    };
    if !a_box.intersects(&b_box) {
        return Ok(false);
    }
    match (a.shape()?, b.shape()?) {
        (Some(a), Some(b)) => Ok(a.intersects(b)),
        _ => Ok(false),
    }
}

fn rect_covers(outer: &Rect<f64>, inner: &Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geom(text: &str) -> Geom<'static> {
        Geom::from_wkt(0, text).unwrap()
    }

    const SQUARE: &str = "POLYGON((0 0,4 0,4 4,0 4,0 0))";

    #[test]
    fn contains_excludes_the_boundary() {
        assert!(contains(&geom(SQUARE), &geom("POINT(1 2)")).unwrap());
        assert!(!contains(&geom(SQUARE), &geom("POINT(4 2)")).unwrap());
        assert!(!contains(&geom(SQUARE), &geom("POINT(5 2)")).unwrap());
        assert!(contains(&geom(SQUARE), &geom("LINESTRING(1 1,2 2)")).unwrap());
        assert!(within(&geom("POINT(1 2)"), &geom(SQUARE)).unwrap());
    }

    #[test]
    fn prepared_polygons_agree_with_plain_ones() {
        let prepared = geom("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))")
            .into_prepared()
            .unwrap();
        let plain = geom("POLYGON((0 0,10 0,10 10,0 10,0 0),(2 2,4 2,4 4,2 4,2 2))");
        for (x, y) in [
            (1., 1.),
            (3., 3.),
            (2., 3.),
            (10., 5.),
            (11., 5.),
            (9.99, 9.99),
            (0., 0.),
        ] {
            let point = geom(&format!("POINT({x} {y})"));
            assert_eq!(
                contains(&prepared, &point).unwrap(),
                contains(&plain, &point).unwrap(),
                "({x} {y})"
            );
        }
    }

    #[test]
    fn intersects_includes_the_boundary() {
        assert!(intersects(&geom(SQUARE), &geom("POINT(4 2)")).unwrap());
        assert!(intersects(&geom("LINESTRING(-1 2,5 2)"), &geom(SQUARE)).unwrap());
        assert!(!intersects(&geom(SQUARE), &geom("POINT(5 5)")).unwrap());
    }

    #[test]
    fn empty_geometries_relate_to_nothing() {
        assert!(!contains(&geom(SQUARE), &geom("POINT EMPTY")).unwrap());
        assert!(!intersects(&geom("POLYGON EMPTY"), &geom(SQUARE)).unwrap());
        assert!(!within(&geom("POINT EMPTY"), &geom(SQUARE)).unwrap());
    }

    #[test]
    fn mixed_srids_are_an_error() {
        let a = Geom::from_wkt(4326, SQUARE).unwrap();
        assert_eq!(
            contains(&a, &geom("POINT(1 1)")),
            Err(GeomError::MixedSrid(4326, 0))
        );
    }
}
