use strabo_geom::length::length;

use super::kernels::{measure, GEOMETRY};
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_length",
    aliases: &[],
    category: Category::Measurements,
    params: GEOMETRY,
    returns: Kind::Double,
    null_when: None,
    summary: "The planar length of a geometry, in the units of its coordinates.",
    details: "Lines measure their length; polygons measure their perimeter, holes included, as \
              in JTS, GEOS, GeoMesa and Sedona (PostGIS's `ST_Length` returns 0 for polygons). \
              Points and empty geometries measure 0. Cartesian: degrees for SRID 4326.",
    examples: &[
        Example {
            sql: "st_length(st_geomFromWKT('LINESTRING(0 0,3 4)'))",
            result: "5.0",
        },
        Example {
            sql: "st_length(st_makeBBOX(0, 0, 2, 1))",
            result: "6.0",
        },
        Example {
            sql: "st_length(st_point(1, 2))",
            result: "0.0",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    measure(args, length)
}
