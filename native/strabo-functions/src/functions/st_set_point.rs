use strabo_geom::editing::set_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_setPoint",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            LINE,
            Param::new(
                "index",
                SqlType::Int,
                "The vertex to replace, from 0; negative counts from the end (-1 is the last).",
            ),
            Param::new(
                "point",
                SqlType::Geometry,
                "The new vertex, a point with the SRID of the line.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The line string with one vertex replaced by a point.",
    details: "PostGIS's and Sedona's `ST_SetPoint`: 0-based, a negative index counting from \
              the end. The new vertex takes the point's ordinates that the line has, and 0 for \
              those the point lacks (a Z line given a 2D point gets Z 0); the line keeps its \
              dimensions and SRID. As in PostGIS, a `line` that is not a line string (a multi \
              line string included), a `point` that is not a point, an empty line and an index \
              outside `-n` to `n - 1` raise `IllegalArgumentException`; so does an empty point \
              (PostGIS writes undefined coordinates).",
    examples: &[
        Example {
            sql: "st_setPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 1, st_point(5, 5))",
            result: "LINESTRING(0 0,5 5,2 2)",
        },
        Example {
            sql: "st_setPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), -1, st_point(5, 5))",
            result: "LINESTRING(0 0,1 1,5 5)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int, Geometry), GeomBuf, _>(args, |(line, index, point), out| {
        out.push_wkb(|wkb| set_point(line, i64::from(*index), point, wkb))
            .map_err(blamed)
    })
}
