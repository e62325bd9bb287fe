use strabo_geom::accessors::Kind;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_castToPoint",
    aliases: &[],
    category: Category::Casts,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as a point, which it must be.",
    details: "GeoMesa's cast: the geometry as it is (an empty point included), with its SRID, Z \
              and M, when it is a point; any other type raises `IllegalArgumentException` naming \
              it, where GeoMesa raises a `ClassCastException`. A multipoint of one point is not a \
              point: `st_geometryN(geom, 1)` takes it out.",
    examples: &[
        Example {
            sql: "st_castToPoint(st_point(1, 2))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_castToPoint(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_castToPoint(st_geomFromWKT('POINT EMPTY'))",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_cast(args, Kind::Point)
}
