//! Bounding boxes as geometries.
use geo::{coord, Geometry, LineString, Point, Polygon, Rect};

use crate::{Geom, GeomError};

/// The 2D bounding box of `geom`, keeping its SRID. As in PostGIS and JTS a degenerate box is a
/// point or a line, and an empty geometry is returned as it is.
pub fn envelope(geom: &Geom) -> Result<Geom<'static>, GeomError> {
    match geom.bbox()? {
        Some(rect) => Ok(Geom::from_shape(geom.srid(), Some(rect_geometry(rect)))),
        None => Geom::from_owned_wkb(geom.srid(), geom.to_wkb()?),
    }
}

/// The polygon of a box, in the vertex order PostGIS and JTS use:
/// (xmin ymin, xmin ymax, xmax ymax, xmax ymin, xmin ymin).
pub fn rect_polygon(rect: Rect<f64>) -> Polygon<f64> {
    let (min, max) = (rect.min(), rect.max());
    Polygon::new(
        LineString::new(vec![
            coord! { x: min.x, y: min.y },
            coord! { x: min.x, y: max.y },
            coord! { x: max.x, y: max.y },
            coord! { x: max.x, y: min.y },
            coord! { x: min.x, y: min.y },
        ]),
        vec![],
    )
}

fn rect_geometry(rect: Rect<f64>) -> Geometry<f64> {
    let (min, max) = (rect.min(), rect.max());
    match (min.x == max.x, min.y == max.y) {
        (true, true) => Geometry::Point(Point(min)),
        (true, false) | (false, true) => Geometry::LineString(LineString::new(vec![min, max])),
        (false, false) => Geometry::Polygon(rect_polygon(rect)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope_of(text: &str) -> String {
        envelope(&Geom::from_wkt(3857, text).unwrap())
            .unwrap()
            .to_wkt()
            .unwrap()
    }

    #[test]
    fn boxes_and_degenerate_boxes() {
        assert_eq!(
            envelope_of("LINESTRING(0 0,4 2)"),
            "POLYGON((0 0,0 2,4 2,4 0,0 0))"
        );
        assert_eq!(envelope_of("POINT(1 2)"), "POINT(1 2)");
        assert_eq!(envelope_of("LINESTRING(1 0,1 5)"), "LINESTRING(1 0,1 5)");
        assert_eq!(envelope_of("POLYGON EMPTY"), "POLYGON EMPTY");
    }

    #[test]
    fn keeps_srid() {
        let geom = Geom::from_wkt(3857, "POINT(1 2)").unwrap();
        assert_eq!(envelope(&geom).unwrap().srid(), 3857);
    }
}
