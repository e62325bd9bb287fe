use strabo_geom::accessors::end_point;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_endPoint",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("the geometry is not a line string, or is empty")),
    summary: "The last vertex of a line string, as a point.",
    details:
        "Z and M are kept. An empty line string, or a geometry of any other type, gives NULL, \
              as in PostGIS and Sedona: unlike its `ST_StartPoint`, PostGIS's `ST_EndPoint` \
              answers for line strings only.",
    examples: &[
        Example {
            sql: "st_endPoint(st_geomFromWKT('LINESTRING(0 0,1 1,2 2)'))",
            result: "POINT(2 2)",
        },
        Example {
            sql: "st_endPoint(st_geomFromWKT('LINESTRING M(0 0 1,1 1 2)'))",
            result: "POINT M(1 1 2)",
        },
        Example {
            sql: "st_endPoint(st_point(1, 2))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push_wkb_or_null(|wkb| Ok(end_point(g, wkb)))
    })
}
