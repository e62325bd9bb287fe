//! Strict WKB reading and ISO WKB writing, on top of the `wkb` crate.
//!
//! The `wkb` crate reads nested geometries with their parent's byte order and dimension and
//! maps unknown type codes onto known ones, so before handing a buffer to it we check every
//! header ourselves: type codes, dimensions, byte orders and trailing bytes.
use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, MultiLineStringTrait, MultiPointTrait,
    MultiPolygonTrait,
};
use std::io::ErrorKind;
use wkb::error::WkbError;
use wkb::reader::Wkb;
use wkb::writer::{write_geometry, WriteOptions};
use wkb::Endianness;

use crate::{GeomError, GeometryVisitor};

const EWKB_Z: u32 = 0x8000_0000;
const EWKB_M: u32 = 0x4000_0000;
const EWKB_SRID: u32 = 0x2000_0000;

/// Geometry type (1 = Point … 7 = GeometryCollection) and dimension flags of one header.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Header {
    byte_order: u8,
    base_type: u32,
    has_z: bool,
    has_m: bool,
    has_srid: bool,
}

fn header(buf: &[u8]) -> Result<Header, GeomError> {
    let Some(&byte_order) = buf.first() else {
        return Err(GeomError::InvalidWkb("empty buffer".into()));
    };
    let code_bytes: [u8; 4] = buf
        .get(1..5)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| GeomError::InvalidWkb(format!("truncated header ({} bytes)", buf.len())))?;
    let code = match byte_order {
        0 => u32::from_be_bytes(code_bytes),
        1 => u32::from_le_bytes(code_bytes),
        other => return Err(GeomError::InvalidWkb(format!("unknown byte order {other}"))),
    };
    let flags = code & (EWKB_Z | EWKB_M | EWKB_SRID);
    let (base_type, has_z, has_m) = if flags != 0 {
        (code & !flags, code & EWKB_Z != 0, code & EWKB_M != 0)
    } else {
        let dims = code / 1000;
        (code % 1000, dims == 1 || dims == 3, dims == 2 || dims == 3)
    };
    if !(1..=7).contains(&base_type) || (flags == 0 && code > 3007) {
        return Err(GeomError::InvalidWkb(format!(
            "unknown geometry type code {code}"
        )));
    }
    Ok(Header {
        byte_order,
        base_type,
        has_z,
        has_m,
        has_srid: code & EWKB_SRID != 0,
    })
}

/// Parses `buf` as one complete WKB or EWKB geometry.
pub(crate) fn validate(buf: &[u8]) -> Result<Wkb<'_>, GeomError> {
    let top = header(buf)?;
    let wkb = Wkb::try_new(buf).map_err(|err| match err {
        WkbError::IOError(io) if io.kind() == ErrorKind::UnexpectedEof => GeomError::InvalidWkb(
            format!("truncated: {} bytes end inside the geometry", buf.len()),
        ),
        other => GeomError::InvalidWkb(other.to_string()),
    })?;
    let used = wkb.buf().len();
    if used != buf.len() {
        return Err(GeomError::InvalidWkb(format!(
            "{} trailing bytes after a complete geometry of {used} bytes",
            buf.len() - used
        )));
    }
    check_members(&wkb, top)?;
    check_point_counts(&wkb)?;
    Ok(wkb)
}

/// Refuses what PostGIS and JTS refuse when they read a geometry, and what `geo`'s algorithms
/// panic on: a line string of one point, and a polygon ring that is not closed or has fewer than
/// four points. Empty lines and rings are fine.
pub(crate) fn check_point_counts<G: GeometryTrait<T = f64>>(geometry: &G) -> Result<(), GeomError> {
    use geo_traits::{
        CoordTrait, GeometryCollectionTrait, LineStringTrait, MultiLineStringTrait,
        MultiPolygonTrait, PolygonTrait,
    };
    fn line<L: LineStringTrait<T = f64>>(line: &L) -> Result<(), GeomError> {
        match line.num_coords() {
            1 => Err(GeomError::InvalidGeometry(
                "a line string needs at least 2 points, got 1".into(),
            )),
            _ => Ok(()),
        }
    }
    fn ring<L: LineStringTrait<T = f64>>(ring: &L) -> Result<(), GeomError> {
        let n = ring.num_coords();
        if n == 0 {
            return Ok(());
        }
        if n < 4 {
            return Err(GeomError::InvalidGeometry(format!(
                "a polygon ring needs at least 4 points, got {n}"
            )));
        }
        // NaN ends meet too: a box with a NaN side is still written as a closed ring.
        let same = |p: f64, q: f64| p == q || (p.is_nan() && q.is_nan());
        match (ring.coord(0), ring.coord(n - 1)) {
            (Some(a), Some(b)) if same(a.x(), b.x()) && same(a.y(), b.y()) => Ok(()),
            _ => Err(GeomError::InvalidGeometry(
                "a polygon ring must end where it starts".into(),
            )),
        }
    }
    fn polygon<P: PolygonTrait<T = f64>>(polygon: &P) -> Result<(), GeomError> {
        polygon.exterior().map_or(Ok(()), |shell| ring(&shell))?;
        polygon.interiors().try_for_each(|hole| ring(&hole))
    }
    match geometry.as_type() {
        GeometryType::LineString(l) => line(l),
        GeometryType::Polygon(p) => polygon(p),
        GeometryType::MultiLineString(ls) => ls.line_strings().try_for_each(|l| line(&l)),
        GeometryType::MultiPolygon(ps) => ps.polygons().try_for_each(|p| polygon(&p)),
        GeometryType::GeometryCollection(parts) => parts
            .geometries()
            .try_for_each(|part| check_point_counts(&part)),
        _ => Ok(()),
    }
}

/// Members of a multi-geometry must be of the member type, with the parent's byte order and
/// dimensions (the `wkb` crate reads them that way); collection members may be anything.
fn check_members(wkb: &Wkb<'_>, parent: Header) -> Result<(), GeomError> {
    let check = |member: &[u8], base_type: Option<u32>| -> Result<Header, GeomError> {
        let header = header(member)?;
        if header.has_srid {
            return Err(GeomError::InvalidWkb("SRID on a nested geometry".into()));
        }
        if header.byte_order != parent.byte_order {
            return Err(GeomError::InvalidWkb(
                "mixed byte orders in one geometry".into(),
            ));
        }
        if (header.has_z, header.has_m) != (parent.has_z, parent.has_m) {
            return Err(GeomError::InvalidWkb(
                "mixed dimensions in one geometry".into(),
            ));
        }
        if let Some(expected) = base_type.filter(|&expected| expected != header.base_type) {
            return Err(GeomError::InvalidWkb(format!(
                "member of type code {} where type code {expected} is required",
                header.base_type
            )));
        }
        Ok(header)
    };
    match wkb.as_type() {
        // The wkb crate reads every point of a MULTIPOINT with the parent's dimensions and
        // panics on one whose header says otherwise, so the headers are checked in the bytes,
        // where each point takes the same room: a header, then its coordinates.
        GeometryType::MultiPoint(_) => {
            let buf = wkb.buf();
            let start = 9 + if parent.has_srid { 4 } else { 0 };
            let size = 5 + 8 * (2 + parent.has_z as usize + parent.has_m as usize);
            (start..buf.len())
                .step_by(size)
                .try_for_each(|at| check(&buf[at..], Some(1)).map(drop))
        }
        GeometryType::MultiLineString(lines) => lines
            .line_strings()
            .try_for_each(|line| check(line.buf(), Some(2)).map(drop)),
        GeometryType::MultiPolygon(polygons) => polygons
            .polygons()
            .try_for_each(|polygon| check(polygon.buf(), Some(3)).map(drop)),
        GeometryType::GeometryCollection(collection) => {
            collection.geometries().try_for_each(|member| {
                let header = check(member.buf(), None)?;
                check_members(member, header)
            })
        }
        _ => Ok(()),
    }
}

/// Appends ISO WKB in little-endian order, as Spark and GeoParquet expect.
pub(crate) struct Writer<'o> {
    pub(crate) out: &'o mut Vec<u8>,
}

impl GeometryVisitor for Writer<'_> {
    type Output = ();
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) {
        if let GeometryType::Rect(rect) = geometry.as_type() {
            return write_rect_polygon(self.out, rect);
        }
        self.out.reserve(wkb::writer::geometry_wkb_size(geometry));
        let options = WriteOptions {
            endianness: Endianness::LittleEndian,
        };
        // Writing to a Vec cannot fail, and every geometry here has a known dimension.
        write_geometry(self.out, geometry, &options)
            .expect("ISO WKB can encode every geometry Strabo holds");
    }
}

/// A box as a 2D polygon in PostGIS's vertex order: (xmin ymin, xmin ymax, xmax ymax,
/// xmax ymin, xmin ymin). The `wkb` crate's own `write_rect` (0.9.3) leaves out the ring's
/// point count, so boxes are written here.
pub(crate) fn write_rect_polygon(out: &mut Vec<u8>, rect: &impl geo_traits::RectTrait<T = f64>) {
    use geo_traits::CoordTrait;
    let (min, max) = (rect.min(), rect.max());
    let (x0, y0, x1, y1) = (min.x(), min.y(), max.x(), max.y());
    out.reserve(93);
    out.push(1);
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&5u32.to_le_bytes());
    for (x, y) in [(x0, y0), (x0, y1), (x1, y1), (x1, y0), (x0, y0)] {
        out.extend_from_slice(&x.to_le_bytes());
        out.extend_from_slice(&y.to_le_bytes());
    }
}

/// The coordinates of a 2D, non-empty, little- or big-endian ISO WKB point, without going
/// through the WKB reader: most geometries in a point column take this path.
#[inline]
pub(crate) fn point_2d(buf: &[u8]) -> Option<geo::Coord<f64>> {
    let bytes: &[u8; 21] = buf.try_into().ok()?;
    let (x, y) = match (bytes[0], &bytes[1..5]) {
        (1, [1, 0, 0, 0]) => (
            f64::from_le_bytes(bytes[5..13].try_into().ok()?),
            f64::from_le_bytes(bytes[13..21].try_into().ok()?),
        ),
        (0, [0, 0, 0, 1]) => (
            f64::from_be_bytes(bytes[5..13].try_into().ok()?),
            f64::from_be_bytes(bytes[13..21].try_into().ok()?),
        ),
        _ => return None,
    };
    // NaN coordinates are WKB's empty point.
    (!(x.is_nan() && y.is_nan())).then_some(geo::Coord { x, y })
}

/// Whether validated WKB is already little-endian ISO WKB throughout (no EWKB flags or SRID in
/// any header), so that it can be copied as it is.
pub(crate) fn is_canonical(wkb: &Wkb<'_>) -> bool {
    let iso_le = |buf: &[u8]| {
        buf.first() == Some(&1)
            && buf
                .get(1..5)
                .and_then(|code| <[u8; 4]>::try_from(code).ok())
                .is_some_and(|code| u32::from_le_bytes(code) & (EWKB_Z | EWKB_M | EWKB_SRID) == 0)
    };
    iso_le(wkb.buf())
        && match wkb.as_type() {
            GeometryType::MultiPoint(points) => points.points().all(|p| iso_le(p.buf())),
            GeometryType::MultiLineString(lines) => lines.line_strings().all(|l| iso_le(l.buf())),
            GeometryType::MultiPolygon(polygons) => polygons.polygons().all(|p| iso_le(p.buf())),
            GeometryType::GeometryCollection(collection) => {
                collection.geometries().all(is_canonical)
            }
            _ => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len() / 2)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    const POINT_1_2: &str = "0101000000000000000000F03F0000000000000040";

    #[test]
    fn reads_little_and_big_endian_and_ewkb() {
        assert!(validate(&hex(POINT_1_2)).is_ok());
        assert!(validate(&hex("00000000013FF00000000000004000000000000000")).is_ok());
        let ewkb = hex("0101000020E6100000000000000000F03F0000000000000040");
        assert!(validate(&ewkb).is_ok());
    }

    #[test]
    fn refuses_truncated_unknown_and_trailing() {
        let point = hex(POINT_1_2);
        for cut in [0, 1, 4, 5, 12, point.len() - 1] {
            assert!(
                matches!(validate(&point[..cut]), Err(GeomError::InvalidWkb(_))),
                "cut {cut}"
            );
        }
        let unknown = hex("01FF000000000000000000F03F0000000000000040");
        assert_eq!(
            validate(&unknown).unwrap_err(),
            GeomError::InvalidWkb("unknown geometry type code 255".into())
        );
        assert!(validate(&hex("05010000000000000000F03F0000000000000040")).is_err());
        let mut trailing = point.clone();
        trailing.extend([0, 0]);
        assert_eq!(
            validate(&trailing).unwrap_err(),
            GeomError::InvalidWkb("2 trailing bytes after a complete geometry of 21 bytes".into())
        );
    }

    #[test]
    fn refuses_wrong_member_types() {
        // MULTIPOINT whose single member claims to be a LINESTRING.
        let bad = hex("0104000000010000000102000000000000000000F03F0000000000000040");
        assert!(
            matches!(validate(&bad), Err(GeomError::InvalidWkb(msg)) if msg.contains("member"))
        );
    }

    #[test]
    fn huge_counts_fail_cleanly() {
        assert!(validate(&hex("0102000000FFFFFF7F")).is_err());
    }
}
