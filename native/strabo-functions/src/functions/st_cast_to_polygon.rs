use strabo_geom::accessors::Kind;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_castToPolygon",
    aliases: &[],
    category: Category::Casts,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as a polygon, which it must be.",
    details: "GeoMesa's cast: the geometry as it is (an empty polygon included), with its SRID, Z \
              and M, when it is a polygon; any other type raises `IllegalArgumentException` naming \
              it, where GeoMesa raises a `ClassCastException`. A box from `st_makeBBOX` is a \
              polygon.",
    examples: &[
        Example {
            sql: "st_castToPolygon(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 0))'))",
            result: "POLYGON((0 0,1 0,1 1,0 0))",
        },
        Example {
            sql: "st_castToPolygon(st_makeBBOX(0, 0, 2, 1))",
            result: "POLYGON((0 0,0 1,2 1,2 0,0 0))",
        },
        Example {
            sql: "st_castToPolygon(st_geomFromWKT('POLYGON EMPTY'))",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_cast(args, Kind::Polygon)
}
