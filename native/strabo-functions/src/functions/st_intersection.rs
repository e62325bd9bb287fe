use strabo_geom::overlay::intersection;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_intersection",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The points `a` and `b` share.",
    details: concat!(
        "PostGIS's and Sedona's `ST_Intersection`. Where the inputs only touch, what they \
         share is kept: squares sharing an edge meet in a line, at a corner in a point. An \
         empty result is the empty geometry of the lower dimension of the two (`POLYGON \
         EMPTY` for disjoint polygons, `POINT EMPTY` for a point outside a polygon), as in \
         GEOS. Both geometries must have the same SRID.",
        overlay_doc!()
    ),
    examples: &[
        Example {
            sql: "st_equals(st_intersection(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 1, 3, 3)), st_makeBBOX(1, 1, 2, 2))",
            result: "true",
        },
        Example {
            sql: "st_intersection(st_makeBBOX(0, 0, 1, 1), st_makeBBOX(1, 1, 2, 2))",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_intersection(st_geomFromWKT('LINESTRING(0 0,4 4)'), st_makeBBOX(1, 1, 3, 3))",
            result: "LINESTRING(1 1,3 3)",
        },
        Example {
            sql: "st_intersection(st_makeBBOX(0, 0, 1, 1), st_point(5, 5))",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        out.push_geometry(&intersection(a, b)?);
        Ok(())
    })
}
