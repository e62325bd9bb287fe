use strabo_geom::constructors::bbox;

use crate::spec::*;
use crate::{Args, KernelError, Value};

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_makeBBOX",
    aliases: &[],
    category: Category::Constructors,
    params: &[
        Param {
            name: "lowerX",
            kind: Kind::Double,
        },
        Param {
            name: "lowerY",
            kind: Kind::Double,
        },
        Param {
            name: "upperX",
            kind: Kind::Double,
        },
        Param {
            name: "upperY",
            kind: Kind::Double,
        },
    ],
    returns: Kind::Geometry,
    null_when: None,
    summary: "The rectangle polygon spanned by two corners, with SRID 0.",
    details: "The vertex order is PostGIS's `ST_MakeEnvelope`: (lowerX lowerY, lowerX upperY, \
              upperX upperY, upperX lowerY, lowerX lowerY). Corners given the wrong way round \
              are swapped, as JTS's `Envelope` does. Unlike GeoMesa, no vertices are added to \
              long edges: the rectangle is planar.",
    examples: &[
        Example {
            sql: "st_makeBBOX(0.0, 0.0, 2.0, 1.0)",
            result: "POLYGON((0 0,0 1,2 1,2 0,0 0))",
        },
        Example {
            sql: "st_area(st_makeBBOX(2, 1, 0, 0))",
            result: "2.0",
        },
    ],
    implementation: Implementation::Native(kernel),
};

fn kernel(args: &Args) -> Result<Option<Value<'static>>, KernelError> {
    let (x1, y1, x2, y2) = (
        args.double(0),
        args.double(1),
        args.double(2),
        args.double(3),
    );
    Ok(Some(Value::Geometry(bbox(x1, y1, x2, y2))))
}
