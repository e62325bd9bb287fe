use strabo_geom::construct::collect;

use super::prelude::*;

pub(crate) const SPEC: FunctionSpec = FunctionSpec {
    name: "st_collect",
    aliases: &[],
    category: Category::Constructors,
    signatures: &[
        Signature::new(
            &[Param::new(
                "geoms",
                SqlType::Array(&SqlType::Geometry),
                "The geometries to collect; NULL items are skipped.",
            )],
            SqlType::Geometry,
            Implementation::Scalar(bind_array),
        ),
        Signature::new(
            &[
                GEOM,
                Param::new(
                    "more",
                    SqlType::Geometry,
                    "More geometries, with the SRID of the first.",
                )
                .variadic(),
            ],
            SqlType::Geometry,
            Implementation::Scalar(bind_geometries),
        ),
    ],
    nulls: Nulls::Strict(Some("a geometry argument (not an array item) is NULL")),
    summary: "The geometries as one: a multipoint, multiline or multipolygon when all are of that kind, else a geometry collection.",
    details: "PostGIS's `ST_Collect` and Sedona's: the parts are kept as they are, not unioned \
              (use `st_unaryUnion` for that); multi-part inputs make a geometry collection. Z \
              and M are kept (a part without them gets 0). Takes an array, or any number of \
              geometry arguments. The result has the SRID the parts share; parts of different \
              SRIDs raise `IllegalArgumentException`. See `st_collect_agg` for the aggregate.",
    examples: &[
        Example {
            sql: "st_collect(st_point(1, 2), st_point(3, 4))",
            result: "MULTIPOINT((1 2),(3 4))",
        },
        Example {
            sql: "st_collect(st_point(1, 2), st_geomFromWKT('LINESTRING(0 0,1 1)'), st_point(5, 5))",
            result: "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),POINT(5 5))",
        },
        Example {
            sql: "st_collect(array(st_makeBBOX(0, 0, 1, 1), NULL, st_makeBBOX(2, 2, 3, 3)))",
            result: "MULTIPOLYGON(((0 0,0 1,1 1,1 0,0 0)),((2 2,2 3,3 3,3 2,2 2)))",
        },
    ],
};

fn bind_array(args: &BindArgs) -> Bound {
    map::<(ArrayOf<Geometry>,), GeomBuf, _>(args, |(items,), out| {
        let (parts, srid) = array_geometries(items, 0)?;
        out.set_srid(srid);
        let parts: Vec<_> = parts.iter().collect();
        out.push_wkb(|wkb| collect(&parts, wkb))
            .map_err(KernelError::at(0))
    })
}

fn bind_geometries(args: &BindArgs) -> Bound {
    map::<(Geometry, Rest<Geometry>), GeomBuf, _>(args, |(first, more), out| {
        let mut parts = vec![first];
        parts.extend(more.iter());
        out.push_wkb(|wkb| collect(&parts, wkb))
            .map_err(KernelError::from)
    })
}
