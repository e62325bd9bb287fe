//! WKT reading and writing, on top of the `wkt` crate.
use std::fmt::Write;

use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, MultiLineStringTrait,
    MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};

use crate::value::has_empty_ring;
use crate::{GeomError, GeometryVisitor};

/// Parses one WKT geometry. The `wkt` crate stops at the end of the first geometry, so
/// anything after it is refused here rather than silently dropped. Parentheses nested deeper
/// than 128 levels are refused before parsing: the `wkt` crate recurses once per level and
/// overflows the stack at some thousands.
pub fn parse(text: &str) -> Result<wkt::Wkt<f64>, GeomError> {
    check_nesting(text)?;
    let parsed: wkt::Wkt<f64> = text
        .parse()
        .map_err(|err: &str| GeomError::InvalidWkt(err.to_string()))?;
    let rest = text[geometry_end(text)..].trim();
    if !rest.is_empty() {
        return Err(GeomError::InvalidWkt(format!(
            "unexpected text after the geometry: '{rest}'"
        )));
    }
    crate::wkb_codec::check_point_counts(&parsed)?;
    check_member_dimensions(&parsed)?;
    Ok(parsed)
}

/// Parentheses that a WKT reader may nest: a collection nests one level deeper than its
/// members, a multipolygon three levels.
const MAX_PARENTHESES_DEPTH: usize = 128;

fn check_nesting(text: &str) -> Result<(), GeomError> {
    let mut depth = 0usize;
    for byte in text.bytes() {
        match byte {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_PARENTHESES_DEPTH {
            return Err(GeomError::InvalidWkt(format!(
                "parentheses nested deeper than {MAX_PARENTHESES_DEPTH} levels"
            )));
        }
    }
    Ok(())
}

/// Refuses a collection whose members' dimensions differ from its own, e.g.
/// `GEOMETRYCOLLECTION Z (POINT(1 1))`: the `wkt` crate accepts it, but its WKB would not read
/// back (WKB readers require one dimension throughout).
pub(crate) fn check_member_dimensions<G: GeometryTrait<T = f64>>(
    geometry: &G,
) -> Result<(), GeomError> {
    if let GeometryType::GeometryCollection(parts) = geometry.as_type() {
        for part in parts.geometries() {
            if part.dim() != geometry.dim() {
                return Err(GeomError::InvalidWkt(
                    "the members of a collection must have its dimensions (Z, M)".into(),
                ));
            }
            check_member_dimensions(&part)?;
        }
    }
    Ok(())
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
        // WKT as written here has no spelling for an empty member of a multi-geometry or an
        // empty ring (wkt 0.14 writes `()`, which it cannot read back, and panics on an empty
        // point in a MULTIPOINT), so such a geometry is refused, not cut short.
        if let Some(what) = empty_part(geometry) {
            return Err(GeomError::Encode {
                format: "WKT",
                reason: format!("{what} has no WKT"),
            });
        }
        wkt::to_wkt::write_geometry(self.out, geometry).map_err(|err| GeomError::Encode {
            format: "WKT",
            reason: err.to_string(),
        })
    }
}

/// The empty part that WKT cannot spell, in a geometry or a collection's members, if any.
fn empty_part<G: GeometryTrait<T = f64>>(geometry: &G) -> Option<&'static str> {
    match geometry.as_type() {
        GeometryType::Polygon(polygon) => {
            has_empty_ring(polygon).then_some("a POLYGON that holds an empty ring")
        }
        GeometryType::MultiPoint(points) => points
            .points()
            .any(|point| point.coord().is_none())
            .then_some("a MULTIPOINT that holds an empty point"),
        GeometryType::MultiLineString(lines) => lines
            .line_strings()
            .any(|line| line.num_coords() == 0)
            .then_some("a MULTILINESTRING that holds an empty line"),
        GeometryType::MultiPolygon(polygons) => polygons
            .polygons()
            .any(|polygon| {
                polygon
                    .exterior()
                    .is_none_or(|shell| shell.num_coords() == 0)
                    || has_empty_ring(&polygon)
            })
            .then_some("a MULTIPOLYGON that holds an empty polygon or ring"),
        GeometryType::GeometryCollection(parts) => {
            parts.geometries().find_map(|part| empty_part(&part))
        }
        _ => None,
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
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let deep = |levels: usize| {
            format!(
                "{}POINT(1 2){}",
                "GEOMETRYCOLLECTION(".repeat(levels),
                ")".repeat(levels)
            )
        };
        assert!(parse(&deep(100)).is_ok());
        assert_eq!(
            parse(&deep(100_000)).unwrap_err(),
            GeomError::InvalidWkt("parentheses nested deeper than 128 levels".into())
        );
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
