use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_mPolyFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a multipolygon, e.g. 'MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a multipolygon into a geometry with SRID 0.",
    details: "GeoMesa's `st_mPolyFromText`: as `st_geomFromWKT` (Z and M kept, SRID 0, the \
              empty multipolygon included), but text of another type raises \
              `IllegalArgumentException` naming it (GeoMesa throws a `ClassCastException`; \
              PostGIS's and Sedona's `ST_MPolyFromText` return NULL). For an SRID, use \
              `st_setSRID`.",
    examples: &[
        Example {
            sql: "st_mPolyFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))')",
            result: "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((2 2,3 2,3 3,2 2)))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::MultiPolygon)
}
