use strabo_geom::editing::add_point;

use super::prelude::*;

const POINT: Param = Param::new(
    "point",
    SqlType::Geometry,
    "The vertex to add, a point with the SRID of the line.",
);

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_addPoint",
    aliases: &[],
    category: Category::Editing,
    signatures: &[Signature::new(
        &[
            LINE,
            POINT,
            Param::new(
                "position",
                SqlType::Int,
                "Where the vertex goes, from 0 (before the first) to the vertex count; -1 or left out appends.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The line string with a point added as a vertex, at the end or at a position.",
    details: "PostGIS's and Sedona's `ST_AddPoint`: the vertex is inserted before the vertex \
              at `position` (0-based); `position` equal to the vertex count, or -1, appends. It \
              takes the point's ordinates that the line has, and 0 for those the point lacks; \
              the line keeps its dimensions and SRID. As in PostGIS, a `line` that is not a \
              line string, a `point` that is not a point, and any other position (-2 and less \
              included) raise `IllegalArgumentException`; so do an empty point (PostGIS writes \
              undefined coordinates) and an empty line (PostGIS makes a line string of one \
              vertex, which no reader takes back).",
    examples: &[
        Example {
            sql: "st_addPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_point(2, 2))",
            result: "LINESTRING(0 0,1 1,2 2)",
        },
        Example {
            sql: "st_addPoint(st_geomFromWKT('LINESTRING(0 0,1 1)'), st_point(2, 2), 0)",
            result: "LINESTRING(2 2,0 0,1 1)",
        },
        Example {
            sql: "st_addPoint(st_geomFromWKT('LINESTRING Z(0 0 1,1 1 1)'), st_point(2, 2))",
            result: "LINESTRING Z(0 0 1,1 1 1,2 2 0)",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 2 {
        return map::<(Geometry, Geometry), GeomBuf, _>(args, |(line, point), out| {
            out.push_wkb(|wkb| add_point(line, point, None, wkb))
                .map_err(blamed)
        });
    }
    map::<(Geometry, Geometry, Int), GeomBuf, _>(args, |(line, point, position), out| {
        let position = Some(i64::from(*position));
        out.push_wkb(|wkb| add_point(line, point, position, wkb))
            .map_err(blamed)
    })
}
