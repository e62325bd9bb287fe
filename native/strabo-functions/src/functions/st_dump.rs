use strabo_geom::dump::dump;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_dump",
    aliases: &[],
    category: Category::Processing,
    signatures: &[Signature {
        params: &[GEOM],
        returns: SqlType::Array(&SqlType::Geometry),
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(None),
    summary: "The points, line strings and polygons a geometry is made of, as an array.",
    details: "Multi-geometries and collections are flattened, nested collections included, in \
              order; a simple geometry gives an array of itself. Every part keeps the SRID, and \
              Z and M. Empty parts are left out, so an empty geometry gives an empty array \
              (PostGIS's `ST_Dump` returns them as rows; use `explode` for that).",
    examples: &[
        Example {
            sql: "st_dump(st_geomFromWKT('MULTIPOINT((0 0),(1 1))'))",
            result: "[POINT(0 0), POINT(1 1)]",
        },
        Example {
            sql: "st_dump(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 2),MULTILINESTRING((0 0,1 1),(2 2,3 3)))'))",
            result: "[POINT(1 2), LINESTRING(0 0,1 1), LINESTRING(2 2,3 3)]",
        },
        Example { sql: "st_dump(st_point(1, 2))", result: "[POINT(1 2)]" },
        Example { sql: "size(st_dump(st_geomFromWKT('POLYGON EMPTY')))", result: "0" },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), ListBuf<GeomBuf>, _>(args, |(g,), out| {
        out.push_with(|parts| {
            dump(g, parts);
            Ok(())
        })
    })
}
