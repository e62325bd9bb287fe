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
/// `inf`, so such ordinates, which [`write`] prints, do not read back.
pub fn read(text: &str, out: &mut Vec<u8>) -> Result<i32, GeomError> {
    let (srid, body) = split_srid(text)?;
    let geometry = wkt_codec::parse(&iso_dimensions(body))?;
    finish(&geometry, out)?;
    Ok(srid)
}

/// Appends the EWKT of `geometry` as PostGIS's `ST_AsEWKT` writes it: `SRID=<n>;` first unless
/// `srid` is 0, no `Z` keyword, an `M` suffix on the type names of a measured geometry (its
/// members' too). Numbers are the WKT codec's (the shortest text that reads back as the same
/// `f64`, where PostGIS rounds to 15 decimal digits), and so are its refusals: a geometry
/// holding an empty ring or an empty member of a multi-geometry has no WKT.
pub fn write(geometry: &Geo, srid: i32, out: &mut String) -> Result<(), GeomError> {
    let iso = wkt_codec::try_to_string(geometry)?;
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
    Ok(())
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
    let is_type_name = |word: &str| TYPE_NAMES.iter().any(|name| word.eq_ignore_ascii_case(name));
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
    let measured = words.iter().any(|word| is_measured_name(&body[word.clone()]));
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
