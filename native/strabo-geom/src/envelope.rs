//! Bounding boxes as geometries.
use geo::{Coord, Geometry, Line, LineString, Point, Polygon, Rect};

use crate::{Geo, GeomError};

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

/// The bounding box grown by `dx` on the left and right and `dy` below and above
/// (`ST_Expand(geom, dx, dy)`; `ST_Expand(geom, d)` is `expand(geom, d, d)`), or `None` if the
/// geometry is empty (the caller then returns the empty input, as PostGIS does).
///
/// As in PostGIS the result is always a polygon with the vertices (xmin ymin, xmin ymax, xmax
/// ymax, xmax ymin, xmin ymin), even when it has no area (a point grown by 0 is a polygon of
/// five equal vertices, unlike [`envelope`]); negative distances shrink the box, and past its
/// middle PostGIS's box turns inside out, which is kept (the corners are computed as given).
/// NaN or infinite distances are refused (PostGIS returns a polygon of NaNs); so are NaN or
/// infinite coordinates.
pub fn expand(geometry: &Geo, dx: f64, dy: f64) -> Result<Option<Geometry<f64>>, GeomError> {
    if !dx.is_finite() || !dy.is_finite() {
        return Err(GeomError::InvalidParameter(format!(
            "the distances to expand by must be finite, got {dx} and {dy}"
        )));
    }
    // The box of the checked shape: `Geo::bbox` passes over NaN coordinates.
    let Some(shape) = crate::parts::finite_shape(geometry)? else {
        return Ok(None);
    };
    let Some(bbox) = geo::BoundingRect::bounding_rect(shape.as_ref()) else {
        return Ok(None);
    };
    let (min, max) = (bbox.min(), bbox.max());
    Ok(Some(Geometry::Polygon(corners_polygon(
        min.x - dx,
        min.y - dy,
        max.x + dx,
        max.y + dy,
    ))))
}

/// PostGIS's `ST_MakeEnvelope(xmin, ymin, xmax, ymax)` and Sedona's `ST_PolygonFromEnvelope`:
/// the polygon (xmin ymin, xmin ymax, xmax ymax, xmax ymin, xmin ymin), with the values taken
/// as given, as PostGIS and Sedona take them: a minimum above its maximum mirrors the ring
/// (unlike [`corners_box`], nothing is swapped), and a box of no width or height is still a
/// polygon, of repeated vertices. NaN or infinite values are refused (PostGIS makes a polygon
/// of them).
pub fn box_polygon(xmin: f64, ymin: f64, xmax: f64, ymax: f64) -> Result<Polygon<f64>, GeomError> {
    check_corners(&[xmin, ymin, xmax, ymax])?;
    Ok(corners_polygon(xmin, ymin, xmax, ymax))
}

/// GeoMesa's `st_makeBox2D(lowerLeft, upperRight)`: the box spanned by two corners, in either
/// order, as JTS's `GeometryFactory.toGeometry(Envelope)` draws it: a polygon in [`rect`]'s
/// vertex order, or a point or a line when the box has no width or height. NaN or infinite
/// coordinates are refused.
pub fn corners_box(a: Coord<f64>, b: Coord<f64>) -> Result<Geometry<f64>, GeomError> {
    check_corners(&[a.x, a.y, b.x, b.y])?;
    Ok(rect(Rect::new(a, b)))
}

fn check_corners(values: &[f64]) -> Result<(), GeomError> {
    if values.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    Err(GeomError::InvalidParameter(format!(
        "the corners of a box must be finite numbers, got {values:?}"
    )))
}

/// The ring (x1 y1, x1 y2, x2 y2, x2 y1, x1 y1) as a polygon.
fn corners_polygon(x1: f64, y1: f64, x2: f64, y2: f64) -> Polygon<f64> {
    let ring = [(x1, y1), (x1, y2), (x2, y2), (x2, y1), (x1, y1)];
    Polygon::new(
        LineString(ring.into_iter().map(|(x, y)| Coord { x, y }).collect()),
        Vec::new(),
    )
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

    fn expand_of(text: &str, dx: f64, dy: f64) -> Option<String> {
        let bytes = wkb(text);
        expand(&geo(&bytes), dx, dy).unwrap().map(|e| text_of(&e))
    }

    /// Oracle: PostGIS 3.3.2, `ST_AsText(ST_Expand(geom, dx, dy))`.
    #[test]
    fn expanded_boxes_agree_with_postgis() {
        for (text, dx, dy, expected) in [
            ("POINT(1 2)", 1.0, 1.0, "POLYGON((0 1,0 3,2 3,2 1,0 1))"),
            ("POINT(1 2)", 0.0, 0.0, "POLYGON((1 2,1 2,1 2,1 2,1 2))"),
            (
                "MULTIPOINT(0 0,1 1,2 2)",
                0.0,
                0.0,
                "POLYGON((0 0,0 2,2 2,2 0,0 0))",
            ),
            (
                "LINESTRING(0 0,4 2)",
                1.0,
                2.0,
                "POLYGON((-1 -2,-1 4,5 4,5 -2,-1 -2))",
            ),
            (
                "LINESTRING(0 0,4 2)",
                -1.0,
                -1.5,
                "POLYGON((1 1.5,1 0.5,3 0.5,3 1.5,1 1.5))",
            ),
            (
                "LINESTRING(0 0,4 2)",
                -3.0,
                -3.0,
                "POLYGON((3 3,3 -1,1 -1,1 3,3 3))",
            ),
            (
                "GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(0 0,1 0))",
                1.0,
                1.0,
                "POLYGON((-1 -1,-1 6,6 6,6 -1,-1 -1))",
            ),
        ] {
            assert_eq!(expand_of(text, dx, dy).unwrap(), expected, "{text}");
        }
        assert_eq!(expand_of("POLYGON EMPTY", 1.0, 1.0), None);
        assert_eq!(expand_of("GEOMETRYCOLLECTION EMPTY", 1.0, 1.0), None);
        let point = wkb("POINT(1 2)");
        assert!(expand(&geo(&point), f64::NAN, 1.0).is_err());
        assert!(expand(&geo(&point), 1.0, f64::INFINITY).is_err());
        let mut nan = wkb("LINESTRING(0 0,1 1)");
        nan[9..17].copy_from_slice(&f64::NAN.to_le_bytes());
        assert!(expand(&geo(&nan), 1.0, 1.0).is_err());
    }

    /// Oracle: PostGIS 3.3 documentation of `ST_MakeEnvelope(10, 10, 11, 11, 4326)`, and
    /// `lwpoly_construct_envelope`, which takes the corners as given; shapely 2.1's
    /// `box(0, 0, 2, 1, ccw=False)` has the same vertices.
    #[test]
    fn envelopes_keep_their_corners() {
        let text = |polygon: Polygon<f64>| text_of(&Geometry::Polygon(polygon));
        assert_eq!(
            text(box_polygon(10.0, 10.0, 11.0, 11.0).unwrap()),
            "POLYGON((10 10,10 11,11 11,11 10,10 10))"
        );
        assert_eq!(
            text(box_polygon(0.0, 0.0, 2.0, 1.0).unwrap()),
            "POLYGON((0 0,0 1,2 1,2 0,0 0))"
        );
        assert_eq!(
            text(box_polygon(2.0, 1.0, 0.0, 0.0).unwrap()),
            "POLYGON((2 1,2 0,0 0,0 1,2 1))"
        );
        assert_eq!(
            text(box_polygon(1.0, 0.0, 1.0, 2.0).unwrap()),
            "POLYGON((1 0,1 2,1 2,1 0,1 0))"
        );
        assert!(box_polygon(f64::NAN, 0.0, 1.0, 1.0).is_err());
        assert!(box_polygon(0.0, 0.0, f64::INFINITY, 1.0).is_err());
    }

    /// Oracle: JTS's `GeometryFactory.toGeometry(new Envelope(x1, x2, y1, y2))`, which GeoMesa's
    /// `st_makeBox2D` returns: corners in either order, a point or a line when degenerate.
    #[test]
    fn boxes_of_two_corners() {
        let xy = |x, y| Coord { x, y };
        let text = |a, b| text_of(&corners_box(a, b).unwrap());
        assert_eq!(
            text(xy(0.0, 0.0), xy(2.0, 1.0)),
            "POLYGON((0 0,0 1,2 1,2 0,0 0))"
        );
        assert_eq!(
            text(xy(2.0, 1.0), xy(0.0, 0.0)),
            "POLYGON((0 0,0 1,2 1,2 0,0 0))"
        );
        assert_eq!(text(xy(1.0, 5.0), xy(1.0, 0.0)), "LINESTRING(1 0,1 5)");
        assert_eq!(text(xy(1.0, 2.0), xy(1.0, 2.0)), "POINT(1 2)");
        assert!(corners_box(xy(f64::NAN, 0.0), xy(1.0, 1.0)).is_err());
    }
}
