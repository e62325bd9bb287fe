use strabo_geom::accessors::point_n;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_pointN",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[
            Param::new("line", SqlType::Geometry, "A line string."),
            Param::new(
                "n",
                SqlType::Int,
                "Which vertex, counting from 1; a negative one counts back from the last (-1).",
            ),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some(
        "the geometry is not a line string, or has no vertex `n`",
    )),
    summary: "The `n`-th vertex of a line string, as a point.",
    details: "Counted from 1; a negative `n` counts back from the end (-1 is the last vertex), as \
              in PostGIS and GeoMesa. `n` = 0, an `n` out of range, or a geometry of any other \
              type gives NULL. Z and M are kept.",
    examples: &[
        Example {
            sql: "st_pointN(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 2)",
            result: "POINT(1 1)",
        },
        Example {
            sql: "st_pointN(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), -1)",
            result: "POINT(2 2)",
        },
        Example {
            sql: "st_pointN(st_geomFromWKT('LINESTRING Z(0 0 1,1 1 2)'), 1)",
            result: "POINT Z(0 0 1)",
        },
        Example {
            sql: "st_pointN(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'), 4)",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int), GeomBuf, _>(args, |(g, n), out| {
        out.push_wkb_or_null(|wkb| Ok(point_n(g, i64::from(*n), wkb)))
    })
}
