use strabo_geom::distance::distance;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_distance",
    aliases: &[],
    category: Category::Measurements,
    signatures: &[Signature {
        params: TWO_GEOMETRIES,
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("either geometry is empty")),
    summary: "The minimum planar distance between two geometries; 0 if they intersect.",
    details: "Cartesian, in the units of the coordinates (degrees for SRID 4326). Both \
              geometries must have the same SRID, as in PostGIS; otherwise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_distance(st_point(0, 0), st_point(3, 4))",
            result: "5.0",
        },
        Example {
            sql: "st_distance(st_geomFromWKT('LINESTRING(0 0,10 0)'), st_point(5, 2))",
            result: "2.0",
        },
        Example {
            sql: "st_distance(st_makeBBOX(0, 0, 4, 4), st_point(1, 1))",
            result: "0.0",
        },
        Example {
            sql: "st_distance(st_geomFromWKT('POINT EMPTY'), st_point(1, 1))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(a, b), out| {
        match distance(a, b) {
            Some(d) => out.push(d),
            None => out.push_null(),
        }
        Ok(())
    })
}
