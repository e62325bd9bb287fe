//! Geohashes with GeoMesa's precision in bits.
use geo::Centroid;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

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
}
