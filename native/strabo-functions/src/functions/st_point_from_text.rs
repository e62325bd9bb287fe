use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a point, e.g. 'POINT(1 2)'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a point into a geometry with SRID 0.",
    details: "GeoMesa's `st_pointFromText`: as `st_geomFromWKT` (Z and M kept, SRID 0, the \
              empty point included), but text of another type raises \
              `IllegalArgumentException` naming it (GeoMesa throws a `ClassCastException`; \
              PostGIS's `ST_PointFromText` returns NULL). Sedona's `ST_PointFromText(text, \
              delimiter)` reads delimited coordinates instead. For an SRID, use `st_setSRID`.",
    examples: &[
        Example {
            sql: "st_pointFromText('POINT(1 2)')",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_pointFromText('POINT Z(1 2 3)')",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_pointFromText('POINT EMPTY')",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::Point)
}
