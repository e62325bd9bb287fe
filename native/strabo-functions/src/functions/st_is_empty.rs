use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isEmpty",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the geometry has no coordinates.",
    details:
        "An `EMPTY` geometry, and a multi-geometry or collection whose members are all empty, \
              are empty, as in PostGIS, GeoMesa and Sedona. WKB writes an empty point as NaN \
              coordinates, so a point whose X and Y are NaN is empty, and so is any geometry all \
              of whose coordinates are (PostGIS finds a line of NaN vertices not empty). Read from \
              the WKB in place.",
    examples: &[
        Example {
            sql: "st_isEmpty(st_geomFromWKT('POINT EMPTY'))",
            result: "true",
        },
        Example {
            sql: "st_isEmpty(st_geomFromWKT('GEOMETRYCOLLECTION(POINT EMPTY,LINESTRING EMPTY)'))",
            result: "true",
        },
        Example {
            sql: "st_isEmpty(st_point(1, 2))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(g.is_empty());
        Ok(())
    })
}
