use strabo_geom::hull::convex_hull;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_convexHull",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The smallest convex geometry that contains the geometry.",
    details: "PostGIS's `ST_ConvexHull` and Sedona's, as GEOS computes it: a polygon of the \
              outermost vertices, its ring clockwise without collinear vertices; a point when \
              all vertices coincide, and a line between the two extreme vertices when they are \
              collinear. The vertices of holes are not looked at (a hole of a valid polygon lies \
              within its shell), so an invalid polygon whose hole strays outside its shell is \
              hulled by its shell, as in GEOS and PostGIS (a multipolygon by all its \
              vertices). EMPTY gives \
              `GEOMETRYCOLLECTION EMPTY`, as in GEOS and JTS (PostGIS returns the empty input). \
              Z and M are dropped. NaN or infinite coordinates raise `IllegalArgumentException`. \
              GeoMesa's `st_convexHull` is an aggregate of the same name (SQL names ignore \
              case); this scalar function takes its place, and GeoMesa's aggregate is \
              `st_convexHull(st_collect_agg(geom))`.",
    examples: &[
        Example {
            sql: "st_convexHull(st_geomFromWKT('MULTIPOINT((0 0),(1 1),(2 0),(1 0.5))'))",
            result: "POLYGON((0 0,1 1,2 0,0 0))",
        },
        Example {
            sql: "st_convexHull(st_geomFromWKT('MULTIPOINT((0 0),(1 1),(2 2))'))",
            result: "LINESTRING(0 0,2 2)",
        },
        Example {
            sql: "st_convexHull(st_geomFromWKT('POLYGON EMPTY'))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_geometry(&convex_hull(g).map_err(KernelError::at(0))?);
        Ok(())
    })
}
