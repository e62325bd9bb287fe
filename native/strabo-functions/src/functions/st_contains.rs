use strabo_geom::relate::contains;
use strabo_geom::Prepared;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_contains",
    aliases: &[],
    category: Category::Predicates,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Boolean,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "True if no point of `b` lies outside `a` and their interiors meet.",
    details: concat!(
        "OGC semantics, as in GEOS and JTS: a polygon does not contain a point on its \
         boundary. Empty geometries contain nothing and are contained by nothing. Both \
         geometries must have the same SRID. A constant `a` (a literal polygon) is parsed and \
         indexed once per task, not once per row.",
        collections_doc!()
    ),
    examples: &[
        Example {
            sql:
                "st_contains(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))'), st_point(1.0, 2.0))",
            result: "true",
        },
        Example {
            sql: "st_contains(st_makeBBOX(0, 0, 4, 4), st_point(4, 2))",
            result: "false",
        },
        Example {
            sql: "st_contains(st_makeBBOX(0, 0, 4, 4), st_geomFromWKT('LINESTRING(1 1,3 3)'))",
            result: "true",
        },
        Example {
            sql: "st_contains(st_geomFromWKT('MULTILINESTRING((0 0,2 0),(2 0,4 0))'), st_point(2, 0))",
            result: "true",
        },
        Example {
            sql: "st_contains(st_geomFromWKT('GEOMETRYCOLLECTION(POLYGON((0 0,2 0,2 2,0 2,0 0)),POLYGON((2 0,4 0,4 2,2 2,2 0)))'), st_point(2, 1))",
            result: "true",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    super::indexed::bind(args, contains, 0, Prepared::polygon_contains)
}
