//! Conversion from any `geo-traits` geometry to a 2D `geo` shape.
//!
//! `geo` cannot hold an empty point, so empties are dropped here: an empty part adds nothing
//! to a measure or a predicate, and a wholly empty geometry becomes `None`.
use geo::{Geometry, GeometryCollection, MultiPoint, Point};
use geo_traits::to_geo::{
    ToGeoLine, ToGeoLineString, ToGeoMultiLineString, ToGeoMultiPolygon, ToGeoPolygon, ToGeoRect,
    ToGeoTriangle,
};
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiPointTrait, PointTrait, PolygonTrait,
};

pub(crate) fn to_shape<G: GeometryTrait<T = f64>>(geometry: &G) -> Option<Geometry<f64>> {
    match geometry.as_type() {
        GeometryType::Point(point) => point_xy(point).map(Geometry::Point),
        GeometryType::LineString(line) => {
            (line.num_coords() > 0).then(|| Geometry::LineString(line.to_line_string()))
        }
        GeometryType::Polygon(polygon) => polygon
            .exterior()
            .is_some_and(|ring| ring.num_coords() > 0)
            .then(|| Geometry::Polygon(polygon.to_polygon())),
        GeometryType::MultiPoint(points) => {
            let points: Vec<Point<f64>> = points.points().filter_map(|p| point_xy(&p)).collect();
            (!points.is_empty()).then_some(Geometry::MultiPoint(MultiPoint(points)))
        }
        GeometryType::MultiLineString(lines) => {
            let lines = lines.to_multi_line_string();
            lines
                .0
                .iter()
                .any(|line| !line.0.is_empty())
                .then_some(Geometry::MultiLineString(lines))
        }
        GeometryType::MultiPolygon(polygons) => {
            let polygons = polygons.to_multi_polygon();
            polygons
                .0
                .iter()
                .any(|polygon| !polygon.exterior().0.is_empty())
                .then_some(Geometry::MultiPolygon(polygons))
        }
        GeometryType::GeometryCollection(collection) => {
            let parts: Vec<Geometry<f64>> = collection
                .geometries()
                .filter_map(|part| to_shape(&part))
                .collect();
            (!parts.is_empty()).then_some(Geometry::GeometryCollection(GeometryCollection(parts)))
        }
        GeometryType::Rect(rect) => Some(Geometry::Rect(rect.to_rect())),
        GeometryType::Triangle(triangle) => Some(Geometry::Triangle(triangle.to_triangle())),
        GeometryType::Line(line) => Some(Geometry::Line(line.to_line())),
    }
}

/// The 2D `geo` geometry with its empty parts kept: an empty point as a point of NaNs (as WKB
/// writes it), an empty line string or ring as one without coordinates. For the repairs that
/// return their input's structure (`make_valid`, `reduce_precision`).
pub(crate) fn to_geometry<G: GeometryTrait<T = f64>>(geometry: &G) -> Geometry<f64> {
    fn point(p: &impl PointTrait<T = f64>) -> Point<f64> {
        p.coord()
            .map_or(Point::new(f64::NAN, f64::NAN), |c| Point::new(c.x(), c.y()))
    }
    match geometry.as_type() {
        GeometryType::Point(p) => Geometry::Point(point(p)),
        GeometryType::LineString(l) => Geometry::LineString(l.to_line_string()),
        GeometryType::Polygon(p) => Geometry::Polygon(p.to_polygon()),
        GeometryType::MultiPoint(ps) => {
            Geometry::MultiPoint(MultiPoint(ps.points().map(|p| point(&p)).collect()))
        }
        GeometryType::MultiLineString(ls) => Geometry::MultiLineString(ls.to_multi_line_string()),
        GeometryType::MultiPolygon(ps) => Geometry::MultiPolygon(ps.to_multi_polygon()),
        GeometryType::GeometryCollection(gs) => Geometry::GeometryCollection(GeometryCollection(
            gs.geometries().map(|g| to_geometry(&g)).collect(),
        )),
        GeometryType::Rect(r) => Geometry::Rect(r.to_rect()),
        GeometryType::Triangle(t) => Geometry::Triangle(t.to_triangle()),
        GeometryType::Line(l) => Geometry::Line(l.to_line()),
    }
}

/// [`to_geometry`] of a [`crate::Geo`].
pub(crate) fn read(geometry: &crate::Geo) -> Geometry<f64> {
    struct Read;
    impl crate::GeometryVisitor for Read {
        type Output = Geometry<f64>;
        fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Geometry<f64> {
            to_geometry(geometry)
        }
    }
    geometry.visit(Read)
}

/// WKB writes an empty point as NaN coordinates; both forms count as empty.
fn point_xy(point: &impl PointTrait<T = f64>) -> Option<Point<f64>> {
    let coord = point.coord()?;
    let (x, y) = (coord.x(), coord.y());
    (!(x.is_nan() && y.is_nan())).then(|| Point::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Option<Geometry<f64>> {
        to_shape(&text.parse::<wkt::Wkt<f64>>().unwrap())
    }

    #[test]
    fn empty_parts_are_dropped() {
        assert_eq!(shape("POINT EMPTY"), None);
        assert_eq!(
            shape("GEOMETRYCOLLECTION(POINT EMPTY,POINT(1 2))"),
            Some(Geometry::GeometryCollection(GeometryCollection(vec![
                Geometry::Point(Point::new(1., 2.))
            ])))
        );
        assert_eq!(
            shape("GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING EMPTY)"),
            None
        );
        assert_eq!(shape("POLYGON EMPTY"), None);
    }

    #[test]
    fn z_is_dropped() {
        assert_eq!(
            shape("POINT Z (1 2 3)"),
            Some(Geometry::Point(Point::new(1., 2.)))
        );
    }
}
