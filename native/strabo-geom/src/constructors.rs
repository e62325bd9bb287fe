//! Geometries built from numbers.
use geo::{coord, Geometry, Point, Rect};

use crate::envelope::rect_polygon;
use crate::Geom;

/// A point with SRID 0.
pub fn point(x: f64, y: f64) -> Geom<'static> {
    Geom::from_shape(0, Some(Geometry::Point(Point::new(x, y))))
}

/// The polygon of the box spanned by two corners, with SRID 0. The corners may be given in
/// any order; the polygon's vertices follow PostGIS's `ST_MakeEnvelope`.
pub fn bbox(x1: f64, y1: f64, x2: f64, y2: f64) -> Geom<'static> {
    let rect = Rect::new(coord! { x: x1, y: y1 }, coord! { x: x2, y: y2 });
    Geom::from_shape(0, Some(Geometry::Polygon(rect_polygon(rect))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_points_and_boxes() {
        assert_eq!(point(1.5, -2.0).to_wkt().unwrap(), "POINT(1.5 -2)");
        assert_eq!(
            bbox(0., 0., 2., 1.).to_wkt().unwrap(),
            "POLYGON((0 0,0 1,2 1,2 0,0 0))"
        );
        assert_eq!(
            bbox(2., 1., 0., 0.).to_wkt().unwrap(),
            "POLYGON((0 0,0 1,2 1,2 0,0 0))"
        );
        assert_eq!(point(1., 2.).srid(), 0);
    }
}
