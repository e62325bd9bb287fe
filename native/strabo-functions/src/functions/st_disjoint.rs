use strabo_geom::relate::disjoint;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_disjoint",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if the geometries share no point: the negation of `st_intersects`.",
    details: "OGC semantics, as in GEOS and JTS. An empty geometry is disjoint from everything. \
              Both geometries must have the same SRID.",
    examples: &[
        Example {
            sql: "st_disjoint(st_makeBBOX(0, 0, 4, 4), st_point(5, 5))",
            result: "true",
        },
        Example {
            sql: "st_disjoint(st_makeBBOX(0, 0, 4, 4), st_point(4, 4))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, disjoint)
}
