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
/// decimal digits with trailing zeros dropped (see [`DEFAULT_MAX_DECIMAL_DIGITS`]; PostGIS
/// clamps the parameter to 0..=15 and so should the caller), Z kept and M dropped (GeoJSON has
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
                _ => return Err(invalid("a GeometryCollection needs a \"geometries\" array".into())),
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
            Some(_) => return Err(invalid(format!("a {name}'s \"coordinates\" must be an array"))),
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
    for (i, ring) in polygon.exterior().into_iter().chain(polygon.interiors()).enumerate() {
        if i > 0 {
            out.push(',');
        }
        positions(out, &ring, digits)?;
    }
    out.push(']');
    Ok(())
}
