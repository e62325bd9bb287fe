use strabo_geom::accessors::is_closed;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isClosed",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if every line of the geometry ends where it starts.",
    details: "As PostGIS's `ST_IsClosed`: a line string is closed when its last vertex is its \
              first in X, Y and (where it has one) Z, compared exactly; a polygon when all its \
              rings are, a multi-geometry or collection when all its members are; a non-empty \
              point is closed, and an empty geometry, or a collection with an empty member, is \
              not. GeoMesa's `st_isClosed` compares X and Y of line strings and multi line strings \
              only and answers true for every other geometry, empty ones included; Sedona's \
              answers true for points, polygons, multipoints and multipolygons and false for \
              collections.",
    examples: &[
        Example {
            sql: "st_isClosed(st_geomFromWKT('LINESTRING(0 0,1 1,1 0,0 0)'))",
            result: "true",
        },
        Example {
            sql: "st_isClosed(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result: "false",
        },
        Example {
            sql: "st_isClosed(st_geomFromWKT('LINESTRING Z(0 0 0,1 1 0,0 0 1)'))",
            result: "false",
        },
        Example {
            sql: "st_isClosed(st_makeBBOX(0, 0, 1, 1))",
            result: "true",
        },
        Example {
            sql: "st_isClosed(st_geomFromWKT('POINT EMPTY'))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(is_closed(g));
        Ok(())
    })
}
