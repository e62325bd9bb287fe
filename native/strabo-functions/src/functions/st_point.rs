use strabo_geom::constructors::point;

use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_point",
    aliases: &["st_makePoint"],
    category: Category::Constructors,
    params: &[
        Param {
            name: "x",
            kind: Kind::Double,
        },
        Param {
            name: "y",
            kind: Kind::Double,
        },
    ],
    returns: Kind::Geometry,
    null_when: None,
    summary: "A point from its X and Y coordinates, with SRID 0.",
    details: "Numeric arguments of any type are cast to DOUBLE. Use `st_setSRID` to label the \
              point with a coordinate system.",
    examples: &[
        Example {
            sql: "st_point(1.0, 2.0)",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_makePoint(-71.06, 42.36)",
            result: "POINT(-71.06 42.36)",
        },
        Example {
            sql: "st_point(1, 2)",
            result: "POINT(1 2)",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    Ok(Some(Value::Geometry(point(args.double(0), args.double(1)))))
}
