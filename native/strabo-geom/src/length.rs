//! Planar length.
use geo::{Euclidean, Geometry, Length};

use crate::{Geom, GeomError};

/// Planar length in the units of the SRID. Polygons measure their perimeter (all rings), as in
/// JTS, GEOS, GeoMesa and Sedona; points and empty geometries measure 0.
pub fn length(geom: &Geom) -> Result<f64, GeomError> {
    Ok(geom.shape()?.map_or(0.0, shape_length))
}

fn shape_length(shape: &Geometry<f64>) -> f64 {
    match shape {
        Geometry::Point(_) | Geometry::MultiPoint(_) => 0.0,
        Geometry::Line(line) => Euclidean.length(line),
        Geometry::LineString(line) => Euclidean.length(line),
        Geometry::MultiLineString(lines) => Euclidean.length(lines),
        Geometry::Polygon(polygon) => polygon_perimeter(polygon),
        Geometry::MultiPolygon(polygons) => polygons.iter().map(polygon_perimeter).sum(),
        Geometry::Rect(rect) => polygon_perimeter(&rect.to_polygon()),
        Geometry::Triangle(triangle) => polygon_perimeter(&triangle.to_polygon()),
        Geometry::GeometryCollection(parts) => parts.iter().map(shape_length).sum(),
    }
}

fn polygon_perimeter(polygon: &geo::Polygon<f64>) -> f64 {
    std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(|ring| Euclidean.length(ring))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn length_of(text: &str) -> f64 {
        length(&Geom::from_wkt(0, text).unwrap()).unwrap()
    }

    #[test]
    fn lines_and_perimeters() {
        assert_eq!(length_of("LINESTRING(0 0,3 4)"), 5.0);
        assert_eq!(length_of("MULTILINESTRING((0 0,3 4),(0 0,0 1))"), 6.0);
        assert_eq!(
            length_of("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))"),
            20.0
        );
        assert_eq!(
            length_of("GEOMETRYCOLLECTION(POINT(0 0),LINESTRING(0 0,0 2))"),
            2.0
        );
    }

    #[test]
    fn points_and_empty_are_zero() {
        assert_eq!(length_of("POINT(1 1)"), 0.0);
        assert_eq!(length_of("LINESTRING EMPTY"), 0.0);
    }
}
