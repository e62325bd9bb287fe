use strabo_geom::editing::reverse;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_reverse",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry with the vertex order of its lines and rings reversed.",
    details: "PostGIS's and Sedona's `ST_Reverse`, as GEOS reverses: each line string and \
              each polygon ring runs the other way (so a polygon's orientation flips); points, \
              the order of parts and empty parts stay as they are. Z and M stay with their \
              vertices, and the SRID is kept.",
    examples: &[
        Example {
            sql: "st_reverse(st_geomFromWKT('LINESTRING(0 0,1 1,2 0)'))",
            result: "LINESTRING(2 0,1 1,0 0)",
        },
        Example {
            sql: "st_reverse(st_geomFromWKT('MULTILINESTRING((0 0,1 1),(5 5,6 5))'))",
            result: "MULTILINESTRING((1 1,0 0),(6 5,5 5))",
        },
        Example {
            sql: "st_reverse(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 0))'))",
            result: "POLYGON((0 0,1 1,1 0,0 0))",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb(|wkb| reverse(g, wkb))
            .map_err(KernelError::at(0))
    })
}
