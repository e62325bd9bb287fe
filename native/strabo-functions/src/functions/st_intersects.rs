use strabo_geom::relate::intersects;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_intersects",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if the geometries share at least one point, boundaries included.",
    details: "OGC semantics, as in GEOS and JTS. Empty geometries intersect nothing. Both \
              geometries must have the same SRID.",
    examples: &[
        Example {
            sql: "st_intersects(st_makeBBOX(0, 0, 4, 4), st_point(4, 2))",
            result: "true",
        },
        Example {
            sql: "st_intersects(st_geomFromWKT('LINESTRING(-1 2,5 2)'), st_makeBBOX(0, 0, 4, 4))",
            result: "true",
        },
        Example {
            sql: "st_intersects(st_makeBBOX(0, 0, 4, 4), st_point(5, 5))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, intersects)
}
