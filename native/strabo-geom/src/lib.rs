//! Geometry values and kernels for Strabo.
//!
//! A [`Geom`] is an SRID plus a geometry held in whichever form it arrived in (WKB borrowed
//! from a caller's buffer, owned WKB, parsed WKT, or a `geo` shape). Codecs read and write it
//! through `geo-traits` without loss of Z/M; measures and predicates run on a lazily built 2D
//! `geo` shape, which is how PostGIS, GEOS and JTS define them too.
//!
//! One module per operation; each kernel is a plain function over `&Geom`.
mod error;
mod geom;
mod shape;
mod wkb_codec;
mod wkt_codec;

pub mod accessors;
pub mod area;
pub mod constructors;
pub mod distance;
pub mod envelope;
pub mod length;
pub mod relate;

pub use error::GeomError;
pub use geom::{common_srid, Geom, GeometryVisitor};
