use strabo_geom::similarity::frechet_distance;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_frechetDistance",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The discrete Fréchet distance between two geometries' vertex sequences.",
    details: "PostGIS's `ST_FrechetDistance` (GEOS's `DiscreteFrechetDistance`): the least, over \
              the walks along both vertex sequences in order, of the largest planar distance \
              between the vertices paired, in the units of the coordinates. Any type counts by \
              all its vertices in order (a polygon's shell then its holes, a collection's parts \
              one after another), as in GEOS. PostGIS's optional `densifyFrac` is not \
              supported. NaN or infinite coordinates raise `IllegalArgumentException`. Empty \
              geometries give NULL, as in PostGIS (Sedona answers 0).",
    examples: &[
        Example {
            sql: "st_frechetDistance(st_geomFromWKT('LINESTRING(0 0,100 0)'), st_geomFromWKT('LINESTRING(0 0,50 50,100 0)'))",
            result: "70.71067811865476",
        },
        Example {
            sql: "st_frechetDistance(st_point(0, 1), st_geomFromWKT('LINESTRING(0 0,1 0,2 0,3 0,4 0,5 0)'))",
            result: "5.0990195135927845",
        },
        Example {
            sql: "st_frechetDistance(st_geomFromWKT('LINESTRING EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        push_optional(out, frechet_distance(a, b)?);
        Ok(())
    })
}
