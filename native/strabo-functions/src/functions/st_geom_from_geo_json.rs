use strabo_geom::geojson;

use super::prelude::*;

/// What RFC 7946 says GeoJSON's coordinates are: longitude and latitude on WGS 84.
const WGS84: i32 = 4326;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromGeoJSON",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "geojson",
            SqlType::String,
            "A GeoJSON geometry object, e.g. '{\"type\":\"Point\",\"coordinates\":[1,2]}', or a Feature.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )
    .srid(ResultSrid::FromValue)],
    nulls: Nulls::Strict(None),
    summary: "Parses a GeoJSON geometry into a geometry with SRID 4326, or the one its `crs` names.",
    details: "As PostGIS 3's `ST_GeomFromGeoJSON`: the SRID is 4326, GeoJSON's longitude and \
              latitude on WGS 84 (RFC 7946), unless a `crs` member names an EPSG code \
              (`{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}`, as \
              `st_asGeoJSON` writes it). Databricks' `st_geomfromgeojson` gives 4326 too; \
              GeoMesa and Sedona give 0: use `st_setSRID(g, 0)` to relate the result to \
              geometries of SRID 0. A `Feature` is read as its geometry (as Sedona reads it; \
              PostGIS 3.3 refuses it). Positions may have a Z, and a geometry with any Z gives \
              Z = 0 to positions without one, as in PostGIS; ordinates past the third are \
              ignored. `\"coordinates\":[]` is an empty geometry. Malformed JSON, an unknown or \
              wrongly cased type, a `FeatureCollection`, a `crs` that names no EPSG code (PostGIS \
              gives SRID 0), unclosed rings and one-point lines raise \
              `IllegalArgumentException` naming the text.",
    examples: &[
        Example {
            sql: r#"st_geomFromGeoJSON('{"type":"Point","coordinates":[1,2]}')"#,
            result: "POINT(1 2)",
        },
        Example {
            sql: r#"st_asEWKT(st_geomFromGeoJSON('{"type":"LineString","coordinates":[[1,2,3],[4,5]]}'))"#,
            result: "SRID=4326;LINESTRING(1 2 3,4 5 0)",
        },
        Example {
            sql: r#"st_asEWKT(st_geomFromGeoJSON('{"type":"Point","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[1,2]}'))"#,
            result: "SRID=3857;POINT(1 2)",
        },
        Example {
            sql: r#"st_geomFromGeoJSON('{"type":"Point","coordinates":[]}')"#,
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_reader::<Str, _>(args, |text, wkb| {
        Ok(geojson::read(text, wkb)?.unwrap_or(WGS84))
    })
}
