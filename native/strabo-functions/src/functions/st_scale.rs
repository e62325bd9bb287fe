use strabo_geom::affine::scale;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_scale",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new("sx", SqlType::Double, "The factor X is multiplied by."),
            Param::new("sy", SqlType::Double, "The factor Y is multiplied by."),
            Param::new(
                "sz",
                SqlType::Double,
                "The factor Z is multiplied by where the geometry has Z; 1 when left out.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry with its coordinates multiplied by factors, about the origin (0, 0).",
    details: "PostGIS's `ST_Scale(geom, sx, sy [, sz])` and Sedona's `ST_Scale`: each X, Y \
              and Z is multiplied by its factor, so the geometry is scaled about (0, 0), not \
              about its centre as shapely's `scale` does by default. M is not scaled (as \
              PostGIS's numeric forms leave it), `sz` changes nothing in a geometry without Z, \
              and a factor of -1 turns 0 into -0, as in PostGIS. The geometry keeps its type, \
              its parts (empty ones included) and its SRID; a factor of 0 flattens it without \
              changing its type.",
    examples: &[
        Example {
            sql: "st_scale(st_geomFromWKT('LINESTRING(1 2,3 4)'), 2, 0.5)",
            result: "LINESTRING(2 1,6 2)",
        },
        Example {
            sql: "st_scale(st_geomFromWKT('POINT ZM(1 2 3 4)'), 2, 3, 5)",
            result: "POINT ZM(2 6 15 4)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 3 {
        return map::<(Geometry, Double, Double), GeomBuf, _>(args, |(g, sx, sy), out| {
            out.push_wkb(|wkb| scale(g, *sx, *sy, 1.0, wkb))
                .map_err(KernelError::at(0))
        });
    }
    map::<(Geometry, Double, Double, Double), GeomBuf, _>(args, |(g, sx, sy, sz), out| {
        out.push_wkb(|wkb| scale(g, *sx, *sy, *sz, wkb))
            .map_err(KernelError::at(0))
    })
}
