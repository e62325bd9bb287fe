use strabo_geom::editing::remove_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_removePoint",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            LINE,
            Param::new("index", SqlType::Int, "The vertex to remove, from 0."),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The line string without one of its vertices.",
    details: "PostGIS's `ST_RemovePoint` and Sedona's with an index: 0-based; the line keeps its \
              dimensions and SRID. As in PostGIS, a `line` that is not a line string, an index \
              outside 0 to `n - 1` (negative ones included), and a line of fewer than 3 \
              vertices (which would be left with fewer than 2) raise \
              `IllegalArgumentException`. Sedona's form without an index, which removes the \
              last vertex, is `st_removePoint(line, st_numPoints(line) - 1)`.",
    examples: &[
        Example {
            sql: "st_removePoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 1)",
            result: "LINESTRING(0 0,2 2)",
        },
        Example {
            sql: "st_removePoint(st_geomFromWKT('LINESTRING ZM(0 0 1 5,1 1 2 6,2 2 3 7)'), 0)",
            result: "LINESTRING ZM(1 1 2 6,2 2 3 7)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int), GeomBuf, _>(args, |(line, index), out| {
        out.push_wkb(|wkb| remove_point(line, i64::from(*index), wkb))
            .map_err(blamed)
    })
}
