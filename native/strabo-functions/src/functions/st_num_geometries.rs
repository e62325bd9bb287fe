use strabo_geom::accessors::num_geometries;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_numGeometries",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Int,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The number of geometries in a multi-geometry or collection.",
    details: "The members of a multi-geometry or collection are counted as they are stored, empty \
              ones included, and nested collections count one each. Any other geometry counts \
              1, and an empty geometry 0, as in PostGIS. (JTS, and so GeoMesa and Sedona, count \
              an empty point, line or polygon as 1.) Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_numGeometries(st_geomFromWKT('MULTIPOINT((0 0),(1 1),(2 2))'))",
            result: "3",
        },
        Example {
            sql: "st_numGeometries(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))'))",
            result: "2",
        },
        Example {
            sql: "st_numGeometries(st_point(1, 2))",
            result: "1",
        },
        Example {
            sql: "st_numGeometries(st_geomFromWKT('POLYGON EMPTY'))",
            result: "0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        out.push(sql_count(num_geometries(g)));
        Ok(())
    })
}
