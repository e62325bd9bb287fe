//! The parts of a geometry.
use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, MultiLineStringTrait, MultiPointTrait,
    MultiPolygonTrait,
};
use wkb::writer::{write_line_string, write_point, write_polygon, WriteOptions};
use wkb::Endianness;

use crate::{Geo, GeometryVisitor};

/// Where [`dump`] writes the parts: one ISO WKB geometry between each `begin` and `end`.
pub trait WkbParts {
    /// Starts a part and returns the buffer to append its WKB to.
    fn begin(&mut self) -> &mut Vec<u8>;
    fn end(&mut self);
}

/// Writes every non-empty point, line string and polygon of `geometry`, in order, descending
/// into multi-geometries and collections (PostGIS's `ST_Dump`). Z and M are kept.
pub fn dump(geometry: &Geo, parts: &mut impl WkbParts) {
    geometry.visit(Dump { parts })
}

struct Dump<'p, P> {
    parts: &'p mut P,
}

const OPTIONS: WriteOptions = WriteOptions {
    endianness: Endianness::LittleEndian,
};

impl<P: WkbParts> GeometryVisitor for Dump<'_, P> {
    type Output = ();
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) {
        // Writing to a Vec cannot fail.
        let written = "ISO WKB can encode every part";
        let parts = self.parts;
        match geometry.as_type() {
            GeometryType::MultiPoint(points) => points.points().for_each(|point| {
                if geo_traits::PointTrait::coord(&point).is_some_and(|c| {
                    use geo_traits::CoordTrait;
                    !(c.x().is_nan() && c.y().is_nan())
                }) {
                    write_point(parts.begin(), &point, &OPTIONS).expect(written);
                    parts.end();
                }
            }),
            GeometryType::MultiLineString(lines) => lines.line_strings().for_each(|line| {
                if geo_traits::LineStringTrait::num_coords(&line) > 0 {
                    write_line_string(parts.begin(), &line, &OPTIONS).expect(written);
                    parts.end();
                }
            }),
            GeometryType::MultiPolygon(polygons) => polygons.polygons().for_each(|polygon| {
                if geo_traits::PolygonTrait::exterior(&polygon)
                    .is_some_and(|ring| geo_traits::LineStringTrait::num_coords(&ring) > 0)
                {
                    write_polygon(parts.begin(), &polygon, &OPTIONS).expect(written);
                    parts.end();
                }
            }),
            GeometryType::GeometryCollection(collection) => collection
                .geometries()
                .for_each(|part| Dump { parts: &mut *parts }.visit(&part)),
            _ => {
                if crate::value::bbox_of(geometry).is_some() {
                    crate::wkb_codec::Writer { out: parts.begin() }.visit(geometry);
                    parts.end();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    #[derive(Default)]
    struct Collected {
        current: Vec<u8>,
        texts: Vec<String>,
    }

    impl WkbParts for Collected {
        fn begin(&mut self) -> &mut Vec<u8> {
            self.current.clear();
            &mut self.current
        }
        fn end(&mut self) {
            self.texts.push(crate::wkt_codec::to_string(
                &Geo::read(&self.current).unwrap(),
            ));
        }
    }

    fn dump_of(text: &str) -> Vec<String> {
        let bytes = wkb(text);
        let mut parts = Collected::default();
        dump(&geo(&bytes), &mut parts);
        parts.texts
    }

    #[test]
    fn flattens_multis_and_collections() {
        assert_eq!(dump_of("POINT(1 2)"), ["POINT(1 2)"]);
        assert_eq!(
            dump_of("MULTIPOINT((0 0),(1 1))"),
            ["POINT(0 0)", "POINT(1 1)"]
        );
        assert_eq!(
            dump_of("MULTIPOINT Z((0 0 1),(1 1 2))"),
            ["POINT Z(0 0 1)", "POINT Z(1 1 2)"]
        );
        assert_eq!(
            dump_of("GEOMETRYCOLLECTION(POINT(1 2),MULTILINESTRING((0 0,1 1)),POLYGON((0 0,1 0,0 1,0 0)))"),
            ["POINT(1 2)", "LINESTRING(0 0,1 1)", "POLYGON((0 0,1 0,0 1,0 0))"]
        );
    }

    #[test]
    fn empty_parts_are_left_out() {
        assert!(dump_of("POINT EMPTY").is_empty());
        assert!(dump_of("GEOMETRYCOLLECTION EMPTY").is_empty());
        assert_eq!(
            dump_of("GEOMETRYCOLLECTION(POINT EMPTY,POINT(1 1))"),
            ["POINT(1 1)"]
        );
    }
}
