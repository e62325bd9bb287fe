use strabo_geom::relate::crosses;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_crosses",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the interiors of `a` and `b` meet in less than the larger dimension, and each has interior points outside the other.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS, read off the DE-9IM matrix by the dimensions of \
         the non-empty parts: `T*T******` when `a` has the lower dimension (points and a line, \
         a line and an area), `T*****T**` when it has the higher, `0********` for two lines \
         (they cross at points, not along a stretch); two point sets or two areas never \
         cross. False when either geometry is empty.",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_crosses(st_geomFromWKT('LINESTRING(0 0,2 2)'), st_geomFromWKT('LINESTRING(0 2,2 0)'))",
            result: "true",
        },
        Example {
            sql: "st_crosses(st_geomFromWKT('LINESTRING(-1 1,1 1)'), st_makeBBOX(0, 0, 2, 2))",
            result: "true",
        },
        Example {
            sql: "st_crosses(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 1, 3, 3))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, crosses)
}
