//! The OGC boundary (`ST_Boundary`), with GEOS's semantics.
use std::collections::BTreeMap;

use crate::parts::{empty_collection, finite_shape, kind_of, Kind};
use crate::{Geo, GeomError};
use geo::{Coord, Geometry, LineString, MultiLineString, MultiPoint, Point};

/// The boundary of `geometry` (`ST_Boundary`), as GEOS computes it:
/// - points and multipoints: `GEOMETRYCOLLECTION EMPTY` (a point has no boundary);
/// - a line: its two endpoints as a `MULTIPOINT`, or `MULTIPOINT EMPTY` if it is closed;
/// - a multilinestring: the endpoints that end an odd number of its lines (the mod-2 rule),
///   as a `MULTIPOINT` in x-then-y order;
/// - a polygon: its shell as a `LINESTRING` if it has no holes, else all its rings as a
///   `MULTILINESTRING`; a multipolygon: all its rings as a `MULTILINESTRING`.
///
/// EMPTY inputs give the empty form of what their type would give (`LINESTRING EMPTY` gives
/// `MULTIPOINT EMPTY`, `POLYGON EMPTY` gives `MULTILINESTRING EMPTY`, ...). A
/// `GEOMETRYCOLLECTION`, empty or not, has none: `None` (NULL), as GEOS (shapely) answers and
/// PostGIS documents ("unsupported input"); JTS raises. Rings are not checked for validity.
/// NaN or infinite coordinates are refused.
pub fn boundary(geometry: &Geo) -> Result<Option<Geometry<f64>>, GeomError> {
    let kind = kind_of(geometry);
    let shape = finite_shape(geometry)?;
    let rings_of = |polygons: &mut dyn Iterator<Item = &geo::Polygon<f64>>| {
        let mut rings = Vec::new();
        for polygon in polygons {
            rings.push(polygon.exterior().clone());
            rings.extend(
                polygon
                    .interiors()
                    .iter()
                    .filter(|r| !r.0.is_empty())
                    .cloned(),
            );
        }
        rings
    };
    Ok(Some(match (kind, shape.as_deref()) {
        (Kind::Point | Kind::MultiPoint, _) => empty_collection(),
        (Kind::Line, Some(Geometry::LineString(line))) => line_boundary(std::slice::from_ref(line)),
        (Kind::Lines, Some(Geometry::MultiLineString(lines))) => line_boundary(&lines.0),
        (Kind::Line | Kind::Lines, _) => Geometry::MultiPoint(MultiPoint(Vec::new())),
        (Kind::Polygon, Some(Geometry::Polygon(polygon))) => {
            let rings = rings_of(&mut std::iter::once(polygon));
            if rings.len() == 1 {
                Geometry::LineString(rings.into_iter().next().expect("a shell"))
            } else {
                Geometry::MultiLineString(MultiLineString(rings))
            }
        }
        (Kind::Polygons, Some(Geometry::MultiPolygon(polygons))) => {
            Geometry::MultiLineString(MultiLineString(rings_of(
                &mut polygons.iter().filter(|p| !p.exterior().0.is_empty()),
            )))
        }
        (Kind::Polygon | Kind::Polygons, _) => {
            Geometry::MultiLineString(MultiLineString(Vec::new()))
        }
        (Kind::Collection, _) => return Ok(None),
    }))
}

/// The endpoints that end an odd number of `lines`, in x-then-y order.
fn line_boundary(lines: &[LineString<f64>]) -> Geometry<f64> {
    let mut ends: BTreeMap<(OrderedF64, OrderedF64), usize> = BTreeMap::new();
    for line in lines.iter().filter(|l| !l.0.is_empty()) {
        for end in [line.0[0], line.0[line.0.len() - 1]] {
            *ends
                .entry((OrderedF64(end.x), OrderedF64(end.y)))
                .or_default() += 1;
        }
    }
    Geometry::MultiPoint(MultiPoint(
        ends.into_iter()
            .filter(|(_, count)| count % 2 == 1)
            .map(|((x, y), _)| Point(Coord { x: x.0, y: y.0 }))
            .collect(),
    ))
}

/// A finite coordinate, ordered as numbers are.
#[derive(Clone, Copy, PartialEq)]
struct OrderedF64(f64);

impl Eq for OrderedF64 {}
impl PartialOrd for OrderedF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for OrderedF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // -0.0 and 0.0 are one point.
        (self.0 + 0.0).total_cmp(&(other.0 + 0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::testing::assert_same_parts;
    use crate::testing::{geo, text_of, wkb};

    fn boundary_of(text: &str) -> Geometry<f64> {
        boundary(&geo(&wkb(text))).unwrap().unwrap()
    }

    /// Oracle: shapely 2.1.2 (GEOS 3.13.1), `shapely.boundary(g)`; PostGIS 3.3.2 agrees but
    /// for points (`POINT EMPTY`, `MULTIPOINT EMPTY`).
    #[test]
    fn agrees_with_geos() {
        for (text, expected) in [
            ("POINT EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("LINESTRING EMPTY", "MULTIPOINT EMPTY"),
            ("POLYGON EMPTY", "MULTILINESTRING EMPTY"),
            ("MULTIPOINT EMPTY", "GEOMETRYCOLLECTION EMPTY"),
            ("MULTILINESTRING EMPTY", "MULTIPOINT EMPTY"),
            ("MULTIPOLYGON EMPTY", "MULTILINESTRING EMPTY"),
            ("POINT(1 2)", "GEOMETRYCOLLECTION EMPTY"),
            ("MULTIPOINT(0 0,1 1,2 2)", "GEOMETRYCOLLECTION EMPTY"),
            ("LINESTRING(0 0,1 1)", "MULTIPOINT(0 0,1 1)"),
            ("LINESTRING(0 0,1 1,0 0)", "MULTIPOINT EMPTY"),
            ("LINESTRING(0 0,1 0,1 1,0 0)", "MULTIPOINT EMPTY"),
            (
                "MULTILINESTRING((0 0,1 0),(1 0,1 1))",
                "MULTIPOINT(0 0,1 1)",
            ),
            (
                "MULTILINESTRING((0 0,1 0),(1 0,1 1),(1 0,2 0))",
                "MULTIPOINT(0 0,1 0,1 1,2 0)",
            ),
            (
                "POLYGON((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
                "MULTILINESTRING((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))",
            ),
            (
                "MULTIPOLYGON(((0 0,1 0,0 1,0 0)),((5 5,6 5,5 6,5 5)))",
                "MULTILINESTRING((0 0,1 0,0 1,0 0),(5 5,6 5,5 6,5 5))",
            ),
            ("POLYGON((0 0,1 1,2 2,0 0))", "LINESTRING(0 0,1 1,2 2,0 0)"),
        ] {
            let result = boundary_of(text);
            assert_same_parts(&result, expected);
            if expected.ends_with("EMPTY") {
                assert_eq!(text_of(&result), expected, "{text}");
            } else {
                assert_eq!(
                    text_of(&result).split('(').next(),
                    expected.split('(').next(),
                    "{text}"
                );
            }
        }
    }

    /// shapely 2.1.2 (GEOS 3.13.1): `shapely.boundary` is None for every collection.
    #[test]
    fn collections_have_none() {
        for text in [
            "GEOMETRYCOLLECTION(POINT(5 5),LINESTRING(0 0,1 0))",
            "GEOMETRYCOLLECTION(POINT EMPTY)",
            "GEOMETRYCOLLECTION EMPTY",
        ] {
            assert_eq!(boundary(&geo(&wkb(text))), Ok(None), "{text}");
        }
    }

    #[test]
    fn nan_coordinates_are_refused() {
        let mut nan = wkb("LINESTRING(0 0,1 1)");
        nan[9..17].copy_from_slice(&f64::NAN.to_le_bytes());
        assert!(boundary(&geo(&nan)).is_err());
    }
}
