//! WKT reading and writing, on top of the `wkt` crate.
use std::fmt::Write;

use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, MultiPointTrait, PointTrait,
};

use crate::{GeomError, GeometryVisitor};

/// Parses one WKT geometry. The `wkt` crate stops at the end of the first geometry, so
/// anything after it is refused here rather than silently dropped.
pub fn parse(text: &str) -> Result<wkt::Wkt<f64>, GeomError> {
    let parsed: wkt::Wkt<f64> = text
        .parse()
        .map_err(|err: &str| GeomError::InvalidWkt(err.to_string()))?;
    let rest = text[geometry_end(text)..].trim();
    if !rest.is_empty() {
        return Err(GeomError::InvalidWkt(format!(
            "unexpected text after the geometry: '{rest}'"
        )));
    }
    Ok(parsed)
}

/// Byte offset just past the first geometry: its balancing `)`, or its `EMPTY`.
fn geometry_end(text: &str) -> usize {
    let upper = text.to_ascii_uppercase();
    let open = upper.find('(');
    let empty = upper.find("EMPTY");
    if let Some(empty) = empty.filter(|&at| open.is_none_or(|open| at < open)) {
        return empty + "EMPTY".len();
    }
    let mut depth = 0usize;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// Appends WKT in the compact form PostGIS prints, e.g. `POLYGON((0 0,1 0,0 1,0 0))`.
pub struct Writer<'o, W: Write> {
    pub out: &'o mut W,
}

impl<W: Write> GeometryVisitor for Writer<'_, W> {
    type Output = Result<(), GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        // WKT as written here has no spelling for an empty point inside a MULTIPOINT (and wkt
        // 0.14 panics writing one), so such a geometry is refused, not cut short.
        if has_empty_point_member(geometry) {
            return Err(GeomError::Encode {
                format: "WKT",
                reason: "a MULTIPOINT that holds an empty point has no WKT".into(),
            });
        }
        wkt::to_wkt::write_geometry(self.out, geometry).map_err(|err| GeomError::Encode {
            format: "WKT",
            reason: err.to_string(),
        })
    }
}

/// Whether a MULTIPOINT, or one inside a collection, holds an empty point.
fn has_empty_point_member<G: GeometryTrait<T = f64>>(geometry: &G) -> bool {
    match geometry.as_type() {
        GeometryType::MultiPoint(points) => points.points().any(|point| point.coord().is_none()),
        GeometryType::GeometryCollection(parts) => {
            parts.geometries().any(|part| has_empty_point_member(&part))
        }
        _ => false,
    }
}

/// WKT of a geometry, or why it has none.
pub fn try_to_string(geometry: &crate::Geo) -> Result<String, GeomError> {
    let mut out = String::new();
    geometry.visit(Writer { out: &mut out }).map(|()| out)
}

/// WKT of any geometry, for messages and tests.
pub fn to_string(geometry: &crate::Geo) -> String {
    try_to_string(geometry).unwrap_or_else(|err| format!("<{err}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_complete_geometries() {
        for text in [
            "POINT(1 2)",
            " point ( 1 2 ) ",
            "POINT EMPTY",
            "GEOMETRYCOLLECTION(POINT(1 2),POINT EMPTY)",
            "POLYGON((0 0,1 0,0 1,0 0))",
        ] {
            assert!(parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn refuses_malformed_and_trailing_text() {
        for text in [
            "",
            "POINT(1)",
            "POLYGON((0 0,4 0",
            "FOO(1 2)",
            "POINT(1 2) trailing",
            "POINT EMPTY x",
            "POINT(1 2))",
        ] {
            assert!(
                matches!(parse(text), Err(GeomError::InvalidWkt(_))),
                "{text}"
            );
        }
    }
}
