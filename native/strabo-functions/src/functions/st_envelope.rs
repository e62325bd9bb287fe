use strabo_geom::envelope::envelope;

use super::kernels::GEOMETRY;
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_envelope",
    aliases: &[],
    category: Category::Accessors,
    params: GEOMETRY,
    returns: Kind::Geometry,
    null_when: None,
    summary: "The bounding box of a geometry, as a geometry with the same SRID.",
    details: "As in PostGIS and JTS, the box of a point is the point and a box with no width or \
              no height is a line; otherwise a polygon (xmin ymin, xmin ymax, xmax ymax, xmax \
              ymin, xmin ymin). The envelope of an empty geometry is that empty geometry.",
    examples: &[
        Example {
            sql: "st_envelope(st_geomFromWKT('LINESTRING(0 0,4 2)'))",
            result: "POLYGON((0 0,0 2,4 2,4 0,0 0))",
        },
        Example {
            sql: "st_envelope(st_point(1, 2))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_envelope(st_geomFromWKT('LINESTRING(1 0,1 5)'))",
            result: "LINESTRING(1 0,1 5)",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    Ok(Some(Value::Geometry(
        envelope(args.geom(0)).map_err(KernelError::at(0))?,
    )))
}
