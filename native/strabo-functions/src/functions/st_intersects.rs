use strabo_geom::relate::intersects;

use super::kernels::{predicate, TWO_GEOMETRIES};
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_intersects",
    aliases: &[],
    category: Category::Predicates,
    params: TWO_GEOMETRIES,
    returns: Kind::Boolean,
    null_when: None,
    summary: "True if the geometries share at least one point, boundaries included.",
    details: "OGC semantics, as in GEOS and JTS. Empty geometries intersect nothing. Both \
              geometries must have the same SRID.",
    examples: &[
        Example {
            sql: "st_intersects(st_makeBBOX(0, 0, 4, 4), st_point(4, 2))",
            result: "true",
        },
        Example {
            sql: "st_intersects(st_geomFromWKT('LINESTRING(-1 2,5 2)'), st_makeBBOX(0, 0, 4, 4))",
            result: "true",
        },
        Example {
            sql: "st_intersects(st_makeBBOX(0, 0, 4, 4), st_point(5, 5))",
            result: "false",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    predicate(args, intersects)
}
