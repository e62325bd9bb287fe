use strabo_geom::nearest::closest_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_closestPoint",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Geometry,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The point of the first geometry nearest to the second.",
    details: "GeoMesa's `st_closestPoint` and PostGIS's `ST_ClosestPoint`: planar; the first \
              point of `st_shortestLine(a, b)`, so `st_distance(st_closestPoint(a, b), b)` is \
              `st_distance(a, b)`. Where the geometries meet it is a point they share (a point \
              of `b` inside a polygon `a`, for instance). Where several points are equally \
              near, the one GEOS's `DistanceOp` (and so JTS's, which GeoMesa calls) picks; \
              PostGIS searches in its own order and may pick another. The result is 2D, with \
              the SRID of the arguments. NaN or infinite coordinates raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_closestPoint(st_geomFromWKT('LINESTRING(10 30,50 50,30 110,70 90,180 140,130 190)'), st_point(160, 40))",
            result: "POINT(125.75342465753425 115.34246575342466)",
        },
        Example {
            sql: "st_closestPoint(st_point(160, 40), st_geomFromWKT('LINESTRING(10 30,50 50,30 110,70 90,180 140,130 190)'))",
            result: "POINT(160 40)",
        },
        Example {
            sql: "st_closestPoint(st_makeBBOX(0, 0, 4, 4), st_point(1, 2))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_closestPoint(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        match closest_point(a, b)? {
            Some(point) => out.push_geometry(&point),
            None => out.push_null(),
        }
        Ok(())
    })
}
