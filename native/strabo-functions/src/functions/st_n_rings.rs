use strabo_geom::accessors::num_rings;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_nRings",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Int,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The number of rings of a geometry's polygons, shells and holes.",
    details: "Counts the rings of a polygon, and of every polygon of a multipolygon or collection; \
              0 for a geometry without polygons, and for an empty polygon, as PostGIS's \
              `ST_NRings` counts them. Sedona's `ST_NRings` raises an error for a geometry that is \
              neither a polygon nor a multipolygon. Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_nRings(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'))",
            result: "2",
        },
        Example {
            sql: "st_nRings(st_geomFromWKT('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5),(5.1 5.1,5.2 5.1,5.2 5.2,5.1 5.1)))'))",
            result: "3",
        },
        Example {
            sql: "st_nRings(st_point(1, 2))",
            result: "0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        out.push(sql_count(num_rings(g)));
        Ok(())
    })
}
