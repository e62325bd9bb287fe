//! Geohashes: encoding with GeoMesa's precision in bits, decoding with GeoMesa's bits or
//! Sedona's and PostGIS's characters, and neighbours as Sedona gives them.
use std::str::FromStr;

use geo::{Centroid, Coord, Point, Polygon, Rect};

use crate::value::rect_polygon;
use crate::{Geo, GeomError};

const BASE32: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
/// The most bits a hash holds, as in GeoMesa: lon and lat indexes interleave into one `u64`.
pub const MAX_BITS: u32 = 63;

/// Checks a precision in bits: 1 to [`MAX_BITS`].
pub fn precision(bits: i32) -> Result<u32, GeomError> {
    u32::try_from(bits)
        .ok()
        .filter(|bits| (1..=MAX_BITS).contains(bits))
        .ok_or_else(|| {
            GeomError::InvalidParameter(format!(
                "geohash precision is a number of bits from 1 to {MAX_BITS}, got {bits}"
            ))
        })
}

/// The geohash of the centroid of `geometry` (of its bounding box's centre if the centroid is
/// not finite), with `bits` bits of precision (see [`precision`]), as GeoMesa's `st_geoHash`
/// computes it: the cell index of each axis is found by division, bits alternate starting
/// with longitude, and the base-32 text is padded with zero bits to a whole character. `None`
/// for an empty geometry.
pub fn geohash(geometry: &Geo, bits: u32) -> Result<Option<String>, GeomError> {
    let Some(shape) = geometry.shape() else {
        return Ok(None);
    };
    let centre = shape
        .centroid()
        .map(|c| c.0)
        .filter(|c| c.x.is_finite() && c.y.is_finite())
        .or_else(|| geometry.bbox().map(|b| b.center()));
    let Some(centre) = centre else {
        return Ok(None);
    };
    encode(centre.x, centre.y, bits).map(Some)
}

fn encode(lon: f64, lat: f64, bits: u32) -> Result<String, GeomError> {
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(GeomError::InvalidParameter(format!(
            "a geohash needs longitude in [-180, 180] and latitude in [-90, 90], got ({lon} {lat})"
        )));
    }
    let lon_bits = bits / 2 + bits % 2;
    let lat_bits = bits / 2;
    let index = |value: f64, low: f64, range: f64, axis_bits: u32| -> u64 {
        let delta = range / (1u64 << axis_bits) as f64;
        // The upper edge belongs to the last cell.
        let value = if value == low + range {
            range - 0.5f64.powi(32)
        } else {
            value - low
        };
        (value / delta) as u64
    };
    let lon_index = index(lon, -180.0, 360.0, lon_bits);
    let lat_index = index(lat, -90.0, 180.0, lat_bits);
    // Most significant first: lon, lat, lon, ...
    let mut hash: u64 = 0;
    for i in 0..bits {
        let (value, axis_bits, k) = if i % 2 == 0 {
            (lon_index, lon_bits, i / 2)
        } else {
            (lat_index, lat_bits, i / 2)
        };
        hash = (hash << 1) | ((value >> (axis_bits - 1 - k)) & 1);
    }
    let chars = bits.div_ceil(5);
    hash <<= chars * 5 - bits;
    Ok((0..chars)
        .rev()
        .map(|c| BASE32[((hash >> (c * 5)) & 31) as usize] as char)
        .collect())
}

/// How much of a geohash text the decoders read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// GeoMesa's precision: this many leading bits, 1 to [`MAX_BITS`] (25 bits are 5
    /// characters). The text must hold them: GeoMesa pads a shorter text with zero bits and so
    /// returns the cell in the south-west corner of the text's own cell; that is refused here.
    Bits(u32),
    /// Sedona's and PostGIS's precision: this many leading characters, or the whole text if it
    /// is shorter. 0 reads nothing: the cell is the whole world.
    Chars(u32),
    /// The whole text.
    Full,
}

impl Precision {
    /// GeoMesa's precision in bits, checked as [`precision`] checks it.
    pub fn bits(bits: i32) -> Result<Precision, GeomError> {
        precision(bits).map(Precision::Bits)
    }

    /// Sedona's and PostGIS's precision in characters: `None` reads the whole text; a negative
    /// count is refused, as Sedona refuses it.
    pub fn chars(chars: Option<i32>) -> Result<Precision, GeomError> {
        match chars {
            None => Ok(Precision::Full),
            Some(chars) => u32::try_from(chars).map(Precision::Chars).map_err(|_| {
                GeomError::InvalidParameter(format!(
                    "geohash precision is a number of characters from 0, got {chars}"
                ))
            }),
        }
    }
}

/// The cell of `hash` read to `precision`: longitude and latitude halve in turn, starting with
/// longitude, one bit at a time. The whole text must be geohash characters, in either case,
/// the part the precision does not read too.
///
/// GeoMesa's `st_geomFromGeoHash` reads [`Precision::Bits`] and Sedona's
/// `ST_GeomFromGeoHash` [`Precision::Chars`]. A text longer than a `f64` can resolve (about 22
/// characters) gives a cell whose sides are one or zero units in the last place wide.
pub fn cell(hash: &str, precision: Precision) -> Result<Rect<f64>, GeomError> {
    let bits = bits_of(hash)?;
    let available = hash.len().saturating_mul(5);
    let read = match precision {
        Precision::Bits(wanted) if wanted as usize > available => {
            return Err(GeomError::InvalidParameter(format!(
                "geohash '{hash}' holds {available} bits, fewer than the {wanted} asked"
            )))
        }
        Precision::Bits(wanted) => wanted as usize,
        Precision::Chars(chars) => (chars as usize).saturating_mul(5).min(available),
        Precision::Full => available,
    };
    let (mut lon, mut lat) = ((-180.0, 180.0), (-90.0, 90.0));
    for (i, bit) in bits.take(read).enumerate() {
        let range: &mut (f64, f64) = if i % 2 == 0 { &mut lon } else { &mut lat };
        let middle = (range.0 + range.1) / 2.0;
        if bit {
            range.0 = middle;
        } else {
            range.1 = middle;
        }
    }
    Ok(Rect::new(
        Coord { x: lon.0, y: lat.0 },
        Coord { x: lon.1, y: lat.1 },
    ))
}

/// GeoMesa's `st_geomFromGeoHash` (and its alias `st_box2DFromGeoHash`), and Sedona's
/// `ST_GeomFromGeoHash`: the [`cell`] as a polygon in PostGIS's vertex order (xmin ymin, xmin
/// ymax, xmax ymax, xmax ymin, xmin ymin), which is JTS's and so GeoMesa's and Sedona's too.
pub fn cell_polygon(hash: &str, precision: Precision) -> Result<Polygon<f64>, GeomError> {
    cell(hash, precision).map(|cell| rect_polygon(&cell))
}

/// GeoMesa's `st_pointFromGeoHash` and Sedona's `ST_PointFromGeoHash`: the centre of the
/// [`cell`] (GeoMesa's docs call it an interior point; its code takes the centre).
pub fn cell_centre(hash: &str, precision: Precision) -> Result<Point<f64>, GeomError> {
    cell(hash, precision).map(|cell| Point(cell.center()))
}

/// The bits of a geohash text, most significant first. The text must be one or more
/// characters of the geohash base-32 alphabet (`0-9`, `b-h`, `j`, `k`, `m`, `n`, `p-z`); upper
/// case is read as lower case, as Sedona's decoder and PostGIS read it (GeoMesa refuses it).
fn bits_of(hash: &str) -> Result<impl Iterator<Item = bool> + '_, GeomError> {
    if hash.is_empty() {
        return Err(GeomError::InvalidParameter(
            "a geohash has at least one character, got ''".into(),
        ));
    }
    if let Some((at, bad)) = hash
        .char_indices()
        .find(|&(_, c)| base32_value(c).is_none())
    {
        return Err(GeomError::InvalidParameter(format!(
            "invalid geohash '{hash}': '{bad}' at {at} is not a geohash character (0-9, b-h, j, \
             k, m, n, p-z)"
        )));
    }
    // Every character is ASCII now, so bytes and characters agree.
    Ok(hash.bytes().flat_map(|c| {
        let value = base32_value(c as char).unwrap_or_default();
        (0..5).rev().map(move |shift| (value >> shift) & 1 == 1)
    }))
}

fn base32_value(c: char) -> Option<u8> {
    let c = c.to_ascii_lowercase() as u32;
    BASE32.iter().position(|&b| b as u32 == c).map(|i| i as u8)
}

/// A compass direction from a geohash cell to a neighbour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    N,
    NE,
    E,
    SE,
    S,
    SW,
    W,
    NW,
}

impl Direction {
    /// Sedona's order of `ST_GeoHashNeighbors`: clockwise from north.
    pub const ALL: [Direction; 8] = [
        Direction::N,
        Direction::NE,
        Direction::E,
        Direction::SE,
        Direction::S,
        Direction::SW,
        Direction::W,
        Direction::NW,
    ];

    /// Steps in longitude and latitude cells.
    fn steps(self) -> (i64, i64) {
        match self {
            Direction::N => (0, 1),
            Direction::NE => (1, 1),
            Direction::E => (1, 0),
            Direction::SE => (1, -1),
            Direction::S => (0, -1),
            Direction::SW => (-1, -1),
            Direction::W => (-1, 0),
            Direction::NW => (-1, 1),
        }
    }
}

impl FromStr for Direction {
    type Err = GeomError;

    /// Sedona's direction names, in any case: `n`, `ne`, `e`, `se`, `s`, `sw`, `w`, `nw`.
    fn from_str(text: &str) -> Result<Direction, GeomError> {
        Ok(match text.to_ascii_lowercase().as_str() {
            "n" => Direction::N,
            "ne" => Direction::NE,
            "e" => Direction::E,
            "se" => Direction::SE,
            "s" => Direction::S,
            "sw" => Direction::SW,
            "w" => Direction::W,
            "nw" => Direction::NW,
            _ => {
                return Err(GeomError::InvalidParameter(format!(
                    "invalid direction '{text}'; expected n, ne, e, se, s, sw, w or nw"
                )))
            }
        })
    }
}

/// The most characters a hash can have for [`neighbour`], as in Sedona: 60 bits, which a
/// `u64` per axis holds with room to spare.
pub const MAX_NEIGHBOUR_CHARS: usize = 12;

/// Sedona's `ST_GeoHashNeighbor`: the hash of the same length of the cell next to `hash` in
/// `direction`. East and west wrap around the antimeridian; there is no cell north of the
/// northernmost row or south of the southernmost one, so that gives `None` (Sedona wraps the
/// latitude too and returns a cell at the other pole, which is not a neighbour; pygeohash
/// refuses). The result is lower case whatever the case of `hash`.
pub fn neighbour(hash: &str, direction: Direction) -> Result<Option<String>, GeomError> {
    let cell = IndexedCell::of(hash)?;
    Ok(cell.step(direction).map(|cell| cell.text()))
}

/// Sedona's `ST_GeoHashNeighbors`: the [`neighbour`]s of `hash` in Sedona's order, clockwise
/// from north (N, NE, E, SE, S, SW, W, NW).
pub fn neighbours(hash: &str) -> Result<[Option<String>; 8], GeomError> {
    let cell = IndexedCell::of(hash)?;
    Ok(Direction::ALL.map(|direction| cell.step(direction).map(|cell| cell.text())))
}

/// A geohash cell as its column and row in the grid of its precision.
#[derive(Clone, Copy)]
struct IndexedCell {
    lon: u64,
    lat: u64,
    lon_bits: u32,
    lat_bits: u32,
}

impl IndexedCell {
    fn of(hash: &str) -> Result<IndexedCell, GeomError> {
        let bits = bits_of(hash)?;
        if hash.len() > MAX_NEIGHBOUR_CHARS {
            return Err(GeomError::InvalidParameter(format!(
                "geohash '{hash}' has {} characters; neighbours are found for at most \
                 {MAX_NEIGHBOUR_CHARS}",
                hash.len()
            )));
        }
        let mut cell = IndexedCell {
            lon: 0,
            lat: 0,
            lon_bits: 0,
            lat_bits: 0,
        };
        for (i, bit) in bits.enumerate() {
            let (index, count) = if i % 2 == 0 {
                (&mut cell.lon, &mut cell.lon_bits)
            } else {
                (&mut cell.lat, &mut cell.lat_bits)
            };
            *index = (*index << 1) | u64::from(bit);
            *count += 1;
        }
        Ok(cell)
    }

    fn step(self, direction: Direction) -> Option<IndexedCell> {
        let (dx, dy) = direction.steps();
        let lat = self.lat.checked_add_signed(dy)?;
        if lat >> self.lat_bits != 0 {
            return None;
        }
        let lon = self.lon.wrapping_add_signed(dx) & ((1u64 << self.lon_bits) - 1);
        Some(IndexedCell { lon, lat, ..self })
    }

    fn text(self) -> String {
        let total = self.lon_bits + self.lat_bits;
        let mut hash: u64 = 0;
        for i in 0..total {
            let (index, bits) = if i % 2 == 0 {
                (self.lon, self.lon_bits)
            } else {
                (self.lat, self.lat_bits)
            };
            hash = (hash << 1) | ((index >> (bits - 1 - i / 2)) & 1);
        }
        (0..total / 5)
            .rev()
            .map(|c| BASE32[((hash >> (c * 5)) & 31) as usize] as char)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, text_of, wkb};

    fn hash(text: &str, bits: u32) -> Option<String> {
        geohash(&geo(&wkb(text)), bits).unwrap()
    }

    #[test]
    fn known_hashes() {
        // The example of the geohash article: 42.6 N, 5.6 W.
        assert_eq!(hash("POINT(-5.6 42.6)", 25).unwrap(), "ezs42");
        assert_eq!(hash("POINT(-5.6 42.6)", 5).unwrap(), "e");
        // The centroid of a square around the same point.
        assert_eq!(
            hash(
                "POLYGON((-5.7 42.5,-5.5 42.5,-5.5 42.7,-5.7 42.7,-5.7 42.5))",
                25
            )
            .unwrap(),
            "ezs42"
        );
        // Bits that do not fill a character are padded with zeros: 'e' is 01101, so 3 bits are 011.
        assert_eq!(hash("POINT(-5.6 42.6)", 3).unwrap(), "d");
        assert_eq!(hash("POINT(180 90)", 10).unwrap(), "zz");
        assert_eq!(hash("POINT EMPTY", 25), None);
    }

    #[test]
    fn bad_precision_and_coordinates() {
        assert!(precision(0).is_err());
        assert!(precision(64).is_err());
        assert_eq!(precision(63), Ok(63));
        assert!(geohash(&geo(&wkb("POINT(200 0)")), 25).is_err());
    }

    fn rect(xmin: f64, ymin: f64, xmax: f64, ymax: f64) -> Rect<f64> {
        Rect::new(Coord { x: xmin, y: ymin }, Coord { x: xmax, y: ymax })
    }

    fn error_of<T: std::fmt::Debug>(result: Result<T, GeomError>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn cells_in_characters() {
        // pygeohash 3.x: get_bounding_box('ezs42') = lat 42.5830078125..42.626953125,
        // lon -5.625..-5.5810546875.
        let ezs42 = rect(-5.625, 42.5830078125, -5.5810546875, 42.626953125);
        assert_eq!(cell("ezs42", Precision::Full), Ok(ezs42));
        assert_eq!(cell("ezs42", Precision::Chars(5)), Ok(ezs42));
        // A longer precision than the text reads the whole text, as Sedona and PostGIS do.
        assert_eq!(cell("ezs42", Precision::Chars(9)), Ok(ezs42));
        // Upper case reads as lower case.
        assert_eq!(cell("EZS42", Precision::Full), Ok(ezs42));
        // Sedona's ST_GeomFromGeoHash docs: ST_GeomFromGeoHash('s00twy01mt', 4) is
        // POLYGON ((0.703125 0.87890625, 0.703125 1.0546875, 1.0546875 1.0546875,
        // 1.0546875 0.87890625, 0.703125 0.87890625)).
        let polygon = cell_polygon("s00twy01mt", Precision::Chars(4)).unwrap();
        assert_eq!(
            text_of(&polygon.into()),
            "POLYGON((0.703125 0.87890625,0.703125 1.0546875,1.0546875 1.0546875,1.0546875 \
             0.87890625,0.703125 0.87890625))"
        );
        // PostGIS's ST_Box2dFromGeoHash docs: precision 0 is the whole world.
        assert_eq!(
            cell("9qqj7nmxncgyy4d0dbxqz0", Precision::Chars(0)),
            Ok(rect(-180.0, -90.0, 180.0, 90.0))
        );
        // PostGIS's docs, printed to 15 significant digits: ST_Box2dFromGeoHash(
        // '9qqj7nmxncgyy4d0dbxqz0', 10) is BOX(-115.17282128334 36.1146408319473,
        // -115.172810554504 36.1146461963654).
        let postgis = cell("9qqj7nmxncgyy4d0dbxqz0", Precision::Chars(10)).unwrap();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-11;
        assert!(close(postgis.min().x, -115.17282128334));
        assert!(close(postgis.min().y, 36.1146408319473));
        assert!(close(postgis.max().x, -115.172810554504));
        assert!(close(postgis.max().y, 36.1146461963654));
        // pygeohash: get_bounding_box('0') = lon -180..-135, lat -90..-45.
        assert_eq!(
            cell("0", Precision::Full),
            Ok(rect(-180.0, -90.0, -135.0, -45.0))
        );
        // pygeohash: get_bounding_box('zzzz') touches the north-east corner of the world.
        assert_eq!(
            cell("zzzz", Precision::Full),
            Ok(rect(179.6484375, 89.82421875, 180.0, 90.0))
        );
    }

    #[test]
    fn cells_in_bits() {
        // GeoMesa's precision in bits: 25 bits are the 5 characters.
        let ezs42 = cell("ezs42", Precision::Full).unwrap();
        assert_eq!(cell("ezs42", Precision::Bits(25)), Ok(ezs42));
        // 23 bits, by hand from pygeohash's get_bounding_box('ezs4') (lon -5.625..-5.2734375,
        // lat 42.5390625..42.71484375): '2' is 00010, so bits 21 (lon), 22 (lat) and 23 (lon)
        // are 0 and each keeps the lower half.
        assert_eq!(
            cell("ezs42", Precision::Bits(23)),
            Ok(rect(-5.625, 42.5390625, -5.537109375, 42.626953125))
        );
        assert_eq!(
            cell_centre("ezs42", Precision::Bits(23)),
            Ok(Point::new(-5.5810546875, 42.5830078125))
        );
        // By hand: 'd' is 01100; 3 bits are lon 0, lat 1, lon 1: lon -90..0, lat 0..90.
        assert_eq!(
            cell("d", Precision::Bits(3)),
            Ok(rect(-90.0, 0.0, 0.0, 90.0))
        );
        // Decoding inverts encoding at every precision.
        let bytes = wkb("POINT(-5.6 42.6)");
        let point = geo(&bytes);
        for bits in 1..=MAX_BITS {
            let hash = geohash(&point, bits).unwrap().unwrap();
            let cell = cell(&hash, Precision::Bits(bits)).unwrap();
            assert!(cell.min().x <= -5.6 && -5.6 < cell.max().x, "{bits} bits");
            assert!(cell.min().y <= 42.6 && 42.6 < cell.max().y, "{bits} bits");
        }
        // A 63-bit hash is 13 characters, the last one padded.
        let hash = geohash(&point, 63).unwrap().unwrap();
        assert_eq!(hash.len(), 13);
    }

    #[test]
    fn centres() {
        // pygeohash: decode_exactly('ezs42') = (42.60498046875, -5.60302734375).
        assert_eq!(
            cell_centre("ezs42", Precision::Full),
            Ok(Point::new(-5.60302734375, 42.60498046875))
        );
        assert_eq!(
            cell_centre("ezs42", Precision::Bits(25)),
            cell_centre("ezs42", Precision::Chars(5))
        );
    }

    #[test]
    fn bad_hashes() {
        assert_eq!(
            error_of(cell("", Precision::Full)),
            "a geohash has at least one character, got ''"
        );
        // 'a', 'i', 'l' and 'o' are not in the alphabet.
        assert_eq!(
            error_of(cell("ezs4a", Precision::Full)),
            "invalid geohash 'ezs4a': 'a' at 4 is not a geohash character (0-9, b-h, j, k, m, n, \
             p-z)"
        );
        for bad in ["ezi", "l", "o0", "ez s", "ézs", "ezs-"] {
            let message = error_of(cell(bad, Precision::Full));
            assert!(message.contains(&format!("'{bad}'")), "{message}");
        }
        // The whole text is checked, even beyond the precision read.
        assert!(cell("ezs4a", Precision::Chars(2)).is_err());
        assert!(cell("ezs4a", Precision::Bits(10)).is_err());
        assert_eq!(
            error_of(cell("ezs42", Precision::Bits(30))),
            "geohash 'ezs42' holds 25 bits, fewer than the 30 asked"
        );
        assert!(Precision::bits(0).is_err());
        assert!(Precision::bits(64).is_err());
        assert_eq!(Precision::bits(25), Ok(Precision::Bits(25)));
        assert_eq!(Precision::chars(None), Ok(Precision::Full));
        assert_eq!(Precision::chars(Some(0)), Ok(Precision::Chars(0)));
        assert_eq!(
            error_of(Precision::chars(Some(-1))),
            "geohash precision is a number of characters from 0, got -1"
        );
    }

    fn assert_neighbours(hash: &str, expected: [Option<&str>; 8]) {
        let found = neighbours(hash).unwrap();
        assert_eq!(found.each_ref().map(|n| n.as_deref()), expected, "{hash}");
    }

    #[test]
    fn neighbours_in_sedona_order() {
        // Sedona's ST_GeoHashNeighbors docs: ST_GeoHashNeighbors('u1pb') is
        // [u1pc, u301, u300, u2bp, u0zz, u0zx, u1p8, u1p9]; pygeohash's get_adjacent gives the
        // same, diagonals as two steps.
        let expected = [
            "u1pc", "u301", "u300", "u2bp", "u0zz", "u0zx", "u1p8", "u1p9",
        ];
        assert_neighbours("u1pb", expected.map(Some));
        assert_neighbours("U1PB", expected.map(Some));
        // Sedona's ST_GeoHashNeighbor docs: ST_GeoHashNeighbor('u1pb', 'n') is u1pc.
        assert_eq!(
            neighbour("u1pb", "n".parse().unwrap()),
            Ok(Some("u1pc".into()))
        );
        assert_eq!(
            neighbour("u1pb", "SW".parse().unwrap()),
            Ok(Some("u0zx".into()))
        );
    }

    #[test]
    fn neighbours_across_the_antimeridian_and_at_the_poles() {
        // pygeohash's get_adjacent: east of 'zzzz' wraps to 'bpbp'; nothing is north of the
        // northernmost row.
        assert_neighbours(
            "zzzz",
            [
                None,
                None,
                Some("bpbp"),
                Some("bpbn"),
                Some("zzzy"),
                Some("zzzw"),
                Some("zzzx"),
                None,
            ],
        );
        assert_neighbours(
            "bpbp",
            [
                None,
                None,
                Some("bpbr"),
                Some("bpbq"),
                Some("bpbn"),
                Some("zzzy"),
                Some("zzzz"),
                None,
            ],
        );
        // pygeohash: the single-character cell '0' in the south-west corner of the world.
        assert_neighbours(
            "0",
            [
                Some("2"),
                Some("3"),
                Some("1"),
                None,
                None,
                None,
                Some("p"),
                Some("r"),
            ],
        );
    }

    #[test]
    fn bad_neighbour_input() {
        assert_eq!(
            error_of("north".parse::<Direction>()),
            "invalid direction 'north'; expected n, ne, e, se, s, sw, w or nw"
        );
        assert!(error_of(neighbours("u1pa")).contains("'u1pa'"));
        assert!(neighbours("").is_err());
        assert_eq!(
            error_of(neighbours("ezs42ezs42ezs")),
            "geohash 'ezs42ezs42ezs' has 13 characters; neighbours are found for at most 12"
        );
        // Twelve characters are the most, and their neighbours have twelve too.
        let east = neighbour("ezs42ezs42ez", Direction::E).unwrap().unwrap();
        assert_eq!(east.len(), 12);
        assert_eq!(
            neighbour(&east, Direction::W),
            Ok(Some("ezs42ezs42ez".into()))
        );
    }
}
