use strabo_geom::validity::is_valid;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isValid",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the geometry is valid by OGC's rules, as GEOS checks them.",
    details: "PostGIS's `ST_IsValid`, Sedona's and GeoMesa's `st_isValid`: false for NaN or \
              infinite coordinates, a line of fewer than 2 distinct points, a ring of fewer \
              than 4, rings that cross, overlap or touch themselves, a hole outside its shell \
              or inside another hole, polygons of a multipolygon that overlap or nest, and an \
              interior cut in two by touching rings. Empty geometries and empty parts are valid. \
              `st_isValidReason` says why. PostGIS's ESRI flag (self-touching rings as holes) is \
              not supported.",
    examples: &[
        Example {
            sql: "st_isValid(st_makeBBOX(0, 0, 1, 1))",
            result: "true",
        },
        Example {
            sql: "st_isValid(st_geomFromWKT('POLYGON((0 0,2 2,2 0,0 2,0 0))'))",
            result: "false",
        },
        Example {
            sql: "st_isValid(st_geomFromWKT('POLYGON EMPTY'))",
            result: "true",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(is_valid(g));
        Ok(())
    })
}
