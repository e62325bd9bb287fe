use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_polygonFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a polygon, e.g. 'POLYGON((0 0,1 0,1 1,0 0))'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a polygon into a geometry with SRID 0.",
    details: "GeoMesa's `st_polygonFromText`: as `st_geomFromWKT` (Z and M kept, SRID 0, the \
              empty polygon included), but text of another type raises \
              `IllegalArgumentException` naming it (GeoMesa throws a `ClassCastException`; \
              PostGIS's `ST_PolygonFromText` returns NULL). Sedona's `ST_PolygonFromText(text, \
              delimiter)` reads delimited coordinates instead. For an SRID, use `st_setSRID`.",
    examples: &[Example {
        sql: "st_polygonFromText('POLYGON((0 0,1 0,1 1,0 0))')",
        result: "POLYGON((0 0,1 0,1 1,0 0))",
    }],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::Polygon)
}
