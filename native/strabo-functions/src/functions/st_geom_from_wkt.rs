use strabo_geom::Geom;

use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geomFromWKT",
    aliases: &["st_geomFromText"],
    category: Category::Constructors,
    params: &[Param {
        name: "wkt",
        kind: Kind::String,
    }],
    returns: Kind::Geometry,
    null_when: None,
    summary: "Parses Well-Known Text into a geometry with SRID 0.",
    details: "Z and M coordinates are kept. Text after the geometry, an unknown type name or \
              unbalanced parentheses raise `IllegalArgumentException` naming the text.",
    examples: &[
        Example {
            sql: "st_geomFromWKT('POINT(1 2)')",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_geomFromText('LINESTRING (0 0, 3 4)')",
            result: "LINESTRING(0 0,3 4)",
        },
        Example {
            sql: "st_geomFromWKT('POINT Z (1 2 3)')",
            result: "POINT Z(1 2 3)",
        },
        Example {
            sql: "st_geomFromWKT('POLYGON EMPTY')",
            result: "POLYGON EMPTY",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    let geom = Geom::from_wkt(0, args.text(0)).map_err(KernelError::at(0))?;
    Ok(Some(Value::Geometry(geom)))
}
