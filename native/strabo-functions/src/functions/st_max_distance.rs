use strabo_geom::distance::max_distance;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_maxDistance",
    aliases: &["st_longestDistance"],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The largest planar distance between a point of one geometry and a point of the other.",
    details: "PostGIS's `ST_MaxDistance` and Sedona's `ST_MaxDistance`/`ST_LongestDistance`: two \
              vertices always attain it, so it is measured between the vertices of the two \
              convex hulls; planar, in the units of the coordinates. The distance of a geometry \
              to itself is its diameter. NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_maxDistance(st_point(0, 0), st_geomFromWKT('LINESTRING(2 0,0 2)'))",
            result: "2.0",
        },
        Example {
            sql: "st_maxDistance(st_geomFromWKT('POLYGON((30 10,40 40,20 40,10 20,30 10))'), st_geomFromWKT('POLYGON((10 20,30 30,40 20,30 10,10 20))'))",
            result: "36.05551275463989",
        },
        Example {
            sql: "st_maxDistance(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        push_optional(out, max_distance(a, b)?);
        Ok(())
    })
}
