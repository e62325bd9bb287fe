use strabo_geom::overlay::sym_difference;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_symDifference",
    aliases: &[],
    category: Category::Overlay,
    signatures: &[Signature::new(
        TWO_GEOMETRIES,
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The points in exactly one of `a` and `b`.",
    details: concat!(
        "PostGIS's and Sedona's `ST_SymDifference`: the union less the intersection. An empty \
         result is the empty geometry of the higher dimension of the two. Of collections \
         mixing dimensions, it is computed as a point set: GEOS 3.13 drops the lines and \
         points of `b` there. Both geometries must have the same SRID.",
        overlay_doc!()
    ),
    examples: &[
        Example {
            sql: "st_symDifference(st_geomFromWKT('LINESTRING(0 0,2 0)'), st_geomFromWKT('LINESTRING(1 0,3 0)'))",
            result: "MULTILINESTRING((0 0,1 0),(2 0,3 0))",
        },
        Example {
            sql: "st_area(st_symDifference(st_makeBBOX(0, 0, 2, 2), st_makeBBOX(1, 1, 3, 3)))",
            result: "6.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), GeomBuf, _>(args, |(a, b), out| {
        out.push_geometry(&sym_difference(a, b)?);
        Ok(())
    })
}
