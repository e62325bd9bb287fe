use strabo_geom::accessors::num_interior_rings;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_numInteriorRings",
    aliases: &["st_numInteriorRing"],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Int,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is not a polygon")),
    summary: "The number of holes of a polygon.",
    details: "0 for an empty polygon; NULL for any other type, a multipolygon included, as in \
              PostGIS and Sedona. See `st_nRings` for the rings of a multipolygon, shells \
              included. Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_numInteriorRings(st_geomFromWKT('POLYGON((0 0,4 0,4 4,0 4,0 0),(1 1,2 1,2 2,1 1))'))",
            result: "1",
        },
        Example {
            sql: "st_numInteriorRings(st_geomFromWKT('POLYGON EMPTY'))",
            result: "0",
        },
        Example {
            sql: "st_numInteriorRing(st_geomFromWKT('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        match num_interior_rings(g) {
            Some(holes) => out.push(sql_count(holes)),
            None => out.push_null(),
        }
        Ok(())
    })
}
