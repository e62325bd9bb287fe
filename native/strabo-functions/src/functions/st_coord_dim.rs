use strabo_geom::accessors::coord_dim;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_coordDim",
    aliases: &["st_nDims"],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Int,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The number of ordinates of a geometry's coordinates: 2, 3 or 4.",
    details: "2 for X Y, 3 for X Y Z or X Y M, 4 for X Y Z M, from the geometry's type (an empty \
              geometry has its dimensions too), as PostGIS's `ST_CoordDim` and `ST_NDims` count \
              them. GeoMesa's `st_coordDim` answers 3 when the first coordinate has a Z and 2 \
              otherwise (JTS has no M), and Sedona's `ST_NDims` counts the ordinates of the first \
              coordinate; neither answers for an empty geometry. Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_coordDim(st_point(1, 2))",
            result: "2",
        },
        Example {
            sql: "st_coordDim(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "3",
        },
        Example {
            sql: "st_nDims(st_geomFromWKT('LINESTRING M(0 0 1,1 1 2)'))",
            result: "3",
        },
        Example {
            sql: "st_coordDim(st_geomFromWKT('LINESTRING ZM(0 0 1 2,1 1 3 4)'))",
            result: "4",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<i32>, _>(args, |(g,), out| {
        out.push(sql_count(coord_dim(g)));
        Ok(())
    })
}
