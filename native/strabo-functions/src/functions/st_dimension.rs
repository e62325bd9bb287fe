use strabo_geom::accessors::dimension;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_dimension",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Int,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The topological dimension of a geometry: 0 for points, 1 for lines, 2 for polygons.",
    details:
        "Empty or not, a point is 0, a line 1 and a polygon 2; a multi-geometry or collection \
              has the highest dimension of its members, empty members included, and one without \
              members 0, as PostGIS and Sedona answer. GEOS and JTS, and so GeoMesa, answer -1 for \
              an empty collection. Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_dimension(st_point(1, 2))",
            result: "0",
        },
        Example {
            sql: "st_dimension(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 0))'))",
            result: "2",
        },
        Example {
            sql:
                "st_dimension(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))'))",
            result: "1",
        },
        Example {
            sql: "st_dimension(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))",
            result: "0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        out.push(dimension(g));
        Ok(())
    })
}
