use strabo_geom::accessors::Kind;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_castToLineString",
    aliases: &[],
    category: Category::Casts,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as a line string, which it must be.",
    details: "GeoMesa's cast: the geometry as it is (an empty line string included), with its \
              SRID, Z and M, when it is a line string; any other type raises \
              `IllegalArgumentException` naming it, where GeoMesa raises a `ClassCastException`.",
    examples: &[
        Example {
            sql: "st_castToLineString(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result: "LINESTRING(0 0,1 1)",
        },
        Example {
            sql: "st_castToLineString(st_geomFromWKT('LINESTRING M(0 0 1,1 1 2)'))",
            result: "LINESTRING M(0 0 1,1 1 2)",
        },
        Example {
            sql: "st_castToLineString(st_geomFromWKT('LINESTRING EMPTY'))",
            result: "LINESTRING EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_cast(args, Kind::LineString)
}
