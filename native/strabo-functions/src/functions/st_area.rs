use strabo_geom::area::area;

use super::kernels::{measure, GEOMETRY};
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_area",
    aliases: &[],
    category: Category::Measurements,
    params: GEOMETRY,
    returns: Kind::Double,
    null_when: None,
    summary: "The planar area of a geometry, in the squared units of its coordinates.",
    details: "Holes are subtracted and the parts of a multi-geometry or collection are summed. \
              Points, lines and empty geometries have area 0. The computation is Cartesian: \
              for longitude/latitude data (SRID 4326) the result is in square degrees. An \
              invalid (self-intersecting) polygon is measured as GEOS does, lobe by lobe with \
              their winding signs.",
    examples: &[
        Example { sql: "st_area(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0))'))", result: "16.0" },
        Example {
            sql: "st_area(st_geomFromWKT('POLYGON((0 0,10 0,10 10,0 10,0 0),(1 1,2 1,2 2,1 2,1 1))'))",
            result: "99.0",
        },
        Example { sql: "st_area(st_point(1, 2))", result: "0.0" },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    measure(args, area)
}
