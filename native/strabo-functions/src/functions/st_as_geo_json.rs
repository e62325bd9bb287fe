use strabo_geom::geojson::{self, DEFAULT_MAX_DECIMAL_DIGITS};

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asGeoJSON",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "maxDecimalDigits",
                SqlType::Int,
                "Decimal digits to round coordinates to; 9 when left out.",
            )
            .optional(),
        ],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as a GeoJSON geometry object.",
    details: "As PostGIS's `ST_AsGeoJSON(geom, maxdecimaldigits)` writes it with its default \
              options: no spaces, coordinates rounded to `maxDecimalDigits` decimals (a negative \
              count is 0) with trailing zeros dropped, Z kept and M dropped, and a `crs` member \
              naming `EPSG:<srid>` when the SRID is neither 0 nor 4326 (GeoJSON's coordinates \
              are longitude and latitude on WGS 84 unless a `crs` says otherwise). An empty \
              geometry has empty coordinates (`{\"type\":\"Point\",\"coordinates\":[]}`). NaN \
              or infinite coordinates, which JSON cannot hold, and a multi-point holding an \
              empty point raise `IllegalArgumentException`. GeoMesa's `st_asGeoJSON` (JTS's \
              writer) rounds to 8 decimals and writes no `crs`; Sedona's optional second \
              argument, a feature type, is not supported.",
    examples: &[
        Example {
            sql: "st_asGeoJSON(st_point(1.0, 2.5))",
            result: r#"{"type":"Point","coordinates":[1,2.5]}"#,
        },
        Example {
            sql: "st_asGeoJSON(st_geomFromWKT('LINESTRING(1.123456 2.987654,3 4)'), 2)",
            result: r#"{"type":"LineString","coordinates":[[1.12,2.99],[3,4]]}"#,
        },
        Example {
            sql: "st_asGeoJSON(st_geomFromEWKT('SRID=3857;POINT(1 2 3)'))",
            result: r#"{"type":"Point","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"coordinates":[1,2,3]}"#,
        },
        Example {
            sql: "st_asGeoJSON(st_geomFromWKT('POLYGON EMPTY'))",
            result: r#"{"type":"Polygon","coordinates":[]}"#,
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 1 {
        return map::<(GeometryWithSrid,), StringBuf, _>(args, |((g, srid),), out| {
            write(g, *srid, DEFAULT_MAX_DECIMAL_DIGITS, out)
        });
    }
    map::<(GeometryWithSrid, Int), StringBuf, _>(args, |((g, srid), digits), out| {
        write(g, *srid, decimal_digits(*digits), out)
    })
}

fn write(
    geometry: &strabo_geom::Geo,
    srid: i32,
    digits: u8,
    out: &mut StringBuf,
) -> Result<(), KernelError> {
    let text = geojson::to_string(geometry, srid, digits).map_err(KernelError::at(0))?;
    out.push(&text);
    Ok(())
}
