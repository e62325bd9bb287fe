//! PostGIS's extended WKT (EWKT): `st_geomFromEWKT` and `st_asEWKT`, on top of the WKT codec.
//!
//! EWKT is WKT with an optional `SRID=<n>;` prefix and PostGIS's older way of giving dimensions:
//! a Z geometry has no `Z` keyword (`POINT(1 2 3)`), a measured one an `M` suffix (`POINTM(1 2
//! 3)`), and one with both four ordinates (`POINT(1 2 3 4)`). Both spellings are read; PostGIS's
//! is written.
use std::borrow::Cow;

use crate::codec_support::finish;
use crate::{wkt_codec, Geo, GeomError};

/// Reads EWKT (`SRID=4326;POINT(1 2)`, or plain WKT, ISO's `POINT Z (1 2 3)` included), appends
/// the geometry to `out` as ISO WKB with its Z and M, and returns the SRID: the prefix's, or 0
/// without one, as PostGIS. The geometry is checked as WKT input is (see
/// [`wkt_codec::parse`]: closed rings of 4 points or more, lines of 2 points or more, one
/// dimension throughout, at most 128 nested parentheses). The `wkt` crate reads no `NaN` or
/// `inf`, so such ordinates, which [`to_string`] prints, do not read back.
pub fn read(text: &str, out: &mut Vec<u8>) -> Result<i32, GeomError> {
    let (srid, body) = split_srid(text)?;
    let geometry = wkt_codec::parse(&iso_dimensions(body))?;
    finish(&geometry, out)?;
    Ok(srid)
}

/// The EWKT of `geometry` as PostGIS's `ST_AsEWKT` writes it: `SRID=<n>;` first unless
/// `srid` is 0, no `Z` keyword, an `M` suffix on the type names of a measured geometry (its
/// members' too). Numbers are the WKT codec's (the shortest text that reads back as the same
/// `f64`, where PostGIS rounds to 15 decimal digits), and so are its refusals: a geometry
/// holding an empty ring or an empty member of a multi-geometry has no WKT. A geometry with Z
/// but no coordinate at all (`POINT Z EMPTY`) is written without it (`POINT EMPTY`), as PostGIS
/// writes it, and so reads back as 2D.
pub fn to_string(geometry: &Geo, srid: i32) -> Result<String, GeomError> {
    let iso = wkt_codec::try_to_string(geometry)?;
    let mut out = String::with_capacity(iso.len() + 16);
    if srid != 0 {
        out.push_str(&format!("SRID={srid};"));
    }
    // The WKT writer puts the dimension keyword between the type name and `(` or ` EMPTY`;
    // numbers never contain a space or a letter Z or M, so these spellings are unambiguous.
    let ewkt = iso
        .replace(" ZM(", "(")
        .replace(" Z(", "(")
        .replace(" M(", "M(")
        .replace(" ZM EMPTY", " EMPTY")
        .replace(" Z EMPTY", " EMPTY")
        .replace(" M EMPTY", "M EMPTY");
    out.push_str(&ewkt);
    Ok(out)
}

/// Splits `SRID=<n>;` off the text (the prefix's letters in any case, spaces around the
/// number allowed), giving 0 without a prefix.
fn split_srid(text: &str) -> Result<(i32, &str), GeomError> {
    let trimmed = text.trim_start();
    if !trimmed
        .get(..5)
        .is_some_and(|prefix| prefix.eq_ignore_ascii_case("SRID="))
    {
        return Ok((0, text));
    }
    let rest = &trimmed[5..];
    let Some((number, body)) = rest.split_once(';') else {
        return Err(GeomError::InvalidWkt(
            "an SRID= prefix must end with ';'".into(),
        ));
    };
    let srid = number.trim().parse().map_err(|_| {
        GeomError::InvalidWkt(format!("the SRID '{}' is not an integer", number.trim()))
    })?;
    Ok((srid, body))
}

const TYPE_NAMES: [&str; 7] = [
    "POINT",
    "LINESTRING",
    "POLYGON",
    "MULTIPOINT",
    "MULTILINESTRING",
    "MULTIPOLYGON",
    "GEOMETRYCOLLECTION",
];

/// Rewrites PostGIS's dimension spelling as ISO's, which the `wkt` crate reads: every type name
/// gets ` M` if one of them has the `M` suffix, else ` Z` or ` ZM` if the first coordinate has
/// 3 or 4 ordinates. Text that already has an ISO dimension keyword, or none to add, is left
/// as it is.
fn iso_dimensions(body: &str) -> Cow<'_, str> {
    let words = words(body);
    let is_type_name = |word: &str| {
        TYPE_NAMES
            .iter()
            .any(|name| word.eq_ignore_ascii_case(name))
    };
    let is_measured_name = |word: &str| {
        word.len() > 1
            && word[word.len() - 1..].eq_ignore_ascii_case("M")
            && is_type_name(&word[..word.len() - 1])
    };
    let has_iso_keyword = words.windows(2).any(|pair| {
        let (first, second) = (&body[pair[0].clone()], &body[pair[1].clone()]);
        (is_type_name(first) || is_measured_name(first))
            && ["Z", "M", "ZM"]
                .iter()
                .any(|keyword| second.eq_ignore_ascii_case(keyword))
    });
    if has_iso_keyword {
        return Cow::Borrowed(body);
    }
    let measured = words
        .iter()
        .any(|word| is_measured_name(&body[word.clone()]));
    let keyword = match (measured, first_coordinate_ordinates(body)) {
        (true, _) => " M",
        (false, 3) => " Z",
        (false, 4) => " ZM",
        _ => return Cow::Borrowed(body),
    };
    let mut iso = String::with_capacity(body.len() + 3 * words.len());
    let mut copied = 0;
    for word in words {
        let text = &body[word.clone()];
        let name_end = if is_measured_name(text) {
            word.end - 1
        } else if is_type_name(text) {
            word.end
        } else {
            continue;
        };
        iso.push_str(&body[copied..name_end]);
        iso.push_str(keyword);
        copied = word.end;
    }
    iso.push_str(&body[copied..]);
    Cow::Owned(iso)
}

/// The byte ranges of the words of `text`: runs of letters that do not continue a number (the
/// `e` of `1e5` is not a word).
fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        if bytes[at].is_ascii_alphabetic() {
            while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                at += 1;
            }
            words.push(start..at);
        } else if bytes[at].is_ascii_digit() || bytes[at] == b'.' {
            while at < bytes.len()
                && (bytes[at].is_ascii_alphanumeric() || matches!(bytes[at], b'.' | b'+' | b'-'))
            {
                at += 1;
            }
        } else {
            at += 1;
        }
    }
    words
}

/// How many numbers the first coordinate of the text holds (between the first `(` that is
/// followed by a number and the next `,` or `)`), or 0 without coordinates.
fn first_coordinate_ordinates(body: &str) -> usize {
    let mut rest = body;
    while let Some(open) = rest.find('(') {
        rest = &rest[open + 1..];
        let inner = rest.trim_start();
        if inner.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
            let end = inner.find([',', ')']).unwrap_or(inner.len());
            return inner[..end].split_whitespace().count();
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    fn read_hex(text: &str) -> Result<(i32, String), GeomError> {
        let mut out = Vec::new();
        read(text, &mut out).map(|srid| (srid, hex(&out)))
    }

    /// PostGIS's spellings (`POINT(1 2 3)` is Z, `POINTM`, four ordinates are ZM) and ISO's.
    /// Expected ISO WKB from shapely 2.1.2 (GEOS 3.13.1, whose WKT reader takes PostGIS's
    /// dimension spellings but not the SRID prefix): `to_wkb(from_wkt(body), hex=True,
    /// flavor='iso')`.
    #[test]
    fn reads_postgis_and_iso_dimensions_and_the_srid() {
        for (text, srid, expected) in [
            ("POINT(1 2 3)", 0, "01E9030000000000000000F03F00000000000000400000000000000840"),
            ("POINT Z (1 2 3)", 0, "01E9030000000000000000F03F00000000000000400000000000000840"),
            ("POINTM(1 2 3)", 0, "01D1070000000000000000F03F00000000000000400000000000000840"),
            (
                "SRID=4326;POINT(1 2 3 4)",
                4326,
                "01B90B0000000000000000F03F000000000000004000000000000008400000000000001040",
            ),
            (
                "srid=4269; LINESTRING(-71.160281 42.258729,-71.160837 42.259113,-71.161144 \
                 42.25932)",
                4269,
                "010200000003000000E44A3D0B42CA51C06EC328081E21454027BF45274BCA51C0F67B629D2A2145\
                 40957CEC2E50CA51C07099D36531214540",
            ),
            (
                "SRID=3857;GEOMETRYCOLLECTIONM(POINTM(1 2 3),LINESTRINGM(0 0 1,1 1 2))",
                3857,
                "01D70700000200000001D1070000000000000000F03F0000000000000040000000000000084001D2070\
                 0000200000000000000000000000000000000000000000000000000F03F000000000000F03F000000\
                 000000F03F0000000000000040",
            ),
            (
                "MULTIPOINT(1 2 3,4 5 6)",
                0,
                "01EC0300000200000001E9030000000000000000F03F0000000000000040000000000000084001E903\
                 0000000000000000104000000000000014400000000000001840",
            ),
            (
                "MULTIPOLYGONM(((0 0 1,1 0 1,1 1 1,0 0 1)))",
                0,
                "01D60700000100000001D3070000010000000400000000000000000000000000000000000000000000\
                 000000F03F000000000000F03F0000000000000000000000000000F03F000000000000F03F00000000\
                 0000F03F000000000000F03F00000000000000000000000000000000000000000000F03F",
            ),
            ("SRID=4326;POINT EMPTY", 4326, "0101000000000000000000F87F000000000000F87F"),
            ("POINT(1e5 -2.5E-3)", 0, "010100000000000000006AF8407B14AE47E17A64BF"),
        ] {
            assert_eq!(
                read_hex(text),
                Ok((srid, expected.to_string())),
                "{text}"
            );
        }
    }

    /// PostGIS's own example (https://postgis.net/docs/ST_AsEWKT.html): this EWKB is
    /// `SRID=4326;POLYGON((0 0,0 1,1 1,1 0,0 0))`.
    #[test]
    fn writes_as_postgis_does() {
        let ewkb_hex =
            "0103000020E610000001000000050000000000000000000000000000000000000000000000000\
             00000000000000000F03F000000000000F03F000000000000F03F000000000000F03F000000000000000\
             000000000000000000000000000000000";
        let ewkb: Vec<u8> = (0..ewkb_hex.len() / 2)
            .map(|i| u8::from_str_radix(&ewkb_hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        let mut iso = Vec::new();
        let srid = crate::ewkb::read(&ewkb, &mut iso).unwrap();
        assert_eq!(
            to_string(&geo(&iso), srid).unwrap(),
            "SRID=4326;POLYGON((0 0,0 1,1 1,1 0,0 0))"
        );
        // No Z keyword, an M suffix on every type name of a measured geometry, no prefix for 0.
        for (wkt, srid, expected) in [
            ("POINT Z (1 2 3)", 0, "POINT(1 2 3)"),
            ("POINT M (1 2 3)", 4326, "SRID=4326;POINTM(1 2 3)"),
            ("POINT ZM (1 2 3 4)", 0, "POINT(1 2 3 4)"),
            ("POINT M EMPTY", 0, "POINTM EMPTY"),
            (
                "GEOMETRYCOLLECTION M (POINT M (1 2 3),LINESTRING M (0 0 1,1 1 2))",
                3857,
                "SRID=3857;GEOMETRYCOLLECTIONM(POINTM(1 2 3),LINESTRINGM(0 0 1,1 1 2))",
            ),
            ("LINESTRING Z EMPTY", 0, "LINESTRING EMPTY"),
        ] {
            assert_eq!(to_string(&geo(&wkb(wkt)), srid).unwrap(), expected, "{wkt}");
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        for wkt in [
            "POINT(1 2)",
            "POINT Z (1 2 3)",
            "POINT M (1 2 3)",
            "POINT ZM (1 2 3 4)",
            "MULTIPOINT M ((1 2 3),(4 5 6))",
            "POLYGON Z ((0 0 1,4 0 1,4 4 1,0 0 1))",
            "GEOMETRYCOLLECTION Z (POINT Z (1 2 3),GEOMETRYCOLLECTION Z (POINT Z EMPTY))",
            "MULTIPOLYGON EMPTY",
        ] {
            let bytes = wkb(wkt);
            for srid in [0, 4326, -7] {
                let text = to_string(&geo(&bytes), srid).unwrap();
                let mut again = Vec::new();
                assert_eq!(read(&text, &mut again), Ok(srid), "{text}");
                assert_eq!(again, bytes, "{text}");
            }
        }
    }

    #[test]
    fn malformed_ewkt_is_an_error() {
        for text in [
            "",
            "SRID=4326",
            "SRID=4326POINT(1 2)",
            "SRID=x;POINT(1 2)",
            "SRID=99999999999;POINT(1 2)",
            "SRID=4326;",
            "POINT(1 2 3 4 5)",
            "LINESTRING(0 0 0,1 1)",
            "POINTM(1 2)",
            "POLYGON((0 0,1 0,0 1))",
            "POINT(1 2) SRID=4326",
        ] {
            let mut out = Vec::new();
            assert!(
                matches!(
                    read(text, &mut out),
                    Err(GeomError::InvalidWkt(_) | GeomError::InvalidGeometry(_))
                ),
                "{text}: {:?}",
                read(text, &mut Vec::new())
            );
        }
        let deep = format!(
            "SRID=1;{}POINT(1 2){}",
            "GEOMETRYCOLLECTION(".repeat(5000),
            ")".repeat(5000)
        );
        assert!(read(&deep, &mut Vec::new()).is_err());
    }
}
