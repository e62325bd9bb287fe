use strabo_geom::accessors::m;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_m",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[Param::new("point", SqlType::Geometry, "A point.")],
        SqlType::Double,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some(
        "the geometry is not a point, is an empty point, or has no M",
    )),
    summary: "The M coordinate (measure) of a point.",
    details: "As PostGIS's `ST_M`, NULL for a point without M; a geometry that is not a point \
              gives NULL rather than PostGIS's error, as `st_x` does (Sedona's `ST_M` answers NaN \
              for a point without M). Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_m(st_geomFromWKT('POINT M(1 2 4)'))",
            result: "4.0",
        },
        Example {
            sql: "st_m(st_geomFromWKT('POINT ZM(1 2 3 4)'))",
            result: "4.0",
        },
        Example {
            sql: "st_m(st_geomFromWKT('POINT Z(1 2 3)'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        match m(g) {
            Some(value) => out.push(value),
            None => out.push_null(),
        }
        Ok(())
    })
}
