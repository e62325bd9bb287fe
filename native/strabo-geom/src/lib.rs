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
mod coords;
mod error;
mod noding;
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
pub mod ewkb;
pub mod ewkt;
pub mod geohash;
pub mod geojson;
pub mod gml;
pub mod hull;
pub mod kml;
pub mod lat_lon;
pub mod line_merge;
pub mod linear_ref;
pub mod make_valid;
pub mod measure;
pub mod nearest;
pub mod normalize;
pub mod overlay;
pub mod precision;
pub mod relate;
pub mod similarity;
pub mod simple;
pub mod simplify;
pub mod snap;
pub mod spherical;
pub mod subdivide;
pub mod triangulate;
pub mod union;
pub mod validity;
pub mod wkt_codec;

pub use error::{ArgError, GeomError};
pub use geo::{Coord, Rect};
pub use value::{CachedGeom, Geo, GeometryVisitor, Prepared};

/// Appends any `geo-traits` geometry as little-endian ISO WKB (Z and M kept).
pub fn write_wkb(geometry: &impl geo_traits::GeometryTrait<T = f64>, out: &mut Vec<u8>) {
    GeometryVisitor::visit(wkb_codec::Writer { out }, geometry)
}

#[cfg(test)]
pub(crate) mod testing;
