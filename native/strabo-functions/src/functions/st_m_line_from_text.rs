use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_mLineFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a multiline string, e.g. 'MULTILINESTRING((0 0,1 1),(2 2,3 3))'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a multiline string into a geometry with SRID 0.",
    details: "GeoMesa's `st_mLineFromText`: as `st_geomFromWKT` (Z and M kept, SRID 0, the \
              empty multiline string included), but text of another type raises \
              `IllegalArgumentException` naming it (GeoMesa throws a `ClassCastException`; \
              PostGIS's and Sedona's `ST_MLineFromText` return NULL). For an SRID, use \
              `st_setSRID`.",
    examples: &[Example {
        sql: "st_mLineFromText('MULTILINESTRING((0 0,1 1),(2 2,3 3))')",
        result: "MULTILINESTRING((0 0,1 1),(2 2,3 3))",
    }],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::MultiLineString)
}
