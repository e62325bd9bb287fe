use strabo_geom::accessors::geometry_n;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_geometryN",
    aliases: &[],
    category: Category::Accessors,
    signatures: &[Signature::new(
        &[
            GEOM,
            Param::new("n", SqlType::Int, "Which member, counting from 1."),
        ],
        SqlType::Geometry,
        Implementation::Scalar(bind),
    )],
    nulls: Nulls::Strict(Some("`n` is out of range, or the geometry is empty")),
    summary: "The `n`-th member of a multi-geometry or collection, counting from 1.",
    details: "Members are taken as they are stored, empty ones and nested collections included; Z \
              and M are kept. A geometry that is not a collection is its own only member. An empty \
              geometry, a collection of empty members included, has no members, as in PostGIS \
              (GeoMesa, through JTS, returns an empty point, line or polygon as its member 1). \
              Sedona's `ST_GeometryN` counts from 0.",
    examples: &[
        Example {
            sql: "st_geometryN(st_geomFromWKT('MULTIPOINT((1 1),(2 2))'), 2)",
            result: "POINT(2 2)",
        },
        Example {
            sql: "st_geometryN(st_geomFromWKT('GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,1 1))'), 2)",
            result: "LINESTRING(0 0,1 1)",
        },
        Example {
            sql: "st_geometryN(st_point(1, 2), 1)",
            result: "POINT(1 2)",
        },
        Example {
            sql: "st_geometryN(st_geomFromWKT('MULTIPOINT((1 1),(2 2))'), 3)",
            result: "NULL",
        },
    ],
};

fn bind(args: &BindArgs) -> Bound {
    map::<(Geometry, Int), GeomBuf, _>(args, |(g, n), out| {
        out.push_wkb_or_null(|wkb| Ok(geometry_n(g, i64::from(*n), wkb)))
    })
}
