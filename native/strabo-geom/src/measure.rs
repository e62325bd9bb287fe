//! Planar area and length, computed from the coordinates in place (no shape is built).
//!
//! Sums start from `0.0`: Rust's `Sum` for floats starts from `-0.0`, which would make the
//! area of an empty collection print as `-0.0`.
use geo_traits::{
    CoordTrait, GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait,
    MultiLineStringTrait, MultiPolygonTrait, PolygonTrait, RectTrait, TriangleTrait,
};

use crate::{Geo, GeometryVisitor};

/// Planar area in the units of the SRID (squared); 0 for points, lines and empty geometries.
/// Holes are subtracted; a self-intersecting ring counts its lobes with their signs, as GEOS
/// does; a ring that is not closed has no area. An invalid polygon whose holes are larger than
/// its shell measures negative, as in GEOS, JTS and PostGIS.
pub fn area(geometry: &Geo) -> f64 {
    match geometry {
        Geo::Point(_) => 0.0,
        // What the shoelace gives for its five vertices, bit for bit.
        Geo::Rect(rect) => rect.width() * rect.height(),
        other => other.visit(Area),
    }
}

/// Planar length in the units of the SRID. Polygons measure their perimeter (all rings), as in
/// JTS, GEOS, GeoMesa and Sedona; points and empty geometries measure 0.
pub fn length(geometry: &Geo) -> f64 {
    match geometry {
        Geo::Point(_) => 0.0,
        // Its four edges summed in ring order, as for the polygon it stands for.
        Geo::Rect(rect) => rect.height() + rect.width() + rect.height() + rect.width(),
        other => other.visit(Length),
    }
}

/// Planar perimeter of the polygons (PostGIS's ST_Perimeter for geometry): the lengths of all
/// their rings, holes included, in multipolygons and collections too; 0 for points, lines and
/// empty geometries. A NaN coordinate gives NaN, as in [`area`] and [`length`].
pub fn perimeter(geometry: &Geo) -> f64 {
    match geometry {
        Geo::Point(_) => 0.0,
        other => other.visit(Perimeter),
    }
}

struct Area;

impl GeometryVisitor for Area {
    type Output = f64;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> f64 {
        match geometry.as_type() {
            GeometryType::Polygon(polygon) => polygon_area(polygon),
            GeometryType::MultiPolygon(polygons) => polygons
                .polygons()
                .map(|p| polygon_area(&p))
                .fold(0.0, |a, b| a + b),
            GeometryType::GeometryCollection(parts) => parts
                .geometries()
                .map(|part| Area.visit(&part))
                .fold(0.0, |a, b| a + b),
            GeometryType::Rect(rect) => {
                (rect.max().x() - rect.min().x()) * (rect.max().y() - rect.min().y())
            }
            GeometryType::Triangle(triangle) => {
                let [a, b, c] = triangle.coords();
                ((b.x() - a.x()) * (c.y() - a.y()) - (c.x() - a.x()) * (b.y() - a.y())).abs() / 2.0
            }
            _ => 0.0,
        }
    }
}

/// |shell| − Σ|holes|, as GEOS, JTS and PostGIS compute it: negative for an invalid polygon
/// whose holes are larger than its shell (`geo` would take the absolute value of the whole).
fn polygon_area(polygon: &impl PolygonTrait<T = f64>) -> f64 {
    let shell = polygon.exterior().map_or(0.0, |ring| ring_area(&ring));
    polygon
        .interiors()
        .fold(shell.abs(), |area, hole| area - ring_area(&hole).abs())
}

/// Signed shoelace area, with coordinates shifted to the first vertex for precision.
fn ring_area(ring: &impl LineStringTrait<T = f64>) -> f64 {
    let n = ring.num_coords();
    if n < 3 {
        return 0.0;
    }
    let first = ring.coord(0).map(|c| (c.x(), c.y()));
    let last = ring.coord(n - 1).map(|c| (c.x(), c.y()));
    let Some((x0, y0)) = first.filter(|_| first == last) else {
        return 0.0;
    };
    let mut coords = ring.coords().map(|c| (c.x() - x0, c.y() - y0));
    let Some(mut previous) = coords.next() else {
        return 0.0;
    };
    let mut twice = 0.0;
    for current in coords {
        twice += previous.0 * current.1 - current.0 * previous.1;
        previous = current;
    }
    twice / 2.0
}

struct Length;

impl GeometryVisitor for Length {
    type Output = f64;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> f64 {
        match geometry.as_type() {
            GeometryType::LineString(line) => line_length(line),
            GeometryType::Polygon(polygon) => polygon_perimeter(polygon),
            GeometryType::MultiLineString(lines) => lines
                .line_strings()
                .map(|l| line_length(&l))
                .fold(0.0, |a, b| a + b),
            GeometryType::MultiPolygon(polygons) => polygons
                .polygons()
                .map(|p| polygon_perimeter(&p))
                .fold(0.0, |a, b| a + b),
            GeometryType::GeometryCollection(parts) => parts
                .geometries()
                .map(|part| Length.visit(&part))
                .fold(0.0, |a, b| a + b),
            GeometryType::Rect(rect) => {
                2.0 * ((rect.max().x() - rect.min().x()) + (rect.max().y() - rect.min().y()))
            }
            GeometryType::Triangle(triangle) => {
                let [a, b, c] = triangle.coords();
                distance(&a, &b) + distance(&b, &c) + distance(&c, &a)
            }
            GeometryType::Line(line) => {
                use geo_traits::LineTrait;
                distance(&line.start(), &line.end())
            }
            GeometryType::Point(_) | GeometryType::MultiPoint(_) => 0.0,
        }
    }
}

struct Perimeter;

impl GeometryVisitor for Perimeter {
    type Output = f64;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> f64 {
        match geometry.as_type() {
            GeometryType::Polygon(_)
            | GeometryType::MultiPolygon(_)
            | GeometryType::Rect(_)
            | GeometryType::Triangle(_) => Length.visit(geometry),
            GeometryType::GeometryCollection(parts) => parts
                .geometries()
                .map(|part| Perimeter.visit(&part))
                .fold(0.0, |a, b| a + b),
            _ => 0.0,
        }
    }
}

fn distance(a: &impl CoordTrait<T = f64>, b: &impl CoordTrait<T = f64>) -> f64 {
    (b.x() - a.x()).hypot(b.y() - a.y())
}

fn line_length(line: &impl LineStringTrait<T = f64>) -> f64 {
    let mut coords = line.coords();
    let Some(mut previous) = coords.next() else {
        return 0.0;
    };
    let mut total = 0.0;
    for current in coords {
        total += distance(&previous, &current);
        previous = current;
    }
    total
}

fn polygon_perimeter(polygon: &impl PolygonTrait<T = f64>) -> f64 {
    polygon.exterior().map_or(0.0, |ring| line_length(&ring))
        + polygon
            .interiors()
            .map(|ring| line_length(&ring))
            .fold(0.0, |a, b| a + b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};
    use geo::Area as _;

    fn area_of(text: &str) -> f64 {
        area(&geo(&wkb(text)))
    }

    fn length_of(text: &str) -> f64 {
        length(&geo(&wkb(text)))
    }

    #[test]
    fn polygons_subtract_holes() {
        assert_eq!(area_of("POLYGON((0 0,4 0,4 4,0 4,0 0))"), 16.0);
        assert_eq!(
            area_of("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))"),
            15.0
        );
        assert_eq!(
            area_of("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((0 0,2 0,2 2,0 0)))"),
            2.5
        );
        assert_eq!(
            area_of("GEOMETRYCOLLECTION(POINT(1 1),POLYGON((0 0,2 0,2 2,0 0)))"),
            2.0
        );
    }

    #[test]
    fn non_areal_empty_and_bow_ties() {
        assert_eq!(area_of("POINT(1 2)"), 0.0);
        assert_eq!(area_of("LINESTRING(0 0,1 1)"), 0.0);
        assert_eq!(area_of("POLYGON EMPTY"), 0.0);
        assert!(area_of("MULTIPOLYGON EMPTY").is_sign_positive());
        assert!(length_of("GEOMETRYCOLLECTION EMPTY").is_sign_positive());
        assert_eq!(area_of("POLYGON((0 0,2 2,2 0,0 2,0 0))"), 0.0);
    }

    #[test]
    fn holes_larger_than_their_shell_measure_negative() {
        // GEOS (shapely 2.1) and PostGIS: |shell| - |hole| = 1 - 16, not its absolute value.
        assert_eq!(
            area_of("POLYGON((0 0,1 0,1 1,0 1,0 0),(0 0,0 4,4 4,4 0,0 0))"),
            -15.0
        );
    }

    #[test]
    fn agrees_with_geo_on_a_shifted_polygon() {
        let text = "POLYGON((1000000.1 2000000.2,1000004.7 2000000.3,1000003.9 2000005.1,1000000.1 2000000.2),(1000001 2000001,1000002 2000001.5,1000002 2000002,1000001 2000001))";
        let shape = crate::shape::to_shape(&crate::wkt_codec::parse(text).unwrap()).unwrap();
        assert_eq!(area_of(text), shape.unsigned_area());
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
        assert_eq!(length_of("POINT(1 1)"), 0.0);
        assert_eq!(length_of("LINESTRING EMPTY"), 0.0);
    }

    #[test]
    fn perimeters_match_postgis() {
        // PostGIS 3.3.2: ST_Perimeter(g).
        for (text, expected) in [
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 2,1 1))", 20.0),
            ("LINESTRING(0 0,3 4)", 0.0),
            (
                "GEOMETRYCOLLECTION(POLYGON((0 0,1 0,1 1,0 0)),LINESTRING(0 0,5 5))",
                3.414213562373095,
            ),
            ("POLYGON EMPTY", 0.0),
            (
                "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((0 0,2 0,2 2,0 0)))",
                10.242640687119284,
            ),
            ("POINT(1 1)", 0.0),
            (
                "GEOMETRYCOLLECTION(GEOMETRYCOLLECTION(POLYGON((0 0,3 0,3 4,0 0))))",
                12.0,
            ),
        ] {
            assert_eq!(perimeter(&geo(&wkb(text))), expected, "{text}");
        }
    }
}
