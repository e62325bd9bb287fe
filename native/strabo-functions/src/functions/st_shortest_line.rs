use strabo_geom::nearest::shortest_line;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_shortestLine",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The shortest line between two geometries, from the first to the second.",
    details: "PostGIS's `ST_ShortestLine`: a two-point line from \
              `st_closestPoint(a, b)` to the point of `b` nearest to it, planar, whose length is \
              `st_distance(a, b)`; where the geometries meet, both ends are the same shared \
              point. Where several pairs of points are equally near, the pair GEOS's (and JTS's) \
              `DistanceOp` picks; PostGIS may pick another. The result is 2D, with the SRID of \
              the arguments. NaN or infinite coordinates raise `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_shortestLine(st_point(160, 40), st_geomFromWKT('LINESTRING(10 30,50 50,30 110,70 90,180 140,130 190)'))",
            result: "LINESTRING(160 40,125.75342465753425 115.34246575342466)",
        },
        Example {
            sql: "st_shortestLine(st_geomFromWKT('LINESTRING(0 0,10 0)'), st_geomFromWKT('LINESTRING(5 1,5 5)'))",
            result: "LINESTRING(5 0,5 1)",
        },
        Example {
            sql: "st_shortestLine(st_makeBBOX(0, 0, 4, 4), st_point(1, 2))",
            result: "LINESTRING(1 2,1 2)",
        },
        Example {
            sql: "st_shortestLine(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        match shortest_line(a, b)? {
            Some(line) => out.push_geometry(&line),
            None => out.push_null(),
        }
        Ok(())
    })
}
