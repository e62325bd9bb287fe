//! Coordinates and counts read in place.
use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, MultiLineStringTrait,
    MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use crate::{Geo, GeometryVisitor};

/// X of a point; `None` for an empty point or any other geometry type.
pub fn x(geometry: &Geo) -> Option<f64> {
    point_xy(geometry).map(|(x, _)| x)
}

/// Y of a point; `None` for an empty point or any other geometry type.
pub fn y(geometry: &Geo) -> Option<f64> {
    point_xy(geometry).map(|(_, y)| y)
}

fn point_xy(geometry: &Geo) -> Option<(f64, f64)> {
    match geometry {
        Geo::Point(coord) => Some((coord.x, coord.y)),
        other => other.visit(PointXy),
    }
}

struct PointXy;

impl GeometryVisitor for PointXy {
    type Output = Option<(f64, f64)>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        use geo_traits::CoordTrait;
        match geometry.as_type() {
            GeometryType::Point(point) => point
                .coord()
                .map(|coord| (coord.x(), coord.y()))
                .filter(|(x, y)| !(x.is_nan() && y.is_nan())),
            _ => None,
        }
    }
}

/// The number of coordinates, closing points of rings included, as JTS's `getNumPoints`
/// counts them; an empty point counts 0.
pub fn num_points(geometry: &Geo) -> usize {
    match geometry {
        Geo::Point(_) => 1,
        Geo::Rect(_) => 5,
        other => other.visit(NumPoints),
    }
}

struct NumPoints;

impl GeometryVisitor for NumPoints {
    type Output = usize;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
        fn polygon(p: &impl PolygonTrait<T = f64>) -> usize {
            p.exterior().map_or(0, |r| r.num_coords())
                + p.interiors().map(|r| r.num_coords()).sum::<usize>()
        }
        match geometry.as_type() {
            GeometryType::Point(point) => PointXy.visit(point).is_some() as usize,
            GeometryType::LineString(line) => line.num_coords(),
            GeometryType::Polygon(p) => polygon(p),
            GeometryType::MultiPoint(points) => points
                .points()
                .filter(|p| PointXy.visit(p).is_some())
                .count(),
            GeometryType::MultiLineString(lines) => {
                lines.line_strings().map(|l| l.num_coords()).sum()
            }
            GeometryType::MultiPolygon(polygons) => polygons.polygons().map(|p| polygon(&p)).sum(),
            GeometryType::GeometryCollection(parts) => {
                parts.geometries().map(|part| NumPoints.visit(&part)).sum()
            }
            GeometryType::Rect(_) => 5,
            GeometryType::Triangle(_) => 4,
            GeometryType::Line(_) => 2,
        }
    }
}

/// The number of members of a multi-geometry or collection (empty members included); 1 for any
/// other non-empty geometry, and 0 for an empty one, as PostGIS counts them.
pub fn num_geometries(geometry: &Geo) -> usize {
    match geometry {
        Geo::Point(_) | Geo::Rect(_) => 1,
        other if other.is_empty() => 0,
        other => other.visit(NumGeometries),
    }
}

struct NumGeometries;

impl GeometryVisitor for NumGeometries {
    type Output = usize;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> usize {
        match geometry.as_type() {
            GeometryType::MultiPoint(points) => points.num_points(),
            GeometryType::MultiLineString(lines) => lines.num_line_strings(),
            GeometryType::MultiPolygon(polygons) => polygons.num_polygons(),
            GeometryType::GeometryCollection(parts) => parts.num_geometries(),
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn xy(text: &str) -> (Option<f64>, Option<f64>) {
        let bytes = wkb(text);
        let g = geo(&bytes);
        (x(&g), y(&g))
    }

    #[test]
    fn points_only() {
        assert_eq!(xy("POINT(1 2)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT Z (1 2 3)"), (Some(1.0), Some(2.0)));
        assert_eq!(xy("POINT EMPTY"), (None, None));
        assert_eq!(xy("LINESTRING(0 0,1 1)"), (None, None));
    }

    #[test]
    fn counts_members_as_postgis_does() {
        for (text, expected) in [
            ("POINT(1 2)", 1),
            ("POINT EMPTY", 0),
            ("POLYGON((0 0,1 0,1 1,0 0))", 1),
            ("LINESTRING EMPTY", 0),
            ("MULTIPOINT((0 0),(1 1),(2 2))", 3),
            ("MULTILINESTRING((0 0,1 1),(2 2,3 3))", 2),
            ("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))", 2),
            ("MULTIPOLYGON EMPTY", 0),
            ("GEOMETRYCOLLECTION(POINT(1 1),LINESTRING EMPTY)", 2),
            (
                "GEOMETRYCOLLECTION(POINT(1 1),GEOMETRYCOLLECTION(POINT(2 2),POINT(3 3)))",
                2,
            ),
            ("GEOMETRYCOLLECTION EMPTY", 0),
        ] {
            assert_eq!(num_geometries(&geo(&wkb(text))), expected, "{text}");
        }
    }

    #[test]
    fn counts_points_as_jts_does() {
        for (text, expected) in [
            ("POINT(1 2)", 1),
            ("POINT EMPTY", 0),
            ("LINESTRING(0 0,1 1,2 2)", 3),
            ("POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))", 9),
            ("MULTIPOINT((0 0),(1 1))", 2),
            ("GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))", 3),
            ("GEOMETRYCOLLECTION EMPTY", 0),
        ] {
            assert_eq!(num_points(&geo(&wkb(text))), expected, "{text}");
        }
    }
}
