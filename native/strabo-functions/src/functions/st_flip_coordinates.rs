use strabo_geom::affine::flip_coordinates;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_flipCoordinates",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry with X and Y swapped.",
    details: "PostGIS's and Sedona's `ST_FlipCoordinates`, e.g. to turn latitude/longitude \
              data into the longitude/latitude order Strabo expects: every coordinate of every \
              part has its X and Y swapped; Z and M stay. The geometry keeps its type, its \
              parts (empty ones included) and its SRID (which is not checked against the new \
              axis order).",
    examples: &[
        Example {
            sql: "st_flipCoordinates(st_geomFromWKT('LINESTRING(1 2,3 4)'))",
            result: "LINESTRING(2 1,4 3)",
        },
        Example {
            sql: "st_flipCoordinates(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "POINT Z(2 1 3)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb(|wkb| flip_coordinates(g, wkb))
            .map_err(KernelError::at(0))
    })
}
