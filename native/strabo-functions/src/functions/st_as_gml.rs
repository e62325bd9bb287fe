use strabo_geom::gml::{self, GmlVersion, DEFAULT_MAX_DECIMAL_DIGITS};
use strabo_geom::{Geo, GeomError};

use super::prelude::*;

const DIGITS: Param = Param::new(
    "maxDecimalDigits",
    SqlType::Int,
    "Decimal digits to round coordinates to; 15 when left out.",
)
.optional();

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asGML",
    aliases: &[],
    category: Category::Outputs,
    signatures: &[
        Signature::new(
            &[GEOM, DIGITS],
            SqlType::String,
            Implementation::Scalar(bind),
        ),
        Signature::new(
            &[
                Param::new("version", SqlType::Int, "The GML version: 2 or 3."),
                GEOM,
                DIGITS,
            ],
            SqlType::String,
            Implementation::Scalar(bind_version),
        ),
    ],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The geometry as a GML 2 or GML 3 element.",
    details: "PostGIS's `ST_AsGML(geom, maxdecimaldigits)` and `ST_AsGML(version, geom, \
              maxdecimaldigits)`, in both argument orders, with PostGIS's default options: \
              GML 2.1.2 unless `version` is 3 (3.1.1: `gml:pos`/`gml:posList` with \
              `srsDimension`, lines as `gml:Curve`, multi-lines as `gml:MultiCurve`, \
              multi-polygons as `gml:MultiSurface`), the `gml:` prefix, \
              `srsName=\"EPSG:<srid>\"` on the outer element unless the SRID is 0, coordinates \
              rounded to `maxDecimalDigits` decimals (a negative count is 0), Z kept and M \
              dropped. An empty geometry gives NULL, as in PostGIS; an empty member of a \
              collection is an empty element. A version other than 2 or 3, and NaN or infinite \
              coordinates, raise `IllegalArgumentException`. PostGIS's `options`, namespace \
              prefix and `id` are not supported. Sedona's `ST_AsGML(geom)` (JTS's writer) \
              writes GML 2 too, but indented and with `1.0` for 1.",
    examples: &[
        Example {
            sql: "st_asGML(st_point(1.0, 2.0, 4326))",
            result: r#"<gml:Point srsName="EPSG:4326"><gml:coordinates>1,2</gml:coordinates></gml:Point>"#,
        },
        Example {
            sql: "st_asGML(st_geomFromWKT('LINESTRING(1.123456 2,3 4)'), 2)",
            result:
                "<gml:LineString><gml:coordinates>1.12,2 3,4</gml:coordinates></gml:LineString>",
        },
        Example {
            sql: "st_asGML(3, st_geomFromEWKT('SRID=4326;LINESTRING(0 0 1,1 1 2)'), 15)",
            result: r#"<gml:Curve srsName="EPSG:4326"><gml:segments><gml:LineStringSegment><gml:posList srsDimension="3">0 0 1 1 1 2</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>"#,
        },
        Example {
            sql: "st_asGML(st_geomFromWKT('POINT EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 1 {
        return map::<(GeometryWithSrid,), StringBuf, _>(args, |((g, srid),), out| {
            write(g, 0, *srid, GmlVersion::V2, DEFAULT_MAX_DECIMAL_DIGITS, out)
        });
    }
    map::<(GeometryWithSrid, Int), StringBuf, _>(args, |((g, srid), digits), out| {
        write(g, 0, *srid, GmlVersion::V2, decimal_digits(*digits), out)
    })
}

fn bind_version(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Int, GeometryWithSrid), StringBuf, _>(args, |(version, (g, srid)), out| {
            let version = gml_version(*version).map_err(KernelError::at(0))?;
            write(g, 1, *srid, version, DEFAULT_MAX_DECIMAL_DIGITS, out)
        });
    }
    map::<(Int, GeometryWithSrid, Int), StringBuf, _>(args, |(version, (g, srid), digits), out| {
        let version = gml_version(*version).map_err(KernelError::at(0))?;
        write(g, 1, *srid, version, decimal_digits(*digits), out)
    })
}

fn gml_version(version: i32) -> Result<GmlVersion, GeomError> {
    match version {
        2 => Ok(GmlVersion::V2),
        3 => Ok(GmlVersion::V3),
        other => Err(GeomError::InvalidParameter(format!(
            "only GML 2 and GML 3 are supported, got {other}"
        ))),
    }
}

/// Writes one row; `geometry_arg` is the geometry's position in the call, which the error of
/// a coordinate that cannot be written blames.
fn write(
    geometry: &Geo,
    geometry_arg: usize,
    srid: i32,
    version: GmlVersion,
    digits: u8,
    out: &mut StringBuf,
) -> Result<(), KernelError> {
    let text =
        gml::to_string(geometry, srid, version, digits).map_err(KernelError::at(geometry_arg))?;
    match text {
        Some(text) => out.push(&text),
        None => out.push_null(),
    }
    Ok(())
}
