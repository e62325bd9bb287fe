use strabo_geom::accessors::y;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_y",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature {
        params: &[Param::new("point", SqlType::Geometry, "A point.")],
        returns: SqlType::Double,
        srid: ResultSrid::Shared,
        implementation: Implementation::Scalar(bind),
    }],
    nulls: Nulls::Strict(Some("the geometry is not a point, or is an empty point")),
    summary: "The Y coordinate of a point.",
    details: "Returns DOUBLE (GeoMesa returns FLOAT). As in Sedona and GeoMesa, a geometry that \
              is not a point gives NULL rather than an error. Read from the WKB in place.",
    examples: &[
        Example {
            sql: "st_y(st_point(1.5, 2.5))",
            result: "2.5",
        },
        Example {
            sql: "st_y(st_geomFromWKT('LINESTRING(0 0,1 1)'))",
            result: "NULL",
        },
        Example {
            sql: "st_y(st_geomFromWKT('POINT EMPTY'))",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), PrimBuf<f64>, _>(args, |(g,), out| {
        match y(g) {
            Some(value) => out.push(value),
            None => out.push_null(),
        }
        Ok(())
    })
}
