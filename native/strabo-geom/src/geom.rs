use std::fmt;
use std::sync::OnceLock;

use geo::indexed::IntervalTreeMultiPolygon;
use geo::orient::Direction;
use geo::{BoundingRect, Orient, Rect};
use geo_traits::GeometryTrait;
use wkb::reader::Wkb;

use crate::shape::to_shape;
use crate::{wkb_codec, wkt_codec, GeomError};

/// A geometry value: an SRID plus the geometry in the form it arrived in.
///
/// Encoded geometries (WKB, WKT) keep Z and M for codecs; the 2D `geo` shape that measures and
/// predicates need is built on first use and kept, so a value used by several kernels is
/// converted once. Kernel results are shapes from the start.
pub struct Geom<'a> {
    srid: i32,
    form: Form<'a>,
    /// Search structures of a value reused across rows (a constant), built when it is prepared.
    prepared: Option<Box<Prepared>>,
}

enum Form<'a> {
    /// A 2D result of a kernel; `None` is empty.
    Shape(Option<geo::Geometry<f64>>),
    /// An encoded geometry and, once needed, its 2D shape. Boxed to keep values small: they
    /// move through every node of a program.
    Encoded(Box<Encoded<'a>>),
}

struct Encoded<'a> {
    source: Source<'a>,
    /// `None` inside means the geometry is empty.
    shape: OnceLock<Option<geo::Geometry<f64>>>,
}

enum Source<'a> {
    /// Validated WKB borrowed from the caller's buffer.
    Wkb(Wkb<'a>),
    /// Validated WKB owned by the value; reparsed (cheaply, without copying) on use.
    OwnedWkb(Box<[u8]>),
    /// Parsed WKT; keeps Z and M.
    Wkt(wkt::Wkt<f64>),
}

/// Acceleration structures for a geometry that is tested against many others.
pub(crate) struct Prepared {
    pub(crate) bbox: Option<Rect<f64>>,
    /// Point-in-polygon index, for polygonal geometries only.
    pub(crate) polygon_index: Option<IntervalTreeMultiPolygon<f64>>,
}

/// Reads a geometry through `geo-traits`, whatever form it is held in.
pub trait GeometryVisitor {
    type Output;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output;
}

impl<'a> Geom<'a> {
    /// Validates `bytes` as ISO WKB or EWKB and borrows them. An SRID in an EWKB header is
    /// ignored: the SRID is the caller's, so that it always agrees with the column's type.
    pub fn from_wkb(srid: i32, bytes: &'a [u8]) -> Result<Self, GeomError> {
        Ok(Self::encoded(
            srid,
            Source::Wkb(wkb_codec::validate(bytes)?),
        ))
    }

    /// Like [`Geom::from_wkb`], taking ownership of the bytes.
    pub fn from_owned_wkb(srid: i32, bytes: Vec<u8>) -> Result<Geom<'static>, GeomError> {
        wkb_codec::validate(&bytes)?;
        Ok(Geom::encoded(
            srid,
            Source::OwnedWkb(bytes.into_boxed_slice()),
        ))
    }

    /// Parses WKT (keeping Z and M); the SRID is 0 unless given.
    pub fn from_wkt(srid: i32, text: &str) -> Result<Geom<'static>, GeomError> {
        Ok(Geom::encoded(srid, Source::Wkt(wkt_codec::parse(text)?)))
    }

    /// Wraps a 2D kernel result. `None` is an empty geometry.
    pub fn from_shape(srid: i32, shape: Option<geo::Geometry<f64>>) -> Geom<'static> {
        Geom {
            srid,
            form: Form::Shape(shape),
            prepared: None,
        }
    }

    fn encoded(srid: i32, source: Source<'a>) -> Self {
        let encoded = Box::new(Encoded {
            source,
            shape: OnceLock::new(),
        });
        Self {
            srid,
            form: Form::Encoded(encoded),
            prepared: None,
        }
    }

    /// An owned copy that no longer borrows the caller's buffer, with its shape and search
    /// structures built now, so that every later row finds them ready.
    pub fn into_prepared(self) -> Result<Geom<'static>, GeomError> {
        let owned = self.into_owned();
        let shape = owned.shape()?;
        // The index counts winding numbers, so holes must wind against their shells.
        let polygon_index = match shape {
            Some(geo::Geometry::Polygon(polygon)) => {
                Some(IntervalTreeMultiPolygon::new(&geo::MultiPolygon(vec![
                    polygon.orient(Direction::Default),
                ])))
            }
            Some(geo::Geometry::MultiPolygon(polygons)) => Some(IntervalTreeMultiPolygon::new(
                &polygons.orient(Direction::Default),
            )),
            _ => None,
        };
        let bbox = shape.and_then(|shape| shape.bounding_rect());
        Ok(Geom {
            prepared: Some(Box::new(Prepared {
                bbox,
                polygon_index,
            })),
            ..owned
        })
    }

    /// An owned copy that no longer borrows the caller's buffer.
    fn into_owned(self) -> Geom<'static> {
        let form = match self.form {
            Form::Shape(shape) => Form::Shape(shape),
            Form::Encoded(encoded) => {
                let Encoded { source, shape } = *encoded;
                let source = match source {
                    Source::Wkb(wkb) => Source::OwnedWkb(wkb.buf().into()),
                    Source::OwnedWkb(bytes) => Source::OwnedWkb(bytes),
                    Source::Wkt(wkt) => Source::Wkt(wkt),
                };
                Form::Encoded(Box::new(Encoded { source, shape }))
            }
        };
        Geom {
            srid: self.srid,
            form,
            prepared: self.prepared,
        }
    }

    pub fn srid(&self) -> i32 {
        self.srid
    }

    /// Reads the geometry through `geo-traits` (with Z/M if it has them).
    pub fn visit<V: GeometryVisitor>(&self, visitor: V) -> Result<V::Output, GeomError> {
        match &self.form {
            Form::Shape(Some(shape)) => Ok(visitor.visit(shape)),
            Form::Shape(None) => Ok(visitor.visit(&empty_collection())),
            Form::Encoded(encoded) => match &encoded.source {
                Source::Wkb(wkb) => Ok(visitor.visit(wkb)),
                Source::OwnedWkb(bytes) => Ok(visitor.visit(&wkb_codec::validate(bytes)?)),
                Source::Wkt(wkt) => Ok(visitor.visit(wkt)),
            },
        }
    }

    /// The 2D `geo` shape, or `None` if the geometry is empty.
    pub fn shape(&self) -> Result<Option<&geo::Geometry<f64>>, GeomError> {
        match &self.form {
            Form::Shape(shape) => Ok(shape.as_ref()),
            Form::Encoded(encoded) => {
                let shape = &encoded.shape;
                if let Some(shape) = shape.get() {
                    return Ok(shape.as_ref());
                }
                let built = self.visit(ShapeBuilder)?;
                Ok(shape.get_or_init(|| built).as_ref())
            }
        }
    }

    pub fn is_empty(&self) -> Result<bool, GeomError> {
        Ok(self.shape()?.is_none())
    }

    /// The 2D bounding box, or `None` if the geometry is empty.
    pub fn bbox(&self) -> Result<Option<Rect<f64>>, GeomError> {
        match &self.prepared {
            Some(prepared) => Ok(prepared.bbox),
            None => Ok(self.shape()?.and_then(|shape| shape.bounding_rect())),
        }
    }

    pub(crate) fn prepared(&self) -> Option<&Prepared> {
        self.prepared.as_deref()
    }

    /// ISO WKB, little-endian, with Z/M kept.
    pub fn to_wkb(&self) -> Result<Vec<u8>, GeomError> {
        let mut out = Vec::new();
        self.append_wkb(&mut out)?;
        Ok(out)
    }

    /// Appends ISO WKB (little-endian, Z/M kept) to `out`.
    pub fn append_wkb(&self, out: &mut Vec<u8>) -> Result<(), GeomError> {
        self.visit(wkb_codec::Writer { out })?
    }

    /// WKT as PostGIS prints it, e.g. `POINT(1 2)`, with Z/M kept.
    pub fn to_wkt(&self) -> Result<String, GeomError> {
        self.visit(wkt_codec::Writer)?
    }
}

impl fmt::Debug for Geom<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_wkt() {
            Ok(wkt) => write!(f, "Geom(srid={}, {wkt})", self.srid),
            Err(err) => write!(f, "Geom(srid={}, <{err}>)", self.srid),
        }
    }
}

fn empty_collection() -> geo::Geometry<f64> {
    geo::Geometry::GeometryCollection(geo::GeometryCollection(Vec::new()))
}

struct ShapeBuilder;

impl GeometryVisitor for ShapeBuilder {
    type Output = Option<geo::Geometry<f64>>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        to_shape(geometry)
    }
}

/// Both geometries must share an SRID, as in PostGIS; returns it.
pub fn common_srid(a: &Geom, b: &Geom) -> Result<i32, GeomError> {
    if a.srid() == b.srid() {
        Ok(a.srid())
    } else {
        Err(GeomError::MixedSrid(a.srid(), b.srid()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wkt_round_trips_through_wkb_with_z() {
        let geom = Geom::from_wkt(0, "POINT Z (1 2 3)").unwrap();
        let wkb = geom.to_wkb().unwrap();
        let back = Geom::from_wkb(0, &wkb).unwrap();
        assert_eq!(back.to_wkt().unwrap(), "POINT Z(1 2 3)");
    }

    #[test]
    fn empty_geometries_have_no_shape() {
        for text in [
            "POINT EMPTY",
            "POLYGON EMPTY",
            "GEOMETRYCOLLECTION(POINT EMPTY)",
        ] {
            let geom = Geom::from_wkt(0, text).unwrap();
            assert!(geom.is_empty().unwrap(), "{text}");
            assert_eq!(geom.bbox().unwrap(), None);
        }
    }

    #[test]
    fn prepared_constants_keep_srid_and_form() {
        let geom = Geom::from_wkt(4326, "POLYGON((0 0,4 0,4 4,0 4,0 0))").unwrap();
        let prepared = geom.into_prepared().unwrap();
        assert_eq!(prepared.srid(), 4326);
        let index = prepared.prepared().unwrap();
        assert!(index.polygon_index.is_some());
        assert_eq!(prepared.to_wkt().unwrap(), "POLYGON((0 0,4 0,4 4,0 4,0 0))");
    }

    #[test]
    fn mixed_srids_are_refused() {
        let a = Geom::from_wkt(4326, "POINT(0 0)").unwrap();
        let b = Geom::from_wkt(0, "POINT(0 0)").unwrap();
        assert_eq!(common_srid(&a, &b), Err(GeomError::MixedSrid(4326, 0)));
    }
}
