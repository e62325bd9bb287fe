use strabo_geom::accessors::start_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_startPoint",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is empty, or its first member is")),
    summary: "The first vertex of a geometry, as a point.",
    details: "As PostGIS (3.2 and later) answers: the first vertex of a line string or of a \
              polygon's shell, a point itself, and a multi-geometry's or collection's first \
              member's start point. Z and M are kept. An empty geometry, or one whose first member \
              is empty, gives NULL. Sedona's `ST_StartPoint` answers for line strings only.",
    examples: &[
        Example {
            sql: "st_startPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'))",
            result: "POINT(0 0)",
        },
        Example {
            sql: "st_startPoint(st_geomFromWKT('POLYGON((1 1,4 1,4 4,1 1))'))",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_startPoint(st_geomFromWKT('LINESTRING EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb_or_null(|wkb| Ok(start_point(g, wkb)))
    })
}
