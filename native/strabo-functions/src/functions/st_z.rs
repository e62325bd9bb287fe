use strabo_geom::accessors::z;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_z",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[Param::new("point", SqlType::Geometry, "A point.")],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some(
        "the geometry is not a point, is an empty point, or has no Z",
    )),
    summary: "The Z coordinate of a point.",
    details: "As PostGIS's `ST_Z`, NULL for a point without Z; a geometry that is not a point \
              gives NULL rather than PostGIS's error, as `st_x` does (Sedona's `ST_Z` answers NaN \
              for a point without Z). Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_z(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "3.0",
        },
        Example {
            sql: "st_z(st_geomFromWKT('POINT ZM(1 2 3 4)'))",
            result: "3.0",
        },
        Example {
            sql: "st_z(st_point(1, 2))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        match z(g) {
            Some(value) => out.push(value),
            None => out.push_null(),
        }
        Ok(())
    })
}
