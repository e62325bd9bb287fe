use strabo_geom::accessors::Kind;

use super::prelude::*;
use super::st_geom_from_wkt::bind_typed;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomCollFromText",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[Signature::new(
        &[Param::new(
            "wkt",
            SqlType::String,
            "Well-Known Text of a geometry collection, e.g. 'GEOMETRYCOLLECTION(POINT(1 2))'.",
        )],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "Parses Well-Known Text of a geometry collection into a geometry with SRID 0.",
    details: "PostGIS's `ST_GeomCollFromText` (GeoMesa has no such function): as \
              `st_geomFromWKT` (Z and M kept, SRID 0, the empty collection included), but text \
              of another type, a multipoint included, raises `IllegalArgumentException` naming \
              it (PostGIS returns NULL). For an SRID, use `st_setSRID`.",
    examples: &[
        Example {
            sql: "st_geomCollFromText('GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(1 2,3 4))')",
            result: "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(1 2,3 4))",
        },
        Example {
            sql: "st_geomCollFromText('GEOMETRYCOLLECTION EMPTY')",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_typed(args, Kind::GeometryCollection)
}
