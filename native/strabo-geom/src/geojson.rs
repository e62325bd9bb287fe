//! GeoJSON geometries (RFC 7946): `st_geomFromGeoJSON` and `st_asGeoJSON`.
//!
//! Read with `serde_json` rather than the `geojson` crate: `geojson` 1.0 refuses the empty
//! point `{"type":"Point","coordinates":[]}` that PostGIS and GEOS write, and its writer prints
//! numbers in their shortest form, where `st_asGeoJSON` rounds them to `maxdecimaldigits`.
//! Both directions are short over `serde_json::Value`, and they keep Z.
use std::fmt::Write;

use geo_traits::{
    GeometryCollectionTrait, GeometryTrait, GeometryType, LineStringTrait, MultiLineStringTrait,
    MultiPointTrait, MultiPolygonTrait, PointTrait, PolygonTrait,
};
use serde_json::{Map, Value};
use wkt::types::{
    Coord, Dimension, GeometryCollection, LineString, MultiLineString, MultiPoint, MultiPolygon,
    Point, Polygon,
};

use crate::codec_support::{
    finish, srid_of_crs_name, standard_form, uniform_z, write_ordinate, Ordinates,
    MAX_NESTING_DEPTH,
};
use crate::{Geo, GeomError, GeometryVisitor};

/// `st_asGeoJSON`'s default number of decimal digits, as PostGIS's.
pub const DEFAULT_MAX_DECIMAL_DIGITS: u8 = 9;

/// Reads a GeoJSON geometry object and appends it to `out` as ISO WKB, returning the SRID that
/// its `crs` member names (`{"type":"name","properties":{"name":"EPSG:3857"}}`, the form
/// `st_asGeoJSON` writes and PostGIS reads), or `None` when it names none: PostGIS 3 then takes
/// 4326, Sedona and GeoMesa 0, so the caller chooses.
///
/// - A `Feature` is read as its `geometry` (as JTS's reader since 1.20 and Sedona's do; a
///   `Feature` whose geometry is `null` is refused, there being no NULL to return here), and a
///   `FeatureCollection` is refused.
/// - Positions are `[x, y]` or `[x, y, z]`; ordinates past the third are ignored (RFC 7946
///   allows it, PostGIS does it). The geometry has Z if any of its positions has one, the others
///   getting Z = 0, as PostGIS reads it.
/// - Empty geometries: `"coordinates": []` for any type (a point too), and `[[]]` for a polygon,
///   as GEOS writes it; an empty position inside a line or a multi-point is refused.
/// - The checks of WKT and WKB input apply (closed rings of 4 points or more, lines of 2 or
///   more); collections nest at most 64 levels, and `serde_json` refuses JSON nested deeper than
///   128 levels before any of it is built.
/// - Type names are case-sensitive, as RFC 7946 has them (PostGIS ignores case).
pub fn read(text: &str, out: &mut Vec<u8>) -> Result<Option<i32>, GeomError> {
    let value: Value = serde_json::from_str(text).map_err(|err| invalid(err.to_string()))?;
    let object = as_object(&value, "the GeoJSON text")?;
    let mut srid = crs_srid(object)?;
    let geometry_object = match type_name(object)? {
        "Feature" => match object.get("geometry") {
            Some(Value::Object(geometry)) => geometry,
            Some(Value::Null) | None => {
                return Err(invalid("a Feature without a geometry".into()));
            }
            Some(_) => return Err(invalid("a Feature's geometry must be an object".into())),
        },
        "FeatureCollection" => {
            return Err(invalid(
                "a FeatureCollection is not a geometry; read its features one by one".into(),
            ))
        }
        _ => object,
    };
    if let Some(geometry_srid) = crs_srid(geometry_object)? {
        srid = Some(geometry_srid);
    }
    let mut reader = Reader::default();
    let geometry = reader.geometry(geometry_object, 0)?;
    finish(&uniform_z(geometry, reader.has_z), out)?;
    Ok(srid)
}

/// Writes `geometry` as GeoJSON the way PostGIS's `ST_AsGeoJSON(geom, maxdecimaldigits)`
/// writes it with its default options: no spaces, numbers rounded to `max_decimal_digits`
/// decimal digits with trailing zeros dropped (see [`DEFAULT_MAX_DECIMAL_DIGITS`]; PostGIS 3.3
/// takes a negative count as 0, and so should the caller; a count past a number's own digits
/// prints it in its shortest exact form, as PostGIS does), Z kept and M dropped (GeoJSON has
/// no M), and a `crs` member naming `EPSG:<srid>` when `srid` is neither 0 nor 4326 (PostGIS's
/// default option 8).
///
/// Empty geometries are written with empty coordinates (`{"type":"Point","coordinates":[]}`,
/// `{"type":"GeometryCollection","geometries":[]}`), as PostGIS and GEOS write them (GEOS writes
/// an empty polygon as `[[]]`). Refused, as JSON and GeoJSON cannot hold them: NaN or infinite
/// ordinates, and an empty point inside a multi-point.
pub fn to_string(geometry: &Geo, srid: i32, max_decimal_digits: u8) -> Result<String, GeomError> {
    let mut out = String::new();
    geometry.visit(Writer {
        out: &mut out,
        srid,
        digits: max_decimal_digits,
    })?;
    Ok(out)
}

fn invalid(reason: String) -> GeomError {
    GeomError::InvalidGeoJson(reason)
}

fn as_object<'v>(value: &'v Value, what: &str) -> Result<&'v Map<String, Value>, GeomError> {
    value
        .as_object()
        .ok_or_else(|| invalid(format!("{what} must be a JSON object")))
}

fn type_name(object: &Map<String, Value>) -> Result<&str, GeomError> {
    match object.get("type") {
        Some(Value::String(name)) => Ok(name),
        Some(_) => Err(invalid("\"type\" must be a string".into())),
        None => Err(invalid("an object without \"type\"".into())),
    }
}

/// The SRID of a named `crs` member, if there is one.
fn crs_srid(object: &Map<String, Value>) -> Result<Option<i32>, GeomError> {
    let Some(crs) = object.get("crs").filter(|crs| !crs.is_null()) else {
        return Ok(None);
    };
    let name = crs
        .get("properties")
        .and_then(|properties| properties.get("name"))
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("a \"crs\" member without properties.name".into()))?;
    srid_of_crs_name(name)
        .map(Some)
        .ok_or_else(|| invalid(format!("the crs name '{name}' names no EPSG code")))
}

#[derive(Default)]
struct Reader {
    /// Whether any position had a Z.
    has_z: bool,
}

impl Reader {
    fn geometry(
        &mut self,
        object: &Map<String, Value>,
        depth: usize,
    ) -> Result<wkt::Wkt<f64>, GeomError> {
        let name = type_name(object)?;
        if name == "GeometryCollection" {
            if depth >= MAX_NESTING_DEPTH {
                return Err(invalid(format!(
                    "collections nested deeper than {MAX_NESTING_DEPTH} levels"
                )));
            }
            let members = match object.get("geometries") {
                Some(Value::Array(members)) => members,
                _ => {
                    return Err(invalid(
                        "a GeometryCollection needs a \"geometries\" array".into(),
                    ))
                }
            };
            let parts = members
                .iter()
                .map(|member| self.geometry(as_object(member, "a member geometry")?, depth + 1))
                .collect::<Result<_, _>>()?;
            return Ok(wkt::Wkt::GeometryCollection(GeometryCollection::new(
                parts,
                Dimension::XY,
            )));
        }
        let coordinates = match object.get("coordinates") {
            Some(Value::Array(coordinates)) => coordinates.as_slice(),
            Some(_) => {
                return Err(invalid(format!(
                    "a {name}'s \"coordinates\" must be an array"
                )))
            }
            None => return Err(invalid(format!("a {name} without \"coordinates\""))),
        };
        let xy = Dimension::XY;
        Ok(match name {
            "Point" => wkt::Wkt::Point(match coordinates {
                [] => Point::empty(xy),
                position => Point::new(Some(self.position(position)?), xy),
            }),
            "LineString" => wkt::Wkt::LineString(self.line(coordinates)?),
            "Polygon" => wkt::Wkt::Polygon(self.polygon(coordinates)?),
            "MultiPoint" => wkt::Wkt::MultiPoint(MultiPoint::new(
                self.line(coordinates)?
                    .into_inner()
                    .0
                    .into_iter()
                    .map(Point::from_coord)
                    .collect(),
                xy,
            )),
            "MultiLineString" => wkt::Wkt::MultiLineString(MultiLineString::new(
                arrays(coordinates, "a line")?
                    .map(|line| self.line(line?))
                    .collect::<Result<_, _>>()?,
                xy,
            )),
            "MultiPolygon" => wkt::Wkt::MultiPolygon(MultiPolygon::new(
                arrays(coordinates, "a polygon")?
                    .map(|polygon| self.polygon(polygon?))
                    .collect::<Result<_, _>>()?,
                xy,
            )),
            other => return Err(invalid(format!("unknown geometry type '{other}'"))),
        })
    }

    fn position(&mut self, ordinates: &[Value]) -> Result<Coord<f64>, GeomError> {
        let number = |value: &Value| {
            value
                .as_f64()
                .ok_or_else(|| invalid(format!("an ordinate must be a number, got {value}")))
        };
        match ordinates {
            [x, y] => Ok(Coord {
                x: number(x)?,
                y: number(y)?,
                z: None,
                m: None,
            }),
            [x, y, z, ..] => {
                self.has_z = true;
                Ok(Coord {
                    x: number(x)?,
                    y: number(y)?,
                    z: Some(number(z)?),
                    m: None,
                })
            }
            _ => Err(invalid(format!(
                "a position needs 2 or 3 numbers, got {}",
                ordinates.len()
            ))),
        }
    }

    fn line(&mut self, positions: &[Value]) -> Result<LineString<f64>, GeomError> {
        let coords = arrays(positions, "a position")?
            .map(|position| self.position(position?))
            .collect::<Result<_, _>>()?;
        Ok(LineString::new(coords, Dimension::XY))
    }

    fn polygon(&mut self, rings: &[Value]) -> Result<Polygon<f64>, GeomError> {
        let rings: Vec<LineString<f64>> = arrays(rings, "a ring")?
            .map(|ring| self.line(ring?))
            .collect::<Result<_, _>>()?;
        // `[[]]`, GEOS's empty polygon, is the empty polygon, not a polygon of an empty ring.
        let rings = match rings.as_slice() {
            [shell] if shell.coords().is_empty() => Vec::new(),
            _ => rings,
        };
        Ok(Polygon::new(rings, Dimension::XY))
    }
}

/// The members of `values`, each of which must be an array.
fn arrays<'v>(
    values: &'v [Value],
    what: &'static str,
) -> Result<impl Iterator<Item = Result<&'v [Value], GeomError>>, GeomError> {
    Ok(values.iter().map(move |value| {
        value
            .as_array()
            .map(Vec::as_slice)
            .ok_or_else(|| invalid(format!("{what} must be an array, got {value}")))
    }))
}

struct Writer<'o> {
    out: &'o mut String,
    srid: i32,
    digits: u8,
}

impl GeometryVisitor for Writer<'_> {
    type Output = Result<(), GeomError>;
    fn visit<G: GeometryTrait<T = f64>>(self, geometry: &G) -> Self::Output {
        let crs = (self.srid != 0 && self.srid != 4326).then_some(self.srid);
        write_geometry(self.out, geometry, crs, self.digits)
    }
}

fn write_geometry<G: GeometryTrait<T = f64>>(
    out: &mut String,
    geometry: &G,
    crs: Option<i32>,
    digits: u8,
) -> Result<(), GeomError> {
    if let Some(standard) = standard_form(geometry) {
        return write_geometry(out, &standard, crs, digits);
    }
    let name = match geometry.as_type() {
        GeometryType::Point(_) => "Point",
        GeometryType::LineString(_) => "LineString",
        GeometryType::Polygon(_) => "Polygon",
        GeometryType::MultiPoint(_) => "MultiPoint",
        GeometryType::MultiLineString(_) => "MultiLineString",
        GeometryType::MultiPolygon(_) => "MultiPolygon",
        GeometryType::GeometryCollection(_) => "GeometryCollection",
        GeometryType::Rect(_) | GeometryType::Triangle(_) | GeometryType::Line(_) => {
            unreachable!("standard_form converts rectangles, triangles and lines")
        }
    };
    write!(out, "{{\"type\":\"{name}\"").expect("writing to a String cannot fail");
    if let Some(srid) = crs {
        write!(
            out,
            ",\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"EPSG:{srid}\"}}}}"
        )
        .expect("writing to a String cannot fail");
    }
    if let GeometryType::GeometryCollection(parts) = geometry.as_type() {
        out.push_str(",\"geometries\":[");
        for (i, part) in parts.geometries().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_geometry(out, &part, None, digits)?;
        }
        out.push_str("]}");
        return Ok(());
    }
    out.push_str(",\"coordinates\":");
    match geometry.as_type() {
        GeometryType::Point(point) => match point.coord() {
            Some(coord) => position(out, Ordinates::of(&coord), digits)?,
            None => out.push_str("[]"),
        },
        GeometryType::LineString(line) => positions(out, line, digits)?,
        GeometryType::Polygon(polygon) => rings(out, polygon, digits)?,
        GeometryType::MultiPoint(points) => {
            out.push('[');
            for (i, point) in points.points().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let coord = point.coord().ok_or_else(|| GeomError::Encode {
                    format: "GeoJSON",
                    reason: "a MULTIPOINT that holds an empty point has no GeoJSON".into(),
                })?;
                position(out, Ordinates::of(&coord), digits)?;
            }
            out.push(']');
        }
        GeometryType::MultiLineString(lines) => {
            out.push('[');
            for (i, line) in lines.line_strings().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                positions(out, &line, digits)?;
            }
            out.push(']');
        }
        GeometryType::MultiPolygon(polygons) => {
            out.push('[');
            for (i, polygon) in polygons.polygons().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                rings(out, &polygon, digits)?;
            }
            out.push(']');
        }
        _ => unreachable!("collections are written above, other types converted"),
    }
    out.push('}');
    Ok(())
}

fn position(out: &mut String, ordinates: Ordinates, digits: u8) -> Result<(), GeomError> {
    out.push('[');
    write_ordinate(out, ordinates.x, digits, "GeoJSON")?;
    out.push(',');
    write_ordinate(out, ordinates.y, digits, "GeoJSON")?;
    if let Some(z) = ordinates.z {
        out.push(',');
        write_ordinate(out, z, digits, "GeoJSON")?;
    }
    out.push(']');
    Ok(())
}

fn positions(
    out: &mut String,
    line: &impl LineStringTrait<T = f64>,
    digits: u8,
) -> Result<(), GeomError> {
    out.push('[');
    for (i, coord) in line.coords().enumerate() {
        if i > 0 {
            out.push(',');
        }
        position(out, Ordinates::of(&coord), digits)?;
    }
    out.push(']');
    Ok(())
}

fn rings(
    out: &mut String,
    polygon: &impl PolygonTrait<T = f64>,
    digits: u8,
) -> Result<(), GeomError> {
    out.push('[');
    for (i, ring) in polygon
        .exterior()
        .into_iter()
        .chain(polygon.interiors())
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        positions(out, &ring, digits)?;
    }
    out.push(']');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{geo, wkb};

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    fn read_hex(text: &str) -> Result<(Option<i32>, String), GeomError> {
        let mut out = Vec::new();
        read(text, &mut out).map(|srid| (srid, hex(&out)))
    }

    /// GeoJSON as GEOS writes it, and the ISO WKB of the same geometry, both from shapely 2.1.2
    /// (GEOS 3.13.1): `to_geojson(g)` and `to_wkb(g, hex=True, flavor='iso')`.
    #[test]
    fn reads_what_geos_writes() {
        for (text, expected) in [
            (
                r#"{"type":"Point","coordinates":[1.0,2.0]}"#,
                "0101000000000000000000F03F0000000000000040",
            ),
            (
                r#"{"type":"Point","coordinates":[1.0,2.0,3.0]}"#,
                "01E9030000000000000000F03F00000000000000400000000000000840",
            ),
            (
                r#"{"type":"Point","coordinates":[]}"#,
                "0101000000000000000000F87F000000000000F87F",
            ),
            (
                r#"{"type":"LineString","coordinates":[[0.0,0.0],[1.0,1.5]]}"#,
                "01020000000200000000000000000000000000000000000000000000000000F03F000000000000F83F",
            ),
            (r#"{"type":"Polygon","coordinates":[[]]}"#, "010300000000000000"),
            (
                r#"{"type":"Polygon","coordinates":[[[0.0,0.0],[4.0,0.0],[4.0,4.0],[0.0,4.0],[0.0,0.0]],[[1.0,1.0],[2.0,1.0],[2.0,2.0],[1.0,1.0]]]}"#,
                "0103000000020000000500000000000000000000000000000000000000000000000000104000000000\
                 0000000000000000000010400000000000001040000000000000000000000000000010400000000000\
                 000000000000000000000004000000000000000000F03F000000000000F03F0000000000000040000000\
                 000000F03F00000000000000400000000000000040000000000000F03F000000000000F03F",
            ),
            (
                r#"{"type":"MultiPoint","coordinates":[[1.0,2.0],[3.0,4.0]]}"#,
                "0104000000020000000101000000000000000000F03F00000000000000400101000000000000000000\
                 08400000000000001040",
            ),
            (
                r#"{"type":"MultiLineString","coordinates":[[[0.0,0.0],[1.0,1.0]],[]]}"#,
                "01050000000200000001020000000200000000000000000000000000000000000000000000000000F0\
                 3F000000000000F03F010200000000000000",
            ),
            (
                r#"{"type":"MultiPolygon","coordinates":[[[[0.0,0.0,1.0],[1.0,0.0,2.0],[1.0,1.0,3.0],[0.0,0.0,1.0]]]]}"#,
                "01EE0300000100000001EB030000010000000400000000000000000000000000000000000000000000\
                 000000F03F000000000000F03F00000000000000000000000000000040000000000000F03F00000000\
                 0000F03F000000000000084000000000000000000000000000000000000000000000F03F",
            ),
            (
                r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1.0,2.0]},{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0.0,0.0],[1.0,1.0]]}]}]}"#,
                "0107000000020000000101000000000000000000F03F000000000000004001070000000100000001020\
                 000000200000000000000000000000000000000000000000000000000F03F000000000000F03F",
            ),
        ] {
            assert_eq!(read_hex(text), Ok((None, expected.to_string())), "{text}");
        }
    }

    #[test]
    fn reads_features_crs_and_mixed_dimensions() {
        let point = "0101000000000000000000F03F0000000000000040".to_string();
        let feature = r#"{"type":"Feature","properties":{"name":"a"},"id":7,
            "geometry":{"type":"Point","coordinates":[1,2]}}"#;
        assert_eq!(read_hex(feature), Ok((None, point.clone())));
        let named = r#"{"type":"Point","crs":{"type":"name","properties":{"name":"EPSG:3857"}},
            "coordinates":[1,2]}"#;
        assert_eq!(read_hex(named), Ok((Some(3857), point.clone())));
        let urn = r#"{"type":"Feature","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4269"}},
            "geometry":{"type":"Point","coordinates":[1,2]},"properties":null}"#;
        assert_eq!(read_hex(urn), Ok((Some(4269), point.clone())));
        // A fourth ordinate is ignored; a position without Z in a Z geometry gets Z = 0, as
        // PostGIS reads it (its GeoJSON reader fills missing ordinates with 0).
        let extra = r#"{"type":"Point","coordinates":[1,2,3,4]}"#;
        assert_eq!(read_hex(extra), Ok((None, hex(&wkb("POINT Z (1 2 3)")))));
        let mixed = r#"{"type":"LineString","coordinates":[[0,0],[1,1,5]]}"#;
        assert_eq!(
            read_hex(mixed),
            Ok((None, hex(&wkb("LINESTRING Z (0 0 0,1 1 5)"))))
        );
    }

    #[test]
    fn malformed_geojson_is_an_error() {
        for text in [
            "",
            "[]",
            "{}",
            r#"{"type":"Point"}"#,
            r#"{"type":"point","coordinates":[1,2]}"#,
            r#"{"type":"Point","coordinates":[1]}"#,
            r#"{"type":"Point","coordinates":[1,"2"]}"#,
            r#"{"type":"Point","coordinates":{"x":1}}"#,
            r#"{"type":"LineString","coordinates":[[1,2],[]]}"#,
            r#"{"type":"MultiPoint","coordinates":[[]]}"#,
            r#"{"type":"Polygon","coordinates":[[1,2]]}"#,
            r#"{"type":"GeometryCollection"}"#,
            r#"{"type":"GeometryCollection","geometries":[1]}"#,
            r#"{"type":"Feature","geometry":null}"#,
            r#"{"type":"FeatureCollection","features":[]}"#,
            r#"{"type":"Point","coordinates":[1,2],"crs":{"type":"name"}}"#,
            r#"{"type":"Point","coordinates":[1,2],"crs":{"type":"name","properties":{"name":"CRS84"}}}"#,
            r#"{"type":"Point","coordinates":[1e999,2]}"#,
            r#"{"type":"Point","coordinates":[1,2]} x"#,
        ] {
            assert!(
                matches!(
                    read(text, &mut Vec::new()),
                    Err(GeomError::InvalidGeoJson(_))
                ),
                "{text}: {:?}",
                read(text, &mut Vec::new())
            );
        }
        for (text, error) in [
            (
                r#"{"type":"LineString","coordinates":[[1,2]]}"#,
                "a line string needs at least 2 points, got 1",
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,1]]]}"#,
                "a polygon ring needs at least 4 points, got 3",
            ),
        ] {
            assert_eq!(
                read(text, &mut Vec::new()),
                Err(GeomError::InvalidGeometry(error.into()))
            );
        }
        // Nesting: serde_json stops at 128 levels of JSON, before building anything.
        let deep = format!(
            "{}{{\"type\":\"Point\",\"coordinates\":[1,2]}}{}",
            r#"{"type":"GeometryCollection","geometries":["#.repeat(100_000),
            "]}".repeat(100_000)
        );
        assert!(matches!(
            read(&deep, &mut Vec::new()),
            Err(GeomError::InvalidGeoJson(_))
        ));
    }

    /// Output checked with shapely 2.1.2: `from_geojson(text)` is `equals_exact` to
    /// `from_wkt(wkt)` (without M, which GeoJSON has not), EMPTY geometries included. The 3D
    /// line is PostGIS's example (https://postgis.net/docs/ST_AsGeoJSON.html).
    #[test]
    fn writes_as_postgis_does() {
        for (wkt, expected) in [
            ("POINT(1 2)", r#"{"type":"Point","coordinates":[1,2]}"#),
            (
                "POINT ZM (1 2 3 4)",
                r#"{"type":"Point","coordinates":[1,2,3]}"#,
            ),
            ("POINT EMPTY", r#"{"type":"Point","coordinates":[]}"#),
            (
                "LINESTRING Z (1 2 3,4 5 6)",
                r#"{"type":"LineString","coordinates":[[1,2,3],[4,5,6]]}"#,
            ),
            (
                "LINESTRING EMPTY",
                r#"{"type":"LineString","coordinates":[]}"#,
            ),
            (
                "POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))",
                r#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}"#,
            ),
            ("POLYGON EMPTY", r#"{"type":"Polygon","coordinates":[]}"#),
            (
                "MULTIPOINT((1 2),(3 4))",
                r#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#,
            ),
            (
                "MULTIPOINT EMPTY",
                r#"{"type":"MultiPoint","coordinates":[]}"#,
            ),
            (
                "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
                r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#,
            ),
            (
                "MULTIPOLYGON Z (((0 0 1,1 0 2,1 1 3,0 0 1)))",
                r#"{"type":"MultiPolygon","coordinates":[[[[0,0,1],[1,0,2],[1,1,3],[0,0,1]]]]}"#,
            ),
            (
                "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION(POINT(3 4)))",
                r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]},{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[3,4]}]}]}"#,
            ),
            (
                "GEOMETRYCOLLECTION EMPTY",
                r#"{"type":"GeometryCollection","geometries":[]}"#,
            ),
            (
                "POINT(0.1234567890123 -1e20)",
                r#"{"type":"Point","coordinates":[0.123456789,-1e20]}"#,
            ),
        ] {
            let text = to_string(&geo(&wkb(wkt)), 0, DEFAULT_MAX_DECIMAL_DIGITS).unwrap();
            assert_eq!(text, expected, "{wkt}");
        }
    }

    #[test]
    fn digits_and_crs() {
        let point = wkb("POINT(5.234234233242 6.34534534534)");
        assert_eq!(
            to_string(&geo(&point), 4326, 5).unwrap(),
            r#"{"type":"Point","coordinates":[5.23423,6.34535]}"#
        );
        assert_eq!(
            to_string(&geo(&point), 3857, 0).unwrap(),
            r#"{"type":"Point","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[5,6]}"#
        );
        let mut out = Vec::new();
        let text = to_string(&geo(&point), 3857, 15).unwrap();
        assert_eq!(read(&text, &mut out), Ok(Some(3857)));
        assert_eq!(out, point);
    }

    #[test]
    fn what_geojson_cannot_hold_is_refused() {
        let nan = wkb("LINESTRING(0 0,1 1)")
            .iter()
            .copied()
            .take(25)
            .chain(f64::NAN.to_le_bytes())
            .chain(1f64.to_le_bytes())
            .collect::<Vec<u8>>();
        assert!(matches!(
            to_string(&geo(&nan), 0, 9),
            Err(GeomError::Encode {
                format: "GeoJSON",
                ..
            })
        ));
        let mut empty_member = Vec::new();
        crate::write_wkb(
            &wkt::Wkt::MultiPoint(MultiPoint::new(
                vec![Point::empty(Dimension::XY)],
                Dimension::XY,
            )),
            &mut empty_member,
        );
        assert!(matches!(
            to_string(&geo(&empty_member), 0, 9),
            Err(GeomError::Encode {
                format: "GeoJSON",
                ..
            })
        ));
    }
}
