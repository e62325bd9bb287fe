use strabo_geom::relate::covered_by;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_coveredBy",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if no point of `a` lies outside `b`: the same as `st_covers(b, a)`.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS: a point on the boundary of a polygon is covered by \
         it. Both geometries must have the same SRID.",
        collections_doc!()
    ),
    examples: &[
        Example {
            sql: "st_coveredBy(st_point(0, 2), st_makeBBOX(0, 0, 4, 4))",
            result: "true",
        },
        Example {
            sql: "st_coveredBy(st_point(5, 2), st_makeBBOX(0, 0, 4, 4))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, covered_by)
}
