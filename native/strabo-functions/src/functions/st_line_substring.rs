use strabo_geom::linear_ref::line_substring;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lineSubstring",
    aliases: &[],
    category: Category::LinearReferencing,
    signatures: &[Signature::new(
        &[
            Param::new(
                "line",
                SqlType::Geometry,
                "The line string or multi line string to cut.",
            ),
            Param::new(
                "start",
                SqlType::Double,
                "Where the part starts, as a fraction of the length from 0 to 1.",
            ),
            Param::new(
                "end",
                SqlType::Double,
                "Where the part ends, as a fraction of the length from `start` to 1.",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the line is empty")),
    summary: "The part of a line string between two fractions of its length.",
    details: "PostGIS's and Sedona's `ST_LineSubstring`, with the planar length (X and Y): a \
              line string, or a point when `start` = `end`; Z and M are interpolated at its \
              ends and it has the line's SRID. A multi line string is cut as PostGIS cuts it, \
              each member over its share of the total length, into a multi line string (or a \
              collection when a member is cut to a point). As in PostGIS, fractions outside \
              [0, 1] (NaN included), `start` > `end`, and a geometry that is neither a line \
              string nor a multi line string raise `IllegalArgumentException`; shapely's \
              `substring` also takes fractions in reverse order or negative, PostGIS and \
              Strabo do not.",
    examples: &[
        Example {
            sql: "st_lineSubstring(st_geomFromWKT('LINESTRING(0 0,4 0,4 3)'), 0.25, 0.75)",
            result: "LINESTRING(1.75 0,4 0,4 1.25)",
        },
        Example {
            sql: "st_lineSubstring(st_geomFromWKT('LINESTRING(0 0,10 0)'), 0.5, 0.5)",
            result: "POINT(5 0)",
        },
        Example {
            sql: "st_lineSubstring(st_geomFromWKT('MULTILINESTRING((0 0,4 0),(10 0,10 4))'), 0.25, 0.75)",
            result: "MULTILINESTRING((2 0,4 0),(10 0,10 2))",
        },
        Example {
            sql: "st_lineSubstring(st_geomFromWKT('LINESTRING EMPTY'), 0.25, 0.75)",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double, Double), GeomBuf, _>(args, |(line, start, end), out| {
        out.push_wkb_or_null(|wkb| line_substring(line, *start, *end, wkb))
            .map_err(blamed)
    })
}
