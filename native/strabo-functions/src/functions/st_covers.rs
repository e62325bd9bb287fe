use strabo_geom::relate::covers;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_covers",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if no point of `b` lies outside `a`; unlike `st_contains`, boundaries count.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS: a polygon covers the points of its boundary. \
         Empty geometries cover nothing and are covered by nothing. Both geometries must have \
         the same SRID.",
        collections_doc!()
    ),
    examples: &[
        Example {
            sql: "st_covers(st_makeBBOX(0, 0, 4, 4), st_point(4, 2))",
            result: "true",
        },
        Example {
            sql: "st_covers(st_makeBBOX(0, 0, 4, 4), st_geomFromWKT('LINESTRING(0 0,4 0)'))",
            result: "true",
        },
        Example {
            sql: "st_covers(st_makeBBOX(0, 0, 4, 4), st_point(5, 2))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, covers)
}
