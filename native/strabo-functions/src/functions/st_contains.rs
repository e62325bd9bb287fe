use strabo_geom::relate::contains;

use super::kernels::{predicate, TWO_GEOMETRIES};
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_contains",
    aliases: &[],
    category: Category::Predicates,
    params: TWO_GEOMETRIES,
    returns: Kind::Boolean,
    null_when: None,
    summary: "True if no point of `b` lies outside `a` and their interiors meet.",
    details: "OGC semantics, as in GEOS and JTS: a polygon does not contain a point on its \
              boundary. Empty geometries contain nothing and are contained by nothing. Both \
              geometries must have the same SRID. A constant `a` (a literal polygon) is parsed \
              and indexed once per task, not once per row.",
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
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    predicate(args, contains)
}
