use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_castToGeometry",
    aliases: &[],
    category: Category::Casts,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "The geometry as it is.",
    details: "GeoMesa's cast of any geometry to its `Geometry` type: the identity, with the SRID, \
              Z and M kept.",
    examples: &[
        Example {
            sql: "st_castToGeometry(st_point(1, 2))",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_castToGeometry(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))",
            result: "GEOMETRYCOLLECTION EMPTY",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), GeomBuf, _>(args, |(g,), out| {
        out.push(g);
        Ok(())
    })
}
