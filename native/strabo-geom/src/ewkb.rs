//! PostGIS's extended WKB (EWKB): `st_geomFromEWKB`, `st_asEWKB`, `st_asHexEWKB`.
//!
//! EWKB marks Z, M and an SRID with flags in the high bits of the type code (`0x80000000`,
//! `0x40000000`, `0x20000000`) where ISO WKB adds 1000, 2000 or 3000 to it, and holds the SRID
//! as an `i32` right after the top-level type code; nested parts carry no SRID. Strabo keeps
//! geometries as ISO WKB and their SRID beside them (docs/architecture.md, "Values at the
//! boundary"), so reading EWKB gives both, and writing takes both.
use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, MultiLineStringTrait,
    MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use crate::codec_support::{has_z_m, standard_form, Ordinates};
use crate::{Geo, GeomError, GeometryVisitor};

const Z_FLAG: u32 = 0x8000_0000;
const M_FLAG: u32 = 0x4000_0000;
const SRID_FLAG: u32 = 0x2000_0000;

/// Reads EWKB (either byte order; ISO WKB too, which has no SRID), appends the geometry to
/// `out` as little-endian ISO WKB with its Z and M, and returns its SRID: the one in the
/// top-level header, or 0 when there is none (as PostGIS's `ST_GeomFromEWKB`). The input is
/// validated as every WKB input is (type codes, nested headers, byte orders, point counts,
/// truncation, trailing bytes); an SRID on a nested part is refused. The SRID is returned as
/// written, negative values included: what an SRID may be is the caller's policy.
pub fn read(bytes: &[u8], out: &mut Vec<u8>) -> Result<i32, GeomError> {
    let geometry = Geo::read(bytes)?;
    geometry.write_wkb(out);
    Ok(srid(bytes))
}

/// The SRID in the header of EWKB that [`Geo::read`] accepted, or 0.
fn srid(bytes: &[u8]) -> i32 {
    let (Some(&order), Some(code), Some(srid)) = (bytes.first(), bytes.get(1..5), bytes.get(5..9))
    else {
        return 0;
    };
    let (code, srid): ([u8; 4], [u8; 4]) = match (code.try_into(), srid.try_into()) {
        (Ok(code), Ok(srid)) => (code, srid),
        _ => return 0,
    };
    let (code, srid) = match order {
        0 => (u32::from_be_bytes(code), i32::from_be_bytes(srid)),
        _ => (u32::from_le_bytes(code), i32::from_le_bytes(srid)),
    };
    if code & SRID_FLAG != 0 {
        srid
    } else {
        0
    }
}

/// Appends `geometry` as little-endian EWKB, as PostGIS's `ST_AsEWKB` writes it: Z and M as
/// flags on every header, the SRID flag and the SRID on the top-level header only, and only
/// when `srid` is not 0. An empty point is written with NaN coordinates, as in WKB.
pub fn write(geometry: &Geo, srid: i32, out: &mut Vec<u8>) {
    geometry.visit(Writer { out, srid })
}

/// The EWKB of [`write`] as upper-case hexadecimal, as `ST_AsHexEWKB` writes it (`NDR`, the
/// little-endian order, which is PostGIS's default).
pub fn to_hex(geometry: &Geo, srid: i32) -> String {
    let mut bytes = Vec::new();
    write(geometry, srid, &mut bytes);
    let mut hex = String::with_capacity(2 * bytes.len());
    for byte in bytes {
        hex.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
    }
    hex
}

struct Writer<'o> {
    out: &'o mut Vec<u8>,
    srid: i32,
}

impl GeometryVisitor for Writer<'_> {
    type Output = ();
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) {
        let srid = (self.srid != 0).then_some(self.srid);
        write_geometry(self.out, geometry, srid);
    }
}

fn write_geometry<G: GeometryTrait<T = f64>>(out: &mut Vec<u8>, geometry: &G, srid: Option<i32>) {
    if let Some(standard) = standard_form(geometry) {
        return write_geometry(out, &standard, srid);
    }
    let (has_z, has_m) = has_z_m(geometry.dim());
    let header = |out: &mut Vec<u8>, base_type: u32| {
        let mut code = base_type;
        code |= if has_z { Z_FLAG } else { 0 };
        code |= if has_m { M_FLAG } else { 0 };
        code |= if srid.is_some() { SRID_FLAG } else { 0 };
        out.push(1);
        out.extend_from_slice(&code.to_le_bytes());
        if let Some(srid) = srid {
            out.extend_from_slice(&srid.to_le_bytes());
        }
    };
    let count = |out: &mut Vec<u8>, n: usize| {
        // WKB counts are u32; a geometry held in memory as WKB cannot have more parts.
        out.extend_from_slice(&(n as u32).to_le_bytes());
    };
    let coord = |out: &mut Vec<u8>, ordinates: Ordinates| {
        out.extend_from_slice(&ordinates.x.to_le_bytes());
        out.extend_from_slice(&ordinates.y.to_le_bytes());
        if has_z {
            out.extend_from_slice(&ordinates.z.unwrap_or(f64::NAN).to_le_bytes());
        }
        if has_m {
            out.extend_from_slice(&ordinates.m.unwrap_or(f64::NAN).to_le_bytes());
        }
    };
    match geometry.as_type() {
        GeometryType::Point(point) => {
            header(out, 1);
            let empty = Ordinates {
                x: f64::NAN,
                y: f64::NAN,
                z: None,
                m: None,
            };
            coord(out, point.coord().map_or(empty, |c| Ordinates::of(&c)));
        }
        GeometryType::LineString(line) => {
            header(out, 2);
            write_coords(out, line, &count, &coord);
        }
        GeometryType::Polygon(polygon) => {
            header(out, 3);
            count(
                out,
                polygon.exterior().map_or(0, |_| 1) + polygon.num_interiors(),
            );
            if let Some(shell) = polygon.exterior() {
                write_coords(out, &shell, &count, &coord);
            }
            for hole in polygon.interiors() {
                write_coords(out, &hole, &count, &coord);
            }
        }
        GeometryType::MultiPoint(points) => {
            header(out, 4);
            count(out, points.num_points());
            points
                .points()
                .for_each(|point| write_geometry(out, &point, None));
        }
        GeometryType::MultiLineString(lines) => {
            header(out, 5);
            count(out, lines.num_line_strings());
            lines
                .line_strings()
                .for_each(|line| write_geometry(out, &line, None));
        }
        GeometryType::MultiPolygon(polygons) => {
            header(out, 6);
            count(out, polygons.num_polygons());
            polygons
                .polygons()
                .for_each(|polygon| write_geometry(out, &polygon, None));
        }
        GeometryType::GeometryCollection(parts) => {
            header(out, 7);
            count(out, parts.num_geometries());
            parts
                .geometries()
                .for_each(|part| write_geometry(out, &part, None));
        }
        GeometryType::Rect(_) | GeometryType::Triangle(_) | GeometryType::Line(_) => {
            unreachable!("standard_form converts rectangles, triangles and lines")
        }
    }
}

fn write_coords<L: LineStringTrait<T = f64>>(
    out: &mut Vec<u8>,
    line: &L,
    count: &impl Fn(&mut Vec<u8>, usize),
    coord: &impl Fn(&mut Vec<u8>, Ordinates),
) {
    count(out, line.num_coords());
    line.coords().for_each(|c| coord(out, Ordinates::of(&c)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn bytes(hex: &str) -> Vec<u8> {
        (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    /// Every geometry type, EMPTY, Z, M and ZM, with and without an SRID. Expected values from
    /// shapely 2.1.2 (GEOS 3.13.1): `to_wkb(set_srid(from_wkt(wkt), 4326), hex=True,
    /// include_srid=True, flavor='extended')`, and without `set_srid` for SRID 0.
    #[test]
    fn hex_ewkb_is_what_geos_writes() {
        for (text, srid, expected) in [
            ("POINT(1 2)", 4326, "0101000020E6100000000000000000F03F0000000000000040"),
            ("POINT(1 2)", 0, "0101000000000000000000F03F0000000000000040"),
            (
                "POINT Z (1 2 3)",
                4326,
                "01010000A0E6100000000000000000F03F00000000000000400000000000000840",
            ),
            (
                "POINT M (1 2 4)",
                0,
                "0101000040000000000000F03F00000000000000400000000000001040",
            ),
            (
                "POINT ZM (1 2 3 4)",
                4326,
                "01010000E0E6100000000000000000F03F000000000000004000000000000008400000000000001040",
            ),
            ("POINT EMPTY", 4326, "0101000020E6100000000000000000F87F000000000000F87F"),
            ("LINESTRING EMPTY", 0, "010200000000000000"),
            (
                "LINESTRING Z (1 2 3,4 5 6)",
                4326,
                "01020000A0E610000002000000000000000000F03F000000000000004000000000000008400000000\
                 00000104000000000000014400000000000001840",
            ),
            ("POLYGON EMPTY", 4326, "0103000020E610000000000000"),
            (
                "MULTIPOINT((1 2),(3 4))",
                4326,
                "0104000020E6100000020000000101000000000000000000F03F00000000000000400101000000000\
                 00000000008400000000000001040",
            ),
            (
                "MULTIPOLYGON Z (((0 0 1,1 0 2,1 1 3,0 0 1)))",
                0,
                "0106000080010000000103000080010000000400000000000000000000000000000000000000000000\
                 000000F03F000000000000F03F00000000000000000000000000000040000000000000F03F00000000\
                 0000F03F000000000000084000000000000000000000000000000000000000000000F03F",
            ),
            ("GEOMETRYCOLLECTION EMPTY", 4326, "0107000020E610000000000000"),
        ] {
            let bytes = wkb(text);
            assert_eq!(to_hex(&geo(&bytes), srid), expected, "{text} {srid}");
        }
    }

    /// Big- and little-endian EWKB with SRID 3857, from shapely 2.1.2:
    /// `to_wkb(set_srid(g, 3857), hex=True, include_srid=True, flavor='extended',
    /// byte_order=0 or 1)`; the ISO WKB read from them is shapely's `flavor='iso'`.
    #[test]
    fn reads_the_srid_and_gives_iso_wkb_in_both_byte_orders() {
        let collection_m_iso =
            "01D70700000200000001D1070000000000000000F03F0000000000000040000000000\
             000084001D20700000200000000000000000000000000000000000000000000000000F03F000000000000F\
             03F000000000000F03F0000000000000040";
        for (ewkb, iso) in [
            (
                "00A000000100000F113FF000000000000040000000000000004008000000000000",
                "01E9030000000000000000F03F00000000000000400000000000000840",
            ),
            (
                "01010000A0110F0000000000000000F03F00000000000000400000000000000840",
                "01E9030000000000000000F03F00000000000000400000000000000840",
            ),
            (
                "006000000700000F110000000200400000013FF0000000000000400000000000000040080000000000\
                 00004000000200000002000000000000000000000000000000003FF00000000000003FF00000000000\
                 003FF00000000000004000000000000000",
                collection_m_iso,
            ),
            (
                "0107000060110F0000020000000101000040000000000000F03F00000000000000400000000000000840\
                 01020000400200000000000000000000000000000000000000000000000000F03F000000000000F03F0\
                 00000000000F03F0000000000000040",
                collection_m_iso,
            ),
        ] {
            let mut out = Vec::new();
            assert_eq!(read(&bytes(ewkb), &mut out), Ok(3857), "{ewkb}");
            assert_eq!(out, bytes(iso), "{ewkb}");
        }
    }

    #[test]
    fn iso_wkb_has_srid_zero_and_writing_round_trips() {
        for text in [
            "POINT(1 2)",
            "POINT ZM (1 2 3 4)",
            "LINESTRING M (0 0 1,1 1 2)",
            "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
            "MULTILINESTRING EMPTY",
            "GEOMETRYCOLLECTION(POINT EMPTY,GEOMETRYCOLLECTION(LINESTRING(0 0,1 1)))",
        ] {
            let iso = wkb(text);
            let mut out = Vec::new();
            assert_eq!(read(&iso, &mut out), Ok(0), "{text}");
            assert_eq!(out, iso, "{text}");
            for srid in [0, 4326, -1] {
                let mut ewkb = Vec::new();
                write(&geo(&iso), srid, &mut ewkb);
                let mut again = Vec::new();
                assert_eq!(read(&ewkb, &mut again), Ok(srid), "{text}");
                assert_eq!(again, iso, "{text} {srid}");
            }
        }
    }

    #[test]
    fn malformed_ewkb_is_an_error() {
        for hex in [
            "",
            "01",
            // A truncated SRID.
            "0101000020E610",
            // A line claiming 2^31 - 1 points in 4 bytes: refused without reserving them.
            "0102000020E6100000FFFFFF7F",
            // A collection whose member carries an SRID.
            "0107000020E6100000010000000101000020E6100000000000000000F03F0000000000000040",
            // Trailing bytes.
            "0101000020E6100000000000000000F03F000000000000004000",
        ] {
            let mut out = Vec::new();
            assert!(
                matches!(read(&bytes(hex), &mut out), Err(GeomError::InvalidWkb(_))),
                "{hex}"
            );
        }
    }
}
