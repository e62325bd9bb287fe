use std::borrow::Cow;

use super::kernels::GEOMETRY;
use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_asText",
    aliases: &[],
    category: Category::Outputs,
    params: GEOMETRY,
    returns: Kind::String,
    null_when: None,
    summary: "The geometry as Well-Known Text, in PostGIS's compact form.",
    details: "Coordinates print in the shortest form that reads back to the same double \
              (`1` rather than `1.0`). Z and M are kept (`POINT Z(1 2 3)`); the SRID is not \
              written.",
    examples: &[
        Example {
            sql: "st_asText(st_point(1.0, 2.5))",
            result: "POINT(1 2.5)",
        },
        Example {
            sql: "st_asText(st_geomFromWKB(X'0101000000000000000000F03F0000000000000040'))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_asText(X'0101000000000000000000F03F0000000000000040')",
            result: "POINT(1 2)",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    let text = args.geom(0).to_wkt().map_err(KernelError::at(0))?;
    Ok(Some(Value::Text(Cow::Owned(text))))
}
