//! Bounding boxes as geometries.
use geo::{Geometry, Line, Point, Rect};

use crate::Geo;

/// The 2D bounding box of `geometry`, or `None` if it is empty (the caller then returns the
/// empty input, as PostGIS does). As in PostGIS and JTS a degenerate box is a point or a line.
/// A box is written in PostGIS's vertex order (see [`rect`]); nothing is allocated.
pub fn envelope(geometry: &Geo) -> Option<Geometry<f64>> {
    geometry.bbox().map(rect)
}

/// A box as a geometry: a point or a line when it is degenerate, otherwise a `Rect`, which
/// ISO WKB writes as the polygon (xmin ymin, xmin ymax, xmax ymax, xmax ymin, xmin ymin).
pub fn rect(rect: Rect<f64>) -> Geometry<f64> {
    let (min, max) = (rect.min(), rect.max());
    match (min.x == max.x, min.y == max.y) {
        (true, true) => Geometry::Point(Point(min)),
        (true, false) | (false, true) => Geometry::Line(Line::new(min, max)),
        (false, false) => Geometry::Rect(rect),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, text_of, wkb};

    fn envelope_of(text: &str) -> Option<String> {
        let bytes = wkb(text);
        envelope(&geo(&bytes)).map(|e| text_of(&e))
    }

    #[test]
    fn boxes_and_degenerate_boxes() {
        assert_eq!(
            envelope_of("LINESTRING(0 0,4 2)").unwrap(),
            "POLYGON((0 0,0 2,4 2,4 0,0 0))"
        );
        assert_eq!(envelope_of("POINT(1 2)").unwrap(), "POINT(1 2)");
        assert_eq!(
            envelope_of("LINESTRING(1 0,1 5)").unwrap(),
            "LINESTRING(1 0,1 5)"
        );
        assert_eq!(envelope_of("POLYGON EMPTY"), None);
    }
}
