use strabo_geom::validity::is_valid_reason;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isValidReason",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::String,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "`Valid Geometry`, or why the geometry is invalid and where, in GEOS's words.",
    details: "PostGIS's `ST_IsValidReason`: the first problem found, with a point where it is, \
              its coordinates written with 15 significant digits as GEOS writes them (e.g. \
              `Self-intersection[1 1]`, `Hole lies outside shell[5 5]`, `Too few points in \
              geometry component[1 1]`). The checks are `st_isValid`'s, in GEOS's order; where \
              an invalid geometry has several such points, GEOS may name another one of them \
              (the first its index reaches; here the first in ring order). PostGIS's ESRI flag \
              is not supported.",
    examples: &[
        Example {
            sql: "st_isValidReason(st_makeBBOX(0, 0, 1, 1))",
            result: "Valid Geometry",
        },
        Example {
            sql: "st_isValidReason(st_geomFromWKT('POLYGON((0 0,2 2,2 0,0 2,0 0))'))",
            result: "Self-intersection[1 1]",
        },
        Example {
            sql: "st_isValidReason(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(5 5,6 5,6 6,5 6,5 5))'))",
            result: "Hole lies outside shell[5 5]",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), StringBuf, _>(args, |(g,), out| {
        out.push(&is_valid_reason(g));
        Ok(())
    })
}
