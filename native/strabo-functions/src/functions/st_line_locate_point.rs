use strabo_geom::linear_ref::line_locate_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_lineLocatePoint",
    aliases: &[],
    category: Category::LinearReferencing,
    signatures: &[Signature::new(
        &[
            LINE,
            Param::new(
                "point",
                SqlType::Geometry,
                "The point to locate, with the SRID of the line.",
            ),
        ],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The fraction of a line string's length at which its point nearest to a point lies, from 0 to 1.",
    details: "PostGIS's and Sedona's `ST_LineLocatePoint`, planar (X and Y): the point is \
              projected onto the first of the line's nearest segments; 1 when the projection \
              is within 1e-12 of the last vertex, as in PostGIS, so 1 for a line of zero \
              length (GEOS gives NaN). 0 for an empty line and for an empty point (PostGIS \
              answers an undefined value). As in PostGIS, a `line` that is not a line \
              string (a multi line string included) and a `point` that is not a point raise \
              `IllegalArgumentException`.",
    examples: &[
        Example {
            sql: "st_lineLocatePoint(st_geomFromWKT('LINESTRING(0 0,10 0)'), st_point(2.5, 3))",
            result: "0.25",
        },
        Example {
            sql: "st_lineLocatePoint(st_geomFromWKT('LINESTRING(0 0,4 0,4 3)'), st_point(5, 1))",
            result: "0.7142857142857143",
        },
        Example {
            sql: "st_lineLocatePoint(st_geomFromWKT('LINESTRING(0 0,10 0)'), st_point(20, 0))",
            result: "1.0",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Geometry), PrimBuf<f64>, _>(args, |(line, point), out| {
        out.push(line_locate_point(line, point).map_err(blamed)?);
        Ok(())
    })
}
