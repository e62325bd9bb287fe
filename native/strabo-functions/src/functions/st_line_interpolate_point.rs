use strabo_geom::linear_ref::line_interpolate_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lineInterpolatePoint",
    aliases: &[],
    category: Category::LinearReferencing,
    signatures: &[Signature::new(
        &[
            LINE,
            Param::new(
                "fraction",
                SqlType::Double,
                "How far along the line, as a fraction of its length from 0 (its start) to 1 (its end).",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The point at a fraction of a line string's length.",
    details: "PostGIS's and Sedona's `ST_LineInterpolatePoint`, with the planar length (X and \
              Y); the point's Z and M are interpolated along the segment it falls on, and it \
              has the line's SRID. An empty line gives an empty point, and a line of zero \
              length its last vertex (as in PostGIS; GEOS gives the first). As in PostGIS, a \
              fraction outside [0, 1] and a geometry that is not a line string (a multi line \
              string included) raise `IllegalArgumentException`; so does a NaN fraction \
              (PostGIS returns the last vertex).",
    examples: &[
        Example {
            sql: "st_lineInterpolatePoint(st_geomFromWKT('LINESTRING(0 0,4 0,4 3)'), 0.5)",
            result: "POINT(3.5 0)",
        },
        Example {
            sql: "st_lineInterpolatePoint(st_geomFromWKT('LINESTRING Z(0 0 0,10 0 10)'), 0.25)",
            result: "POINT Z(2.5 0 2.5)",
        },
        Example {
            sql: "st_lineInterpolatePoint(st_geomFromWKT('LINESTRING EMPTY'), 0.5)",
            result: "POINT EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Double), GeomBuf, _>(args, |(line, fraction), out| {
        out.push_wkb(|wkb| line_interpolate_point(line, *fraction, wkb))
            .map_err(blamed)
    })
}
