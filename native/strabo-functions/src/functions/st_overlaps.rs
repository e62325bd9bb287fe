use strabo_geom::relate::overlaps;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_overlaps",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if `a` and `b` have the same dimension, their interiors meet in that dimension, and each has interior points outside the other.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS, read off the DE-9IM matrix by the dimensions of \
         the non-empty parts: `T*T***T**` for two point sets or two areas, `1*T***T**` for two \
         lines (sharing a stretch, not only points); geometries of different dimensions never \
         overlap, nor does one that lies within the other. False when either geometry is \
         empty.",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_overlaps(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 1, 3, 3))",
            result: "true",
        },
        Example {
            sql: "st_overlaps(st_makeBBOX(0, 0, 4, 4), st_makeBBOX(1, 1, 2, 2))",
            result: "false",
        },
        Example {
            sql: "st_overlaps(st_geomFromWKT('LINESTRING(0 0,2 0)'), st_geomFromWKT('LINESTRING(1 0,3 0)'))",
            result: "true",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, overlaps)
}
