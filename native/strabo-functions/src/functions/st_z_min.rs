use strabo_geom::accessors::z_range;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_zMin",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty")),
    summary: "The smallest Z of a geometry.",
    details: "Over every vertex but those of polygon holes, as PostGIS's `ST_ZMin` reads it from \
              the geometry's 3D box: 0 for a non-empty geometry without Z (its box is flat at 0), \
              NULL for an empty one. Sedona's `ST_ZMin` answers NULL for a geometry without Z. \
              Read from the coordinates in place.",
    examples: &[
        Example {
            sql: "st_zMin(st_geomFromWKT('LINESTRING Z(0 0 -1,1 1 5,2 2 2)'))",
            result: "-1.0",
        },
        Example {
            sql: "st_zMin(st_point(1, 2))",
            result: "0.0",
        },
        Example {
            sql: "st_zMin(st_geomFromWKT('POINT Z EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        if g.is_empty() {
            out.push_null();
        } else {
            // A geometry without Z lies in the plane Z = 0, as PostGIS boxes it.
            out.push(z_range(g).map_or(0.0, |(low, _)| low));
        }
        Ok(())
    })
}
