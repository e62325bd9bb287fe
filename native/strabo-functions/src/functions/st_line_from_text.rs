use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lineFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a line string, e.g. 'LINESTRING(0 0,3 4)'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a line string into a geometry with SRID 0.",
    details: "GeoMesa's `st_lineFromText`: as `st_geomFromWKT` (Z and M kept, SRID 0, the \
              empty line string included), but text of another type raises \
              `IllegalArgumentException` naming it (GeoMesa throws a `ClassCastException`; \
              PostGIS's and Sedona's `ST_LineFromText` return NULL). For an SRID, use \
              `st_setSRID`.",
    examples: &[
        Example {
            sql: "st_lineFromText('LINESTRING(0 0,3 4)')",
            result: "LINESTRING(0 0,3 4)",
        },
        Example {
            sql: "st_lineFromText('LINESTRING EMPTY')",
            result: "LINESTRING EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::LineString)
}
