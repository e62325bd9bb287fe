use strabo_geom::accessors::is_collection;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_isCollection",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[GEOM],
        SqlType::Boolean,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(None),
    summary: "True if the geometry is a multi-geometry or a geometry collection.",
    details: "Decided by the type alone: an empty `MULTIPOINT` or `GEOMETRYCOLLECTION` is a \
              collection, and a multi-geometry of one member too, as in PostGIS, GeoMesa and \
              Sedona. Read from the WKB header.",
    examples: &[
        Example {
            sql: "st_isCollection(st_geomFromWKT('MULTIPOINT((0 0),(1 1))'))",
            result: "true",
        },
        Example {
            sql: "st_isCollection(st_geomFromWKT('GEOMETRYCOLLECTION EMPTY'))",
            result: "true",
        },
        Example {
            sql: "st_isCollection(st_point(1, 2))",
            result: "false",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry,), BoolBuf, _>(args, |(g,), out| {
        out.push(is_collection(g));
        Ok(())
    })
}
