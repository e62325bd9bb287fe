//! Geometry values and kernels for Strabo.
//!
//! A [`Geo`] is one geometry as a kernel reads it: a point as two `f64`s, WKB read in place
//! through `geo-traits` (Z and M kept), or a constant [`Prepared`] once per task with its
//! shape, bounding box and point-in-polygon index. Kernels read coordinates in place where they
//! can, and build a 2D `geo` shape only for algorithms that need one, which is how PostGIS,
//! GEOS and JTS define measures and predicates too. SRIDs are not here: the executor keeps them
//! per column.
//!
//! One module per operation; each kernel is a plain function over `&Geo`.
mod coords;
mod error;
mod parts;
mod shape;
mod value;
mod wkb_codec;

pub mod accessors;
pub mod affine;
pub mod antimeridian;
pub mod boundary;
pub mod buffer;
pub mod centroid;
pub mod construct;
pub mod distance;
pub mod dump;
pub mod editing;
pub mod envelope;
pub mod geohash;
pub mod hull;
pub mod line_merge;
pub mod linear_ref;
pub mod measure;
pub mod nearest;
pub mod normalize;
pub mod relate;
pub mod similarity;
pub mod simplify;
pub mod snap;
pub mod spherical;
pub mod subdivide;
pub mod triangulate;
pub mod union;
pub mod wkt_codec;

pub use error::GeomError;
pub use geo::{Coord, Rect};
pub use value::{CachedGeom, Geo, GeometryVisitor, Prepared};

/// Appends any `geo-traits` geometry as little-endian ISO WKB (Z and M kept).
pub fn write_wkb(geometry: &impl geo_traits::GeometryTrait<T = f64>, out: &mut Vec<u8>) {
    GeometryVisitor::visit(wkb_codec::Writer { out }, geometry)
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::Geo;
    use geo::{Area, BoundingRect};

    /// ISO WKB of a WKT text.
    pub(crate) fn wkb(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        crate::write_wkb(&crate::wkt_codec::parse(text).unwrap(), &mut out);
        out
    }

    pub(crate) fn geo(bytes: &[u8]) -> Geo<'_> {
        Geo::read(bytes).unwrap()
    }

    pub(crate) fn text_of(geometry: &geo::Geometry<f64>) -> String {
        let mut out = Vec::new();
        crate::write_wkb(geometry, &mut out);
        crate::wkt_codec::to_string(&Geo::read(&out).unwrap())
    }

    /// Each polygon piece's bounding box and area, ordered by box.
    fn pieces(geometry: &geo::Geometry<f64>) -> Vec<([f64; 4], f64)> {
        let polygons = match geometry {
            geo::Geometry::Polygon(p) => vec![p.clone()],
            geo::Geometry::MultiPolygon(ps) => ps.0.clone(),
            other => panic!("not polygonal: {other:?}"),
        };
        let mut pieces: Vec<([f64; 4], f64)> = polygons
            .iter()
            .map(|p| {
                let b = p.bounding_rect().unwrap();
                (
                    [b.min().x, b.min().y, b.max().x, b.max().y],
                    p.unsigned_area(),
                )
            })
            .collect();
        pieces.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
        pieces
    }

    pub(crate) fn assert_pieces(
        found: &geo::Geometry<f64>,
        expected: &[([f64; 4], f64)],
        what: &str,
    ) {
        let found = pieces(found);
        assert_eq!(found.len(), expected.len(), "{what}: {found:?}");
        for ((bounds, area), (expected_bounds, expected_area)) in found.iter().zip(expected) {
            for (b, e) in bounds.iter().zip(expected_bounds) {
                assert!((b - e).abs() < 1e-9, "{what}: {found:?}");
            }
            assert!(
                (area - expected_area).abs() <= 1e-9 * expected_area,
                "{what}: {found:?}"
            );
        }
    }
}
