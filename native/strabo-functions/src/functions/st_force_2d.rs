use strabo_geom::affine::force_2d;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_force2D",
    aliases: &["st_force_2D"],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry without its Z and M.",
    details: "PostGIS's `ST_Force2D` (`ST_Force_2D` before PostGIS 2.1) and Sedona's \
              `ST_Force_2D`/`ST_Force2D`: every coordinate keeps only its X and Y. The \
              geometry keeps its type, its parts (empty ones included) and its SRID; a 2D \
              geometry is returned unchanged.",
    examples: &[
        Example {
            sql: "st_force2D(st_geomFromWKT('POINT ZM(1 2 3 4)'))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_force_2D(st_geomFromWKT('POLYGON Z((0 0 1,1 0 1,1 1 1,0 0 1))'))",
            result: "POLYGON((0 0,1 0,1 1,0 0))",
        },
        Example {
            sql: "st_force2D(st_geomFromWKT('LINESTRING M EMPTY'))",
            result: "LINESTRING EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb(|wkb| force_2d(g, wkb))
            .map_err(KernelError::at(0))
    })
}
