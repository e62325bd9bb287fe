use strabo_geom::accessors::x;

use super::kernels::optional_measure;
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_x",
    aliases: &[],
    category: Category::Accessors,
    params: &[Param { name: "point", kind: Kind::Geometry }],
    returns: Kind::Double,
    null_when: Some("the geometry is not a point, or is an empty point"),
    summary: "The X coordinate of a point.",
    details: "Returns DOUBLE (GeoMesa returns FLOAT). As in Sedona and GeoMesa, a geometry that               is not a point gives NULL rather than an error.",
    examples: &[
        Example { sql: "st_x(st_point(1.5, 2.5))", result: "1.5" },
        Example { sql: "st_x(st_geomFromWKT('LINESTRING(0 0,1 1)'))", result: "NULL" },
        Example { sql: "st_x(st_geomFromWKT('POINT EMPTY'))", result: "NULL" },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    optional_measure(args, x)
}
