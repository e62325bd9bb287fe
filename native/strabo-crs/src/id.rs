//! CRS identifiers as SQL users write them: `'EPSG:3857'`, `'3857'`, OGC URNs and URLs,
//! `'CRS:84'`.
use strabo_geom::GeomError;

/// What [`parse_code`] accepts, for error messages.
pub(crate) const ACCEPTED_FORMS: &str = "expected 'EPSG:<code>', an SRID such as '4326', \
     'urn:ogc:def:crs:EPSG::<code>', 'http://www.opengis.net/def/crs/EPSG/0/<code>', 'CRS:84' \
     or 'OGC:CRS84'";

/// Web Mercator under its unofficial code (Google's "900913"), an alias of EPSG:3857.
pub(crate) const GOOGLE_MERCATOR: i32 = 900913;

/// The code a CRS identifier names, before any check that the code is known.
///
/// Accepted, case-insensitively and with surrounding whitespace ignored:
/// - `EPSG:<code>` and a bare integer (an SRID);
/// - `urn:ogc:def:crs:EPSG:<version>:<code>`, the version usually empty
///   (`urn:ogc:def:crs:EPSG::4326`);
/// - `http(s)://www.opengis.net/def/crs/EPSG/<version>/<code>`;
/// - `CRS:84`, `OGC:CRS84`, `urn:ogc:def:crs:OGC:<version>:CRS84` and
///   `http(s)://www.opengis.net/def/crs/OGC/<version>/CRS84`: WGS 84 in longitude/latitude
///   order, which is 4326 here since coordinates are always x = longitude (see the crate docs).
///
/// Anything else, an empty text included, is a [`GeomError::InvalidParameter`] that names the
/// text and the accepted forms.
pub(crate) fn parse_code(text: &str) -> Result<i32, GeomError> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let code = if let Some(rest) = lower.strip_prefix("epsg:") {
        Some(rest)
    } else if let Some(rest) = lower.strip_prefix("urn:ogc:def:crs:") {
        authority_and_code(rest, ':')
    } else if let Some(rest) = lower
        .strip_prefix("http://www.opengis.net/def/crs/")
        .or_else(|| lower.strip_prefix("https://www.opengis.net/def/crs/"))
    {
        authority_and_code(rest, '/')
    } else if lower == "crs:84" || lower == "ogc:crs84" {
        return Ok(4326);
    } else {
        Some(lower.as_str())
    };
    code.and_then(|digits| {
        // Digits only: `i32::from_str` would also take a sign.
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i32>().ok())
            .flatten()
    })
    .ok_or_else(|| {
        GeomError::InvalidParameter(format!("unrecognised CRS '{text}': {ACCEPTED_FORMS}"))
    })
}

/// The code of `<authority><sep><version><sep><code>` (a URN's or URL's tail): the digits of an
/// EPSG code, or "4326" for OGC's CRS84. `None` for any other authority or shape.
fn authority_and_code(rest: &str, separator: char) -> Option<&str> {
    let mut parts = rest.split(separator);
    let (authority, _version, code) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    match authority {
        "epsg" => Some(code),
        "ogc" if code == "crs84" => Some("4326"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for (text, code) in [
            ("EPSG:3857", 3857),
            ("epsg:3857", 3857),
            ("Epsg:27700", 27700),
            ("  EPSG:4326  ", 4326),
            ("4326", 4326),
            ("32631", 32631),
            ("900913", 900913),
            ("urn:ogc:def:crs:EPSG::2154", 2154),
            ("URN:OGC:DEF:CRS:EPSG:9.8.1:2154", 2154),
            ("http://www.opengis.net/def/crs/EPSG/0/3035", 3035),
            ("https://www.opengis.net/def/crs/EPSG/0/3035", 3035),
            ("CRS:84", 4326),
            ("crs:84", 4326),
            ("OGC:CRS84", 4326),
            ("urn:ogc:def:crs:OGC:1.3:CRS84", 4326),
            ("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326),
        ] {
            assert_eq!(parse_code(text), Ok(code), "{text}");
        }
    }

    #[test]
    fn refused_forms() {
        for text in [
            "",
            "   ",
            "EPSG:",
            "EPSG:abc",
            "EPSG:-4326",
            "EPSG:+4326",
            "EPSG: 4326",
            "EPSG:4326.0",
            "-4326",
            "99999999999",
            "WGS84",
            "ESRI:102100",
            "CRS:83",
            "OGC:CRS83",
            "urn:ogc:def:crs:EPSG:4326",
            "urn:ogc:def:crs:ESRI::102100",
            "urn:ogc:def:crs:EPSG::4326:extra",
            "http://www.opengis.net/def/crs/EPSG/4326",
            "http://example.com/def/crs/EPSG/0/4326",
            "+proj=longlat +datum=WGS84",
            "GEOGCS[\"WGS 84\"]",
        ] {
            let err = parse_code(text).unwrap_err();
            let GeomError::InvalidParameter(message) = &err else {
                panic!("{text}: {err:?}")
            };
            assert!(message.contains(&format!("'{text}'")), "{message}");
            assert!(message.contains("EPSG:<code>"), "{message}");
        }
    }
}
