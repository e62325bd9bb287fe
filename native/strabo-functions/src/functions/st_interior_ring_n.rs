use strabo_geom::accessors::interior_ring_n;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_interiorRingN",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new("n", SqlType::Int, "Which hole, counting from 1."),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is not a polygon, or has no hole `n`")),
    summary: "The `n`-th hole of a polygon, counting from 1, as a line string.",
    details: "Z and M are kept. An `n` outside 1 to the number of holes, or a geometry of any \
              other type (a multipolygon included), gives NULL, as in PostGIS and GeoMesa. \
              Sedona's `ST_InteriorRingN` counts from 0.",
    examples: &[
        Example {
            sql: "st_interiorRingN(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'), 1)",
            result: "LINESTRING(1 1,2 1,2 2,1 1)",
        },
        Example {
            sql: "st_interiorRingN(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'), 2)",
            result: "NULL",
        },
        Example {
            sql: "st_interiorRingN(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'), 0)",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int), GeomBuf, _>(args, |(g, n), out| {
        out.push_wkb_or_null(|wkb| Ok(interior_ring_n(g, i64::from(*n), wkb)))
    })
}
