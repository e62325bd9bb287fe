use strabo_geom::accessors::num_points;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_numPoints",
    aliases: &["st_nPoints"],
    category: Category::Accessors,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Int,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The number of coordinates of a geometry.",
    details: "Counted as JTS's `getNumPoints` and GeoMesa count them, and as PostGIS's and \
              Sedona's `ST_NPoints`: every vertex of every part, the closing vertex of each ring \
              included; an empty geometry has 0. (PostGIS's `ST_NumPoints` answers only for line \
              strings.) Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_numPoints(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'))",
            result: "3",
        },
        Example {
            sql: "st_numPoints(st_makeBBOX(0, 0, 1, 1))",
            result: "5",
        },
        Example {
            sql: "st_nPoints(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'))",
            result: "9",
        },
        Example {
            sql: "st_numPoints(st_geomFromWKT('MULTIPOINT EMPTY'))",
            result: "0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        out.push(sql_count(num_points(g)));
        Ok(())
    })
}
