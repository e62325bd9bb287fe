use strabo_geom::overlay::difference;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_difference",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The points of `a` that are not in `b`.",
    details: concat!(
        "PostGIS's and Sedona's `ST_Difference`. Parts of `b` of a lower dimension take \
         nothing from `a` (a polygon less a point is the polygon); an empty result is the \
         empty geometry of `a`'s dimension. Of collections mixing dimensions, the difference \
         is computed as a point set: GEOS 3.13 keeps points of `a` that lie on `b`'s lines \
         there. Both geometries must have the same SRID.",
        overlay_doc!()
    ),
    examples: &[
        Example {
            sql: "st_equals(st_difference(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 0, 3, 2)), st_makeBBOX(0, 0, 1, 2))",
            result: "true",
        },
        Example {
            sql: "st_difference(st_geomFromWKT('LINESTRING(0 0,4 0)'), st_makeBBOX(1, -1, 2, 1))",
            result: "MULTILINESTRING((0 0,1 0),(2 0,4 0))",
        },
        Example {
            sql: "st_difference(st_makeBBOX(0, 0, 1, 1), st_makeBBOX(0, 0, 2, 2))",
            result: "POLYGON EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        out.push_geometry(&difference(a, b)?);
        Ok(())
    })
}
