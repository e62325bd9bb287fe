use strabo_geom::measure::length;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_length",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
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
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        out.push(length(g));
        Ok(())
    })
}
