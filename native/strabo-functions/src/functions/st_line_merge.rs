use strabo_geom::line_merge::line_merge;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lineMerge",
    aliases: &[],
    category: Category::LinearReferencing,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new(
                "directed",
                SqlType::Boolean,
                "Whether lines are only sewn head to tail, never reversed; false when left out.",
            )
            .optional(),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary:
        "The line strings of a geometry sewn together where exactly two of them end at a point.",
    details: "PostGIS's `ST_LineMerge(geom [, directed])` and Sedona's, as GEOS's `LineMerger` \
              sews: lines are joined at end points where exactly two line ends meet, and rings \
              of such lines are closed; with `directed`, only head to tail. The result is a \
              line string when one line is left, a multi line string when more, and \
              `GEOMETRYCOLLECTION EMPTY` when none (a polygon, a point, lines of one distinct \
              vertex); an empty geometry is returned as it is, as in PostGIS. The lines, their \
              vertex order and the order of the result are GEOS 3.13's; repeated vertices are \
              dropped. The line strings are those of the geometry, its members and its \
              collections at any depth; polygon rings are ignored, as PostGIS 3.3 with GEOS \
              3.11 ignores them (GEOS 3.12 and later merge them, and Sedona returns an empty \
              collection for anything but a multi line string). Z and M stay with their \
              vertices (GEOS drops M), and the SRID is kept.",
    examples: &[
        Example {
            sql: "st_lineMerge(st_geomFromWKT('MULTILINESTRING((0 0,1 1),(2 2,1 1))'))",
            result: "LINESTRING(0 0,1 1,2 2)",
        },
        Example {
            sql: "st_lineMerge(st_geomFromWKT('MULTILINESTRING((0 0,1 1),(2 2,1 1))'), true)",
            result: "MULTILINESTRING((0 0,1 1),(2 2,1 1))",
        },
        Example {
            sql: "st_lineMerge(st_geomFromWKT('MULTILINESTRING((0 0,1 1),(1 1,2 2),(1 1,1 2))'))",
            result: "MULTILINESTRING((0 0,1 1),(1 1,2 2),(1 1,1 2))",
        },
        Example {
            sql: "st_lineMerge(st_geomFromWKT('POLYGON((0 0,1 0,1 1,0 0))'))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    if args.len() == 1 {
        return map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
            out.push_wkb(|wkb| line_merge(g, false, wkb))
                .map_err(KernelError::at(0))
        });
    }
    map::<(Geometry, Boolean), GeomBuf, _>(args, |(g, directed), out| {
        out.push_wkb(|wkb| line_merge(g, *directed, wkb))
            .map_err(KernelError::at(0))
    })
}
