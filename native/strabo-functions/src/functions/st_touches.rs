use strabo_geom::relate::touches;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_touches",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if `a` and `b` share a point but their interiors do not meet.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS (`FT*******`, `F**T*****` or `F***T****`): what \
         they share lies on a boundary. Two point sets never touch, having no boundary; a \
         point touches a polygon on its boundary, and a line at one of its ends. False when \
         either geometry is empty.",
        relate_doc!()
    ),
    examples: &[
        Example {
            sql: "st_touches(st_makeBBOX(0, 0, 1, 1), st_makeBBOX(1, 0, 2, 1))",
            result: "true",
        },
        Example {
            sql: "st_touches(st_makeBBOX(0, 0, 2, 2), st_point(2, 1))",
            result: "true",
        },
        Example {
            sql: "st_touches(st_makeBBOX(0, 0, 2, 2), st_point(1, 1))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    bind_predicate(args, touches)
}
