use strabo_geom::relate::within;

use super::kernels::{predicate, TWO_GEOMETRIES};
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_within",
    aliases: &[],
    category: Category::Predicates,
    params: TWO_GEOMETRIES,
    returns: Kind::Boolean,
    null_when: None,
    summary: "True if `a` lies within `b`: the same as `st_contains(b, a)`.",
    details: "OGC semantics, as in GEOS and JTS: a point on the boundary of a polygon is not \
              within it. Both geometries must have the same SRID. A constant `b` is parsed and \
              indexed once per task.",
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
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    predicate(args, within)
}
