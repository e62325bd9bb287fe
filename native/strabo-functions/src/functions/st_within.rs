use strabo_geom::relate::within;
use strabo_geom::Prepared;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_within",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if `a` lies within `b`: the same as `st_contains(b, a)`.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS: a point on the boundary of a polygon is not within \
         it. Both geometries must have the same SRID. A constant `b` is parsed and indexed once \
         per task.",
        collections_doc!()
    ),
    examples: &[
        Example {
            sql: "st_within(st_point(1, 2), st_makeBBOX(0, 0, 4, 4))",
            result: "true",
        },
        Example {
            sql: "st_within(st_point(0, 2), st_makeBBOX(0, 0, 4, 4))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    super::indexed::bind(args, within, 1, Prepared::polygon_contains)
}
