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
//!
//! Codecs for the formats users read and write (`ewkb`, `ewkt`, `geojson`, `gml`, `kml`, and
//! `wkt_codec`): readers append ISO WKB to a `Vec<u8>` (keeping Z and M where the format has
//! them, which a `geo::Geometry` could not) and return the SRID the input names; writers take a
//! `&Geo` and the SRID.
mod codec_support;
mod error;
mod shape;
mod value;
mod wkb_codec;

pub mod accessors;
pub mod buffer;
pub mod distance;
pub mod dump;
pub mod envelope;
pub mod ewkb;
pub mod ewkt;
pub mod geohash;
pub mod geojson;
pub mod gml;
pub mod kml;
pub mod lat_lon;
pub mod measure;
pub mod relate;
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
}
