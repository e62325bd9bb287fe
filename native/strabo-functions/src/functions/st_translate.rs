use strabo_geom::affine::translate;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_translate",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "dx",
                SqlType::Double,
                "Added to X, in the units of the coordinates.",
            ),
            Param::new(
                "dy",
                SqlType::Double,
                "Added to Y, in the units of the coordinates.",
            ),
            Param::new(
                "dz",
                SqlType::Double,
                "Added to Z where the geometry has Z; 0 when left out.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry moved by an offset.",
    details: "GeoMesa's `st_translate(geom, dx, dy)` and PostGIS's and Sedona's \
              `ST_Translate(geom, dx, dy [, dz])`: every coordinate is moved, in every part; \
              `dz` changes nothing in a geometry without Z (which stays 2D), and M is never \
              changed. The geometry keeps its type, its parts (empty ones included) and its \
              SRID; an empty geometry is returned as it is. NaN and infinite offsets go \
              through the arithmetic, as in PostGIS.",
    examples: &[
        Example {
            sql: "st_translate(st_geomFromWKT('LINESTRING(1 2,3 4)'), 10, 20)",
            result: "LINESTRING(11 22,13 24)",
        },
        Example {
            sql: "st_translate(st_geomFromWKT('POINT Z(1 2 3)'), 1, 1, 1)",
            result: "POINT Z(2 3 4)",
        },
        Example {
            sql: "st_translate(st_point(1, 2), 1, 1, 5)",
            result: "POINT(2 3)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 3 {
        return map::<(Geometry, Double, Double), GeomBuf, _>(args, |(g, dx, dy), out| {
            out.push_wkb(|wkb| translate(g, *dx, *dy, 0.0, wkb))
                .map_err(KernelError::at(0))
        });
    }
    map::<(Geometry, Double, Double, Double), GeomBuf, _>(args, |(g, dx, dy, dz), out| {
        out.push_wkb(|wkb| translate(g, *dx, *dy, *dz, wkb))
            .map_err(KernelError::at(0))
    })
}
